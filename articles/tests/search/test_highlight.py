"""Highlights: the text is escaped first, then the reader's words are marked; snippets show the best passage."""

from __future__ import annotations

import re

import pytest
from django.utils.safestring import SafeString

from articles.search.highlight import highlight, snippet
from articles.search.query import HighlightTerms, highlight_terms, parse_query


def terms_of(query: str) -> HighlightTerms:
    return highlight_terms(parse_query(query))


def plain(html: str) -> str:
    """Return snippet HTML without its marks and ellipses, unescaped: the passage of the text it shows."""
    text = re.sub(r"</?mark>", "", html).removeprefix("… ").removesuffix(" …")
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"').replace("&#x27;", "'").replace(
        "&amp;", "&")


# --- highlight: escape, then mark ------------------------------------------------------------------------------


def test_script_in_an_article_comes_back_escaped_with_the_matches_marked():
    text = '<script>alert("KPK")</script> KPK menangkap & ditahan'

    html = highlight(text, terms_of("kpk penangkapan"))

    assert html == (
        "&lt;script&gt;alert(&quot;<mark>KPK</mark>&quot;)&lt;/script&gt; "
        "<mark>KPK</mark> <mark>menangkap</mark> &amp; ditahan"
    )
    assert "<script" not in html


def test_searching_for_the_tag_name_marks_it_inside_the_escaped_tag():
    html = highlight("<script>alert(1)</script>", terms_of("script"))

    assert html == "&lt;<mark>script</mark>&gt;alert(1)&lt;/<mark>script</mark>&gt;"


def test_attribute_injection_is_escaped():
    html = highlight('<img src=x onerror="alert(\'bom\')"> bom meledak', terms_of("bom"))

    assert html == (
        "&lt;img src=x onerror=&quot;alert(&#x27;<mark>bom</mark>&#x27;)&quot;&gt; <mark>bom</mark> meledak"
    )


def test_marks_written_in_the_article_are_text():
    html = highlight("<mark>palsu</mark> asli", terms_of("asli"))

    assert html == "&lt;mark&gt;palsu&lt;/mark&gt; <mark>asli</mark>"


def test_entity_names_are_not_matched_inside_escapes():
    # Matching runs on the raw text: the "lt" and "amp" that escaping adds can never be marked.
    html = highlight("harga < 5 & naik", HighlightTerms(exact={"lt", "amp", "naik"}))

    assert html == "harga &lt; 5 &amp; <mark>naik</mark>"


def test_highlight_is_safe_string():
    assert isinstance(highlight("<b>", terms_of("b")), SafeString)


def test_no_terms_only_escapes():
    assert highlight('<b>"Tom" & Jerry</b>', HighlightTerms()) == "&lt;b&gt;&quot;Tom&quot; &amp; Jerry&lt;/b&gt;"


def test_stemmed_words_mark_every_form_of_the_word():
    html = highlight("Penangkapan: KPK menangkap, polisi ditangkap. Tangkapan ikan.", terms_of("ditangkap"))

    assert html == (
        "<mark>Penangkapan</mark>: KPK <mark>menangkap</mark>, polisi <mark>ditangkap</mark>. "
        "<mark>Tangkapan</mark> ikan."
    )


def test_phrase_words_are_marked_exactly_not_by_stem():
    html = highlight("Presiden Joko Widodo; joko; menangkap", terms_of('"Joko Widodo" "tangkap"'))

    assert html == "Presiden <mark>Joko</mark> <mark>Widodo</mark>; <mark>joko</mark>; menangkap"


def test_prefix_marks_words_that_start_with_it_in_any_case():
    html = highlight("Diplomasi diplomat; adiplomatis", terms_of("diplom*"))

    assert html == "<mark>Diplomasi</mark> <mark>diplomat</mark>; adiplomatis"


def test_negated_words_and_stop_words_are_not_marked():
    html = highlight("yang ditangkap dari Suriah", terms_of("ditangkap yang -suriah"))

    assert html == "yang <mark>ditangkap</mark> dari Suriah"


def test_whole_words_only():
    assert highlight("perangko perang", terms_of('"perang"')) == "perangko <mark>perang</mark>"


# --- snippet: the best passage ---------------------------------------------------------------------------------

# 564 characters: one arrest at the start, three together later, then a tail.
REPORT = (
    "Polisi menangkap satu orang di pasar. "
    + "Warga berkumpul di alun-alun kota sejak pagi hari. " * 6
    + "KPK menangkap bupati dan menangkap sekretaris daerah lalu menangkap kontraktor. "
    + "Sidang digelar bulan depan. " * 5
).strip()


def test_snippet_shows_the_passage_with_the_most_matches():
    html = snippet(REPORT, terms_of("ditangkap"))

    assert html.count("<mark>menangkap</mark>") == 3
    assert "Polisi" not in html
    assert html.startswith("… ")
    assert "KPK <mark>menangkap</mark> bupati" in html


def test_snippet_begins_a_little_before_the_first_match_at_a_word():
    html = snippet(REPORT, terms_of("ditangkap"))

    # About 40 characters of lead-in, starting at a whole word.
    shown = plain(html)
    assert shown == REPORT[REPORT.index(shown):REPORT.index(shown) + len(shown)]
    lead_in = shown[:shown.index("KPK")]
    assert 0 < len(lead_in) <= 40
    assert REPORT[REPORT.index(shown) - 1] == " "


def test_snippet_ends_at_a_word_with_an_ellipsis_when_cut():
    html = snippet(REPORT, terms_of("ditangkap"), length=80)

    assert html == (
        "… di alun-alun kota sejak pagi hari. KPK <mark>menangkap</mark> bupati dan <mark>menangkap</mark> …"
    )


def test_snippet_keeps_to_its_length():
    html = snippet(REPORT, terms_of("ditangkap"), length=120)

    assert len(plain(html)) <= 120


def test_snippet_without_matches_is_the_start_of_the_text():
    html = snippet(REPORT, terms_of("banjir"))

    assert not html.startswith("…")
    assert html.endswith(" …")
    assert plain(html) == REPORT[:len(plain(html))]
    assert "<mark>" not in html
    assert REPORT[len(plain(html))] == " "  # cut between words


def test_snippet_of_a_match_at_the_end_has_no_trailing_ellipsis():
    text = "Sidang digelar bulan depan. " * 20 + "Terdakwa akhirnya ditangkap"

    html = snippet(text, terms_of("penangkapan"))

    assert html.startswith("… ")
    assert html.endswith("Terdakwa akhirnya <mark>ditangkap</mark>")


def test_short_text_is_whole_without_ellipses():
    assert snippet("KPK menangkap bupati", terms_of("tangkap")) == "KPK <mark>menangkap</mark> bupati"


def test_snippet_collapses_whitespace():
    html = snippet("Paragraf satu.\n\n  Paragraf   dua\tditangkap.", terms_of("tangkap"))

    assert html == "Paragraf satu. Paragraf dua <mark>ditangkap</mark>."


def test_snippet_escapes_the_article_text():
    text = "<script>alert('x')</script> KPK menangkap " + "saksi " * 60

    html = snippet(text, terms_of("tangkap"))

    assert html.startswith("&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; KPK <mark>menangkap</mark> saksi")
    assert "<script" not in html
    assert isinstance(html, SafeString)


def test_snippet_escapes_text_cut_at_the_window():
    text = "saksi " * 60 + "<b>KPK</b> & menangkap " + "<i>saksi</i> " * 60

    html = snippet(text, terms_of("tangkap"))

    assert "&lt;b&gt;KPK&lt;/b&gt; &amp; <mark>menangkap</mark>" in html
    assert re.search(r"<(?!/?mark>)", html) is None  # the only tags are marks


@pytest.mark.parametrize("text", ["", "   \n "])
def test_snippet_of_no_text(text):
    assert snippet(text, terms_of("tangkap")) == ""
