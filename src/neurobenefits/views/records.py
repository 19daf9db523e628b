"""The stable data shape of every answer, as plain dicts and lists (for JSON, YAML, CSV).

The shape is documented in README.md ("Output for scripts") and fixed by the JSON Schema in
schema/output.schema.json, which a test checks every machine output against.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..catalogue.model import Benefit, Catalogue, Caution, Reference
    from ..finding.search import Hit, Match, SearchResult


def reference_record(reference: Reference) -> dict[str, Any]:
    return {
        "id": reference.id,
        "authors": reference.authors,
        "year": reference.year,
        "title": reference.title,
        "journal": reference.journal,
        "citation": reference.citation,
        "doi": reference.doi,
        "pmid": reference.pmid,
        "url": reference.doi_url,
        "finding": reference.finding,
    }


def caution_record(catalogue: Catalogue, caution: Caution) -> dict[str, Any]:
    return {
        "id": caution.id,
        "title": caution.title,
        "who": caution.who,
        "text": caution.text,
        "references": list(caution.references),
        "benefits": [benefit.id for benefit in catalogue.benefits_with_caution(caution.id)],
    }


def benefit_record(catalogue: Catalogue, benefit: Benefit) -> dict[str, Any]:
    """Every catalogue field of a benefit; its evidence and cautions written out in full."""
    evidence = None
    if benefit.evidence:
        verdicts = dict(catalogue.verdicts)
        evidence = {
            "verdict": benefit.evidence.verdict,
            "meaning": verdicts.get(benefit.evidence.verdict),
            "summary": benefit.evidence.summary,
            "references": [
                reference_record(reference)
                for reference_id in benefit.evidence.references
                if (reference := catalogue.reference(reference_id))
            ],
        }
    return {
        "id": benefit.id,
        "slug": benefit.slug,
        "title": benefit.title,
        "category": benefit.category,
        "category_label": catalogue.category_label(benefit.category),
        "summary": benefit.summary,
        "description": benefit.description,
        "keywords": list(benefit.keywords),
        "related": list(benefit.related),
        "evidence": evidence,
        "cautions": [
            caution_record(catalogue, caution)
            for caution_id in benefit.cautions
            if (caution := catalogue.caution(caution_id))
        ],
        "notes": benefit.notes,
    }


def hit_record(catalogue: Catalogue, hit: Hit) -> dict[str, Any]:
    record = benefit_record(catalogue, hit.benefit)
    record["score"] = round(hit.score, 4)
    record["matched"] = [_match_record(m) for m in hit.matches]
    return record


def _match_record(match: Match) -> dict[str, Any]:
    record: dict[str, Any] = {
        "term": match.term,
        "field": match.field,
        "word": match.word,
        "synonym": match.synonym,
    }
    if match.caution:
        record["caution"] = match.caution  # matched through this caution of the benefit
    return record


def search_records(catalogue: Catalogue, result: SearchResult) -> list[dict[str, Any]]:
    return [hit_record(catalogue, hit) for hit in result.hits]


def reference_with_citers(catalogue: Catalogue, reference: Reference) -> dict[str, Any]:
    record = reference_record(reference)
    record["benefits"] = [b.id for b in catalogue.citing(reference.id)]
    record["cautions"] = [c.id for c in catalogue.cautions_citing(reference.id)]
    return record


def flat_row(record: dict[str, Any]) -> dict[str, Any]:
    """One CSV row: lists joined with '; ', evidence and cautions reduced to their names."""
    evidence = record["evidence"] or {}
    row = {
        "id": record["id"],
        "slug": record["slug"],
        "title": record["title"],
        "category": record["category"],
        "summary": record["summary"],
        "description": record["description"],
        "keywords": "; ".join(record["keywords"]),
        "related": "; ".join(str(number) for number in record["related"]),
        "verdict": evidence.get("verdict", ""),
        # A verdict is never shown without what it means, even to a spreadsheet's reader.
        "verdict_meaning": evidence.get("meaning") or "",
        "evidence_summary": evidence.get("summary", ""),
        "references": "; ".join(r["id"] for r in evidence.get("references", [])),
        "cautions": "; ".join(c["id"] for c in record["cautions"]),
        "notes": record["notes"] or "",
    }
    if "score" in record:
        row["score"] = record["score"]
        row["matched"] = "; ".join(sorted({f"{m['field']}:{m['word']}" for m in record["matched"]}))
    return row
