"""Reads of web requests from a streaming replica, every write and every other read from the primary.

Installed by the settings when ARSIP_DATABASE_REPLICA_URL is set (README, "Several web nodes"); without it there is
no router and every query goes to the default database as before.

A replica lags its primary by a little (usually well under a second, more under a heavy write or while its replay
waits). Code that reads what it has just written must therefore read from the primary, and the replica is used only
where a slightly old read is harmless: inside a web request that ReplicaReadsMiddleware (newsarchive/middleware.py)
has let read from it (a safe method from a client that has not written in the last seconds), and outside any
transaction on the primary (the admin's change form, a save with its checks: they read inside ``atomic``). Management
commands, on-commit work after a request and the tests never set the flag, so they see their own writes.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.db import DEFAULT_DB_ALIAS, connections

REPLICA = "replica"

# A context variable, not a thread-local: gunicorn's threaded workers and an async view each see their own request's.
_replica_reads = ContextVar("arsip_replica_reads", default=False)


@contextmanager
def replica_reads() -> Iterator[None]:
    """Let the reads in this block go to the replica, unless they run inside a transaction on the primary."""
    token = _replica_reads.set(True)
    try:
        yield
    finally:
        _replica_reads.reset(token)


class PrimaryReplicaRouter:
    """Route reads to the replica inside ``replica_reads()`` and outside a transaction; everything else to default."""

    def db_for_read(self, model, **hints):
        if _replica_reads.get() and not connections[DEFAULT_DB_ALIAS].in_atomic_block:
            return REPLICA
        return DEFAULT_DB_ALIAS

    def db_for_write(self, model, **hints):
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1, obj2, **hints):
        # The replica holds the primary's rows: an object read from one may point to an object read from the other.
        if {obj1._state.db, obj2._state.db} <= {DEFAULT_DB_ALIAS, REPLICA}:
            return True
        return None

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        # A streaming replica is read-only and copies the primary's schema.
        return db == DEFAULT_DB_ALIAS
