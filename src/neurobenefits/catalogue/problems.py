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


def printable(text: str) -> str:
    """`text` with every character that is not printable (controls, bidi overrides,
    invisible format characters, line breaks) written as a visible escape such as `\\u202e`,
    so that a message about a hostile file cannot drive or disguise what a terminal shows.
    """
    if text.isprintable():
        return text
    return "".join(char if char.isprintable() else _escape(char) for char in text)


def _escape(char: str) -> str:
    code = ord(char)
    return (
        f"\\x{code:02x}"
        if code < 0x100
        else f"\\u{code:04x}"
        if code < 0x10000
        else f"\\U{code:08x}"
    )


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
                text += f" (id {printable(str(entry_id))})"
        else:
            # A key comes from the file: shown escaped, whatever it holds.
            shown = printable(str(part))
            text += f".{shown}" if text else shown
            node = node.get(part) if isinstance(node, dict) else None
    return text
