"""Plain-text views: wrapped to the width, no escape codes. The default in a pipe."""

from __future__ import annotations

import os
import textwrap
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from .wording import LEGEND_HEADING, source_line

if TYPE_CHECKING:
    from collections.abc import Sequence

    from ..catalogue.model import Catalogue
    from .viewmodel import (
        BenefitLine,
        BenefitListView,
        BenefitView,
        CautionView,
        Citation,
        SearchView,
        Verdict,
    )


_KEEP = "\u00a0"  # joins words that must not be split across lines; a space once wrapped


def _wrap(text: str, width: int, indent: str = "", first: str | None = None) -> list[str]:
    # A word longer than the line (a DOI link) stays whole, so it can still be copied.
    lines = textwrap.wrap(
        text,
        width=max(10, width),
        initial_indent=indent if first is None else first,
        subsequent_indent=indent,
        break_on_hyphens=False,
        break_long_words=False,
    ) or [indent.rstrip()]
    return [line.replace(_KEEP, " ") for line in lines]


def _verdict(verdict: Verdict) -> str:
    """`[~] limited`, kept on one line when wrapped."""
    return verdict.label.replace(" ", _KEEP)


def _footer(catalogue: Catalogue, width: int) -> list[str]:
    lines = [""]
    if source_line(catalogue):
        lines += _wrap(f"Source: {source_line(catalogue)}", width)
    lines += _wrap(f"Disclaimer: {catalogue.disclaimer}", width)
    return lines


def _legend(verdicts: Sequence[Verdict], width: int) -> list[str]:
    """What each verdict shown means, under a list of benefits."""
    if not verdicts:
        return []
    lines = ["", *_wrap(LEGEND_HEADING, width)]
    for verdict in verdicts:
        entry = f"{verdict.label}: {verdict.meaning}" if verdict.meaning else verdict.label
        lines += _wrap(entry, width, indent="      ", first="  ")
    return lines


def list_view(catalogue: Catalogue, view: BenefitListView, width: int) -> str:
    lines: list[str] = []
    for line in view.entries:
        lines += _entry(f"{line.id:>2}  {line.title} ({line.category})", line, width)
        lines += _wrap(line.summary, width, indent="    ")
    lines += _legend(view.verdicts, width)
    return "\n".join(lines + _footer(catalogue, width)) + "\n"


def _entry(head: str, line: BenefitLine, width: int) -> list[str]:
    """A list entry's first line: `head`, then its verdict, kept whole."""
    if line.verdict:
        head += f" {_verdict(line.verdict)}"
    return _wrap(head, width, indent="    ", first="")


def _caution(caution: CautionView, width: int, first: str, indent: str) -> list[str]:
    """`title (id)` after `first`, then who it concerns and what to do, under `indent`.

    A title after a marker wraps under `indent`; one with no marker is a heading, at the margin.
    """
    hang = indent if first else ""
    lines = _wrap(f"{first}{caution.title} ({caution.id})", width, indent=hang, first="")
    lines += _wrap(f"Who: {caution.who}", width, indent=indent)
    return lines + _wrap(caution.text, width, indent=indent)


def _citations(citations: Iterable[Citation], width: int, indent: str) -> list[str]:
    lines: list[str] = []
    for citation in citations:
        link = f" {citation.url}" if citation.url else ""
        lines += _wrap(f"{citation.short}.{link}", width, indent=indent + "  ", first=indent + "- ")
    return lines


def show_view(catalogue: Catalogue, view: BenefitView, width: int) -> str:
    line = view.line
    lines = _wrap(f"{line.id}. {line.title}", width)
    lines += _wrap(f"Category: {line.category}", width)
    lines += [""] + _wrap(line.summary, width)
    lines += [""] + _wrap(view.description, width)
    if view.notes:
        lines += [""] + _wrap(f"Notes: {view.notes}", width)
    if view.evidence:
        lines += ["", "Evidence"]
        lines += _wrap(f"Verdict: {view.evidence.verdict.with_meaning}", width, indent="  ")
        lines += _wrap(view.evidence.summary, width, indent="  ")
        lines += _citations(view.evidence.references, width, "  ")
    lines += ["", "Cautions"]
    for caution in view.cautions:
        lines += _caution(caution, width, "  - ", "    ")
    lines += _wrap(view.cautions_note, width, indent="  ")
    if view.keywords:
        lines += [""] + _wrap(f"Keywords: {', '.join(view.keywords)}", width)
    if view.related:
        lines += [""] + _wrap(f"Related: {view.related_names}", width)
    return "\n".join(lines + _footer(catalogue, width)) + "\n"


def search_view(catalogue: Catalogue, view: SearchView, width: int) -> str:
    lines: list[str] = []
    for notice in view.notices:
        lines += _wrap(notice, width)
    if lines:
        lines.append("")
    benefits: list[str] = []
    for hit in view.benefits:
        benefits += _entry(f"{hit.line.id:>2}  {hit.line.title}", hit.line, width)
        if hit.snippet:
            benefits += _wrap(hit.snippet, width, indent="    ")
        benefits += _wrap(f"({hit.reason})", width, indent="    ")
    cautions = _caution_hits(view, width)
    if cautions and benefits:
        benefits = ["Benefits", *benefits]
    sections = [cautions, benefits] if view.cautions_first else [benefits, cautions]
    for number, section in enumerate(s for s in sections if s):
        if number:
            lines.append("")
        lines += section
    if view.shown:
        lines += ["", view.shown]
    lines += _legend(view.verdicts, width)
    return "\n".join(lines + _footer(catalogue, width)) + "\n"


def _caution_hits(view: SearchView, width: int) -> list[str]:
    if not view.cautions:
        return []
    lines = _wrap(view.cautions_heading, width)
    for hit in view.cautions:
        lines += _caution(hit.caution, width, " !  ", "    ")
        if hit.caution.concerns:
            lines += _wrap(hit.caution.concerns, width, indent="    ")
        if hit.reason:
            lines += _wrap(f"({hit.reason})", width, indent="    ")
    return lines


def cautions_view(catalogue: Catalogue, cautions: Iterable[CautionView], width: int) -> str:
    lines: list[str] = []
    for caution in cautions:
        if lines:
            lines.append("")
        lines += _caution(caution, width, "", "  ")
        lines += _citations(caution.references, width, "  ")
        if caution.concerns:
            lines += _wrap(caution.concerns, width, indent="  ")
    return "\n".join(lines + _footer(catalogue, width)) + "\n"


def references_view(catalogue: Catalogue, citations: Iterable[Citation], width: int) -> str:
    lines: list[str] = []
    for citation in citations:
        if lines:
            lines.append("")
        lines += _wrap(f"[{citation.id}] {citation.full}", width, indent="  ", first="")
        if citation.url:
            lines.append(f"  {citation.url}")  # whole, however narrow: a link to copy
        lines += _wrap(citation.finding, width, indent="  ")
        if citation.cited_by:
            lines += _wrap(citation.cited_by, width, indent="  ")
    return "\n".join(lines + _footer(catalogue, width)) + "\n"


def about_view(about: dict[str, Any]) -> str:
    """`about`: the catalogue's size and the files it was stacked from (queries.about_data)."""
    from ..catalogue.load import ENV_VARIABLE

    lines = [
        f"{about['title']}: {about['benefits']} benefits, {about['references']} references, {about['cautions']} cautions",
        *(
            [f"Evidence checked as of {about['evidence_as_of']}."]
            if about["evidence_as_of"]
            else []
        ),
        "",
        "Files, in the order they were stacked:",
    ]
    for number, f in enumerate(about["files"], 1):
        lines.append(
            f"  {number}. {f['path']} ({f['role']}): {f['benefits_added']} added, {f['benefits_extended']} extended"
        )
    personal = about["personal_overlay"]
    lines += [
        "",
        f"Personal overlay: {personal['path'] or '(no home folder)'} ({'loaded' if personal['exists'] else 'not present'})",
        f"More files: {ENV_VARIABLE} (separated by {os.pathsep!r}) and --catalogue PATH.",
    ]
    return "\n".join(lines) + "\n"
