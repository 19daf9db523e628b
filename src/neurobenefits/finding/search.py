"""Search the catalogue: benefits and cautions, best first, and best effort when nothing fits.

Pure functions over a Catalogue: no I/O, no Rich, no Typer. How a query is read lives in
query.py, the words people search for (synonyms, compounds, corrections) in lexicon.py.

Ranking is BM25F, a standard relevance score: each field's term counts are weighted (title
above keywords above summary above description and the rest), damped by field length, and
summed before saturation. Benefits and cautions are ranked in two sections. When no entry
holds every term, the entries holding the most terms are shown, and the result says so.
Ties go to the lower number (for cautions, catalogue order), so a query always gives the
same order.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import NamedTuple

from ..catalogue.model import Benefit, Catalogue, Caution
from .lexicon import Lexicon
from .query import Term, parse_query, term_of
from .text import fold, fold_with_offsets, stem, word_spans, words

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
CAUTION_WEIGHTS = {"title": 4.0, "who": 2.0, "text": 1.5}
SNIPPET_FIELDS = ("description", "summary", "notes", "evidence", "cautions", "keywords", "title")
MAX_EXPANSIONS = 60  # terms one query word can stand for: README, "limits"
SYNONYM_WEIGHT = 0.7  # a synonym's hit counts a little less than the word typed
K1, B = 1.2, 0.75
_BREAK = "\x00"  # stands between keywords, so a phrase cannot span two of them
# Snowball stems that are not a start of every word they come from ("dying" -> "die").
_IRREGULAR_PREFIXES = {"die": "d", "lie": "l", "tie": "t", "sky": "sk"}


class Correction(NamedTuple):
    typed: str
    used: str


class Match(NamedTuple):
    """Why an entry matched one query term: where, and through which word.

    `caution` names the caution, when a benefit matched through the text of one of its
    cautions.
    """

    term: str
    field: str
    word: str
    synonym: bool
    caution: str | None = None


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


class CautionHit(NamedTuple):
    caution: Caution
    score: float
    matches: tuple[Match, ...]


class SearchResult(NamedTuple):
    query: str
    terms: tuple[Term, ...]
    hits: tuple[Hit, ...]
    corrections: tuple[Correction, ...] = ()
    unmatched: tuple[str, ...] = ()
    suggestions: tuple[str, ...] = ()
    total: int = 0
    cautions: tuple[CautionHit, ...] = ()
    best_effort: bool = False  # no entry holds every term: those holding the most are shown
    safety: tuple[str, ...] = ()  # the words that made it a question about safety in general
    cautions_first: bool = False
    hidden: int = 0  # benefits reached only through a caution in the cautions section

    @property
    def corrected_query(self) -> str:
        return " ".join(f'"{t.text}"' if t.is_phrase else t.text for t in self.terms)

    @property
    def searched(self) -> str:
        """What was searched for, as words: the terms, then the safety words."""
        return " ".join([self.corrected_query, *self.safety]).strip()

    @property
    def found(self) -> bool:
        return bool(self.hits or self.cautions)

    @property
    def benefit_hits(self) -> tuple[Hit, ...]:
        """The benefits to show people.

        A benefit reached only through a caution that the cautions section shows is left to
        that caution's "Concerns" line rather than repeated; data formats keep every hit.
        """
        listed = {hit.caution.id for hit in self.cautions}
        return tuple(hit for hit in self.hits if not _only_through(hit.matches, listed))

    @property
    def limited(self) -> bool:
        """Whether --limit left out benefits that people would have seen."""
        return self.total - self.hidden > len(self.benefit_hits)

    def listing(self) -> list[tuple[str, str]]:
        """What a person sees, in order: ("caution", id) and ("benefit", number) pairs."""
        cautions = [("caution", hit.caution.id) for hit in self.cautions]
        benefits = [("benefit", str(hit.benefit.id)) for hit in self.benefit_hits]
        return cautions + benefits if self.cautions_first else benefits + cautions


def _only_through(matches: Sequence[Match], cautions: set[str]) -> bool:
    """Whether every match is in the text of one of these cautions."""
    return all(m.field == "cautions" and m.caution in cautions for m in matches)


class _Found(NamedTuple):
    """How one entry holds one term: weighted counts (all fields; its own fields) and why."""

    weighted: float
    own: float
    matches: list[Match]


class _Document:
    """One entry's searchable text, as words (stems) and their counts per field."""

    def __init__(self, texts: dict[str, str]) -> None:
        self.texts = texts
        # Each field is split and stemmed the first time a query word may be in it.
        self._stems: dict[str, list[str]] = {}
        self._counts: dict[str, Counter[str]] = {}

    def stems(self, name: str) -> list[str]:
        if name not in self._stems:
            self._stems[name] = _field_stems(name, self.texts[name])
            self._counts[name] = Counter(self._stems[name])
        return self._stems[name]

    def may_hold(self, starts: _Starts, name: str) -> bool:
        """Whether the field has a word starting as a query word's stem does (see _Collection)."""
        return starts.search(_folded(self.texts[name]))

    def frequency(self, stems: tuple[str, ...], name: str) -> int:
        """How often a word (or phrase) occurs in one field."""
        sequence = self.stems(name)
        if len(stems) == 1:
            return self._counts[name][stems[0]]
        width = len(stems)
        return sum(
            1
            for start in range(len(sequence) - width + 1)
            if sequence[start] == stems[0] and tuple(sequence[start : start + width]) == stems
        )

    def holds(self, stems: tuple[str, ...]) -> bool:
        return any(self.frequency(stems, name) for name in self.texts)


Expansion = tuple[str, tuple[str, ...], bool]  # surface text, stems, is a synonym


class _Collection:
    """Entries of one kind (benefits or cautions): their texts, field lengths and weights.

    Splitting and stemming an entry's text is the costly part, so it is done only for the
    entries whose folded text could hold a query word (a stem, less its last letter, is the
    start of every word it comes from); field lengths for the ranking are word counts.
    """

    def __init__(self, texts: list[dict[str, str]], weights: dict[str, float]) -> None:
        self.texts = texts
        self.weights = weights
        self.folded = [_folded(" ".join(t.values())) for t in texts]
        self.lengths = [{name: len(text.split()) for name, text in t.items()} for t in texts]
        count = max(1, len(texts))
        self.average_length = {
            name: max(1.0, sum(lengths.get(name, 0) for lengths in self.lengths) / count)
            for name in weights
        }
        self._documents: dict[int, _Document] = {}

    def __len__(self) -> int:
        return len(self.texts)

    def document(self, position: int) -> _Document:
        """One entry's words, split and stemmed the first time they are needed."""
        if position not in self._documents:
            self._documents[position] = _Document(self.texts[position])
        return self._documents[position]

    def candidates(self, expansions: Sequence[Expansion]) -> list[int]:
        """Positions of the entries whose text may hold one of these words."""
        starts = _Starts(expansions)
        return [i for i, text in enumerate(self.folded) if starts.search(text)]

    def matching(self, term: Term, expansions: Sequence[Expansion]) -> dict[int, _Found]:
        """Entries (by position) that hold the term or a synonym, with weighted counts."""
        result: dict[int, _Found] = {}
        starts = _Starts(expansions)
        for position in self.candidates(expansions):
            document = self.document(position)
            weighted = own = 0.0
            matches: list[Match] = []
            for name, weight in self.weights.items():
                if not document.may_hold(starts, name):
                    continue
                norm = 1 - B + B * self.lengths[position][name] / self.average_length[name]
                for surface, stems, is_synonym in expansions:
                    count = document.frequency(stems, name)
                    if count:
                        value = weight * (SYNONYM_WEIGHT if is_synonym else 1.0) * count / norm
                        weighted += value
                        own += value if name != "cautions" else 0.0
                        matches.append(Match(term.text, name, surface, is_synonym))
            if matches:
                result[position] = _Found(weighted, own, matches)
        return result


def _folded(text: str) -> str:
    return fold(text).replace("'", "")


class _Starts:
    """Finds a word that starts as one of these words' first stems does."""

    def __init__(self, expansions: Sequence[Expansion]) -> None:
        self.prefixes = sorted({_prefix(stems[0]) for _, stems, _ in expansions})
        self.pattern = re.compile(r"\b(?:" + "|".join(map(re.escape, self.prefixes)) + ")")

    def search(self, text: str) -> bool:
        # A plain substring test first: far quicker than the pattern, and most texts fail it.
        return any(p in text for p in self.prefixes) and self.pattern.search(text) is not None


def _prefix(first_stem: str) -> str:
    if first_stem in _IRREGULAR_PREFIXES:
        return _IRREGULAR_PREFIXES[first_stem]
    return first_stem[:-1] if len(first_stem) > 3 else first_stem


class Index:
    """What search needs to know about a catalogue: its benefits, cautions and words."""

    def __init__(self, catalogue: Catalogue) -> None:
        self.catalogue = catalogue
        self.benefits = list(catalogue.benefits)
        self.cautions = list(catalogue.cautions)
        self.lexicon = Lexicon(catalogue)
        self.benefit_entries = _Collection(
            [field_texts(catalogue, b) for b in self.benefits], FIELD_WEIGHTS
        )
        self.caution_entries = _Collection(
            [{"title": c.title, "who": c.who, "text": c.text} for c in self.cautions],
            CAUTION_WEIGHTS,
        )
        self._caution_position = {c.id: i for i, c in enumerate(self.cautions)}
        self._matched: dict[Term, dict[int, _Found]] = {}
        self._caution_matched: dict[Term, dict[int, _Found]] = {}

    @property
    def texts(self) -> list[dict[str, str]]:
        return self.benefit_entries.texts

    def expansions(self, term: Term) -> list[Expansion]:
        """The term, its other written forms, then each synonym of any of them."""
        found: list[Expansion] = [(term.text, term.stems, False)]
        found += [(text, stems, False) for text, stems in term.forms]
        seen = {stems for _, stems, _ in found}
        for _, stems, _ in list(found):
            for synonym in self.lexicon.synonyms_of(stems):
                if synonym.stems not in seen:
                    seen.add(synonym.stems)
                    found.append((synonym.text, synonym.stems, True))
        # An overlay can put one word in many groups; matching cost grows with each term.
        return found[:MAX_EXPANSIONS]

    def matching(self, term: Term) -> dict[int, _Found]:
        """Benefits (by position) that hold the term; a match in the cautions names which."""
        if term not in self._matched:
            self._matched[term] = self._benefits_matching(term)
        return self._matched[term]

    def caution_matching(self, term: Term) -> dict[int, _Found]:
        if term not in self._caution_matched:
            self._caution_matched[term] = self.caution_entries.matching(term, self.expansions(term))
        return self._caution_matched[term]

    def _benefits_matching(self, term: Term) -> dict[int, _Found]:
        expansions = self.expansions(term)
        found = self.benefit_entries.matching(term, expansions)
        for position, entry in found.items():
            benefit = self.benefits[position]
            for index, match in enumerate(entry.matches):
                if match.field == "cautions":
                    entry.matches[index] = match._replace(
                        caution=self._caution_holding(benefit, match.word)
                    )
        return found

    def _caution_holding(self, benefit: Benefit, word: str) -> str | None:
        stems = tuple(stem(w) for w in words(fold(word)))
        for caution_id in benefit.cautions:
            position = self._caution_position.get(caution_id)
            if position is not None and self.caution_entries.document(position).holds(stems):
                return caution_id
        return None


class _Ranked(NamedTuple):
    position: int
    terms: frozenset[int]  # which of the query's terms the entry holds
    score: float
    matches: tuple[Match, ...]

    @property
    def held(self) -> int:
        return len(self.terms)


class _Read(NamedTuple):
    """A query as searched: its terms (split, joined or corrected) and what each matched."""

    terms: list[Term]
    corrections: list[Correction]
    per_benefit: list[dict[int, _Found]]
    per_caution: list[dict[int, _Found]]

    def unmatched(self) -> list[str]:
        return [
            term.text
            for term, benefits, cautions in zip(
                self.terms, self.per_benefit, self.per_caution, strict=True
            )
            if not benefits and not cautions
        ]

    def found(self) -> set[int]:
        """The terms that match something."""
        return {i for i in range(len(self.terms)) if self.per_benefit[i] or self.per_caution[i]}


def search(
    catalogue: Catalogue, query: str, limit: int | None = None, index: Index | None = None
) -> SearchResult:
    """Benefits and cautions that hold the query's terms, best first.

    When no entry holds every term, those holding the most are shown (best effort). A
    question about safety in general lists every caution, those that hold its terms first.
    """
    index = index or Index(catalogue)
    parsed = parse_query(query, index.lexicon)
    if not parsed.terms and not parsed.safety:
        return SearchResult(query, (), ())
    read = _read(index, parsed.terms)
    # The words side by side, as typed ("blood pressure"), rank above the same words apart.
    together = _together(read.terms)
    benefit_together = index.matching(together) if together else {}
    caution_together = index.caution_matching(together) if together else {}
    benefit_ranks = _rank(read.per_benefit, len(index.benefits), benefit_together)
    caution_ranks = _rank(read.per_caution, len(index.cautions), caution_together)
    # Terms that a caution says more strongly than any benefit's own text ("cannot feel").
    leaning = {
        i for i in read.found() if _leans_to_cautions(read.per_benefit[i], read.per_caution[i])
    }
    count = len(read.terms)
    complete = any(r.held == count for r in [*benefit_ranks, *caution_ranks])
    best_effort = count > 0 and not complete and bool(benefit_ranks or caution_ranks)
    if not best_effort:
        benefit_ranks = [r for r in benefit_ranks if r.held == count]
        caution_ranks = [r for r in caution_ranks if r.held == count] or [
            r for r in caution_ranks if r.terms & leaning
        ]
    if parsed.safety:
        caution_ranks = _every_caution(index, caution_ranks)
        if not read.terms:
            benefit_ranks = _through_cautions(index, parsed.safety)
    about_cautions = bool(parsed.safety) or _about_cautions(
        read, leaning, (benefit_together, caution_together), (benefit_ranks, caution_ranks)
    )
    # Benefits reached only through a caution shown above come last, so that --limit keeps
    # the benefits people see; data formats list them all.
    listed = {index.cautions[r.position].id for r in caution_ranks}
    hidden = [r for r in benefit_ranks if _only_through(r.matches, listed)]
    benefit_ranks = [r for r in benefit_ranks if r not in hidden] + hidden
    shown = benefit_ranks if limit is None else benefit_ranks[:limit]
    unmatched = read.unmatched()
    suggestions = list(
        dict.fromkeys(s for word in unmatched for s in index.lexicon.suggestions(word))
    )
    return SearchResult(
        query,
        tuple(read.terms),
        tuple(_hit(index, r) for r in shown),
        tuple(read.corrections),
        tuple(unmatched),
        tuple(suggestions[:5]),
        total=len(benefit_ranks),
        hidden=len(hidden),
        cautions=tuple(
            CautionHit(index.cautions[r.position], r.score, r.matches) for r in caution_ranks
        ),
        best_effort=best_effort,
        safety=parsed.safety,
        cautions_first=bool(caution_ranks) and about_cautions,
    )


def _about_cautions(
    read: _Read,
    leaning: set[int],
    together: tuple[dict[int, _Found], dict[int, _Found]],
    ranks: tuple[list[_Ranked], list[_Ranked]],
) -> bool:
    """Whether the query is about a caution more than a benefit, so cautions go first.

    The words side by side decide when they stand together somewhere ("blood pressure");
    else every word must be a caution's; else, with words of both, the entry that holds
    more of them (then the higher score) goes first.
    """
    if together[0] or together[1]:
        return _leans_to_cautions(*together)
    found = read.found()
    if found and found <= leaning:
        return True
    benefits, cautions = ranks
    if not (leaning and benefits and cautions):
        return False
    return (cautions[0].held, cautions[0].score) > (benefits[0].held, benefits[0].score)


def _read(index: Index, parsed: Sequence[Term]) -> _Read:
    terms: list[Term] = []
    corrections: list[Correction] = []
    for term in parsed:
        resolved, correction = _resolve(index, term)
        terms.append(resolved)
        if correction:
            corrections.append(correction)
    terms = _join_compounds(index, terms)
    return _Read(
        terms,
        corrections,
        [index.matching(term) for term in terms],
        [index.caution_matching(term) for term in terms],
    )


def _hit(index: Index, ranked: _Ranked) -> Hit:
    benefit = index.benefits[ranked.position]
    texts = quotable_texts(index.catalogue, benefit, index.texts[ranked.position])
    return Hit(benefit, ranked.score, ranked.matches, make_snippet(texts, ranked.matches))


def _resolve(index: Index, term: Term) -> tuple[Term, Correction | None]:
    """The term as searched: as typed if it matches; else split, else corrected if sure."""
    if term.quoted or index.matching(term) or index.caution_matching(term):
        return term, None
    if not term.is_phrase:
        parts = index.lexicon.split(term.text)
        if parts:
            split = term.with_form(" ".join(parts), tuple(stem(p) for p in parts))
            if index.matching(split) or index.caution_matching(split):
                return split, None
        used = index.lexicon.correction(term.text)
        if used:
            corrected = term_of(used)
            if index.matching(corrected) or index.caution_matching(corrected):
                return corrected, Correction(term.text, used)
    return term, None


def _join_compounds(index: Index, terms: list[Term]) -> list[Term]:
    """Two neighbouring words that match nothing together, joined when the vocabulary writes
    them as one word (`pain killer` -> `painkiller`)."""
    joined: list[Term] = []
    position = 0
    while position < len(terms):
        term = terms[position]
        following = terms[position + 1] if position + 1 < len(terms) else None
        closed = _closed_form(index, term, following) if following else None
        if following and closed:
            pair = Term(
                f"{term.text} {following.text}",
                (*term.stems, *following.stems),
                forms=((closed, (stem(closed),)),),
            )
            if index.matching(pair) or index.caution_matching(pair):
                joined.append(pair)
                position += 2
                continue
        joined.append(term)
        position += 1
    return joined


def _closed_form(index: Index, first: Term, second: Term) -> str | None:
    """The one word two single, unquoted terms make, if they match nothing together."""
    if first.quoted or second.quoted or first.is_phrase or second.is_phrase:
        return None
    if _holds_both(index, first, second):
        return None
    return index.lexicon.joined(first.text, second.text)


def _holds_both(index: Index, first: Term, second: Term) -> bool:
    both = set(index.matching(first)) & set(index.matching(second))
    return bool(both) or bool(
        set(index.caution_matching(first)) & set(index.caution_matching(second))
    )


def _together(terms: Sequence[Term]) -> Term | None:
    """Several unquoted terms as one phrase, to find where they stand side by side."""
    if len(terms) < 2 or any(term.quoted for term in terms):
        return None
    return Term(" ".join(t.text for t in terms), tuple(s for t in terms for s in t.stems))


def _rank(
    per_term: list[dict[int, _Found]], count: int, together: dict[int, _Found]
) -> list[_Ranked]:
    """Entries holding at least one term: most terms held first, then by relevance."""
    positions = sorted({p for found in per_term for p in found})
    ranked: list[_Ranked] = []
    for position in positions:
        score = 0.0
        held: set[int] = set()
        matches: list[Match] = []
        for number, found in enumerate([*per_term, together]):
            if position not in found:
                continue
            weighted = found[position].weighted
            idf = math.log(1 + (count - len(found) + 0.5) / (len(found) + 0.5))
            score += idf * weighted * (K1 + 1) / (weighted + K1)
            if found is not together:
                held.add(number)
                matches += found[position].matches
        ranked.append(_Ranked(position, frozenset(held), round(score, 9), tuple(matches)))
    ranked.sort(key=lambda r: (-r.held, -r.score, r.position))
    return ranked


def _every_caution(index: Index, ranked: list[_Ranked]) -> list[_Ranked]:
    """A safety question lists every caution: those holding its terms first."""
    listed = {r.position for r in ranked}
    rest = [_Ranked(i, frozenset(), 0.0, ()) for i in range(len(index.cautions)) if i not in listed]
    return ranked + rest


def _through_cautions(index: Index, safety: tuple[str, ...]) -> list[_Ranked]:
    """For data formats: the benefits that carry a caution, reached through it, scored 1."""
    ranked: list[_Ranked] = []
    for position, benefit in enumerate(index.benefits):
        matches = tuple(
            Match(" ".join(safety), "cautions", caution.title, False, caution.id)
            for caution_id in benefit.cautions
            if (caution := index.catalogue.caution(caution_id))
        )
        if matches:
            ranked.append(_Ranked(position, frozenset(), 1.0, matches))  # all equal
    return ranked


def _leans_to_cautions(benefits: dict[int, _Found], cautions: dict[int, _Found]) -> bool:
    """Whether a term is said more strongly by a caution than by any benefit's own text."""
    best_caution = max((found.weighted for found in cautions.values()), default=0.0)
    best_benefit = max((found.own for found in benefits.values()), default=0.0)
    return best_caution > best_benefit


def notices(result: SearchResult) -> list[str]:
    """One line for each thing a person must know about how their query was read."""
    lines = [
        f'Showing results for "{c.used}" (no match for "{c.typed}").' for c in result.corrections
    ]
    if result.best_effort:
        kind = "benefit or caution" if result.cautions and not result.safety else "benefit"
        lines.append(
            f"No {kind} has all of: {_shorten(result.corrected_query, 200)}. "
            "Showing those with the most of them."
        )
    if result.found and result.unmatched and result.suggestions:
        typed = _listed([f'"{word}"' for word in result.unmatched])
        lines.append(f"No match for {typed}; did you mean: {', '.join(result.suggestions)}?")
    if result.safety and result.unmatched:
        typed = _listed([f'"{word}"' for word in result.unmatched])
        lines.append(
            f"No caution here mentions {typed}; that does not make it safe: ask the "
            "client's clinician."
        )
    return lines


def no_words_message(query: str) -> str:
    """Why a query gave nothing to search for: no words at all, or only common ones."""
    typed = list(dict.fromkeys(words(fold(query))))
    if typed:
        return (
            f"The query {_shorten(query)!r} has only common words ({_listed(typed)}); "
            "give a word such as sleep or spasm."
        )
    return f"The query {_shorten(query)!r} has no words to search for; give a word such as spasm."


def _listed(items: Sequence[str], most: int = 8) -> str:
    """Items joined with commas; a long list is cut, so a message stays one line."""
    return ", ".join(items[:most]) + (", ..." if len(items) > most else "")


def _shorten(text: str, most: int = 60) -> str:
    return text if len(text) <= most else text[: most - 3] + "..."


# Nothing found is no all-clear: a condition the reference does not cover (pregnancy,
# epilepsy) may still rule massage out, so every "nothing found" says where to look.
NOT_COVERED = "Not covered here does not mean safe: {where} and ask the client's clinician."
EVERY_CAUTION = "see every caution with 'neurobenefits cautions'"


def no_result_message(result: SearchResult, every_caution: str = EVERY_CAUTION) -> str:
    """Why a search found nothing, what might work instead, and where the cautions are."""
    typed = _listed([f'"{word}"' for word in result.unmatched]) or result.corrected_query
    hint = f" Did you mean: {', '.join(result.suggestions)}?" if result.suggestions else ""
    covered = NOT_COVERED.format(where=every_caution)
    return f"No benefit or caution matches {typed}.{hint} {covered}"


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


def quotable_texts(
    catalogue: Catalogue, benefit: Benefit, searched: dict[str, str]
) -> dict[str, str]:
    """The fields a snippet may quote: what was searched, in a voice fit to show alone.

    The evidence is quoted from its summary and findings only, since a bare verdict word,
    author list or paper title shown under a benefit reads as a claim of its own.
    """
    texts = dict(searched)
    if benefit.evidence:
        findings = (catalogue.reference(key) for key in benefit.evidence.references)
        texts["evidence"] = " ".join(
            [benefit.evidence.summary] + [ref.finding for ref in findings if ref and ref.finding]
        )
    return texts


def _field_stems(name: str, text: str) -> list[str]:
    if name == "keywords":
        return [
            _BREAK if part == _BREAK else s
            for part in text.split(" ")
            for s in ([part] if part == _BREAK else [stem(w) for w in words(fold(part))])
        ]
    return [stem(w) for w in words(fold(text))]


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
        snippet = _window(name, text, wanted, width)
        if name == "description" and snippet.text.startswith("..."):
            return _attributed(_window(name, text, wanted, width - len(ATTRIBUTION)))
        return snippet
    return None


# A window cut from the middle of a description has lost the sentence that says whose claim
# it is; it is the article's, and says so again.
ATTRIBUTION = "The article says: "


def _attributed(snippet: Snippet) -> Snippet:
    shift = len(ATTRIBUTION)
    return snippet._replace(
        text=ATTRIBUTION + snippet.text,
        highlights=tuple((a + shift, b + shift) for a, b in snippet.highlights),
    )


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
    entries = index.benefit_entries
    wanted = {
        index.benefits[position].id
        for position in entries.candidates(expansions)
        if any(
            entries.document(position).frequency(stems, "keywords") for _, stems, _ in expansions
        )
    }
    return [benefit for benefit in benefits if benefit.id in wanted]
