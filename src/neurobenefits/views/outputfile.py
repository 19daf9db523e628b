"""Writing an output file safely: only a regular file, never over one unless asked, never half.

- The name must be a file's: a name ending in `/` or naming a folder is refused.
- Only a regular file (or a symbolic link, which is replaced, never followed) may be
  replaced, and only with `force`; a device, a FIFO or a socket is refused even then, so
  `--output /dev/full --force` cannot turn a device node into a file.
- The data goes to a temporary file created exclusively beside the target, then is put in
  place in one step: without `force` by a hard link, which fails if the name has appeared
  meanwhile (so a file created while an export runs is never overwritten); with `force` by
  a rename. An interruption that can be caught removes the temporary file.
"""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from pathlib import Path

from ..errors import OutputFailed
from ..signals import deferred


class OutputRefused(OutputFailed):
    """The target cannot or may not be written; the message says why and what would do."""


class OutputExists(OutputRefused):
    """The target exists and --force was not given."""


# Errors from os.link on a file system without hard links (FAT, some network mounts).
_NO_HARD_LINKS = {errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.ENOSYS, errno.EMLINK}


def check_target(
    name: str | os.PathLike[str], *, force: bool, example: str = "handout.html"
) -> Path:
    """The path to write, after refusing what may not be written (before any work is done).

    `example` is a file name to suggest when `name` is a folder. Give the name as typed (a
    string): a Path has lost a trailing `/`.
    """
    name = os.fspath(name)
    if not name.strip():
        raise OutputRefused(f"The output file name is empty; give one, e.g. {example}.")
    path = Path(name)
    if name.endswith(("/", os.sep)):
        raise OutputRefused(_folder_message(name, example))
    try:
        status = path.lstat()
    except FileNotFoundError:
        return path
    except OSError as error:  # a name too long, a loop of links, a file used as a folder
        raise OutputRefused(f"Could not write {name}: {error.strerror or error}.") from None
    if stat.S_ISDIR(status.st_mode) or (stat.S_ISLNK(status.st_mode) and _is_folder(path)):
        raise OutputRefused(_folder_message(name, example))
    if stat.S_ISLNK(status.st_mode):
        if not force:
            raise OutputExists(
                f"{name} exists already (a symbolic link); add --force to replace the link."
            )
        return path
    if not stat.S_ISREG(status.st_mode):
        raise OutputRefused(
            f"{name} is not a regular file ({_kind(status.st_mode)}); "
            "export writes only regular files, even with --force."
        )
    if not force:
        raise OutputExists(f"{name} exists already; add --force to overwrite it.")
    return path


def _folder_message(name: str, example: str) -> str:
    return f"{name} names a folder; give a file name, e.g. {Path(name) / example}."


def _is_folder(path: Path) -> bool:
    """Whether `path` leads to a folder, following links; False when it leads nowhere."""
    try:
        return stat.S_ISDIR(path.stat().st_mode)
    except OSError:
        return False


def _kind(mode: int) -> str:
    for test, kind in (
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
        (stat.S_ISFIFO, "a FIFO"),
        (stat.S_ISSOCK, "a socket"),
    ):
        if test(mode):
            return kind
    return "not a file"


def write_atomically(name: str | os.PathLike[str], data: bytes, *, force: bool = False) -> None:
    """Write `data` to `name` as the module says; OutputRefused when it cannot, saying why."""
    try:
        _write_atomically(name, data, force=force)
    except OSError as error:  # a full disk, a folder that is not there or not ours
        raise OutputRefused(
            f"Could not write {os.fspath(name)}: {error.strerror or error}."
        ) from None


def _write_atomically(name: str | os.PathLike[str], data: bytes, *, force: bool) -> None:
    path = check_target(name, force=force)
    mode = _mode_for(path)
    temporary: Path | None = None
    try:
        with deferred():  # a signal now must not leave the temporary file unrecorded
            # Cut to 200 bytes, so that a name near the 255-byte limit leaves room for ours.
            short = os.fsdecode(os.fsencode(path.name)[:200])
            handle, name_made = tempfile.mkstemp(
                prefix=f".{short}.", suffix=".part", dir=path.parent
            )
            temporary = Path(name_made)
        with os.fdopen(handle, "wb") as stream:
            os.fchmod(stream.fileno(), mode)  # mkstemp makes it private; a handout is not
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        if force:
            check_target(name, force=True)  # still a regular file or a link, or gone
            temporary.replace(path)
        else:
            _link_into_place(temporary, path, data, mode)
    finally:
        if temporary is not None:
            temporary.unlink(missing_ok=True)


def _link_into_place(temporary: Path, path: Path, data: bytes, mode: int) -> None:
    """Give the finished file its name, failing if the name exists by now."""
    try:
        os.link(temporary, path, follow_symlinks=False)
        return
    except FileExistsError:
        raise OutputExists(f"{path} exists already; add --force to overwrite it.") from None
    except OSError as error:
        if error.errno not in _NO_HARD_LINKS:
            raise
    # No hard links here: create the name exclusively and copy into it.
    created = False
    try:
        with deferred():  # a signal now must not leave a new, empty file behind
            handle = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, mode)
            created = True
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
    except FileExistsError:
        raise OutputExists(f"{path} exists already; add --force to overwrite it.") from None
    except BaseException:
        if created:
            path.unlink(missing_ok=True)
        raise


def _mode_for(path: Path) -> int:
    """The existing file's permissions, or what a new file gets under the user's umask."""
    try:
        status = path.lstat()
        if stat.S_ISREG(status.st_mode):
            return status.st_mode & 0o777
    except OSError:
        pass
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask
