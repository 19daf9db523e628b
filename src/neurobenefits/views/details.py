"""What a benefit's details hold, decided once for every face that shows them.

Pure: takes the catalogue and a benefit, returns the pieces (the verdict with its meaning,
the references it cites, the cautions and related benefits it points to) resolved from
their ids. A view chooses how they look; this module chooses what they are.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from .wording import evidence_references, related_benefits, verdict_meaning

if TYPE_CHECKING:
    from ..catalogue.model import Benefit, Catalogue, Caution, Reference


class EvidenceDetails(NamedTuple):
    verdict: str
    meaning: str  # what the verdict means, from the catalogue's `verdicts` ("" if undefined)
    summary: str
    references: tuple[Reference, ...]


class BenefitDetails(NamedTuple):
    benefit: Benefit
    category: str  # the category's label
    evidence: EvidenceDetails | None
    cautions: tuple[Caution, ...]
    related: tuple[Benefit, ...]


def benefit_cautions(catalogue: Catalogue, benefit: Benefit) -> tuple[Caution, ...]:
    """The cautions a benefit points to that the catalogue defines, in the benefit's order."""
    return tuple(c for caution_id in benefit.cautions if (c := catalogue.caution(caution_id)))


def benefit_details(catalogue: Catalogue, benefit: Benefit) -> BenefitDetails:
    evidence = None
    if benefit.evidence:
        evidence = EvidenceDetails(
            verdict=benefit.evidence.verdict,
            meaning=verdict_meaning(catalogue, benefit.evidence.verdict),
            summary=benefit.evidence.summary,
            references=tuple(evidence_references(catalogue, benefit)),
        )
    return BenefitDetails(
        benefit=benefit,
        category=catalogue.category_label(benefit.category),
        evidence=evidence,
        cautions=benefit_cautions(catalogue, benefit),
        related=tuple(related_benefits(catalogue, benefit)),
    )
