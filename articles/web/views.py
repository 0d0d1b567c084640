"""Reader pages and the JSON API. Thin: bind the search form, call the search service, render."""

from __future__ import annotations

from django.http import Http404, HttpResponse, JsonResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from articles import selectors
from articles.ingest.language import text_language
from articles.models import Article, Country, Outlet, Person, PersonRedirect
from articles.search.registry import BY_NAME

from . import entities
from .api import api_facet_limit, article_json, page_json
from .article_page import article_marked, link_url, permalink, story_changes, story_copies
from .export import CONTENT_TYPES, ExportError, export_filename, export_lines, export_prepare
from .feeds import feed_link
from .labels import FACET_LABELS, country_name
from .querystring import search_query
from .search_page import search_page
from .welcome import search_tips


@require_safe
def search(request):
    page = search_page(request, guide=True)
    return render(request, "articles/search.html", {"page": page, "feed": feed_link(request, page, "articles:feed")})


@require_safe
def tips(request):
    """The "Tips pencarian" page: the query syntax in a table (linked from the search box)."""
    return render(request, "articles/search_tips.html", search_tips(reverse("articles:search")))


@require_safe
def facet_values(request, facet: str):
    """All values of one facet for the current search, optionally narrowed by a word (the "lainnya" page)."""
    if facet not in BY_NAME:
        raise Http404(_("Faset tidak dikenal."))
    page = search_page(request, facet_limit=None, snippets=False, base_path=reverse("articles:search"))
    values = page.facet(facet)
    narrow = " ".join(request.GET.get("cari", "").split())[:100]
    if narrow:
        values = [value for value in values if narrow.lower() in value.label.lower()]
    return render(request, "articles/facet_values.html", {
        "page": page, "facet": facet, "facet_label": FACET_LABELS[facet], "values": values, "narrow": narrow,
    })


@require_safe
def api_search(request):
    """GET /api/search: the search page as JSON (shape documented in the README; external checks read it)."""
    # The API lists as many values of a facet as it is asked for (web.api.api_facet_limit).
    page = search_page(request, facet_limit=api_facet_limit(request), snippets=True, links=False,
                       row_fields=selectors.API_FIELDS)
    return JsonResponse(page_json(page), json_dumps_params={"ensure_ascii": False})


@require_safe
def export(request, fmt: str):
    """GET /api/export.csv and /api/export.jsonl: every article of a search, streamed (README, "Export")."""
    try:
        prepared = export_prepare(request.GET)
    except ExportError as error:
        status = 503 if error.unavailable else 400
        if fmt == "jsonl":
            return JsonResponse({"error": str(error), "messages": error.messages}, status=status,
                                json_dumps_params={"ensure_ascii": False})
        return HttpResponse("\n".join(error.messages) + "\n", status=status, content_type="text/plain; charset=utf-8")
    response = StreamingHttpResponse(export_lines(prepared, fmt), content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{export_filename(fmt)}"'
    return response


@require_safe
def article_detail(request, pk: int):
    article = get_object_or_404(Article.objects.select_related("outlet"), pk=pk)
    people = [link.person for link in article.person_links.active().select_related("person").order_by("person__name")]
    countries = [link.country for link in article.country_links.active().select_related("country")
                 .order_by("country__name_id")]
    words = " ".join(request.GET.get("q", "").split())[:500]
    versions, omitted = selectors.article_versions(article)
    copies, copies_omitted = selectors.article_copies(article)
    return render(request, "articles/article_detail.html", {
        "article": article,
        "link_url": link_url(article.url),
        "changes": story_changes(versions),
        "changes_omitted": omitted,
        "copies": story_copies(article, copies),
        "copies_omitted": copies_omitted,
        # The citation's "archived" date: the crawl's when the page came from one, else the archive's own.
        "archived_on": article.fetched_at or article.version_archived_at,
        "permalink": request.build_absolute_uri(permalink(article)),
        "accessed_on": timezone.now(),
        "story_language": text_language(f"{article.title}\n{article.body}"),
        "people": people,
        "countries": countries,
        "words": words,
        "back_query": search_query(request.GET),  # the search it was opened from (SearchPage.result_query)
        "marked": article_marked(article, words),
        "related": selectors.article_list_related(article),
    })


@require_safe
def api_article(request, pk: int):
    """GET /api/artikel/<id>: one article and its earlier versions as JSON (shape in the README); 404 as JSON."""
    article = Article.objects.select_related("outlet").filter(pk=pk).first()
    if article is None:
        return JsonResponse({"error": _("Artikel %(id)s tidak ada.") % {"id": pk}}, status=404,
                            json_dumps_params={"ensure_ascii": False})
    versions, omitted = selectors.article_versions(article)
    return JsonResponse(article_json(article, versions=versions, omitted=omitted),
                        json_dumps_params={"ensure_ascii": False})


@require_safe
def person_detail(request, slug: str):
    person = Person.objects.filter(slug=slug).first()
    if person is None:
        # A person merged into another: its old address leads to the one it became (permanently).
        moved = get_object_or_404(PersonRedirect.objects.select_related("person"), old_slug=slug)
        query = request.META.get("QUERY_STRING", "")
        return redirect(reverse("articles:person", args=[moved.person.slug]) + (f"?{query}" if query else ""),
                        permanent=True)
    page = search_page(request, fixed={"person": person.slug}, default_sort="newest")
    aliases = [alias.name for alias in person.aliases.all()]
    return render(request, "articles/entity_detail.html", {
        "page": page, "entity": person, "kind": _("Orang"), "heading": person.name,
        "feed": feed_link(request, page, "articles:person_feed", person.slug, heading=person.name),
        "aliases": aliases, "description": person.description,
        "profile": entities.person_profile(person, aliases),
    })


@require_safe
def country_detail(request, code: str):
    country = get_object_or_404(Country, code=code.upper())
    page = search_page(request, fixed={"country": country.code}, default_sort="newest")
    return render(request, "articles/entity_detail.html", {
        "page": page, "entity": country, "kind": _("Negara"), "heading": country_name(country),
        "feed": feed_link(request, page, "articles:country_feed", country.code, heading=country_name(country)),
        "profile": entities.country_profile(country),
        "aliases": [alias.name for alias in country.aliases.all()],
    })


@require_safe
def outlet_detail(request, slug: str):
    outlet = get_object_or_404(Outlet, slug=slug)
    page = search_page(request, fixed={"outlet": outlet.slug}, default_sort="newest")
    return render(request, "articles/entity_detail.html", {
        "page": page, "entity": outlet, "kind": _("Media"), "heading": outlet.name, "description": outlet.domain,
        "feed": feed_link(request, page, "articles:outlet_feed", outlet.slug, heading=outlet.name),
        "profile": entities.outlet_profile(outlet),
    })


def _person_or_moved(slug: str) -> tuple[Person | None, Person | None]:
    """Return the person of ``slug``, or None and the person it was merged into (None and None: no such person)."""
    person = Person.objects.filter(slug=slug).first()
    if person is not None:
        return person, None
    moved = PersonRedirect.objects.select_related("person").filter(old_slug=slug).first()
    return None, (moved.person if moved else None)


@require_safe
def person_pair(request, slug: str, other: str):
    """/orang/<a>/dengan/<b>/: two people together: their joint timeline and the articles naming both."""
    person, moved = _person_or_moved(slug)
    partner, partner_moved = _person_or_moved(other)
    if (person or moved) is None or (partner or partner_moved) is None:
        raise Http404(_("Orang itu tidak ada di arsip."))
    if moved or partner_moved or person == partner:
        first, second = person or moved, partner or partner_moved
        target = (reverse("articles:person", args=[first.slug]) if first == second
                  else reverse("articles:person_pair", args=[first.slug, second.slug]))
        query = request.META.get("QUERY_STRING", "")
        return redirect(target + (f"?{query}" if query else ""), permanent=True)
    # The search fixed to both people (the articles naming both); what the reader chooses narrows it further.
    page = search_page(request, fixed={"person": person.slug}, also=(("person", partner.slug),),
                       default_sort="newest")
    return render(request, "articles/person_pair.html", {
        "page": page, "person": person, "partner": partner,
        "heading": _("%(a)s dan %(b)s") % {"a": person.name, "b": partner.name},
        "profile": entities.pair_profile(person, partner),
    })


def _entity_json(profile, kind: str) -> JsonResponse:
    if profile is None:
        return JsonResponse({"error": _("Pencarian sedang tidak tersedia. Coba lagi sebentar lagi.")}, status=503,
                            json_dumps_params={"ensure_ascii": False})
    return JsonResponse(entities.profile_json(profile, kind=kind), json_dumps_params={"ensure_ascii": False})


def _not_found_json(text: str) -> JsonResponse:
    return JsonResponse({"error": text}, status=404, json_dumps_params={"ensure_ascii": False})


@require_safe
def api_person(request, slug: str):
    """GET /api/orang/<slug>: a person's profile as JSON (README, "Entity JSON API"); 404 as JSON."""
    person, moved = _person_or_moved(slug)
    if moved is not None:
        return redirect(reverse("articles:api_person", args=[moved.slug]), permanent=True)
    if person is None:
        return _not_found_json(_("Orang “%(slug)s” tidak ada di arsip.") % {"slug": slug})
    return _entity_json(entities.person_profile(person, [alias.name for alias in person.aliases.all()]), "person")


@require_safe
def api_country(request, code: str):
    """GET /api/negara/<code>: a country's profile as JSON (README, "Entity JSON API"); 404 as JSON."""
    country = Country.objects.filter(code=code.upper()).first()
    if country is None:
        return _not_found_json(_("Kode negara “%(code)s” tidak dikenal.") % {"code": code})
    return _entity_json(entities.country_profile(country), "country")


@require_safe
def api_outlet(request, slug: str):
    """GET /api/media/<slug>: an outlet's profile as JSON (README, "Entity JSON API"); 404 as JSON."""
    outlet = Outlet.objects.filter(slug=slug).first()
    if outlet is None:
        return _not_found_json(_("Media “%(slug)s” tidak dikenal.") % {"slug": slug})
    return _entity_json(entities.outlet_profile(outlet), "outlet")
