"""What every admin change does after its save: the search index follows, and the editor hears when it could not."""

from __future__ import annotations

from django.contrib import messages
from django.utils.translation import gettext as _

from ..services.index import index_batch


def unindexed_warning(problem: str) -> str:
    """Return what an editor reads when a change was saved but the search index could not follow it."""
    return _(
        "Perubahan tersimpan, tetapi indeks pencarian tidak bisa diperbarui (%(problem)s): pencarian belum "
        "menemukannya. Perubahan itu menunggu di antrean indeks; minta pengelola menjalankan "
        "“manage.py rebuild_index --repair”."
    ) % {"problem": problem}


class IndexFollowsMixin:
    """Tell the editor when a change reached the database but not the search index: the save stands, the index
    queue keeps what is owed (one index writer per request, as before: on commit, or for an action's batch)."""

    def changeform_view(self, request, *args, **kwargs):
        return self._warn_unindexed(request, super().changeform_view, *args, **kwargs)

    def changelist_view(self, request, *args, **kwargs):  # list_editable saves and actions
        return self._warn_unindexed(request, super().changelist_view, *args, **kwargs)

    def delete_view(self, request, *args, **kwargs):
        return self._warn_unindexed(request, super().delete_view, *args, **kwargs)

    def _warn_unindexed(self, request, view, *args, **kwargs):
        with index_batch() as indexing:
            response = view(request, *args, **kwargs)
        if indexing.problem:
            self.message_user(request, unindexed_warning(indexing.problem), messages.WARNING)
        return response
