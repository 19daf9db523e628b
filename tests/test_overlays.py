"""Your own catalogue: stacking overlays, the personal overlay, validate, schema, and hostile files."""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from neurobenefits import exitcodes
from neurobenefits.catalogue.load import MAX_FILE_BYTES, CatalogueError, load_catalogue

from .conftest import FIXTURES, ISOLATED, REPO, run

BAD = FIXTURES / "bad"
GOOD = FIXTURES / "good"
CLINIC = GOOD / "clinic-overlay.yaml"
SCHEMA = json.loads((REPO / "schema" / "benefits.schema.json").read_text(encoding="utf-8"))
BAD_CASES = sorted(path.stem for path in BAD.glob("*.yaml"))


# Stacking


def test_overlay_extends_by_id_and_adds_new_benefits() -> None:
    catalogue = load_catalogue([CLINIC], environ=ISOLATED)
    spasm = catalogue.benefit(8)
    assert spasm is not None
    assert spasm.title == "Reduction of Muscle Spasms and Tone"  # untouched fields stay
    assert spasm.notes
    assert spasm.notes.startswith("Our physio team")
    assert spasm.keywords[:2] == ("spasm", "spasms")  # lists are added to...
    assert spasm.keywords[-2:] == ("tonus", "Spastik")  # ...at the end
    sleep = catalogue.benefit(7)
    assert sleep is not None
    assert sleep.summary == "Die Entspannung hilft beim Schlafen."  # text is replaced
    new = catalogue.benefit(15)
    assert new is not None
    assert new.evidence
    assert new.evidence.references == ("clinic2025",)
    assert catalogue.reference("clinic2025") is not None
    assert catalogue.caution("clinic-hygiene") is not None
    assert len(catalogue.benefits) == 15
    assert [(f.role, f.benefits_added, f.benefits_extended) for f in catalogue.files] == [
        ("bundled", 14, 0),
        ("--catalogue", 1, 2),
    ]


def test_later_files_win(tmp_path: Path) -> None:
    second = tmp_path / "second.yaml"
    second.write_text("benefits:\n  - id: 7\n    summary: Second word.\n", encoding="utf-8")
    catalogue = load_catalogue([CLINIC, second], environ=ISOLATED)
    assert catalogue.benefit(7).summary == "Second word."  # type: ignore[union-attr]


def test_stack_order_bundled_personal_environment_option(tmp_path: Path, config_home: Path) -> None:
    (config_home / "benefits.yaml").write_text(
        "benefits:\n  - id: 1\n    summary: From the personal overlay.\n", encoding="utf-8"
    )
    env_file = tmp_path / "env.yaml"
    env_file.write_text(
        "benefits:\n  - id: 1\n    notes: From the environment.\n", encoding="utf-8"
    )
    option_file = tmp_path / "option.yaml"
    option_file.write_text("benefits:\n  - id: 1\n    notes: From the option.\n", encoding="utf-8")
    result = run(
        "--catalogue", str(option_file), "about", env={"NEUROBENEFITS_CATALOGUE": str(env_file)}
    )
    assert result.exit_code == 0
    roles = [
        line.split("(")[1].split(")")[0]
        for line in result.stdout.splitlines()
        if line.startswith("  ") and "(" in line
    ]
    assert roles == ["bundled", "personal overlay", "NEUROBENEFITS_CATALOGUE", "--catalogue"]
    assert f"Personal overlay: {config_home / 'benefits.yaml'} (loaded)" in result.stdout
    shown = json.loads(
        run(
            "--catalogue",
            str(option_file),
            "show",
            "1",
            "--format",
            "json",
            env={"NEUROBENEFITS_CATALOGUE": str(env_file)},
        ).stdout
    )
    assert shown["summary"] == "From the personal overlay."
    assert shown["notes"] == "From the option."


def test_environment_variable_takes_several_files(tmp_path: Path) -> None:
    first, second = tmp_path / "a.yaml", tmp_path / "b.yaml"
    first.write_text("benefits:\n  - id: 2\n    notes: A.\n", encoding="utf-8")
    second.write_text("benefits:\n  - id: 3\n    notes: B.\n", encoding="utf-8")
    result = run(
        "about", "--format", "json", env={"NEUROBENEFITS_CATALOGUE": f"{first}{os.pathsep}{second}"}
    )
    assert [f["path"] for f in json.loads(result.stdout)["files"]][1:] == [str(first), str(second)]


def test_only_starts_from_an_empty_stack() -> None:
    result = run(
        "--catalogue", str(REPO / "data" / "benefits.yaml"), "--only", "about", "--format", "json"
    )
    assert [f["role"] for f in json.loads(result.stdout)["files"]] == ["--catalogue"]
    alone = run("--catalogue", str(CLINIC), "--only", "list")
    assert alone.exit_code == exitcodes.CATALOGUE
    assert "schema_version is missing; no file of the stack gives it" in alone.stderr


def test_overlay_notes_are_searchable_and_printed_as_text() -> None:
    found = run("--catalogue", str(CLINIC), "search", "stretching", "--format", "json")
    assert json.loads(found.stdout)[0]["id"] == 8
    shown = run("--catalogue", str(CLINIC), "show", "8", "--format", "table", "--color", "always")
    assert "[bold red]not markup[/]" in shown.stdout
    markdown = run("--catalogue", str(CLINIC), "show", "8", "--format", "markdown").stdout
    assert "<script>" not in markdown
    assert r"\<script\>" in markdown


def test_missing_overlay_file_names_it(tmp_path: Path) -> None:
    missing = tmp_path / "nope.yaml"
    result = run("--catalogue", str(missing), "list")
    assert result.exit_code == exitcodes.CATALOGUE
    assert result.stderr == f"{missing}: no such file\n"


# Validate and schema


def test_validate_a_good_overlay() -> None:
    result = run("validate", str(CLINIC))
    assert result.exit_code == 0
    assert result.stdout == f"{CLINIC}: valid (15 benefits in the stack).\n"


def test_validate_json_gives_problems_as_data() -> None:
    result = run("validate", str(BAD / "dangling-names.yaml"), "--format", "json")
    assert result.exit_code == exitcodes.CATALOGUE
    data = json.loads(result.stdout)
    assert data["valid"] is False
    assert data["problems"][0] == {
        "file": str(BAD / "dangling-names.yaml"),
        "line": 3,
        "column": 14,
        "path": "benefits[0] (id 8).related",
        "message": "related benefit 99 does not exist; numbers run from 1 to 14",
    }


def test_byte_order_mark_is_accepted() -> None:
    assert run("validate", str(GOOD / "bom.yaml")).exit_code == 0


def _schema_accepts(data: Any) -> bool:
    try:
        jsonschema.validate(data, SCHEMA)
    except jsonschema.ValidationError:
        return False
    return True


def test_schema_and_loader_agree_on_the_bundled_and_good_files() -> None:
    for path in (REPO / "data" / "benefits.yaml", CLINIC, GOOD / "bom.yaml"):
        data = yaml.safe_load(path.read_text(encoding="utf-8-sig"))
        assert _schema_accepts(data), path
        assert run("validate", str(path)).exit_code == 0


# Files whose problem is in their structure, which a JSON Schema can see too.
SCHEMA_CASES = [
    "a-list",
    "a-scalar",
    "number-title",
    "string-keywords",
    "id-zero",
    "id-text",
    "unknown-field",
    "escape-sequence",
]


@pytest.mark.parametrize("name", SCHEMA_CASES)
def test_schema_and_loader_agree_on_invalid_files(name: str) -> None:
    data = yaml.safe_load((BAD / f"{name}.yaml").read_text(encoding="utf-8"))
    assert not _schema_accepts(data)
    assert run("validate", str(BAD / f"{name}.yaml")).exit_code == exitcodes.CATALOGUE


def test_bundled_catalogue_names_the_schema_for_editors() -> None:
    first = (REPO / "data" / "benefits.yaml").read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=../schema/benefits.schema.json"


# Files that fight back


@pytest.mark.parametrize("name", BAD_CASES)
def test_bad_file_gives_its_exact_error(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(BAD)
    expected = (BAD / f"{name}.expected").read_text(encoding="utf-8")
    validated = run("validate", f"{name}.yaml")
    assert validated.exit_code == exitcodes.CATALOGUE
    assert validated.stderr == expected
    assert validated.stdout == ""
    listed = run("--catalogue", f"{name}.yaml", "list")
    assert listed.exit_code == exitcodes.CATALOGUE
    assert listed.stderr == expected


def test_every_case_has_its_expected_line() -> None:
    assert len(BAD_CASES) >= 20
    for name in BAD_CASES:
        assert (BAD / f"{name}.expected").is_file(), name


def test_python_tag_runs_nothing(tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    hostile = tmp_path / "hostile.yaml"
    hostile.write_text(
        f"title: !!python/object/apply:os.system ['touch {marker}']\n", encoding="utf-8"
    )
    assert run("validate", str(hostile)).exit_code == exitcodes.CATALOGUE
    assert not marker.exists()


def _limited_memory() -> None:
    limit = 1024 * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


@pytest.mark.parametrize("name", ["alias-bomb", "deep-nesting"])
def test_hostile_structure_is_refused_in_bounded_memory(name: str) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "neurobenefits", "validate", str(BAD / f"{name}.yaml")],
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
        preexec_fn=_limited_memory,
    )
    assert result.returncode == exitcodes.CATALOGUE
    assert "Traceback" not in result.stderr


def test_a_file_over_the_size_limit_is_refused(tmp_path: Path) -> None:
    huge = tmp_path / "huge.yaml"
    with huge.open("wb") as handle:
        handle.truncate(MAX_FILE_BYTES + 1)
    result = run("validate", str(huge))
    assert result.exit_code == exitcodes.CATALOGUE
    assert result.stderr == f"{huge}: is larger than the 32 MiB limit for a catalogue\n"


def test_missing_directory_and_unreadable(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert (
        run("validate", str(tmp_path / "gone.yaml")).stderr
        == f"{tmp_path / 'gone.yaml'}: no such file\n"
    )
    assert (
        run("validate", str(tmp_path)).stderr
        == f"{tmp_path}: is a directory; expected a YAML file\n"
    )
    locked = tmp_path / "locked.yaml"
    locked.write_text("title: x\n", encoding="utf-8")
    # Root reads any file, so permission is refused the way the OS would refuse it.
    real_open = os.open

    def refusing_open(path: Any, *args: Any, **kwargs: Any) -> Any:
        if os.fspath(path) == str(locked):
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(os, "open", refusing_open)
    result = run("validate", str(locked))
    assert result.exit_code == exitcodes.CATALOGUE
    assert result.stderr == f"{locked}: permission denied; the file must be readable\n"


# Property-based: generated catalogues, valid and broken

# Printable, visible text: no controls, format characters or separators, nor the few
# invisible letters and marks that validate.py refuses in a line of text.
_TEXT = st.text(
    alphabet=st.characters(
        blacklist_categories=("Cc", "Cs", "Cf", "Zl", "Zp"),
        blacklist_characters="\u034f\u115f\u1160\u17b4\u17b5\u3164\uffa0",
    ),
    min_size=1,
    max_size=30,
).filter(lambda s: s.strip() != "")
_SLUG = st.from_regex(r"[a-z]{1,8}(-[a-z]{1,8}){0,2}", fullmatch=True)


@st.composite
def _catalogues(draw: st.DrawFn) -> dict[str, Any]:
    count = draw(st.integers(min_value=1, max_value=6))
    ids = draw(
        st.lists(
            st.integers(min_value=1, max_value=500), min_size=count, max_size=count, unique=True
        )
    )
    slugs = draw(st.lists(_SLUG, min_size=count, max_size=count, unique=True))
    one_line = _TEXT.filter(
        lambda s: (
            "\n" not in s
            and "\r" not in s
            and "\x85" not in s
            and "\u2028" not in s
            and "\u2029" not in s
        )
    )
    benefits = [
        {
            "id": number,
            "slug": slug,
            "title": draw(one_line),
            "category": "body",
            "summary": draw(one_line),
            "description": draw(_TEXT),
            "keywords": draw(st.lists(one_line, max_size=3)),
            "related": [other for other in ids if other != number][: draw(st.integers(0, 2))],
        }
        for number, slug in zip(ids, slugs, strict=True)
    ]
    return {
        "schema_version": 1,
        "title": draw(one_line),
        "disclaimer": draw(_TEXT),
        "categories": {"body": "Body"},
        "benefits": benefits,
    }


def _load(tmp_path: Path, data: Any, raw: str | None = None) -> Any:
    path = tmp_path / "generated.yaml"
    path.write_text(
        raw if raw is not None else yaml.safe_dump(data, allow_unicode=True), encoding="utf-8"
    )
    return load_catalogue([path], only=True)


@settings(
    max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None
)
@given(_catalogues())
def test_a_valid_catalogue_survives_dump_and_reload(tmp_path: Path, data: dict[str, Any]) -> None:
    first = _load(tmp_path, data)
    from neurobenefits.views.records import benefit_record

    dumped = {
        **data,
        "benefits": [
            {k: v for k, v in benefit_record(first, b).items() if k in data["benefits"][0]}
            for b in first.benefits
        ],
    }
    second = _load(tmp_path, dumped)
    assert second.benefits == first.benefits
    assert second.title == first.title.strip()


_BREAKS = [
    lambda d: d.pop("title"),
    lambda d: d["benefits"][0].pop("slug"),
    lambda d: d["benefits"][0].update(id=0),
    lambda d: d["benefits"][0].update(id=str(d["benefits"][0]["id"])),
    lambda d: d["benefits"][0].update(title=42),
    lambda d: d["benefits"][0].update(keywords="spasm"),
    lambda d: d["benefits"][0].update(category="nowhere"),
    lambda d: d["benefits"][0].update(related=[9999]),
    lambda d: d["benefits"][0].update(titel="typo"),
    lambda d: d["benefits"].append(dict(d["benefits"][0])),
    lambda d: d.update(benefits="none"),
    lambda d: d["benefits"][0].update(notes="\x1b[31mred"),
]


@settings(
    max_examples=80, suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None
)
@given(_catalogues(), st.sampled_from(range(len(_BREAKS))))
def test_a_broken_catalogue_always_gives_problem_lines(
    tmp_path: Path, data: dict[str, Any], which: int
) -> None:
    _BREAKS[which](data)
    with pytest.raises(CatalogueError) as raised:
        _load(tmp_path, data)
    assert raised.value.problems
    for problem in raised.value.problems:
        assert str(problem).startswith(str(tmp_path / "generated.yaml"))


@settings(
    max_examples=80, suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None
)
@given(st.binary(max_size=200))
def test_any_bytes_give_a_catalogue_or_problem_lines(tmp_path: Path, raw: bytes) -> None:
    path = tmp_path / "bytes.yaml"
    path.write_bytes(raw)
    try:
        load_catalogue([path], only=True)
    except CatalogueError as error:
        assert error.problems  # noqa: PT017 (either outcome is fine; an exception is not)
