"""Where text meets stdout and stderr: one sanitiser, one guard per stream.

`visible` is the one sanitiser. Anything the program writes for a person (an answer, an
error naming a file, a key or an id, Click's own usage messages, Rich's rendered text) goes
through it, so a control character from a catalogue file, a file name, an argument or an
environment variable is shown as `\\x1b`, never sent raw to a terminal, where it could
retitle the window, rewrite the clipboard or clear the screen.

`guarded` puts a `Guard` in front of sys.stdout and sys.stderr for the life of a command. A
guard sanitises every write and turns a failing stream into one way of ending:

- the reader has gone (EPIPE, `| head -1`, `| true`): end quietly, exit 0;
- stdout is closed (`>&-`), full (`> /dev/full`) or broken: one line on stderr, exit 4;
- stderr fails: nothing can be said; the command goes on and keeps its exit code.
"""

from __future__ import annotations

import io
import os
import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager

from . import exitcodes

# Not typing.TYPE_CHECKING: `--version` comes through here, and importing typing would cost
# it a fifth of Python's start-up. mypy reads this name the same way.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import BinaryIO, Protocol, TextIO

    class BinaryWriter(Protocol):
        def write(self, data: bytes, /) -> int: ...

        def flush(self) -> None: ...


# C0 controls except tab and newline, DEL, C1 controls (0x9b is a one-byte CSI on some
# terminals), the bidi embedding, override and isolate controls that reorder what a line
# appears to say, and lone surrogates (bytes that were not valid UTF-8 in an argument, a
# file name or an environment variable).
HIDDEN = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)


def _shown(match: re.Match[str]) -> str:
    code = ord(match.group())
    if 0xDC80 <= code <= 0xDCFF:  # Python's stand-in for an undecodable byte: show the byte
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def visible(text: str) -> str:
    """`text` with every control character written as an escape (`\\x1b`, `\\u202e`).

    Idempotent: its output holds no character it would change.
    """
    return HIDDEN.sub(_shown, text)


def one_line(text: str) -> str:
    """`visible`, with newlines written as `\\n` too: a message stays one line."""
    return visible(text.strip("\n")).replace("\n", "\\n")


def first_hidden(text: str) -> str | None:
    """The first character `visible` would escape, shown escaped; None when there is none."""
    found = HIDDEN.search(text)
    return visible(found.group()) if found else None


class StreamFailed(SystemExit):
    """Writing the output failed; the exit code says how the program ends."""


class Guard(io.TextIOBase):
    """A text stream in front of stdout or stderr: sanitises, and ends cleanly on failure."""

    def __init__(self, stream: TextIO | None, *, is_stdout: bool) -> None:
        super().__init__()
        self.stream = stream
        self.is_stdout = is_stdout
        self.failed = False

    # What Click, Rich's detection and terminal.detect ask of a stream.
    @property
    def encoding(self) -> str:  # type: ignore[override]
        return getattr(self.stream, "encoding", None) or "utf-8"

    @property
    def errors(self) -> str | None:  # type: ignore[override]
        return getattr(self.stream, "errors", None)

    def isatty(self) -> bool:
        try:
            return self.stream is not None and self.stream.isatty()
        except (OSError, ValueError):
            return False

    def fileno(self) -> int:
        if self.stream is None:
            raise io.UnsupportedOperation("the stream is closed")
        return self.stream.fileno()

    def writable(self) -> bool:
        return True

    def write(self, text: str) -> int:
        if not isinstance(text, str):  # Click probes with b"" to tell text from binary
            raise TypeError(f"write() argument must be str, not {type(text).__name__}")
        self.write_styled(visible(text))
        return len(text)

    def write_styled(self, text: str) -> None:
        """Write text whose every escape is ours (Rich's colours, already sanitised)."""
        stream = self.stream
        if not text or self.failed:
            return
        if stream is None:
            self._fail(None)
            return
        try:
            try:
                stream.write(text)
            except UnicodeEncodeError:  # a stream that cannot take Unicode: degrade, not fail
                from .terminal import to_ascii

                stream.write(to_ascii(text).encode("ascii", "replace").decode("ascii"))
        except (OSError, ValueError) as error:
            self._fail(error)

    def flush(self) -> None:
        if self.stream is None or self.failed:
            return
        try:
            self.stream.flush()
        except (OSError, ValueError) as error:
            self._fail(error)

    def close(self) -> None:
        # The stream underneath is the process's, not ours: a guard that is closed or
        # collected after its command (tests run many in one process) stops writing and
        # never flushes it again, which would fail on a stream closed since.
        self.failed = True
        super().close()

    def binary(self) -> BinaryWriter:
        """The byte stream underneath, for a PDF; its failures end the program the same way."""
        buffer: BinaryIO | None = getattr(self.stream, "buffer", None)
        if buffer is None:
            self._fail(None)
            raise io.UnsupportedOperation("no byte stream under this one")
        self.flush()
        return _BinaryGuard(buffer, self)

    def _fail(self, error: BaseException | None) -> None:
        """Stop writing to this stream; for stdout, end the program as the module says."""
        self.failed = True
        if not self.is_stdout:
            return  # stderr: there is nowhere left to say anything
        _silence(self.stream)
        if isinstance(error, BrokenPipeError):
            raise StreamFailed(exitcodes.OK)  # the reader has gone: nothing left to do
        if not isinstance(error, OSError):
            reason = "standard output is closed"
        else:
            reason = f"could not write to standard output: {error.strerror or error}"
        report(f"neurobenefits: {reason}; nothing more was written.")
        raise StreamFailed(exitcodes.OUTPUT)


class _BinaryGuard:
    """The byte side of a Guard: writes bytes as they are, fails like the Guard."""

    def __init__(self, buffer: BinaryIO, guard: Guard) -> None:
        self.buffer = buffer
        self.guard = guard

    def write(self, data: bytes) -> int:
        try:
            return self.buffer.write(data)
        except (OSError, ValueError) as error:
            self.guard._fail(error)
            return 0

    def flush(self) -> None:
        try:
            self.buffer.flush()
        except (OSError, ValueError) as error:
            self.guard._fail(error)


def _silence(stream: TextIO | None) -> None:
    """Point a failed stdout at /dev/null, so that no later flush fails again."""
    try:
        fd = stream.fileno() if stream is not None else 1
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, fd)
        os.close(devnull)
    except (OSError, ValueError, AttributeError):
        pass


def report(line: str) -> None:
    """One line to stderr, sanitised; a failing stderr is ignored (nothing else can be done)."""
    err = sys.stderr
    text = one_line(line) + "\n"
    if err is None:
        return
    if not (getattr(err, "encoding", "") or "").lower().replace("_", "-").startswith("utf"):
        from .terminal import to_ascii

        text = to_ascii(text)
    try:
        err.write(text)
        err.flush()
    except (OSError, ValueError, UnicodeEncodeError):
        pass


def write_out(text: str, *, styled: bool = False) -> None:
    """The answer to stdout; `styled` text carries Rich's own escapes, already sanitised."""
    out = sys.stdout
    if styled and isinstance(out, Guard):
        out.write_styled(text)
    else:
        out.write(text if styled else visible(text))
    out.flush()


def binary_stdout() -> BinaryWriter:
    out = sys.stdout
    if isinstance(out, Guard):
        return out.binary()
    return out.buffer


@contextmanager
def guarded() -> Iterator[tuple[Guard, Guard]]:
    """Guard sys.stdout and sys.stderr for the duration; restore them afterwards."""
    saved = sys.stdout, sys.stderr
    out = Guard(sys.stdout, is_stdout=True)
    err = Guard(sys.stderr, is_stdout=False)
    sys.stdout, sys.stderr = out, err
    try:
        yield out, err
    finally:
        sys.stdout, sys.stderr = saved
