"""Turn a stacked, checked catalogue (plain data) into the model.

Both paths end here: a fresh read of the YAML files (stack.py) and the cache (cache.py).
"""

from __future__ import annotations

from typing import Any

from .model import Benefit, Catalogue, Caution, Evidence, LoadedFile, Reference, Source


def catalogue_from_merged(merged: dict[str, Any]) -> Catalogue:
    top = merged["top"]
    source = top.get("source")
    return Catalogue(
        schema_version=top["schema_version"],
        title=top["title"].strip(),
        disclaimer=_prose(top["disclaimer"]),
        source=Source(source["title"].strip(), _prose(source["attribution"])) if source else None,
        introduction=_prose(top.get("introduction", "")),
        closing=_prose(top.get("closing", "")),
        categories=tuple((key, label.strip()) for key, label in top["categories"].items()),
        synonyms=tuple(tuple(group) for group in top.get("synonyms", [])),
        verdicts=tuple(top.get("verdicts", {}).items()),
        evidence_as_of=top.get("evidence_as_of"),
        references=tuple(
            _reference(key, value) for key, value in top.get("references", {}).items()
        ),
        cautions=tuple(_caution(value) for value in merged["cautions"]),
        glossary=tuple(
            (term.strip(), meaning.strip()) for term, meaning in top.get("glossary", {}).items()
        ),
        benefits=tuple(_benefit(value) for value in merged["benefits"]),
        files=tuple(LoadedFile(*entry) for entry in merged["files"]),
    )


def _prose(text: str) -> str:
    """Text as written, without the trailing newline that YAML block scalars keep."""
    return text.strip()


def _benefit(raw: dict[str, Any]) -> Benefit:
    evidence = raw.get("evidence")
    return Benefit(
        id=raw["id"],
        slug=raw["slug"],
        title=raw["title"].strip(),
        category=raw["category"],
        summary=raw["summary"].strip(),
        description=_prose(raw["description"]),
        keywords=tuple(raw.get("keywords", [])),
        related=tuple(raw.get("related", [])),
        cautions=tuple(raw.get("cautions", [])),
        evidence=Evidence(
            evidence["verdict"], _prose(evidence["summary"]), tuple(evidence["references"])
        )
        if evidence
        else None,
        notes=_prose(raw["notes"]) if raw.get("notes") else None,
    )


def _reference(key: str, raw: dict[str, Any]) -> Reference:
    return Reference(
        id=key,
        authors=raw["authors"],
        year=raw["year"],
        title=raw["title"],
        journal=raw["journal"],
        finding=_prose(raw["finding"]),
        citation=raw.get("citation"),
        doi=raw.get("doi"),
        pmid=raw.get("pmid"),
    )


def _caution(raw: dict[str, Any]) -> Caution:
    return Caution(
        id=raw["id"],
        title=raw["title"],
        who=_prose(raw["who"]),
        text=_prose(raw["text"]),
        references=tuple(raw.get("references", [])),
    )
