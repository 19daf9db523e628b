"""Folding, splitting and stemming words, so that what a person types meets what is written.

Pure functions with no I/O. `fold` makes `Café`, `cafe` and `CAFE` the same and turns
typographic quotes into plain ones; `stem` makes `spasms`/`spasm` and
`relaxing`/`relaxation`/`relax` the same by stripping common English endings.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Typographic characters people paste, with the plain text they stand for.
_PLAIN = str.maketrans(
    {
        "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
        "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
        "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2212": "-",
        "\u00a0": " ", "\u2026": "...", "\u00df": "ss",
    }
)  # fmt: skip

_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)*")

STOP_WORDS = frozenset(
    [
        "a",
        "an",
        "and",
        "are",
        "as",
        "at",
        "be",
        "by",
        "can",
        "cant",
        "cannot",
        "could",
        "do",
        "does",
        "dont",
        "for",
        "from",
        "get",
        "help",
        "how",
        "i",
        "im",
        "in",
        "is",
        "it",
        "its",
        "me",
        "my",
        "no",
        "not",
        "of",
        "on",
        "or",
        "so",
        "that",
        "the",
        "their",
        "them",
        "this",
        "to",
        "too",
        "very",
        "what",
        "when",
        "which",
        "who",
        "why",
        "will",
        "with",
        "won't",
        "wont",
        "you",
        "your",
        "i'm",
        "can't",
        "don't",
    ]
)


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
    found: list[str] = _WORD.findall(text)
    return [word.replace("'", "") for word in found] if "'" in text else found


def word_spans(folded: str) -> list[tuple[str, int, int]]:
    """Each word of folded text with its start and end."""
    return [(m.group().replace("'", ""), m.start(), m.end()) for m in _WORD.finditer(folded)]


# Endings stripped by `stem`, longest first; each maps to what replaces it.
_ENDINGS = (
    ("ibility", ""), ("ability", ""), ("ations", ""), ("ieties", "i"), ("atory", ""),
    ("ation", ""), ("ities", ""), ("iety", "i"),
    ("ness", ""), ("ment", ""), ("less", ""), ("ings", ""), ("ing", ""), ("ions", ""),
    ("ion", ""), ("ible", ""), ("able", ""), ("ity", ""), ("ies", "y"), ("ous", ""),
    ("ful", ""), ("ate", ""), ("ed", ""), ("ly", ""), ("es", ""), ("s", ""),
)  # fmt: skip


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """A crude, predictable English stem: enough to match plurals and simple word forms."""
    if len(word) <= 3 or not word.isalpha():
        return word
    for ending, replacement in _ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            if ending == "s" and word.endswith(("ss", "us", "is")):
                continue
            if ending == "es" and not word.endswith(("sses", "shes", "ches", "xes", "zes")):
                continue  # "sores" -> "sor" + e below, as "sore" does
            word = word[: -len(ending)] + replacement
            if ending in ("ing", "ings", "ed") and word.endswith("at") and len(word) > 6:
                word = word[:-2]  # "circulating" -> "circul", as "circulation" does
            break
    if len(word) > 3 and word[-1] == word[-2] and word[-1] not in "lsz":
        word = word[:-1]  # "stopped" -> "stopp" -> "stop"
    if len(word) > 3 and word.endswith("e"):
        word = word[:-1]
    if len(word) > 3 and word.endswith("y"):
        word = word[:-1] + "i"
    return word


def stems(text: str) -> list[str]:
    """The stems of every word in (unfolded) text."""
    return [stem(word) for word in words(fold(text))]
