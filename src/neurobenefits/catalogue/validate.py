"""Check one file's plain data against the format in spec.py; report every problem."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator
from functools import cache
from typing import Any

from .problems import PathKey
from .spec import (
    DIRECTION_CONTROLS,
    INVISIBLE,
    INVISIBLE_TAGS,
    Integer,
    ListOf,
    MapOf,
    Record,
    Spec,
    Text,
)

Finding = tuple[PathKey, str]


def check(value: Any, spec: Spec, path: PathKey = ()) -> Iterator[Finding]:
    """Yield (path, message) for each way `value` departs from `spec`."""
    if _fine(value, spec):
        return
    if isinstance(spec, Text):
        yield from _check_text(value, spec, path)
    elif isinstance(spec, Integer):
        yield from _check_integer(value, spec, path)
    elif isinstance(spec, ListOf):
        if not isinstance(value, list):
            yield path, f"expected a list, got {describe_value(value)}"
            return
        if len(value) > spec.max_items:
            yield path, too_many(len(value), spec.max_items, "items")
            return
        item_spec = spec.item
        for index, item in enumerate(value):
            if not _fine(item, item_spec):
                yield from check(item, item_spec, (*path, index))
    elif isinstance(spec, MapOf):
        if not isinstance(value, dict):
            yield (
                path,
                f"expected a mapping of {spec.description or 'keys to values'}, got {describe_value(value)}",
            )
            return
        if len(value) > spec.max_items:
            yield path, too_many(len(value), spec.max_items, "entries")
            return
        for key, item in value.items():
            if not _fine(key, spec.key):
                yield from _check_text(key, spec.key, (*path, key), what="key")
            if not _fine(item, spec.value):
                yield from check(item, spec.value, (*path, key))
    else:
        yield from _check_record(value, spec, path)


def _check_record(value: Any, spec: Record, path: PathKey) -> Iterator[Finding]:
    if not isinstance(value, dict):
        yield (
            path,
            f"expected a mapping with fields such as {', '.join(list(spec.fields)[:3])}, got {describe_value(value)}",
        )
        return
    for name in spec.required:
        if name not in value:
            yield path, f"{name} is missing"
    for key, item in value.items():
        field_spec = spec.fields.get(key) if isinstance(key, str) else None
        if field_spec is None:
            yield (*path, key), unknown_field_message(key, spec.fields)
        elif not _fine(item, field_spec):
            yield from check(item, field_spec, (*path, key))


def unknown_field_message(key: object, known: dict[str, Spec]) -> str:
    close = difflib.get_close_matches(str(key), list(known), n=1, cutoff=0.6)
    if close:
        return f"unknown field {key!r}; did you mean {close[0]!r}?"
    return f"unknown field {key!r}; expected one of: {', '.join(known)}"


def _fine(value: Any, spec: Spec) -> bool:
    """Whether a text or a number certainly passes: one test for the common case, since the
    cache's data is checked on every call. False only means "look closer"."""
    if isinstance(spec, Text):
        return (
            type(value) is str
            and len(value) <= spec.length_limit
            and _suspect(spec.one_line).search(value) is None
            and (not spec.one_line or "\n" not in value.strip())
            and (spec.pattern is None or _compiled(spec.pattern).match(value) is not None)
            and not value.isspace()
            and value != ""
        )
    if isinstance(spec, Integer):
        return (
            type(value) is int
            and (spec.minimum is None or value >= spec.minimum)
            and (spec.maximum is None or value <= spec.maximum)
        )
    return False


@cache
def _suspect(one_line: bool) -> re.Pattern[str]:
    """Any character that a text of this kind may not hold, or that needs a closer look."""
    hidden = (
        f"{DIRECTION_CONTROLS}{INVISIBLE}{INVISIBLE_TAGS}\u2028\u2029"
        if one_line
        else DIRECTION_CONTROLS
    )
    return re.compile(f"[\\x00-\\x08\\x0b-\\x1f\\x7f-\\x9f{hidden}]")


def _check_text(value: Any, spec: Text, path: PathKey, what: str = "text") -> Iterator[Finding]:
    if not isinstance(value, str):
        yield path, f"expected {spec.description or what}, got {describe_value(value)}"
        return
    if not value.strip():
        yield path, f"is empty; expected {spec.description or what}"
        return
    if len(value) > spec.length_limit:
        yield path, f"is {len(value):,} characters long; at most {spec.length_limit:,} are allowed"
        return
    control = _CONTROL.search(value)
    if control:
        # An escape sequence in catalogue text could drive the reader's terminal.
        yield (
            path,
            f"contains the control character U+{ord(control.group()):04X}; catalogue text must be printable",
        )
        return
    hidden = (_HIDDEN_IN_LINE if spec.one_line else _HIDDEN_IN_PROSE).search(value)
    if hidden:
        char = hidden.group()
        why = (
            "a direction control, which can reorder what a reader sees"
            if _DIRECTION.match(char)
            else "an invisible character, so two names could look the same and differ"
        )
        yield path, f"contains U+{ord(char):04X}, {why}; remove it"
        return
    if spec.one_line and (_LINE_BREAK.search(value.strip()) or "\r" in value):
        yield path, "must be a single line"
    # fullmatch: `$` alone would let a value end in a newline.
    if spec.pattern and not _compiled(spec.pattern).fullmatch(value):
        hint = f" ({spec.pattern_hint})" if spec.pattern_hint else ""
        yield path, f"{value!r} is not {spec.description or 'valid'}{hint}"


def _check_integer(value: Any, spec: Integer, path: PathKey) -> Iterator[Finding]:
    if isinstance(value, bool) or not isinstance(value, int):
        yield path, f"expected a whole number, got {describe_value(value)}"
        return
    low, high = spec.minimum, spec.maximum
    if (low is not None and value < low) or (high is not None and value > high):
        if low is not None and high is not None:
            expected = str(low) if low == high else f"from {low} to {high}"
        elif low is not None:
            expected = f"{low} or more"
        else:
            expected = f"{high} or less"
        yield path, f"must be {expected}, got {value}"


def describe_value(value: Any) -> str:
    """How a value reads in an error: its kind and, when short, itself."""
    if value is None:
        return "nothing (null)"
    if isinstance(value, bool):
        return f"true/false ({str(value).lower()})"
    if isinstance(value, int | float):
        return f"a number ({value})"
    if isinstance(value, str):
        shown = value if len(value) <= 30 else value[:27] + "..."
        return f"text ({shown!r})"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


def too_many(count: int, limit: int, what: str) -> str:
    return f"has {count:,} {what}; at most {limit:,} are allowed"


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_LINE_BREAK = re.compile("[\n\u2028\u2029]")
_DIRECTION = re.compile(f"[{DIRECTION_CONTROLS}]")
_HIDDEN_IN_PROSE = _DIRECTION
_HIDDEN_IN_LINE = re.compile(f"[{DIRECTION_CONTROLS}{INVISIBLE}{INVISIBLE_TAGS}]")


@cache
def _compiled(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)
