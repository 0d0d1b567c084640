"""A parsed query and the search's filters as SQL over ``articles_searchdocument`` (alias ``d``): the same tree the
Whoosh engine matches (``search.matching``), with the same meaning leaf by leaf. No database here: fragments and
their parameters, for ``backend`` to run.

    word          d.terms @@ stems                   (any of the word's stems; judul: only the title's, weight A)
    "a b c"       d.exact @@ 'a' <-> 'b' & 'b' <-> 'c'   (each pair of neighbours side by side, as Whoosh's pairs)
    diplom*       d.exact @@ 'diplom':*              (judul: the title's stems)
    orang:x       d.people @@ 'slug' | ...           (the entity's facet values; none: nothing)
    -x            NOT (...)
"""

from __future__ import annotations

from dataclasses import dataclass, field

from articles.search.engine import SearchFilters
from articles.search.query import And, Entity, Not, Phrase, Prefix, Word
from articles.search.registry import BY_KIND, BY_NAME, FACET_NAMES
from articles.search.terms import exact_of, phrase_pairs, stems_of

from .vectors import quoted

# The facets kept as lexemes of a tsvector column (several values an article) and those kept as text.
LEXEME_FACETS = frozenset(facet for facet in FACET_NAMES if BY_NAME[facet].several)
# ts_rank_cd's weights of D, C, B, A: a word in the title counts ten times one in the text (Whoosh's TITLE_BONUS).
RANK_WEIGHTS = "{0.1, 0.2, 0.4, 1.0}"
# A quoted phrase's score weighs this much more than a word's (Whoosh's PHRASE_BOOST).
PHRASE_BOOST = 1.5


@dataclass
class Fragment:
    """SQL and its parameters, in order."""

    sql: str
    params: list = field(default_factory=list)
    # (column, tsquery) when the fragment is ``d.column @@ tsquery``: an AND of such fragments over one column is one
    # tsquery, which the column's GIN index answers whole (a NOT beside a word: "korupsi -suap" as 'korupsi' & !'suap',
    # where NOT (d.terms @@ ...) reads each match's text: at 100k articles 14 ms against 416).
    ts: tuple[str, str] | None = field(default=None, compare=False)

    def __bool__(self) -> bool:
        return bool(self.sql)


TRUE = Fragment("TRUE")


def joined(fragments: list[Fragment], operator: str) -> Fragment:
    """Return the fragments joined with AND or OR (TRUE for none)."""
    fragments = [fragment for fragment in fragments if fragment]
    if not fragments:
        return TRUE
    if len(fragments) == 1:
        return fragments[0]
    return Fragment(f" {operator} ".join(f"({f.sql})" for f in fragments), [p for f in fragments for p in f.params])


@dataclass
class Matching:
    """A query tree as SQL: its condition (None: every article) and the tsqueries its scores are ranked by."""

    where: Fragment | None
    terms: list[str] = field(default_factory=list)  # tsqueries over d.terms found as such (not negated)
    exact: list[str] = field(default_factory=list)  # tsqueries over d.exact found as such

    lead: list[str] = field(default_factory=list)  # the same over d.lead (stems only: phrases as their words)

    def rank(self, *, lead: bool = False) -> Fragment:
        """The score of a matching row: ts_rank_cd of the words (title weighted) plus the phrases' and prefixes'; with
        ``lead``, of them all in the row's first words only (a bounded ranking of a large matching set)."""
        if lead:
            if not self.lead:
                return Fragment("0")
            return Fragment(f"COALESCE(ts_rank_cd('{RANK_WEIGHTS}', d.lead, %s::tsquery), 0)",
                            [" | ".join(f"({query})" for query in self.lead)])
        parts = []
        if self.terms:
            parts.append(Fragment(f"ts_rank_cd('{RANK_WEIGHTS}', d.terms, %s::tsquery)",
                                  [" | ".join(f"({query})" for query in self.terms)]))
        if self.exact:
            parts.append(Fragment(f"{PHRASE_BOOST} * ts_rank_cd(d.exact, %s::tsquery)",
                                  [" | ".join(f"({query})" for query in self.exact)]))
        if not parts:
            return Fragment("0")
        return Fragment(" + ".join(part.sql for part in parts), [p for part in parts for p in part.params])


def matching(tree, entities: dict[tuple[str, str], list[str]]) -> Matching:
    """Return the SQL of a parsed query's tree; ``entities`` maps each (kind, text) it names to its facet values."""
    found = Matching(where=None)
    found.where = _node(tree, entities, found, positive=True) if tree is not None else None
    return found


def _tsquery(column: str, query: str, found: Matching, positive: bool, *, lead: str | None = None) -> Fragment:
    """``column @@ query``, and if found as such, the query its score ranks by; ``lead`` the same over the lead's
    stems (a word's query itself when none is given)."""
    if positive:
        (found.terms if column == "terms" else found.exact).append(query)
        if lead or column == "terms":
            found.lead.append(lead or query)
    return Fragment(f"d.{column} @@ %s::tsquery", [query], ts=(column, query))


def _all_of(children: list[Fragment]) -> Fragment:
    """The children joined with AND, those over one column with one of them found as such in one tsquery."""
    columns: dict[str, list[Fragment]] = {}
    for child in children:
        if child.ts is not None:
            columns.setdefault(child.ts[0], []).append(child)
    merged = []
    for child in children:
        if child.ts is None:
            merged.append(child)
            continue
        same = columns.get(child.ts[0], [])
        if len(same) < 2 or all(other.ts[1].startswith("!") for other in same):
            merged.append(child)  # alone on its column, or NOT only: GIN cannot list what lacks a word
        elif child is same[0]:
            query = " & ".join(f"({other.ts[1]})" for other in same)
            merged.append(Fragment(f"d.{child.ts[0]} @@ %s::tsquery", [query], ts=(child.ts[0], query)))
    return joined(merged, "AND")


def _node(node, entities: dict, found: Matching, *, positive: bool) -> Fragment | None:
    if isinstance(node, Word):
        stems = list(dict.fromkeys(stems_of(node.text)))
        if not stems:
            return None
        weight = ":A" if node.field == "title" else ""
        return _tsquery("terms", " | ".join(quoted(stem) + weight for stem in stems), found, positive)
    if isinstance(node, Phrase):
        if node.field == "title":  # titles are short: all the words in the title stands for the phrase
            stems = [stem for word in node.words for stem in stems_of(word)]
            if not stems:
                return None
            return _tsquery("terms", " & ".join(quoted(stem) + ":A" for stem in stems), found, positive)
        exact = [word for text in node.words for word in exact_of(text)]
        if not exact:
            return None
        lead = " & ".join(quoted(stem) for word in node.words for stem in stems_of(word))
        if len(exact) == 1:
            return _tsquery("exact", quoted(exact[0]), found, positive, lead=lead)
        pairs = " & ".join(f"({quoted(first)} <-> {quoted(second)})" for first, second in phrase_pairs(node.words))
        return _tsquery("exact", pairs, found, positive, lead=lead)
    if isinstance(node, Prefix):
        if node.field == "title":
            return _tsquery("terms", quoted(node.text) + ":*A", found, positive)
        return _tsquery("exact", quoted(node.text) + ":*", found, positive, lead=quoted(node.text) + ":*")
    if isinstance(node, Entity):
        return facet_any(BY_KIND[node.kind].field, entities.get((node.kind, node.text), []))
    if isinstance(node, Not):
        child = _node(node.child, entities, found, positive=False)
        if child is None:
            return None
        negated = (child.ts[0], f"!({child.ts[1]})") if child.ts is not None else None
        return Fragment(f"NOT ({child.sql})", child.params, ts=negated)
    children = [child for child in (_node(c, entities, found, positive=positive) for c in node.children)
                if child is not None]
    if not children:
        return None
    return _all_of(children) if isinstance(node, And) else joined(children, "OR")


def facet_any(facet: str, values: list[str], alias: str = "d") -> Fragment:
    """The rows with any of these values of a facet (none: no row)."""
    values = [value for value in dict.fromkeys(values) if value]
    if not values:
        return Fragment("FALSE")
    if facet in LEXEME_FACETS:
        return Fragment(f"{alias}.{facet} @@ %s::tsquery", [" | ".join(map(quoted, values))])
    return Fragment(f"{alias}.{facet} = ANY(%s)", [values])


def facet_all(facet: str, values: list[str], alias: str = "d") -> Fragment:
    """The rows with every one of these values of a facet."""
    values = [value for value in dict.fromkeys(values) if value]
    if not values:
        return TRUE
    if facet in LEXEME_FACETS:
        return Fragment(f"{alias}.{facet} @@ %s::tsquery", [" & ".join(map(quoted, values))])
    if len(values) > 1:  # an article has one outlet, year and month
        return Fragment("FALSE")
    return Fragment(f"{alias}.{facet} = %s", values)


def fixed(filters: SearchFilters) -> Fragment:
    """The filters every count is made under: the date range and the required values (a person's page)."""
    parts = []
    if filters.start is not None:
        parts.append(Fragment("d.published >= %s", [filters.start]))
    if filters.end is not None:  # undated stories have no end
        parts.append(Fragment("d.published IS NOT NULL AND d.published < %s", [filters.end]))
    for name, values in filters.required.items():
        parts.append(facet_all(name, values))
    return joined(parts, "AND")


def selections(filters: SearchFilters, alias: str = "d") -> dict[str, Fragment]:
    """Each facet's selection as SQL: any of its values, or every one with ``match=all`` (registry.MATCHES)."""
    return {
        name: (facet_all if filters.all_of(name) else facet_any)(name, filters.selected(name), alias)
        for name in FACET_NAMES
        if filters.selected(name)
    }


__all__ = ["Fragment", "Matching", "facet_all", "facet_any", "fixed", "joined", "matching", "selections"]
