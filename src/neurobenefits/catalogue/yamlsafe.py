"""Read YAML text into plain data, safely, remembering where each value came from.

PyYAML's safe loaders keep the last of two duplicate keys, expand aliases without limit,
forget line numbers, and compose the whole node tree before anything can be refused (a
10 MB list takes a minute and gigabytes). Here the parser (libyaml when present) only
produces events; this module builds dicts, lists and scalars from them itself, so that it
can refuse what a catalogue never needs (tags beyond the standard ones, anchors and aliases,
duplicate or non-text keys), stop as soon as a limit is passed, and record a line and column
for every value.
"""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass
from typing import Any

from .problems import PathKey, printable

# Limits on what one file may hold (its size: catalogue.py): each keeps a call within seconds and bounded memory,
# and each is far beyond what a catalogue needs (ten thousand benefits take about 9 MB and
# 300,000 values; the deepest field is 5 levels down). README lists them.
MAX_VALUES = 1_000_000
MAX_ITEMS = 20_000  # in one list or mapping
MAX_DEPTH = 20
MAX_NUMBER_DIGITS = 30

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
_ANCHOR_MESSAGE = (
    "anchors and aliases (&name, *name) are not allowed in a catalogue; write the value out"
)


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


def decode(raw: bytes) -> str:
    """UTF-8 text (a byte-order mark is allowed), or a problem naming the first bad byte."""
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
        return _Builder(loader).document()
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (0, 0)
        reason = error.problem or "invalid YAML"
        if error.context:
            reason = f"{error.context}, {reason}"
        raise YamlProblem(f"not valid YAML: {printable(reason)}", line, column) from None
    except yaml.reader.ReaderError as error:
        # The reader names the first character it refuses; where it is, as line:column.
        character = chr(error.character) if isinstance(error.character, int) else ""
        line, column = _line_and_column(text, text.find(character) if character else -1)
        raise YamlProblem(
            f"not valid YAML: the control character U+{ord(character or '?'):04X} is not allowed; "
            "catalogue text must be printable",
            line,
            column,
        ) from None
    except yaml.YAMLError as error:
        raise YamlProblem(f"not valid YAML: {printable(str(error).splitlines()[0])}") from None
    finally:
        loader.dispose()


def _line_and_column(text: str, index: int) -> Position:
    if index < 0:
        return (0, 0)
    line = text.count("\n", 0, index) + 1
    return line, index - (text.rfind("\n", 0, index) + 1) + 1


def _tag_name(tag: str) -> str:
    """`tag:yaml.org,2002:python/object` -> `!!python/object`, as it was written."""
    prefix = "tag:yaml.org,2002:"
    return "!!" + tag[len(prefix) :] if tag.startswith(prefix) else tag


def _where(event: Any) -> Position:
    return (event.start_mark.line + 1, event.start_mark.column + 1)


@dataclass
class _Open:
    """A list or mapping being built, and where its next value goes."""

    value: list[Any] | dict[Hashable, Any]
    path: PathKey
    is_list: bool
    key: Any = None  # a mapping's key waiting for its value
    has_key: bool = False


class _Builder:
    """Builds plain data from parser events, refusing what a catalogue must not hold."""

    def __init__(self, loader: Any) -> None:
        import yaml

        self.yaml = yaml
        self.loader = loader
        self.positions: dict[PathKey, Position] = {}
        self.count = 0

    def document(self) -> Document:
        events = self.yaml.events
        loader = self.loader
        loader.get_event()  # stream start
        if loader.check_event(events.StreamEndEvent):
            return Document(None, {(): (1, 1)})
        start = loader.get_event()  # document start
        data = self._value()
        loader.get_event()  # document end
        if not loader.check_event(events.StreamEndEvent):
            extra = loader.get_event()
            raise self.yaml.composer.ComposerError(
                "expected a single document in the stream",
                start.start_mark,
                "but found another document",
                extra.start_mark,
            )
        return Document(data, self.positions)

    def _value(self) -> Any:
        """One whole value (a scalar, or a list or mapping with everything inside it)."""
        events = self.yaml.events
        scalar, alias = events.ScalarEvent, events.AliasEvent
        ends = (events.SequenceEndEvent, events.MappingEndEvent)
        get_event = self.loader.get_event
        stack: list[_Open] = []
        while True:
            event = get_event()
            kind = type(event)
            top = stack[-1] if stack else None
            if kind is alias or (kind not in ends and event.anchor is not None):
                # Refusing them is also what stops an alias bomb from expanding.
                raise YamlProblem(_ANCHOR_MESSAGE, *_where(event))
            if kind in ends:
                value: Any = stack.pop().value
            elif top is not None and not top.is_list and not top.has_key:
                top.key = self._key(event, top.value)
                top.has_key = True
                continue
            else:
                where = _where(event)
                path = self._path_of(top)
                self._count(where, top)
                self.positions.setdefault(path, where)
                if kind is scalar:
                    value = self._scalar(event, where)
                else:
                    value = self._collection(event, where)
                    if len(stack) >= MAX_DEPTH:
                        raise YamlProblem(
                            f"is nested more than {MAX_DEPTH} deep; a catalogue needs 5", *where
                        )
                    stack.append(_Open(value, path, isinstance(value, list)))
                    continue
            if not stack:
                return value
            parent = stack[-1]
            if parent.is_list:
                parent.value.append(value)  # type: ignore[union-attr]
            else:
                parent.value[parent.key] = value
                parent.has_key = False

    @staticmethod
    def _path_of(top: _Open | None) -> PathKey:
        if top is None:
            return ()
        if top.is_list:
            return (*top.path, len(top.value))
        return (*top.path, top.key)

    def _count(self, where: Position, top: _Open | None) -> None:
        self.count += 1
        if self.count > MAX_VALUES:
            raise YamlProblem(
                f"has more than {MAX_VALUES:,} values; a catalogue is far smaller", *where
            )
        if top is not None and len(top.value) >= MAX_ITEMS:
            kind = "items" if isinstance(top.value, list) else "keys"
            raise YamlProblem(
                f"a list or mapping has more than {MAX_ITEMS:,} {kind}; a catalogue is far smaller",
                *where,
            )

    def _resolve(self, value: str, plain: bool) -> str:
        """The tag of an untagged scalar, as PyYAML's resolver gives it (inlined: it runs for
        every value, and most are text that no implicit pattern can match)."""
        if not plain:
            return "tag:yaml.org,2002:str"
        table = self.loader.yaml_implicit_resolvers
        for tag, pattern in [*table.get(value[:1], ()), *table.get(None, ())]:
            if pattern.match(value):
                return str(tag)
        return "tag:yaml.org,2002:str"

    def _collection(self, event: Any, where: Position) -> list[Any] | dict[Hashable, Any]:
        is_list = isinstance(event, self.yaml.events.SequenceStartEvent)
        if event.tag not in (None, "!", _SEQ_TAG if is_list else _MAP_TAG):
            raise YamlProblem(
                f"unknown tag {printable(_tag_name(event.tag))}; catalogues use plain YAML", *where
            )
        return [] if is_list else {}

    def _key(self, event: Any, mapping: Any) -> str | int:
        where = _where(event)
        if not isinstance(event, self.yaml.events.ScalarEvent):
            raise YamlProblem("a key must be plain text or a number", *where)
        key = self._scalar(event, where)
        if isinstance(key, bool) or not isinstance(key, str | int):
            raise YamlProblem(
                f"key {printable(repr(event.value))} must be text or a whole number", *where
            )
        if key in mapping:
            raise YamlProblem(
                f"duplicate key {printable(repr(key))}; each key may appear once in a mapping",
                *where,
            )
        return key

    def _scalar(self, event: Any, where: Position) -> Any:
        tag = event.tag
        if tag is None or tag == "!":
            tag = self._resolve(event.value, event.implicit[0])
        if tag not in _SCALAR_TAGS:
            raise YamlProblem(
                f"unknown tag {printable(_tag_name(tag))}; catalogues use plain YAML", *where
            )
        if tag == "tag:yaml.org,2002:str":
            return event.value
        if tag == "tag:yaml.org,2002:timestamp":
            return event.value  # a date stays as the text written
        if tag == "tag:yaml.org,2002:int" and len(event.value) > MAX_NUMBER_DIGITS:
            raise YamlProblem(
                f"a number of {len(event.value):,} digits is too long; "
                f"catalogue numbers have at most {MAX_NUMBER_DIGITS}",
                *where,
            )
        node = self.yaml.ScalarNode(tag, event.value, event.start_mark, event.end_mark)
        try:
            return self.loader.yaml_constructors[tag](self.loader, node)
        except (ValueError, OverflowError):
            kind = _tag_name(tag)[2:]
            raise YamlProblem(
                f"{printable(repr(event.value))} cannot be read as {kind}", *where
            ) from None
