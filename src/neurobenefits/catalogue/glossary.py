"""Which words of a glossary a text uses: the one rule that the checks and the views share.

A term matches where a text writes it as a whole word or phrase, whatever its case and
however its words are spaced ("Deep vein  thrombosis" is "deep vein thrombosis"); it does not
match inside a longer word ("T6" is not in "T60"). Two terms that match the same words are
one term: a file may not hold both, and an overlay's replaces the earlier one.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence


def term_key(term: str) -> str:
    """The form two spellings of one term share: case folded, words single-spaced."""
    return " ".join(term.split()).casefold()


def _pattern(term: str) -> re.Pattern[str]:
    words = r"\s+".join(re.escape(word) for word in term.split())
    return re.compile(rf"(?<!\w){words}(?!\w)", re.IGNORECASE)


def terms_in(
    glossary: Sequence[tuple[str, str]], texts: Iterable[str]
) -> tuple[tuple[str, str], ...]:
    """The glossary's entries whose term the texts use, in alphabetical order of term."""
    joined = "\n".join(texts)
    used = [(term, meaning) for term, meaning in glossary if _pattern(term).search(joined)]
    return tuple(sorted(used, key=lambda entry: term_key(entry[0])))
