"""The cache of the stacked catalogue: used when the files are unchanged, never trusted beyond that."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from neurobenefits.catalogue import cache
from neurobenefits.catalogue.load import load_catalogue, stack_paths
from neurobenefits.catalogue.model import Catalogue

from .conftest import ISOLATED, REPO, run

_PROBE = (
    "import sys\n"
    "from pathlib import Path\n"
    "from neurobenefits.catalogue.load import load_catalogue\n"
    "catalogue = load_catalogue([Path(sys.argv[1])], only=True)\n"
    "parsed = 'yaml' in sys.modules or 'neurobenefits.catalogue.yamlsafe' in sys.modules\n"
    "print(catalogue.benefit(8).notes or catalogue.benefit(8).title, parsed)\n"
)


def _load_in_child(path: Path, env: dict[str, str] | None = None) -> tuple[str, bool]:
    result = subprocess.run(
        [sys.executable, "-c", _PROBE, str(path)],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, **(env or {})},
    )
    text, used_yaml = result.stdout.rsplit(" ", 1)
    return text, used_yaml.strip() == "True"


@pytest.fixture
def own_catalogue(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    path = tmp_path / "benefits.yaml"
    path.write_text((REPO / "data" / "benefits.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    return path


def test_second_load_comes_from_the_cache_without_pyyaml(own_catalogue: Path) -> None:
    assert _load_in_child(own_catalogue) == ("Reduction of Muscle Spasms and Tone", True)
    assert _load_in_child(own_catalogue) == ("Reduction of Muscle Spasms and Tone", False)
    assert (
        len(list((own_catalogue.parent / "cache" / "neurobenefits").glob("catalogue-*.json"))) == 1
    )


def test_cached_catalogue_equals_a_fresh_one(
    own_catalogue: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    load_catalogue([own_catalogue], only=True)  # fills the cache
    cached = load_catalogue([own_catalogue], only=True)
    monkeypatch.setenv("NEUROBENEFITS_NO_CACHE", "1")
    fresh = load_catalogue([own_catalogue], only=True)
    assert cached == fresh
    assert cached.benefits == fresh.benefits
    assert cached.files == fresh.files


def test_an_edit_is_seen_at_once(own_catalogue: Path) -> None:
    _load_in_child(own_catalogue)
    text = own_catalogue.read_text(encoding="utf-8").replace(
        "  - id: 8\n", "  - id: 8\n    notes: Edited.\n"
    )
    own_catalogue.write_text(text, encoding="utf-8")
    os.utime(own_catalogue, ns=(1, 1))  # a different time even on a coarse clock
    assert _load_in_child(own_catalogue) == ("Edited.", True)


def test_a_corrupt_cache_is_a_miss(own_catalogue: Path) -> None:
    _load_in_child(own_catalogue)
    for stored in (own_catalogue.parent / "cache" / "neurobenefits").glob("catalogue-*.json"):
        stored.write_text("{not json", encoding="utf-8")
    assert _load_in_child(own_catalogue) == ("Reduction of Muscle Spasms and Tone", True)


def test_a_cache_from_another_shape_is_a_miss(own_catalogue: Path) -> None:
    _load_in_child(own_catalogue)
    for stored in (own_catalogue.parent / "cache" / "neurobenefits").glob("catalogue-*.json"):
        _tamper(stored, lambda merged: merged.update(top={}))
    assert _load_in_child(own_catalogue) == ("Reduction of Muscle Spasms and Tone", True)


def test_no_cache_variable_turns_it_off(own_catalogue: Path) -> None:
    env = {"NEUROBENEFITS_NO_CACHE": "1"}
    _load_in_child(own_catalogue, env)
    assert _load_in_child(own_catalogue, env)[1] is True
    assert not (own_catalogue.parent / "cache" / "neurobenefits").exists()


def test_an_invalid_file_is_never_cached(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    bad = tmp_path / "bad.yaml"
    bad.write_text("title: 42\n", encoding="utf-8")
    for _ in range(2):
        with pytest.raises(Exception, match="expected text"):
            load_catalogue([bad], only=True)
    assert not (tmp_path / "cache" / "neurobenefits").exists()


def test_an_unwritable_cache_folder_is_not_an_error(
    own_catalogue: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = own_catalogue.parent / "blocked"
    blocker.write_text("a file where the folder should be", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    assert load_catalogue([own_catalogue], only=True).benefit(8) is not None


def test_key_changes_with_the_bytes_name_and_role(own_catalogue: Path) -> None:
    raw = own_catalogue.read_bytes()
    first = cache.key_for([(str(own_catalogue), "--catalogue", raw)])
    assert first == cache.key_for([(str(own_catalogue), "--catalogue", raw)])
    assert first != cache.key_for([(str(own_catalogue), "bundled", raw)])
    assert first != cache.key_for([("other.yaml", "--catalogue", raw)])
    assert first != cache.key_for([(str(own_catalogue), "--catalogue", raw.replace(b"10", b"90"))])
    assert stack_paths([own_catalogue], only=True) == [(own_catalogue, "--catalogue")]


@pytest.mark.parametrize(
    "code", ["stack.py", "build.py", "spec.py", "validate.py", "yamlsafe.py", "cache.py"]
)
def test_key_changes_with_the_code_that_reads_catalogues(code: str) -> None:
    # A new version of the reading code must not reuse what an older one stored.
    path = Path(cache.__file__).with_name(code)
    before = path.stat()
    sources = [("a.yaml", "--catalogue", b"title: x\n")]
    first = cache.key_for(sources)
    try:
        os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns + 1_000_000))
        assert cache.key_for(sources) != first
    finally:
        os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert cache.key_for(sources) == first


def test_the_cache_folder_on_each_system(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setattr(sys, "platform", "linux")
    assert cache.cache_dir({}) == tmp_path / ".cache" / "neurobenefits"
    monkeypatch.setattr(sys, "platform", "darwin")
    assert cache.cache_dir({}) == tmp_path / "Library" / "Caches" / "neurobenefits"
    monkeypatch.setattr(sys, "platform", "win32")
    local = tmp_path / "AppData" / "Local"
    assert cache.cache_dir({"LOCALAPPDATA": str(local)}) == local / "neurobenefits" / "Cache"
    assert cache.cache_dir({}) == tmp_path / ".cache" / "neurobenefits"


# The cache folder is input from outside: nothing in it is trusted beyond what it proves.


def _entry(own_catalogue: Path) -> Path:
    (entry,) = (own_catalogue.parent / "cache" / "neurobenefits").glob("catalogue-*.json")
    return entry


def _verdict_of_5(own_catalogue: Path) -> str:
    catalogue = load_catalogue([own_catalogue], only=True)
    benefit = catalogue.benefit(5)
    assert benefit is not None
    assert benefit.evidence is not None
    return benefit.evidence.verdict


def _tamper(entry: Path, change: Any) -> None:
    """Change the data of an entry, keeping its first line (its key and signature)."""
    header, body = entry.read_bytes().split(b"\n", 1)
    merged = json.loads(body)
    change(merged)
    entry.write_bytes(header + b"\n" + json.dumps(merged).encode())


def test_an_edit_keeping_size_and_time_is_seen(own_catalogue: Path) -> None:
    # Issue 12: a file system with 1-second times, or a restored time, served the old text.
    text = own_catalogue.read_text(encoding="utf-8")
    own_catalogue.write_text(text.replace("  - id: 8\n", "  - id: 8\n    notes: Dose 10 mg\n"))
    status = own_catalogue.stat()
    assert _load_in_child(own_catalogue) == ("Dose 10 mg", True)
    own_catalogue.write_text(text.replace("  - id: 8\n", "  - id: 8\n    notes: Dose 90 mg\n"))
    os.utime(own_catalogue, ns=(status.st_atime_ns, status.st_mtime_ns))
    assert own_catalogue.stat().st_size == status.st_size
    assert _load_in_child(own_catalogue) == ("Dose 90 mg", True)


def test_an_entry_of_the_wrong_shape_is_a_miss_not_an_error(own_catalogue: Path) -> None:
    # Issue 12: `keywords: [1, 2]` in a keyed entry gave an internal error (exit 70).
    load_catalogue([own_catalogue], only=True)
    _tamper(_entry(own_catalogue), lambda merged: merged["benefits"][7].update(keywords=[1, 2]))
    result = run("--catalogue", str(own_catalogue), "--only", "show", "8", "--format", "json")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["keywords"][:2] == ["spasm", "spasms"]


@pytest.mark.parametrize(
    "change",
    [
        lambda merged: merged["benefits"][4].update(title="\x1b]0;PWNED\x07\x1b[2J"),
        lambda merged: merged["benefits"][4].update(title="Cortisol \u202eevil"),
        lambda merged: merged["benefits"][4]["evidence"].update(verdict="proven"),
        lambda merged: merged["benefits"][4].update(related=[99]),
        lambda merged: merged.update(files=[["elsewhere.yaml", "--catalogue", 14, 0]]),
        lambda merged: merged.pop("cautions"),
        lambda merged: merged.update(top=[]),
    ],
)
def test_an_entry_changed_after_it_was_signed_is_a_miss(own_catalogue: Path, change: Any) -> None:
    expected = _verdict_of_5(own_catalogue)
    _tamper(_entry(own_catalogue), change)
    assert _load_in_child(own_catalogue)[1] is True  # read from the YAML again
    assert _verdict_of_5(own_catalogue) == expected


def test_an_entry_another_user_planted_or_could_write_is_a_miss(
    own_catalogue: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Issue 12: a planted entry changed `show 5`'s verdict to supported.
    assert _verdict_of_5(own_catalogue) == "not supported"
    entry = _entry(own_catalogue)
    _tamper(entry, lambda merged: merged["benefits"][4]["evidence"].update(verdict="supported"))
    entry.chmod(0o666)
    assert _load_in_child(own_catalogue)[1] is True
    entry = _entry(own_catalogue)
    _tamper(entry, lambda merged: merged["benefits"][4]["evidence"].update(verdict="supported"))
    monkeypatch.setattr(os, "geteuid", lambda: os.getuid() + 1)  # as if another user owned it
    assert _verdict_of_5(own_catalogue) == "not supported"


def test_a_symbolic_link_at_the_entry_is_not_followed(own_catalogue: Path) -> None:
    load_catalogue([own_catalogue], only=True)
    entry = _entry(own_catalogue)
    planted = own_catalogue.parent / "planted.json"
    entry.replace(planted)
    _tamper(planted, lambda merged: merged["benefits"][4]["evidence"].update(verdict="supported"))
    entry.symlink_to(planted)
    assert _verdict_of_5(own_catalogue) == "not supported"
    assert not entry.is_symlink()  # replaced by a fresh entry, the link's target untouched
    assert "supported" in planted.read_text(encoding="utf-8")


def test_a_fifo_at_the_entry_is_a_miss_and_never_waited_on(own_catalogue: Path) -> None:
    load_catalogue([own_catalogue], only=True)
    entry = _entry(own_catalogue)
    entry.unlink()
    os.mkfifo(entry)
    assert _load_in_child(own_catalogue) == ("Reduction of Muscle Spasms and Tone", True)


def test_a_signing_key_another_process_made_first_stays(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Two first runs at once: the other process writes its key while this one is making
    # its own. This one's is linked (which fails when a key is there), not renamed over it.
    theirs = b"t" * 32
    key = tmp_path / "signing-key"
    real_open = os.open

    def racing_open(path: Any, flags: int, *args: Any) -> int:
        if str(path).endswith(".part") and not key.exists():
            key.write_bytes(theirs)
            key.chmod(0o600)
        return real_open(path, flags, *args)

    monkeypatch.setattr(os, "open", racing_open)
    assert cache._secret(tmp_path, create=True) == theirs
    assert key.read_bytes() == theirs


def test_the_temporary_file_never_follows_a_planted_link(
    own_catalogue: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Issue 12: a symbolic link named like the temporary file made the write overwrite its target.
    victim = own_catalogue.parent / "victim.txt"
    victim.write_text("precious", encoding="utf-8")
    monkeypatch.setattr(os, "urandom", lambda size: b"\x00" * size)
    load_catalogue([own_catalogue], only=True)
    entry = _entry(own_catalogue)
    entry.unlink()
    temporary = entry.with_name(f".{entry.name}.{'00' * 8}.part")
    temporary.symlink_to(victim)
    load_catalogue([own_catalogue], only=True)
    assert victim.read_text(encoding="utf-8") == "precious"
    assert temporary.is_symlink()
    assert not entry.exists()  # not kept this time, and nothing else written


def test_entries_are_private_to_their_user(own_catalogue: Path) -> None:
    load_catalogue([own_catalogue], only=True)
    assert _entry(own_catalogue).stat().st_mode & 0o777 == 0o600
    assert _entry(own_catalogue).parent.stat().st_mode & 0o777 == 0o700
    leftovers = [p for p in _entry(own_catalogue).parent.iterdir() if p.name.endswith(".part")]
    assert leftovers == []


def test_the_cache_folder_comes_from_the_environ_given(tmp_path: Path) -> None:
    environ = {"XDG_CONFIG_HOME": "/nonexistent", "XDG_CACHE_HOME": str(tmp_path / "given")}
    load_catalogue(environ=environ)
    assert list((tmp_path / "given" / "neurobenefits").glob("catalogue-*.json"))
    assert cache.cache_dir({"XDG_CACHE_HOME": "relative"}) != Path("relative/neurobenefits")


def test_a_signing_key_others_could_write_is_replaced(own_catalogue: Path) -> None:
    load_catalogue([own_catalogue], only=True)
    entry = _entry(own_catalogue)
    key = entry.parent / "signing-key"
    assert key.stat().st_mode & 0o777 == 0o600
    planted = key.read_bytes()
    key.chmod(0o666)
    assert _load_in_child(own_catalogue)[1] is True  # a miss: nothing it signed is trusted
    assert key.stat().st_mode & 0o777 == 0o600
    assert key.read_bytes() != planted
    assert _load_in_child(own_catalogue)[1] is False  # signed again, with the new key


def test_the_suite_keeps_to_its_own_cache_folder(catalogue: Catalogue) -> None:
    # Issue 14: the session-wide `catalogue` fixture once filled the user's real cache.
    assert os.environ["XDG_CACHE_HOME"] == ISOLATED["XDG_CACHE_HOME"]
    assert list((Path(ISOLATED["XDG_CACHE_HOME"]) / "neurobenefits").glob("catalogue-*.json"))
