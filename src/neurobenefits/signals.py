"""Ending on a signal the way Ctrl-C ends: by unwinding, so every clean-up runs.

Python turns SIGINT into KeyboardInterrupt, which runs `finally` blocks and `with` exits
(a temporary file is removed, the browser is stopped). SIGTERM and SIGHUP would kill the
process on the spot and leave those behind, so while a command runs they raise `Terminated`,
which unwinds the same way and ends with the shell's usual code, 128 + the signal's number.

Once one of the three has arrived, the others are ignored: a second Ctrl-C pressed in
impatience must not cut the clean-up short (every clean-up step is bounded in time).

`deferred()` holds a signal back for the few steps that create something to clean up (a
child process, a temporary file): one that arrived in between would unwind before the new
thing was recorded, and leave it behind.
"""

from __future__ import annotations

import signal
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from types import FrameType
from typing import Any

ENDING = (signal.SIGTERM, signal.SIGHUP)


class Terminated(SystemExit):
    """A SIGTERM or SIGHUP arrived; the exit code is 128 + its number."""


class _State:
    deferring = 0
    pending: BaseException | None = None


def _stop_listening() -> None:
    for number in (signal.SIGINT, *ENDING):
        signal.signal(number, signal.SIG_IGN)


def _arrived(ending: BaseException) -> None:
    if _State.deferring:
        _State.pending = _State.pending or ending
        return
    _stop_listening()
    raise ending


def _terminated(signum: int, frame: FrameType | None) -> None:
    _arrived(Terminated(128 + signum))


def _interrupted(signum: int, frame: FrameType | None) -> None:
    _arrived(KeyboardInterrupt())


@contextmanager
def deferred() -> Iterator[None]:
    """A signal that arrives inside the block takes effect when the block ends."""
    _State.deferring += 1
    try:
        yield
    finally:
        _State.deferring -= 1
        if not _State.deferring and _State.pending is not None:
            ending, _State.pending = _State.pending, None
            _stop_listening()
            raise ending


@contextmanager
def ending_on_signals() -> Iterator[None]:
    """While the block runs, SIGINT, SIGTERM and SIGHUP unwind it, once.

    A signal the process started with ignored (under nohup, or SIGINT in a background job)
    stays ignored.
    """
    handlers: dict[int, Callable[[int, FrameType | None], Any]] = {
        signal.SIGINT: _interrupted,
        **dict.fromkeys(ENDING, _terminated),
    }
    saved = {}
    for number, handler in handlers.items():
        previous = signal.getsignal(number)
        if previous is signal.SIG_IGN:
            continue
        saved[number] = previous
        signal.signal(number, handler)
    try:
        yield
    finally:
        for number, previous in saved.items():
            signal.signal(number, previous)
