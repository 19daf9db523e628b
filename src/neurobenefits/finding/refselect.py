"""Which references `references KEY... / NUMBER... / --cited-by BENEFIT` asks for.

A word made only of digits is a benefit number (the references its evidence cites); any other
word is a reference key. Keys always hold a letter (spec.REFERENCE_ID_PATTERN), so the two
never meet. `--cited-by` takes anything `show` takes: a number, a slug or part of a title.
Pure: returns what was chosen, or the one-line reason nothing could be.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from ..catalogue.model import Benefit, Catalogue, Reference


class Chosen(NamedTuple):
    references: tuple[Reference, ...]
    # Exactly one key was asked for: machine formats give the one object, not a list.
    one: bool


class NotChosen(NamedTuple):
    message: str


def select(
    catalogue: Catalogue, words: Sequence[str], cited_by: Sequence[str] = ()
) -> Chosen | NotChosen:
    """The references asked for, in the catalogue's order; all of them when nothing is asked."""
    from .lookup import Found, number_range, resolve

    if not catalogue.references:
        return NotChosen("This catalogue has no references.")
    if not words and not cited_by:
        return Chosen(catalogue.references, one=False)
    wanted: set[str] = set()
    benefits: list[Benefit] = []
    for word in words:
        text = word.strip()
        if text.isascii() and text.isdigit():
            benefit = catalogue.benefit(int(text))
            if benefit is None:
                return NotChosen(f"No benefit {text}: {number_range(catalogue.benefits)}.")
            benefits.append(benefit)
            continue
        key = text.lower()
        if catalogue.reference(key) is None:
            # `references sleep`: a benefit was meant; say how to ask for its sources.
            meant = resolve(catalogue, text) if text else None
            if isinstance(meant, Found):
                number, title = meant.benefit.id, meant.benefit.title
                return NotChosen(
                    f"No reference {word!r}. For what benefit {number} {title} rests on,"
                    f" give its number: `references {number}` or `--cited-by {number}`."
                )
            keys = ", ".join(r.id for r in catalogue.references)
            return NotChosen(
                f"No reference {word!r}: give a key or a benefit number. References: {keys}."
            )
        wanted.add(key)
    for ref in cited_by:
        resolution = resolve(catalogue, ref)
        if not isinstance(resolution, Found):  # ambiguous or not found, each with its message
            return NotChosen(resolution.message)
        benefits.append(resolution.benefit)
    for benefit in benefits:
        wanted.update(benefit.evidence.references if benefit.evidence else ())
    chosen = tuple(r for r in catalogue.references if r.id in wanted)
    if not chosen:
        names = "; ".join(f"{b.id} {b.title}" for b in benefits)
        if len(benefits) == 1:
            return NotChosen(f"No references: benefit {names} cites none.")
        return NotChosen(f"No references: benefits {names} cite none.")
    return Chosen(chosen, one=len(words) == 1 and not benefits)
