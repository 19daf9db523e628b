"""The hostile command-line corpus in tests/hostile/cli/: each case's one outcome and exit code.

Every case runs `python -m neurobenefits` as a child process in its own empty folder, with
stdout a pipe, closed, /dev/full, a pipe nobody reads, or a pseudo-terminal; see the README
beside the cases for their format. Beyond each case's own outcome, every run must keep the
rules that hold for any input: no traceback, no exit 70, no control character on either
stream.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.conftest import _CLEARED, run_showing_terminal

CASES = Path(__file__).resolve().parent / "hostile" / "cli"
_MACRO = re.compile(r"\{(byte|repeat):([^}:]*)(?::([0-9]+))?\}")
# What must never reach a terminal raw: C0 controls but tab and newline, DEL, C1 controls.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def _expand(text: str, folder: Path) -> bytes:
    """The bytes a case's string stands for: `{byte:ff}`, `{repeat:9:5000}`, `{tmp}`."""
    out = b""
    text = text.replace("{tmp}", str(folder))
    position = 0
    for match in _MACRO.finditer(text):
        out += text[position : match.start()].encode()
        kind, value, count = match.groups()
        out += bytes.fromhex(value) if kind == "byte" else value.encode() * int(count)
        position = match.end()
    return out + text[position:].encode()


def _make_files(folder: Path, files: dict[str, str]) -> None:
    for name, what in files.items():
        path = folder / name
        if what == "dir":
            path.mkdir()
        elif what == "fifo":
            os.mkfifo(path)
        elif what.startswith("symlink:"):
            path.symlink_to(what.removeprefix("symlink:"))
        else:
            path.write_text(what, encoding="utf-8")


def _run_case(case: dict[str, Any], folder: Path) -> tuple[int, bytes, bytes]:
    """Run the case's command; its exit code, stdout and stderr."""
    env = {k: v for k, v in os.environ.items() if k not in _CLEARED}
    env.update(COLUMNS="80", TERM="dumb", NEUROBENEFITS_NO_CACHE="1")
    environ: dict[str, str | bytes] = dict(env)
    for name, value in (case.get("env") or {}).items():
        environ[name] = _expand(str(value), folder)
    command = [
        sys.executable.encode(),
        b"-m",
        b"neurobenefits",
        *(_expand(str(a), folder) for a in case["args"]),
    ]
    where = case.get("stdout", "pipe")
    if where == "terminal":
        return run_showing_terminal(command, environ, folder)
    stdout: Any = subprocess.PIPE
    opened: list[int] = []
    if where == "closed":
        stdout = subprocess.DEVNULL  # replaced below: the child starts with fd 1 closed
    elif where == "full":
        stdout = Path("/dev/full").open("wb")  # noqa: SIM115
    elif where == "gone":
        reader, writer = os.pipe()
        os.close(reader)  # nobody will ever read
        stdout = writer
        opened.append(writer)
    try:
        process = subprocess.run(
            command,
            stdout=stdout,
            stderr=subprocess.PIPE,
            env=environ,
            cwd=folder,
            timeout=60,
            check=False,
            preexec_fn=(lambda: os.close(1)) if where == "closed" else None,
        )
    finally:
        for fd in opened:
            os.close(fd)
        if where == "full":
            stdout.close()
    return process.returncode, process.stdout or b"", process.stderr


def _cases() -> list[Any]:
    return [
        pytest.param(yaml.safe_load(path.read_text(encoding="utf-8")), id=path.stem)
        for path in sorted(CASES.glob("*.yaml"))
    ]


@pytest.mark.parametrize("case", _cases())
def test_hostile_command_line(case: dict[str, Any], tmp_path: Path) -> None:
    _make_files(tmp_path, case.get("files") or {})
    code, stdout, stderr = _run_case(case, tmp_path)
    out = stdout.decode("utf-8", "replace")
    err = stderr.decode("utf-8", "replace")
    assert "Traceback" not in err, err
    assert code != 70, err
    if case.get("stdout") != "terminal":  # a terminal shows Rich's colours and the pager's own
        assert not _CONTROL.search(out.replace("\r\n", "\n")), out[:200]
    assert not _CONTROL.search(err), err
    assert code == case["exit"], err
    assert err.count("\n") <= 1, err  # one line, or nothing
    if "stderr" in case:
        expected = _expand(case["stderr"], tmp_path).decode()
        assert err == (expected + "\n" if expected else ""), err
    if "stdout_has" in case:
        assert case["stdout_has"] in out
    if "max_width" in case:
        assert max(len(line) for line in out.splitlines()) <= case["max_width"]


def test_the_corpus_covers_every_way_stdout_can_be() -> None:
    kinds = {case.values[0].get("stdout", "pipe") for case in _cases()}
    assert kinds == {"pipe", "closed", "full", "gone", "terminal"}
