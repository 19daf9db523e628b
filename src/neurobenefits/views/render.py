"""Rich views for a terminal: the table, the detail card, search results, cautions, references.

Catalogue text always enters Rich as `Text` (and the console has markup off), so a `[bold]`
or an escape sequence in a custom catalogue is shown as written, never interpreted.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from rich.console import Console, ConsoleOptions, Group, RenderableType
from rich.padding import Padding
from rich.segment import Segment
from rich.style import Style
from rich.text import Text

from ..streams import HIDDEN as _HIDDEN_TEXT
from ..streams import visible
from ..terminal import Terminal
from .wording import (
    LEGEND_HEADING,
    NO_OWN_CAUTION,
    OTHER_CAUTIONS,
    cautions_heading,
    evidence_references,
    match_reason,
    reference_cited_by,
    related_benefits,
    source_line,
    verdict_label,
    verdict_legend,
    verdict_meaning,
)

if TYPE_CHECKING:
    from ..catalogue.model import Benefit, Catalogue, Caution, Reference
    from ..finding.search import Match, SearchResult

VERDICT_STYLES = {
    "supported": "bold green",
    "limited": "bold yellow",
    "mixed": "bold magenta",
    "not supported": "bold red",
}
HIGHLIGHT = "bold reverse"
_TRAILING = re.compile(r"[ ]+((?:\x1b\[[0-9;]*m)*)$", re.MULTILINE)


class _Buffer(io.StringIO):
    """Collects Rich's output and tells it what the real stream can encode.

    Rich draws ASCII table borders when its file's encoding is not UTF; without this it
    would see a StringIO, assume UTF-8 and draw box characters an ASCII stream turns to '?'.
    """

    def __init__(self, unicode: bool) -> None:
        super().__init__()
        self._encoding = "utf-8" if unicode else "ascii"

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return self._encoding


class _VisibleConsole(Console):
    """A console whose every piece of text passes streams.visible on its way out.

    Rich writes its own colours as escape codes; a control character inside the text
    (a key, an id, a file name) must not reach the terminal as one. Segments are the text
    after layout, before Rich adds its codes: the one place to tell the two apart.
    """

    def render(
        self, renderable: RenderableType, options: ConsoleOptions | None = None
    ) -> Iterable[Segment]:
        for segment in super().render(renderable, options):
            if segment.control or not _HIDDEN_TEXT.search(segment.text):
                yield segment
            else:
                yield Segment(visible(segment.text), segment.style, segment.control)


def make_console(terminal: Terminal, *, record: bool = False) -> Console:
    return _VisibleConsole(
        file=_Buffer(terminal.unicode),
        width=terminal.width,
        force_terminal=terminal.color,
        color_system="auto" if terminal.color else None,
        no_color=not terminal.color,
        legacy_windows=False,
        markup=False,
        highlight=False,
        emoji=False,
        record=record,
        _environ={},
    )


def to_text(renderables: Sequence[RenderableType], terminal: Terminal) -> str:
    """Render to the string that a terminal of this kind would show."""
    console = make_console(terminal)
    for renderable in renderables:
        # crop=False: a link longer than the line is printed whole (see Hanging), not cut.
        console.print(renderable, crop=False)
    output = str(console.file.getvalue())  # type: ignore[attr-defined]
    # Rich pads wrapped lines with spaces; a pipe or a golden file is better without them.
    if "\x1b" not in output:
        return "\n".join(line.rstrip(" ") for line in output.split("\n"))
    return _TRAILING.sub(r"\1", output)


def to_svg(renderables: Sequence[RenderableType], terminal: Terminal, title: str) -> str:
    """A picture of the view, made by Rich's own SVG export, for docs and slides."""
    console = make_console(Terminal(True, True, terminal.width, True, False), record=True)
    for renderable in renderables:
        console.print(renderable, crop=False)
    return console.export_svg(title=title, code_format=_svg_format())


SYSTEM_MONOSPACE = (
    'ui-monospace, "SF Mono", Menlo, Consolas, "DejaVu Sans Mono", "Liberation Mono", monospace'
)


def _svg_format() -> str:
    """Rich's SVG template without its web fonts: system monospace, so nothing is fetched.

    Rich's own template loads Fira Code from a CDN, so the picture changes offline and asks
    the network for a font each time it is shown.
    """
    from rich._export_format import CONSOLE_SVG_FORMAT

    template = re.sub(r"@font-face \{\{.*?\}\}\s*", "", CONSOLE_SVG_FORMAT, flags=re.DOTALL)
    template = template.replace(
        "font-family: Fira Code, monospace;", f"font-family: {SYSTEM_MONOSPACE};"
    )
    return template.replace("font-family: arial;", "font-family: system-ui, Arial, sans-serif;")


def footer(catalogue: Catalogue) -> Text:
    text = Text()
    if source_line(catalogue):
        text.append("Source: ", style="dim bold")
        text.append(source_line(catalogue), style="dim")
        text.append("\n")
    text.append("Disclaimer: ", style="bold")
    text.append(catalogue.disclaimer, style="italic")
    return text


def verdict_text(verdict: str) -> Text:
    return Text(verdict_label(verdict), style=VERDICT_STYLES.get(verdict, "bold"))


def legend(catalogue: Catalogue, benefits: Iterable[Benefit]) -> list[RenderableType]:
    """What each verdict shown means, under a list of benefits (nothing when none is shown)."""
    entries = verdict_legend(catalogue, benefits)
    if not entries:
        return []
    # Label and meaning side by side, without a table: `show` and `search` draw none, and
    # need not import rich.table for it.
    width = max(len(label) for label, _ in entries) + 2
    rows: list[RenderableType] = []
    for label, meaning in entries:
        name = label.split(" ", 1)[-1]
        row = Text.assemble((label, VERDICT_STYLES.get(name, "bold")), " " * (width - len(label)))
        rows.append(Hanging(row + Text(meaning), hanging=width))
    return [Text(LEGEND_HEADING, style="bold"), *rows, Text("")]


NARROW = 60  # below this many columns a table is unreadable; entries are stacked instead


WIDE = 170  # from here a table with a column per field is shorter than the rows


def list_view(
    catalogue: Catalogue, benefits: Iterable[Benefit], width: int = 80
) -> list[RenderableType]:
    """The benefits, laid out for the width they have.

    From WIDE columns: a table with a column each for title, category, summary and
    verdict. Between NARROW and WIDE (a usual 80-column terminal) a summary squeezed into
    a table column wraps into a thin strip while the other columns stand empty, so each
    benefit is a row (number, title and category, verdict at the right edge) with its
    summary under it across the full width. Below NARROW, entries are stacked.
    """
    benefits = list(benefits)
    if width < NARROW:
        return [
            *(_stacked_entry(catalogue, b) for b in benefits),
            *legend(catalogue, benefits),
            footer(catalogue),
        ]
    if width < WIDE:
        return [_rows(catalogue, benefits), *legend(catalogue, benefits), footer(catalogue)]
    from rich.table import Table

    table = Table(title=Text(catalogue.title, style="bold"), expand=True)
    table.add_column("No.", justify="right", style="bold cyan", no_wrap=True)
    table.add_column("Title", style="bold", ratio=2)
    table.add_column("Category", no_wrap=True)
    table.add_column("Summary", ratio=5)
    has_evidence = any(b.evidence for b in benefits)
    if has_evidence:
        table.add_column("Evidence", no_wrap=True)
    for benefit in benefits:
        row: list[RenderableType] = [
            Text(str(benefit.id)),
            Text(benefit.title),
            Text(catalogue.category_label(benefit.category)),
            Text(benefit.summary),
        ]
        if has_evidence:
            row.append(verdict_text(benefit.evidence.verdict) if benefit.evidence else Text(""))
        table.add_row(*row)
    return [table, Text(""), *legend(catalogue, benefits), footer(catalogue)]


def _rows(catalogue: Catalogue, benefits: Sequence[Benefit]) -> RenderableType:
    """One row per benefit and its summary under it: the list at 60-169 columns."""
    from rich.table import Table

    verdict_width = max(
        (len(verdict_label(b.evidence.verdict)) for b in benefits if b.evidence), default=0
    )

    def line(number: Text, title: Text, verdict: Text) -> Table:
        grid = Table.grid(expand=True, padding=(0, 1))
        grid.add_column(justify="right", width=3, no_wrap=True)
        grid.add_column(ratio=1)
        if verdict_width:
            grid.add_column(justify="left", width=verdict_width, no_wrap=True)
            grid.add_row(number, title, verdict)
        else:
            grid.add_row(number, title)
        return grid

    parts: list[RenderableType] = [
        Text(catalogue.title, style="bold", justify="center"),
        line(Text("No."), Text("Benefit"), Text("Evidence")),
        _RULE,
    ]
    for benefit in benefits:
        title = Text.assemble(
            (benefit.title, "bold"), (f" ({catalogue.category_label(benefit.category)})", "dim")
        )
        verdict = verdict_text(benefit.evidence.verdict) if benefit.evidence else Text("")
        parts.append(line(Text(str(benefit.id), style="bold cyan"), title, verdict))
        parts.append(Padding(Text(benefit.summary), (0, 0, 0, 4), expand=False))
    parts.append(_RULE)
    return Group(*parts)


class _Rule:
    """A dim horizontal line, drawn with '-' on a stream that cannot encode box drawing."""

    def __rich_console__(
        self, console: Console, options: ConsoleOptions
    ) -> Iterable[RenderableType]:
        from rich.rule import Rule

        yield Rule(style="dim", characters="-" if options.ascii_only else "\u2500")


_RULE = _Rule()


def _stacked_entry(catalogue: Catalogue, benefit: Benefit) -> RenderableType:
    head = Text.assemble((f"{benefit.id:>2}  ", "bold cyan"), (benefit.title, "bold"))
    detail = Text(catalogue.category_label(benefit.category), style="dim")
    if benefit.evidence:
        detail.append("  ")
        detail.append_text(verdict_text(benefit.evidence.verdict))
    body = Group(detail, Text(benefit.summary))
    return Padding(
        Group(head, Padding(body, (0, 0, 0, 4), expand=False)), (0, 0, 1, 0), expand=False
    )


def _heading(text: str) -> Text:
    return Text(text, style="bold underline")


class Hanging:
    """Text wrapped at spaces under a hanging indent, no word ever cut.

    Rich folds a word longer than the line, and Padding crops it; a DOI cut in two can
    neither be read nor copied, so a link too long for a narrow terminal runs past the
    edge whole (the terminal wraps it softly) instead. Also lays out a label and its text
    (the verdict legend) without a table.
    """

    def __init__(self, text: Text, indent: int = 0, hanging: int = 0) -> None:
        self.text, self.indent, self.hanging = text, indent, hanging

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> Iterable[Text]:
        first = max(1, options.max_width - self.indent)
        rest = max(1, first - self.hanging)
        lines = self.text.divide(_breaks(self.text.plain, first, rest))
        for line in lines:
            line.rstrip()
        out = Text("\n").join(
            Text(" " * (self.indent + (self.hanging if number else 0))) + line
            for number, line in enumerate(lines)
        )
        out.no_wrap, out.overflow = True, "ignore"
        yield out


def _breaks(plain: str, first: int, rest: int) -> list[int]:
    """Where new lines start so that words fill a first line of `first` cells, then `rest`."""
    offsets: list[int] = []
    line_start, width = 0, first
    for word in re.finditer(r"\S+", plain):
        if word.end() - line_start > width and word.start() > line_start:
            offsets.append(word.start())
            line_start, width = word.start(), rest
    return offsets


def _link(reference: Reference) -> Text:
    text = Text(reference.short_citation)
    if reference.doi_url:
        text.append("  ")
        text.append(reference.doi_url, style=Style(link=reference.doi_url, color="blue"))
    return text


def show_view(catalogue: Catalogue, benefit: Benefit, width: int = 80) -> list[RenderableType]:
    parts: list[RenderableType] = []
    title = Text()
    title.append(f"{benefit.id}  ", style="bold cyan")
    title.append(benefit.title, style="bold")
    title.append(f"  ({catalogue.category_label(benefit.category)})", style="dim")
    parts += [title, Text(benefit.summary, style="italic"), Text(""), Text(benefit.description)]
    if benefit.notes:
        parts += [Text(""), Text.assemble(("Notes: ", "bold"), benefit.notes)]
    if benefit.evidence:
        parts += [Text(""), _heading("Evidence")]
        verdict = Text.assemble(("Verdict: ", "bold"), verdict_text(benefit.evidence.verdict))
        meaning = verdict_meaning(catalogue, benefit.evidence.verdict)
        if meaning:
            verdict.append(f" ({meaning})")
        parts += [
            Padding(Group(verdict, Text(benefit.evidence.summary)), (0, 0, 0, 2), expand=False)
        ]
        for reference in evidence_references(catalogue, benefit):
            parts.append(Hanging(Text.assemble("- ", _link(reference)), indent=2, hanging=2))
    cautions = [c for cid in benefit.cautions if (c := catalogue.caution(cid))]
    if cautions:
        parts += [Text(""), _heading("Cautions")]
        for caution in cautions:
            line = Text.assemble("! ", (caution.title, "bold red"), f" ({caution.id})")
            who = Text.assemble(("Who: ", "bold"), caution.who)
            parts.append(Padding(line, (0, 0, 0, 2), expand=False))
            parts.append(Padding(Group(who, Text(caution.text)), (0, 0, 0, 4), expand=False))
        parts.append(Padding(Text(OTHER_CAUTIONS, style="dim"), (0, 0, 0, 2), expand=False))
    else:
        parts += [Text(""), _heading("Cautions")]
        parts.append(Padding(Text(NO_OWN_CAUTION), (0, 0, 0, 2), expand=False))
    if benefit.keywords:
        parts += [Text(""), Text.assemble(("Keywords: ", "bold"), ", ".join(benefit.keywords))]
    related = related_benefits(catalogue, benefit)
    if related:
        parts.append(
            Text.assemble(("Related: ", "bold"), "; ".join(f"{r.id} {r.title}" for r in related))
        )
    return [Group(*parts), Text(""), footer(catalogue)]


def search_view(
    catalogue: Catalogue, result: SearchResult, width: int = 80
) -> list[RenderableType]:
    from ..finding.search import notices

    parts: list[RenderableType] = [Text(notice) for notice in notices(result)]
    if parts:
        parts.append(Text(""))
    benefits: list[RenderableType] = []
    for hit in result.benefit_hits:
        head = Text.assemble((f"{hit.benefit.id:>2}  ", "bold cyan"), (hit.benefit.title, "bold"))
        body: list[RenderableType] = [head]
        if hit.benefit.evidence:
            verdict = verdict_text(hit.benefit.evidence.verdict)
            if head.cell_len + 2 + verdict.cell_len <= width:
                head.append("  ")
                head.append_text(verdict)
            else:  # on a line of its own rather than split
                body.append(Padding(verdict, (0, 0, 0, 4), expand=False))
        if hit.snippet:
            snippet = Text(hit.snippet.text)
            for start, end in hit.snippet.highlights:
                snippet.stylize(HIGHLIGHT, start, end)
            body.append(Padding(snippet, (0, 0, 0, 4), expand=False))
        body.append(_reason(hit.matches))
        benefits.append(Group(*body))
    cautions = _caution_hits(catalogue, result)
    if cautions and benefits:
        benefits.insert(0, Text("Benefits", style="bold"))
    sections = [cautions, benefits] if result.cautions_first else [benefits, cautions]
    for number, section in enumerate(s for s in sections if s):
        if number:
            parts.append(Text(""))
        parts += section
    if result.limited:
        parts += [
            Text(""),
            Text(
                f"{len(result.benefit_hits)} of {result.total - result.hidden} results shown (--limit).",
                style="dim",
            ),
        ]
    hits = [hit.benefit for hit in result.benefit_hits]
    return [*parts, Text(""), *legend(catalogue, hits), footer(catalogue)]


def _reason(matches: Sequence[Match]) -> RenderableType:
    return Padding(Text(f"({match_reason(matches)})", style="dim"), (0, 0, 0, 4), expand=False)


def _caution_hits(catalogue: Catalogue, result: SearchResult) -> list[RenderableType]:
    if not result.cautions:
        return []
    parts: list[RenderableType] = [Text(cautions_heading(result), style="bold")]
    for hit in result.cautions:
        caution = hit.caution
        body: list[RenderableType] = [
            Text.assemble(
                (" !  ", "bold red"), (caution.title, "bold"), (f" ({caution.id})", "dim")
            )
        ]
        lines = [Text.assemble(("Who: ", "bold"), caution.who), Text(caution.text)]
        benefits = catalogue.benefits_with_caution(caution.id)
        if benefits:
            lines.append(
                Text("Concerns: " + "; ".join(f"{b.id} {b.title}" for b in benefits), style="dim")
            )
        body += [Padding(line, (0, 0, 0, 4), expand=False) for line in lines]
        if hit.matches:
            body.append(_reason(hit.matches))
        parts.append(Group(*body))
    return parts


def cautions_view(
    catalogue: Catalogue, cautions: Iterable[Caution], width: int = 80
) -> list[RenderableType]:
    parts: list[RenderableType] = []
    for caution in cautions:
        body: list[RenderableType] = [
            Text.assemble(
                ("! ", "bold red"), (caution.title, "bold"), (f"  ({caution.id})", "dim")
            ),
            Text.assemble(("Who: ", "bold"), caution.who),
            Text(caution.text),
        ]
        for reference in (r for rid in caution.references if (r := catalogue.reference(rid))):
            body.append(Hanging(Text.assemble("- ", _link(reference)), hanging=2))
        benefits = catalogue.benefits_with_caution(caution.id)
        if benefits:
            body.append(
                Text("Concerns: " + "; ".join(f"{b.id} {b.title}" for b in benefits), style="dim")
            )
        parts += [Group(*body), Text("")]
    return [*parts, footer(catalogue)]


def references_view(
    catalogue: Catalogue, references: Iterable[Reference], width: int = 80
) -> list[RenderableType]:
    """Each source as a short card; its DOI link on a line of its own, never cut or wrapped."""
    parts: list[RenderableType] = [Text("References", style="bold"), Text("")]
    for reference in references:
        source = Text.assemble(
            (f"[{reference.id}] ", "cyan"),
            f"{reference.authors} ({reference.year}). ",
            (reference.title, "bold"),
            f". {reference.journal}.",
        )
        if reference.citation:
            source.append(f" {reference.citation}.")
        body: list[RenderableType] = [source]
        if reference.doi_url:
            link = Text(reference.doi_url, style=Style(link=reference.doi_url, color="blue"))
            body.append(Hanging(link, indent=2))
        body.append(Padding(Text(reference.finding, style="italic"), (0, 0, 0, 2), expand=False))
        uses = reference_cited_by(catalogue, reference)
        if uses:
            body.append(Padding(Text(uses, style="dim"), (0, 0, 0, 2), expand=False))
        parts += [Group(*body), Text("")]
    return [*parts, footer(catalogue)]
