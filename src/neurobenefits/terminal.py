"""Where output goes and what it can show: colour, width, encoding, paging. No Rich here."""

from __future__ import annotations

import io
import os
import shutil
import sys
from typing import NamedTuple, TextIO

MIN_WIDTH = 20
PAGER_VARIABLE = "NEUROBENEFITS_PAGER"


class Terminal(NamedTuple):
    """What the output stream is and how it may be written to."""

    is_terminal: bool
    color: bool
    width: int
    unicode: bool
    hyperlinks: bool

    @property
    def default_format(self) -> str:
        # Forced colour (--color always, FORCE_COLOR) asks for the coloured view people read,
        # even through a pipe into `less -R`; otherwise a pipe gets plain text.
        return "table" if self.is_terminal or self.color else "plain"


def detect(
    stream: TextIO | None = None, color: str = "auto", environ: dict[str, str] | None = None
) -> Terminal:
    """Read the stream and the environment: NO_COLOR, FORCE_COLOR, COLUMNS, TERM."""
    stream = stream or sys.stdout
    env = os.environ if environ is None else environ
    try:
        is_terminal = stream.isatty()
    except (AttributeError, ValueError):
        is_terminal = False
    if color == "always":
        use_color = True
    elif color == "never" or env.get("NO_COLOR"):
        use_color = False
    elif env.get("FORCE_COLOR"):
        use_color = True
    else:
        use_color = is_terminal and env.get("TERM") != "dumb"
    encoding = (getattr(stream, "encoding", None) or "ascii").lower().replace("_", "-")
    return Terminal(
        is_terminal=is_terminal,
        color=use_color,
        width=terminal_width(env, is_terminal),
        unicode=encoding.startswith("utf"),
        hyperlinks=is_terminal and use_color,
    )


def terminal_width(env: dict[str, str] | os._Environ[str], is_terminal: bool) -> int:
    columns = env.get("COLUMNS", "")
    if columns.isdigit() and int(columns) > 0:
        return max(MIN_WIDTH, int(columns))
    if is_terminal:
        return max(MIN_WIDTH, shutil.get_terminal_size((80, 24)).columns)
    return 80


def to_ascii(text: str) -> str:
    """Text for a stream that cannot take Unicode: quotes and dashes made plain, accents dropped."""
    if text.isascii():
        return text
    import unicodedata

    from .text import fold_char

    out = []
    for char in text:
        if char.isascii():
            out.append(char)
            continue
        plain = fold_char(char) if not char.isupper() else fold_char(char).upper()
        plain = unicodedata.normalize("NFKD", plain).encode("ascii", "ignore").decode()
        out.append(plain or "?")
    return "".join(out)


class AsciiWriter(io.TextIOBase):
    """Wraps a stream whose encoding cannot take Unicode, degrading text instead of failing."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream

    def write(self, text: str) -> int:
        self.stream.write(to_ascii(text))
        return len(text)

    def flush(self) -> None:
        self.stream.flush()

    def isatty(self) -> bool:
        return self.stream.isatty()

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return "ascii"


def output_stream(terminal: Terminal, stream: TextIO | None = None) -> TextIO:
    stream = stream or sys.stdout
    return stream if terminal.unicode else AsciiWriter(stream)  # type: ignore[return-value]


def pager_command(
    requested: bool, terminal: Terminal, environ: dict[str, str] | None = None
) -> str | None:
    """The pager to use, or None: only on a terminal, when asked for by option or variable."""
    env = os.environ if environ is None else environ
    if not terminal.is_terminal:
        return None
    configured = env.get(PAGER_VARIABLE, "").strip()
    if configured:
        return configured
    if requested:
        return env.get("PAGER", "").strip() or "less -R"
    return None
