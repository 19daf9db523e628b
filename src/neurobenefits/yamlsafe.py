"""Read YAML text into plain data, safely, remembering where each value came from.

PyYAML's safe loaders still keep the last of two duplicate keys, expand aliases without
limit and forget line numbers. Here the C parser (or the pure-Python one) only composes
the node tree; this module turns nodes into dicts, lists and scalars itself, so that it can
refuse what a catalogue never needs (tags beyond the standard ones, aliases, duplicate or
non-text keys) and record a line and column for every value.
"""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .problems import PathKey

MAX_FILE_BYTES = 32 * 1024 * 1024  # ten thousand benefits take about 11 MB
MAX_NODES = 5_000_000  # a ceiling on work, whatever the file holds

Position = tuple[int, int]

# The standard scalar tags; anything else (!!python/object, !custom ...) is refused.
_SCALAR_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:timestamp",
}
_MAP_TAG = "tag:yaml.org,2002:map"
_SEQ_TAG = "tag:yaml.org,2002:seq"


class YamlProblem(Exception):
    """The file could not be read or is not YAML that a catalogue may contain."""

    def __init__(self, message: str, line: int = 0, column: int = 0) -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        self.column = column


@dataclass(frozen=True)
class Document:
    """Plain data read from one file, with the line and column of each value."""

    data: Any
    positions: dict[PathKey, Position]

    def position(self, path: PathKey) -> Position:
        """Where `path` (or its nearest ancestor that exists) starts in the file."""
        while path not in self.positions and path:
            path = path[:-1]
        return self.positions.get(path, (1, 1))


def read_file(path: Path) -> Document:
    """Read and parse a YAML file, or raise YamlProblem saying what is wrong with it."""
    return parse_text(read_text(path))


def read_text(path: Path) -> str:
    """Read a file as UTF-8 (a byte-order mark is allowed), within the size limit."""
    try:
        if path.is_dir():
            raise YamlProblem("is a directory; expected a YAML file")
        with path.open("rb") as handle:
            raw = handle.read(MAX_FILE_BYTES + 1)
    except FileNotFoundError:
        raise YamlProblem("no such file") from None
    except PermissionError:
        raise YamlProblem("permission denied; the file must be readable") from None
    except IsADirectoryError:
        raise YamlProblem("is a directory; expected a YAML file") from None
    except OSError as error:
        raise YamlProblem(f"cannot be read ({error.strerror or error})") from None
    if len(raw) > MAX_FILE_BYTES:
        limit = MAX_FILE_BYTES // (1024 * 1024)
        raise YamlProblem(f"is larger than the {limit} MiB limit for a catalogue")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        column = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
        raise YamlProblem(
            f"byte 0x{raw[error.start]:02x} is not UTF-8; save the file as UTF-8", line, column
        ) from None


def parse_text(text: str) -> Document:
    """Parse YAML text into plain data and positions."""
    import yaml

    loader_class = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    loader = loader_class(text)
    try:
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (0, 0)
        reason = error.problem or "invalid YAML"
        if error.context:
            reason = f"{error.context}, {reason}"
        raise YamlProblem(f"not valid YAML: {reason}", line, column) from None
    except yaml.YAMLError as error:
        raise YamlProblem(f"not valid YAML: {error}") from None
    except RecursionError:
        raise YamlProblem("not valid YAML: nesting is too deep") from None
    finally:
        loader.dispose()
    if node is None:
        return Document(None, {(): (1, 1)})
    builder = _Builder(loader)
    try:
        data = builder.build(node, ())
    except RecursionError:
        raise YamlProblem("nesting is too deep for a catalogue") from None
    return Document(data, builder.positions)


def _tag_name(tag: str) -> str:
    """`tag:yaml.org,2002:python/object` -> `!!python/object`, as it was written."""
    prefix = "tag:yaml.org,2002:"
    return "!!" + tag[len(prefix) :] if tag.startswith(prefix) else tag


class _Builder:
    """Turns composed nodes into plain data, refusing what a catalogue must not hold."""

    def __init__(self, loader: Any) -> None:
        self.loader = loader
        self.positions: dict[PathKey, Position] = {}
        self.seen: set[int] = set()
        self.count = 0

    def build(self, node: Any, path: PathKey) -> Any:
        import yaml

        self.count += 1
        if self.count > MAX_NODES:
            raise YamlProblem(f"has more than {MAX_NODES:,} values; a catalogue is far smaller")
        mark = node.start_mark
        where = (mark.line + 1, mark.column + 1)
        self.positions.setdefault(path, where)
        if isinstance(node, yaml.ScalarNode):
            return self._scalar(node, where)
        # An alias makes two places share one node; catalogues never need that, and
        # refusing it is what stops an alias bomb from expanding.
        if id(node) in self.seen:
            raise YamlProblem(
                "aliases (*name) are not allowed in a catalogue; write it out", *where
            )
        self.seen.add(id(node))
        if isinstance(node, yaml.SequenceNode):
            if node.tag != _SEQ_TAG:
                raise YamlProblem(
                    f"unknown tag {_tag_name(node.tag)}; catalogues use plain YAML", *where
                )
            return [self.build(item, (*path, index)) for index, item in enumerate(node.value)]
        if node.tag != _MAP_TAG:
            raise YamlProblem(
                f"unknown tag {_tag_name(node.tag)}; catalogues use plain YAML", *where
            )
        result: dict[Hashable, Any] = {}
        for key_node, value_node in node.value:
            key_where = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            if not isinstance(key_node, yaml.ScalarNode):
                raise YamlProblem("a key must be plain text or a number", *key_where)
            key = self._scalar(key_node, key_where)
            if isinstance(key, bool) or not isinstance(key, str | int):
                raise YamlProblem(
                    f"key {key_node.value!r} must be text or a whole number", *key_where
                )
            if key in result:
                raise YamlProblem(
                    f"duplicate key {key!r}; each key may appear once in a mapping", *key_where
                )
            # A field's place is where its value starts: that is what a problem is about.
            result[key] = self.build(value_node, path + (key,))
        return result

    def _scalar(self, node: Any, where: Position) -> Any:
        if node.tag not in _SCALAR_TAGS:
            raise YamlProblem(
                f"unknown tag {_tag_name(node.tag)}; catalogues use plain YAML", *where
            )
        if node.tag == "tag:yaml.org,2002:timestamp":
            return node.value  # a date stays as the text written
        return self.loader.construct_object(node, deep=True)
