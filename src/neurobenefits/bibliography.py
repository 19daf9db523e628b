"""Export references for reference managers: BibTeX and RIS, the two formats they all import."""

from __future__ import annotations

from collections.abc import Iterable

from .model import Reference

# Characters that BibTeX reads as commands; written as literal text.
_BIBTEX_ESCAPES = str.maketrans(
    {
        "\\": r"\textbackslash{}",
        "{": r"\{",
        "}": r"\}",
        "&": r"\&",
        "%": r"\%",
        "$": r"\$",
        "#": r"\#",
        "_": r"\_",
        "~": r"\textasciitilde{}",
        "^": r"\textasciicircum{}",
    }
)


def _bibtex_text(text: str) -> str:
    return " ".join(text.translate(_BIBTEX_ESCAPES).split())


def _authors(reference: Reference) -> list[str]:
    """Authors as a list; "et al." becomes BibTeX's "others", a body keeps its whole name."""
    names = [name.strip() for name in reference.authors.split(",") if name.strip()]
    result = []
    for name in names:
        if name.endswith(" et al."):
            result += [name[: -len(" et al.")], "others"]
        elif name == "et al.":
            result.append("others")
        else:
            result.append(name)
    return result


def _inverted(name: str) -> str:
    """`Moyer CA` -> `Moyer, CA`: the surname-first form both formats read unambiguously."""
    parts = name.split()
    if len(parts) > 1 and parts[-1].isupper() and len(parts[-1]) <= 3:
        return f"{' '.join(parts[:-1])}, {parts[-1]}"
    return name


def _is_article(reference: Reference) -> bool:
    return reference.citation is not None or reference.doi is not None


def _bibtex_author(name: str) -> str:
    if name == "others":
        return name
    inverted = _inverted(name)
    # An organisation's name is braced so that BibTeX does not split it into first and last.
    return _bibtex_text(inverted) if inverted != name else "{" + _bibtex_text(name) + "}"


def to_bibtex(references: Iterable[Reference]) -> str:
    entries = []
    for reference in references:
        kind = "article" if _is_article(reference) else "misc"
        authors = " and ".join(_bibtex_author(a) for a in _authors(reference))
        fields = [
            ("author", authors),
            ("title", "{" + _bibtex_text(reference.title) + "}"),
            ("year", str(reference.year)),
        ]
        fields.append(
            ("journal" if kind == "article" else "howpublished", _bibtex_text(reference.journal))
        )
        if reference.citation:
            fields.append(("note", _bibtex_text(reference.citation)))
        if reference.doi:
            fields.append(("doi", reference.doi))
        if reference.pmid:
            fields.append(("pmid", str(reference.pmid)))
        body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
        entries.append(f"@{kind}{{{reference.id},\n{body}\n}}\n")
    return "\n".join(entries)


def to_ris(references: Iterable[Reference]) -> str:
    records = []
    for reference in references:
        lines = [("TY", "JOUR" if _is_article(reference) else "GEN")]
        lines += [("AU", _inverted(author)) for author in _authors(reference) if author != "others"]
        lines += [("TI", " ".join(reference.title.split())), ("PY", str(reference.year))]
        lines.append(("JO" if _is_article(reference) else "PB", reference.journal))
        if reference.citation:
            lines.append(("N1", reference.citation))
        if reference.doi:
            lines += [("DO", reference.doi), ("UR", reference.doi_url or "")]
        if reference.pmid:
            lines.append(("AN", f"PMID:{reference.pmid}"))
        lines += [("ID", reference.id), ("AB", " ".join(reference.finding.split())), ("ER", "")]
        records.append("".join(f"{tag}  - {value}\n" for tag, value in lines))
    return "\n".join(records)
