"""People: the list, the review queue of discovered people, merges, rejections, redirects and rejected names."""

from django import forms
from django.contrib import admin, messages
from django.db.models import Count, Prefetch, Q
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html_join
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from .. import services
from ..models import ArticlePerson, DiscoveredPerson, LinkOrigin, Person, PersonAlias, PersonRedirect, RejectedName
from .index_follows import IndexFollowsMixin

# Sentences shown for each person in the review queue and on the merge page: enough to tell two people of one name
# apart, few enough that a person named in thousands of stories costs no more than one named once.
CONTEXTS_SHOWN = 2
# A sentence is cut to this many characters: a context is one sentence, and a page of them must stay readable.
CONTEXT_CHARS = 200


def review_queue():
    """Return the people waiting in the review queue: found by extraction, not yet confirmed by an editor."""
    return DiscoveredPerson._default_manager.filter(status=Person.Status.DISCOVERED)


def _contexts_prefetch():
    """Prefetch the first CONTEXTS_SHOWN sentences naming each person, with their article's id and title, into
    ``person.shown_contexts``: one query for the whole page (a sliced Prefetch is a window query, bounded per
    person)."""
    contexts = (ArticlePerson.objects.active().exclude(context="").select_related("article")
                .only("person_id", "context", "article_id", "article__title").order_by("pk"))
    return Prefetch("article_links", queryset=contexts[:CONTEXTS_SHOWN], to_attr="shown_contexts")


def _merge_candidates(queryset):
    """Return the selected people with what tells them apart: the stories naming them (links an editor removed left
    out, as in the message after the merge), aliases, description and two sentences; three queries whatever the
    number of people."""
    active = ~Q(article_links__origin=LinkOrigin.EDITOR_REMOVED)
    return (Person.objects.filter(pk__in=queryset.values("pk"))
            .annotate(stories_named=Count("article_links", filter=active, distinct=True))
            .prefetch_related(Prefetch("aliases", queryset=PersonAlias.objects.order_by("name")), _contexts_prefetch())
            .order_by("name", "pk"))


def context_links(person) -> str:
    """Return the person's prefetched sentences, each a link to its article's admin page, escaped."""
    return format_html_join(
        " … ", '<a href="{}" title="{}">{}</a>',
        ((reverse("admin:articles_article_change", args=[link.article_id]), link.article.title,
          link.context[:CONTEXT_CHARS]) for link in person.shown_contexts[:CONTEXTS_SHOWN]))


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
        "candidates": _merge_candidates(queryset), "context_chars": CONTEXT_CHARS,
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
        people = list(queryset)
        self.log_deletions(request, people)
        articles = services.people_reject(people=people, reason=str(_("ditolak editor")))
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
        # Not super().get_queryset(): it orders by get_ordering() before the annotation exists.
        return (
            review_queue()
            .annotate(_mentions=Count("article_links", distinct=True))
            .prefetch_related(_contexts_prefetch())
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
        return context_links(person)

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
