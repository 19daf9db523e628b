"""Read a reference's free-text fields into the parts a bibliography needs.

The catalogue keeps references as people write them (`Fang CS, Chang SL`, `17(7):1353-1375`);
reference managers want them in parts (family name and initials; volume, issue, pages). The
rules live here, once, so that every export reads a reference the same way. Pure: no I/O.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from .model import Reference

ET_AL = "et al."


class Name(NamedTuple):
    """A person (`family` and `given` initials, `C. S.`) or a body (`literal`, given empty)."""

    family: str
    given: str = ""

    @property
    def is_person(self) -> bool:
        return bool(self.given)


class Authors(NamedTuple):
    names: tuple[Name, ...]
    # The catalogue's list ends in "et al.": the source has more authors than these.
    truncated: bool


class Parts(NamedTuple):
    """Where a paper sits in its journal; any part may be missing (`Issue 6, CD010518`)."""

    volume: str | None
    issue: str | None
    pages: str | None

    @property
    def first_page(self) -> str | None:
        return self.pages.split("-")[0] if self.pages else None

    @property
    def last_page(self) -> str | None:
        if self.pages and "-" in self.pages:
            return self.pages.split("-", 1)[1]
        return None


# `17(7):1353-1375`, `8:747`, `4(119):119ra13`, `32(15-16):4362-4373`
_VOLUME_ISSUE_PAGES = re.compile(
    r"(?P<volume>[0-9A-Za-z]+)(?:\((?P<issue>[0-9A-Za-z]+(?:-[0-9A-Za-z]+)?)\))?"
    r":(?P<pages>[0-9A-Za-z]+(?:-[0-9A-Za-z]+)?)"
)
# The Cochrane Library's form: `Issue 6, CD010518`
_ISSUE_ARTICLE = re.compile(r"Issue (?P<issue>[0-9]+), (?P<pages>[0-9A-Za-z]+)")


def parse_citation(citation: str | None) -> Parts | None:
    """Volume, issue and pages of `citation`, or None when it has another shape (kept as a note)."""
    if not citation:
        return None
    text = citation.strip()
    match = _VOLUME_ISSUE_PAGES.fullmatch(text)
    if match:
        return Parts(match["volume"], match["issue"], match["pages"])
    match = _ISSUE_ARTICLE.fullmatch(text)
    if match:
        return Parts(None, match["issue"], match["pages"])
    return None


def _initials(token: str) -> str | None:
    """`CS` -> `C. S.`, `C-S` -> `C.-S.`; None when the token is not a run of initials."""
    pieces = token.split("-")
    letters = "".join(pieces)
    if not (1 <= len(letters) <= 4 and letters.isalpha() and letters.isupper()):
        return None
    if not all(pieces):
        return None
    return "-".join(" ".join(f"{letter}." for letter in piece) for piece in pieces)


def parse_name(text: str) -> Name:
    """`Moyer CA` is a person (surname, then initials); anything else is a body's name."""
    words = text.split()
    if len(words) > 1:
        given = _initials(words[-1])
        if given:
            return Name(" ".join(words[:-1]), given)
    return Name(" ".join(words))


def parse_authors(authors: str) -> Authors:
    """The catalogue's `Surname AB, Surname C, et al.` list, read into names."""
    names = []
    truncated = False
    for part in authors.split(","):
        text = " ".join(part.split())
        if text == ET_AL:
            truncated = True
            continue
        if text.endswith(" " + ET_AL):
            truncated = True
            text = text[: -len(ET_AL)].strip()
        if text:
            names.append(parse_name(text))
    return Authors(tuple(names), truncated)


def is_guideline(reference: Reference) -> bool:
    """A guideline names no journal issue or DOI, and says what it is where a journal would be."""
    return (
        reference.citation is None
        and reference.doi is None
        and "guideline" in reference.journal.lower()
    )


def is_article(reference: Reference) -> bool:
    return reference.citation is not None or reference.doi is not None


def pubmed_url(pmid: int) -> str:
    return f"https://pubmed.ncbi.nlm.nih.gov/{pmid}/"
