"""How a command ends, the same for both ways in (the Typer app and the quick path, quick.py).

A problem the core raises (errors.py) becomes its lines on stderr and the exit code of its
kind; anything else a command raises is a bug, told in one line with exit 70. No Typer here:
the quick path must not pay for importing it.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from typing import NoReturn

from . import exitcodes
from .errors import Kind, NeurobenefitsError
from .streams import report

# What each kind of problem the core raises means to a shell.
EXIT_CODES = {
    Kind.NOT_FOUND: exitcodes.NOT_FOUND,
    Kind.USAGE: exitcodes.USAGE,
    Kind.CATALOGUE: exitcodes.CATALOGUE,
    Kind.OUTPUT: exitcodes.OUTPUT,
}


def fail(message: str | Sequence[str], code: int) -> NoReturn:
    """Print an error (or one line per problem) to stderr and end with `code`.

    Each line goes through streams.report: control characters from a file name, a key or an
    argument are shown escaped, and a newline inside a value cannot start a second line.
    """
    for line in [message] if isinstance(message, str) else message:
        report(line)
    raise SystemExit(code)


def fail_with(problem: NeurobenefitsError) -> NoReturn:
    """End as the problem's kind says: its lines on stderr, its exit code."""
    fail(problem.lines, EXIT_CODES[problem.kind])


def answered(action: Callable[[], object]) -> None:
    """Run one command: a problem ends as its kind says, Ctrl-C with 130, a bug in one line
    with exit 70."""
    try:
        action()
    except KeyboardInterrupt:
        raise SystemExit(exitcodes.INTERRUPTED) from None
    except NeurobenefitsError as problem:
        fail_with(problem)
    except Exception as error:  # a bug: say so plainly, with the traceback only on request
        if os.environ.get("NEUROBENEFITS_DEBUG"):
            raise
        fail(
            f"neurobenefits: internal error: {type(error).__name__}: {error}. "
            "Set NEUROBENEFITS_DEBUG=1 to see the traceback, and please report it.",
            exitcodes.INTERNAL,
        )
