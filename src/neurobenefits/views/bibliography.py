"""Export references for reference managers: BibTeX, RIS and CSL JSON.

Each writer puts every part of a reference in the field its format has for it (volume,
issue, pages, DOI, PubMed id), names authors as `Family, C. S.`, says a shortened author list
in the way the format allows, and keeps our own one-line finding in a note field, marked as
ours. Every value is escaped for the format it is written into. How the catalogue's text is
read into parts is citation.py's job.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from ..catalogue.citation import (
    Authors,
    Name,
    Parts,
    is_article,
    is_guideline,
    parse_authors,
    parse_citation,
    pubmed_url,
)
from ..catalogue.model import Reference
from ..catalogue.spec import DOI_PATTERN

# Our words about a source, kept apart from the source's own (never its abstract).
FINDING_PREFIX = "neurobenefits summary (our words, not the abstract): "
# RIS and CSL JSON have no way to mark a shortened author list, so a note says it.
TRUNCATED_NOTE = "Author list shortened: the source names more authors than these (et al.)."

# Characters that (La)TeX reads as commands, written as literal text. Braces become commands
# too, because BibTeX counts `\{` as a brace: an unbalanced one would end the entry early.
_BIBTEX_ESCAPES = str.maketrans(
    {
        "\\": r"\textbackslash{}",
        "{": r"\textbraceleft{}",
        "}": r"\textbraceright{}",
        "&": r"\&",
        "%": r"\%",
        "$": r"\$",
        "#": r"\#",
        "_": r"\_",
        "~": r"\textasciitilde{}",
        "^": r"\textasciicircum{}",
    }
)
# BibTeX splits an author list at a bare "and", in any case.
_AND = re.compile(r"(?i)(?:^|\s)and(?:\s|$)")
# A title word keeps its case when a style changes the case of the rest: acronyms, names,
# and a capital after the first letter of the title (`Part I`, `Parkinson's`, `? A`).
_WORD = re.compile(r"^(\W*)(.*?)(\W*)$", re.DOTALL)


def _one_line(text: str) -> str:
    """Every run of white space (newlines included) as one space."""
    return " ".join(text.split())


def _safe_doi(reference: Reference) -> str | None:
    """The DOI, if it has a DOI's shape (validate checks it; an export trusts no shape)."""
    doi = reference.doi
    return doi if doi and re.fullmatch(DOI_PATTERN, doi) else None


# BibTeX


def _bibtex_text(text: str) -> str:
    return _one_line(text).translate(_BIBTEX_ESCAPES)


def _bibtex_title(title: str) -> str:
    out = ""
    open_group = False  # a braced run of words that keep their case, still open
    for index, word in enumerate(_one_line(title).split(" ")):
        lead, core, trail = _WORD.match(word).groups()  # type: ignore[union-attr]
        capitals_after_first = any(char.isupper() for char in core[1:])
        keep_case = bool(core) and (capitals_after_first or (index > 0 and core[:1].isupper()))
        if open_group and keep_case and not lead:
            out += " " + _bibtex_text(core)  # `{Part I}`, not `{Part} {I}`
        else:
            out += ("} " if open_group else " " if index else "") + _bibtex_text(lead)
            out += ("{" if keep_case else "") + _bibtex_text(core)
        open_group = keep_case and not trail
        if keep_case and trail:
            out += "}"
        out += _bibtex_text(trail)
    return out + ("}" if open_group else "")


def _bibtex_name(name: Name) -> str:
    family = _bibtex_text(name.family)
    if not name.is_person:
        # A body's name is braced whole, so BibTeX does not split it into first and last.
        return "{" + family + "}"
    if _AND.search(family) or family.lower() == "others":
        family = "{" + family + "}"
    return f"{family}, {_bibtex_text(name.given)}"


def _bibtex_authors(authors: Authors) -> str:
    names = [_bibtex_name(name) for name in authors.names]
    # "and others" is BibTeX's own mark of a shortened list; styles print "et al.".
    return " and ".join(names + (["others"] if authors.truncated else []))


def _bibtex_pages(pages: str) -> str:
    return pages.replace("-", "--")


def _type_of_work(reference: Reference) -> str:
    text = _one_line(reference.journal)
    return text[:1].upper() + text[1:]


def bibtex_fields(reference: Reference) -> tuple[str, list[tuple[str, str]]]:
    """The entry type and the (field, value) pairs of one entry, values escaped."""
    authors = parse_authors(reference.authors)
    fields = [
        ("author", _bibtex_authors(authors)),
        ("title", _bibtex_title(reference.title)),
        ("year", str(reference.year)),
    ]
    if is_guideline(reference):
        kind = "manual"
        fields.append(("type", _bibtex_text(_type_of_work(reference))))
    elif is_article(reference):
        kind = "article"
        fields.append(("journal", _bibtex_text(reference.journal)))
    else:
        kind = "misc"
        fields.append(("howpublished", _bibtex_text(reference.journal)))
    parts = parse_citation(reference.citation)
    if parts:
        fields += [
            (name, _bibtex_text(value))
            for name, value in (
                ("volume", parts.volume),
                ("number", parts.issue),
                ("pages", _bibtex_pages(parts.pages) if parts.pages else None),
            )
            if value
        ]
    elif reference.citation:
        fields.append(("note", _bibtex_text(reference.citation)))
    doi = _safe_doi(reference)
    if doi:
        # biblatex reads `doi` verbatim; the DOI pattern admits no character TeX would read.
        fields.append(("doi", doi))
    if reference.pmid:
        fields += [("eprint", str(reference.pmid)), ("eprinttype", "pubmed")]
    # `annote` is the annotation field (biblatex's alias of `annotation`): never printed as
    # part of the citation, shown by reference managers as a note.
    fields.append(("annote", _bibtex_text(FINDING_PREFIX + reference.finding)))
    return kind, fields


def to_bibtex(references: Iterable[Reference]) -> str:
    entries = []
    for reference in references:
        kind, fields = bibtex_fields(reference)
        body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
        entries.append(f"@{kind}{{{reference.id},\n{body}\n}}\n")
    return "\n".join(entries)


# RIS


def _ris_name(name: Name) -> str:
    return f"{name.family}, {name.given}" if name.is_person else name.family


def ris_lines(reference: Reference) -> list[tuple[str, str]]:
    """The (tag, value) lines of one record, before each value is made one line."""
    authors = parse_authors(reference.authors)
    if is_guideline(reference):
        kind = "RPRT"
    elif is_article(reference):
        kind = "JOUR"
    else:
        kind = "GEN"
    lines = [("TY", kind)]
    lines += [("AU", _ris_name(name)) for name in authors.names]
    lines += [("TI", reference.title), ("PY", str(reference.year))]
    if kind == "RPRT":
        lines.append(("M3", _type_of_work(reference)))
    elif kind == "JOUR":
        lines.append(("T2", reference.journal))
    else:
        lines.append(("PB", reference.journal))
    parts = parse_citation(reference.citation)
    if parts:
        lines += _ris_parts(parts)
    elif reference.citation:
        lines.append(("N1", reference.citation))
    doi = _safe_doi(reference)
    if doi:
        lines += [("DO", doi), ("UR", f"https://doi.org/{doi}")]
    if reference.pmid:
        lines += [("AN", str(reference.pmid)), ("UR", pubmed_url(reference.pmid))]
    if authors.truncated:
        lines.append(("N1", TRUNCATED_NOTE))
    lines += [("N1", FINDING_PREFIX + reference.finding), ("ID", reference.id), ("ER", "")]
    return lines


def _ris_parts(parts: Parts) -> list[tuple[str, str]]:
    tagged = [
        ("VL", parts.volume),
        ("IS", parts.issue),
        ("SP", parts.first_page),
        ("EP", parts.last_page),
    ]
    return [(tag, value) for tag, value in tagged if value]


def to_ris(references: Iterable[Reference]) -> str:
    records = []
    for reference in references:
        # One value per line: a newline in a value could otherwise start a new tag.
        lines = ris_lines(reference)
        records.append("".join(f"{tag}  - {_one_line(value)}\n" for tag, value in lines))
    return "\n".join(records)


# CSL JSON


def csl_item(reference: Reference) -> dict[str, object]:
    """One CSL JSON item (the format Zotero, Pandoc and citation-js share)."""
    authors = parse_authors(reference.authors)
    guideline = is_guideline(reference)
    item: dict[str, object] = {
        "id": reference.id,
        "type": "report"
        if guideline
        else "article-journal"
        if is_article(reference)
        else "article",
        "author": [
            {"family": _one_line(name.family), "given": name.given}
            if name.is_person
            else {"literal": _one_line(name.family)}
            for name in authors.names
        ],
        "issued": {"date-parts": [[reference.year]]},
        # Plain text: styles only ever raise case, and leave words with capitals alone.
        "title": _one_line(reference.title),
    }
    if guideline:
        item["genre"] = _type_of_work(reference)
    elif is_article(reference):
        item["container-title"] = _one_line(reference.journal)
    else:
        item["publisher"] = _one_line(reference.journal)
    parts = parse_citation(reference.citation)
    if parts:
        item.update(
            (name, value)
            for name, value in (
                ("volume", parts.volume),
                ("issue", parts.issue),
                ("page", parts.pages),
            )
            if value
        )
    notes = []
    if reference.citation and not parts:
        notes.append(_one_line(reference.citation))
    if authors.truncated:
        notes.append(TRUNCATED_NOTE)
    doi = _safe_doi(reference)
    if doi:
        item["DOI"] = doi
    if reference.pmid:
        item["PMID"] = str(reference.pmid)
    if notes:
        item["note"] = "\n".join(notes)
    item["annote"] = FINDING_PREFIX + _one_line(reference.finding)
    return item


def to_csl_json(references: Iterable[Reference], *, ascii_only: bool = False) -> str:
    """A JSON array of items, one field a line (names and dates kept on theirs), for reading.

    `ascii_only` escapes other characters (`\\u00e9`), exactly, for a stream without Unicode.
    """
    import json

    items = [
        "  {\n"
        + ",\n".join(
            f"    {json.dumps(name)}: {json.dumps(value, ensure_ascii=ascii_only)}"
            for name, value in csl_item(reference).items()
        )
        + "\n  }"
        for reference in references
    ]
    return "[\n" + ",\n".join(items) + "\n]\n" if items else "[]\n"
