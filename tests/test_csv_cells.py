"""CSV cells that a spreadsheet would run as formulas are neutralised (OWASP: CSV injection)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from neurobenefits.views.data import neutralised
from tests.conftest import REPO, run


@pytest.mark.parametrize(
    ("cell", "written"),
    [
        ('=HYPERLINK("http://x","click")', '\'=HYPERLINK("http://x","click")'),
        ("+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"),
        ("-2+3", "'-2+3"),
        ("@SUM(1+1)", "'@SUM(1+1)"),
        ("\tcell", "'\tcell"),
        ("\rcell", "'\rcell"),
        ("Pain Relief", "Pain Relief"),
        ("a = b", "a = b"),
        (14, 14),
    ],
)
def test_a_cell_that_starts_a_formula_is_prefixed(cell: object, written: object) -> None:
    assert neutralised(cell) == written


def test_list_and_search_csv_neutralise_catalogue_text(config_home: Path) -> None:
    (config_home / "benefits.yaml").write_text(
        "benefits:\n"
        "  - id: 8\n"
        '    title: \'=HYPERLINK("http://x","click")\'\n'
        "    summary: \"+cmd|' /C calc'!A0\"\n"
        "    notes: '@SUM(1+1)'\n",
        encoding="utf-8",
    )
    for args in (("list",), ("search", "spasm")):
        result = run(*args, "--format", "csv")
        assert result.exit_code == 0, result.stderr
        rows = {row["id"]: row for row in csv.DictReader(io.StringIO(result.stdout))}
        row = rows["8"]
        assert row["title"] == '\'=HYPERLINK("http://x","click")'
        assert row["summary"] == "'+cmd|' /C calc'!A0"
        assert row["notes"] == "'@SUM(1+1)"
        assert all(not r["title"].startswith("'") for key, r in rows.items() if key != "8")
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert "are prefixed with `'`, as OWASP advises against CSV injection" in readme
