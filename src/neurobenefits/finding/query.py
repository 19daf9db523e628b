"""How search reads a query: quoted phrases, known phrases, safety questions and filler.

Pure functions. A query becomes terms (each a word or a phrase, with the other written forms
of the same compound) and, separately, whether it asks about safety in general ("is it safe",
"side effects", "contraindications", "when not to massage"): such a question lists every
caution, so its safety words are not searched for as words.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING, NamedTuple

from .text import DOMAIN_WORDS, STOP_WORDS, fold, stem, words

if TYPE_CHECKING:
    from .lexicon import Lexicon

# Words that ask whether massage is safe, not about any one thing.
SAFETY_WORDS = frozenset(
    """
    safe safely safety unsafe risk risks risky danger dangers dangerous contraindication
    contraindications contraindicated caution cautions precaution precautions warning
    warnings harm harms harmful adverse avoid shouldnt
    """.split()  # noqa: SIM905 (a list of 100 quoted words reads worse)
)
# Phrases that do the same, as folded words (apostrophes removed).
SAFETY_PHRASES = (
    ("side", "effects"),
    ("side", "effect"),
    ("when", "not"),
    ("should", "not"),
    ("not", "to", "massage"),
    ("do", "not", "massage"),
    ("dont", "massage"),
    ("never", "massage"),
)
_NEGATIONS = frozenset(["not", "never", "dont", "shouldnt", "cant", "cannot"])
_SAFETY_STEMS = frozenset(stem(word) for word in SAFETY_WORDS)
_QUOTED = re.compile(r'"([^"]*)"?')


class Term(NamedTuple):
    """One thing the query asks for: a word, or a phrase of several.

    `forms` are other ways of writing the same thing that match as the term itself: the open
    and closed forms of a compound (`bedsores` / `bed sores`). A quoted term is matched as
    written: never corrected, never split.
    """

    text: str
    stems: tuple[str, ...]
    quoted: bool = False
    forms: tuple[tuple[str, tuple[str, ...]], ...] = ()

    @property
    def is_phrase(self) -> bool:
        return len(self.stems) > 1

    def with_form(self, text: str, stems: tuple[str, ...]) -> Term:
        if stems == self.stems or any(s == stems for _, s in self.forms):
            return self
        return self._replace(forms=(*self.forms, (text, stems)))


class Query(NamedTuple):
    terms: tuple[Term, ...]
    safety: tuple[str, ...]  # the words that made it a question about safety in general


def term_of(text: str, quoted: bool = False) -> Term:
    """The term for some folded words."""
    parts = words(text)
    return Term(" ".join(parts), tuple(stem(w) for w in parts), quoted)


def parse_query(query: str, lexicon: Lexicon | None = None) -> Query:
    """Split a query into terms and safety words.

    Quoted phrases first, as written; then, outside quotes, safety phrases and words, the
    catalogue's phrases (`bed sores`, `cannot feel`) kept together, then single words. Filler
    (`can`, `does`, `help`, `with`, `massage`...) is dropped unless nothing else is left.
    """
    folded = fold(query)
    terms: list[Term] = []
    for match in _QUOTED.finditer(folded):
        term = term_of(match.group(1), quoted=True)
        if term.stems:
            terms.append(term)
    loose = words(_QUOTED.sub(" ", folded))
    phrases = lexicon.phrases if lexicon else []
    safety: list[str] = []
    loose_terms: list[Term] = []
    position = 0
    while position < len(loose):
        safety_phrase = _phrase_at(loose, position, SAFETY_PHRASES)
        if safety_phrase:
            safety.append(" ".join(safety_phrase))
            position += len(safety_phrase)
            continue
        window_stems = tuple(stem(w) for w in loose[position : position + 6])
        known = next((p for p in phrases if window_stems[: len(p)] == p), None)
        if known:
            loose_terms.append(Term(" ".join(loose[position : position + len(known)]), known))
            position += len(known)
            continue
        word = loose[position]
        if stem(word) in _SAFETY_STEMS or word in SAFETY_WORDS:
            safety.append(word)
        else:
            loose_terms.append(Term(word, (stem(word),)))
        position += 1
    if _NEGATIONS & set(loose) and any(stem(w) == stem("massage") for w in loose):
        safety.append("not massage")  # "when should you not massage someone"
    meaningful = [t for t in loose_terms if t.is_phrase or not _is_filler(t.text)]
    if meaningful or terms or safety:
        terms += meaningful
    else:
        # Only common words: keep those the catalogue names (`feel good`, `massage`).
        terms += [
            t
            for t in loose_terms
            if t.text in DOMAIN_WORDS or (lexicon is not None and lexicon.names(t.text))
        ]
    unique: dict[tuple[str, ...], Term] = {}
    for term in terms:
        unique.setdefault(term.stems, term)
    return Query(tuple(unique.values()), tuple(dict.fromkeys(safety)))


@lru_cache(maxsize=1)
def _filler_stems() -> frozenset[str]:
    return frozenset(stem(word) for word in STOP_WORDS if len(word) > 3)


def _is_filler(word: str) -> bool:
    """A filler word, or another form of a long one (`therapies`, `massaged`)."""
    return word in STOP_WORDS or stem(word) in _filler_stems()


def _phrase_at(
    loose: list[str], position: int, phrases: tuple[tuple[str, ...], ...]
) -> tuple[str, ...] | None:
    for phrase in phrases:
        if tuple(loose[position : position + len(phrase)]) == phrase:
            return phrase
    return None
