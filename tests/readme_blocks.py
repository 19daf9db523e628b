"""README.md's generated blocks: real output and `--help` text, checked by a test.

A block is written in README.md as

    <!-- output: neurobenefits show 8 -->
    ```text
    ...
    ```
    <!-- /output -->

and holds what that command prints at 80 columns in a pipe. `python tests/readme_blocks.py`
rewrites every block from the current code; tests/test_readme.py fails when one is stale.
"""

from __future__ import annotations

import os
import re
import shlex
import sys
from pathlib import Path

from typer.testing import CliRunner

REPO = Path(__file__).resolve().parent.parent
README = REPO / "README.md"
BLOCK = re.compile(
    r"(<!-- output: (?P<command>.+?) -->\n```text\n)(?P<body>.*?)(```\n<!-- /output -->)", re.DOTALL
)


def command_output(command: str) -> str:
    """What `command` prints: stdout, then stderr, as a user would see in a terminal."""
    from neurobenefits.cli import app

    words = shlex.split(command)
    assert words[0] == "neurobenefits", command
    env = {
        "COLUMNS": "80",
        "NO_COLOR": "1",
        "XDG_CONFIG_HOME": "/nonexistent",
        "NEUROBENEFITS_CATALOGUE": "",
    }
    saved = {key: os.environ.get(key) for key in env}
    cwd = Path.cwd()
    os.chdir(REPO)  # README's commands name files relative to the repository
    try:
        result = CliRunner().invoke(app, words[1:], env=env, prog_name="neurobenefits")
    finally:
        os.chdir(cwd)
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
    # The checkout's own folder differs from machine to machine; README shows a stand-in.
    text = (result.stdout + result.stderr).replace(str(REPO), "/path/to/neurobenefits")
    return text if text.endswith("\n") else text + "\n"


def render(readme: str) -> str:
    return BLOCK.sub(lambda m: m.group(1) + command_output(m.group("command")) + m.group(4), readme)


def stale_blocks(readme: str) -> list[str]:
    return [
        m.group("command")
        for m in BLOCK.finditer(readme)
        if m.group("body") != command_output(m.group("command"))
    ]


if __name__ == "__main__":
    sys.path.insert(0, str(REPO / "src"))
    README.write_text(render(README.read_text(encoding="utf-8")), encoding="utf-8")
    print(f"updated {README}")
