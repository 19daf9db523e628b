"""Streams, signals and the pager, as a person's shell meets them (child processes).

- stdout closed (`>&-`) or full (`> /dev/full`): one line on stderr and exit 4, every command;
- SIGTERM, SIGHUP and Ctrl-C in the middle of an export leave no file, folder or browser;
- the pager owns the terminal: Ctrl-C goes to it, SIGTERM to us ends it too, and `less`
  gets colours by default.

Every wait has a timeout, so a hang fails the test instead of stalling the run. Probes that
send Ctrl-C reset SIGINT to its default in the child: some CI wrappers start pytest with
SIGINT ignored, and an ignored signal stays ignored across exec.
"""

from __future__ import annotations

import fcntl
import os
import pty
import re
import shutil
import signal
import struct
import subprocess
import sys
import termios
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import partial
from pathlib import Path

import pytest

from neurobenefits import streams
from neurobenefits.catalogue.model import Catalogue
from tests.conftest import _CLEARED, REPO, fake_browser, read_terminal, run

ESC = "\x1b"
COMMANDS = [
    ("list",),
    ("show", "8"),
    ("search", "spasm"),
    ("cautions",),
    ("references",),
    ("about",),
    ("validate",),
    ("schema",),
    ("export", "1"),
    ("list", "--format", "json"),
    ("--help",),
    ("--version",),
]


def _environment(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in (*_CLEARED, "LESS")}
    env.update(COLUMNS="80", TERM="dumb", **extra)
    return env


def _default_sigint() -> None:
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def _wait_for(condition: Callable[[], bool], what: str, timeout: float = 60) -> None:
    """Poll until `condition` holds; fail (never hang) when it does not within `timeout`."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"gave up waiting for {what}")
        time.sleep(0.05)


def _dead(pid: int) -> bool:
    return not _alive(pid)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # A zombie is dead for our purposes: it runs nothing and holds nothing open.
    state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[-1].split()[0]
    return state != "Z"


# -- the sanitiser ---------------------------------------------------------------------------


def test_visible_shows_every_control_character_escaped() -> None:
    text = "a\x1b]0;X\x07b\x9bc\x7fd\u202ee\rf\x00\udcff\tg\nh"
    assert streams.visible(text) == "a\\x1b]0;X\\x07b\\x9bc\\x7fd\\u202ee\\x0df\\x00\\xff\tg\nh"
    assert streams.visible(streams.visible(text)) == streams.visible(text)
    assert streams.one_line("two\nlines\n") == "two\\nlines"
    assert streams.visible("Café – “ok” 😀") == "Café – “ok” 😀"


def test_rich_views_show_control_characters_escaped_and_keep_their_colours(
    catalogue: Catalogue,
) -> None:
    from neurobenefits.terminal import Terminal
    from neurobenefits.views import render
    from neurobenefits.views.answers import BenefitDetails

    benefit = catalogue.benefits[0]
    hostile = benefit._replace(title="Pain\x1b]0;PWNED\x07\x1b[2J Relief")
    for color in (True, False):
        text = render.to_text(
            BenefitDetails(catalogue, hostile).rich(80), Terminal(True, color, 80, True, False)
        )
        # (Rich itself drops BEL, backspace and the like; ESC is left to us.)
        assert "Pain\\x1b]0;PWNED\\x1b[2J Relief" in text
        # Whatever escapes remain are Rich's own, and only with colour: colours (SGR,
        # ESC [ ... m) and links (OSC 8, ESC ] 8 ; ... ESC \\).
        leftover = re.sub(r"\x1b\[[0-9;]*m|\x1b\]8;[^\x1b]*\x1b\\", "", text)
        assert ESC not in leftover
        assert (ESC in text) is color


# -- closed and full stdout ------------------------------------------------------------------


@pytest.mark.parametrize("args", COMMANDS, ids=" ".join)
def test_a_closed_stdout_is_one_line_and_exit_four(args: tuple[str, ...]) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "neurobenefits", *args],
        stderr=subprocess.PIPE,
        text=True,
        env=_environment(),
        timeout=60,
        check=False,
        preexec_fn=lambda: os.close(1),
    )
    assert result.returncode == 4, result.stderr
    assert result.stderr == "neurobenefits: standard output is closed; nothing more was written.\n"


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full (Linux)")
@pytest.mark.parametrize("args", COMMANDS, ids=" ".join)
def test_a_full_disk_is_one_line_and_exit_four(args: tuple[str, ...]) -> None:
    with Path("/dev/full").open("wb") as full:
        result = subprocess.run(
            [sys.executable, "-m", "neurobenefits", *args],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            env=_environment(PYTHONUNBUFFERED="1"),
            timeout=60,
            check=False,
        )
    assert result.returncode == 4, result.stderr
    assert result.stderr == (
        "neurobenefits: could not write to standard output: No space left on device; "
        "nothing more was written.\n"
    )


@pytest.mark.parametrize("args", [("--help",), ("list",), ("export", "--format", "html")])
def test_a_reader_that_has_gone_ends_every_command_quietly_with_zero(
    args: tuple[str, ...],
) -> None:
    reader, writer = os.pipe()
    os.close(reader)
    try:
        result = subprocess.run(
            [sys.executable, "-m", "neurobenefits", *args],
            stdout=writer,
            stderr=subprocess.PIPE,
            text=True,
            env=_environment(),
            timeout=60,
            check=False,
        )
    finally:
        os.close(writer)
    assert (result.returncode, result.stderr) == (0, "")


def test_a_pdf_into_a_pipe_nobody_reads_ends_quietly_with_zero(tmp_path: Path) -> None:
    # A stand-in browser that prints a small PDF at once, so no Chromium is needed.
    browser = fake_browser(tmp_path, 'printf "%%PDF-1.4 stand-in\\n%%%%EOF\\n" > "$out"\n')
    reader, writer = os.pipe()
    os.close(reader)
    try:
        result = subprocess.run(
            [sys.executable, "-m", "neurobenefits", "export", "1", "--format", "pdf"],
            stdout=writer,
            stderr=subprocess.PIPE,
            text=True,
            env=_environment(NEUROBENEFITS_CHROMIUM=str(browser)),
            timeout=60,
            check=False,
        )
    finally:
        os.close(writer)
    assert (result.returncode, result.stderr) == (0, "")


# -- signals in the middle of an export -------------------------------------------------------


@pytest.fixture
def hanging_browser(tmp_path: Path) -> tuple[Path, Path]:
    """A 'browser' that starts a helper and then waits forever; it lists both process ids."""
    pids = tmp_path / "browser.pids"
    script = tmp_path / "browser"
    script.write_text(
        f'#!/bin/sh\necho $$ >> "{pids}"\nsleep 300 &\necho $! >> "{pids}"\nwait\n',
        encoding="utf-8",
    )
    script.chmod(0o755)
    return script, pids


def _started(pids: Path) -> bool:
    return pids.exists() and len(pids.read_text().split()) == 2


@pytest.mark.parametrize(
    ("signum", "code"),
    [(signal.SIGTERM, 143), (signal.SIGHUP, 129), (signal.SIGINT, 130)],
    ids=["SIGTERM", "SIGHUP", "SIGINT"],
)
def test_a_signal_during_a_pdf_export_leaves_nothing_behind(
    tmp_path: Path, hanging_browser: tuple[Path, Path], signum: int, code: int
) -> None:
    browser, pids = hanging_browser
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    work = tmp_path / "work"
    work.mkdir()
    process = subprocess.Popen(
        [sys.executable, "-m", "neurobenefits", "export", "1", "-o", "handout.pdf"],
        stderr=subprocess.PIPE,
        text=True,
        cwd=work,
        env=_environment(NEUROBENEFITS_CHROMIUM=str(browser), TMPDIR=str(temporary)),
        preexec_fn=_default_sigint,
    )
    try:
        _wait_for(lambda: _started(pids), "the browser to start")
        process.send_signal(signum)
        assert process.wait(timeout=60) == code
    finally:
        process.kill()
    assert process.stderr is not None
    errors = process.stderr.read()
    assert "internal error" not in errors
    assert "Traceback" not in errors
    assert list(temporary.iterdir()) == []
    assert list(work.iterdir()) == []
    for pid in map(int, pids.read_text().split()):
        _wait_for(partial(_dead, pid), f"browser process {pid} to end", 10)


def test_a_signal_while_something_is_created_takes_effect_once_it_is_recorded() -> None:
    from neurobenefits.signals import Terminated, deferred, ending_on_signals

    recorded: list[str] = []

    def create_something() -> None:
        with ending_on_signals():
            with deferred():
                os.kill(os.getpid(), signal.SIGTERM)
                recorded.append("the new child process")  # still runs: the signal waits
            recorded.append("never")  # the signal took effect as the block ended

    with pytest.raises(Terminated) as ended:
        create_something()
    assert ended.value.code == 143
    assert recorded == ["the new child process"]
    assert signal.getsignal(signal.SIGTERM) is signal.SIG_DFL  # put back as it was


def test_a_hung_browser_is_ended_with_all_its_helpers(
    tmp_path: Path, hanging_browser: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    from neurobenefits.views import pdf

    browser, pids = hanging_browser
    monkeypatch.setenv("NEUROBENEFITS_CHROMIUM", str(browser))
    monkeypatch.setenv("TMPDIR", str(tmp_path))
    monkeypatch.setattr("tempfile.tempdir", None)
    with pytest.raises(
        pdf.PrintFailed, match="did not finish printing the handout within 1 second"
    ):
        pdf.html_to_pdf("<p>x</p>", timeout=1)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["browser", "browser.pids"]
    for pid in map(int, pids.read_text().split()):
        _wait_for(partial(_dead, pid), f"browser process {pid} to end", 10)


def test_sigterm_while_the_file_is_written_leaves_no_partial_file(tmp_path: Path) -> None:
    code = (
        "import os, signal, sys\n"
        "from neurobenefits.entry import outcome\n"
        "def fsync(fd):\n"
        "    os.kill(os.getpid(), signal.SIGTERM)\n"
        "os.fsync = fsync\n"
        "sys.exit(outcome(['export', '1', '-o', 'handout.html']))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=_environment(),
        timeout=60,
        check=False,
    )
    assert result.returncode == 143, result.stderr
    assert result.stderr == ""
    assert list(tmp_path.iterdir()) == []


@pytest.mark.browser
def test_sigterm_during_a_real_chromium_export_leaves_no_folder_or_process(
    tmp_path: Path,
) -> None:
    if not any(shutil.which(name) for name in ("chromium", "chromium-browser", "google-chrome")):
        pytest.skip("needs Chromium (installed by .ci/run)")
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    process = subprocess.Popen(
        [sys.executable, "-m", "neurobenefits", "export", "1", "-o", "handout.pdf"],
        stderr=subprocess.PIPE,
        cwd=tmp_path,
        env=_environment(TMPDIR=str(temporary)),
    )
    try:
        _wait_for(lambda: any(temporary.glob("neurobenefits-*/profile")), "Chromium to start")
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=60) == 143
    finally:
        process.kill()
    assert list(temporary.iterdir()) == []
    assert not (tmp_path / "handout.pdf").exists()
    _wait_for(lambda: not _processes_mentioning(str(temporary)), "Chromium to end", 10)


def _processes_mentioning(text: str) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if text.encode() in (entry / "cmdline").read_bytes() and _alive(int(entry.name)):
                    found.append(int(entry.name))
            except OSError:
                continue
    return found


# -- the pager ---------------------------------------------------------------------------------


@contextmanager
def _on_terminal(
    args: list[str], env: dict[str, str]
) -> Iterator[tuple[subprocess.Popen[bytes], int, bytearray]]:
    """Run the program with a pseudo-terminal as its controlling terminal.

    Yields the process, the terminal's primary side (writing b"\\x03" there is Ctrl-C) and
    what the terminal has shown so far.
    """
    primary, secondary = pty.openpty()
    fcntl.ioctl(secondary, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))

    def own_terminal() -> None:
        os.setsid()
        fcntl.ioctl(0, termios.TIOCSCTTY, 0)
        _default_sigint()

    process = subprocess.Popen(
        [sys.executable, "-m", "neurobenefits", *args],
        stdin=secondary,
        stdout=secondary,
        stderr=subprocess.PIPE,
        env={**_environment(), "TERM": "xterm", **env},
        preexec_fn=own_terminal,
    )
    reader, shown = read_terminal(primary)
    try:
        yield process, primary, shown
    finally:
        if process.poll() is None:
            process.kill()
            process.wait(timeout=10)
        os.close(secondary)
        os.close(primary)
        reader.join(timeout=10)


@pytest.fixture
def recording_pager(tmp_path: Path) -> tuple[str, Path]:
    """A pager like less: notes its pid, LESS and any Ctrl-C, reads all, waits to be told to quit."""
    script = tmp_path / "pager.py"
    script.write_text(
        "import os, signal, sys, time\n"
        f"folder = {str(tmp_path)!r}\n"
        "def interrupted(signum, frame):\n"
        "    open(os.path.join(folder, 'interrupted'), 'w').close()\n"
        "signal.signal(signal.SIGINT, interrupted)\n"
        "text = sys.stdin.read()\n"
        "open(os.path.join(folder, 'paged.txt'), 'w').write(text)\n"
        "open(os.path.join(folder, 'pager.pid'), 'w').write(str(os.getpid()))\n"
        "open(os.path.join(folder, 'less.txt'), 'w').write(os.environ.get('LESS', '(unset)'))\n"
        "while not os.path.exists(os.path.join(folder, 'quit')):\n"
        "    time.sleep(0.05)\n",
        encoding="utf-8",
    )
    return f"{sys.executable} {script}", tmp_path


def test_ctrl_c_goes_to_the_pager_and_we_wait_for_it(recording_pager: tuple[str, Path]) -> None:
    pager, folder = recording_pager
    with _on_terminal(["list"], {"NEUROBENEFITS_PAGER": pager}) as (process, primary, _):
        _wait_for(lambda: (folder / "less.txt").exists(), "the pager to start")
        os.write(primary, b"\x03")  # Ctrl-C: SIGINT to the terminal's foreground group
        _wait_for(lambda: (folder / "interrupted").exists(), "Ctrl-C to reach the pager")
        assert process.poll() is None  # we ignored it, and wait for the pager
        (folder / "quit").touch()  # the pager ends when its reader quits, not at Ctrl-C
        assert process.wait(timeout=60) == 0
        assert process.stderr is not None
        assert process.stderr.read() == b""
    assert "Pain Relief" in (folder / "paged.txt").read_text()
    assert (folder / "less.txt").read_text() == "FRX"  # git's defaults: colours shown


def test_sigterm_to_us_ends_the_pager_too(recording_pager: tuple[str, Path]) -> None:
    pager, folder = recording_pager
    with _on_terminal(["show", "8"], {"NEUROBENEFITS_PAGER": pager, "LESS": "-X"}) as (
        process,
        _,
        _,
    ):
        _wait_for(lambda: (folder / "less.txt").exists(), "the pager to start")
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=60) == 143
        pid = int((folder / "pager.pid").read_text())
        _wait_for(lambda: not _alive(pid), "the pager to end", 10)
    assert (folder / "less.txt").read_text() == "-X"  # the user's own LESS is kept


def test_a_pager_that_ctrl_c_ends_ends_us_quietly_with_130(tmp_path: Path) -> None:
    pager = "sh -c 'cat > /dev/null; exec sleep 300'"  # like more: Ctrl-C ends it
    with _on_terminal(["list"], {"NEUROBENEFITS_PAGER": pager}) as (process, primary, _):
        _wait_for(lambda: bool(_children(process.pid)), "the pager to start")
        os.write(primary, b"\x03")
        assert process.wait(timeout=60) == 130
        assert process.stderr is not None
        assert process.stderr.read() == b""


def _children(pid: int) -> list[str]:
    path = Path(f"/proc/{pid}/task/{pid}/children")
    return path.read_text().split() if path.exists() else []


@pytest.mark.skipif(shutil.which("less") is None, reason="needs less (installed by .ci/run)")
def test_ctrl_c_in_less_leaves_the_terminal_as_it_was() -> None:
    with _on_terminal(["list", "--pager"], {"PAGER": "less"}) as (process, primary, shown):
        _wait_for(lambda: b"Benefits of Neuro Massage" in shown, "less to show the list")
        os.write(primary, b"\x03")

        def quit_less() -> bool:  # less drops what was typed before a Ctrl-C: ask until it goes
            os.write(primary, b"q")
            return process.poll() is not None

        _wait_for(quit_less, "less to quit")
        assert process.wait(timeout=60) == 0
        flags = termios.tcgetattr(primary)[3]
    assert flags & termios.ECHO
    assert flags & termios.ICANON


def test_no_escape_code_reaches_stderr_in_process() -> None:
    # The same sanitiser in-process (CliRunner), where no guard wraps the streams.
    result = run("show", "\x1b]0;X\x07")
    assert result.exit_code == 1
    assert ESC not in result.stderr
    assert "\\x1b]0;X\\x07" in result.stderr


def test_readme_documents_the_stream_rules() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert "standard output is closed" in readme
    assert "/dev/full" in readme
