"""A cache of the stacked catalogue, so that most calls skip PyYAML and validation.

Parsing and checking the YAML costs more than everything else a `show` does. The checked,
stacked data is kept as JSON in the user's cache folder under a key made of every stacked
file's path, size and modification time, and of this code's own files, so any edit to a
catalogue or an upgrade of the program makes a new key. Anything wrong with the cache
(unreadable, corrupt, from another version) only means a miss. NEUROBENEFITS_NO_CACHE=1
turns it off.
"""

from __future__ import annotations

import contextlib
import json
import os
import sys
import zlib
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

FORMAT = 1
NO_CACHE_VARIABLE = "NEUROBENEFITS_NO_CACHE"
_CODE = ("stack.py", "build.py", "spec.py", "validate.py", "yamlsafe.py", "cache.py")


def cache_dir(environ: Mapping[str, str] | None = None) -> Path:
    env = os.environ if environ is None else environ
    if env.get("XDG_CACHE_HOME"):
        return Path(env["XDG_CACHE_HOME"]) / "neurobenefits"
    if sys.platform == "win32" and env.get("LOCALAPPDATA"):
        return Path(env["LOCALAPPDATA"]) / "neurobenefits" / "Cache"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Caches" / "neurobenefits"
    return Path.home() / ".cache" / "neurobenefits"


def stack_key(stack: Sequence[tuple[Path, str]]) -> str | None:
    """What identifies this stack's content, or None when a file cannot be looked at."""
    here = Path(__file__).parent
    parts: list[Any] = [FORMAT]
    try:
        for path, role in stack:
            status = path.stat()
            parts.append([str(path.resolve()), role, status.st_size, status.st_mtime_ns])
        parts += [(here / name).stat().st_mtime_ns for name in _CODE]
    except OSError:
        return None
    return json.dumps(parts)


def _file_for(key: str, environ: Mapping[str, str] | None) -> Path:
    return cache_dir(environ) / f"catalogue-{zlib.crc32(key.encode()):08x}.json"


def read(key: str, environ: Mapping[str, str] | None = None) -> dict[str, Any] | None:
    if (os.environ if environ is None else environ).get(NO_CACHE_VARIABLE):
        return None
    try:
        with _file_for(key, environ).open(encoding="utf-8") as handle:
            stored = json.load(handle)
    except (OSError, ValueError):
        return None
    if not isinstance(stored, dict) or stored.get("key") != key:
        return None
    merged = stored.get("merged")
    return merged if isinstance(merged, dict) else None


def write(key: str, merged: dict[str, Any], environ: Mapping[str, str] | None = None) -> None:
    """Keep the data for next time; a cache that cannot be written is simply not kept."""
    if (os.environ if environ is None else environ).get(NO_CACHE_VARIABLE):
        return
    target = _file_for(key, environ)
    temporary = target.with_name(f"{target.name}.{os.getpid()}.part")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        temporary.write_text(json.dumps({"key": key, "merged": merged}), encoding="utf-8")
        temporary.replace(target)
    except OSError:
        with contextlib.suppress(OSError):
            temporary.unlink(missing_ok=True)
