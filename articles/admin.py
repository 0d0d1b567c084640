"""Editors' admin: declarative; what an action does lives in services."""

from functools import partial

from django import forms
from django.contrib import admin, messages
from django.db.models import Count, Exists, IntegerField, OuterRef, Prefetch, Subquery
from django.db.models.functions import Coalesce
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from . import admin_views, services
from .login_throttle import ThrottledAdminAuthenticationForm
from .models import (
    UNDATED_YEAR,
    Article,
    ArticleCountry,
    ArticlePerson,
    Country,
    CountryAlias,
    DiscoveredPerson,
    LinkOrigin,
    LoginFailure,
    Outlet,
    Person,
    PersonAlias,
    PersonRedirect,
    RejectedName,
    UndatedArticle,
)
from .services.index import index_batch

admin.site.login_form = ThrottledAdminAuthenticationForm
admin.site.site_header = _("Arsip Berita: redaksi")
admin.site.site_title = _("Arsip Berita")
admin.site.index_title = _("Kurasi arsip")


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
            self.message_user(request, admin_views.unindexed_warning(indexing.problem), messages.WARNING)
        return response


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


class PersonAliasInline(admin.TabularInline):
    model = PersonAlias
    extra = 1


class MergeForm(forms.Form):
    # No choice is made for the editor: a merge is hard to undo, and the first name in the list is rarely the one.
    target = forms.ModelChoiceField(queryset=Person.objects.none(), label=_("Gabungkan ke"),
                                    empty_label=_("— pilih orang tujuan —"))

    def __init__(self, *args, targets, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["target"].queryset = targets


def _merge_view(model_admin, request, queryset, *, targets, title):
    """Ask which person the selected ones become, then merge them (an action's intermediate page)."""
    form = MergeForm(request.POST if "target" in request.POST else None, targets=targets)
    if form.is_valid():
        target = form.cleaned_data["target"]
        sources = [person for person in queryset if person.pk != target.pk]
        model_admin.log_deletions(request, sources)
        result = services.person_merge(target=target, sources=sources)
        model_admin.log_change(request, target, _("Digabungkan: %s") % ", ".join(result.merged))
        # Both numbers: the stories that changed, and the target's stories now (a story naming both counts once).
        total = target.article_links.active().count()
        model_admin.message_user(request, _(
            "%(names)s digabungkan ke %(target)s; %(count)d berita diperbarui, %(target)s kini disebut di %(total)d "
            "berita.") % {"names": ", ".join(result.merged), "target": target.name, "count": result.articles,
                          "total": total}, messages.SUCCESS)
        return None
    return TemplateResponse(request, "admin/articles/person/merge.html", {
        **model_admin.admin_site.each_context(request),
        "title": title, "form": form, "people": queryset, "opts": model_admin.model._meta,
        "action": request.POST.get("action"), "selected": request.POST.getlist(admin.helpers.ACTION_CHECKBOX_NAME),
    })


class PersonActionsMixin:
    """Confirm and reject, shared by the people list and the review queue."""

    @admin.action(description=_("Konfirmasi orang terpilih"), permissions=["change"])
    def confirm(self, request, queryset):
        people = list(queryset)
        count = services.people_confirm(people=people)
        for person in people:
            self.log_change(request, person, _("Dikonfirmasi"))
        self.message_user(request, ngettext("%d orang dikonfirmasi.", "%d orang dikonfirmasi.", count) % count)

    @admin.action(description=_("Tolak: bukan orang (jadi nama yang ditolak, hapus dari semua berita)"),
                  permissions=["delete"])
    def reject(self, request, queryset):
        articles = 0
        people = list(queryset)
        self.log_deletions(request, people)
        with index_batch():
            for person in people:
                articles += services.person_reject(person=person, reason=str(_("ditolak editor")))
        self.message_user(request, _("%(count)d nama ditolak; %(articles)d berita diperbarui.") % {
            "count": len(people), "articles": articles})


@admin.register(Person)
class PersonAdmin(IndexFollowsMixin, PersonActionsMixin, admin.ModelAdmin):
    list_display = ["name", "status", "description", "article_count"]
    list_filter = ["status"]
    search_fields = ["name", "aliases__name", "description"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [PersonAliasInline]
    actions = ["merge", "confirm", "reject"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(_article_count=Count("article_links", distinct=True))

    @admin.display(description=_("jumlah artikel"), ordering="_article_count")
    def article_count(self, person):
        return person._article_count

    @admin.action(description=_("Gabungkan orang terpilih menjadi satu"), permissions=["change"])
    def merge(self, request, queryset):
        if queryset.count() < 2:
            self.message_user(request, _("Pilih paling sedikit dua orang untuk digabungkan."), messages.WARNING)
            return None
        return _merge_view(self, request, queryset, targets=queryset.order_by("name"),
                           title=_("Gabungkan orang"))


@admin.register(DiscoveredPerson)
class ReviewQueueAdmin(IndexFollowsMixin, PersonActionsMixin, admin.ModelAdmin):
    """People extraction found and no editor confirmed, most mentioned first, with the sentences naming them."""

    list_display = ["name", "mentions", "contexts"]
    search_fields = ["name"]
    actions = ["confirm", "reject", "merge_into_existing"]
    list_per_page = 50

    def get_queryset(self, request):
        contexts = ArticlePerson.objects.exclude(context="").only("person_id", "context").order_by("pk")
        # Not super().get_queryset(): it orders by get_ordering() before the annotation exists.
        return (
            self.model._default_manager.filter(status=Person.Status.DISCOVERED)
            .annotate(_mentions=Count("article_links", distinct=True))
            .prefetch_related(Prefetch("article_links", queryset=contexts, to_attr="_contexts"))
            .order_by(*self.get_ordering(request))
        )

    def get_ordering(self, request):
        # Not the ordering attribute (admin.E033 refuses an annotation there), and not only the queryset's order,
        # which the changelist puts after Meta.ordering ("name").
        return ["-_mentions", "name"]

    def has_add_permission(self, request):
        return False

    def changelist_view(self, request, extra_context=None):
        # Django's title, "Pilih <verbose_name> untuk diubah", reads badly for a queue.
        title = _("Antrean tinjauan orang: konfirmasi, tolak, atau gabungkan")
        return super().changelist_view(request, extra_context={"title": title, **(extra_context or {})})

    @admin.display(description=_("disebut di"), ordering="_mentions")
    def mentions(self, person):
        return ngettext("%d berita", "%d berita", person._mentions) % person._mentions

    @admin.display(description=_("konteks"))
    def contexts(self, person):
        return " … ".join(link.context[:200] for link in person._contexts[:2])

    @admin.action(description=_("Gabungkan ke orang yang sudah ada (namanya jadi alias)"), permissions=["change"])
    def merge_into_existing(self, request, queryset):
        targets = Person.objects.filter(status=Person.Status.CONFIRMED).exclude(pk__in=queryset.values("pk"))
        return _merge_view(self, request, queryset, targets=targets.order_by("name"),
                           title=_("Gabungkan ke orang yang sudah ada"))


@admin.register(PersonRedirect)
class PersonRedirectAdmin(admin.ModelAdmin):
    list_display = ["old_slug", "person"]
    search_fields = ["old_slug", "person__name"]
    autocomplete_fields = ["person"]


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


def _active_count(model):
    counts = (model.objects.active().filter(article=OuterRef("pk")).order_by().values("article")
              .annotate(count=Count("pk")).values("count"))
    return Coalesce(Subquery(counts, output_field=IntegerField()), 0)


@admin.register(Article)
class ArticleAdmin(IndexFollowsMixin, admin.ModelAdmin):
    list_display = ["title", "outlet", "published", "people_count", "country_count"]
    list_filter = ["outlet", YearFilter, PeoplePresenceFilter, CountryPresenceFilter, EditorChoiceFilter]
    list_select_related = ["outlet"]
    search_fields = ["title", "body"]
    date_hierarchy = "published"
    readonly_fields = ["source_name", "source_sha256", "raw_text", "ingested_at", "updated_at"]
    inlines = [ArticlePersonInline, ArticleCountryInline]
    actions = ["reextract"]
    fieldsets = [
        (None, {"fields": ["outlet", "title", "summary", "published", "date_only", "author", "editor", "dateline"]}),
        (_("Isi"), {"fields": ["body", "captions"]}),
        (_("Sumber"), {"classes": ["collapse"], "fields": readonly_fields}),
    ]

    def get_urls(self):
        upload = self.admin_site.admin_view(partial(admin_views.article_upload, model_admin=self))
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
        with index_batch():
            report = services.articles_reextract(articles=articles)
        for article in articles:
            self.log_change(request, article, _("Ekstrak ulang"))
        self.message_user(request, _("%(done)d berita diekstrak ulang, %(failed)d gagal.") % {
            "done": report.done, "failed": len(report.failed)})
        for pk, reason in report.failed:
            self.message_user(request, f"{pk}: {reason}", messages.ERROR)


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
