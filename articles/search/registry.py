"""The facets, defined once: what the engine counts, the query parser reads, the form accepts and the page shows.

No Django and no Whoosh here, so every layer can import it. Labels in the reader's language live in the web layer
(``articles.web.labels.FACET_LABELS``), keyed by ``Facet.name``.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Facet:
    """One facet.

    ``name`` is the engine's and the API's key and the index field holding the values; ``param`` the URL parameter
    (README, "URL parameters"); ``kind`` the entity kind of a query prefix (``orang:jokowi`` is a "person"), with
    ``prefixes`` the words a reader may type for it, the first being how the query is restated; ``by_date`` orders
    the values newest first (else most frequent first); ``within`` names the facet this one is shown inside (the months
    of one chosen year); ``several`` says an article may have several of its values (the people and countries it
    names), so that ``match=all`` can ask for articles having every chosen value. An article has one outlet, year and
    month: every one of two would match nothing, so those facets combine their values with OR whatever ``match`` says.
    """

    name: str
    param: str
    kind: str = ""
    prefixes: tuple[str, ...] = ()
    by_date: bool = False
    within: str = ""
    several: bool = False

    @property
    def field(self) -> str:
        return self.name


# In the order the search page lists them.
FACETS = (
    Facet("outlet", "outlet", kind="outlet", prefixes=("media", "outlet")),
    Facet("year", "year", by_date=True),
    Facet("month", "month", by_date=True, within="year"),
    Facet("people", "person", kind="person", prefixes=("orang", "tokoh", "person"), several=True),
    Facet("countries", "country", kind="country", prefixes=("negara", "country"), several=True),
)
FACET_NAMES = tuple(facet.name for facet in FACETS)
BY_NAME = {facet.name: facet for facet in FACETS}
BY_PARAM = {facet.param: facet for facet in FACETS}
# Entity kind of a query prefix -> facet.
BY_KIND = {facet.kind: facet for facet in FACETS if facet.kind}
# The form's parameters and the chips of chosen values: the entities before the dates.
FORM_ORDER = tuple(sorted(FACETS, key=lambda facet: facet.by_date))
# The API's facet keys: a facet shown inside another comes after all the others.
API_ORDER = tuple(sorted(FACETS, key=lambda facet: bool(facet.within)))

# How the chosen values of a facet with ``several`` combine (the ``match`` URL parameter): "any" (OR, the default, as
# before the parameter existed) or "all" (AND: the articles naming every one, what co-occurrence research asks).
MATCH_ANY, MATCH_ALL = "any", "all"
MATCHES = (MATCH_ANY, MATCH_ALL)

__all__ = [
    "API_ORDER", "BY_KIND", "BY_NAME", "BY_PARAM", "FACETS", "FACET_NAMES", "FORM_ORDER", "MATCHES", "MATCH_ALL",
    "MATCH_ANY", "Facet",
]
