"""The PostgreSQL engine's pure parts, without a database: tsvector literals within PostgreSQL's limits
(``pgsearch.vectors``) and a parsed query and filters as SQL fragments (``pgsearch.sql``)."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime

import pytest

from articles.pgsearch import sql
from articles.pgsearch.vectors import (
    LEAD_WORDS,
    MAX_LEXEME_BYTES,
    MAX_POSITION,
    MAX_POSITIONS,
    MAX_VECTOR_BYTES,
    document_vectors,
    quoted,
    values_vector,
    vector,
)
from articles.search.engine import SearchFilters
from articles.search.query import parse_query

# --- vectors --------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("lexeme", "literal"), [
    ("rusia", "'rusia'"),
    ("jum'at", "'jum''at'"),  # a quote doubled
    ("c:\\folder", "'c:\\\\folder'"),  # a backslash escaped
    ("o'\\", "'o''\\\\'"),
])
def test_quoted_doubles_quotes_and_escapes_backslashes(lexeme, literal):
    assert quoted(lexeme) == literal


def test_positions_count_from_one_and_the_titles_are_weighted_a():
    assert vector({"banjir": [0, 5], "jakarta": [1], "warga": [3]}, title_words=2) == \
        "'banjir':1A,6 'jakarta':2A 'warga':4"


def test_a_vector_without_positions_lists_its_lexemes():
    assert vector({"a": []}) == "'a'"
    assert values_vector(["RU", "", "SY", "RU"]) == "'RU' 'SY'"


def test_positions_past_16383_are_the_last_one_kept_once():
    assert vector({"akhir": [16381, 16382, 16383, 20000, 30000]}) == f"'akhir':16382,{MAX_POSITION}"


def test_a_lexeme_keeps_its_first_256_positions():
    marks = vector({"dan": list(range(0, 2 * 300, 2))}).split(":")[1].split(",")
    assert len(marks) == MAX_POSITIONS == 256
    assert (marks[0], marks[-1]) == ("1", str(2 * 255 + 1))


def test_a_lexeme_too_long_for_postgresql_is_left_out():
    longest, too_long = "a" * MAX_LEXEME_BYTES, "b" * (MAX_LEXEME_BYTES + 1)
    wide = "é" * (MAX_LEXEME_BYTES // 2 + 1)  # two bytes a letter: too long in bytes, not in letters
    assert vector({too_long: [0], wide: [1], "kata": [2], longest: [3]}) == f"'kata':3 '{longest}':4"


def test_a_text_of_distinct_tokens_is_cut_at_postgresqls_limit_positions_included():
    """30,000 hashes of 41 letters (1.2 MB): each lexeme costs 41 bytes, one to align, two for its positions' count
    and two for its position; PostgreSQL refused the row when only the lexemes were counted."""
    tokens = {"x" + hashlib.sha1(str(n).encode()).hexdigest(): [n] for n in range(30_000)}
    kept = vector(tokens).split(" ")
    assert len(kept) == MAX_VECTOR_BYTES // 46 == 22_795
    assert kept[-1].startswith(quoted(list(tokens)[22_794]))


def test_a_text_of_long_lexemes_without_positions_is_cut_at_the_limit():
    lexemes = {f"{n:04d}" + "a" * 996: [] for n in range(1100)}  # 1,000 bytes each, nothing else counted
    assert len(vector(lexemes).split(" ")) == MAX_VECTOR_BYTES // 1000 == 1048


# --- sql --------------------------------------------------------------------------------------------------------------

ENTITIES = {("person", "jokowi"): ["joko-widodo", "jokowi"], ("person", "budiman"): [],
            ("country", "rusia"): ["RU"], ("outlet", "kompas"): ["kompas"]}


def where(text: str) -> tuple[str, list]:
    found = sql.matching(parse_query(text).tree, ENTITIES)
    return (found.where.sql, found.where.params) if found.where is not None else (None, [])


@pytest.mark.parametrize(("text", "expected"), [
    ("penangkapan", ("d.terms @@ %s::tsquery", ["'tangkap'"])),  # the stem
    ("judul:banjir", ("d.terms @@ %s::tsquery", ["'banjir':A"])),  # the title's words only
    ('"penarikan pasukan"', ("d.exact @@ %s::tsquery", ["('penarikan' <-> 'pasukan')"])),
    ('"bantuan untuk suriah"', ("d.exact @@ %s::tsquery", ["('bantuan' <-> 'untuk') & ('untuk' <-> 'suriah')"])),
    ('"pasukan"', ("d.exact @@ %s::tsquery", ["'pasukan'"])),  # a phrase of one word: the word as written
    ('judul:"harga beras"', ("d.terms @@ %s::tsquery", ["'harga':A & 'beras':A"])),
    ("diplom*", ("d.exact @@ %s::tsquery", ["'diplom':*"])),
    ("judul:diplom*", ("d.terms @@ %s::tsquery", ["'diplom':*A"])),
    ("jum'at", ("d.terms @@ %s::tsquery", ["'jum''at'"])),
    ("orang:jokowi", ("d.people @@ %s::tsquery", ["'joko-widodo' | 'jokowi'"])),
    ("negara:rusia", ("d.countries @@ %s::tsquery", ["'RU'"])),
    ("media:kompas", ("d.outlet = ANY(%s)", [["kompas"]])),
    ("orang:budiman", ("FALSE", [])),  # nobody by that name: no article
    ("-rusia", ("NOT (d.terms @@ %s::tsquery)", ["'rusia'"])),
    ("-orang:budiman", ("NOT (FALSE)", [])),
    ("rusia ATAU ukraina", ("(d.terms @@ %s::tsquery) OR (d.terms @@ %s::tsquery)", ["'rusia'", "'ukraina'"])),
    # Words and NOTs over one column together: one tsquery, which the GIN index answers whole.
    ("suriah -rusia", ("d.terms @@ %s::tsquery", ["('suriah') & (!('rusia'))"])),
    ("suriah judul:banjir -rusia", ("d.terms @@ %s::tsquery", ["('suriah') & ('banjir':A) & (!('rusia'))"])),
    ('suriah -"penarikan pasukan"', ("(d.terms @@ %s::tsquery) AND (NOT (d.exact @@ %s::tsquery))",
                                     ["'suriah'", "('penarikan' <-> 'pasukan')"])),
    ("-rusia -ukraina", ("(NOT (d.terms @@ %s::tsquery)) AND (NOT (d.terms @@ %s::tsquery))",
                         ["'rusia'", "'ukraina'"])),  # NOTs alone: what lacks a word is no GIN lookup
    ("suriah -(rusia ukraina)", ("d.terms @@ %s::tsquery", ["('suriah') & (!(('rusia') & ('ukraina')))"])),
    ("dan", (None, [])),  # a stop word alone: every article
    ("", (None, [])),
])
def test_each_kind_of_node_as_sql(text, expected):
    assert where(text) == expected


def test_only_words_found_as_such_are_ranked():
    found = sql.matching(parse_query('suriah -rusia "penarikan pasukan" orang:jokowi').tree, ENTITIES)
    assert (found.terms, found.exact) == (["'suriah'"], ["('penarikan' <-> 'pasukan')"])
    rank = found.rank()
    assert rank.sql == (f"ts_rank_cd('{sql.RANK_WEIGHTS}', d.terms, %s::tsquery) + "
                        f"{sql.PHRASE_BOOST} * ts_rank_cd(d.exact, %s::tsquery)")
    assert rank.params == ["('suriah')", "(('penarikan' <-> 'pasukan'))"]
    assert sql.matching(parse_query("-rusia").tree, ENTITIES).rank() == sql.Fragment("0")


def test_a_large_matching_set_is_ranked_by_the_leads_words_phrases_and_prefixes():
    found = sql.matching(parse_query('suriah -rusia "penarikan pasukan" diplom* judul:banjir').tree, ENTITIES)
    # The lead holds stems: a phrase ranks as its words' stems together, a prefix as a stem's; nothing negated.
    assert found.lead == ["'suriah'", "'tarik' & 'pasukan'", "'diplom':*", "'banjir':A"]
    rank = found.rank(lead=True)
    assert rank.sql == f"COALESCE(ts_rank_cd('{sql.RANK_WEIGHTS}', d.lead, %s::tsquery), 0)"  # a row before 0013
    assert rank.params == ["('suriah') | ('tarik' & 'pasukan') | ('diplom':*) | ('banjir':A)"]
    assert sql.matching(parse_query("-rusia orang:jokowi").tree, ENTITIES).rank(lead=True) == sql.Fragment("0")


def test_the_lead_is_the_stems_of_the_first_words_the_titles_weighted_a():
    body = " ".join(["pasukan"] * (LEAD_WORDS + 10) + ["perdamaian"])
    terms, exact, lead, vocabulary = document_vectors([{"title": "Penarikan pasukan", "content": (
        "Penarikan pasukan " + body)}], known={"penarikan": "tarik", "pasukan": "pasukan", "perdamaian": "damai"})[0]
    assert "'damai'" in terms and "'damai'" not in lead  # past the lead's words: in the whole text only
    assert lead.startswith("'tarik':1A 'pasukan':2A,3,4,")
    assert f",{LEAD_WORDS}" in lead and f",{LEAD_WORDS + 1}" not in lead
    assert "'perdamaian'" in exact and vocabulary == ["pasukan", "penarikan", "perdamaian"]


def test_facet_any_and_facet_all():
    assert sql.facet_any("people", ["a", "b", "a", ""]) == sql.Fragment("d.people @@ %s::tsquery", ["'a' | 'b'"])
    assert sql.facet_all("people", ["a", "b"]) == sql.Fragment("d.people @@ %s::tsquery", ["'a' & 'b'"])
    assert sql.facet_any("year", ["2017", "", "2017"], alias="m") == sql.Fragment("m.year = ANY(%s)", [["2017"]])
    assert sql.facet_all("outlet", ["tempo"]) == sql.Fragment("d.outlet = %s", ["tempo"])
    assert sql.facet_all("outlet", ["tempo", "kompas"]) == sql.Fragment("FALSE")  # one outlet an article
    assert sql.facet_any("countries", []) == sql.Fragment("FALSE")
    assert sql.facet_all("countries", []) == sql.TRUE


def test_selections_follow_match():
    any_of = sql.selections(SearchFilters(people=["a", "b"], outlet=["x", "y"]))
    all_of = sql.selections(SearchFilters(people=["a", "b"], outlet=["x", "y"], match="all"))
    assert any_of == {"outlet": sql.Fragment("d.outlet = ANY(%s)", [["x", "y"]]),
                      "people": sql.Fragment("d.people @@ %s::tsquery", ["'a' | 'b'"])}
    # match=all is for facets an article has several values of; outlets stay OR.
    assert all_of == {**any_of, "people": sql.Fragment("d.people @@ %s::tsquery", ["'a' & 'b'"])}


def test_fixed_filters_are_the_dates_and_the_required_values():
    start, end = datetime(2017, 1, 1, tzinfo=UTC), datetime(2018, 1, 1, tzinfo=UTC)
    fixed = sql.fixed(SearchFilters(start=start, end=end, required={"people": ["a", "b"], "outlet": ["tempo"]}))
    assert fixed.sql == ("(d.published >= %s) AND (d.published IS NOT NULL AND d.published < %s) AND "
                         "(d.people @@ %s::tsquery) AND (d.outlet = %s)")
    assert fixed.params == [start, end, "'a' & 'b'", "tempo"]
    assert sql.fixed(SearchFilters()) == sql.TRUE
