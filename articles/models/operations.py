"""Records the archive keeps for its own running: failed admin logins and the search index queue."""

from __future__ import annotations

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _


class LoginFailure(models.Model):
    """Failed admin logins for one user name or one address, counted within a window (articles/login_throttle.py)."""

    class Kind(models.TextChoices):
        USER = "user", _("nama pengguna")
        ADDRESS = "address", _("alamat")

    kind = models.CharField(_("jenis"), max_length=10, choices=Kind.choices)
    # A digest of the lower-cased name or the address: typed passwords land in user names now and then.
    key = models.CharField(_("kunci"), max_length=64)
    failures = models.PositiveIntegerField(_("kegagalan"), default=0)
    window_ends = models.DateTimeField(_("berakhir"), db_index=True)

    class Meta:
        verbose_name = _("login gagal")
        verbose_name_plural = _("login gagal")
        constraints = [models.UniqueConstraint(fields=["kind", "key"], name="login_failure_kind_key")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.key[:12]}: {self.failures}"


class PendingIndex(models.Model):
    """An article whose search index document is owed: written in the transaction of the change, removed by the index
    writer once it has written the article (articles/search/queue.py)."""

    # Not a foreign key: a deleted article is owed too (its document must leave the index), and its row is gone.
    article_id = models.BigIntegerField(
        _("id artikel"), unique=True, help_text=_("Artikel yang diubah atau dihapus, mis. 1234."))
    token = models.UUIDField(
        _("tanda"), default=uuid.uuid4, editable=False,
        help_text=_("Baru pada tiap perubahan: penulis indeks hanya menghapus tanda yang sudah ia tulis."))
    queued_at = models.DateTimeField(_("masuk antrean"), auto_now=True)

    class Meta:
        verbose_name = _("artikel menunggu indeks")
        verbose_name_plural = _("antrean indeks")
        ordering = ["article_id"]

    def __str__(self) -> str:
        return f"{self.article_id} ({self.queued_at:%Y-%m-%d %H:%M:%S})"
