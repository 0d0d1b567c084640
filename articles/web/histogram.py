"""The results over time as bars: years, or the months of one year.

A list of links, one per bar with results (an empty bar is no link: it would lead to an empty page), each named by
its period and count ("2017: 6"), which it shows on hover and focus; under the bars an axis of years or month names.
HTML rather than SVG: links inside an SVG of role "img" are nested interactive content, which axe reports."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.utils import translation

from articles.calendar import MONTHS_EN, MONTHS_ID, UNDATED_YEAR

from .labels import month_label

if TYPE_CHECKING:
    from articles.search.engine import SearchResult

    from .search_page import SearchPage

# Years on the axis: each in full up to this many bars ("2017"), else in two digits ("’17"); a narrow panel (17rem)
# holds about twelve of those, so beyond that only every n-th year is written.
FULL_YEARS, AXIS_LABELS = 6, 12


@dataclass
class Bar:
    label: str  # the period in full: "2017", "November 2017"
    count: int
    url: str  # "" for an empty bar, which is no link
    height: float  # percent of the tallest bar's
    selected: bool
    tick: str = ""  # the period on the axis: "2017", "’17", "Nov" ("" when the axis skips it)


def build_histogram(page: SearchPage, result: SearchResult, selections: dict) -> None:
    """Fill ``page.bars``: the months of the one year chosen (or found), else every year from the first to the last."""
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
        names = MONTHS_EN if translation.get_language() == "en" else MONTHS_ID
        ticks = {key: names[int(key[-2:]) - 1][:3] for key in keys}
    else:
        counts = {c.value: c.count for c in result.facets["year"] if c.count and c.value != UNDATED_YEAR}
        if not counts:
            return
        first, last = int(min(counts)), int(max(counts))
        keys = [str(year) for year in range(first, last + 1)][-40:]
        chosen = set(years)
        urls = {key: page.url(replace={"year": key}, drop=("month",)) for key in keys}
        labels = {key: key for key in keys}
        step = -(-len(keys) // AXIS_LABELS)
        ticks = {key: (key if len(keys) <= FULL_YEARS else f"’{key[-2:]}") if index % step == 0 else ""
                 for index, key in enumerate(keys)}
    tallest = max([counts.get(key, 0) for key in keys] + [1])
    page.bars = [
        Bar(label=labels[key], count=counts.get(key, 0), url=urls[key] if counts.get(key, 0) else "",
            height=round(100 * counts.get(key, 0) / tallest, 1), selected=key in chosen, tick=ticks[key])
        for key in keys
    ]
