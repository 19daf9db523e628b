"""What to answer: the rules every face shares, as pure functions over a Catalogue.

Each returns what was asked for or raises a problem from errors.py (its message says what
was wrong and what would be right); the face decides how to show it and how to end.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from ..errors import BadRequest, NeurobenefitsError, NothingFound

if TYPE_CHECKING:
    from ..catalogue.model import Benefit, Catalogue, Caution
    from ..catalogue.problems import Problem
    from .refselect import Chosen
    from .search import SearchResult


def require_catalogues(paths: Sequence[str | Path], only: bool, *, what: str) -> None:
    """--only means "just these files", so it needs at least one."""
    if only and not paths:
        raise BadRequest(f"--only needs at least one {what}.")


# Longer than any title or query a person types; beyond them, matching costs seconds for
# nothing (README, "limits").
MAX_REF_LENGTH = 1_000
MAX_QUERY_LENGTH = 1_000
MAX_QUERY_WORDS = 50


def find_benefit(catalogue: Catalogue, ref: str) -> Benefit:
    """The one benefit a number, slug or title (or a unique part of one) names."""
    from .lookup import Found, resolve

    if not ref.strip().isdigit():  # a number, however long, gets "numbers run from 1 to N"
        _refuse_long(ref, MAX_REF_LENGTH, "a benefit's number, slug or title")
    resolution = resolve(catalogue, ref)
    if isinstance(resolution, Found):
        return resolution.benefit
    raise NothingFound(resolution.message)


def find_benefits(catalogue: Catalogue, refs: Sequence[str]) -> list[Benefit]:
    """Each benefit named once, in the order first named; every benefit when none are."""
    if not refs:
        return list(catalogue.benefits)
    return list(dict.fromkeys(find_benefit(catalogue, ref) for ref in refs))


def resolve_category(catalogue: Catalogue, given: str) -> str:
    """The category key that `given` names: a key or label, or a unique prefix of one."""
    keys = [key for key, _ in catalogue.categories]
    wanted = given.strip().lower()
    label_of = {key: label.lower() for key, label in catalogue.categories}
    matches = [key for key in keys if key == wanted or label_of[key] == wanted]
    if not matches:
        matches = [
            key for key in keys if key.startswith(wanted) or label_of[key].startswith(wanted)
        ]
    if len(matches) == 1:
        return matches[0]
    valid = ", ".join(keys)
    if matches:
        raise BadRequest(
            f"Category {_quoted(given)} fits several: {', '.join(matches)}. Valid categories: {valid}."
        )
    raise BadRequest(f"No category {_quoted(given)}. Valid categories: {valid}.")


def parse_verdict(catalogue: Catalogue, given: str) -> str:
    """The verdict `given` names, however it is cased or joined ('not-supported')."""
    verdicts = [name for name, _ in catalogue.verdicts]
    wanted = " ".join(given.lower().replace("-", " ").replace("_", " ").split())
    if wanted not in verdicts:
        raise BadRequest(
            f"No verdict {_quoted(given)}. Valid verdicts: {', '.join(verdicts) or '(none in this catalogue)'}."
        )
    return wanted


def filter_benefits(
    catalogue: Catalogue,
    *,
    category: str | None = None,
    evidence: str | None = None,
    keyword: str | None = None,
) -> list[Benefit]:
    """The benefits that pass every filter given; at least one, or NothingFound."""
    benefits = list(catalogue.benefits)
    if category is not None:
        chosen = resolve_category(catalogue, category)
        benefits = [b for b in benefits if b.category == chosen]
    if evidence is not None:
        verdict = parse_verdict(catalogue, evidence)
        benefits = [b for b in benefits if b.evidence and b.evidence.verdict == verdict]
    if keyword is not None:
        from .search import Index, keyword_filter

        benefits = keyword_filter(Index(catalogue), keyword, benefits)
    if not benefits:
        raise NothingFound("No benefit matches these filters.")
    return benefits


def find_caution(catalogue: Catalogue, name: str) -> Caution:
    """The caution with this id, else the only one whose id starts with it."""
    wanted = name.strip().lower()
    cautions = catalogue.cautions
    chosen = [c for c in cautions if c.id == wanted]
    if not chosen:
        chosen = [c for c in cautions if c.id.startswith(wanted)]
    if len(chosen) != 1:
        valid = ", ".join(c.id for c in cautions) or "(none in this catalogue)"
        raise NothingFound(f"No caution {_quoted(name)}. Cautions: {valid}.")
    return chosen[0]


def find_cautions(catalogue: Catalogue, name: str | None) -> list[Caution]:
    """The one caution named, or every caution; at least one, or NothingFound."""
    if name is not None:
        return [find_caution(catalogue, name)]
    if not catalogue.cautions:
        raise NothingFound("This catalogue has no cautions.")
    return list(catalogue.cautions)


def find_references(
    catalogue: Catalogue, words: Sequence[str], cited_by: Sequence[str] = ()
) -> Chosen:
    """The references asked for by key, by benefit number or by the benefits citing them
    (refselect.py); every reference when none is asked for; at least one, or NothingFound."""
    from .refselect import Chosen, select

    for word in [*words, *cited_by]:
        _refuse_long(word, MAX_REF_LENGTH, "a reference key or benefit number")
    chosen = select(catalogue, words, cited_by)
    if not isinstance(chosen, Chosen):
        raise NothingFound(chosen.message)
    return chosen


def search_query(words: Sequence[str]) -> str:
    """The query the words make, which must hold something to look for."""
    query = " ".join(words)
    if not query.strip():
        raise BadRequest(
            "The search query is empty; give a word to look for, e.g. `neurobenefits search spasm`."
        )
    _refuse_long(query, MAX_QUERY_LENGTH, "a search query")
    if len(query.split()) > MAX_QUERY_WORDS:
        raise BadRequest(
            f"The search query has {len(query.split()):,} words; at most {MAX_QUERY_WORDS} are "
            "searched. Keep the words that matter."
        )
    return query


def _quoted(given: str, most: int = 40) -> str:
    """What a person typed, quoted for a message: cut when long, so an error stays one line."""
    return repr(given) if len(given) <= most else f"{given[:most]!r}... ({len(given):,} characters)"


def _refuse_long(given: str, limit: int, what: str) -> None:
    if len(given) > limit:
        raise BadRequest(
            f"{given[:40]}... ({len(given):,} characters) is too long for {what}; "
            f"at most {limit:,} characters are read."
        )


def find_hits(catalogue: Catalogue, query: str, limit: int | None = None) -> SearchResult:
    """The search result for `query`, holding at least one hit, or the problem that says why not."""
    from .search import search

    result = search(catalogue, query, limit=limit)
    problem = explain_no_hits(query, result)
    if problem:
        raise problem
    return result


def explain_no_hits(query: str, result: SearchResult) -> NeurobenefitsError | None:
    """Why a search found nothing, in search.py's words; None when it found something.

    A query with nothing to look for is bad usage; one that found nothing is not found.
    """
    from .search import no_result_message, no_words_message

    if not result.terms and not result.safety:
        return BadRequest(no_words_message(query))
    if not result.found:
        return NothingFound(no_result_message(result))
    return None


def about_data(catalogue: Catalogue, personal: Path | None, present: bool) -> dict[str, Any]:
    """What `about` reports: the catalogue's size, each file of the stack in order, and the
    personal overlay (`personal` is None when there is no home folder to hold one)."""
    return {
        "title": catalogue.title,
        "evidence_as_of": catalogue.evidence_as_of,
        "benefits": len(catalogue.benefits),
        "references": len(catalogue.references),
        "cautions": len(catalogue.cautions),
        "files": [
            {
                "path": f.path,
                "role": f.role,
                "benefits_added": f.benefits_added,
                "benefits_extended": f.benefits_extended,
            }
            for f in catalogue.files
        ],
        "personal_overlay": {"path": str(personal or ""), "exists": present},
    }


class Validation(NamedTuple):
    """What `validate` found: the files checked, every problem, and the stack when valid."""

    files: list[str]
    problems: list[Problem]
    catalogue: Catalogue | None

    @property
    def valid(self) -> bool:
        return not self.problems


def validate_stack(
    catalogues: Sequence[str | Path], given: Sequence[str | Path], *, only: bool
) -> Validation:
    """Check the given files as they would stack (on the bundled catalogue, unless `only`)."""
    from ..catalogue.load import CatalogueError, load_stack, stack_paths

    extra = [*catalogues, *given]
    require_catalogues(extra, only, what="file to validate")
    stack = stack_paths(extra, only=only)
    checked = [str(path) for path, _ in (stack[-len(extra) :] if extra else stack)]
    try:
        catalogue = load_stack(stack)
    except CatalogueError as error:
        return Validation(checked, error.problems, None)
    return Validation(checked, [], catalogue)
