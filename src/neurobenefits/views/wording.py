"""Small pieces of wording that every view shares, so that they say things the same way."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Sequence

    from ..catalogue.model import Benefit, Catalogue, Caution
    from ..finding.search import Match, SearchResult


# Each verdict has its own marker, so they are told apart without colour.
VERDICT_MARKERS = {
    "supported": "[+]",
    "limited": "[~]",
    "mixed": "[?]",
    "not supported": "[-]",
}


# A verdict judges the article's claim as worded, not massage in general; every legend says so.
LEGEND_HEADING = "What the verdicts mean (each rates the claim as the article makes it):"

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
# Under the safety notes: plain meanings of their words, beside the notes, never inside them.
HANDOUT_GLOSSARY_HEADING = "Words in these notes"
HANDOUT_CAUTIONS_INTRO = (
    "Massage is not safe for everyone at every moment. These notes are written for "
    "therapists: if one of them could apply to you or to the person you care for, tell the "
    "therapist before the session starts, and ask a clinician when in doubt."
)


def handout_safety_pointer(titles: Sequence[str]) -> str:
    """Under a benefit on the handout: the safety notes above that concern its clients.

    The sheet's own voice, pointing to the notes (kept word for word above), not a claim;
    and no invitation to a session either: a note may say not to massage at all (at-risk skin).
    """
    quoted = [f"\u201c{title}\u201d" for title in titles]
    names = _and_joined(quoted)
    notes = "note" if len(quoted) == 1 else "notes"
    return f"Safety {notes} above that bear on this: {names}."


def handout_coverage(shown: int, total: int) -> str:
    """How many of the catalogue's benefits a handout holds, so a part never reads as the whole."""
    if shown >= total:
        return f"This sheet covers all {total} benefits."
    return (
        f"This sheet covers {shown} of the {total} benefits; ask your therapist about the others."
    )


def source_line(catalogue: Catalogue) -> str:
    return catalogue.source.attribution if catalogue.source else ""


def cited_by(
    benefits: Sequence[Benefit], cautions: Sequence[Caution] = (), *, titles: bool = False
) -> str:
    """`Cited by benefits 4 Stress and Anxiety Reduction; 5 Lowered Cortisol Levels.`

    Which benefits (number and title, as `Related:` names them) and cautions (by id, or by
    their quoted title with `titles`, as a handout shows them) rest on a reference, as a
    sentence any view can print; empty when nothing cites it.
    """
    parts = []
    if benefits:
        noun = "benefit " if len(benefits) == 1 else "benefits "
        parts.append(noun + "; ".join(f"{b.id} {b.title}" for b in benefits))
    if cautions:
        noun = "the caution " if len(cautions) == 1 else "the cautions "
        names = [f"\u201c{c.title}\u201d" if titles else c.id for c in cautions]
        parts.append(noun + _and_joined(names))
    return f"Cited by {', and '.join(parts)}." if parts else ""


def _and_joined(names: Sequence[str]) -> str:
    """`A`, `A and B`, `A, B and C`."""
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


def match_reason(matches: Sequence[Match]) -> str:
    """`matched in title, keywords; via synonym blood flow`: why a search result is there."""
    fields = ", ".join(dict.fromkeys(m.field for m in matches))
    why = f"matched in {fields}"
    synonyms = sorted({m.word for m in matches if m.synonym})
    if synonyms:
        why += f"; via synonym {', '.join(synonyms)}"
    return why


def cautions_heading(result: SearchResult) -> str:
    if result.safety and not any(hit.matches for hit in result.cautions):
        # No caution was found for a word of the query: no order of them is "closest".
        return "Cautions: every one, as the question is about safety"
    if result.safety:
        return "Cautions: every one, as the question is about safety; the closest first"
    return "Cautions"
