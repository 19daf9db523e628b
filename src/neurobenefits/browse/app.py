"""The browser: one screen with a search box, the matching benefits and their details.

Keys are listed once, in KEYS, for the footer, the help panel and README.md's table.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from .content import (
    caution_details,
    caution_line,
    closing,
    details_view,
    related_line,
    result_line,
    verdict_key,
)
from .finder import Finder, Found
from .keybar import KeyBar

if TYPE_CHECKING:
    from textual import events

    from ..catalogue.model import Benefit, Catalogue
    from ..finding.search import CautionHit

# (key as typed, what it does): the help panel and README show these.
KEYS: tuple[tuple[str, str], ...] = (
    ("type", "search as you type; the list follows every keystroke"),
    ("Up / Down", "move through the benefits (or scroll the details)"),
    ("mouse", "click a benefit, a related benefit or a DOI link"),
    ("Enter", "open the details of the highlighted benefit"),
    ("Escape", "back to the search box (Ctrl+U there clears it)"),
    ("Tab", "next pane: search, benefits, details, related benefits"),
    ("!", "every caution: the search's first, best match first; with no query, this benefit's"),
    ("Ctrl+T", "mark or unmark the benefit for a handout"),
    ("Ctrl+E", "save a handout (Markdown or HTML) of the marked or highlighted benefits"),
    ("?", "this list of keys"),
    ("Ctrl+Q", "quit"),
)


# Keys that act even in the search box: the search ignores punctuation anyway.
COMMAND_CHARACTERS = "?!"


# A caution's entry in the list: its id after this mark (a benefit's is its number).
CAUTION = "!"


# A list longer than this is cut (its title says so): nobody scrolls through a thousand
# entries, and laying them out would cost every keystroke of a large catalogue.
MOST_SHOWN = 100

# The foot of the main screen: the most needed first, as a narrow terminal cuts the end.
FOOTER = (
    ("?", "Help"),
    ("^Q", "Quit"),
    ("Enter", "Details"),
    ("Esc", "Search"),
    ("Tab", "Pane"),
    ("!", "Cautions"),
    ("^T", "Mark"),
    ("^E", "Save"),
)


class SearchBox(Input):
    """The search box; `?` and `!` open the help and the cautions instead of being typed."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("enter", "submit", "Details")]

    def check_consume_key(self, key: str, character: str | None) -> bool:
        if character is not None and character in COMMAND_CHARACTERS:
            return False
        return super().check_consume_key(key, character)


class Results(OptionList):
    """The matching benefits. A letter typed here goes to the search box."""

    def on_key(self, event: events.Key) -> None:
        if event.is_printable and event.character and event.character not in COMMAND_CHARACTERS:
            event.stop()
            search = self.screen.query_one("#search", Input)
            search.focus()
            search.insert_text_at_cursor(event.character)


class MainScreen(Screen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("question_mark", "help", "Help", key_display="?", priority=True),
        Binding("ctrl+q", "app.quit", "Quit", priority=True),
        Binding("enter", "open", "Details"),
        Binding("escape", "search", "Search"),
        Binding("tab", "app.focus_next", "Pane"),
        Binding("exclamation_mark", "cautions", "Cautions", key_display="!", priority=True),
        Binding("ctrl+t", "mark", "Mark", priority=True),
        Binding("ctrl+e", "export", "Save", priority=True),
        Binding("down", "move(1)", "Move", show=False),
        Binding("up", "move(-1)", "Move", show=False),
    ]

    def __init__(self, catalogue: Catalogue, query: str) -> None:
        super().__init__()
        self.catalogue = catalogue
        self.finder = Finder(catalogue)
        self.query_text = query
        self.found = Found((), "")
        self.shown: tuple[Benefit, ...] = ()
        self.entries: tuple[str, ...] = ()  # the list's option ids, in order
        self.current: Benefit | None = None
        self.current_caution: CautionHit | None = None  # a caution highlighted in the list
        self.marked: set[int] = set()
        self.notice = ""
        self.key: str | None = None  # the verdict the key under the list explains

    def compose(self) -> ComposeResult:
        search = SearchBox(
            value=self.query_text,
            placeholder="Type to search, e.g. spasm",
            id="search",
            select_on_focus=False,  # Escape comes back to refine the query, not to lose it
        )
        search.border_title = self.catalogue.title
        yield search
        with Horizontal(id="panes"):
            with Vertical(id="left"):
                notice = Static("", id="notice")
                notice.display = False
                yield notice
                yield Results(id="results")
                yield Static(verdict_key(self.catalogue, None), id="key")
            with VerticalScroll(id="details"):
                yield Static("", id="body")
                yield Static("Related", id="related-heading")
                yield OptionList(id="related")
                yield Static(closing(self.catalogue), id="disclaimer")
        yield KeyBar(FOOTER)

    def on_mount(self) -> None:
        self.query_one("#details").border_title = "Details"
        self.show_results(self.query_text)
        self.query_one("#search", Input).focus()

    # What is shown

    def show_results(self, query: str) -> None:
        """Search, fill the list, and show the first entry's details (one keystroke's work).

        A question about safety lists the cautions first, best match first, as `search`
        prints them; the first caution's text opens the details.
        """
        found = self.finder.find(query)
        self.found = found
        if found.notice != self.notice:
            # Only a changed notice is redrawn: an update lays the whole screen out again.
            self.notice = found.notice
            notice = self.query_one("#notice", Static)
            notice.update(Text(found.notice))
            notice.display = bool(found.notice)
        results = self.query_one("#results", Results)
        shown = found.benefits[:MOST_SHOWN]
        cautions = found.cautions if found.cautions_first else ()
        entries = tuple(CAUTION + hit.caution.id for hit in cautions) + tuple(
            str(b.id) for b in shown
        )
        if entries != self.entries or results.option_count != len(entries):
            # Most keystrokes change the list; those that do not ("spas" to "spasm") cost nothing.
            self.shown = shown
            self.entries = entries
            total = len(found.benefits)
            benefits = (
                f"benefits ({total})" if total == len(shown) else f"best {len(shown)} of {total}"
            )
            if not cautions:
                results.border_title = benefits[0].upper() + benefits[1:]
            else:
                then = f", then {benefits}" if shown else ""
                results.border_title = f"Cautions ({len(cautions)}){then}"
            # The key explains the verdicts the list shows: none, none to explain.
            self.query_one("#key", Static).display = bool(shown)
            results.set_options(
                [Option(caution_line(hit.caution), id=CAUTION + hit.caution.id) for hit in cautions]
                + self._options()
            )
        if entries:
            results.highlighted = 0
        self.show_entry(entries[0] if entries else None)

    def _options(self) -> list[Option]:
        return [
            Option(result_line(self.catalogue, b, b.id in self.marked), id=str(b.id))
            for b in self.shown
        ]

    def show_entry(self, entry: str | None) -> None:
        """The details of a list entry: a benefit's number, or a caution's id after `!`."""
        if entry and entry.startswith(CAUTION):
            hit = next((h for h in self.found.cautions if CAUTION + h.caution.id == entry), None)
            self.show_caution(hit)
        else:
            self.show_details(self.catalogue.benefit(int(entry)) if entry else None)

    def show_caution(self, hit: CautionHit | None) -> None:
        if hit is None or hit == self.current_caution:
            return
        self.current = None
        self.current_caution = hit
        self.query_one("#body", Static).update(caution_details(self.catalogue, hit))
        self.query_one("#related", OptionList).set_options([])
        self.query_one("#related-heading", Static).display = False
        self.query_one("#related", OptionList).display = False
        self.key = None
        self.query_one("#key", Static).update(verdict_key(self.catalogue, None))
        self.query_one("#details", VerticalScroll).scroll_home(animate=False)

    def show_details(self, benefit: Benefit | None) -> None:
        if benefit == self.current and benefit is not None:
            return
        key = benefit.evidence.verdict if benefit and benefit.evidence else None
        if key != self.key or self.current_caution is not None:
            # Only a changed verdict is redrawn, as for the notice.
            self.key = key
            self.query_one("#key", Static).update(verdict_key(self.catalogue, benefit))
        self.current = benefit
        self.current_caution = None
        self._render_details()
        self.query_one("#details", VerticalScroll).scroll_home(animate=False)

    def _render_details(self) -> None:
        benefit = self.current
        body = self.query_one("#body", Static)
        related = self.query_one("#related", OptionList)
        heading = self.query_one("#related-heading", Static)
        if benefit is None:
            body.update("No benefit to show. Change the search, or press Escape and clear it.")
            related.set_options([])
        else:
            body.update(details_view(self.catalogue, benefit, benefit.id in self.marked))
            related.set_options(
                [
                    Option(related_line(r), id=str(r.id))
                    for number in benefit.related
                    if (r := self.catalogue.benefit(number))
                ]
            )
        if related.option_count:
            related.highlighted = 0  # Enter on the list opens the first without a step down
        heading.display = related.display = related.option_count > 0

    # Events

    def on_input_changed(self, event: Input.Changed) -> None:
        self.show_results(event.value)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.action_open()

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option_list.id == "results" and event.option_id:
            self.show_entry(event.option_id)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        if not event.option_id:
            return
        if event.option_list.id == "related":
            # A related benefit: show it, and highlight it in the list when it is there.
            benefit = self.catalogue.benefit(int(event.option_id))
            if benefit and event.option_id in self.entries:
                self.query_one("#results", Results).highlighted = self.entries.index(
                    event.option_id
                )
            self.show_details(benefit)
        self.action_open()

    # Actions

    def action_open(self) -> None:
        """Enter: the details of the highlighted benefit, ready to scroll."""
        if self.current is not None or self.current_caution is not None:
            self.query_one("#details", VerticalScroll).focus()

    def action_search(self) -> None:
        self.query_one("#search", Input).focus()

    def action_move(self, step: int) -> None:
        results = self.query_one("#results", Results)
        if step > 0:
            results.action_cursor_down()
        else:
            results.action_cursor_up()

    def action_mark(self) -> None:
        if self.current is None:
            return
        self.marked ^= {self.current.id}
        results = self.query_one("#results", Results)
        highlighted = results.highlighted
        cautions = results.option_count - len(self.shown)  # the caution entries lead the list
        for number, option in enumerate(self._options()):
            results.replace_option_prompt_at_index(cautions + number, option.prompt)
        results.highlighted = highlighted
        self._render_details()
        count = len(self.marked)
        self.notify(f"{count} benefit{'s' if count != 1 else ''} marked for the handout.")

    def action_help(self) -> None:
        from .screens import HelpScreen

        self.app.push_screen(HelpScreen(self.catalogue, KEYS))

    def action_cautions(self) -> None:
        from .screens import CautionsScreen

        # With a query, in the search's order (its best match first); else this benefit's first.
        found = tuple(hit.caution for hit in self.found.cautions)
        query = self.query_one("#search", Input).value.strip()
        heading = self.found.heading or f'Matching "{query}", best match first'
        self.app.push_screen(CautionsScreen(self.catalogue, self.current, found, heading))

    def action_export(self) -> None:
        from .screens import ExportScreen

        chosen = [b for b in self.catalogue.benefits if b.id in self.marked]
        if not chosen and self.current is not None:
            chosen = [self.current]
        if not chosen:
            # A caution highlighted (a safety question) is not a benefit to hand out.
            where = "move down to one" if self.shown else "search for one first"
            self.notify(f"No benefit to put in a handout: {where}.", severity="warning")
            return
        self.app.push_screen(ExportScreen(self.catalogue, chosen))


class BrowseApp(App[None]):
    CSS_PATH = "browse.tcss"
    TITLE = "neurobenefits"
    ENABLE_COMMAND_PALETTE = False
    # Below 72 columns the list sits above the details instead of beside them. (Textual
    # declares this as a list, and mypy refuses a ClassVar over its annotation.)
    HORIZONTAL_BREAKPOINTS = [  # noqa: RUF012
        (0, "-narrow"),
        (72, "-wide"),
    ]

    def __init__(self, catalogue: Catalogue, query: str = "") -> None:
        super().__init__()
        self.catalogue = catalogue
        self.query_text = query

    def on_mount(self) -> None:
        self.push_screen(MainScreen(self.catalogue, self.query_text))
