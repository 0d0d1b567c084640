"""The article page's text: escaped, with the reader's search words marked."""

from __future__ import annotations

from articles.models import Article
from articles.search.highlight import Highlighter
from articles.search.query import parse_query
from articles.search.terms import HighlightTerms, highlight_terms


def article_marked(article: Article, words: str) -> dict:
    """Return title, summary and paragraphs of an article, escaped, with the reader's search words marked."""
    marker = Highlighter(highlight_terms(parse_query(words)) if words else HighlightTerms())
    return {
        "title": marker.highlight(article.title),
        "summary": marker.highlight(article.summary),
        "paragraphs": [marker.highlight(paragraph) for paragraph in article.body.split("\n\n") if paragraph.strip()],
        "captions": [marker.highlight(str(caption)) for caption in article.captions or []],
    }
