"""Markdown output cannot be given structure or HTML by the values in it.

Each document is rendered with markdown-it-py (CommonMark, plus GFM tables and
strikethrough) and checked on its token tree: the same blocks as with harmless values (so
no value added a heading, list, rule, fence, code block, quote or table), no raw HTML, links
only to the DOI they name, and the hostile text shown as the text it is.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from typing import Any

import pytest
from markdown_it import MarkdownIt
from markdown_it.token import Token

from neurobenefits.catalogue.model import Benefit, Catalogue
from neurobenefits.views import markdown
from neurobenefits.views.answers import BenefitDetails, BenefitList, CautionList, ReferenceList
from neurobenefits.views.handout import Handout, to_markdown
from tests.conftest import get_benefit, run

# One line each (a blank line would rightly start a paragraph); each tries one construct.
HOSTILE = [
    "---",
    "***",
    "___",
    "~~~",
    "```python",
    "# Heading",
    "###### Deep",
    "1. one",
    "1) one",
    "- item",
    "+ item",
    "* item",
    "> quote",
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "<!-- hidden -->",
    "<http://evil.example>",
    "[click](javascript:alert(1))",
    "![pixel](http://evil.example/p.png)",
    "[ref]: http://evil.example",
    "    indented code",
    "Title\n===",
    "Title\n---",
    "&lt;script&gt; &#60;b&#62;",
    "| a | b |\n|---|---|",
    "`code` **bold** _em_ ~~gone~~",
    "trailing backslash \\",
    "x  \ny",
    "<details open>",
]
_DAY = date(2026, 11, 27)
HOSTILE_DOI = "10.1234/x><script>alert(1)</script>) [evil](javascript:alert(1)"

_MD = MarkdownIt("commonmark").enable(["table", "strikethrough"])
_FORBIDDEN = {
    "html_block",
    "html_inline",
    "fence",
    "code_block",
    "code_inline",
    "blockquote_open",
    "table_open",
    "s_open",
    "image",
}


def _tokens(document: str) -> Iterator[Token]:
    for token in _MD.parse(document):
        yield token
        yield from token.children or []


def _blocks(document: str) -> list[tuple[str, str]]:
    """The block structure: every block token's type and tag, in order."""
    return [(t.type, t.tag) for t in _MD.parse(document) if t.type != "inline"]


def _shown_text(document: str) -> str:
    return "".join(t.content for t in _tokens(document) if t.type == "text")


def _hostile(catalogue: Catalogue, value: str) -> tuple[Catalogue, Benefit]:
    """The catalogue with `value` in every text field of benefit 8, its first reference
    and its first caution, and a hostile DOI on that reference."""
    benefit = get_benefit(catalogue, 8)
    assert benefit.evidence is not None
    reference_id = benefit.evidence.references[0]
    caution_id = benefit.cautions[0]
    references = tuple(
        r._replace(authors=value, title=value, journal=value, citation=value, doi=HOSTILE_DOI)
        if r.id == reference_id
        else r
        for r in catalogue.references
    )
    cautions = tuple(
        c._replace(title=value, who=value, text=value) if c.id == caution_id else c
        for c in catalogue.cautions
    )
    hostile = benefit._replace(
        title=value,
        summary=value,
        description=value,
        notes=value,
        keywords=(value, "spasm"),
        evidence=benefit.evidence._replace(summary=value),
    )
    benefits = tuple(hostile if b.id == 8 else b for b in catalogue.benefits)
    changed = catalogue._replace(benefits=benefits, references=references, cautions=cautions)
    return changed, hostile


def _documents(catalogue: Catalogue, benefit: Benefit) -> dict[str, str]:
    cautions = [c for c in catalogue.cautions if c.id in benefit.cautions]
    cited = benefit.evidence.references if benefit.evidence else ()
    references = [r for rid in cited if (r := catalogue.reference(rid))]
    return {
        "show": BenefitDetails(catalogue, benefit).markdown(),
        "list": BenefitList(catalogue, [benefit]).markdown(),
        "cautions": CautionList(catalogue, cautions).markdown(),
        "references": ReferenceList(catalogue, references).markdown(),
        "handout": to_markdown(
            Handout(catalogue, [benefit], title="Handout", made_on=_DAY, notes="Note")
        ),
    }


def _for_each_document(
    catalogue: Catalogue, value: str, check: Callable[[str, str, str], None]
) -> None:
    plain = _documents(*_hostile(catalogue, "plain words"))
    hostile_catalogue, hostile_benefit = _hostile(catalogue, value)
    for name, document in _documents(hostile_catalogue, hostile_benefit).items():
        check(name, plain[name], document)


@pytest.mark.parametrize("value", HOSTILE)
def test_a_value_adds_no_structure_and_no_html(catalogue: Catalogue, value: str) -> None:
    def check(name: str, plain: str, document: str) -> None:
        assert _blocks(document) == _blocks(plain), (name, document)
        found = {t.type for t in _tokens(document)} & _FORBIDDEN
        assert not found, (name, found, document)

    _for_each_document(catalogue, value, check)


@pytest.mark.parametrize("value", HOSTILE)
def test_a_value_is_shown_as_the_text_it_is(catalogue: Catalogue, value: str) -> None:
    words = " ".join(value.split())  # inline places show line breaks as spaces

    def check(name: str, plain: str, document: str) -> None:
        assert words in " ".join(_shown_text(document).split()), name

    _for_each_document(catalogue, value, check)


def test_links_go_only_to_the_doi_they_name(catalogue: Catalogue) -> None:
    def check(name: str, plain: str, document: str) -> None:
        links = [t.attrs.get("href") for t in _tokens(document) if t.type == "link_open"]
        assert links or name == "list", name
        for href in links:
            assert isinstance(href, str)
            assert href.startswith("https://doi.org/"), (name, href)
            assert "<" not in href
            assert ">" not in href
            assert not href.startswith("javascript")
        # The hostile DOI is one link, percent-encoded whole.
        if name in ("show", "references", "handout"):
            assert any("%3Cscript%3E" in str(href) for href in links), (name, links)

    _for_each_document(catalogue, "plain words", check)


def test_numbered_list_markers_are_escaped_without_a_visible_backslash() -> None:
    escaped = markdown.escape("1. First\n2) Second")
    assert escaped == "1\\. First\n2\\) Second"
    assert [t.content for t in _tokens(escaped) if t.type == "text"] == ["1. First", "2) Second"]


def test_markdown_from_the_command_line_with_a_hostile_overlay(config_home: Any) -> None:
    # Values that pass the catalogue's own checks today, through the whole command.
    (config_home / "benefits.yaml").write_text(
        "benefits:\n"
        "  - id: 8\n"
        "    description: |-\n"
        "      ---\n"
        "      ~~~\n"
        "      1. <script>alert(1)</script>\n"
        "      # not a heading\n"
        "    notes: '<http://evil.example> [x](javascript:alert(1))'\n",
        encoding="utf-8",
    )
    shown = run("show", "8", "--format", "markdown")
    assert shown.exit_code == 0, shown.stderr
    plain = run("show", "8", "--format", "markdown", env={"XDG_CONFIG_HOME": "/nonexistent"})

    def kinds(document: str, *wanted: str) -> list[tuple[str, str]]:
        return [block for block in _blocks(document) if block[0] in wanted]

    structure = ("heading_open", "bullet_list_open", "ordered_list_open", "hr")
    assert kinds(shown.stdout, *structure) == kinds(plain.stdout, *structure)
    assert not {t.type for t in _tokens(shown.stdout)} & _FORBIDDEN
    assert "<script>alert(1)</script>" in _shown_text(shown.stdout)
    assert "[x](javascript:alert(1))" in _shown_text(shown.stdout)
