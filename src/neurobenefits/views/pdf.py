"""Print HTML to PDF with headless Chromium, a real browser engine.

Chromium rather than a Python library such as WeasyPrint: it renders the handout exactly as
the browser preview does, honours the print stylesheet, and needs no Python packages or
system libraries beyond the browser itself, which many machines already have.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import stat
import subprocess
import tempfile
from pathlib import Path

from ..errors import BadRequest, OutputFailed
from ..signals import deferred

BROWSER_VARIABLE = "NEUROBENEFITS_CHROMIUM"
_CANDIDATES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome")
INSTALL_HINT = (
    "PDF needs Chromium or Google Chrome. Install it (Debian/Ubuntu: `sudo apt-get install chromium`; "
    "macOS: `brew install --cask chromium`), or set NEUROBENEFITS_CHROMIUM to the browser's path. "
    "HTML and Markdown need nothing extra: try --format html."
)
# What a headless print needs, and nothing that reaches the network.
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
)


class BrowserMissing(BadRequest):
    """No browser to print with."""


class PrintFailed(OutputFailed):
    """The browser ran but did not produce a PDF."""


def find_browser() -> str:
    configured = os.environ.get(BROWSER_VARIABLE, "").strip()
    if configured:
        if Path(configured).is_file() and os.access(configured, os.X_OK):
            return configured
        raise BrowserMissing(
            f"{BROWSER_VARIABLE}={configured} is not an executable file. {INSTALL_HINT}"
        )
    for name in _CANDIDATES:
        found = shutil.which(name)
        if found:
            return found
    raise BrowserMissing(INSTALL_HINT)


def browser_command(browser: str, profile: str, *extra: str) -> list[str]:
    return [browser, *FLAGS, f"--user-data-dir={profile}", *extra]


def html_to_pdf(html: str, timeout: float = 120) -> bytes:
    """The PDF that the browser prints from this HTML page.

    The browser runs in its own process group (a new session), so that Ctrl-C at the
    terminal reaches only us, and we end the browser and all its helpers together: on a
    timeout, on Ctrl-C, SIGTERM or SIGHUP (signals.py), on any error. Only then is the
    temporary folder removed, when nothing can still be writing into it.
    """
    browser = find_browser()
    folder = None
    try:
        with deferred():  # a signal now must not leave the folder unrecorded
            folder = tempfile.mkdtemp(prefix="neurobenefits-")
        page = Path(folder) / "handout.html"
        output = Path(folder) / "handout.pdf"
        page.write_text(html, encoding="utf-8")
        command = browser_command(
            browser,
            str(Path(folder) / "profile"),
            "--no-pdf-header-footer",
            f"--print-to-pdf={output}",
            page.as_uri(),
        )
        _run_browser(browser, command, timeout, folder)
        data = _read_printed(browser, output)
        # The program named by NEUROBENEFITS_CHROMIUM may write anything: only a PDF goes out,
        # and only a whole one (a browser that crashed mid-print leaves no `%%EOF` at the end).
        if not data.startswith(b"%PDF-"):
            raise PrintFailed(
                f"{browser} wrote a file that is not a PDF (a PDF starts with %PDF-); "
                f"{BROWSER_VARIABLE} must name Chromium or Google Chrome."
            )
        if not data.rstrip().endswith(b"%%EOF"):
            raise PrintFailed(f"{browser} wrote an unfinished PDF (it does not end with %%EOF).")
        return data
    finally:
        if folder is not None:
            shutil.rmtree(folder, ignore_errors=True)


MAX_PDF_BYTES = 256 * 1024 * 1024  # a handout is well under 1 MB; more is not a handout


def _read_printed(browser: str, output: Path) -> bytes:
    """The file the browser printed: a regular file in our folder, never a link followed."""
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        descriptor = os.open(output, flags | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        raise PrintFailed(f"{browser} ran but wrote no PDF.") from None
    except OSError:  # ELOOP: a symbolic link where the PDF should be
        raise PrintFailed(f"{browser} left something other than a PDF file.") from None
    with os.fdopen(descriptor, "rb") as handle:
        status = os.fstat(descriptor)
        if not stat.S_ISREG(status.st_mode):
            raise PrintFailed(f"{browser} left something other than a PDF file.")
        data = handle.read(MAX_PDF_BYTES + 1)
    if not data:
        raise PrintFailed(f"{browser} ran but wrote no PDF.")
    if len(data) > MAX_PDF_BYTES:
        raise PrintFailed(f"{browser} wrote more than {MAX_PDF_BYTES // 2**20} MB; not a handout.")
    return data


def _run_browser(browser: str, command: list[str], timeout: float, folder: str) -> None:
    # The browser's own temporary files go into our folder too, so they go with it.
    env = {**os.environ, "TMPDIR": folder}
    process = None
    try:
        with deferred():  # a signal now must not leave the browser running unrecorded
            process = subprocess.Popen(
                command,
                env=env,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                start_new_session=True,
            )
        returncode = process.wait(timeout=timeout)
        if returncode < 0:  # ended by a signal (a crash): whatever it wrote may be cut short
            raise PrintFailed(f"{browser} stopped on signal {-returncode} while printing.")
        if returncode > 0:
            raise PrintFailed(f"{browser} failed while printing (exit status {returncode}).")
    except OSError as error:
        raise PrintFailed(f"{browser} could not print the handout ({error}).") from None
    except subprocess.TimeoutExpired:
        raise PrintFailed(
            f"{browser} did not finish printing the handout within {timeout:g} seconds."
        ) from None
    finally:
        if process is not None:
            _end_group(process)


def _end_group(process: subprocess.Popen[bytes]) -> None:
    """Stop the browser's whole process group (its renderer and GPU helpers too)."""
    with contextlib.suppress(ProcessLookupError, PermissionError):  # the group is gone
        os.killpg(process.pid, signal.SIGKILL)
    process.wait()
