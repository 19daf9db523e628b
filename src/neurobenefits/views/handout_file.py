"""A handout written to a file: the steps `export` and the browser share.

The sheet itself is handout.py's (Markdown or HTML); the file is written by output.py,
never over an existing one unless `force`, never half-written.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathlib import Path

    from ..catalogue.model import Benefit, Catalogue


def handout_date() -> date:
    """Today, or SOURCE_DATE_EPOCH's day (sourcedate.py); BadSourceDate when it is malformed."""
    from .sourcedate import handout_date as dated

    return dated()


def write_handout(
    catalogue: Catalogue,
    benefits: Sequence[Benefit],
    path: Path,
    fmt: str,
    *,
    force: bool = False,
) -> None:
    """Write a Markdown (`fmt` markdown) or HTML (`fmt` html) handout of `benefits` to `path`.

    Raises output.OutputExists when the file is there and `force` is false, another
    output.OutputRefused when the name may not be written (a folder, a device), sourcedate's
    BadSourceDate when SOURCE_DATE_EPOCH is malformed, OSError when it cannot be written.
    """
    from .handout import Handout, to_html, to_markdown
    from .outputfile import write_atomically

    handout = Handout(catalogue, benefits, title=catalogue.title, made_on=handout_date())
    text = to_html(handout) if fmt == "html" else to_markdown(handout)
    write_atomically(path, text.encode("utf-8"), force=force)
