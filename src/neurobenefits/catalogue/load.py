"""Find the catalogue files, read them, and stack them into one Catalogue.

The order of the stack: the bundled catalogue, the personal overlay in the user's config
folder (when it exists), the files named by NEUROBENEFITS_CATALOGUE, then each --catalogue.
With `only`, just the files given on the command line are read.

Only regular files are read (regularfile.py): a FIFO or a device named anywhere is refused,
never waited on. Standard input is read only when a command line names `/dev/stdin`.
"""

from __future__ import annotations

import errno
import os
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from ..errors import CatalogueError
from .problems import Problem

if TYPE_CHECKING:
    from .model import Catalogue

ENV_VARIABLE = "NEUROBENEFITS_CATALOGUE"
COMMAND_LINE = "--catalogue"
STDIN_NAME = "/dev/stdin"
MAX_FILE_BYTES = 32 * 1024 * 1024  # README lists this limit and the parser's (yamlsafe.py)
APP_NAME = "neurobenefits"


__all__ = ["CatalogueError", "load_catalogue", "load_stack", "stack_paths"]


def bundled_catalogue_path() -> Path:
    """The catalogue shipped with the program, however it was installed.

    A wheel carries it inside the package (hatchling's force-include); an editable install
    or a source checkout has it at the top of the repository, two folders above the package.
    """
    package = Path(__file__).resolve().parent.parent
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


def config_dir(environ: Mapping[str, str] | None = None) -> Path | None:
    """The user's configuration folder for this program, as each platform expects it.

    A relative XDG_CONFIG_HOME is ignored, as the XDG specification asks; None when there
    is no home folder to fall back on.
    """
    env = os.environ if environ is None else environ
    xdg = env.get("XDG_CONFIG_HOME", "")
    if xdg and Path(xdg).is_absolute():
        return Path(xdg) / APP_NAME
    if sys.platform == "win32" and env.get("APPDATA"):
        return Path(env["APPDATA"]) / APP_NAME
    try:
        home = Path.home()
    except (RuntimeError, KeyError, OSError):
        return None
    if sys.platform == "darwin":
        return home / "Library" / "Application Support" / APP_NAME
    return home / ".config" / APP_NAME


def personal_overlay_path(environ: Mapping[str, str] | None = None) -> Path | None:
    folder = config_dir(environ)
    return folder / "benefits.yaml" if folder else None


def personal_overlay_present(path: Path | None) -> bool:
    """Whether the personal overlay is there to be read.

    Only a name that cannot exist (no such file, no such folder, a name too long for the
    system) means "no overlay". Anything else that is there (a folder that cannot be
    entered, a FIFO...) is read, so that its problem is reported rather than a clinic's
    notes and cautions silently left out.
    """
    if path is None:
        return False
    try:
        path.stat()
    except (FileNotFoundError, NotADirectoryError):
        return False
    except OSError as error:
        return error.errno != errno.ENAMETOOLONG
    return True


def environment_paths(environ: Mapping[str, str] | None = None) -> list[Path]:
    """The files NEUROBENEFITS_CATALOGUE names, split on the platform's path separator."""
    value = (os.environ if environ is None else environ).get(ENV_VARIABLE, "")
    return [Path(part) for part in value.split(os.pathsep) if part.strip()]


def stack_paths(
    extra: Sequence[str | Path] = (),
    *,
    only: bool = False,
    environ: Mapping[str, str] | None = None,
) -> list[tuple[str | Path, str]]:
    """Each file of the stack, in order, with the part it plays."""
    if only:
        return [(path, COMMAND_LINE) for path in extra]
    stack: list[tuple[str | Path, str]] = [(bundled_catalogue_path(), "bundled")]
    personal = personal_overlay_path(environ)
    if personal is not None and personal_overlay_present(personal):
        stack.append((personal, "personal overlay"))
    stack += [(path, ENV_VARIABLE) for path in environment_paths(environ)]
    stack += [(path, COMMAND_LINE) for path in extra]
    return stack


def load_stack(
    stack: Sequence[tuple[str | Path, str]],
    *,
    use_cache: bool = True,
    environ: Mapping[str, str] | None = None,
) -> Catalogue:
    """Read every file and stack them; raise CatalogueError with every problem found.

    A stack read before comes from the cache (keyed by the files' bytes, so every file is
    read each time); PyYAML and the checks run only on a miss.
    """
    from . import cache
    from .build import catalogue_from_merged

    sources, problems = read_sources(stack)
    key = cache.key_for([(s.label, s.role, s.raw) for s in sources]) if use_cache else None
    cached = cache.read(key, environ) if key and not problems else None
    if cached is not None:
        try:
            return catalogue_from_merged(cached)
        except (KeyError, TypeError, ValueError, AttributeError):
            pass  # only this program's own checked data is read back; this is a last guard
    merged = _parse_and_stack(sources, problems)
    if key:
        cache.write(key, merged, environ)
    return catalogue_from_merged(merged)


def load_catalogue(
    extra: Sequence[str | Path] = (),
    *,
    only: bool = False,
    environ: Mapping[str, str] | None = None,
) -> Catalogue:
    return load_stack(stack_paths(extra, only=only, environ=environ), environ=environ)


class Source(NamedTuple):
    """One catalogue file's name (as given), its part in the stack, and its bytes."""

    label: str
    role: str
    raw: bytes


def _label(path: str | Path) -> str:
    return str(path) if str(path) else "''"


def read_sources(stack: Sequence[tuple[str | Path, str]]) -> tuple[list[Source], list[Problem]]:
    """The bytes of every file, and a problem for each that cannot be read.

    Every call reads them (the cache is keyed by their bytes), so this path imports neither
    PyYAML nor the parser.
    """
    from .regularfile import NotReadable

    sources: list[Source] = []
    problems: list[Problem] = []
    for path, role in stack:
        try:
            # Standard input only when a command line names it: never from the environment.
            raw = read_bytes(path, allow_stdin=role == COMMAND_LINE)
        except NotReadable as error:
            problems.append(Problem(_label(path), str(error)))
            continue
        sources.append(Source(_label(path), role, raw))
    return sources, problems


def read_bytes(path: str | Path, *, allow_stdin: bool = False) -> bytes:
    """A catalogue file's bytes: a regular file only (standard input only when named so)."""
    from .regularfile import NotReadable, read_regular

    if allow_stdin and os.fspath(path) == STDIN_NAME:
        if sys.stdin is None or sys.stdin.isatty():
            raise NotReadable("standard input is a terminal; pipe a catalogue file into it")
        raw = sys.stdin.buffer.read(MAX_FILE_BYTES + 1)
    else:
        raw = read_regular(path, MAX_FILE_BYTES)
    if len(raw) > MAX_FILE_BYTES:
        limit = MAX_FILE_BYTES // (1024 * 1024)
        raise NotReadable(f"is larger than the {limit} MiB limit for a catalogue")
    return raw


def _parse_and_stack(sources: Sequence[Source], problems: list[Problem]) -> dict[str, Any]:
    from .stack import Layer, check_layer, stack_layers
    from .yamlsafe import YamlProblem, decode, parse_text

    layers: list[Layer] = []
    problems = list(problems)
    for source in sources:
        try:
            document = parse_text(decode(source.raw))
        except YamlProblem as error:
            problems.append(
                Problem(source.label, error.message, line=error.line, column=error.column)
            )
            continue
        layers.append(Layer(source.label, source.role, document))
    if problems:
        # The stack cannot be built, but each file that was read can still be checked.
        raise CatalogueError(problems + [p for layer in layers for p in check_layer(layer)])
    return stack_layers(layers)
