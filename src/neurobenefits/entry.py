"""The console script's first and last stop.

First: answer `--version` without loading the framework (importing Typer and Click costs
several times Python's own start-up, and `--version` needs neither); then the common reads
through the quick path (quick.py), also without Typer; everything else through the Typer app.

Around the command: stdout and stderr are guarded (streams.py: sanitised, a closed or full
stdout is one line and exit 4, a reader that has gone ends quietly), and SIGTERM and SIGHUP
unwind like Ctrl-C so that no temporary file or browser is left behind (signals.py).

Last: once the answer is written and flushed, end the process at once with os._exit. The
interpreter's orderly teardown (clearing every module Typer and Rich loaded) costs about
10 ms, a sixth of a whole call, and does nothing for a program that holds no open files,
threads or atexit work at that point (measured for issue 8).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable

from . import exitcodes
from .streams import guarded


def main() -> None:
    os._exit(outcome(sys.argv[1:]))


def outcome(arguments: list[str], *, quick: bool = True) -> int:
    """Run one command line with guarded streams; the exit code, once all output is flushed.

    `quick=False` leaves every command line to the Typer app (the tests compare the two).
    """
    with guarded() as (out, err):
        code = _exit_code(lambda: _run(arguments, quick=quick))
        final = _exit_code(out.flush)
        err.flush()
    return final or code


def _run(arguments: list[str] | None = None, *, quick: bool = True) -> None:
    arguments = sys.argv[1:] if arguments is None else arguments
    if arguments in (["--version"], ["-V"]):
        from . import version_line

        sys.stdout.write(version_line())
        return
    from .signals import ending_on_signals  # not before: --version needs no clean-up

    with ending_on_signals():
        if quick:
            from .quick import answer

            if answer(arguments):
                return
        from .cli import run

        run(arguments)


def _exit_code(action: Callable[[], None]) -> int:
    """Run `action` and turn how it ended into an exit code."""
    try:
        action()
    except SystemExit as done:  # Typer ends every command this way, with an int or None
        return done.code if isinstance(done.code, int) else int(done.code is not None)
    except KeyboardInterrupt:
        return exitcodes.INTERRUPTED
    return exitcodes.OK
