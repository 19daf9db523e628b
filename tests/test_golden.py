"""Rendered output compared byte for byte with golden files at pinned widths.

After a deliberate change of the views, regenerate them with
`UPDATE_GOLDEN=1 pytest tests/test_golden.py` and read the diff before committing.
"""

from __future__ import annotations

import os

import pytest

from neurobenefits.catalogue.model import Catalogue

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


def _is_link(line: str) -> bool:
    return line.strip().startswith("https://") and " " not in line.strip()


@pytest.mark.parametrize("width", WIDTHS)
def test_no_line_is_wider_than_the_terminal(width: int) -> None:
    # A DOI link longer than a narrow line is the one exception: it stays whole, to copy.
    for args in [*COMMANDS.values(), ("references",)]:
        for fmt in ("table", "plain"):
            out = run(*args, "--format", fmt, env={"COLUMNS": str(width)}).stdout
            longest = max(len(line) for line in out.splitlines() if not _is_link(line))
            assert longest <= width, (args, fmt, longest)


@pytest.mark.parametrize("fmt", ["table", "plain"])
@pytest.mark.parametrize("width", [*WIDTHS, 30])
def test_links_are_never_cut(fmt: str, width: int, catalogue: Catalogue) -> None:
    benefit_5 = catalogue.benefit(5)
    assert benefit_5 is not None
    assert benefit_5.evidence is not None
    shown = {
        ("references",): [r.id for r in catalogue.references],
        ("show", "5"): list(benefit_5.evidence.references),
        ("cautions",): [rid for c in catalogue.cautions for rid in c.references],
    }
    for args, keys in shown.items():
        out = run(*args, "--format", fmt, env={"COLUMNS": str(width)}).stdout
        links = {r.doi_url for key in keys if (r := catalogue.reference(key)) and r.doi_url}
        assert len(links) >= 2, args
        assert links <= set(out.split()), (args, links - set(out.split()))
