"""Resolve what a person typed after `show` (a number, a slug, a title or part of one).

Pure: returns what was found, the candidates when several fit, or why nothing did.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from ..catalogue.model import Benefit, Catalogue


class Found(NamedTuple):
    benefit: Benefit


class Ambiguous(NamedTuple):
    ref: str
    candidates: tuple[Benefit, ...]

    @property
    def message(self) -> str:
        names = "; ".join(f"{b.id} {b.title}" for b in self.candidates)
        return f"{self.ref!r} fits {len(self.candidates)} benefits: {names}. Give the number."


class NotFound(NamedTuple):
    message: str
    suggestion: Benefit | None = None


Resolution = Found | Ambiguous | NotFound
_NUMBER = re.compile(r"[+-]?\d+")
_MAX_DIGITS = 18
_SHOWN = 60  # a reference is echoed in a message at most this long


def _shortened(text: str) -> str:
    return text if len(text) <= _SHOWN else f"{text[: _SHOWN - 3]}... ({len(text)} characters)"


def number_range(benefits: Sequence[Benefit]) -> str:
    numbers = [b.id for b in benefits]
    if not numbers:
        return "the catalogue is empty"
    if numbers == list(range(numbers[0], numbers[-1] + 1)):
        return f"numbers run from {numbers[0]} to {numbers[-1]}"
    return "numbers are " + ", ".join(str(n) for n in numbers)


def resolve(catalogue: Catalogue, ref: str) -> Resolution:
    text = ref.strip()
    if not text:
        return NotFound(
            f'No benefit "{ref}": give a number, a slug or part of a title ({number_range(catalogue.benefits)}).'
        )
    if _NUMBER.fullmatch(text):
        # A number longer than any id cannot name one (and int() refuses 4,300+ digits).
        benefit = catalogue.benefit(int(text)) if len(text) <= _MAX_DIGITS else None
        if benefit:
            return Found(benefit)
        return NotFound(f"No benefit {_shortened(text)}: {number_range(catalogue.benefits)}.")
    by_slug = catalogue.benefit_by_slug(text.lower())
    if by_slug:
        return Found(by_slug)
    from .text import fold, stem, words  # only titles need folding and stemming

    wanted = " ".join(words(fold(text)))
    if not wanted:
        return NotFound(
            f"No benefit {_shortened(text)!r}: give a number, a slug or part of a title ({number_range(catalogue.benefits)})."
        )
    titles = {b.id: " ".join(words(fold(b.title))) for b in catalogue.benefits}
    exact = [b for b in catalogue.benefits if titles[b.id] == wanted]
    if len(exact) == 1:
        return Found(exact[0])
    partial = [b for b in catalogue.benefits if _contains(titles[b.id], wanted) or wanted in b.slug]
    if not partial:
        # "spasm" or "sleeping": the same word forms that search accepts.
        wanted_stems = [stem(w) for w in wanted.split()]
        partial = [b for b in catalogue.benefits if _contains_stems(titles[b.id], wanted_stems)]
    if len(partial) == 1:
        return Found(partial[0])
    if partial:
        return Ambiguous(text, tuple(partial))
    suggestion = _closest(catalogue, titles, wanted)
    if suggestion:
        return NotFound(
            f"No benefit {_shortened(text)!r}. Did you mean {suggestion.id} {suggestion.title}?",
            suggestion,
        )
    return NotFound(
        f"No benefit {_shortened(text)!r}: {number_range(catalogue.benefits)}; try `neurobenefits search {_shortened(text)}`."
    )


def _contains(title: str, wanted: str) -> bool:
    return f" {wanted} " in f" {title} " or (len(wanted) >= 3 and wanted in title)


def _contains_stems(title: str, wanted: list[str]) -> bool:
    from .text import stem

    title_stems = {stem(w) for w in title.split()}
    return all(s in title_stems for s in wanted)


def _closest(catalogue: Catalogue, titles: dict[int, str], wanted: str) -> Benefit | None:
    """The benefit with a title word (or slug) closest to what was typed, if any is close."""
    best: tuple[float, int] | None = None
    for benefit in catalogue.benefits:
        candidates = titles[benefit.id].split() + [titles[benefit.id], benefit.slug]
        for candidate in candidates:
            ratio = difflib.SequenceMatcher(None, wanted, candidate).ratio()
            if ratio >= 0.75 and (best is None or ratio > best[0]):
                best = (ratio, benefit.id)
    return catalogue.benefit(best[1]) if best else None
