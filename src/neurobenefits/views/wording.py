"""Small pieces of wording that every view shares, so that they say things the same way."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Sequence

    from ..catalogue.model import Benefit, Catalogue, Caution, Reference
    from ..finding.search import Match, SearchResult


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


def verdict_meaning(catalogue: Catalogue, verdict: str) -> str:
    """What a verdict means, in the catalogue's own words ("" for one it does not define)."""
    return dict(catalogue.verdicts).get(verdict, "")


def verdict_with_meaning(catalogue: Catalogue, verdict: str) -> str:
    """`[~] limited (a few small trials, ...)`: a verdict is never shown without its meaning."""
    meaning = verdict_meaning(catalogue, verdict)
    return f"{verdict_label(verdict)} ({meaning})" if meaning else verdict_label(verdict)


# A verdict judges the article's claim as worded, not massage in general; every legend says so.
LEGEND_HEADING = "What the verdicts mean (each rates the claim as the article makes it):"


def verdict_legend(catalogue: Catalogue, benefits: Iterable[Benefit]) -> list[tuple[str, str]]:
    """(`[~] limited`, its meaning) for each verdict these benefits carry, in the scale's order."""
    shown = {benefit.evidence.verdict for benefit in benefits if benefit.evidence}
    legend = [
        (verdict_label(name), meaning) for name, meaning in catalogue.verdicts if name in shown
    ]
    defined = {name for name, _ in catalogue.verdicts}
    return legend + [(verdict_label(name), "") for name in sorted(shown - defined)]


# `show` of a benefit with no caution of its own still points to the ones for every session.
NO_OWN_CAUTION = (
    "None is tied to this benefit in particular, but any caution can apply to a session; "
    "read them all with: neurobenefits cautions"
)
# Under the cautions `show` lists: the others can apply too.
OTHER_CAUTIONS = (
    "Any other caution can apply to a session too; read them all with: neurobenefits cautions"
)

# The handout's framing: how much of the catalogue it holds, how to read a verdict, and why
# the safety notes (written for therapists) are on a sheet for a client or carer.
HANDOUT_VERDICT_NOTE = (
    "Each benefit is described as the article claims it. Under it, \u201cWhat the research "
    "says\u201d gives a verdict on that claim as the article makes it, with what the verdict "
    "means, and a summary of the published studies."
)
HANDOUT_CAUTIONS_HEADING = "Safety: read before a session"
HANDOUT_CAUTIONS_INTRO = (
    "Massage is not safe for everyone at every moment. These notes are written for "
    "therapists: if one of them could apply to you or to the person you care for, tell the "
    "therapist before the session starts, and ask a clinician when in doubt."
)


def handout_coverage(shown: int, total: int) -> str:
    """How many of the catalogue's benefits a handout holds, so a part never reads as the whole."""
    if shown >= total:
        return f"This sheet covers all {total} benefits."
    return (
        f"This sheet covers {shown} of the {total} benefits; ask your therapist about the others."
    )


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
