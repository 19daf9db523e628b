"""What each answer shows, assembled once: the views below only lay it out.

A view model holds one answer (a benefit's details, a list entry, a search result, a
caution, a citation) with its wording decided here: which pieces it has, in which order,
and the sentences around them. Plain text, Markdown, Rich, the handout and the browser
escape and style those pieces; none of them decides what they are.

Plain `show` imports this module, so it stays light: no Rich, no PyYAML, and the models
are plain classes with `__slots__`. Defining one costs about 0.015 ms here, against
about 0.2 ms for a NamedTuple and 0.5 to 2 ms for a frozen dataclass (both generate
methods with exec): eleven NamedTuples would add about 2 ms to every `show`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from .wording import (
    NO_OWN_CAUTION,
    OTHER_CAUTIONS,
    VERDICT_MARKERS,
    cautions_heading,
    cited_by,
    match_reason,
)

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

    from ..catalogue.model import Benefit, Catalogue, Caution, Reference
    from ..finding.search import SearchResult


class _Model:
    """Equality and a readable repr from `__slots__`, for tests and debugging."""

    __slots__: tuple[str, ...] = ()

    def _values(self) -> tuple[object, ...]:
        return tuple(getattr(self, name) for name in self.__slots__)

    def __eq__(self, other: object) -> bool:
        return type(other) is type(self) and self._values() == other._values()

    def __hash__(self) -> int:
        return hash(self._values())

    def __repr__(self) -> str:
        fields = ", ".join(
            f"{n}={v!r}" for n, v in zip(self.__slots__, self._values(), strict=True)
        )
        return f"{type(self).__name__}({fields})"


class Verdict(_Model):
    """A verdict with its marker and meaning: never shown without the meaning."""

    __slots__ = ("marker", "meaning", "name")

    def __init__(self, name: str, marker: str, meaning: str) -> None:
        self.name = name  # "limited"
        self.marker = marker  # "[~]": each verdict its own, so they are told apart without colour
        # the catalogue's words for it ("" for a verdict it does not define)
        self.meaning = meaning

    @property
    def label(self) -> str:
        """`[~] limited`"""
        return f"{self.marker} {self.name}"

    @property
    def with_meaning(self) -> str:
        """`[~] limited (a few small trials, ...)`"""
        return f"{self.label} ({self.meaning})" if self.meaning else self.label


# What a piece of a full citation is, so each format can style and escape it: catalogue
# text ("text", "title", "journal", "volume") is escaped; "mark" is our punctuation.
PieceKind = Literal["text", "title", "journal", "volume", "mark"]


class Citation(_Model):
    """A reference as every view cites it: short, in full, its link and what it found."""

    __slots__ = ("cited_by", "doi", "finding", "id", "pieces", "short", "url")

    def __init__(
        self,
        id: str,
        short: str,
        pieces: tuple[tuple[str, PieceKind], ...],
        url: str | None,
        doi: str | None,
        finding: str,
        cited_by: str,
    ) -> None:
        self.id = id
        self.short = short  # `Moyer 2004, Psychological Bulletin`: enough to find the source
        self.pieces = pieces  # `authors (year). title. journal. volume.`
        self.url = url  # the DOI as a link
        self.doi = doi
        self.finding = finding
        # `Cited by benefits 4 ...; 5 ...`, "" when nothing cites it (or not asked)
        self.cited_by = cited_by

    @property
    def full(self) -> str:
        """The full citation as one line of text."""
        return "".join(text for text, _ in self.pieces)


class CautionView(_Model):
    __slots__ = ("concerns", "id", "references", "text", "title", "who")

    def __init__(
        self,
        id: str,
        title: str,
        who: str,
        text: str,
        references: tuple[Citation, ...],
        concerns: str,
    ) -> None:
        self.id = id
        self.title = title
        self.who = who
        self.text = text
        self.references = references
        self.concerns = concerns  # `Concerns: 8 Reduction of Muscle Spasms and Tone`, "" for none


class BenefitLine(_Model):
    """One benefit in a list: enough to choose it."""

    __slots__ = ("category", "id", "summary", "title", "verdict")

    def __init__(
        self, id: int, title: str, category: str, summary: str, verdict: Verdict | None
    ) -> None:
        self.id = id
        self.title = title
        self.category = category  # the category's label
        self.summary = summary
        self.verdict = verdict


class EvidenceView(_Model):
    __slots__ = ("references", "summary", "verdict")

    def __init__(self, verdict: Verdict, summary: str, references: tuple[Citation, ...]) -> None:
        self.verdict = verdict
        self.summary = summary
        self.references = references


class BenefitView(_Model):
    """A benefit's details, as `show`, the browser and the handout give them."""

    __slots__ = (
        "cautions",
        "cautions_note",
        "description",
        "evidence",
        "keywords",
        "line",
        "notes",
        "related",
    )

    def __init__(
        self,
        line: BenefitLine,
        description: str,
        notes: str | None,
        keywords: tuple[str, ...],
        evidence: EvidenceView | None,
        cautions: tuple[CautionView, ...],
        cautions_note: str,
        related: tuple[BenefitLine, ...],
    ) -> None:
        self.line = line
        self.description = description
        self.notes = notes
        self.keywords = keywords
        self.evidence = evidence
        self.cautions = cautions  # its own, in the benefit's order
        # under its own cautions: the others apply too (or: it has none)
        self.cautions_note = cautions_note
        self.related = related

    @property
    def related_names(self) -> str:
        """`1 Pain Relief; 4 Stress and Anxiety Reduction`, as `Related:` names them."""
        return "; ".join(f"{r.id} {r.title}" for r in self.related)


class HitView(_Model):
    """A benefit a search found: its line, the text around the match, and why it is there."""

    __slots__ = ("highlights", "line", "reason", "snippet")

    def __init__(
        self, line: BenefitLine, snippet: str, highlights: tuple[tuple[int, int], ...], reason: str
    ) -> None:
        self.line = line
        self.snippet = snippet
        self.highlights = highlights  # spans of `snippet` to highlight
        self.reason = reason  # `matched in title; via synonym spasticity`


class CautionHitView(_Model):
    __slots__ = ("caution", "reason")

    def __init__(self, caution: CautionView, reason: str) -> None:
        self.caution = caution
        self.reason = reason  # "" when listed because the question is about safety, not a match


class SearchView(_Model):
    __slots__ = (
        "benefits",
        "cautions",
        "cautions_first",
        "cautions_heading",
        "notices",
        "searched",
        "shown",
        "verdicts",
    )

    def __init__(
        self,
        searched: str,
        notices: tuple[str, ...],
        benefits: tuple[HitView, ...],
        cautions: tuple[CautionHitView, ...],
        cautions_heading: str,
        cautions_first: bool,
        shown: str,
        verdicts: tuple[Verdict, ...],
    ) -> None:
        self.searched = searched
        self.notices = notices  # how the query was read: corrections, best effort, unknown words
        self.benefits = benefits
        self.cautions = cautions
        self.cautions_heading = cautions_heading
        self.cautions_first = cautions_first
        self.shown = shown  # `3 of 9 results shown (--limit).`, "" when nothing was left out
        self.verdicts = verdicts  # the legend: each verdict the benefits carry


def verdict(catalogue: Catalogue, name: str) -> Verdict:
    return Verdict(name, VERDICT_MARKERS.get(name, "[ ]"), dict(catalogue.verdicts).get(name, ""))


def legend(catalogue: Catalogue, benefits: Iterable[Benefit]) -> tuple[Verdict, ...]:
    """Each verdict these benefits carry, in the scale's order (undefined ones last)."""
    shown = {benefit.evidence.verdict for benefit in benefits if benefit.evidence}
    defined = [name for name, _ in catalogue.verdicts]
    order = [name for name in defined if name in shown] + sorted(shown - set(defined))
    return tuple(verdict(catalogue, name) for name in order)


def citation(reference: Reference, cited: str = "") -> Citation:
    pieces: list[tuple[str, PieceKind]] = [
        (reference.authors, "text"),
        (f" ({reference.year}). ", "mark"),
        (reference.title, "title"),
        (". ", "mark"),
        (reference.journal, "journal"),
        (".", "mark"),
    ]
    if reference.citation:
        pieces += [(" ", "mark"), (f"{reference.citation}.", "volume")]
    return Citation(
        reference.id,
        reference.short_citation,
        tuple(pieces),
        reference.doi_url,
        reference.doi,
        reference.finding,
        cited,
    )


def cited_reference(catalogue: Catalogue, reference: Reference) -> Citation:
    """A reference with every benefit and caution of the catalogue that cites it."""
    uses = cited_by(catalogue.citing(reference.id), catalogue.cautions_citing(reference.id))
    return citation(reference, uses)


def _citations(catalogue: Catalogue, ids: Iterable[str]) -> tuple[Citation, ...]:
    return tuple(citation(r) for rid in ids if (r := catalogue.reference(rid)))


def caution_view(catalogue: Catalogue, caution: Caution) -> CautionView:
    concerned = catalogue.benefits_with_caution(caution.id)
    concerns = "; ".join(f"{b.id} {b.title}" for b in concerned)
    return CautionView(
        caution.id,
        caution.title,
        caution.who,
        caution.text,
        _citations(catalogue, caution.references),
        f"Concerns: {concerns}" if concerns else "",
    )


def benefit_line(catalogue: Catalogue, benefit: Benefit) -> BenefitLine:
    return BenefitLine(
        benefit.id,
        benefit.title,
        catalogue.category_label(benefit.category),
        benefit.summary,
        verdict(catalogue, benefit.evidence.verdict) if benefit.evidence else None,
    )


def own_cautions(catalogue: Catalogue, benefit: Benefit) -> tuple[Caution, ...]:
    """The cautions a benefit points to that the catalogue defines, in the benefit's order."""
    return tuple(c for caution_id in benefit.cautions if (c := catalogue.caution(caution_id)))


def benefit_view(catalogue: Catalogue, benefit: Benefit) -> BenefitView:
    evidence = None
    if benefit.evidence:
        evidence = EvidenceView(
            verdict(catalogue, benefit.evidence.verdict),
            benefit.evidence.summary,
            _citations(catalogue, benefit.evidence.references),
        )
    cautions = tuple(caution_view(catalogue, c) for c in own_cautions(catalogue, benefit))
    related = (r for number in benefit.related if (r := catalogue.benefit(number)))
    return BenefitView(
        benefit_line(catalogue, benefit),
        benefit.description,
        benefit.notes,
        benefit.keywords,
        evidence,
        cautions,
        OTHER_CAUTIONS if cautions else NO_OWN_CAUTION,
        tuple(benefit_line(catalogue, r) for r in related),
    )


def search_view(catalogue: Catalogue, result: SearchResult) -> SearchView:
    from ..finding.search import notices

    hits = result.benefit_hits
    benefits = tuple(
        HitView(
            benefit_line(catalogue, hit.benefit),
            hit.snippet.text if hit.snippet else "",
            hit.snippet.highlights if hit.snippet else (),
            match_reason(hit.matches),
        )
        for hit in hits
    )
    cautions = tuple(
        CautionHitView(
            caution_view(catalogue, hit.caution),
            match_reason(hit.matches) if hit.matches else "",
        )
        for hit in result.cautions
    )
    shown = ""
    if result.limited:
        shown = f"{len(hits)} of {result.total - result.hidden} results shown (--limit)."
    return SearchView(
        result.searched,
        tuple(notices(result)),
        benefits,
        cautions,
        cautions_heading(result) if result.cautions else "",
        result.cautions_first,
        shown,
        legend(catalogue, (hit.benefit for hit in hits)),
    )


def handout_cited_by(benefits: Sequence[Benefit], catalogue: Catalogue, reference_id: str) -> str:
    """Which of a handout's own benefits cite a reference: the sheet names no others."""
    citing = catalogue.citing(reference_id)
    return cited_by([b for b in benefits if b in citing])


class BenefitListView(_Model):
    __slots__ = ("entries", "verdicts")

    def __init__(self, entries: tuple[BenefitLine, ...], verdicts: tuple[Verdict, ...]) -> None:
        self.entries = entries
        self.verdicts = verdicts  # the legend: each verdict the entries carry


def benefit_list(catalogue: Catalogue, benefits: Iterable[Benefit]) -> BenefitListView:
    benefits = list(benefits)
    return BenefitListView(
        tuple(benefit_line(catalogue, b) for b in benefits), legend(catalogue, benefits)
    )
