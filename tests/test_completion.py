"""Shell completion offers real values: benefit numbers and slugs, categories, formats."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import run_process


def _complete(shell: str, words: str, **extra: str) -> list[str]:
    env = {k: v for k, v in os.environ.items() if k != "NEUROBENEFITS_CATALOGUE"}
    env["_NEUROBENEFITS_COMPLETE"] = f"complete_{shell}"
    if shell == "bash":
        env["COMP_WORDS"] = words
        env["COMP_CWORD"] = str(len(words.split(" ")) - 1)
    else:
        env["_TYPER_COMPLETE_ARGS"] = words
    env.update(extra)
    code = "import sys; from neurobenefits.cli import main; sys.argv[0] = 'neurobenefits'; main()"
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env=env,
        check=False,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.splitlines()


def test_bash_completes_benefit_numbers_and_slugs_for_show() -> None:
    offered = _complete("bash", "neurobenefits show ")
    assert [str(n) for n in range(1, 15)] == offered[:14]
    assert "muscle-spasms-and-tone" in offered
    assert _complete("bash", "neurobenefits show mus") == [
        "muscle-spasms-and-tone",
        "muscle-function",
        "muscle-repair-and-recovery",
    ]


def test_zsh_completes_categories_with_their_labels() -> None:
    offered = "\n".join(_complete("zsh", "neurobenefits list --category "))
    for pair in ('"body":"Body"', '"mind":"Mind and mood"', '"recovery":"Recovery"'):
        assert pair in offered


@pytest.mark.parametrize(
    ("command", "formats"),
    [
        ("list", ["table", "plain", "json", "yaml", "markdown", "csv", "svg"]),
        ("show 8", ["table", "plain", "json", "yaml", "markdown", "svg"]),
    ],
)
def test_fish_completes_formats(command: str, formats: list[str]) -> None:
    offered = _complete(
        "fish", f"neurobenefits {command} --format ", _TYPER_COMPLETE_FISH_ACTION="get-args"
    )
    assert offered == formats


def test_bash_completes_caution_names() -> None:
    assert _complete("bash", "neurobenefits cautions auto") == ["autonomic-dysreflexia"]


def _script(shell: str, running: str) -> str:
    # The shell that runs the command must not change the answer.
    result = run_process("completion", shell, env={"SHELL": running})
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    return result.stdout


@pytest.mark.parametrize("running", ["/bin/bash", "/usr/bin/zsh", "/usr/bin/fish"])
def test_each_shell_gets_its_own_script_whatever_shell_runs_the_command(running: str) -> None:
    bash = _script("bash", running)
    assert "complete -o default -F _neurobenefits_completion neurobenefits" in bash
    assert "_NEUROBENEFITS_COMPLETE=complete_bash" in bash
    zsh = _script("zsh", running)
    assert zsh.startswith("#compdef neurobenefits\n")
    assert "compdef _neurobenefits_completion neurobenefits" in zsh
    assert "_NEUROBENEFITS_COMPLETE=complete_zsh" in zsh
    fish = _script("fish", running)
    assert fish.startswith("complete --command neurobenefits ")
    assert "_NEUROBENEFITS_COMPLETE=complete_fish" in fish
    powershell = _script("powershell", running)
    assert "Register-ArgumentCompleter -Native -CommandName neurobenefits" in powershell
    assert '"complete_powershell"' in powershell
    assert len({bash, zsh, fish, powershell}) == 4


def test_an_unknown_shell_is_a_usage_error() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "neurobenefits", "completion", "tcsh"],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert result.returncode == 2
    assert "tcsh" in result.stderr
    assert "bash" in result.stderr


def test_the_bash_script_completes_in_a_real_bash(tmp_path: Path) -> None:
    bash = shutil.which("bash")
    if bash is None:
        pytest.skip("bash is not installed")
    script = tmp_path / "neurobenefits.bash"
    script.write_text(_script("bash", "/usr/bin/fish"), encoding="utf-8")
    # The script calls `neurobenefits`: a stand-in on PATH runs this checkout's package.
    stand_in = tmp_path / "bin" / "neurobenefits"
    stand_in.parent.mkdir()
    stand_in.write_text(f'#!/bin/sh\nexec {sys.executable} -m neurobenefits "$@"\n')
    stand_in.chmod(0o755)
    check = subprocess.run([bash, "-n", str(script)], capture_output=True, text=True, check=False)
    assert check.returncode == 0, check.stderr
    session = (
        f"source {script}\n"
        "COMP_WORDS=(neurobenefits show mus); COMP_CWORD=2\n"
        "_neurobenefits_completion neurobenefits\n"
        'printf "%s\\n" "${COMPREPLY[@]}"\n'
    )
    env = {**os.environ, "PATH": f"{stand_in.parent}{os.pathsep}{os.environ['PATH']}"}
    env.pop("NEUROBENEFITS_CATALOGUE", None)
    result = subprocess.run(
        [bash, "--norc", "-c", session], capture_output=True, text=True, env=env, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "muscle-spasms-and-tone",
        "muscle-function",
        "muscle-repair-and-recovery",
    ]


def test_bash_completes_reference_keys_and_benefit_numbers_for_references() -> None:
    assert _complete("bash", "neurobenefits references moy") == ["moyer2004", "moyer2011"]
    assert _complete("bash", "neurobenefits references 1") == ["1", "10", "11", "12", "13", "14"]


@pytest.mark.parametrize(("cword", "code"), [("x", 2), ("-1", 0), ("99", 0)])
def test_a_garbled_completion_request_is_one_line_of_bad_usage(cword: str, code: int) -> None:
    # The shell's COMP_* variables are input from outside; Typer trusts them.
    result = run_process(
        env={
            "_NEUROBENEFITS_COMPLETE": "complete_bash",
            "COMP_WORDS": "neurobenefits show ",
            "COMP_CWORD": cword,
        }
    )
    assert result.returncode == code, result.stderr
    assert "internal error" not in result.stderr
    assert "Traceback" not in result.stderr
    if code == 2:
        assert result.stderr.startswith("The shell's completion request")
        assert result.stderr.count("\n") == 1
