"""The facets as the page and the API show them: values in reading order, cut to a limit, labelled, linked.

Built once per search (``build_facets``); the API (``api.page_json``) reads the same values.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.urls import reverse
from django.utils.translation import gettext as _

from articles.calendar import UNDATED_YEAR
from articles.search.facets import FacetCount
from articles.search.registry import BY_NAME, MATCH_ALL, MATCH_ANY

from .labels import FACET_LABELS, facet_value_labels
from .querystring import edited_url

if TYPE_CHECKING:
    from articles.search.engine import SearchResult

    from .search_page import SearchPage

# Long facets show this many values, then "lainnya".
FACET_TOP = 10
API_FACET_TOP = 20


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
    # The choice between articles naming every chosen value and those naming any (``match``): (label, url, current).
    match_links: list[tuple[str, str, bool]] = field(default_factory=list)


def ordered(name: str, counts: list[FacetCount]) -> list[FacetCount]:
    """Return a facet's values in the order readers scan them: dates newest first, the rest most frequent first."""
    if BY_NAME[name].by_date:
        # Newest first, the undated last.
        return sorted(counts, key=lambda c: (c.value != UNDATED_YEAR, c.value), reverse=True)
    return sorted(counts, key=lambda c: (-c.count, c.value))


def shown(name: str, ordered: list[FacetCount], limit: int) -> list[FacetCount]:
    """Return the values a facet shows: the first ``limit``, the selected ones, and (of the years) the undated
    stories' value, which a long run of years would otherwise push out of sight."""
    undated = UNDATED_YEAR if name == "year" else None
    return ordered[:limit] + [c for c in ordered[limit:] if c.selected or c.value == undated]


def build_facets(page: SearchPage, result: SearchResult, facet_limit: int | None, *, links: bool = True) -> None:
    """Fill ``page.facets`` (and ``page.all_facet_values``) from the result's counts; no limit shows every value.
    Without ``links`` (the API) the values have no URL and the facets no "semua"/"salah satu" links."""
    more_query = None  # the query string of every "lainnya" link of the page: made once, for the first that needs it
    in_orders = {name: ordered(name, counts) for name, counts in result.facets.items()}
    all_shown = {name: in_order if facet_limit is None else shown(name, in_order, facet_limit)
                 for name, in_order in in_orders.items()}
    all_labels = facet_value_labels({name: [c.value for c in values_shown] for name, values_shown in all_shown.items()})
    for name in result.facets:
        facet = BY_NAME[name]
        fixed = page.fixed.get(facet.param)
        in_order, values_shown, labels = in_orders[name], all_shown[name], all_labels[name]
        values = [
            FacetValue(
                value=c.value, label=labels.get(c.value, c.value), count=c.count, selected=c.selected,
                url=("" if not links else page.url(remove=(facet.param, c.value)) if c.selected
                     else page.url(add=(facet.param, c.value))),
            )
            for c in values_shown if c.value != fixed and (facet.param, c.value) not in page.also
        ]
        if not facet_visible(page, name):
            values = []  # months only within one chosen year
        page.all_facet_values[name] = values
        more = len(in_order) - len(values_shown)
        if more > 0 and more_query is None:
            more_query = _more_query(page)
        page.facets[name] = FacetView(
            name=name, label=str(FACET_LABELS[name]), values=values, more=max(more, 0),
            more_url=reverse("articles:facet_values", args=[name]) + more_query if more > 0 else "",
            match_links=_match_links(page) if links and facet.several and any(v.selected for v in values) else [],
        )


def _match_links(page: SearchPage) -> list[tuple[str, str, bool]]:
    """Return the two ways chosen people and countries combine, as links: "semua" (match=all) and "salah satu".

    Shown once a value of the facet is chosen: before that the choice changes nothing, and the side panel stays short
    on a phone. With one value chosen it already changes the counts (with "semua", each other value's count is what
    choosing it too would find: how often the two are named together)."""
    return [
        (_("semua"), page.url(replace={"match": MATCH_ALL}), page.match == MATCH_ALL),
        (_("salah satu"), page.url(drop=("match",)), page.match == MATCH_ANY),
    ]


def facet_visible(page: SearchPage, name: str) -> bool:
    """Return whether a facet shown inside another (the months, inside one year) has its one value chosen."""
    within = BY_NAME[name].within
    return not within or len(selected_values(page, within)) == 1


def selected_values(page: SearchPage, name: str) -> list[str]:
    return [c.value for c in page.result.facets.get(name, []) if c.selected] if page.result else []


def _more_query(page: SearchPage) -> str:
    """Return the query string ("?..." or "") of the links to the page of all values of a facet, the same for every
    facet; an entity page's own filter travels as a plain parameter."""
    params = page.params.copy()
    for param, value in [*page.fixed.items(), *page.also]:
        params.appendlist(param, value)
    return edited_url("", params)
