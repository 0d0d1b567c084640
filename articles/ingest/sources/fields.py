"""The fields a JSON line or a sidecar file may give about its page, checked and turned into PageHints.

Both formats share them (``url``, ``fetched_at``, ``published``, ``title``, ``outlet``, ``author``), so one function
reads them and one set of reasons explains a bad value.

>>> hints = hints_from_object({"url": "https://www.antaranews.com/berita/1", "published": "2017-02-08"},
...                           source="jsonl")
>>> hints.url, hints.published.isoformat(), hints.source
('https://www.antaranews.com/berita/1', '2017-02-08T00:00:00+07:00', 'jsonl')
>>> hints_from_object({"url": "berita/1"}, source="jsonl")
Traceback (most recent call last):
...
articles.ingest.sources.fields.FieldError: 'url' is not an http(s) URL: 'berita/1'
"""

from __future__ import annotations

from datetime import UTC, datetime

from dateutil.parser import isoparse

from ..dates import DEFAULT_ZONE
from ..types import PageHints

# A URL longer than this is not a page's address (browsers and servers stop at 8-64 KB; real article URLs are < 300).
MAX_URL_CHARS = 2048
# A title, outlet or author longer than this is a body pasted in the wrong field.
MAX_FIELD_CHARS = 1000
# Dates outside these years are typing errors, not news (the archive's reader years are 1800-2200).
_YEARS = (1800, 2200)


class FieldError(ValueError):
    """A field of a JSON line or sidecar that has the wrong type or form; the message says which and why."""


def parse_when(value: str, *, name: str) -> datetime:
    """Return an aware datetime for an ISO 8601 date or date-time; a naive one is in the archive's zone (WIB).

    >>> parse_when("2024-07-25T10:53:00Z", name="fetched_at").isoformat()
    '2024-07-25T10:53:00+00:00'
    >>> parse_when("2024-07-25 10:53", name="published").isoformat()
    '2024-07-25T10:53:00+07:00'
    """
    if not isinstance(value, str) or len(value) > 64:
        raise FieldError(f"'{name}' is not an ISO date string: {value!r:.80}")
    try:
        when = isoparse(value.strip())
    except (ValueError, OverflowError):
        raise FieldError(f"'{name}' is not an ISO date (e.g. 2017-02-08T10:53:00+07:00): {value!r:.80}") from None
    if not _YEARS[0] <= when.year <= _YEARS[1]:
        raise FieldError(f"'{name}' has an implausible year {when.year}: {value!r:.80}")
    return when.replace(tzinfo=DEFAULT_ZONE) if when.tzinfo is None else when


def parse_url(value: object, *, name: str = "url") -> str:
    """Return an absolute http(s) URL as given (normalising it is the URL module's job), or raise FieldError."""
    if not isinstance(value, str):
        raise FieldError(f"'{name}' is not a string: {type(value).__name__}")
    url = value.strip()
    if len(url) > MAX_URL_CHARS:
        raise FieldError(f"'{name}' is longer than {MAX_URL_CHARS} characters")
    if not url.lower().startswith(("http://", "https://")) or len(url.split("/", 3)[2]) == 0:
        raise FieldError(f"'{name}' is not an http(s) URL: {url!r:.80}")
    return url


def _short_text(record: dict, key: str) -> str:
    value = record.get(key)
    if value is None:
        return ""
    if not isinstance(value, str):
        raise FieldError(f"'{key}' is not a string: {type(value).__name__}")
    if len(value) > MAX_FIELD_CHARS:
        raise FieldError(f"'{key}' is longer than {MAX_FIELD_CHARS} characters")
    return " ".join(value.split())


def hints_from_object(record: dict, *, source: str, url_required: bool = True) -> PageHints:
    """Return the hints a JSON object gives (``url``, ``fetched_at``, ``published``, ``title``, ``outlet``,
    ``author``), or raise FieldError naming the first bad field. Unknown keys are ignored: scrapers add their own."""
    url = record.get("url")
    if url is None or url == "":
        if url_required:
            raise FieldError("no 'url'")
        url = ""
    else:
        url = parse_url(url)
    fetched_at = record.get("fetched_at")
    published = record.get("published")
    return PageHints(
        url=url,
        fetched_at=parse_when(fetched_at, name="fetched_at").astimezone(UTC) if fetched_at else None,
        published=parse_when(published, name="published") if published else None,
        title=_short_text(record, "title"),
        outlet_name=_short_text(record, "outlet"),
        author=_short_text(record, "author"),
        source=source,
    )
