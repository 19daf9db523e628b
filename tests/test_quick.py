"""The quick path (quick.py) reads command lines as the Typer app does, or declines them.

Three checks keep the two ways in from drifting apart: the quick parser's table agrees with
the Typer app's own parameters; for the same command line both print the same and end with
the same code; and every shape the quick parser does not read is left to Typer.
"""

from __future__ import annotations

import inspect
import re
from collections.abc import Callable, Sequence
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer._click.types import IntRange, StringParamType
from typer.main import get_command

from neurobenefits import commands, exitcodes
from neurobenefits.cli import app
from neurobenefits.quick import (
    CHOICE,
    COMMANDS,
    COUNT,
    FLAG,
    GLOBAL_OPTIONS,
    TEXT,
    TEXTS,
    Option,
    parse,
)

from .conftest import FIXTURES, Outcome, run

# Typer's own options, which the quick path never reads.
_TYPER_ONLY = {"help", "version", "install_completion", "show_completion"}


def _click_params(name: str | None) -> list[Any]:
    group: Any = get_command(app)
    owner = group if name is None else group.commands[name]
    return [
        param
        for param in owner.params
        if not getattr(param, "hidden", False) and param.name not in _TYPER_ONLY
    ]


def _kind(param: Any) -> str:
    if param.is_flag:
        return FLAG
    if param.multiple:
        return TEXTS
    if hasattr(param.type, "choices"):  # Typer's own Choice, of an Enum
        return CHOICE
    if isinstance(param.type, IntRange):
        assert (param.type.min, param.type.max) == (1, None), param.name
        return COUNT
    assert isinstance(param.type, StringParamType), (param.name, param.type)
    return TEXT


def _check_options(
    click_options: Sequence[Any], ours: Sequence[Option], function: Callable[..., None] | None
) -> None:
    assert sorted(tuple(sorted(p.opts)) for p in click_options) == sorted(
        tuple(sorted(o.names)) for o in ours
    )
    by_name = {option.names[0]: option for option in ours}
    for param in click_options:
        option = next(by_name[name] for name in param.opts if name in by_name)
        assert _kind(param) == option.kind, param.opts
        assert param.secondary_opts == [], param.opts  # a `--no-x` the quick path would miss
        if option.kind == CHOICE:
            assert list(param.type.choices) == list(option.choices), param.opts
        if function is not None:  # what the quick path leaves out, the function's default
            default = inspect.signature(function).parameters[option.dest].default
            given = param.default.value if hasattr(param.default, "value") else param.default
            assert _nothing_as_none(default) == _nothing_as_none(given), param.opts


def _nothing_as_none(value: object) -> object:
    return None if value in (None, (), []) else value


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_the_quick_table_agrees_with_the_typer_command(name: str) -> None:
    command = COMMANDS[name]
    params = _click_params(name)
    arguments = [p for p in params if p.param_type_name == "argument"]
    options = [p for p in params if p.param_type_name == "option"]
    _check_options(options, command.options, command.run)
    if command.words is None:
        assert arguments == []
        return
    (argument,) = arguments
    assert command.words in inspect.signature(command.run).parameters
    assert argument.required == (command.fewest == 1)
    assert (argument.nargs == -1) == (command.most is None)
    assert command.most in (None, 1)


def test_the_quick_global_options_agree_with_the_typer_app() -> None:
    _check_options(_click_params(None), GLOBAL_OPTIONS, None)


def test_every_command_of_the_quick_path_exists_in_the_typer_app() -> None:
    assert set(COMMANDS) <= set(get_command(app).commands)  # type: ignore[attr-defined]


# The same answer both ways in

OVERLAY = str(FIXTURES / "good" / "clinic-overlay.yaml")
BAD = str(FIXTURES / "bad" / "id-zero.yaml")

CORPUS = [
    ["show", "8", "--format", "plain"],
    ["show", "8", "--format", "table"],
    ["show", "8", "--format", "json"],
    ["show", "muscle", "spasms", "-f", "markdown"],
    ["show", "8", "--format", "svg"],
    ["show", "sleep", "--color", "always", "-f", "table"],
    ["show", "99"],
    ["show", ""],
    ["show", "0"],
    ["show", "pain", "relief", "x"],
    ["search", "spasm", "--format", "plain"],
    ["search", "spasm", "-n", "2", "-f", "json"],
    ["search", "zzzz"],
    ["search", "zzzz", "--format", "json"],
    ["search", ""],
    ["search", "the"],
    ["search", "is", "it", "safe", "--format", "yaml"],
    ["search", "sleap", "--format", "csv"],
    ["list"],
    ["list", "--format", "json"],
    ["list", "--format", "table", "--color", "never"],
    ["list", "--category", "nonsense"],
    ["list", "--category", ""],
    ["list", "-C", "rec", "-e", "supported", "-k", "pain"],
    ["list", "--evidence", "proven"],
    ["list", "--keyword", "zzzz"],
    ["cautions"],
    ["cautions", "autonomic", "--format", "json"],
    ["cautions", "nothing"],
    ["references"],
    ["references", "moyer2011", "--format", "ris"],
    ["references", "8", "--format", "bibtex"],
    ["references", "--cited-by", "8", "--cited-by", "sleep", "-f", "csl-json"],
    ["references", "nobody2000"],
    ["-c", "missing.yaml", "show", "8"],
    ["-c", "", "show", "8"],
    ["--only", "show", "8"],
    ["--only", "-c", OVERLAY, "list"],
    ["--catalogue", OVERLAY, "-c", OVERLAY, "list", "--format", "json"],
    ["-c", BAD, "search", "spasm"],
]


def _both(argv: Sequence[str]) -> tuple[Outcome, Outcome]:
    assert parse(argv) is not None, argv  # or the comparison proves nothing
    return _same_links(run(*argv)), _same_links(run(*argv, quick=False))


def _same_links(result: Outcome) -> Outcome:
    """Rich numbers each hyperlink at random (`ESC]8;id=3736848;`): the one part that differs."""
    stdout = re.sub(r"\x1b\]8;id=[0-9]+;", "\x1b]8;id=N;", result.stdout)
    return Outcome(result.exit_code, stdout, result.stderr)


@pytest.mark.parametrize("argv", CORPUS, ids=" ".join)
def test_the_quick_path_answers_as_the_typer_app_does(argv: list[str]) -> None:
    quick, typer_app = _both(argv)
    assert quick == typer_app
    assert quick.stdout or quick.stderr  # every command line says something


def test_the_corpus_holds_every_way_of_ending() -> None:
    codes = {run(*argv).exit_code for argv in CORPUS}
    assert {exitcodes.OK, exitcodes.NOT_FOUND, exitcodes.USAGE, exitcodes.CATALOGUE} <= codes


_WORDS = ["8", "99", "0", "", "sleep", "spasm", "muscle", "zzzz", "pain", "moyer2011"]
_WORDS += ["autonomic-dysreflexia", "blood", "the", "is it safe", "Pain Relief"]
_TEXTS = ["body", "rec", "nonsense", "", "supported", "not supported", "pain", "8", "x"]


def _option_tokens(option: Option) -> st.SearchStrategy[list[str]]:
    names = st.sampled_from(option.names)
    if option.kind == FLAG:
        return names.map(lambda name: [name])
    values: st.SearchStrategy[str]
    if option.kind == CHOICE:
        values = st.sampled_from([c for c in option.choices if c != "svg"])  # slow, shown above
    elif option.kind == COUNT:
        values = st.integers(1, 20).map(str)
    else:
        values = st.sampled_from(_TEXTS)
    return st.tuples(names, values).map(list)


@st.composite
def command_lines(draw: st.DrawFn) -> list[str]:
    """A command line inside the quick path's subset, options and words in any order."""
    argv: list[str] = []
    for _ in range(draw(st.integers(0, 1))):
        argv += [draw(st.sampled_from(["-c", "--catalogue"])), OVERLAY]
    name = draw(st.sampled_from(sorted(COMMANDS)))
    command = COMMANDS[name]
    most = 3 if command.most is None else command.most
    groups = [
        [draw(st.sampled_from(_WORDS))] for _ in range(draw(st.integers(command.fewest, most)))
    ]
    options = draw(st.lists(st.sampled_from(command.options), unique=True, max_size=3))
    groups += [draw(_option_tokens(option)) for option in options]
    return [*argv, name, *(token for group in draw(st.permutations(groups)) for token in group)]


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(argv=command_lines())
def test_any_command_line_of_the_subset_answers_as_the_typer_app_does(argv: list[str]) -> None:
    quick, typer_app = _both(argv)
    assert quick == typer_app


# What the quick path leaves to Typer


@pytest.mark.parametrize(
    "argv",
    [
        [],
        ["--only"],
        ["-c", "x.yaml"],
        ["-h"],
        ["--help"],
        ["show", "8", "--help"],
        ["show", "-h"],
        ["show"],
        ["search"],
        ["list", "extra"],
        ["cautions", "a", "b"],
        ["show", "--", "8"],
        ["--", "show", "8"],
        ["show", "8", "--format=json"],
        ["show", "8", "-fjson"],
        ["show", "8", "-f", "JSON"],
        ["show", "8", "--format", "csv"],
        ["show", "8", "--format"],
        ["show", "8", "-f", "json", "-f", "plain"],
        ["show", "8", "--pager", "--pager"],
        ["show", "8", "--color", "Always"],
        ["show", "-1"],
        ["show", "8", "--json"],
        ["show", "8", "-c", "x.yaml"],
        ["show", "8", "--only"],
        ["-c", "x.yaml", "--only", "--only", "show", "8"],
        ["-c", "--only", "show", "8"],
        ["-c"],
        ["--catalogue=x.yaml", "show", "8"],
        ["-V", "show", "8"],
        ["--version", "show"],
        ["--show-completion", "bash"],
        ["--install-completion"],
        ["export", "8"],
        ["about"],
        ["validate"],
        ["schema"],
        ["browse"],
        ["completion", "bash"],
        ["nonsense"],
        ["list", "--category", "-x"],
        ["list", "-k"],
        ["list", "--evidence", "--format", "json"],
        ["search", "spasm", "-n", "0"],
        ["search", "spasm", "--limit", "-1"],
        ["search", "spasm", "--limit", "007"],
        ["search", "spasm", "--limit", "+5"],
        ["search", "spasm", "--limit", "1_000"],
        ["search", "spasm", "--limit", "1234567890"],
        ["search", "spasm", "--limit", "\u0663"],  # an Arabic-Indic three
        ["search", "spasm", "-n", "2", "-n", "3"],
        ["references", "--cited-by"],
        ["references", "--cited-by", "-8"],
    ],
    ids=repr,
)
def test_other_shapes_are_left_to_typer(argv: list[str]) -> None:
    assert parse(argv, {}) is None


def test_a_shell_asking_for_completions_is_left_to_typer() -> None:
    argv = ["show", "8"]
    assert parse(argv, {}) is not None  # the line itself is one the quick path reads
    assert parse(argv, {"_NEUROBENEFITS_COMPLETE": "complete_bash"}) is None
    assert parse(argv, {"_OTHER_NAME_COMPLETE": "bash_source"}) is None


def test_a_read_line_calls_the_command_with_what_was_given() -> None:
    call = parse(["-c", "a.yaml", "--only", "search", "muscle", "-n", "3", "spasm"], {})
    assert call is not None
    assert call.function is commands.search
    assert call.settings.catalogues == ["a.yaml"]
    assert call.settings.only
    assert call.values == {"words": ["muscle", "spasm"], "limit": 3}
    single = parse(["cautions", "blood-clots"], {})
    assert single is not None
    assert single.values == {"name": "blood-clots"}
    every = parse(["cautions"], {})
    assert every is not None
    assert every.values == {"name": None}


@pytest.mark.parametrize(
    "argv", [["show", "--help"], ["list", "--format", "JSON"], ["search"], ["show", "8", "--json"]]
)
def test_a_declined_line_still_gets_the_typer_answer(argv: list[str]) -> None:
    result = run(*argv)
    assert result == run(*argv, quick=False)
    assert result.stdout or result.stderr
