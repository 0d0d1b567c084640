"""The search page, assembled: form -> filters -> ``selectors.article_search`` -> what the templates show.

Also the entity pages (a person's, a country's, an outlet's) and the API, which are the same search with one filter
fixed or another output. Nothing here searches: it converts between the request and the plain values of the search.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import timedelta

from django.http import QueryDict
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from articles import selectors
from articles.models import Article
from articles.search.engine import SearchFilters, SearchResult
from articles.search.backends import backend
from articles.search.indexing import IndexUnavailableError
from articles.search.registry import BY_PARAM, FORM_ORDER, MATCH_ALL, MATCH_ANY
from articles.web.filters import DEFAULT_PER_PAGE, MAX_PER_PAGE, ArticleSearchFilter, day_start

from .facets import FACET_TOP, FacetValue, FacetView, build_facets
from .histogram import Bar, build_histogram
from .labels import DROPPED_TEXT, FACET_LABELS, NOTICE_TEXT, message, value_labels
from .querystring import edited_url, search_query, without_nul
from .welcome import EntityCard, Welcome, entity_cards, welcome

logger = logging.getLogger(__name__)

# On an entity page, what its own entity adds to the filters a reader chose: always applied, with AND.
FIXED_NOTE = {
    "outlet": gettext_lazy("Hanya berita dari %(name)s yang juga cocok dengan filter ini:"),
    "people": gettext_lazy("Hanya berita yang menyebut %(name)s dan juga cocok dengan filter ini:"),
    "countries": gettext_lazy("Hanya berita yang menyebut %(name)s dan juga cocok dengan filter ini:"),
}
# The parameters a chip or "clear all" removes: the facets' and the date range.
FILTER_PARAMS = (*(facet.param for facet in FORM_ORDER), "from", "to")


@dataclass
class Chip:
    """A chosen filter as the page shows it: one chip per facet, naming its values and how they combine."""

    label: str  # the whole chip as read, e.g. "Negara: Rusia atau Tiongkok" (a feed's title reads it too)
    url: str  # removes the chip's filter, every value of it
    # A chip of several values: the facet's label ("Negara"), the word joining the values ("atau", "dan") and each
    # value's (label, removal link), so that each can be taken away alone.
    facet_label: str = ""
    joiner: str = ""
    parts: list[tuple[str, str]] = field(default_factory=list)


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
    suggestion_total: int = 0  # the articles the suggestion finds
    incomplete: str = ""  # why the search stopped before its end ("time", "terms"); its message is among messages
    page_links: list[tuple[int | None, str]] = field(default_factory=list)
    sort_links: list[tuple[str, str, bool]] = field(default_factory=list)
    bars: list[Bar] = field(default_factory=list)
    bars_by_month: bool = False
    hidden: list[tuple[str, str]] = field(default_factory=list)
    date_from: str = ""
    date_to: str = ""
    fixed: dict[str, str] = field(default_factory=dict)
    also: tuple[tuple[str, str], ...] = ()  # more (parameter, value) the page always requires (a pair's second person)
    base_path: str = ""
    result_query: str = ""  # carried by the links to articles, so that an article leads back to this very search
    all_facet_values: dict[str, list[FacetValue]] = field(default_factory=dict)
    collapse: bool = True  # a story's near copies are one result (collapse=0: every article)
    all_url: str = ""  # the same search with every article (collapse=0), when collapsing hid some
    collapse_url: str = ""  # the same search with a story's copies as one result, when collapse=0 showed them all
    match: str = MATCH_ANY  # how chosen people and countries combine (engine.SearchFilters.match)
    fixed_note: str = ""  # on an entity page with filters chosen: that the page's own entity always applies too
    per_page_links: list[tuple[int, str, bool]] = field(default_factory=list)  # (results per page, URL, current)
    welcome: Welcome | None = None  # what the archive holds and example searches: the search page with nothing asked
    cards: list[EntityCard] = field(default_factory=list)  # the people, countries, outlets the words name

    @property
    def filters_chosen(self) -> int:
        """The values chosen in the filters (a chip of several values counts each): the drawer's "Filter (n)"."""
        return sum(len(chip.parts) or 1 for chip in self.chips)

    @property
    def total(self) -> int:
        return self.result.total if self.result else 0

    @property
    def stories(self) -> int:
        """The results the page runs over: the stories when collapsed, else the articles (``total``)."""
        return self.result.stories if self.result and self.collapse else self.total

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
        return edited_url(self.base_path, self.params, **changes)


@dataclass
class SearchTerms:
    """A search's URL parameters read by the search form: the words, the order, the filters, and what could not be
    used (``problems``: a value dropped, a control character) or was read otherwise than given (``notes``)."""

    params: QueryDict
    data: dict
    query: str
    sort: str
    filters: SearchFilters
    selections: dict[str, list[str]]
    problems: list[str]
    notes: list[str]
    collapse: bool = True  # a story's near copies are one result (collapse=0: every article)
    match: str = MATCH_ANY  # how chosen people and countries combine (engine.SearchFilters.match)


def search_terms(query_dict: QueryDict, *, fixed: dict[str, str], default_sort: str = "relevance",
                 forced: dict[str, str] | None = None, also: tuple[tuple[str, str], ...] = ()) -> SearchTerms:
    """Bind the search form to URL parameters and return the search they describe (the page's, the API's, a feed's and
    an export's, ``web.export``). Never raises for input.

    ``forced`` replaces parameters whatever the request says (the feeds: newest first, page 1, 50 entries). ``also``
    requires more (parameter, value) pairs besides ``fixed``'s, every one of them (the pair page's second person)."""
    params, had_nul = without_nul(query_dict)
    for name, value in (forced or {}).items():
        params[name] = value
    filterset = ArticleSearchFilter(params, queryset=Article.objects.none())
    filterset.form.is_valid()
    data = filterset.form.cleaned_data
    problems: list[str] = [str(NOTICE_TEXT["control_characters"])] if had_nul else []
    for name, errors in filterset.form.errors.items():  # anything the lenient fields did not absorb
        problems.append(_("Parameter “%(name)s” diabaikan: %(error)s") % {"name": name, "error": " ".join(errors)})
    for name, value in filterset.dropped():
        problems.append(message(DROPPED_TEXT[name], value=value, default=DEFAULT_PER_PAGE))
    notes: list[str] = []
    start_day, end_day = data.get("from"), data.get("to")
    if start_day and end_day and start_day > end_day:
        notes.append(_("Tanggal awal sesudah tanggal akhir: keduanya ditukar."))
        start_day, end_day = end_day, start_day

    # Facet name -> the values chosen in its URL parameter, in the form's order.
    selections = {facet.name: data.get(facet.param) or [] for facet in FORM_ORDER}
    required = {BY_PARAM[param].name: [value] for param, value in fixed.items()}
    for param, value in also:
        required.setdefault(BY_PARAM[param].name, []).append(value)
    filters = SearchFilters(
        **selections,
        required=required,
        start=day_start(start_day) if start_day else None,
        end=day_start(end_day + timedelta(days=1)) if end_day else None,
        match=data.get("match") or MATCH_ANY,
    )
    return SearchTerms(params=params, data=data, query=data.get("q") or "", sort=data.get("sort") or default_sort,
                       filters=filters, selections=selections, problems=problems, notes=notes,
                       collapse=data.get("collapse") is not False, match=filters.match)


def english_words_glossary() -> bool:
    """Return whether the reader's words are searched also as their Indonesian (``search.glossary``): on the English
    pages, whose readers search the Indonesian texts with English words ("flood" for "banjir")."""
    return translation.get_language() == "en"


def search_page(request, *, fixed: dict[str, str] | None = None, default_sort: str = "relevance",
                facet_limit: int | None = FACET_TOP, snippets: bool = True, base_path: str = "",
                forced: dict[str, str] | None = None, guide: bool = False,
                also: tuple[tuple[str, str], ...] = (), links: bool = True,
                row_fields: tuple[str, ...] = ()) -> SearchPage:
    """Run the search the request's parameters describe and return it as the page shows it. Never raises for input.

    ``links`` off leaves out what only the HTML page shows (each facet value's link, the chips, the page and sort
    links, the histogram, the form's hidden fields): the JSON API answers without them. At 100k articles they were
    about a tenth of an API search's time (some 120 URLs encoded, a names query for the chips).

    ``row_fields`` names the only article columns the caller reads (``selectors.article_rows``; every listed one when
    empty): the API's (``selectors.API_FIELDS``).

    ``forced`` replaces parameters whatever the request says (the feeds: newest first, page 1, 50 entries).
    ``guide`` adds what the search page (only it) tells a reader: the welcome, or the cards of the entities named."""
    fixed = fixed or {}
    terms = search_terms(request.GET, fixed=fixed, default_sort=default_sort, forced=forced, also=also)
    params, data, query, sort, filters, selections = (terms.params, terms.data, terms.query, terms.sort, terms.filters,
                                                      terms.selections)
    collapse = terms.collapse
    messages = terms.problems + terms.notes
    per_page = data.get("per_page") or DEFAULT_PER_PAGE
    if per_page > MAX_PER_PAGE:
        messages.append(_("Paling banyak %(max)s hasil per halaman.") % {"max": MAX_PER_PAGE})
        per_page = MAX_PER_PAGE
    page = SearchPage(query=query, params=params, sort=sort, result=None, fixed=fixed, also=also, collapse=collapse,
                      match=terms.match,
                      base_path=base_path or request.path,
                      date_from=params.get("from", "")[:40], date_to=params.get("to", "")[:40])
    loaded: dict[int, Article] = {}

    def texts_of(ids: list[int]) -> dict[int, str]:
        """Load the hits' rows before their snippets and cut the snippets from the rows' texts (as
        ``selectors.article_texts`` reads them): one query for both, not two."""
        loaded.update(selectors.article_rows(ids, fields=row_fields))
        return {pk: selectors.snippet_text(loaded[pk].summary, loaded[pk].body) for pk in ids if pk in loaded}

    try:
        result = selectors.article_search(text=query, filters=filters, sort=sort, page=data.get("page") or 1,
                                          per_page=per_page, snippets=snippets, collapse=collapse,
                                          glossary=english_words_glossary(), texts_of=texts_of)
        missing = backend().shortfall()
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
    messages.extend(message(NOTICE_TEXT[n.code], detail=n.detail) for n in result.notices if n.code in NOTICE_TEXT)
    page.messages = list(dict.fromkeys(messages))
    page.understood = result.parsed.understood((_("DAN"), _("ATAU"), _("TIDAK")))
    # A suggestion is offered only when it finds more than the words as typed ("flood" -> "food" finds nothing).
    if result.suggestion and result.suggestion_total > result.total:
        page.suggestion = result.suggestion
        page.suggestion_total = result.suggestion_total
        page.suggestion_url = edited_url(request.path, params, replace={"q": result.suggestion})

    unloaded = [pk for hit in result.hits for pk in (hit.article_id, *hit.versions) if pk not in loaded]
    articles = {**loaded, **selectors.article_rows(unloaded, fields=row_fields)} if unloaded else loaded
    page.rows = [(articles[hit.article_id], hit) for hit in result.hits if hit.article_id in articles]
    for hit in result.hits:
        hit.version_rows = [articles[pk] for pk in hit.versions if pk in articles]
    build_facets(page, result, facet_limit, links=links)
    if not links:
        return page
    _build_collapse_links(page)
    _build_chips(page, data, fixed)
    _build_navigation(page)
    _build_per_page(page)
    build_histogram(page, result, selections)
    if guide:
        _build_guide(page)
    # The form carries the filters that were used, so changing the words keeps them (and drops rejected values).
    page.hidden = [(facet.param, value) for facet in FORM_ORDER for value in selections[facet.name]]
    page.hidden += [(name, params.get(name)) for name in ("sort", "per_page") if data.get(name)]
    page.hidden += [("collapse", "0")] if not collapse else []
    page.hidden += [("match", MATCH_ALL)] if page.match == MATCH_ALL else []
    page.result_query = search_query(params, fixed=fixed, also=also, sort=page.sort)
    return page


def _build_guide(page: SearchPage) -> None:
    """Welcome a reader who asked nothing yet; else name the entities the words stand for. Both read the archive's
    counts (one search per index generation), and a page without them is still a page."""
    try:
        if not page.query and not page.chips and page.number == 1:
            page.welcome = welcome(page.base_path)
        elif page.query:
            page.cards = entity_cards(page)
    except IndexUnavailableError as error:
        logger.error("The search page's welcome or cards failed: %s", error)


# The choices of results per page offered (any number up to MAX_PER_PAGE may be asked in the URL).
PER_PAGE_CHOICES = (10, 20, 50, 100)


def _build_per_page(page: SearchPage) -> None:
    page.per_page_links = [(number, page.url(replace={"per_page": str(number)}), number == page.per_page)
                           for number in PER_PAGE_CHOICES]


def _build_chips(page: SearchPage, data: dict, fixed: dict) -> None:
    """One chip per facet with values chosen: "Media: Tempo.co", or "Negara: Rusia atau Tiongkok" ("dan" with
    ``match=all`` on a facet whose articles have several values), each value removable alone; then the dates."""
    for facet in FORM_ORDER:
        chosen = [value for value in data.get(facet.param) or [] if value != fixed.get(facet.param)]
        if not chosen:
            continue
        labels = value_labels(facet.name, chosen)
        names = [labels.get(value, value) for value in chosen]
        joiner = _("dan") if page.match == MATCH_ALL and facet.several else _("atau")
        chip = Chip(label=f"{FACET_LABELS[facet.name]}: {f' {joiner} '.join(names)}",
                    url=page.url(drop=(facet.param,)) if len(chosen) > 1 else page.url(remove=(facet.param, chosen[0])))
        if len(chosen) > 1:
            chip.facet_label, chip.joiner = str(FACET_LABELS[facet.name]), joiner
            chip.parts = [(name, page.url(remove=(facet.param, value))) for name, value in zip(names, chosen,
                                                                                                strict=True)]
        page.chips.append(chip)
    if data.get("from"):
        page.chips.append(Chip(label=_("Dari %(date)s") % {"date": data["from"].isoformat()},
                               url=page.url(drop=("from",))))
    if data.get("to"):
        page.chips.append(Chip(label=_("Sampai %(date)s") % {"date": data["to"].isoformat()},
                               url=page.url(drop=("to",))))
    page.clear_url = page.url(drop=FILTER_PARAMS)
    if fixed and page.chips:
        param, value = next(iter(fixed.items()))
        facet = BY_PARAM[param]
        name = value_labels(facet.name, [value]).get(value, value)
        page.fixed_note = str(FIXED_NOTE[facet.name]) % {"name": name}


def _build_collapse_links(page: SearchPage) -> None:
    """Offer every article when collapsing hid some, and the stories again to a reader who asked for every article."""
    if page.collapse and page.result.stories < page.result.total:
        page.all_url = page.url(replace={"collapse": "0"})
    elif not page.collapse:
        page.collapse_url = page.url(drop=("collapse",))


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
