"""Markdown documents of every answer: clean headings and lists for a wiki or a README."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

from .wording import (
    LEGEND_HEADING,
    NO_OWN_CAUTION,
    OTHER_CAUTIONS,
    VERDICT_MARKERS,
    cautions_heading,
    evidence_references,
    reference_cited_by,
    related_benefits,
    source_line,
    verdict_legend,
    verdict_meaning,
)

if TYPE_CHECKING:
    from ..catalogue.model import Benefit, Catalogue, Caution, Reference
    from ..finding.search import Hit, SearchResult

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


def benefit_section(catalogue: Catalogue, benefit: Benefit) -> list[str]:
    """One benefit in full, under a second-level heading."""
    heading, sub = "##", "###"
    lines = [
        f"{heading} {benefit.id}. {inline(benefit.title)}",
        "",
        f"*{inline(catalogue.category_label(benefit.category))}.* {inline(benefit.summary)}",
        "",
        escape(benefit.description),
        "",
    ]
    if benefit.keywords:
        lines += [f"**Keywords:** {inline(', '.join(benefit.keywords))}", ""]
    if benefit.notes:
        lines += [f"**Notes:** {escape(benefit.notes)}", ""]
    if benefit.evidence:
        lines += [
            f"{sub} Evidence",
            "",
            f"**Verdict:** {verdict_with_meaning(catalogue, benefit.evidence.verdict)}. {escape(benefit.evidence.summary)}",
            "",
        ]
        lines += [
            f"- {_reference_line(reference)}"
            for reference in evidence_references(catalogue, benefit)
        ]
        lines.append("")
    cautions = [c for cid in benefit.cautions if (c := catalogue.caution(cid))]
    if cautions:
        lines += [f"{sub} Cautions", ""]
        lines += [
            f"- **{inline(c.title)}** ({inline(c.id)}). *Who:* {inline(c.who)} {inline(c.text)}"
            for c in cautions
        ]
        lines += ["", escape(OTHER_CAUTIONS), ""]
    else:
        lines += [f"{sub} Cautions", "", escape(NO_OWN_CAUTION), ""]
    related = related_benefits(catalogue, benefit)
    if related:
        lines += [f"{sub} Related", ""]
        lines += [f"- {r.id}. {inline(r.title)}" for r in related]
        lines.append("")
    return lines


def _verdict(verdict: str) -> str:
    """The verdict with its marker; the marker is ours, so it is not escaped."""
    return f"{VERDICT_MARKERS.get(verdict, '')} {inline(verdict)}".strip()


def verdict_with_meaning(catalogue: Catalogue, verdict: str) -> str:
    """`[~] limited (what it means)`: the verdict, and its meaning beside it."""
    meaning = verdict_meaning(catalogue, verdict)
    return _verdict(verdict) + (f" ({inline(meaning)})" if meaning else "")


def legend(catalogue: Catalogue, benefits: Iterable[Benefit]) -> list[str]:
    """What each verdict shown means, as a list under a list of benefits."""
    entries = verdict_legend(catalogue, benefits)
    if not entries:
        return []
    lines = [f"**{inline(LEGEND_HEADING)}**", ""]
    for label, meaning in entries:
        marker, _, name = label.partition(" ")
        lines.append(f"- **{marker} {inline(name)}**" + (f": {inline(meaning)}" if meaning else ""))
    return [*lines, ""]


def _reference_line(reference: Reference) -> str:
    text = inline(reference.short_citation)
    if reference.doi_url:
        return f"{text}. {link(f'doi:{reference.doi}', reference.doi_url)}"
    return text + "."


def show_document(catalogue: Catalogue, benefit: Benefit) -> str:
    lines = [
        f"# {inline(catalogue.title)}",
        "",
        *benefit_section(catalogue, benefit),
        *_footer(catalogue),
    ]
    return _join(lines)


def list_document(catalogue: Catalogue, benefits: Iterable[Benefit]) -> str:
    benefits = list(benefits)
    lines = [f"# {inline(catalogue.title)}", ""]
    for benefit in benefits:
        verdict = f" *Evidence: {_verdict(benefit.evidence.verdict)}.*" if benefit.evidence else ""
        lines.append(
            f"- **{benefit.id}. {inline(benefit.title)}** ({inline(catalogue.category_label(benefit.category))}): {inline(benefit.summary)}{verdict}"
        )
    lines.append("")
    lines += legend(catalogue, benefits)
    return _join(lines + _footer(catalogue))


def search_document(catalogue: Catalogue, result: SearchResult) -> str:
    from ..finding.search import notices

    lines = [f"# Search: {inline(result.searched)}", ""]
    for notice in notices(result):
        lines += [f"*{inline(notice)}*", ""]
    benefits = [_search_hit(hit) for hit in result.benefit_hits]
    cautions: list[str] = []
    if result.cautions:
        cautions = [f"## {inline(cautions_heading(result))}", ""]
        for hit in result.cautions:
            caution = hit.caution
            cautions.append(
                f"- **{inline(caution.title)}** ({inline(caution.id)}). *Who:* {inline(caution.who)} {inline(caution.text)}"
            )
        cautions.append("")
        if benefits:
            benefits = ["## Benefits", "", *benefits]
    if benefits:
        benefits.append("")
    lines += cautions + benefits if result.cautions_first else benefits + cautions
    lines += legend(catalogue, [hit.benefit for hit in result.benefit_hits])
    return _join(lines + _footer(catalogue))


def _search_hit(hit: Hit) -> str:
    where = ", ".join(sorted({m.field for m in hit.matches}))
    evidence = hit.benefit.evidence
    verdict = f" *Evidence: {_verdict(evidence.verdict)}.*" if evidence else ""
    return f"- **{hit.benefit.id}. {inline(hit.benefit.title)}**: {inline(hit.benefit.summary)}{verdict} *(matched in {inline(where)})*"


def cautions_document(catalogue: Catalogue, cautions: Iterable[Caution]) -> str:
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
        refs = [r for rid in caution.references if (r := catalogue.reference(rid))]
        lines += [f"- {_reference_line(r)}" for r in refs]
        benefits = catalogue.benefits_with_caution(caution.id)
        if benefits:
            lines.append(
                f"- Concerns benefits: {', '.join(f'{b.id}. {inline(b.title)}' for b in benefits)}"
            )
        lines.append("")
    return _join(lines + _footer(catalogue))


def references_document(catalogue: Catalogue, references: Iterable[Reference]) -> str:
    lines = [f"# References: {inline(catalogue.title)}", ""]
    for reference in references:
        uses = reference_cited_by(catalogue, reference)
        cited = f" {inline(uses)}" if uses else ""
        citation = f" {inline(reference.citation)}." if reference.citation else ""
        doi = f" {link(f'doi:{reference.doi}', reference.doi_url)}" if reference.doi else ""
        lines.append(
            f"- {inline(reference.authors)} ({reference.year}). {inline(reference.title)}. *{inline(reference.journal)}*.{citation}{doi}{cited}"
        )
    lines.append("")
    return _join(lines + _footer(catalogue))


def _join(lines: list[str]) -> str:
    text = "\n".join(lines)
    return re.sub(r"\n{3,}", "\n\n", text).rstrip("\n") + "\n"
