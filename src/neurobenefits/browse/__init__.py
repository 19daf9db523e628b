"""`neurobenefits browse`: the interactive face of the reference, built with Textual.

Only this package imports Textual, and only when `browse` runs (cli.py imports it inside
the command), so every other command starts as fast as before.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..catalogue.model import Catalogue


def browse(catalogue: Catalogue, query: str = "", color: str = "auto") -> int:
    """Run the browser on this terminal until the person quits; the exit code."""
    # Textual reads NO_COLOR when the app starts; the --color option beats the variable.
    if color == "never":
        os.environ["NO_COLOR"] = "1"
    elif color == "always":
        os.environ.pop("NO_COLOR", None)
    from .app import BrowseApp

    app = BrowseApp(catalogue, query)
    app.run()
    return app.return_code or 0
