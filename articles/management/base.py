"""What the commands that write the database and then the index share: they run when the index cannot be written,
finish first what earlier runs left owed, and say what they could not do."""

from __future__ import annotations

from django.core.checks.registry import registry
from django.core.management.base import BaseCommand

from articles.checks import INDEX_WRITABLE_TAG
from articles.services.index import index_catch_up

REPAIR_HINT = "'manage.py rebuild_index --repair' writes them once the index can be written"


class IndexingCommand(BaseCommand):
    """A command whose work is the database's first: an unwritable index (articles.E001) does not stop it; it says
    itself what it could not index, and the index queue keeps it."""

    def get_check_kwargs(self, options):
        # Every system check but the index directory's writability. Checks are chosen by tag, and Django's own all
        # have one.
        return {"tags": sorted(registry.tags_available() - {INDEX_WRITABLE_TAG})}

    def index_catch_up(self, *, verbosity: int, out=None) -> str:
        """Write what earlier runs left owed to the index (or build a missing index) and narrate it. Return the
        problem that stopped it, "" when there was none."""
        out = out or self.stdout
        caught = index_catch_up()
        if caught.problem:
            out.write(self.style.WARNING(
                f"The search index could not be brought up to date ({caught.problem}); the database keeps every "
                f"article and the index queue the ones owed: {REPAIR_HINT}."))
        elif caught.rebuilt and verbosity >= 1:
            out.write(f"No search index: built one from the database ({caught.rebuilt.indexed} articles).")
        elif caught.written and verbosity >= 1:
            out.write(f"Indexed {caught.written} articles an earlier run had saved but not indexed.")
        return caught.problem
