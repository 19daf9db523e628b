"""Plain meanings beside the cautions: the catalogue's glossary, checked, and on every handout.

The cautions stay word for word (test_content); a handout lists, under them, the glossary's
meaning of each term they use, and only those. Its references include the sources the
cautions cite, saying which caution cites each.
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import jsonschema
import pytest
import yaml
from markdown_it import MarkdownIt

from neurobenefits import exitcodes
from neurobenefits.catalogue.glossary import terms_in
from neurobenefits.catalogue.load import CatalogueError, load_catalogue
from neurobenefits.catalogue.model import Catalogue

from .conftest import REPO, run
from .test_content import ARTICLE, _needs, _runs, _words
from .test_export import FIXED_DAY, _structure

HOSTILE = Path(__file__).resolve().parent / "hostile" / "catalogue"


def _uses(text: str, term: str) -> bool:
    """Whether `text` holds `term` as whole words, whatever the case: the test's own reading."""
    words = [re.escape(word) for word in term.lower().split()]
    return re.search(r"(?<!\w)" + r"\s+".join(words) + r"(?!\w)", text.lower()) is not None


def _caution_words(catalogue: Catalogue) -> str:
    return "\n".join(f"{c.title}\n{c.who}\n{c.text}" for c in catalogue.cautions)


def _listed_markdown(document: str) -> dict[str, str]:
    """The terms and meanings under "Words in these notes" in a Markdown handout."""
    section = document.split("### Words in these notes\n\n", 1)[1].split("\n\n", 1)[0]
    entries = re.findall(r"^- \*\*(.+?)\*\*: (.+)$", section, re.MULTILINE)
    return dict(entries)


def _listed_html(document: str) -> dict[str, str]:
    section = document.split('<div class="glossary">', 1)[1].split("</div>", 1)[0]
    entries = re.findall(r"<li><dfn>(.*?)</dfn>: (.*?)</li>", section)
    return {html.unescape(term): html.unescape(meaning) for term, meaning in entries}


# The bundled glossary.


def test_the_bundled_glossary_explains_the_cautions_words(catalogue: Catalogue) -> None:
    glossary = dict(catalogue.glossary)
    assert (
        glossary["anticoagulants"]
        == "medicines that slow blood clotting (often called blood thinners), such as warfarin, apixaban or rivaroxaban"
    )
    for term in ("T6", "deep vein thrombosis", "pulmonary embolism", "osteoporosis"):
        assert term in glossary, term
    # No entry is dead: each term is one the cautions use.
    unused = [term for term in glossary if not _uses(_caution_words(catalogue), term)]
    assert not unused
    for term, meaning in glossary.items():
        assert len(meaning) <= 200, term
        assert "\n" not in meaning, term


def test_the_meanings_are_our_own_words() -> None:
    _needs(ARTICLE)
    article = _runs(_words(ARTICLE.read_text(encoding="utf-8")), 7)
    raw = yaml.safe_load((REPO / "data" / "benefits.yaml").read_text(encoding="utf-8"))
    copied = {
        term: sorted(" ".join(run) for run in _runs(_words(meaning), 7) & article)
        for term, meaning in raw["glossary"].items()
    }
    assert not {term: runs for term, runs in copied.items() if runs}


# On the handout.


@pytest.mark.parametrize("evidence", [(), ("--no-evidence",)])
@pytest.mark.parametrize("refs", [("5",), ("1", "10"), ()])
def test_a_handout_lists_exactly_the_terms_its_cautions_use(
    catalogue: Catalogue, refs: tuple[str, ...], evidence: tuple[str, ...], tmp_path: Path
) -> None:
    glossary = dict(catalogue.glossary)
    expected = {t: m for t, m in glossary.items() if _uses(_caution_words(catalogue), t)}
    assert len(expected) >= 10
    markdown = run("export", *refs, *evidence, "--format", "markdown", env=FIXED_DAY)
    assert markdown.exit_code == exitcodes.OK, markdown.stderr
    assert _listed_markdown(markdown.stdout) == expected
    # Beside the cautions, after them and before the first benefit.
    text = markdown.stdout
    assert (
        text.index("- **Bleeding risk.**")
        < text.index("### Words in these notes")
        < text.index("\n## ", text.index("### Words"))
    )
    target = tmp_path / "h.html"
    page = run("export", *refs, *evidence, "-o", str(target), env=FIXED_DAY)
    assert page.exit_code == exitcodes.OK, page.stderr
    assert _listed_html(target.read_text(encoding="utf-8")) == expected


def test_only_the_terms_the_cautions_use_and_an_overlay_s_own(tmp_path: Path) -> None:
    overlay = tmp_path / "clinic.yaml"
    overlay.write_text(
        "glossary:\n"
        "  stroke: sudden damage to part of the brain from a blocked or burst blood vessel\n"
        "  warfarin: a medicine that thins the blood\n"
        "  Anticoagulants: blood-thinning medicines\n"
        "  t60: not a word of the cautions, though T6 is\n",
        encoding="utf-8",
    )
    result = run("--catalogue", str(overlay), "export", "1", "--format", "markdown")
    assert result.exit_code == exitcodes.OK, result.stderr
    listed = _listed_markdown(result.stdout)
    assert listed["stroke"].startswith("sudden damage")  # an overlay adds a term
    assert "warfarin" not in listed  # no caution says it (a meaning does, which is no use)
    assert "t60" not in listed  # no term matches inside a longer word
    # An overlay's term replaces the bundled one however either writes it: one entry.
    assert listed["Anticoagulants"] == "blood-thinning medicines"
    assert "anticoagulants" not in listed


def test_hostile_glossary_text_is_escaped_in_markdown_and_html(tmp_path: Path) -> None:
    hostile = "<script>alert(1)</script> [x](javascript:alert(1)) *bold*"
    overlay = tmp_path / "hostile.yaml"
    overlay.write_text(
        yaml.safe_dump(
            {
                "cautions": [{"id": "bleeding-risk", "text": f"Ask about {hostile} first."}],
                "glossary": {hostile: f"means {hostile}"},
            }
        ),
        encoding="utf-8",
    )
    markdown = run("--catalogue", str(overlay), "export", "6", "--format", "markdown")
    assert markdown.exit_code == exitcodes.OK, markdown.stderr
    # Read as Markdown: no HTML, no link, no emphasis but the term's own bold; the text as is.
    section = markdown.stdout.split("### Words in these notes", 1)[1].split("\n## ", 1)[0]
    tokens = [
        child
        for token in MarkdownIt("commonmark").parse(section)
        for child in [token, *(token.children or [])]
    ]
    kinds = {token.type for token in tokens}
    assert not kinds & {"html_inline", "html_block", "link_open", "em_open"}
    types = [token.type for token in tokens]
    assert types.count("strong_open") == types.count("list_item_open") == 17  # one per term
    shown = "".join(token.content for token in tokens if token.type == "text")
    assert f"{hostile}: means {hostile}" in shown
    target = tmp_path / "h.html"
    assert run("--catalogue", str(overlay), "export", "6", "-o", str(target)).exit_code == 0
    page = target.read_text(encoding="utf-8")
    assert "<script>" not in page
    assert "script" not in _structure(page).tags
    assert _listed_html(page)[hostile] == f"means {hostile}"
    assert (
        "<dfn>&lt;script&gt;alert(1)&lt;/script&gt; [x](javascript:alert(1)) *bold*</dfn>" in page
    )


# The format: checked, one line per problem, and the same in the JSON Schema.


def _validate(path: Path) -> tuple[int, str]:
    result = run("validate", str(path))
    return result.exit_code, result.stderr


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        (
            "glossary: [T6]\n",
            "glossary: expected a mapping of term -> its plain meaning, got a list",
        ),
        (
            "glossary:\n  T6: [a, b]\n",
            "glossary.T6: expected its plain meaning, in a line, got a list",
        ),
        ("glossary:\n  T6: ''\n", "glossary.T6: is empty; expected its plain meaning, in a line"),
        ("glossary:\n  T6: |\n    two\n    lines\n", "glossary.T6: must be a single line"),
        (
            f"glossary:\n  {'t' * 61}: long\n",
            f"glossary.{'t' * 61}: is 61 characters long; at most 60 are allowed",
        ),
        (
            f"glossary:\n  T6: {'m' * 201}\n",
            "glossary.T6: is 201 characters long; at most 200 are allowed",
        ),
        (
            "glossary:\n  deep vein thrombosis: a clot\n  Deep  Vein Thrombosis: a clot\n",
            "glossary.Deep  Vein Thrombosis: duplicate term 'Deep  Vein Thrombosis'; "
            "'deep vein thrombosis' is the same term (terms match whatever their case and spacing)",
        ),
    ],
)
def test_a_bad_glossary_is_refused_in_one_line(tmp_path: Path, text: str, problem: str) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(text, encoding="utf-8")
    code, stderr = _validate(path)
    assert code == exitcodes.CATALOGUE
    assert len(stderr.splitlines()) == 1
    assert stderr.startswith("bad.yaml:") or stderr.startswith(str(path)), stderr
    assert stderr.rstrip("\n").endswith(problem), stderr


def test_the_stack_may_hold_at_most_a_thousand_terms(tmp_path: Path) -> None:
    files = []
    for half in range(2):
        path = tmp_path / f"{half}.yaml"
        terms = {f"term{half}x{n}": "a meaning" for n in range(600)}
        path.write_text(yaml.safe_dump({"glossary": terms}), encoding="utf-8")
        files.append(path)
    with pytest.raises(CatalogueError) as raised:
        load_catalogue(files, only=True)
    # The second file is the one that takes the stack over: it is named, with what to do.
    first = str(raised.value).splitlines()[0]
    assert first.startswith(f"{files[1]}:")
    assert "glossary: this file takes the stack over its limit" in first
    assert "1,200 entries; at most 1,000 are allowed across all files, so leave out 200" in first


def test_the_json_schema_knows_the_glossary() -> None:
    schema = json.loads((REPO / "schema" / "benefits.schema.json").read_text(encoding="utf-8"))
    glossary = schema["properties"]["glossary"]
    assert glossary["type"] == "object"
    assert glossary["maxProperties"] == 1000
    bundled = yaml.safe_load((REPO / "data" / "benefits.yaml").read_text(encoding="utf-8"))
    jsonschema.validate(bundled, schema)
    for name in ("glossary-not-a-mapping", "glossary-long-meaning", "glossary-term-two-lines"):
        data = yaml.safe_load((HOSTILE / f"{name}.yaml").read_text(encoding="utf-8"))
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate(data, schema)


def test_terms_match_whole_words_whatever_their_case_and_spacing() -> None:
    glossary = (("T6", "a"), ("deep vein thrombosis", "b"), ("platelet", "c"), ("(DVT)", "d"))
    found = terms_in(glossary, ["At t6 or above.", "A Deep vein\n thrombosis (DVT).", "T60"])
    assert [term for term, _ in found] == ["(DVT)", "deep vein thrombosis", "T6"]
    assert terms_in(glossary, ["T60 and T6x, platelets"]) == ()


# References: the sources behind the cautions too.


@pytest.mark.parametrize("fmt", ["markdown", "html"])
def test_the_references_include_the_sources_the_cautions_cite(
    catalogue: Catalogue, fmt: str, tmp_path: Path
) -> None:
    target = tmp_path / f"h.{'md' if fmt == 'markdown' else 'html'}"
    assert run("export", "5", "-o", str(target), env=FIXED_DAY).exit_code == exitcodes.OK
    text = html.unescape(target.read_text(encoding="utf-8"))
    references = text[text.index("References") :]
    for caution in catalogue.cautions:
        for reference_id in caution.references:
            reference = catalogue.reference(reference_id)
            assert reference is not None
            assert reference.title in references, (caution.id, reference_id)
    assert "Krassioukov A, et al. (2009)" in references
    assert "Cited by the caution \u201cAutonomic dysreflexia\u201d." in references
    assert (
        "Cited by the cautions \u201cPossible blood clot (deep vein thrombosis)\u201d and "
        "\u201cBleeding risk\u201d." in references
    )
    # Benefit 5's own sources come first; each source is listed once.
    assert references.index("Moyer CA") < references.index("Krassioukov")
    assert references.count("Ernst E (2003)") == 1
    # Without evidence there are no references at all, the cautions' included.
    bare = run("export", "5", "--no-evidence", "--format", "markdown", env=FIXED_DAY).stdout
    assert "Krassioukov" not in bare
    assert "## References" not in bare


def test_a_source_cited_by_a_benefit_and_a_caution_says_both() -> None:
    result = run("export", "10", "--format", "markdown", env=FIXED_DAY)
    assert result.exit_code == exitcodes.OK
    assert (
        "Cited by benefit 10 Enhanced Skin Integrity, and the caution "
        "\u201cSkin at risk of pressure ulcers\u201d."
    ) in result.stdout
