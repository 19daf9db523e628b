"""Start-up and scaling benchmark for neurobenefits: medians and ratios against baselines.

Run it after the README's install command, from the repository:

    .venv/bin/python benchmarks/startup.py            # every target; exit 1 if one is missed
    .venv/bin/python benchmarks/startup.py --runs 30  # more runs on a noisy machine
    .venv/bin/python benchmarks/startup.py --typer-check

Each command is timed as a whole process, stdout to a file, alternating with its baseline
(B = `python -c pass`, and F = Python importing Typer, Rich's Console and Table) so that both
see the same machine. Ratios, not milliseconds, are compared with the targets of issues 8 and 15.
Only the standard library is used; it runs in CI as an optional job, never in the tests.
"""

from __future__ import annotations

import argparse
import compileall
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

PYTHON = sys.executable
SCRIPT = Path(PYTHON).parent / ("neurobenefits.exe" if os.name == "nt" else "neurobenefits")
FLOOR = [PYTHON, "-c", "pass"]
FRAMEWORK = [
    PYTHON,
    "-c",
    "import typer; from rich.console import Console; from rich.table import Table",
]

# command, target against B, target against F (None: no F target). Issue 15 set the B targets
# of --version, plain/JSON show, plain list and search, and the table show and list.
TARGETS: list[tuple[list[str], float, float | None]] = [
    (["--version"], 2.0, None),
    (["show", "8", "--format", "plain"], 6.0, None),
    (["show", "8", "--format", "json"], 6.0, None),
    (["list", "--format", "plain"], 6.5, None),
    (["search", "spasm", "--format", "plain"], 6.5, None),
    (["show", "8", "--format", "table"], 8.5, 1.15),
    (["list", "--format", "table"], 8.8, 1.15),
    (["search", "spasm", "--format", "table"], 9.5, 1.15),
]
MEMORY_TARGET = 1.2  # peak memory of `list` against F's
SCALING_SIZES = (14, 1000, 10000)
SCALING_TARGET = 3.0  # search on 1,000 entries against 14


@dataclass
class Timing:
    median: float
    peak_kib: int


OUTPUT = Path(tempfile.gettempdir()) / f"neurobenefits-bench-{os.getpid()}.out"


def run_once(command: Sequence[str], env: dict[str, str]) -> tuple[float, int]:
    """Wall time in seconds and peak memory in KiB of one whole process, stdout to a file."""
    with OUTPUT.open("w") as sink:
        start = time.perf_counter()
        process = subprocess.Popen(command, stdout=sink, stderr=subprocess.DEVNULL, env=env)
        _, status, usage = os.wait4(process.pid, 0)
        elapsed = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode not in (0,):
        raise SystemExit(f"benchmark command failed ({process.returncode}): {' '.join(command)}")
    peak = usage.ru_maxrss if sys.platform != "darwin" else usage.ru_maxrss // 1024
    return elapsed, peak


def compare(
    command: Sequence[str], baselines: Sequence[Sequence[str]], runs: int, env: dict[str, str]
) -> list[Timing]:
    """Median time of the command and of each baseline, run in turn so they share conditions."""
    run_once(command, env)  # warm the file cache and the catalogue cache
    samples: list[list[tuple[float, int]]] = [[] for _ in range(len(baselines) + 1)]
    for _ in range(runs):
        for index, each in enumerate([command, *baselines]):
            samples[index].append(run_once(each, env))
    return [Timing(statistics.median(t for t, _ in s), max(m for _, m in s)) for s in samples]


def ensure_bytecode() -> None:
    """Compile the package as an install does, so that no run pays for compiling it."""
    import neurobenefits

    compileall.compile_dir(Path(neurobenefits.__file__).parent, quiet=1)


def machine() -> str:
    import platform

    return f"{platform.system()} {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"


def program() -> list[str]:
    return [str(SCRIPT)] if SCRIPT.exists() else [PYTHON, "-m", "neurobenefits"]


def startup(runs: int, env: dict[str, str]) -> list[str]:
    missed: list[str] = []
    print(f"{'command':<42} {'median':>9} {'x B':>7} {'target':>7} {'x F':>7} {'target':>7}")
    for arguments, b_target, f_target in TARGETS:
        timing, floor, framework = compare([*program(), *arguments], [FLOOR, FRAMEWORK], runs, env)
        b_ratio = timing.median / floor.median
        f_ratio = timing.median / framework.median
        name = "neurobenefits " + " ".join(arguments)
        f_text = f"{f_ratio:7.2f} {f_target:7.2f}" if f_target else f"{f_ratio:7.2f} {'':>7}"
        print(f"{name:<42} {timing.median * 1000:7.1f}ms {b_ratio:7.2f} {b_target:7.2f} {f_text}")
        if b_ratio > b_target:
            missed.append(f"{name}: {b_ratio:.2f} x B > {b_target}")
        if f_target and f_ratio > f_target:
            missed.append(f"{name}: {f_ratio:.2f} x F > {f_target}")
    print(f"{'B = python -c pass':<42} {floor.median * 1000:7.1f}ms")
    print(
        f"{'F = python -c import typer, rich Console+Table':<42} {framework.median * 1000:7.1f}ms"
    )
    listed, _, framework = compare(
        [*program(), "list", "--format", "table"], [FLOOR, FRAMEWORK], max(5, runs // 2), env
    )
    memory = listed.peak_kib / framework.peak_kib
    print(
        f"peak memory of list: {listed.peak_kib} KiB, F: {framework.peak_kib} KiB, {memory:.2f} x F (target {MEMORY_TARGET})"
    )
    if memory > MEMORY_TARGET:
        missed.append(f"peak memory of list: {memory:.2f} x F > {MEMORY_TARGET}")
    return missed


def scaling(runs: int, env: dict[str, str], folder: Path) -> list[str]:
    from generate import write_catalogue

    missed: list[str] = []
    medians: dict[int, float] = {}
    print(f"\n{'search spasm on a catalogue of':<42} {'median':>9} {'x 14':>7}")
    for size in SCALING_SIZES:
        path = write_catalogue(size, folder / f"catalogue-{size}.yaml")
        command = [*program(), "--catalogue", str(path), "--only", "search", "spasm"]
        (timing,) = compare(command, [], runs if size < 10000 else max(3, runs // 4), env)
        medians[size] = timing.median
        print(
            f"{size:>8} entries{'':<26} {timing.median * 1000:7.1f}ms {timing.median / medians[SCALING_SIZES[0]]:7.2f}"
        )
    ratio = medians[1000] / medians[14]
    if ratio > SCALING_TARGET:
        missed.append(f"search on 1,000 entries: {ratio:.2f} x its time on 14 > {SCALING_TARGET}")
    # No faster than linear: the cost per added entry from 1,000 to 10,000 is no more than
    # from 14 to 1,000 (with a margin for noise).
    per_entry_small = (medians[1000] - medians[14]) / (1000 - 14)
    per_entry_large = (medians[10000] - medians[1000]) / (10000 - 1000)
    print(
        f"cost per added entry: {per_entry_small * 1e6:.0f} us (14 to 1,000), {per_entry_large * 1e6:.0f} us (1,000 to 10,000)"
    )
    if per_entry_large > 1.5 * per_entry_small:
        missed.append("search grows faster than linearly with the catalogue")
    return missed


def typer_check(runs: int, env: dict[str, str]) -> int:
    """Does the installed Typer still make a one-argument app import pydantic, and cost?"""
    import typer

    app = "import typer\napp = typer.Typer()\n@app.command()\ndef show(n: int) -> None:\n    print(n)\napp()\n"
    command = [PYTHON, "-c", app, "8"]
    timing, floor = compare(command, [FLOOR], runs, env)
    probe = subprocess.run(
        [
            PYTHON,
            "-c",
            app.replace(
                "app()\n",
                "import sys\ntry:\n    app()\nexcept SystemExit:\n    pass\nprint('pydantic' in sys.modules)",
            ),
            "8",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    uses_pydantic = probe.stdout.strip().endswith("True")
    print(
        f"typer {typer.__version__}: a one-argument app takes {timing.median / floor.median:.2f} x B; imports pydantic: {uses_pydantic}"
    )
    print(
        "The upper bound typer<0.29 in pyproject.toml can be lifted once a release no longer imports pydantic here."
    )
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=15, help="runs of each command (at least 10)")
    parser.add_argument(
        "--typer-check", action="store_true", help="only measure the installed Typer"
    )
    parser.add_argument("--skip-scaling", action="store_true", help="only the start-up targets")
    options = parser.parse_args()
    runs = max(10, options.runs)
    with tempfile.TemporaryDirectory(prefix="neurobenefits-bench-") as folder:
        env = {**os.environ, "XDG_CACHE_HOME": folder, "XDG_CONFIG_HOME": folder, "COLUMNS": "80"}
        for name in (
            "NEUROBENEFITS_CATALOGUE",
            "NEUROBENEFITS_NO_CACHE",
            "NO_COLOR",
            "FORCE_COLOR",
        ):
            env.pop(name, None)
        if options.typer_check:
            return typer_check(runs, env)
        ensure_bytecode()
        print(f"machine: {machine()}; {runs} runs each, medians\n")
        missed = startup(runs, env)
        if not options.skip_scaling:
            missed += scaling(runs, env, Path(folder))
    OUTPUT.unlink(missing_ok=True)
    if missed:
        print("\nMISSED:\n  " + "\n  ".join(missed))
        return 1
    print("\nall targets met")
    return 0


if __name__ == "__main__":
    sys.exit(main())
