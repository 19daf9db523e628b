"""Usage errors that help: one line, saying what was wrong and what would be right.

Click (inside Typer) prints a usage error as four lines: the usage, a "Try --help" line, a
blank line and the error. README promises one line per error, so the command line prints
Click's message here, with a hint where the likely fix is known (`--json` -> `--format
json`), and the `--help` to read. The global options (`--catalogue`, `--only`) are also
accepted after the command, where people tend to type them.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Sequence
from typing import Any, NoReturn

# Typer 0.28 carries its own copy of Click; its parts are only reachable under typer._click.
from typer._click import Context, Parameter
from typer._click.exceptions import ClickException, NoArgsIsHelpError, UsageError
from typer.core import TyperCommand, TyperGroup, TyperOption

PROGRAM = "neurobenefits"


def _catalogues_after(ctx: Context, _param: Parameter, value: Sequence[str]) -> None:
    settings = ctx.find_root().obj
    if value and hasattr(settings, "catalogues"):
        # As typed, like the option before the command: Path('') would read `-c ''` as `.`,
        # and Path('ov.yaml/') as `ov.yaml`.
        settings.catalogues.extend(str(each) for each in value)


def _only_after(ctx: Context, _param: Parameter, value: bool) -> None:
    settings = ctx.find_root().obj
    if value and hasattr(settings, "only"):
        settings.only = True


class TakesGlobalOptions(TyperCommand):
    """A command that also reads `-c/--catalogue PATH` and `--only` after its name.

    `neurobenefits show 8 -c clinic.yaml` means what `neurobenefits -c clinic.yaml show 8`
    means. The options are hidden here: the program's --help documents them once.

    Its usage line names a required argument as people write it (`show [OPTIONS] REF...`),
    where Typer puts it in braces (`{REF}`), which reads as a set of choices.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.params += [
            TyperOption(
                param_decls=["-c", "--catalogue", "catalogue_after"],
                multiple=True,
                hidden=True,
                expose_value=False,
                callback=_catalogues_after,
            ),
            TyperOption(
                param_decls=["--only", "only_after"],
                is_flag=True,
                default=False,
                hidden=True,
                expose_value=False,
                callback=_only_after,
            ),
        ]

    def collect_usage_pieces(self, ctx: Context) -> list[str]:
        pieces: list[str] = super().collect_usage_pieces(ctx)
        return [re.sub(r"^\{(.+)\}$", r"\1", piece) for piece in pieces]


def format_choices(ctx: Context | None) -> list[str]:
    """The values the command's --format accepts, if it has one."""
    if ctx is None:
        return []
    for param in ctx.command.params:
        if "--format" in getattr(param, "opts", ()):
            return [str(choice) for choice in getattr(param.type, "choices", ())]
    return []


def format_hint(arguments: Sequence[str], choices: Sequence[str]) -> str:
    """`did you mean --format json?` for `--json`, when json is one of the choices."""
    lowered = {choice.lower(): choice for choice in choices}
    for argument in arguments:
        name = argument.lstrip("-").lower()
        if argument.startswith("--") and name in lowered:
            return f"Did you mean --format {lowered[name]}?"
    return ""


def one_line(error: ClickException, arguments: Sequence[str], command: str = "") -> str:
    """The error as one line: Click's message, a hint if one fits, and where help is."""
    if not isinstance(error, UsageError):
        return " ".join(error.format_message().split())
    message = " ".join(error.format_message().split())
    hint = format_hint(arguments, format_choices(error.ctx))
    if hint:  # Click's own guess (by spelling) would only compete with the better one
        message = re.sub(r" \(Possible options: [^)]*\)", "", message)
    if not message.endswith((".", "?", "!")):
        message += "."
    # Click leaves out the context of some errors (an option missing its value): the command
    # named on the line is the one whose help to read.
    path = error.ctx.command_path if error.ctx else " ".join(filter(None, [PROGRAM, command]))
    parts = [message, hint, f"Try '{path} --help'."]
    return " ".join(part for part in parts if part)


def is_help_request(error: ClickException) -> bool:
    """`neurobenefits` alone: Click shows the help rather than an error."""
    return isinstance(error, NoArgsIsHelpError)


class OneLineErrors(TyperGroup):
    """The program: Click's usage errors are reported in one line (see one_line)."""

    def main(  # type: ignore[override]
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        arguments = list(sys.argv[1:] if args is None else args)
        if not standalone_mode:
            return super().main(arguments, prog_name, complete_var, False, **extra)
        try:
            result = super().main(arguments, prog_name, complete_var, False, **extra)
        except ClickException as error:
            if is_help_request(error):
                error.show()
                sys.exit(error.exit_code)
            command = next((a for a in arguments if a in self.commands), "")
            self.report(one_line(error, arguments, command), error.exit_code)
        sys.exit(result if isinstance(result, int) else 0)

    def report(self, message: str, code: int) -> NoReturn:
        sys.stderr.write(message + "\n")
        sys.exit(code)
