"""Search as clients, carers, students and therapists type it: hit@1 and hit@3 over a table.

tests/search_people.tsv holds the queries and the results that answer them. A result counts
at rank k when it is among the first k things a person sees (the cautions section first when
search puts it first). The figures are printed (`pytest -s`, or run this file) and README
states them; the test fails when README's figures are not the measured ones.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import NamedTuple

import pytest

from neurobenefits.catalogue.load import load_catalogue
from neurobenefits.catalogue.model import Catalogue
from neurobenefits.finding.search import SearchResult, search

TABLE = Path(__file__).with_name("search_people.tsv")
README = Path(__file__).resolve().parent.parent / "README.md"
HIT3_OVERALL = 0.95
HIT3_SAFETY = 1.0


class Row(NamedTuple):
    query: str
    acceptable: tuple[str, ...]
    who: str
    kind: str


class Figures(NamedTuple):
    queries: int
    hit1: float
    hit3: float
    safety_count: int
    safety_hit3: float
    misses: tuple[str, ...]

    def line(self) -> str:
        return (
            f"{self.queries} queries: hit@1 {self.hit1:.1%}, hit@3 {self.hit3:.1%}; "
            f"{self.safety_count} safety questions: hit@3 {self.safety_hit3:.1%}"
        )


def rows() -> list[Row]:
    found = []
    for line in TABLE.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            query, acceptable, who, kind = line.split("\t")
            found.append(Row(query, tuple(acceptable.split()), who, kind))
    return found


def answered(
    catalogue: Catalogue, result: SearchResult, acceptable: tuple[str, ...], k: int
) -> bool:
    """Whether the first k things shown hold an acceptable result.

    `c:*` asks for every caution, with a caution first: a question about safety in general.
    """
    listing = result.listing()
    if acceptable == ("c:*",):
        listed = {name for kind, name in listing if kind == "caution"}
        every = {caution.id for caution in catalogue.cautions}
        return bool(listing) and listing[0][0] == "caution" and listed == every
    wanted = {("caution", a[2:]) if a.startswith("c:") else ("benefit", a) for a in acceptable}
    return any(item in wanted for item in listing[:k])


def measure(catalogue: Catalogue) -> Figures:
    table = rows()
    hit1 = hit3 = safety = safety_hit3 = 0
    misses: list[str] = []
    for row in table:
        result = search(catalogue, row.query)
        first = answered(catalogue, result, row.acceptable, 1)
        top3 = answered(catalogue, result, row.acceptable, 3)
        hit1 += first
        hit3 += top3
        if row.kind == "safety":
            safety += 1
            safety_hit3 += top3
        if not first:
            misses.append(f"{row.query!r} ({row.kind}): {result.listing()[:3]}")
    return Figures(
        len(table),
        hit1 / len(table),
        hit3 / len(table),
        safety,
        safety_hit3 / max(1, safety),
        tuple(misses),
    )


def test_the_table_is_as_large_and_varied_as_the_issue_asks() -> None:
    table = rows()
    assert len(table) >= 80
    kinds = {row.kind for row in table}
    assert {"question", "plain", "misspelling", "compound", "safety"} <= kinds
    assert sum(row.kind == "safety" for row in table) >= 20
    assert {"client", "carer", "student", "therapist"} <= {row.who for row in table}
    assert len({row.query for row in table}) == len(table)


def test_hit_rates(catalogue: Catalogue) -> None:
    figures = measure(catalogue)
    print("\n" + figures.line())
    for miss in figures.misses:
        print(f"  not first: {miss}")
    assert figures.hit3 >= HIT3_OVERALL, figures
    assert figures.safety_hit3 >= HIT3_SAFETY, figures


@pytest.mark.parametrize("row", [r for r in rows() if r.kind == "safety"], ids=lambda r: r.query)
def test_every_safety_question_shows_its_caution(catalogue: Catalogue, row: Row) -> None:
    assert answered(catalogue, search(catalogue, row.query), row.acceptable, 3), row


def test_readme_states_the_measured_figures(catalogue: Catalogue) -> None:
    stated = re.search(r"<!-- search-figures -->\n(.*)\n", README.read_text(encoding="utf-8"))
    assert stated, "README lacks the line after <!-- search-figures -->"
    assert stated.group(1) == measure(catalogue).line(), (
        "README's search figures are stale; `python tests/test_search_people.py` prints them"
    )


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))
    figures = measure(load_catalogue())
    print(figures.line())
    print("\n".join(f"  not first: {miss}" for miss in figures.misses))
