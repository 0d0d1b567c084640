from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = _("Arsip berita")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.conf import settings
        from django.db.models.signals import post_migrate

        from . import checks, signals  # noqa: F401  (connect the receivers, register the checks)
        from .search.backends import backend_set
        from .search.store import store_set
        from .services.index_store import ArticleStore

        signals.connect_deletes(self.get_models())
        # The search package reads the archive through this store and imports no Django itself.
        store_set(ArticleStore())
        # Which engine answers searches (settings.ARSIP_SEARCH_BACKEND): Whoosh unless PostgreSQL is asked for.
        if settings.ARSIP_SEARCH_BACKEND == "postgres":
            from .pgsearch.backend import PostgresBackend

            backend_set(PostgresBackend())
        else:
            backend_set(None)

        # Connected here: post_migrate is sent per app config. Runs after auth's own handler has made this app's
        # permissions (auth is installed first).
        post_migrate.connect(signals.editor_group_restore, sender=self, dispatch_uid="arsip_editor_group_restore")
