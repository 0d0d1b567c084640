"""Extract people and countries again for every article (or some), keeping every editor's choice."""

from __future__ import annotations

from django.core.management.base import CommandError

from articles.management.base import REPAIR_HINT, IndexingCommand
from articles.models import Article
from articles.services import articles_reextract

_CHUNK = 200


class Command(IndexingCommand):
    help = (
        "Run entity extraction again over the stored raw text with the current gazetteer and rejected names. "
        "Links an editor added or removed are never changed. Safe to run again."
    )

    def add_arguments(self, parser):
        parser.add_argument("--article", type=int, action="append", default=[], help="Only this article id (repeat).")

    def handle(self, *args, **options):
        queryset = Article.objects.order_by("pk")
        if options["article"]:
            queryset = queryset.filter(pk__in=options["article"])
        ids = list(queryset.values_list("pk", flat=True))
        self.index_catch_up(verbosity=options["verbosity"])
        report = articles_reextract(articles=self._articles(ids, verbosity=options["verbosity"]))
        done, failed, indexing = report.done, report.failed, report.index
        for pk, reason in failed:
            self.stderr.write(self.style.ERROR(f"article {pk}: {reason}"))
        if options["verbosity"] >= 1:
            self.stdout.write(f"Re-extracted {done}, failed {len(failed)}")
        if indexing.problem:
            raise CommandError(f"Saved but not indexed: {len(indexing.ids)} articles ({indexing.problem}); the index "
                               f"queue keeps them and {REPAIR_HINT}.", returncode=1)
        if failed:
            raise CommandError(f"{len(failed)} articles could not be parsed again.", returncode=1)

    def _articles(self, ids: list[int], *, verbosity: int):
        """Yield the articles in chunks (a whole archive is never in memory), saying how far it got."""
        for start in range(0, len(ids), _CHUNK):
            yield from Article.objects.filter(pk__in=ids[start:start + _CHUNK]).order_by("pk")
            if verbosity >= 2:
                self.stdout.write(f"Processed {min(start + _CHUNK, len(ids))} of {len(ids)}")
