"""The results over time as SVG bars: years, or the months of one year."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from articles.calendar import UNDATED_YEAR

from .labels import month_label

if TYPE_CHECKING:
    from articles.search.engine import SearchResult

    from .search_page import SearchPage

# The histogram's drawing area in SVG user units: bars share the width, the tallest fills the height.
CHART_WIDTH, CHART_HEIGHT = 600, 120


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
