"""Each distinct word stemmed once in the archive's life: a table of word -> stem beside the index, shared by every
process of the node.

Sastrawi takes 0.1-1 ms for a word it has to take apart (0.47 ms on average for Indonesian-looking words outside its
dictionary), and an archive of 100k articles holds about 400k distinct words: stemming them again at every rebuild
costs minutes, and an in-process cache of a web worker never settles. So the index writer looks its words up here,
stems only those the table lacks and adds them (``stems_for``); the highlighter asks the other way round, which words of
the archive have a query's stems (``StemTable.words_with``), and marks a snippet without stemming it.

The table is a SQLite file in the index root (``stems-<ANALYSIS>.sqlite3``), outside the generations, so a rebuild
finds the stems of the archive it rebuilds. Its name carries a digest of the stemming rules (the schema version, the
overrides, Sastrawi's version): another analysis starts a new table, never reads stems of the old one. Writes are
``INSERT OR IGNORE`` in short transactions: two writers adding the same word agree, since the stem is a function of the
word. Losing the file loses no data, only time: every stem is computed again on need.
"""

from __future__ import annotations

import hashlib
import inspect
import logging
import os
import sqlite3
import threading
from collections.abc import Collection, Iterable, Mapping
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from . import roots
from .schema import SCHEMA_VERSION, STEM_OVERRIDES, stem
from .store import store

logger = logging.getLogger(__name__)

# Words asked about in one SQL statement (SQLite allows 32,766 parameters since 3.32; this stays well under).
_CHUNK = 900
# How long a writer waits for another process's write to the table before giving up (the stems are then not stored:
# computed again next time, nothing lost).
_BUSY_MS = 5_000
# A stem's forms listed for the highlighter: the commonest stems have a few hundred in a large archive.
MAX_FORMS = 2_000


def _analysis() -> str:
    """Return a digest of what decides a word's stem: another value starts another table. The code of ``stem`` and of
    its dictionary filter (roots.py) count too: a change there without a schema bump must not read old stems."""
    try:
        sastrawi = version("Sastrawi")
    except PackageNotFoundError:  # pragma: no cover - installed from requirements.txt
        sastrawi = "?"
    code = inspect.getsource(stem) + Path(roots.__file__).read_text(encoding="utf-8")
    rules = repr((SCHEMA_VERSION, sorted(STEM_OVERRIDES.items()), sastrawi, code)).encode()
    return hashlib.blake2b(rules, digest_size=6).hexdigest()


ANALYSIS = _analysis()


class StemTable:
    """The stems of one archive's words: a SQLite file, one connection per process and thread."""

    def __init__(self, path: Path):
        self.path = Path(path)
        self._local = threading.local()

    def _connection(self) -> sqlite3.Connection:
        # Per thread, and per process: a connection must not cross a fork (the index writer's worker processes).
        connection = getattr(self._local, "connection", None)
        if connection is not None and self._local.pid != os.getpid():
            # A connection opened before a fork: kept, never used nor closed here (SQLite forbids using it in the
            # child, and closing it would release the parent's locks).
            _inherited.append(connection)
            connection = None
        if connection is None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            connection = sqlite3.connect(self.path, timeout=_BUSY_MS / 1000, isolation_level=None)
            connection.execute("PRAGMA journal_mode=WAL")
            connection.execute("PRAGMA synchronous=NORMAL")
            connection.execute(
                "CREATE TABLE IF NOT EXISTS stems (word TEXT PRIMARY KEY, stem TEXT NOT NULL) WITHOUT ROWID")
            connection.execute("CREATE INDEX IF NOT EXISTS stems_by_stem ON stems (stem)")
            self._local.connection, self._local.pid = connection, os.getpid()
        return connection

    def get_many(self, words: Collection[str]) -> dict[str, str]:
        """Return {word: stem} for those of ``words`` the table holds."""
        words = list(words)
        found: dict[str, str] = {}
        connection = self._connection()
        for start in range(0, len(words), _CHUNK):
            chunk = words[start:start + _CHUNK]
            marks = ",".join("?" * len(chunk))
            found.update(connection.execute(f"SELECT word, stem FROM stems WHERE word IN ({marks})", chunk))
        return found

    def put_many(self, stems: Mapping[str, str]) -> None:
        """Add these words' stems (words the table holds keep theirs: a stem depends only on its word)."""
        if not stems:
            return
        connection = self._connection()
        try:
            connection.execute("BEGIN IMMEDIATE")
            connection.executemany("INSERT OR IGNORE INTO stems (word, stem) VALUES (?, ?)", stems.items())
            connection.execute("COMMIT")
        except sqlite3.Error:
            if connection.in_transaction:
                connection.execute("ROLLBACK")
            raise

    def words_with(self, stems: Collection[str], *, limit: int = MAX_FORMS) -> set[str]:
        """Return the archive's words whose stem is one of ``stems``: at most ``limit`` per stem."""
        words: set[str] = set()
        connection = self._connection()
        for item in stems:
            rows = connection.execute("SELECT word FROM stems WHERE stem = ? LIMIT ?", (item, limit))
            words.update(word for (word,) in rows)
        return words

    def __len__(self) -> int:
        return self._connection().execute("SELECT count(*) FROM stems").fetchone()[0]


# Connections a forked process inherited (see StemTable._connection): referenced, so never closed by the collector.
_inherited: list[sqlite3.Connection] = []

_tables: dict[Path, StemTable] = {}
_tables_lock = threading.Lock()


def stem_table() -> StemTable:
    """Return the stem table of the archive's index root (one object per path and process)."""
    path = store().index_dir() / f"stems-{ANALYSIS}.sqlite3"
    with _tables_lock:
        table = _tables.get(path)
        if table is None:
            table = _tables[path] = StemTable(path)
        return table


def stems_for(words: Iterable[str], table: StemTable | None = None) -> dict[str, str]:
    """Return {word: stem} of these lower-case words: from the table, the rest stemmed (``schema.stem``) and added.

    A table that cannot be read or written (a full disk, a locked file past the wait) costs time, never a word: the
    stems are computed and returned all the same.
    """
    words = set(words)
    if not words:
        return {}
    if table is None:
        table = stem_table()
    try:
        found = table.get_many(words)
    except sqlite3.Error as error:
        logger.warning("The stem table %s cannot be read (%s): stemming every word", table.path, error)
        found = {}
    missing = {word: stem(word) for word in words if word not in found}
    if missing:
        try:
            table.put_many(missing)
        except sqlite3.Error as error:
            logger.warning("The stem table %s cannot be written (%s): %d stems not kept", table.path, error,
                           len(missing))
        found.update(missing)
    return found


__all__ = ["ANALYSIS", "MAX_FORMS", "StemTable", "stem_table", "stems_for"]
