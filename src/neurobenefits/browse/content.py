"""What the browser's panes say, as Rich text: one result line, a benefit's details.

The pieces come from the view model (views/viewmodel.py: what a benefit's details hold is
decided there, once); the verdict badge, the legend and the disclaimer are the terminal
views' own (views/render.py). Catalogue text always enters as Text, never as markup, so a `[bold]` in a
custom catalogue shows as written.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.style import Style
from rich.table import Table
from rich.text import Text

from ..views.render import footer, legend, verdict_line, verdict_text
from ..views.viewmodel import benefit_line, benefit_view, caution_view, verdict
from ..views.viewmodel import legend as verdict_legend
from ..views.wording import match_reason

if TYPE_CHECKING:
    from ..catalogue.model import Benefit, Catalogue, Caution
    from ..finding.search import CautionHit
    from ..views.viewmodel import BenefitView, CautionView, Citation

# Where `show` says to run `neurobenefits cautions`, the browser has a key.
NO_OWN_CAUTION = (
    "None concerns this benefit in particular; press ! for what to know before any session."
)

MARK = "*"  # beside a benefit marked for the handout


def result_line(catalogue: Catalogue, benefit: Benefit, marked: bool) -> RenderableType:
    """`* 10 Enhanced Skin Integrity` over `[~] limited  Body`: one entry of the list.

    The title wraps under itself, so a long one is read whole in a pane 38 columns wide;
    the category follows the verdict when it fits whole, and is left out when it does not
    (the details name it): never cut mid-word.
    """
    entry = benefit_line(catalogue, benefit)
    number = Text(end="")
    number.append(MARK if marked else " ", style="bold yellow")
    number.append(f"{entry.id:>3}", style="bold cyan")
    badge = Text(no_wrap=True, overflow="ellipsis", end="")
    if entry.verdict:
        badge.append_text(verdict_text(entry.verdict))
    line = _IfRoom(badge, Text(entry.category, style="dim", end=""))
    return _hanging(number, Group(Text(entry.title, style="bold"), line), gap=1)


def caution_line(caution: Caution) -> RenderableType:
    """`!  Bleeding risk`: a caution in the list, as a safety question lists them first."""
    return _hanging(
        Text("   !", style="bold red", end=""), Text(caution.title, style="bold"), gap=1
    )


class _IfRoom:
    """`first`, then `extra` two spaces on when the whole of it fits the width, else alone."""

    def __init__(self, first: Text, extra: Text) -> None:
        self.first = first
        self.extra = extra

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        if not self.first.plain:
            yield self.extra
        elif self.first.cell_len + 2 + self.extra.cell_len <= options.max_width:
            yield Text.assemble(self.first, "  ", self.extra, no_wrap=True, end="")
        else:
            yield self.first


def verdict_key(catalogue: Catalogue, benefit: Benefit | None) -> Text:
    """`[+] supported: systematic reviews...`: what the highlighted benefit's verdict means.

    Under the list, so that no badge there is far from its meaning; every verdict's
    meaning ends the details too.
    """
    if benefit is None or benefit.evidence is None:
        return Text("Verdicts: highlight a benefit for what its verdict means.", style="dim")
    chosen = verdict(catalogue, benefit.evidence.verdict)
    text = Text.assemble(verdict_text(chosen))
    text.append(f": {chosen.meaning}." if chosen.meaning else ": not defined by this catalogue.")
    return text


def caution_details(catalogue: Catalogue, hit: CautionHit) -> RenderableType:
    """One caution in full (its sources' DOI links whole), and why the search found it."""
    view = caution_view(catalogue, hit.caution)
    title = Text.assemble(("! ", "bold red"), (view.title, "bold"), (f"  ({view.id})", "dim"))
    parts: list[RenderableType] = [
        title,
        Text.assemble(("Who: ", "bold"), view.who),
        Text(view.text),
    ]
    parts += [_hanging(Text("- "), reference_text(r)) for r in view.references]
    if view.concerns:
        parts.append(Text(view.concerns, style="dim"))
    if hit.matches:
        parts.append(Text(f"({match_reason(hit.matches)})", style="dim"))
    return Group(*parts)


def link(url: str) -> Style:
    """A hyperlink the terminal can open, and that a click opens from inside the app."""
    return Style(link=url, color="blue", underline=True, meta={"@click": f"app.open_url({url!r})"})


def _heading(text: str) -> Text:
    return Text(text, style="bold underline")


def _hanging(marker: Text, body: RenderableType, gap: int = 0) -> Table:
    """`marker` then `body`, wrapped under itself rather than under the marker."""
    grid = Table.grid()
    grid.add_column(width=max(2, marker.cell_len + gap), no_wrap=True)
    grid.add_column(ratio=1)
    grid.add_row(marker, body)
    return grid


def reference_text(reference: Citation) -> Text:
    """`Zhang 2015, Cochrane...`, its DOI link, and the finding in italics.

    The link starts a line of its own and, longer than a pane at 80 columns is wide, folds
    onto the next line rather than being cut: all of it is read, and a click opens it.
    """
    text = Text(reference.short, overflow="fold")
    if reference.url:
        text.append("\n")
        text.append(reference.url, style=link(reference.url))
    text.append("\n")
    text.append(reference.finding, style="italic")
    return text


def caution_text(caution: CautionView) -> Text:
    text = Text()
    text.append(caution.title, style="bold")
    text.append(f" ({caution.id})", style="dim")
    text.append("\nWho: ", style="bold")
    text.append(caution.who)
    text.append("\n")
    text.append(caution.text)
    for reference in caution.references:
        text.append("\n- ")
        text.append(reference.short, style="dim")
    return text


def details_view(catalogue: Catalogue, benefit: Benefit, marked: bool) -> RenderableType:
    """Everything about one benefit but its related benefits (a list the reader can select)."""
    return _details_group(benefit_view(catalogue, benefit), marked)


def _details_group(view: BenefitView, marked: bool) -> Group:
    title = Text()
    title.append(f"{view.line.id}  ", style="bold cyan")
    title.append(view.line.title, style="bold")
    line = Text(view.line.category, style="dim")
    if view.evidence:
        line.append("  ")
        line.append_text(verdict_text(view.evidence.verdict))
    if marked:
        line.append(f"  {MARK} marked for the handout", style="bold yellow")
    parts: list[RenderableType] = [title, line, Text(view.line.summary, style="italic"), Text("")]
    parts.append(Text(view.description))
    if view.notes:
        parts += [Text(""), Text.assemble(("Notes: ", "bold"), view.notes)]
    if view.evidence:
        evidence = view.evidence
        verdict = verdict_line(evidence.verdict)
        parts += [Text(""), _heading("Evidence"), verdict, Text(evidence.summary)]
        parts += [_hanging(Text("- "), reference_text(r)) for r in evidence.references]
    parts += [Text(""), _heading("Cautions")]
    parts += [_hanging(Text("! ", style="bold red"), caution_text(c)) for c in view.cautions]
    if not view.cautions:
        parts.append(Text(NO_OWN_CAUTION))
    return Group(*parts)


def related_line(benefit: Benefit) -> Text:
    return Text.assemble((f"{benefit.id:>3} ", "bold cyan"), benefit.title)


def closing(catalogue: Catalogue) -> Group:
    """What ends the details: what every verdict means, the source and the disclaimer."""
    return Group(*legend(verdict_legend(catalogue, catalogue.benefits)), footer(catalogue))
