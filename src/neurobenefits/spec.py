"""The catalogue file format, written once as data.

The loader validates files against these specs (validate.py) and `neurobenefits schema`
derives the JSON Schema from them (schema.py), so the two cannot disagree. A spec describes
one file: since a file may be an overlay that extends entries of another, only `id` is
required in a benefit here; completeness is checked once the files are stacked.
"""

from __future__ import annotations

from dataclasses import dataclass, field

SLUG_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
# A key holds a letter, so that `references 8` is always benefit 8 and never a key.
REFERENCE_ID_PATTERN = r"^(?:[a-z]|[0-9][0-9_-]*[a-z])[a-z0-9_-]*$"
# The DOI Handbook's syntax (`10.` registrant `/` suffix) with the suffix characters that
# Crossref recommends for DOIs (which every DOI in the bundled catalogue keeps to): nothing
# that HTML, Markdown, BibTeX or RIS would read as markup, and no white space.
DOI_PATTERN = r"^10\.[0-9]{4,9}(?:\.[0-9]+)*/[-._;()/:A-Za-z0-9]+$"


@dataclass(frozen=True)
class Text:
    description: str = ""
    pattern: str | None = None
    pattern_hint: str = ""
    one_line: bool = False


@dataclass(frozen=True)
class Integer:
    description: str = ""
    minimum: int | None = None
    maximum: int | None = None


@dataclass(frozen=True)
class ListOf:
    item: Spec
    description: str = ""


@dataclass(frozen=True)
class MapOf:
    key: Text
    value: Spec
    description: str = ""


@dataclass(frozen=True)
class Record:
    fields: dict[str, Spec]
    required: tuple[str, ...] = ()
    description: str = ""
    extra: dict[str, str] = field(default_factory=dict)


Spec = Text | Integer | ListOf | MapOf | Record

SLUG = Text("lower-case words joined by hyphens", SLUG_PATTERN, "e.g. pain-relief", one_line=True)
ONE_LINE = Text(one_line=True)
PROSE = Text()
REFERENCE_ID = Text(
    "a reference's key",
    REFERENCE_ID_PATTERN,
    "lower-case letters, digits, - and _, with at least one letter; e.g. moyer2004",
    one_line=True,
)

EVIDENCE = Record(
    {
        "verdict": Text("one of the catalogue's verdicts", one_line=True),
        "summary": PROSE,
        "references": ListOf(REFERENCE_ID),
    },
    required=("verdict", "summary", "references"),
    description="How well published research supports the claim",
)

BENEFIT = Record(
    {
        "id": Integer("the benefit's number", minimum=1),
        "slug": SLUG,
        "title": ONE_LINE,
        "category": Text("a key of `categories`", SLUG_PATTERN, "e.g. body", one_line=True),
        "summary": ONE_LINE,
        "description": PROSE,
        "keywords": ListOf(ONE_LINE),
        "related": ListOf(Integer(minimum=1)),
        "cautions": ListOf(SLUG),
        "evidence": EVIDENCE,
        "notes": PROSE,
    },
    required=("id",),
    description="One benefit; a new id needs every field up to description",
)

REFERENCE = Record(
    {
        "authors": ONE_LINE,
        "year": Integer(minimum=1000, maximum=9999),
        "title": ONE_LINE,
        "journal": ONE_LINE,
        "citation": ONE_LINE,
        "doi": Text(
            "a DOI",
            DOI_PATTERN,
            "10.<registrant>/<suffix> of letters, digits and - . _ ; ( ) / :"
            ", e.g. 10.1037/0033-2909.130.1.3",
            one_line=True,
        ),
        "pmid": Integer(minimum=1),
        "finding": PROSE,
    },
    required=("authors", "year", "title", "journal", "finding"),
    description="A published source",
)

CAUTION = Record(
    {
        "id": SLUG,
        "title": ONE_LINE,
        "who": PROSE,
        "text": PROSE,
        "references": ListOf(REFERENCE_ID),
    },
    required=("id", "title", "who", "text"),
    description="Something to know before massaging a client with a neurological condition",
)

CATALOGUE = Record(
    {
        "schema_version": Integer("the catalogue format's version", minimum=1, maximum=1),
        "title": ONE_LINE,
        "source": Record(
            {"title": ONE_LINE, "attribution": PROSE}, required=("title", "attribution")
        ),
        "introduction": PROSE,
        "closing": PROSE,
        "disclaimer": PROSE,
        "categories": MapOf(SLUG, ONE_LINE, "category key -> label"),
        "synonyms": ListOf(ListOf(ONE_LINE), "groups of words that mean the same"),
        "verdicts": MapOf(ONE_LINE, PROSE, "verdict -> what it means"),
        "evidence_as_of": ONE_LINE,
        "benefits": ListOf(BENEFIT),
        "references": MapOf(REFERENCE_ID, REFERENCE, "reference key -> source"),
        "cautions": ListOf(CAUTION),
    },
    description="A neurobenefits catalogue, or an overlay on one",
)

# Fields a benefit must have once every file is stacked (an overlay may extend by id only).
BENEFIT_REQUIRED = ("id", "slug", "title", "category", "summary", "description")
# Top-level fields the stacked catalogue must have. The disclaimer is never optional.
CATALOGUE_REQUIRED = ("schema_version", "title", "disclaimer", "categories", "benefits")
