"""Which format a handout is written in, and which options fit it: say so, never guess.

A file named `handout.pdf` holding HTML, `two.docx` holding Markdown, or a `--paper` that
nothing reads all look like success and are not; each is refused with what would work.
"""

from __future__ import annotations

from datetime import date
from pathlib import PurePath
from typing import NamedTuple

from ..errors import BadRequest

FORMAT_OF_SUFFIX = {
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".pdf": "pdf",
}
_SUFFIX_OF_FORMAT = {"markdown": ".md", "html": ".html", "pdf": ".pdf"}
_PAGED = ("pdf", "html")  # PDF pages, and HTML's print stylesheet


class ExportMisuse(BadRequest):
    """Options that contradict each other or the file name (a usage error)."""


def choose_format(given: str | None, output: PurePath | None, paper: str | None) -> str:
    """The handout's format, from --format or the --output name; checks --paper fits it."""
    named = FORMAT_OF_SUFFIX.get(output.suffix.lower()) if output is not None else None
    if given is not None and named is not None and given != named:
        right = output.with_suffix(_SUFFIX_OF_FORMAT[given]).name if output else ""
        raise ExportMisuse(
            f"--format {given} contradicts the file name {output.name if output else ''} "
            f"({named}): name it {right}, or leave out --format."
        )
    if given is None and output is not None and named is None:
        shown = f"'{output.suffix}'" if output.suffix else "no extension"
        raise ExportMisuse(
            f"Cannot tell the format of {output.name} ({shown}): name it .md, .html or .pdf, "
            "or give --format markdown, html or pdf."
        )
    chosen = given or named or "markdown"
    if paper is not None and chosen not in _PAGED:
        raise ExportMisuse(
            f"--paper sets the page size of a PDF or of the HTML's print layout; "
            f"{chosen} has no pages. Leave out --paper, or use --format html or pdf."
        )
    return chosen


class ExportPlan(NamedTuple):
    """What an export will write: its format and the date printed on the sheet."""

    fmt: str
    made_on: date


def plan_export(
    given: str | None,
    output: str | None,
    *,
    force: bool = False,
    paper: str | None = None,
    to_terminal: bool = False,
) -> ExportPlan:
    """Check the export's options before any work (a PDF is not printed in vain).

    Raises outputfile.OutputRefused for an --output that may not be written (checked first:
    a folder's name has no format to tell), ExportMisuse for options that contradict each
    other or the file name, or a PDF bound for a terminal (`to_terminal`: stdout is one), and
    sourcedate.BadSourceDate for a malformed SOURCE_DATE_EPOCH.
    """
    from .outputfile import check_target
    from .sourcedate import handout_date

    if output is not None:
        check_target(
            output, force=force, example=f"handout{_SUFFIX_OF_FORMAT[given or 'markdown']}"
        )
    chosen = choose_format(given, PurePath(output) if output is not None else None, paper)
    made_on = handout_date()
    if chosen == "pdf" and output is None and to_terminal:
        raise ExportMisuse(
            "A PDF is not for a terminal: give --output FILE.pdf, or pipe it to a file."
        )
    return ExportPlan(chosen, made_on)
