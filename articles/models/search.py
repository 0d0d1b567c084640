"""The PostgreSQL search engine's data (``ARSIP_SEARCH_BACKEND=postgres``, ``articles.pgsearch``): one row per article,
written in the article's own transaction, and the vocabulary its spelling suggestions come from.

The tables exist on every database so that the schema is one (Django flushes and cascades them like the others); on
SQLite they stay empty, and their GIN and trigram indexes are made on PostgreSQL only (migration 0012).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from .archive import Article


class TsVectorField(models.TextField):
    """PostgreSQL's ``tsvector``; plain text elsewhere (SQLite keeps the column, empty)."""

    def db_type(self, connection):
        return "tsvector" if connection.vendor == "postgresql" else super().db_type(connection)


class SearchDocument(models.Model):
    """An article as the PostgreSQL engine searches it: the same analysis as the Whoosh index's (our stems and exact
    words, ``search.schema``) as tsvectors, and its facet values as columns."""

    article = models.OneToOneField(Article, on_delete=models.CASCADE, primary_key=True, related_name="+",
                                   verbose_name=_("artikel"))
    # The stems of the title, summary, body and captions with their positions; the title's weighted A, the rest D.
    terms = TsVectorField()
    # The same words unstemmed, every one with its positions: quoted phrases (<->) and prefixes (:*).
    exact = TsVectorField()
    # The stems of the first words (pgsearch.vectors.LEAD_WORDS), small enough to stay in the row: the ranking of a
    # search matching thousands of articles. Null in a row written before it was (migration 0013): a stale row.
    lead = TsVectorField(null=True)
    # The facet values: people's slugs and country codes as lexemes (any of: |, every one of: &), the rest as text.
    people = TsVectorField()
    countries = TsVectorField()
    outlet = models.CharField(max_length=100)
    year = models.CharField(max_length=8)
    month = models.CharField(max_length=7, blank=True)  # "" when undated
    published = models.DateTimeField(null=True)
    cluster = models.BigIntegerField()
    # The row's last change as a timestamp when written (check: stale when it differs), the analysis's version
    # (search.schema.SCHEMA_VERSION) and when it was written (the engine's generation).
    updated = models.FloatField()
    version = models.SmallIntegerField()
    written = models.DateTimeField(db_index=True)

    class Meta:
        verbose_name = _("data pencarian")
        verbose_name_plural = _("data pencarian")

    def __str__(self) -> str:
        return str(self.article_id)


class SearchWord(models.Model):
    """A word of the archive (letters only, of a length worth correcting) and the articles that have it: the
    PostgreSQL engine's spelling suggestions are its nearest words by trigrams (``pg_trgm``)."""

    word = models.CharField(max_length=32, primary_key=True)
    docs = models.IntegerField(default=1)

    class Meta:
        verbose_name = _("kata arsip")
        verbose_name_plural = _("kata arsip")

    def __str__(self) -> str:
        return self.word
