"""Shell completion offers real values: benefit numbers and slugs, categories, formats."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest


def _complete(shell: str, words: str, **extra: str) -> list[str]:
    env = {k: v for k, v in os.environ.items() if k != "NEUROBENEFITS_CATALOGUE"}
    env["_NEUROBENEFITS_COMPLETE"] = f"complete_{shell}"
    if shell == "bash":
        env["COMP_WORDS"] = words
        env["COMP_CWORD"] = str(len(words.split(" ")) - 1)
    else:
        env["_TYPER_COMPLETE_ARGS"] = words
    env.update(extra)
    code = "import sys; from neurobenefits.cli import main; sys.argv[0] = 'neurobenefits'; main()"
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env=env,
        check=False,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.splitlines()


def test_bash_completes_benefit_numbers_and_slugs_for_show() -> None:
    offered = _complete("bash", "neurobenefits show ")
    assert [str(n) for n in range(1, 15)] == offered[:14]
    assert "muscle-spasms-and-tone" in offered
    assert _complete("bash", "neurobenefits show mus") == [
        "muscle-spasms-and-tone",
        "muscle-function",
        "muscle-repair-and-recovery",
    ]


def test_zsh_completes_categories_with_their_labels() -> None:
    offered = "\n".join(_complete("zsh", "neurobenefits list --category "))
    for pair in ('"body":"Body"', '"mind":"Mind and mood"', '"recovery":"Recovery"'):
        assert pair in offered


@pytest.mark.parametrize(
    ("command", "formats"),
    [
        ("list", ["table", "plain", "json", "yaml", "markdown", "csv", "svg"]),
        ("show 8", ["table", "plain", "json", "yaml", "markdown", "svg"]),
    ],
)
def test_fish_completes_formats(command: str, formats: list[str]) -> None:
    offered = _complete(
        "fish", f"neurobenefits {command} --format ", _TYPER_COMPLETE_FISH_ACTION="get-args"
    )
    assert offered == formats


def test_bash_completes_caution_names() -> None:
    assert _complete("bash", "neurobenefits cautions auto") == ["autonomic-dysreflexia"]


def test_bash_completes_reference_keys_and_benefit_numbers_for_references() -> None:
    assert _complete("bash", "neurobenefits references moy") == ["moyer2004", "moyer2011"]
    assert _complete("bash", "neurobenefits references 1") == ["1", "10", "11", "12", "13", "14"]
