"""Generate large catalogues for the scaling benchmark, from the bundled one's benefits."""

from __future__ import annotations

import copy
import sys
from pathlib import Path
from typing import Any

import yaml

from neurobenefits.catalogue.load import bundled_catalogue_path


def generated_catalogue(count: int) -> dict[str, Any]:
    """A catalogue with `count` benefits: the bundled 14 repeated with new numbers and slugs."""
    data: dict[str, Any] = yaml.safe_load(bundled_catalogue_path().read_text(encoding="utf-8"))
    originals = data["benefits"]
    benefits = []
    for number in range(1, count + 1):
        model = copy.deepcopy(originals[(number - 1) % len(originals)])
        round_ = (number - 1) // len(originals)
        model["id"] = number
        model["slug"] = model["slug"] if round_ == 0 else f"{model['slug']}-{round_}"
        base = round_ * len(originals)
        model["related"] = [
            base + r for r in model["related"] if base + r <= count and base + r != number
        ]
        benefits.append(model)
    data["benefits"] = benefits
    return data


def write_catalogue(count: int, path: Path) -> Path:
    path.write_text(
        yaml.safe_dump(generated_catalogue(count), allow_unicode=True, sort_keys=False),
        encoding="utf-8",
    )
    return path


if __name__ == "__main__":
    size = int(sys.argv[1])
    print(write_catalogue(size, Path(sys.argv[2])))
