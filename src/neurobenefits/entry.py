"""The console script's first and last stop.

First: answer `--version` without loading the framework (importing Typer and Click costs
several times Python's own start-up, and `--version` needs neither).

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


def main() -> None:
    code = _exit_code(_run)
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (BrokenPipeError, ValueError):
        pass  # the reader has gone; nothing more can be said
    os._exit(code)


def _run() -> None:
    arguments = sys.argv[1:]
    if arguments in (["--version"], ["-V"]):
        from . import __version__

        sys.stdout.write(f"neurobenefits {__version__}\n")
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
