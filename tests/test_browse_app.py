"""`neurobenefits browse`: every key and flow, driven through Textual's pilot (App.run_test)."""

from __future__ import annotations

import asyncio
import io
from collections.abc import Awaitable, Callable
from pathlib import Path

import pytest
from rich.console import Console
from rich.text import Text
from textual.pilot import Pilot
from textual.widgets import Input, OptionList, Static

from neurobenefits.browse.app import KEYS, BrowseApp, MainScreen
from neurobenefits.browse.screens import CautionsScreen, ConfirmScreen, ExportScreen, HelpScreen
from neurobenefits.catalogue.model import Catalogue
from neurobenefits.finding.search import search
from neurobenefits.views.viewmodel import verdict

from .conftest import get_benefit

Steps = Callable[[Pilot[None], BrowseApp], Awaitable[None]]


def drive(
    catalogue: Catalogue, steps: Steps, query: str = "", size: tuple[int, int] = (80, 24)
) -> BrowseApp:
    """Run the browser headless at `size`, take the steps, and return the app."""

    async def run() -> BrowseApp:
        app = BrowseApp(catalogue, query)
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
            await steps(pilot, app)
        return app

    return asyncio.run(run())


def text_of(content: object, width: int = 200) -> str:
    """A widget's content as plain text, one long line per paragraph."""
    console = Console(file=io.StringIO(), width=width, no_color=True, color_system=None)
    console.print(content)
    return "\n".join(line.rstrip() for line in console.file.getvalue().splitlines())  # type: ignore[attr-defined]


def main(app: BrowseApp) -> MainScreen:
    screen = app.screen
    assert isinstance(screen, MainScreen), type(screen)
    return screen


def shown_numbers(app: BrowseApp) -> list[int]:
    return [b.id for b in main(app).shown]


def details(app: BrowseApp) -> str:
    return text_of(main(app).query_one("#body", Static).content)


def current_number(app: BrowseApp) -> int | None:
    current = main(app).current
    return current.id if current else None


def focused_id(app: BrowseApp) -> str | None:
    return app.focused.id if app.focused else None


def test_opens_with_every_benefit_and_the_search_box_focused(catalogue: Catalogue) -> None:
    seen: dict[str, object] = {}

    async def steps(pilot: Pilot[None], app: BrowseApp) -> None:
        seen["focus"] = focused_id(app)
        seen["numbers"] = shown_numbers(app)
        seen["details"] = details(app)
        seen["disclaimer"] = text_of(main(app).query_one("#disclaimer", Static).content)

    drive(catalogue, steps)
    assert seen["focus"] == "search"
    assert seen["numbers"] == [b.id for b in catalogue.benefits]
    assert "1  Pain Relief" in str(seen["details"])
    assert "Disclaimer:" in str(seen["disclaimer"])
    # Every verdict the list shows as a badge, with what it means, closes the details.
    legend = [" ".join(line.split()) for line in str(seen["disclaimer"]).splitlines()]
    for name, meaning in catalogue.verdicts:
        assert f"{verdict(catalogue, name).label} {meaning}" in legend


def test_a_query_on_the_command_line_fills_the_search_box(catalogue: Catalogue) -> None:
    seen: dict[str, object] = {}

    async def steps(pilot: Pilot[None], app: BrowseApp) -> None:
        seen["value"] = main(app).query_one("#search", Input).value
        seen["numbers"] = shown_numbers(app)

    drive(catalogue, steps, query="skin")
    assert seen["value"] == "skin"
    assert seen["numbers"] == [hit.benefit.id for hit in search(catalogue, "skin").hits]


def test_each_keystroke_narrows_the_list_as_search_ranks_it(catalogue: Catalogue) -> None:
    after: list[list[int]] = []

    async def steps(pilot: Pilot[None], app: BrowseApp) -> None:
        for key in "spasm":
            await pilot.press(key)
            after.append(shown_numbers(app))

    drive(catalogue, steps)
    for typed, numbers in zip(["s", "sp", "spa", "spas", "spasm"], after, strict=True):
        result = search(catalogue, typed)
        expected = (
            [h.benefit.id for h in result.hits]
            if result.terms
            else [b.id for b in catalogue.benefits]
        )
        assert numbers == expected, typed
    assert after[-1][0] == 8
    assert len(after[-1]) < len(catalogue.benefits)


def test_a_typo_is_corrected_and_the_notice_says_so(catalogue: Catalogue) -> None:
    seen: dict[str, object] = {}

    async def steps(pilot: Pilot[None], app: BrowseApp) -> None:
        await pilot.press(*"circulaton")
        notice = main(app).query_one("#notice", Static)
        seen["notice"] = text_of(notice.content)
        seen["visible"] = notice.display
        seen["first"] = shown_numbers(app)[0]

    drive(catalogue, steps)
    assert seen["notice"] == 'Showing results for "circulation" (no match for "circulaton").'
    assert seen["visible"] is True
    assert seen["first"] == 3


def test_nothing_found_empties_the_list_and_says_why(catalogue: Catalogue) -> None:
    seen: dict[str, object] = {}

    async def steps(pilot: Pilot[None], app: BrowseApp) -> None:
        await pilot.press(*"qqqqzz")
        seen["numbers"] = shown_numbers(app)
        seen["notice"] = text_of(main(app).query_one("#notice", Static).content)
        seen["details"] = details(app)

    drive(catalogue, steps)
    assert seen["numbers"] == []
    assert seen["notice"] == (
        'No benefit or caution matches "qqqqzz". Not covered here does not mean safe: '
        "press ! for every caution and ask the client's clinician."
    )
    assert "No benefit to show" in str(seen["details"])


def test_enter_opens_the_details_with_the_verdict_its_meaning_and_the_cautions(
    catalogue: Catalogue,
) -> None:
    seen: dict[str, object] = {}

    async def steps(pilot: Pilot[None], app: BrowseApp) -> None:
        await pilot.press(*"skin", "enter")
        seen["focus"] = focused_id(app)
        seen["details"] = details(app)

    drive(catalogue, steps)
    skin = get_benefit(catalogue, 10)
    assert skin.evidence is not None
    meaning = dict(catalogue.verdicts)[skin.evidence.verdict]
    text = str(seen["details"])
    assert seen["focus"] == "details"
    assert text.startswith("10  Enhanced Skin Integrity")
    assert f"Verdict: [-] not supported ({meaning})" in text
    for caution_id in skin.cautions:
        caution = catalogue.caution(caution_id)
        assert caution is not None
        assert f"! {caution.title} ({caution.id})" in text
        assert caution.text in text.replace("\n  ", " ")
    for reference_id in skin.evidence.references:
        reference = catalogue.reference(reference_id)
        assert reference is not None
        assert reference.finding in text.replace("\n  ", " ")
        if reference.doi_url:
            assert reference.doi_url in text


def test_doi_links_are_hyperlinks(catalogue: Catalogue) -> None:
    from neurobenefits.browse.content import reference_text
    from neurobenefits.views.viewmodel import citation

    reference = next(r for r in catalogue.references if r.doi_url)
    text = reference_text(citation(reference))
    links = {span.style.link for span in text.spans if not isinstance(span.style, str)}
    assert reference.doi_url in links


def test_up_and_down_move_through_the_list_from_the_search_box(catalogue: Catalogue) -> None:
    seen: list[int | None] = []

    async def steps(pilot: Pilot[None], app: BrowseApp) -> None:
        await pilot.press(*"spasm", "down")
        seen.append(current_number(app))
        await pilot.press("down", "up")
        seen.append(current_number(app))
        seen.append(1 if focused_id(app) == "search" else 0)

    drive(catalogue, steps)
    ranked = [h.benefit.id for h in search(catalogue, "spasm").hits]
    assert seen == [ranked[1], ranked[1], 1]


def test_escape_goes_back_to_the_search_box(catalogue: Catalogue) -> None:
    seen: list[str | None] = []

    async def steps(pilot: Pilot[None], app: BrowseApp) -> None:
        await pilot.press(*"sleep", "enter")
        seen.append(focused_id(app))
        await pilot.press("escape")
        seen.append(focused_id(app))
        await pilot.press("s")
        seen.append(main(app).query_one("#search", Input).value)

    drive(catalogue, steps)
    assert seen == ["details", "search", "sleeps"]


def test_tab_moves_between_the_panes(catalogue: Catalogue) -> None:
    seen: list[str | None] = []

    async def steps(pilot: Pilot[None], app: BrowseApp) -> None:
        for _ in range(4):
            seen.append(focused_id(app))
            await pilot.press("tab")
        seen.append(focused_id(app))

    drive(catalogue, steps, query="stress")
    assert seen == ["search", "results", "details", "related", "search"]


def test_a_letter_typed_in_the_list_goes_to_the_search_box(catalogue: Catalogue) -> None:
    seen: list[object] = []

    async def steps(pilot: Pilot[None], app: BrowseApp) -> None:
        await pilot.press("tab", "down", "p")
        seen.extend([focused_id(app), main(app).query_one("#search", Input).value])

    drive(catalogue, steps)
    assert seen == ["search", "p"]


def test_a_related_benefit_can_be_selected(catalogue: Catalogue) -> None:
    seen: list[object] = []
    stress = get_benefit(catalogue, 4)

    async def steps(pilot: Pilot[None], app: BrowseApp) -> None:
        related = main(app).query_one("#related", OptionList)
        seen.append(related.option_count)
        await pilot.press("tab", "tab", "tab")
        seen.append(focused_id(app))
        await pilot.press("enter")
        seen.append(current_number(app))
        seen.append(details(app).splitlines()[0])

    drive(catalogue, steps, query="stress anxiety")
    first = get_benefit(catalogue, stress.related[0])
    assert seen == [len(stress.related), "related", first.id, f"{first.id}  {first.title}"]


def test_the_mouse_picks_a_benefit(catalogue: Catalogue) -> None:
    seen: list[int | None] = []

    async def steps(pilot: Pilot[None], app: BrowseApp) -> None:
        # The second entry of the list: a border row, then two rows per benefit.
        await pilot.click("#results", offset=(8, 3))
        await pilot.pause()
        seen.append(current_number(app))

    drive(catalogue, steps)
    assert seen == [2]


def test_question_mark_opens_the_help_panel_with_every_key(catalogue: Catalogue) -> None:
    seen: list[object] = []

    async def steps(pilot: Pilot[None], app: BrowseApp) -> None:
        await pilot.press("question_mark")
        seen.append(type(app.screen))
        seen.append(text_of(app.screen.query_one("#help Static", Static).content))
        await pilot.press("escape")
        seen.append(type(app.screen))
        seen.append(main(app).query_one("#search", Input).value)

    drive(catalogue, steps)
    assert seen[0] is HelpScreen
    for key, meaning in KEYS:
        assert key in str(seen[1])
        assert meaning in str(seen[1])
    assert "Disclaimer:" in str(seen[1])
    assert seen[2] is MainScreen
    assert seen[3] == ""  # `?` was a command, not a search


def _cautions_panel(catalogue: Catalogue, keys: list[str], query: str = "") -> list[object]:
    """Take the steps, press `!`, and return the panel's screen type and text."""
    seen: list[object] = []

    async def steps(pilot: Pilot[None], app: BrowseApp) -> None:
        await pilot.press(*keys, "exclamation_mark")
        seen.append(type(app.screen))
        seen.append(text_of(app.screen.query_one("#cautions Static", Static).content))
        await pilot.press("escape")
        seen.append(type(app.screen))

    drive(catalogue, steps, query=query)
    return seen


def _in_order(text: str, ids: list[str]) -> bool:
    positions = [text.index(f"({caution_id})") for caution_id in ids]
    return positions == sorted(positions)


def test_without_a_query_exclamation_mark_shows_the_highlighted_benefits_cautions_first(
    catalogue: Catalogue,
) -> None:
    skin = get_benefit(catalogue, 10)
    steps = ["down"] * [b.id for b in catalogue.benefits].index(10)
    seen = _cautions_panel(catalogue, steps)
    assert seen[0] is CautionsScreen
    text = str(seen[1])
    assert text.startswith("For 10 Enhanced Skin Integrity")
    others = [c.id for c in catalogue.cautions if c.id not in skin.cautions]
    assert _in_order(text, [*skin.cautions, *others])
    assert "Other cautions" in text
    assert "Disclaimer:" in text
    assert seen[2] is MainScreen


def test_with_a_query_exclamation_mark_lists_the_cautions_in_the_searchs_order(
    catalogue: Catalogue,
) -> None:
    # The query's best match first (bleeding risk for blood thinners), not the order of
    # the benefit that happens to be highlighted.
    query = "is it safe with blood thinners"
    seen = _cautions_panel(catalogue, [], query=query)
    text = str(seen[0 + 1])
    order = [hit.caution.id for hit in search(catalogue, query).cautions]
    assert order[0] == "bleeding-risk"
    assert len(order) == len(catalogue.cautions)
    assert text.startswith(
        "Cautions: every one, as the question is about safety; the closest first\n"
        "! Bleeding risk  (bleeding-risk)"
    )
    assert _in_order(text, order)
    assert "Other cautions" not in text


def test_a_query_that_matches_some_cautions_puts_them_first_then_the_others(
    catalogue: Catalogue,
) -> None:
    seen = _cautions_panel(catalogue, list("skin"))
    text = str(seen[1])
    found = [hit.caution.id for hit in search(catalogue, "skin").cautions]
    others = [c.id for c in catalogue.cautions if c.id not in found]
    assert found
    assert others
    assert text.startswith('Matching "skin", best match first\n')
    assert _in_order(text, [*found, *others])
    assert text.index("Other cautions") < text.index(f"({others[0]})")


def entries(app: BrowseApp) -> list[str]:
    results = main(app).query_one("#results", OptionList)
    return [str(results.get_option_at_index(i).id) for i in range(results.option_count)]


@pytest.mark.parametrize(
    ("query", "heading"),
    [
        (
            "is it safe with blood thinners",
            "Cautions: every one, as the question is about safety; the closest first.",
        ),
        # No caution holds a word of it: every one is listed, and none is called closest.
        ("when not to massage", "Cautions: every one, as the question is about safety."),
    ],
)
def test_a_safety_question_lists_every_caution_first_in_the_searchs_order(
    catalogue: Catalogue, query: str, heading: str
) -> None:
    seen: dict[str, object] = {}

    async def steps(pilot: Pilot[None], app: BrowseApp) -> None:
        await pilot.press(*[("space" if key == " " else key) for key in query])
        seen["entries"] = entries(app)
        seen["title"] = str(main(app).query_one("#results", OptionList).border_title)
        seen["notice"] = text_of(main(app).query_one("#notice", Static).content)
        seen["details"] = details(app)
        seen["current"] = main(app).current

    drive(catalogue, steps)
    result = search(catalogue, query)
    assert result.cautions_first
    assert result.safety
    cautions = [f"!{hit.caution.id}" for hit in result.cautions]
    benefits = [str(hit.benefit.id) for hit in result.benefit_hits]
    assert seen["entries"] == cautions + benefits
    assert len(cautions) == len(catalogue.cautions)
    assert seen["title"] == f"Cautions ({len(cautions)})"
    assert " ".join(str(seen["notice"]).split()) == heading
    # The details open on the first caution, whole: whom it concerns and what to do.
    first = result.cautions[0].caution
    text = " ".join(str(seen["details"]).split())
    assert text.startswith(f"! {first.title} ({first.id}) Who: {' '.join(first.who.split())}")
    assert " ".join(first.text.split()) in text
    assert seen["current"] is None  # no benefit is highlighted, so none is exported or marked


def test_a_safety_question_about_a_benefit_lists_its_cautions_then_the_benefit(
    catalogue: Catalogue,
) -> None:
    seen: list[object] = []

    async def steps(pilot: Pilot[None], app: BrowseApp) -> None:
        seen.append(entries(app))
        seen.append(str(main(app).query_one("#results", OptionList).border_title))
        await pilot.press(*["down"] * len(catalogue.cautions))
        seen.append(current_number(app))
        seen.append(details(app))

    drive(catalogue, steps, query="is it safe for skin")
    result = search(catalogue, "is it safe for skin")
    assert seen[0] == [f"!{h.caution.id}" for h in result.cautions] + ["10"]
    assert seen[0][0] == "!at-risk-skin"
    assert seen[1] == f"Cautions ({len(catalogue.cautions)}), then benefits (1)"
    # Down past the cautions: the benefit, with its evidence.
    assert seen[2] == 10
    assert str(seen[3]).startswith("10  Enhanced Skin Integrity")


def test_the_key_under_the_list_says_what_the_highlighted_verdict_means(
    catalogue: Catalogue,
) -> None:
    seen: list[str] = []

    async def steps(pilot: Pilot[None], app: BrowseApp) -> None:
        for _ in catalogue.benefits:
            seen.append(" ".join(text_of(main(app).query_one("#key", Static).content).split()))
            await pilot.press("down")

    drive(catalogue, steps)
    for benefit, key in zip(catalogue.benefits, seen, strict=True):
        assert benefit.evidence is not None
        chosen = verdict(catalogue, benefit.evidence.verdict)
        assert key == f"{chosen.label}: {chosen.meaning}.", benefit.id
    assert len(set(seen)) == len(catalogue.verdicts)  # every verdict the list shows


def test_at_80_columns_the_key_and_the_notices_are_whole(catalogue: Catalogue) -> None:
    """Wrapped over as many lines as they need, never cut: the verdict key, the notices."""
    seen: list[tuple[str, int, int]] = []

    def record(widget: Static) -> None:
        text = text_of(widget.content)
        width = widget.content_size.width
        seen.append(
            (text, len(_lines_at(Text(" ".join(text.split())), width)), widget.content_size.height)
        )

    async def steps(pilot: Pilot[None], app: BrowseApp) -> None:
        await pilot.press(*["down"] * 4)  # 5 Lowered Cortisol Levels: the longest meaning
        record(main(app).query_one("#key", Static))
        for query in ("qqqqzz", "is it safe with blood thinners", "spasm sleep"):
            main(app).query_one("#search", Input).value = query
            await pilot.pause()
            record(main(app).query_one("#notice", Static))

    drive(catalogue, steps)
    assert "No benefit or caution matches" in seen[1][0]
    for text, needed, height in seen:
        assert height >= needed > 1, text


def _save(pilot: Pilot[None], app: BrowseApp, path: Path) -> Awaitable[None]:
    screen = app.screen
    assert isinstance(screen, ExportScreen)
    screen.query_one("#path", Input).value = str(path)
    return pilot.press("enter")


def test_marked_benefits_go_into_a_markdown_handout(catalogue: Catalogue, tmp_path: Path) -> None:
    target = tmp_path / "handout.md"
    seen: list[object] = []

    async def steps(pilot: Pilot[None], app: BrowseApp) -> None:
        await pilot.press(*"spasm", "ctrl+t", "down", "ctrl+t", "ctrl+e")
        seen.append(type(app.screen))
        await _save(pilot, app, target)
        await pilot.pause()
        seen.append(type(app.screen))

    drive(catalogue, steps)
    assert seen == [ExportScreen, MainScreen]
    text = target.read_text(encoding="utf-8")
    ranked = [h.benefit for h in search(catalogue, "spasm").hits][:2]
    for benefit in ranked:
        assert f"## {benefit.id}. {benefit.title}" in text
    assert "**Disclaimer:**" in text
    assert text.count("\n## ") >= 2


def test_the_highlighted_benefit_goes_into_an_html_handout(
    catalogue: Catalogue, tmp_path: Path
) -> None:
    target = tmp_path / "skin.html"

    async def steps(pilot: Pilot[None], app: BrowseApp) -> None:
        await pilot.press(*"skin", "ctrl+e")
        await pilot.click("#html")
        await _save(pilot, app, target)
        await pilot.pause()

    drive(catalogue, steps)
    text = target.read_text(encoding="utf-8")
    assert text.startswith("<!DOCTYPE html>")
    assert '<article class="benefit" id="benefit-10">' in text
    assert text.count('<article class="benefit"') == 1


def test_an_existing_file_is_kept_unless_the_person_agrees(
    catalogue: Catalogue, tmp_path: Path
) -> None:
    target = tmp_path / "handout.md"
    target.write_text("my own notes\n", encoding="utf-8")
    seen: list[object] = []

    async def steps(pilot: Pilot[None], app: BrowseApp) -> None:
        await pilot.press(*"sleep", "ctrl+e")
        await _save(pilot, app, target)
        seen.append(type(app.screen))
        await pilot.press("n")
        seen.append(type(app.screen))
        seen.append(text_of(app.screen.query_one("#message", Static).content))
        seen.append(target.read_text(encoding="utf-8"))
        await pilot.press("enter")
        seen.append(type(app.screen))
        await pilot.press("y")
        await pilot.pause()
        seen.append(type(app.screen))

    drive(catalogue, steps)
    assert seen[:5] == [
        ConfirmScreen,
        ExportScreen,
        f"Kept {target}; give another name.",
        "my own notes\n",
        ConfirmScreen,
    ]
    assert seen[5] is MainScreen
    assert "## 7. Improved Sleep Quality" in target.read_text(encoding="utf-8")


def test_a_handout_that_cannot_be_written_says_why_and_stays_open(
    catalogue: Catalogue, tmp_path: Path
) -> None:
    target = tmp_path / "no-such-folder" / "handout.md"
    seen: list[object] = []

    async def steps(pilot: Pilot[None], app: BrowseApp) -> None:
        await pilot.press("ctrl+e")
        await _save(pilot, app, target)
        seen.append(type(app.screen))
        seen.append(text_of(app.screen.query_one("#message", Static).content))
        await pilot.press("escape")
        seen.append(type(app.screen))

    drive(catalogue, steps)
    assert seen[0] is ExportScreen
    assert str(seen[1]).startswith(f"Could not write {target}:")
    assert seen[2] is MainScreen
    assert not target.parent.exists()


def test_ctrl_q_quits_with_exit_code_0(catalogue: Catalogue) -> None:
    async def steps(pilot: Pilot[None], app: BrowseApp) -> None:
        await pilot.press(*"skin", "ctrl+q")
        await pilot.pause()

    app = drive(catalogue, steps)
    assert app.return_code == 0
    assert not app.is_running


@pytest.mark.parametrize(("width", "narrow"), [(60, True), (80, False), (140, False)])
def test_the_layout_follows_the_width(catalogue: Catalogue, width: int, narrow: bool) -> None:
    seen: dict[str, object] = {}

    async def steps(pilot: Pilot[None], app: BrowseApp) -> None:
        screen = main(app)
        results = screen.query_one("#results").region
        body = screen.query_one("#details").region
        seen["below"] = body.y >= results.bottom
        seen["beside"] = body.x >= results.right
        seen["narrow"] = screen.has_class("-narrow")

    drive(catalogue, steps, query="skin", size=(width, 24))
    assert seen == {"below": narrow, "beside": not narrow, "narrow": narrow}


def test_readme_lists_every_key() -> None:
    from .conftest import REPO

    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("### `browse [QUERY]`") :]
    for key, meaning in KEYS:
        assert f"| {key} | {meaning} |" in section, key
    assert "](docs/browse.svg)" in section


def test_a_benefit_without_cautions_of_its_own_points_to_the_others(catalogue: Catalogue) -> None:
    from neurobenefits.browse.content import NO_OWN_CAUTION

    plain = next(b for b in catalogue.benefits if not b.cautions)
    seen: list[str] = []

    async def steps(pilot: Pilot[None], app: BrowseApp) -> None:
        main(app).show_details(plain)
        seen.append(details(app))

    drive(catalogue, steps)
    assert seen[0].startswith(f"{plain.id}  {plain.title}")
    assert "Cautions\n" + NO_OWN_CAUTION in seen[0]


def test_the_notices_of_search_are_shown(catalogue: Catalogue) -> None:
    from neurobenefits.finding.search import notices

    seen: list[object] = []

    async def steps(pilot: Pilot[None], app: BrowseApp) -> None:
        await pilot.press(*"spasm sleep")
        seen.append(text_of(main(app).query_one("#notice", Static).content))
        seen.append(shown_numbers(app))

    drive(catalogue, steps)
    result = search(catalogue, "spasm sleep")
    assert result.best_effort
    assert " ".join(seen[0].splitlines()) == " ".join(notices(result))  # type: ignore[attr-defined]
    assert seen[1] == [hit.benefit.id for hit in result.hits]


def _lines_at(renderable: object, width: int) -> list[str]:
    from rich.console import Console

    console = Console(width=width, color_system=None, force_terminal=False)
    with console.capture() as captured:
        console.print(renderable)
    return [line.rstrip() for line in captured.get().splitlines()]


def test_at_80_columns_a_long_title_wraps_whole_in_the_list(catalogue: Catalogue) -> None:
    from neurobenefits.browse.content import result_line

    # The list's pane at 80 columns leaves 34 for an entry: the title wraps under itself,
    # never cut; the verdict still has a line of its own.
    benefit = max(catalogue.benefits, key=lambda b: len(b.title))
    lines = _lines_at(result_line(catalogue, benefit, marked=False), 34)
    assert all(len(line) <= 34 for line in lines)
    assert "…" not in " ".join(lines[:-1])
    assert " ".join(" ".join(lines[:-1]).split()) == f"{benefit.id} {benefit.title}"
    assert benefit.evidence is not None
    assert lines[-1].strip().startswith(verdict(catalogue, benefit.evidence.verdict).label)


def test_at_80_columns_a_doi_link_is_shown_whole_in_the_details(catalogue: Catalogue) -> None:
    from neurobenefits.browse.content import reference_text
    from neurobenefits.views.viewmodel import citation

    reference = max(catalogue.references, key=lambda r: len(r.doi_url or ""))
    assert reference.doi_url is not None
    assert len(reference.doi_url) > 34
    lines = _lines_at(reference_text(citation(reference)), 34)
    assert "…" not in "".join(lines)
    assert reference.doi_url in "".join(line.strip() for line in lines)


def test_the_cautions_notice_fits_the_list_pane_at_80_columns(catalogue: Catalogue) -> None:
    from neurobenefits.browse.finder import Finder

    notice = Finder(catalogue).find("skin").notice
    assert notice.startswith("2 cautions match too")
    assert "press !" in notice
    assert len(notice) <= 36  # the pane is 38 wide, less its padding


@pytest.mark.parametrize("width", [34, 30, 24, 60])
def test_a_category_in_the_list_is_whole_or_left_out(catalogue: Catalogue, width: int) -> None:
    from neurobenefits.browse.content import result_line

    # 34 is an entry's width in the list at 80 columns; 60 that of a wide terminal's.
    shown = 0
    for benefit in catalogue.benefits:
        lines = _lines_at(result_line(catalogue, benefit, marked=False), width)
        label = catalogue.category_label(benefit.category)
        last = lines[-1].strip()
        assert "…" not in last, last
        assert benefit.evidence is not None
        badge = verdict(catalogue, benefit.evidence.verdict).label
        assert last in (badge, f"{badge}  {label}"), (width, last)
        fits = 5 + len(badge) + 2 + len(label) <= width  # the number's column, then the badge
        assert (last != badge) == fits, (width, last)
        shown += last != badge
    assert shown or width < 30


def test_with_a_caution_highlighted_save_asks_for_a_benefit(catalogue: Catalogue) -> None:
    seen: list[object] = []

    async def steps(pilot: Pilot[None], app: BrowseApp) -> None:
        await pilot.press("ctrl+e")
        seen.append(type(app.screen))
        seen.append([n.message for n in app._notifications])

    drive(catalogue, steps, query="is it safe for skin")
    assert seen[0] is MainScreen
    assert seen[1] == ["No benefit to put in a handout: move down to one."]
