"""Finding benefits as a person types them: the fallbacks of `show`, what search corrects,
word forms, and the snippets that show where a search matched."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from neurobenefits import exitcodes
from neurobenefits.catalogue.load import load_catalogue
from neurobenefits.catalogue.model import Catalogue
from neurobenefits.finding.search import no_words_message, search
from neurobenefits.finding.text import fold, words

from .conftest import run

_HEAD = """\
schema_version: 1
title: A course catalogue
disclaimer: For teaching only.
categories:
  body: Body
benefits:
"""


def _benefit(
    number: int, title: str, description: str = "More words.", slug: str | None = None
) -> str:
    slug = slug or "-".join(words(fold(title)))
    return (
        f"  - id: {number}\n    slug: {slug}\n    title: {title}\n    category: body\n"
        f"    summary: One line.\n    description: {json.dumps(description)}\n"
    )


def _catalogue(tmp_path: Path, *benefits: str) -> Path:
    path = tmp_path / "course.yaml"
    path.write_text(_HEAD + "".join(benefits), encoding="utf-8")
    return path


# show: what a person may type instead of a number


@pytest.mark.parametrize(
    ("ref", "number"),
    [
        ("sleeping", 7),  # a word form of a title word
        ("promo", 14),  # a unique part of a title, as README promises
        ("lowe", 5),
        ("Improved Sleep Quality", 7),
    ],
)
def test_show_finds_a_word_form_or_a_unique_part_of_a_title(ref: str, number: int) -> None:
    result = run("show", ref, "--format", "json")
    assert result.exit_code == exitcodes.OK, result.stderr
    assert json.loads(result.stdout)["id"] == number


def test_show_a_missing_number_between_others_names_those_there(tmp_path: Path) -> None:
    path = _catalogue(tmp_path, _benefit(1, "First"), _benefit(3, "Third"))
    result = run("--catalogue", str(path), "--only", "show", "2")
    assert result.exit_code == exitcodes.NOT_FOUND
    assert result.stderr == "No benefit 2: numbers are 1, 3.\n"
    assert result.stdout == ""


def test_show_in_an_empty_stack_says_it_is_empty(catalogue: Catalogue) -> None:

    from neurobenefits.finding.lookup import NotFound, resolve

    found = resolve(catalogue._replace(benefits=()), "2")
    assert isinstance(found, NotFound)
    assert found.message == "No benefit 2: the catalogue is empty."


# search: corrections never turn a number or a tiny word into another


@pytest.mark.parametrize("query", ["1370", "10x", "xby", "anx"])
def test_numbers_and_short_words_are_never_corrections(query: str) -> None:
    # "1370" is one edit from "137" (a page number in the references), "xby" from "by".
    result = run("search", query, "--format", "plain")
    assert result.exit_code == exitcodes.NOT_FOUND
    said = result.stdout + result.stderr
    assert "Showing results for" not in said
    leftover = said.replace(query, "")
    assert not any(len(w) <= 2 or w.isdigit() for w in _suggested(leftover)), said


def test_a_typo_is_corrected_when_the_runner_up_is_clearly_further(tmp_path: Path) -> None:
    # "stiffnes" is 0.94 alike to "stiffness" and 0.875 to "stiffens", another word: a
    # clear winner. Two words nearly as close as each other would make it a guess.
    benefit = _benefit(1, "First").replace(
        "summary: One line.", "summary: One line.\n    keywords: [stiffness, stiffens]"
    )
    path = _catalogue(tmp_path, benefit)
    result = search(load_catalogue([path], only=True), "stiffnes")
    assert [(c.typed, c.used) for c in result.corrections] == [("stiffnes", "stiffness")]
    assert [hit.benefit.id for hit in result.hits] == [1]


def test_a_typo_of_a_word_only_a_caution_title_has_is_corrected(tmp_path: Path) -> None:
    caution = "cautions:\n  - id: zebra-care\n    title: Zebra stripes\n    who: Anyone.\n    text: Take care.\n"
    path = _catalogue(tmp_path, _benefit(1, "First"), caution)
    result = search(load_catalogue([path], only=True), "stripse")
    assert [(c.typed, c.used) for c in result.corrections] == [("stripse", "stripes")]
    assert [hit.caution.id for hit in result.cautions] == ["zebra-care"]


def test_the_longest_synonym_phrase_is_kept_together(tmp_path: Path) -> None:
    from neurobenefits.finding.query import parse_query
    from neurobenefits.finding.search import Index

    synonyms = "synonyms:\n  - [low back, lower back]\n  - [low back pain, lumbago]\n"
    path = _catalogue(tmp_path, _benefit(1, "First"))
    path.write_text(path.read_text(encoding="utf-8") + synonyms, encoding="utf-8")
    lexicon = Index(load_catalogue([path], only=True)).lexicon
    terms = parse_query("low back pain at night", lexicon).terms
    assert [t.text for t in terms] == ["low back pain", "night"]


def test_a_word_of_a_caution_id_is_suggested_for_a_typo(tmp_path: Path) -> None:
    caution = "cautions:\n  - id: varicose-veins\n    title: Leg trouble\n    who: Anyone.\n    text: Take care.\n"
    path = _catalogue(tmp_path, _benefit(1, "First"), caution)
    result = search(load_catalogue([path], only=True), "varicsoe")
    # Suggested, not used: no text that search reads holds it.
    assert result.suggestions == ("varicose",)
    assert result.hits == ()


def test_two_words_meet_another_form_of_their_closed_compound(tmp_path: Path) -> None:
    benefit = _benefit(1, "First").replace(
        "summary: One line.", "summary: One line.\n    keywords: [painkillers]"
    )
    path = _catalogue(tmp_path, benefit, _benefit(2, "Second"))
    result = search(load_catalogue([path], only=True), "pain killer")
    assert [hit.benefit.id for hit in result.hits] == [1]
    assert result.corrections == ()


def test_a_word_is_not_split_into_a_filler_and_a_word(tmp_path: Path) -> None:
    # "inside" is not "in side", although a title says "in side".
    path = _catalogue(tmp_path, _benefit(1, "Pain in side"), _benefit(2, "Second"))
    result = search(load_catalogue([path], only=True), "inside")
    assert result.hits == ()
    assert [t.text for t in result.terms] == ["inside"]


def test_a_typo_as_close_to_two_different_words_is_not_corrected(tmp_path: Path) -> None:
    # "strives" is 0.857 alike to both "stripes" and "strides": a guess, so only suggested.
    benefit = _benefit(1, "First").replace(
        "summary: One line.", "summary: One line.\n    keywords: [stripes, strides]"
    )
    result = search(load_catalogue([_catalogue(tmp_path, benefit)], only=True), "strives")
    assert result.corrections == ()
    assert set(result.suggestions) == {"stripes", "strides"}


def test_a_three_letter_typo_gets_suggestions(tmp_path: Path) -> None:
    path = _catalogue(tmp_path, _benefit(1, "Stiff neck"))
    result = search(load_catalogue([path], only=True), "nek")
    assert result.hits == ()
    assert result.suggestions == ("neck",)


def _suggested(message: str) -> list[str]:
    """The words after "Did you mean:" in a no-match message."""
    _, _, hint = message.partition("Did you mean:")
    return [w.strip(" ?.\n") for w in hint.split(",") if w.strip(" ?.\n")]


# search: word forms find each other, without being corrected


@pytest.mark.parametrize(
    ("written", "typed"),
    [
        ("The spasm stopped.", "stop"),
        ("The spasm stops.", "stopped"),
        ("Brings happiness.", "happy"),
        ("Makes people happy.", "happiness"),
    ],
)
def test_word_forms_find_each_other(tmp_path: Path, written: str, typed: str) -> None:
    path = _catalogue(tmp_path, _benefit(1, "First", written), _benefit(2, "Second"))
    result = run("--catalogue", str(path), "--only", "search", typed, "--format", "json")
    assert result.exit_code == exitcodes.OK, result.stderr
    assert [hit["id"] for hit in json.loads(result.stdout)] == [1]
    assert result.stderr == ""  # found as typed: no "Showing results for"


@pytest.mark.parametrize(
    ("written", "typed"),
    [
        # Snowball stems that are not the start of the words they come from.
        ("Eases pain when lying down.", "lie"),
        ("Comfort for the dying.", "die"),
        ("Tying the shoes gets easier.", "tie"),
        ("Clear skies help.", "sky"),
        # An apostrophe inside a word, typed as written.
        ("The O'Neill method.", "O'Neill"),
    ],
)
def test_a_word_is_found_however_its_stem_is_spelled(
    tmp_path: Path, written: str, typed: str
) -> None:
    path = _catalogue(tmp_path, _benefit(1, "First", written), _benefit(2, "Second"))
    result = run("--catalogue", str(path), "--only", "search", typed, "--format", "json")
    assert result.exit_code == exitcodes.OK, result.stderr
    assert [hit["id"] for hit in json.loads(result.stdout)] == [1]


def test_a_word_only_cautions_say_lists_the_cautions_first(tmp_path: Path) -> None:
    # Both benefits carry the five cautions' text (weight 0.4 each), which says "zebra"
    # five times: still, no benefit says it in its own words, so the query is the cautions'.
    cautions = [f"care{n}" for n in range(5)]
    listed = f"    cautions: [{', '.join(cautions)}]\n"
    path = _catalogue(
        tmp_path,
        _benefit(1, "First") + listed,
        _benefit(2, "Second") + listed,
        "cautions:\n"
        + "".join(
            f"  - id: {c}\n    title: Care {n}\n    who: Anyone.\n    text: Watch the zebra.\n"
            for n, c in enumerate(cautions)
        ),
    )
    result = search(load_catalogue([path], only=True), "zebra")
    assert [hit.benefit.id for hit in result.hits] == [1, 2]
    assert result.cautions_first
    assert [kind for kind, _ in result.listing()][:5] == ["caution"] * 5


def test_a_benefit_and_a_caution_that_hold_a_query_equally_list_the_benefit_first(
    tmp_path: Path,
) -> None:
    # The caution says "zebra" more strongly (its title), the benefit "yak" (keywords and
    # description), with the same weights swapped: the same score. A tie goes to the benefit.
    benefit = _benefit(1, "First", "A yak.").replace(
        "summary: One line.", "summary: A zebra.\n    keywords: [yak]"
    )
    caution = "cautions:\n  - id: care\n    title: Zebra\n    who: A yak.\n    text: Take care.\n"
    path = _catalogue(tmp_path, benefit, caution)
    result = search(load_catalogue([path], only=True), "zebra yak")
    assert result.hits[0].score == result.cautions[0].score
    assert not result.cautions_first
    assert result.listing() == [("benefit", "1"), ("caution", "care")]


def test_a_word_a_benefit_and_a_caution_say_equally_lists_the_benefit_first(
    tmp_path: Path,
) -> None:
    # The same weight on both sides (a benefit's summary, a caution's "who"): no lean.
    benefit = _benefit(1, "First").replace("summary: One line.", "summary: A zebra.")
    caution = "cautions:\n  - id: care\n    title: Care\n    who: A zebra.\n    text: Take care.\n"
    path = _catalogue(tmp_path, benefit, caution)
    result = search(load_catalogue([path], only=True), "zebra")
    assert not result.cautions_first
    assert result.listing() == [("benefit", "1"), ("caution", "care")]


def test_a_message_lists_eight_words_and_cuts_a_longer_list() -> None:
    eight = "what is it that you do for me"
    assert no_words_message(eight) == (
        f"The query {eight!r} has only common words (what, is, it, that, you, do, for, me); "
        "give a word such as sleep or spasm."
    )
    assert "(what, is, it, that, you, do, for, me, ...)" in no_words_message(eight + " please")


def test_a_message_quotes_a_query_of_sixty_characters_whole_and_cuts_a_longer_one() -> None:
    assert no_words_message("?" * 60) == (
        f"The query {'?' * 60!r} has no words to search for; give a word such as spasm."
    )
    assert no_words_message("?" * 61).startswith(f"The query {'?' * 57 + '...'!r} has no words")


# Snippets: a window of the field, the matched words marked inside it

_FILLER = " ".join(f"word{n:02d}" for n in range(40))  # 279 characters, no matches


def _snippet_of(tmp_path: Path, description: str, query: str) -> tuple[str, list[str]]:
    path = _catalogue(tmp_path, _benefit(1, "First", description))
    catalogue = load_catalogue([path], only=True)
    (hit,) = search(catalogue, query).hits
    assert hit.snippet is not None
    text = hit.snippet.text
    for start, end in hit.snippet.highlights:
        assert 0 <= start < end <= len(text), (start, end, text)
    marked = [text[a:b] for a, b in hit.snippet.highlights]
    # A description's snippet says whose words it quotes; the window follows the label.
    return text.removeprefix("The article says: "), marked


def test_a_window_that_reaches_the_end_keeps_the_last_word(tmp_path: Path) -> None:
    text, marked = _snippet_of(tmp_path, f"{_FILLER} zebra finale", "zebra")
    assert text.endswith(" zebra finale")
    assert text.startswith("...")
    assert marked == ["zebra"]


def test_a_window_in_the_middle_is_cut_at_words_on_both_sides(tmp_path: Path) -> None:
    text, marked = _snippet_of(tmp_path, f"{_FILLER} zebra {_FILLER}", "zebra")
    assert text.startswith("...word")
    assert text.endswith("...")
    body = text.removeprefix("...").removesuffix("...")
    assert body in f"{_FILLER} zebra {_FILLER}"
    assert all(w.startswith("word") for w in (body.split()[0], body.split()[-1]))
    assert marked == ["zebra"]


def test_marks_outside_the_window_are_dropped(tmp_path: Path) -> None:
    # The second "zebra" lies past the window: the snippet cannot mark it.
    text, marked = _snippet_of(tmp_path, f"zebra {_FILLER} {_FILLER} zebra", "zebra")
    assert text.startswith("zebra word00")
    assert text.endswith("...")
    assert marked == ["zebra"]


def test_a_short_field_is_shown_whole_with_every_mark(tmp_path: Path) -> None:
    text, marked = _snippet_of(tmp_path, "A zebra met a zebra.", "zebra")
    assert text == "A zebra met a zebra."
    assert marked == ["zebra", "zebra"]


def test_a_field_without_a_marked_word_is_cut_at_the_last_space_within_140_characters() -> None:
    from neurobenefits.finding.search import Match, make_snippet

    matched = [Match("zebra", "notes", "zebra", False)]  # e.g. through a synonym's form
    text = "words " + " ".join(["word"] * 40)  # spaces at 5, 10, ..., 135, 140
    snippet = make_snippet({"notes": text}, matched)
    assert snippet is not None
    assert snippet.text == text[:135] + "..."
    assert snippet.highlights == ()
    address = "x" * 200  # a web address, say: no space to cut at
    snippet = make_snippet({"notes": address}, matched)
    assert snippet is not None
    assert snippet.text == "x" * 140 + "..."


def test_a_benefit_without_notes_has_nothing_to_search_there(tmp_path: Path) -> None:
    from neurobenefits.finding.search import field_texts

    catalogue = load_catalogue([_catalogue(tmp_path, _benefit(1, "First"))], only=True)
    texts = field_texts(catalogue, catalogue.benefits[0])
    assert texts["notes"] == ""
    assert (texts["title"], texts["description"]) == ("First", "More words.")
    assert search(catalogue, "xx").hits == ()


def test_every_mark_of_every_search_lies_on_a_matched_word(catalogue: Catalogue) -> None:
    from neurobenefits.finding.search import Index

    index = Index(catalogue)
    texts = [f"{b.title} {b.summary} {b.description}" for b in catalogue.benefits]
    vocabulary = sorted({w for text in texts for w in words(fold(text)) if len(w) > 3})
    checked = 0
    for word in vocabulary[::5]:
        for hit in search(catalogue, word, index=index).hits:
            if hit.snippet is None:
                continue
            text = hit.snippet.text
            for start, end in hit.snippet.highlights:
                assert 0 <= start < end <= len(text), (word, text)
                assert text[start:end].strip(".") == text[start:end], (word, text)
                checked += 1
    assert checked > 100


def _show(path: Path, ref: str) -> tuple[int, str]:
    """`show REF` in a catalogue of its own: the exit code, and the title or the error."""
    result = run("--catalogue", str(path), "--only", "show", ref, "--format", "json")
    if result.exit_code:
        return result.exit_code, result.stderr.strip()
    return result.exit_code, str(json.loads(result.stdout)["title"])


def test_a_whole_title_wins_over_a_longer_title_that_holds_it(tmp_path: Path) -> None:
    path = _catalogue(
        tmp_path,
        _benefit(1, "Sleep", slug="rest"),
        _benefit(2, "Sleep Quality", slug="quality"),
    )
    assert _show(path, "Sleep") == (exitcodes.OK, "Sleep")
    assert _show(path, "quality") == (exitcodes.OK, "Sleep Quality")


def test_a_short_part_of_a_title_must_be_a_whole_word(tmp_path: Path) -> None:
    path = _catalogue(tmp_path, _benefit(1, "Go Slow", slug="gently"), _benefit(2, "Stop"))
    assert _show(path, "go") == (exitcodes.OK, "Go Slow")
    assert _show(path, "slo") == (exitcodes.OK, "Go Slow")  # three letters may be a part
    assert _show(path, "sl")[0] == exitcodes.NOT_FOUND  # two may not


def test_the_closest_title_is_suggested_not_the_first_close_one(tmp_path: Path) -> None:
    path = _catalogue(tmp_path, _benefit(1, "Kneel"), _benefit(2, "Knee"))
    assert _show(path, "kneex") == (exitcodes.NOT_FOUND, "No benefit 'kneex'. Did you mean 2 Knee?")


def test_of_equally_close_titles_the_first_is_suggested(tmp_path: Path) -> None:
    path = _catalogue(tmp_path, _benefit(1, "Knee"), _benefit(2, "Knew"))
    result = run("--catalogue", str(path), "--only", "show", "kneb")
    assert result.exit_code == exitcodes.NOT_FOUND
    assert result.stderr == "No benefit 'kneb'. Did you mean 1 Knee?\n"


def test_a_short_field_is_whole_even_when_the_match_comes_late(tmp_path: Path) -> None:
    sentence = "A sentence long enough to put the matched word past fifty characters: zebra."
    text, marked = _snippet_of(tmp_path, sentence, "zebra")
    assert text == sentence
    assert marked == ["zebra"]


def test_the_window_opens_a_third_of_its_width_before_the_match(tmp_path: Path) -> None:
    # "zebra" starts at character 280; the window starts at the first whole word about a
    # third of its width before it: word35 (each filler word takes 7 characters).
    text, _ = _snippet_of(tmp_path, f"{_FILLER} zebra {_FILLER}", "zebra")
    assert text.startswith("...word35 word36 ")


def test_a_match_that_ends_the_window_is_marked(tmp_path: Path) -> None:
    filler = [f"word{n:02d}" for n in range(40)]
    description = " ".join(["zebra", *filler[:18], "zebra", *filler[18:]])
    text, marked = _snippet_of(tmp_path, description, "zebra")
    assert text.endswith(" word17 zebra...")
    assert marked == ["zebra", "zebra"]


def test_a_long_field_without_a_visible_match_is_cut_at_a_word(catalogue: Catalogue) -> None:
    from neurobenefits.finding.search import Match, make_snippet

    snippet = make_snippet({"description": _FILLER}, [Match("x", "description", "absent", False)])
    assert snippet is not None
    # As many whole words as fit in 140 characters: word00 to word19 take 139.
    assert snippet.text == " ".join(f"word{n:02d}" for n in range(20)) + "..."
    assert snippet.highlights == ()


def test_suggestions_for_several_unknown_words_stop_at_five(catalogue: Catalogue) -> None:
    result = search(catalogue, "sorz bonz moox tonz paix skix")
    assert result.hits == ()
    assert result.unmatched == ("sorz", "bonz", "moox", "tonz", "paix", "skix")
    assert len(result.suggestions) == 5


# Word forms: the pairs every English stemmer worth the name joins (the hand-written one
# today, Snowball's if it replaces it), each seen through search.

_WORD_FORMS = [
    ("relaxations", "relax"),
    ("relaxation", "relax"),
    ("anxieties", "anxiety"),
    ("stiffness", "stiff"),
    ("softness", "soft"),
    ("sleeping", "sleep"),
    ("contractions", "contraction"),
    ("contraction", "contract"),
    ("tensions", "tension"),
    ("flexibility", "flexible"),
    ("reliability", "reliable"),
    ("readability", "readable"),
    ("comfortable", "comfort"),
    ("activities", "activity"),
    ("injuries", "injury"),
    ("properties", "property"),
    ("varieties", "variety"),
    ("adjustment", "adjust"),
    ("enjoyment", "enjoy"),
    ("vigorous", "vigor"),
    ("painful", "pain"),
    ("hopeful", "hope"),
    ("stimulate", "stimulation"),
    ("stretched", "stretch"),
    ("achieved", "achieve"),
    ("calmed", "calm"),
    ("quickly", "quick"),
    ("bruises", "bruise"),
    ("aches", "ache"),
    ("ages", "age"),
    ("boxes", "box"),
    ("wishes", "wish"),
    ("massages", "massage"),
    ("sessions", "session"),
    ("stresses", "stress"),
    ("viruses", "virus"),
    ("defeated", "defeat"),
    ("stimulating", "stimulation"),
    ("adds", "add"),
]


@pytest.mark.parametrize(("written", "typed"), _WORD_FORMS)
def test_a_word_form_finds_the_other(tmp_path: Path, written: str, typed: str) -> None:
    path = _catalogue(
        tmp_path, _benefit(1, "First", f"Zebra {written} here."), _benefit(2, "Second")
    )
    for text, query in ((written, typed), (typed, written)):
        path.write_text(
            path.read_text(encoding="utf-8").replace(f"Zebra {written}", f"Zebra {text}"),
            encoding="utf-8",
        )
        result = run("--catalogue", str(path), "--only", "search", query, "--format", "json")
        assert result.exit_code == exitcodes.OK, (text, query, result.stderr)
        assert [hit["id"] for hit in json.loads(result.stdout)] == [1]
        assert result.stderr == ""  # found as typed, not corrected into it
        path.write_text(
            path.read_text(encoding="utf-8").replace(f"Zebra {text}", f"Zebra {written}"),
            encoding="utf-8",
        )


def test_an_apostrophe_is_no_part_of_a_word(tmp_path: Path) -> None:
    path = _catalogue(tmp_path, _benefit(1, "First", "Warms the client's arm."))
    catalogue = load_catalogue([path], only=True)
    (hit,) = search(catalogue, "clients").hits
    assert hit.snippet is not None
    assert [hit.snippet.text[a:b] for a, b in hit.snippet.highlights] == ["client's"]


# Words that never decide a search: with a real word, the results are the real word's.

_FILLER_WORDS = [
    "a",
    "an",
    "and",
    "are",
    "as",
    "at",
    "be",
    "by",
    "can",
    "cant",
    "cannot",
    "could",
    "do",
    "does",
    "dont",
    "for",
    "from",
    "get",
    "help",
    "how",
    "i",
    "im",
    "in",
    "is",
    "it",
    "its",
    "me",
    "my",
    "no",
    "not",
    "of",
    "on",
    "or",
    "so",
    "that",
    "the",
    "their",
    "them",
    "this",
    "to",
    "too",
    "very",
    "what",
    "when",
    "which",
    "who",
    "why",
    "will",
    "with",
    "won't",
    "wont",
    "you",
    "your",
    "i'm",
    "can't",
    "don't",
]


@pytest.mark.parametrize(
    "word", ["massage", "massages", "massaging", "massaged", "therapy", "therapist", "neuro"]
)
def test_the_domains_own_words_change_nothing(catalogue: Catalogue, word: str) -> None:
    alone = [hit.benefit.id for hit in search(catalogue, "spasm").hits]
    assert [hit.benefit.id for hit in search(catalogue, f"{word} spasm").hits] == alone


def test_filler_words_change_nothing(catalogue: Catalogue) -> None:
    alone = [hit.benefit.id for hit in search(catalogue, "spasm").hits]
    assert alone
    for word in _FILLER_WORDS:
        with_filler = [hit.benefit.id for hit in search(catalogue, f"{word} spasm").hits]
        assert with_filler == alone, word


@pytest.mark.parametrize(
    ("typed", "plain"),
    [
        ("\u2018\u2019\u201a\u201b\u2032", "'''''"),
        ("\u201c\u201d\u201e\u201f\u2033", '"""""'),
        ("\u2010\u2011\u2012\u2013\u2014\u2212", "------"),
        ("a\u00a0b", "a b"),
        ("wait\u2026", "wait..."),
        ("Stra\u00dfe", "strasse"),
        ("Caf\u00e9 na\u00efve", "cafe naive"),
    ],
)
def test_typography_people_paste_folds_to_plain_text(typed: str, plain: str) -> None:
    assert fold(typed) == plain
    from neurobenefits.finding.text import fold_with_offsets

    folded, offsets = fold_with_offsets(typed)
    assert folded == plain
    assert len(offsets) == len(folded)
    assert all(0 <= offset < len(typed) for offset in offsets)


# What the search tells a script's user on stderr, and a long query's message


def test_a_best_effort_search_names_the_word_it_could_not_match() -> None:
    result = run("search", "sleep", "moox", "--format", "json")
    assert result.exit_code == exitcodes.OK
    assert json.loads(result.stdout)
    assert result.stderr.splitlines() == [
        "No benefit has all of: sleep moox. Showing those with the most of them.",
        'No match for "moox"; did you mean: mood?',
    ]


def test_a_verdict_word_is_found_in_the_evidence() -> None:
    result = run("search", "mixed", "--format", "json")
    assert result.exit_code == exitcodes.OK
    hits = json.loads(result.stdout)
    assert [hit["id"] for hit in hits] == [3]
    assert {m["field"] for m in hits[0]["matched"]} == {"evidence"}


def test_a_long_query_is_shortened_to_sixty_characters_in_a_message() -> None:
    query = ["the"] * 30
    result = run("search", *query)
    assert result.exit_code == exitcodes.USAGE
    shown = " ".join(query)[:57] + "..."
    assert result.stderr == (
        f"The query {shown!r} has only common words (the); give a word such as sleep or spasm.\n"
    )


def test_a_long_reference_is_echoed_shortened_with_its_length(catalogue: Catalogue) -> None:
    from neurobenefits.finding.lookup import NotFound, resolve

    exactly = "x" * 60
    shown = resolve(catalogue, exactly)
    assert isinstance(shown, NotFound)
    assert shown.message.startswith(f"No benefit '{exactly}': numbers run from 1 to 14")
    longer = resolve(catalogue, "x" * 100)
    assert isinstance(longer, NotFound)
    assert longer.message == (
        f"No benefit '{'x' * 57}... (100 characters)': numbers run from 1 to 14; "
        f"try `neurobenefits search {'x' * 57}... (100 characters)`."
    )


def test_word_forms_name_a_benefit_only_when_every_word_is_in_its_title(
    catalogue: Catalogue,
) -> None:
    from neurobenefits.finding.lookup import Found, NotFound, resolve

    assert isinstance(resolve(catalogue, "spasm"), Found)  # a word form of "Spasms"
    both = resolve(catalogue, "spasms sleeping")  # each word is in a different title
    assert isinstance(both, NotFound)
    assert both.message.startswith("No benefit 'spasms sleeping'")
