"""Export's rules, without the command line: each returns a result or raises a typed problem."""

from __future__ import annotations

from datetime import date
from pathlib import Path, PurePath

import pytest

from neurobenefits import exitcodes
from neurobenefits.endings import EXIT_CODES
from neurobenefits.errors import BadRequest, Kind, OutputFailed
from neurobenefits.views.exportformat import ExportMisuse, ExportPlan, choose_format, plan_export
from neurobenefits.views.outputfile import OutputExists, OutputRefused, write_atomically
from neurobenefits.views.sourcedate import BadSourceDate, handout_date
from neurobenefits.views.textoption import NotPlainText, plain_text


@pytest.mark.parametrize(
    ("given", "name", "paper", "chosen"),
    [
        (None, None, None, "markdown"),
        ("html", None, None, "html"),
        (None, "sheet.md", None, "markdown"),
        (None, "sheet.MARKDOWN", None, "markdown"),
        (None, "sheet.htm", "letter", "html"),
        (None, "sheet.pdf", "a4", "pdf"),
        ("pdf", "sheet.pdf", None, "pdf"),
        ("pdf", None, "letter", "pdf"),
    ],
)
def test_the_format_comes_from_the_option_or_the_file_name(
    given: str | None, name: str | None, paper: str | None, chosen: str
) -> None:
    assert choose_format(given, PurePath(name) if name else None, paper) == chosen


@pytest.mark.parametrize(
    ("given", "name", "paper", "message"),
    [
        (
            "html",
            "handout.pdf",
            None,
            "--format html contradicts the file name handout.pdf (pdf): name it handout.html, "
            "or leave out --format.",
        ),
        (
            None,
            "two.docx",
            None,
            "Cannot tell the format of two.docx ('.docx'): name it .md, .html or .pdf, "
            "or give --format markdown, html or pdf.",
        ),
        (
            None,
            "handout",
            None,
            "Cannot tell the format of handout (no extension): name it .md, .html or .pdf, "
            "or give --format markdown, html or pdf.",
        ),
        (
            "markdown",
            None,
            "letter",
            "--paper sets the page size of a PDF or of the HTML's print layout; markdown has "
            "no pages. Leave out --paper, or use --format html or pdf.",
        ),
    ],
)
def test_options_that_contradict_are_a_usage_problem(
    given: str | None, name: str | None, paper: str | None, message: str
) -> None:
    with pytest.raises(ExportMisuse) as raised:
        choose_format(given, PurePath(name) if name else None, paper)
    assert raised.value.message == message
    assert EXIT_CODES[raised.value.kind] == exitcodes.USAGE


def test_a_plan_checks_the_target_first_then_the_format(tmp_path: Path) -> None:
    folder = str(tmp_path) + "/"
    with pytest.raises(OutputRefused) as raised:
        plan_export("html", folder, paper="letter")  # also a misuse: the folder is told first
    assert raised.value.message == (
        f"{folder} names a folder; give a file name, e.g. {folder}handout.html."
    )
    assert raised.value.kind is Kind.OUTPUT
    existing = tmp_path / "old.md"
    existing.write_text("mine")
    with pytest.raises(OutputExists):
        plan_export(None, str(existing))
    assert plan_export(None, str(existing), force=True).fmt == "markdown"
    assert existing.read_text() == "mine"  # a plan writes nothing


def test_a_pdf_is_not_for_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "0")
    with pytest.raises(
        ExportMisuse, match=r"^A PDF is not for a terminal: give --output FILE\.pdf"
    ):
        plan_export("pdf", None, to_terminal=True)
    assert plan_export("pdf", None, to_terminal=False) == ExportPlan("pdf", date(1970, 1, 1))
    assert plan_export("markdown", None, to_terminal=True).fmt == "markdown"


@pytest.mark.parametrize(
    ("value", "day"),
    [("", None), ("  ", None), ("0", date(1970, 1, 1)), ("253402300799", date(9999, 12, 31))],
)
def test_the_handout_date_is_today_or_source_date_epoch(value: str, day: date | None) -> None:
    assert handout_date({"SOURCE_DATE_EPOCH": value}) == (day or date.today())


@pytest.mark.parametrize("value", ["253402300800", "-1", "1.5", "x", "9" * 13, "\u0661"])
def test_a_malformed_source_date_epoch_is_a_usage_problem(value: str) -> None:
    with pytest.raises(BadSourceDate) as raised:
        handout_date({"SOURCE_DATE_EPOCH": value})
    assert raised.value.message.startswith(f"SOURCE_DATE_EPOCH={value[:40]}")
    assert "give whole seconds since 1970" in raised.value.message
    assert isinstance(raised.value, BadRequest)


def test_a_plan_refuses_a_malformed_date(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "soon")
    with pytest.raises(BadSourceDate):
        plan_export("html", None)


@pytest.mark.parametrize(
    ("value", "kept"),
    [
        (None, None),
        ("   ", None),
        (" Sam ", "Sam"),
        ("Line one\r\nLine two\rthree\tfour", "Line one\nLine two\nthree\tfour"),
    ],
)
def test_handout_text_is_kept_as_plain_text(value: str | None, kept: str | None) -> None:
    assert plain_text("--notes", value) == kept


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("Sam \x1b[2J", "--for holds a control character (\\x1b); give plain text."),
        ("\u202eSam", "--for holds a control character (\\u202e); give plain text."),
        (
            "Sam \udcff",
            "--for holds a byte that is not UTF-8 text (\\xff); check the terminal's "
            "character encoding.",
        ),
    ],
)
def test_handout_text_with_hidden_characters_is_a_usage_problem(value: str, message: str) -> None:
    with pytest.raises(NotPlainText) as raised:
        plain_text("--for", value)
    assert raised.value.message == message
    assert raised.value.kind is Kind.USAGE


def test_a_file_that_cannot_be_written_is_an_output_problem(tmp_path: Path) -> None:
    target = tmp_path / "missing-folder" / "handout.md"
    with pytest.raises(OutputRefused) as raised:
        write_atomically(target, b"text")
    assert raised.value.message == f"Could not write {target}: No such file or directory."
    assert isinstance(raised.value, OutputFailed)
    assert EXIT_CODES[raised.value.kind] == exitcodes.OUTPUT
    assert not target.parent.exists()
