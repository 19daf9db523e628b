"""Honest framing in every human view: a verdict always with its meaning, cautions on every sheet.

The meanings and cautions come from the bundled catalogue, so these tests follow its wording.
"""

from __future__ import annotations

import html
import re

import pytest

from neurobenefits import exitcodes
from neurobenefits.catalogue.model import Catalogue
from neurobenefits.views.wording import LEGEND_HEADING, NO_OWN_CAUTION

from .conftest import REPO, get_benefit, run
from .test_export import FIXED_DAY

_VERDICT_SHOWN = re.compile(r"\[[+~?-]\] (?:not supported|supported|limited|mixed)")


def _flat(text: str) -> str:
    """The words a reader sees, whatever the format: tags gone, entities decoded, one line."""
    if text.lstrip().startswith("<svg"):
        lines = re.findall(r"<text class=\"[^\"]*-r\d+\"[^>]*>(.*?)</text>", text)
        text = " ".join(lines)
    if "<" in text:
        text = re.sub(r"<[^>]+>", "", re.sub(r"<br>|</?(p|li|h\d|ul|section)\b[^>]*>", " ", text))
    text = html.unescape(text).replace("\u00a0", " ")
    # Markdown's emphasis and escapes are not words.
    text = re.sub(r"\\(.)", r"\1", text.replace("**", "").replace("*", ""))
    return " ".join(text.split())


def _shown(text: str) -> set[str]:
    return set(_VERDICT_SHOWN.findall(text))


def _meanings(catalogue: Catalogue) -> dict[str, str]:
    markers = {"supported": "[+]", "limited": "[~]", "mixed": "[?]", "not supported": "[-]"}
    return {f"{markers[name]} {name}": meaning for name, meaning in catalogue.verdicts}


VIEWS = {
    "list": ("list",),
    "list-recovery": ("list", "--category", "recovery"),
    "search-bed-sores": ("search", "bed", "sores"),
    "search-spasm": ("search", "spasm"),
}
HUMAN_FORMATS = ("table", "plain", "markdown", "svg")


@pytest.mark.parametrize("width", ["40", "80"])
@pytest.mark.parametrize("fmt", HUMAN_FORMATS)
@pytest.mark.parametrize("view", VIEWS)
def test_lists_and_search_results_explain_each_verdict_they_show(
    catalogue: Catalogue, view: str, fmt: str, width: str
) -> None:
    result = run(*VIEWS[view], "--format", fmt, env={"COLUMNS": width})
    assert result.exit_code == 0, result.stderr
    text = _flat(result.stdout)
    shown = _shown(text)
    assert shown, "every benefit here has a verdict, and the view shows it"
    assert LEGEND_HEADING in text
    meanings = _meanings(catalogue)
    for label in shown:
        assert f"{label}: {meanings[label]}" in text or f"{label} {meanings[label]}" in text
    # Only the verdicts shown are explained: the legend does not pad itself out.
    explained = {label for label, meaning in meanings.items() if meaning in text}
    assert explained == shown


def test_search_results_carry_their_verdicts(catalogue: Catalogue) -> None:
    for fmt in ("plain", "table", "markdown"):
        out = run("search", "bed", "sores", "--format", fmt).stdout
        first = next(line for line in out.splitlines() if "Enhanced Skin Integrity" in line)
        assert "[-] not supported" in first, fmt


@pytest.mark.parametrize("fmt", HUMAN_FORMATS)
@pytest.mark.parametrize("number", [5, 8, 10, 13])
def test_show_puts_the_meaning_beside_the_verdict(
    catalogue: Catalogue, number: int, fmt: str
) -> None:
    result = run("show", str(number), "--format", fmt)
    assert result.exit_code == 0, result.stderr
    text = _flat(result.stdout)
    evidence = get_benefit(catalogue, number).evidence
    assert evidence
    (label,) = _shown(text)
    assert label.endswith(evidence.verdict)
    assert f"{label} ({_meanings(catalogue)[label]})" in text


@pytest.mark.parametrize("fmt", ["table", "plain", "markdown"])
def test_show_without_a_caution_of_its_own_points_to_the_cautions(
    catalogue: Catalogue, fmt: str
) -> None:
    assert not get_benefit(catalogue, 5).cautions
    own = run("show", "5", "--format", fmt).stdout
    assert NO_OWN_CAUTION in _flat(own)
    assert get_benefit(catalogue, 10).cautions
    with_cautions = _flat(run("show", "10", "--format", fmt).stdout)
    assert NO_OWN_CAUTION not in with_cautions
    assert "Skin at risk of pressure ulcers" in with_cautions


# Handouts


def _handout(fmt: str, *args: str) -> str:
    result = run("export", *args, "--format", fmt, env=FIXED_DAY)
    assert result.exit_code == 0, result.stderr
    return result.stdout


@pytest.mark.parametrize("evidence", [(), ("--no-evidence",)])
@pytest.mark.parametrize("fmt", ["markdown", "html"])
@pytest.mark.parametrize("refs", [("5",), ("1", "10"), ()])
def test_every_handout_carries_every_caution_before_the_benefits_end(
    catalogue: Catalogue, refs: tuple[str, ...], fmt: str, evidence: tuple[str, ...]
) -> None:
    text = _flat(_handout(fmt, *refs, *evidence))
    chosen = [int(ref) for ref in refs] or [benefit.id for benefit in catalogue.benefits]
    last = get_benefit(catalogue, chosen[-1])
    last_heading = text.index(f"{last.id}. {last.title}")
    assert len(catalogue.cautions) == 6
    for caution in catalogue.cautions:
        for part in (caution.title, caution.who, caution.text):
            assert " ".join(part.split()) in text, (caution.id, part)
        assert text.index(caution.title) < last_heading
    assert "Safety: read before a session" in text


@pytest.mark.parametrize("fmt", ["markdown", "html"])
def test_handout_verdicts_have_their_meaning_and_no_evidence_removes_both(
    catalogue: Catalogue, fmt: str
) -> None:
    text = _flat(_handout(fmt, "3", "5", "13"))
    meanings = _meanings(catalogue)
    assert _shown(text) == {"[?] mixed", "[-] not supported", "[+] supported"}
    for label in _shown(text):
        assert f"What the research says: {label} ({meanings[label]})." in text
    bare = _flat(_handout(fmt, "3", "5", "13", "--no-evidence"))
    assert not _shown(bare)
    assert not any(meaning in bare for meaning in meanings.values())
    assert "References" not in bare


@pytest.mark.parametrize("fmt", ["markdown", "html"])
def test_handout_says_how_much_it_covers_and_ends_with_the_conclusion(
    catalogue: Catalogue, fmt: str
) -> None:
    part = _flat(_handout(fmt, "1", "8"))
    assert "This sheet covers 2 of the 14 benefits" in part
    assert "fourteen" not in part.lower()
    whole = _flat(_handout(fmt))
    assert "This sheet covers all 14 benefits." in whole
    closing = " ".join(catalogue.closing.split())
    for text in (part, whole):
        assert text.index(closing) > text.index("8. Reduction of Muscle Spasms and Tone")
        assert text.index(closing) < text.index("References")


def test_no_evidence_never_drops_the_cautions_by_itself() -> None:
    # `--no-evidence` is the only way to slim a handout, and it keeps the safety section.
    result = run("export", "1", "--no-evidence", "--format", "markdown", env=FIXED_DAY)
    assert result.exit_code == exitcodes.OK
    assert "## Safety: read before a session" in result.stdout


# Help and README carry the scale, with what a verdict rates.


def test_list_help_and_readme_carry_the_scale(catalogue: Catalogue) -> None:
    help_text = _flat(run("list", "--help").stdout)
    readme = _flat((REPO / "README.md").read_text(encoding="utf-8"))
    for text in (help_text, readme):
        assert "rates the claim as the article makes it" in text
        for name, meaning in catalogue.verdicts:
            assert name in text
            assert meaning in text
    assert "cautions beside each claim" not in _flat(run("--help").stdout)
    assert "cautions beside every claim" not in readme


@pytest.mark.parametrize(
    "query", ["cortisol", "atrophy", "stress", "spasms", "endurance", "sleep", "stroke", "walking"]
)
def test_search_snippets_keep_the_article_s_voice(catalogue: Catalogue, query: str) -> None:
    """A snippet cut from a description says whose claim it is; evidence quotes no bare titles."""
    from neurobenefits.finding.search import search

    for hit in search(catalogue, query).hits:
        snippet = hit.snippet
        assert snippet is not None
        if snippet.field == "description" and not hit.benefit.description.startswith(
            snippet.text.rstrip(".")
        ):
            assert snippet.text.startswith("The article says: ..."), snippet.text
        if snippet.field == "evidence":
            titles = [r.title for r in catalogue.references if r.title]
            assert not any(t[:30] in snippet.text for t in titles), snippet.text
            assert not snippet.text.startswith(("limited", "mixed", "supported", "not supported"))


# Nothing found is no all-clear (a condition the reference does not cover may rule massage out)


@pytest.mark.parametrize("quick", [True, False])
def test_a_condition_not_covered_is_not_read_as_safe(quick: bool) -> None:
    result = run("search", "pregnant", quick=quick)
    assert result.exit_code == exitcodes.NOT_FOUND
    assert result.stderr.startswith('No benefit or caution matches "pregnant".')
    assert "Not covered here does not mean safe" in result.stderr
    assert "'neurobenefits cautions'" in result.stderr
    assert result.stderr.count("\n") == 1


def test_a_safety_question_about_something_uncovered_says_no_caution_mentions_it() -> None:
    result = run("search", "is", "it", "safe", "when", "pregnant", "--format", "plain")
    assert result.exit_code == exitcodes.OK
    first_line = result.stdout.splitlines()[0]
    assert first_line.startswith('No caution here mentions "pregnant"; that does not make it safe')
    # Every caution is listed, in no claimed order of closeness: none matched a word.
    assert "Cautions: every one, as the question is about safety\n" in result.stdout
    assert "closest first" not in result.stdout


def test_a_safety_question_that_matches_a_caution_puts_the_closest_first() -> None:
    result = run("search", "is", "it", "safe", "with", "blood", "thinners", "--format", "plain")
    assert result.exit_code == exitcodes.OK
    assert "Cautions: every one, as the question is about safety; the closest first" in (
        result.stdout
    )
    assert "No caution here mentions" not in result.stdout + result.stderr
    cautions = result.stdout.split("closest first", 1)[1]
    assert cautions.index("Bleeding risk") < cautions.index("Autonomic dysreflexia")
