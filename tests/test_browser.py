"""The handout in a real browser: rendered, screenshotted, printed to PDF.

Needs Chromium (Debian's `chromium` package); skipped with a reason where it is missing.
CI installs it, and turns any skip into a failure (see conftest.py).
"""

from __future__ import annotations

import html
import re
import shutil
import subprocess
import zlib
from dataclasses import dataclass
from pathlib import Path

import pytest
from pypdf import PdfReader

from neurobenefits.catalogue.model import Catalogue
from neurobenefits.views.pdf import BrowserMissing, browser_command, find_browser

from .conftest import run
from .test_export import FIXED_DAY, _structure

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def browser() -> str:
    try:
        return find_browser()
    except BrowserMissing:
        pytest.skip("headless Chromium is not installed (Debian: apt-get install chromium)")


def _handout(tmp_path: Path, *args: str) -> Path:
    target = tmp_path / "handout.html"
    result = run("export", *args, "--force", "-o", str(target), env=FIXED_DAY)
    assert result.exit_code == 0, result.stderr
    return target


def _chromium(browser: str, tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    command = browser_command(browser, str(tmp_path / "profile"), *args)
    return subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)


def _png_pixels(png: bytes) -> bytes:
    """The decompressed image data of a PNG (filter bytes included), enough to judge blankness."""
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    position, data = 8, b""
    while position < len(png):
        length = int.from_bytes(png[position : position + 4], "big")
        kind = png[position + 4 : position + 8]
        if kind == b"IDAT":
            data += png[position + 8 : position + 8 + length]
        position += 12 + length
    return zlib.decompress(data)


def test_screenshot_is_not_blank(browser: str, tmp_path: Path) -> None:
    page = _handout(tmp_path, "1", "4", "8")
    shot = tmp_path / "shot.png"
    _chromium(browser, tmp_path, f"--screenshot={shot}", "--window-size=1000,1400", page.as_uri())
    pixels = _png_pixels(shot.read_bytes())
    not_white = sum(1 for value in pixels if value < 0xF0)
    assert not_white / len(pixels) > 0.01, "the page rendered blank"
    assert len(set(pixels)) > 50  # text, headings and borders, not one flat colour


def test_rendered_page_has_the_expected_headings(browser: str, tmp_path: Path) -> None:
    page = _handout(tmp_path, "1", "4", "8", "--for", "Sam")
    dom = _chromium(browser, tmp_path, "--dump-dom", page.as_uri()).stdout
    headings = _structure(dom).headings
    assert headings == [
        ("h1", "Benefits of Neuro Massage"),
        ("h2", "Safety: read before a session"),
        ("h3", "Words in these notes"),
        ("h2", "1. Pain Relief"),
        ("h2", "4. Stress and Anxiety Reduction"),
        ("h2", "8. Reduction of Muscle Spasms and Tone"),
        ("h2", "References"),
    ]


@pytest.mark.parametrize(("paper", "width"), [("a4", 595), ("letter", 612)])
def test_pdf_page_count_and_size(
    browser: str, tmp_path: Path, paper: str, width: int, catalogue: Catalogue
) -> None:
    single = tmp_path / "one.pdf"
    result = run("export", "8", "--paper", paper, "-o", str(single), env=FIXED_DAY)
    assert result.exit_code == 0, result.stderr
    reader = PdfReader(single)
    # The safety section, with every caution, fills most of a first page; the plain meanings
    # of their words, the card and the references take the rest.
    assert len(reader.pages) <= 3
    assert round(float(reader.pages[0].mediabox.width)) == width
    whole = tmp_path / "all.pdf"
    assert run("export", "--paper", paper, "-o", str(whole), env=FIXED_DAY).exit_code == 0
    pages = [" ".join(p.extract_text().split()) for p in PdfReader(whole).pages]
    # The safety notes with the plain meanings of their words, 14 cards, 20 references.
    assert 4 <= len(pages) <= 8
    # A card may run onto the next page, but its heading stays with its summary.
    for benefit in catalogue.benefits:
        heading = f"{benefit.id}. {benefit.title} {benefit.summary}"
        assert sum(heading in text for text in pages) == 1, heading
    assert "An educational reference, not medical advice." in pages[0]


@dataclass
class Line:
    text: str
    bottom: float  # points from the top of the page


@dataclass
class Page:
    height: float
    body: list[Line]  # the lines above the running footer, top to bottom
    footer: str


def _pdf_pages(pdf: Path) -> list[Page]:
    """Each printed page's lines of text with where they sit, read by poppler's pdftotext."""
    pdftotext = shutil.which("pdftotext")
    if pdftotext is None:
        pytest.skip("pdftotext is not installed (Debian: apt-get install poppler-utils)")
    xhtml = subprocess.run(
        [pdftotext, "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    pages = []
    for page in re.finditer(r'<page width="[\d.]+" height="([\d.]+)">(.*?)</page>', xhtml, re.S):
        height = float(page.group(1))
        rows: dict[float, list[str]] = {}
        for word in re.finditer(
            r'<word xMin="[\d.]+" yMin="[\d.]+" xMax="[\d.]+" yMax="([\d.]+)">(.*?)</word>',
            page.group(2),
        ):
            bottom = round(float(word.group(1)))
            rows.setdefault(bottom, []).append(html.unescape(word.group(2)))
        lines = [Line(" ".join(words), bottom) for bottom, words in sorted(rows.items())]
        footer_top = height - 16 * 72 / 25.4  # the bottom page margin holds the footer
        pages.append(
            Page(
                height,
                [line for line in lines if line.bottom < footer_top],
                " ".join(line.text for line in lines if line.bottom >= footer_top),
            )
        )
    return pages


HANDOUTS = {
    "all": (),
    "two": ("7", "8", "--for", "Sam"),
    "notes": ("1", "4", "8", "13", "--notes", "First line\nsecond line\n\nA paragraph."),
    "no-evidence": ("--no-evidence",),
    "letter": ("--paper", "letter"),
}


@pytest.mark.parametrize("name", HANDOUTS)
def test_printed_pages_are_full_and_no_heading_ends_a_page(
    browser: str, tmp_path: Path, name: str, catalogue: Catalogue
) -> None:
    pdf = tmp_path / f"{name}.pdf"
    result = run("export", *HANDOUTS[name], "-o", str(pdf), env=FIXED_DAY)
    assert result.exit_code == 0, result.stderr
    page_html = tmp_path / f"{name}.html"
    html_args = [a for a in HANDOUTS[name] if a not in ("--paper", "letter")]
    assert run("export", *html_args, "-o", str(page_html), env=FIXED_DAY).exit_code == 0
    headings = [text for _, text in _structure(page_html.read_text(encoding="utf-8")).headings]
    pages = _pdf_pages(pdf)
    top, bottom = 14 * 72 / 25.4, 16 * 72 / 25.4
    for number, page in enumerate(pages, 1):
        assert page.footer == f"Benefits of Neuro Massage page {number} of {len(pages)}"
        if number == len(pages):
            break
        filled = (page.body[-1].bottom - top) / (page.height - top - bottom)
        assert filled > 0.5, f"page {number} of {name} is only {filled:.0%} full"
        last = page.body[-1].text
        assert not any(h.startswith(last) or h.endswith(last) for h in headings), (
            f"page {number} of {name} ends with the heading {last!r}"
        )
    first = " ".join(line.text for line in pages[0].body)
    assert "An educational reference, not medical advice." in first
    # The closing source line and disclaimer never stand alone: the last page opens with
    # what comes before them.
    last_page = [line.text for line in pages[-1].body]
    closing = [i for i, line in enumerate(last_page) if line.startswith("Source: ")]
    assert closing, f"the closing text of {name} is not on its last page"
    assert closing[0] > 0, f"the last page of {name} holds only the closing text"
    _assert_short_cards_whole(page_html.read_text(encoding="utf-8"), pages, name)
    # Volume, issue and pages are never split at a hyphen: each sits whole on one line.
    lines = [line.text for page in pages for line in page.body]
    for reference in catalogue.references:
        if reference.citation and reference.citation in first + " ".join(lines):
            assert any(f"{reference.citation}." in line for line in lines), reference.citation


def _words(text: str) -> list[str]:
    """Words as a printed line may break them: at spaces, and after a hyphen."""
    return html.unescape(re.sub(r"<[^>]+>", " ", text)).replace("-", "- ").split()


def _assert_short_cards_whole(page_html: str, pages: list[Page], name: str) -> None:
    """Each card the sheet does not mark long sits on one page, from heading to last word."""
    printed = [
        (number, word)
        for number, page in enumerate(pages, 1)
        for line in page.body
        for word in _words(line.text)
    ]
    words = [word for _, word in printed]

    def find(sequence: list[str], start: int) -> int:
        for index in range(start, len(words) - len(sequence) + 1):
            if words[index : index + len(sequence)] == sequence:
                return index
        raise AssertionError(f"{' '.join(sequence)!r} is not printed in {name}")

    cards = re.findall(
        r'<article class="benefit" id="benefit-\d+">(.*?)</article>', page_html, re.S
    )
    assert cards, f"{name} has no card short enough to keep whole"
    for card in cards:
        heading = _words(re.search(r"<h2>(.*?)</h2>", card, re.S).group(1))  # type: ignore[union-attr]
        start = find(heading, 0)
        end = find(_words(card)[-4:], start) + 3
        assert printed[start][0] == printed[end][0], (
            f"{name}: the short card {' '.join(heading)!r} runs from page {printed[start][0]}"
            f" to page {printed[end][0]}"
        )


def test_notes_keep_their_lines_and_paragraphs_in_print(browser: str, tmp_path: Path) -> None:
    pdf = tmp_path / "notes.pdf"
    notes = "Warm up first.\nThen stretch.\n\nCall me if it hurts."
    assert run("export", "7", "--notes", notes, "-o", str(pdf), env=FIXED_DAY).exit_code == 0
    lines = [line.text for page in _pdf_pages(pdf) for line in page.body]
    start = lines.index("Warm up first.")
    assert lines[start : start + 3] == ["Warm up first.", "Then stretch.", "Call me if it hurts."]


def test_pdf_refuses_to_overwrite(browser: str, tmp_path: Path) -> None:
    target = tmp_path / "h.pdf"
    target.write_bytes(b"old")
    result = run("export", "1", "-o", str(target))
    assert result.exit_code == 4
    assert target.read_bytes() == b"old"


def test_pdf_carries_every_caution_also_without_evidence(
    browser: str, tmp_path: Path, catalogue: Catalogue
) -> None:
    target = tmp_path / "bare.pdf"
    result = run("export", "5", "--no-evidence", "-o", str(target), env=FIXED_DAY)
    assert result.exit_code == 0, result.stderr
    text = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(target).pages)
    assert "Safety: read before a session" in text
    for caution in catalogue.cautions:
        assert caution.title in text, caution.id
    assert text.index(catalogue.cautions[-1].title) < text.index("5. Lowered Cortisol Levels")
    assert "What the research says" not in text
