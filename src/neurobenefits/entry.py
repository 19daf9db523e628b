"""The console script's first stop: answer `--version` without loading the framework.

Importing Typer and Click costs several times Python's own start-up, and `--version` needs
neither; every other call goes on to cli.run.
"""

from __future__ import annotations

import sys


def main() -> None:
    arguments = sys.argv[1:]
    if arguments in (["--version"], ["-V"]):
        from importlib.metadata import PackageNotFoundError, version

        try:
            number = version("neurobenefits")
        except PackageNotFoundError:
            number = "unknown (not installed)"
        sys.stdout.write(f"neurobenefits {number}\n")
        return
    from .cli import run

    run(arguments)
