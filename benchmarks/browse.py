"""Per-keystroke cost of `neurobenefits browse`: from a key typed to the list and details redrawn.

    .venv/bin/python benchmarks/browse.py             # exit 1 if a target is missed
    .venv/bin/python benchmarks/browse.py --runs 5

The browser runs headless (Textual's App.run_test) at 80x24. Each key of a few queries is
typed as a person would, and timed (in CPU time) until the screen has handled it and redrawn:
the search, the new list, the details of the best match. Beside it, the same keys typed into a bare
Textual app holding one Input (B), so that Textual's own cost per key is seen in the same
run. Targets (issue 16): a median under 50 ms on the bundled catalogue and under 150 ms on
one of 1,000 entries (benchmarks/generate.py). Not a test: timings belong here.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

QUERIES = ("spasm", "skin", "sleep quality", "circulaton", "stress")
TARGETS_MS = {14: 50.0, 1000: 150.0}


async def _type(app: Any, queries: tuple[str, ...], clear: Any) -> list[float]:
    """CPU seconds per key, from the press until the app is idle and has redrawn.

    CPU time of this process, not wall time: the headless app runs in it, and a machine
    busy with other work (a CI runner, a shared box) would otherwise inflate every number.
    """
    timings: list[float] = []
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        for query in queries:
            for key in query:
                name = "space" if key == " " else key
                start = time.process_time()
                await pilot.press(name)
                await pilot.pause()
                timings.append(time.process_time() - start)
            clear(app)
            await pilot.pause()
    return timings


def browser_keys(catalogue_path: Path | None, runs: int) -> list[float]:
    from neurobenefits.browse.app import BrowseApp
    from neurobenefits.catalogue.load import load_catalogue

    if catalogue_path is None:
        catalogue = load_catalogue(environ={"XDG_CONFIG_HOME": "/nonexistent"})
    else:
        catalogue = load_catalogue([catalogue_path], only=True)

    def clear(app: Any) -> None:
        from textual.widgets import Input

        app.screen.query_one("#search", Input).value = ""

    timings: list[float] = []
    for _ in range(runs):
        timings += asyncio.run(_type(BrowseApp(catalogue), QUERIES, clear))
    return timings


def baseline_keys(runs: int) -> list[float]:
    """B: the same keys in an app with nothing but an Input."""
    from textual.app import App, ComposeResult
    from textual.widgets import Input

    class Bare(App[None]):
        def compose(self) -> ComposeResult:
            yield Input()

    def clear(app: Any) -> None:
        app.query_one(Input).value = ""

    timings: list[float] = []
    for _ in range(runs):
        timings += asyncio.run(_type(Bare(), QUERIES, clear))
    return timings


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=3, help="times each set of queries is typed")
    options = parser.parse_args()
    from generate import write_catalogue

    missed: list[str] = []
    base = statistics.median(baseline_keys(options.runs))
    print(f"{'keystroke in':<36} {'median':>9} {'p90':>9} {'x B':>7} {'target':>9}")
    print(f"{'B: a bare Textual Input':<36} {base * 1000:7.1f}ms")
    with tempfile.TemporaryDirectory() as folder:
        for size, target in TARGETS_MS.items():
            path = None if size == 14 else write_catalogue(size, Path(folder) / f"c{size}.yaml")
            timings = sorted(browser_keys(path, options.runs))
            median = statistics.median(timings)
            p90 = timings[int(len(timings) * 0.9)]
            name = f"browse, {size} entries"
            print(
                f"{name:<36} {median * 1000:7.1f}ms {p90 * 1000:7.1f}ms {median / base:7.2f} {target:7.0f}ms"
            )
            if median * 1000 > target:
                missed.append(f"{name}: median {median * 1000:.1f} ms > {target:.0f} ms")
    for line in missed:
        print(f"missed: {line}")
    if not missed:
        print("\nall targets met")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
