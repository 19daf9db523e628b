"""Folding, splitting and stemming words, so that what a person types meets what is written.

Pure functions with no I/O. `fold` makes `Café`, `cafe` and `CAFE` the same and turns
typographic quotes into plain ones; `stem` makes `spasms`/`spasm` and
`relaxing`/`relaxation`/`relax` the same (Snowball English). Words are runs of Unicode word
characters, so a query in any script finds text in that script.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Any

# Typographic characters people paste, with the plain text they stand for.
_PLAIN = str.maketrans(
    {
        "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
        "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
        "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2212": "-",
        "\u00a0": " ", "\u2026": "...", "\u00df": "ss",
    }
)  # fmt: skip

# A word is a run of letters and digits of any script, with the combining marks that some
# scripts (Devanagari, Thai, Arabic...) write inside words; an apostrophe may join two runs.
_MARKS = (
    "\u0300-\u036f\u0483-\u0489\u0591-\u05bd\u05bf\u05c1\u05c2\u05c4\u05c5\u05c7"
    "\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06dc\u06df-\u06e4\u06e7\u06e8\u06ea-\u06ed"
    "\u0900-\u0903\u093a-\u094f\u0951-\u0957\u0962\u0963\u0981-\u0983\u09bc-\u09d7"
    "\u0a01-\u0a03\u0a3c-\u0a51\u0a81-\u0a83\u0abc-\u0acd\u0b01-\u0b03\u0b3c-\u0b57"
    "\u0b82\u0bbe-\u0bcd\u0c00-\u0c04\u0c3e-\u0c56\u0c81-\u0c83\u0cbc-\u0cd6"
    "\u0d00-\u0d03\u0d3b-\u0d4d\u0e31\u0e34-\u0e3a\u0e47-\u0e4e\u0eb1\u0eb4-\u0ebc"
    "\u0ec8-\u0ecd\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\u302a-\u302f\u3099\u309a"
    "\ufe20-\ufe2f"
)
_RUN = f"(?:[^\\W_]|[{_MARKS}])+"
_WORD = re.compile(f"{_RUN}(?:'{_RUN})*")
_ASCII_WORD = re.compile(r"[a-z0-9]+(?:'[a-z0-9]+)*")  # the same, faster, for ASCII text

# Question words and filler: they carry no subject, so they never decide a search (they are
# dropped, and a query of nothing else has no words to search for).
FUNCTION_WORDS = frozenset(
    """
    a about after all also always am an and any are as at be been before being but by can
    cant cannot could did do does doing dont during every feel feeling feels felt for from
    get gets getting good had has
    have having he help helps her him his how i if im in into is isnt it its ive just less
    lot lots me might more my no not of on or our over please really she should shouldnt so
    some still that the their them there these they this those time times to too us very was
    we were
    what whats when where which while who why will with without wont would you your youre
    """.split()  # noqa: SIM905 (a list of 100 quoted words reads worse)
)
# The domain's own words: every entry is about massage, so they tell the entries apart no
# better than "the", and are dropped too, unless nothing else is left (`search massage`).
DOMAIN_WORDS = frozenset(
    ["massage", "massages", "massaging", "massaged", "therapy", "therapist", "therapists", "neuro"]
)
STOP_WORDS = FUNCTION_WORDS | DOMAIN_WORDS


_COMBINING = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")


_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_TYPOGRAPHIC = re.compile("[" + "".join(chr(code) for code in _PLAIN) + "]")


def _plain(text: str) -> str:
    """Typographic characters replaced (a regex is much faster than str.translate here)."""
    return _TYPOGRAPHIC.sub(lambda match: match.group().translate(_PLAIN), text)


def fold_char(char: str) -> str:
    """One character folded: accents removed, case folded, typography made plain."""
    if char.isascii():
        return char.lower()
    return _COMBINING.sub("", unicodedata.normalize("NFKD", _plain(char))).casefold()


def fold(text: str) -> str:
    """Text folded for comparison, as fold_char folds each character, in one pass."""
    if text.isascii():
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", _plain(text))
    return _COMBINING.sub("", decomposed).casefold()


def fold_with_offsets(text: str) -> tuple[str, list[int]]:
    """Folded text and, for each of its characters, the index it came from in `text`."""
    if text.isascii():
        return text.lower(), list(range(len(text)))
    pieces: list[str] = []
    offsets: list[int] = []
    done = 0
    # ASCII stretches fold one to one; only the other characters may change length.
    for match in _NON_ASCII.finditer(text):
        start = match.start()
        pieces.append(text[done:start].lower())
        offsets.extend(range(done, start))
        piece = fold_char(match.group())
        pieces.append(piece)
        offsets.extend([start] * len(piece))
        done = start + 1
    pieces.append(text[done:].lower())
    offsets.extend(range(done, len(text)))
    return "".join(pieces), offsets


def words(text: str) -> list[str]:
    """The words of already-folded text, apostrophes removed (`can't` -> `cant`)."""
    found: list[str] = (_ASCII_WORD if text.isascii() else _WORD).findall(text)
    return [word.replace("'", "") for word in found] if "'" in text else found


def word_spans(folded: str) -> list[tuple[str, int, int]]:
    """Each word of folded text with its start and end."""
    pattern = _ASCII_WORD if folded.isascii() else _WORD
    return [(m.group().replace("'", ""), m.start(), m.end()) for m in pattern.finditer(folded)]


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """The Snowball English stem of a folded word (`spasms` -> `spasm`, `relaxing` -> `relax`).

    Words of other scripts, and words with digits (`t6`), are kept as they are: the English
    rules would only damage them. PyStemmer is the C build of the Snowball algorithms; it is
    imported on first use (about 0.7 ms), so commands that never stem never pay for it.
    """
    if len(word) <= 2 or not (word.isascii() and word.isalpha()):
        return word
    stemmed: str = _english().stemWord(word)
    return stemmed


@lru_cache(maxsize=1)
def _english() -> Any:
    import Stemmer  # PyStemmer

    return Stemmer.Stemmer("english")


def stems(text: str) -> list[str]:
    """The stems of every word in (unfolded) text."""
    return [stem(word) for word in words(fold(text))]
