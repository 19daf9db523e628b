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


class Found(NamedTuple):
    benefits: tuple[Benefit, ...]
    notice: str  # one line about the query (a correction, nothing found), or ""


class Finder:
    def __init__(self, catalogue: Catalogue) -> None:
        from ..finding.search import Index

        self.catalogue = catalogue
        self.index = Index(catalogue)

    def find(self, query: str) -> Found:
        if not query.strip():
            return Found(self.catalogue.benefits, "")
        from ..finding.search import no_result_message, no_words_message, notices, search

        result = search(self.catalogue, query, index=self.index)
        if not result.terms and not result.safety:
            return Found(
                self.catalogue.benefits, f"{no_words_message(query)} Showing every benefit."
            )
        if not result.found:
            return Found((), no_result_message(result, every_caution="press ! for every caution"))
        lines = notices(result)
        if result.cautions:
            count = len(result.cautions)
            lines.append(
                # One line in the list's pane at 80 columns: `2 cautions match too (press !)`.
                f"{count} caution{'s' if count != 1 else ''} match{'' if count != 1 else 'es'} too (press !)."
            )
        return Found(tuple(hit.benefit for hit in result.hits), " ".join(lines))
