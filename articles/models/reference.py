"""The reference records extraction and curation read: outlets, countries, people and their aliases, redirects, rejected names."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class SlugNaturalKeyManager(models.Manager):
    def get_by_natural_key(self, slug):
        return self.get(slug=slug)


class Outlet(models.Model):
    name = models.CharField(_("nama"), max_length=100, help_text=_("Nama media, mis. “Tempo.co”."))
    slug = models.SlugField(_("slug"), max_length=100, unique=True, help_text=_("Untuk URL, mis. “tempo”."))
    domain = models.CharField(
        _("domain"), max_length=100, blank=True, help_text=_("Domain situs, mis. “tempo.co”. Kosong bila tidak diketahui.")
    )

    objects = SlugNaturalKeyManager()

    class Meta:
        verbose_name = _("media")
        verbose_name_plural = _("media")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def natural_key(self):
        return (self.slug,)


class CountryManager(models.Manager):
    def get_by_natural_key(self, code):
        return self.get(code=code)


class Country(models.Model):
    code = models.CharField(
        _("kode"), max_length=2, unique=True, help_text=_("Kode ISO 3166-1 alpha-2 dalam huruf besar, mis. “RU”.")
    )
    name_id = models.CharField(_("nama (Indonesia)"), max_length=100, help_text=_("Mis. “Rusia”."))
    name_en = models.CharField(_("nama (Inggris)"), max_length=100, help_text=_("Mis. “Russia”."))

    objects = CountryManager()

    class Meta:
        verbose_name = _("negara")
        verbose_name_plural = _("negara")
        ordering = ["name_id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(code__regex=r"^[A-Z]{2}$"), name="country_code_alpha2"),
        ]

    def __str__(self):
        return self.name_id

    def natural_key(self):
        return (self.code,)


class CountryAliasManager(models.Manager):
    def get_by_natural_key(self, name, code):
        return self.get(name=name, country__code=code)


class CountryAlias(models.Model):
    country = models.ForeignKey(Country, on_delete=models.CASCADE, related_name="aliases", verbose_name=_("negara"))
    name = models.CharField(
        _("alias"), max_length=100, help_text=_("Nama lain di berita, mis. “Negeri Beruang Merah” atau “AS”.")
    )

    objects = CountryAliasManager()

    class Meta:
        verbose_name = _("alias negara")
        verbose_name_plural = _("alias negara")
        ordering = ["country", "name"]
        constraints = [models.UniqueConstraint(fields=["country", "name"], name="unique_country_alias")]

    def __str__(self):
        return self.name

    def natural_key(self):
        return (self.name, self.country.code)

    natural_key.dependencies = ["articles.country"]


class Person(models.Model):
    class Status(models.TextChoices):
        CONFIRMED = "confirmed", _("dikonfirmasi editor")
        DISCOVERED = "discovered", _("ditemukan ekstraksi")

    name = models.CharField(
        _("nama"), max_length=200, help_text=_("Nama lengkap tanpa gelar atau jabatan, mis. “Joko Widodo”.")
    )
    slug = models.SlugField(_("slug"), max_length=200, unique=True, help_text=_("Untuk URL, mis. “joko-widodo”."))
    description = models.CharField(
        _("keterangan"), max_length=300, blank=True, help_text=_("Mis. “Presiden ke-7 Republik Indonesia”.")
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DISCOVERED,
        help_text=_("Orang yang ditemukan ekstraksi menunggu tinjauan editor."),
    )
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)

    objects = SlugNaturalKeyManager()

    class Meta:
        verbose_name = _("orang")
        verbose_name_plural = _("orang")
        ordering = ["name"]
        indexes = [models.Index(fields=["name"])]

    def __str__(self):
        return self.name

    def natural_key(self):
        return (self.slug,)


class PersonAliasManager(models.Manager):
    def get_by_natural_key(self, name, slug):
        return self.get(name=name, person__slug=slug)


class PersonAlias(models.Model):
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="aliases", verbose_name=_("orang"))
    name = models.CharField(_("alias"), max_length=200, help_text=_("Nama lain di berita, mis. “Jokowi”."))

    objects = PersonAliasManager()

    class Meta:
        verbose_name = _("alias orang")
        verbose_name_plural = _("alias orang")
        ordering = ["person", "name"]
        constraints = [models.UniqueConstraint(fields=["person", "name"], name="unique_person_alias")]

    def __str__(self):
        return self.name

    def natural_key(self):
        return (self.name, self.person.slug)

    natural_key.dependencies = ["articles.person"]


class DiscoveredPerson(Person):
    """People extraction found and no editor confirmed yet: the admin's review queue."""

    class Meta:
        proxy = True
        verbose_name = _("orang untuk ditinjau")
        verbose_name_plural = _("antrean tinjauan orang")


class PersonRedirect(models.Model):
    """The slug of a person merged into another: its page and its facet links lead to the person it became."""

    old_slug = models.SlugField(_("slug lama"), max_length=200, unique=True, help_text=_("Mis. “jokowi”."))
    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="redirects", verbose_name=_("orang tujuan")
    )

    class Meta:
        verbose_name = _("pengalihan orang")
        verbose_name_plural = _("pengalihan orang")
        ordering = ["old_slug"]

    def __str__(self):
        return f"{self.old_slug} → {self.person.slug}"


class RejectedNameManager(models.Manager):
    def get_by_natural_key(self, name):
        return self.get(name=name)


class RejectedName(models.Model):
    name = models.CharField(
        _("nama"), max_length=200, unique=True,
        help_text=_("Teks yang mirip nama orang tetapi bukan orang, mis. “Gelora Bung Karno”. Ekstraksi melewatinya."),
    )
    reason = models.CharField(_("alasan"), max_length=200, blank=True, help_text=_("Mis. “nama stadion”."))
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)

    objects = RejectedNameManager()

    class Meta:
        verbose_name = _("nama yang ditolak")
        verbose_name_plural = _("nama yang ditolak")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def natural_key(self):
        return (self.name,)
