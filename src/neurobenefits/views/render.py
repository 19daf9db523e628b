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
from .wording import LEGEND_HEADING, source_line

if TYPE_CHECKING:
    from ..catalogue.model import Catalogue
    from .viewmodel import (
        BenefitLine,
        BenefitListView,
        BenefitView,
        CautionView,
        Citation,
        SearchView,
        Verdict,
    )

VERDICT_STYLES = {
    "supported": "bold green",
    "limited": "bold yellow",
    "mixed": "bold magenta",
    "not supported": "bold red",
}
HIGHLIGHT = "bold reverse"
KEEP = "\u00a0"  # joins words that Hanging must not split across lines
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

    Links are written only where a terminal shows them (Terminal.hyperlinks): forced colour
    into a pipe gets none, so the same command gives the same bytes every time (Rich numbers
    each link at random).
    """

    links = True

    def render(
        self, renderable: RenderableType, options: ConsoleOptions | None = None
    ) -> Iterable[Segment]:
        segments = super().render(renderable, options)
        if not self.links:
            segments = Segment.strip_links(segments)
        for segment in segments:
            if segment.control or not _HIDDEN_TEXT.search(segment.text):
                yield segment
            else:
                yield Segment(visible(segment.text), segment.style, segment.control)


def make_console(terminal: Terminal, *, record: bool = False) -> Console:
    console = _VisibleConsole(
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
    console.links = terminal.hyperlinks
    return console


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


def footer(catalogue: Catalogue, *, run_on: bool = False) -> Text:
    """The source and the disclaimer; `run_on` puts them in one paragraph, a line shorter."""
    text = Text()
    if source_line(catalogue):
        text.append("Source: ", style="dim bold")
        text.append(source_line(catalogue), style="dim")
        text.append(" " if run_on else "\n")
    text.append("Disclaimer: ", style="bold")
    text.append(catalogue.disclaimer, style="italic")
    return text


def verdict_text(verdict: Verdict) -> Text:
    return Text(verdict.label, style=VERDICT_STYLES.get(verdict.name, "bold"))


def verdict_line(verdict: Verdict) -> Text:
    """`Verdict: [~] limited (what it means)`: never the verdict without its meaning."""
    line = Text.assemble(("Verdict: ", "bold"), verdict_text(verdict))
    if verdict.meaning:
        line.append(f" ({verdict.meaning})")
    return line


def legend(verdicts: Sequence[Verdict]) -> list[RenderableType]:
    """What each verdict shown means, under a list of benefits (nothing when none is shown)."""
    if not verdicts:
        return []
    # Label and meaning side by side, without a table: `show` and `search` draw none, and
    # need not import rich.table for it.
    width = max(len(verdict.label) for verdict in verdicts) + 2
    rows: list[RenderableType] = []
    for verdict in verdicts:
        # Styled as a span, not as the whole Text's style, which the meaning would inherit.
        style = VERDICT_STYLES.get(verdict.name, "bold")
        row = Text.assemble((verdict.label, style), " " * (width - len(verdict.label)))
        rows.append(Hanging(row + Text(verdict.meaning), hanging=width))
    return [Text(LEGEND_HEADING, style="bold"), *rows, Text("")]


def run_on_legend(verdicts: Sequence[Verdict]) -> list[RenderableType]:
    """The legend in as few lines as its words need, under a rule that carries its heading.

    `[+] supported: what it means.` follows the one before on the same line; a label is
    never split across lines, so a verdict and the start of its meaning stay together.
    """
    if not verdicts:
        return [_RULE]
    text = Text()
    for number, verdict in enumerate(verdicts):
        if number:
            text.append("  ")
        label = verdict.label.replace(" ", KEEP) + (":" if verdict.meaning else ".")
        text.append(label, style=VERDICT_STYLES.get(verdict.name, "bold"))
        if verdict.meaning:
            text.append(f" {verdict.meaning.rstrip('.')}.")
    return [_Rule(LEGEND_HEADING), Hanging(text)]


NARROW = 60  # below this many columns a table is unreadable; entries are stacked instead


WIDE = 170  # from here a table with a column per field is shorter than the rows


def list_view(catalogue: Catalogue, view: BenefitListView, width: int = 80) -> list[RenderableType]:
    """The benefits, laid out for the width they have.

    From WIDE columns: a table with a column each for title, category, summary and
    verdict. Between NARROW and WIDE (a usual 80-column terminal) a summary squeezed into
    a table column wraps into a thin strip while the other columns stand empty, so each
    benefit is a row (number, title and category, verdict at the right edge) with its
    summary under it across the full width. Below NARROW, entries are stacked.
    """
    entries, verdicts = view.entries, view.verdicts
    if width < NARROW:
        return [*map(_stacked_entry, entries), *legend(verdicts), footer(catalogue)]
    if width < WIDE:
        # The legend and the footer run on, each a paragraph rather than a line an item.
        return [_rows(catalogue, entries), *run_on_legend(verdicts), footer(catalogue, run_on=True)]
    from rich.table import Table

    table = Table(title=Text(catalogue.title, style="bold"), expand=True)
    table.add_column("No.", justify="right", style="bold cyan", no_wrap=True)
    table.add_column("Title", style="bold", ratio=2)
    table.add_column("Category", no_wrap=True)
    table.add_column("Summary", ratio=5)
    has_evidence = any(line.verdict for line in entries)
    if has_evidence:
        table.add_column("Evidence", no_wrap=True)
    for line in entries:
        row: list[RenderableType] = [
            Text(str(line.id)),
            Text(line.title),
            Text(line.category),
            Text(line.summary),
        ]
        if has_evidence:
            row.append(verdict_text(line.verdict) if line.verdict else Text(""))
        table.add_row(*row)
    return [table, Text(""), *legend(verdicts), footer(catalogue)]


def _rows(catalogue: Catalogue, entries: Sequence[BenefitLine]) -> RenderableType:
    """One row per benefit and its summary under it: the list at 60-169 columns."""
    from rich.table import Table

    verdict_width = max((len(e.verdict.label) for e in entries if e.verdict), default=0)
    # Each column as wide as what it holds: the numbers' as the largest number.
    number_width = max((len(str(e.id)) for e in entries), default=1)

    def row(number: Text, title: Text, verdict: Text) -> Table:
        grid = Table.grid(expand=True, padding=(0, 1))
        grid.add_column(justify="right", width=number_width, no_wrap=True)
        grid.add_column(ratio=1)
        if verdict_width:
            grid.add_column(justify="left", width=verdict_width, no_wrap=True)
            grid.add_row(number, title, verdict)
        else:
            grid.add_row(number, title)
        return grid

    # The catalogue's title heads the benefits' column, over their titles; no rule under
    # it, nor a blank line before the footer: at 80 columns every line counts.
    heading = "bold underline"
    parts: list[RenderableType] = [
        row(Text(""), Text(catalogue.title, style=heading), Text("Evidence", style=heading))
    ]
    for line in entries:
        title = Text.assemble((line.title, "bold"), (f" ({line.category})", "dim"))
        verdict = verdict_text(line.verdict) if line.verdict else Text("")
        parts.append(row(Text(str(line.id), style="bold cyan"), title, verdict))
        parts.append(Padding(Text(line.summary), (0, 0, 0, number_width + 1), expand=False))
    return Group(*parts)


class _Rule:
    """A dim horizontal line, drawn with '-' on a stream that cannot encode box drawing.

    A heading stands at its left when it fits, and on the line below when it does not.
    """

    def __init__(self, heading: str = "") -> None:
        self.heading = heading

    def __rich_console__(
        self, console: Console, options: ConsoleOptions
    ) -> Iterable[RenderableType]:
        from rich.rule import Rule

        characters = "-" if options.ascii_only else "\u2500"
        heading = Text(self.heading, style="bold")
        if self.heading and heading.cell_len + 4 <= options.max_width:
            yield Rule(heading, style="dim", characters=characters, align="left")
            return
        yield Rule(style="dim", characters=characters)
        if self.heading:
            yield heading


_RULE = _Rule()


def _stacked_entry(line: BenefitLine) -> RenderableType:
    head = Text.assemble((f"{line.id:>2}  ", "bold cyan"), (line.title, "bold"))
    detail = Text(line.category, style="dim")
    if line.verdict:
        detail.append("  ")
        detail.append_text(verdict_text(line.verdict))
    body = Group(detail, Text(line.summary))
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
            if KEEP in line.plain:  # same length, so the styles stay where they were
                line.plain = line.plain.replace(KEEP, " ")
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
    for word in re.finditer(r"(?:[^\s]|\u00a0)+", plain):  # KEEP does not end a word
        if word.end() - line_start > width and word.start() > line_start:
            offsets.append(word.start())
            line_start, width = word.start(), rest
    return offsets


def _link(citation: Citation) -> Text:
    text = Text(citation.short)
    if citation.url:
        text.append("  ")
        text.append(citation.url, style=Style(link=citation.url, color="blue"))
    return text


def _references(citations: Iterable[Citation], indent: int) -> list[RenderableType]:
    return [Hanging(Text.assemble("- ", _link(c)), indent=indent, hanging=2) for c in citations]


def show_view(catalogue: Catalogue, view: BenefitView, width: int = 80) -> list[RenderableType]:
    line = view.line
    title = Text()
    title.append(f"{line.id}  ", style="bold cyan")
    title.append(line.title, style="bold")
    title.append(f"  ({line.category})", style="dim")
    parts: list[RenderableType] = [
        title,
        Text(line.summary, style="italic"),
        Text(""),
        Text(view.description),
    ]
    if view.notes:
        parts += [Text(""), Text.assemble(("Notes: ", "bold"), view.notes)]
    if view.evidence:
        parts += [Text(""), _heading("Evidence")]
        verdict = verdict_line(view.evidence.verdict)
        parts += [
            Padding(Group(verdict, Text(view.evidence.summary)), (0, 0, 0, 2), expand=False),
            *_references(view.evidence.references, 2),
        ]
    parts += [Text(""), _heading("Cautions")]
    for caution in view.cautions:
        head = Text.assemble("! ", (caution.title, "bold red"), f" ({caution.id})")
        parts.append(Padding(head, (0, 0, 0, 2), expand=False))
        parts.append(Padding(Group(*_who_and_what(caution)), (0, 0, 0, 4), expand=False))
    note = Text(view.cautions_note, style="dim" if view.cautions else "")
    parts.append(Padding(note, (0, 0, 0, 2), expand=False))
    if view.keywords:
        parts += [Text(""), Text.assemble(("Keywords: ", "bold"), ", ".join(view.keywords))]
    if view.related:
        parts.append(Text.assemble(("Related: ", "bold"), view.related_names))
    return [Group(*parts), Text(""), footer(catalogue)]


def search_view(catalogue: Catalogue, view: SearchView, width: int = 80) -> list[RenderableType]:
    parts: list[RenderableType] = [Text(notice) for notice in view.notices]
    if parts:
        parts.append(Text(""))
    benefits: list[RenderableType] = []
    for hit in view.benefits:
        head = Text.assemble((f"{hit.line.id:>2}  ", "bold cyan"), (hit.line.title, "bold"))
        body: list[RenderableType] = [head]
        if hit.line.verdict:
            verdict = verdict_text(hit.line.verdict)
            if head.cell_len + 2 + verdict.cell_len <= width:
                head.append("  ")
                head.append_text(verdict)
            else:  # on a line of its own rather than split
                body.append(Padding(verdict, (0, 0, 0, 4), expand=False))
        if hit.snippet:
            snippet = Text(hit.snippet)
            for start, end in hit.highlights:
                snippet.stylize(HIGHLIGHT, start, end)
            body.append(Padding(snippet, (0, 0, 0, 4), expand=False))
        body.append(_reason(hit.reason))
        benefits.append(Group(*body))
    cautions = _caution_hits(view)
    if cautions and benefits:
        benefits.insert(0, Text("Benefits", style="bold"))
    sections = [cautions, benefits] if view.cautions_first else [benefits, cautions]
    for number, section in enumerate(s for s in sections if s):
        if number:
            parts.append(Text(""))
        parts += section
    if view.shown:
        parts += [Text(""), Text(view.shown, style="dim")]
    return [*parts, Text(""), *legend(view.verdicts), footer(catalogue)]


def _who_and_what(caution: CautionView) -> list[Text]:
    """Whom a caution concerns, then what to do: every view of a caution holds both."""
    return [Text.assemble(("Who: ", "bold"), caution.who), Text(caution.text)]


def _reason(reason: str) -> RenderableType:
    return Padding(Text(f"({reason})", style="dim"), (0, 0, 0, 4), expand=False)


def _caution_hits(view: SearchView) -> list[RenderableType]:
    if not view.cautions:
        return []
    parts: list[RenderableType] = [Text(view.cautions_heading, style="bold")]
    for hit in view.cautions:
        caution = hit.caution
        body: list[RenderableType] = [
            Text.assemble(
                (" !  ", "bold red"), (caution.title, "bold"), (f" ({caution.id})", "dim")
            )
        ]
        lines = _who_and_what(caution)
        if caution.concerns:
            lines.append(Text(caution.concerns, style="dim"))
        body += [Padding(line, (0, 0, 0, 4), expand=False) for line in lines]
        if hit.reason:
            body.append(_reason(hit.reason))
        parts.append(Group(*body))
    return parts


def cautions_view(
    catalogue: Catalogue, cautions: Iterable[CautionView], width: int = 80
) -> list[RenderableType]:
    parts: list[RenderableType] = []
    for caution in cautions:
        body: list[RenderableType] = [
            Text.assemble(
                ("! ", "bold red"), (caution.title, "bold"), (f"  ({caution.id})", "dim")
            ),
            *_who_and_what(caution),
            *_references(caution.references, 0),
        ]
        if caution.concerns:
            body.append(Text(caution.concerns, style="dim"))
        parts += [Group(*body), Text("")]
    return [*parts, footer(catalogue)]


_CITATION_STYLES = {"title": "bold"}


def citation_text(citation: Citation) -> Text:
    """The full citation, its title in bold."""
    return Text.assemble(
        *((text, _CITATION_STYLES.get(kind, "")) for text, kind in citation.pieces)
    )


def references_view(
    catalogue: Catalogue, citations: Iterable[Citation], width: int = 80
) -> list[RenderableType]:
    """Each source as a short card; its DOI link on a line of its own, never cut or wrapped."""
    parts: list[RenderableType] = [Text("References", style="bold"), Text("")]
    for citation in citations:
        body: list[RenderableType] = [
            Text.assemble((f"[{citation.id}] ", "cyan"), citation_text(citation))
        ]
        if citation.url:
            link = Text(citation.url, style=Style(link=citation.url, color="blue"))
            body.append(Hanging(link, indent=2))
        body.append(Padding(Text(citation.finding, style="italic"), (0, 0, 0, 2), expand=False))
        if citation.cited_by:
            body.append(Padding(Text(citation.cited_by, style="dim"), (0, 0, 0, 2), expand=False))
        parts += [Group(*body), Text("")]
    return [*parts, footer(catalogue)]
