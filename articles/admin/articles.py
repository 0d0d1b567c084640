"""Articles: the list with its filters and counts, the upload, re-extraction, and the queue of undated stories."""

from functools import partial

from django.contrib import admin, messages
from django.db.models import Count, IntegerField, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from .. import services
from ..models import Article, ArticleCountry, ArticlePerson, ArticleRevision, UndatedArticle
from .filters import CountryPresenceFilter, EditorChoiceFilter, PeoplePresenceFilter, YearFilter
from .forms import ArticleAdminForm
from .index_follows import IndexFollowsMixin
from .upload import article_upload


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


class ArticleRevisionInline(admin.TabularInline):
    """The story's earlier versions, read-only: they are the record of what the outlet published, kept by ingest."""

    model = ArticleRevision
    extra = 0
    fields = ["archived_at", "fetched_at", "title", "published", "source_name"]
    readonly_fields = fields
    show_change_link = False
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


def _active_count(model):
    counts = (model.objects.active().filter(article=OuterRef("pk")).order_by().values("article")
              .annotate(count=Count("pk")).values("count"))
    return Coalesce(Subquery(counts, output_field=IntegerField()), 0)


@admin.register(Article)
class ArticleAdmin(IndexFollowsMixin, admin.ModelAdmin):
    form = ArticleAdminForm  # captions one per line, not raw JSON
    list_display = ["title", "outlet", "published", "people_count", "country_count"]
    list_filter = ["outlet", YearFilter, PeoplePresenceFilter, CountryPresenceFilter, EditorChoiceFilter]
    list_select_related = ["outlet"]
    search_fields = ["title", "body", "=url"]
    date_hierarchy = "published"
    readonly_fields = ["story_cluster", "url", "fetched_at", "source_name", "source_sha256", "raw_text", "ingested_at",
                       "archived_at", "updated_at", "title_source", "date_source", "sources"]
    inlines = [ArticlePersonInline, ArticleCountryInline, ArticleRevisionInline]
    actions = ["reextract"]
    fieldsets = [
        (None, {"fields": ["outlet", "title", "summary", "published", "date_only", "author", "editor", "dateline"]}),
        (_("Isi"), {"fields": ["body", "captions"]}),
        (_("Alamat asli"), {"fields": ["url", "fetched_at"]}),
        (_("Sumber"), {"classes": ["collapse"], "fields": readonly_fields[3:]}),
        (_("Kelompok berita"), {"fields": ["story_cluster"]}),
    ]

    def get_urls(self):
        upload = self.admin_site.admin_view(partial(article_upload, model_admin=self))
        return [path("unggah/", upload, name="articles_article_upload"), *super().get_urls()]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(
            _people=_active_count(ArticlePerson), _countries=_active_count(ArticleCountry))

    @admin.display(description=_("orang"), ordering="_people")
    def people_count(self, article):
        return article._people

    @admin.display(description=_("negara"), ordering="_countries")
    def country_count(self, article):
        return article._countries

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if not change or "body" in form.changed_data:  # new words: the story may join or leave a cluster
            services.article_cluster_update(article=obj)

    @admin.display(description=_("kelompok berita"))
    def story_cluster(self, article):
        """The cluster's key and a link to the admin list of its members (near copies of this story)."""
        if article.cluster is None:
            return _("belum dihitung")
        members = Article.objects.filter(cluster=article.cluster).count()
        url = reverse("admin:articles_article_changelist") + f"?cluster={article.cluster}"
        return format_html('{} · <a href="{}">{}</a>', article.cluster, url,
                           _("%(count)d berita dalam kelompok ini") % {"count": members})

    def save_formset(self, request, form, formset, change):
        """Links an editor adds or removes by hand are recorded as the editor's choice (re-extraction keeps them)."""
        if formset.model not in (ArticlePerson, ArticleCountry):
            return super().save_formset(request, form, formset, change)
        instances = formset.save(commit=False)
        services.article_links_save_by_editor(added=instances, removed=formset.deleted_objects)
        formset.save_m2m()
        return None

    @admin.action(description=_("Ekstrak ulang orang dan negara"), permissions=["change"])
    def reextract(self, request, queryset):
        articles = list(queryset)
        report = services.articles_reextract(articles=articles)
        for article in articles:
            self.log_change(request, article, _("Ekstrak ulang"))
        self.message_user(request, _("%(done)d berita diekstrak ulang, %(failed)d gagal.") % {
            "done": report.done, "failed": len(report.failed)})
        for pk, reason in report.failed:
            self.message_user(request, f"{pk}: {reason}", messages.ERROR)


@admin.register(UndatedArticle)
class UndatedArticleAdmin(IndexFollowsMixin, admin.ModelAdmin):
    """Stories whose page gave no date, oldest ingest first: an editor sets the date here and the index follows."""

    list_display = ["title", "outlet", "source_name", "ingested_at", "published", "date_only"]
    list_editable = ["published", "date_only"]
    list_display_links = ["title"]
    list_select_related = ["outlet"]
    list_filter = ["outlet"]
    search_fields = ["title", "body"]
    ordering = ["ingested_at", "pk"]
    list_per_page = 50
    fields = ["title", "outlet", "published", "date_only", "summary", "body", "source_name"]
    readonly_fields = ["title", "outlet", "summary", "body", "source_name"]

    def get_queryset(self, request):
        return super().get_queryset(request).filter(published__isnull=True)

    def has_add_permission(self, request):
        return False  # stories come in through ingest; this queue only dates them

    def response_change(self, request, obj):
        # Dated, the story leaves this queue: "save and continue" goes on in the article's own page.
        if "_continue" in request.POST and obj.published is not None:
            return redirect("admin:articles_article_change", obj.pk)
        return super().response_change(request, obj)
