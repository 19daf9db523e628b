"""Finding benefits as a person types them: the fallbacks of `show`, what search corrects,
word forms, and the snippets that show where a search matched."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from neurobenefits import exitcodes
from neurobenefits.catalogue import load_catalogue
from neurobenefits.model import Catalogue
from neurobenefits.search import search
from neurobenefits.text import fold, words

from .conftest import run

_HEAD = """\
schema_version: 1
title: A course catalogue
disclaimer: For teaching only.
categories:
  body: Body
benefits:
"""


def _benefit(number: int, title: str, description: str = "More words.") -> str:
    slug = "-".join(words(fold(title)))
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
    from dataclasses import replace

    from neurobenefits.lookup import NotFound, resolve

    found = resolve(replace(catalogue, benefits=()), "2")
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
    return text, [text[a:b] for a, b in hit.snippet.highlights]


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


def test_every_mark_of_every_search_lies_on_a_matched_word(catalogue: Catalogue) -> None:
    from neurobenefits.search import Index

    index = Index(catalogue)
    checked = 0
    for word in sorted(index.vocabulary)[::7]:
        for hit in search(catalogue, word, index=index).hits:
            if hit.snippet is None:
                continue
            text = hit.snippet.text
            for start, end in hit.snippet.highlights:
                assert 0 <= start < end <= len(text), (word, text)
                assert text[start:end].strip(".") == text[start:end], (word, text)
                checked += 1
    assert checked > 100


def test_of_equally_close_titles_the_first_is_suggested(tmp_path: Path) -> None:
    path = _catalogue(tmp_path, _benefit(1, "Knee"), _benefit(2, "Knew"))
    result = run("--catalogue", str(path), "--only", "show", "kneb")
    assert result.exit_code == exitcodes.NOT_FOUND
    assert result.stderr == "No benefit 'kneb'. Did you mean 1 Knee?\n"
