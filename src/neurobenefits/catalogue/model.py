"""The catalogue's data model: immutable records, built once by the loader, never changed.

The records are typed NamedTuples rather than frozen dataclasses: a frozen dataclass costs
about 0.45 ms to define (its methods are generated with exec), and six of them added 0.3x
Python's whole start-up to every call (measured for issue 8). The Catalogue that holds them
is one too, so that no read imports `dataclasses`, which imports `inspect`: together 0.6x
Python's start-up (measured for issue 15).
"""

# No `from __future__ import annotations` here: typing.NamedTuple compiles each field's
# annotation when it is a string, about 0.2 ms a field at every start-up (issue 15).
from functools import cached_property
from typing import NamedTuple


class Reference(NamedTuple):
    """A published source behind an evidence summary or a caution."""

    id: str
    authors: str
    year: int
    title: str
    journal: str
    finding: str
    citation: str | None = None
    doi: str | None = None
    pmid: int | None = None

    @property
    def first_author(self) -> str:
        """The first author's surname, or the first body named (for a guideline)."""
        from .citation import parse_authors  # the one reading of an author list

        names = parse_authors(self.authors).names
        return names[0].family if names else self.authors.strip()

    @property
    def short_citation(self) -> str:
        """First author, year, journal: enough to find the source."""
        return f"{self.first_author} {self.year}, {self.journal}"

    @property
    def doi_url(self) -> str | None:
        return f"https://doi.org/{self.doi}" if self.doi else None


class Evidence(NamedTuple):
    """How well the published research supports one benefit's claim."""

    verdict: str
    summary: str
    references: tuple[str, ...]


class Caution(NamedTuple):
    """Something a therapist must know before massaging a client with a neurological condition."""

    id: str
    title: str
    who: str
    text: str
    references: tuple[str, ...] = ()


class Benefit(NamedTuple):
    """One benefit that the source article names."""

    id: int
    slug: str
    title: str
    category: str
    summary: str
    description: str
    keywords: tuple[str, ...] = ()
    related: tuple[int, ...] = ()
    cautions: tuple[str, ...] = ()
    evidence: Evidence | None = None
    notes: str | None = None


class Source(NamedTuple):
    """Where the catalogue's claims come from."""

    title: str
    attribution: str


class LoadedFile(NamedTuple):
    """One file of the stack the catalogue was built from, for `about`."""

    path: str
    role: str
    benefits_added: int
    benefits_extended: int


class _Contents(NamedTuple):
    """What a Catalogue holds."""

    title: str
    disclaimer: str
    benefits: tuple[Benefit, ...]
    categories: tuple[tuple[str, str], ...]
    schema_version: int = 1
    source: Source | None = None
    introduction: str = ""
    closing: str = ""
    synonyms: tuple[tuple[str, ...], ...] = ()
    verdicts: tuple[tuple[str, str], ...] = ()
    evidence_as_of: str | None = None
    references: tuple[Reference, ...] = ()
    cautions: tuple[Caution, ...] = ()
    files: tuple[LoadedFile, ...] = ()
    # term -> its plain meaning, for the words of the cautions (glossary.py matches them)
    glossary: tuple[tuple[str, str], ...] = ()


class Catalogue(_Contents):
    """Every benefit and what stands beside them, ordered by number.

    A subclass of the NamedTuple, so that it has room for the lookups below, built once each.
    """

    @cached_property
    def _by_id(self) -> dict[int, Benefit]:
        return {benefit.id: benefit for benefit in self.benefits}

    @cached_property
    def _by_slug(self) -> dict[str, Benefit]:
        return {benefit.slug: benefit for benefit in self.benefits}

    @cached_property
    def _references(self) -> dict[str, Reference]:
        return {reference.id: reference for reference in self.references}

    @cached_property
    def _cautions(self) -> dict[str, Caution]:
        return {caution.id: caution for caution in self.cautions}

    def benefit(self, number: int) -> Benefit | None:
        return self._by_id.get(number)

    def benefit_by_slug(self, slug: str) -> Benefit | None:
        return self._by_slug.get(slug)

    def reference(self, reference_id: str) -> Reference | None:
        return self._references.get(reference_id)

    def caution(self, caution_id: str) -> Caution | None:
        return self._cautions.get(caution_id)

    def category_label(self, category: str) -> str:
        return dict(self.categories).get(category, category)

    def citing(self, reference_id: str) -> tuple[Benefit, ...]:
        """The benefits whose evidence names this reference."""
        return tuple(
            benefit
            for benefit in self.benefits
            if benefit.evidence and reference_id in benefit.evidence.references
        )

    def cautions_citing(self, reference_id: str) -> tuple[Caution, ...]:
        return tuple(caution for caution in self.cautions if reference_id in caution.references)

    def benefits_with_caution(self, caution_id: str) -> tuple[Benefit, ...]:
        return tuple(benefit for benefit in self.benefits if caution_id in benefit.cautions)
