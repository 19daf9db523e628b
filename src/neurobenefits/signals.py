"""Ending on a signal the way Ctrl-C ends: by unwinding, so every clean-up runs.

Python turns SIGINT into KeyboardInterrupt, which runs `finally` blocks and `with` exits
(a temporary file is removed, the browser is stopped). SIGTERM and SIGHUP would kill the
process on the spot and leave those behind, so while a command runs they raise `Terminated`,
which unwinds the same way and ends with the shell's usual code, 128 + the signal's number.

Once one of the three has arrived, the others are ignored: a second Ctrl-C pressed in
impatience must not cut the clean-up short (every clean-up step is bounded in time).
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


def _stop_listening() -> None:
    for number in (signal.SIGINT, *ENDING):
        signal.signal(number, signal.SIG_IGN)


def _terminated(signum: int, frame: FrameType | None) -> None:
    _stop_listening()
    raise Terminated(128 + signum)


def _interrupted(signum: int, frame: FrameType | None) -> None:
    _stop_listening()
    raise KeyboardInterrupt


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
