"""Write docs/browse.svg, README.md's picture of `neurobenefits browse`: `skin`, then Enter.

    .venv/bin/python tests/browse_screenshot.py

tests/test_browse_snapshots.py fails when the picture is stale (the browser or the
catalogue changed), naming this command.
"""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PICTURE = REPO / "docs" / "browse.svg"
SIZE = (100, 42)


def screenshot() -> str:
    """The picture, drawn from the bundled catalogue alone (no overlays)."""
    from textual.widgets import Input

    from neurobenefits.browse.app import BrowseApp
    from neurobenefits.catalogue.load import load_catalogue

    catalogue = load_catalogue(environ={"XDG_CONFIG_HOME": "/nonexistent"})

    async def take() -> str:
        app = BrowseApp(catalogue)
        async with app.run_test(size=SIZE) as pilot:
            for box in app.screen.query(Input):
                box.cursor_blink = False  # the same picture every time
            await pilot.press(*"skin", "enter")
            await pilot.pause()
            return app.export_screenshot(title="neurobenefits browse")

    return asyncio.run(take())


def main() -> int:
    PICTURE.parent.mkdir(exist_ok=True)
    PICTURE.write_text(screenshot(), encoding="utf-8")
    print(PICTURE.relative_to(REPO))
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(REPO / "src"))
    sys.exit(main())
