"""The search form: the URL parameters of the search page, the API and the feeds, validated leniently.

A value that cannot be used (an unknown outlet, a date that is no date, page "abc") is dropped and reported; the rest
of the search goes on. The form only validates: the index does the filtering (``articles.search.engine``), so the
filterset has no ``qs`` of its own (the tests' database oracle, ``tests/search/oracles.py``, gives it one).
"""

from __future__ import annotations

import calendar
import re
from datetime import date, datetime, time

import django_filters
from dateutil import parser as dateutil_parser
from django import forms
from django.utils.translation import gettext_lazy as _

from ..calendar import ARCHIVE_ZONE, UNDATED_YEAR, reader_year
from ..ingest.dates import MONTHS, parse_date
from ..models import Article, Country, Outlet, Person
from ..search.registry import FORM_ORDER, MATCHES
from .labels import FACET_LABELS

# per_page is capped so that one request cannot ask for the whole archive.
MAX_PER_PAGE = 100
DEFAULT_PER_PAGE = 20
# More values than this for one facet is not a reader clicking: the rest are dropped.
MAX_VALUES = 50
MAX_PAGE = 10_000
SORT_CHOICES = [("relevance", _("relevansi")), ("newest", _("terbaru")), ("oldest", _("terlama"))]


def parse_reader_date(text: str, *, end: bool = False) -> date | None:
    """Return the day a reader's date means; a bare year or month means its first day (its last with ``end``).

    >>> parse_reader_date("1 Jan 2017"), parse_reader_date("2017-01-01"), parse_reader_date("Nov 2017", end=True)
    (datetime.date(2017, 1, 1), datetime.date(2017, 1, 1), datetime.date(2017, 11, 30))
    >>> parse_reader_date("kemarin") is None, parse_reader_date("2017-13-45") is None, parse_reader_date("0000") is None
    (True, True, True)
    """
    text = " ".join(text.split())[:40]
    day = _reader_date(text, end=end) if text else None
    return day if day is not None and reader_year(day.year) else None


def _reader_date(text: str, *, end: bool) -> date | None:
    if re.fullmatch(r"\d{4}", text):
        year = int(text)
        return (date(year, 12, 31) if end else date(year, 1, 1)) if year >= 1 else None
    month_year = re.fullmatch(r"([A-Za-z]+)\.? (\d{4})", text)
    if month_year and month_year.group(1).lower() in MONTHS:
        year, month = int(month_year.group(2)), MONTHS[month_year.group(1).lower()]
        return date(year, month, calendar.monthrange(year, month)[1] if end else 1) if year >= 1 else None
    found = parse_date(text)
    if found is not None:
        return found.value.date()
    if re.fullmatch(r"\d{4}[-/.]\d{1,2}[-/.]\d{1,2}", text):
        try:
            return dateutil_parser.isoparse(text.replace("/", "-").replace(".", "-")).date()
        except ValueError:
            return None
    return None


class LenientMultipleField(forms.Field):
    """Several values of one parameter; the ones ``known`` does not accept are dropped and kept in ``dropped``."""

    widget = forms.MultipleHiddenInput

    def __init__(self, *, known, normalize=str.strip, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)
        self.known = known
        self.normalize = normalize
        self.dropped: list[str] = []

    def clean(self, value):
        values = [self.normalize(str(item)) for item in (value or [])]
        values = list(dict.fromkeys(item for item in values if item))
        self.dropped = values[MAX_VALUES:]
        values = values[:MAX_VALUES]
        accepted = self.known(values) if values else set()
        self.dropped += [item for item in values if item not in accepted]
        return [item for item in values if item in accepted]


class LenientField(forms.CharField):
    """One value parsed by ``parse``; a value it cannot parse becomes ``None`` and is kept in ``dropped``."""

    def __init__(self, *, parse, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)
        self.parse = parse
        self.dropped: list[str] = []

    def clean(self, value):
        text = super().clean(value)
        self.dropped = []
        if not text:
            return None
        parsed = self.parse(text)
        if parsed is None:
            self.dropped = [text[:60]]
        return parsed


def _known_outlets(values):
    return set(Outlet.objects.filter(slug__in=values).values_list("slug", flat=True))


def _known_people(values):
    return set(Person.objects.filter(slug__in=values).values_list("slug", flat=True))


def _known_countries(values):
    return set(Country.objects.filter(code__in=values).values_list("code", flat=True))


def _known_years(values):
    """Return the years that can be chosen: 1800-2200, and "none" for the stories without a date."""
    return {value for value in values
            if value == UNDATED_YEAR or re.fullmatch(r"\d{4}", value) and reader_year(int(value))}


def _known_months(values):
    return {value for value in values if re.fullmatch(r"\d{4}-(0[1-9]|1[0-2])", value)}


def _int_between(low: int, high: int):
    def parse(text: str) -> int | None:
        return int(text) if re.fullmatch(r"\d{1,6}", text.strip()) and low <= int(text) <= high else None
    return parse


def _sort(text: str) -> str | None:
    return text if text in dict(SORT_CHOICES) else None


def _match(text: str) -> str | None:
    """Return how the chosen people and countries combine, "all" or "any" (any case); None for anything else."""
    text = text.strip().lower()
    return text if text in MATCHES else None


def _flag(text: str) -> bool | None:
    """Return the yes or no of a switch such as ``collapse``: 1/0 or true/false (any case); None for anything else."""
    return {"1": True, "true": True, "0": False, "false": False}.get(text.strip().lower())


def day_start(day: date) -> datetime:
    """Return the first moment of a day in the archive's zone (WIB)."""
    return datetime.combine(day, time.min, tzinfo=ARCHIVE_ZONE)


class LenientFilter(django_filters.Filter):
    field_class = LenientMultipleField


class LenientValueFilter(django_filters.Filter):
    field_class = LenientField


def _lower(value: str) -> str:
    return value.strip().lower()


def _upper(value: str) -> str:
    return value.strip().upper()


# Facet name -> (the values that exist, how a value is normalized before it is looked up).
_FACET_VALUES = {
    "outlet": (_known_outlets, _lower),
    "people": (_known_people, _lower),
    "countries": (_known_countries, _upper),
    "year": (_known_years, str.strip),
    "month": (_known_months, str.strip),
}


class ArticleSearchFilter(django_filters.FilterSet):
    """The search parameters (see README, "URL parameters"): the words, a parameter per facet of the registry
    (``search.registry``), the date range, the order and the page."""

    q = django_filters.CharFilter(strip=False, label=_("Kata"))
    for _facet in FORM_ORDER:
        locals()[_facet.param] = LenientFilter(known=_FACET_VALUES[_facet.name][0],
                                               normalize=_FACET_VALUES[_facet.name][1],
                                               label=FACET_LABELS[_facet.name])
    del _facet
    # "from" is a Python keyword: declared through the class namespace.
    locals()["from"] = LenientValueFilter(parse=parse_reader_date, label=_("Dari tanggal"))
    to = LenientValueFilter(parse=lambda text: parse_reader_date(text, end=True), label=_("Sampai tanggal"))
    sort = LenientValueFilter(parse=_sort, label=_("Urutkan"))
    page = LenientValueFilter(parse=_int_between(1, MAX_PAGE), label=_("Halaman"))
    per_page = LenientValueFilter(parse=_int_between(1, 100_000), label=_("Per halaman"))
    # A story's near copies are one result unless collapse=0 (engine.search's collapse).
    collapse = LenientValueFilter(parse=_flag, label=_("Gabungkan versi"))
    # How the chosen people and countries combine: "any" (OR, the default) or "all" (AND); engine.SearchFilters.match.
    match = LenientValueFilter(parse=_match, label=_("Cocokkan"))

    class Meta:
        model = Article
        fields: list[str] = []

    def filter_queryset(self, queryset):
        raise NotImplementedError(
            "ArticleSearchFilter validates the search parameters; the index filters (articles.search.engine)."
        )

    def dropped(self) -> list[tuple[str, str]]:
        """Return (parameter, value) for every value the form could not use."""
        self.form.is_valid()
        return [(name, value) for name, form_field in self.form.fields.items()
                for value in getattr(form_field, "dropped", [])]
