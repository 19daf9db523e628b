"""Plain-text views: wrapped to the width, no escape codes. The default in a pipe."""

from __future__ import annotations

import os
import textwrap
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from .wording import (
    LEGEND_HEADING,
    NO_OWN_CAUTION,
    OTHER_CAUTIONS,
    cautions_heading,
    citation_line,
    evidence_references,
    match_reason,
    reference_cited_by,
    related_benefits,
    source_line,
    verdict_label,
    verdict_legend,
    verdict_with_meaning,
)

if TYPE_CHECKING:
    from ..catalogue.model import Benefit, Catalogue, Caution, Reference
    from ..finding.search import SearchResult


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


def _verdict(verdict: str) -> str:
    """`[~] limited`, kept on one line when wrapped."""
    return verdict_label(verdict).replace(" ", _KEEP)


def _footer(catalogue: Catalogue, width: int) -> list[str]:
    lines = [""]
    if source_line(catalogue):
        lines += _wrap(f"Source: {source_line(catalogue)}", width)
    lines += _wrap(f"Disclaimer: {catalogue.disclaimer}", width)
    return lines


def _legend(catalogue: Catalogue, benefits: Iterable[Benefit], width: int) -> list[str]:
    """What each verdict shown means, under a list of benefits."""
    legend = verdict_legend(catalogue, benefits)
    if not legend:
        return []
    lines = ["", *_wrap(LEGEND_HEADING, width)]
    for label, meaning in legend:
        lines += _wrap(
            f"{label}: {meaning}" if meaning else label, width, indent="      ", first="  "
        )
    return lines


def list_view(catalogue: Catalogue, benefits: Iterable[Benefit], width: int) -> str:
    benefits = list(benefits)
    lines: list[str] = []
    for benefit in benefits:
        head = f"{benefit.id:>2}  {benefit.title} ({catalogue.category_label(benefit.category)})"
        if benefit.evidence:
            head += f" {_verdict(benefit.evidence.verdict)}"
        lines += _wrap(head, width, indent="    ", first="")
        lines += _wrap(benefit.summary, width, indent="    ")
    lines += _legend(catalogue, benefits, width)
    return "\n".join(lines + _footer(catalogue, width)) + "\n"


def show_view(catalogue: Catalogue, benefit: Benefit, width: int) -> str:
    lines = _wrap(f"{benefit.id}. {benefit.title}", width)
    lines += _wrap(f"Category: {catalogue.category_label(benefit.category)}", width)
    lines += [""] + _wrap(benefit.summary, width)
    lines += [""] + _wrap(benefit.description, width)
    if benefit.notes:
        lines += [""] + _wrap(f"Notes: {benefit.notes}", width)
    if benefit.evidence:
        lines += ["", "Evidence"]
        lines += _wrap(
            f"Verdict: {verdict_with_meaning(catalogue, benefit.evidence.verdict)}",
            width,
            indent="  ",
        )
        lines += _wrap(benefit.evidence.summary, width, indent="  ")
        for reference in evidence_references(catalogue, benefit):
            lines += _wrap(citation_line(reference), width, indent="    ", first="  - ")
    cautions = [c for cid in benefit.cautions if (c := catalogue.caution(cid))]
    if cautions:
        lines += ["", "Cautions"]
        for caution in cautions:
            lines += _wrap(f"{caution.title} ({caution.id})", width, indent="    ", first="  - ")
            lines += _wrap(f"Who: {caution.who}", width, indent="    ")
            lines += _wrap(caution.text, width, indent="    ")
        lines += _wrap(OTHER_CAUTIONS, width, indent="  ")
    else:
        lines += ["", "Cautions", *_wrap(NO_OWN_CAUTION, width, indent="  ")]
    if benefit.keywords:
        lines += [""] + _wrap(f"Keywords: {', '.join(benefit.keywords)}", width)
    related = related_benefits(catalogue, benefit)
    if related:
        lines += [""] + _wrap("Related: " + "; ".join(f"{r.id} {r.title}" for r in related), width)
    return "\n".join(lines + _footer(catalogue, width)) + "\n"


def search_view(catalogue: Catalogue, result: SearchResult, width: int) -> str:
    from ..finding.search import notices

    lines: list[str] = []
    for notice in notices(result):
        lines += _wrap(notice, width)
    if lines:
        lines.append("")
    benefits = _benefit_hits(result, width)
    cautions = _caution_hits(catalogue, result, width)
    if cautions and benefits:
        benefits = ["Benefits", *benefits]
    sections = [cautions, benefits] if result.cautions_first else [benefits, cautions]
    for number, section in enumerate(s for s in sections if s):
        if number:
            lines.append("")
        lines += section
    if result.limited:
        lines += [
            "",
            f"{len(result.benefit_hits)} of {result.total - result.hidden} results shown (--limit).",
        ]
    lines += _legend(catalogue, (hit.benefit for hit in result.benefit_hits), width)
    return "\n".join(lines + _footer(catalogue, width)) + "\n"


def _benefit_hits(result: SearchResult, width: int) -> list[str]:
    lines: list[str] = []
    for hit in result.benefit_hits:
        head = f"{hit.benefit.id:>2}  {hit.benefit.title}"
        if hit.benefit.evidence:
            head += f" {_verdict(hit.benefit.evidence.verdict)}"
        lines += _wrap(head, width, indent="    ", first="")
        if hit.snippet:
            lines += _wrap(hit.snippet.text, width, indent="    ")
        lines += _wrap(f"({match_reason(hit.matches)})", width, indent="    ")
    return lines


def _caution_hits(catalogue: Catalogue, result: SearchResult, width: int) -> list[str]:
    if not result.cautions:
        return []
    lines = _wrap(cautions_heading(result), width)
    for hit in result.cautions:
        caution = hit.caution
        lines += _wrap(f" !  {caution.title} ({caution.id})", width, indent="    ", first="")
        lines += _wrap(f"Who: {caution.who}", width, indent="    ")
        lines += _wrap(caution.text, width, indent="    ")
        benefits = catalogue.benefits_with_caution(caution.id)
        if benefits:
            lines += _wrap(
                "Concerns: " + "; ".join(f"{b.id} {b.title}" for b in benefits),
                width,
                indent="    ",
            )
        if hit.matches:
            lines += _wrap(f"({match_reason(hit.matches)})", width, indent="    ")
    return lines


def cautions_view(catalogue: Catalogue, cautions: Iterable[Caution], width: int) -> str:
    lines: list[str] = []
    for caution in cautions:
        if lines:
            lines.append("")
        lines += _wrap(f"{caution.title} ({caution.id})", width)
        lines += _wrap(f"Who: {caution.who}", width, indent="  ")
        lines += _wrap(caution.text, width, indent="  ")
        for reference in (r for rid in caution.references if (r := catalogue.reference(rid))):
            lines += _wrap(citation_line(reference), width, indent="    ", first="  - ")
        benefits = catalogue.benefits_with_caution(caution.id)
        if benefits:
            lines += _wrap(
                "Concerns: " + "; ".join(f"{b.id} {b.title}" for b in benefits), width, indent="  "
            )
    return "\n".join(lines + _footer(catalogue, width)) + "\n"


def references_view(catalogue: Catalogue, references: Iterable[Reference], width: int) -> str:
    lines: list[str] = []
    for reference in references:
        if lines:
            lines.append("")
        citation = f" {reference.citation}." if reference.citation else ""
        lines += _wrap(
            f"[{reference.id}] {reference.authors} ({reference.year}). {reference.title}. {reference.journal}.{citation}",
            width,
            indent="  ",
            first="",
        )
        if reference.doi_url:
            lines.append(f"  {reference.doi_url}")  # whole, however narrow: a link to copy
        lines += _wrap(reference.finding, width, indent="  ")
        uses = reference_cited_by(catalogue, reference)
        if uses:
            lines += _wrap(uses, width, indent="  ")
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
