"""The JSON API's answer: the search page's result in a stable shape (README, "JSON API")."""

from __future__ import annotations

import re

from articles.models import Article
from articles.search.registry import API_ORDER
from articles.selectors import StoryVersion, article_record

from .facets import API_FACET_TOP, facet_visible
from .labels import NOTICE_TEXT
from .revisions import story_text, words_changed
from .search_page import SearchPage


def api_facet_limit(request) -> int:
    """Return how many values of each facet the API lists (``facet_limit``, 1-1000; 20 when absent or not a number)."""
    text = request.GET.get("facet_limit", "")
    # ASCII digits only: str.isdigit() also takes "²", which int() refuses, and 5,000 digits are more than int() reads.
    if not re.fullmatch(r"[0-9]{1,6}", text) or int(text) == 0:
        return API_FACET_TOP
    return min(int(text), 1000)


def page_json(page: SearchPage) -> dict:
    """Return the API's answer: a stable shape (README, "JSON API"); new keys may be added, none renamed.

    The facets are the page's own (``web.facets.build_facets``, built with ``api_facet_limit``); a facet shown inside
    another (the months) is left out unless its one value is chosen."""
    results = []
    for article, hit in page.rows:
        results.append({
            "id": article.pk,
            "url": article.get_absolute_url(),
            "title": article.title,
            "outlet": article.outlet.slug,
            "outlet_name": article.outlet.name,
            "published": article.published_local.isoformat() if article.published is not None else None,
            "snippet": str(hit.snippet),
            "cluster": {"id": hit.cluster, "size": hit.cluster_size},
            "versions": hit.versions,
            "versions_omitted": hit.versions_omitted,
        })
    facets = {}
    for facet in API_ORDER:
        if page.result is None:
            facets[facet.name] = []
        elif facet_visible(page, facet.name):
            facets[facet.name] = [{"value": v.value, "label": v.label, "count": v.count, "selected": v.selected}
                                  for v in page.facets[facet.name].values]
    return {
        "query": page.query,
        "understood_as": page.understood,
        "total": page.total,
        "stories": page.stories,
        "collapse": page.collapse,
        "match": page.match,
        "page": page.number,
        "per_page": page.per_page,
        "pages": page.pages,
        "sort": page.sort,
        "results": results,
        "facets": facets,
        "did_you_mean": page.suggestion or None,
        "messages": page.messages,
        "incomplete": incomplete_json(page.incomplete),
    }


def incomplete_json(reason: str) -> dict | None:
    """Return why the search stopped before its end (``SearchResult.incomplete``), for programs ("time" or "terms")
    and for people; None if it did not. The API's and an export's header's ``incomplete``."""
    if not reason:
        return None
    return {"reason": reason, "message": str(NOTICE_TEXT[f"incomplete_{reason}"])}


def article_json(article: Article, *, versions: list[StoryVersion], omitted: int) -> dict:
    """Return one article as GET /api/artikel/<id> gives it: its ``id``, the keys of ``ingest_articles --dry-run
    --json`` (the stored article's values, selectors.article_record) and its earlier versions (README, "JSON API");
    new keys may be added.

    ``revisions`` lists the earlier versions oldest first (the newest selectors.REVISIONS_LISTED of them;
    ``revisions_omitted`` counts the rest), each with ``changed``: how many words differ from the next version.
    """
    revisions = []
    for version, following in zip(versions, versions[1:], strict=False):
        revisions.append({
            "archived_at": version.archived_at.isoformat(),
            "fetched_at": version.fetched_at.isoformat() if version.fetched_at else None,
            "title": version.title,
            "changed": words_changed(story_text(version.title, version.body),
                                     story_text(following.title, following.body)),
        })
    return {
        "id": article.pk,
        **article_record(article),
        "archived_at": article.version_archived_at.isoformat(),
        "revisions": revisions,
        "revisions_omitted": omitted,
    }
