"""Build the search index again from the database, or check how far it has drifted from it."""

from __future__ import annotations

import os
from contextlib import contextmanager, suppress

from django.core.management.base import BaseCommand, CommandError

from articles.search.indexing import IndexUnavailableError, index_check, rebuild_index
from articles.search.schema import SCHEMA_VERSION

_SHOW = 10


@contextmanager
def _lower_priority(nice: int):
    """Run the block at a lower CPU priority. A rebuild wants every core for minutes, and the live site's readers come
    first (scripts/load_test.py on 2 cores: searches slowed from 124 ms to 604 ms p50 under a full-priority rebuild).
    The build's worker processes inherit it. Restoring needs privilege; without it, the process stays lower."""
    before = os.getpriority(os.PRIO_PROCESS, 0)
    os.setpriority(os.PRIO_PROCESS, 0, min(19, before + nice))
    try:
        yield
    finally:
        with suppress(PermissionError):
            os.setpriority(os.PRIO_PROCESS, 0, before)


class Command(BaseCommand):
    help = (
        "Rebuild the Whoosh index from the database in a new directory and swap it in atomically; the old index "
        "keeps serving until the swap. With --check, compare index and database and exit 1 on any drift."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--check", action="store_true", help="Compare counts, ids, last changes and schema version; change nothing."
        )
        parser.add_argument(
            "--nice", type=int, default=10, choices=range(20), metavar="0-19",
            help="Build at this lower CPU priority (default 10), so a live site keeps answering; 0 for full speed.",
        )

    def handle(self, *args, **options):
        verbosity = options["verbosity"]
        if options["check"]:
            return self._check(verbosity)

        def progress(done: int, total: int) -> None:
            if verbosity >= 2 or (verbosity >= 1 and total >= 5000 and done % 5000 < 500):
                self.stdout.write(f"Indexed {done} of {total}")

        try:
            with _lower_priority(options["nice"]):
                report = rebuild_index(progress=progress)
        except IndexUnavailableError as error:
            raise CommandError(str(error)) from error
        if verbosity >= 1:
            rate = report.indexed / report.seconds if report.seconds else 0
            self.stdout.write(
                f"Rebuilt the index: {report.indexed} articles in {report.seconds:.1f} s ({rate:.0f}/s), "
                f"{report.caught_up} caught up after changes during the build. Serving {report.path.name}."
            )

    def _check(self, verbosity: int) -> None:
        report = index_check()
        if verbosity >= 1:
            self.stdout.write(
                f"Database {report.database} articles, index {report.indexed} documents, "
                f"schema version {report.schema_version} (code {SCHEMA_VERSION})."
            )
            for label, ids in (("missing from the index", report.missing), ("in the index only", report.extra),
                               ("older in the index than in the database", report.stale)):
                if ids:
                    shown = ", ".join(map(str, ids[:_SHOW])) + (" …" if len(ids) > _SHOW else "")
                    self.stdout.write(f"{len(ids)} {label}: {shown}")
            if report.problem:
                self.stdout.write(report.problem)
        if not report.ok:
            raise CommandError("The index has drifted from the database. Run 'manage.py rebuild_index'.", returncode=1)
        if verbosity >= 1:
            self.stdout.write("The index matches the database.")
