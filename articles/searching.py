"""The search page, assembled: form -> filters -> search engine -> what the templates and the API show.

Everything here converts between the web (query strings, labels in the reader's language, links) and the plain
values of ``articles.search``. It holds no search logic of its own.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from datetime import timedelta
from urllib.parse import urlencode

from django.http import QueryDict
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from . import selectors
from .filters import DEFAULT_PER_PAGE, MAX_PER_PAGE, ArticleSearchFilter, day_start
from .models import UNDATED_YEAR, Article, Country, Outlet, Person
from .search.engine import FacetCount, SearchFilters, SearchResult, related
from .search.highlight import Highlighter
from .search.indexing import IndexUnavailableError, index_shortfall
from .search.query import parse_query
from .search.terms import HighlightTerms, highlight_terms
from .calendar import MONTHS_EN, MONTHS_ID

logger = logging.getLogger(__name__)

# Engine facet -> URL parameter (README, "URL parameters"). The API's facet keys are the engine's names.
FACET_PARAMS = {"outlet": "outlet", "year": "year", "month": "month", "people": "person", "countries": "country"}
FACET_LABELS = {
    "outlet": gettext_lazy("Media"), "year": gettext_lazy("Tahun"), "month": gettext_lazy("Bulan"),
    "people": gettext_lazy("Orang"), "countries": gettext_lazy("Negara"),
}
# Long facets show this many values, then "lainnya".
FACET_TOP = 10
API_FACET_TOP = 20
FILTER_PARAMS = ("outlet", "person", "country", "year", "month", "from", "to")

NOTICE_TEXT = {
    "control_characters": gettext_lazy("Karakter kontrol dalam pencarian dibuang."),
    "too_long": gettext_lazy("Pencarian terlalu panjang: hanya %(detail)s karakter pertama yang dipakai."),
    "unbalanced_quote": gettext_lazy("Tanda kutip tidak berpasangan: kata-katanya dicari satu per satu."),
    "unbalanced_paren": gettext_lazy("Tanda kurung tidak berpasangan dan diabaikan."),
    "lone_operator": gettext_lazy("Operator “%(detail)s” tanpa kata di sisinya diabaikan."),
    "empty_field": gettext_lazy("Awalan “%(detail)s:” tanpa kata diabaikan."),
    "wildcard_position": gettext_lazy(
        "Tanda * hanya bisa di akhir kata (mis. “diplom*”): “%(detail)s” dicari tanpa tanda itu."),
    "short_prefix": gettext_lazy("“%(detail)s” terlalu pendek untuk pencarian awalan (minimal 3 huruf)."),
    "stop_word": gettext_lazy("Kata umum “%(detail)s” diabaikan."),
    "too_many_terms": gettext_lazy("Hanya %(detail)s kata pertama yang dicari."),
    "unknown_person": gettext_lazy("Orang “%(detail)s” tidak ada di arsip."),
    "unknown_country": gettext_lazy("Negara “%(detail)s” tidak dikenal."),
    "unknown_outlet": gettext_lazy("Media “%(detail)s” tidak dikenal."),
    "no_words": gettext_lazy("“%(detail)s” tidak berisi kata yang bisa dicari."),
    "too_deep": gettext_lazy("Tanda kurung bertingkat lebih dari 10 diabaikan."),
    "incomplete_time": gettext_lazy(
        "Pencarian ini terlalu berat dan dihentikan sebelum selesai: hasilnya mungkin tidak lengkap."),
    "incomplete_terms": gettext_lazy(
        "Pencarian ini terlalu luas: hanya sebagian kata dari awalan dan frasanya yang dicari."),
}
DROPPED_TEXT = {
    "outlet": gettext_lazy("Media “%(value)s” tidak dikenal; filter itu diabaikan."),
    "person": gettext_lazy("Orang “%(value)s” tidak dikenal; filter itu diabaikan."),
    "country": gettext_lazy("Kode negara “%(value)s” tidak dikenal; filter itu diabaikan."),
    "year": gettext_lazy("Tahun “%(value)s” tidak sah; filter itu diabaikan."),
    "month": gettext_lazy("Bulan “%(value)s” tidak sah (contoh: 2017-11); filter itu diabaikan."),
    "from": gettext_lazy("Tanggal “%(value)s” tidak terbaca (contoh: 1 Jan 2017 atau 2017-01-01); diabaikan."),
    "to": gettext_lazy("Tanggal “%(value)s” tidak terbaca (contoh: 1 Jan 2017 atau 2017-01-01); diabaikan."),
    "sort": gettext_lazy("Urutan “%(value)s” tidak dikenal; diurutkan menurut relevansi."),
    "page": gettext_lazy("Halaman “%(value)s” tidak sah; menampilkan halaman 1."),
    "per_page": gettext_lazy("Jumlah per halaman “%(value)s” tidak sah; menampilkan %(default)s."),
}


@dataclass
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool
    url: str = ""


@dataclass
class FacetView:
    name: str
    label: str
    values: list[FacetValue]
    more: int = 0
    more_url: str = ""


@dataclass
class Chip:
    label: str
    url: str


@dataclass
class Bar:
    label: str
    count: int
    url: str
    x: float
    y: float
    height: float
    width: float
    selected: bool


@dataclass
class SearchPage:
    """One search as a page shows it."""

    query: str
    params: QueryDict
    sort: str
    result: SearchResult | None
    rows: list[tuple[Article, object]] = field(default_factory=list)
    messages: list[str] = field(default_factory=list)
    facets: dict[str, FacetView] = field(default_factory=dict)
    chips: list[Chip] = field(default_factory=list)
    clear_url: str = ""
    understood: str = ""
    suggestion: str = ""
    suggestion_url: str = ""
    incomplete: str = ""  # why the search stopped before its end ("time", "terms"); its message is among messages
    page_links: list[tuple[int | None, str]] = field(default_factory=list)
    sort_links: list[tuple[str, str, bool]] = field(default_factory=list)
    bars: list[Bar] = field(default_factory=list)
    bars_by_month: bool = False
    hidden: list[tuple[str, str]] = field(default_factory=list)
    date_from: str = ""
    date_to: str = ""
    fixed: dict[str, str] = field(default_factory=dict)
    base_path: str = ""
    result_query: str = ""  # carried by the links to articles, so that an article leads back to this very search
    all_facet_values: dict[str, list[FacetValue]] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return self.result.total if self.result else 0

    @property
    def number(self) -> int:
        return self.result.page if self.result else 1

    @property
    def pages(self) -> int:
        return self.result.pages if self.result else 1

    @property
    def first_number(self) -> int:
        return (self.number - 1) * self.per_page + 1

    @property
    def per_page(self) -> int:
        return self.result.per_page if self.result else DEFAULT_PER_PAGE

    def facet(self, name: str) -> list[FacetValue]:
        return self.all_facet_values.get(name, [])

    def url(self, **changes) -> str:
        return _url(self.base_path, self.params, **changes)


def _url(path: str, params: QueryDict, *, add=None, remove=None, replace=None, drop=(), keep_page=False) -> str:
    """Return ``path`` with ``params`` changed: add/remove one (param, value), replace a param's values, drop params."""
    data = params.copy()
    if not keep_page:
        data.pop("page", None)
    for name in drop:
        data.pop(name, None)
    if replace:
        for name, values in replace.items():
            data.setlist(name, [values] if isinstance(values, str) else list(values))
    if add:
        name, value = add
        if value not in data.getlist(name):
            data.appendlist(name, value)
    if remove:
        name, value = remove
        data.setlist(name, [item for item in data.getlist(name) if item.strip().lower() != value.lower()])
    # Only the search's own parameters: a thousand unknown ones in a request are not copied into its every link.
    items = [(name, value) for name, values in data.lists() if name in ArticleSearchFilter.base_filters
             for value in values if value != ""]
    return path + ("?" + urlencode(items) if items else "")


def country_name(country: Country) -> str:
    return country.name_en if translation.get_language() == "en" else country.name_id


def month_label(value: str) -> str:
    year, month = value.split("-")
    names = MONTHS_EN if translation.get_language() == "en" else MONTHS_ID
    return f"{names[int(month) - 1]} {year}"


def _labels(name: str, values: list[str]) -> dict[str, str]:
    if name == "outlet":
        return dict(Outlet.objects.filter(slug__in=values).values_list("slug", "name"))
    if name == "people":
        return dict(Person.objects.filter(slug__in=values).values_list("slug", "name"))
    if name == "countries":
        return {country.code: country_name(country) for country in Country.objects.filter(code__in=values)}
    if name == "month":
        return {value: month_label(value) for value in values}
    return {value: _("tanpa tanggal") if value == UNDATED_YEAR else value for value in values}


def _message(template, **values) -> str:
    return str(template) % values


def _without_nul(query: QueryDict) -> tuple[QueryDict, bool]:
    """Return the parameters with NUL characters made spaces (Django's form fields refuse them outright)."""
    cleaned = QueryDict(mutable=True)
    found = False
    for name, values in query.lists():
        found = found or any("\x00" in value for value in values)
        cleaned.setlist(name.replace("\x00", ""), [value.replace("\x00", " ") for value in values])
    return cleaned, found


def search_page(request, *, fixed: dict[str, str] | None = None, default_sort: str = "relevance",
                facet_limit: int | None = FACET_TOP, snippets: bool = True, base_path: str = "") -> SearchPage:
    """Run the search the request's parameters describe and return it as the page shows it. Never raises for input."""
    fixed = fixed or {}
    params, had_nul = _without_nul(request.GET)
    filterset = ArticleSearchFilter(params, queryset=Article.objects.none())
    filterset.form.is_valid()
    data = filterset.form.cleaned_data
    messages: list[str] = [str(NOTICE_TEXT["control_characters"])] if had_nul else []
    for name, errors in filterset.form.errors.items():  # anything the lenient fields did not absorb
        messages.append(_("Parameter “%(name)s” diabaikan: %(error)s") % {"name": name, "error": " ".join(errors)})
    for name, value in filterset.dropped():
        messages.append(_message(DROPPED_TEXT[name], value=value, default=DEFAULT_PER_PAGE))

    query = data.get("q") or ""
    sort = data.get("sort") or default_sort
    per_page = data.get("per_page") or DEFAULT_PER_PAGE
    if per_page > MAX_PER_PAGE:
        messages.append(_("Paling banyak %(max)s hasil per halaman.") % {"max": MAX_PER_PAGE})
        per_page = MAX_PER_PAGE
    start_day, end_day = data.get("from"), data.get("to")
    if start_day and end_day and start_day > end_day:
        messages.append(_("Tanggal awal sesudah tanggal akhir: keduanya ditukar."))
        start_day, end_day = end_day, start_day

    selections = {
        "outlet": data.get("outlet") or [], "people": data.get("person") or [],
        "countries": data.get("country") or [], "year": data.get("year") or [], "month": data.get("month") or [],
    }
    facet_of_param = {param: facet for facet, param in FACET_PARAMS.items()}
    filters = SearchFilters(
        **selections,
        required={facet_of_param[param]: [value] for param, value in fixed.items()},
        start=day_start(start_day) if start_day else None,
        end=day_start(end_day + timedelta(days=1)) if end_day else None,
    )
    page = SearchPage(query=query, params=params, sort=sort, result=None, fixed=fixed,
                      base_path=base_path or request.path,
                      date_from=params.get("from", "")[:40], date_to=params.get("to", "")[:40])
    try:
        result = selectors.article_search(text=query, filters=filters, sort=sort, page=data.get("page") or 1,
                                          per_page=per_page, snippets=snippets)
        missing = index_shortfall()
    except IndexUnavailableError as error:
        logger.error("Search failed: %s", error)
        messages.append(_("Pencarian sedang tidak tersedia. Coba lagi sebentar lagi."))
        page.messages = messages
        return page
    page.result = result
    page.sort = result.sort
    page.incomplete = result.incomplete
    if missing:
        messages.append(ngettext(
            "Pencarian belum lengkap: %(count)d berita belum masuk indeks pencarian.",
            "Pencarian belum lengkap: %(count)d berita belum masuk indeks pencarian.", missing) % {"count": missing})
    requested = data.get("page") or 1
    if requested > result.page:
        messages.append(_("Halaman %(asked)s tidak ada; menampilkan halaman %(shown)s.")
                        % {"asked": requested, "shown": result.page})
    messages.extend(_message(NOTICE_TEXT[n.code], detail=n.detail) for n in result.notices if n.code in NOTICE_TEXT)
    page.messages = list(dict.fromkeys(messages))
    page.understood = result.parsed.understood((_("DAN"), _("ATAU"), _("TIDAK")))
    if result.suggestion:
        page.suggestion = result.suggestion
        page.suggestion_url = _url(request.path, params, replace={"q": result.suggestion})

    articles = Article.objects.select_related("outlet").in_bulk([hit.article_id for hit in result.hits])
    page.rows = [(articles[hit.article_id], hit) for hit in result.hits if hit.article_id in articles]
    _build_facets(page, result, facet_limit)
    _build_chips(page, data, fixed)
    _build_navigation(page)
    _build_histogram(page, result, selections)
    # The form carries the filters that were used, so changing the words keeps them (and drops rejected values).
    page.hidden = [(FACET_PARAMS[facet], value) for facet, values in selections.items() for value in values]
    page.hidden += [(name, params.get(name)) for name in ("sort", "per_page") if data.get(name)]
    page.result_query = search_query(params, fixed=fixed, sort=page.sort)
    return page


def search_query(params: QueryDict, *, fixed: dict[str, str] | None = None, sort: str = "") -> str:
    """Return the search parameters among ``params`` as a query string ("" when there are none): what an article's
    link carries, and what its way back to the results keeps (a campaign's utm_source makes no search to go back to).
    An entity page adds its own entity as a filter and its order, so that the way back is filtered and sorted alike."""
    pairs = [(name, value) for name in ArticleSearchFilter.base_filters for value in params.getlist(name)]
    pairs += [(param, value) for param, value in (fixed or {}).items() if value not in params.getlist(param)]
    if fixed and "sort" not in params:
        pairs.append(("sort", sort))
    return urlencode(pairs)


def _ordered(name: str, counts: list[FacetCount]) -> list[FacetCount]:
    """Return a facet's values in the order readers scan them: dates newest first, the rest most frequent first."""
    if name in ("year", "month"):
        # Newest first, the undated last.
        return sorted(counts, key=lambda c: (c.value != UNDATED_YEAR, c.value), reverse=True)
    return sorted(counts, key=lambda c: (-c.count, c.value))


def _shown(name: str, ordered: list[FacetCount], limit: int) -> list[FacetCount]:
    """Return the values a facet shows: the first ``limit``, the selected ones, and (of the years) the undated
    stories' value, which a long run of years would otherwise push out of sight."""
    undated = UNDATED_YEAR if name == "year" else None
    return ordered[:limit] + [c for c in ordered[limit:] if c.selected or c.value == undated]


def _build_facets(page: SearchPage, result: SearchResult, facet_limit: int | None) -> None:
    for name, counts in result.facets.items():
        param = FACET_PARAMS[name]
        fixed = page.fixed.get(param)
        ordered = _ordered(name, counts)
        shown = ordered if facet_limit is None else _shown(name, ordered, facet_limit)
        labels = _labels(name, [c.value for c in shown])
        values = [
            FacetValue(
                value=c.value, label=labels.get(c.value, c.value), count=c.count, selected=c.selected,
                url=page.url(remove=(param, c.value)) if c.selected else page.url(add=(param, c.value)),
            )
            for c in shown if c.value != fixed
        ]
        if name == "month" and len(page_selected_years(page)) != 1:
            values = []  # months only within one chosen year
        page.all_facet_values[name] = values
        more = len(ordered) - len(shown)
        page.facets[name] = FacetView(
            name=name, label=str(FACET_LABELS[name]), values=values, more=max(more, 0),
            more_url=_more_url(page, name) if more > 0 else "",
        )


def _more_url(page: SearchPage, name: str) -> str:
    """Link to the page of all values of a facet; an entity page's own filter travels as a plain parameter."""
    params = page.params.copy()
    for param, value in page.fixed.items():
        params.appendlist(param, value)
    return _url(reverse("articles:facet_values", args=[name]), params)


def page_selected_years(page: SearchPage) -> list[str]:
    return [c.value for c in page.result.facets.get("year", []) if c.selected] if page.result else []


def _build_chips(page: SearchPage, data: dict, fixed: dict) -> None:
    for name in ("outlet", "people", "countries", "year", "month"):
        param = FACET_PARAMS[name]
        chosen = [value for value in data.get(param) or [] if value != fixed.get(param)]
        labels = _labels(name, chosen)
        for value in chosen:
            page.chips.append(Chip(label=f"{FACET_LABELS[name]}: {labels.get(value, value)}",
                                   url=page.url(remove=(param, value))))
    if data.get("from"):
        page.chips.append(Chip(label=_("Dari %(date)s") % {"date": data["from"].isoformat()},
                               url=page.url(drop=("from",))))
    if data.get("to"):
        page.chips.append(Chip(label=_("Sampai %(date)s") % {"date": data["to"].isoformat()},
                               url=page.url(drop=("to",))))
    page.clear_url = page.url(drop=FILTER_PARAMS)


def _build_navigation(page: SearchPage) -> None:
    number, pages = page.number, page.pages
    shown = sorted({1, pages, *range(max(1, number - 2), min(pages, number + 2) + 1)})
    links: list[tuple[int | None, str]] = []
    for previous, current in zip([0, *shown], shown, strict=False):
        if current - previous > 1:
            links.append((None, ""))
        links.append((current, page.url(replace={"page": str(current)}, keep_page=True)))
    page.page_links = links if pages > 1 else []
    labels = {"relevance": _("relevansi"), "newest": _("terbaru"), "oldest": _("terlama")}
    page.sort_links = [(labels[key], page.url(replace={"sort": key}), key == page.sort) for key in labels]


# The histogram's drawing area in SVG user units: bars share the width, the tallest fills the height.
CHART_WIDTH, CHART_HEIGHT = 600, 120


def _build_histogram(page: SearchPage, result: SearchResult, selections: dict) -> None:
    # The histogram is a time line: the undated stories have their own value in the year facet, not a bar.
    years = [year for year in selections["year"] if year != UNDATED_YEAR]
    found_in = [c.value for c in result.facets["year"] if c.count and c.value != UNDATED_YEAR]
    if not years and len(found_in) == 1:
        years = found_in  # every result in one year: its months tell more than one lone bar
    if len(years) == 1:
        counts = {c.value: c.count for c in result.facets["month"] if c.value.startswith(years[0])}
        keys = [f"{years[0]}-{month:02d}" for month in range(1, 13)]
        page.bars_by_month = True
        chosen = set(selections["month"])
        urls = {key: page.url(replace={"year": years[0], "month": key}) for key in keys}
        labels = {key: month_label(key) for key in keys}
    else:
        counts = {c.value: c.count for c in result.facets["year"] if c.count and c.value != UNDATED_YEAR}
        if not counts:
            return
        first, last = int(min(counts)), int(max(counts))
        keys = [str(year) for year in range(first, last + 1)][-40:]
        chosen = set(years)
        urls = {key: page.url(replace={"year": key}, drop=("month",)) for key in keys}
        labels = {key: key for key in keys}
    tallest = max([counts.get(key, 0) for key in keys] + [1])
    width = CHART_WIDTH / len(keys)
    page.bars = [
        Bar(label=labels[key], count=counts.get(key, 0), url=urls[key], x=round(index * width, 2),
            height=round(CHART_HEIGHT * counts.get(key, 0) / tallest, 2),
            y=round(CHART_HEIGHT - CHART_HEIGHT * counts.get(key, 0) / tallest, 2), width=round(width * 0.85, 2),
            selected=key in chosen)
        for index, key in enumerate(keys)
    ]


def page_json(page: SearchPage, request) -> dict:
    """Return the API's answer: a stable shape (README, "JSON API"); new keys may be added, none renamed."""
    results = []
    for article, hit in page.rows:
        results.append({
            "id": article.pk,
            "url": article.get_absolute_url(),
            "title": article.title,
            "outlet": article.outlet.slug,
            "outlet_name": article.outlet.name,
            "published": article.published_local.isoformat() if article.published is not None else None,
            "snippet": str(hit.snippet),
        })
    facets = {}
    limit = _api_facet_limit(request)
    for name in ("outlet", "year", "people", "countries", "month"):
        if page.result is None:
            facets[name] = []
            continue
        counts = page.result.facets.get(name, [])
        if name == "month" and len(page_selected_years(page)) != 1:
            continue
        ordered = _ordered(name, counts)
        shown = _shown(name, ordered, limit)
        labels = _labels(name, [c.value for c in shown])
        facets[name] = [{"value": c.value, "label": labels.get(c.value, c.value), "count": c.count,
                         "selected": c.selected} for c in shown]
    return {
        "query": page.query,
        "understood_as": page.understood,
        "total": page.total,
        "page": page.number,
        "per_page": page.per_page,
        "pages": page.pages,
        "sort": page.sort,
        "results": results,
        "facets": facets,
        "did_you_mean": page.suggestion or None,
        "messages": page.messages,
        "incomplete": _incomplete_json(page),
    }


def _incomplete_json(page: SearchPage) -> dict | None:
    """Return why the search stopped before its end, for programs ("time" or "terms") and for people; None if it did
    not."""
    if not page.incomplete:
        return None
    return {"reason": page.incomplete, "message": str(NOTICE_TEXT[f"incomplete_{page.incomplete}"])}


def _api_facet_limit(request) -> int:
    text = request.GET.get("facet_limit", "")
    # ASCII digits only: str.isdigit() also takes "²", which int() refuses, and 5,000 digits are more than int() reads.
    if not re.fullmatch(r"[0-9]{1,6}", text) or int(text) == 0:
        return API_FACET_TOP
    return min(int(text), 1000)


def article_marked(article: Article, words: str) -> dict:
    """Return title, summary and paragraphs of an article, escaped, with the reader's search words marked."""
    marker = Highlighter(highlight_terms(parse_query(words)) if words else HighlightTerms())
    return {
        "title": marker.highlight(article.title),
        "summary": marker.highlight(article.summary),
        "paragraphs": [marker.highlight(paragraph) for paragraph in article.body.split("\n\n") if paragraph.strip()],
        "captions": [marker.highlight(str(caption)) for caption in article.captions or []],
    }


def related_articles(article: Article, *, limit: int = 5) -> list[Article]:
    """Return the articles most like this one ("Berita terkait"); none when the index cannot say."""
    try:
        ids = related(article_id=article.pk, text=f"{article.title}\n{article.body}", limit=limit)
    except Exception:  # the article page must not fail because its side panel could not be filled
        logger.exception("Related articles for %s failed", article.pk)
        return []
    found = Article.objects.select_related("outlet").in_bulk(ids)
    return [found[pk] for pk in ids if pk in found and pk != article.pk]


__all__ = ["SearchPage", "article_marked", "page_json", "related_articles", "search_page"]
