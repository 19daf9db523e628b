"""README.md tells the truth: its outputs and --help texts are the program's, and CI runs its commands."""

from __future__ import annotations

import re

from .conftest import REPO
from .readme_blocks import BLOCK, README, stale_blocks


def test_readme_blocks_match_the_program() -> None:
    text = README.read_text(encoding="utf-8")
    assert len(BLOCK.findall(text)) >= 10
    stale = stale_blocks(text)
    assert not stale, f"README blocks out of date (run python tests/readme_blocks.py): {stale}"


def test_readme_has_help_for_every_command() -> None:
    text = README.read_text(encoding="utf-8")
    from typer.main import get_command

    from neurobenefits.cli import app

    group = get_command(app)
    for name in group.commands:  # type: ignore[attr-defined]
        assert f"<!-- output: neurobenefits {name} --help -->" in text, name
    assert "<!-- output: neurobenefits --help -->" in text


def _setup_commands() -> tuple[str, str]:
    text = README.read_text(encoding="utf-8")
    install = re.search(r"<!-- setup: run -->\n```sh\n(.+?)\n```", text, re.DOTALL)
    tests = re.search(r"<!-- setup: test -->\n```sh\n(.+?)\n```", text, re.DOTALL)
    assert install, "README.md must mark its install command"
    assert tests, "README.md must mark its test command"
    return install.group(1).strip(), tests.group(1).strip()


def test_ci_runs_the_readme_test_command() -> None:
    _, tests = _setup_commands()
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert tests in ci


def test_readme_set_up_commands_do_what_they_say() -> None:
    install, tests = _setup_commands()
    assert "neurobenefits list" in install
    assert "pip install ." in install
    assert "pytest" in tests
    assert ".[test]" in tests
