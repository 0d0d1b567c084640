"""Raw news page text -> ParsedArticle. Plain Python: no Django import in this package.

    parsed = parse_article(text, source_name="000.txt", entities=extractor)

raises ParseError(reason) for a page that holds no article.
"""

from __future__ import annotations

from .entities import EntityExtractor
from .page import read_page
from .text import decode_page
from .types import ParsedArticle, ParseError, PersonMention

__all__ = ["EntityExtractor", "ParseError", "ParsedArticle", "PersonMention", "decode_page", "parse_article"]


def parse_article(text: str, *, source_name: str = "", entities: EntityExtractor | None = None) -> ParsedArticle:
    """Return the article in one raw page; find its people and countries when ``entities`` is given.

    ``source_name`` only labels errors: the outlet and everything else come from the page itself.
    """
    parsed = read_page(text)
    if entities is not None:
        parsed.people, parsed.countries = entities.extract(
            title=parsed.title, summary=parsed.summary, body=parsed.body
        )
    return parsed
