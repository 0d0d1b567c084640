"""The archive itself: articles, their earlier versions and their links to people and countries."""

from __future__ import annotations

import hashlib

from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .reference import Country, Outlet, Person

# The longest URL an article keeps. 2,000 is the de-facto limit of browsers and sitemaps (sitemaps.org: "less than
# 2,048 characters"); counted in bytes (services.ingest stores no longer URL) it also stays under PostgreSQL's btree
# entry limit of 2,704 bytes (a third of an 8 KB page), so the unique index on ``Article.url`` never refuses a row.
URL_MAX_LENGTH = 2000


def local_time(published, utc_offset: int):
    """Return a publication time in the zone the page gave (``utc_offset`` minutes east of UTC), or None for None:
    ``Article.published_local``, and an export's rows read as plain values."""
    if published is None:
        return None
    return published.astimezone(timezone.get_fixed_timezone(utc_offset))


def text_sha256(text: str) -> str:
    """Return the hex SHA-256 of a page's text as stored in ``source_sha256``: 'abc' -> 'ba7816bf…'."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class Article(models.Model):
    outlet = models.ForeignKey(Outlet, on_delete=models.PROTECT, related_name="articles", verbose_name=_("media"))
    title = models.CharField(_("judul"), max_length=500)
    summary = models.TextField(_("ringkasan"), blank=True, help_text=_("Teras berita di bawah judul, bila ada."))
    published = models.DateTimeField(
        _("terbit"), null=True, blank=True, db_index=True,
        help_text=_("Kosong bila halaman tidak menyebut tanggal terbit: berita itu tampil “tanpa tanggal”."),
    )
    published_utc_offset = models.SmallIntegerField(
        _("zona waktu terbit (menit dari UTC)"), default=7 * 60,
        help_text=_("Zona yang tertulis di halaman: 420 = WIB, 480 = WITA, 540 = WIT."),
    )
    date_only = models.BooleanField(
        _("hanya tanggal"), default=False, help_text=_("Halaman hanya menyebut tanggal terbit, tanpa jam.")
    )
    author = models.CharField(_("penulis"), max_length=300, blank=True, help_text=_("Beberapa nama dipisah koma."))
    editor = models.CharField(_("editor"), max_length=300, blank=True)
    dateline = models.CharField(_("kota dateline"), max_length=100, blank=True, help_text=_("Mis. “Jakarta”."))
    body = models.TextField(_("isi"), help_text=_("Isi berita yang bersih, paragraf dipisah baris kosong."))
    captions = models.JSONField(_("keterangan foto"), default=list, blank=True)
    source_name = models.CharField(_("nama berkas sumber"), max_length=300, blank=True)
    source_sha256 = models.CharField(
        _("SHA-256 teks mentah"), max_length=64, unique=True, help_text=_("Sidik teks mentah; berkas yang sama tidak dimuat dua kali.")
    )
    raw_text = models.TextField(_("teks mentah"))
    url = models.CharField(
        _("URL"), max_length=URL_MAX_LENGTH, blank=True, default="",
        help_text=_(
            "Alamat asli yang dinormalkan, mis. “https://tempo.co/read/1039281/…”. Kosong bila tidak diketahui."),
    )
    fetched_at = models.DateTimeField(
        _("diambil"), null=True, blank=True,
        help_text=_("Waktu halaman diambil dari situsnya (WARC, JSONL), bila diketahui."))
    # Where the parser found the title and the date, and each field ("url", "html", "text", ...): the JSON keys
    # title_source, date_source and sources. Empty for articles saved before issue 13 (the API then says null).
    title_source = models.CharField(_("asal judul"), max_length=20, blank=True)
    date_source = models.CharField(_("asal tanggal"), max_length=20, blank=True)
    sources = models.JSONField(_("asal tiap isian"), default=dict, blank=True)
    ingested_at = models.DateTimeField(_("dimuat"), auto_now_add=True)
    updated_at = models.DateTimeField(_("diperbarui"), auto_now=True)
    # The story this article is a version of (issue 15): the smallest id among its near copies (wire copy run by
    # several outlets, light rewrites), its own id when it has none; None until it is fingerprinted.
    cluster = models.BigIntegerField(
        _("kelompok berita"), null=True, blank=True, db_index=True, editable=False,
        help_text=_("Berita yang teksnya hampir sama (salinan kantor berita, tulis ulang ringan) berbagi kelompok."))
    # The MinHash signature of the body (articles.ingest.fingerprint); None until fingerprinted.
    fingerprint = models.BinaryField(_("sidik teks"), null=True, blank=True, editable=False)
    archived_at = models.DateTimeField(
        _("versi diarsipkan"), null=True, blank=True,
        help_text=_("Waktu arsip menerima versi berita ini; kosong: waktu dimuat (belum pernah direvisi)."))

    class Meta:
        verbose_name = _("artikel")
        verbose_name_plural = _("artikel")
        # Undated stories last, on SQLite and PostgreSQL alike (PostgreSQL puts NULL first in a descending order).
        ordering = [models.F("published").desc(nulls_last=True), "-id"]
        constraints = [
            # Unique when present; any number of articles have no URL. A partial unique index on SQLite and
            # PostgreSQL alike (URL_MAX_LENGTH keeps its entries within PostgreSQL's btree limit).
            models.UniqueConstraint(fields=["url"], condition=~models.Q(url=""), name="article_url_unique"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("articles:detail", kwargs={"pk": self.pk})

    @property
    def version_archived_at(self):
        """Return when the archive received the version of the story this row holds."""
        return self.archived_at or self.ingested_at

    @property
    def published_local(self):
        """Return the publication time in the zone the page gave (WITA stays WITA), or None for an undated story."""
        return local_time(self.published, self.published_utc_offset)


class ArticleRevision(models.Model):
    """An earlier version of a story: the text an outlet published before it changed it (issue 13).

    The article holds the newest version; its revisions hold the others whole (the raw page too, so that nothing the
    archive once received is lost and a revision can be parsed again), oldest first.
    """

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="revisions", verbose_name=_("artikel"))
    archived_at = models.DateTimeField(_("diarsipkan"), help_text=_("Waktu versi ini masuk arsip."))
    fetched_at = models.DateTimeField(
        _("diambil"), null=True, blank=True, help_text=_("Waktu versi ini diambil dari situsnya, bila diketahui."))
    title = models.CharField(_("judul"), max_length=500)
    summary = models.TextField(_("ringkasan"), blank=True)
    published = models.DateTimeField(_("terbit"), null=True, blank=True)
    body = models.TextField(_("isi"))
    source_name = models.CharField(_("nama berkas sumber"), max_length=300, blank=True)
    source_sha256 = models.CharField(_("SHA-256 teks mentah"), max_length=64, db_index=True)
    raw_text = models.TextField(_("teks mentah"))

    class Meta:
        verbose_name = _("revisi artikel")
        verbose_name_plural = _("revisi artikel")
        # Oldest first: by the time the page was fetched when known (an older fetch that arrives late takes its
        # place in the story's history), else by when the archive received it.
        ordering = [models.F("fetched_at").asc(nulls_first=True), "archived_at", "pk"]

    def __str__(self):
        return f"{self.title} ({self.archived_at:%Y-%m-%d %H:%M})"


class UndatedArticle(Article):
    """Stories whose page gave no publication date: the admin's queue where an editor sets one."""

    class Meta:
        proxy = True
        verbose_name = _("berita tanpa tanggal")
        verbose_name_plural = _("antrean berita tanpa tanggal")


class LinkOrigin(models.TextChoices):
    EXTRACTED = "extracted", _("ekstraksi")
    EDITOR_ADDED = "editor_added", _("ditambahkan editor")
    EDITOR_REMOVED = "editor_removed", _("dihapus editor")


class LinkQuerySet(models.QuerySet):
    def active(self):
        """Return the links that stand: extracted or added by an editor, not removed by one."""
        return self.exclude(origin=LinkOrigin.EDITOR_REMOVED)

    def by_editor(self):
        return self.filter(origin__in=[LinkOrigin.EDITOR_ADDED, LinkOrigin.EDITOR_REMOVED])


class ArticlePerson(models.Model):
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="person_links", verbose_name=_("artikel"))
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="article_links", verbose_name=_("orang"))
    origin = models.CharField(
        _("asal"), max_length=20, choices=LinkOrigin.choices, default=LinkOrigin.EXTRACTED,
        help_text=_("Pilihan editor (ditambah atau dihapus) tidak diubah oleh ekstraksi ulang."),
    )
    context = models.TextField(_("konteks"), blank=True, help_text=_("Kalimat tempat nama itu disebut."))

    objects = LinkQuerySet.as_manager()

    class Meta:
        verbose_name = _("orang dalam artikel")
        verbose_name_plural = _("orang dalam artikel")
        ordering = ["article", "person__name"]
        constraints = [models.UniqueConstraint(fields=["article", "person"], name="unique_article_person")]

    def __str__(self):
        return f"{self.person} ({self.get_origin_display()})"


class ArticleCountry(models.Model):
    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="country_links", verbose_name=_("artikel")
    )
    country = models.ForeignKey(
        Country, on_delete=models.CASCADE, related_name="article_links", verbose_name=_("negara")
    )
    origin = models.CharField(
        _("asal"), max_length=20, choices=LinkOrigin.choices, default=LinkOrigin.EXTRACTED,
        help_text=_("Pilihan editor (ditambah atau dihapus) tidak diubah oleh ekstraksi ulang."),
    )

    objects = LinkQuerySet.as_manager()

    class Meta:
        verbose_name = _("negara dalam artikel")
        verbose_name_plural = _("negara dalam artikel")
        ordering = ["article", "country__name_id"]
        constraints = [models.UniqueConstraint(fields=["article", "country"], name="unique_article_country")]

    def __str__(self):
        return f"{self.country} ({self.get_origin_display()})"


class StoryBand(models.Model):
    """One LSH band key of an article's fingerprint (articles.ingest.fingerprint): articles that share a key are
    candidate near copies, found with one indexed look-up on any database and any number of web nodes."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="bands", verbose_name=_("artikel"))
    key = models.BigIntegerField(_("kunci pita"), db_index=True)

    class Meta:
        verbose_name = _("pita sidik berita")
        verbose_name_plural = _("pita sidik berita")

    def __str__(self):
        return f"{self.article_id}: {self.key}"
