"""``PostgresBackend``: the engine's contract (``search.backends.SearchBackend``) over the database's search columns.

Every search is one SQL statement over ``articles_searchdocument`` (``d``), and one or two small ones for the page's
stories: the matching set's total and facet counts (disjunctive as the Whoosh engine's: each facet counted under every
other facet's selection) and its page, ranked by ``ts_rank_cd`` with the title weighted up (of the whole text for a
few matches, of the leads for thousands: ``_answer``). Reads go where the database router sends a model's
reads (a streaming replica on a web request, newsarchive/db_router.py), writes to the primary. A statement runs under
the search's deadline (``statement_timeout``): one that runs out answers with nothing and says so, as Whoosh's
budget does.
"""

from __future__ import annotations

import logging
import math
import re
import time
from collections.abc import Callable, Iterable
from contextlib import contextmanager
from datetime import UTC
from pathlib import Path

import numpy as np
from django.db import DatabaseError, connections, router, transaction
from django.utils import timezone

from articles.models import Article, SearchDocument, SearchWord
from articles.search import engine
from articles.search.budget import Work
from articles.search.engine import FEW_RESULTS, Hit, SearchFilters, SearchResult
from articles.search.facets import FacetCount
from articles.search.indexing import IndexCheck, IndexUnavailableError
from articles.search.profiles import PROFILE_NEWEST, PROFILE_TOP, EntityProfile
from articles.search.query import Notice, ParsedQuery, parse_query
from articles.search.rebuild import CatchUp, RebuildReport, RepairReport
from articles.search.registry import FACET_NAMES
from articles.search.schema import SCHEMA_VERSION, STOP_WORDS, stem
from articles.search.spelling import MAX_DISTANCE
from articles.search.store import store
from articles.search.suggest import MAX_WORDS, edit_distance, plausible_words
from articles.search.terms import highlight_terms

from . import sql
from .vectors import VOCABULARY_PATTERN, WORD_CHARS, document_vectors, quoted, values_vector

logger = logging.getLogger(__name__)

TABLE = SearchDocument._meta.db_table
WORDS = SearchWord._meta.db_table
# Articles written (or rebuilt) per statement batch: their documents read together, their stems looked up together.
WRITE_CHUNK = 250
# The nearest words a suggestion weighs per unknown word: the trigram index gives them by distance, bounded.
NEAR_WORDS = 40
# How often a process counts the articles without search rows (shortfall): every search page shows it.
SHORTFALL_SECONDS = 30.0
# A search row's columns as _write gives them (after article_id), and those of them that are tsvectors.
COLUMNS = ("terms", "exact", "lead", "people", "countries", "outlet", "year", "month", "published", "cluster",
           "updated", "version", "written")
VECTORS = frozenset(("terms", "exact", "lead", "people", "countries"))
# A row's analysis version, as check and repair compare it: a row without the lead (written before it) is stale.
VERSION = "CASE WHEN lead IS NULL THEN 0 ELSE version END"
# A search matching more articles than this ranks them by their leads (vectors.LEAD_WORDS), not their whole texts.
RANK_WHOLE = 2000
# How many of an article's words the related articles are searched by (Whoosh's key terms: 12).
RELATED_WORDS = 12


class _OutOfTime(Exception):
    """The search's time was up before its first statement."""


def _reads() -> str:
    return router.db_for_read(SearchDocument) or "default"


def _writes() -> str:
    return router.db_for_write(SearchDocument) or "default"


# A search transaction's settings, and the statement setting them (transaction-local).
SEARCH_SETTINGS = ("enable_seqscan", "jit", "statement_timeout")
SET_SEARCH_SETTINGS = "SELECT " + ", ".join(f"set_config('{name}', %s, true)" for name in SEARCH_SETTINGS)


@contextmanager
def _deadline(alias: str, work: Work | None):
    """Run the block's statements in one transaction that PostgreSQL stops at the search's deadline.

    And with sequential scans priced out: a common word matches most rows, and the planner then reads every row's
    tsvectors (at 100k realistic articles, 1,082 ms for a facet count, against 148 ms through the GIN index; an
    unknown word's EXISTS 674 ms against 0.08: bench_backends' EXPLAIN ANALYZE, docs/scaling.md). A statement with no
    index to use (a search with no words) still scans, and its cost, priced out, is past every JIT threshold: JIT is
    off too (it compiled "okezone in 2021" for 500 of its 530 ms)."""
    with transaction.atomic(using=alias), connections[alias].cursor() as cursor:
        # Set for the transaction, and put back at its end: an outer transaction (a test's, a view's) goes on with its
        # own settings.
        cursor.execute(f"SELECT {', '.join(f'current_setting({name!r})' for name in SEARCH_SETTINGS)}")
        before = list(cursor.fetchone())
        remaining = before[2] if work is None else str(max(1, int((work.deadline - work.clock()) * 1000)))
        cursor.execute(SET_SEARCH_SETTINGS, ["off", "off", remaining])
        yield cursor
        cursor.execute(SET_SEARCH_SETTINGS, before)


def _stopped(error: DatabaseError, work: Work) -> None:
    """A statement PostgreSQL stopped at the search's deadline (query_canceled) makes an incomplete search; any other
    failure is the engine's, which the pages word as search being unavailable (never a 500)."""
    if getattr(error.__cause__, "sqlstate", "") != "57014":
        raise IndexUnavailableError(f"PostgreSQL search failed: {error}") from error
    work.cut.add("time")


def _order(sort: str, scored: bool, alias: str = "d") -> str:
    if sort == "relevance" and scored:
        return f"score DESC, {alias}.published DESC NULLS LAST, {alias}.article_id"
    if sort == "oldest":
        return f"{alias}.published ASC NULLS LAST, {alias}.article_id"
    return f"{alias}.published DESC NULLS LAST, {alias}.article_id"


class PostgresBackend:
    """Search columns in the database, written with each article: nothing to keep in step between web nodes."""

    name = "postgres"
    writes_in_transaction = True

    def __init__(self) -> None:
        self._shortfall = (-SHORTFALL_SECONDS, 0)  # (when counted, the articles without rows): none counted yet

    # Reading.

    def search(self, parsed: ParsedQuery, entities: dict[tuple[str, str], list[str]], filters: SearchFilters, *,
               sort: str = "relevance", page: int = 1, per_page: int = 20, collapse: bool = False,
               work: Work | None = None, reparse: Callable[[str], ParsedQuery] = parse_query) -> SearchResult:
        work = work or Work()
        notices = parsed.notices + [Notice(f"unknown_{kind}", name) for (kind, name), values in entities.items()
                                    if not values]
        match = sql.matching(parsed.tree, entities)
        scored = match.where is not None
        result = SearchResult(
            parsed=parsed, total=0, page=1, per_page=per_page, hits=[], facets={name: [] for name in FACET_NAMES},
            notices=notices, terms=highlight_terms(parsed), sort="newest" if sort == "relevance" and not scored
            else sort, collapse=collapse, stories=0)
        try:
            if work.expired():  # as Whoosh's budget refuses the first term: nothing is read
                raise _OutOfTime
            with _deadline(_reads(), work) as cursor:
                asked = max(page, 1)
                total, stories, result.facets, hits = _answer(cursor, match, filters, sort=result.sort, page=asked,
                                                              per_page=per_page, collapse=collapse)
                result.total, result.stories = total, stories if collapse else total
                result.page = min(asked, result.pages)
                if result.page != asked:  # past the last page: the last one is shown (a second statement)
                    hits = _answer(cursor, match, filters, sort=result.sort, page=result.page, per_page=per_page,
                                   collapse=collapse)[3]
                _versions(cursor, match, filters, hits, sort=result.sort, collapse=collapse)
                result.hits = hits
        except _OutOfTime:
            work.cut.add("time")
        except DatabaseError as error:
            _stopped(error, work)
            result.total = result.stories = 0
            result.hits = []
        if result.total < FEW_RESULTS and not work.expired():
            words = plausible_words(parsed)
            if words:
                result.suggestion, result.suggestion_total = _suggestion(parsed, words, entities, filters, work,
                                                                         reparse)
        result.account(work)
        return result

    def search_ids(self, parsed: ParsedQuery, entities: dict[tuple[str, str], list[str]], filters: SearchFilters, *,
                   sort: str = "relevance", work: Work | None = None) -> tuple[np.ndarray, SearchResult]:
        work = work or Work()
        notices = parsed.notices + [Notice(f"unknown_{kind}", name) for (kind, name), values in entities.items()
                                    if not values]
        match = sql.matching(parsed.tree, entities)
        scored = match.where is not None
        applied = "newest" if sort == "relevance" and not scored else sort
        where = _where(match, filters, every=True)
        rank = match.rank() if applied == "relevance" else sql.Fragment("0")
        ids = np.zeros(0, dtype=np.int64)
        try:
            with _deadline(_reads(), work) as cursor:
                cursor.execute(
                    f"SELECT d.article_id, {rank.sql} AS score FROM {TABLE} d WHERE ({where.sql}) "
                    f"ORDER BY {_order(applied, scored)}", rank.params + where.params)
                ids = np.fromiter((row[0] for row in cursor.fetchall()), dtype=np.int64)
        except DatabaseError as error:
            _stopped(error, work)
        result = SearchResult(
            parsed=parsed, total=len(ids), page=1, per_page=max(1, len(ids)), hits=[], facets={}, notices=notices,
            terms=highlight_terms(parsed), sort=applied, generation=self.generation())
        result.account(work)
        return ids, result

    def related(self, *, article_id: int, text: str, limit: int = 5) -> list[int]:
        """The articles sharing this one's most telling words (frequent in it, rare in the archive: tf-idf over the
        vocabulary's document counts), one per other story, best first."""
        counts: dict[str, int] = {}
        for word in re.findall(r"\w+", text.lower()):
            if word not in STOP_WORDS and len(word) >= 4 and word.isalpha():
                counts[word] = counts.get(word, 0) + 1
        if not counts:
            return []
        # Under a search's deadline: an article page must not wait on its side list (none is shown when it runs out).
        try:
            with _deadline(_reads(), Work()) as cursor:
                return self._related(cursor, article_id, counts, limit)
        except DatabaseError as error:
            logger.warning("No related articles for %s: %s", article_id, error)
            return []

    def _related(self, cursor, article_id: int, counts: dict[str, int], limit: int) -> list[int]:
        """Search the most telling of ``counts`` (the article's words) and return the best of each other story."""
        cursor.execute(f"SELECT count(*) FROM {TABLE}")
        archive = cursor.fetchone()[0] or 1
        cursor.execute(f"SELECT word, docs FROM {WORDS} WHERE word = ANY(%s)", [list(counts)])
        docs = dict(cursor.fetchall())
        telling = sorted(counts, key=lambda w: (-counts[w] * math.log(1 + archive / docs.get(w, archive)), w))
        stems = list(dict.fromkeys(stem(word) for word in telling[:RELATED_WORDS]))
        query = " | ".join(quoted(s) for s in stems)
        cursor.execute(
            f"SELECT article_id FROM (SELECT DISTINCT ON (d.cluster) d.article_id, d.cluster, "
            f"ts_rank_cd('{sql.RANK_WEIGHTS}', d.terms, %s::tsquery) AS score FROM {TABLE} d "
            f"WHERE d.terms @@ %s::tsquery AND d.cluster <> COALESCE((SELECT cluster FROM {TABLE} "
            f"WHERE article_id = %s), -1) AND d.article_id <> %s "
            f"ORDER BY d.cluster, score DESC, d.article_id) best "
            f"ORDER BY score DESC, article_id LIMIT %s", [query, query, article_id, article_id, limit])
        return [row[0] for row in cursor.fetchall()]

    def entity_profile(self, required: list[tuple[str, str]]) -> EntityProfile:
        filters = SearchFilters()
        for name, value in required:
            filters.required.setdefault(name, []).append(value)
        where = sql.fixed(filters)
        with connections[_reads()].cursor() as cursor:
            cursor.execute(
                f"SELECT count(*), count(d.published), min(d.published), max(d.published) FROM {TABLE} d "
                f"WHERE ({where.sql})", where.params)
            total, dated, first, last = cursor.fetchone()
            counts = {}
            for facet in FACET_NAMES:
                grouped = _grouped(facet, "d")
                left_out = [value for name, value in required if name == facet]
                limit = "" if facet == "month" else f"LIMIT {PROFILE_TOP}"
                cursor.execute(
                    f"SELECT value, count(*) AS n FROM {TABLE} d {grouped.join} WHERE ({where.sql}) "
                    f"AND NOT (value = ANY(%s)) {grouped.where} GROUP BY value ORDER BY n DESC, value {limit}",
                    where.params + [left_out])
                counts[facet] = [FacetCount(value, n, False) for value, n in cursor.fetchall()]
            cursor.execute(
                f"SELECT d.article_id FROM {TABLE} d WHERE ({where.sql}) ORDER BY d.published DESC NULLS LAST, "
                f"d.article_id LIMIT %s", where.params + [PROFILE_NEWEST])
            newest = [row[0] for row in cursor.fetchall()]
        months = sorted(counts.pop("month"), key=lambda count: count.value)
        return EntityProfile(total=total, undated=total - dated, first=first.astimezone(UTC) if first else None,
                             last=last.astimezone(UTC) if last else None, months=months, counts=counts, newest=newest)

    def generation(self) -> str:
        with connections[_reads()].cursor() as cursor:
            cursor.execute(f"SELECT count(*), max(written) FROM {TABLE}")
            count, written = cursor.fetchone()
        return f"postgres:{count}:{written.timestamp() if written else 0:.6f}"

    def shortfall(self) -> int:
        """The articles without search data (an archive switched to this engine before its rebuild_index, a row whose
        write failed). Counted at most every SHORTFALL_SECONDS in a process, and after each of its own writes: the
        two counts read every row (about 100 ms at 100k) and every search page asks."""
        counted, missing = self._shortfall
        if time.monotonic() - counted < SHORTFALL_SECONDS:
            return missing
        with connections[_reads()].cursor() as cursor:
            cursor.execute(f"SELECT (SELECT count(*) FROM {Article._meta.db_table}) - (SELECT count(*) FROM {TABLE})")
            missing = max(cursor.fetchone()[0], 0)
        self._shortfall = (time.monotonic(), missing)
        return missing

    def warm_up(self) -> dict[str, float]:
        clock = time.perf_counter
        parts: dict[str, float] = {}
        began = clock()
        try:
            with connections[_reads()].cursor() as cursor:
                cursor.execute(f"SELECT count(*) FROM {TABLE} d WHERE d.terms @@ 'indonesia'::tsquery")
            parts["database"] = clock() - began
            stem("penangkapan")  # the stemmer's dictionary filter is built on the first word it takes apart
            parts["stems"] = clock() - began - parts["database"]
        except Exception as error:  # noqa: BLE001 - a warm-up that fails leaves the first search to say why
            logger.warning("Search warm-up stopped: %s", error)
        return parts

    # Writing.

    def write(self, ids: Iterable[int]) -> str:
        """Write these articles' search rows in the caller's transaction, and take away those of deleted ones.

        In a savepoint of its own: a write that fails (a row PostgreSQL refuses, a fault of ours) is logged and leaves
        the rows as they were, and the article's own change stands: the editor's work is never lost to its search
        data. Return why it failed ("" when it did not); check() then finds the rows missing or stale, and
        ``rebuild_index --repair`` writes them."""
        ids = sorted({int(pk) for pk in ids})
        self._shortfall = (-SHORTFALL_SECONDS, 0)
        try:
            with transaction.atomic(using=_writes()):
                for start in range(0, len(ids), WRITE_CHUNK):
                    _write(ids[start:start + WRITE_CHUNK])
        except Exception as error:
            logger.exception(
                "Writing the PostgreSQL search rows of articles %s failed; the articles are saved. Repair with "
                "'manage.py rebuild_index --repair'.", ", ".join(map(str, ids[:50])) + (" …" if len(ids) > 50 else ""))
            return f"{type(error).__name__}: {error}"
        return ""

    def drifted(self, ids: Iterable[int]) -> list[int]:
        ids = sorted({int(pk) for pk in ids})
        if not ids:
            return []
        rows = store().stamps(ids)
        with connections[_writes()].cursor() as cursor:
            cursor.execute(f"SELECT article_id, updated, {VERSION} FROM {TABLE} WHERE article_id = ANY(%s)", [ids])
            written = {pk: (updated, version) for pk, updated, version in cursor.fetchall()}
        return sorted(pk for pk in ids if (pk in rows) != (pk in written) or pk in rows and (
            abs(rows[pk] - written[pk][0]) > 0.001 or written[pk][1] != SCHEMA_VERSION))

    def check(self) -> IndexCheck:
        rows = store().stamps()
        with connections[_writes()].cursor() as cursor:
            cursor.execute(f"SELECT article_id, updated, {VERSION} FROM {TABLE}")
            written = {pk: (updated, version) for pk, updated, version in cursor.fetchall()}
        versions = {version for _updated, version in written.values()}
        report = IndexCheck(database=len(rows), indexed=len(written),
                            schema_version=min(versions) if versions else SCHEMA_VERSION)
        report.missing = sorted(set(rows) - set(written))
        report.extra = sorted(set(written) - set(rows))
        report.stale = sorted(pk for pk, (updated, version) in written.items() if pk in rows and (
            abs(rows[pk] - updated) > 0.001 or version != SCHEMA_VERSION))
        return report

    def repair(self, *, check: IndexCheck | None = None) -> RepairReport:
        check = check or self.check()
        ids = sorted({*check.missing, *check.extra, *check.stale})
        self._shortfall = (-SHORTFALL_SECONDS, 0)
        for start in range(0, len(ids), WRITE_CHUNK):
            with transaction.atomic(using=_writes()):
                _write(ids[start:start + WRITE_CHUNK])
        return RepairReport(written=len(ids))

    def rebuild(self, *, progress: Callable[[int, int], None] | None = None) -> RebuildReport:
        """Write every article's row again (after an analyzer change: SCHEMA_VERSION), a batch per transaction, so
        that searches go on meanwhile; then count the vocabulary's words afresh and take away rows left over."""
        began = time.monotonic()
        self._shortfall = (-SHORTFALL_SECONDS, 0)
        ids = store().ids()
        known: dict[str, str] = {}
        for start in range(0, len(ids), WRITE_CHUNK):
            with transaction.atomic(using=_writes()):
                _write(ids[start:start + WRITE_CHUNK], known=known)
            if progress is not None:
                progress(min(start + WRITE_CHUNK, len(ids)), len(ids))
        with transaction.atomic(using=_writes()), connections[_writes()].cursor() as cursor:
            cursor.execute(f"DELETE FROM {TABLE} d WHERE NOT EXISTS (SELECT 1 FROM {Article._meta.db_table} a "
                           f"WHERE a.id = d.article_id)")
            cursor.execute(f"DELETE FROM {WORDS}")
            cursor.execute(
                f"INSERT INTO {WORDS} (word, docs) SELECT word, ndoc FROM ts_stat('SELECT exact FROM {TABLE}') "
                f"WHERE length(word) <= %s AND word ~ %s", [WORD_CHARS, VOCABULARY_PATTERN])
        return RebuildReport(indexed=len(ids), caught_up=0, seconds=time.monotonic() - began,
                             path=Path(f"postgres/{TABLE}"))

    def catch_up(self) -> CatchUp:
        """Nothing is owed after a command (its writes carried their search rows) unless the archive came from the
        Whoosh engine: then the rows missing are written."""
        try:
            if not self.shortfall():
                return CatchUp()
            return CatchUp(written=self.repair().written)
        except DatabaseError as error:
            return CatchUp(problem=str(error))


def _write(ids: list[int], *, known: dict[str, str] | None = None) -> None:
    documents = list(store().documents(ids))
    vectors = document_vectors([document for _pk, document in documents], known)
    now = timezone.now()
    rows = []
    words: set[str] = set()
    for (pk, document), (terms, exact, lead, vocabulary) in zip(documents, vectors, strict=True):
        published = document.get("published")
        rows.append((
            pk, terms, exact, lead, values_vector(document["people"].split()),
            values_vector(document["countries"].split()),
            document["outlet"], document["year"], document.get("month", ""),
            published.replace(tzinfo=UTC) if published else None, document["cluster"], document["updated"],
            SCHEMA_VERSION, now))
        words.update(vocabulary)
    with connections[_writes()].cursor() as cursor:
        gone = sorted(set(ids) - {pk for pk, _document in documents})
        if gone:
            cursor.execute(f"DELETE FROM {TABLE} WHERE article_id = ANY(%s)", [gone])
        if rows:
            cursor.executemany(
                f"INSERT INTO {TABLE} (article_id, {', '.join(COLUMNS)}) VALUES (%s, "
                + ", ".join("%s::tsvector" if column in VECTORS else "%s" for column in COLUMNS)
                + ") ON CONFLICT (article_id) DO UPDATE SET "
                + ", ".join(f"{column} = EXCLUDED.{column}" for column in COLUMNS)
                # A rebuild's batch read an article before a save changed it: the save's row (newer) stays.
                + f" WHERE {TABLE}.updated <= EXCLUDED.updated", rows)
        if words:
            # New words only (sorted: two writers take the same words' locks in the same order); their counts are
            # made exact by rebuild_index, and a new word starts at one article.
            cursor.execute(f"INSERT INTO {WORDS} (word, docs) SELECT unnest(%s::text[]), 1 ON CONFLICT DO NOTHING",
                           [sorted(words)])


class _Grouped:
    def __init__(self, join: str, where: str = ""):
        self.join, self.where = join, where


def _grouped(facet: str, alias: str) -> _Grouped:
    """How a facet's values are listed per row: a lexeme of a tsvector column, or the column itself."""
    if facet in sql.LEXEME_FACETS:
        return _Grouped(f"CROSS JOIN LATERAL unnest(tsvector_to_array({alias}.{facet})) AS v(value)")
    if facet == "month":
        return _Grouped(f"CROSS JOIN LATERAL (SELECT {alias}.month) AS v(value)", f"AND {alias}.month <> ''")
    return _Grouped(f"CROSS JOIN LATERAL (SELECT {alias}.{facet}) AS v(value)")


def _where(match: sql.Matching, filters: SearchFilters, *, every: bool) -> sql.Fragment:
    parts = [match.where, sql.fixed(filters)]
    if every:
        parts.extend(sql.selections(filters).values())
    return sql.joined([part for part in parts if part is not None], "AND")


def _total(cursor, match: sql.Matching, filters: SearchFilters) -> int:
    where = _where(match, filters, every=True)
    cursor.execute(f"SELECT count(*) FROM {TABLE} d WHERE ({where.sql})", where.params)
    return cursor.fetchone()[0]


def _answer(cursor, match: sql.Matching, filters: SearchFilters, *, sort: str, page: int, per_page: int,
            collapse: bool) -> tuple[int, int, dict[str, list[FacetCount]], list[Hit]]:
    """Return the total, the stories (clusters) among the matches, each facet's counts and one page's hits, in one
    statement over the matching rows (``m``: the query under the fixed filters, with each facet selection's flag).

    A facet is counted over the matches narrowed by every other facet's selection (and its own with match=all). The
    page is ranked by the whole text when at most RANK_WHOLE articles match, and past that by their leads (a bounded
    cost: the whole text of every match would be read from TOAST storage)."""
    base = _where(match, filters, every=False)
    chosen = sql.selections(filters)
    flags = list(chosen)
    scored = match.where is not None and sort == "relevance"
    # A row is counted only if it holds every selection but one at most (the one whose facet it is counted in): with
    # two selections or more, m leaves out the rest ("okezone in 2021" reads the rows of either, not all 100k).
    if len(flags) > 1:
        needed = [sql.joined([chosen[name] for name in flags if name != facet or filters.all_of(name)], "AND")
                  for facet in flags]
        base = sql.joined([base, sql.joined(needed, "OR")], "AND")

    def narrowed(facets, alias: str = "m") -> str:
        return " AND ".join(f"{alias}.s_{name}" for name in facets) or "TRUE"

    # m's rows stay narrow (a tuplestore of every match): the lead's score (of the matches under every selection), not
    # the lead itself nor the whole text's columns.
    columns = [sql.Fragment("d.article_id, d.published, d.outlet, d.year, d.month, d.people, d.countries, d.cluster"),
               *(sql.Fragment(f"({fragment.sql}) AS s_{name}", fragment.params) for name, fragment in chosen.items())]
    if scored:
        lead, selected = match.rank(lead=True), sql.joined(list(chosen.values()), "AND")
        columns.append(sql.Fragment(f"CASE WHEN {selected.sql} THEN {lead.sql} END AS lead_score",
                                    selected.params + lead.params))
    listed = ", ".join(column.sql for column in columns)
    ctes = [sql.Fragment(f"m AS MATERIALIZED (SELECT {listed} FROM {TABLE} d WHERE ({base.sql}))",
                         [p for column in columns for p in column.params] + base.params)]
    # f: the matches under every selection (m itself when none is chosen), what every count but a chosen facet's own
    # and the page read: m may hold 80,000 rows and f a hundred.
    final = "f" if flags else "m"
    if flags:
        ctes.append(sql.Fragment(f"f AS MATERIALIZED (SELECT * FROM m WHERE {narrowed(flags)})"))
    if scored:  # the whole text's score read from the row (a TOAST pointer m need not carry) of few matches only
        whole = match.rank()
        rank = sql.Fragment(f"CASE WHEN (SELECT count(*) FROM {final}) <= %s THEN (SELECT {whole.sql} FROM {TABLE} d "
                            f"WHERE d.article_id = r.article_id) ELSE r.lead_score END", [RANK_WHOLE, *whole.params])
    else:
        rank = sql.Fragment("0")
    order = _order(sort, scored, "r")
    # Each story's best match (collapse): counted as the stories and paged.
    if collapse:
        ctes.append(sql.Fragment(
            f"b AS MATERIALIZED (SELECT DISTINCT ON (r.cluster) r.article_id, r.cluster, r.published, "
            f"({rank.sql})::float8 AS score FROM {final} r ORDER BY r.cluster, {order})", rank.params))
    statements = []
    for facet in FACET_NAMES:
        others = [name for name in flags if name != facet or filters.all_of(name)]
        source, where = (final, "TRUE") if len(others) == len(flags) else ("m", narrowed(others))
        grouped = _grouped(facet, source)
        statements.append(sql.Fragment(f"SELECT %s::text, value::text, count(*), 0::float8 FROM {source} "
                                       f"{grouped.join} WHERE {where} {grouped.where} GROUP BY value", [facet]))
    stories = "(SELECT count(*) FROM b)" if collapse else "0"
    statements.append(sql.Fragment(f"SELECT ''::text, '', count(*), {stories}::float8 FROM {final}"))
    # The page's rows (kind "~"): article id, cluster, score.
    paging = [per_page, (page - 1) * per_page]
    if collapse:
        statements.append(sql.Fragment(f"(SELECT '~'::text, r.article_id::text, r.cluster, r.score FROM b r "
                                       f"ORDER BY {order} LIMIT %s OFFSET %s)", paging))
    else:
        statements.append(sql.Fragment(
            f"(SELECT '~'::text, r.article_id::text, r.cluster, ({rank.sql})::float8 AS score FROM {final} r "
            f"ORDER BY {order} LIMIT %s OFFSET %s)", rank.params + paging))
    cursor.execute("WITH " + ", ".join(cte.sql for cte in ctes) + " " + " UNION ALL ".join(s.sql for s in statements),
                   [p for part in ctes + statements for p in part.params])
    facets: dict[str, list[FacetCount]] = {name: [] for name in FACET_NAMES}
    total = stories = 0
    hits = []
    for kind, value, count, number in cursor.fetchall():
        if kind == "~":
            hits.append(Hit(article_id=int(value), docnum=-1, score=number if scored else None, cluster=count))
        elif not kind:
            total, stories = count, int(number)
        elif count:
            facets[kind].append(FacetCount(value=value, count=count, selected=value in filters.selected(kind)))
    for facet in FACET_NAMES:
        listed = {count.value for count in facets[facet]}
        facets[facet].sort(key=lambda count: count.value)
        facets[facet].extend(FacetCount(value=value, count=0, selected=True)
                             for value in filters.selected(facet) if value not in listed)
    return total, stories, facets, hits


def _versions(cursor, match: sql.Matching, filters: SearchFilters, hits: list[Hit], *, sort: str,
              collapse: bool) -> None:
    """Give the page's hits their clusters' sizes and, collapsed, their stories' other matching versions (in the
    page's order, up to engine.VERSIONS_LISTED)."""
    if not hits:
        return
    where = _where(match, filters, every=True)
    scored = match.where is not None and sort == "relevance"
    rank = match.rank() if scored else sql.Fragment("0")
    order = _order(sort, scored)
    clusters = sorted({hit.cluster for hit in hits})
    cursor.execute(f"SELECT cluster, count(*) FROM {TABLE} WHERE cluster = ANY(%s) GROUP BY cluster", [clusters])
    sizes = dict(cursor.fetchall())
    versions: dict[int, list[int]] = {}
    copied = [key for key in clusters if sizes.get(key, 1) > 1]
    if collapse and copied:
        cursor.execute(f"SELECT d.cluster, d.article_id FROM (SELECT d.article_id, d.cluster, d.published, "
                       f"{rank.sql} AS score FROM {TABLE} d WHERE ({where.sql}) AND d.cluster = ANY(%s)) d "
                       f"ORDER BY d.cluster, {order}", rank.params + where.params + [copied])
        for key, pk in cursor.fetchall():
            versions.setdefault(key, []).append(pk)
    for hit in hits:
        hit.cluster_size = sizes.get(hit.cluster, 1)
        others = [pk for pk in versions.get(hit.cluster, []) if pk != hit.article_id]
        listed = engine.VERSIONS_LISTED  # read at the call: one bound for both engines
        hit.versions, hit.versions_omitted = others[:listed], max(len(others) - listed, 0)


def _suggestion(parsed: ParsedQuery, words: list[str], entities: dict, filters: SearchFilters, work: Work,
                reparse: Callable[[str], ParsedQuery]) -> tuple[str, int]:
    """Return the query with up to MAX_WORDS of its unknown words replaced by the vocabulary's nearest (search.suggest's
    rules: our edit distance at most MAX_DISTANCE, the same first letter first, then the most frequent) and the
    articles it finds with the same filters; ("", 0) when none could be made or counted by the search's deadline."""
    try:
        with _deadline(_reads(), work) as cursor:
            text = _corrected(cursor, parsed, words, work)
            if not text:
                return "", 0
            return text, _total(cursor, sql.matching(reparse(text).tree, entities), filters)
    except DatabaseError as error:
        logger.warning("No spelling suggestion for %r: %s", parsed.text[:80], error)
        return "", 0


def _corrected(cursor, parsed: ParsedQuery, words: list[str], work: Work) -> str:
    """Return the query with its unknown words corrected, or "" when none could be."""
    text, changed, asked = parsed.text, False, 0
    for word in words:
        if asked == MAX_WORDS or work.expired():
            break
        lower = word.lower()
        # Known as it is, or through its stem ("kunjungan" finds "kunjungi"): not corrected.
        cursor.execute(f"SELECT EXISTS (SELECT 1 FROM {WORDS} WHERE word = %s) OR EXISTS (SELECT 1 FROM {TABLE} "
                       f"WHERE terms @@ %s::tsquery)", [lower, quoted(stem(lower))])
        if cursor.fetchone()[0]:
            continue
        asked += 1
        cursor.execute(f"SELECT word, docs FROM {WORDS} ORDER BY word <-> %s LIMIT %s", [lower, NEAR_WORDS])
        near = {}
        for candidate, docs in cursor.fetchall():
            distance = edit_distance(lower, candidate)
            if distance <= MAX_DISTANCE and candidate != lower:
                near[candidate] = (distance, docs)
        if near:
            best = min(near, key=lambda c: (near[c][0], c[0] != lower[0], -near[c][1], c))
            text = re.sub(rf"(?<!\w){re.escape(word)}(?!\w)", best, text, count=1)
            changed = True
    return text if changed else ""


__all__ = ["PostgresBackend"]
