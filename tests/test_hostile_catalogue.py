"""Hostile catalogue files: each case in tests/hostile/catalogue gives its one expected line.

A case is `NAME.yaml` and `NAME.expected`: `exit N`, then `stderr: LINE` or `stdout: LINE`,
exactly as `neurobenefits validate NAME.yaml` run beside the file answers. Cases too large
to keep in the repository are made here, in a temporary folder.
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
from pathlib import Path

import pytest

from neurobenefits import exitcodes
from neurobenefits.catalogue.load import load_catalogue
from neurobenefits.catalogue.spec import CATALOGUE, ListOf

from .conftest import ISOLATED, run

CORPUS = Path(__file__).resolve().parent / "hostile" / "catalogue"
CASES = sorted(path.stem for path in CORPUS.glob("*.yaml"))
ESC = "\x1b"


def _expected(name: str) -> tuple[int, str, str]:
    lines = (CORPUS / f"{name}.expected").read_text(encoding="utf-8").splitlines()
    code = int(lines[0].removeprefix("exit "))
    stream, _, text = lines[1].partition(": ")
    return code, stream, text + "\n"


@pytest.mark.parametrize("name", CASES)
def test_hostile_case_gives_its_one_line(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(CORPUS)
    code, stream, line = _expected(name)
    validated = run("validate", f"{name}.yaml")
    assert validated.exit_code == code
    assert (validated.stderr if stream == "stderr" else validated.stdout) == line
    assert ESC not in validated.stdout + validated.stderr
    listed = run("--catalogue", f"{name}.yaml", "list", "--format", "json")
    assert listed.exit_code == (code or exitcodes.OK)
    if code:
        assert listed.stderr == line
    assert ESC not in listed.stdout + listed.stderr


def test_every_case_has_its_expected_outcome() -> None:
    assert len(CASES) >= 20
    for name in CASES:
        _, stream, line = _expected(name)
        assert stream in ("stderr", "stdout"), name
        assert line.startswith(f"{name}.yaml"), name


def test_an_overlay_extends_a_caution_by_id() -> None:
    extended = load_catalogue([CORPUS / "caution-extended-by-id.yaml"], environ=ISOLATED)
    caution = extended.caution("at-risk-skin")
    assert caution is not None
    assert caution.text.startswith("Check the skin before and after each session")
    assert caution.title == "Skin at risk of pressure ulcers"  # what it did not give stays


def test_merged_keywords_keep_order_and_add_each_new_word_once() -> None:
    merged = load_catalogue([CORPUS / "overlay-extends-keywords.yaml"], environ=ISOLATED)
    bundled = load_catalogue(environ=ISOLATED)
    before = bundled.benefit(8)
    after = merged.benefit(8)
    assert before is not None
    assert after is not None
    assert after.keywords == (*before.keywords, "tonus")


def _limited_memory() -> None:
    limit = 1024 * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def _validate_in_child(path: Path, cache: Path) -> subprocess.CompletedProcess[str]:
    """`validate` in a process of its own, within 1 GiB; the timeout only stops a hang."""
    return subprocess.run(
        [sys.executable, "-m", "neurobenefits", "validate", str(path)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        preexec_fn=_limited_memory,
        env={**os.environ, "XDG_CACHE_HOME": str(cache)},
    )


def test_millions_of_related_entries_are_refused_before_they_are_built(tmp_path: Path) -> None:
    # Issue 12: 4.9 million `related` entries (9.8 MB) took 29 s and 2.8 GB.
    hostile = tmp_path / "related.yaml"
    hostile.write_text(
        "benefits:\n  - id: 8\n    related: [" + ",".join(["7"] * 4_900_000) + "]\n",
        encoding="utf-8",
    )
    result = _validate_in_child(hostile, tmp_path / "cache")
    assert result.returncode == exitcodes.CATALOGUE
    assert result.stderr == (
        f"{hostile}:3:40015: a list or mapping has more than 20,000 items; "
        "a catalogue is far smaller\n"
    )


def test_a_scalar_alias_bomb_writes_no_output_and_no_cache(tmp_path: Path) -> None:
    # Issue 12: `&a` on a 10 kB string and 20,000 `*a` made 200 MB of output and cache.
    hostile = tmp_path / "bomb.yaml"
    hostile.write_text(
        f"title: &a {'x' * 10_000}\nsynonyms:\n" + "  - [*a]\n" * 20_000, encoding="utf-8"
    )
    result = _validate_in_child(hostile, tmp_path / "cache")
    assert result.returncode == exitcodes.CATALOGUE
    assert result.stderr == (
        f"{hostile}:1:8: anchors and aliases (&name, *name) are not allowed in a catalogue; "
        "write the value out\n"
    )
    assert result.stdout == ""
    assert not (tmp_path / "cache").exists()


def test_every_list_and_mapping_of_the_format_has_a_limit() -> None:
    def lists(spec: object) -> list[int]:
        found: list[int] = []
        for field in getattr(spec, "fields", {}).values():
            if isinstance(field, ListOf):
                found.append(field.max_items)
                found += lists(field.item)
            found += lists(field)
        return found

    limits = lists(CATALOGUE)
    assert limits
    assert all(0 < limit <= 10_000 for limit in limits)


def test_the_schema_file_states_the_limits() -> None:
    schema = json.loads(run("schema").stdout)
    benefit = schema["properties"]["benefits"]
    assert benefit["maxItems"] == 10_000
    title = benefit["items"]["properties"]["title"]
    assert title["maxLength"] == 1_000
    assert any("\\u202e" in part["pattern"] for part in title["allOf"])
