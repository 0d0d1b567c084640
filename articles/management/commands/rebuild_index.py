"""Build the search index again from the database, or check how far it has drifted from it."""

from __future__ import annotations

import os

from django.core.management.base import CommandError

from articles.management.base import IndexingCommand
from articles.search.schema import SCHEMA_VERSION
from articles.services.index import (
    IndexCheck,
    IndexUnavailableError,
    RebuildReport,
    index_check,
    index_problem,
    index_repair,
    rebuild_index,
)

_SHOW = 10


class Command(IndexingCommand):
    help = (
        "Rebuild the Whoosh index from the database in a new directory and swap it in atomically; the old index "
        "keeps serving until the swap. With --check, compare index and database and exit 1 on any drift; with "
        "--repair, mend the drift in place."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--check", action="store_true",
            help="Compare counts, ids, last changes, the index queue and schema version; change nothing.",
        )
        parser.add_argument(
            "--repair", action="store_true",
            help="Check, then write what the check found (queued, missing, left over, stale articles) into the "
                 "current index without a rebuild (a rebuild only when there is no index or its schema is old); "
                 "exit 1 unless the index then matches.",
        )
        parser.add_argument(
            "--nice", type=int, default=10, choices=range(20), metavar="0-19",
            help="Run from manage.py, build at this lower CPU priority (default 10), so that a live site keeps "
                 "answering; 0 for full speed.",
        )

    # A rebuild wants every core for minutes, and the live site's readers come first (scripts/load_test.py on 2 cores:
    # searches slowed from 124 ms to 604 ms p50 under a full-priority rebuild). Only a process of its own lowers its
    # priority (the build's worker processes inherit it): call_command() from another program leaves the caller's alone,
    # since only a privileged process may raise it again.
    from_command_line = False

    def run_from_argv(self, argv):
        self.from_command_line = True
        super().run_from_argv(argv)

    def handle(self, *args, **options):
        verbosity = options["verbosity"]
        if options["repair"]:
            return self._repair(verbosity)
        if options["check"]:
            return self._check(verbosity)

        def progress(done: int, total: int) -> None:
            if verbosity >= 2 or (verbosity >= 1 and total >= 5000 and done % 5000 < 500):
                self.stdout.write(f"Indexed {done} of {total}")

        if self.from_command_line and options["nice"]:
            os.nice(options["nice"])
        try:
            report = rebuild_index(progress=progress)
        except IndexUnavailableError as error:
            raise CommandError(str(error)) from error
        if verbosity >= 1:
            self._rebuilt(report)

    def _rebuilt(self, report: RebuildReport) -> None:
        rate = report.indexed / report.seconds if report.seconds else 0
        self.stdout.write(
            f"Rebuilt the index: {report.indexed} articles in {report.seconds:.1f} s ({rate:.0f}/s), "
            f"{report.caught_up} caught up after changes during the build. Serving {report.path.name}."
        )

    def _check(self, verbosity: int) -> None:
        report = index_check()
        if verbosity >= 1:
            self._describe(report)
        if not report.ok:
            raise CommandError(
                "The index has drifted from the database. Run 'manage.py rebuild_index --repair' (or a full "
                "'manage.py rebuild_index').", returncode=1)
        if verbosity >= 1:
            self.stdout.write("The index matches the database.")

    def _describe(self, report: IndexCheck) -> None:
        self.stdout.write(
            f"Database {report.database} articles, index {report.indexed} documents, "
            f"schema version {report.schema_version} (code {SCHEMA_VERSION})."
        )
        for label, ids in (("missing from the index", report.missing), ("in the index only", report.extra),
                           ("older in the index than in the database", report.stale),
                           ("waiting in the index queue (saved, not yet indexed)", report.queued)):
            if ids:
                shown = ", ".join(map(str, ids[:_SHOW])) + (" …" if len(ids) > _SHOW else "")
                self.stdout.write(f"{len(ids)} {label}: {shown}")
        if report.problem:
            self.stdout.write(report.problem)
        if not report.writable:
            self.stdout.write(self.style.WARNING(
                "The index directory is not writable: saves are kept in the database and queued, not indexed."))

    def _repair(self, verbosity: int) -> None:
        before = index_check()
        if verbosity >= 1:
            self._describe(before)
        if before.ok:
            if verbosity >= 1:
                self.stdout.write("The index matches the database: nothing to repair.")
            return
        try:
            repair = index_repair(check=before)
        except Exception as error:  # an unwritable index: say what could not be done, keep the queue
            raise CommandError(
                f"Could not repair the index: {index_problem(error)}. Nothing was lost: the database keeps every "
                "article and the index queue the ones owed.", returncode=1) from error
        if verbosity >= 1:
            if repair.rebuilt:
                self._rebuilt(repair.rebuilt)
            else:
                self.stdout.write(f"Repaired the index in place: wrote {repair.written} documents.")
        after = index_check()
        if not after.ok:
            if verbosity >= 1:
                self._describe(after)
            raise CommandError("The index still differs from the database (changes during the repair?). Run "
                               "'manage.py rebuild_index --repair' again.", returncode=1)
        if verbosity >= 1:
            self.stdout.write("The index matches the database.")
