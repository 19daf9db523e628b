"""Reading never blocks: only regular files are read, wherever a catalogue is named.

Every probe runs in a child process with a timeout, so that a regression fails the test
instead of hanging the suite.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from neurobenefits import exitcodes

from .conftest import REPO, run, run_process

FIFO_MESSAGE = "is a pipe (FIFO), not a regular file; expected a YAML file"


@pytest.fixture
def fifo(tmp_path: Path) -> Path:
    path = tmp_path / "clinic.yaml"
    os.mkfifo(path)
    return path


def _child(
    *args: str, env: dict[str, str], stdin: int | None = None
) -> subprocess.CompletedProcess[str]:
    return run_process(*args, env=env, stdin=subprocess.DEVNULL if stdin is None else stdin)


def test_catalogue_option_naming_a_fifo_is_refused(fifo: Path, tmp_path: Path) -> None:
    result = _child("--catalogue", str(fifo), "list", env={"XDG_CACHE_HOME": str(tmp_path)})
    assert result.returncode == exitcodes.CATALOGUE
    assert result.stderr == f"{fifo}: {FIFO_MESSAGE}\n"


def test_environment_variable_naming_a_fifo_is_refused(fifo: Path, tmp_path: Path) -> None:
    env = {"NEUROBENEFITS_CATALOGUE": str(fifo), "XDG_CACHE_HOME": str(tmp_path)}
    result = _child("show", "8", env=env)
    assert result.returncode == exitcodes.CATALOGUE
    assert result.stderr == f"{fifo}: {FIFO_MESSAGE}\n"


def test_validate_of_a_fifo_is_refused(fifo: Path, tmp_path: Path) -> None:
    result = _child("validate", str(fifo), env={"XDG_CACHE_HOME": str(tmp_path)})
    assert result.returncode == exitcodes.CATALOGUE
    assert result.stderr == f"{fifo}: {FIFO_MESSAGE}\n"


def test_a_fifo_as_personal_overlay_is_refused(tmp_path: Path) -> None:
    (tmp_path / "neurobenefits").mkdir()
    overlay = tmp_path / "neurobenefits" / "benefits.yaml"
    os.mkfifo(overlay)
    result = _child("list", env={"XDG_CONFIG_HOME": str(tmp_path), "XDG_CACHE_HOME": str(tmp_path)})
    assert result.returncode == exitcodes.CATALOGUE
    assert result.stderr == f"{overlay}: {FIFO_MESSAGE}\n"


def _complete_show(env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    completion = {"_NEUROBENEFITS_COMPLETE": "complete_bash", "COMP_WORDS": "neurobenefits show "}
    return subprocess.run(
        [sys.executable, "-c", "from neurobenefits.cli import main; main()"],
        capture_output=True,
        text=True,
        env={**os.environ, **completion, "COMP_CWORD": "2", **env},
        timeout=60,
        check=False,
        stdin=subprocess.DEVNULL,
    )


def test_shell_completion_with_a_fifo_offers_nothing_and_returns(
    fifo: Path, tmp_path: Path
) -> None:
    offered = _complete_show({"XDG_CACHE_HOME": str(tmp_path)})
    assert "muscle-spasms-and-tone" in offered.stdout.split()  # what it offers otherwise
    result = _complete_show({"NEUROBENEFITS_CATALOGUE": str(fifo), "XDG_CACHE_HOME": str(tmp_path)})
    assert result.returncode == 0
    assert result.stdout.strip() == ""
    assert "Traceback" not in result.stderr


def test_devices_and_folders_are_refused_by_name(tmp_path: Path) -> None:
    assert run("validate", "/dev/zero").stderr == (
        "/dev/zero: is a device, not a regular file; expected a YAML file\n"
    )
    assert run("validate", str(tmp_path)).stderr == (
        f"{tmp_path}: is a directory; expected a YAML file\n"
    )


def test_an_empty_file_name_says_so() -> None:
    for args in (("--catalogue", "", "list"), ("validate", "")):
        result = run(*args)
        assert result.exit_code == exitcodes.CATALOGUE
        assert result.stderr == "'': the file name is empty; expected the path of a YAML file\n"


def test_a_dash_is_a_file_name_not_standard_input(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert run("validate", "-").stderr == "-: no such file\n"
    (tmp_path / "-").write_text(
        "benefits:\n  - id: 8\n    notes: From a file named -.\n", encoding="utf-8"
    )
    assert run("validate", "-").exit_code == 0


def test_standard_input_is_read_when_named_on_the_command_line(tmp_path: Path) -> None:
    overlay = tmp_path / "overlay.yaml"
    overlay.write_text("benefits:\n  - id: 8\n    notes: From a pipe.\n", encoding="utf-8")
    with overlay.open("rb") as stdin:
        result = _child(
            "--catalogue",
            "/dev/stdin",
            "show",
            "8",
            "--format",
            "json",
            env={"XDG_CACHE_HOME": str(tmp_path)},
            stdin=stdin.fileno(),
        )
    assert result.returncode == 0, result.stderr
    assert '"notes": "From a pipe."' in result.stdout


def test_standard_input_is_never_read_through_the_environment(tmp_path: Path) -> None:
    read, write = os.pipe()
    try:
        env = {"NEUROBENEFITS_CATALOGUE": "/dev/stdin", "XDG_CACHE_HOME": str(tmp_path)}
        result = _child("list", env=env, stdin=read)
    finally:
        os.close(read)
        os.close(write)
    assert result.returncode == exitcodes.CATALOGUE
    assert result.stderr == f"/dev/stdin: {FIFO_MESSAGE}\n"


def test_an_unreadable_personal_overlay_folder_is_a_catalogue_error(
    config_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Root enters any folder, so the refusal is made the way the system would make it.
    overlay = config_home / "benefits.yaml"
    real_stat = Path.stat

    def refusing_stat(self: Path, *args: object, **kwargs: object) -> os.stat_result:
        if self == overlay:
            raise PermissionError(13, "Permission denied", str(self))
        return real_stat(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Path, "stat", refusing_stat)
    result = run("list")
    assert result.exit_code == exitcodes.CATALOGUE
    assert result.stderr == f"{overlay}: permission denied; the file must be readable\n"


def test_an_over_long_config_folder_means_no_personal_overlay(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", "/" + "x" * 5000)
    listed = run("list", "--format", "json")
    assert listed.exit_code == 0
    assert listed.stderr == ""
    about = run("about")
    assert about.exit_code == 0
    assert about.stdout.rstrip().splitlines()[-2].endswith("/benefits.yaml (not present)")


def test_a_relative_config_folder_is_ignored(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The XDG specification: a relative path in these variables is invalid and ignored.
    monkeypatch.chdir(tmp_path)
    (tmp_path / "rel" / "neurobenefits").mkdir(parents=True)
    (tmp_path / "rel" / "neurobenefits" / "benefits.yaml").write_text("title: [", encoding="utf-8")
    monkeypatch.setenv("XDG_CONFIG_HOME", "rel")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert run("list", "--format", "json").exit_code == 0


def test_the_bundled_catalogue_still_loads_from_another_folder() -> None:
    result = run_process("show", "8", "--format", "json", cwd=REPO.parent)
    assert result.returncode == 0


def test_an_over_long_cache_folder_means_no_cache(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", "/" + "x" * 5000)
    for _ in range(2):
        result = run("show", "8", "--format", "json")
        assert result.exit_code == 0
        assert result.stderr == ""
