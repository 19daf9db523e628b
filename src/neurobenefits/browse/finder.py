"""The browser's search: the same engine, ranking and corrections as `search`, per keystroke.

Builds the search index once and asks search.search (the public function the `search`
command calls) for each query; an empty query lists every benefit in number order.
Textual-free, so it can be tested and timed on its own.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from ..model import Benefit, Catalogue
    from ..search import SearchResult


class Found(NamedTuple):
    benefits: tuple[Benefit, ...]
    notice: str  # one line about the query (a correction, nothing found), or ""


class Finder:
    def __init__(self, catalogue: Catalogue) -> None:
        from ..search import Index

        self.catalogue = catalogue
        self.index = Index(catalogue)

    def find(self, query: str) -> Found:
        if not query.strip():
            return Found(self.catalogue.benefits, "")
        from ..search import search

        result = search(self.catalogue, query, index=self.index)
        if not result.terms:
            return Found(
                self.catalogue.benefits,
                f"{query.strip()!r} has no words to search for; showing every benefit.",
            )
        return Found(tuple(hit.benefit for hit in result.hits), notice(result))


def notice(result: SearchResult) -> str:
    """What `search` tells a person about the query, as one line."""
    if result.unmatched:
        words = ", ".join(f'"{word}"' for word in result.unmatched)
        hint = f" Did you mean: {', '.join(result.suggestions)}?" if result.suggestions else ""
        return f"No benefit matches {words}.{hint}"
    if not result.hits:
        return f"No benefit matches all of: {result.corrected_query}. Try fewer words."
    return " ".join(
        f'Showing results for "{c.used}" (no match for "{c.typed}").' for c in result.corrections
    )
