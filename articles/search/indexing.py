"""Keep the Whoosh index a faithful copy of the database.

The index lives in generations below ``settings.ARSIP_INDEX_DIR``: ``gen-<time>/`` directories and a ``current``
symlink naming the one that serves. Saves update the current generation after their transaction commits;
``rebuild_index`` builds a new generation aside and swaps the symlink in one rename, so a rebuild that dies half way
leaves the old index serving (the same idea as Wagtail's ``rebuilder.start()/finish()``).
"""

from __future__ import annotations

import fcntl
import json
import logging
import os
import shutil
import threading
import time
from collections.abc import Callable, Iterable
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.db import transaction
from whoosh import index as whoosh_index
from whoosh.index import LockError
from whoosh.searching import Searcher

from articles.models import Article

from .documents import article_documents
from .schema import SCHEMA, SCHEMA_VERSION

logger = logging.getLogger(__name__)

CURRENT = "current"
VERSION_FILE = "arsip-index.json"
# Writers write segments as separate files (compound=False): Whoosh reads a compound segment's postings through a
# BytesIO copy of the whole file, about 300 MiB of heap and 0.5 s per searcher at 100k articles; separate files are
# mapped instead.
# A second Whoosh writer raises LockError; wait this long for the first to finish before giving up.
WRITER_TIMEOUT_SECONDS = 15.0
_CHUNK = 500
# Rebuilds of at least this many articles use several processes (below it, starting them costs more than it saves).
PARALLEL_BUILD_FROM = 2000
MAX_BUILD_PROCS = 4
# The ids indexed while a rebuild runs, one line per write (see rebuild_index).
JOURNAL = "rebuild-journal"
# Documents handed to a sub-writer at a time (Whoosh's default).
PARALLEL_BATCH = 100


class IndexUnavailableError(Exception):
    """The index cannot be opened or written; the message says why and how to repair it."""


def index_root() -> Path:
    return Path(settings.ARSIP_INDEX_DIR)


def current_dir() -> Path:
    return index_root() / CURRENT


def index_exists() -> bool:
    return whoosh_index.exists_in(str(current_dir()))


def index_schema_version() -> int | None:
    """Return the schema version the current index was built with, or None when there is no index."""
    try:
        return json.loads((current_dir() / VERSION_FILE).read_text())["schema_version"]
    except (OSError, ValueError, KeyError):
        return None


def _new_generation() -> Path:
    root = index_root()
    root.mkdir(parents=True, exist_ok=True)
    path = root / f"gen-{time.time_ns()}"
    path.mkdir()
    whoosh_index.create_in(str(path), SCHEMA)
    (path / VERSION_FILE).write_text(json.dumps({"schema_version": SCHEMA_VERSION}))
    return path


def _make_current(path: Path) -> None:
    """Point ``current`` at a generation in one atomic rename (a symlink replaced, never missing)."""
    link = index_root() / f".{CURRENT}-{os.getpid()}-{threading.get_ident()}"
    link.unlink(missing_ok=True)
    link.symlink_to(path.name)
    os.replace(link, current_dir())


def open_index(*, create: bool = True) -> whoosh_index.FileIndex:
    """Open the current index, creating an empty one when there is none and ``create`` is set."""
    if not index_exists():
        if not create:
            raise IndexUnavailableError(f"No search index in {index_root()}. Run 'manage.py rebuild_index'.")
        try:
            _make_current(_new_generation())
        except OSError as error:
            raise IndexUnavailableError(
                f"Cannot create the search index in {index_root()}: {error.strerror}. "
                "Make the directory writable or set ARSIP_INDEX_DIR."
            ) from error
    # The generation itself, not the link: a rebuild may swap the link while this index is open, and Whoosh opens some
    # files later by name (a writer's segments, a reader's lazily loaded parts).
    return whoosh_index.open_dir(str(current_dir().resolve()))


def _write(ix, ids: list[int]) -> int:
    """Update the documents of ``ids`` in ``ix``: rewrite those that exist, delete those that do not."""
    try:
        writer = ix.writer(timeout=WRITER_TIMEOUT_SECONDS, delay=0.2, compound=False)
    except LockError as error:
        raise IndexUnavailableError(
            f"The search index is locked by another writer for over {WRITER_TIMEOUT_SECONDS:.0f} s."
        ) from error
    try:
        seen = set()
        for pk, document in article_documents(ids):
            writer.update_document(**document)
            seen.add(pk)
        for pk in ids:
            if pk not in seen:
                writer.delete_by_term("id", str(pk))
    except BaseException:
        writer.cancel()
        raise
    writer.commit()
    return len(ids)


def index_articles(ids: Iterable[int]) -> int:
    """Bring the documents of these articles up to date with the database, in one writer. Return how many."""
    ids = sorted({int(pk) for pk in ids})
    if not ids:
        return 0
    _journal_for_rebuild(ids)  # before opening: see rebuild_index
    return _write(open_index(), ids)


def _journal_for_rebuild(ids: list[int]) -> None:
    """While a rebuild runs (its journal exists), note these ids in it: the rebuild writes them into its new generation
    after the swap, whatever changed (a person's rename changes no article row, so no last-change stamp tells)."""
    try:
        with open(index_root() / JOURNAL, "r+") as journal:  # r+: never creates it
            journal.seek(0, os.SEEK_END)
            journal.write(" ".join(map(str, ids)) + "\n")
    except FileNotFoundError:
        pass


# Saves schedule their article ids; the ids are indexed once the transaction commits, or, inside deferred(),
# when the outermost deferred block ends: one writer for a whole batch instead of a commit per article.
_state = threading.local()


def _pending() -> set[int]:
    if not hasattr(_state, "pending"):
        _state.pending = set()
        _state.deferred = 0
    return _state.pending


def schedule_index(ids: Iterable[int]) -> None:
    """Index these articles after the current transaction commits (at once outside a transaction)."""
    pending = _pending()
    pending.update(int(pk) for pk in ids)
    if not _state.deferred:
        # A rolled-back transaction drops this callback; its ids stay pending and are indexed with the next flush,
        # which reads the database and so only removes documents of rows that never were.
        transaction.on_commit(flush_pending)


def flush_pending() -> None:
    """Index the pending ids now. Never raises: a failure is logged with the ids, the saves stay."""
    pending = _pending()
    if _state.deferred or not pending:
        return
    ids = sorted(pending)
    pending.clear()
    try:
        index_articles(ids)
    except Exception:
        # Why not re-raise: the database is the record and already holds these rows. The index is a copy; losing
        # the save because the copy failed would lose the editor's work. rebuild_index --check finds the drift.
        logger.exception(
            "Indexing articles %s failed; the database keeps them. Repair with 'manage.py rebuild_index'.",
            ", ".join(map(str, ids[:50])) + (" …" if len(ids) > 50 else ""),
        )


@contextmanager
def deferred():
    """Collect the articles saved inside the block and index them with one writer when it ends."""
    _pending()
    _state.deferred += 1
    try:
        yield
    finally:
        _state.deferred -= 1
        flush_pending()


def discard_pending() -> None:
    """Forget scheduled ids (tests: a rolled-back test database leaves ids of rows that are gone)."""
    _pending().clear()


@dataclass
class RebuildReport:
    indexed: int
    caught_up: int
    seconds: float
    path: Path


@contextmanager
def _rebuild_lock():
    root = index_root()
    root.mkdir(parents=True, exist_ok=True)
    with open(root / "rebuild.lock", "w") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as error:
            raise IndexUnavailableError("Another rebuild_index is running on this index.") from error
        yield


def _indexed_ids(ix) -> dict[int, float]:
    with ix.searcher() as searcher:
        return {int(fields["id"]): fields.get("updated", 0.0) for fields in searcher.all_stored_fields()}


def rebuild_index(*, progress: Callable[[int, int], None] | None = None) -> RebuildReport:
    """Build a new generation from the database, then make it current. The old one serves until the swap.

    What changes during the build is written into the old generation by the usual on-commit indexing; the rebuild
    brings it over twice: before the swap, and after it, when every new writer opens the new generation. It finds it
    in two ways: rows whose last change differs from their document's (also a long transaction that saved before the
    build began and committed later), and the journal, where every index write notes its ids, before it opens the
    index, while the rebuild runs (also changes that leave the article row alone: a rename, a merge). A writer that
    opened the old generation before the swap has noted its ids before the second pass reads them.
    """
    began = time.perf_counter()
    with _rebuild_lock():
        journal = index_root() / JOURNAL
        journal.write_text("")  # from here on, writers note their ids
        try:
            path = _new_generation()
            ix = whoosh_index.open_dir(str(path))
            ids = list(Article.objects.order_by("pk").values_list("pk", flat=True))
            # Analysis is most of a build: with enough articles, one Whoosh sub-writer per core analyses batches in
            # parallel and each leaves its own segment (multisegment: no final merge; the engine reads across them).
            procs = min(os.cpu_count() or 1, MAX_BUILD_PROCS) if len(ids) >= PARALLEL_BUILD_FROM else 1
            if procs > 1:
                writer = ix.writer(procs=procs, batchsize=PARALLEL_BATCH, multisegment=True, limitmb=128,
                                   compound=False)
            else:
                writer = ix.writer(limitmb=256, compound=False)
            try:
                for start in range(0, len(ids), _CHUNK):
                    for _pk, document in article_documents(ids[start:start + _CHUNK]):
                        writer.add_document(**document)
                    if progress:
                        progress(min(start + _CHUNK, len(ids)), len(ids))
            except BaseException:
                writer.cancel()
                raise
            writer.commit()
            changed = _catch_up(ix, journal)
            previous = current_dir().resolve() if current_dir().is_symlink() else None
            _make_current(path)
            changed |= _catch_up(ix, journal)
        finally:
            journal.unlink(missing_ok=True)
        _remove_generations(keep={path, previous})
    return RebuildReport(indexed=len(ids), caught_up=len(changed), seconds=time.perf_counter() - began, path=path)


def _catch_up(ix, journal: Path) -> set[int]:
    """Write into ``ix`` the articles it lacks, has left over, holds in another version than the database's, or that
    were indexed elsewhere since the journal began."""
    missing, extra, stale = _drift(_row_stamps(), _indexed_ids(ix))
    changed = {*missing, *extra, *stale, *(int(pk) for pk in journal.read_text().split())}
    if changed:
        _write(ix, sorted(changed))
    return changed


def _remove_generations(*, keep: set[Path | None]) -> None:
    """Remove generations other than the current and the previous one (a reader may still hold the previous)."""
    keep_names = {path.name for path in keep if path is not None}
    for path in index_root().glob("gen-*"):
        if path.name not in keep_names:
            shutil.rmtree(path, ignore_errors=True)


@dataclass
class IndexCheck:
    """How the index differs from the database."""

    database: int = 0
    indexed: int = 0
    missing: list[int] = field(default_factory=list)
    extra: list[int] = field(default_factory=list)
    stale: list[int] = field(default_factory=list)
    schema_version: int | None = None
    problem: str = ""

    @property
    def ok(self) -> bool:
        return not (self.missing or self.extra or self.stale or self.problem) and self.schema_version == SCHEMA_VERSION


def index_check() -> IndexCheck:
    """Compare the index with the database: counts, ids, last changes and the schema version."""
    rows = _row_stamps()
    report = IndexCheck(database=len(rows), schema_version=index_schema_version())
    if not index_exists():
        report.problem = f"no index in {index_root()}"
        report.missing = sorted(rows)
        return report
    indexed = _indexed_ids(whoosh_index.open_dir(str(current_dir().resolve())))
    report.indexed = len(indexed)
    report.missing, report.extra, report.stale = _drift(rows, indexed)
    return report


def _row_stamps() -> dict[int, float]:
    return {pk: updated.timestamp() for pk, updated in Article.objects.values_list("pk", "updated_at")}


def _drift(rows: dict[int, float], indexed: dict[int, float]) -> tuple[list[int], list[int], list[int]]:
    """Return the ids missing from the index, left over in it, and stale: a document whose last change is not its
    row's (1 ms of slack for float rounding)."""
    missing = sorted(set(rows) - set(indexed))
    extra = sorted(set(indexed) - set(rows))
    stale = sorted(pk for pk, stamp in indexed.items() if pk in rows and abs(rows[pk] - stamp) > 0.001)
    return missing, extra, stale


# The web process keeps one searcher per index directory and opens a new one when the index changes: opening costs
# ~200 ms at 100k documents, far more than a search.
_searchers: dict[str, tuple[str, Searcher]] = {}
_searchers_lock = threading.Lock()


def searcher_get() -> Searcher:
    """Return a searcher over the current index, reopened when a write or a rebuild changed it."""
    key = str(current_dir())
    with _searchers_lock:
        cached = _searchers.get(key)
        target = os.readlink(key) if os.path.islink(key) else ""
        if cached is not None:
            cached_target, searcher = cached
            if cached_target == target and searcher.up_to_date():
                return searcher
        # Not refresh(): it closes readers another thread may still be searching with. The old searcher is
        # released when its last user lets go of it.
        searcher = open_index().searcher()
        _searchers[key] = (os.readlink(key), searcher)
        return searcher
