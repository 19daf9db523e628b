"""`export --output`: only a regular file, never over one unless asked, never half-written."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

import pytest

from neurobenefits import exitcodes
from tests.conftest import run

FIXED_DAY = {"SOURCE_DATE_EPOCH": "1795737600"}


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full (Linux)")
def test_force_never_replaces_a_device() -> None:
    result = run("export", "1", "-o", "/dev/full", "--force", env=FIXED_DAY)
    assert result.exit_code == exitcodes.OUTPUT
    assert result.stderr == (
        "/dev/full is not a regular file (a character device); "
        "export writes only regular files, even with --force.\n"
    )
    assert stat.S_ISCHR(Path("/dev/full").stat().st_mode)


def test_a_file_that_appears_while_exporting_is_not_overwritten(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "handout.html"
    real_fsync = os.fsync

    def someone_else_writes_first(fd: int) -> None:
        real_fsync(fd)
        target.write_text("written by someone else", encoding="utf-8")

    monkeypatch.setattr(os, "fsync", someone_else_writes_first)
    result = run("export", "1", "-o", str(target), env=FIXED_DAY)
    assert result.exit_code == exitcodes.OUTPUT
    assert result.stderr == f"{target} exists already; add --force to overwrite it.\n"
    assert target.read_text(encoding="utf-8") == "written by someone else"
    assert [p.name for p in tmp_path.iterdir()] == ["handout.html"]


def test_without_hard_links_the_name_is_still_taken_exclusively(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_hard_links(*args: object, **kwargs: object) -> None:
        raise OSError(errno.EPERM, "Operation not permitted")

    monkeypatch.setattr(os, "link", no_hard_links)
    target = tmp_path / "handout.md"
    result = run("export", "1", "-o", str(target), env=FIXED_DAY)
    assert result.exit_code == 0, result.stderr
    assert target.read_text(encoding="utf-8").startswith("# Benefits of Neuro Massage")
    assert [p.name for p in tmp_path.iterdir()] == ["handout.md"]


def test_a_dangling_link_is_replaced_only_with_force_and_never_followed(tmp_path: Path) -> None:
    link = tmp_path / "handout.md"
    link.symlink_to(tmp_path / "elsewhere.md")
    refused = run("export", "1", "-o", str(link), env=FIXED_DAY)
    assert refused.exit_code == exitcodes.OUTPUT
    assert refused.stderr == (
        f"{link} exists already (a symbolic link); add --force to replace the link.\n"
    )
    assert link.is_symlink()
    forced = run("export", "1", "-o", str(link), "--force", env=FIXED_DAY)
    assert forced.exit_code == 0
    assert not link.is_symlink()
    assert link.read_text(encoding="utf-8").startswith("# Benefits of Neuro Massage")
    assert not (tmp_path / "elsewhere.md").exists()


def test_force_replaces_a_link_not_the_file_it_points_to(tmp_path: Path) -> None:
    original = tmp_path / "original.md"
    original.write_text("keep me", encoding="utf-8")
    link = tmp_path / "handout.md"
    link.symlink_to(original)
    assert run("export", "1", "-o", str(link), "--force", env=FIXED_DAY).exit_code == 0
    assert original.read_text(encoding="utf-8") == "keep me"
    assert not link.is_symlink()


def test_force_keeps_the_permissions_of_the_file_it_replaces(tmp_path: Path) -> None:
    target = tmp_path / "handout.md"
    target.write_text("old", encoding="utf-8")
    target.chmod(0o600)
    assert run("export", "1", "-o", str(target), "--force", env=FIXED_DAY).exit_code == 0
    assert target.stat().st_mode & 0o777 == 0o600
    assert target.read_text(encoding="utf-8").startswith("# Benefits")


@pytest.mark.parametrize("name", ["newdir/", "existing", "existing/"])
def test_a_folder_name_is_refused_even_with_force(tmp_path: Path, name: str) -> None:
    (tmp_path / "existing").mkdir()
    given = f"{tmp_path}/{name}"
    result = run("export", "1", "-o", given, "--force", env=FIXED_DAY)
    assert result.exit_code == exitcodes.OUTPUT
    suggestion = tmp_path / name.rstrip("/") / "handout.md"
    assert result.stderr == f"{given} names a folder; give a file name, e.g. {suggestion}.\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["existing"]
    assert list((tmp_path / "existing").iterdir()) == []


def test_a_fifo_is_refused_without_opening_it(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.html"
    os.mkfifo(fifo)
    result = run("export", "1", "-o", str(fifo), "--force", env=FIXED_DAY)  # would block if opened
    assert result.exit_code == exitcodes.OUTPUT
    assert "is not a regular file (a FIFO)" in result.stderr
    assert stat.S_ISFIFO(fifo.lstat().st_mode)


def test_a_pdf_target_is_checked_before_the_browser_is_started(tmp_path: Path) -> None:
    existing = tmp_path / "handout.pdf"
    existing.write_bytes(b"%PDF old")
    # No browser at all: the refusal must come first, not "PDF needs Chromium".
    result = run("export", "1", "-o", str(existing), env={**FIXED_DAY, "PATH": str(tmp_path)})
    assert result.exit_code == exitcodes.OUTPUT
    assert result.stderr == f"{existing} exists already; add --force to overwrite it.\n"


@pytest.mark.parametrize("name", ["b" * 252 + ".md", "é" * 125 + ".md"])
def test_a_name_near_the_length_limit_is_written(tmp_path: Path, name: str) -> None:
    """The temporary file's name is cut, so any name the file system takes can be written."""
    target = tmp_path / name
    written = run("export", "1", "-o", str(target), env=FIXED_DAY)
    assert written.exit_code == 0, written.stderr
    assert target.read_text(encoding="utf-8").startswith("# Benefits of Neuro Massage")
    assert [p.name for p in tmp_path.iterdir()] == [name]
