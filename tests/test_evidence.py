"""Evidence and cautions beside every claim: shown, filtered, searched and exported."""

from __future__ import annotations

import json
import os
import sys

import pytest

from neurobenefits import exitcodes
from neurobenefits.catalogue.model import Catalogue

from .conftest import run, run_showing_terminal


def test_show_5_says_the_cortisol_claim_is_not_supported_and_cites_2011() -> None:
    result = run("show", "5")
    assert result.exit_code == 0
    out = result.stdout
    description = out.index("The article states that massage therapy is known to lower")
    evidence = out.index("Evidence\n")
    assert description < evidence  # the article's words first, the research beside them
    assert "Verdict: [-] not supported" in out
    assert (
        "- Moyer 2011, Journal of Bodywork and Movement Therapies.\n    https://doi.org/10.1016/j.jbmt.2010.06.001"
        in out
    )


def test_show_10_points_to_the_pressure_ulcer_caution() -> None:
    result = run("show", "10")
    assert "Skin at risk of pressure ulcers (at-risk-skin)" in result.stdout
    assert "Verdict: [-] not supported" in result.stdout
    table = run("show", "10", "--format", "table").stdout
    assert "! Skin at risk of pressure ulcers (at-risk-skin)" in table


def test_verdicts_are_told_apart_without_colour() -> None:
    out = run("list", "--format", "table", "--color", "never").stdout
    for label in ("[+] supported", "[~] limited", "[?] mixed", "[-] not supported"):
        assert label in out


def test_doi_links_are_hyperlinks_on_a_coloured_terminal_only() -> None:
    code, shown, errors = run_showing_terminal(
        [sys.executable, "-m", "neurobenefits", "show", "5"], {**os.environ, "COLUMNS": "100"}
    )
    assert code == 0, errors
    assert b"\x1b]8;" in shown
    assert b"https://doi.org/10.1016/j.jbmt.2010.06.001" in shown
    # Forced colour into a pipe: colour, but no links (a pipe shows none, and Rich numbers
    # each link at random, so the same command would differ from run to run).
    coloured = run("show", "5", "--format", "table", "--color", "always")
    assert "\x1b[" in coloured.stdout
    assert "\x1b]8;" not in coloured.stdout
    assert "https://doi.org/10.1016/j.jbmt.2010.06.001" in coloured.stdout
    assert run("show", "5", "--format", "table", "--color", "always").stdout == coloured.stdout
    plain = run("show", "5", "--format", "table", "--color", "never").stdout
    assert "\x1b" not in plain
    assert "https://doi.org/10.1016/j.jbmt.2010.06.001" in plain


@pytest.mark.parametrize(
    ("verdict", "ids"),
    [
        ("supported", [1, 4, 13, 14]),
        ("limited", [2, 6, 7, 8, 9, 12]),
        ("mixed", [3]),
        ("not supported", [5, 10, 11]),
        ("NOT_SUPPORTED", [5, 10, 11]),
    ],
)
def test_list_filters_by_verdict(verdict: str, ids: list[int]) -> None:
    result = run("list", "--evidence", verdict, "--format", "json")
    assert [b["id"] for b in json.loads(result.stdout)] == ids


def test_cautions_lists_all_six() -> None:
    result = run("cautions")
    assert result.exit_code == 0
    for title in (
        "Autonomic dysreflexia",
        "Reduced or absent sensation",
        "Skin at risk of pressure ulcers",
        "Possible blood clot (deep vein thrombosis)",
        "Fragile bones",
        "Bleeding risk",
    ):
        assert title in result.stdout


def test_references_show_who_cites_them(catalogue: Catalogue) -> None:
    data = json.loads(run("references", "--format", "json").stdout)
    by_id = {r["id"]: r for r in data}
    assert by_id["ernst2003"]["cautions"] == ["blood-clots", "bleeding-risk"]
    assert by_id["cabanasvaldes2021"]["benefits"] == [8, 9]
    assert all(r["benefits"] or r["cautions"] for r in data)


@pytest.mark.parametrize(("query", "first"), [("dysreflexia", 8), ("cochrane", 10), ("moyer", 5)])
def test_search_covers_evidence_and_cautions(query: str, first: int) -> None:
    result = run("search", query, "--format", "json")
    assert json.loads(result.stdout)[0]["id"] == first


def test_unknown_verdict_filter_is_a_usage_error() -> None:
    result = run("list", "--evidence", "strong")
    assert result.exit_code == exitcodes.USAGE
