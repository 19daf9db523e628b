"""The common reads without Typer: a strict parser for `show`, `list`, `search`, `cautions`
and `references` command lines.

Importing Typer alone costs about 6 x `python -c pass` (137 ms against 23 ms, measured for
issue 15), as much as a whole plain `show` may take. So the console script reads these
command lines itself when they keep to a shape Typer would read the same way, and calls the
same command bodies (commands.py); anything else is declined (None) and the Typer app runs
(cli.py), with its help, its usage errors and its completion. Declining is always safe.

Accepted, and nothing else: the global options `--catalogue/-c PATH` (repeatable) and
`--only`, then the command's name, then words that do not start with `-` and the command's
own options as separate tokens, each at most once (`--cited-by` repeatable): a choice in
lower case as the command lists it, text that does not start with `-`, a `--limit` of 1 to
999,999,999 written in plain digits. Declined, for example: `-h`, `--`, `--format=json`,
`-fjson`, `-f JSON`, an option twice, an option after the command that is not its own, a
missing value, a missing or extra word, and any shell completion request (a variable named
`_..._COMPLETE`). tests/test_quick.py checks this table against the Typer app's parameters
and that both ways in print the same for the same command line.
"""

# No `from __future__ import annotations` here: typing.NamedTuple compiles each field's
# annotation when it is a string, about 0.2 ms a field at every start-up (issue 15).

import os
from collections.abc import Callable, Mapping, Sequence
from typing import Any, NamedTuple

from . import commands

FLAG = "flag"  # takes no value
CHOICE = "choice"  # one of `choices`, exactly
TEXT = "text"  # any text that does not start with `-`
TEXTS = "texts"  # TEXT, repeatable: a list
COUNT = "count"  # a positive whole number


class Option(NamedTuple):
    names: tuple[str, ...]
    dest: str  # the keyword argument of the command's function
    kind: str
    choices: tuple[str, ...] = ()


class Command(NamedTuple):
    run: Callable[..., None]  # commands.py's function: (settings, **values)
    words: str | None  # the keyword argument the words go to; None: no words taken
    fewest: int  # at least this many words
    most: int | None  # at most this many (1: a single value, not a list); None: any
    options: tuple[Option, ...]


_COLOR = Option(("--color",), "color", CHOICE, ("auto", "always", "never"))
_PAGER = Option(("--pager",), "pager", FLAG)
_LIST_FORMATS = ("table", "plain", "json", "yaml", "markdown", "csv", "svg")
_SHOW_FORMATS = ("table", "plain", "json", "yaml", "markdown", "svg")
_REFERENCE_FORMATS = ("table", "plain", "json", "yaml", "markdown", "bibtex", "ris", "csl-json")


def _format(choices: tuple[str, ...]) -> Option:
    return Option(("--format", "-f"), "fmt", CHOICE, choices)


COMMANDS: dict[str, Command] = {
    "list": Command(
        commands.list_benefits,
        None,
        0,
        0,
        (
            Option(("--category", "-C"), "category", TEXT),
            Option(("--keyword", "-k"), "keyword", TEXT),
            Option(("--evidence", "-e"), "evidence", TEXT),
            _format(_LIST_FORMATS),
            _COLOR,
            _PAGER,
        ),
    ),
    "show": Command(commands.show, "ref_words", 1, None, (_format(_SHOW_FORMATS), _COLOR, _PAGER)),
    "search": Command(
        commands.search,
        "words",
        1,
        None,
        (Option(("--limit", "-n"), "limit", COUNT), _format(_LIST_FORMATS), _COLOR, _PAGER),
    ),
    "cautions": Command(commands.cautions, "name", 0, 1, (_format(_SHOW_FORMATS), _COLOR, _PAGER)),
    "references": Command(
        commands.references,
        "keys",
        0,
        None,
        (
            Option(("--cited-by",), "cited_by", TEXTS),
            _format(_REFERENCE_FORMATS),
            _COLOR,
            _PAGER,
        ),
    ),
}
GLOBAL_OPTIONS = (
    Option(("--catalogue", "-c"), "catalogues", TEXTS),
    Option(("--only",), "only", FLAG),
)


class Call(NamedTuple):
    """A command line read: the command's function and what to call it with."""

    function: Callable[..., None]
    settings: commands.Settings
    values: dict[str, Any]

    def run(self) -> None:
        self.function(self.settings, **self.values)


def parse(arguments: Sequence[str], environ: Mapping[str, str] | None = None) -> Call | None:
    """The call this command line asks for, or None when it is not one this module reads."""
    env = os.environ if environ is None else environ
    if any(name.endswith("_COMPLETE") for name in env):
        return None  # a shell asking for completions: Typer's to answer
    given = _options(arguments, GLOBAL_OPTIONS, stop_at_word=True)
    if given is None:
        return None
    chosen, words, rest = given
    if not words or words[0] not in COMMANDS:
        return None
    command = COMMANDS[words[0]]
    read = _options(rest, command.options, stop_at_word=False)
    if read is None:
        return None
    values, words, _ = read
    if len(words) < command.fewest or (command.most is not None and len(words) > command.most):
        return None
    if command.words is not None:
        values[command.words] = (words[0] if words else None) if command.most == 1 else words
    settings = commands.Settings(chosen.get("catalogues", []), bool(chosen.get("only")))
    return Call(command.run, settings, values)


def _options(
    arguments: Sequence[str], options: Sequence[Option], *, stop_at_word: bool
) -> tuple[dict[str, Any], list[str], list[str]] | None:
    """The options' values, the words, and (`stop_at_word`) what follows the first word."""
    named = {name: option for option in options for name in option.names}
    values: dict[str, Any] = {}
    words: list[str] = []
    index = 0
    while index < len(arguments):
        argument = arguments[index]
        index += 1
        if not argument.startswith("-"):
            words.append(argument)
            if stop_at_word:
                return values, words, list(arguments[index:])
            continue
        option = named.get(argument)
        if option is None or (option.dest in values and option.kind != TEXTS):
            return None  # not an option of ours, or one given twice
        if option.kind == FLAG:
            values[option.dest] = True
            continue
        if index == len(arguments) or not _fits(option, arguments[index]):
            return None
        value = arguments[index]
        index += 1
        if option.kind == TEXTS:
            values.setdefault(option.dest, []).append(value)
        else:
            values[option.dest] = int(value) if option.kind == COUNT else value
    return values, words, []


def _fits(option: Option, value: str) -> bool:
    if option.kind == CHOICE:
        return value in option.choices
    if option.kind == COUNT:  # what int() reads alike everywhere: 1 to 999999999, in ASCII
        return value.isascii() and value.isdigit() and value[0] != "0" and len(value) <= 9
    return not value.startswith("-")


def answer(arguments: Sequence[str]) -> bool:
    """Answer the command line if it is one this module reads; False to leave it to Typer."""
    call = parse(arguments)
    if call is None:
        return False
    from .endings import answered

    answered(call.run)
    return True
