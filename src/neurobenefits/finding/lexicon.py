"""The words people search for: synonyms, compounds, and corrections that keep the meaning.

Pure functions over a Catalogue. The vocabulary that corrections and suggestions draw from
is the catalogue's own search words (titles, keywords, synonyms, caution names and titles),
never its prose: a correction must land on a word someone would type, and never on a function
word ("does"), a number or an author's name from a reference.
"""

from __future__ import annotations

import difflib
import itertools
from collections import Counter
from functools import cached_property
from typing import TYPE_CHECKING, NamedTuple

from .text import STOP_WORDS, fold, stem, words

if TYPE_CHECKING:
    from ..catalogue.model import Catalogue

CORRECTION_CUTOFF = 0.8  # how alike (difflib ratio) a typo and its correction must be
AMBIGUITY_MARGIN = 0.05  # a runner-up this close to the best makes a correction a guess
SUGGESTION_CUTOFF = 0.7
MAX_LENGTH_CHANGE = 2  # letters a correction may add or drop


class Synonym(NamedTuple):
    text: str
    stems: tuple[str, ...]


class Lexicon:
    """Synonym groups, the search vocabulary and the compounds it allows, built on demand."""

    def __init__(self, catalogue: Catalogue) -> None:
        self.catalogue = catalogue
        self.groups = [
            [Synonym(member, tuple(stem(w) for w in words(fold(member)))) for member in group]
            for group in catalogue.synonyms
        ]

    def synonyms_of(self, stems: tuple[str, ...]) -> list[Synonym]:
        """Every member of every group that holds these stems (the stems themselves first)."""
        found: list[Synonym] = []
        seen = {stems}
        for group in self.groups:
            if any(member.stems == stems for member in group):
                for member in group:
                    if member.stems not in seen:
                        seen.add(member.stems)
                        found.append(member)
        return found

    @cached_property
    def phrases(self) -> list[tuple[str, ...]]:
        """Synonyms of several words, longest first, to be kept together in a query."""
        found = {m.stems for group in self.groups for m in group if len(m.stems) > 1}
        return sorted(found, key=lambda stems: (-len(stems), stems))

    @cached_property
    def search_texts(self) -> Counter[str]:
        """The texts people's words are drawn from (names, keywords, synonyms, cautions),
        each with how often it occurs: keywords repeat, and each is split only once."""
        texts: Counter[str] = Counter()
        for benefit in self.catalogue.benefits:
            texts.update([benefit.title, benefit.slug.replace("-", " "), *benefit.keywords])
        for caution in self.catalogue.cautions:
            texts.update([caution.title, caution.id.replace("-", " ")])
        texts.update(member for group in self.catalogue.synonyms for member in group)
        return texts

    @cached_property
    def vocabulary(self) -> dict[str, int]:
        """Each search word (folded, 3+ letters, not a number or a filler word): how often."""
        counts: dict[str, int] = {}
        for text, times in self.search_texts.items():
            for word in words(fold(text)):
                if len(word) > 2 and not word.isdigit() and word not in STOP_WORDS:
                    counts[word] = counts.get(word, 0) + times
        return counts

    @cached_property
    def _every_word(self) -> frozenset[str]:
        return frozenset(word for text in self.search_texts for word in words(fold(text)))

    def names(self, word: str) -> bool:
        """Whether a search text (a title, keyword, synonym...) holds this very word."""
        return word in self._every_word

    @cached_property
    def known_stems(self) -> frozenset[str]:
        return frozenset(stem(word) for word in self.vocabulary)

    @cached_property
    def compounds(self) -> dict[str, tuple[str, str]]:
        """Closed forms of the two-word names in the vocabulary: `bedsore` -> (`bed`, `sores`).

        Keyed by the stem of the joined words, so `bedsore` and `bedsores` both find `bed sores`.
        """
        found: dict[str, tuple[str, str]] = {}
        for text in self.search_texts:
            parts = words(fold(text))
            for first, second in itertools.pairwise(parts):
                if first not in STOP_WORDS and second not in STOP_WORDS:
                    found.setdefault(stem(first + second), (first, second))
        return found

    def is_known(self, word: str) -> bool:
        """A word of the vocabulary (or a form of one): never corrected to another word."""
        return word in self.vocabulary or stem(word) in self.known_stems

    def split(self, word: str) -> tuple[str, str] | None:
        """The open form of a closed compound the vocabulary names, if `word` is one."""
        return self.compounds.get(stem(word))

    def joined(self, first: str, second: str) -> str | None:
        """The closed form of two words (`well being` -> `wellbeing`) if the vocabulary has it."""
        closed = first + second
        return closed if self.is_known(closed) else None

    def correction(self, word: str) -> str | None:
        """The one close vocabulary word for a typo; None when unsure, known, short or a number.

        A candidate must start with the same letter and differ in length by at most two.
        Candidates that are forms of one word (`spasm`, `spasms`) count as one; two different
        words nearly as close as each other make the correction a guess, so there is none.
        """
        if len(word) < 4 or not word.isalpha() or self.is_known(word):
            return None
        # A typo keeps the first letter and about the length; `citation` is not `facilitation`.
        ranked = [
            (ratio, candidate)
            for ratio, candidate in self._close(word, CORRECTION_CUTOFF)
            if candidate[0] == word[0] and abs(len(candidate) - len(word)) <= MAX_LENGTH_CHANGE
        ]
        if not ranked:
            return None
        best_ratio, best = ranked[0]
        rivals = [w for r, w in ranked[1:] if best_ratio - r < AMBIGUITY_MARGIN]
        if any(stem(rival) != stem(best) for rival in rivals):
            return None
        return best

    def suggestions(self, word: str, limit: int = 5) -> list[str]:
        """Vocabulary words that look like `word`, closest first (one form of each word)."""
        if len(word) < 3:
            return []
        found: list[str] = []
        stems_seen: set[str] = set()
        for _, candidate in self._close(word, SUGGESTION_CUTOFF):
            if stem(candidate) not in stems_seen:
                stems_seen.add(stem(candidate))
                found.append(candidate)
        return found[:limit]

    def _close(self, word: str, cutoff: float) -> list[tuple[float, str]]:
        """Vocabulary words at least `cutoff` alike: closest first, then the commoner word."""
        vocabulary = self.vocabulary
        close = difflib.get_close_matches(word, list(vocabulary), n=8, cutoff=cutoff)
        rated = [
            (round(difflib.SequenceMatcher(None, word, c).ratio(), 6), c)
            for c in close
            if c != word
        ]
        rated.sort(key=lambda item: (-item[0], -vocabulary[item[1]], item[1]))
        return rated
