"""Read a file only when it is a regular file, without ever blocking on anything else.

A FIFO, a terminal or a device named where a file is expected would make `open()` or
`read()` wait forever (or read without end). So the path is looked at before it is opened,
opened non-blocking (which returns at once even for a FIFO with no writer), and looked at
again through the open handle, in case it was swapped in between.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from pathlib import Path


class NotReadable(Exception):
    """The file cannot be read; the message says why, as a person would put it."""


_KINDS = (
    (stat.S_ISDIR, "is a directory; expected a YAML file"),
    (stat.S_ISFIFO, "is a pipe (FIFO), not a regular file; expected a YAML file"),
    (stat.S_ISSOCK, "is a socket, not a regular file; expected a YAML file"),
    (stat.S_ISCHR, "is a device, not a regular file; expected a YAML file"),
    (stat.S_ISBLK, "is a device, not a regular file; expected a YAML file"),
)
_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
_FLAGS |= getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)


def not_regular(mode: int) -> str | None:
    """Why a file of this mode is refused, or None when it is a regular file."""
    if stat.S_ISREG(mode):
        return None
    for test, reason in _KINDS:
        if test(mode):
            return reason
    return "is not a regular file; expected a YAML file"


def read_regular(
    path: str | Path,
    max_bytes: int,
    *,
    flags: int = 0,
    accept: Callable[[os.stat_result], str | None] | None = None,
) -> bytes:
    """At most `max_bytes + 1` bytes of a regular file (one more shows the file is too big).

    `flags` are added to the open (the cache adds O_NOFOLLOW); `accept` may refuse the open
    file for a reason of its own (the cache refuses a file that another user could write).
    """
    if not os.fspath(path):  # `--catalogue ''` would otherwise read `.`, a directory
        raise NotReadable("the file name is empty; expected the path of a YAML file")
    try:
        reason = not_regular(Path(path).stat().st_mode)
        if reason:
            raise NotReadable(reason)
        descriptor = os.open(path, _FLAGS | flags)
    except FileNotFoundError:
        raise NotReadable("no such file") from None
    except NotADirectoryError:
        raise NotReadable("no such file (a part of its path is not a folder)") from None
    except PermissionError:
        raise NotReadable("permission denied; the file must be readable") from None
    except OSError as error:
        raise NotReadable(f"cannot be read ({error.strerror or error})") from None
    with os.fdopen(descriptor, "rb") as handle:
        try:
            status = os.fstat(descriptor)
            # Looked at again: the name may have been swapped for something else meanwhile.
            reason = not_regular(status.st_mode) or (accept(status) if accept else None)
            if reason:
                raise NotReadable(reason)
            return handle.read(max_bytes + 1)
        except IsADirectoryError:
            raise NotReadable("is a directory; expected a YAML file") from None
        except OSError as error:
            raise NotReadable(f"cannot be read ({error.strerror or error})") from None
