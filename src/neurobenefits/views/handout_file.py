"""A handout written to a file: the steps `export` and the browser share.

The sheet itself is handout.py's (Markdown or HTML; a PDF is printed from the HTML by pdf.py);
the file is written by outputfile.py, never over an existing one unless `force`, never
half-written.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathlib import Path

    from ..catalogue.model import Benefit, Catalogue
    from .handout import Handout


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

    Raises outputfile.OutputExists when the file is there and `force` is false, another
    outputfile.OutputRefused when the name may not be written (a folder, a device, a full
    disk), sourcedate's BadSourceDate when SOURCE_DATE_EPOCH is malformed.
    """
    from .handout import Handout
    from .outputfile import write_atomically

    handout = Handout(catalogue, benefits, title=catalogue.title, made_on=handout_date())
    write_atomically(path, handout_bytes(handout, fmt), force=force)


def handout_bytes(handout: Handout, fmt: str, paper: str | None = None) -> bytes:
    """The sheet as a file holds it: Markdown or HTML as UTF-8, or a PDF (A4 unless `paper`).

    A PDF is printed by headless Chromium (pdf.py): BrowserMissing or PrintFailed if not.
    """
    from .handout import to_html, to_markdown

    if fmt == "markdown":
        return to_markdown(handout).encode("utf-8")
    if fmt == "html":
        return to_html(handout, paper=paper).encode("utf-8")
    from .pdf import html_to_pdf

    return html_to_pdf(to_html(handout, paper=paper or "a4"))
