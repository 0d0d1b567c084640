"""Editors' admin: declarative; any logic lives in services."""

from functools import partial

from django.contrib import admin
from django.urls import path
from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from . import admin_views
from .models import (
    Article,
    ArticleCountry,
    ArticlePerson,
    Country,
    CountryAlias,
    Outlet,
    Person,
    PersonAlias,
    RejectedName,
)


@admin.register(Outlet)
class OutletAdmin(admin.ModelAdmin):
    list_display = ["name", "domain", "slug"]
    search_fields = ["name", "domain"]
    prepopulated_fields = {"slug": ["name"]}


class CountryAliasInline(admin.TabularInline):
    model = CountryAlias
    extra = 1


@admin.register(Country)
class CountryAdmin(admin.ModelAdmin):
    list_display = ["code", "name_id", "name_en"]
    search_fields = ["code", "name_id", "name_en", "aliases__name"]
    inlines = [CountryAliasInline]


class PersonAliasInline(admin.TabularInline):
    model = PersonAlias
    extra = 1


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ["name", "status", "description", "article_count"]
    list_filter = ["status"]
    search_fields = ["name", "aliases__name", "description"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [PersonAliasInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(_article_count=Count("article_links", distinct=True))

    @admin.display(description=_("jumlah artikel"), ordering="_article_count")
    def article_count(self, person):
        return person._article_count


@admin.register(RejectedName)
class RejectedNameAdmin(admin.ModelAdmin):
    list_display = ["name", "reason", "created_at"]
    search_fields = ["name"]


class ArticlePersonInline(admin.TabularInline):
    model = ArticlePerson
    extra = 0
    autocomplete_fields = ["person"]
    fields = ["person", "origin", "context"]
    readonly_fields = ["context"]


class ArticleCountryInline(admin.TabularInline):
    model = ArticleCountry
    extra = 0
    autocomplete_fields = ["country"]
    fields = ["country", "origin"]


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = ["title", "outlet", "published", "author"]
    list_filter = ["outlet"]
    list_select_related = ["outlet"]
    search_fields = ["title", "body"]
    date_hierarchy = "published"
    readonly_fields = ["source_name", "source_sha256", "raw_text", "ingested_at", "updated_at"]
    inlines = [ArticlePersonInline, ArticleCountryInline]

    def get_urls(self):
        upload = self.admin_site.admin_view(partial(admin_views.article_upload, model_admin=self))
        return [path("unggah/", upload, name="articles_article_upload"), *super().get_urls()]

    fieldsets = [
        (None, {"fields": ["outlet", "title", "summary", "published", "date_only", "author", "editor", "dateline"]}),
        (_("Isi"), {"fields": ["body", "captions"]}),
        (_("Sumber"), {"classes": ["collapse"], "fields": readonly_fields}),
    ]
