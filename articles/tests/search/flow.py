"""The search flow the web layer runs (``selectors.article_search``), with the tests' own entity names and texts:
parse -> resolve the named entities -> ``engine.search`` -> mark the hits' snippets."""

from __future__ import annotations

from collections.abc import Callable

from articles.search import engine
from articles.search.budget import Work
from articles.search.highlight import snippets
from articles.search.query import entities_named, parse_query


def search_text(*, text: str, filters: engine.SearchFilters, resolve: Callable[[str, str], list[str]],
                sort: str = "relevance", page: int = 1, per_page: int = 20, with_snippets: bool = True,
                snippet_source: Callable[[list[int]], dict[int, str]] | None = None,
                work: Work | None = None) -> engine.SearchResult:
    """Return what ``engine.search`` answers for ``text``, the entities resolved by ``resolve(kind, text)`` and the
    snippets cut from ``snippet_source(ids) -> {id: text}``."""
    work = work or Work()
    parsed = parse_query(text)
    entities = {(kind, name): resolve(kind, name) for kind, name in entities_named(parsed.tree)}
    result = engine.search(parsed, entities, filters, sort=sort, page=page, per_page=per_page, work=work)
    if with_snippets and snippet_source is not None and result.hits:
        texts = snippet_source([hit.article_id for hit in result.hits])
        marked = snippets([texts.get(hit.article_id, "") for hit in result.hits], result.terms, work)
        for hit, snippet in zip(result.hits, marked, strict=True):
            hit.snippet = snippet
        result.account(work)
    return result
