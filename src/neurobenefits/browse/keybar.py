"""The line of keys at the foot of each screen.

Textual's Footer rebuilds itself whenever the bindings may have changed, which is every
keystroke in a search box (a quarter of the browser's cost per key, measured by
benchmarks/browse.py); the keys here are fixed, so one line of text does.
"""

from __future__ import annotations

from collections.abc import Sequence

from textual.content import Content
from textual.widgets import Static


class KeyBar(Static):
    DEFAULT_CSS = """
    KeyBar {
        dock: bottom;
        height: 1;
        background: $panel;
        color: $text;
    }
    """

    def __init__(self, keys: Sequence[tuple[str, str]]) -> None:
        line = Content(" ").join(
            Content.assemble((key, "bold $accent"), " ", label) for key, label in keys
        )
        super().__init__(line, classes="keys")
