"""README.md's generated blocks: real output and `--help` text, checked by a test.

A block is written in README.md as

    <!-- output: neurobenefits show 8 -->
    ```text
    ...
    ```
    <!-- /output -->

and holds what that command prints at 80 columns in a pipe, run as a real process (Click's
test runner would format --help at a width of its own, wider than a terminal gives).
`python tests/readme_blocks.py` rewrites every block from the current code;
tests/test_readme.py fails when one is stale.
"""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
README = REPO / "README.md"
BLOCK = re.compile(
    r"(<!-- output: (?P<command>.+?) -->\n```text\n)(?P<body>.*?)(```\n<!-- /output -->)", re.DOTALL
)


def command_output(command: str) -> str:
    """What `command` prints: stdout, then stderr, as a user would see in a terminal."""
    words = shlex.split(command)
    assert words[0] == "neurobenefits", command
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("NO_COLOR", "FORCE_COLOR", "NEUROBENEFITS_PAGER", "PAGER", "SHELL")
    }
    env.update(
        {
            "COLUMNS": "80",
            "LINES": "50",
            "NO_COLOR": "1",
            "XDG_CONFIG_HOME": "/nonexistent",
            "NEUROBENEFITS_CATALOGUE": "",
            "PYTHONPATH": str(REPO / "src"),
            "PYTHONIOENCODING": "utf-8",
        }
    )
    # README's commands name files relative to the repository, so they run from there.
    result = subprocess.run(
        [sys.executable, "-m", "neurobenefits", *words[1:]],
        capture_output=True,
        text=True,
        env=env,
        cwd=REPO,
        timeout=120,
        check=False,
    )
    # The checkout's own folder differs from machine to machine; README shows a stand-in.
    text = (result.stdout + result.stderr).replace(str(REPO), "/path/to/neurobenefits")
    return text if text.endswith("\n") else text + "\n"


def _outputs(readme: str) -> dict[str, str]:
    """Each block's command and its output, run side by side (each is a whole process)."""
    from concurrent.futures import ThreadPoolExecutor

    commands = list(dict.fromkeys(m.group("command") for m in BLOCK.finditer(readme)))
    with ThreadPoolExecutor(max_workers=4) as pool:
        return dict(zip(commands, pool.map(command_output, commands), strict=True))


def render(readme: str) -> str:
    outputs = _outputs(readme)
    return BLOCK.sub(lambda m: m.group(1) + outputs[m.group("command")] + m.group(4), readme)


def stale_blocks(readme: str) -> list[str]:
    outputs = _outputs(readme)
    return [
        m.group("command")
        for m in BLOCK.finditer(readme)
        if m.group("body") != outputs[m.group("command")]
    ]


if __name__ == "__main__":
    sys.path.insert(0, str(REPO / "src"))
    README.write_text(render(README.read_text(encoding="utf-8")), encoding="utf-8")
    print(f"updated {README}")
