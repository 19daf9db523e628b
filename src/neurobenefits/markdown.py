"""Markdown documents of every answer: clean headings and lists for a wiki or a README."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

from .present import (
    LEGEND_HEADING,
    NO_OWN_CAUTION,
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
    from .model import Benefit, Catalogue, Caution, Reference
    from .search import Hit, SearchResult

_SPECIAL = re.compile(r"([\\`*_\[\]<>|])")
_ENTITY = re.compile(r"&(?=#?\w+;)")


def escape(text: str) -> str:
    """Catalogue text as literal Markdown: no emphasis, links or HTML can sneak in."""
    text = _ENTITY.sub("&amp;", _SPECIAL.sub(r"\\\1", text))
    return re.sub(r"(?m)^(\s*)([#+\-=]|\d+\.)(?=\s)", r"\1\\\2", text)


def _footer(catalogue: Catalogue) -> list[str]:
    lines = ["---", ""]
    source = source_line(catalogue)
    if source:
        lines += [f"*Source:* {escape(source)}", ""]
    lines += [f"**Disclaimer:** {escape(catalogue.disclaimer)}", ""]
    return lines


def benefit_section(catalogue: Catalogue, benefit: Benefit) -> list[str]:
    """One benefit in full, under a second-level heading."""
    heading, sub = "##", "###"
    lines = [
        f"{heading} {benefit.id}. {escape(benefit.title)}",
        "",
        f"*{escape(catalogue.category_label(benefit.category))}.* {escape(benefit.summary)}",
        "",
        escape(benefit.description),
        "",
    ]
    if benefit.keywords:
        lines += [f"**Keywords:** {escape(', '.join(benefit.keywords))}", ""]
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
        lines += [f"- **{escape(c.title)}** ({escape(c.id)}): {escape(c.who)}" for c in cautions]
        lines.append("")
    else:
        lines += [f"{sub} Cautions", "", escape(NO_OWN_CAUTION), ""]
    related = related_benefits(catalogue, benefit)
    if related:
        lines += [f"{sub} Related", ""]
        lines += [f"- {r.id}. {escape(r.title)}" for r in related]
        lines.append("")
    return lines


def _verdict(verdict: str) -> str:
    """The verdict with its marker; the marker is ours, so it is not escaped."""
    return f"{VERDICT_MARKERS.get(verdict, '')} {escape(verdict)}".strip()


def verdict_with_meaning(catalogue: Catalogue, verdict: str) -> str:
    """`[~] limited (what it means)`: the verdict, and its meaning beside it."""
    meaning = verdict_meaning(catalogue, verdict)
    return _verdict(verdict) + (f" ({escape(meaning)})" if meaning else "")


def legend(catalogue: Catalogue, benefits: Iterable[Benefit]) -> list[str]:
    """What each verdict shown means, as a list under a list of benefits."""
    entries = verdict_legend(catalogue, benefits)
    if not entries:
        return []
    lines = [f"**{escape(LEGEND_HEADING)}**", ""]
    for label, meaning in entries:
        marker, _, name = label.partition(" ")
        lines.append(f"- **{marker} {escape(name)}**" + (f": {escape(meaning)}" if meaning else ""))
    return [*lines, ""]


def _reference_line(reference: Reference) -> str:
    text = escape(reference.short_citation)
    if reference.doi_url:
        return f"{text}. [doi:{escape(reference.doi or '')}](<{reference.doi_url}>)"
    return text + "."


def show_document(catalogue: Catalogue, benefit: Benefit) -> str:
    lines = [
        f"# {escape(catalogue.title)}",
        "",
        *benefit_section(catalogue, benefit),
        *_footer(catalogue),
    ]
    return _join(lines)


def list_document(catalogue: Catalogue, benefits: Iterable[Benefit]) -> str:
    benefits = list(benefits)
    lines = [f"# {escape(catalogue.title)}", ""]
    for benefit in benefits:
        verdict = f" *Evidence: {_verdict(benefit.evidence.verdict)}.*" if benefit.evidence else ""
        lines.append(
            f"- **{benefit.id}. {escape(benefit.title)}** ({escape(catalogue.category_label(benefit.category))}): {escape(benefit.summary)}{verdict}"
        )
    lines.append("")
    lines += legend(catalogue, benefits)
    return _join(lines + _footer(catalogue))


def search_document(catalogue: Catalogue, result: SearchResult) -> str:
    from .search import notices

    lines = [f"# Search: {escape(result.searched)}", ""]
    for notice in notices(result):
        lines += [f"*{escape(notice)}*", ""]
    benefits = [_search_hit(hit) for hit in result.benefit_hits]
    cautions: list[str] = []
    if result.cautions:
        cautions = [f"## {escape(cautions_heading(result))}", ""]
        for hit in result.cautions:
            caution = hit.caution
            cautions.append(
                f"- **{escape(caution.title)}** ({escape(caution.id)}). *Who:* {escape(caution.who)} {escape(caution.text)}"
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
    return f"- **{hit.benefit.id}. {escape(hit.benefit.title)}**: {escape(hit.benefit.summary)}{verdict} *(matched in {where})*"


def cautions_document(catalogue: Catalogue, cautions: Iterable[Caution]) -> str:
    lines = [f"# Cautions: {escape(catalogue.title)}", ""]
    for caution in cautions:
        lines += [
            f"## {escape(caution.title)}",
            "",
            f"*Who:* {escape(caution.who)}",
            "",
            escape(caution.text),
            "",
        ]
        refs = [r for rid in caution.references if (r := catalogue.reference(rid))]
        lines += [f"- {_reference_line(r)}" for r in refs]
        benefits = catalogue.benefits_with_caution(caution.id)
        if benefits:
            lines.append(
                f"- Concerns benefits: {', '.join(f'{b.id}. {escape(b.title)}' for b in benefits)}"
            )
        lines.append("")
    return _join(lines + _footer(catalogue))


def references_document(catalogue: Catalogue, references: Iterable[Reference]) -> str:
    lines = [f"# References: {escape(catalogue.title)}", ""]
    for reference in references:
        uses = reference_cited_by(catalogue, reference)
        cited = f" {escape(uses)}" if uses else ""
        citation = f" {escape(reference.citation)}." if reference.citation else ""
        link = f" [doi:{escape(reference.doi)}](<{reference.doi_url}>)" if reference.doi else ""
        lines.append(
            f"- {escape(reference.authors)} ({reference.year}). {escape(reference.title)}. *{escape(reference.journal)}*.{citation}{link}{cited}"
        )
    lines.append("")
    return _join(lines + _footer(catalogue))


def _join(lines: list[str]) -> str:
    text = "\n".join(lines)
    return re.sub(r"\n{3,}", "\n\n", text).rstrip("\n") + "\n"
