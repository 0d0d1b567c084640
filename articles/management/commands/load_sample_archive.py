"""Load the reference data (outlets, countries, people, rejected names) and ingest the sample pages."""

from __future__ import annotations

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import transaction

from articles.ingest.sources import SourceReader
from articles.management.base import IndexingCommand
from articles.services import IngestStatus, clusters_rebuild
from articles.services.index import IndexUnavailableError, index_check, index_repair
from articles.services.ingest import pages_ingest

REFERENCE_FIXTURES = ("outlets.json", "countries.json", "people.json", "rejected_names.json")


class Command(IndexingCommand):
    help = (
        "Load fixtures/*.json all-or-nothing (like loaddata), then ingest fixtures/sample_articles/*.txt. "
        "Running it again changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--reference-only", action="store_true", help="Load the reference data only, not the sample pages."
        )

    def handle(self, *args, **options):
        fixtures_dir = settings.BASE_DIR / "fixtures"
        paths = [fixtures_dir / name for name in REFERENCE_FIXTURES]
        missing = [str(path) for path in paths if not path.exists()]
        if missing:
            raise CommandError(f"Missing fixture files: {', '.join(missing)}. Restore them from git.")
        verbosity = options["verbosity"]
        with transaction.atomic():
            call_command("loaddata", *map(str, paths), verbosity=max(verbosity - 1, 0))
        if verbosity >= 1:
            self.stdout.write(f"Reference data loaded from {len(paths)} fixtures.")
        if options["reference_only"]:
            return

        pages = sorted((fixtures_dir / "sample_articles").glob("*.txt"))
        self.index_catch_up(verbosity=verbosity)
        run = pages_ingest(pages=SourceReader(pages))  # one index writer for the batch
        for path, result in zip(pages, run, strict=True):
            if result.status == IngestStatus.FAILED:
                self.stderr.write(self.style.ERROR(f"{path}: {result.error}"))
            elif verbosity >= 2:
                self.stdout.write(f"{path.name}: {result.status.value}")
        counts = run.counts
        summary = (
            f"Sample archive: ingested {counts[IngestStatus.INGESTED]}, unchanged {counts[IngestStatus.UNCHANGED]}, "
            f"updated {counts[IngestStatus.UPDATED]}, failed {counts[IngestStatus.FAILED]}"
        )
        if verbosity >= 1:
            self.stdout.write(summary)
        self._clusters(verbosity)
        self._repair_index(verbosity)
        if counts[IngestStatus.FAILED]:
            raise CommandError(f"Some sample pages could not be ingested: {summary}", returncode=1)

    def _clusters(self, verbosity: int) -> None:
        """Ingest clusters each new page; this gives clusters to articles loaded before clusters existed."""
        report = clusters_rebuild()
        if verbosity >= 1 and report.changed:
            self.stdout.write(f"Story clusters: {report.changed} keys set, {report.clusters} clusters of 2 or more.")

    def _repair_index(self, verbosity: int) -> None:
        """Bring the search index level with the database (a fresh or moved archive): the repair rebuild_index
        --repair makes, in place when it can."""
        check = index_check()
        if check.ok:
            return
        try:
            report = index_repair(check=check)
        except IndexUnavailableError as error:
            raise CommandError(str(error)) from error
        if verbosity >= 1 and report.rebuilt is not None:
            self.stdout.write(f"Search index rebuilt: {report.rebuilt.indexed} articles in {report.rebuilt.seconds:.1f} s.")
        elif verbosity >= 1:
            self.stdout.write(f"Search index repaired: {report.written} articles written.")
