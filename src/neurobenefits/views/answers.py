"""Each answer, laid out in the format asked for by the views that know that format.

One small class per answer builds the answer's view model once (viewmodel.py: what it
holds and how it is worded) and names the function of each format that lays it out, so
mypy checks every view's signature against what it is given. Each format's module is
imported only when that format is asked for (Rich only for a table or SVG). The classes
are NamedTuples: a frozen dataclass costs several times as much to define at start-up.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, NamedTuple, Protocol

if TYPE_CHECKING:
    from rich.console import RenderableType

    from ..catalogue.model import Benefit, Catalogue, Caution, Reference
    from ..finding.search import SearchResult
    from ..terminal import Terminal
    from .viewmodel import BenefitListView, BenefitView, CautionView, Citation, SearchView

Records = list[dict[str, Any]] | dict[str, Any]


class Answer(Protocol):
    """What every format needs of an answer."""

    def data(self) -> Records:
        """The records for JSON, YAML and CSV."""

    def plain(self, width: int) -> str: ...

    def markdown(self) -> str: ...

    def rich(self, width: int) -> list[RenderableType]: ...


class BenefitList(NamedTuple):
    catalogue: Catalogue
    benefits: Sequence[Benefit]

    def data(self) -> Records:
        from .records import benefit_record

        return [benefit_record(self.catalogue, b) for b in self.benefits]

    def view(self) -> BenefitListView:
        from .viewmodel import benefit_list

        return benefit_list(self.catalogue, self.benefits)

    def plain(self, width: int) -> str:
        from .plain import list_view

        return list_view(self.catalogue, self.view(), width)

    def markdown(self) -> str:
        from .markdown import list_document

        return list_document(self.catalogue, self.view())

    def rich(self, width: int) -> list[RenderableType]:
        from .render import list_view

        return list_view(self.catalogue, self.view(), width)


class BenefitDetails(NamedTuple):
    catalogue: Catalogue
    benefit: Benefit

    def data(self) -> Records:
        from .records import benefit_record

        return benefit_record(self.catalogue, self.benefit)

    def view(self) -> BenefitView:
        from .viewmodel import benefit_view

        return benefit_view(self.catalogue, self.benefit)

    def plain(self, width: int) -> str:
        from .plain import show_view

        return show_view(self.catalogue, self.view(), width)

    def markdown(self) -> str:
        from .markdown import show_document

        return show_document(self.catalogue, self.view())

    def rich(self, width: int) -> list[RenderableType]:
        from .render import show_view

        return show_view(self.catalogue, self.view(), width)


class SearchAnswer(NamedTuple):
    catalogue: Catalogue
    result: SearchResult

    def data(self) -> Records:
        from .records import search_records

        return search_records(self.catalogue, self.result)

    def view(self) -> SearchView:
        from .viewmodel import search_view

        return search_view(self.catalogue, self.result)

    def plain(self, width: int) -> str:
        from .plain import search_view

        return search_view(self.catalogue, self.view(), width)

    def markdown(self) -> str:
        from .markdown import search_document

        return search_document(self.catalogue, self.view())

    def rich(self, width: int) -> list[RenderableType]:
        from .render import search_view

        return search_view(self.catalogue, self.view(), width)


class CautionList(NamedTuple):
    """Every caution, or (`single`) the one asked for, which the data gives as one object."""

    catalogue: Catalogue
    cautions: Sequence[Caution]
    single: bool = False

    def data(self) -> Records:
        from .records import caution_record

        records = [caution_record(self.catalogue, c) for c in self.cautions]
        return records[0] if self.single else records

    def view(self) -> list[CautionView]:
        from .viewmodel import caution_view

        return [caution_view(self.catalogue, caution) for caution in self.cautions]

    def plain(self, width: int) -> str:
        from .plain import cautions_view

        return cautions_view(self.catalogue, self.view(), width)

    def markdown(self) -> str:
        from .markdown import cautions_document

        return cautions_document(self.catalogue, self.view())

    def rich(self, width: int) -> list[RenderableType]:
        from .render import cautions_view

        return cautions_view(self.catalogue, self.view(), width)


class ReferenceList(NamedTuple):
    """Every reference, or (`single`) the one asked for, which the data gives as one object."""

    catalogue: Catalogue
    references: Sequence[Reference]
    single: bool = False

    def data(self) -> Records:
        from .records import reference_with_citers

        records = [reference_with_citers(self.catalogue, r) for r in self.references]
        return records[0] if self.single else records

    def view(self) -> list[Citation]:
        from .viewmodel import cited_reference

        return [cited_reference(self.catalogue, reference) for reference in self.references]

    def plain(self, width: int) -> str:
        from .plain import references_view

        return references_view(self.catalogue, self.view(), width)

    def markdown(self) -> str:
        from .markdown import references_document

        return references_document(self.catalogue, self.view())

    def rich(self, width: int) -> list[RenderableType]:
        from .render import references_view

        return references_view(self.catalogue, self.view(), width)


def lay_out(answer: Answer, fmt: str, terminal: Terminal, *, title: str) -> str:
    """The text of `answer` in the format `fmt` (`title` names an SVG's window)."""
    if fmt in ("json", "yaml", "csv"):
        from . import data as formats

        data = answer.data()
        if fmt == "csv":
            return formats.to_csv(data if isinstance(data, list) else [data])
        dump = formats.to_json if fmt == "json" else formats.to_yaml
        return dump(data, ascii_only=not terminal.unicode)
    if fmt == "plain":
        return answer.plain(terminal.width)
    if fmt == "markdown":
        return answer.markdown()
    from . import render

    renderables = answer.rich(terminal.width)
    if fmt == "svg":
        return render.to_svg(renderables, terminal, title)
    return render.to_text(renderables, terminal)
