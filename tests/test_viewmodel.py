"""The view models: what each answer holds and how it is worded, before any format lays it out.

Every format (plain, Markdown, Rich, the handout, the browser) takes these as they are; a
test here is a test of what all of them say.
"""

from __future__ import annotations

from neurobenefits.catalogue.model import Catalogue
from neurobenefits.finding.search import search
from neurobenefits.views.answers import BenefitDetails, CautionList, ReferenceList, SearchAnswer
from neurobenefits.views.viewmodel import (
    benefit_list,
    benefit_view,
    caution_view,
    citation,
    cited_reference,
    search_view,
    verdict,
)
from neurobenefits.views.wording import NO_OWN_CAUTION, OTHER_CAUTIONS
from tests.conftest import get_benefit


def _benefit_with(catalogue: Catalogue, verdict_name: str) -> int:
    return next(
        b.id for b in catalogue.benefits if b.evidence and b.evidence.verdict == verdict_name
    )


def test_a_supported_claim_holds_its_verdict_meaning_and_references(catalogue: Catalogue) -> None:
    benefit = get_benefit(catalogue, _benefit_with(catalogue, "supported"))
    view = benefit_view(catalogue, benefit)
    assert view.evidence is not None
    assert view.evidence.verdict.label == "[+] supported"
    meaning = dict(catalogue.verdicts)["supported"]
    assert view.evidence.verdict.meaning == meaning != ""
    assert view.evidence.verdict.with_meaning == f"[+] supported ({meaning})"
    assert benefit.evidence is not None
    assert [c.id for c in view.evidence.references] == list(benefit.evidence.references)
    assert view.line.category == catalogue.category_label(benefit.category)


def test_a_limited_claim_reads_as_the_articles_and_keeps_its_meaning(
    catalogue: Catalogue,
) -> None:
    view = benefit_view(catalogue, get_benefit(catalogue, _benefit_with(catalogue, "limited")))
    assert view.evidence is not None
    assert view.evidence.verdict.label == "[~] limited"
    assert view.evidence.verdict.meaning == dict(catalogue.verdicts)["limited"] != ""
    # The claim is the article's: the summary says so in its own words.
    assert view.line.summary.startswith(("Said to", "The article says"))
    # The same line in a list as in the details.
    line = benefit_list(catalogue, [get_benefit(catalogue, view.line.id)]).entries[0]
    assert line == view.line


def test_a_benefit_with_its_own_caution_holds_it_and_points_to_the_others(
    catalogue: Catalogue,
) -> None:
    benefit = get_benefit(catalogue, 8)
    view = benefit_view(catalogue, benefit)
    assert [c.id for c in view.cautions] == list(benefit.cautions) != []
    assert view.cautions_note == OTHER_CAUTIONS
    for caution in view.cautions:
        assert caution.concerns.startswith("Concerns: ")
        assert f"8 {benefit.title}" in caution.concerns


def test_a_benefit_without_a_caution_of_its_own_says_so(catalogue: Catalogue) -> None:
    benefit = next(b for b in catalogue.benefits if not b.cautions)
    view = benefit_view(catalogue, benefit)
    assert view.cautions == ()
    assert view.cautions_note == NO_OWN_CAUTION
    # Plain text and Markdown say it in the same words.
    assert NO_OWN_CAUTION in " ".join(BenefitDetails(catalogue, benefit).plain(200).split())
    assert NO_OWN_CAUTION in BenefitDetails(catalogue, benefit).markdown()


def test_related_benefits_are_named_with_their_numbers(catalogue: Catalogue) -> None:
    benefit = next(b for b in catalogue.benefits if b.related)
    view = benefit_view(catalogue, benefit)
    first = get_benefit(catalogue, benefit.related[0])
    assert view.related_names.startswith(f"{first.id} {first.title}")


def test_a_citation_is_assembled_once_in_full_and_short(catalogue: Catalogue) -> None:
    reference = next(r for r in catalogue.references if r.citation and r.doi)
    cited = citation(reference)
    assert cited.full == (
        f"{reference.authors} ({reference.year}). {reference.title}. {reference.journal}. "
        f"{reference.citation}."
    )
    assert cited.short == reference.short_citation
    assert cited.url == f"https://doi.org/{reference.doi}"
    assert cited.cited_by == ""  # only said when asked
    # Catalogue text and our punctuation are told apart, so a format escapes only the first.
    assert {kind for _, kind in cited.pieces} == {"text", "mark", "title", "journal", "volume"}
    assert cited_reference(catalogue, reference).cited_by.startswith("Cited by ")
    # Every format prints the same full citation.
    answer = ReferenceList(catalogue, [reference])
    assert cited.full in " ".join(answer.plain(400).split())
    assert f"*{reference.journal}*" in answer.markdown()


def test_a_caution_holds_its_references_and_whom_it_concerns(catalogue: Catalogue) -> None:
    caution = next(c for c in catalogue.cautions if c.references)
    view = caution_view(catalogue, caution)
    assert [c.id for c in view.references] == list(caution.references)
    concerned = catalogue.benefits_with_caution(caution.id)
    assert view.concerns == "Concerns: " + "; ".join(f"{b.id} {b.title}" for b in concerned)
    # Plain and Markdown carry the same line.
    answer = CautionList(catalogue, [caution])
    assert view.concerns in " ".join(answer.plain(400).split())
    assert view.concerns in answer.markdown()


def test_a_search_with_a_correction_says_what_it_searched_for(catalogue: Catalogue) -> None:
    view = search_view(catalogue, search(catalogue, "spasim"))
    assert view.notices[0] == 'Showing results for "spasm" (no match for "spasim").'
    assert view.benefits[0].line.id == 8
    assert view.shown == ""
    markdown = SearchAnswer(catalogue, search(catalogue, "spasim")).markdown()
    assert "*Showing results for" in markdown


def test_a_search_through_a_synonym_says_which(catalogue: Catalogue) -> None:
    view = search_view(catalogue, search(catalogue, "insomnia"))
    hit = view.benefits[0]
    assert hit.line.id == 7
    assert hit.reason.startswith("matched in ")
    assert "; via synonym sleep" in hit.reason
    # Markdown now says why, as plain text and Rich do.
    assert "via synonym sleep" in SearchAnswer(catalogue, search(catalogue, "insomnia")).markdown()


def test_a_search_cut_by_its_limit_says_how_many_are_shown(catalogue: Catalogue) -> None:
    result = search(catalogue, "muscle", limit=2)
    view = search_view(catalogue, result)
    assert len(view.benefits) == 2
    assert view.shown == f"2 of {result.total - result.hidden} results shown (--limit)."
    assert result.total - result.hidden > 2
    # The legend holds each verdict the hits carry, with its meaning.
    carried = {hit.line.verdict.name for hit in view.benefits if hit.line.verdict}
    assert {v.name for v in view.verdicts} == carried
    assert all(v.meaning for v in view.verdicts)
    answer = SearchAnswer(catalogue, result)
    assert view.shown in answer.plain(200)
    assert view.shown in answer.markdown()


def test_an_undefined_verdict_keeps_a_marker_and_says_it_has_no_meaning(
    catalogue: Catalogue,
) -> None:
    unknown = verdict(catalogue, "promising")
    assert unknown.label == "[ ] promising"
    assert unknown.with_meaning == "[ ] promising"


def test_view_models_compare_by_value(catalogue: Catalogue) -> None:
    benefit = get_benefit(catalogue, 8)
    assert benefit_view(catalogue, benefit) == benefit_view(catalogue, benefit)
    assert benefit_view(catalogue, benefit) != benefit_view(catalogue, get_benefit(catalogue, 7))
    assert "BenefitLine(" in repr(benefit_view(catalogue, benefit).line)
