"""Search the catalogue: parse a query, expand synonyms, correct typos, rank, and cut snippets.

Pure functions over a Catalogue: no I/O, no Rich, no Typer. Ranking is BM25F, a standard
relevance score: each field's term counts are weighted (title above keywords above summary
above description and the rest), damped by field length, and summed before saturation.
Ties go to the lower number, so the same query always gives the same order.
"""

from __future__ import annotations

import difflib
import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from functools import cached_property
from typing import NamedTuple

from .model import Benefit, Catalogue
from .text import STOP_WORDS, fold, fold_with_offsets, stem, word_spans, words

# Field weights: a title hit counts most, then keywords, then the summary, then the rest.
FIELD_WEIGHTS = {
    "title": 5.0,
    "keywords": 3.0,
    "summary": 2.0,
    "description": 1.0,
    "notes": 1.0,
    "evidence": 0.6,
    "cautions": 0.4,
}
SNIPPET_FIELDS = ("description", "summary", "notes", "evidence", "cautions", "keywords", "title")
SYNONYM_WEIGHT = 0.7  # a synonym's hit counts a little less than the word typed
K1, B = 1.2, 0.75
CORRECTION_CUTOFF = 0.8
SUGGESTION_CUTOFF = 0.6
_BREAK = "\x00"  # stands between keywords, so a phrase cannot span two of them


class Term(NamedTuple):
    """One thing the query asks for: a word, or a phrase of several."""

    text: str
    stems: tuple[str, ...]

    @property
    def is_phrase(self) -> bool:
        return len(self.stems) > 1


class Correction(NamedTuple):
    typed: str
    used: str


class Match(NamedTuple):
    """Why a benefit matched one query term: where, and through which word."""

    term: str
    field: str
    word: str
    synonym: bool


class Snippet(NamedTuple):
    """A short piece of one field's text, with the character spans to highlight."""

    field: str
    text: str
    highlights: tuple[tuple[int, int], ...]


class Hit(NamedTuple):
    benefit: Benefit
    score: float
    matches: tuple[Match, ...]
    snippet: Snippet | None


class SearchResult(NamedTuple):
    query: str
    terms: tuple[Term, ...]
    hits: tuple[Hit, ...]
    corrections: tuple[Correction, ...] = ()
    unmatched: tuple[str, ...] = ()
    suggestions: tuple[str, ...] = ()
    total: int = 0

    @property
    def corrected_query(self) -> str:
        return " ".join(f'"{t.text}"' if t.is_phrase else t.text for t in self.terms)


class _Document:
    """One benefit's searchable text, as words (stems) and their counts per field."""

    def __init__(
        self, benefit: Benefit, texts: dict[str, str], stems: dict[str, list[str]]
    ) -> None:
        self.benefit = benefit
        self.texts = texts
        self.stems = stems
        self.counts = {name: Counter(field_stems) for name, field_stems in stems.items()}

    def frequency(self, stems: tuple[str, ...], name: str) -> int:
        """How often a word (or phrase) occurs in one field."""
        if len(stems) == 1:
            return self.counts[name][stems[0]]
        sequence = self.stems[name]
        width = len(stems)
        return sum(
            1
            for start in range(len(sequence) - width + 1)
            if sequence[start] == stems[0] and tuple(sequence[start : start + width]) == stems
        )


class Index:
    """What search needs to know about a catalogue.

    Splitting and stemming every benefit's text is the costly part, so it is done only for
    the benefits whose folded text could hold a query word (a stem, less its last letter, is
    the start of every word it comes from); field lengths for the ranking are word counts.
    """

    def __init__(self, catalogue: Catalogue) -> None:
        self.catalogue = catalogue
        self.benefits = list(catalogue.benefits)
        self.texts = [field_texts(catalogue, b) for b in self.benefits]
        self.folded = [fold(" ".join(texts.values())).replace("'", "") for texts in self.texts]
        self.lengths = [
            {name: len(text.split()) for name, text in texts.items()} for texts in self.texts
        ]
        count = max(1, len(self.benefits))
        self.average_length = {
            name: max(1.0, sum(lengths[name] for lengths in self.lengths) / count)
            for name in FIELD_WEIGHTS
        }
        self._documents: dict[int, _Document] = {}
        self.synonym_groups = [
            [(member, tuple(stem(w) for w in words(fold(member)))) for member in group]
            for group in catalogue.synonyms
        ]

    def document(self, position: int) -> _Document:
        """One benefit's words, split and stemmed the first time they are needed."""
        if position not in self._documents:
            texts = self.texts[position]
            stems = {name: _field_stems(name, text) for name, text in texts.items()}
            self._documents[position] = _Document(self.benefits[position], texts, stems)
        return self._documents[position]

    def candidates(self, expansions: Sequence[tuple[str, tuple[str, ...], bool]]) -> list[int]:
        """Positions of the benefits whose text may hold one of these words."""
        prefixes = {stems[0][:-1] if len(stems[0]) > 3 else stems[0] for _, stems, _ in expansions}
        starts = re.compile(r"\b(?:" + "|".join(re.escape(p) for p in sorted(prefixes)) + ")")
        return [i for i, text in enumerate(self.folded) if starts.search(text)]

    @cached_property
    def vocabulary(self) -> dict[str, int]:
        """Every folded word of the catalogue and the synonyms, with how often it occurs."""
        counts: Counter[str] = Counter()
        for texts in self.texts:
            for text in texts.values():
                counts.update(w for w in words(fold(text)) if len(w) > 2 and w.isalpha())
        for group in self.synonym_groups:
            for member, _ in group:
                counts.update(w for w in words(fold(member)) if len(w) > 2)
        return dict(counts)

    @cached_property
    def multiword_synonyms(self) -> list[tuple[str, ...]]:
        """Synonyms of several words, longest first, to be kept together in a query."""
        phrases = {stems for group in self.synonym_groups for _, stems in group if len(stems) > 1}
        return sorted(phrases, key=lambda stems: (-len(stems), stems))

    def expansions(self, term: Term) -> list[tuple[str, tuple[str, ...], bool]]:
        """The term itself, then each synonym of it: (surface text, stems, is a synonym)."""
        found = [(term.text, term.stems, False)]
        seen = {term.stems}
        for group in self.synonym_groups:
            if any(stems == term.stems for _, stems in group):
                for member, stems in group:
                    if stems not in seen:
                        seen.add(stems)
                        found.append((member, stems, True))
        return found

    def matching(self, term: Term) -> dict[int, tuple[float, list[Match]]]:
        """Benefits (by position) that contain the term or a synonym, with weighted counts."""
        result: dict[int, tuple[float, list[Match]]] = {}
        expansions = self.expansions(term)
        for position in self.candidates(expansions):
            document = self.document(position)
            weighted = 0.0
            matches: list[Match] = []
            for name, weight in FIELD_WEIGHTS.items():
                norm = 1 - B + B * self.lengths[position][name] / self.average_length[name]
                for surface, stems, is_synonym in expansions:
                    count = document.frequency(stems, name)
                    if count:
                        factor = SYNONYM_WEIGHT if is_synonym else 1.0
                        weighted += weight * factor * count / norm
                        matches.append(Match(term.text, name, surface, is_synonym))
            if matches:
                result[position] = (weighted, matches)
        return result


def field_texts(catalogue: Catalogue, benefit: Benefit) -> dict[str, str]:
    """The searchable text of each field of one benefit, including what stands beside it."""
    evidence_parts: list[str] = []
    if benefit.evidence:
        evidence_parts += [benefit.evidence.verdict, benefit.evidence.summary]
        for reference_id in benefit.evidence.references:
            reference = catalogue.reference(reference_id)
            if reference:
                evidence_parts += [
                    reference.authors,
                    reference.title,
                    reference.journal,
                    reference.finding,
                ]
    caution_parts: list[str] = []
    for caution_id in benefit.cautions:
        caution = catalogue.caution(caution_id)
        if caution:
            caution_parts.append(f"{caution.title}: {caution.who} {caution.text}")
    return {
        "title": benefit.title,
        "keywords": f" {_BREAK} ".join(benefit.keywords),
        "summary": benefit.summary,
        "description": benefit.description,
        "notes": benefit.notes or "",
        "evidence": "\n".join(evidence_parts),
        "cautions": " | ".join(caution_parts),
    }


def _field_stems(name: str, text: str) -> list[str]:
    if name == "keywords":
        return [
            _BREAK if part == _BREAK else s
            for part in text.split(" ")
            for s in ([part] if part == _BREAK else [stem(w) for w in words(fold(part))])
        ]
    return [stem(w) for w in words(fold(text))]


_QUOTED = re.compile(r'"([^"]*)"?')


def parse_query(query: str, index: Index | None = None) -> list[Term]:
    """Split a query into terms: quoted phrases, known multi-word synonyms, then words.

    Common words (the, my, can't...) are dropped unless nothing else is left.
    """
    folded = fold(query)
    terms: list[Term] = []
    for match in _QUOTED.finditer(folded):
        phrase_words = words(match.group(1))
        if phrase_words:
            terms.append(Term(" ".join(phrase_words), tuple(stem(w) for w in phrase_words)))
    loose = words(_QUOTED.sub(" ", folded))
    phrases = index.multiword_synonyms if index else []
    position = 0
    loose_terms: list[Term] = []
    while position < len(loose):
        for phrase in phrases:
            width = len(phrase)
            window = loose[position : position + width]
            if len(window) == width and tuple(stem(w) for w in window) == phrase:
                loose_terms.append(Term(" ".join(window), phrase))
                position += width
                break
        else:
            loose_terms.append(Term(loose[position], (stem(loose[position]),)))
            position += 1
    meaningful = [t for t in loose_terms if t.is_phrase or t.text not in STOP_WORDS]
    terms += meaningful if (meaningful or terms) else loose_terms
    unique: dict[tuple[str, ...], Term] = {}
    for term in terms:
        unique.setdefault(term.stems, term)
    return list(unique.values())


def search(
    catalogue: Catalogue, query: str, limit: int | None = None, index: Index | None = None
) -> SearchResult:
    """Benefits that match every term of the query, best first."""
    index = index or Index(catalogue)
    terms = parse_query(query, index)
    if not terms:
        return SearchResult(query, (), ())
    corrections: list[Correction] = []
    unmatched: list[str] = []
    suggestions: list[str] = []
    per_term: list[dict[int, tuple[float, list[Match]]]] = []
    final_terms: list[Term] = []
    for term in terms:
        found = index.matching(term)
        if not found and not term.is_phrase:
            close = _close_words(index, term.text, CORRECTION_CUTOFF)
            if close:
                corrections.append(Correction(term.text, close[0]))
                term = Term(close[0], (stem(close[0]),))
                found = index.matching(term)
        if not found:
            unmatched.append(term.text)
            suggestions += [
                w for w in _close_words(index, term.text, SUGGESTION_CUTOFF) if w not in suggestions
            ]
        per_term.append(found)
        final_terms.append(term)
    if unmatched:
        return SearchResult(
            query,
            tuple(final_terms),
            (),
            tuple(corrections),
            tuple(unmatched),
            tuple(suggestions[:5]),
        )
    common = set(per_term[0]).intersection(*per_term[1:])
    count = len(index.benefits)
    hits: list[tuple[float, int]] = []
    for position in common:
        score = 0.0
        for found in per_term:
            weighted = found[position][0]
            idf = math.log(1 + (count - len(found) + 0.5) / (len(found) + 0.5))
            score += idf * weighted * (K1 + 1) / (weighted + K1)
        hits.append((round(score, 9), position))
    hits.sort(key=lambda item: (-item[0], index.benefits[item[1]].id))
    shown = hits if limit is None else hits[:limit]
    result_hits = tuple(
        Hit(
            index.benefits[position],
            score,
            tuple(m for found in per_term for m in found[position][1]),
            make_snippet(
                index.texts[position],
                [m for found in per_term for m in found[position][1]],
            ),
        )
        for score, position in shown
    )
    return SearchResult(query, tuple(final_terms), result_hits, tuple(corrections), total=len(hits))


def _close_words(index: Index, word: str, cutoff: float) -> list[str]:
    vocabulary = index.vocabulary
    close = difflib.get_close_matches(word, list(vocabulary), n=5, cutoff=cutoff)

    # Equal likeness: prefer the word the catalogue uses more, then alphabetical order.
    def likeness(candidate: str) -> tuple[float, int, str]:
        ratio = difflib.SequenceMatcher(None, word, candidate).ratio()
        return (-round(ratio, 6), -vocabulary[candidate], candidate)

    return sorted(close, key=likeness)


def make_snippet(
    texts: dict[str, str], matches: Sequence[Match], width: int = 140
) -> Snippet | None:
    """A window of the best field's text around its first match, matched words marked."""
    matched_fields = {m.field for m in matches}
    wanted = {s for m in matches for s in (stem(w) for w in words(fold(m.word)))}
    for name in SNIPPET_FIELDS:
        if name not in matched_fields or not texts[name].strip():
            continue
        text = " ".join(texts[name].replace(_BREAK, ",").split())
        text = text.replace(" ,", ",")
        return _window(name, text, wanted, width)
    return None


def _window(name: str, text: str, wanted: Iterable[str], width: int) -> Snippet:
    folded, offsets = fold_with_offsets(text)
    wanted_set = set(wanted)
    spans = [
        (offsets[start], offsets[end - 1] + 1)
        for word, start, end in word_spans(folded)
        if stem(word) in wanted_set
    ]
    if len(text) <= width or not spans:
        return Snippet(
            name,
            text if len(text) <= width else _cut(text, 0, width),
            tuple(spans if len(text) <= width else ()),
        )
    first = spans[0][0]
    start = max(0, first - width // 3)
    if start:
        start = text.find(" ", start) + 1 or start
    end = min(len(text), start + width)
    if end < len(text):
        end = text.rfind(" ", start, end) if text.rfind(" ", start, end) > first else end
    prefix = "..." if start else ""
    suffix = "..." if end < len(text) else ""
    shift = len(prefix) - start
    kept = tuple((a + shift, b + shift) for a, b in spans if a >= start and b <= end)
    return Snippet(name, prefix + text[start:end] + suffix, kept)


def _cut(text: str, start: int, width: int) -> str:
    end = text.rfind(" ", start, start + width)
    return text[start : end if end > start else start + width] + "..."


def keyword_filter(index: Index, keyword: str, benefits: Sequence[Benefit]) -> list[Benefit]:
    """The benefits whose keywords hold the word, a word form of it, or a synonym."""
    folded_words = words(fold(keyword))
    if not folded_words:
        return []
    term = Term(" ".join(folded_words), tuple(stem(w) for w in folded_words))
    expansions = index.expansions(term)
    wanted = {
        index.benefits[position].id
        for position in index.candidates(expansions)
        if any(index.document(position).frequency(stems, "keywords") for _, stems, _ in expansions)
    }
    return [benefit for benefit in benefits if benefit.id in wanted]
