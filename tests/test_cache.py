"""The cache of the stacked catalogue: used when the files are unchanged, never trusted beyond that."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from neurobenefits import cache
from neurobenefits.catalogue import load_catalogue, stack_paths

from .conftest import REPO

_PROBE = (
    "import sys\n"
    "from pathlib import Path\n"
    "from neurobenefits.catalogue import load_catalogue\n"
    "catalogue = load_catalogue([Path(sys.argv[1])], only=True)\n"
    "print(catalogue.benefit(8).notes or catalogue.benefit(8).title, 'yaml' in sys.modules)\n"
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
        data = json.loads(stored.read_text(encoding="utf-8"))
        data["merged"] = {"top": {}}
        stored.write_text(json.dumps(data), encoding="utf-8")
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
