"""The panels that open over the main screen: help, cautions, and saving a handout."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, RadioButton, RadioSet, Static

from .keybar import KeyBar

if TYPE_CHECKING:
    from ..catalogue.model import Benefit, Catalogue, Caution


class HelpScreen(ModalScreen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,question_mark,q", "app.pop_screen", "Close", key_display="Esc"),
    ]

    def __init__(self, catalogue: Catalogue, keys: Sequence[tuple[str, str]]) -> None:
        super().__init__()
        self.catalogue = catalogue
        self.keys = keys

    def compose(self) -> ComposeResult:
        table = Table.grid(padding=(0, 2))
        table.add_column(style="bold cyan", no_wrap=True)
        table.add_column()
        for key, meaning in self.keys:
            table.add_row(key, meaning)
        with VerticalScroll(id="help", classes="panel") as panel:
            panel.border_title = "Keys"
            panel.can_focus = True
            yield Static(
                Group(
                    table,
                    Text(""),
                    Text.assemble(("Disclaimer: ", "bold"), self.catalogue.disclaimer),
                )
            )
        yield KeyBar([("Esc", "Close")])


class CautionsScreen(ModalScreen[None]):
    """Every caution, in the words of `neurobenefits cautions`.

    After a search, those it found come first in its order (its best match first); else the
    highlighted benefit's own come first. The others follow in the catalogue's order.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,exclamation_mark,q", "app.pop_screen", "Close", key_display="Esc"),
    ]

    def __init__(
        self,
        catalogue: Catalogue,
        benefit: Benefit | None,
        found: Sequence[Caution] = (),
        heading: str = "",
    ) -> None:
        super().__init__()
        self.catalogue = catalogue
        self.benefit = benefit
        self.found = tuple(found)
        self.heading = heading  # what `search` heads the cautions it found with, if anything

    def compose(self) -> ComposeResult:
        from ..views.render import cautions_view
        from ..views.viewmodel import caution_view, own_cautions

        if self.found:
            first = self.found
            title = self.heading or "Found by the search, best match first"
        else:
            first = own_cautions(self.catalogue, self.benefit) if self.benefit else ()
            title = f"For {self.benefit.id} {self.benefit.title}" if self.benefit else ""
        others = [
            caution_view(self.catalogue, c) for c in self.catalogue.cautions if c not in first
        ]
        parts: list[RenderableType] = []
        if first:
            parts.append(Text(title, style="bold underline"))
            parts += cautions_view(
                self.catalogue, [caution_view(self.catalogue, c) for c in first]
            )[:-1]
            if others:
                parts.append(Text("Other cautions", style="bold underline"))
        parts += cautions_view(self.catalogue, others)  # ends with the source and disclaimer
        if not self.catalogue.cautions:
            parts.insert(0, Text("This catalogue has no cautions."))
        with VerticalScroll(id="cautions", classes="panel") as panel:
            panel.border_title = f"Cautions ({len(self.catalogue.cautions)})"
            panel.can_focus = True
            yield Static(Group(*parts))
        yield KeyBar([("Esc", "Close"), ("Up/Down", "Scroll")])

    def on_mount(self) -> None:
        self.query_one("#cautions").focus()


FORMATS = {"markdown": ".md", "html": ".html"}


class ConfirmScreen(ModalScreen[bool]):
    """Yes or no; no unless the person says yes."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "answer(True)", "Yes"),
        Binding("n,escape", "answer(False)", "No"),
    ]

    def __init__(self, question: str) -> None:
        super().__init__()
        self.question = question

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm", classes="panel"):
            yield Static(Text(self.question))
            with Horizontal(classes="buttons"):
                yield Button("Overwrite (y)", id="yes", variant="warning")
                yield Button("Keep it (n)", id="no", variant="primary")
        yield KeyBar([("y", "Overwrite"), ("n", "Keep it")])

    def on_mount(self) -> None:
        self.query_one("#no", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)


class ExportScreen(ModalScreen[None]):
    """Ask for a file name and format, then write the handout as `export` does."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "save", "Save"),
        Binding("escape", "cancel", "Cancel"),
    ]

    def __init__(self, catalogue: Catalogue, benefits: Sequence[Benefit]) -> None:
        super().__init__()
        self.catalogue = catalogue
        self.benefits = list(benefits)

    def compose(self) -> ComposeResult:
        numbers = ", ".join(str(b.id) for b in self.benefits)
        what = (
            f"{self.benefits[0].id} {self.benefits[0].title}"
            if len(self.benefits) == 1
            else f"the {len(self.benefits)} marked benefits ({numbers})"
        )
        stem = "-".join(str(b.id) for b in self.benefits[:6])
        with Vertical(id="export", classes="panel") as panel:
            panel.border_title = "Save a handout"
            yield Static(Text(f"A handout of {what}."))
            with RadioSet(id="format"):
                yield RadioButton("Markdown", value=True, id="markdown")
                yield RadioButton("HTML (one page, prints well)", id="html")
            path = Input(value=f"neurobenefits-{stem}.md", id="path")
            path.border_title = "File (in the current folder unless you give a path)"
            yield path
            yield Static("Enter saves; Escape cancels. An existing file is kept unless you agree.")
            yield Static("", id="message")
        yield KeyBar([("Enter", "Save"), ("Esc", "Cancel"), ("Tab", "Format")])

    def on_mount(self) -> None:
        self.query_one("#path", Input).focus()

    def chosen_format(self) -> str:
        pressed = self.query_one("#format", RadioSet).pressed_button
        return pressed.id if pressed and pressed.id in FORMATS else "markdown"

    def on_radio_set_changed(self, event: RadioSet.Changed) -> None:
        # Keep the suggested name's extension in step with the format.
        path = self.query_one("#path", Input)
        name = Path(path.value)
        if name.suffix.lower() in (".md", ".html"):
            path.value = str(name.with_suffix(FORMATS[self.chosen_format()]))
        path.focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()

    def action_save(self) -> None:
        text = self.query_one("#path", Input).value.strip()
        if not text:
            self.say("Give a file name, e.g. handout.md.")
            return
        path = Path(text).expanduser()
        if path.exists() or path.is_symlink():
            question = f"{path} exists already. Overwrite it?"
            self.app.push_screen(ConfirmScreen(question), lambda yes: self.save(path, bool(yes)))
            return
        self.save(path, force=False)

    def save(self, path: Path, force: bool) -> None:
        if not path.exists() and not path.is_symlink():
            force = False  # only ever replace the file the person agreed to replace
        elif not force:
            self.say(f"Kept {path}; give another name.")
            return
        from ..views.handout_file import write_handout
        from ..views.outputfile import OutputExists, OutputRefused
        from ..views.sourcedate import BadSourceDate

        fmt = self.chosen_format()
        try:
            write_handout(self.catalogue, self.benefits, path, fmt, force=force)
        except OutputExists:
            self.say(f"{path} exists already; give another name.")
            return
        except (OutputRefused, BadSourceDate) as error:  # a folder, a device; a bad date
            self.say(str(error))
            return
        except OSError as error:
            self.say(f"Could not write {path}: {error.strerror or error}.")
            return
        count = len(self.benefits)
        self.app.notify(f"Wrote {path} ({count} benefit{'s' if count != 1 else ''}, {fmt}).")
        self.dismiss(None)

    def say(self, message: str) -> None:
        self.query_one("#message", Static).update(Text(message, style="bold"))

    def action_cancel(self) -> None:
        self.dismiss(None)
