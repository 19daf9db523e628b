"""The handout: Markdown and self-contained HTML, escaped, written safely."""

from __future__ import annotations

import html
import html.parser
import re
from pathlib import Path
from typing import Any

import pytest

from neurobenefits import exitcodes

from .conftest import FIXTURES, run

FIXED_DAY = {"SOURCE_DATE_EPOCH": "1795737600"}  # 27 November 2026


class _Structure(html.parser.HTMLParser):
    """Headings, tags and attributes of a page, to check what it is made of."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.attributes: list[tuple[str, str, str | None]] = []
        self.headings: list[tuple[str, str]] = []
        self._heading: str | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attributes += [(tag, name, value) for name, value in attrs]
        if tag in ("h1", "h2", "h3"):
            self._heading, self._text = tag, []

    def handle_endtag(self, tag: str) -> None:
        if tag == self._heading:
            self.headings.append((tag, "".join(self._text).strip()))
            self._heading = None

    def handle_data(self, data: str) -> None:
        if self._heading:
            self._text.append(data)


def _structure(page: str) -> _Structure:
    parser = _Structure()
    parser.feed(page)
    return parser


def _export(*args: str) -> Any:
    return run("export", *args, env=FIXED_DAY)


def test_markdown_handout_to_stdout() -> None:
    result = _export(
        "7", "8", "--format", "markdown", "--for", "Sam", "--notes", "Try a warm bath first."
    )
    assert result.exit_code == 0
    text = result.stdout
    assert text.startswith(
        "# Benefits of Neuro Massage\n\n**Prepared for:** Sam\n\n*Made on 27 November 2026.*\n"
    )
    assert text.index("## 7. Improved Sleep Quality") < text.index(
        "## 8. Reduction of Muscle Spasms and Tone"
    )
    assert (
        "*What the research says: [~] limited (a few small trials, other populations, or"
        " laboratory/animal studies only).* In intensive care"
    ) in text
    assert "## Notes from your therapist\n\nTry a warm bath first." in text
    assert "## References\n\n1. Fang CS, Chang SL, Fang CJ, Chou FH (2023)." in text
    assert "**Disclaimer:** An educational reference, not medical advice." in text
    assert "## 1. Pain Relief" not in text


def test_all_benefits_when_none_are_named() -> None:
    text = _export().stdout
    assert len(re.findall(r"(?m)^## \d+\. ", text)) == 14


def test_refs_as_show_takes_them() -> None:
    text = _export("sleep", "muscle-spasms-and-tone", "1").stdout
    assert re.findall(r"(?m)^## (\d+)\. ", text) == ["7", "8", "1"]
    bad = _export("99")
    assert bad.exit_code == exitcodes.NOT_FOUND
    assert bad.stderr == "No benefit 99: numbers run from 1 to 14.\n"


def test_no_evidence_leaves_out_verdicts_and_references() -> None:
    text = _export("5", "--no-evidence").stdout
    assert "What the research says" not in text
    assert "## References" not in text
    assert "Lowered Cortisol Levels" in text


def test_title_option() -> None:
    assert _export("1", "--title", "For your first visit").stdout.startswith(
        "# For your first visit\n"
    )


def test_html_is_one_self_contained_page(tmp_path: Path) -> None:
    target = tmp_path / "handout.html"
    result = _export("1", "4", "8", "--output", str(target), "--for", "Sam")
    assert result.exit_code == 0
    assert result.stderr == f"Wrote {target} (3 benefits, html).\n"
    page = target.read_text(encoding="utf-8")
    structure = _structure(page)
    assert ("html", "lang", "en") in structure.attributes
    assert structure.headings[0] == ("h1", "Benefits of Neuro Massage")
    assert [text for tag, text in structure.headings if tag == "h2"] == [
        "Safety: read before a session",
        "1. Pain Relief",
        "4. Stress and Anxiety Reduction",
        "8. Reduction of Muscle Spasms and Tone",
        "References",
    ]
    for forbidden in ("script", "link", "img", "iframe", "object"):
        assert forbidden not in structure.tags, forbidden
    assert "@import" not in page
    assert "url(" not in page
    assert all(name != "src" for _, name, _ in structure.attributes)
    assert "@media print" in page
    assert "break-inside: avoid" in page
    assert "Prepared for: Sam" in page
    assert '<time datetime="2026-11-27">27 November 2026</time>' in page
    assert "An educational reference, not medical advice." in page


def test_format_follows_the_output_name(tmp_path: Path) -> None:
    target = tmp_path / "sheet.htm"
    assert _export("1", "-o", str(target)).exit_code == 0
    assert target.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    for name in ("sheet.md", "sheet.MARKDOWN"):
        assert _export("1", "-o", str(tmp_path / name)).exit_code == 0
        assert (tmp_path / name).read_text(encoding="utf-8").startswith("# ")
    # An odd name is fine when --format says what to write.
    text = tmp_path / "sheet.txt"
    assert _export("1", "-o", str(text), "--format", "markdown").exit_code == 0
    assert text.read_text(encoding="utf-8").startswith("# ")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ("--format", "html", "-o", "handout.pdf"),
            "--format html contradicts the file name handout.pdf (pdf): name it handout.html, "
            "or leave out --format.\n",
        ),
        (
            ("-f", "markdown", "-o", "handout.HTM"),
            "--format markdown contradicts the file name handout.HTM (html): name it "
            "handout.md, or leave out --format.\n",
        ),
        (
            ("-o", "two.docx"),
            "Cannot tell the format of two.docx ('.docx'): name it .md, .html or .pdf, "
            "or give --format markdown, html or pdf.\n",
        ),
        (
            ("-o", "handout"),
            "Cannot tell the format of handout (no extension): name it .md, .html or .pdf, "
            "or give --format markdown, html or pdf.\n",
        ),
        (
            ("--paper", "letter"),
            "--paper sets the page size of a PDF or of the HTML's print layout; markdown has "
            "no pages. Leave out --paper, or use --format html or pdf.\n",
        ),
        (
            ("-o", "notes.md", "--paper", "a4"),
            "--paper sets the page size of a PDF or of the HTML's print layout; markdown has "
            "no pages. Leave out --paper, or use --format html or pdf.\n",
        ),
    ],
)
def test_export_refuses_what_it_would_get_wrong(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: tuple[str, ...], message: str
) -> None:
    monkeypatch.chdir(tmp_path)
    result = _export("1", *args)
    assert result.exit_code == exitcodes.USAGE
    assert result.stderr == message
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(("paper", "size"), [("letter", "letter"), ("A4", "A4")])
def test_paper_sets_the_html_print_size(tmp_path: Path, paper: str, size: str) -> None:
    target = tmp_path / "handout.html"
    assert _export("1", "--paper", paper, "-o", str(target)).exit_code == 0
    assert f"@page {{ size: {size}; " in target.read_text(encoding="utf-8")
    plain = tmp_path / "any-size.html"
    assert _export("1", "-o", str(plain)).exit_code == 0
    assert "@page { size" not in plain.read_text(encoding="utf-8")  # prints on A4 or Letter


def test_notes_keep_paragraphs_and_line_breaks(tmp_path: Path) -> None:
    notes = "Line one <b>\nLine two\r\n\n\n  New paragraph.  \n"
    target = tmp_path / "handout.html"
    assert _export("8", "--notes", notes, "-o", str(target)).exit_code == 0
    page = target.read_text(encoding="utf-8")
    assert "<p>Line one &lt;b&gt;<br>\nLine two</p>\n<p>New paragraph.</p>" in page
    markdown = _export("8", "--notes", notes).stdout
    assert "## Notes from your therapist\n\nLine one \\<b\\>\\\nLine two\n\nNew paragraph.\n" in (
        markdown
    )


def test_references_say_which_of_the_handouts_benefits_cite_them(tmp_path: Path) -> None:
    markdown = _export("5", "6").stdout
    # field2005 is cited by both; moyer2004 by 5 here (and by 4 and 14, not in this handout).
    assert "Cited by benefits 5 Lowered Cortisol Levels; 6 Increased Dopamine" in markdown
    assert "Cited by benefit 5 Lowered Cortisol Levels." in markdown
    assert "14 Promotion" not in markdown
    page = tmp_path / "h.html"
    assert _export("5", "6", "-o", str(page)).exit_code == 0
    assert '<span class="cited">Cited by benefit 5 Lowered Cortisol Levels.</span>' in (
        page.read_text(encoding="utf-8")
    )


def test_the_title_in_the_running_footer_cannot_break_out_of_the_style(tmp_path: Path) -> None:
    target = tmp_path / "handout.html"
    title = 'Sam\'s "sheet" </style><script>x</script> \\'
    assert _export("1", "--title", title, "-o", str(target)).exit_code == 0
    page = target.read_text(encoding="utf-8")
    footer_rule = page[page.index("@bottom-left { content: ") :].split(";")[0]
    assert footer_rule.endswith(
        '"Sam\\27 s \\22 sheet\\22  \\3c \\2f style\\3e \\3c script\\3e x\\3c \\2f script\\3e  \\5c "'
    )
    assert "script" not in _structure(page).tags


def test_notes_and_catalogue_text_are_escaped(tmp_path: Path) -> None:
    target = tmp_path / "handout.html"
    hostile = "<script>alert('notes')</script>"
    result = run(
        "--catalogue",
        str(FIXTURES / "good" / "clinic-overlay.yaml"),
        "export",
        "8",
        "--notes",
        hostile,
        "--for",
        "<b>Sam</b>",
        "-o",
        str(target),
    )
    assert result.exit_code == 0
    page = target.read_text(encoding="utf-8")
    assert "<script>" not in page
    assert "&lt;script&gt;alert(&#x27;notes&#x27;)&lt;/script&gt;" in page
    assert "Prepared for: &lt;b&gt;Sam&lt;/b&gt;" in page
    assert "script" not in _structure(page).tags
    markdown = run("export", "8", "--notes", hostile).stdout
    assert "<script>" not in markdown


def test_refuses_to_overwrite_without_force(tmp_path: Path) -> None:
    target = tmp_path / "handout.html"
    target.write_text("precious", encoding="utf-8")
    result = _export("1", "-o", str(target))
    assert result.exit_code == exitcodes.OUTPUT
    assert result.stderr == f"{target} exists already; add --force to overwrite it.\n"
    assert target.read_text(encoding="utf-8") == "precious"
    forced = _export("1", "-o", str(target), "--force")
    assert forced.exit_code == 0
    assert target.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_an_interrupted_write_leaves_nothing_half_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import os

    target = tmp_path / "handout.html"
    target.write_text("the old handout", encoding="utf-8")

    def interrupted(fd: int) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "fsync", interrupted)
    result = _export("1", "-o", str(target), "--force")
    assert result.exit_code == exitcodes.INTERRUPTED
    assert target.read_text(encoding="utf-8") == "the old handout"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["handout.html"]


def test_unwritable_output_is_exit_four(tmp_path: Path) -> None:
    result = _export("1", "-o", str(tmp_path / "missing-folder" / "handout.html"))
    assert result.exit_code == exitcodes.OUTPUT
    assert result.stderr.startswith(
        f"Could not write {tmp_path / 'missing-folder' / 'handout.html'}: "
    )


def test_new_files_follow_the_umask(tmp_path: Path) -> None:
    target = tmp_path / "handout.md"
    assert _export("1", "-o", str(target)).exit_code == 0
    assert target.stat().st_mode & 0o777 == 0o666 & ~_umask()


def _umask() -> int:
    import os

    current = os.umask(0)
    os.umask(current)
    return current


def test_pdf_without_a_browser_says_how_to_install_one(tmp_path: Path) -> None:
    result = run(
        "export",
        "1",
        "-o",
        str(tmp_path / "h.pdf"),
        env={"NEUROBENEFITS_CHROMIUM": str(tmp_path / "no-browser")},
    )
    assert result.exit_code == exitcodes.USAGE
    assert (
        "is not an executable file. PDF needs Chromium or Google Chrome. Install it"
        in result.stderr
    )
    assert "apt-get install chromium" in result.stderr
    assert not (tmp_path / "h.pdf").exists()
    none_on_path = run("export", "1", "-o", str(tmp_path / "h.pdf"), env={"PATH": str(tmp_path)})
    assert none_on_path.exit_code == exitcodes.USAGE
    assert none_on_path.stderr.startswith("PDF needs Chromium or Google Chrome.")


@pytest.mark.parametrize("fmt", ["markdown", "html"])
def test_a_benefit_points_to_the_safety_notes_that_concern_its_clients(fmt: str) -> None:
    # Benefit 8 carries two cautions of its own, benefit 7 none: only 8 gets a pointer, in
    # the sheet's own voice, naming the notes that stand word for word in the section above.
    result = run("export", "7", "8", "--format", fmt)
    assert result.exit_code == 0, result.stderr
    text = html.unescape(result.stdout) if fmt == "html" else result.stdout
    pointer = (
        "Safety notes above that bear on this: \u201cAutonomic dysreflexia\u201d and "
        "\u201cFragile bones\u201d."
    )
    assert text.count("Safety notes above that bear on this") == 1
    assert pointer in text
    assert text.index("Safety: read before a session") < text.index(pointer)
    sleep, spasm = text.index("7. Improved Sleep Quality"), text.index("8. Reduction of Muscle")
    assert spasm < text.index(pointer)
    assert "Before a session" not in text[sleep:spasm]


def test_only_a_long_card_may_break_across_printed_pages(tmp_path: Path) -> None:
    # Every bundled card is short enough to keep whole (the print sheet's default); a card
    # of more than about a third of a page is marked long and may break between paragraphs.
    overlay = tmp_path / "long.yaml"
    overlay.write_text(f"benefits:\n  - id: 9\n    description: {'Long words. ' * 140}\n")
    target = tmp_path / "h.html"
    result = run("--catalogue", str(overlay), "export", "8", "9", "-o", str(target))
    assert result.exit_code == exitcodes.OK, result.stderr
    page = target.read_text(encoding="utf-8")
    assert '<article class="benefit" id="benefit-8">' in page
    assert '<article class="benefit long" id="benefit-9">' in page
    assert ".benefit:not(.long) { break-inside: avoid;" in page
