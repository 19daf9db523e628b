"""Pictures of the browser at 80x24, compared with the accepted ones in tests/__snapshots__/.

When the wording of a view changes on purpose (verdict meanings, search, the catalogue),
regenerate them and look at the pictures before committing:

    .venv/bin/python -m pytest tests/test_browse_snapshots.py --snapshot-update

A failing run writes snapshot_report.html beside the tests with both pictures side by side.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from textual.pilot import Pilot
from textual.widgets import Input

from neurobenefits.browse.app import BrowseApp
from neurobenefits.catalogue.model import Catalogue

SnapCompare = Callable[..., bool]


@pytest.mark.parametrize(
    ("query", "press", "size"),
    [
        pytest.param("", [], (80, 24), id="main-screen"),
        pytest.param("spasm", ["enter"], (80, 24), id="details-of-8"),
        pytest.param("skin", ["enter"], (80, 24), id="details-of-10"),
        pytest.param("skin", ["enter", "end"], (80, 24), id="details-of-10-cautions"),
        pytest.param("skin", ["exclamation_mark"], (80, 24), id="cautions-view"),
        pytest.param("", ["question_mark"], (80, 24), id="help-panel"),
        pytest.param("is it safe with blood thinners", [], (80, 24), id="safety-question"),
        pytest.param("sleep", [], (60, 24), id="narrow-60-columns"),
    ],
)
def test_screen(
    snap_compare: SnapCompare,
    catalogue: Catalogue,
    query: str,
    press: list[str],
    size: tuple[int, int],
) -> None:
    assert snap_compare(
        BrowseApp(catalogue, query), press=press, terminal_size=size, run_before=_steady_cursor
    )


async def _steady_cursor(pilot: Pilot[None]) -> None:
    """A blinking cursor would be in some pictures and not others: keep it on."""
    await pilot.pause()
    for box in pilot.app.screen.query(Input):
        box.cursor_blink = False


def test_the_readme_picture_is_current() -> None:
    from .browse_screenshot import PICTURE, screenshot

    assert PICTURE.read_text(encoding="utf-8") == screenshot(), (
        "docs/browse.svg is stale: run .venv/bin/python tests/browse_screenshot.py and look at it"
    )
