"""Make the index again from the database, or mend it: a full rebuild beside the serving index, a repair in place,
and the catch-up each indexing command runs first.

A rebuild holds ``rebuild.lock`` and writes its holder (pid and host) into it. A rebuild killed with ``kill -9`` leaves
no process behind (the build's forked writers die with it, processes.py) and so no lock held; if a platform lets them
outlive it, the next rebuild finds the lock held for a holder that is gone, and takes a fresh lock file.
"""

from __future__ import annotations

import fcntl
import gc
import logging
import os
import pickle
import shutil
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from uuid import UUID

from whoosh import index as whoosh_index
from whoosh.multiproc import MpWriter, SubWriterTask

from . import spelling
from .bulkwriter import BulkSegmentWriter
from .documents import analyse_documents, article_documents
from .indexing import (
    JOURNAL,
    REBUILD_LOCK,
    IndexCheck,
    IndexUnavailableError,
    _drift,
    _indexed_ids,
    _make_current,
    _new_generation,
    _row_stamps,
    _write,
    current_dir,
    index_articles,
    index_check,
    index_exists,
    index_problem,
    index_queued,
    index_root,
)
from .processes import children_die_with_parent, holder_line, holder_parse
from .queue import queue_remove, queue_tokens
from .schema import SCHEMA_VERSION
from .store import store

logger = logging.getLogger(__name__)

_CHUNK = 500
# Rebuilds of at least this many articles use several processes (below it, starting them costs more than it saves).
PARALLEL_BUILD_FROM = 2000
MAX_BUILD_PROCS = 4
# Documents handed to a sub-writer at a time, and analysed together (one stem-table lookup for their words).
PARALLEL_BATCH = 250
# The postings a build's writer holds in memory before it writes them out as a segment (bulkwriter.py): a process's
# memory stays near this, and a build of 100k articles on 2 cores ends with a few segments per process.
SEGMENT_LIMIT_MB = 160
# A lock held for a holder that is gone may be held for a moment by an index writer clearing a stale journal (see
# indexing._journal_for_rebuild): wait this long for it before taking the lock file as abandoned.
_ABANDONED_AFTER_SECONDS = 2.0


@dataclass
class RebuildReport:
    indexed: int
    caught_up: int
    seconds: float
    path: Path


@contextmanager
def _rebuild_lock() -> Iterator[None]:
    """Hold the rebuild lock, or raise IndexUnavailableError naming the rebuild that holds it."""
    root = index_root()
    path = root / REBUILD_LOCK
    try:
        root.mkdir(parents=True, exist_ok=True)
        handle = _lock_file_take(path)
    except OSError as error:
        raise IndexUnavailableError(
            f"Cannot take the rebuild lock in {root}: {index_problem(error)}. Make the index directory writable."
        ) from error
    with handle:
        handle.seek(0)
        handle.truncate()
        handle.write(holder_line())
        handle.flush()
        yield


def _lock_file_take(path: Path):
    """Return the lock file at ``path`` open and locked. A lock held for a holder that is gone (its forked children
    outlived it) is left to them: the file is replaced, and the new one locked."""
    waited = 0.0
    while True:
        handle = open(path, "a+")  # a+: never truncates the holder's line before the lock is ours
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as error:
            handle.seek(0)
            holder = holder_parse(handle.read())
            if holder is None or holder.alive():
                handle.close()
                named = f" ({holder})" if holder else ""
                raise IndexUnavailableError(
                    f"Another rebuild_index{named} is running on this index. Wait for it, or stop it"
                    f"{f' (kill {holder.pid})' if holder else ''} if it hangs.") from error
            if waited < _ABANDONED_AFTER_SECONDS:
                handle.close()
                time.sleep(0.1)
                waited += 0.1
                continue
            logger.warning("The rebuild lock %s is held for %s, which is gone: taking a new lock file.", path, holder)
            if _same_file(handle, path):
                path.unlink()
            handle.close()
            continue
        if _same_file(handle, path):
            return handle
        handle.close()  # replaced by another rebuild between open and lock: lock the new one


def _same_file(handle, path: Path) -> bool:
    try:
        return os.stat(path).st_ino == os.fstat(handle.fileno()).st_ino
    except FileNotFoundError:
        return False


def rebuild_index(*, progress: Callable[[int, int], None] | None = None) -> RebuildReport:
    """Build a new generation from the database, then make it current. The old one serves until the swap.

    What changes during the build is written into the old generation by the usual on-commit indexing; the rebuild
    brings it over twice: before the swap, and after it, when every new writer opens the new generation. It finds it
    in two ways: rows whose last change differs from their document's (also a long transaction that saved before the
    build began and committed later), and the journal, where every index write notes its ids, before it opens the
    index, while the rebuild runs (also changes that leave the article row alone: a rename, a merge). A writer that
    opened the old generation before the swap has noted its ids before the second pass reads them.

    Once the new generation serves, the index queue's entries from before the build are settled (the build read
    their articles afterwards), and so are those the catch-ups wrote.
    """
    began = time.perf_counter()
    with _rebuild_lock():
        journal = index_root() / JOURNAL
        journal.write_text("")  # from here on, writers note their ids
        try:
            owed = queue_tokens()
            path = _new_generation()
            ix = whoosh_index.open_dir(str(path))
            ids = store().ids()
            # Analysis is most of a build: with enough articles, one Whoosh sub-writer per core analyses batches in
            # parallel and each leaves its own segment (multisegment: no final merge; the engine reads across them).
            procs = min(os.cpu_count() or 1, MAX_BUILD_PROCS) if len(ids) >= PARALLEL_BUILD_FROM else 1
            with children_die_with_parent():
                if procs > 1:
                    # The parent only reads rows; the sub-writers analyse them (AnalysingSubWriter).
                    writer = AnalysingMpWriter(ix, procs=procs, batchsize=PARALLEL_BATCH, multisegment=True,
                                               limitmb=SEGMENT_LIMIT_MB, compound=False)
                else:
                    writer = BulkSegmentWriter(ix, limitmb=SEGMENT_LIMIT_MB, compound=False,
                                               on_segment=_spelling_for(ix.storage, ix.schema),
                                               words_of=spelling.FIELD)
                known_stems = {}  # the words stemmed so far (a serial build analyses here)
                try:
                    for start in range(0, len(ids), _CHUNK):
                        documents = [document for _pk, document in article_documents(ids[start:start + _CHUNK])]
                        for document in documents if procs > 1 else analyse_documents(documents, known=known_stems):
                            writer.add_document(**document)
                        if progress:
                            progress(min(start + _CHUNK, len(ids)), len(ids))
                except BaseException:
                    writer.cancel()
                    raise
                writer.commit()
            spelling.prepare(ix)  # each segment's near-word index (the writers made them: this maps them, or mends)
            settled = set(owed.values())
            changed = _catch_up(ix, journal, settled)
            previous = current_dir().resolve() if current_dir().is_symlink() else None
            _make_current(path)
            changed |= _catch_up(ix, journal, settled)
            queue_remove(settled)
        finally:
            journal.unlink(missing_ok=True)
        _remove_generations(keep={path, previous})
    return RebuildReport(indexed=len(ids), caught_up=len(changed), seconds=time.perf_counter() - began, path=path)


def _spelling_for(storage, schema) -> Callable[..., None]:
    """Return what a build's writer calls with each segment it writes out: that segment's spelling index made there
    and then (spelling.prepare_segment), in every writer process at once, not in the parent one segment after another
    once all are written (40 s of a 100k build's serial end). A failure is left to spelling.prepare after the commit:
    a sub-writer that raised would leave the parent waiting for its result."""

    def prepare(segment, terms=None) -> None:
        try:
            spelling.prepare_segment(storage, schema, segment, terms)
        except Exception:  # noqa: BLE001 -- any: spelling.prepare builds what is missing
            logger.warning("Spelling index of segment %s not made by its writer", segment.segment_id(),
                           exc_info=True)

    return prepare


class AnalysingSubWriter(SubWriterTask):
    """A sub-writer of a parallel build that analyses each batch of documents it is handed as a whole
    (documents.analyse_documents) before adding them: tokenising, stemming and posting all run in the sub-writers, on
    every core, and each batch's new words are stemmed once and added to the stem table.

    It writes with a BulkSegmentWriter (no posting pool, no run files), which may write several segments, each with its
    spelling index made as it is written (_spelling_for): it hands the parent the list of them all
    (AnalysingMpWriter._commit_toc)."""

    def run(self):
        # What this process inherited from the parent (Django, the schema, the parent's rows) is never collected
        # here: frozen, Python's full collections skip it, and do not write into its pages (shared with the parent
        # until written).
        gc.freeze()
        ix = self.storage.open_index(self.indexname)
        writer = self.writer = BulkSegmentWriter(ix, _lk=False, on_segment=_spelling_for(ix.storage, ix.schema),
                                                 words_of=spelling.FIELD,
                                                 **self.kwargs)
        self.stems: dict[str, str] = {}  # the words this process has stemmed: each looked up in the table once
        while self.running:
            job = self.jobqueue.get()
            if job is None:
                break
            self._process_file(*job)
        if not self.running:
            writer.cancel()
            return
        self.resultqueue.put((None, set(), writer.finish_segments()), timeout=5)

    def _process_file(self, filename, doc_count):
        writer = self.writer
        storage = writer.temp_storage()
        with storage.open_file(filename).raw_file() as file:
            documents = [pickle.load(file)[1] for _ in range(doc_count)]  # written by MpWriter._enqueue: (0, fields)
        storage.delete_file(filename)
        # No collection while a batch is analysed and added: its documents' postings (a list per word of each) live
        # until the batch is added, so every collection in between scanned them and moved them to older generations,
        # scanned again there (0.5 ms of an article's CPU, issue 17). They make no cycles; what a batch leaves is
        # collected after it.
        gc.disable()
        try:
            for document in analyse_documents(documents, known=self.stems):
                writer.add_document(**document)
        finally:
            gc.enable()


class AnalysingMpWriter(MpWriter):
    """Whoosh's parallel writer with AnalysingSubWriter as its sub-writers (forked, as MpWriter's are by default).
    Multisegment only: each sub-writer's segments join the index as they are."""

    def __init__(self, ix, **kwargs):
        if not kwargs.get("multisegment"):
            raise ValueError("AnalysingMpWriter writes multisegment only (its sub-writers leave no runs to merge)")
        super().__init__(ix, **kwargs)

    def _commit_toc(self, segments):
        """Write the table of segments, with each sub-writer's list of segments (AnalysingSubWriter.run) in it."""
        flat = []
        for segment in segments:
            flat.extend(segment if isinstance(segment, list) else [segment])
        super()._commit_toc(flat)

    def _new_task(self):
        task = AnalysingSubWriter(self.storage, self.indexname, self.jobqueue, self.resultqueue, self.subargs,
                                  self.multisegment)
        self.tasks.append(task)
        task.start()
        return task


def _catch_up(ix, journal: Path, settled: set[UUID]) -> set[int]:
    """Write into ``ix`` the articles it lacks, has left over, holds in another version than the database's, or that
    were indexed elsewhere since the journal began. Add to ``settled`` the queue tokens this settles, read before the
    write (the caller takes them off once ``ix`` serves)."""
    owed = queue_tokens()
    missing, extra, stale = _drift(_row_stamps(), _indexed_ids(ix))
    noted = journal.read_text().split() if journal.exists() else []
    changed = {*missing, *extra, *stale, *(int(pk) for pk in noted)}
    if changed:
        _write(ix, sorted(changed))
        settled.update(token for pk, token in owed.items() if pk in changed)
    return changed


def _remove_generations(*, keep: set[Path | None]) -> None:
    """Remove generations other than the current and the previous one (a reader may still hold the previous), and
    the unfinished ones of rebuilds that died."""
    keep_names = {path.name for path in keep if path is not None}
    for path in index_root().glob("gen-*"):
        if path.name not in keep_names:
            shutil.rmtree(path, ignore_errors=True)


@dataclass
class RepairReport:
    """What a repair wrote: the documents it rewrote in place, or the rebuild it needed instead."""

    written: int = 0
    rebuilt: RebuildReport | None = None


def index_repair(*, check: IndexCheck | None = None) -> RepairReport:
    """Bring the index level with the database with the least work: write the queued articles and those the check
    finds missing, left over or stale into the current index. Rebuild only when there is no index or its schema is
    not this code's, or the index cannot be read. ``check`` is a check just made (one fewer pass over every row and
    document). Raise IndexUnavailableError (or OSError) when the index cannot be written."""
    if not index_exists():
        return RepairReport(rebuilt=rebuild_index())
    check = check or index_check()
    if check.schema_version != SCHEMA_VERSION or check.unreadable:
        return RepairReport(rebuilt=rebuild_index())
    ids = {*check.queued, *check.missing, *check.extra, *check.stale}
    return RepairReport(written=index_articles(ids))


@dataclass
class CatchUp:
    """What an indexing command found owed before its own work, and what it did about it."""

    written: int = 0
    rebuilt: RebuildReport | None = None
    problem: str = ""


def index_catch_up() -> CatchUp:
    """Finish what earlier runs left owed: write the articles waiting in the index queue (a killed ingest, upload,
    merge or re-extraction), or build the index when there is none (a fresh archive, a deleted index).

    Never raises for the index: a command goes on with its database work, and the queue keeps what is owed.
    """
    try:
        if not index_exists():
            return CatchUp(rebuilt=rebuild_index())
        return CatchUp(written=index_queued())
    except Exception as error:  # the database is the record: the command's own work must still be done
        logger.debug("Catching up the index failed", exc_info=True)
        return CatchUp(problem=index_problem(error))
