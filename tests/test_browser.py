"""The handout in a real browser: rendered, screenshotted, printed to PDF.

Needs Chromium (Debian's `chromium` package); skipped with a reason where it is missing.
CI installs it, and turns any skip into a failure (see conftest.py).
"""

from __future__ import annotations

import subprocess
import zlib
from pathlib import Path

import pytest
from pypdf import PdfReader

from neurobenefits.model import Catalogue
from neurobenefits.pdf import BrowserMissing, browser_command, find_browser

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
    # The safety section, with every caution, fills most of a first page.
    assert len(reader.pages) == 2
    assert round(float(reader.pages[0].mediabox.width)) == width
    whole = tmp_path / "all.pdf"
    assert run("export", "--paper", paper, "-o", str(whole), env=FIXED_DAY).exit_code == 0
    pages = [" ".join(p.extract_text().split()) for p in PdfReader(whole).pages]
    assert 4 <= len(pages) <= 10
    # No benefit is split across pages: its heading and the end of its evidence share a page.
    for benefit in catalogue.benefits:
        assert benefit.evidence is not None
        heading = f"{benefit.id}. {benefit.title}"
        ending = " ".join(benefit.evidence.summary.split()[-6:])
        on_pages = [i for i, text in enumerate(pages) if heading in text]
        assert len(on_pages) == 1, heading
        assert ending in pages[on_pages[0]], f"benefit {benefit.id} runs over a page break"
    assert "An educational reference, not medical advice." in " ".join(pages[-1].split())


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
