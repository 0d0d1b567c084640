"""What the search page tells a newcomer: what the archive holds, example searches, and the people, countries and
outlets the reader's words name ("Orang: Joko Widodo · 53 berita"), each a card linking to its page and its filter."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import urlencode

from django.urls import reverse
from django.utils.translation import gettext_lazy

from articles import selectors
from articles.models import Country, Outlet, Person
from articles.search.registry import BY_NAME

from .labels import FACET_LABELS, country_name

if TYPE_CHECKING:
    from .search_page import SearchPage

# The searches a newcomer is shown, one per part of the syntax (README, "Search"; the "Tips pencarian" page), each
# finding stories in the sample archive (fixtures/sample_articles, `make run`).
EXAMPLE_SEARCHES = (
    ('"ibu kota"', gettext_lazy("frasa persis")),
    ("rusia ATAU ukraina", gettext_lazy("salah satu kata")),
    ("rusia -ukraina", gettext_lazy("tanpa sebuah kata")),
    ("orang:jokowi", gettext_lazy("berita tentang seseorang")),
)
# At most this many cards: a query naming more entities is a search, not a question about one of them.
MAX_CARDS = 3
# A query's phrases looked up as names: its first words only, in runs of one to three (a person's name is rarely
# longer: "Susilo Bambang Yudhoyono"), so the look-up is at most 57 phrases whatever the reader typed.
NAMED_WORDS = 20
NAMED_RUN = 3
# A word of a query: letters and digits, joined by hyphens or apostrophes ("joko-widodo", "ma'ruf"); a leading "-"
# excludes it, and an excluded word names nothing the reader wants.
WORD = re.compile(r"(?<![\w-])(-?)(\w+(?:['’-]\w+)*)")
QUOTES = "\"“”"
# The operators of the syntax (search/query.py) join words; they are not part of a name.
OPERATORS = frozenset({"atau", "or", "tidak", "not", "dan", "and"})


@dataclass
class Welcome:
    total: int
    outlets: int
    first_year: str
    last_year: str
    examples: list[tuple[str, str, str]]  # (query, what it shows, URL)


@dataclass
class EntityCard:
    kind: str  # "Orang", "Negara", "Media"
    name: str
    count: int
    url: str  # the entity's page
    filter_url: str  # this search, narrowed to the entity instead of its name's words


def welcome(base_path: str) -> Welcome:
    """Return what the archive holds and the example searches. Raises ``IndexUnavailableError``."""
    counts = selectors.archive_counts()
    examples = [(query, str(label), f"{base_path}?{urlencode({'q': query})}") for query, label in EXAMPLE_SEARCHES]
    return Welcome(total=counts.total, outlets=counts.outlets, first_year=counts.first_year,
                   last_year=counts.last_year, examples=examples)


def query_phrases(query: str) -> list[tuple[int, int, str]]:
    """Return the runs of one to three neighbouring words of a query as (first word, last word + 1, phrase), the
    longest first; excluded words and operators break a run.

    >>> [phrase for _, _, phrase in query_phrases("joko widodo -rusia ATAU prabowo")]
    ['joko widodo', 'joko', 'widodo', 'prabowo']
    """
    words: list[str | None] = []
    for excluded, word in WORD.findall(query[:2000]):
        if len(words) == NAMED_WORDS:
            break
        words.append(None if excluded or word.lower() in OPERATORS else word)
    runs = []
    for size in range(NAMED_RUN, 0, -1):
        for start in range(len(words) - size + 1):
            run = words[start:start + size]
            if all(run):
                runs.append((start, start + size, " ".join(run)))
    return runs


def entity_cards(page: SearchPage) -> list[EntityCard]:
    """Return a card for each person, country or outlet the query's words name (at most ``MAX_CARDS``), the longest
    name first, each word claimed by one name only. Raises ``IndexUnavailableError``."""
    runs = query_phrases(page.query)
    if not runs:
        return []
    named = selectors.entities_named_by([phrase for _, _, phrase in runs])
    if not named:
        return []
    counts = selectors.archive_counts().counts
    claimed: set[int] = set()
    cards: list[EntityCard] = []
    seen: set = set()
    for start, end, phrase in runs:
        entities = named.get(phrase.lower(), [])
        if not entities or claimed & set(range(start, end)):
            continue
        claimed |= set(range(start, end))
        for entity in entities:
            card = _card(page, entity, counts, (start, end))
            if card is not None and (type(entity), entity.pk) not in seen:
                seen.add((type(entity), entity.pk))
                cards.append(card)
    return cards[:MAX_CARDS]


def _card(page: SearchPage, entity, counts: dict[str, dict[str, int]], span: tuple[int, int]) -> EntityCard | None:
    if isinstance(entity, Person):
        facet, value, name, url = "people", entity.slug, entity.name, reverse("articles:person", args=[entity.slug])
    elif isinstance(entity, Country):
        facet, value, name = "countries", entity.code, country_name(entity)
        url = reverse("articles:country", args=[entity.code])
    elif isinstance(entity, Outlet):
        facet, value, name, url = "outlet", entity.slug, entity.name, reverse("articles:outlet", args=[entity.slug])
    else:
        return None
    count = counts.get(facet, {}).get(value, 0)
    if not count:  # a name the archive knows but no article mentions: nothing to lead to
        return None
    rest = _without_words(page.query, *span)
    filter_url = page.url(add=(BY_NAME[facet].param, value), replace={"q": rest} if rest else None,
                          drop=() if rest else ("q",))
    return EntityCard(kind=str(FACET_LABELS[facet]), name=name, count=count, url=url, filter_url=filter_url)


def _without_words(query: str, start: int, end: int) -> str:
    """Return the query without its words ``start`` to ``end`` (as ``query_phrases`` counts them), and without the
    quotes around them and the field prefix before them ("orang:") that their going leaves empty.

    >>> _without_words('orang:"joko widodo" bendungan', 1, 3), _without_words("banjir jokowi", 1, 2)
    ('bendungan', 'banjir')
    """
    matches = list(WORD.finditer(query[:2000]))
    if end > len(matches):
        return query
    before, after = query[:matches[start].start()], query[matches[end - 1].end():]
    if before[-1:] and before[-1] in QUOTES and after[:1] and after[0] in QUOTES:
        before, after = before[:-1], after[1:]
    before = re.sub(r"\w+:$", "", before)
    return " ".join(f"{before} {after}".split())


# The "Tips pencarian" page: the query syntax (README, "Search"; search/query.py reads it), one row per part, each with
# searches that show it.
SEARCH_TIPS = (
    (("banjir jakarta",), gettext_lazy("Berita yang memuat semua kata. Bentuk lain dari kata dasar yang sama juga "
                                       "ditemukan: “penangkapan” menemukan “ditangkap”.")),
    (('"penarikan pasukan"',), gettext_lazy("Frasa persis, kata demi kata (tanda kutip lengkung juga bisa).")),
    (("rusia ATAU ukraina", "rusia OR ukraina"), gettext_lazy("Salah satu kata (atau keduanya).")),
    (("banjir -jakarta", "banjir TIDAK jakarta"), gettext_lazy("Tanpa kata itu (juga NOT).")),
    (("rusia DAN ukraina",), gettext_lazy("Kedua kata (juga AND): sama dengan spasi.")),
    (("pasukan (rusia ATAU ukraina)",), gettext_lazy("Kurung mengelompokkan. Tanpa kurung, ATAU lebih kuat dari "
                                                     "spasi: “rusia ukraina ATAU suriah” berarti “rusia DAN "
                                                     "(ukraina ATAU suriah)”.")),
    (("korup*",), gettext_lazy("Kata yang berawalan itu (paling sedikit 3 huruf).")),
    (("judul:banjir",), gettext_lazy("Kata di judul berita.")),
    (("orang:jokowi", 'orang:"joko widodo"'), gettext_lazy("Berita tentang seseorang, dengan nama atau nama lainnya.")),
    (("negara:rusia", "negara:RU"), gettext_lazy("Berita tentang sebuah negara, dengan nama atau kodenya.")),
    (("media:tempo",), gettext_lazy("Berita dari satu media.")),
)


# The tips page's example of parts combined.
COMBINED_TIP = 'orang:jokowi bendungan -banjir'


def search_tips(search_path: str) -> dict:
    """Return the tips page's context: its rows (the example searches with their URLs, and what they find) and an
    example of the parts combined."""
    def url(query: str) -> str:
        return f"{search_path}?{urlencode({'q': query})}"

    return {"tips": [([(query, url(query)) for query in queries], str(meaning)) for queries, meaning in SEARCH_TIPS],
            "combined": COMBINED_TIP, "combined_url": url(COMBINED_TIP)}
