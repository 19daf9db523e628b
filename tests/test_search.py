"""The search module, rule by rule, then real queries, then properties that hold for any query."""

from __future__ import annotations

import json
import string
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from neurobenefits import exitcodes
from neurobenefits.catalogue.model import Catalogue
from neurobenefits.finding.query import parse_query
from neurobenefits.finding.search import Index, field_texts, notices, search
from neurobenefits.finding.text import DOMAIN_WORDS, fold, stem, stems

from .conftest import run

QUERIES = Path(__file__).with_name("search_queries.tsv")


def _first(catalogue: Catalogue, query: str) -> int | None:
    result = search(catalogue, query)
    return result.hits[0].benefit.id if result.hits else None


def _ids(catalogue: Catalogue, query: str) -> list[int]:
    return [hit.benefit.id for hit in search(catalogue, query).hits]


# Normalisation


def test_fold_case_accents_and_typographic_quotes() -> None:
    assert fold("Café") == fold("cafe") == "cafe"
    assert fold("can’t") == fold("can't") == "can't"
    assert fold("WELL‐BEING — “quoted”") == 'well-being - "quoted"'


@pytest.mark.parametrize(
    "forms",
    [
        ("spasm", "spasms"),
        ("relax", "relaxing", "relaxation", "relaxed"),
        ("sleep", "sleeping", "sleeps"),
        ("circulation", "circulate", "circulating"),
        ("stiff", "stiffness"),
        ("flexible", "flexibility"),
        ("depression", "depressed"),
        ("contraction", "contractions"),
    ],
)
def test_word_forms_share_a_stem(forms: tuple[str, ...]) -> None:
    assert len({stem(fold(word)) for word in forms}) == 1, [stem(w) for w in forms]


@pytest.mark.parametrize("word", ["covid19s", "t6s", "c7", "μυες", "mærkes"])
def test_a_word_with_digits_or_of_another_script_is_not_stemmed(word: str) -> None:
    # The English rules would damage it (covid19s -> covid19): a spinal level, a name...
    assert stem(word) == word


def test_irregular_forms_are_synonym_data(catalogue: Catalogue) -> None:
    # The stemmer cannot know these; the catalogue's synonyms do.
    assert stem("anxious") != stem("anxiety")
    assert stem("swollen") != stem("swelling")
    assert _first(catalogue, "anxious") == 4
    assert search(catalogue, "swollen").cautions[0].caution.id == "blood-clots"
    assert search(catalogue, "swelling").cautions[0].caution.id == "blood-clots"


def test_punctuation_is_ignored(catalogue: Catalogue) -> None:
    assert _ids(catalogue, "spasm!!!") == _ids(catalogue, "spasm")
    assert _ids(catalogue, "(spasm)") == _ids(catalogue, "spasm")
    assert stems("Pain-relief, please.") == ["pain", "relief", "pleas"]


# Several words, phrases


def test_entries_with_every_word_come_alone(catalogue: Catalogue) -> None:
    result = search(catalogue, "muscle spasm")
    assert not result.best_effort
    assert set(_ids(catalogue, "muscle spasm")) <= set(_ids(catalogue, "muscle")) & set(
        _ids(catalogue, "spasm")
    )


def test_best_effort_when_no_entry_has_every_word(catalogue: Catalogue) -> None:
    result = search(catalogue, "cortisol skin")
    assert result.best_effort
    assert {hit.benefit.id for hit in result.hits[:2]} == {5, 10}  # by title
    assert notices(result) == [
        "No benefit or caution has all of: cortisol skin. Showing those with the most of them."
    ]
    # Most words held first: 7 holds sleep and trouble is nowhere; 8 holds spasm only.
    ranked = search(catalogue, "sleep spasm muscle")
    assert ranked.best_effort
    assert ranked.hits[0].benefit.id == 8  # holds spasm and muscle, two of the three


def test_a_word_found_nowhere_does_not_end_the_search(catalogue: Catalogue) -> None:
    result = search(catalogue, "trouble sleeping")
    assert [hit.benefit.id for hit in result.hits] == [7]
    assert result.unmatched == ("trouble",)
    assert notices(result) == [
        "No benefit has all of: trouble sleeping. Showing those with the most of them."
    ]


def test_quoted_phrases_stay_strict(catalogue: Catalogue) -> None:
    assert search(catalogue, '"trouble sleeping"').hits == ()
    assert search(catalogue, '"muscle tone" "trouble sleeping"').best_effort


@pytest.mark.parametrize(
    "query",
    [
        "can massage help with insomnia",
        "does it help my insomnia",
        "how can massage help insomnia",
        "insomnia",
    ],
)
def test_question_words_never_decide_a_search(catalogue: Catalogue, query: str) -> None:
    result = search(catalogue, query)
    assert [t.text for t in result.terms] == ["insomnia"]
    assert not result.best_effort
    assert result.hits[0].benefit.id == 7


def test_quoted_phrase_matches_as_a_phrase(catalogue: Catalogue) -> None:
    phrase = set(_ids(catalogue, '"muscle tone"'))
    loose = set(_ids(catalogue, "muscle tone"))
    assert 8 in phrase
    assert phrase <= loose
    assert _ids(catalogue, '"tone muscle"') == []
    terms = parse_query('"muscle tone" sleep').terms
    assert [(t.text, t.is_phrase) for t in terms] == [("muscle tone", True), ("sleep", False)]


def test_common_words_are_dropped_and_massage_kept_only_alone() -> None:
    assert [t.text for t in parse_query("I can't sleep at night").terms] == ["sleep", "night"]
    assert parse_query("what is it").terms == ()  # nothing to search for
    assert [t.text for t in parse_query("massage").terms] == ["massage"]


@pytest.mark.parametrize(
    ("query", "safety"),
    [
        ("sleep side effects", ("side effects",)),
        ("a side effect", ("side effect",)),
        ("when not", ("when not",)),
        ("you should not", ("should not",)),
        ("best not to massage", ("not to massage", "not massage")),
        ("do not massage", ("do not massage", "not massage")),
        ("don't massage", ("dont massage", "not massage")),
        ("never massage", ("never massage", "not massage")),
        ("you cannot massage her", ("not massage",)),
        ("can't massage", ("not massage",)),
        ("shouldn't massage", ("shouldnt", "not massage")),
    ],
)
def test_each_phrase_of_safety_makes_a_question_about_safety(
    query: str, safety: tuple[str, ...]
) -> None:
    assert parse_query(query).safety == safety


def test_a_word_is_not_filler_for_sharing_the_stem_of_a_short_filler_word() -> None:
    # "cans" stems to "can": only the stems of longer filler words ("therapies") are filler.
    assert [t.text for t in parse_query("warm tin cans").terms] == ["warm", "tin", "cans"]


@pytest.mark.parametrize("word", sorted(DOMAIN_WORDS))
def test_each_word_of_the_domain_is_dropped_unless_alone(word: str) -> None:
    assert [t.text for t in parse_query(f"{word} for sleep").terms] == ["sleep"]
    assert [t.text for t in parse_query(word).terms] == [word]


def test_what_was_searched_is_the_terms_then_the_safety_words(catalogue: Catalogue) -> None:
    result = search(catalogue, "is it safe for sleep and stress")
    assert result.searched == "sleep stress safe"
    assert search(catalogue, "safe").searched == "safe"


# Synonyms


def test_synonyms_come_from_the_catalogue_and_are_reported(catalogue: Catalogue) -> None:
    hit = search(catalogue, "insomnia").hits[0]
    assert hit.benefit.id == 7
    assert any(m.synonym and m.word == "sleep" for m in hit.matches)
    assert any(not m.synonym and m.word == "insomnia" for m in hit.matches)


def test_multiword_synonyms_stay_together(catalogue: Catalogue) -> None:
    terms = parse_query("bed sores", Index(catalogue).lexicon).terms
    assert [(t.text, t.is_phrase) for t in terms] == [("bed sores", True)]
    assert _first(catalogue, "bed sores") == 10


def test_a_catalogue_without_synonyms_matches_only_words(catalogue: Catalogue) -> None:
    bare = catalogue._replace(synonyms=())
    assert _first(bare, "insomnia") == 7  # a keyword of 7
    assert search(bare, "hypertonia").hits[0].benefit.id == 8
    assert not any(m.synonym for hit in search(bare, "spasm").hits for m in hit.matches)


# Typos


def test_a_typo_is_corrected_and_reported(catalogue: Catalogue) -> None:
    result = search(catalogue, "spasim")
    assert [(c.typed, c.used) for c in result.corrections] == [("spasim", "spasm")]
    assert result.hits[0].benefit.id == 8


def test_no_close_word_gives_suggestions_or_nothing(catalogue: Catalogue) -> None:
    result = search(catalogue, "massagge therapie xqzj")
    assert result.hits == ()
    assert "xqzj" in result.unmatched
    far = search(catalogue, "zzzzzzzz")
    assert far.unmatched == ("zzzzzzzz",)
    assert far.suggestions == ()


@pytest.mark.parametrize("typo", ["blood presure", "bloood pressure"])
def test_a_corrected_word_counts_as_if_typed_right(catalogue: Catalogue, typo: str) -> None:
    # Side by side with its neighbour too: "blood pressure" is a caution's phrase.
    right, corrected = search(catalogue, "blood pressure"), search(catalogue, typo)
    assert corrected.corrections
    assert corrected.listing() == right.listing()
    assert [h.score for h in corrected.hits] == [h.score for h in right.hits]
    assert corrected.cautions_first


def test_correction_message_in_the_cli() -> None:
    result = run("search", "spasim")
    assert result.exit_code == 0
    assert result.stdout.startswith('Showing results for "spasm" (no match for "spasim").\n')


def test_no_match_suggests_the_nearest_words() -> None:
    result = run("search", "fone")
    assert result.exit_code == 1
    assert result.stderr == (
        'No benefit or caution matches "fone". Did you mean: tone, bone?'
        " Not covered here does not mean safe: see every caution with"
        " 'neurobenefits cautions' and ask the client's clinician.\n"
    )


# Ranking


def test_title_and_keyword_hits_rank_above_description_hits(catalogue: Catalogue) -> None:
    ids = _ids(catalogue, "spasm")
    assert ids[0] == 8
    assert _ids(catalogue, "circulation")[0] == 3  # title, although 10 names it in its text


def test_ties_go_to_the_lower_number_and_order_is_stable(catalogue: Catalogue) -> None:
    result = search(catalogue, "massage")
    pairs = [(round(h.score, 9), h.benefit.id) for h in result.hits]
    assert pairs == sorted(pairs, key=lambda p: (-p[0], p[1]))
    assert [h.benefit.id for h in search(catalogue, "massage").hits] == [
        h.benefit.id for h in result.hits
    ]


def test_limit(catalogue: Catalogue) -> None:
    result = search(catalogue, "muscle", limit=2)
    assert len(result.hits) == 2
    assert result.total > 2
    assert result.limited
    every = search(catalogue, "muscle")
    assert search(catalogue, "muscle", limit=every.total).limited is False
    assert every.limited is False


# Snippets


def test_snippet_marks_the_matched_words(catalogue: Catalogue) -> None:
    hit = search(catalogue, "spasm").hits[0]
    assert hit.snippet is not None
    marked = [hit.snippet.text[a:b].lower() for a, b in hit.snippet.highlights]
    assert "spasms" in marked
    assert len(hit.snippet.text) <= 150


def test_rich_output_highlights_and_plain_does_not() -> None:
    coloured = run("search", "spasm", "--format", "table", "--color", "always").stdout
    assert "\x1b[1;7mspasms" in coloured or "\x1b[7;1mspasms" in coloured
    assert "\x1b" not in run("search", "spasm", "--format", "plain").stdout


# Beyond the article's text


def test_search_covers_evidence_and_cautions(catalogue: Catalogue) -> None:
    assert _first(catalogue, "dysreflexia") == 8
    assert _first(catalogue, "cochrane") == 10
    assert set(_ids(catalogue, "moyer")) == {4, 5, 14}
    fields = {m.field for m in search(catalogue, "cochrane").hits[0].matches}
    assert fields == {"evidence"}


# Real queries


def _query_table() -> list[tuple[str, str, str]]:
    rows = []
    for line in QUERIES.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            query, expected, who = line.split("\t")
            rows.append((query, expected, who))
    return rows


def test_the_query_table_is_large_enough() -> None:
    assert len(_query_table()) >= 40


@pytest.mark.parametrize(("query", "expected", "who"), _query_table())
def test_real_queries_put_the_right_benefit_first(
    catalogue: Catalogue, query: str, expected: str, who: str
) -> None:
    assert _first(catalogue, query) == (None if expected == "NONE" else int(expected)), who


# Properties


@settings(
    max_examples=300, suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None
)
@given(st.text(max_size=40))
@example("NOT:MASSAG")  # "when not to massage": a question about safety, with no other term
def test_any_unicode_query_returns_without_error(catalogue: Catalogue, query: str) -> None:
    result = search(catalogue, query)
    # Something is found only for a term, or for words that ask about safety in general.
    assert result.hits == () or result.terms or result.safety


_WORDS = st.sampled_from(
    [
        "spasm",
        "sleep",
        "pain",
        "skin",
        "muscle",
        "mood",
        "stress",
        "circulaton",
        "rehab",
        "tone",
        "xyz",
        "the",
        "doms",
        "nerve",
    ]
)


@settings(
    max_examples=200, suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None
)
@given(st.lists(_WORDS, min_size=1, max_size=3), st.sampled_from(["", "!", "?", "."]))
def test_every_result_contains_every_term_or_a_reported_stand_in(
    catalogue: Catalogue, words: list[str], punctuation: str
) -> None:
    query = " ".join(words) + punctuation
    result = search(catalogue, query)
    corrected = {c.used for c in result.corrections}
    held = [len({m.term for m in hit.matches}) for hit in result.hits]
    # Every term held by each hit, or (best effort, said so) the most terms held first.
    assert held == sorted(held, reverse=True)
    assert result.best_effort or all(count == len(result.terms) for count in held)
    for hit in result.hits:
        for term in result.terms:
            matches = [m for m in hit.matches if m.term == term.text]
            assert matches or result.best_effort, (query, hit.benefit.id, term.text)
            texts = field_texts(catalogue, hit.benefit)
            for match in matches:
                assert not match.synonym or match.word != term.text
                # The word really stands in that field (as a word form of it).
                wanted = " ".join(stems(match.word))
                assert wanted in " ".join(stems(texts[match.field])), (match, hit.benefit.id)
        # The corrected words are what the output reports in "Showing results for".
        assert corrected <= {t.text for t in result.terms}
    assert [h.benefit.id for h in search(catalogue, query).hits] == [
        h.benefit.id for h in result.hits
    ]


@settings(
    max_examples=100, suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None
)
@given(st.text(alphabet=string.ascii_letters + " '\"-", max_size=30))
def test_show_never_fails_for_any_text(catalogue: Catalogue, ref: str) -> None:
    from neurobenefits.finding.lookup import Ambiguous, Found, NotFound, resolve

    resolution = resolve(catalogue, ref)
    assert isinstance(resolution, Found | Ambiguous | NotFound)
    if isinstance(resolution, NotFound):
        assert resolution.message.startswith("No benefit")


@settings(max_examples=500, deadline=None)
@given(st.text(max_size=30))
def test_fold_of_a_text_is_the_fold_of_its_characters(text: str) -> None:
    # Snippets fold character by character to keep offsets; search folds whole texts.
    from neurobenefits.finding.text import fold_char, fold_with_offsets

    assert fold(text) == "".join(fold_char(char) for char in text)
    folded, offsets = fold_with_offsets(text)
    assert folded == fold(text)
    assert len(offsets) == len(folded)


# Issue 13: compounds, corrections that keep the meaning, cautions, scripts


@pytest.mark.parametrize("query", ["bedsores", "bedsore", "bed sores", "bed-sores", "bed sore"])
def test_closed_open_and_hyphenated_compounds_meet(catalogue: Catalogue, query: str) -> None:
    result = search(catalogue, query)
    assert result.hits[0].benefit.id == 10
    assert result.corrections == ()
    assert not result.best_effort


@pytest.mark.parametrize("query", ["wellbeing", "well-being", "well being"])
def test_wellbeing_in_every_spelling(catalogue: Catalogue, query: str) -> None:
    assert _ids(catalogue, query)[0] == 14


def test_a_compound_split_is_not_a_correction(catalogue: Catalogue) -> None:
    result = search(catalogue, "bloodflow")
    assert result.hits[0].benefit.id == 3
    assert result.corrections == ()
    assert result.terms[0].forms == (("blood flow", ("blood", "flow")),)
    # The open form is the word as typed, not a synonym: full weight, no "via synonym".
    open_form = [m for m in result.hits[0].matches if m.word == "blood flow"]
    assert open_form
    assert not any(m.synonym for m in open_form)


@pytest.mark.parametrize(
    ("query", "caution"),
    [
        ("swelling", "blood-clots"),
        ("swollen", "blood-clots"),
        ("numbness", "reduced-sensation"),
        ("numb", "reduced-sensation"),
        ("warfarin", "bleeding-risk"),
        ("osteoporosis", "fragile-bones"),
        ("t6", "autonomic-dysreflexia"),
    ],
)
def test_known_words_are_never_corrected_away(
    catalogue: Catalogue, query: str, caution: str
) -> None:
    result = search(catalogue, query)
    assert result.corrections == ()
    assert result.cautions_first
    assert result.cautions[0].caution.id == caution


@pytest.mark.parametrize(
    ("typed", "meant"), [("citation", "facilitation"), ("educational", "reduction")]
)
def test_a_correction_keeps_the_first_letter_and_about_the_length(
    catalogue: Catalogue, typed: str, meant: str
) -> None:
    assert all(c.used != meant for c in search(catalogue, typed).corrections)
    assert search(catalogue, typed).corrections == ()


def test_short_words_and_numbers_are_never_corrected(catalogue: Catalogue) -> None:
    assert search(catalogue, "MS").corrections == ()  # not "doms"
    assert search(catalogue, "1994").corrections == ()
    assert search(catalogue, "xy").corrections == ()


def test_an_ambiguous_typo_is_not_guessed(catalogue: Catalogue) -> None:
    result = search(catalogue, "fone")  # tone? bone?
    assert result.corrections == ()
    assert not result.found
    assert result.suggestions == ("tone", "bone")


def test_corrections_and_suggestions_come_from_search_words_only(catalogue: Catalogue) -> None:
    index = Index(catalogue)
    vocabulary = index.lexicon.vocabulary
    # Function words, authors and prose of the references are not words people search for.
    for word in ("does", "scores", "moore", "restores", "the", "with"):
        assert word not in vocabulary
    assert {"spasm", "insomnia", "dysreflexia", "osteoporosis", "warfarin"} <= set(vocabulary)
    assert all(len(word) > 2 and not word.isdigit() for word in vocabulary)
    suggestions = search(catalogue, "tighht").suggestions
    assert suggestions
    assert set(suggestions) <= set(vocabulary)


@pytest.mark.parametrize(
    "query",
    [
        "is it safe",
        "side effects",
        "risks",
        "contraindications",
        "when not to massage",
        "dangers",
        "when should you not massage someone",
    ],
)
def test_safety_questions_list_every_caution_first(catalogue: Catalogue, query: str) -> None:
    result = search(catalogue, query)
    assert result.safety
    assert result.cautions_first
    assert [hit.caution.id for hit in result.cautions] == [c.id for c in catalogue.cautions]
    assert result.listing()[0][0] == "caution"


def test_a_safety_question_about_something_puts_that_caution_first(catalogue: Catalogue) -> None:
    result = search(catalogue, "is massage safe with warfarin")
    assert result.cautions[0].caution.id == "bleeding-risk"
    assert len(result.cautions) == len(catalogue.cautions)


def test_blood_pressure_puts_the_dysreflexia_caution_first(catalogue: Catalogue) -> None:
    result = search(catalogue, "blood pressure")
    assert result.listing()[0] == ("caution", "autonomic-dysreflexia")


def test_a_benefit_query_keeps_its_benefits_first(catalogue: Catalogue) -> None:
    for query in ("skin", "pain", "blood flow", "spasm", "stroke"):
        assert search(catalogue, query).listing()[0][0] == "benefit", query


def test_cautions_section_in_every_human_view() -> None:
    plain = run("search", "dvt", "--format", "plain")
    assert plain.exit_code == 0
    assert plain.stdout.startswith(
        "Cautions\n !  Possible blood clot (deep vein thrombosis) (blood-clots)\n"
    )
    table = run("search", "is", "it", "safe", "--format", "table")
    assert table.exit_code == 0
    assert table.stdout.startswith("Cautions: every one, as the question is about safety\n")
    assert table.stdout.count(" !  ") == 6
    markdown = run("search", "blood", "pressure", "--format", "markdown")
    assert markdown.exit_code == 0
    body = markdown.stdout
    assert (
        body.index("## Cautions")
        < body.index("**Autonomic dysreflexia**")
        < body.index("## Benefits")
    )


def test_best_effort_notice_in_the_cli() -> None:
    result = run("search", "trouble", "sleeping", "--format", "plain")
    assert result.exit_code == 0
    assert result.stdout.startswith(
        "No benefit has all of: trouble sleeping. Showing those with the most of them.\n\n"
        " 7  Improved Sleep Quality [~] limited\n"
    )
    machine = run("search", "trouble", "sleeping", "--format", "json")
    assert machine.stderr == (
        "No benefit has all of: trouble sleeping. Showing those with the most of them.\n"
    )
    assert [hit["id"] for hit in json.loads(machine.stdout)] == [7]


def test_json_names_the_caution_a_benefit_matched_through() -> None:
    result = run("search", "dvt", "--format", "json")
    assert result.exit_code == 0
    hits = json.loads(result.stdout)
    assert [hit["id"] for hit in hits] == [3]
    assert {m["caution"] for m in hits[0]["matched"]} == {"blood-clots"}
    plain_match = json.loads(run("search", "spasm", "--format", "json").stdout)[0]["matched"][0]
    assert "caution" not in plain_match


@pytest.mark.parametrize(("fmt", "empty"), [("json", "[]\n"), ("yaml", "[]\n"), ("plain", "")])
def test_no_match_prints_an_empty_list_for_scripts(fmt: str, empty: str) -> None:
    result = run("search", "xyzzyq", "--format", fmt)
    assert result.exit_code == 1
    assert result.stdout == empty
    assert result.stderr == (
        'No benefit or caution matches "xyzzyq".'
        " Not covered here does not mean safe: see every caution with"
        " 'neurobenefits cautions' and ask the client's clinician.\n"
    )


def test_show_takes_a_title_without_quotes() -> None:
    unquoted = run("show", "muscle", "spasms", "--format", "json")
    assert unquoted.exit_code == 0
    assert json.loads(unquoted.stdout)["id"] == 8
    assert unquoted.stdout == run("show", "muscle spasms", "--format", "json").stdout


def test_words_of_any_script_are_searched(tmp_path: Path) -> None:
    overlay = tmp_path / "ru.yaml"
    overlay.write_text(
        "benefits:\n  - id: 7\n    summary: Расслабление помогает крепкому сну.\n",
        encoding="utf-8",
    )
    result = run("--catalogue", str(overlay), "search", "сну", "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert [hit["id"] for hit in json.loads(result.stdout)] == [7]
    assert stems("हिन्दी नींद") == ["हिन्दी", "नींद"]  # combining vowel signs stay in the word
    missing = run("search", "сон")
    assert missing.exit_code == 1
    assert missing.stderr == (
        'No benefit or caution matches "сон".'
        " Not covered here does not mean safe: see every caution with"
        " 'neurobenefits cautions' and ask the client's clinician.\n"
    )


def test_a_query_of_common_words_only_says_so() -> None:
    result = run("search", "what", "is", "it")
    assert result.exit_code == 2
    assert result.stderr == (
        "The query 'what is it' has only common words (what, is, it); "
        "give a word such as sleep or spasm.\n"
    )
    assert result.stdout == ""


@pytest.mark.parametrize(
    "query", [["dvt"], ["is", "it", "safe"], ["trouble", "sleeping"], ["bedsores"], ["spasim"]]
)
def test_json_of_new_kinds_of_result_follows_the_schema(query: list[str]) -> None:
    import jsonschema

    schema = json.loads(
        (Path(__file__).resolve().parent.parent / "schema" / "output.schema.json").read_text(
            encoding="utf-8"
        )
    )
    result = run("search", *query, "--format", "json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data
    jsonschema.validate(data, schema)


def test_a_general_safety_question_gives_scripts_the_benefits_that_carry_cautions(
    catalogue: Catalogue,
) -> None:
    hits = json.loads(run("search", "is", "it", "safe", "--format", "json").stdout)
    carrying = [b.id for b in catalogue.benefits if b.cautions]
    assert [hit["id"] for hit in hits] == carrying
    for hit in hits:
        assert {m["caution"] for m in hit["matched"]} == {c["id"] for c in hit["cautions"]}


def test_one_word_expands_to_a_bounded_number_of_terms(catalogue: Catalogue) -> None:
    """An overlay may put a word in many groups; search reads only the first few terms."""
    from neurobenefits.finding.search import MAX_EXPANSIONS

    groups = tuple((("pain",) + tuple(f"w{g}x{i}" for i in range(29))) for g in range(50))
    crowded = catalogue._replace(synonyms=catalogue.synonyms + groups)
    expansions = Index(crowded).expansions(parse_query("pain").terms[0])
    assert len(expansions) == MAX_EXPANSIONS
    assert expansions[0][0] == "pain"
    assert [hit.benefit.id for hit in search(crowded, "pain").hits][:1] == [1]


def test_a_quoted_word_is_searched_as_written_never_corrected() -> None:
    quoted = run("search", '"spasn"', "--format", "plain")
    assert quoted.exit_code == exitcodes.NOT_FOUND
    assert quoted.stderr.startswith('No benefit or caution matches "spasn".')
    assert "Showing results for" not in quoted.stdout + quoted.stderr
    unquoted = run("search", "spasn", "--format", "plain")
    assert unquoted.exit_code == exitcodes.OK
    assert unquoted.stdout.startswith('Showing results for "spasm" (no match for "spasn").')


def test_a_word_only_the_evidence_says_is_shown_in_an_evidence_snippet() -> None:
    result = run("search", "heart", "rate", "--format", "plain", env={"COLUMNS": "200"})
    assert result.exit_code == exitcodes.OK
    lines = result.stdout.splitlines()
    first = lines.index(next(line for line in lines if "Promotion of Overall Well-being" in line))
    assert "blood pressure and heart rate" in lines[first + 1]
    assert "(matched in evidence)" in lines[first + 2]


def test_a_safety_question_names_each_word_no_caution_mentions(catalogue: Catalogue) -> None:
    result = search(catalogue, "is it safe with blood thinners when pregnant")
    assert notices(result)[-1] == (
        'No caution here mentions "pregnant"; that does not make it safe: '
        "ask the client's clinician."
    )
