"""A Page as its reader found it -> the text our parser reads and the hints its container and HTML give (issue 13).

    text, hints = page_text(page)      # raises ParseError: the page's reason
    parsed = parse_article(text, hints=hints)

A page of raw bytes (a ``.txt`` file) is decoded as always; a JSON line's text is taken as it is; HTML goes through
``html.read_html`` for its main text and metadata, merged with what the container says (``hints.hints_merge``).
When a JSON line gives both and its HTML holds no article text, its text is used. ``hints`` is None when nothing
but the text speaks, so a plain page reads exactly as before.
"""

from __future__ import annotations

from .hints import hints_merge
from .text import MAX_BYTES, decode_page
from .types import Page, PageHints, ParseError


def page_text(page: Page) -> tuple[str, PageHints | None]:
    container = page.hints if page.hints != PageHints() else None
    if page.html is not None:
        from .html import read_html  # trafilatura costs 250 ms to import: only a run that meets HTML pays it

        try:
            text, own = read_html(page.html, url=page.hints.url)
        except ParseError:
            if page.text is None:
                raise
        else:
            return text, hints_merge(page.hints, own)
    if page.text is not None:
        if len(page.text) > MAX_BYTES:  # characters: at least as many bytes
            raise ParseError(f"text too large: over {MAX_BYTES // 1_048_576} MB")
        if not page.text.strip():
            raise ParseError("empty text")
        return page.text, container
    return decode_page(page.data, size=page.size), container
