"""Ending on a signal the way Ctrl-C ends: by unwinding, so every clean-up runs.

Python turns SIGINT into KeyboardInterrupt, which runs `finally` blocks and `with` exits
(a temporary file is removed, the browser is stopped). SIGTERM and SIGHUP would kill the
process on the spot and leave those behind, so while a command runs they raise `Terminated`,
which unwinds the same way and ends with the shell's usual code, 128 + the signal's number.
"""

from __future__ import annotations

import signal
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

CAUGHT = (signal.SIGTERM, signal.SIGHUP)


class Terminated(SystemExit):
    """A SIGTERM or SIGHUP arrived; the exit code is 128 + its number."""


def _raise(signum: int, frame: FrameType | None) -> None:
    raise Terminated(128 + signum)


@contextmanager
def ending_on_signals() -> Iterator[None]:
    """While the block runs, SIGTERM and SIGHUP unwind it; ignored signals stay ignored."""
    saved = {}
    for number in CAUGHT:
        previous = signal.getsignal(number)
        if previous is signal.SIG_IGN:  # e.g. started under nohup: keep the user's choice
            continue
        saved[number] = previous
        signal.signal(number, _raise)
    try:
        yield
    finally:
        for number, previous in saved.items():
            signal.signal(number, previous)
