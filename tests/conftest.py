"""Shared test set-up: a pinned, isolated environment for every command the tests run."""

from __future__ import annotations

import os
import pty
import shutil
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import pytest
from typer.testing import CliRunner

from neurobenefits.catalogue.load import load_catalogue
from neurobenefits.catalogue.model import Benefit, Catalogue
from neurobenefits.cli import app
from neurobenefits.entry import outcome

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
GOLDEN = Path(__file__).resolve().parent / "golden"

# One cache folder for the whole run, never the user's own.
_SESSION_CACHE = Path(tempfile.mkdtemp(prefix="neurobenefits-test-cache-"))
# What a test passes as `environ` when it means "no variables of the user's".
ISOLATED = {"XDG_CONFIG_HOME": "/nonexistent", "XDG_CACHE_HOME": str(_SESSION_CACHE)}


def pytest_configure(config: pytest.Config) -> None:
    """Before any fixture runs (session-scoped ones too): the cache is the session's own."""
    os.environ["XDG_CACHE_HOME"] = str(_SESSION_CACHE)


def pytest_unconfigure(config: pytest.Config) -> None:
    """The session's cache folder goes with the session."""
    shutil.rmtree(_SESSION_CACHE, ignore_errors=True)


# Variables that change what the program prints; each test starts without them.
_CLEARED = (
    "NEUROBENEFITS_NO_CACHE",
    "NO_COLOR",
    "FORCE_COLOR",
    "NEUROBENEFITS_CATALOGUE",
    "NEUROBENEFITS_PAGER",
    "PAGER",
    "NEUROBENEFITS_DEBUG",
)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Iterator[None]:
    """In CI a skipped test is a failure: whatever it needs, CI must have installed."""
    outcome = yield
    report = outcome.get_result()  # type: ignore[attr-defined]
    if os.environ.get("CI") and report.skipped and not hasattr(report, "wasxfail"):
        report.outcome = "failed"
        report.longrepr = f"skipped in CI, where nothing may be skipped: {report.longrepr}"


@pytest.fixture(autouse=True)
def pinned_environment(
    monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """The same output everywhere: 80 columns, no colour variables, an empty config folder."""
    for name in _CLEARED:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("COLUMNS", "80")
    monkeypatch.setenv("TERM", "dumb")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path_factory.mktemp("config")))
    monkeypatch.setenv("XDG_CACHE_HOME", str(_SESSION_CACHE))


@dataclass
class Outcome:
    exit_code: int
    stdout: str
    stderr: str


def run(*args: str, env: dict[str, str] | None = None, quick: bool = True) -> Outcome:
    """Run the console script's own path in-process, as a user would from a shell (entry.py:
    the quick path where it answers, else the Typer app), and capture all it says.

    `quick=False` runs every command line through the Typer app.
    """
    with CliRunner().isolation(env=env) as (out, err, _):
        code = outcome(list(args), quick=quick)
        return Outcome(code, _text(out.getvalue()), _text(err.getvalue()))


def run_app(*args: str, env: dict[str, str] | None = None) -> Outcome:
    """Run the Typer app alone (cli.app, as CliRunner invokes it), without the console entry."""
    result = CliRunner().invoke(
        app, list(args), env=env, catch_exceptions=False, prog_name="neurobenefits"
    )
    return Outcome(result.exit_code, result.stdout, result.stderr)


def _text(data: bytes) -> str:
    return data.decode("utf-8", "replace").replace("\r\n", "\n")


def run_process(
    *args: str, env: dict[str, str] | None = None, cwd: Path | None = None, **kwargs: object
) -> subprocess.CompletedProcess[str]:
    """Run `python -m neurobenefits` in a child process, from another folder by default."""
    full_env = {k: v for k, v in os.environ.items() if k not in _CLEARED}
    full_env.update(env or {})
    return subprocess.run(  # type: ignore[call-overload, no-any-return]
        [sys.executable, "-m", "neurobenefits", *args],
        capture_output=True,
        text=True,
        env=full_env,
        cwd=cwd or Path("/"),
        timeout=60,
        check=False,
        **kwargs,
    )


def get_benefit(catalogue: Catalogue, number: int) -> Benefit:
    """The benefit with this number, which the test expects to exist."""
    found = catalogue.benefit(number)
    assert found is not None, f"no benefit {number}"
    return found


def run_showing_terminal(
    command: Sequence[str | bytes], environ: Mapping[str, str | bytes], folder: Path | None = None
) -> tuple[int, bytes, bytes]:
    """Run with a pseudo-terminal as stdin and stdout: exit code, all it showed, stderr."""
    primary, secondary = pty.openpty()
    reader, shown = read_terminal(primary)
    try:
        process = subprocess.run(
            command,
            stdin=secondary,
            stdout=secondary,
            stderr=subprocess.PIPE,
            env={**environ, "TERM": "xterm"},
            cwd=folder,
            timeout=60,
            check=False,
        )
    finally:
        os.close(secondary)
        reader.join(timeout=10)
        os.close(primary)
    return process.returncode, bytes(shown), process.stderr


def fake_browser(folder: Path, then: str) -> Path:
    """A stand-in for Chromium: it notes where it is asked to print (`$out`), then runs the
    shell lines `then`, so a test needs no browser to see what export makes of its output."""
    browser = folder / "fake-chromium"
    browser.write_text(
        '#!/bin/sh\nfor a; do case "$a" in --print-to-pdf=*) out="${a#--print-to-pdf=}";; '
        "esac; done\n" + then,
        encoding="utf-8",
    )
    browser.chmod(0o755)
    return browser


def read_terminal(primary: int) -> tuple[threading.Thread, bytearray]:
    """Start reading all a pseudo-terminal shows, until its other side is closed."""
    shown = bytearray()

    def drain() -> None:
        while True:
            try:
                chunk = os.read(primary, 65536)
            except OSError:
                return
            if not chunk:
                return
            shown.extend(chunk)

    reader = threading.Thread(target=drain, daemon=True)
    reader.start()
    return reader, shown


def run_on_terminal(
    *args: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """Run `python -m neurobenefits` with a pseudo-terminal as stdin and stdout."""
    primary, secondary = pty.openpty()
    try:
        return subprocess.run(
            [sys.executable, "-m", "neurobenefits", *args],
            stdin=secondary,
            stdout=secondary,
            stderr=subprocess.PIPE,
            text=True,
            env={**os.environ, **(env or {})},
            timeout=60,
            check=False,
        )
    finally:
        os.close(secondary)
        os.close(primary)


@pytest.fixture(scope="session")
def catalogue() -> Catalogue:
    return load_catalogue(environ=ISOLATED)


@pytest.fixture
def config_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    (tmp_path / "neurobenefits").mkdir()
    return tmp_path / "neurobenefits"
