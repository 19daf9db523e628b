"""Random bytes and random YAML fed to `validate`: an answer, never a crash or an escape.

Whatever a file holds, `validate` exits 0 or 3, raises nothing (an internal error would be
exit 70), and writes no escape byte: each problem is one line that starts with the file.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from neurobenefits import exitcodes

from .conftest import REPO, run

BUNDLED = (REPO / "data" / "benefits.yaml").read_bytes()
_FIELDS = [
    "schema_version", "title", "benefits", "cautions", "references", "categories", "verdicts",
    "synonyms", "id", "slug", "summary", "description", "keywords", "related", "evidence",
    "verdict", "notes", "who", "text", "authors", "year", "doi",
]  # fmt: skip
_SCALARS = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**40), max_value=10**40)
    | st.floats(allow_nan=True)
    | st.text(max_size=40)
)
_KEYS = st.sampled_from(_FIELDS) | st.text(max_size=12)
_VALUES = st.recursive(
    _SCALARS,
    lambda inner: st.lists(inner, max_size=5) | st.dictionaries(_KEYS, inner, max_size=5),
    max_leaves=30,
)
# A longer hunt: FUZZ_EXAMPLES=2000 python -m pytest tests/test_fuzz_validate.py
_SETTINGS = settings(
    max_examples=int(os.environ.get("FUZZ_EXAMPLES", "50")),
    suppress_health_check=[HealthCheck.function_scoped_fixture],
    deadline=None,
)


def _answer_is_clean(path: Path) -> None:
    result = run("validate", str(path))
    assert result.exit_code in (exitcodes.OK, exitcodes.CATALOGUE)
    assert "\x1b" not in result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    for line in result.stderr.splitlines():
        assert line.startswith(f"{path}"), line
    if result.exit_code == exitcodes.OK:
        assert result.stdout.startswith(f"{path}: valid")


@_SETTINGS
@given(st.binary(max_size=400))
@example(b"title: \x00")
@example(b"\x1b[2J: x")
@example(b"\xff\xfe")
@example(b"a: &a x\nb: *a\n")
def test_random_bytes(tmp_path: Path, raw: bytes) -> None:
    path = tmp_path / "random.yaml"
    path.write_bytes(raw)
    _answer_is_clean(path)


@_SETTINGS
@given(st.dictionaries(_KEYS, _VALUES, max_size=6))
def test_random_yaml(tmp_path: Path, data: dict[Any, Any]) -> None:
    path = tmp_path / "random.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    _answer_is_clean(path)


@_SETTINGS
@given(st.integers(0, len(BUNDLED) - 1), st.binary(min_size=1, max_size=8))
def test_the_bundled_catalogue_with_random_bytes_written_into_it(
    tmp_path: Path, where: int, inserted: bytes
) -> None:
    path = tmp_path / "damaged.yaml"
    path.write_bytes(BUNDLED[:where] + inserted + BUNDLED[where + len(inserted) :])
    _answer_is_clean(path)
