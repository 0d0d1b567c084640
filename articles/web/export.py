"""Export a search's whole result set, one row per article, as CSV or JSON Lines (README, "Export").

The export takes the search page's parameters (``search_page.search_terms``), lists every matching article in the
search's order (never collapsed into stories: each row carries its story's ``cluster``), and opens with a header that
records the query, the parameters, the time and the index generation, so that an export can be cited and repeated.
Rows are read in chunks of ``CHUNK`` ids, three queries each, and written as they are read: memory stays flat whatever
the number of rows. The URL (``views.export``) and ``manage.py export_search`` share everything here.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime

import numpy as np
from django.http import QueryDict
from django.utils.translation import gettext as _

from articles import selectors
from articles.search.indexing import IndexUnavailableError

from .api import incomplete_json
from .labels import NOTICE_TEXT, message
from .search_page import english_words_glossary, search_terms

FORMATS = ("csv", "jsonl")
# What a response says it is. JSON Lines has no registered media type; application/x-ndjson is the one HTTP tools
# (curl users, jq, Elasticsearch's bulk API, browsers' "save as") recognise, and its lines are exactly JSON Lines.
CONTENT_TYPES = {"csv": "text/csv; charset=utf-8", "jsonl": "application/x-ndjson; charset=utf-8"}
# The row keys, in column order; "body" follows with include=body.
COLUMNS = ("id", "url", "outlet", "outlet_name", "published", "title", "author", "dateline", "people", "countries",
           "cluster")
# Articles read per round of queries: three queries per chunk (articles, people, countries) keep 100k rows to 300
# queries, and a chunk's rows (bodies included, a few KB each) stay a few MB.
CHUNK = 1000
# The search page's parameters an export does not use: it has no pages, and lists every article (each row names its
# story's cluster). Recorded in the header all the same.
UNUSED = ("page", "per_page", "collapse")
# CSV joins a row's people and countries with this; a name holds no semicolon (the gazetteer's names are words).
LIST_SEPARATOR = "; "


class ExportError(Exception):
    """The parameters do not describe one search: ``messages`` say what to change (the API's messages)."""

    def __init__(self, messages: list[str], *, unavailable: bool = False):
        super().__init__(" ".join(messages))
        self.messages = messages
        self.unavailable = unavailable  # the index, not the parameters: try again later


@dataclass
class Export:
    """One search's result set, ready to be written: the ids in order and the header that describes them."""

    ids: np.ndarray
    header: dict
    body: bool


def export_prepare(query_dict: QueryDict, *, now: datetime | None = None) -> Export:
    """Run the search ``query_dict`` describes (the search page's parameters, and ``include=body``) and return its
    ids and header. Raise ``ExportError`` when a parameter cannot be used: an export with a filter silently dropped
    would look complete and be another data set, so unlike the page it refuses, with the page's messages.

    The matching has the page's time budget (``search.budget.Work``): the same parameters find the same articles as
    the page and the API, and the header's ``incomplete`` says when that search was cut. Writing the rows is bounded
    by their number, not by the budget (README, "Export": a very large export belongs to ``manage.py export_search``).
    """
    include = [value.strip() for value in query_dict.getlist("include") if value.strip()]
    problems = [message(_("Parameter “include” hanya menerima “body”, bukan “%(value)s”."), value=value[:60])
                for value in include if value != "body"]
    search_params = query_dict.copy()
    for name in (*UNUSED, "include"):
        search_params.pop(name, None)
    terms = search_terms(search_params, fixed={})
    problems = terms.problems + problems
    if problems:
        raise ExportError(problems)
    try:
        ids, result = selectors.article_search_ids(text=terms.query, filters=terms.filters, sort=terms.sort,
                                                   glossary=english_words_glossary())
    except IndexUnavailableError as error:
        raise ExportError([_("Pencarian sedang tidak tersedia. Coba lagi sebentar lagi.")], unavailable=True) from error
    notices = [message(NOTICE_TEXT[n.code], detail=n.detail) for n in result.notices
               if n.code in NOTICE_TEXT and not n.code.startswith("incomplete_")]
    header = {
        "query": terms.query,
        "parameters": {name: values for name, values in query_dict.lists()},
        "sort": result.sort,
        "exported_at": (now or datetime.now(UTC)).astimezone(UTC).isoformat(timespec="seconds"),
        "index_generation": result.generation,
        "total": result.total,
        "incomplete": incomplete_json(result.incomplete),
        "messages": list(dict.fromkeys([*terms.notes, *notices])),
    }
    return Export(ids=ids, header=header, body="body" in include)


def export_filename(fmt: str, *, now: datetime | None = None) -> str:
    """Return the download's name, dated so that two exports do not overwrite each other: arsip-berita-<UTC>.csv."""
    return f"arsip-berita-{(now or datetime.now(UTC)).astimezone(UTC):%Y%m%d-%H%M%S}.{fmt}"


def export_lines(export: Export, fmt: str) -> Iterator[str]:
    """Yield the export as text: the header line, then the rows a chunk at a time (one string per chunk)."""
    write = _csv_chunks if fmt == "csv" else _jsonl_chunks
    return write(export)


def _records(export: Export) -> Iterator[list[dict]]:
    for start in range(0, len(export.ids), CHUNK):
        # An article deleted since the search is left out: the header's total is what the search found.
        yield selectors.article_export_records(export.ids[start:start + CHUNK].tolist(), body=export.body)


def _row(record: dict, *, body: bool) -> dict:
    """Return one row as JSON Lines gives it (CSV flattens the lists)."""
    row = {
        "id": record["pk"],
        "url": record["url"] or None,
        "outlet": record["outlet__slug"],
        "outlet_name": record["outlet__name"],
        "published": record["published"].isoformat() if record["published"] is not None else None,
        "title": record["title"],
        "author": record["author"],
        "dateline": record["dateline"],
        "people": [{"slug": slug, "name": name} for slug, name in record["people"]],
        "countries": [{"code": code, "name": name} for code, name in record["countries"]],
        "cluster": record["cluster"] or record["pk"],
    }
    if body:
        row["body"] = record["body"]
    return row


def _jsonl_chunks(export: Export) -> Iterator[str]:
    yield _json_line({"export": export.header})
    for records in _records(export):
        yield "".join(_json_line(_row(record, body=export.body)) for record in records)


def _json_line(value: dict) -> str:
    # ensure_ascii=False: Indonesian names stay readable; json.dumps escapes a newline inside a string, so a value
    # never breaks its line.
    return json.dumps(value, ensure_ascii=False) + "\n"


def _csv_chunks(export: Export) -> Iterator[str]:
    columns = [*COLUMNS, "body"] if export.body else list(COLUMNS)
    buffer = io.StringIO()
    # The csv module's defaults (RFC 4180: fields with commas, quotes or line breaks quoted, quotes doubled, CRLF rows).
    writer = csv.writer(buffer)
    buffer.write("# " + json.dumps(export.header, ensure_ascii=False) + "\r\n")
    writer.writerow(columns)
    yield _drain(buffer)
    for records in _records(export):
        for record in records:
            row = _row(record, body=export.body)
            row["url"] = row["url"] or ""
            row["published"] = row["published"] or ""
            row["people"] = LIST_SEPARATOR.join(person["name"] for person in row["people"])
            row["countries"] = LIST_SEPARATOR.join(country["name"] for country in row["countries"])
            writer.writerow([row[column] for column in columns])
        yield _drain(buffer)


def _drain(buffer: io.StringIO) -> str:
    text = buffer.getvalue()
    buffer.seek(0)
    buffer.truncate()
    return text
