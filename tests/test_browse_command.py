"""`neurobenefits browse` as a command: no terminal, catalogue errors, and a person in tmux."""

from __future__ import annotations

import os
import pty
import re
import shlex
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from neurobenefits import exitcodes

from .conftest import FIXTURES, run, run_on_terminal, run_process

NO_TERMINAL = "browse needs an interactive terminal; try `neurobenefits search` in scripts.\n"


def test_without_a_terminal_browse_exits_2_and_points_to_search() -> None:
    in_process = run("browse")
    assert in_process.exit_code == exitcodes.USAGE
    assert in_process.stderr == NO_TERMINAL
    piped = run_process("browse", "spasm")
    assert piped.returncode == exitcodes.USAGE
    assert piped.stderr == NO_TERMINAL
    assert piped.stdout == ""


def test_stdout_on_a_terminal_is_not_enough_without_stdin() -> None:
    primary, secondary = pty.openpty()
    try:
        process = subprocess.run(
            [sys.executable, "-m", "neurobenefits", "browse"],
            stdin=subprocess.DEVNULL,
            stdout=secondary,
            stderr=subprocess.PIPE,
            text=True,
            timeout=60,
            check=False,
        )
    finally:
        os.close(secondary)
        os.close(primary)
    assert process.returncode == exitcodes.USAGE
    assert process.stderr == NO_TERMINAL


def test_a_catalogue_error_is_the_usual_message_and_exit_3_before_the_screen() -> None:
    bad = str(FIXTURES / "bad" / "unknown-field.yaml")
    expected = run("--catalogue", bad, "show", "1")
    process = run_on_terminal("--catalogue", bad, "browse")
    assert process.returncode == exitcodes.CATALOGUE
    assert expected.exit_code == exitcodes.CATALOGUE
    assert process.stderr == expected.stderr
    assert "titel" in process.stderr


def test_only_without_a_catalogue_is_a_usage_error_on_a_terminal() -> None:
    process = run_on_terminal("--only", "browse")
    assert process.returncode == exitcodes.USAGE
    assert process.stderr == "--only needs at least one --catalogue PATH to read.\n"


# A person at a terminal: tmux runs the command, gets keys typed, and shows its screen.

TMUX = shutil.which("tmux")
needs_tmux = pytest.mark.skipif(TMUX is None, reason="tmux is not installed (apt-get install tmux)")


class Tmux:
    def __init__(self, socket: str, folder: Path) -> None:
        self.socket = socket
        self.folder = folder

    def __call__(self, *args: str) -> str:
        assert TMUX is not None
        done = subprocess.run(
            [TMUX, "-L", self.socket, *args], capture_output=True, text=True, check=True, timeout=30
        )
        return done.stdout

    def start(self, arguments: list[str], env: dict[str, str]) -> Path:
        """Run `neurobenefits ARGUMENTS` in an 80x24 window; the file its exit code goes to."""
        status = self.folder / "status"
        settings = " ".join(f"{name}={shlex.quote(value)}" for name, value in env.items())
        command = " ".join(
            shlex.quote(a) for a in [sys.executable, "-m", "neurobenefits", *arguments]
        )
        script = f"env {settings} {command}; echo $? > {shlex.quote(str(status))}; sleep 60"
        self("new-session", "-d", "-x", "80", "-y", "24", "-s", "browse", script)
        return status

    def screen(self, *options: str) -> str:
        return self("capture-pane", "-p", *options, "-t", "browse")

    def wait_for(self, ready: Callable[[str], bool], what: str) -> str:
        """The screen once `ready` holds for it; the test fails if it never does."""
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            screen = self.screen()
            if ready(screen):
                return screen
            time.sleep(0.2)
        pytest.fail(f"the screen never showed {what}:\n{self.screen()}")


@pytest.fixture
def tmux(tmp_path: Path) -> Iterator[Tmux]:
    session = Tmux(f"neurobenefits-test-{os.getpid()}-{id(tmp_path)}", tmp_path)
    try:
        yield session
    finally:
        subprocess.run(
            [str(TMUX), "-L", session.socket, "kill-server"], capture_output=True, check=False
        )


def _environment(tmp_path: Path, **more: str) -> dict[str, str]:
    return {
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "XDG_CACHE_HOME": str(tmp_path / "cache"),
        "TERM": "xterm-256color",
        "COLORTERM": "truecolor",
        **more,
    }


def _exit_code(status: Path) -> int:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if status.exists() and status.read_text().strip():
            return int(status.read_text())
        time.sleep(0.1)
    pytest.fail("browse did not end after Ctrl+Q")


@needs_tmux
def test_a_person_searches_for_spasm_reads_the_details_and_quits(
    tmux: Tmux, tmp_path: Path
) -> None:
    status = tmux.start(["browse"], _environment(tmp_path))
    tmux.wait_for(lambda s: "Benefits (14)" in s, "the whole list")
    tmux("send-keys", "-t", "browse", "-l", "spasm")
    tmux.wait_for(lambda s: "Benefits (3)" in s, "three results for spasm")
    tmux("send-keys", "-t", "browse", "Enter")
    screen = tmux.wait_for(lambda s: "Verdict:" in s, "the evidence")
    lines = screen.splitlines()
    assert len(lines) == 24
    assert all(len(line) <= 80 for line in lines)
    assert "spasm" in lines[1]
    assert "8 Reduction of Muscle Spasms" in screen
    assert "8  Reduction of Muscle Spasms" in screen  # the details' heading
    assert "Verdict: [~] limited" in screen
    assert lines[-1].startswith("? Help ^Q Quit Enter Details")
    tmux("send-keys", "-t", "browse", "C-q")
    assert _exit_code(status) == 0


_COLOUR = re.compile(r"\x1b\[[0-9;]*?[34]8;(?:2;(\d+);(\d+);(\d+)|5;(\d+))")


def _colours(screen: str) -> set[tuple[str, ...]]:
    return {match.groups() for match in _COLOUR.finditer(screen)}


def _is_grey(colour: tuple[str, ...]) -> bool:
    red, green, blue, indexed = colour
    if indexed is not None:
        return int(indexed) in (0, 7, 8, 15, 16, 231) or int(indexed) >= 232
    return red == green == blue


@needs_tmux
@pytest.mark.parametrize(
    ("arguments", "more", "grey"),
    [
        (["browse", "skin"], {}, False),
        (["browse", "skin"], {"NO_COLOR": "1"}, True),
        (["browse", "skin", "--color", "never"], {}, True),
        (["browse", "skin", "--color", "always"], {"NO_COLOR": "1"}, False),
    ],
)
def test_no_color_and_the_colour_option(
    tmux: Tmux, tmp_path: Path, arguments: list[str], more: dict[str, str], grey: bool
) -> None:
    status = tmux.start(arguments, _environment(tmp_path, **more))
    tmux.wait_for(lambda s: "Benefits (2)" in s, "the results for skin")
    colours = _colours(tmux.screen("-e"))
    assert colours
    assert all(_is_grey(c) for c in colours) is grey
    tmux("send-keys", "-t", "browse", "C-q")
    assert _exit_code(status) == 0
