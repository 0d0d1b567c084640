"""Keep the Whoosh index a faithful copy of the database.

The index lives in generations below the store's ``index_dir`` (``settings.ARSIP_INDEX_DIR``): ``gen-<time>/`` directories and a ``current``
symlink naming the one that serves. Saves update the current generation after their transaction commits;
``rebuild_index`` builds a new generation aside and swaps the symlink in one rename, so a rebuild that dies half way
leaves the old index serving (the same idea as Wagtail's ``rebuilder.start()/finish()``, see rebuild.py).

Which articles the index still owes a write is kept in the database (queue.py): a change queues its article in its own
transaction, and a writer takes the entry off after writing it. Only ``rebuild_index`` makes an index: a process that
finds none says so and leaves its articles queued, rather than starting an empty index that would look complete.
"""

from __future__ import annotations

import copy
import fcntl
import json
import logging
import os
import shutil
import threading
import time
from collections.abc import Iterable
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from uuid import UUID

from whoosh import index as whoosh_index
from whoosh.index import LockError
from whoosh.searching import Searcher

from . import spelling
from .ahead import AnalysedText, document_key
from .backends import backend
from .bulkwriter import BulkSegmentWriter
from .documents import analyse_documents, article_documents
from .queue import queue_add, queue_remove, queue_size, queue_tokens
from .schema import SCHEMA, SCHEMA_VERSION, CountedText
from .store import store

logger = logging.getLogger(__name__)

CURRENT = "current"
VERSION_FILE = "arsip-index.json"
# Writers write segments as separate files (compound=False): Whoosh reads a compound segment's postings through a
# BytesIO copy of the whole file, about 300 MiB of heap and 0.5 s per searcher at 100k articles; separate files are
# mapped instead.
# A second Whoosh writer raises LockError; wait this long for the first to finish before giving up.
WRITER_TIMEOUT_SECONDS = 15.0
# Documents analysed together (one stem-table lookup for their words), as many as the store reads in one go.
WRITE_CHUNK = 500
# The ids indexed while a rebuild runs, one line per write (see rebuild.rebuild_index).
JOURNAL = "rebuild-journal"
# A save's merge policy (merge_small_segments): segments under this many documents are small, and MERGE_EVERY of them
# are merged into one.
SMALL_SEGMENT_DOCS = 1_000
MERGE_EVERY = 10
# A write of at least this many articles (a batch ingest's) adds its documents with the bulk writer (bulkwriter.py:
# the segments of Whoosh's writer without its per-posting pool, half its time) and merges nothing: its segment is not
# small (SMALL_SEGMENT_DOCS), so no later save merges it either. Fewer go through Whoosh's writer, which merges.
BULK_FROM = SMALL_SEGMENT_DOCS
# The postings a bulk write holds in memory before it writes them out as a segment of their own (as the rebuild's
# SEGMENT_LIMIT_MB): a batch ingest's 5,000 articles take about 100 MB.
BULK_LIMIT_MB = 160
# A bulk write's segments are never merged after it: Whoosh's merge re-adds every posting in Python, 22 ms a document
# at 100k realistic articles (two batch segments of 5,000: 224 s, ingest 74 -> 28 articles/s), under the writer's
# lock. A daily crawl of 1,000 pages or more leaves a segment a day until the next rebuild_index (docs/scaling.md).
# Held by a running rebuild; names its holder (processes.py).
REBUILD_LOCK = "rebuild.lock"


class IndexUnavailableError(Exception):
    """The index cannot be opened or written; the message says why and how to repair it."""


def index_root() -> Path:
    return store().index_dir()


def current_dir() -> Path:
    return index_root() / CURRENT


def index_exists() -> bool:
    """Return whether there is a current index; one that cannot be read counts (open_index says why)."""
    try:
        return whoosh_index.exists_in(str(current_dir()))
    except (whoosh_index.IndexError, OSError, ValueError, EOFError):
        return True


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


def open_index() -> whoosh_index.FileIndex:
    """Open the current index. Raise IndexUnavailableError when there is none: only rebuild_index makes one, from
    the whole database (an index started empty by a save would hold that one article and pass for complete)."""
    if not index_exists():
        raise IndexUnavailableError(f"No search index in {index_root()}. Run 'manage.py rebuild_index'.")
    # The generation itself, not the link: a rebuild may swap the link while this index is open, and Whoosh opens some
    # files later by name (a writer's segments, a reader's lazily loaded parts).
    try:
        return whoosh_index.open_dir(str(current_dir().resolve()))
    except (whoosh_index.IndexError, OSError, ValueError, EOFError) as error:
        raise IndexUnavailableError(
            f"The search index in {index_root()} cannot be read ({error}). Run 'manage.py rebuild_index'."
        ) from error


def index_document_count() -> int | None:
    """Return how many documents the current index holds, or None when there is no index."""
    if not index_exists():
        return None
    return open_index().doc_count()


def _locked(make):
    """Return the writer ``make`` opens, waiting up to WRITER_TIMEOUT_SECONDS for the index's lock; raise
    IndexUnavailableError when another writer holds it longer."""
    try:
        return make()
    except LockError as error:
        raise IndexUnavailableError(
            f"The search index is locked by another writer for over {WRITER_TIMEOUT_SECONDS:.0f} s."
        ) from error

def _write(ix, ids: list[int]) -> int:
    """Update the documents of ``ids`` in ``ix``: rewrite those that exist, delete those that do not. One writer and
    one commit for them all; their texts analysed a chunk at a time (each distinct word stemmed once, stems.py), or
    taken analysed ahead (texts_analysed_ahead).

    From BULK_FROM articles on, the new documents go through the bulk writer into one new segment (or a few, past
    BULK_LIMIT_MB) and their old ones are marked deleted, as Whoosh's update_document does; nothing is merged."""
    bulk = len(ids) >= BULK_FROM
    if bulk:
        writer = _locked(lambda: BulkSegmentWriter(ix, limitmb=BULK_LIMIT_MB, timeout=WRITER_TIMEOUT_SECONDS,
                                                   delay=0.2, compound=False))
    else:
        writer = _locked(lambda: ix.writer(timeout=WRITER_TIMEOUT_SECONDS, delay=0.2, compound=False))
    # An index of an older schema (its text fields take no counts) is written from the texts until it is rebuilt.
    counted = isinstance(ix.schema["content"], CountedText)
    ahead = _ahead_take(ids)
    try:
        seen = set()
        for start in range(0, len(ids), WRITE_CHUNK):
            batch = list(article_documents(ids[start:start + WRITE_CHUNK]))
            documents = [document for _pk, document in batch]
            for document in _analysed(documents, ahead) if counted else documents:
                if bulk:
                    writer.delete_by_term("id", document["id"])
                    writer.add_document(**document)
                else:
                    writer.update_document(**document)
            seen.update(pk for pk, _document in batch)
        for pk in ids:
            if pk not in seen:
                writer.delete_by_term("id", str(pk))
    except BaseException:
        writer.cancel()
        raise
    if bulk:
        writer.commit()
        _bulk_tidy(ix)
    else:
        writer.commit(mergetype=merge_small_segments)
    return len(ids)


def _bulk_tidy(ix) -> None:
    """After a bulk write (committed): build the spelling index of the segments that lack one (the new one), here
    rather than in every web worker's first suggestion (about 2 CPU-s per 6,000 articles). A failure costs speed,
    never the write: logged."""
    try:
        spelling.prepare(ix)
    except Exception as error:  # noqa: BLE001 - the documents are written; the next write or a rebuild tidies
        logger.warning("After a bulk index write, the spelling index failed: %s: %s", type(error).__name__, error)


def _analysed(documents: list[dict], ahead: dict[int, AnalysedText]) -> list[dict]:
    """Return these documents analysed (analyse_documents), taking the analysis made ahead for a document whose
    title and content it was made of; the rest are analysed here, together."""
    analysed: list[dict | None] = []
    rest = []
    for document in documents:
        made = ahead.get(int(document["id"]))
        if made is not None and made.key == document_key(document):
            analysed.append(made.document(document))
        else:
            analysed.append(None)
            rest.append(document)
    if rest:
        done = iter(analyse_documents(rest))
        analysed = [document if document is not None else next(done) for document in analysed]
    return analysed


def merge_small_segments(writer, segments: list) -> list:
    """A save's merge policy: merge the small segments saves leave (under SMALL_SEGMENT_DOCS documents each) once
    MERGE_EVERY of them have gathered, never a larger one. Return the segments kept as they are.

    Whoosh's default (MERGE_SMALL) merges every segment up to a point of a Fibonacci rule: after a rebuild of 300k
    articles in 49 segments, the first save merged 23 of them (138k documents, minutes under the writer's lock, in an
    editor's request). Here a save merges at most MERGE_EVERY × SMALL_SEGMENT_DOCS documents (a second or two); the
    rebuild's large segments stay until the next rebuild.
    """
    from whoosh.reading import SegmentReader

    small = sorted((segment for segment in segments if segment.doc_count_all() < SMALL_SEGMENT_DOCS),
                   key=lambda segment: segment.doc_count_all())
    if len(small) < MERGE_EVERY:
        return segments
    merged = small[:MERGE_EVERY]
    for segment in merged:
        reader = SegmentReader(writer.storage, writer.schema, segment)
        writer.add_reader(reader)
        reader.close()
    return [segment for segment in segments if segment not in merged]


def index_articles(ids: Iterable[int]) -> int:
    """Bring the documents of these articles up to date with the database, in one writer, and take them off the
    queue. Return how many."""
    ids = sorted({int(pk) for pk in ids})
    if not ids:
        return 0
    return _write_owed(ids, queue_tokens(ids))


def index_queued() -> int:
    """Write every article waiting in the queue (what a killed process left owed) with one writer. Return how many."""
    owed = queue_tokens()
    return _write_owed(sorted(owed), owed) if owed else 0


def _write_owed(ids: list[int], owed: dict[int, UUID]) -> int:
    """Write these articles, then take off the queue entries read before the write (``owed``): an entry renewed by a
    change that commits after that read keeps its new token and stays."""
    _journal_for_rebuild(ids)  # before opening: see rebuild.rebuild_index
    _write(open_index(), ids)
    queue_remove(owed.values())
    return len(ids)


def _journal_for_rebuild(ids: list[int]) -> None:
    """While a rebuild runs (its journal exists), note these ids in it: the rebuild writes them into its new generation
    after the swap, whatever changed (a person's rename changes no article row, so no last-change stamp tells).

    A journal whose rebuild is gone (killed: nobody holds the rebuild lock) is removed instead of growing for ever.
    """
    root = index_root()
    try:
        with open(root / JOURNAL, "r+") as journal:  # r+: never creates it
            with open(root / REBUILD_LOCK, "a") as lock:
                try:
                    fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
                except BlockingIOError:  # a rebuild runs
                    journal.seek(0, os.SEEK_END)
                    journal.write(" ".join(map(str, ids)) + "\n")
                    return
                # No rebuild holds the lock, and none can start while this process does.
                (root / JOURNAL).unlink(missing_ok=True)
                logger.warning("Removed the journal of a rebuild that is no longer running (%s).", root / JOURNAL)
    except FileNotFoundError:
        pass
    except OSError:
        # An index directory that cannot be written: the write that follows fails and says so.
        logger.debug("Cannot note ids %s in the rebuild journal", ids[:10], exc_info=True)


# Saves schedule their article ids; the ids are indexed once the transaction commits, or, inside deferred(),
# when the outermost deferred block ends: one writer for a whole batch instead of a commit per article.
_state = threading.local()


def _pending() -> set[int]:
    if not hasattr(_state, "pending"):
        _state.pending = set()
        _state.deferred = 0
        _state.ahead = {}
    return _state.pending


def texts_analysed_ahead(analysed: dict[int, AnalysedText]) -> None:
    """Offer the next index write of these articles (in this thread) their texts analysed ahead (ahead.py). A write
    takes one only for a document with the texts it was made of; what no write took is dropped when the outermost
    deferred() block ends."""
    _pending()
    _state.ahead.update(analysed)


def _ahead_take(ids: list[int]) -> dict[int, AnalysedText]:
    """Take the analyses offered for these articles (see texts_analysed_ahead)."""
    _pending()
    offered = _state.ahead
    if not offered:
        return {}
    return {pk: offered.pop(pk) for pk in ids if pk in offered}


def schedule_index(ids: Iterable[int]) -> None:
    """Queue these articles in the current transaction, and index them after it commits (at once outside a
    transaction; at the end of the outermost deferred() block inside one).

    An engine that keeps its search data in the database (backends: PostgreSQL) writes it now instead, in the same
    transaction: nothing is queued, and a rollback takes the write back with the change."""
    ids = {int(pk) for pk in ids}
    if not ids:
        return
    chosen = backend()
    if chosen.writes_in_transaction:
        problem = chosen.write(ids)
        if problem and _state.__dict__.get("deferred"):
            _state.batch.problem = problem  # what the admin tells the editor (admin/index_follows.py)
        return
    queue_add(ids)
    _pending().update(ids)
    if not _state.deferred:
        # A rolled-back transaction drops this callback and its queue entries; its ids stay pending in memory and are
        # indexed with the next flush, which reads the database and so only removes documents of rows that never were.
        store().on_commit(flush_pending)


@dataclass
class IndexBatch:
    """The index write that ends a deferred() block: its articles, and why it failed ("" when it did not). After a
    failure the articles stay queued in the database for the next writer."""

    ids: list[int] = field(default_factory=list)
    problem: str = ""


def index_problem(error: Exception) -> str:
    """Return what an index write's failure says to a reader: the reason, without the traceback."""
    if isinstance(error, IndexUnavailableError):
        return str(error)
    if isinstance(error, OSError) and error.strerror:
        return f"{error.strerror}: {error.filename}" if error.filename else error.strerror
    return f"{type(error).__name__}: {error}"


def flush_pending() -> None:
    """Index the pending ids now (an on-commit callback). Never raises: a failure is logged with the ids."""
    _flush(IndexBatch())


def _flush(batch: IndexBatch) -> None:
    pending = _pending()
    if _state.deferred or not pending:
        return
    ids = sorted(pending)
    batch.ids = sorted({*batch.ids, *ids})  # with those a stream wrote (_Stream.commit)
    pending.clear()
    try:
        index_articles(ids)
    except Exception as error:
        # Why not re-raise: the database is the record and already holds these rows, and the queue keeps what the
        # index owes. The index is a copy; losing the save because the copy failed would lose the editor's work.
        batch.problem = index_problem(error)
        logger.exception(
            "Indexing articles %s failed; the database keeps them and the index queue owes them. Repair with "
            "'manage.py rebuild_index --repair'.",
            ", ".join(map(str, batch.ids[:50])) + (" …" if len(batch.ids) > 50 else ""),
        )


@contextmanager
def deferred(*, streamed: bool = False):
    """Collect the articles saved inside the block and index them with one writer when it ends; yield the IndexBatch
    that says how that went (nested blocks share the outermost's).

    ``streamed`` (the outermost block's say): the block's caller calls write_ahead() after each of its transactions,
    and once BULK_FROM articles are pending their documents are added to a segment built aside as they come
    (_Stream), while the caller goes on, so that the end of the block only commits it."""
    _pending()
    if not _state.deferred:
        _state.batch = IndexBatch()
        _state.stream = _Stream() if streamed else None
        if streamed and index_exists():
            _remove_dead_staging(current_dir())  # any run's: also those of a crawl too small to write ahead
    batch = _state.batch
    _state.deferred += 1
    try:
        yield batch
    finally:
        _state.deferred -= 1
        if not _state.deferred and _state.stream is not None:
            stream, _state.stream = _state.stream, None
            stream.commit(batch)
        _flush(batch)
        if not _state.deferred:
            _state.ahead.clear()  # offered for articles no write took: they are written from their rows


def write_ahead() -> None:
    """Inside a streamed deferred() block, between its transactions (never inside one: its rows could still be rolled
    back): add the documents of the articles pending so far to the block's segment (see _Stream). Does nothing
    elsewhere, nor before BULK_FROM articles are pending."""
    stream = getattr(_state, "stream", None)
    if stream is not None and _state.deferred:
        stream.add(_pending())


class _Stream:
    """The documents of a batch's articles added to a new segment as the batch saves them, not all at its end.

    A batch ingest's parent process writes the index for all its parse workers: written at the end of a batch of 5,000
    articles (~20 CPU-s), the write left the workers idle once they had parsed the windows they may hold. Here each
    saved chunk's documents are read and added, between the chunk's commit and the next one, by a BulkSegmentWriter
    that holds no lock (as a rebuild's sub-writers do); the end of the batch only writes the segment out and commits it
    under the index's lock, with the old documents of its articles marked deleted, as _write's bulk path does.

    What the index ends up holding is what _write would have written. Each article's queue token is read before its
    row (as _write_owed does); at the commit, under the lock, an article whose token has changed since (a later page of
    the batch changed it, or another process, which may have written it meanwhile) is written again from its row after
    the commit, and only the tokens read are taken off the queue. An article without a row is left to that write too
    (it deletes its document). Any failure, or a rebuild that swapped the generation meanwhile, drops the segment and
    hands its articles back to the block's usual write (_flush), so they are never lost: at worst written twice.
    """

    def __init__(self) -> None:
        self.writer = None
        self.path: Path | None = None
        self.staging: Path | None = None
        self.owner = None  # the staging folder's lock file, locked while this run may still commit its segment
        self.tokens: dict[int, UUID | None] = {}
        self.failed = False

    def add(self, pending: set[int]) -> None:
        if self.failed or (self.writer is None and len(pending) < BULK_FROM):
            return
        # One already in the segment stays pending: its document there is marked deleted by the write after the
        # commit (the segment cannot delete its own documents).
        ids = sorted(pending.difference(self.tokens))
        try:
            if self.writer is None:
                if (index_root() / JOURNAL).exists():
                    self.failed = True  # a rebuild runs: the usual write notes its ids in its journal
                    return
                ix = open_index()
                self.path = Path(ix.storage.folder)
                self.counted = isinstance(ix.schema["content"], CountedText)
                # Its files go to a folder of their own until the commit moves them in: any commit meanwhile (a
                # save's) deletes the generation's segment files that its table does not list. Inside the generation
                # (a dot name, which Whoosh's clean-up passes over), so that a killed run's leftovers go with it.
                _remove_dead_staging(self.path)
                self.staging = self.path / f"{STAGING_PREFIX}{os.getpid()}-{time.time_ns()}"
                self.staging.mkdir()
                self.owner = open(self.staging / STAGING_OWNER, "w")  # noqa: SIM115 - held until the folder goes
                fcntl.flock(self.owner, fcntl.LOCK_EX | fcntl.LOCK_NB)
                staged = whoosh_index.create_in(str(self.staging), ix.schema)
                self.writer = BulkSegmentWriter(staged, _lk=False, limitmb=BULK_LIMIT_MB, compound=False)
            tokens = queue_tokens(ids)
            # One that no longer waits on the queue was written by another process meanwhile, and whatever changes
            # it next could not be told from its token (None before and after): the block's usual write, under the
            # lock, writes it from its row.
            ids = [pk for pk in ids if tokens.get(pk) is not None]
            ahead = _ahead_take(ids)
            added = set()
            for start in range(0, len(ids), WRITE_CHUNK):
                batch = list(article_documents(ids[start:start + WRITE_CHUNK]))
                documents = [document for _pk, document in batch]
                for document in _analysed(documents, ahead) if self.counted else documents:
                    self.writer.add_document(**document)
                added.update(pk for pk, _document in batch)
        except Exception as error:  # noqa: BLE001 - the usual write at the block's end writes them all
            logger.warning("Writing the index ahead failed (%s: %s); the batch's write at its end does it",
                           type(error).__name__, error)
            self._drop()
            return
        for pk in added:
            self.tokens[pk] = tokens.get(pk)
        pending.difference_update(added)

    def commit(self, batch: IndexBatch) -> None:
        """Commit the segment (see the class); hand the articles it could not settle back to the pending ones."""
        if self.writer is None:
            return
        pending = _pending()
        self.add(pending)  # the last chunk's, whatever their number
        if self.writer is None:
            return
        ids = sorted(self.tokens)
        try:
            # Written out before the lock is taken (its files are the staging folder's): under it only the deletions,
            # the files' move and the commit, so that a web save waits a moment, not the ~10 s of 5,000 articles.
            segments = self.writer.finish_segments()
            _journal_for_rebuild(ids)
            ix = open_index()
            if Path(ix.storage.folder) != self.path:
                raise IndexUnavailableError("a rebuild made another generation current meanwhile")
            writer = _locked(lambda: ix.writer(timeout=WRITER_TIMEOUT_SECONDS, delay=0.2, compound=False))
            try:
                now = queue_tokens(ids)  # under the lock: no other writer writes them until the commit
                for pk in ids:
                    writer.delete_by_term("id", str(pk))
                names = {segment.segment_id() for segment in segments}
                for path in self.staging.iterdir():
                    if any(name in path.name for name in names):
                        os.replace(path, self.path / path.name)
            except BaseException:
                writer.cancel()
                raise
            writer.commit(mergetype=lambda _writer, kept: kept + segments)
        except Exception as error:  # noqa: BLE001 - the usual write below writes them all, or says why it cannot
            logger.warning("Committing the index written ahead failed (%s: %s); writing its articles again",
                           type(error).__name__, error)
            self._drop()
            return
        self.writer = None
        self._remove_staging()
        _bulk_tidy(ix)
        batch.ids = ids  # _flush adds those it writes again
        pending.update(pk for pk in ids if now.get(pk) != self.tokens[pk])
        try:
            queue_remove(token for token in self.tokens.values() if token is not None)
        except Exception as error:  # noqa: BLE001 - written, but still owed: the next writer writes them again
            batch.problem = index_problem(error)
            logger.exception("Taking %d articles written to the index off its queue failed", len(ids))

    def _drop(self) -> None:
        """Give up the segment: its articles go back to the pending ones, for the usual write."""
        self.failed = True
        if self.writer is not None:
            try:
                self.writer.cancel()
            except Exception:  # noqa: BLE001 - nothing of it is in the index
                logger.debug("Cancelling the segment written ahead failed", exc_info=True)
            self.writer = None
        self._remove_staging()
        _pending().update(self.tokens)
        self.tokens = {}

    def _remove_staging(self) -> None:
        if self.staging is not None:
            shutil.rmtree(self.staging, ignore_errors=True)
            self.staging = None
        if self.owner is not None:
            self.owner.close()
            self.owner = None


STAGING_PREFIX = ".ahead-"
STAGING_OWNER = "owner.lock"
# A staging folder younger than this without its lock file is being made, not left.
STAGING_GRACE_SECONDS = 60


def _remove_dead_staging(folder: Path) -> None:
    """Remove the staging folders (_Stream) of ingest runs that died before their commit (a run killed mid-batch left
    it; its articles stayed owed). A live run holds an exclusive lock on its folder's lock file, which the system lets
    go when its process ends, whatever machine or container it ran in; a folder whose lock can be taken is nobody's."""
    for path in folder.glob(f"{STAGING_PREFIX}*"):
        try:
            try:
                owner = os.open(path / STAGING_OWNER, os.O_RDWR)
            except FileNotFoundError:
                if time.time() - path.stat().st_mtime > STAGING_GRACE_SECONDS:
                    shutil.rmtree(path, ignore_errors=True)
                continue
            try:
                fcntl.flock(owner, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                continue  # a live run's
            else:
                shutil.rmtree(path, ignore_errors=True)
            finally:
                os.close(owner)
        except OSError as error:
            logger.warning("Could not check the staging folder %s (%s)", path, error)


def _indexed_ids(ix) -> dict[int, float]:
    with ix.searcher() as searcher:
        return {int(fields["id"]): fields.get("updated", 0.0) for fields in searcher.all_stored_fields()}


@dataclass
class IndexCheck:
    """How the index differs from the database."""

    database: int = 0
    indexed: int = 0
    missing: list[int] = field(default_factory=list)
    extra: list[int] = field(default_factory=list)
    stale: list[int] = field(default_factory=list)
    # Articles the index queue holds: saved (or deleted) and not yet written to the index.
    queued: list[int] = field(default_factory=list)
    schema_version: int | None = None
    writable: bool = True
    problem: str = ""
    unreadable: bool = False  # an index is there and cannot be opened: only a rebuild mends it

    @property
    def ok(self) -> bool:
        return (not (self.missing or self.extra or self.stale or self.queued or self.problem)
                and self.schema_version == SCHEMA_VERSION)


def index_check() -> IndexCheck:
    """Compare the index with the database: counts, ids, last changes, the queue and the schema version."""
    rows = _row_stamps()
    report = IndexCheck(database=len(rows), schema_version=index_schema_version(), queued=sorted(queue_tokens()))
    if not index_exists():
        report.problem = f"no index in {index_root()}"
        report.missing = sorted(rows)
        report.writable = os.access(index_root() if index_root().exists() else index_root().parent, os.W_OK)
        return report
    generation = current_dir().resolve()
    report.writable = os.access(generation, os.W_OK)
    try:
        indexed = _indexed_ids(open_index())
    except IndexUnavailableError as error:
        report.problem, report.unreadable, report.missing = str(error), True, sorted(rows)
        return report
    report.indexed = len(indexed)
    report.missing, report.extra, report.stale = _drift(rows, indexed)
    return report


def index_drifted(ids: Iterable[int]) -> list[int]:
    """Return those of these articles whose document is missing from the index, older than their row, or left over
    from a deleted row (all of them when there is no index): what a re-run of their pages must write again."""
    ids = sorted({int(pk) for pk in ids})
    if not ids or not index_exists():
        return ids
    rows = store().stamps(ids)
    indexed = {}
    with open_index().searcher() as searcher:
        for pk in ids:
            fields = searcher.document(id=str(pk))
            if fields is not None:
                indexed[pk] = fields.get("updated", 0.0)
    missing, extra, stale = _drift(rows, indexed)
    return sorted({*missing, *extra, *stale})


def _row_stamps() -> dict[int, float]:
    return store().stamps()


def _drift(rows: dict[int, float], indexed: dict[int, float]) -> tuple[list[int], list[int], list[int]]:
    """Return the ids missing from the index, left over in it, and stale: a document whose last change is not its
    row's (1 ms of slack for float rounding)."""
    missing = sorted(set(rows) - set(indexed))
    extra = sorted(set(indexed) - set(rows))
    stale = sorted(pk for pk, stamp in indexed.items() if pk in rows and abs(rows[pk] - stamp) > 0.001)
    return missing, extra, stale


# The web process keeps one searcher per index directory and opens a new one when the index changes, reusing the
# readers of the segments it already had open (_reader_reusing): opening every segment costs ~200 ms at 100k
# documents, far more than a search.
_searchers: dict[str, tuple[str, Searcher]] = {}
_searchers_lock = threading.Lock()


def searcher_get() -> Searcher:
    """Return a searcher over the current index, reopened when a write or a rebuild changed it."""
    key = str(current_dir())
    with _searchers_lock:
        cached = _searchers.get(key)
        target = os.readlink(key) if os.path.islink(key) else ""
        previous = None
        if cached is not None:
            cached_target, previous = cached
            if cached_target == target and previous.up_to_date():
                return previous
        ix = open_index()
        searcher = Searcher(_reader_reusing(ix, previous), fromindex=ix)
        _searchers[key] = (os.readlink(key) if os.path.islink(key) else "", searcher)
        return searcher


def _reader_reusing(ix, previous: Searcher | None):
    """Open a reader of ``ix``'s latest commit that shares the open segment readers of ``previous`` (same generation
    directory, same segment id), so a save opens only its new segment.

    Not Whoosh's ``ix.reader(reuse=...)`` (``Searcher.refresh()``): it closes the readers the new one does not take,
    which another thread may still be searching with, and hands back a reused reader as it was, with the deletion set
    and the commit number it was opened with (a save marks the old document deleted in its old segment). Here a reused
    reader is a shallow copy given the new commit's segment (its deletions) and number; the two copies share open
    files, which the engine's search lock already serialises, and nothing is closed: the old searcher's files go with
    its last user."""
    from whoosh.reading import EmptyReader, MultiReader, SegmentReader

    folder = str(ix.storage.folder)
    reusable = {}
    if previous is not None and previous._ix is not None and str(previous._ix.storage.folder) == folder:
        reusable = {leaf.segment(): leaf for leaf, _base in previous.reader().leaf_readers()
                    if isinstance(leaf, SegmentReader) and not leaf.is_closed}
    try:
        toc = ix._read_toc()
    except OSError:  # a writer replaced a file while it was read: Whoosh's own open retries
        return ix.reader()
    readers = []
    for segment in toc.segments:
        old = reusable.get(segment)
        readers.append(_reader_renewed(old, segment, toc.generation) if old is not None
                       else SegmentReader(ix.storage, toc.schema, segment, generation=toc.generation))
    if not readers:
        return EmptyReader(toc.schema)
    return readers[0] if len(readers) == 1 else MultiReader(readers, generation=toc.generation)


def _reader_renewed(old, segment, generation: int):
    """Return a copy of a segment reader that reads ``segment`` as the new commit has it (its deletions)."""
    reader = copy.copy(old)
    reader.__dict__.pop("deleted_docs_set", None)  # a cached_property of the old deletions
    reader._segment = segment
    reader._gen = generation
    reader._perdoc = copy.copy(old._perdoc)
    reader._perdoc._segment = segment
    return reader


def searcher_generation(searcher: Searcher) -> str:
    """Return the index generation a searcher reads, "gen-<time>/<n>": the generation directory (a rebuild makes a new
    one) and Whoosh's commit number within it (each save adds one). An export cites it, so that a reader can tell
    whether a repeated export searched the same index."""
    return f"{Path(searcher._ix.storage.folder).name}/{searcher.reader().generation()}"


def index_shortfall() -> int:
    """Return how many articles searches cannot find yet: those the index queue holds, or all of them when the index
    is empty while the database is not. 0 when searches are complete."""
    queued = queue_size()
    if queued:
        return queued
    if searcher_get().doc_count() == 0:
        return store().count()
    return 0
