"""Property-based fuzzing of the search page, the facet values page, the entity pages and GET /api/search.

Whatever the URL carries (README, "URL parameters": any value, repeated or not, unknown names, control characters,
query syntax, numbers and dates in every spelling) the answer is a page or JSON with status 200, the reader's input
comes back escaped, and the API keeps its documented shape. Real values from the archive are mixed in so that valid
paths are walked too.

The archive is the fixed one of ``articles/tests/conftest.py`` (13 articles over 2016-2018), built once per test: a
Hypothesis test runs all its examples inside one pytest call, and the requests only read.
"""

from __future__ import annotations

import re
import string
from datetime import date, datetime, time, timedelta
from urllib.parse import quote, urlencode

import pytest
from django.db.models import Q
from django.utils.html import escape
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from articles.calendar import ARCHIVE_ZONE as JAKARTA
from articles.models import Article, Country, Outlet, Person, PersonRedirect
from articles.search.registry import FACET_NAMES as FACET_PARAMS
from articles.tests.conftest import HOSTILE
from articles.web.filters import parse_reader_date

pytestmark = pytest.mark.fuzz

# Bounded so that this file runs in about 20 s on the shared 2-core machine; raise locally to search harder
# (e.g. ``settings(parent=FUZZ, max_examples=2000)``). The archive fixture lives for the whole test, not an example.
FUZZ = settings(
    max_examples=100,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

SEARCH_PATHS = ["/", "/en/"]
FACET_PATHS = [f"/cari/faset/{name}/" for name in FACET_PARAMS] + ["/en/cari/faset/people/"]
ENTITY_PATHS = ["/orang/joko-widodo/", "/negara/RU/", "/negara/us/", "/media/tempo/", "/en/orang/retno-marsudi/",
                "/en/negara/UA/", "/en/media/kompas/"]
HTML_PATHS = SEARCH_PATHS + FACET_PATHS + ENTITY_PATHS
# The article page marks the reader's words (q) and links back to the search; its id is known once the archive is.
ARTICLE_PATHS = ["<hostile>", "/en<hostile>"]
API_PATHS = ["/api/search", "/api/search/", "/en/api/search"]

# README, "URL parameters" and "JSON API".
PARAMS = ("q", "outlet", "person", "country", "from", "to", "sort", "page", "per_page", "year", "month",
          "facet_limit")
TOP_KEYS = {"query", "understood_as", "total", "page", "per_page", "results", "facets", "messages"}
RESULT_KEYS = {"id", "url", "title", "outlet", "published", "snippet"}
FACET_KEYS = {"outlet", "year", "people", "countries"}
VALUE_KEYS = {"value", "label", "count", "selected"}
SORTS = ("relevance", "newest", "oldest")

# --- values ----------------------------------------------------------------------------------------------------------

# Any character a URL can carry (surrogates cannot be encoded as UTF-8), NUL and the other controls included.
ANY_TEXT = st.text(st.characters(exclude_categories=("Cs",)), max_size=40)

QUERY_TOKENS = (
    '"', "“", "”", "„", "«", "»", "'", "(", ")", "((", "))", "AND", "OR", "NOT", "DAN", "ATAU", "TIDAK", "&&",
    "||", "ANDNOT", "ANDMAYBE", "TO", "-", "--", "*", "**", "^2", "~", "~2", "[", "]", "{", "}", "\\", ":", "::",
    "judul:", "title:", "orang:", "tokoh:", "person:", "negara:", "country:", "media:", "outlet:",
    "rusia", "Rusia", "suriah", "pasukan", "penarikan", "ukraina", "jokowi", "joko-widodo", "RU", "tempo",
    "pem*", "a*", "*ia", "ru*sia", "yang", "dan", "di", "penangkapan", "x" * 60,
)


@st.composite
def query_text(draw) -> str:
    """Return query-syntax-heavy text: operators, quotes, brackets, field prefixes, stars and words, in any order."""
    tokens = draw(st.lists(st.sampled_from(QUERY_TOKENS) | ANY_TEXT, max_size=14))
    joiner = draw(st.sampled_from([" ", "", "  ", "\t", "\n"]))
    text = joiner.join(tokens)
    nesting = draw(st.integers(0, 3))
    if nesting == 3:  # deeper than the parser's MAX_DEPTH of 10
        depth = draw(st.integers(1, 40))
        text = "(" * depth + text + ")" * draw(st.integers(0, depth + 2))
    return text


LONG_TEXT = st.integers(400, 3_000).map(lambda size: ("rusia ATAU (suriah " * 200)[:size])

# Numbers as readers and robots type them: signs, floats, digits of other scripts ("²" is a digit to str.isdigit()
# but not to int(); "٣" is one to both), and more digits than int() converts since Python 3.11 (4,300).
EDGE_NUMBERS = st.sampled_from([
    "0", "-0", "+1", "-1", "1e3", "1_000", "0x10", "007", " 5 ", "5\x00", "NaN", "inf", "", "1.5", "²", "¹²", "٣",
    "١٠", "１２", "Ⅻ", "9" * 7, "9" * 5_000, "1" + "0" * 4_400, "2147483648", "100001", "10000", "10001",
])
NUMBERS = st.one_of(
    EDGE_NUMBERS,
    st.integers(-10**30, 10**30).map(str),
    st.integers(0, 200).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
)

# Month names readers type (Indonesian and English, full and short); other months get any of them.
MONTH_WORDS = {1: ("Jan", "januari", "January", "jan."), 2: ("Feb", "Pebruari"), 5: ("Mei", "May"),
               8: ("Agt", "Agustus"), 11: ("Nov", "Nopember"), 12: ("Des", "December")}
ALL_MONTH_WORDS = tuple(word for words in MONTH_WORDS.values() for word in words)
# Years at the edges of what the archive accepts (1800-2200 for a bare year, 1995 for a page) and of Python's date.
EDGE_YEARS = (0, 1, 17, 99, 100, 1799, 1800, 1994, 1995, 2017, 2200, 2201, 9998, 9999, 10_000)


@st.composite
def date_text(draw) -> str:
    """Return a date in one of the spellings the README accepts, of a day that may or may not exist.

    Half of the dates are made of boundary parts (years 0, 1, 9999, 10000; January and December; the 1st and 31st),
    so that their combinations come up in a few hundred examples.
    """
    if draw(st.booleans()):
        year = draw(st.sampled_from((0, 1, 9999, 10_000)))
        month, day = draw(st.sampled_from((1, 12))), draw(st.sampled_from((1, 31)))
    else:
        year = draw(st.one_of(st.sampled_from(EDGE_YEARS), st.integers(-5, 12_000)))
        month, day = draw(st.integers(-1, 14)), draw(st.integers(-1, 40))
    word = draw(st.sampled_from(MONTH_WORDS.get(month, ALL_MONTH_WORDS)))
    return draw(st.sampled_from([
        f"{year:04d}-{month:02d}-{day:02d}", f"{year}-{month}-{day}", f"{day}/{month}/{year}",
        f"{day:02d}/{month:02d}/{year:04d}", f"{year:04d}.{month:02d}.{day:02d}", f"{day} {word} {year}",
        f"{word} {year:04d}", f"{word}. {year}", f"{year:04d}", f"Selasa, {day} {word} {year} 10:53 WIB",
        f"{day} {word} {year}, 29:99 GMT+99", f"{year:04d}-{month:02d}-{day:02d}T10:53:00+19:59",
    ]))


# Values that exist in the archive (see articles/tests/conftest.py), in the spellings readers use.
REAL_VALUES = st.sampled_from([
    "tempo", "kompas", "detik", "TEMPO", " kompas ", "joko-widodo", "prabowo-subianto", "retno-marsudi",
    "Joko-Widodo", "RU", "ru", "Sy", "UA", "us", "2016", "2017", "2018", "2017-01", "2017-11", "2016-03",
    "2018-13", "relevance", "newest", "oldest", "1", "2", "5", "20", "100", "101", "2017-01-01", "1 Jan 2017",
    "21/11/2017", "Nov 2017", "rusia", '"penarikan pasukan"', "orang:jokowi", "negara:rusia", "media:tempo",
])

ANY_VALUE = st.one_of(REAL_VALUES, ANY_TEXT, query_text(), NUMBERS, date_text(), LONG_TEXT)
# Each parameter mostly gets the values meant for it; Hypothesis shrinks towards the first strategy of a one_of.
VALUES_FOR = {
    "q": st.one_of(query_text(), ANY_VALUE),
    "from": st.one_of(date_text(), ANY_VALUE),
    "to": st.one_of(date_text(), ANY_VALUE),
    "page": st.one_of(EDGE_NUMBERS, NUMBERS, ANY_VALUE),
    "per_page": st.one_of(EDGE_NUMBERS, NUMBERS, ANY_VALUE),
    "facet_limit": st.one_of(EDGE_NUMBERS, NUMBERS, ANY_VALUE),
    "year": st.one_of(NUMBERS, date_text(), ANY_VALUE),
    "month": st.one_of(date_text(), ANY_VALUE),
}

UNKNOWN_NAMES = st.one_of(
    st.sampled_from(["cari", "Q", "q ", " q", "page[]", "q[]", "utm_source", "", "next", "language",
                     "csrfmiddlewaretoken", "from_", "PAGE", "q\x00", "outlet\x00"]),
    st.text(st.characters(exclude_categories=("Cs",)), max_size=12),
)
NAMES = st.one_of(st.sampled_from(PARAMS), UNKNOWN_NAMES)


@st.composite
def query_pairs(draw, *, max_names: int = 6) -> list[tuple[str, str]]:
    """Return URL parameters as (name, value) pairs: known and unknown names, one or several values each."""
    pairs = []
    for name in draw(st.lists(NAMES, max_size=max_names)):
        strategy = VALUES_FOR.get(name, ANY_VALUE)
        pairs += [(name, value) for value in draw(st.lists(strategy, min_size=1, max_size=3))]
    return draw(st.permutations(pairs))


def get(client, path: str, pairs: list[tuple[str, str]]):
    """GET ``path`` with the pairs percent-encoded as a browser would send them (UTF-8, repeats kept in order)."""
    if "<hostile>" in path:
        path = path.replace("<hostile>", f"/artikel/{Article.objects.get(title__startswith=HOSTILE).pk}/")
    return client.get(f"{path}?{urlencode(pairs)}" if pairs else path)


def last_value(pairs: list[tuple[str, str]], name: str) -> str | None:
    """Return the value a page reads for ``name`` (QueryDict.get: the last one), None when absent."""
    values = [value for key, value in pairs if key == name]
    return values[-1] if values else None


# --- the archive -----------------------------------------------------------------------------------------------------


@pytest.fixture
def fuzz_archive(archive):
    """The fixed archive, plus "jokowi" as the old slug of Joko Widodo (a merged person whose page moved)."""
    PersonRedirect.objects.create(old_slug="jokowi", person=archive.jokowi)
    return archive


# --- never a 500 -----------------------------------------------------------------------------------------------------


@FUZZ
@given(path=st.sampled_from(HTML_PATHS + ARTICLE_PATHS), pairs=query_pairs())
@example(path="/", pairs=[("q", HOSTILE), ("outlet", "tempo"), ("outlet", "kompas"), ("year", "2017")])
@example(path="/orang/joko-widodo/", pairs=[("page", "2"), ("per_page", "1"), ("sort", "oldest")])
def test_html_pages_answer_200_to_any_parameters(client, fuzz_archive, path, pairs):
    response = get(client, path, pairs)

    assert response.status_code == 200, (path, pairs)
    assert response["Content-Type"] == "text/html; charset=utf-8"
    html = response.content.decode()
    assert html.rstrip().endswith("</html>")
    if path in ARTICLE_PATHS:
        assert "<h1>" in html and "&lt;script&gt;" in html and HOSTILE not in html
    elif not path.startswith(("/cari/", "/en/cari/")):  # the facet values page has its own small form
        assert '<form class="search"' in html and '<p class="total">' in html


@FUZZ
@given(path=st.sampled_from(API_PATHS), pairs=query_pairs())
@example(path="/api/search", pairs=[("q", "suriah"), ("per_page", "2"), ("page", "2")])
@example(path="/api/search", pairs=[("year", "2017"), ("facet_limit", "1")])
def test_api_answers_json_of_the_documented_shape(client, fuzz_archive, path, pairs):
    response = get(client, path, pairs)

    assert response.status_code == 200, (path, pairs)
    assert response["Content-Type"] == "application/json"
    answer = response.json()
    assert TOP_KEYS <= set(answer)
    q = last_value(pairs, "q")
    if not any("\x00" in name for name, _ in pairs):  # a NUL in a name makes another name of it
        assert answer["query"] == ("" if q is None else q.replace("\x00", " "))
    assert isinstance(answer["understood_as"], str)
    assert all(isinstance(message, str) and message for message in answer["messages"])
    assert 0 <= answer["total"] <= Article.objects.count()
    assert 1 <= answer["per_page"] <= 100
    assert 1 <= answer["page"] <= answer["pages"] == max(1, -(-answer["total"] // answer["per_page"]))
    assert answer["sort"] in SORTS
    per_page = last_value(pairs, "per_page")
    if per_page is not None and re.fullmatch(r"[0-9]{1,4}", per_page) and 1 <= int(per_page) <= 100:
        assert answer["per_page"] == int(per_page)

    shown = min(answer["per_page"], answer["total"] - (answer["page"] - 1) * answer["per_page"])
    assert len(answer["results"]) == shown
    for result in answer["results"]:
        assert RESULT_KEYS <= set(result)
        assert isinstance(result["id"], int) and result["url"].endswith(f"/artikel/{result['id']}/")
        assert datetime.fromisoformat(result["published"]).tzinfo is not None
        # The snippet is HTML: escaped text with matches in <mark>, and no other markup (the hostile article).
        assert "<" not in re.sub(r"</?mark>", "", result["snippet"]), result["snippet"]

    assert FACET_KEYS <= set(answer["facets"])
    for name, values in answer["facets"].items():
        for value in values:
            assert VALUE_KEYS <= set(value), (name, value)
            assert isinstance(value["value"], str) and isinstance(value["label"], str)
            assert isinstance(value["count"], int) and value["count"] >= 0
            assert isinstance(value["selected"], bool)


@pytest.mark.parametrize("name", PARAMS)
@settings(parent=FUZZ, max_examples=25)
@given(page=st.sampled_from(SEARCH_PATHS + ENTITY_PATHS[:3] + FACET_PATHS[:2]), api=st.sampled_from(API_PATHS),
       data=st.data())
def test_each_parameter_alone_answers_200(client, fuzz_archive, name, page, api, data):
    values = data.draw(st.lists(VALUES_FOR.get(name, ANY_VALUE), min_size=1, max_size=3), label="values")
    pairs = [(name, value) for value in values]

    assert get(client, page, pairs).status_code == 200, (page, pairs)
    response = get(client, api, pairs)
    assert response.status_code == 200, (api, pairs)
    assert TOP_KEYS <= set(response.json())


@settings(parent=FUZZ, max_examples=80)
@given(path=st.sampled_from(["/", "/en/", "/media/kompas/", "/api/search", "/en/api/search"]),
       start=st.none() | date_text(), end=st.none() | date_text())
@example(path="/api/search", start="1 Jan 2017", end="2017-12-31")
def test_any_date_range_answers_200_and_names_what_it_could_not_read(client, fuzz_archive, path, start, end):
    pairs = [("from", start)] * (start is not None) + [("to", end)] * (end is not None)
    response = get(client, path, pairs)

    assert response.status_code == 200, (path, pairs)
    if path in API_PATHS:
        messages = response.json()["messages"]
        for value, read in ((start, parse_reader_date), (end, lambda text: parse_reader_date(text, end=True))):
            if value is not None and value.strip() and read(value) is None:  # README: dropped with a message
                assert any(f"“{value.strip()[:60]}”" in message for message in messages), (value, messages)


@settings(parent=FUZZ, max_examples=80)
@given(page=st.sampled_from(["/", "/orang/joko-widodo/", "/cari/faset/year/"]), api=st.sampled_from(API_PATHS),
       name=st.sampled_from(["page", "per_page", "facet_limit", "year", "month"]),
       values=st.lists(st.one_of(EDGE_NUMBERS, NUMBERS), max_size=2))
@example(page="/", api="/api/search", name="per_page", values=["500"])
def test_any_number_answers_200_within_the_limits(client, fuzz_archive, page, api, name, values):
    pairs = [(name, value) for value in values]

    assert get(client, page, pairs).status_code == 200, (page, pairs)
    response = get(client, api, pairs)
    assert response.status_code == 200, (api, pairs)
    answer = response.json()
    assert 1 <= answer["per_page"] <= 100 and 1 <= answer["page"] <= answer["pages"]
    last = last_value(pairs, name)
    number = int(last) if last is not None and re.fullmatch(r"[0-9]{1,4}", last) else 0
    if name == "per_page" and 1 <= number <= 100:
        assert answer["per_page"] == number
    if name == "page" and number >= 1:  # README: a page past the end gives the last page
        assert answer["page"] == min(number, answer["pages"])
    # README: "Facets list their top 20 values plus the selected ones (facet_limit changes 20, up to 1000)".
    limit = number if name == "facet_limit" and number >= 1 else 20
    for values in answer["facets"].values():
        assert len([value for value in values if not value["selected"]]) <= limit, (pairs, answer["facets"])


# --- the reader's input comes back escaped ---------------------------------------------------------------------------

MARKERS = st.text("abcdefghijklmnopqrstuvwxyz", min_size=8, max_size=8)


def payloads(marker: str) -> list[str]:
    """Return hostile strings carrying ``marker``: a tag, and attribute breakouts in both kinds of quote."""
    return [
        f"<x-fz{marker}>", f'"><x-fz{marker} a=1>', f"'><x-fz{marker}>", f'" onmouseover="fz{marker}',
        f"' onmouseover='fz{marker}", f"</q></title><x-fz{marker}>", f"<x-fz{marker}",
    ]


def dangerous_parts(marker: str) -> list[str]:
    """Return what must never stand raw in a page: an opening tag with the marker, or a quote breaking out."""
    return [f"<x-fz{marker}", f'" onmouseover="fz{marker}', f"' onmouseover='fz{marker}"]


@FUZZ
@given(
    path=st.sampled_from(HTML_PATHS + ARTICLE_PATHS),
    marker=MARKERS,
    choice=st.integers(0, len(payloads("x")) - 1),
    where=st.lists(st.one_of(st.sampled_from(PARAMS), UNKNOWN_NAMES, st.just("<name>")), min_size=1, max_size=4),
    around=st.tuples(st.sampled_from(["", " ", "rusia ", '"', "(", "orang:", "judul:", "2017 ", "-"]),
                     st.sampled_from(["", " ", " suriah", '"', ")", "*", " ATAU x", " 2017"])),
    others=query_pairs(max_names=3),
)
@example(path="/", marker="abcdefgh", choice=0, where=["q"], around=("", ""), others=[])
@example(path="/cari/faset/outlet/", marker="abcdefgh", choice=1, where=["<name>", "outlet"], around=("", ""),
         others=[])
def test_input_never_comes_back_unescaped(client, fuzz_archive, path, marker, choice, where, around, others):
    payload = around[0] + payloads(marker)[choice] + around[1]
    # "<name>" puts the payload in a parameter's name instead of its value.
    pairs = [*others, *[(payload, "1") if name == "<name>" else (name, payload) for name in where]]
    response = get(client, path, pairs)

    assert response.status_code == 200, (path, pairs)
    html = response.content.decode().lower()  # facets lower- or upper-case what they echo (slugs, codes)
    for part in dangerous_parts(marker):
        assert part.lower() not in html, (part, path, pairs)
    q = last_value(pairs, "q")
    if q == payload and path not in ARTICLE_PATHS:  # the search box shows the words as typed: escaped, not dropped
        assert escape(payload).lower() in html


# --- the archive as an oracle ----------------------------------------------------------------------------------------

ISO_DAYS = st.dates(min_value=date(2015, 6, 1), max_value=date(2019, 6, 30)).map(date.isoformat)


@settings(parent=FUZZ, max_examples=60)
@given(
    outlets=st.lists(st.sampled_from(["tempo", "kompas", "detik", "TEMPO", "tidak-ada"]), max_size=3),
    people=st.lists(st.sampled_from(["joko-widodo", "prabowo-subianto", "retno-marsudi", "jokowi"]), max_size=2),
    countries=st.lists(st.sampled_from(["RU", "sy", "Ua", "us", "ID", "zz"]), max_size=2),
    years=st.lists(st.sampled_from(["2015", "2016", "2017", "2018", "20x7"]), max_size=2),
    months=st.lists(st.sampled_from(["2016-03", "2017-01", "2017-11", "2018-02", "2017-13"]), max_size=2),
    days=st.lists(ISO_DAYS | st.none(), min_size=2, max_size=2),
)
def test_api_total_is_what_the_database_selects(client, fuzz_archive, outlets, people, countries, years, months,
                                                days):
    """Without words, the index selects exactly the articles the ORM filters select (README: facets AND, values OR)."""
    start, end = days
    if start and end and start > end:
        start, end = end, start  # the page swaps a backwards range (and says so)
    pairs = [("outlet", v) for v in outlets] + [("person", v) for v in people] + [("country", v) for v in countries]
    pairs += [("year", v) for v in years] + [("month", v) for v in months]
    pairs += [("from", start)] * bool(start) + [("to", end)] * bool(end)

    answer = get(client, "/api/search", [*pairs, ("per_page", "100")]).json()

    articles = Article.objects.all()
    if known := [v.lower() for v in outlets if Outlet.objects.filter(slug=v.lower()).exists()]:
        articles = articles.filter(outlet__slug__in=known)
    if known := [v for v in people if Person.objects.filter(slug=v).exists()]:
        articles = articles.filter(person_links__person__slug__in=known)
    if known := [v.upper() for v in countries if Country.objects.filter(code=v.upper()).exists()]:
        articles = articles.filter(country_links__country__code__in=known)
    if known := [int(v) for v in years if v.isdigit()]:
        articles = articles.filter(published__year__in=known)
    if known := [v for v in months if int(v[5:]) <= 12]:
        chosen = Q()
        for value in known:
            chosen |= Q(published__year=int(value[:4]), published__month=int(value[5:]))
        articles = articles.filter(chosen)
    if start:
        articles = articles.filter(published__gte=datetime.combine(date.fromisoformat(start), time.min, JAKARTA))
    if end:
        day_after = date.fromisoformat(end) + timedelta(days=1)
        articles = articles.filter(published__lt=datetime.combine(day_after, time.min, JAKARTA))
    expected = set(articles.values_list("pk", flat=True))

    assert answer["total"] == len(expected), (pairs, answer["messages"])
    assert {result["id"] for result in answer["results"]} == expected


# --- addresses -------------------------------------------------------------------------------------------------------

SLUG_LIKE = st.text(string.ascii_letters + string.digits + "-_", min_size=1, max_size=25)
SEGMENTS = st.one_of(
    st.sampled_from(["joko-widodo", "jokowi", "Joko-Widodo", "retno-marsudi", "tempo", "kompas", "RU", "ru", "rU",
                     "uſ", "ıd", "..", ".", "%", "a b", "ru/", "-", "_"]),
    SLUG_LIKE,
    st.text(st.characters(exclude_categories=("Cs",)), min_size=1, max_size=15),
)


def expected_entity_status(kind: str, segment: str) -> int:
    """Return the status README promises for an entity address: its page, the page it moved to, or not found."""
    slug_like = re.fullmatch(r"[-a-zA-Z0-9_]+", segment) is not None
    if kind == "orang":
        if slug_like and Person.objects.filter(slug=segment).exists():
            return 200
        return 301 if slug_like and PersonRedirect.objects.filter(old_slug=segment).exists() else 404
    if kind == "media":
        return 200 if slug_like and Outlet.objects.filter(slug=segment).exists() else 404
    plain = segment and "/" not in segment
    return 200 if plain and Country.objects.filter(code=segment.upper()).exists() else 404


@settings(parent=FUZZ, max_examples=60)
@given(language=st.sampled_from(["", "/en"]), kind=st.sampled_from(["orang", "negara", "media"]),
       segment=SEGMENTS, pairs=query_pairs(max_names=2))
@example(language="", kind="orang", segment="jokowi", pairs=[("year", "2016")])
def test_entity_addresses_answer_200_301_or_404(client, fuzz_archive, language, kind, segment, pairs):
    path = f"{language}/{kind}/{quote(segment, safe='')}/"
    response = get(client, path, pairs)

    expected = expected_entity_status(kind, segment)
    assert response.status_code == expected, (path, pairs)
    if expected == 301:
        target = f"{language}/orang/{fuzz_archive.jokowi.slug}/"
        assert response["Location"] == target + (f"?{urlencode(pairs)}" if pairs else "")


@settings(parent=FUZZ, max_examples=40)
@given(language=st.sampled_from(["", "/en"]),
       facet=st.one_of(st.sampled_from([*FACET_PARAMS, "person", "country", "Outlet", "tidak-ada"]), SLUG_LIKE),
       pairs=query_pairs(max_names=3))
def test_facet_values_page_answers_200_for_its_facets_and_404_otherwise(client, fuzz_archive, language, facet, pairs):
    response = get(client, f"{language}/cari/faset/{quote(facet, safe='')}/", pairs)

    assert response.status_code == (200 if facet in FACET_PARAMS else 404), (facet, pairs)


# Raw query strings as a client may send them: broken percent escapes, bytes that are no UTF-8, separators only.
RAW_QUERY = st.one_of(
    st.text("&=%;+?#q0aF/ .x", max_size=30),
    st.binary(max_size=30).map(lambda data: "q=" + quote(data, safe="")),
    st.binary(max_size=30).map(lambda data: quote(data, safe="") + "=1&page=" + quote(data, safe="")),
    st.sampled_from(["q=%", "q=%zz", "q=%C3", "q=%ED%A0%80", "%00=%00", "q=%FF%FE", "&&&", "=", "==&q==",
                     "from=%00&to=%0A", "outlet=%C0%AE%C0%AE"]),
)


@settings(parent=FUZZ, max_examples=60)
@given(path=st.sampled_from(HTML_PATHS + API_PATHS), raw=RAW_QUERY)
def test_raw_query_strings_answer_200(client, fuzz_archive, path, raw):
    response = client.get(path, QUERY_STRING=raw)

    assert response.status_code == 200, (path, raw)
    if path in API_PATHS:
        assert TOP_KEYS <= set(response.json())


# --- what the properties found, then mended ---------------------------------------------------------------------------


@pytest.mark.parametrize(("path", "params"), [
    ("/", {"from": "Jan 0000"}),
    ("/api/search", {"to": "Des 0000"}),
    ("/media/tempo/", {"from": "januari 0000"}),
    ("/", {"to": "0000"}),
], ids=lambda value: urlencode(value) if isinstance(value, dict) else value)
def test_month_of_year_zero_is_dropped_with_a_message(client, archive, path, params):
    response = client.get(path, params)
    assert response.status_code == 200


@pytest.mark.parametrize(("path", "params"), [
    ("/", {"to": "9999-12-31"}),
    ("/api/search", {"to": "Dec 9999"}),
    ("/", {"from": "9999-12-31", "to": "2017"}),  # swapped as a backwards range, then the end overflows
    ("/", {"from": "Jan 0001"}),
], ids=lambda value: urlencode(value) if isinstance(value, dict) else value)
def test_a_range_at_the_ends_of_the_calendar_answers_200(client, archive, path, params):
    response = client.get(path, params)
    assert response.status_code == 200


@pytest.mark.parametrize("value", ["²", "9" * 5_000], ids=["superscript-two", "5000-digits"])
def test_api_facet_limit_that_is_no_number_is_ignored(client, archive, value):
    response = client.get("/api/search", {"facet_limit": value})
    assert response.status_code == 200


def test_a_range_in_year_17_is_not_read_as_2017(client, archive):
    answer = client.get("/api/search", {"from": "0017-11-01", "to": "0017-11-30"}).json()
    every = client.get("/api/search").json()
    # Year 17 is outside the years a reader's date may have (1800-2200): both ends are dropped with a message, and
    # the search is the unfiltered one, not November 2017's.
    assert answer["total"] == every["total"]
    assert len(answer["messages"]) == 2 and all("0017-11-" in message for message in answer["messages"])
