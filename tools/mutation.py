"""A sampled mutation test of the core modules: would the tests notice a small wrong change?

Each mutant changes one thing in one module (a comparison, a boolean operator, an
arithmetic operator, a number, a string, a condition, a call statement, a `return`...),
found by walking the module's syntax tree. The mutant is written into a temporary copy of
the repository (the worktree itself is never changed) and the test files that exercise
that module run against it, stopping at the first failure. A mutant is *killed* when a test
fails (or the run times out), and *survives* when every test still passes.

    python tools/mutation.py                      # a sample of 25 mutants per module
    python tools/mutation.py --sample 0           # every mutant (slow)
    python tools/mutation.py --module lookup --sample 40 --seed 7

It prints the kill rate per module and each surviving mutant. Mutants listed in
tools/mutation-equivalent.txt (with the reason each cannot change behaviour) are left out
of the rate. Run it niced on a shared machine: `nice -n 10 .ci/mutation`.
"""

from __future__ import annotations

import argparse
import ast
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PACKAGE = Path("src") / "neurobenefits"
EQUIVALENT = Path(__file__).resolve().parent / "mutation-equivalent.txt"
# Each core module (by its short name), the package folder it lives in, and the test files
# that exercise it, fastest first (the run stops at the first failure, so a quick test that
# kills a mutant saves the slower ones).
_CATALOGUE_TESTS = ("test_checks", "test_loading", "test_hostile_catalogue", "test_overlays")
MODULES: dict[str, tuple[str, tuple[str, ...]]] = {
    "yamlsafe": ("catalogue", _CATALOGUE_TESTS),
    # The schema file is spec's product too: the shipped file must be what spec says.
    "spec": (
        "catalogue",
        (
            *_CATALOGUE_TESTS,
            "tests/test_formats.py::test_shipped_catalogue_schema_is_what_the_program_prints",
        ),
    ),
    "validate": ("catalogue", _CATALOGUE_TESTS),
    "stack": ("catalogue", (*_CATALOGUE_TESTS, "test_cache")),
    "build": ("catalogue", ("test_loading", "test_content", "test_checks", "test_overlays")),
    "cache": ("catalogue", ("test_cache", "test_loading", "test_overlays")),
    "model": ("catalogue", ("test_finding", "test_queries", "test_content", "test_loading")),
    "text": ("finding", ("test_finding", "test_queries", "test_search", "test_search_people")),
    "lexicon": ("finding", ("test_finding", "test_search", "test_search_people")),
    "query": ("finding", ("test_finding", "test_queries", "test_search", "test_search_people")),
    "search": (
        "finding",
        ("test_finding", "test_queries", "test_cli", "test_search", "test_search_people"),
    ),
    "lookup": ("finding", ("test_finding", "test_queries", "test_cli")),
    "queries": ("finding", ("test_queries", "test_errors", "test_cli", "test_loading")),
}


def module_path(module: str) -> Path:
    """Where a core module lives, relative to the repository."""
    return PACKAGE / MODULES[module][0] / f"{module}.py"


_COMPARE_SWAPS: dict[type[ast.cmpop], type[ast.cmpop]] = {
    ast.Eq: ast.NotEq,
    ast.NotEq: ast.Eq,
    ast.Lt: ast.LtE,
    ast.LtE: ast.Lt,
    ast.Gt: ast.GtE,
    ast.GtE: ast.Gt,
    ast.In: ast.NotIn,
    ast.NotIn: ast.In,
    ast.Is: ast.IsNot,
    ast.IsNot: ast.Is,
}
_BINARY_SWAPS: dict[type[ast.operator], type[ast.operator]] = {
    ast.Add: ast.Sub,
    ast.Sub: ast.Add,
    ast.Mult: ast.FloorDiv,
    ast.FloorDiv: ast.Mult,
    ast.Div: ast.Mult,
}
_CALL_SWAPS = {"min": "max", "max": "min", "any": "all", "all": "any"}


@dataclass(frozen=True)
class Mutant:
    module: str
    line: int
    start: int  # byte offsets in the module's source
    end: int
    replacement: bytes
    what: str  # e.g. "< -> <=", for the report

    def key(self, source: bytes) -> str:
        """A name that survives edits elsewhere in the file: the line, the code, the change."""
        line_start = source.rfind(b"\n", 0, self.start) + 1
        line_end = source.find(b"\n", self.start)
        line = " ".join(source[line_start : line_end if line_end >= 0 else None].decode().split())
        original = " ".join(source[self.start : self.end].decode().split())
        return f"{self.module}: {line[:90]} | {original[:60]} => {self.what}"


class _Finder(ast.NodeVisitor):
    """Every place in one module where a mutation operator applies."""

    def __init__(self, module: str, source: bytes) -> None:
        self.module = module
        self.source = source
        self.line_starts = [0]
        for line in source.splitlines(keepends=True):
            self.line_starts.append(self.line_starts[-1] + len(line))
        self.found: list[Mutant] = []

    def _span(self, node: ast.AST) -> tuple[int, int]:
        start = self.line_starts[node.lineno - 1] + node.col_offset  # type: ignore[attr-defined]
        end = self.line_starts[node.end_lineno - 1] + node.end_col_offset  # type: ignore[attr-defined]
        return start, end

    def _add(self, node: ast.AST, replacement: str, what: str) -> None:
        start, end = self._span(node)
        self.found.append(
            Mutant(self.module, node.lineno, start, end, replacement.encode(), what)  # type: ignore[attr-defined]
        )

    def _segment(self, node: ast.AST) -> str:
        start, end = self._span(node)
        return self.source[start:end].decode()

    # Places where nothing is mutated: docstrings, annotations, TYPE_CHECKING imports.

    def _body(self, body: list[ast.stmt]) -> None:
        for index, statement in enumerate(body):
            is_docstring = (
                index == 0
                and isinstance(statement, ast.Expr)
                and isinstance(statement.value, ast.Constant)
                and isinstance(statement.value.value, str)
            )
            if not is_docstring:
                self.visit(statement)

    def visit_Module(self, node: ast.Module) -> None:
        self._body(node.body)

    def visit_ClassDef(self, node: ast.ClassDef) -> None:
        self._body(node.body)

    def visit_FunctionDef(self, node: ast.FunctionDef) -> None:
        for default in [*node.args.defaults, *node.args.kw_defaults]:
            if default is not None:
                self.visit(default)
        self._body(node.body)

    def visit_AnnAssign(self, node: ast.AnnAssign) -> None:
        if node.value is not None:
            self.visit(node.value)

    def visit_If(self, node: ast.If) -> None:
        if isinstance(node.test, ast.Name) and node.test.id == "TYPE_CHECKING":
            return
        self._add(node.test, f"(not ({self._segment(node.test)}))", "condition negated")
        self.generic_visit(node)

    def visit_Import(self, node: ast.Import) -> None:
        return

    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
        return

    # The mutation operators.

    def visit_While(self, node: ast.While) -> None:
        self._add(node.test, f"(not ({self._segment(node.test)}))", "condition negated")
        self.generic_visit(node)

    def visit_Compare(self, node: ast.Compare) -> None:
        for index, op in enumerate(node.ops):
            swapped = _COMPARE_SWAPS.get(type(op))
            if swapped:
                ops = [*node.ops]
                ops[index] = swapped()
                changed = ast.Compare(node.left, ops, node.comparators)
                what = f"{_symbol(op)} -> {_symbol(swapped())}"
                self._add(node, f"({ast.unparse(changed)})", what)
        self.generic_visit(node)

    def visit_BoolOp(self, node: ast.BoolOp) -> None:
        other: ast.boolop = ast.Or() if isinstance(node.op, ast.And) else ast.And()
        what = "and -> or" if isinstance(node.op, ast.And) else "or -> and"
        self._add(node, f"({ast.unparse(ast.BoolOp(other, node.values))})", what)
        self.generic_visit(node)

    def visit_BinOp(self, node: ast.BinOp) -> None:
        swapped = _BINARY_SWAPS.get(type(node.op))
        if swapped and not _is_text(node):
            changed = ast.BinOp(node.left, swapped(), node.right)
            what = f"{_symbol(node.op)} -> {_symbol(swapped())}"
            self._add(node, f"({ast.unparse(changed)})", what)
        self.generic_visit(node)

    def visit_UnaryOp(self, node: ast.UnaryOp) -> None:
        if isinstance(node.op, ast.Not | ast.USub):
            what = "not removed" if isinstance(node.op, ast.Not) else "minus removed"
            self._add(node, f"({self._segment(node.operand)})", what)
        self.generic_visit(node)

    def visit_Constant(self, node: ast.Constant) -> None:
        value = node.value
        if isinstance(value, bool):
            self._add(node, str(not value), f"{value} -> {not value}")
        elif isinstance(value, int):
            self._add(node, f"({value + 1})", f"{value} -> {value + 1}")
        elif isinstance(value, float):
            self._add(node, f"({value * 2 + 1})", f"{value} -> {value * 2 + 1}")
        elif isinstance(value, str):
            self._add(node, f"('XX' + {self._segment(node)})", "text changed")

    def visit_JoinedStr(self, node: ast.JoinedStr) -> None:
        # An f-string as a whole: its wording changes (its parts are not entered).
        self._add(node, f"('XX' + {self._segment(node)})", "text changed")

    def visit_Call(self, node: ast.Call) -> None:
        if isinstance(node.func, ast.Name) and node.func.id in _CALL_SWAPS:
            swapped = _CALL_SWAPS[node.func.id]
            self._add(node.func, swapped, f"{node.func.id}() -> {swapped}()")
        self.generic_visit(node)

    def visit_Expr(self, node: ast.Expr) -> None:
        if isinstance(node.value, ast.Call | ast.Yield | ast.YieldFrom):
            self._add(node, "pass", "statement removed")
        self.generic_visit(node)

    def visit_AugAssign(self, node: ast.AugAssign) -> None:
        self._add(node, "pass", "statement removed")
        self.generic_visit(node)

    def visit_Return(self, node: ast.Return) -> None:
        if node.value is not None and not (
            isinstance(node.value, ast.Constant) and node.value.value is None
        ):
            self._add(node, "return None", "returns None")
        self.generic_visit(node)

    def visit_Continue(self, node: ast.Continue) -> None:
        self._add(node, "break", "continue -> break")

    def visit_Break(self, node: ast.Break) -> None:
        self._add(node, "continue", "break -> continue")


def _is_text(node: ast.BinOp) -> bool:
    """`"a" + b`: swapping the operator only raises a TypeError, which any test notices."""
    return any(isinstance(side, ast.Constant | ast.JoinedStr) for side in (node.left, node.right))


def _symbol(op: ast.AST) -> str:
    return {
        ast.Eq: "==",
        ast.NotEq: "!=",
        ast.Lt: "<",
        ast.LtE: "<=",
        ast.Gt: ">",
        ast.GtE: ">=",
        ast.In: "in",
        ast.NotIn: "not in",
        ast.Is: "is",
        ast.IsNot: "is not",
        ast.Add: "+",
        ast.Sub: "-",
        ast.Mult: "*",
        ast.FloorDiv: "//",
        ast.Div: "/",
    }[type(op)]


def mutants_of(module: str, source: bytes) -> list[Mutant]:
    finder = _Finder(module, source)
    finder.visit(ast.parse(source))
    valid = []
    for mutant in finder.found:
        mutated = source[: mutant.start] + mutant.replacement + source[mutant.end :]
        try:
            compile(mutated, module, "exec")
        except SyntaxError:
            continue  # e.g. `pass` where an expression was needed
        valid.append(mutant)
    return valid


# A pytest plugin for the copy: without --fuzz, property-based (Hypothesis) tests are left
# out; they look for crashes over hundreds of inputs, and cost most of a run. With
# MUTATION_TRACE set (the module's file), it records which lines of that module each test
# runs, into the JSON file MUTATION_MAP: a mutant is then tried on the tests that reach it.
_PLUGIN = """
import json, os, sys, threading
import pytest

def pytest_collection_modifyitems(config, items):
    if not os.environ.get("MUTATION_FUZZ"):
        items[:] = [i for i in items if not getattr(getattr(i, "obj", None), "is_hypothesis_test", False)]

_TARGET = os.environ.get("MUTATION_TRACE")
_reached = {"order": [], "lines": {}}
_lines = set()

def _local(frame, event, arg):
    if event == "line":
        _lines.add(frame.f_lineno)
    return _local

def _global(frame, event, arg):
    if frame.f_code.co_filename == _TARGET:
        _lines.add(frame.f_lineno)
        return _local
    return None

if _TARGET:
    @pytest.hookimpl(hookwrapper=True)
    def pytest_runtest_protocol(item, nextitem):
        _lines.clear()
        sys.settrace(_global)
        threading.settrace(_global)
        try:
            yield
        finally:
            sys.settrace(None)
            threading.settrace(None)
        _reached["order"].append(item.nodeid)
        for line in _lines:
            _reached["lines"].setdefault(line, []).append(item.nodeid)

    def pytest_sessionfinish(session, exitstatus):
        with open(os.environ["MUTATION_MAP"], "w", encoding="utf-8") as file:
            json.dump(_reached, file)
"""


def _copy_repository(target: Path) -> None:
    ignored = shutil.ignore_patterns(
        ".venv", ".git", "__pycache__", ".hypothesis", ".mypy_cache", ".ruff_cache", "*.pyc"
    )
    shutil.copytree(REPO, target / REPO.name, ignore=ignored)
    shared = REPO.parent / "shared"
    if shared.exists():  # the tests read the source article beside the repository
        (target / "shared").symlink_to(shared.resolve())
    (target / "mutation_plugin.py").write_text(_PLUGIN, encoding="utf-8")


def _run_tests(
    copy: Path,
    tests: Sequence[str],
    timeout: float,
    fuzz: bool,
    extra_env: dict[str, str] | None = None,
) -> tuple[int | None, float]:
    """Run tests in the copy (files by name, or test ids): (pytest's exit code, seconds).

    The exit code is None when the run timed out.
    """
    with tempfile.TemporaryDirectory(prefix="mutation-cache-") as cache:
        env = {
            **os.environ,
            "PYTHONPATH": os.pathsep.join([str(copy / "src"), str(copy.parent)]),
            "PYTHONDONTWRITEBYTECODE": "1",  # a mutant the size of the original needs no stale .pyc
            "XDG_CACHE_HOME": cache,  # a stacked catalogue cached from another mutant must not hide this one
            "HYPOTHESIS_STORAGE_DIRECTORY": str(Path(cache) / "hypothesis"),
            **(extra_env or {}),
        }
        files = [name if "::" in name else f"tests/{name}.py" for name in tests]
        command = [sys.executable, "-m", "pytest", "-x", "-q", "-p", "no:cacheprovider", *files]
        command[3:3] = ["-p", "mutation_plugin"]
        if fuzz:
            env["MUTATION_FUZZ"] = "1"
        started = time.monotonic()
        try:
            result = subprocess.run(
                command, cwd=copy, env=env, capture_output=True, timeout=timeout, check=False
            )
        except subprocess.TimeoutExpired:
            return None, time.monotonic() - started
        return result.returncode, time.monotonic() - started


def _reached_by(
    copy: Path, module: str, tests: Sequence[str], fuzz: bool
) -> tuple[dict[int, list[str]], float]:
    """Run the module's tests once, unmutated: which tests reach each line, and the seconds."""
    with tempfile.TemporaryDirectory(prefix="mutation-map-") as folder:
        record = Path(folder) / "reached.json"
        trace = {"MUTATION_TRACE": str(copy / module_path(module)), "MUTATION_MAP": str(record)}
        code, seconds = _run_tests(copy, tests, 1800, fuzz, trace)
        if code != 0:
            return {}, -1.0
        reached = json.loads(record.read_text(encoding="utf-8"))
    lines: dict[int, list[str]] = {int(line): ids for line, ids in reached["lines"].items()}
    # Each line's tests in the order they ran: a test may count on what an earlier one set up.
    order = {test: index for index, test in enumerate(reached["order"])}
    return {line: sorted(ids, key=order.__getitem__) for line, ids in lines.items()}, seconds


# pytest's exit codes that mean a test failed or could not even be collected: the mutant was
# noticed. (4 and 5, a bad test id or none collected, mean the selection itself failed.)
_NOTICED = (1, 2)


def _equivalent_keys() -> set[str]:
    if not EQUIVALENT.exists():
        return set()
    keys = set()
    for line in EQUIVALENT.read_text(encoding="utf-8").splitlines():
        key, _, _reason = line.partition("  # ")
        if key.strip() and not key.startswith("#"):
            keys.add(key.strip())
    return keys


def _sampled(mutants: list[Mutant], sample: int, seed: int) -> list[Mutant]:
    if sample <= 0 or sample >= len(mutants):
        return mutants
    chosen = random.Random(seed).sample(mutants, sample)
    return sorted(chosen, key=lambda m: (m.line, m.start))


def run(
    modules: list[str],
    sample: int,
    seed: int,
    fuzz: bool = False,
    lines: set[int] | None = None,
    tests: tuple[str, ...] = (),
) -> int:
    equivalent = _equivalent_keys()
    rates: list[tuple[str, int, int, int, int]] = []
    with tempfile.TemporaryDirectory(prefix="neurobenefits-mutation-") as folder:
        _copy_repository(Path(folder))
        copy = Path(folder) / REPO.name
        for module in modules:
            path = copy / module_path(module)
            source = path.read_bytes()
            every = mutants_of(module, source)
            sampled = _sampled(every, sample, seed)
            if lines:  # a second look at some mutants (e.g. the survivors of a run)
                sampled = [m for m in sampled if m.line in lines]
            chosen = [m for m in sampled if m.key(source) not in equivalent]
            skipped = len(sampled) - len(chosen)
            chosen_tests = tests or MODULES[module][1]
            reached, seconds = _reached_by(copy, module, chosen_tests, fuzz)
            if seconds < 0:
                print(f"{module}: the tests fail without a mutant; fix them first.", flush=True)
                return 2
            timeout = max(60.0, seconds * 3)
            killed = 0
            survivors: list[str] = []
            for number, mutant in enumerate(chosen, 1):
                path.write_bytes(source[: mutant.start] + mutant.replacement + source[mutant.end :])
                try:
                    noticed = _noticed(copy, mutant, source, reached, chosen_tests, timeout, fuzz)
                finally:
                    path.write_bytes(source)
                if noticed:
                    killed += 1
                else:
                    survivors.append(f"  line {mutant.line}: {mutant.key(source)}")
                    # Told at once too: a long run's survivors can be looked at as it goes.
                    print(f"\n{survivors[-1]}", file=sys.stderr)
                print(
                    f"\r{module}: {number}/{len(chosen)} run, {killed} killed",
                    end="",
                    flush=True,
                    file=sys.stderr,
                )
            print(file=sys.stderr)
            rates.append((module, killed, len(chosen), len(every), skipped))
            print(f"{module}: {_rate(killed, len(chosen))} killed ({killed} of {len(chosen)})")
            for line in survivors:
                print(line)
            sys.stdout.flush()
    day = datetime.now(timezone.utc).date().isoformat()
    print(f"\nKill rate per module ({day}, seed {seed}):")
    for module, killed, run_count, total, skipped in rates:
        note = f"; {skipped} equivalent left out" if skipped else ""
        print(
            f"  {module:<9} {_rate(killed, run_count):>5}  {killed}/{run_count} of {total} mutants{note}"
        )
    return 0


def _noticed(
    copy: Path,
    mutant: Mutant,
    source: bytes,
    reached: dict[int, list[str]],
    files: Sequence[str],
    timeout: float,
    fuzz: bool,
) -> bool:
    """Does a test fail with this mutant in place?

    First only the tests that ran the mutated lines (quick, and most mutants fail there);
    a mutant they miss is tried on every test file of the module before it counts as a
    survivor, since some tests reach a module in ways a trace cannot see (its code run at
    import, or from a cache filled by an earlier test).
    """
    last_line = source.count(b"\n", 0, mutant.end) + 1
    ids = list(
        dict.fromkeys(
            i for line in range(mutant.line, last_line + 1) for i in reached.get(line, ())
        )
    )
    if ids:
        code, _ = _run_tests(copy, ids, timeout, fuzz)
        if code is None or code in _NOTICED:
            return True
    code, _ = _run_tests(copy, files, timeout, fuzz)
    return code != 0


def _rate(killed: int, total: int) -> str:
    return f"{100 * killed / total:.0f}%" if total else "n/a"


def main(arguments: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument(
        "--module", action="append", choices=sorted(MODULES), help="repeatable; default: all"
    )
    parser.add_argument("--sample", type=int, default=25, help="mutants per module; 0: all")
    parser.add_argument("--seed", type=int, default=14)
    parser.add_argument("--fuzz", action="store_true", help="also run the Hypothesis tests")
    parser.add_argument(
        "--line", type=int, action="append", help="only the sampled mutants on this line"
    )
    parser.add_argument(
        "--tests", action="append", metavar="NAME", help="run these test files (e.g. test_cli)"
    )
    parser.add_argument("--list", action="store_true", help="list the mutants; run nothing")
    options = parser.parse_args(arguments)
    # Ended from outside: unwind, so that the temporary copy is removed.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    modules = options.module or list(MODULES)
    if options.list:
        for module in modules:
            source = (REPO / module_path(module)).read_bytes()
            every = mutants_of(module, source)
            print(f"{module}: {len(every)} mutants")
            for mutant in _sampled(every, options.sample, options.seed):
                print(f"  line {mutant.line}: {mutant.key(source)}")
        return 0
    lines = set(options.line or [])
    tests = tuple(options.tests or ())
    return run(modules, options.sample, options.seed, options.fuzz, lines, tests)


if __name__ == "__main__":
    raise SystemExit(main())
