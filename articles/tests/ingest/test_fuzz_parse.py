"""Property-based fuzzing of parse_article: mutated real pages, random text and random bytes.

The promise (articles/ingest/__init__.py, README "Ingest your own pages"): a page gives a ParsedArticle or raises
ParseError with a reason; nothing else, and never a hang. Returned articles keep what ParsedArticle and the README's
``--dry-run --json`` shape guarantee. The pages mutated are the sample archive's and the two seed pages.
"""

from __future__ import annotations

import json
import re
import signal
from contextlib import contextmanager
from datetime import date, datetime

import pytest
from hypothesis import HealthCheck, event, example, given, note, settings
from hypothesis import strategies as st

from articles.ingest import ParsedArticle, ParseError, PersonMention, decode_page, parse_article
from articles.ingest.dates import DEFAULT_ZONE, MAX_YEAR_AHEAD, MIN_YEAR, find_dates
from articles.ingest.types import OutletInfo
from conftest import SAMPLE_DIR, SEEDS_DIR, fixture_extractor

pytestmark = pytest.mark.fuzz

# Bounded so that this file runs in under 10 s on the shared 2-core machine.
FUZZ = settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
# A page parses in about 3 ms (66 sample pages, 2 cores): a thousand times that is a hang, not a slow machine.
TIME_LIMIT_SECONDS = 3

PAGES = [(path.name, path.read_text(encoding="utf-8"))
         for folder in (SAMPLE_DIR, SEEDS_DIR) for path in sorted(folder.glob("*.txt"))]


class ParseHangError(Exception):
    """parse_article ran past TIME_LIMIT_SECONDS."""


@contextmanager
def time_limit(seconds: float):
    """Raise ParseHangError in the block after ``seconds`` (SIGALRM also interrupts a regular expression match)."""

    def stop(signum, frame):
        raise ParseHangError(f"parse_article still running after {seconds} s")

    previous = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def parse_or_reason(text: str, *, entities: bool = False) -> ParsedArticle | ParseError:
    """Return what parse_article gives for ``text``: the article or the ParseError; anything else propagates."""
    with time_limit(TIME_LIMIT_SECONDS):
        try:
            return parse_article(text, entities=fixture_extractor() if entities else None)
        except ParseError as error:
            return error


def check_outcome(outcome: ParsedArticle | ParseError) -> None:
    """Assert what a ParsedArticle or a ParseError always holds."""
    if isinstance(outcome, ParseError):
        assert isinstance(outcome.reason, str) and outcome.reason.strip(), "a ParseError without a reason"
        event(f"ParseError: {outcome.reason.split(':')[0][:40]}")  # shown by --hypothesis-show-statistics
        return
    event("ParsedArticle")
    assert isinstance(outcome, ParsedArticle)
    assert isinstance(outcome.outlet, OutletInfo) and outcome.outlet.name
    # A page without a headline line takes its title from the lead; "no story text found" is raised, never returned.
    assert isinstance(outcome.title, str) and outcome.title.strip() and "\n" not in outcome.title
    assert isinstance(outcome.body, str) and outcome.body.strip()
    # README: "the clean story (paragraphs separated by a blank line)".
    assert all(paragraph.strip() for paragraph in outcome.body.split("\n\n")), repr(outcome.body[:300])
    # STYLE 15 and ingest/dates.py: aware, and within the years a publication date may have; or none at all (issue
    # 11: an undated story is kept), and then it says so.
    if outcome.published is None:
        assert outcome.date_source == "none" and not outcome.date_only
    else:
        assert isinstance(outcome.published, datetime) and outcome.published.utcoffset() is not None
        assert MIN_YEAR <= outcome.published.year <= datetime.now(DEFAULT_ZONE).year + MAX_YEAR_AHEAD
        assert outcome.date_source in ("header", "lead")
    assert outcome.title_source in ("header", "lead")
    assert isinstance(outcome.date_only, bool)
    for text in (outcome.summary, outcome.author, outcome.editor, outcome.dateline):
        assert isinstance(text, str)
    # README: "photo captions, each once".
    assert all(isinstance(caption, str) for caption in outcome.captions)
    assert len(set(outcome.captions)) == len(outcome.captions), outcome.captions
    # README: people are names, countries ISO 3166-1 alpha-2 codes.
    assert all(isinstance(person, PersonMention) and person.name.strip() for person in outcome.people)
    assert all(isinstance(code, str) and re.fullmatch(r"[A-Z]{2}", code) for code in outcome.countries)
    # The stable JSON of ingest_articles --dry-run --json.
    assert isinstance(json.loads(json.dumps(outcome.as_dict())), dict)


# --- mutations -------------------------------------------------------------------------------------------------------

# Surrogates never reach the parser: decode_page refuses them (UTF-16) or cannot make them (UTF-8, cp1252).
ANY_TEXT = st.text(st.characters(exclude_categories=("Cs",)), max_size=30)
BOILERPLATE = (
    "Baca juga: Harga cabai naik lagi", "Baca juga:", "ADVERTISEMENT", "Advertisement", "Loading...", "Loading",
    "35 hari lalu", "2 jam yang lalu", "kemarin", "Lanjutkan Membaca", "Scroll to continue with content", "POPULER",
    "Berita Terkait", "Tag: rusia suriah", "COPYRIGHT © ANTARA 2017", "Editor: Budi Santoso", "Penulis: Dewi Lestari",
    "Pewarta: A", "TEMPO.CO, Jakarta -", "JAKARTA, KOMPAS.com -", "Liputan6.com, Jakarta -", "(rdp/imk)", "(ant)",
    "Foto: Istimewa", "Facebook Twitter WhatsApp", "Halaman 1 2 3 Selanjutnya", "Home > Berita > Nasional",
    "Diperbarui 11 Des 2017, 20:40 WITA", "Penulis: Khairisa Ferida - detikNews", "The Jakarta Post", "***", "•",
)
DATE_LIKE = re.compile(r"\d{1,2} \w+ \d{4}|\d{4}-\d{2}-\d{2}|\d{1,2}/\d{1,2}/\d{2,4}|\d{1,2}[:.]\d{2}|\bWI(?:B|TA|T)\b")
DATE_REPLACEMENTS = st.one_of(
    st.sampled_from([
        "31 Februari 2017", "29 Feb 2100", "Selasa, 21 November 2017 29:99 WIB", "21/11/2017 10.53 GMT+99",
        "2017-11-21T10:53:00+19:59", "Kamis (31/2/17)", "00 Jan 0000", "21 November 0017", "1 Jan 1994",
        "1 Jan 2099", "12:00 pm", "13:00 pm", "GMT-30", "UTC+14", "", "9999-12-31", "0001-01-01", "99:99",
        "Jum'at, 1 Mei 2020 | 25:61 WITA", "Diperbarui 11 Des 2017, 20:40 WITA", "Kamis (25/7/2024)",
    ]),
    st.dates().map(lambda day: f"{day.day} November {day.year}"),
    st.tuples(st.integers(-1, 40), st.integers(-1, 14), st.integers(0, 10_000)).map("{0[0]}/{0[1]}/{0[2]}".format),
)


def _lines(text: str) -> list[str]:
    return text.split("\n")


def delete_lines(draw, text):
    lines = _lines(text)
    start = draw(st.integers(0, len(lines) - 1))
    return "\n".join(lines[:start] + lines[start + draw(st.integers(1, 8)):])


def duplicate_line(draw, text):
    lines = _lines(text)
    index, to = draw(st.integers(0, len(lines) - 1)), draw(st.integers(0, len(lines)))
    return "\n".join(lines[:to] + [lines[index]] + lines[to:])


def swap_lines(draw, text):
    lines = _lines(text)
    first, second = draw(st.integers(0, len(lines) - 1)), draw(st.integers(0, len(lines) - 1))
    lines[first], lines[second] = lines[second], lines[first]
    return "\n".join(lines)


def truncate(draw, text):
    return text[:draw(st.integers(0, len(text)))]


def insert_text(draw, text):
    at = draw(st.integers(0, len(text)))
    return text[:at] + draw(ANY_TEXT) + text[at:]


def replace_characters(draw, text):
    characters = list(text)
    for _ in range(draw(st.integers(1, 20))):
        if characters:
            characters[draw(st.integers(0, len(characters) - 1))] = draw(st.characters(exclude_categories=("Cs",)))
    return "".join(characters)


def change_dates(draw, text):
    return DATE_LIKE.sub(lambda match: draw(DATE_REPLACEMENTS) if draw(st.booleans()) else match.group(), text)


def inject_boilerplate(draw, text):
    lines = _lines(text)
    for _ in range(draw(st.integers(1, 4))):
        lines.insert(draw(st.integers(0, len(lines))), draw(st.sampled_from(BOILERPLATE)))
    return "\n".join(lines)


def change_case(draw, text):
    lines = _lines(text)
    index = draw(st.integers(0, len(lines) - 1))
    lines[index] = draw(st.sampled_from([str.upper, str.lower, str.title, str.swapcase]))(lines[index])
    return "\n".join(lines)


def join_or_split_lines(draw, text):
    lines = _lines(text)
    index = draw(st.integers(0, len(lines) - 1))
    if draw(st.booleans()) and index + 1 < len(lines):
        lines[index: index + 2] = [lines[index] + draw(st.sampled_from([" ", "", " - ", ": "])) + lines[index + 1]]
    else:
        at = draw(st.integers(0, len(lines[index])))
        lines[index: index + 1] = [lines[index][:at], lines[index][at:]]
    return "\n".join(lines)


def repeat_word(draw, text):
    """Put a line of one word said many times (and one other word) into the page: stutters, rating widgets."""
    words = text.split() or ["a"]
    word = draw(st.one_of(st.sampled_from(["a", "x", "A", "|", "-", "share", "1", "di"]), st.sampled_from(words)))
    line = " ".join([word] * draw(st.integers(2, 39)) + [draw(st.sampled_from(["b", ".", "2017", words[0]]))])
    lines = _lines(text)
    lines.insert(draw(st.integers(0, len(lines))), line)
    return "\n".join(lines)


def mangle_encoding(draw, text):
    """Read a stretch as cp1252 that was UTF-8 (mojibake), or blank it with control characters."""
    start = draw(st.integers(0, len(text)))
    end = draw(st.integers(start, len(text)))
    part = text[start:end]
    if draw(st.booleans()):
        part = part.encode("utf-8").decode("cp1252", errors="replace")
    else:
        part = draw(st.sampled_from(["\x00", "\r", "\r\n", "\u2028", "\ufeff", "\u200b", "\x1b", "\t"])).join(part)
    return text[:start] + part + text[end:]


def spacing(draw, text):
    return draw(st.sampled_from([
        lambda t: re.sub(r"\n+", "\n", t), lambda t: t.replace("\n", "\n\n\n"), lambda t: t.replace("\n", " "),
        lambda t: t.replace(" ", "\u00a0"), lambda t: t.replace("\n", "\r\n"),
    ]))(text)


MUTATIONS = (delete_lines, duplicate_line, swap_lines, truncate, insert_text, replace_characters, change_dates,
             inject_boilerplate, change_case, join_or_split_lines, repeat_word, mangle_encoding, spacing)


@st.composite
def mutated_pages(draw) -> str:
    """Return a sample or seed page changed by one to six mutations, each noted for the report."""
    name, text = draw(st.sampled_from(PAGES))
    note(f"page: {name}")
    for _ in range(draw(st.integers(1, 6))):
        mutation = draw(st.sampled_from(MUTATIONS))
        note(f"mutation: {mutation.__name__}")
        text = mutation(draw, text)
    return text


# --- properties ------------------------------------------------------------------------------------------------------


@settings(parent=FUZZ, max_examples=400)
@given(text=mutated_pages(), entities=st.booleans())
def test_mutated_pages_give_an_article_or_a_reason(text, entities):

    check_outcome(parse_or_reason(text, entities=entities))


@settings(parent=FUZZ, max_examples=100)
@given(text=mutated_pages())
def test_parsing_is_deterministic(text):
    """A re-run of ingest_articles changes nothing (README): the same text gives the same article."""
    first, second = parse_or_reason(text), parse_or_reason(text)

    if isinstance(first, ParseError):
        assert isinstance(second, ParseError) and second.reason == first.reason
    else:
        assert isinstance(second, ParsedArticle) and second.as_dict() == first.as_dict()


@settings(parent=FUZZ, max_examples=200)
@given(text=st.one_of(
    st.text(st.characters(exclude_categories=("Cs",)), max_size=3_000),
    st.lists(st.one_of(ANY_TEXT, st.sampled_from(BOILERPLATE), DATE_REPLACEMENTS), max_size=40).map("\n".join),
))
@example(text="")
@example(text="\x00")
def test_random_text_gives_an_article_or_a_reason(text):

    check_outcome(parse_or_reason(text, entities=True))


@settings(parent=FUZZ, max_examples=150)
@given(data=st.one_of(
    st.binary(max_size=3_000),
    st.tuples(st.sampled_from(PAGES), st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "cp1252"]),
              st.binary(max_size=20)).map(lambda t: t[0][1].encode(t[1], errors="replace") + t[2]),
))
def test_random_bytes_decode_then_parse_or_give_a_reason(data):
    try:
        text = decode_page(data)
    except ParseError as error:
        assert error.reason.strip()
        return
    assert isinstance(text, str)

    check_outcome(parse_or_reason(text))


MONTH_NAMES = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober",
               "November", "Desember")


@settings(parent=FUZZ, max_examples=200)
@given(day=st.dates(), form=st.integers(0, 3))
@example(day=date(2017, 11, 21), form=3)
@example(day=date(1994, 12, 31), form=0)
def test_find_dates_reads_the_day_as_written_or_not_at_all(day, form):
    """A date outside the years a page may have (1995 to next year) is no date; any other is read as written.

    """
    text = [
        f"{day.day} {MONTH_NAMES[day.month - 1]} {day.year:04d}", f"{day.isoformat()}",
        f"{day.day:02d}/{day.month:02d}/{day.year:04d}",
        f"Selasa, {day.day} {MONTH_NAMES[day.month - 1]} {day.year:04d} 10:53 WIB",
    ][form]
    found = find_dates(text)

    if MIN_YEAR <= day.year <= datetime.now(DEFAULT_ZONE).year + MAX_YEAR_AHEAD:
        assert [match.value.date() for match in found] == [day], text
    else:
        assert found == [], text


# --- what the properties found, then mended ---------------------------------------------------------------------------

PAGE = (
    "Harga Cabai Naik Tajam di Pasar Induk\n\nSelasa, 21 November 2017 10:53 WIB\n\n"
    "Jakarta - Harga cabai rawit di pasar induk naik tajam dalam sepekan terakhir karena pasokan dari daerah "
    "sentra berkurang akibat hujan deras.\n\nPedagang memperkirakan harga baru turun bulan depan.\n"
)


@pytest.mark.parametrize("line", [
    "a " * 30 + "b", "share " * 30 + "b",
    "Facebook Twitter WhatsApp Telegram Line LinkedIn Email Copy Link " * 3 + "Komentar",
], ids=["a", "share", "share-bar"])
def test_a_line_of_share_words_does_not_hang_the_parser(line):
    with time_limit(1):  # the page without the line parses in about 3 ms
        parse_article(PAGE + line + "\n")


@pytest.mark.parametrize("text", ["Selasa, 21 November 0017 10:53 WIB", "0017-11-21", "21/11/0017"])
def test_a_four_digit_year_below_100_is_no_date(text):
    assert find_dates(text) == []
