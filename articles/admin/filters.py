"""The article list's filters: year (or undated), people or countries present, an editor's hand on the links."""

from django.contrib import admin
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy as _

from ..calendar import UNDATED_YEAR
from ..models import ArticleCountry, ArticlePerson, LinkOrigin


class YearFilter(admin.SimpleListFilter):
    title = _("tahun")
    parameter_name = "tahun"

    def lookups(self, request, model_admin):
        years = model_admin.get_queryset(request).dates("published", "year", order="DESC")
        return [(str(day.year), str(day.year)) for day in years] + [(UNDATED_YEAR, _("tanpa tanggal"))]

    def queryset(self, request, queryset):
        if self.value() == UNDATED_YEAR:
            return queryset.filter(published__isnull=True)
        return queryset.filter(published__year=int(self.value())) if (self.value() or "").isdigit() else queryset


class EntityPresenceFilter(admin.SimpleListFilter):
    """Articles with or without (active) people or countries."""

    links = ArticlePerson

    def lookups(self, request, model_admin):
        return [("tanpa", _("tanpa")), ("ada", _("ada"))]

    def queryset(self, request, queryset):
        active = self.links.objects.active().filter(article=OuterRef("pk"))
        if self.value() == "tanpa":
            return queryset.filter(~Exists(active))
        if self.value() == "ada":
            return queryset.filter(Exists(active))
        return queryset


class PeoplePresenceFilter(EntityPresenceFilter):
    title = _("orang")
    parameter_name = "orang"


class CountryPresenceFilter(EntityPresenceFilter):
    title = _("negara")
    parameter_name = "negara"
    links = ArticleCountry


class EditorChoiceFilter(admin.SimpleListFilter):
    title = _("asal tautan")
    parameter_name = "asal"

    def lookups(self, request, model_admin):
        return [(LinkOrigin.EDITOR_ADDED, _("ada tambahan editor")), (LinkOrigin.EDITOR_REMOVED,
                                                                    _("ada hapusan editor"))]

    def queryset(self, request, queryset):
        if self.value() not in (LinkOrigin.EDITOR_ADDED, LinkOrigin.EDITOR_REMOVED):
            return queryset
        people = ArticlePerson.objects.filter(article=OuterRef("pk"), origin=self.value())
        countries = ArticleCountry.objects.filter(article=OuterRef("pk"), origin=self.value())
        return queryset.filter(Exists(people) | Exists(countries))
