"""Reference data: outlets, countries and their aliases, and the login failures being counted."""

from django.contrib import admin

from ..models import Country, CountryAlias, LoginFailure, Outlet
from .index_follows import IndexFollowsMixin


@admin.register(Outlet)
class OutletAdmin(IndexFollowsMixin, admin.ModelAdmin):
    list_display = ["name", "domain", "slug"]
    search_fields = ["name", "domain"]
    prepopulated_fields = {"slug": ["name"]}


class CountryAliasInline(admin.TabularInline):
    model = CountryAlias
    extra = 1


@admin.register(Country)
class CountryAdmin(IndexFollowsMixin, admin.ModelAdmin):
    list_display = ["code", "name_id", "name_en"]
    search_fields = ["code", "name_id", "name_en", "aliases__name"]
    inlines = [CountryAliasInline]


@admin.register(LoginFailure)
class LoginFailureAdmin(admin.ModelAdmin):
    """Failed admin logins being counted (articles/login_throttle.py): delete a row to lift its lock early."""

    list_display = ["kind", "key", "failures", "window_ends"]
    list_filter = ["kind"]
    ordering = ["-window_ends"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
