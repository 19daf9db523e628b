"""The remaining error paths: each one line on stderr, with its documented exit code."""

from __future__ import annotations

from pathlib import Path

import pytest

from neurobenefits import exitcodes

from .conftest import fake_browser, run, run_on_terminal
from .test_loading import MINIMAL


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "course.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_catalogue_without_cautions_or_references(tmp_path: Path) -> None:
    course = str(_write(tmp_path, MINIMAL))
    cautions = run("--catalogue", course, "--only", "cautions")
    assert cautions.exit_code == exitcodes.NOT_FOUND
    assert cautions.stderr == "This catalogue has no cautions.\n"
    references = run("--catalogue", course, "--only", "references")
    assert references.exit_code == exitcodes.NOT_FOUND
    assert references.stderr == "This catalogue has no references.\n"
    verdict = run("--catalogue", course, "--only", "list", "--evidence", "supported")
    assert verdict.exit_code == exitcodes.USAGE
    assert verdict.stderr == "No verdict 'supported'. Valid verdicts: (none in this catalogue).\n"


def test_an_ambiguous_category_prefix_names_the_candidates(tmp_path: Path) -> None:
    text = MINIMAL.replace("  body: Body\n", "  body: Body\n  mind: Mind\n  mobility: Mobility\n")
    result = run("--catalogue", str(_write(tmp_path, text)), "--only", "list", "--category", "m")
    assert result.exit_code == exitcodes.USAGE
    assert (
        result.stderr
        == "Category 'm' fits several: mind, mobility. Valid categories: body, mind, mobility.\n"
    )


def test_validate_only_needs_a_file() -> None:
    result = run("--only", "validate")
    assert result.exit_code == exitcodes.USAGE
    assert result.stderr == "--only needs at least one file to validate.\n"


def test_a_browser_that_prints_nothing_is_exit_four(tmp_path: Path) -> None:
    browser = tmp_path / "fake-chromium"
    browser.write_text("#!/bin/sh\nexit 0\n", encoding="utf-8")
    browser.chmod(0o755)
    target = tmp_path / "h.pdf"
    result = run("export", "1", "-o", str(target), env={"NEUROBENEFITS_CHROMIUM": str(browser)})
    assert result.exit_code == exitcodes.OUTPUT
    assert result.stderr == f"{browser} ran but wrote no PDF.\n"
    assert not target.exists()


def test_a_browser_that_prints_garbage_is_exit_four_and_leaves_no_file(tmp_path: Path) -> None:
    # Writes where Chromium would print the PDF, but not a PDF.
    browser = fake_browser(tmp_path, 'printf "<html>not a pdf</html>" > "$out"\n')
    target = tmp_path / "h.pdf"
    result = run("export", "1", "-o", str(target), env={"NEUROBENEFITS_CHROMIUM": str(browser)})
    assert result.exit_code == exitcodes.OUTPUT
    assert result.stderr == (
        f"{browser} wrote a file that is not a PDF (a PDF starts with %PDF-); "
        "NEUROBENEFITS_CHROMIUM must name Chromium or Google Chrome.\n"
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == ["fake-chromium"]


@pytest.mark.parametrize(
    ("then", "message"),
    [
        # Crashes mid-print: the start of a PDF, then a segmentation fault.
        (
            'printf "%%PDF-1.4\\n%%trunc" > "$out"; kill -SEGV $$\n',
            "{browser} stopped on signal 11 while printing.",
        ),
        # Prints a whole PDF but says it failed.
        (
            'printf "%%PDF-1.4\\n%%%%EOF\\n" > "$out"; exit 3\n',
            "{browser} failed while printing (exit status 3).",
        ),
        # Exits 0 with half a PDF.
        (
            'printf "%%PDF-1.4\\n1 0 obj" > "$out"\n',
            "{browser} wrote an unfinished PDF (it does not end with %%EOF).",
        ),
        # Leaves a link to another file where the PDF should be: never followed.
        ('ln -s {secret} "$out"\n', "{browser} left something other than a PDF file."),
    ],
    ids=["crash", "exit-status", "unfinished", "symlink"],
)
def test_a_browser_that_fails_to_print_a_whole_pdf_leaves_no_file(
    tmp_path: Path, then: str, message: str
) -> None:
    secret = tmp_path / "secret.pdf"
    secret.write_bytes(b"%PDF-1.4 private\n%%EOF\n")
    browser = fake_browser(tmp_path, then.replace("{secret}", str(secret)))
    target = tmp_path / "h.pdf"
    result = run("export", "1", "-o", str(target), env={"NEUROBENEFITS_CHROMIUM": str(browser)})
    assert result.exit_code == exitcodes.OUTPUT, result.stderr
    assert result.stderr == message.format(browser=browser) + "\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["fake-chromium", "secret.pdf"]


def test_a_pdf_is_not_written_to_a_terminal() -> None:
    process = run_on_terminal(
        "export", "1", "--format", "pdf", env={"NEUROBENEFITS_CHROMIUM": "/nonexistent"}
    )
    assert process.returncode == exitcodes.USAGE
    assert (
        process.stderr
        == "A PDF is not for a terminal: give --output FILE.pdf, or pipe it to a file.\n"
    )


def test_a_query_of_punctuation_has_no_words() -> None:
    result = run("search", "(")
    assert result.exit_code == exitcodes.USAGE
    assert result.stderr == "The query '(' has no words to search for; give a word such as spasm.\n"


def test_words_that_never_meet_in_one_benefit_give_the_closest() -> None:
    result = run("search", "cortisol", "skin", "--format", "json")
    assert result.exit_code == exitcodes.OK
    assert result.stderr == (
        "No benefit or caution has all of: cortisol skin. Showing those with the most of them.\n"
    )
    assert result.stdout.startswith("[")


def test_a_missing_bundled_catalogue_says_to_reinstall(monkeypatch: pytest.MonkeyPatch) -> None:
    real_is_file = Path.is_file
    monkeypatch.setattr(
        Path, "is_file", lambda self: False if self.name == "benefits.yaml" else real_is_file(self)
    )
    result = run("list")
    assert result.exit_code == exitcodes.CATALOGUE
    assert result.stderr.endswith(
        "benefits.yaml: the bundled catalogue is missing; reinstall neurobenefits\n"
    )
