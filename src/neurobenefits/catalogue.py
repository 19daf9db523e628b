"""Find the catalogue files, read them, and stack them into one Catalogue.

The order of the stack: the bundled catalogue, the personal overlay in the user's config
folder (when it exists), the files named by NEUROBENEFITS_CATALOGUE, then each --catalogue.
With `only`, just the files given on the command line are read.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import CatalogueError
from .problems import Problem

if TYPE_CHECKING:
    from .model import Catalogue
    from .stack import Layer

ENV_VARIABLE = "NEUROBENEFITS_CATALOGUE"
APP_NAME = "neurobenefits"


__all__ = ["CatalogueError", "load_catalogue", "load_stack", "stack_paths"]


def bundled_catalogue_path() -> Path:
    """The catalogue shipped with the program, however it was installed.

    A wheel carries it inside the package (hatchling's force-include); an editable install
    or a source checkout has it at the top of the repository, two folders above this file.
    """
    package = Path(__file__).resolve().parent
    for candidate in (
        package / "data" / "benefits.yaml",
        package.parent.parent / "data" / "benefits.yaml",
    ):
        if candidate.is_file():
            return candidate
    raise CatalogueError(
        [
            Problem(
                str(package / "data" / "benefits.yaml"),
                "the bundled catalogue is missing; reinstall neurobenefits",
            )
        ]
    )


def config_dir(environ: Mapping[str, str] | None = None) -> Path:
    """The user's configuration folder for this program, as each platform expects it."""
    env = os.environ if environ is None else environ
    if env.get("XDG_CONFIG_HOME"):
        return Path(env["XDG_CONFIG_HOME"]) / APP_NAME
    if sys.platform == "win32" and env.get("APPDATA"):
        return Path(env["APPDATA"]) / APP_NAME
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Application Support" / APP_NAME
    return Path.home() / ".config" / APP_NAME


def personal_overlay_path(environ: Mapping[str, str] | None = None) -> Path:
    return config_dir(environ) / "benefits.yaml"


def environment_paths(environ: Mapping[str, str] | None = None) -> list[Path]:
    """The files NEUROBENEFITS_CATALOGUE names, split on the platform's path separator."""
    value = (os.environ if environ is None else environ).get(ENV_VARIABLE, "")
    return [Path(part) for part in value.split(os.pathsep) if part.strip()]


def stack_paths(
    extra: Sequence[Path] = (), *, only: bool = False, environ: Mapping[str, str] | None = None
) -> list[tuple[Path, str]]:
    """Each file of the stack, in order, with the part it plays."""
    if only:
        return [(path, "--catalogue") for path in extra]
    stack = [(bundled_catalogue_path(), "bundled")]
    personal = personal_overlay_path(environ)
    if personal.is_file():
        stack.append((personal, "personal overlay"))
    stack += [(path, ENV_VARIABLE) for path in environment_paths(environ)]
    stack += [(path, "--catalogue") for path in extra]
    return stack


def load_stack(stack: Sequence[tuple[Path, str]], *, use_cache: bool = True) -> Catalogue:
    """Read every file and stack them; raise CatalogueError with every problem found.

    A stack read before comes from the cache; PyYAML and the checks run only on a miss.
    """
    from . import cache
    from .build import catalogue_from_merged

    key = cache.stack_key(stack) if use_cache else None
    merged = cache.read(key) if key else None
    if merged is not None:
        try:
            return catalogue_from_merged(merged)
        except (KeyError, TypeError, ValueError, AttributeError):
            pass  # a cache from another version: read the files again
    merged = _read_and_stack(stack)
    if key:
        cache.write(key, merged)
    return catalogue_from_merged(merged)


def _read_and_stack(stack: Sequence[tuple[Path, str]]) -> dict[str, Any]:
    from .stack import check_layer, stack_layers

    layers, problems = read_layers(stack)
    if problems:
        # The stack cannot be built, but each file that was read can still be checked.
        raise CatalogueError(problems + [p for layer in layers for p in check_layer(layer)])
    return stack_layers(layers)


def load_catalogue(
    extra: Sequence[Path] = (), *, only: bool = False, environ: Mapping[str, str] | None = None
) -> Catalogue:
    return load_stack(stack_paths(extra, only=only, environ=environ))


def read_layers(stack: Sequence[tuple[Path, str]]) -> tuple[list[Layer], list[Problem]]:
    from .stack import Layer
    from .yamlsafe import YamlProblem, read_file

    layers: list[Layer] = []
    problems: list[Problem] = []
    for path, role in stack:
        try:
            document = read_file(path)
        except YamlProblem as error:
            problems.append(Problem(str(path), error.message, line=error.line, column=error.column))
            continue
        layers.append(Layer(str(path), role, document))
    return layers, problems
