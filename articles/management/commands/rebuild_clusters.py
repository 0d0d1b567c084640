"""Rebuild the story clusters (near copies of one story share Article.cluster) from the database."""

from __future__ import annotations

from articles.management.base import IndexingCommand
from articles.services import clusters_rebuild
from articles.services.index import index_batch


class Command(IndexingCommand):
    help = (
        "Fingerprint the articles that lack a fingerprint (all with --refingerprint), then rebuild every story cluster "
        "from the database and write the cluster keys that changed; their articles are re-indexed. Running it again "
        "changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--refingerprint", action="store_true",
            help="Fingerprint every article again (after a change of the fingerprint's parameters).")

    def handle(self, *args, **options):
        verbosity = options["verbosity"]
        self.index_catch_up(verbosity=verbosity)
        progress = self.stdout.write if verbosity >= 2 else (lambda line: None)
        with index_batch() as indexing:  # one index writer for every article whose key changed
            report = clusters_rebuild(refingerprint=options["refingerprint"], progress=progress)
        if verbosity >= 1:
            self.stdout.write(
                f"Story clusters: {report.articles} articles ({report.fingerprinted} fingerprinted), "
                f"{report.clusters} clusters of 2 or more, the largest {report.largest}; {report.changed} keys "
                f"changed, in {report.seconds:.1f} s.")
        if indexing.problem:
            self.stderr.write(self.style.WARNING(
                f"The search index could not follow ({indexing.problem}); the changed articles stay queued: "
                "'manage.py rebuild_index --repair' writes them."))
