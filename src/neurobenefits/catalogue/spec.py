"""The catalogue file format, written once as data.

The loader validates files against these specs (validate.py) and `neurobenefits schema`
derives the JSON Schema from them (schema.py), so the two cannot disagree. A spec describes
one file: since a file may be an overlay that extends entries of another, only `id` is
required in a benefit here; completeness is checked once the files are stacked.
"""

from __future__ import annotations

from dataclasses import dataclass, field

SLUG_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"

# Characters refused because a reader cannot see them, or because they reorder what is seen
# (a "Trojan Source" title that reads one way and sorts, searches or matches another).
# Direction controls (embeddings, overrides, isolates) are refused in all text; invisible
# characters (zero-width space, direction marks, word joiners, byte-order marks, Hangul
# fillers, tag characters) in one-line text: titles, names, keys and labels, where line and
# paragraph separators are refused as any line break is. Zero-width joiners and variation
# selectors stay allowed: scripts and emoji need them. Each constant is the inside of a
# regular-expression character class, which the JSON Schema shares.
DIRECTION_CONTROLS = "\u202a-\u202e\u2066-\u2069"
INVISIBLE = (
    "\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180e\u200b\u200e\u200f"
    "\u2060-\u2064\u206a-\u206f\u3164\ufeff\uffa0\ufff9-\ufffb"
)
# Tag characters (U+E0000 to U+E007F) hide text from readers too; kept apart because a
# JSON Schema pattern (ECMAScript, without the u flag) cannot hold a range beyond U+FFFF.
INVISIBLE_TAGS = "\U000e0000-\U000e007f"
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
    max_length: int | None = None

    @property
    def length_limit(self) -> int:
        """At most this many characters: a line of text is short, prose longer."""
        return self.max_length or (MAX_LINE_LENGTH if self.one_line else MAX_PROSE_LENGTH)


@dataclass(frozen=True)
class Integer:
    description: str = ""
    minimum: int | None = None
    maximum: int | None = None


@dataclass(frozen=True)
class ListOf:
    item: Spec
    description: str = ""
    max_items: int = 100


@dataclass(frozen=True)
class MapOf:
    key: Text
    value: Spec
    description: str = ""
    max_items: int = 100


@dataclass(frozen=True)
class Record:
    fields: dict[str, Spec]
    required: tuple[str, ...] = ()
    description: str = ""
    extra: dict[str, str] = field(default_factory=dict)


Spec = Text | Integer | ListOf | MapOf | Record

# Limits, far above what a catalogue needs, that keep every call within seconds and bounded
# memory whatever a file holds (README, "A catalogue is input from outside").
MAX_LINE_LENGTH = 1_000
MAX_PROSE_LENGTH = 20_000
MAX_BENEFITS = 10_000
MAX_REFERENCES = 10_000
MAX_CAUTIONS = 1_000
MAX_SYNONYM_GROUPS = 1_000
# A word in many large groups would otherwise expand one query word into thousands of terms.
MAX_SYNONYM_WORDS = 30
MAX_GLOSSARY_TERMS = 1_000
MAX_GLOSSARY_TERM = 60
MAX_GLOSSARY_MEANING = 200

SLUG = Text(
    "lower-case words joined by hyphens", SLUG_PATTERN, "e.g. pain-relief", True, max_length=100
)
ONE_LINE = Text(one_line=True)
PROSE = Text()
REFERENCE_ID = Text(
    "a reference's key",
    REFERENCE_ID_PATTERN,
    "lower-case letters, digits, - and _, with at least one letter; e.g. moyer2004",
    one_line=True,
    max_length=100,
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
    required=("id",),
    description="Something to know before massaging a client; a new id needs title, who, text",
)

# A word of the cautions and what it means in plain words: a handout lists, beside the
# cautions (kept word for word), the terms they use. Short on purpose: a gloss is a
# dictionary's line, never a second caution.
GLOSSARY = MapOf(
    Text("a word or phrase as the cautions write it", one_line=True, max_length=MAX_GLOSSARY_TERM),
    Text("its plain meaning, in a line", one_line=True, max_length=MAX_GLOSSARY_MEANING),
    "term -> its plain meaning",
    MAX_GLOSSARY_TERMS,
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
        "synonyms": ListOf(
            ListOf(ONE_LINE, max_items=MAX_SYNONYM_WORDS),
            "groups of words that mean the same",
            MAX_SYNONYM_GROUPS,
        ),
        "verdicts": MapOf(ONE_LINE, PROSE, "verdict -> what it means"),
        "evidence_as_of": ONE_LINE,
        "benefits": ListOf(BENEFIT, max_items=MAX_BENEFITS),
        "references": MapOf(
            REFERENCE_ID, REFERENCE, "reference key -> source", max_items=MAX_REFERENCES
        ),
        "cautions": ListOf(CAUTION, max_items=MAX_CAUTIONS),
        "glossary": GLOSSARY,
    },
    description="A neurobenefits catalogue, or an overlay on one",
)

# Fields a benefit must have once every file is stacked (an overlay may extend by id only).
BENEFIT_REQUIRED = ("id", "slug", "title", "category", "summary", "description")
# Fields a caution must have once every file is stacked (an overlay may extend by id only).
CAUTION_REQUIRED = ("id", "title", "who", "text")
# Top-level fields the stacked catalogue must have. The disclaimer is never optional.
CATALOGUE_REQUIRED = ("schema_version", "title", "disclaimer", "categories", "benefits")
