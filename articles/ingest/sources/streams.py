"""One input by its kind: which suffixes are read, and the pages of one opened stream of a kind.

The readers of paths and of zip members both come here, so a .warc inside a zip is read like a .warc on disk.
"""

from __future__ import annotations

import gzip
from collections import Counter
from collections.abc import Iterator
from typing import BinaryIO

from ..text import MAX_BYTES
from ..types import Page, PageHints
from .jsonl import jsonl_pages
from .warc import warc_pages

# Suffix -> kind, longest suffixes first so that "a.warc.gz" is a WARC and not an unknown ".gz".
SUFFIX_KINDS = {
    ".warc.gz": "warc", ".jsonl.gz": "jsonl", ".warc": "warc", ".jsonl": "jsonl",
    ".txt": "text", ".html": "html", ".htm": "html", ".zip": "zip",
}
SUPPORTED = ", ".join(SUFFIX_KINDS)
# Kinds whose page is the whole file (and so may have a sidecar); the others hold many pages each.
SINGLE_PAGE_KINDS = ("text", "html")


def kind_of(name: str) -> str:
    """Return the kind of input a file name says ("text", "html", "warc", "jsonl", "zip"), or "" for another.

    >>> kind_of("crawl.WARC.gz"), kind_of("berita.htm"), kind_of("foto.jpg")
    ('warc', 'html', '')
    """
    lowered = name.lower()
    return next((kind for suffix, kind in SUFFIX_KINDS.items() if lowered.endswith(suffix)), "")


def unsupported_page(name: str) -> Page:
    return Page(name, error=f"unsupported file type: give {SUPPORTED}")


def single_page(handle: BinaryIO, *, kind: str, name: str, source_name: str, size: int | None,
                hints: PageHints) -> Page:
    """Return the page of a .txt or .html stream, reading one byte past the limit and never more.

    A file over the limit keeps its ``size``: decode_page (text) or the HTML reader refuses it with the size.
    """
    data = handle.read(MAX_BYTES + 1)
    size = len(data) if size is None else size
    if kind == "html":
        if size > MAX_BYTES:
            return Page(name, source_name=source_name, size=size, hints=hints,
                        error=f"file too large: {size / 1_048_576:.1f} MB, the limit is {MAX_BYTES // 1_048_576} MB")
        return Page(name, source_name=source_name, html=data, size=size, hints=hints)
    return Page(name, source_name=source_name, data=data, size=size, hints=hints)


def stream_pages(handle: BinaryIO, *, kind: str, name: str, source_name: str, counts: Counter) -> Iterator[Page]:
    """Yield the pages of a WARC or JSON Lines stream (a .jsonl.gz is decompressed here; warcio sniffs its gzip)."""
    if kind == "warc":
        yield from warc_pages(handle, name=name, source_name=source_name, counts=counts)
    elif name.lower().endswith(".gz"):
        with gzip.GzipFile(fileobj=handle, mode="rb") as unpacked:
            yield from jsonl_pages(unpacked, name=name, source_name=source_name)
    else:
        yield from jsonl_pages(handle, name=name, source_name=source_name)
