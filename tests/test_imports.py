"""Start-up stays light: which top-level modules each command imports (never how long it takes)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

# Runs the console script's own path (entry.py) up to the point where it would exit.
_PROBE = (
    "import sys, io, contextlib\n"
    "from neurobenefits.entry import _exit_code, _run\n"
    "sys.argv = ['neurobenefits', *{args!r}]\n"
    "out = io.StringIO()\n"
    "with contextlib.redirect_stdout(out):\n"
    "    _exit_code(_run)\n"
    "import json\n"
    "print(json.dumps(sorted({{name.split('.')[0] for name in sys.modules}})), file=sys.stderr)\n"
)


def _imported(*args: str) -> set[str]:
    result = subprocess.run(
        [sys.executable, "-c", _PROBE.format(args=list(args))],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    modules: list[str] = json.loads(result.stderr.strip().splitlines()[-1])
    return set(modules)


@pytest.mark.parametrize(
    "args",
    [
        ("--version",),
        ("show", "8", "--format", "json"),
        ("list", "--format", "json"),
        ("search", "spasm", "--format", "json"),
        ("show", "8", "--format", "plain"),
        ("list", "--format", "csv"),
        ("show", "99"),
    ],
)
def test_fast_paths_import_neither_rich_nor_pydantic(args: tuple[str, ...]) -> None:
    modules = _imported(*args)
    assert "rich" not in modules
    assert "pydantic" not in modules


def test_version_needs_neither_the_framework_nor_the_catalogue() -> None:
    modules = _imported("--version")
    assert "typer" not in modules
    assert "yaml" not in modules
    assert "typing" not in modules  # a fifth of Python's start-up (streams.py)
    assert "neurobenefits" in modules
    assert "importlib.metadata" not in _full_names("--version")


def _full_names(*args: str) -> set[str]:
    probe = _PROBE.format(args=list(args)).replace("name.split('.')[0]", "name")
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=False, timeout=60
    )
    modules: list[str] = json.loads(result.stderr.strip().splitlines()[-1])
    return set(modules)


@pytest.mark.parametrize(
    "args", [("show", "8", "--format", "table"), ("search", "spasm", "--format", "table")]
)
def test_views_without_a_table_do_not_import_rich_table(args: tuple[str, ...]) -> None:
    modules = _full_names(*args)
    assert "rich.console" in modules  # the probe sees Rich, so the next line means something
    assert "rich.table" not in modules


def test_a_cached_catalogue_is_read_without_pyyaml() -> None:
    _imported("show", "8", "--format", "json")  # fills the cache if it was empty
    assert "yaml" not in _imported("show", "8", "--format", "json")


def test_rich_views_do_import_rich() -> None:
    # The probe itself must be able to see Rich, or the tests above prove nothing.
    assert "rich" in _imported("show", "8", "--format", "table")


@pytest.mark.parametrize(
    "args",
    [
        ("list",),
        ("show", "8"),
        ("search", "spasm"),
        ("cautions",),
        ("references", "--format", "table"),
        ("about",),
        ("validate",),
        ("schema",),
        ("export", "8", "--format", "html"),
        ("browse",),  # without a terminal it stops before the screen, and before Textual
    ],
)
def test_only_the_browser_loads_textual(args: tuple[str, ...]) -> None:
    modules = _imported(*args)
    assert "textual" not in modules
    assert "neurobenefits" in modules


def test_the_browser_does_load_textual() -> None:
    # The probe must be able to see Textual, or the test above proves nothing.
    code = "import sys, neurobenefits.browse.app; print('textual' in sys.modules)"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout == "True\n"


def test_importing_the_cli_does_no_work() -> None:
    code = "import sys; import neurobenefits.cli; print(sorted({m.split('.')[0] for m in sys.modules}))"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    for heavy in ("rich", "yaml", "pydantic", "json", "textual"):
        assert f"'{heavy}'" not in result.stdout, heavy


@pytest.mark.parametrize(
    "args",
    [
        ("show", "8", "--format", "plain"),
        ("show", "8", "--format", "json"),
        ("list", "--format", "json"),
        ("list", "--format", "plain"),
        ("search", "spasm", "--format", "plain"),
        ("cautions", "--format", "plain"),
        ("references", "--format", "bibtex"),
        ("show", "99"),  # an error ends the quick way too
    ],
)
def test_the_common_reads_need_no_framework_and_no_rich(args: tuple[str, ...]) -> None:
    # Importing Typer alone costs about as much as the whole of a plain `show` may (quick.py).
    modules = _imported(*args)
    assert (
        "neurobenefits" in modules
    )  # the probe sees the package, so the next lines mean something
    for framework in ("typer", "click", "rich"):
        assert framework not in modules, framework


@pytest.mark.parametrize(
    "args", [("show", "8", "--format", "table"), ("list", "--format", "table", "--color", "never")]
)
def test_the_tables_need_rich_but_no_framework(args: tuple[str, ...]) -> None:
    modules = _imported(*args)
    assert "rich" in modules
    assert "typer" not in modules


def test_a_line_the_quick_path_declines_loads_the_framework() -> None:
    # The probe must be able to see Typer, or the tests above prove nothing.
    assert "typer" in _imported("show", "8", "--format", "JSON")


@pytest.mark.parametrize(
    "args",
    [
        ("show", "8", "--format", "plain"),
        ("show", "8", "--format", "json"),
        ("list", "--format", "plain"),
        ("search", "spasm", "--format", "plain"),
        ("cautions", "--format", "plain"),
    ],
)
def test_the_common_reads_import_neither_dataclasses_nor_shutil(args: tuple[str, ...]) -> None:
    # dataclasses imports inspect (together about Python's whole start-up); shutil imports
    # the compression modules. Records and answers are NamedTuples; shutil waits for a terminal.
    modules = _imported(*args)
    assert "neurobenefits" in modules
    assert "dataclasses" not in modules
    assert "inspect" not in modules
    assert "shutil" not in modules


def test_the_probe_sees_dataclasses_when_rich_draws_a_table() -> None:
    assert "dataclasses" in _imported("show", "8", "--format", "table")
