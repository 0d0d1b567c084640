"""JSON Lines (what scrapers write): one object per line with ``url`` and ``text`` or ``html``, read as a stream.

    {"url": "https://www.tempo.co/read/1", "text": "...", "published": "2017-02-08", "title": "...", "outlet": "..."}

A line that is not such an object becomes a failed page named ``berita.jsonl:12`` whose reason starts with its line
number; blank lines are skipped. A line is read at most MAX_LINE_BYTES at a time, so a 2 GB line costs no more memory
than a long one: it is refused and skipped in blocks.
"""

from __future__ import annotations

import codecs
import json
import zlib
from collections.abc import Iterator
from typing import BinaryIO

from ..text import MAX_BYTES
from ..types import Page
from .fields import FieldError, hints_from_object

# A line holds one page (at most MAX_BYTES) with its JSON escapes and fields: escaping ("\n", "\"", "\u00e9") rarely
# adds a third, so twice the page limit refuses no page the page limit would keep.
MAX_LINE_BYTES = 2 * MAX_BYTES
_SKIP_BLOCK = 1024 * 1024


def _lines(handle: BinaryIO) -> Iterator[tuple[int, bytes | None]]:
    """Yield (line number, bytes) for each line, or (line number, None) for a line over MAX_LINE_BYTES (skipped)."""
    number = 0
    while True:
        line = handle.readline(MAX_LINE_BYTES + 1)
        if not line:
            return
        number += 1
        if len(line) > MAX_LINE_BYTES and not line.endswith(b"\n"):
            while (rest := handle.readline(_SKIP_BLOCK)) and not rest.endswith(b"\n"):
                pass
            yield number, None
        else:
            yield number, line


def _page_of_line(line: bytes, *, number: int, name: str, source_name: str) -> Page | None:
    """Return the page of one line, a failed page saying what is wrong with it, or None for a blank line."""
    if number == 1 and line.startswith(codecs.BOM_UTF8):
        line = line[len(codecs.BOM_UTF8):]
    if not line.strip():
        return None
    page_name, page_source = f"{name}:{number}", f"{source_name}:{number}"
    try:
        record = json.loads(line)
    except UnicodeDecodeError as error:
        return Page(page_name, source_name=page_source, error=f"line {number}: not UTF-8 (byte {error.start})")
    except json.JSONDecodeError as error:
        return Page(page_name, source_name=page_source,
                    error=f"line {number}: not JSON ({error.msg} at column {error.colno})")
    if not isinstance(record, dict):
        return Page(page_name, source_name=page_source,
                    error=f"line {number}: not a JSON object but {type(record).__name__}")
    try:
        return _page_of_object(record, name=page_name, source_name=page_source)
    except FieldError as error:
        return Page(page_name, source_name=page_source, error=f"line {number}: {error}")


def _body(record: dict, key: str) -> str | None:
    value = record.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise FieldError(f"'{key}' is not a string: {type(value).__name__}")
    if len(value.encode("utf-8", "surrogatepass")) > MAX_BYTES:
        raise FieldError(f"'{key}' is larger than the page limit of {MAX_BYTES // 1_048_576} MB")
    return value


def _page_of_object(record: dict, *, name: str, source_name: str) -> Page:
    """Return the page of a JSON object with ``text`` or ``html`` (both are kept when both are given)."""
    text, html = _body(record, "text"), _body(record, "html")
    if not (text and text.strip()) and not (html and html.strip()):
        raise FieldError("neither 'text' nor 'html' holds a page")
    hints = hints_from_object(record, source="jsonl")
    # The HTML arrives as a str; a BOM makes its UTF-8 bytes outrank any <meta charset> it still declares.
    html_bytes = codecs.BOM_UTF8 + html.encode("utf-8", "replace") if html and html.strip() else None
    return Page(name, source_name=source_name, text=text if text and text.strip() else None, html=html_bytes,
                hints=hints)


def jsonl_pages(handle: BinaryIO, *, name: str, source_name: str) -> Iterator[Page]:
    """Yield one Page per non-blank line of a JSON Lines stream (decompress a .jsonl.gz before handing it here).

    A stream that breaks (a gzip cut short) ends with a failed page saying after which line; the lines before stand.
    """
    number = 0
    try:
        for number, line in _lines(handle):
            if line is None:
                yield Page(f"{name}:{number}", source_name=f"{source_name}:{number}",
                           error=f"line {number}: longer than {MAX_LINE_BYTES // 1_048_576} MB; skipped")
                continue
            page = _page_of_line(line, number=number, name=name, source_name=source_name)
            if page is not None:
                yield page
    except (OSError, EOFError, zlib.error) as error:  # gzip: BadGzipFile is an OSError, a cut file an EOFError
        yield Page(f"{name}:{number + 1}", source_name=f"{source_name}:{number + 1}",
                   error=f"unreadable after line {number}: {type(error).__name__}: {error}")
