"""A cache of the stacked catalogue, so that most calls skip PyYAML and parsing.

Parsing the YAML costs more than everything else a `show` does. The checked, stacked data is
kept as JSON in the user's cache folder under a key made of a hash of every stacked file's
bytes (with its name and role) and of this code's own files, so any edit to a catalogue, even
one that keeps its size and time, or an upgrade of the program makes a new key.

The cache folder is input from outside too. An entry is used only when it is a regular file
(never a FIFO, a device or a symbolic link), owned by this user and writable by no one else,
holds the key it is filed under, and carries the signature that this user's own random key
(`signing-key`, beside the entries, private to the user) gives its data. Only data this
program checked and wrote can carry it, so a planted, edited or damaged entry is a miss,
never an error or a changed answer; checking a signature costs a hash, where checking the
data again would cost as much as a fifth of reading the YAML. Entries and the key are written
through temporary files created exclusively (O_EXCL, O_NOFOLLOW) beside them and renamed
(or linked) into place. NEUROBENEFITS_NO_CACHE=1 turns it off.
"""

from __future__ import annotations

import contextlib
import json
import os
import stat
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from .regularfile import NotReadable, read_regular

FORMAT = 2
NO_CACHE_VARIABLE = "NEUROBENEFITS_NO_CACHE"
MAX_ENTRY_BYTES = 128 * 1024 * 1024  # the JSON of the largest catalogue allowed is far less
_CODE = (
    "stack.py",
    "build.py",
    "spec.py",
    "validate.py",
    "yamlsafe.py",
    "cache.py",
    "glossary.py",
)
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)


def _blake2b(data: bytes = b"", key: bytes = b"") -> Any:
    # hashlib costs 4 ms to import (it loads OpenSSL); its BLAKE2 lives in a small built-in
    # module that imports in 0.5 ms. hashlib is the fallback where that module is absent.
    try:
        from _blake2 import blake2b
    except ImportError:
        from hashlib import blake2b
    return blake2b(data, digest_size=32, key=key)


def cache_dir(environ: Mapping[str, str] | None = None) -> Path | None:
    """The cache folder, or None when there is none to use.

    A relative XDG_CACHE_HOME is ignored, as the XDG specification asks.
    """
    env = os.environ if environ is None else environ
    xdg = env.get("XDG_CACHE_HOME", "")
    if xdg and Path(xdg).is_absolute():
        return Path(xdg) / "neurobenefits"
    if sys.platform == "win32" and env.get("LOCALAPPDATA"):
        return Path(env["LOCALAPPDATA"]) / "neurobenefits" / "Cache"
    try:
        home = Path.home()
    except (RuntimeError, KeyError, OSError):
        return None
    if sys.platform == "darwin":
        return home / "Library" / "Caches" / "neurobenefits"
    return home / ".cache" / "neurobenefits"


def key_for(sources: Sequence[tuple[str, str, bytes]]) -> str:
    """The key of a stack of (name, role, bytes): a hash of all of it and of this code."""
    here = Path(__file__).parent
    try:
        code = [(here / name).stat().st_mtime_ns for name in _CODE]
    except OSError:
        code = []
    files = [[name, role, len(raw), _blake2b(raw).hexdigest()] for name, role, raw in sources]
    return str(_blake2b(json.dumps([FORMAT, code, files]).encode()).hexdigest())


def _disabled(environ: Mapping[str, str] | None) -> bool:
    return bool((os.environ if environ is None else environ).get(NO_CACHE_VARIABLE))


def _entry(key: str, environ: Mapping[str, str] | None) -> Path | None:
    folder = cache_dir(environ)
    return folder / f"catalogue-{key[:32]}.json" if folder else None


def _refuse_foreign(status: os.stat_result) -> str | None:
    """Why an entry is not to be trusted: another user owns it, or others may write it."""
    if hasattr(os, "geteuid") and status.st_uid != os.geteuid():
        return "owned by another user"
    if status.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
        return "writable by others"
    return None


def read(key: str, environ: Mapping[str, str] | None = None) -> dict[str, Any] | None:
    """The stored data for `key`, or None (a miss) if anything about the entry is odd."""
    entry = None if _disabled(environ) else _entry(key, environ)
    secret = _secret(entry.parent) if entry else None
    if entry is None or secret is None:
        return None
    try:
        raw = read_regular(entry, MAX_ENTRY_BYTES, flags=_NOFOLLOW, accept=_refuse_foreign)
    except NotReadable:
        return None
    header, _, body = raw.partition(b"\n")
    if header != _header(key, secret, body):
        return None
    try:
        merged = json.loads(body)
    except (ValueError, RecursionError):
        return None
    return merged if isinstance(merged, dict) else None


def write(key: str, merged: dict[str, Any], environ: Mapping[str, str] | None = None) -> None:
    """Keep the data for next time; a cache that cannot be written is simply not kept."""
    target = None if _disabled(environ) else _entry(key, environ)
    if target is None:
        return
    with contextlib.suppress(OSError):
        target.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    secret = _secret(target.parent, create=True)
    if secret is None:
        return
    body = json.dumps(merged, separators=(",", ":")).encode()
    # Renamed over whatever has the entry's name (a link, a FIFO): never written through it.
    _write_new(target, _header(key, secret, body) + b"\n" + body, replace=True)


def _header(key: str, secret: bytes, body: bytes) -> bytes:
    """The entry's first line: its key and the signature of the data below it."""
    return f"{key} {_blake2b(body, key=secret).hexdigest()}".encode()


def _secret(folder: Path, *, create: bool = False) -> bytes | None:
    """This user's signing key, made on first use; None when there is none to trust."""
    path = folder / "signing-key"
    try:
        raw = read_regular(path, 64, flags=_NOFOLLOW, accept=_refuse_foreign)
    except NotReadable:
        if not create:
            return None
        # Linked when there is none, so that a key another process made first stays; renamed
        # over one that cannot be trusted (another user's, one others could write, a FIFO),
        # so that the entries it signed become misses and this user's cache works again.
        _write_new(path, os.urandom(32), replace=not _absent(path))
        return _secret(folder)
    return raw if len(raw) == 32 else None


def _absent(path: Path) -> bool:
    try:
        path.lstat()
    except OSError:  # no such file; or a name too long, which then fails to be written too
        return True
    return False


def _write_new(target: Path, data: bytes, *, replace: bool = False) -> bool:
    """Write `data` to a new temporary file beside `target`, then move it into place: renamed
    over `target` (replace), or linked, which fails if `target` exists. False if not done."""
    # A name no one can guess, created only if nothing has that name (O_EXCL), never through
    # a symbolic link planted there (O_NOFOLLOW), readable by this user alone.
    temporary = target.with_name(f".{target.name}.{os.urandom(8).hex()}.part")
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW | getattr(os, "O_CLOEXEC", 0)
    try:
        descriptor = os.open(temporary, flags, 0o600)
    except OSError:
        return False
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
        if replace:
            temporary.replace(target)
        else:
            os.link(temporary, target)
    except OSError:
        return False
    finally:
        with contextlib.suppress(OSError):
            temporary.unlink(missing_ok=True)
    return True
