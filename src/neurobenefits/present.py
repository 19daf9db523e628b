"""Small pieces of wording that every view shares, so that they say things the same way."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Sequence

    from .model import Benefit, Catalogue, Caution, Reference


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


def cited_by(benefits: Sequence[Benefit], cautions: Sequence[Caution] = ()) -> str:
    """`Cited by benefits 4 Stress and Anxiety Reduction; 5 Lowered Cortisol Levels.`

    Which benefits (number and title, as `Related:` names them) and cautions rest on a
    reference, as a sentence any view can print; empty when nothing cites it.
    """
    parts = [f"{b.id} {b.title}" for b in benefits]
    if parts:
        parts[0] = ("benefit " if len(benefits) == 1 else "benefits ") + parts[0]
    if cautions:
        noun = "the caution " if len(cautions) == 1 else "the cautions "
        parts.append(("and " if parts else "") + noun + ", ".join(c.id for c in cautions))
    return f"Cited by {'; '.join(parts)}." if parts else ""


def reference_cited_by(catalogue: Catalogue, reference: Reference) -> str:
    return cited_by(catalogue.citing(reference.id), catalogue.cautions_citing(reference.id))
