"""Build the search index again from the database, or check how far it has drifted from it."""

from __future__ import annotations

import os

from django.core.management.base import BaseCommand, CommandError

from articles.search.indexing import IndexUnavailableError, index_check, rebuild_index
from articles.search.schema import SCHEMA_VERSION

_SHOW = 10


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
