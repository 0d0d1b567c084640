"""WARC files (ISO 28500: web crawls of the Internet Archive, Common Crawl, national libraries) as a stream of pages.

Every ``response`` record of an HTML page fetched with HTTP 200 is one page: its HTTP payload (de-chunked and
decompressed by warcio) with ``WARC-Target-URI`` and ``WARC-Date`` as hints. Every other record is skipped and
counted by kind (``warc request``, ``warc response HTTP 301``, ``warc response image/png`` ...): a crawl holds many
more of those than pages, and a report line for each would drown the pages.

Memory is one record's payload, at most MAX_BYTES + 1: warcio reads the file in 16 KB blocks, we read a payload only
up to the limit, and warcio skips the rest of a record without keeping it.
"""

from __future__ import annotations

import codecs
import re
from collections import Counter
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import BinaryIO

from warcio.archiveiterator import ArchiveIterator

from ..text import MAX_BYTES
from ..types import Page, PageHints

# The content types of an HTML page (WHATWG MIME sniffing's HTML and XHTML types).
HTML_TYPES = ("text/html", "application/xhtml+xml")
_CHARSET = re.compile(r"charset\s*=\s*[\"']?([A-Za-z0-9._:-]{1,40})", re.IGNORECASE)
_DRAIN_BLOCK = 64 * 1024


def _fetched_at(value: str | None) -> datetime | None:
    """Return WARC-Date as an aware UTC datetime (the standard says UTC, 'Z'), or None when it is missing or bad.

    >>> _fetched_at("2024-07-25T03:53:00Z").isoformat()
    '2024-07-25T03:53:00+00:00'
    """
    if not value:
        return None
    try:
        when = datetime.fromisoformat(value.strip())
    except ValueError:
        return None
    return when.replace(tzinfo=UTC) if when.tzinfo is None else when.astimezone(UTC)


def _with_http_charset(payload: bytes, content_type: str) -> bytes:
    """Return the payload re-encoded as UTF-8 with a BOM when the HTTP header names its charset.

    Page.html carries bytes only, and the HTTP charset outranks a ``<meta charset>`` (HTML's encoding sniffing);
    a BOM outranks both, so the charset the server declared survives the trip to the HTML reader.
    """
    found = _CHARSET.search(content_type)
    if not found:
        return payload
    try:
        codec = codecs.lookup(found.group(1))
    except LookupError:
        return payload  # an unknown charset: let the page's own meta decide
    if codec.name == "utf-8":
        return payload
    return codecs.BOM_UTF8 + payload.decode(codec.name, errors="replace").encode("utf-8")


def _skip_reason(record) -> str:
    """Return why a record is not a page ("" when it is one): its kind, HTTP status or content type."""
    if record.rec_type != "response":
        return f"warc {record.rec_type} record"
    if record.http_headers is None:
        return "warc response without HTTP headers"
    status = record.http_headers.get_statuscode() or "?"
    if status != "200":
        return f"warc response HTTP {status}"
    content_type = (record.http_headers.get_header("Content-Type") or "").split(";")[0].strip().lower()
    if content_type not in HTML_TYPES:
        return f"warc response {content_type or 'without content type'}"
    return ""


def _drain_truncated(record) -> bool:
    """Read the rest of a record's block and return whether the file ended before its Content-Length did."""
    stream = record.raw_stream
    while stream.read(_DRAIN_BLOCK):
        pass
    return getattr(stream, "limit", 0) > 0


def warc_pages(handle: BinaryIO, *, name: str, source_name: str, counts: Counter) -> Iterator[Page]:
    """Yield one Page per HTML response record of a WARC stream (gzipped or not), counting the records skipped.

    Pages are named ``crawl.warc.gz#7``: the file and the record's ordinal among all its records, a stable key
    for a rerun to resume by. A corrupt or truncated file ends with a failed page saying where it stopped; the pages
    before it stand.
    """
    ordinal = 0
    records = ArchiveIterator(handle)
    while True:
        try:
            record = next(records)
        except StopIteration:
            return
        # warcio meets a corrupt file with many kinds of error (ArchiveLoadFailed, EOFError, zlib.error, even an
        # AttributeError on a header cut short); each means the same to us: the file stops being readable here.
        except Exception as error:  # noqa: BLE001
            yield _stopped(name, source_name, ordinal + 1, f"{type(error).__name__}: {error}")
            return
        ordinal += 1
        if record.rec_type is None:
            yield _stopped(name, source_name, ordinal, "no WARC header (file cut short or not a WARC)")
            return
        if record.format != "warc":
            # warcio also reads the older ARC format, and takes any line of five words for an ARC header.
            yield _stopped(name, source_name, ordinal, "not a WARC/1.x record (an ARC file, or not a web archive)")
            return
        page = _record_page(record, name=f"{name}#{ordinal}", source_name=f"{source_name}#{ordinal}",
                            counts=counts)
        try:
            truncated = _drain_truncated(record)
        except Exception as error:  # noqa: BLE001 - as above: the compressed stream broke inside this record
            yield _stopped(name, source_name, ordinal, f"{type(error).__name__}: {error}")
            return
        if truncated:
            yield _stopped(name, source_name, ordinal, "the file ends inside this record (truncated download?)")
            return
        if page is not None:
            yield page


def _stopped(name: str, source_name: str, ordinal: int, reason: str) -> Page:
    return Page(f"{name}#{ordinal}", source_name=f"{source_name}#{ordinal}",
                error=f"WARC unreadable from record {ordinal} on, the records before it were read: {reason}")


def _record_page(record, *, name: str, source_name: str, counts: Counter) -> Page | None:
    """Return the page of one record, a failed page when its payload is too big or undecodable, or None (counted)."""
    reason = _skip_reason(record)
    if reason:
        counts[reason] += 1
        return None
    hints = PageHints(
        url=(record.rec_headers.get_header("WARC-Target-URI") or "").strip("<> "),
        fetched_at=_fetched_at(record.rec_headers.get_header("WARC-Date")),
        source="warc",
    )
    try:
        payload = record.content_stream().read(MAX_BYTES + 1)
    except Exception as error:  # noqa: BLE001 - a broken Content-Encoding surfaces as zlib.error, OSError, EOFError
        return Page(name, source_name=source_name, hints=hints,
                    error=f"HTML payload cannot be decoded ({type(error).__name__}: {error})")
    if len(payload) > MAX_BYTES:
        return Page(name, source_name=source_name, hints=hints,
                    error=f"HTML payload over the limit of {MAX_BYTES // 1_048_576} MB; not read further")
    content_type = record.http_headers.get_header("Content-Type") or ""
    return Page(name, source_name=source_name, html=_with_http_charset(payload, content_type), hints=hints)
