"""The article page's text: escaped, with the reader's search words marked; its source, its earlier versions and the
other versions of its story (near copies from other media)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.utils import translation

from articles.models import Article
from articles.search.highlight import Highlighter
from articles.search.query import parse_query
from articles.search.stems import stem_table
from articles.search.terms import HighlightTerms, highlight_terms
from articles.selectors import StoryVersion

from .revisions import DiffPart, story_text, word_diff

# How many of a story's latest changes the page shows word by word (the older ones are listed with their times):
# each costs a difflib run (web.revisions bounds one) and a screen of text.
DIFFS_SHOWN = 3
# How many of the story's other versions (selectors.article_copies, the earliest first) the page compares with this
# article word by word; the rest are listed without. Each comparison is a difflib run (up to 0.3 s when built to be
# slow, web.revisions), so the page's work stays bounded however many outlets ran the story.
COPY_DIFFS_SHOWN = 5


def article_marked(article: Article, words: str) -> dict:
    """Return title, summary and paragraphs of an article, escaped, with the reader's search words marked."""
    marker = Highlighter(highlight_terms(parse_query(words)) if words else HighlightTerms(), table=stem_table())
    paragraphs = [paragraph for paragraph in article.body.split("\n\n") if paragraph.strip()]
    captions = [str(caption) for caption in article.captions or []]
    title, summary, *rest = marker.highlight_many([article.title, article.summary, *paragraphs, *captions])
    return {"title": title, "summary": summary, "paragraphs": rest[:len(paragraphs)],
            "captions": rest[len(paragraphs):]}


def link_url(url: str) -> str:
    """Return the URL when a reader may follow it (http or https), else "": a stored "javascript:" never becomes a
    link."""
    return url if url.lower().startswith(("http://", "https://")) else ""


def permalink(article: Article) -> str:
    """Return the article's path in the archive without a language prefix: a citation names the article, not the
    language its reader happened to browse in."""
    with translation.override(settings.LANGUAGE_CODE):
        return article.get_absolute_url()


@dataclass(frozen=True)
class StoryChange:
    """One update of a story as the page shows it: when the newer version was seen, and the words that changed
    (``parts`` is None for an older change the page lists without its difference)."""

    seen_at: datetime
    old_title: str
    parts: list[DiffPart] | None


def story_changes(versions: list[StoryVersion]) -> list[StoryChange]:
    """Return the story's updates, oldest first: the last DIFFS_SHOWN with their differences word by word."""
    pairs = list(zip(versions, versions[1:], strict=False))
    changes = []
    for number, (older, newer) in enumerate(pairs):
        parts = None
        if number >= len(pairs) - DIFFS_SHOWN:
            parts = word_diff(story_text(older.title, older.body), story_text(newer.title, newer.body))
        changes.append(StoryChange(seen_at=newer.seen_at, old_title=older.title, parts=parts))
    return changes


@dataclass(frozen=True)
class StoryCopy:
    """Another version of the story (a near copy from another outlet) and what it changed from this article's text,
    word by word (``parts`` is None for a version listed without its difference)."""

    article: Article
    parts: list[DiffPart] | None


def story_copies(article: Article, copies: list[Article]) -> list[StoryCopy]:
    """Return the other versions as the page lists them: the first COPY_DIFFS_SHOWN with their differences."""
    own = story_text(article.title, article.body)
    return [StoryCopy(article=copy, parts=word_diff(own, story_text(copy.title, copy.body))
                      if number < COPY_DIFFS_SHOWN else None)
            for number, copy in enumerate(copies)]
