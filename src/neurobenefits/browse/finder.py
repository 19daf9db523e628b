"""The browser's search: the same engine, ranking and corrections as `search`, per keystroke.

Builds the search index once and asks search.search (the public function the `search`
command calls) for each query, and says what `search` says about it (its notices and
messages); an empty query lists every benefit in number order.
Textual-free, so it can be tested and timed on its own.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from ..catalogue.model import Benefit, Catalogue
    from ..finding.search import CautionHit


class Found(NamedTuple):
    benefits: tuple[Benefit, ...]
    notice: str  # what to know about the query (a correction, nothing found), or ""
    # The cautions the search found, best match first (every one for a safety question).
    cautions: tuple[CautionHit, ...] = ()
    # A question about safety: the list opens with the cautions, as `search` prints them.
    cautions_first: bool = False
    # A safety question's heading for the cautions in `search`: why every one is there,
    # and whether the first is the closest.
    heading: str = ""


class Finder:
    def __init__(self, catalogue: Catalogue) -> None:
        from ..finding.search import Index

        self.catalogue = catalogue
        self.index = Index(catalogue)

    def find(self, query: str) -> Found:
        if not query.strip():
            return Found(self.catalogue.benefits, "")
        from ..finding.search import no_result_message, no_words_message, notices, search
        from ..views.wording import cautions_heading

        result = search(self.catalogue, query, index=self.index)
        if not result.terms and not result.safety:
            return Found(
                self.catalogue.benefits, f"{no_words_message(query)} Showing every benefit."
            )
        if not result.found:
            return Found((), no_result_message(result, every_caution="press ! for every caution"))
        lines = notices(result)
        # Why every caution is listed, and whether their order means anything.
        heading = cautions_heading(result) if result.safety and result.cautions else ""
        if result.cautions_first:
            # The cautions lead the list; a benefit reached only through one of them is
            # left to its "Concerns" line, as `search` does.
            if heading:
                lines.append(f"{heading}.")
            benefits = tuple(hit.benefit for hit in result.benefit_hits)
            return Found(benefits, " ".join(lines), result.cautions, True, heading)
        if result.cautions:
            count = len(result.cautions)
            lines.append(
                # One line in the list's pane at 80 columns: `2 cautions match too (press !)`.
                f"{count} caution{'s' if count != 1 else ''} match{'' if count != 1 else 'es'} too (press !)."
            )
        benefits = tuple(hit.benefit for hit in result.hits)
        return Found(benefits, " ".join(lines), result.cautions, False, heading)
