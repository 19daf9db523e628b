"""Random command lines and environments: never exit 70, never a traceback, never raw control
characters on stdout or stderr.

Runs the console script's own path (entry.outcome: guarded streams, signal handling) in this
process, with stdout and stderr captured as byte streams, from an empty folder (an export
may write a file there), with no browser (a PDF fails fast) and HOME in that folder.
"""

from __future__ import annotations

import io
import os
import re
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from neurobenefits.entry import outcome

WORDS = [
    *("list", "show", "search", "cautions", "references", "about", "validate", "schema"),
    "export",
    *("--format", "-f", "table", "plain", "json", "yaml", "markdown", "csv", "svg"),
    *("html", "pdf", "bibtex", "ris", "--color", "auto", "never", "always", "--pager"),
    *("--limit", "-n", "0", "1", "-1", "8", "15", "99999999999999999999", "9" * 5000),
    *("--category", "-C", "body", "mind", "--keyword", "-k", "--evidence", "-e"),
    *("supported", "not supported", "--catalogue", "-c", "--only", "--help", "-h"),
    *("--version", "-V", "--show-completion", "bash", "--for", "--notes", "--title"),
    *("--output", "-o", "out.md", "out.html", "out.pdf", "folder/", ".", "/dev/full", "a" * 300),
    *("--force", "--no-evidence", "--paper", "a4", "letter", "spasm", "sleep"),
    *("\x1b[2J", "\x1b]0;X\x07", "\x9b31m", "a\rb", "Sam \udcff", "\u202etxt", "", " ", "-"),
    *("--", "\x00", "\x7f", "'", '"', "=1+1", "<script>", "# h", "1.", "~~~"),
]
ENVIRONMENTS = {
    "COLUMNS": ["", "\u00b2", "0", "-5", "abc", "40", "9223372036854775807", "1000000000"],
    "SOURCE_DATE_EPOCH": ["", "0", "253402300799", "253402300800", "99999999999999999999", "x"],
    "NEUROBENEFITS_PAGER": ["", "false", 'less "'],
}
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_RICH_OWN = re.compile(r"\x1b\[[0-9;]*m|\x1b\]8;[^\x1b]*\x1b\\")

arguments = st.lists(
    st.one_of(st.sampled_from(WORDS), st.text(max_size=12)), min_size=0, max_size=6
)
environments = st.fixed_dictionaries(
    {name: st.sampled_from(values) for name, values in ENVIRONMENTS.items()}
)


@contextmanager
def _captured(env: dict[str, str]) -> Iterator[tuple[io.BytesIO, io.BytesIO]]:
    """stdout and stderr as UTF-8 byte streams, `env` set, the cwd and HOME an empty folder."""
    saved_streams = sys.stdout, sys.stderr
    saved_env = dict(os.environ)
    saved_cwd = Path.cwd()
    out, err = io.BytesIO(), io.BytesIO()
    with tempfile.TemporaryDirectory() as folder:
        os.environ.update(env, HOME=folder, NEUROBENEFITS_CHROMIUM=str(Path(folder) / "none"))
        os.chdir(folder)
        sys.stdout = io.TextIOWrapper(out, encoding="utf-8", write_through=True)
        sys.stderr = io.TextIOWrapper(err, encoding="utf-8", errors="backslashreplace")
        try:
            yield out, err
        finally:
            for wrapper in (sys.stdout, sys.stderr):
                wrapper.flush()
                wrapper.detach()  # keep the bytes readable once the wrapper is gone
            sys.stdout, sys.stderr = saved_streams
            os.chdir(saved_cwd)
            os.environ.clear()
            os.environ.update(saved_env)


@settings(
    max_examples=80,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(argv=arguments, env=environments)
def test_no_command_line_crashes_or_leaks_control_characters(
    argv: list[str], env: dict[str, str]
) -> None:
    with _captured(env) as (out, err):
        code = outcome(argv)
    stdout = out.getvalue().decode("utf-8", "replace")
    stderr = err.getvalue().decode("utf-8", "replace")
    assert code != 70, (argv, env, stderr)
    assert "Traceback" not in stderr, (argv, stderr)
    assert "neurobenefits: internal error" not in stderr, (argv, stderr)
    assert not _CONTROL.search(stderr), (argv, stderr)
    # Rich's own colours and links appear only when asked for (--color always).
    shown = _RICH_OWN.sub("", stdout) if "always" in argv else stdout
    assert not _CONTROL.search(shown), (argv, env, shown[:300])
