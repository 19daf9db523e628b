"""Rendered output compared byte for byte with golden files at pinned widths.

After a deliberate change of the views, regenerate them with
`UPDATE_GOLDEN=1 pytest tests/test_golden.py` and read the diff before committing.
"""

from __future__ import annotations

import os

import pytest

from .conftest import GOLDEN, run

COMMANDS = {
    "list": ("list",),
    "show-8": ("show", "8"),
    "search-spasm": ("search", "spasm"),
    "cautions": ("cautions",),
}
FORMATS = ("table", "plain", "markdown")
WIDTHS = (40, 80, 200)


# Markdown does not depend on the width: one golden file each is enough.
CASES = [
    (name, fmt, width)
    for name in COMMANDS
    for fmt in FORMATS
    for width in (WIDTHS if fmt != "markdown" else (80,))
]


@pytest.mark.parametrize(("name", "fmt", "width"), CASES)
def test_output_matches_golden_file(name: str, fmt: str, width: int) -> None:
    result = run(*COMMANDS[name], "--format", fmt, env={"COLUMNS": str(width)})
    assert result.exit_code == 0, result.stderr
    path = GOLDEN / f"{name}.{fmt}.{width}.txt"
    if os.environ.get("UPDATE_GOLDEN"):
        path.write_text(result.stdout, encoding="utf-8")
    assert path.is_file(), f"no golden file {path.name}; run with UPDATE_GOLDEN=1"
    assert result.stdout == path.read_text(encoding="utf-8")


@pytest.mark.parametrize("width", WIDTHS)
def test_no_line_is_wider_than_the_terminal(width: int) -> None:
    for args in COMMANDS.values():
        for fmt in ("table", "plain"):
            out = run(*args, "--format", fmt, env={"COLUMNS": str(width)}).stdout
            longest = max(len(line) for line in out.splitlines())
            assert longest <= width, (args, fmt, longest)
