"""Show long output through a pager that owns the terminal while it runs.

As git and Click's `echo_via_pager` do: while the pager runs we ignore Ctrl-C (the pager
handles it; if we died, the pager would be orphaned and the terminal left without echo), we
wait for it to end, and if we are told to end (SIGTERM, SIGHUP: signals.py) we end the pager
first. `less` gets git's defaults when LESS is unset (`FRX`: colours shown, quit if the text
fits on one screen, screen not cleared), so coloured output shows as colour, not `ESC[1m`.
"""

from __future__ import annotations

import os
import shlex
import signal
import subprocess

from .signals import deferred


class PagerError(Exception):
    """The pager cannot be used; the message says which and why."""


class PagerMissing(PagerError):
    """The pager could not be started: the output is better printed directly."""


class PagerFailed(PagerError):
    """The pager ended with an error, so the output may not have been shown."""


class PagerInterrupted(Exception):
    """Ctrl-C ended the pager (as it ends `more`): the reader's wish, not a failure."""


def pager_argv(command: str, source: str) -> list[str]:
    """The command split as a shell would; `source` names where it came from, for the message."""
    try:
        argv = shlex.split(command)
    except ValueError as error:
        raise PagerError(
            f"{source}={shlex.quote(command)} is not a command that can be run ({error}); "
            "set it to a pager such as 'less -R'."
        ) from None
    if not argv:
        raise PagerError(f"{source} is empty; set it to a pager such as 'less -R'.")
    return argv


def pager_environment(environ: dict[str, str] | os._Environ[str]) -> dict[str, str]:
    env = dict(environ)
    env.setdefault("LESS", "FRX")
    env.setdefault("LV", "-c")  # the same for lv, as git does
    return env


def show(data: bytes, argv: list[str], source: str) -> None:
    """Show `data` through the pager; PagerMissing, PagerFailed or PagerInterrupted if not."""
    status = page(data, argv)
    if status in (-signal.SIGINT, 128 + signal.SIGINT):
        raise PagerInterrupted
    if status != 0:
        how = f"exit {status}" if status > 0 else f"signal {-status}"
        raise PagerFailed(
            f"The pager ({shlex.join(argv)}) ended with {how}, so the output may not have been "
            f"shown; fix {source} or leave out --pager."
        )


def page(data: bytes, argv: list[str]) -> int:
    """Feed `data` to the pager and wait for it; its exit code."""
    process = None
    previous = signal.getsignal(signal.SIGINT)
    try:
        try:
            with deferred():  # a signal now must not leave the pager running unrecorded
                process = subprocess.Popen(
                    argv, stdin=subprocess.PIPE, env=pager_environment(os.environ)
                )
        except OSError as error:
            raise PagerMissing(
                f"The pager {shlex.join(argv)} could not be started "
                f"({error.strerror or error}); printing directly."
            ) from None
        # Only now: an ignored SIGINT would be inherited, and the pager needs its Ctrl-C.
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        try:
            assert process.stdin is not None
            process.stdin.write(data)
            process.stdin.close()
        except BrokenPipeError:
            pass  # the pager was quit before it read everything: that is the reader's choice
        return process.wait()
    finally:
        if process is not None and process.returncode is None:  # we are being ended
            process.terminate()
            try:
                process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        if previous is not None:
            signal.signal(signal.SIGINT, previous)
