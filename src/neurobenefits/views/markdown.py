"""Markdown documents of every answer: clean headings and lists for a wiki or a README."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

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

# Characters that start inline structure anywhere in a line: code, emphasis, links, HTML,
# tables, strikethrough and fences (` and ~), escapes themselves.
_SPECIAL = re.compile(r"([\\`*_\[\]<>|~])")
_ENTITY = re.compile(r"&(?=#?\w+;)")
# What makes a line a heading, a list item, a rule or a setext underline when it starts it.
_LINE_START = re.compile(r"(?m)^([#+=-])")
_ORDERED = re.compile(r"(?m)^([0-9]+)([.)])")


def escape(text: str) -> str:
    """Catalogue or option text as literal Markdown, paragraphs kept.

    Nothing in it can become HTML, a link, emphasis, code, a heading, a list, a rule, a
    table or a fence: inline markers are backslash-escaped, line-start markers too (`1.`
    becomes `1\\.`, which renders as `1.`), and leading spaces, which would make a code block,
    are dropped. Control characters are shown escaped (streams.visible).
    """
    from ..streams import visible

    lines = [line.strip() for line in visible(text).split("\n")]
    text = _ENTITY.sub("&amp;", _SPECIAL.sub(r"\\\1", "\n".join(lines)))
    text = _LINE_START.sub(r"\\\1", text)
    return _ORDERED.sub(r"\1\\\2", text)


def inline(text: str) -> str:
    """Text for one line (a heading, a list item): `escape` with every line break a space."""
    return escape(" ".join(text.split()))


def link_target(url: str) -> str | None:
    """A URL as a Markdown link destination that nothing can break out of; None if not http(s).

    Everything outside a URL's plain characters is percent-encoded: no space, bracket, angle
    bracket, quote or entity is left to end the destination or start HTML.
    """
    from urllib.parse import quote

    if not url.lower().startswith(("https://", "http://")):
        return None
    return quote(url, safe=":/?#@!$'*+,;=%-._~")


def link(text: str, url: str | None) -> str:
    """`[text](url)`, or the escaped text alone when the URL cannot be a safe link."""
    target = link_target(url) if url else None
    return f"[{inline(text)}]({target})" if target else inline(text)


def _footer(catalogue: Catalogue) -> list[str]:
    lines = ["---", ""]
    source = source_line(catalogue)
    if source:
        lines += [f"*Source:* {inline(source)}", ""]
    lines += [f"**Disclaimer:** {inline(catalogue.disclaimer)}", ""]
    return lines


def benefit_section(view: BenefitView) -> list[str]:
    """One benefit in full, under a second-level heading."""
    heading, sub = "##", "###"
    line = view.line
    lines = [
        f"{heading} {line.id}. {inline(line.title)}",
        "",
        f"*{inline(line.category)}.* {inline(line.summary)}",
        "",
        escape(view.description),
        "",
    ]
    if view.keywords:
        lines += [f"**Keywords:** {inline(', '.join(view.keywords))}", ""]
    if view.notes:
        lines += [f"**Notes:** {escape(view.notes)}", ""]
    if view.evidence:
        lines += [
            f"{sub} Evidence",
            "",
            f"**Verdict:** {verdict_with_meaning(view.evidence.verdict)}. {escape(view.evidence.summary)}",
            "",
        ]
        lines += [f"- {_short_citation(c)}" for c in view.evidence.references]
        lines.append("")
    lines += [f"{sub} Cautions", ""]
    if view.cautions:
        lines += [f"- {_caution_item(c)}" for c in view.cautions]
        lines.append("")
    lines += [escape(view.cautions_note), ""]
    if view.related:
        lines += [f"{sub} Related", ""]
        lines += [f"- {r.id}. {inline(r.title)}" for r in view.related]
        lines.append("")
    return lines


def _caution_item(caution: CautionView) -> str:
    return f"**{inline(caution.title)}** ({inline(caution.id)}). *Who:* {inline(caution.who)} {inline(caution.text)}"


def _verdict(verdict: Verdict) -> str:
    """The verdict with its marker; the marker is ours, so it is not escaped."""
    return f"{verdict.marker} {inline(verdict.name)}"


def verdict_with_meaning(verdict: Verdict) -> str:
    """`[~] limited (what it means)`: the verdict, and its meaning beside it."""
    return _verdict(verdict) + (f" ({inline(verdict.meaning)})" if verdict.meaning else "")


def legend(verdicts: Sequence[Verdict]) -> list[str]:
    """What each verdict shown means, as a list under a list of benefits."""
    if not verdicts:
        return []
    lines = [f"**{inline(LEGEND_HEADING)}**", ""]
    for verdict in verdicts:
        meaning = f": {inline(verdict.meaning)}" if verdict.meaning else ""
        lines.append(f"- **{_verdict(verdict)}**{meaning}")
    return [*lines, ""]


def _short_citation(citation: Citation) -> str:
    text = inline(citation.short)
    if citation.url:
        return f"{text}. {link(f'doi:{citation.doi}', citation.url)}"
    return text + "."


def citation(citation: Citation) -> str:
    """`Authors (year). Title. *Journal*. 32(4):1-9.`, each piece of it escaped."""
    return "".join(
        f"*{inline(text)}*" if kind == "journal" else text if kind == "mark" else inline(text)
        for text, kind in citation.pieces
    )


def show_document(catalogue: Catalogue, view: BenefitView) -> str:
    lines = [
        f"# {inline(catalogue.title)}",
        "",
        *benefit_section(view),
        *_footer(catalogue),
    ]
    return _join(lines)


def _entry(line: BenefitLine) -> str:
    verdict = f" *Evidence: {_verdict(line.verdict)}.*" if line.verdict else ""
    return f"**{line.id}. {inline(line.title)}**: {inline(line.summary)}{verdict}"


def list_document(catalogue: Catalogue, view: BenefitListView) -> str:
    lines = [f"# {inline(catalogue.title)}", ""]
    for line in view.entries:
        verdict = f" *Evidence: {_verdict(line.verdict)}.*" if line.verdict else ""
        lines.append(
            f"- **{line.id}. {inline(line.title)}** ({inline(line.category)}): {inline(line.summary)}{verdict}"
        )
    lines.append("")
    lines += legend(view.verdicts)
    return _join(lines + _footer(catalogue))


def search_document(catalogue: Catalogue, view: SearchView) -> str:
    lines = [f"# Search: {inline(view.searched)}", ""]
    for notice in view.notices:
        lines += [f"*{inline(notice)}*", ""]
    benefits = [f"- {_entry(hit.line)} *({inline(hit.reason)})*" for hit in view.benefits]
    cautions: list[str] = []
    if view.cautions:
        cautions = [f"## {inline(view.cautions_heading)}", ""]
        cautions += [f"- {_caution_item(hit.caution)}" for hit in view.cautions]
        cautions.append("")
        if benefits:
            benefits = ["## Benefits", "", *benefits]
    if benefits:
        benefits.append("")
    lines += cautions + benefits if view.cautions_first else benefits + cautions
    if view.shown:
        lines += [f"*{inline(view.shown)}*", ""]
    lines += legend(view.verdicts)
    return _join(lines + _footer(catalogue))


def cautions_document(catalogue: Catalogue, cautions: Iterable[CautionView]) -> str:
    lines = [f"# Cautions: {inline(catalogue.title)}", ""]
    for caution in cautions:
        lines += [
            f"## {inline(caution.title)}",
            "",
            f"*Who:* {inline(caution.who)}",
            "",
            escape(caution.text),
            "",
        ]
        lines += [f"- {_short_citation(c)}" for c in caution.references]
        if caution.concerns:
            lines.append(f"- {inline(caution.concerns)}")
        lines.append("")
    return _join(lines + _footer(catalogue))


def references_document(catalogue: Catalogue, citations: Iterable[Citation]) -> str:
    lines = [f"# References: {inline(catalogue.title)}", ""]
    for c in citations:
        cited = f" {inline(c.cited_by)}" if c.cited_by else ""
        doi = f" {link(f'doi:{c.doi}', c.url)}" if c.doi else ""
        lines.append(f"- {citation(c)}{doi}{cited}")
    lines.append("")
    return _join(lines + _footer(catalogue))


def _join(lines: list[str]) -> str:
    text = "\n".join(lines)
    return re.sub(r"\n{3,}", "\n\n", text).rstrip("\n") + "\n"
