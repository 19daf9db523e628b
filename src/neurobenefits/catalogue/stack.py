"""Stack catalogue files into one catalogue: merge overlays, check the whole, build the model.

How files combine (documented in README, "Your own catalogue"):
- a benefit with a new id is added, and must be complete;
- a benefit with an id already in the stack is extended: text fields given replace the
  earlier text, list fields (keywords, related, cautions) add to the earlier list, and
  `evidence` replaces the earlier evidence whole;
- cautions combine the same way by id; references, categories and verdicts by key (a later
  entry replaces an earlier one whole); synonym groups are added;
- top-level text (title, introduction, disclaimer...) given by a later file replaces it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ..errors import CatalogueError
from .glossary import term_key
from .problems import PathKey, Problem, describe_path
from .spec import (
    BENEFIT,
    BENEFIT_REQUIRED,
    CATALOGUE,
    CATALOGUE_REQUIRED,
    CAUTION,
    CAUTION_REQUIRED,
    ListOf,
    MapOf,
    Record,
)
from .validate import check
from .yamlsafe import Document

_LIST_FIELDS = ("keywords", "related", "cautions", "references")


@dataclass(frozen=True)
class Layer:
    """One parsed file and the part it plays in the stack."""

    label: str
    role: str
    document: Document


@dataclass
class _Origin:
    layer: int
    path: PathKey


def check_layer(layer: Layer) -> list[Problem]:
    """Every problem within one file, on its own."""
    document = layer.document
    data = document.data

    def problem(path: PathKey, message: str) -> Problem:
        line, column = document.position(path)
        return Problem(layer.label, message, describe_path(path, data), line, column)

    if data is None:
        return [
            Problem(
                layer.label,
                "is empty; expected a catalogue (a mapping with benefits)",
                line=1,
                column=1,
            )
        ]
    if not isinstance(data, dict):
        kind = "a list" if isinstance(data, list) else "a single value"
        return [problem((), f"is {kind}; expected a catalogue (a mapping with benefits)")]
    problems = [problem(path, message) for path, message in check(data, CATALOGUE)]
    for field, key in (("benefits", "id"), ("benefits", "slug"), ("cautions", "id")):
        seen: dict[object, int] = {}
        entries = data.get(field)
        for index, entry in enumerate(entries if isinstance(entries, list) else []):
            value = entry.get(key) if isinstance(entry, dict) else None
            if value is None or isinstance(value, list | dict):
                continue
            if value in seen:
                problems.append(
                    problem(
                        (field, index, key),
                        f"duplicate {key} {value!r}; {field}[{seen[value]}] has it already",
                    )
                )
            else:
                seen[value] = index
    problems += [problem(path, message) for path, message in _duplicate_terms(data)]
    return problems


def _duplicate_terms(data: dict[str, Any]) -> list[tuple[PathKey, str]]:
    """Glossary terms that differ only in case or spacing: they would match the same words."""
    glossary = data.get("glossary")
    seen: dict[str, str] = {}
    found: list[tuple[PathKey, str]] = []
    for term in glossary if isinstance(glossary, dict) else {}:
        if not isinstance(term, str):
            continue
        if term_key(term) in seen:
            found.append(
                (
                    ("glossary", term),
                    f"duplicate term {term!r}; {seen[term_key(term)]!r} is the same term "
                    "(terms match whatever their case and spacing)",
                )
            )
        else:
            seen[term_key(term)] = term
    return found


def stack_layers(layers: Sequence[Layer]) -> dict[str, Any]:
    """Stack the files in order and check the whole, or raise CatalogueError."""
    problems = [problem for layer in layers for problem in check_layer(layer)]
    if problems:
        raise CatalogueError(problems)
    merger = _Merger(layers)
    for index, layer in enumerate(layers):
        merger.add(index, layer.document.data)
    problems = merger.check_whole()
    if problems:
        raise CatalogueError(problems)
    return merger.merged()


class _Merger:
    def __init__(self, layers: Sequence[Layer]) -> None:
        self.layers = layers
        self.top: dict[str, Any] = {}
        self.benefits: dict[int, dict[str, Any]] = {}
        self.benefit_origin: dict[tuple[int, str], _Origin] = {}
        self.cautions: dict[str, dict[str, Any]] = {}
        self.caution_origin: dict[tuple[str, str], _Origin] = {}
        self.counts: list[tuple[int, int]] = []
        self.terms: dict[str, str] = {}  # term_key -> the term as the glossary holds it
        # Where each list first went over its limit: the file to name in the error.
        self.over_limit: dict[tuple[Any, ...], _Origin] = {}

    def _add_terms(self, terms: dict[str, str]) -> None:
        """A later file's term replaces the earlier one, however either writes it."""
        glossary = self.top.setdefault("glossary", {})
        for term, meaning in terms.items():
            earlier = self.terms.get(term_key(term))
            if earlier is not None:
                del glossary[earlier]
            glossary[term] = meaning
            self.terms[term_key(term)] = term

    def add(self, layer: int, data: dict[str, Any]) -> None:
        added = extended = 0
        for key, value in data.items():
            if key in ("categories", "verdicts", "references"):
                self.top.setdefault(key, {}).update(value)
            elif key == "synonyms":
                self.top.setdefault(key, []).extend(value)
            elif key == "glossary":
                self._add_terms(value)
            elif key == "benefits":
                for index, entry in enumerate(value):
                    is_new = entry["id"] not in self.benefits
                    added, extended = added + is_new, extended + (not is_new)
                    self._merge_entry(
                        self.benefits, self.benefit_origin, entry["id"], entry, layer, (key, index)
                    )
            elif key == "cautions":
                for index, entry in enumerate(value):
                    self._merge_entry(
                        self.cautions, self.caution_origin, entry["id"], entry, layer, (key, index)
                    )
            else:
                self.top[key] = value
        self.counts.append((added, extended))
        self._note_over_limit(layer, data)

    @staticmethod
    def _merge_entry(
        entries: dict[Any, dict[str, Any]],
        origins: dict[tuple[Any, str], _Origin],
        key: Any,
        entry: dict[str, Any],
        layer: int,
        path: PathKey,
    ) -> None:
        merged = entries.setdefault(key, {})
        origins.setdefault((key, ""), _Origin(layer, path))
        for field, value in entry.items():
            if field in _LIST_FIELDS and field in merged:
                # A set of what is there keeps this linear: two 30,000-word lists merge at once.
                seen = set(merged[field])
                added = []
                for item in value:
                    if item not in seen:
                        seen.add(item)
                        added.append(item)
                merged[field] = merged[field] + added
            else:
                merged[field] = value
            origins[(key, field)] = _Origin(layer, (*path, field))

    def _note_over_limit(self, layer: int, data: dict[str, Any]) -> None:
        """Remember the file whose entries first take a list of the stack over its limit.

        Lists only grow as files are stacked, so the first file over the limit is the one
        to name: the files before it fit, and it is where entries must go.
        """
        sizes = {**self.top, "benefits": self.benefits, "cautions": self.cautions}
        for name in data:
            spec = CATALOGUE.fields.get(name)
            if isinstance(spec, ListOf | MapOf) and len(sizes[name]) > spec.max_items:
                self.over_limit.setdefault(("top", name), _Origin(layer, (name,)))
        for group, entries, origins, record in self._entry_groups():
            given = data.get(group, [])
            for key in {entry["id"] for entry in given}:
                for field in _LIST_FIELDS:
                    items = record.fields.get(field)
                    count = len(entries[key].get(field, ()))
                    if isinstance(items, ListOf) and count > items.max_items:
                        self.over_limit.setdefault((group, key, field), origins[(key, field)])

    def _entry_groups(
        self,
    ) -> tuple[tuple[str, dict[Any, dict[str, Any]], dict[tuple[Any, str], _Origin], Record], ...]:
        return (
            ("benefits", self.benefits, self.benefit_origin, BENEFIT),
            ("cautions", self.cautions, self.caution_origin, CAUTION),
        )

    def _problem(self, origin: _Origin, message: str) -> Problem:
        layer = self.layers[origin.layer]
        line, column = layer.document.position(origin.path)
        return Problem(
            layer.label, message, describe_path(origin.path, layer.document.data), line, column
        )

    def check_whole(self) -> list[Problem]:
        """Problems of the stacked catalogue: limits, missing fields, names that point nowhere.

        Each rule is a method of its own; the benefit rules run benefit by benefit, so that
        a benefit's problems are told together, in the order of the numbers.
        """
        problems = [*self.check_limits(), *self.check_required_fields()]
        first_with_slug = self._first_with_slug()
        for number, benefit in sorted(self.benefits.items()):
            problems.extend(self.check_benefit_complete(number, benefit))
            problems.extend(self.check_slug_unique(number, benefit, first_with_slug))
            problems.extend(self.check_category_known(number, benefit))
            problems.extend(self.check_related_exist(number, benefit))
            problems.extend(self.check_cautions_exist(number, benefit))
            problems.extend(self.check_evidence_resolves(number, benefit))
        for caution_id, caution in self.cautions.items():
            problems.extend(self.check_caution_complete(caution_id, caution))
            problems.extend(self.check_caution_references(caution_id, caution))
        return problems

    def check_limits(self) -> list[Problem]:
        """The stack obeys the limits each file obeys: lists grow as files are stacked.

        Each problem names the file whose entries first took the list over its limit.
        """
        problems: list[Problem] = []
        sizes = {**self.top, "benefits": self.benefits, "cautions": self.cautions}
        for name, spec in CATALOGUE.fields.items():
            if not isinstance(spec, ListOf | MapOf):
                continue
            count = len(sizes.get(name, ()))
            if count > spec.max_items:
                origin = self.over_limit[("top", name)]
                problems.append(
                    self._problem(origin, _over_limit(count, spec.max_items, "entries"))
                )
        for group, entries, _origins, record in self._entry_groups():
            for key, entry in entries.items():
                for field in _LIST_FIELDS:
                    items = record.fields.get(field)
                    count = len(entry.get(field, ()))
                    if isinstance(items, ListOf) and count > items.max_items:
                        origin = self.over_limit[(group, key, field)]
                        problems.append(
                            self._problem(origin, _over_limit(count, items.max_items, "items"))
                        )
        return problems

    def check_required_fields(self) -> list[Problem]:
        """The catalogue's required top-level fields are given by some file of the stack."""
        last_file = _Origin(len(self.layers) - 1, ())
        present = {*self.top, *(("benefits",) if self.benefits else ())}
        return [
            self._problem(last_file, f"{name} is missing; no file of the stack gives it")
            for name in CATALOGUE_REQUIRED
            if name not in present
        ]

    def _where(self, number: int, field: str) -> _Origin:
        """Where a benefit's field was last given; the benefit itself when no file gave it."""
        return self.benefit_origin.get((number, field), self.benefit_origin[(number, "")])

    def check_benefit_complete(self, number: int, benefit: dict[str, Any]) -> list[Problem]:
        """A benefit new to the stack has every required field, from one file or several."""
        missing = [name for name in BENEFIT_REQUIRED if name not in benefit]
        if not missing:
            return []
        verb = "is" if len(missing) == 1 else "are"
        return [
            self._problem(
                self.benefit_origin[(number, "")],
                f"{', '.join(missing)} {verb} missing; a new benefit needs {', '.join(BENEFIT_REQUIRED)}",
            )
        ]

    def _first_with_slug(self) -> dict[str, int]:
        """Which benefit holds each slug: the one given it by the earliest file (then the lower
        number), so that a duplicate is blamed on the file that made it one."""
        first: dict[str, int] = {}
        given = sorted(
            self.benefits, key=lambda number: (self._where(number, "slug").layer, number)
        )
        for number in given:
            slug = self.benefits[number].get("slug")
            if slug and slug not in first:
                first[slug] = number
        return first

    def check_slug_unique(
        self, number: int, benefit: dict[str, Any], first_with_slug: dict[str, int]
    ) -> list[Problem]:
        """No two benefits share a slug, across files too (one file checks its own)."""
        slug = benefit.get("slug")
        holder = first_with_slug.get(slug) if slug else None
        if holder is None or holder == number:
            return []
        return [
            self._problem(
                self._where(number, "slug"),
                f"duplicate slug {slug!r}; benefit {holder} has it already",
            )
        ]

    def check_category_known(self, number: int, benefit: dict[str, Any]) -> list[Problem]:
        """A benefit's category is one of the stack's categories."""
        categories = self.top.get("categories", {})
        category = benefit.get("category")
        if category is None or category in categories:
            return []
        return [
            self._problem(
                self._where(number, "category"),
                f"unknown category {category!r}; expected one of: {', '.join(categories)}",
            )
        ]

    def check_related_exist(self, number: int, benefit: dict[str, Any]) -> list[Problem]:
        """Each related benefit exists in the stack, and is not the benefit itself."""
        problems = []
        for related in benefit.get("related", []):
            if related == number:
                message = f"benefit {number} lists itself as related"
            elif related not in self.benefits:
                message = (
                    f"related benefit {related} does not exist; numbers run {_span(self.benefits)}"
                )
            else:
                continue
            problems.append(self._problem(self._where(number, "related"), message))
        return problems

    def check_cautions_exist(self, number: int, benefit: dict[str, Any]) -> list[Problem]:
        """Each caution a benefit names is a caution of the stack."""
        known = ", ".join(self.cautions) or "(none defined)"
        return [
            self._problem(
                self._where(number, "cautions"),
                f"caution {caution!r} does not exist; expected one of: {known}",
            )
            for caution in benefit.get("cautions", [])
            if caution not in self.cautions
        ]

    def check_evidence_resolves(self, number: int, benefit: dict[str, Any]) -> list[Problem]:
        """A benefit's evidence has a defined verdict and references that exist."""
        evidence = benefit.get("evidence")
        if not evidence:
            return []
        problems = []
        verdicts = self.top.get("verdicts", {})
        if evidence["verdict"] not in verdicts:
            problems.append(
                self._problem(
                    _below(self._where(number, "evidence"), "verdict"),
                    f"verdict {evidence['verdict']!r} is not defined; expected one of: {', '.join(verdicts) or '(none defined)'}",
                )
            )
        problems.extend(
            self._missing_references(
                evidence["references"], _below(self._where(number, "evidence"), "references")
            )
        )
        return problems

    def check_caution_complete(self, caution_id: str, caution: dict[str, Any]) -> list[Problem]:
        """A caution new to the stack has every required field, from one file or several."""
        missing = [name for name in CAUTION_REQUIRED if name not in caution]
        if not missing:
            return []
        verb = "is" if len(missing) == 1 else "are"
        return [
            self._problem(
                self.caution_origin[(caution_id, "")],
                f"{', '.join(missing)} {verb} missing; a new caution needs {', '.join(CAUTION_REQUIRED)}",
            )
        ]

    def check_caution_references(self, caution_id: str, caution: dict[str, Any]) -> list[Problem]:
        """Each reference a caution cites is in references."""
        return self._missing_references(
            caution.get("references", []), self.caution_origin[(caution_id, "")]
        )

    def _missing_references(self, names: list[str], origin: _Origin) -> list[Problem]:
        references = self.top.get("references", {})
        return [
            self._problem(origin, f"reference {name!r} is not in references")
            for name in names
            if name not in references
        ]

    def merged(self) -> dict[str, Any]:
        """The stacked, checked catalogue as plain data: what build.py turns into the model."""
        return {
            "top": self.top,
            "benefits": [value for _, value in sorted(self.benefits.items())],
            "cautions": list(self.cautions.values()),
            "files": [
                [layer.label, layer.role, added, extended]
                for layer, (added, extended) in zip(self.layers, self.counts, strict=True)
            ],
        }


def _below(origin: _Origin, field: str) -> _Origin:
    return _Origin(origin.layer, (*origin.path, field))


def _over_limit(count: int, limit: int, what: str) -> str:
    """A list of the stack over its limit, said at the file that took it over."""
    return (
        f"this file takes the stack over its limit: the stacked files give {count:,} {what}; "
        f"at most {limit:,} are allowed across all files, so leave out {count - limit:,}"
    )


def _span(benefits: dict[int, Any]) -> str:
    return f"from {min(benefits)} to {max(benefits)}" if benefits else "(none)"
