"""The reader's search string: parse_query's tree, restatement and notices, and to_whoosh. No database, no index."""

from __future__ import annotations

import pytest
from whoosh import query as wq

from articles.search.query import (
    MAX_QUERY_CHARS,
    MAX_TERMS,
    And,
    Entity,
    Not,
    Notice,
    Or,
    Phrase,
    Prefix,
    Word,
    parse_query,
    stem,
)
from articles.search.schema import TEXT_FIELDS
from articles.search.terms import HighlightTerms, highlight_terms
from articles.tests.search.oracles import to_whoosh

# What a fake archive knows: (kind, lower-case text) -> facet values, as selectors.entity_values_resolve returns.
KNOWN = {
    ("person", "jokowi"): ["joko-widodo"],
    ("person", "retno marsudi"): ["retno-marsudi"],
    ("person", "widodo"): ["joko-widodo", "widodo-budi"],
    ("country", "ru"): ["RU"],
    ("country", "rusia"): ["RU"],
    ("outlet", "tempo"): ["tempo"],
}


def resolve(kind: str, text: str) -> list[str]:
    return KNOWN.get((kind, text.lower()), [])


def codes(parsed) -> list[str]:
    return [notice.code for notice in parsed.notices]


def word_query(stemmed: str, exact: str) -> wq.Or:
    """Return what a plain word becomes: its stem in the title and the text (``exact`` documents the typed word)."""
    return wq.Or([wq.Term(name, stemmed) for name in TEXT_FIELDS])


def leaves(query) -> list:
    """Return the leaf queries of a Whoosh query tree."""
    if query.is_leaf():
        return [query]
    return [leaf for child in query.children() for leaf in leaves(child)]


# --- words, phrases, quotes -------------------------------------------------------------------------------------


def test_words_side_by_side_are_all_required():
    parsed = parse_query("pemilu jakarta")

    assert parsed.tree == And((Word("pemilu"), Word("jakarta")))
    assert parsed.understood() == "pemilu DAN jakarta"
    assert parsed.notices == []


def test_single_word_is_a_word_not_an_and():
    assert parse_query("  pemilu  ").tree == Word("pemilu")


def test_text_keeps_the_cleaned_query_without_surrounding_space():
    assert parse_query("  pemilu  ").text == "pemilu"


def test_quoted_words_are_a_phrase():
    parsed = parse_query('"Joko Widodo" pemilu')

    assert parsed.tree == And((Phrase(("Joko", "Widodo")), Word("pemilu")))
    assert parsed.understood() == '"Joko Widodo" DAN pemilu'


@pytest.mark.parametrize(
    "typed",
    ["“penarikan pasukan”", "„penarikan pasukan”", "«penarikan pasukan»", "＂penarikan pasukan＂",
     '"penarikan pasukan"'],
    ids=["curly", "low-high", "guillemets", "fullwidth", "straight"],
)
def test_typographic_quotes_make_the_same_phrase_as_straight_ones(typed):
    parsed = parse_query(typed)

    assert parsed.tree == Phrase(("penarikan", "pasukan"))
    assert parsed.understood() == '"penarikan pasukan"'
    assert parsed.notices == []


def test_a_quoted_stop_word_is_kept():
    # Bare, "yang" is dropped as a function word; quoted, the reader means it (the exact field keeps every word).
    assert parse_query('"yang"').tree == Phrase(("yang",))
    assert parse_query("yang").tree is None


def test_an_empty_phrase_is_nothing():
    parsed = parse_query('""  "   "')

    assert parsed.tree is None
    assert parsed.understood() == ""


def test_hyphens_and_apostrophes_inside_a_word_keep_it_whole():
    assert parse_query("covid-19 e-ktp jum'at").tree == And((Word("covid-19"), Word("e-ktp"), Word("jum'at")))


def test_punctuated_word_becomes_its_pieces_side_by_side():
    assert parse_query("U.S.").tree == Phrase(("U", "S"))


# --- operators -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("operator", ["AND", "DAN", "&&"])
def test_and_operators(operator):
    parsed = parse_query(f"rusia {operator} ukraina")

    assert parsed.tree == And((Word("rusia"), Word("ukraina")))
    assert parsed.notices == []


@pytest.mark.parametrize("operator", ["OR", "ATAU", "||"])
def test_or_operators(operator):
    parsed = parse_query(f"rusia {operator} ukraina")

    assert parsed.tree == Or((Word("rusia"), Word("ukraina")))
    assert parsed.understood() == "rusia ATAU ukraina"
    assert parsed.notices == []


@pytest.mark.parametrize("typed", ["rusia NOT ukraina", "rusia TIDAK ukraina", "rusia -ukraina"])
def test_not_operators_and_minus(typed):
    parsed = parse_query(typed)

    assert parsed.tree == And((Word("rusia"), Not(Word("ukraina"))))
    assert parsed.understood() == "rusia DAN TIDAK ukraina"
    assert parsed.notices == []


def test_operators_in_lower_case_are_words():
    # "atau" and "or" in lower case are prose, not operators: both are stop words and are dropped.
    parsed = parse_query("rusia atau ukraina or suriah")

    assert parsed.tree == And((Word("rusia"), Word("ukraina"), Word("suriah")))
    assert parsed.notices == [Notice("stop_word", "atau"), Notice("stop_word", "or")]


def test_or_binds_tighter_than_the_implicit_and():
    parsed = parse_query("pemilu jakarta ATAU bandung")

    assert parsed.tree == And((Word("pemilu"), Or((Word("jakarta"), Word("bandung")))))
    assert parsed.understood() == "pemilu DAN (jakarta ATAU bandung)"


def test_chained_ors_are_one_or():
    assert parse_query("rusia ATAU ukraina OR suriah").tree == Or((Word("rusia"), Word("ukraina"), Word("suriah")))


def test_parentheses_group():
    parsed = parse_query("(rusia ATAU ukraina) perang")

    assert parsed.tree == And((Or((Word("rusia"), Word("ukraina"))), Word("perang")))
    assert parsed.understood() == "(rusia ATAU ukraina) DAN perang"


def test_parentheses_change_what_or_joins():
    parsed = parse_query("(pemilu jakarta) ATAU bandung")

    assert parsed.tree == Or((And((Word("pemilu"), Word("jakarta"))), Word("bandung")))
    assert parsed.understood() == "(pemilu DAN jakarta) ATAU bandung"


def test_negated_group():
    parsed = parse_query("perang -(rusia ATAU ukraina)")

    assert parsed.tree == And((Word("perang"), Not(Or((Word("rusia"), Word("ukraina"))))))
    assert parsed.understood() == "perang DAN TIDAK (rusia ATAU ukraina)"


def test_negated_phrase_and_entity():
    parsed = parse_query('rusia -"joko widodo" -orang:jokowi')

    assert parsed.tree == And((Word("rusia"), Not(Phrase(("joko", "widodo"))), Not(Entity("person", "jokowi"))))


def test_minus_negates_only_at_the_start_of_a_word():
    # Only a minus at the start of a word negates it ("covid-19" is one word).
    assert parse_query("covid-19").tree == Word("covid-19")
    assert parse_query("(-suriah)").tree == Not(Word("suriah"))


def test_understood_in_english():
    parsed = parse_query("pemilu (jakarta ATAU bandung) -kerusuhan")

    assert parsed.understood(("AND", "OR", "NOT")) == "pemilu AND (jakarta OR bandung) AND NOT kerusuhan"


@pytest.mark.parametrize(
    "typed",
    [
        'pemilu (jakarta ATAU bandung) -kerusuhan',
        '“penarikan pasukan” rusia ATAU ukraina -suriah judul:perang',
        'orang:"Retno Marsudi" negara:ru media:tempo diplom*',
        'perang -(rusia ATAU "korea utara")',
        'judul:"perang dunia" judul:diplom*',
    ],
)
def test_understood_reads_back_to_the_same_tree(typed):
    parsed = parse_query(typed)

    assert parse_query(parsed.understood()).tree == parsed.tree


# --- fields ----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "tree", "understood"),
    [
        ("judul:perang", Word("perang", "title"), "judul:perang"),
        ("title:perang", Word("perang", "title"), "judul:perang"),
        ("JUDUL:perang", Word("perang", "title"), "judul:perang"),
        ('judul:"perang dunia"', Phrase(("perang", "dunia"), "title"), 'judul:"perang dunia"'),
        ("judul:diplom*", Prefix("diplom", "title"), "judul:diplom*"),
        ("orang:jokowi", Entity("person", "jokowi"), "orang:jokowi"),
        ("tokoh:jokowi", Entity("person", "jokowi"), "orang:jokowi"),
        ("person:jokowi", Entity("person", "jokowi"), "orang:jokowi"),
        ('orang:"Retno  Marsudi"', Entity("person", "Retno Marsudi"), 'orang:"Retno Marsudi"'),
        ("negara:ru", Entity("country", "ru"), "negara:ru"),
        ("country:Rusia", Entity("country", "Rusia"), "negara:Rusia"),
        ("media:tempo", Entity("outlet", "tempo"), "media:tempo"),
        ("outlet:tempo", Entity("outlet", "tempo"), "media:tempo"),
        ('media:"Tempo.co"', Entity("outlet", "Tempo.co"), "media:Tempo.co"),
    ],
)
def test_field_prefixes(typed, tree, understood):
    parsed = parse_query(typed)

    assert parsed.tree == tree
    assert parsed.understood() == understood
    assert parsed.notices == []


def test_entity_text_loses_trailing_star_and_punctuation():
    assert parse_query("orang:jokowi*, negara:ru.").tree == And((Entity("person", "jokowi"), Entity("country", "ru")))


def test_unknown_prefix_is_text():
    # "pukul:10" is no field: the colon splits two words that are searched side by side.
    assert parse_query("pukul:10").tree == Phrase(("pukul", "10"))


@pytest.mark.parametrize("prefix", ["judul", "orang", "negara", "media"])
def test_field_prefix_without_a_value(prefix):
    parsed = parse_query(f"{prefix}:")

    assert parsed.tree is None
    assert parsed.notices == [Notice("empty_field", prefix)]


def test_field_prefix_without_a_value_keeps_the_rest():
    parsed = parse_query("orang: jokowi")

    assert parsed.tree == Word("jokowi")
    assert parsed.notices == [Notice("empty_field", "orang")]


# --- prefixes (kata*) ------------------------------------------------------------------------------------------


def test_trailing_star_is_a_prefix_in_lower_case():
    parsed = parse_query("Diplom*")

    assert parsed.tree == Prefix("diplom")
    assert parsed.understood() == "diplom*"
    assert parsed.notices == []


def test_three_letters_make_a_prefix():
    assert parse_query("ata*").tree == Prefix("ata")


def test_two_letter_prefix_is_searched_as_the_word():
    parsed = parse_query("ab*")

    assert parsed.tree == Word("ab")
    assert parsed.notices == [Notice("short_prefix", "ab*")]


def test_one_letter_prefix_is_dropped():
    parsed = parse_query("a*")

    assert parsed.tree is None
    assert "short_prefix" in codes(parsed)


@pytest.mark.parametrize(("typed", "tree"), [("*ata", Word("ata")), ("di*lom", Phrase(("di", "lom"))),
                                             ("b?s", Phrase(("b", "s")))])
def test_star_or_question_mark_elsewhere_is_reported_and_dropped(typed, tree):
    parsed = parse_query(typed)

    assert parsed.tree == tree
    assert parsed.notices == [Notice("wildcard_position", typed)]


def test_stars_alone_are_nothing():
    assert parse_query("***").tree is None


# --- malformed input -------------------------------------------------------------------------------------------


@pytest.mark.parametrize("typed", ['"pemilu jakarta', 'pemilu jakarta"', 'pemilu "jakarta'])
def test_unbalanced_quote_reads_the_words_one_by_one(typed):
    parsed = parse_query(typed)

    assert parsed.tree == And((Word("pemilu"), Word("jakarta")))
    assert parsed.notices == [Notice("unbalanced_quote")]


def test_unbalanced_quote_after_a_field_takes_the_rest():
    parsed = parse_query('orang:"Retno Marsudi')

    assert parsed.tree == Entity("person", "Retno Marsudi")
    assert parsed.notices == [Notice("unbalanced_quote")]


@pytest.mark.parametrize(
    ("typed", "tree", "operator"),
    [
        ("AND", None, "AND"),
        ("ATAU", None, "ATAU"),
        ("TIDAK", None, "TIDAK"),
        ("pemilu AND", Word("pemilu"), "AND"),
        ("pemilu DAN", Word("pemilu"), "DAN"),
        ("ATAU pemilu", Word("pemilu"), "ATAU"),
        ("pemilu OR", Word("pemilu"), "OR"),
        ("pemilu TIDAK", Word("pemilu"), "TIDAK"),
        ("pemilu (OR) jakarta", And((Word("pemilu"), Word("jakarta"))), "OR"),
        ("rusia ATAU ATAU ukraina", And((Word("rusia"), Word("ukraina"))), "ATAU"),
    ],
)
def test_lone_operator_is_reported_and_ignored(typed, tree, operator):
    parsed = parse_query(typed)

    assert parsed.tree == tree
    assert Notice("lone_operator", operator) in parsed.notices


def test_the_same_notice_is_given_once():
    parsed = parse_query("AND AND pemilu AND")

    assert parsed.notices == [Notice("lone_operator", "AND")]


@pytest.mark.parametrize(("typed", "tree"), [("(pemilu", Word("pemilu")), ("pemilu)", Word("pemilu")),
                                             ("(pemilu (jakarta", And((Word("pemilu"), Word("jakarta")))),
                                             (")(pemilu", Word("pemilu"))])
def test_unbalanced_parentheses_are_reported_and_ignored(typed, tree):
    parsed = parse_query(typed)

    assert parsed.tree == tree
    assert Notice("unbalanced_paren") in parsed.notices


def test_ten_thousand_characters_are_cut_to_the_limit():
    parsed = parse_query("x" * 10_000)

    assert parsed.tree == Word("x" * MAX_QUERY_CHARS)
    assert parsed.notices == [Notice("too_long", str(MAX_QUERY_CHARS))]


def test_many_words_are_cut_to_the_term_limit():
    words = [f"kata{number}" for number in range(2_000)]  # 10,000+ characters

    parsed = parse_query(" ".join(words))

    assert parsed.tree == And(tuple(Word(word) for word in words[:MAX_TERMS]))
    assert parsed.notices == [Notice("too_long", str(MAX_QUERY_CHARS)), Notice("too_many_terms", str(MAX_TERMS))]


@pytest.mark.parametrize(
    "typed",
    ["(" * 10_000, "-(" * 5_000 + "pemilu", "(" * 400 + "pemilu" + ")" * 400],
    ids=["10000-open-brackets", "5000-negated-brackets", "400-nested-groups"],
)
def test_deeply_nested_brackets_do_not_crash(typed):
    parsed = parse_query(typed)

    assert parsed.tree in (None, Word("pemilu"), Not(Word("pemilu")))


@pytest.mark.parametrize(
    "typed",
    [")" * 10_000, '"' * 10_000, "-" * 10_000, "*" * 10_000, "NOT " * 2_500, "ATAU " * 2_000, ":" * 10_000,
     "\x00" * 10_000, "(a " * 3_000],
    ids=["closing-brackets", "quotes", "minuses", "stars", "nots", "ors", "colons", "nul", "groups"],
)
def test_ten_thousand_characters_of_syntax_give_nothing_searchable(typed):
    parsed = parse_query(typed)

    assert parsed.tree is None
    assert parsed.understood() == ""
    assert Notice("too_long", str(MAX_QUERY_CHARS)) in parsed.notices


def test_control_characters_are_reported_and_read_as_spaces():
    parsed = parse_query("pemilu\x00jakarta\x07\x1b")

    assert parsed.tree == And((Word("pemilu"), Word("jakarta")))
    assert parsed.notices == [Notice("control_characters")]


def test_a_surrogate_is_reported():
    parsed = parse_query("pemilu\ud800")

    assert parsed.tree == Word("pemilu")
    assert parsed.notices == [Notice("control_characters")]


@pytest.mark.parametrize("typed", ["\u200bpemilu", "pemilu\u202e", "pe\u00admilu", "pemi\u200blu"],
                         ids=["zwsp", "rtl-override", "soft-hyphen", "zwsp-inside"])
def test_invisible_format_characters_are_dropped_silently(typed):
    # Pasted text carries them inside words; they are not the reader's doing, so nothing to report.
    parsed = parse_query(typed)

    assert parsed.tree == Word("pemilu")
    assert parsed.notices == []


def test_tabs_and_newlines_are_ordinary_spaces():
    parsed = parse_query("pemilu\tjakarta\r\nbandung")

    assert parsed.tree == And((Word("pemilu"), Word("jakarta"), Word("bandung")))
    assert parsed.notices == []


def test_fullwidth_letters_are_normalized():
    assert parse_query("ｐｅｍｉｌｕ").tree == Word("pemilu")


@pytest.mark.parametrize("typed", ["", "   ", None])
def test_empty_query(typed):
    parsed = parse_query(typed)

    assert parsed.tree is None
    assert parsed.understood() == ""
    assert parsed.notices == []


@pytest.mark.parametrize(
    ("typed", "tree"),
    [
        ("harga TO jual", And((Word("harga"), Word("jual")))),  # "to" is an English stop word, never a range
        ("[2010 TO 2020]", And((Word("2010"), Word("2020")))),
        ('"rock AND roll"', Phrase(("rock", "AND", "roll"))),
        ('rock "AND" roll', And((Word("rock"), Phrase(("AND",)), Word("roll")))),
        ("perang^5", Phrase(("perang", "5"))),
        ("perang~2", Phrase(("perang", "2"))),
        ("judul:TO", None),
        ("orang:AND", Entity("person", "AND")),
    ],
)
def test_whoosh_reserved_words_and_characters_are_plain_text(typed, tree):
    assert parse_query(typed).tree == tree


def test_whoosh_syntax_never_reaches_whoosh():
    parsed = parse_query('perang^5 {a TO z} [2010 TO 2020] "rock AND roll" judul:TO~ diplom?t OR:x NOT:y')

    query, _ = to_whoosh(parsed, resolve)

    # Only the three kinds of leaf this module builds: no ranges, fuzzy terms, wildcards or boosts from the reader.
    assert {type(leaf) for leaf in leaves(query)} <= {wq.Term, wq.Phrase, wq.Prefix}
    assert all(leaf.boost == 1.0 for leaf in leaves(query))


def test_plain_words_are_the_positive_unquoted_words():
    parsed = parse_query('rusia "joko widodo" -suriah diplom* (ukraina ATAU iran) orang:jokowi judul:perang')

    assert parsed.plain_words() == ["rusia", "ukraina", "iran", "perang"]


def test_plain_words_of_nothing():
    assert parse_query("").plain_words() == []


# --- to_whoosh -------------------------------------------------------------------------------------------------


def test_empty_query_matches_everything():
    assert to_whoosh(parse_query(""), resolve) == (None, [])


def test_word_is_its_stem_in_the_text_fields_or_itself_in_the_exact_field():
    query, notices = to_whoosh(parse_query("PENANGKAPAN"), resolve)

    assert query == word_query("tangkap", "penangkapan")
    assert notices == []


def test_words_are_all_required():
    query, _ = to_whoosh(parse_query("rusia ukraina"), resolve)

    assert query == wq.And([word_query("rusia", "rusia"), word_query("ukraina", "ukraina")])


def test_or_of_words():
    query, _ = to_whoosh(parse_query("rusia ATAU ukraina"), resolve)

    assert query == wq.Or([word_query("rusia", "rusia"), word_query("ukraina", "ukraina")])


def test_phrase_is_exact_and_in_lower_case():
    query, _ = to_whoosh(parse_query("“Penarikan Pasukan”"), resolve)

    assert query == wq.And([wq.Phrase("exact", ["penarikan", "pasukan"])])


def test_single_quoted_word_is_an_exact_term():
    query, _ = to_whoosh(parse_query('"Menteri"'), resolve)

    assert query == wq.Term("exact", "menteri")


def test_title_word_and_phrase_are_stemmed_in_the_title_only():
    word, _ = to_whoosh(parse_query("judul:penarikan"), resolve)
    phrase, _ = to_whoosh(parse_query('judul:"penarikan pasukan dari Suriah"'), resolve)

    assert word == wq.Or([wq.Term("title", "tarik")])
    # "dari" is a stop word, absent from the stemmed title field: the phrase skips it as the index did.
    assert phrase == wq.Phrase("title", ["tarik", "pasukan", "suriah"])


def test_prefix_looks_in_the_exact_field_or_the_title():
    assert to_whoosh(parse_query("diplom*"), resolve)[0] == wq.Prefix("exact", "diplom")
    assert to_whoosh(parse_query("judul:diplom*"), resolve)[0] == wq.Prefix("title", "diplom")


def test_entities_become_facet_terms_through_the_resolver():
    calls = []

    def recording(kind, text):
        calls.append((kind, text))
        return resolve(kind, text)

    query, notices = to_whoosh(parse_query('orang:"Retno Marsudi" negara:Rusia media:tempo'), recording)

    assert query == wq.And([
        wq.Or([wq.Term("people", "retno-marsudi")]),
        wq.Or([wq.Term("countries", "RU")]),
        wq.Or([wq.Term("outlet", "tempo")]),
    ])
    assert calls == [("person", "Retno Marsudi"), ("country", "Rusia"), ("outlet", "tempo")]
    assert notices == []


def test_an_entity_with_several_values_matches_any():
    query, _ = to_whoosh(parse_query("orang:widodo"), resolve)

    assert query == wq.Or([wq.Term("people", "joko-widodo"), wq.Term("people", "widodo-budi")])


@pytest.mark.parametrize(("typed", "notice"), [("orang:siapa", Notice("unknown_person", "siapa")),
                                               ("negara:atlantis", Notice("unknown_country", "atlantis")),
                                               ("media:kompas", Notice("unknown_outlet", "kompas"))])
def test_unknown_entity_matches_nothing_and_is_reported(typed, notice):
    query, notices = to_whoosh(parse_query(typed), resolve)

    assert query is wq.NullQuery
    assert notices == [notice]


def test_negated_word_is_subtracted():
    query, _ = to_whoosh(parse_query("rusia -suriah"), resolve)

    assert query == wq.And([word_query("rusia", "rusia"), wq.Not(wq.Or([word_query("suriah", "suriah")]))])


def test_negation_alone_is_subtracted_from_everything():
    query, _ = to_whoosh(parse_query("-suriah"), resolve)

    assert query == wq.And([wq.Every(), wq.Not(word_query("suriah", "suriah"))])


def test_several_negations_alone_are_subtracted_from_everything():
    query, _ = to_whoosh(parse_query("-suriah -iran"), resolve)

    assert query == wq.And([wq.Every(), wq.Not(wq.Or([word_query("suriah", "suriah"), word_query("iran", "iran")]))])


def test_title_stop_word_is_dropped_with_a_notice():
    parsed = parse_query("judul:yang")

    assert parsed.tree is None
    assert parsed.notices == [Notice("stop_word", "yang")]


def test_quoted_title_stop_word_is_not_silently_everything():
    parsed = parse_query('judul:"yang"')

    query, notices = to_whoosh(parsed, resolve)

    assert query is not None or "stop_word" in [notice.code for notice in parsed.notices + notices]


def test_reserved_words_inside_a_phrase_are_searched_as_words():
    query, _ = to_whoosh(parse_query('"rock AND roll"'), resolve)

    assert query == wq.And([wq.Phrase("exact", ["rock", "and"]), wq.Phrase("exact", ["and", "roll"])])


# --- stemming ----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("penarikan", "tarik"),  # not Sastrawi's "tari" (dance)
        ("pasukan", "pasukan"),  # a root, not pasu + -kan
        ("pemerintah", "pemerintah"),  # not "perintah" (an order)
        ("pemerintahan", "pemerintah"),
        ("penangkapan", "tangkap"),  # Sastrawi, unchanged
        ("ditangkap", "tangkap"),
        ("covid-19", "covid-19"),  # codes are kept
        ("g20", "g20"),
    ],
)
def test_stem(word, expected):
    assert stem(word) == expected


@pytest.mark.parametrize(
    ("typed", "stemmed"),
    [("penarikan", "tarik"), ("pasukan", "pasukan"), ("pemerintah", "pemerintah"), ("Pemerintahan", "pemerintah")],
)
def test_stem_overrides_reach_the_query(typed, stemmed):
    query, _ = to_whoosh(parse_query(typed), resolve)

    assert query == word_query(stemmed, typed.lower())


# --- highlight terms ---------------------------------------------------------------------------------------------


def test_highlight_terms_leave_out_negations_and_entities():
    terms = highlight_terms(parse_query('penarikan "Joko Widodo" diplom* -suriah orang:jokowi'))

    assert terms == HighlightTerms(stems={"tarik"}, exact={"joko", "widodo"}, prefixes=("diplom",))


def test_no_highlight_terms_for_an_empty_query():
    assert not highlight_terms(parse_query(""))
