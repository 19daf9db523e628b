"""Pipes, colour, width and encodings, in real child processes as a shell would run them."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from neurobenefits.catalogue.model import Catalogue

from .conftest import run, run_process

ESC = "\x1b["


def test_pipe_gets_plain_text_without_escape_codes() -> None:
    result = run_process("list")
    assert result.returncode == 0
    assert ESC not in result.stdout
    assert result.stdout.startswith(" 1  Pain Relief (Body) [+] supported\n")


def test_color_always_colours_even_in_a_pipe() -> None:
    result = run_process("show", "8", "--format", "table", "--color", "always")
    assert ESC in result.stdout


@pytest.mark.parametrize(
    ("env", "args", "coloured"),
    [
        ({"FORCE_COLOR": "1"}, (), True),
        ({"NO_COLOR": "1", "FORCE_COLOR": "1"}, (), False),
        ({"FORCE_COLOR": "1"}, ("--color", "never"), False),
        ({"NO_COLOR": "1"}, ("--color", "always"), True),
        ({}, ("--color", "auto"), False),
    ],
)
def test_colour_variables_and_option(
    env: dict[str, str], args: tuple[str, ...], coloured: bool
) -> None:
    result = run_process("list", "--format", "table", *args, env=env)
    assert result.returncode == 0
    assert (ESC in result.stdout) is coloured


@pytest.mark.parametrize("env", [{"LANG": "C", "LC_ALL": "C"}, {"PYTHONIOENCODING": "ascii"}])
def test_non_unicode_streams_degrade_to_ascii(env: dict[str, str]) -> None:
    for args in (
        ("show", "8"),
        ("show", "8", "--format", "table"),
        ("list", "--format", "table"),
        ("search", "spasm"),
        ("show", "8", "--format", "json"),
    ):
        result = run_process(*args, env=env)
        assert result.returncode == 0, result.stderr
        assert "Traceback" not in result.stderr
        if env.get("PYTHONIOENCODING") == "ascii":
            assert result.stdout.isascii()
    plain = run_process("show", "8", env={"PYTHONIOENCODING": "ascii"}).stdout
    assert "Cabanas-Valdes 2021" in plain  # the accent dropped, the name kept
    data = run_process("show", "8", "--format", "json", env={"PYTHONIOENCODING": "ascii"}).stdout
    assert "Cabanas-Vald\\u00e9s" in data  # JSON keeps the exact text, escaped


def test_unicode_stream_keeps_the_text() -> None:
    result = run_process("show", "8", env={"PYTHONIOENCODING": "utf-8"})
    assert "Cabanas-Valdés 2021" in result.stdout


def test_columns_forty_wraps_everything() -> None:
    for args in (
        ("list",),
        ("show", "8"),
        ("list", "--format", "table"),
        ("search", "spasm", "--format", "table"),
    ):
        result = run_process(*args, env={"COLUMNS": "40"})
        assert result.returncode == 0
        lines = [line for line in result.stdout.splitlines() if "https://" not in line]
        assert max(len(line) for line in lines) <= 40, args


def test_closed_stdout_ends_quietly() -> None:
    process = subprocess.Popen(
        [sys.executable, "-m", "neurobenefits", "list", "--format", "json"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None
    assert process.stderr is not None
    process.stdout.close()  # the reader is gone before anything is written
    errors = process.stderr.read()
    assert process.wait(timeout=60) == 0
    assert errors == ""


def test_head_reads_one_line_quietly() -> None:
    result = subprocess.run(
        f"'{sys.executable}' -m neurobenefits list | head -1",
        shell=True,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.stdout == " 1  Pain Relief (Body) [+] supported\n"
    assert result.stderr == ""


def _console_script_with_load(body: str) -> subprocess.CompletedProcess[str]:
    """Run the console script's own path (entry.main) with commands.load replaced by `body`."""
    code = (
        "import os, signal, sys\n"
        # Some CI wrappers start the tests with SIGINT ignored, which a child inherits.
        "signal.signal(signal.SIGINT, signal.default_int_handler)\n"
        "import neurobenefits.commands as commands\n"
        "from neurobenefits.entry import main\n"
        # A child inherits an ignored SIGINT (some CI wrappers ignore it), and Python then
        # installs no Ctrl-C handler: put back the one a shell gives.
        "signal.signal(signal.SIGINT, signal.default_int_handler)\n"
        f"def replaced(settings):\n    {body}\n"
        "commands.load = replaced\n"
        "sys.argv = ['neurobenefits', 'list']\n"
        "main()\n"
    )
    return subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False, timeout=60
    )


def test_ctrl_c_exits_130_without_a_traceback() -> None:
    result = _console_script_with_load("os.kill(os.getpid(), signal.SIGINT)")
    assert result.returncode == 130
    assert "Traceback" not in result.stderr


def test_an_unexpected_error_is_one_line_not_a_traceback() -> None:
    result = _console_script_with_load("raise RuntimeError('simulated bug')")
    assert result.returncode == 70
    assert result.stderr.startswith("neurobenefits: internal error: RuntimeError: simulated bug.")
    assert "Traceback" not in result.stderr


def test_python_dash_m_from_another_folder(tmp_path: object) -> None:
    result = run_process("show", "8", cwd=None)
    assert result.returncode == 0
    assert result.stdout.startswith("8. Reduction of Muscle Spasms and Tone")


def test_usage_errors_are_plain_text_on_stderr() -> None:
    result = run_process("show", "8", "--format", "pdf")
    assert result.returncode == 2
    assert result.stdout == ""
    assert "Invalid value for '--format' / '-f'" in result.stderr
    assert "Traceback" not in result.stderr
    assert ESC not in result.stderr


def test_pager_is_never_used_in_a_pipe() -> None:
    result = run_process("list", "--pager", env={"NEUROBENEFITS_PAGER": "false"})
    assert result.returncode == 0
    assert result.stdout.startswith(" 1  Pain Relief")


def test_error_lines_use_ascii_on_an_ascii_stream() -> None:
    result = run("show", "15")
    assert result.stderr == "No benefit 15: numbers run from 1 to 14.\n"
    piped = run_process("search", "’’’", env={"PYTHONIOENCODING": "ascii"})
    assert piped.returncode == 2
    assert "Traceback" not in piped.stderr


def test_a_long_answer_arrives_whole_through_a_pipe() -> None:
    # The program ends with os._exit after flushing; nothing may be lost on the way.
    import json

    result = run_process("references", "--format", "json")
    assert result.returncode == 0
    assert len(json.loads(result.stdout)) == 20
    assert run_process("show", "99").returncode == 1
    assert run_process("show", "8", "--format", "nope").returncode == 2


@pytest.mark.parametrize(("env", "args"), [({"FORCE_COLOR": "1"}, ()), ({}, ("--color", "always"))])
def test_forced_colour_gives_the_coloured_view_in_a_pipe(
    env: dict[str, str], args: tuple[str, ...]
) -> None:
    # `neurobenefits list --color always | less -R` is read by a person: the table, coloured.
    result = run_process("list", *args, env=env)
    assert result.returncode == 0, result.stderr
    assert ESC in result.stdout
    assert "Benefit" in result.stdout
    assert "Evidence" in result.stdout
    plain = run_process("list", *args, "--format", "plain", env=env)
    assert plain.stdout.startswith(" 1  Pain Relief (Body) [+] supported\n")


@pytest.mark.parametrize("columns", ["80", "200"])
def test_a_stream_without_box_drawing_gets_ascii_borders(columns: str) -> None:
    result = run_process(
        "list", "--format", "table", env={"PYTHONIOENCODING": "ascii", "COLUMNS": columns}
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.isascii()
    assert "??" not in result.stdout  # box characters that could not be encoded
    # The border, drawn with ASCII: under the legend's heading at 80 columns, a table's at 200.
    assert re.search(r"^What the verdicts mean .*: -{5,}$", result.stdout, re.M) or (
        columns == "200" and "-" * 20 in result.stdout
    )
    if columns == "200":
        assert "| No. | Title" in result.stdout


def test_list_at_80_columns_fits_in_46_lines_with_its_legend_and_disclaimer(
    catalogue: Catalogue,
) -> None:
    # Issue 15: a newcomer's 80-column terminal shows the whole list without wasted lines:
    # a line per benefit and its summary, the legend and the footer run on as paragraphs.
    result = run_process("list", "--format", "table", env={"COLUMNS": "80"})
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) <= 46, len(lines)
    assert max(len(line) for line in lines) <= 80
    flat = " ".join(result.stdout.split())
    for benefit in catalogue.benefits:
        assert f"{benefit.id} {benefit.title}" in flat
    for name, meaning in catalogue.verdicts:
        assert f": {meaning}." in flat, name
    assert " ".join(catalogue.disclaimer.split()) in flat
