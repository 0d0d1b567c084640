"""The search flow the web layer runs (``selectors.article_search``), with the tests' own entity names and texts:
parse -> resolve the named entities -> ``engine.search`` -> mark the hits' snippets."""

from __future__ import annotations

from collections.abc import Callable

from articles.search import engine
from articles.search.budget import Work
from articles.selectors import article_search


def search_text(*, text: str, filters: engine.SearchFilters, resolve: Callable[[str, str], list[str]],
                sort: str = "relevance", page: int = 1, per_page: int = 20, with_snippets: bool = True,
                snippet_source: Callable[[list[int]], dict[int, str]] | None = None,
                work: Work | None = None) -> engine.SearchResult:
    """Return what ``selectors.article_search`` answers for ``text``, the entities resolved by
    ``resolve(kind, text)`` and the snippets cut from ``snippet_source(ids) -> {id: text}`` (none without it)."""
    return article_search(text=text, filters=filters, sort=sort, page=page, per_page=per_page,
                          snippets=with_snippets and snippet_source is not None, work=work, resolve=resolve,
                          texts_of=snippet_source)
