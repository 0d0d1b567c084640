"""Raw news page text -> ParsedArticle. Plain Python: no Django import in this package.

    parsed = parse_article(text, source_name="000.txt", entities=extractor)
    parsed = parse_article(text, hints=PageHints(url="https://...", source="url"))

raises ParseError(reason) for a page that holds no article.
"""

from __future__ import annotations

from .entities import EntityExtractor
from .hints import apply_hints, text_sources
from .page import read_page
from .text import decode_page
from .types import PageHints, ParsedArticle, ParseError, PersonMention

__all__ = [
    "EntityExtractor", "PageHints", "ParseError", "ParsedArticle", "PersonMention", "decode_page", "parse_article",
]


def parse_article(
    text: str, *, source_name: str = "", entities: EntityExtractor | None = None, hints: PageHints | None = None
) -> ParsedArticle:
    """Return the article in one raw page; find its people and countries when ``entities`` is given.

    ``source_name`` only labels errors. ``hints`` are what the page's container says (its URL, HTML metadata, a
    JSON line's fields): weighed against the text's own reading by hints.apply_hints, which ``sources`` records.
    Without hints everything comes from the page itself.
    """
    parsed = read_page(text)
    parsed.sources = text_sources(parsed)
    if hints is not None:
        apply_hints(parsed, hints)
    if entities is not None:
        parsed.people, parsed.countries = entities.extract(
            title=parsed.title, summary=parsed.summary, body=parsed.body
        )
    return parsed
