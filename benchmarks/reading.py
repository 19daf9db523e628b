"""What reading a catalogue costs, step by step, in one process: medians in milliseconds.

    .venv/bin/python benchmarks/reading.py

For the bundled catalogue and generated ones of 1,000 and 10,000 benefits: reading the
files' bytes, hashing them into the cache key, reading and verifying the cache entry,
building the model (a cache hit is the sum of these), and a miss (parsing the YAML with every
check and limit). Last, how long a hostile file takes to be refused: 4.9 million `related`
entries, 9.8 MB (29 s and 2.8 GB before the limits). Only the standard library and the
package are used; nothing here is a test.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generate import write_catalogue  # noqa: E402
from neurobenefits.catalogue import cache  # noqa: E402
from neurobenefits.catalogue.build import catalogue_from_merged  # noqa: E402
from neurobenefits.catalogue.load import (  # noqa: E402
    CatalogueError,
    load_stack,
    read_sources,
    stack_paths,
)


def median_ms(step: Callable[[], Any], runs: int) -> tuple[float, Any]:
    samples, result = [], None
    for _ in range(runs):
        start = time.perf_counter()
        result = step()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples) * 1000, result


def steps(extra: list[Path], folder: str, runs: int) -> str:
    environ = {"XDG_CONFIG_HOME": folder, "XDG_CACHE_HOME": folder}
    stack = stack_paths(extra, only=bool(extra), environ=environ)
    load_stack(stack, environ=environ)  # fills the cache
    read, (sources, _) = median_ms(lambda: read_sources(stack), runs)
    parts = [(s.label, s.role, s.raw) for s in sources]
    hashing, key = median_ms(lambda: cache.key_for(parts), runs)
    entry, merged = median_ms(lambda: cache.read(key, environ), runs)
    build, _ = median_ms(lambda: catalogue_from_merged(merged), runs)
    miss, _ = median_ms(lambda: load_stack(stack, use_cache=False), max(1, runs // 5))
    size = sum(len(raw) for _, _, raw in parts) / 1024
    return (
        f"{size:9.0f} kB  read {read:7.2f}  hash {hashing:6.2f}  entry {entry:8.2f}  "
        f"build {build:7.2f}  hit {read + hashing + entry + build:8.2f}  miss {miss:9.1f}"
    )


def refusal(folder: Path) -> str:
    hostile = folder / "related.yaml"
    hostile.write_text(
        "benefits:\n  - id: 8\n    related: [" + ",".join(["7"] * 4_900_000) + "]\n",
        encoding="utf-8",
    )
    start = time.perf_counter()
    try:
        load_stack([(hostile, "--catalogue")], use_cache=False)
    except CatalogueError as error:
        message = str(error.problems[0].message)
    else:
        message = "accepted?"
    return f"4.9 million related entries refused in {(time.perf_counter() - start) * 1000:.0f} ms: {message}"


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="neurobenefits-reading-") as folder:
        print("catalogue          size  (medians, ms)")
        print(f"bundled   {steps([], folder, 41)}")
        for count in (1000, 10000):
            path = write_catalogue(count, Path(folder) / f"c{count}.yaml")
            print(f"{count:>6}    {steps([path], folder, 11 if count < 10000 else 3)}")
        print(refusal(Path(folder)))


if __name__ == "__main__":
    main()
