"""The JSON Schema of the catalogue format, derived from spec.py so the two always agree."""

from __future__ import annotations

from typing import Any

from .spec import (
    BENEFIT_REQUIRED,
    CATALOGUE,
    DIRECTION_CONTROLS,
    INVISIBLE,
    Integer,
    ListOf,
    MapOf,
    Record,
    Spec,
    Text,
)

PRINTABLE = r"^[^\u0000-\u0008\u000b-\u001f\u007f-\u009f]*$"


# What validate.py refuses as hidden: direction controls anywhere, invisible characters in a
# line of text (tag characters, beyond U+FFFF, only the loader can see).
def _escaped(characters: str) -> str:
    """`\\u202e` written out, so that the schema file holds no invisible character itself."""
    return "".join(c if c.isascii() else f"\\u{ord(c):04x}" for c in characters)


_VISIBLE_PROSE = f"^[^{_escaped(DIRECTION_CONTROLS)}]*$"
_VISIBLE_LINE = f"^[^{_escaped(DIRECTION_CONTROLS + INVISIBLE)}]*$"
SCHEMA_ID = "https://neurobenefits.invalid/schema/benefits.schema.json"


def json_schema(spec: Spec) -> dict[str, Any]:
    """One spec as JSON Schema (draft 2020-12)."""
    schema: dict[str, Any]
    if isinstance(spec, Text):
        if spec.pattern:
            shape = spec.pattern
        elif spec.one_line:
            shape = r"^[^\r\n\u2028\u2029]*\S[^\r\n\u2028\u2029]*\n?$"
        else:
            shape = r"\S"
        # The text's own shape, no control characters and nothing hidden (as validate.py).
        visible = _VISIBLE_LINE if spec.one_line else _VISIBLE_PROSE
        schema = {
            "type": "string",
            "minLength": 1,
            "maxLength": spec.length_limit,
            "allOf": [{"pattern": shape}, {"pattern": PRINTABLE}, {"pattern": visible}],
        }
    elif isinstance(spec, Integer):
        schema = {"type": "integer"}
        if spec.minimum is not None:
            schema["minimum"] = spec.minimum
        if spec.maximum is not None:
            schema["maximum"] = spec.maximum
    elif isinstance(spec, ListOf):
        schema = {"type": "array", "items": json_schema(spec.item), "maxItems": spec.max_items}
    elif isinstance(spec, MapOf):
        key = json_schema(spec.key)
        schema = {
            "type": "object",
            "propertyNames": {"allOf": key["allOf"], "maxLength": key["maxLength"]},
            "additionalProperties": json_schema(spec.value),
            "maxProperties": spec.max_items,
        }
    else:
        schema = _record(spec)
    if spec.description:
        schema["description"] = spec.description
    return schema


def _record(spec: Record) -> dict[str, Any]:
    schema: dict[str, Any] = {
        "type": "object",
        "properties": {name: json_schema(field) for name, field in spec.fields.items()},
        "additionalProperties": False,
    }
    if spec.required:
        schema["required"] = list(spec.required)
    return schema


def catalogue_schema() -> dict[str, Any]:
    schema = json_schema(CATALOGUE)
    schema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "neurobenefits catalogue",
        **schema,
    }
    schema["$comment"] = (
        "A file may be a whole catalogue or an overlay that extends another by benefit id; "
        f"once files are stacked, every benefit needs {', '.join(BENEFIT_REQUIRED)}, "
        "and names (categories, related numbers, cautions, references) must exist."
    )
    return schema
