"""The checks of a catalogue file: each kind of wrong value has its own exact message."""

from __future__ import annotations

from pathlib import Path

import pytest

from neurobenefits.catalogue.load import CatalogueError, load_catalogue
from neurobenefits.catalogue.model import Catalogue

from .test_loading import MINIMAL

_REFERENCE = """\
references:
  smith2020:
    authors: Smith J
    year: 2020
    title: A trial
    journal: A journal
    finding: It helped.
"""
_BENEFIT_FIELDS = (
    "id, slug, title, category, summary, description, keywords, related, cautions, evidence, notes"
)
_TOP_FIELDS = (
    "schema_version, title, source, introduction, closing, disclaimer, categories, synonyms, "
    "verdicts, evidence_as_of, benefits, references, cautions, glossary"
)


def _problems(tmp_path: Path, *texts: str) -> list[str]:
    """Every problem of the stacked files, each with its file's name shortened to its number."""
    paths = []
    for number, text in enumerate(texts, 1):
        path = tmp_path / f"{number}.yaml"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    with pytest.raises(CatalogueError) as raised:
        load_catalogue(paths, only=True)
    return [str(p).replace(f"{tmp_path}/", "") for p in raised.value.problems]


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            ("year: 2020", "year: 99"),
            "16:11: references.smith2020.year: must be from 1000 to 9999, got 99",
        ),
        (
            ("year: 2020", "year: 10000"),
            "16:11: references.smith2020.year: must be from 1000 to 9999, got 10000",
        ),
        (
            ("schema_version: 1", "schema_version: 2"),
            "1:17: schema_version: must be 1, got 2",
        ),
        (
            ("    description: More words.", "    description: More words.\n    zzz: 1"),
            f"13:10: benefits[0] (id 1).zzz: unknown field 'zzz'; expected one of: {_BENEFIT_FIELDS}",
        ),
        (
            ("summary: One line.", 'summary: ""'),
            "11:14: benefits[0] (id 1).summary: is empty; expected text",
        ),
        (
            ("summary: One line.", 'summary: "  "'),
            "11:14: benefits[0] (id 1).summary: is empty; expected text",
        ),
        (
            ("title: First", "title: true"),
            "9:12: benefits[0] (id 1).title: expected text, got true/false (true)",
        ),
        (
            ("title: First", "title: {a: b}"),
            "9:12: benefits[0] (id 1).title: expected text, got a mapping",
        ),
        (
            ("title: First", "title:"),
            "9:11: benefits[0] (id 1).title: expected text, got nothing (null)",
        ),
        (
            ("title: First", "title: 1.5"),
            "9:12: benefits[0] (id 1).title: expected text, got a number (1.5)",
        ),
        (
            ("id: 1", "id: " + "x" * 40),
            "7:9: benefits[0] (id xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx).id: expected a whole "
            "number, got text ('xxxxxxxxxxxxxxxxxxxxxxxxxxx...')",
        ),
        (
            ("disclaimer: For", "1.5: x\ndisclaimer: For"),
            "3:1: key '1.5' must be text or a whole number",
        ),
        (
            ("disclaimer: For", "1: x\ndisclaimer: For"),
            f"3:4: 1: unknown field 1; expected one of: {_TOP_FIELDS}",
        ),
        (
            ("  body: Body", "  body: Body\n  1: x"),
            "6:6: categories.1: expected lower-case words joined by hyphens, got a number (1)",
        ),
        (
            ("categories:\n  body: Body", "categories: [body]"),
            "4:13: categories: expected a mapping of category key -> label, got a list",
        ),
        (
            ("title: First", 'title: "First\\nSecond"'),
            "9:12: benefits[0] (id 1).title: must be a single line",
        ),
        (
            ("  body: Body", "  body: Body\n  1.5: x"),
            "6:3: key '1.5' must be text or a whole number",
        ),
    ],
)
def test_each_wrong_value_has_its_message(
    tmp_path: Path, change: tuple[str, str], expected: str
) -> None:
    text = (MINIMAL + _REFERENCE).replace(*change, 1)
    assert _problems(tmp_path, text) == [f"1.yaml:{expected}"]


def test_a_second_file_cannot_reuse_a_slug(tmp_path: Path) -> None:
    second = """\
benefits:
  - id: 2
    slug: first
    title: Second
    category: body
    summary: Two lines.
    description: Other words.
"""
    assert _problems(tmp_path, MINIMAL, second) == [
        "2.yaml:3:11: benefits[0] (id 2).slug: duplicate slug 'first'; benefit 1 has it already"
    ]


def test_a_slug_renamed_into_a_clash_is_blamed_on_the_file_that_renamed_it(
    tmp_path: Path,
) -> None:
    # File 2 adds benefit 99 with a new slug; file 3 then renames benefit 1 to that slug.
    # Benefit 1 comes first by number, but it is file 3 that must change.
    second = """\
benefits:
  - id: 99
    slug: new-one
    title: Ninety-nine
    category: body
    summary: Two lines.
    description: Other words.
"""
    third = """\
benefits:
  - id: 1
    slug: new-one
"""
    assert _problems(tmp_path, MINIMAL, second, third) == [
        "3.yaml:3:11: benefits[0] (id 1).slug: duplicate slug 'new-one'; benefit 99 has it already"
    ]


def test_a_second_file_may_restate_a_benefits_own_slug(tmp_path: Path) -> None:
    first = tmp_path / "1.yaml"
    first.write_text(MINIMAL, encoding="utf-8")
    second = tmp_path / "2.yaml"
    second.write_text("benefits:\n  - id: 1\n    slug: first\n", encoding="utf-8")
    catalogue = load_catalogue([first, second], only=True)
    assert [(b.id, b.slug) for b in catalogue.benefits] == [(1, "first")]


def _stacked(tmp_path: Path, *texts: str) -> Catalogue:
    paths = []
    for number, text in enumerate(texts, 1):
        path = tmp_path / f"{number}.yaml"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return load_catalogue(paths, only=True)


_TWO = (
    MINIMAL
    + """\
    related: [2]
    keywords: [one]
  - id: 2
    slug: second
    title: Second
    category: body
    summary: Two lines.
    description: Other words.
  - id: 3
    slug: third
    title: Third
    category: body
    summary: Three lines.
    description: Yet more words.
cautions:
  - id: care
    title: Care
    who: Anyone.
    text: Take care.
    references: [smith2020]
"""
    + _REFERENCE
    + """\
  jones2021:
    authors: Jones K
    year: 2021
    title: Another trial
    journal: A journal
    finding: It helped too.
"""
)


def test_a_later_file_adds_to_the_lists_of_an_entry(tmp_path: Path) -> None:
    overlay = """\
benefits:
  - id: 1
    related: [3]
    keywords: [two]
"""
    more = """\
benefits:
  - id: 1
    cautions: [care]
  - id: 2
    cautions: [care]
cautions:
  - id: calm
    title: Calm
    who: Anyone.
    text: Stay calm.
  - id: care
    references: [jones2021]
"""
    last = "benefits:\n  - id: 1\n    cautions: [calm, care]\n"
    catalogue = _stacked(tmp_path, _TWO, overlay, more, last)
    first = catalogue.benefits[0]
    assert first.related == (2, 3)
    assert first.keywords == ("one", "two")
    assert first.cautions == ("care", "calm")  # added to, each once
    care = catalogue.caution("care")
    assert care is not None
    assert care.references == ("smith2020", "jones2021")


def test_a_caution_citing_a_missing_reference_is_named(tmp_path: Path) -> None:
    problems = _problems(tmp_path, _TWO.replace("references: [smith2020]", "references: [nobody]"))
    assert len(problems) == 1
    assert problems[0].endswith(": cautions[0] (id care): reference 'nobody' is not in references")


# Reading: what YAML a catalogue may hold, and where each problem is


def _read_problem(text: str) -> tuple[str, int, int]:
    from neurobenefits.catalogue.yamlsafe import YamlProblem, parse_text

    with pytest.raises(YamlProblem) as raised:
        parse_text(text)
    return raised.value.message, raised.value.line, raised.value.column


def test_a_date_stays_the_text_written() -> None:
    from neurobenefits.catalogue.yamlsafe import parse_text

    assert parse_text("evidence_as_of: 2026-11-01\n").data == {"evidence_as_of": "2026-11-01"}


def test_a_tagged_list_is_refused() -> None:
    assert _read_problem("keywords: !custom [a, b]\n") == (
        "unknown tag !custom; catalogues use plain YAML",
        1,
        11,
    )


def test_a_key_that_is_a_list_is_refused() -> None:
    assert _read_problem("? [a, b]\n: c\n") == ("a key must be plain text or a number", 1, 3)


def test_a_file_exactly_at_the_size_limit_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from neurobenefits.catalogue import load as catalogue
    from neurobenefits.catalogue.regularfile import NotReadable

    monkeypatch.setattr(catalogue, "MAX_FILE_BYTES", 16)
    path = tmp_path / "small.yaml"
    path.write_bytes(b"title: " + b"x" * 9)  # 16 bytes
    assert catalogue.read_bytes(path) == b"title: xxxxxxxxx"
    path.write_bytes(b"title: " + b"x" * 10)
    with pytest.raises(NotReadable, match=r"^is larger than the 0 MiB limit"):
        catalogue.read_bytes(path)


def test_a_problem_without_a_place_has_line_and_column_zero(tmp_path: Path) -> None:
    import json

    from .conftest import run

    missing = tmp_path / "nope.yaml"
    result = run("validate", str(missing), "--format", "json")
    assert result.exit_code == 3
    (problem,) = json.loads(result.stdout)["problems"]
    assert problem == {
        "file": str(missing),
        "line": 0,
        "column": 0,
        "path": "",
        "message": "no such file",
    }


@pytest.mark.parametrize("key", ["true", "1.5", "null"])
def test_a_key_must_be_text_or_a_whole_number(key: str) -> None:
    assert _read_problem(f"title: T\n{key}: x\n") == (
        f"key {key!r} must be text or a whole number",
        2,
        1,
    )


def test_a_key_may_appear_once() -> None:
    assert _read_problem("title: T\nlist: 1\ntitle: U\n") == (
        "duplicate key 'title'; each key may appear once in a mapping",
        3,
        1,
    )


def test_a_control_character_is_not_valid_yaml() -> None:
    assert _read_problem("title: a\x07b\n") == (
        "not valid YAML: the control character U+0007 is not allowed; "
        "catalogue text must be printable",
        1,
        9,
    )


@pytest.mark.parametrize(
    ("text", "line", "column"),
    [("\x07title: a\n", 1, 1), ("\ntitle: a\x07\n", 2, 9), ("\n\ntitle: a\n\x07", 4, 1)],
)
def test_a_control_character_is_placed_at_its_line_and_column(
    text: str, line: int, column: int
) -> None:
    assert _read_problem(text)[1:] == (line, column)


@pytest.mark.parametrize(
    ("raw", "byte", "line", "column"),
    [(b"\xfftitle: a\n", "ff", 1, 1), (b"title: a\n\ntitle: caf\xe9\n", "e9", 3, 11)],
)
def test_a_byte_that_is_not_utf8_is_named_at_its_line_and_column(
    raw: bytes, byte: str, line: int, column: int
) -> None:
    from neurobenefits.catalogue.yamlsafe import YamlProblem, decode

    with pytest.raises(YamlProblem) as raised:
        decode(raw)
    assert (raised.value.line, raised.value.column) == (line, column)
    assert raised.value.message == f"byte 0x{byte} is not UTF-8; save the file as UTF-8"


# Limits over the whole stack: each file fits, the stacked files do not. The error names
# the file whose entries first took the stack over, not the file that began the list.


def _categories(start: int, count: int) -> str:
    return "categories:\n" + "".join(f"  c{n}: C{n}\n" for n in range(start, start + count))


def test_a_stack_over_a_top_level_limit_names_the_file_that_went_over(tmp_path: Path) -> None:
    problems = _problems(
        tmp_path, MINIMAL, _categories(0, 60), _categories(60, 40), _categories(100, 5)
    )
    assert problems == [
        "3.yaml:2:3: categories: this file takes the stack over its limit: the stacked files "
        "give 106 entries; at most 100 are allowed across all files, so leave out 6"
    ]


def test_a_stack_over_an_entrys_list_limit_names_the_file_that_went_over(
    tmp_path: Path,
) -> None:
    def keywords(start: int, count: int) -> str:
        words = ", ".join(f"k{n}" for n in range(start, start + count))
        return f"benefits:\n  - id: 1\n    keywords: [{words}]\n"

    problems = _problems(tmp_path, MINIMAL, keywords(0, 60), keywords(60, 41), keywords(101, 1))
    assert problems == [
        "3.yaml:3:15: benefits[0] (id 1).keywords: this file takes the stack over its limit: "
        "the stacked files give 102 items; at most 100 are allowed across all files, "
        "so leave out 2"
    ]


def test_a_stack_at_its_limits_is_valid(tmp_path: Path) -> None:
    words = ", ".join(f"k{n}" for n in range(99))
    overlay = _categories(0, 99) + f"benefits:\n  - id: 1\n    keywords: [{words}]\n"
    catalogue = _stacked(tmp_path, MINIMAL, overlay)
    assert len(catalogue.categories) == 100
    assert len(catalogue.benefits[0].keywords) == 99


def test_a_stack_over_the_number_of_benefits_or_cautions_names_the_file_that_went_over(
    tmp_path: Path,
) -> None:
    def benefits(start: int, count: int) -> str:
        return "benefits:\n" + "".join(
            f"  - {{id: {n}, slug: b{n}, title: B, category: body, summary: S, description: D}}\n"
            for n in range(start, start + count)
        )

    def cautions(start: int, count: int) -> str:
        return "cautions:\n" + "".join(
            f"  - {{id: c{n}, title: C, who: W, text: T}}\n" for n in range(start, start + count)
        )

    problems = _problems(
        tmp_path,
        MINIMAL,
        benefits(2, 5_000) + cautions(0, 600),
        benefits(5_002, 5_000) + cautions(600, 401),
    )
    assert [p.split(": this file")[0] for p in problems] == [
        "3.yaml:2:3: benefits",
        "3.yaml:5003:3: cautions",
    ]
    assert problems[0].endswith(
        "give 10,001 entries; at most 10,000 are allowed across all files, so leave out 1"
    )
    assert problems[1].endswith(
        "give 1,001 entries; at most 1,000 are allowed across all files, so leave out 1"
    )


def test_a_stack_without_a_required_field_names_it_at_the_last_file(tmp_path: Path) -> None:
    overlay = "benefits:\n  - id: 1\n    notes: More.\n"
    assert _problems(
        tmp_path, MINIMAL.replace("disclaimer: For teaching only.\n", ""), overlay
    ) == ["2.yaml:1:1: disclaimer is missing; no file of the stack gives it"]


def test_a_benefit_related_to_itself_is_named(tmp_path: Path) -> None:
    overlay = "benefits:\n  - id: 1\n    related: [1]\n"
    assert _problems(tmp_path, MINIMAL, overlay) == [
        "2.yaml:3:14: benefits[0] (id 1).related: benefit 1 lists itself as related"
    ]


def test_one_file_over_a_mapping_limit_is_named(tmp_path: Path) -> None:
    categories = "".join(f"  c{n}: C{n}\n" for n in range(100))
    assert _problems(
        tmp_path, MINIMAL.replace("  body: Body\n", f"  body: Body\n{categories}")
    ) == ["1.yaml:5:3: categories: has 101 entries; at most 100 are allowed"]


def test_a_reference_without_a_required_field_names_the_field(tmp_path: Path) -> None:
    text = MINIMAL + _REFERENCE.replace("    journal: A journal\n", "")
    assert _problems(tmp_path, text) == ["1.yaml:15:5: references.smith2020: journal is missing"]


def test_a_wrong_text_of_thirty_characters_is_quoted_whole_and_a_longer_one_cut(
    tmp_path: Path,
) -> None:
    for text, shown in (("a" * 30, "a" * 30), ("a" * 31, "a" * 27 + "...")):
        (problem,) = _problems(tmp_path, MINIMAL.replace("id: 1", f"id: {text}"))
        assert problem.endswith(f"got text ('{shown}')"), problem


def test_a_slug_of_more_than_100_characters_is_refused(tmp_path: Path) -> None:
    slug = "-".join(["word"] * 20) + "-x"  # 101 characters
    assert _problems(tmp_path, MINIMAL.replace("slug: first", f"slug: {slug}")) == [
        "1.yaml:8:11: benefits[0] (id 1).slug: is 101 characters long; at most 100 are allowed"
    ]
    _stacked(tmp_path, MINIMAL.replace("slug: first", f"slug: {slug[:-2]}"))  # 99: fine


_EVIDENCE = """\
    evidence:
      verdict: supported
      summary: S.
      references: [smith2020]
verdicts:
  supported: Well supported.
"""
_INVISIBLE = "contains U+200B, an invisible character, so two names could look the same and differ; remove it"


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            ("  smith2020:", f"  {'s' * 101}:"),
            f"21:5: references.{'s' * 101}: is 101 characters long; at most 100 are allowed",
        ),
        (
            ("references: [smith2020]", "references: [smith\u200b2020]"),
            f"16:20: benefits[0] (id 1).evidence.references[0]: {_INVISIBLE}",
        ),
        (
            ("category: body", "category: body\u200b"),
            f"10:15: benefits[0] (id 1).category: {_INVISIBLE}",
        ),
        (
            ("verdict: supported", "verdict: supported\u200b"),
            f"14:16: benefits[0] (id 1).evidence.verdict: {_INVISIBLE}",
        ),
    ],
)
def test_names_are_single_visible_lines_of_bounded_length(
    tmp_path: Path, change: tuple[str, str], expected: str
) -> None:
    text = (MINIMAL + _EVIDENCE + _REFERENCE).replace(*change)
    assert _problems(tmp_path, text) == [f"1.yaml:{expected}"]
