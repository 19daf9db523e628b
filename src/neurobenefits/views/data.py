"""Machine formats (JSON, YAML, CSV) of the records in records.py. No Rich, no Typer."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from .records import flat_row


def to_json(data: Any, ascii_only: bool = False) -> str:
    return json.dumps(data, indent=2, ensure_ascii=ascii_only) + "\n"


def to_yaml(data: Any, ascii_only: bool = False) -> str:
    import yaml

    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    text: str = yaml.dump(
        data, Dumper=dumper, sort_keys=False, allow_unicode=not ascii_only, width=88
    )
    return text


# A cell that starts with one of these is a formula to a spreadsheet (Excel, LibreOffice,
# Google Sheets): `=HYPERLINK(...)`, `+cmd|...`, `@SUM(...)`. OWASP's "CSV injection" advice:
# prefix such a cell with a single quote, which the spreadsheet shows as text.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralised(cell: Any) -> Any:
    """A text cell that a spreadsheet would read as a formula, prefixed with `'`."""
    if isinstance(cell, str) and cell.startswith(FORMULA_STARTS):
        return "'" + cell
    return cell


def to_csv(records: list[dict[str, Any]]) -> str:
    rows = [
        {key: neutralised(value) for key, value in flat_row(record).items()} for record in records
    ]
    buffer = io.StringIO()
    if rows:
        writer = csv.DictWriter(buffer, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return buffer.getvalue()
