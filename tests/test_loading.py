"""Loading and validating: every problem, one line each, naming the file, the entry and the field."""

from __future__ import annotations

from pathlib import Path

import pytest

from neurobenefits import exitcodes
from neurobenefits.catalogue.load import CatalogueError, bundled_catalogue_path, load_catalogue

from .conftest import run

MINIMAL = """\
schema_version: 1
title: A course catalogue
disclaimer: For teaching only.
categories:
  body: Body
benefits:
  - id: 1
    slug: first
    title: First
    category: body
    summary: One line.
    description: More words.
"""


def _write(tmp_path: Path, text: str, name: str = "course.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _problems(path: Path) -> list[str]:
    with pytest.raises(CatalogueError) as raised:
        load_catalogue([path], only=True)
    return [str(problem) for problem in raised.value.problems]


def test_bundled_catalogue_is_found_from_the_package() -> None:
    path = bundled_catalogue_path()
    assert path.name == "benefits.yaml"
    assert path.is_file()


def test_a_minimal_catalogue_stands_alone(tmp_path: Path) -> None:
    catalogue = load_catalogue([_write(tmp_path, MINIMAL)], only=True)
    assert [b.title for b in catalogue.benefits] == ["First"]
    assert catalogue.disclaimer == "For teaching only."


def test_missing_title_names_file_entry_and_field(tmp_path: Path) -> None:
    path = _write(tmp_path, MINIMAL.replace("    title: First\n", ""))
    assert _problems(path) == [
        f"{path}:7:5: benefits[0] (id 1): title is missing; a new benefit needs id, slug, title, category, summary, description"
    ]


def test_every_problem_is_reported_not_only_the_first(tmp_path: Path) -> None:
    text = (
        MINIMAL.replace("title: First", "title: 42").replace(
            "summary: One line.", "summary: [a, b]"
        )
        + "    keywords: spasm\n"
    )
    path = _write(tmp_path, text)
    assert _problems(path) == [
        f"{path}:9:12: benefits[0] (id 1).title: expected text, got a number (42)",
        f"{path}:11:14: benefits[0] (id 1).summary: expected text, got a list",
        f"{path}:13:15: benefits[0] (id 1).keywords: expected a list, got text ('spasm')",
    ]


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (("id: 1", "id: 0"), "7:9: benefits[0] (id 0).id: must be 1 or more, got 0"),
        (
            ("id: 1", 'id: "8"'),
            "7:9: benefits[0] (id 8).id: expected a whole number, got text ('8')",
        ),
        (
            ("slug: first", "slug: First Thing"),
            "8:11: benefits[0] (id 1).slug: 'First Thing' is not lower-case words joined by hyphens (e.g. pain-relief)",
        ),
        (
            ("category: body", "category: feet"),
            "10:15: benefits[0] (id 1).category: unknown category 'feet'; expected one of: body",
        ),
        (
            ("    title: First", "    titel: First"),
            "9:12: benefits[0] (id 1).titel: unknown field 'titel'; did you mean 'title'?",
        ),
    ],
)
def test_wrong_values_are_named(tmp_path: Path, change: tuple[str, str], expected: str) -> None:
    path = _write(tmp_path, MINIMAL.replace(*change))
    assert f"{path}:{expected}" in _problems(path)


def test_duplicate_ids_and_slugs_are_errors(tmp_path: Path) -> None:
    second = "\n".join(MINIMAL.splitlines()[6:]).replace("slug: first", "slug: second") + "\n"
    path = _write(tmp_path, MINIMAL + second)
    assert _problems(path) == [
        f"{path}:13:9: benefits[1] (id 1).id: duplicate id 1; benefits[0] has it already"
    ]
    third = "\n".join(MINIMAL.splitlines()[6:]).replace("id: 1", "id: 2") + "\n"
    path = _write(tmp_path, MINIMAL + third)
    assert _problems(path) == [
        f"{path}:14:11: benefits[1] (id 2).slug: duplicate slug 'first'; benefits[0] has it already"
    ]


def test_invalid_catalogue_exits_three_with_one_line_per_problem(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        MINIMAL.replace("    title: First\n", "").replace("summary: One line.", "summary: 5"),
    )
    result = run("--catalogue", str(path), "--only", "list")
    assert result.exit_code == exitcodes.CATALOGUE
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        f"{path}:10:14: benefits[0] (id 1).summary: expected text, got a number (5)",
    ]


def test_only_without_a_catalogue_is_a_usage_error() -> None:
    result = run("--only", "list")
    assert result.exit_code == exitcodes.USAGE
    assert result.stderr == "--only needs at least one --catalogue PATH to read.\n"


def test_python_object_tags_are_refused_and_not_run(tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    path = _write(tmp_path, f"title: !!python/object/apply:os.system ['touch {marker}']\n")
    problems = _problems(path)
    assert problems == [
        f"{path}:1:8: unknown tag !!python/object/apply:os.system; catalogues use plain YAML"
    ]
    assert not marker.exists()


@pytest.mark.parametrize(
    ("authors", "first"),
    [
        ("Moyer CA, Rounds J, Hannum JW", "Moyer"),
        ("Hernandez-Reif M et al.", "Hernandez-Reif"),
        ("van der Berg ABC, Smith J", "van der Berg"),
        # Read as the bibliography reads it (catalogue/citation.py): up to four initials.
        ("Smith ABCD", "Smith"),
        ("Smith ABCDE", "Smith ABCDE"),  # five capitals: a name, not initials
        ("Royal College of Physicians, NICE", "Royal College of Physicians"),
        ("World Health Organization", "World Health Organization"),
        ("NICE", "NICE"),
    ],
)
def test_a_references_first_author_is_the_surname_or_the_body_named(
    authors: str, first: str
) -> None:
    from neurobenefits.catalogue.model import Reference

    reference = Reference("a2004", authors, 2004, "A trial", "A journal", "It helped.")
    assert reference.first_author == first
    assert reference.short_citation == f"{first} 2004, A journal"


def test_a_reference_is_found_with_the_benefits_citing_it_and_its_doi_address(
    tmp_path: Path,
) -> None:
    evidence = (
        "    evidence:\n      verdict: supported\n      summary: S.\n      references: [smith2020]\n"
        "verdicts:\n  supported: Well supported.\n"
        "references:\n  smith2020:\n    authors: Smith J\n    year: 2020\n    title: A trial\n"
        "    journal: A journal\n    finding: It helped.\n    doi: 10.1000/xyz\n"
        "  jones2021:\n    authors: Jones K\n    year: 2021\n    title: Another\n"
        "    journal: A journal\n    finding: It helped too.\n"
        "cautions:\n  - id: care\n    title: Care\n    who: Anyone.\n    text: Take care.\n"
        "    references: [jones2021]\n"
    )
    catalogue = load_catalogue([_write(tmp_path, MINIMAL + evidence)], only=True)
    assert [b.id for b in catalogue.citing("smith2020")] == [1]
    assert catalogue.citing("jones2021") == ()
    assert [c.id for c in catalogue.cautions_citing("jones2021")] == ["care"]
    assert catalogue.cautions_citing("smith2020") == ()
    smith, jones = catalogue.reference("smith2020"), catalogue.reference("jones2021")
    assert smith is not None
    assert jones is not None
    assert smith.doi_url == "https://doi.org/10.1000/xyz"
    assert jones.doi_url is None


def test_the_date_the_evidence_was_checked_is_read(tmp_path: Path) -> None:
    text = MINIMAL.replace(
        "title: A course catalogue\n", "title: A course\nevidence_as_of: June 2025\n"
    )
    catalogue = load_catalogue([_write(tmp_path, text)], only=True)
    assert catalogue.evidence_as_of == "June 2025"
    assert load_catalogue([_write(tmp_path, MINIMAL)], only=True).evidence_as_of is None
