"""Small pieces of wording that every view shares, so that they say things the same way."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Sequence

    from .model import Benefit, Catalogue, Reference
    from .search import Match, SearchResult


# Each verdict has its own marker, so they are told apart without colour.
VERDICT_MARKERS = {
    "supported": "[+]",
    "limited": "[~]",
    "mixed": "[?]",
    "not supported": "[-]",
}


def verdict_label(verdict: str) -> str:
    """`[~] limited`: the marker and the verdict, readable in any output."""
    return f"{VERDICT_MARKERS.get(verdict, '[ ]')} {verdict}"


def related_benefits(catalogue: Catalogue, benefit: Benefit) -> list[Benefit]:
    return [related for number in benefit.related if (related := catalogue.benefit(number))]


def evidence_references(catalogue: Catalogue, benefit: Benefit) -> list[Reference]:
    if not benefit.evidence:
        return []
    return [ref for ref_id in benefit.evidence.references if (ref := catalogue.reference(ref_id))]


def citation_line(reference: Reference) -> str:
    """`Moyer 2011, Journal of Bodywork and Movement Therapies. https://doi.org/...`"""
    link = f" {reference.doi_url}" if reference.doi_url else ""
    return f"{reference.short_citation}.{link}"


def source_line(catalogue: Catalogue) -> str:
    return catalogue.source.attribution if catalogue.source else ""


def match_reason(matches: Sequence[Match]) -> str:
    """`matched in title, keywords; via synonym blood flow`: why a search result is there."""
    fields = ", ".join(dict.fromkeys(m.field for m in matches))
    why = f"matched in {fields}"
    synonyms = sorted({m.word for m in matches if m.synonym})
    if synonyms:
        why += f"; via synonym {', '.join(synonyms)}"
    return why


def cautions_heading(result: SearchResult) -> str:
    if result.safety and not result.terms:
        return "Cautions: every one, as the question is about safety"
    if result.safety:
        return "Cautions: every one, as the question is about safety; the closest first"
    return "Cautions"
