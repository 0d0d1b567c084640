"""Highlights: the text is escaped first, then the reader's words are marked; snippets show the best passage."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.template import Context, Template
from django.utils.html import conditional_escape

from articles.search import highlight as highlight_module
from articles.search.highlight import SNIPPET_SOURCE_CHARS, Highlighter, best_window, highlight, snippet
from articles.search.query import parse_query
from articles.search.schema import STOP_WORDS, TOKEN_PATTERN, stem
from articles.search.terms import HighlightTerms, highlight_terms

ROOT = Path(__file__).resolve().parents[3]
SAMPLE_DIR = ROOT / "fixtures" / "sample_articles"
PAGES_DIR = ROOT / "articles" / "tests" / "pages"


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


def test_highlight_is_safe_html_for_templates():
    # Safe for Django's autoescape (which honours __html__, as SafeString does): printed as built, never escaped twice.
    html = highlight("<b>", terms_of("b"))

    assert conditional_escape(html) == "&lt;<mark>b</mark>&gt;"
    assert Template("{{ html }}").render(Context({"html": html})) == "&lt;<mark>b</mark>&gt;"


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
    assert conditional_escape(html) == html  # safe for templates as it is


def test_snippet_escapes_text_cut_at_the_window():
    text = "saksi " * 60 + "<b>KPK</b> & menangkap " + "<i>saksi</i> " * 60

    html = snippet(text, terms_of("tangkap"))

    assert "&lt;b&gt;KPK&lt;/b&gt; &amp; <mark>menangkap</mark>" in html
    assert re.search(r"<(?!/?mark>)", html) is None  # the only tags are marks


@pytest.mark.parametrize("text", ["", "   \n "])
def test_snippet_of_no_text(text):
    assert snippet(text, terms_of("tangkap")) == ""


# --- bounded work: no stored page makes a snippet slow ---------------------------------------------------------------


@pytest.fixture
def stem_calls(monkeypatch):
    """Count the highlighter's calls of the stemmer; more than 1,000 fail at once (the old highlighter made one per
    word, and a page of 100,000 matches would then sit in its quadratic window search for hours)."""
    calls = []

    def counted(word):
        calls.append(word)
        if len(calls) > 1_000:
            raise AssertionError("the highlighter stems every word it reads")
        return stem(word)

    monkeypatch.setattr(highlight_module, "stem", counted)
    return calls


def test_snippet_of_8000_matches_decides_the_word_once(stem_calls):
    # Issue 12: 8,000 matches took 1.5 s (the window search compared every match with every later one).
    html = snippet("Rusia " * 8_000, terms_of("rusia"))

    assert stem_calls == ["rusia"]
    assert html.startswith("<mark>Rusia</mark> <mark>Rusia</mark>")
    assert html.endswith(" …")
    assert len(plain(html)) <= 260


def test_a_600_kb_page_of_one_word_gives_a_snippet_from_the_bounded_start(stem_calls):
    # Issue 12: a page holding "Rusia " 100,000 times turned every q=rusia into a 500 at the worker timeout.
    spans_read = []
    marker = Highlighter(terms_of("rusia"))
    original = marker.spans
    marker.spans = lambda text: spans_read.append(len(text)) or original(text)

    html = marker.snippet("Rusia " * 100_000)

    assert spans_read and max(spans_read) <= SNIPPET_SOURCE_CHARS
    assert stem_calls == ["rusia"]
    assert html.startswith("<mark>Rusia</mark>") and html.endswith("<mark>Rusia</mark> …")


def test_a_long_page_is_read_only_up_to_the_bound_and_cut_between_words():
    text = "kata " * (SNIPPET_SOURCE_CHARS // 5) + "menangkap " * 10

    html = snippet(text, terms_of("tangkap"))

    assert "<mark>" not in html  # the match lies past what a snippet reads
    assert html.endswith("kata …")


def test_a_hostile_long_page_stays_escaped():
    text = ("<script>alert('Rusia')</script> " * 30_000)

    html = snippet(text, terms_of("rusia"))

    assert "<script" not in html
    assert "&lt;script&gt;alert(&#x27;<mark>Rusia</mark>&#x27;)&lt;/script&gt;" in html
    assert re.search(r"<(?!/?mark>)", html) is None


def test_words_without_the_stems_letters_are_never_stemmed(stem_calls):
    # A page of distinct words the dictionary lacks: Sastrawi takes up to 1 ms for each.
    text = " ".join(f"mengxq{number}kan" for number in range(900))

    highlight(text, terms_of("rusia"))

    assert stem_calls == []


def test_stemming_is_bounded_per_highlighter(stem_calls):
    marker = Highlighter(terms_of("rusia"), max_stemmed=50)
    text = " ".join(f"kerusia{chr(97 + number % 26)}{chr(97 + number // 26)}an" for number in range(600))

    marker.highlight(text)
    marker.highlight(text)

    assert len(stem_calls) == 50


def test_one_highlighter_decides_each_word_once_across_texts(stem_calls):
    marker = Highlighter(terms_of("penangkapan"))

    first = marker.highlight("KPK menangkap bupati")
    second = marker.snippet("Polisi menangkap pencuri; KPK menangkap lagi")

    assert first == "KPK <mark>menangkap</mark> bupati"
    assert second == "Polisi <mark>menangkap</mark> pencuri; KPK <mark>menangkap</mark> lagi"
    assert stem_calls == ["menangkap"]


def every_word_stemmed(text: str, terms: HighlightTerms) -> list[tuple[int, int]]:
    """The highlighter without shortcuts: every word stemmed (the oracle of the test below)."""
    spans = []
    for match in re.finditer(TOKEN_PATTERN, text):
        word = match.group().lower()
        if (word in terms.exact or word.startswith(terms.prefixes)
                or (word not in STOP_WORDS and stem(word) in terms.stems)):
            spans.append(match.span())
    return spans


@pytest.mark.parametrize("query", [
    "ditangkap", "pemerintahan", "kebijakan", "pertanian", "pengadilan", "menulis", "memukul", "menyapu",
    "bermain", "perekonomian", "diplom* rusia", "presiden jokowi", "inácio", "kunjungan", "dilaporkan",
])
def test_the_letters_shortcut_marks_what_stemming_every_word_marks(query):
    # Real pages: the fixtures' sample archive and the golden ingest pages.
    pages = sorted(SAMPLE_DIR.glob("*.txt")) + sorted(PAGES_DIR.glob("*/*.txt"))
    text = "\n".join(path.read_text(encoding="utf-8") for path in pages)
    terms = terms_of(query)

    assert Highlighter(terms, max_stemmed=10**6).spans(text) == every_word_stemmed(text, terms)


@pytest.mark.parametrize("text", [
    "Pemerintah-pemerintah daerah (pemerintahan) dan PEMERINTAH’nya; xpemerintah, pemerintah--pusat",
    "Rusia-Ukraina rusia'-an kerusiaan RUSIA. diplomasi DIPLOMAT-nya (diplom) undiplomatis",
    "İstanbul pemerintah İzmir menangkap ΣΑΣ rusia ΟΔΟΣ ditangkap",  # lowering moves places: every word read
    "pemerintah\ndaerah\tmenangkap  rusia\u00a0pemerintah",
    "", "pemerintah", "-pemerintah-", "’rusia’",
])
@pytest.mark.parametrize("query", ["pemerintah", "penangkapan rusia", "diplom* \"pemerintah daerah\"", "rusia"])
def test_reading_only_the_words_around_the_clues_marks_what_reading_every_word_marks(text, query):
    terms = terms_of(query)
    marker = Highlighter(terms, max_stemmed=10**6)

    assert marker.clue is not None
    assert marker.spans_many([text, text.upper()]) == [every_word_stemmed(text, terms),
                                                       every_word_stemmed(text.upper(), terms)]


def test_best_window_is_one_pass():
    class Counted(list):
        reads = 0

        def __getitem__(self, index):
            Counted.reads += 1
            return super().__getitem__(index)

    starts = Counted(range(0, 600_000, 6))

    assert best_window(starts, 220) == 0
    assert Counted.reads <= 3 * len(starts)


@pytest.mark.parametrize("starts", [[0], [0, 300], [0, 5, 100, 104, 108], [0, 10, 20, 300, 301, 302, 303], [7, 7, 7]])
def test_best_window_finds_the_first_start_of_the_most_matches(starts):
    width = 50
    counts = [sum(1 for s in starts[i:] if s < starts[i] + width) for i in range(len(starts))]

    assert best_window(starts, width) == counts.index(max(counts))
