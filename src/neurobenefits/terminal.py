"""Where output goes and what it can show: colour, width, encoding, paging. No Rich here."""

# No `from __future__ import annotations` here: typing.NamedTuple compiles each field's
# annotation when it is a string, about 0.2 ms a field at every start-up (issue 15).

import os
import re
import sys
from typing import NamedTuple, TextIO

MIN_WIDTH = 20
MAX_WIDTH = 1000
_MAX_DIGITS = 5  # more digits than this is more than MAX_WIDTH anyway
_DECIMAL = re.compile(r"[0-9]+")
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
    """COLUMNS if it is a usable width, else the terminal's, else 80.

    COLUMNS is a hint, so an unusable one is ignored, as shells and coreutils do: not a
    plain decimal number (`COLUMNS=²`, `abc`, `-5`) or zero. A huge one is held to
    MAX_WIDTH: no screen is wider, and laying out a table a billion columns wide would take
    minutes and gigabytes.
    """
    columns = env.get("COLUMNS", "").strip()
    if _DECIMAL.fullmatch(columns):
        digits = columns.lstrip("0")
        number = int(digits or "0") if len(digits) <= _MAX_DIGITS else MAX_WIDTH
        if number > 0:
            return min(MAX_WIDTH, max(MIN_WIDTH, number))
    if is_terminal:
        import shutil  # only here: it imports the compression modules, a few ms at start-up

        return min(MAX_WIDTH, max(MIN_WIDTH, shutil.get_terminal_size((80, 24)).columns))
    return 80


def to_ascii(text: str) -> str:
    """Text for a stream that cannot take Unicode: quotes and dashes made plain, accents dropped."""
    if text.isascii():
        return text
    import unicodedata

    from .finding.text import fold_char

    out = []
    for char in text:
        if char.isascii():
            out.append(char)
            continue
        plain = fold_char(char) if not char.isupper() else fold_char(char).upper()
        plain = unicodedata.normalize("NFKD", plain).encode("ascii", "ignore").decode()
        out.append(plain or "?")
    return "".join(out)


def pager_command(
    requested: bool, terminal: Terminal, environ: dict[str, str] | None = None
) -> tuple[str, str] | None:
    """The pager to use and the variable it came from, or None.

    Only on a terminal, when asked for by option or variable.
    """
    env = os.environ if environ is None else environ
    if not terminal.is_terminal:
        return None
    configured = env.get(PAGER_VARIABLE, "").strip()
    if configured:
        return configured, PAGER_VARIABLE
    if requested:
        chosen = env.get("PAGER", "").strip()
        return (chosen, "PAGER") if chosen else ("less -R", "the default pager")
    return None
