"""The rules of what to answer (queries.py, handout options), tested without the command line."""

from __future__ import annotations

from pathlib import Path

import pytest

from neurobenefits import exitcodes
from neurobenefits.catalogue.load import CatalogueError
from neurobenefits.catalogue.model import Catalogue, Caution
from neurobenefits.catalogue.problems import Problem
from neurobenefits.errors import BadRequest, Kind, NeurobenefitsError, NothingFound, OutputFailed
from neurobenefits.finding.queries import (
    about_data,
    explain_no_hits,
    filter_benefits,
    find_benefit,
    find_benefits,
    find_caution,
    find_cautions,
    find_hits,
    find_references,
    parse_verdict,
    require_catalogues,
    resolve_category,
    search_query,
    validate_stack,
)

from .conftest import FIXTURES


def _caution(caution_id: str) -> Caution:
    return Caution(caution_id, caution_id.title(), "anyone", "Take care.")


# Categories


@pytest.mark.parametrize(
    ("given", "key"),
    [("mind", "mind"), ("MIND", "mind"), (" Mind and mood ", "mind"), ("rec", "recovery")],
)
def test_a_category_is_its_key_its_label_or_a_unique_prefix(
    catalogue: Catalogue, given: str, key: str
) -> None:
    assert resolve_category(catalogue, given) == key


def test_an_exact_category_wins_over_a_longer_one_it_begins(catalogue: Catalogue) -> None:
    arms = catalogue._replace(categories=(("arm", "Arm"), ("armour", "Armour")))
    assert resolve_category(arms, "arm") == "arm"
    assert resolve_category(arms, "armo") == "armour"


def test_a_category_label_prefix_is_enough(catalogue: Catalogue) -> None:
    named = catalogue._replace(categories=(("body", "Physical"), ("mind", "Mind")))
    assert resolve_category(named, "phys") == "body"
    assert resolve_category(named, "bo") == "body"


def test_a_prefix_of_several_categories_names_them(catalogue: Catalogue) -> None:
    two = catalogue._replace(categories=(("mind", "Mind"), ("mobility", "Mobility")))
    with pytest.raises(BadRequest) as raised:
        resolve_category(two, "m")
    assert raised.value.message == (
        "Category 'm' fits several: mind, mobility. Valid categories: mind, mobility."
    )


def test_an_unknown_category_lists_the_valid_ones(catalogue: Catalogue) -> None:
    with pytest.raises(BadRequest) as raised:
        resolve_category(catalogue, "feet")
    assert raised.value.message == "No category 'feet'. Valid categories: body, mind, recovery."
    assert raised.value.kind is Kind.USAGE


# Verdicts


@pytest.mark.parametrize(
    "given", ["not supported", "Not-Supported", "not_supported", "  NOT   supported "]
)
def test_a_verdict_is_read_however_it_is_joined_or_cased(catalogue: Catalogue, given: str) -> None:
    assert parse_verdict(catalogue, given) == "not supported"


def test_an_unknown_verdict_lists_the_valid_ones(catalogue: Catalogue) -> None:
    with pytest.raises(BadRequest) as raised:
        parse_verdict(catalogue, "proven")
    assert raised.value.message == (
        "No verdict 'proven'. Valid verdicts: supported, limited, mixed, not supported."
    )


def test_a_catalogue_without_verdicts_says_so(catalogue: Catalogue) -> None:
    with pytest.raises(BadRequest, match=r"Valid verdicts: \(none in this catalogue\)\.$"):
        parse_verdict(catalogue._replace(verdicts=()), "limited")


# The list filters


def test_no_filter_keeps_every_benefit_in_order(catalogue: Catalogue) -> None:
    assert filter_benefits(catalogue) == list(catalogue.benefits)


def test_filters_combine(catalogue: Catalogue) -> None:
    found = filter_benefits(catalogue, category="body", evidence="supported")
    assert found
    assert all(b.category == "body" for b in found)
    assert all(b.evidence and b.evidence.verdict == "supported" for b in found)
    others = [b for b in catalogue.benefits if b not in found]
    assert all(
        b.category != "body" or not b.evidence or b.evidence.verdict != "supported" for b in others
    )


def test_the_keyword_filter_understands_synonyms(catalogue: Catalogue) -> None:
    numbers = [b.id for b in filter_benefits(catalogue, keyword="spasm")]
    assert 8 in numbers
    assert len(numbers) < len(catalogue.benefits)


def test_filters_that_leave_nothing_are_nothing_found(catalogue: Catalogue) -> None:
    with pytest.raises(NothingFound) as raised:
        filter_benefits(catalogue, keyword="zzzz")
    assert raised.value.message == "No benefit matches these filters."
    assert raised.value.kind is Kind.NOT_FOUND


def test_a_bad_category_is_reported_before_a_bad_verdict(catalogue: Catalogue) -> None:
    with pytest.raises(BadRequest, match=r"^No category 'feet'"):
        filter_benefits(catalogue, category="feet", evidence="proven")


# Benefits by reference


def test_a_benefit_is_found_by_number_slug_or_title(catalogue: Catalogue) -> None:
    spasm = find_benefit(catalogue, "8")
    assert find_benefit(catalogue, spasm.slug) == spasm
    assert find_benefit(catalogue, spasm.title.upper()) == spasm


def test_a_missing_benefit_says_which_numbers_exist(catalogue: Catalogue) -> None:
    with pytest.raises(NothingFound) as raised:
        find_benefit(catalogue, "99")
    assert raised.value.message == "No benefit 99: numbers run from 1 to 14."


def test_an_ambiguous_benefit_lists_the_candidates(catalogue: Catalogue) -> None:
    with pytest.raises(NothingFound, match=r"fits \d+ benefits: .*Give the number\.$"):
        find_benefit(catalogue, "muscle")


def test_benefits_named_twice_come_once_in_first_order(catalogue: Catalogue) -> None:
    assert [b.id for b in find_benefits(catalogue, ["8", "1", "8"])] == [8, 1]
    assert find_benefits(catalogue, []) == list(catalogue.benefits)


# Cautions and references


def test_a_caution_is_found_exactly_then_by_a_unique_prefix(catalogue: Catalogue) -> None:
    assert find_caution(catalogue, " Autonomic-Dysreflexia ").id == "autonomic-dysreflexia"
    assert find_caution(catalogue, "auto").id == "autonomic-dysreflexia"
    nested = catalogue._replace(cautions=(_caution("skin"), _caution("skin-tears")))
    assert find_caution(nested, "skin").id == "skin"
    assert find_caution(nested, "skin-").id == "skin-tears"


def test_a_prefix_of_several_cautions_is_not_a_caution(catalogue: Catalogue) -> None:
    two = catalogue._replace(cautions=(_caution("skin-a"), _caution("skin-b")))
    with pytest.raises(NothingFound) as raised:
        find_caution(two, "skin")
    assert raised.value.message == "No caution 'skin'. Cautions: skin-a, skin-b."


def test_cautions_of_an_empty_catalogue(catalogue: Catalogue) -> None:
    empty = catalogue._replace(cautions=())
    with pytest.raises(NothingFound) as raised:
        find_cautions(empty, None)
    assert raised.value.message == "This catalogue has no cautions."
    with pytest.raises(NothingFound) as raised:
        find_cautions(empty, "x")
    assert raised.value.message == "No caution 'x'. Cautions: (none in this catalogue)."


def test_every_caution_when_none_is_named(catalogue: Catalogue) -> None:
    assert find_cautions(catalogue, None) == list(catalogue.cautions)
    assert find_cautions(catalogue, "auto") == [find_caution(catalogue, "auto")]


def test_references_are_chosen_by_key_or_by_benefit(catalogue: Catalogue) -> None:
    first = catalogue.references[0]
    one = find_references(catalogue, [f" {first.id.upper()} "])
    assert one.references == (first,)
    assert one.one is True
    cited = find_references(catalogue, ["8"])
    assert cited.one is False
    benefit = catalogue.benefit(8)
    assert benefit is not None
    assert benefit.evidence is not None
    assert {r.id for r in cited.references} == set(benefit.evidence.references)
    assert find_references(catalogue, []).references == catalogue.references


def test_a_reference_needs_its_whole_key(catalogue: Catalogue) -> None:
    first = catalogue.references[0]
    with pytest.raises(NothingFound) as raised:
        find_references(catalogue, [first.id[:-1]])
    assert raised.value.message.startswith(f"No reference {first.id[:-1]!r}")
    assert raised.value.kind is Kind.NOT_FOUND


def test_references_of_an_empty_catalogue(catalogue: Catalogue) -> None:
    empty = catalogue._replace(references=())
    for words in ([], ["moyer2011"]):
        with pytest.raises(NothingFound, match=r"^This catalogue has no references\.$"):
            find_references(empty, words)


# Search


@pytest.mark.parametrize("words", [[], [""], ["  ", "\t"]])
def test_an_empty_query_is_bad_usage(words: list[str]) -> None:
    with pytest.raises(BadRequest, match=r"^The search query is empty; give a word"):
        search_query(words)


def test_the_query_is_the_words_joined() -> None:
    assert search_query(["bed", "sores"]) == "bed sores"


def test_a_query_without_words_is_bad_usage(catalogue: Catalogue) -> None:
    with pytest.raises(BadRequest) as raised:
        find_hits(catalogue, "?!")
    assert raised.value.message == (
        "The query '?!' has no words to search for; give a word such as spasm."
    )


def test_a_search_with_hits_explains_nothing(catalogue: Catalogue) -> None:
    result = find_hits(catalogue, "spasm")
    assert result.hits
    assert explain_no_hits("spasm", result) is None


def test_a_search_that_found_nothing_is_nothing_found(catalogue: Catalogue) -> None:
    with pytest.raises(NothingFound) as raised:
        find_hits(catalogue, "xyzzyq")
    assert raised.value.message.startswith("No benefit or caution matches")
    assert "xyzzyq" in raised.value.message


# About, validate and the --only rule


def test_about_counts_the_catalogue_and_names_its_files(
    catalogue: Catalogue, tmp_path: Path
) -> None:
    personal = tmp_path / "benefits.yaml"
    data = about_data(catalogue, personal, personal.is_file())
    assert data["benefits"] == len(catalogue.benefits) == 14
    assert data["cautions"] == len(catalogue.cautions)
    assert data["references"] == len(catalogue.references)
    assert [f["role"] for f in data["files"]] == ["bundled"]
    assert data["files"][0]["benefits_added"] == 14
    assert data["personal_overlay"] == {"path": str(personal), "exists": False}
    personal.write_text("title: Mine\n", encoding="utf-8")
    assert about_data(catalogue, personal, True)["personal_overlay"]["exists"] is True
    assert about_data(catalogue, None, False)["personal_overlay"] == {"path": "", "exists": False}


def test_only_needs_a_file() -> None:
    with pytest.raises(BadRequest) as raised:
        require_catalogues([], True, what="file to validate")
    assert raised.value.message == "--only needs at least one file to validate."
    require_catalogues([], False, what="file to validate")  # without --only, none is fine
    require_catalogues([Path("a.yaml")], True, what="file to validate")


def test_validate_with_only_and_no_file_is_bad_usage() -> None:
    with pytest.raises(BadRequest, match="file to validate"):
        validate_stack([], [], only=True)


def test_validate_checks_a_good_file_on_the_bundled_catalogue() -> None:
    good = FIXTURES / "good"
    path = sorted(good.glob("*.yaml"))[0]
    found = validate_stack([], [path], only=False)
    assert found.valid, found.problems
    assert found.files == [str(path)]
    assert found.catalogue is not None
    assert found.catalogue.files[0].role == "bundled"


def test_validate_reports_every_problem_of_a_bad_file() -> None:
    path = FIXTURES / "bad" / "id-zero.yaml"
    found = validate_stack([], [path], only=True)
    assert not found.valid
    assert found.catalogue is None
    assert found.files == [str(path)]
    assert all(isinstance(p, Problem) and p.file == str(path) for p in found.problems)


def test_validate_names_the_whole_stack_when_no_file_is_given(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # A broken NEUROBENEFITS_CATALOGUE file: the report still names every file checked.
    bad = FIXTURES / "bad" / "id-zero.yaml"
    monkeypatch.setenv("NEUROBENEFITS_CATALOGUE", str(bad))
    found = validate_stack([], [], only=False)
    assert not found.valid
    assert found.files[-1] == str(bad)
    assert found.files[0].endswith("benefits.yaml")


# Problems and their exit codes


def test_every_kind_of_problem_has_its_own_exit_code() -> None:
    from neurobenefits.endings import EXIT_CODES as _EXIT_CODES

    assert set(_EXIT_CODES) == set(Kind)
    assert len(set(_EXIT_CODES.values())) == len(Kind)
    assert exitcodes.OK not in _EXIT_CODES.values()


def test_a_catalogue_error_is_a_problem_with_one_line_per_finding() -> None:
    error = CatalogueError([Problem("a.yaml", "is empty"), Problem("b.yaml", "bad", "title")])
    assert isinstance(error, NeurobenefitsError)
    assert error.kind is Kind.CATALOGUE
    assert error.message == "a.yaml: is empty\nb.yaml: title: bad"
    assert OutputFailed("x").kind is Kind.OUTPUT


def test_a_reference_of_the_longest_length_is_looked_up_one_longer_is_refused(
    catalogue: Catalogue,
) -> None:
    with pytest.raises(NothingFound):  # 1,000 characters: read, and found to name nothing
        find_benefit(catalogue, "x" * 1000)
    with pytest.raises(BadRequest) as refused:
        find_benefit(catalogue, "x" * 1001)
    assert refused.value.message == (
        f"{'x' * 40}... (1,001 characters) is too long for a benefit's number, slug or title; "
        "at most 1,000 characters are read."
    )


def test_a_search_query_over_the_longest_length_is_refused_by_name() -> None:
    assert search_query(["y" * 1000]) == "y" * 1000
    with pytest.raises(BadRequest) as refused:
        search_query(["y" * 1001])
    assert refused.value.message == (
        f"{'y' * 40}... (1,001 characters) is too long for a search query; "
        "at most 1,000 characters are read."
    )
