"""A problem found in a catalogue file, and how it is written for a person."""

from __future__ import annotations

from typing import Any, NamedTuple

PathKey = tuple[str | int, ...]


class Problem(NamedTuple):
    """One thing wrong with one file: where, which field, what is wrong and what is expected."""

    file: str
    message: str
    path: str = ""
    line: int = 0
    column: int = 0

    def __str__(self) -> str:
        where = self.file
        if self.line:
            where += f":{self.line}:{self.column}"
        return f"{where}: {self.path}: {self.message}" if self.path else f"{where}: {self.message}"

    def as_dict(self) -> dict[str, Any]:
        return {
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "path": self.path,
            "message": self.message,
        }


def describe_path(path: PathKey, data: Any) -> str:
    """`('benefits', 3, 'title')` -> `benefits[3] (id 4).title`, naming entries by their id."""
    text = ""
    node = data
    for part in path:
        if isinstance(part, int) and isinstance(node, list):
            text += f"[{part}]"
            node = node[part] if part < len(node) else None
            entry_id = node.get("id") if isinstance(node, dict) else None
            if isinstance(entry_id, str | int) and not isinstance(entry_id, bool):
                text += f" (id {entry_id})"
        else:
            text += f".{part}" if text else str(part)
            node = node.get(part) if isinstance(node, dict) else None
    return text
