"""The bundled catalogue says what its sources say: the article's benefits, the checked evidence."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from neurobenefits.catalogue.model import Catalogue

from .conftest import REPO, SHARED, get_benefit

ARTICLE = SHARED / "source" / "neuro-massage-benefits.txt"
EVIDENCE = SHARED / "evidence" / "evidence.yaml"


def _needs(path: Path) -> None:
    if not path.is_file():
        pytest.skip(f"{path} is not beside the repository (it is in the project's shared folder)")


def test_catalogue_has_the_article_headings_in_order(catalogue: Catalogue) -> None:
    _needs(ARTICLE)
    headings = re.findall(r"(?m)^(\d+)\. (.+?)\s*$", ARTICLE.read_text(encoding="utf-8"))
    assert len(headings) == 14
    assert [(b.id, b.title) for b in catalogue.benefits] == [(int(n), t) for n, t in headings]


def test_titles_known_without_the_article(catalogue: Catalogue) -> None:
    # The same check for a checkout without the shared folder, on the ends and the middle.
    assert catalogue.benefit(1)
    assert get_benefit(catalogue, 1).title == "Pain Relief"
    assert get_benefit(catalogue, 8).title == "Reduction of Muscle Spasms and Tone"
    assert get_benefit(catalogue, 14).title == "Promotion of Overall Well-being"
    assert len(catalogue.benefits) == 14


def test_every_benefit_is_complete(catalogue: Catalogue) -> None:
    categories = {key for key, _ in catalogue.categories}
    assert categories == {"body", "mind", "recovery"}
    for benefit in catalogue.benefits:
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", benefit.slug)
        assert benefit.category in categories
        assert "\n" not in benefit.summary
        assert benefit.summary.endswith(".")
        assert len(benefit.description) > len(benefit.summary)
        assert len(benefit.keywords) >= 5
        assert benefit.related
        assert benefit.id not in benefit.related
    assert catalogue.benefit_by_slug("muscle-spasms-and-tone") == catalogue.benefit(8)
    assert {"spasm", "spasticity", "tone", "involuntary contraction"} <= set(
        get_benefit(catalogue, 8).keywords
    )


def test_top_level_text_is_present(catalogue: Catalogue) -> None:
    assert catalogue.source
    assert "Benefits of Neuro Massage" in catalogue.source.title
    assert "not medical advice" in catalogue.disclaimer
    assert "clinician" in catalogue.disclaimer
    assert catalogue.introduction
    assert catalogue.closing


def _shared_evidence() -> dict[str, Any]:
    _needs(EVIDENCE)
    data: dict[str, Any] = yaml.safe_load(EVIDENCE.read_text(encoding="utf-8"))
    return data


def _bundled_raw() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(
        (REPO / "data" / "benefits.yaml").read_text(encoding="utf-8")
    )
    return data


def test_evidence_matches_the_checked_file_exactly() -> None:
    shared = _shared_evidence()
    bundled = _bundled_raw()
    assert bundled["references"] == shared["references"]
    assert bundled["cautions"] == shared["cautions"]
    assert bundled["evidence_as_of"] == shared["as_of"]
    assert {b["id"]: b["evidence"] for b in bundled["benefits"]} == shared["evidence"]


def test_verdict_definitions_match_the_checked_file() -> None:
    _needs(EVIDENCE)
    header = EVIDENCE.read_text(encoding="utf-8").split("as_of:")[0]
    bundled = _bundled_raw()["verdicts"]
    for verdict, meaning in bundled.items():
        assert re.search(
            rf"#\s+{re.escape(verdict)}\s+{re.escape(meaning)}\s*$", header, re.MULTILINE
        ), verdict


def test_every_benefit_has_evidence_and_references_exist(catalogue: Catalogue) -> None:
    verdicts = {name for name, _ in catalogue.verdicts}
    assert verdicts == {"supported", "limited", "mixed", "not supported"}
    used: set[str] = set()
    for benefit in catalogue.benefits:
        assert benefit.evidence, benefit.id
        assert benefit.evidence.verdict in verdicts
        assert benefit.evidence.references
        used.update(benefit.evidence.references)
    for caution in catalogue.cautions:
        used.update(caution.references)
    names = {reference.id for reference in catalogue.references}
    assert used <= names, "a benefit or caution names a reference that does not exist"
    assert names <= used, f"unused references: {sorted(names - used)}"
    assert len(catalogue.references) == 20
    for reference in catalogue.references:
        if reference.doi:
            assert re.fullmatch(r"10\.\d{4,9}/\S+", reference.doi), reference.doi


def test_cautions_are_the_six_and_benefits_point_to_them(catalogue: Catalogue) -> None:
    assert [c.id for c in catalogue.cautions] == [
        "autonomic-dysreflexia",
        "reduced-sensation",
        "at-risk-skin",
        "blood-clots",
        "fragile-bones",
        "bleeding-risk",
    ]
    assert "at-risk-skin" in get_benefit(catalogue, 10).cautions
    for benefit in catalogue.benefits:
        for caution in benefit.cautions:
            assert catalogue.caution(caution)


def test_cortisol_claim_is_not_supported_and_cites_the_2011_review(catalogue: Catalogue) -> None:
    evidence = get_benefit(catalogue, 5).evidence
    assert evidence
    assert evidence.verdict == "not supported"
    assert "moyer2011" in evidence.references


# Voice: the article's claims in the article's voice, in our own words.


def _words(text: str) -> list[str]:
    """Lower-cased words with punctuation removed (body\u2019s -> bodys), for comparing runs."""
    text = text.lower().replace("\u2019", "'").replace("\u2018", "'")
    return re.sub(r"[^\w\s]", "", text).split()


def _runs(words: list[str], length: int) -> set[tuple[str, ...]]:
    return {tuple(words[i : i + length]) for i in range(len(words) - length + 1)}


def test_no_run_of_seven_words_is_copied_from_the_article() -> None:
    _needs(ARTICLE)
    article = _runs(_words(ARTICLE.read_text(encoding="utf-8")), 7)
    raw = _bundled_raw()
    texts = {"introduction": raw["introduction"], "closing": raw["closing"]}
    for benefit in raw["benefits"]:
        texts[f"{benefit['id']} summary"] = benefit["summary"]
        texts[f"{benefit['id']} description"] = benefit["description"]
    copied = {
        where: sorted(" ".join(run) for run in _runs(_words(text), 7) & article)
        for where, text in texts.items()
    }
    assert not {where: runs for where, runs in copied.items() if runs}


def test_the_check_for_copied_runs_can_fail() -> None:
    # The comparison itself: a sentence of the article, lightly punctuated, is caught.
    article = _runs(
        _words("Reduces muscle tone and stiffness, thereby improving joint flexibility."), 7
    )
    assert (
        _runs(_words("It reduces muscle tone and stiffness thereby improving joint..."), 7)
        & article
    )
    assert (
        not _runs(_words("It lowers muscle tone and stiffness, making joints freer."), 7) & article
    )


# A summary or first sentence below *supported* opens by saying whose claim it is.
ATTRIBUTED = re.compile(r"(The article\b|Said to\b|According to the article\b)")


def _first_sentence(text: str) -> str:
    return re.split(r"(?<=[.!?])\s+(?=[A-Z])", " ".join(text.split()), maxsplit=1)[0]


def test_claims_below_supported_are_attributed_to_the_article(catalogue: Catalogue) -> None:
    unattributed = [
        (benefit.id, text)
        for benefit in catalogue.benefits
        if benefit.evidence and benefit.evidence.verdict != "supported"
        for text in (benefit.summary, _first_sentence(benefit.description))
        if not ATTRIBUTED.match(text)
    ]
    assert not unattributed
    # Every verdict below supported is in use, so the check above covers each of them.
    used = {b.evidence.verdict for b in catalogue.benefits if b.evidence}
    assert used == {"supported", "limited", "mixed", "not supported"}


def test_benefit_9_calls_the_recovery_process_essential_not_massage(catalogue: Catalogue) -> None:
    description = " ".join(get_benefit(catalogue, 9).description.split())
    assert "a process the article calls essential for regaining strength" in description


# Keywords and synonyms route a person's words to a claim; they never widen it.
WIDENING = {
    "cramp": "a cramp is not spasticity; the article never mentions cramps",
    "clonus": "clonus is not named by the article",
    "painkiller": "the article never compares massage with medicines",
    "cold hands": "the article names no cold extremities",
    "cold feet": "the article names no cold extremities",
    "fatigue": "the article makes no claim about fatigue",
    "weakness": "the article makes no claim about weakness",
}


def test_no_keyword_or_synonym_widens_a_claim(catalogue: Catalogue) -> None:
    keywords = {word for benefit in catalogue.benefits for word in benefit.keywords}
    synonyms = {word for group in catalogue.synonyms for word in group}
    assert not {word: why for word, why in WIDENING.items() if word in keywords | synonyms}
    # Skin in general is not a pressure sore, nor is serotonin a mood.
    for group in catalogue.synonyms:
        if "bed sores" in group:
            assert "skin" not in group
        if "mood" in group:
            assert "serotonin" not in group
