"""Read the header of a saved page: navigation cruft, the headline, a standfirst, bylines, dates and photo captions
above the story, and where the story starts (its dateline, or the first paragraph after the bylines and dates).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from . import boilerplate
from .bylines import Byline, header_byline, labelled_byline
from .captions import has_credit
from .datelines import Dateline, find_dateline, header_place
from .dates import DateMatch, find_dates
from .headline import MIN_TITLE_SCORE, TITLE_MAX_WORDS, content_words, title_candidates
from .lexicon import ROLE_WORDS
from .lines import DATELINE_REST_WORDS, HEADER_SEARCH_LINES
from .names import is_name_like
from .outlets import OUTLETS, is_outlet_name, names_outlet_in_dateline
from .text import word_count
from .types import Candidate, ParseError

# The story's dateline stands within the first lines of a page; further down, a "City - " line is a related list.
_DATELINE_SEARCH_LINES = 80
# A shorter line is a paragraph too when it is a sentence: ends like one and has at least this many words; a page
# that opens with one starts with its story.
_SENTENCE_WORDS = 12
_OPENING_SENTENCE_WORDS = 15
# A standfirst above the byline is one paragraph, a caption another; this many in a row opening the page, above the
# credits, are the story (a video page prints its text, then "Penulis naskah: ..." / "Video editor: ...").
_CREDITS_BELOW_RUN = 3
_SENTENCE_ENDS = (".", '"', "!", "?", ".)")
# A paragraph of story text has at least this many words; headlines, bylines and labels have fewer.
_PARAGRAPH_WORDS = 20
# A line with a date and at most this many words can be a date line ("Selasa, 21 November 2017 10:53 WIB")...
_DATE_LINE_WORDS = 28
# ... when at most this many other words stand beside the date, or the others are a byline, a label or an outlet.
_DATE_LINE_OTHER_WORDS = 5

_PUBLISHED_LABEL = re.compile(
    r"(?:diterbitkan|dipublikasikan|dipublikasi|terbit|tayang|published|posted|first published|dibuat)\s*:?\s*(?:pada\s*)?$",
    re.IGNORECASE,
)
_UPDATED_LABEL = re.compile(
    r"(?:diperbarui|diupdate|di-update|update|updated|last updated|terakhir diperbarui|modified|revisi)\s*:?\s*(?:pada\s*)?$",
    re.IGNORECASE,
)
_OUTLET_NAMED = re.compile(
    r"\b(?:" + "|".join([c.page.pattern for c in OUTLETS] + [re.escape(c.info.name) for c in OUTLETS]) + r")",
    re.IGNORECASE,
)
# A headline with a kind label: "VIDEO: Banjir Kepung Jakarta, Sejumlah Wilayah Terendam" (not "Video: Istimewa").
_LABELLED_HEADLINE = re.compile(r"^(?:video|foto|infografis|breaking news)\s*:\s*\S+(?:\s+\S+){3,}$", re.IGNORECASE)
_BREADCRUMB = re.compile(r"\s(?:>|»|›|/|\|)\s|^(?:>|»|›)")
_BREADCRUMB_SPLIT = re.compile(r"\s*(?:>|»|›|/|\|)\s*")
_NAV_WORDS = frozenset(
    """
    home beranda index indeks news berita nasional national internasional international world dunia politik politics
    ekonomi economy bisnis business finance keuangan market olahraga sport sports bola sepakbola hukum law kriminal
    peristiwa metro megapolitan regional daerah nusantara tekno teknologi tech otomotif lifestyle gaya hidup hiburan
    entertainment seleb opini opinion kolom column video foto photo infografis terpopuler headline ragam kesehatan health
    pendidikan edukasi travel wisata sains science global asia asean amerika eropa timur tengah internasional
    pemilu pilkada pilpres covid-19 ekbis makro mikro jabodetabek jakarta edisi cetak premium analisis features
    hari ini terkini utama pilihan trending topik fokus khas sorotan kabar nusantara daerah login masuk daftar cari
    menu search register langganan subscribe beranda kanal network live tv radio podcast e-paper epaper
    """.split()
)


@dataclass
class Header:
    title: str = ""
    title_index: int = -1
    summary: str = ""
    captions: list[str] = field(default_factory=list)
    byline: Byline = field(default_factory=Byline)
    date: DateMatch | None = None
    place: str = ""
    title_candidates: list[Candidate] = field(default_factory=list)
    date_candidates: list[tuple[DateMatch, str]] = field(default_factory=list)


def _is_nav(line: str) -> bool:
    if _BREADCRUMB.search(line):
        segments = [part for part in _BREADCRUMB_SPLIT.split(line) if part.strip()]
        return all(word_count(part) <= 3 for part in segments) and not any(ch.isdigit() for ch in line)
    words = [w.strip(".,:-|").lower() for w in line.split()]
    return len(words) <= 8 and all(w in _NAV_WORDS or not w for w in words)


def is_furniture(line: str) -> bool:
    return boilerplate.is_skip_line(line) or boilerplate.is_stop_line(line) or is_outlet_name(line)


@lru_cache(maxsize=4096)
def date_line_dates(line: str) -> tuple[tuple[DateMatch, str], ...]:
    """Return the dates of a date line with the label before each: 'published', 'updated' or ''.

    A date line is mostly its date ("Selasa, 21 November 2017 10:53 WIB"), or a date with a byline, a label or an
    outlet's name ("Nama - Bisnis.com 02 September 2019 | 14:46 WIB"). A headline that names a date is not one.
    """
    if word_count(line) > _DATE_LINE_WORDS or has_credit(line):
        return ()
    found_dates = find_dates(line)
    if not found_dates:
        return ()
    labelled = []
    previous_end = 0
    outside = []
    has_label = False
    for found in found_dates:
        before = line[previous_end: found.start]
        outside.append(before)
        if _PUBLISHED_LABEL.search(before):
            label = "published"
        elif _UPDATED_LABEL.search(before):
            label = "updated"
        else:
            label = ""
        has_label = has_label or bool(label)
        labelled.append((found, label))
        previous_end = found.end
    outside.append(line[previous_end:])
    rest_words = [w for w in " ".join(outside).split() if any(ch.isalnum() for ch in w)]
    if len(rest_words) > _DATE_LINE_OTHER_WORDS and (
        line.rstrip().endswith(".") or not has_label and not _names_outlet_or_author(line)
    ):
        return ()  # A sentence that names a date: a caption or the story, not a date line.
    return tuple(labelled)


def _names_outlet_or_author(line: str) -> bool:
    if any(names_outlet_in_dateline(word.strip(",|-")) for word in line.split()):
        return True
    if _OUTLET_NAMED.search(line):
        return True
    byline = labelled_byline(line)
    return bool(byline.authors or byline.editors or header_byline(line).authors)


def choose_date(candidates: list[tuple[DateMatch, str]]) -> DateMatch | None:
    """Return the publication date: a labelled one, else the first unlabelled one, else an update time."""
    for wanted in ("published", "", "updated"):
        for found, label in candidates:
            if label == wanted:
                return found
    return None


def story_dateline(lines: list[str], *, first: int = 0) -> tuple[int, Dateline] | None:
    seen_paragraph = False
    for index in range(first, min(len(lines), _DATELINE_SEARCH_LINES)):
        line = lines[index]
        if seen_paragraph and boilerplate.is_stop_line(line):
            return None  # The footer starts: a "City - " line below it belongs to a related-articles list.
        seen_paragraph = seen_paragraph or word_count(line) >= _PARAGRAPH_WORDS
        if is_furniture(line):
            continue
        found = find_dateline(line)
        if found is not None and word_count(found.rest) >= DATELINE_REST_WORDS:
            if index == 0 and found.outlet is None and word_count(found.rest) < _PARAGRAPH_WORDS and not (
                    found.rest.endswith(_SENTENCE_ENDS) and word_count(found.rest) >= _SENTENCE_WORDS):
                continue  # a first line "Jokowi - Prabowo ..." is a headline; a page opening with its story names it
            return index, found
    return None


def is_meta(line: str) -> bool:
    """Return True for a byline or date line of the header."""
    if date_line_dates(line):
        return True
    byline = labelled_byline(line)
    if byline.authors or byline.editors:
        return True
    return bool(header_byline(line).authors)


def _is_paragraph(line: str) -> bool:
    """Return True for a line of story text: long, or a sentence; not furniture, not a caption."""
    words = word_count(line)
    sentence = words >= _SENTENCE_WORDS and line.rstrip().endswith(_SENTENCE_ENDS)
    return (words >= _PARAGRAPH_WORDS or sentence) and not is_furniture(line) and not has_credit(line)


def story_start_without_dateline(lines: list[str]) -> int:
    """Return where the story starts on a page whose story has no dateline: its first paragraph after the meta lines,
    or the run of paragraphs the page opens with when the meta lines follow it (a video's text, then its credits)."""
    top = lines[:HEADER_SEARCH_LINES]
    meta = [index for index, line in enumerate(top) if index > 0 and is_meta(line)]
    first_paragraph = -1
    for index, line in enumerate(lines):
        if index == 0:
            words = word_count(line)
            sentence = words >= _SENTENCE_WORDS and line.rstrip().endswith(_SENTENCE_ENDS)
            if words > TITLE_MAX_WORDS and not is_furniture(line) or sentence and words >= _OPENING_SENTENCE_WORDS:
                return 0  # a copy that starts with its story: the bylines below it are the footer's
            continue  # the first line is the headline
        if not _is_paragraph(line):
            continue
        first_paragraph = index if first_paragraph < 0 else first_paragraph
        if not meta or any(m < index for m in meta) and not any(index < m <= index + 2 for m in meta):
            return index
        run = lines[index: index + _CREDITS_BELOW_RUN]
        if index == first_paragraph and len(run) == _CREDITS_BELOW_RUN and all(map(_is_paragraph, run)):
            return index
    for index, line in enumerate(lines):
        if index > 0 and line.endswith((".", '"')) and word_count(line) >= 8 and not has_credit(line):
            return index
    raise ParseError("no story text found: no dateline and no paragraph after the headline")


def read_header(lines: list[str], *, lead: str) -> Header:
    header = Header()
    kinds: list[str] = []
    dates: list[tuple[DateMatch, str]] = []
    date_lines: list[int] = []
    for index, line in enumerate(lines):
        line_dates = date_line_dates(line)
        byline = labelled_byline(line)
        if not (byline.authors or byline.editors):
            byline = header_byline(line)
        if not (byline.authors or byline.editors) and line_dates:
            # "Selasa, 30 Maret 2021 23:45 WIB Jurnalis - Nama": the byline after the date
            byline = labelled_byline(line[line_dates[-1][0].end:].strip(" |-–·•"))
        place = header_place(line)
        if place and not header.place:
            header.place = place
        if is_outlet_name(line):
            kinds.append("site")
        elif (is_furniture(line) or _is_nav(line)) and not (byline.authors or byline.editors) and not (
                _LABELLED_HEADLINE.match(line)):
            kinds.append("junk")  # "Penulis: A | Editor: B" has a breadcrumb's bars, and is a byline
        elif line_dates or byline.authors or byline.editors:
            kinds.append("meta")
            dates.extend(line_dates)
            date_lines.extend(index for _ in line_dates)
            header.byline.merge(byline)
        elif has_credit(line) or any(other != line and other.startswith(line) for other in lines) or lines.count(line) > 1:
            kinds.append("caption")
        else:
            kinds.append("text")

    # A name alone on its line next to the outlet's name or the date is the byline ("Arya Dwipangga" / "The Jakarta
    # Post", "Syakirun Ni'am," / "Kompas.com - 06/12/2022"), also with the outlet's name after it ("Nama Suara.Com" /
    # "Jum'at, 15 Juli 2022"); "Menteri Keuangan Sri Mulyani" there is a caption. A name found so makes its
    # neighbour a byline only when it ends with the comma of two stacked names: the links of a menu under the site's
    # name ("Tribun Network" / "About Us" / "Contact Us") are no chain of bylines.
    found_here: set[int] = set()
    for index, kind in enumerate(kinds):
        name = lines[index].rstrip(" ,")
        *first_words, last_word = name.split(" ")
        if first_words and is_outlet_name(last_word, distinctive=True):
            name = " ".join(first_words)
        if kind != "text" or not 2 <= word_count(name) <= 4 or name.split()[0].capitalize() in ROLE_WORDS:
            continue
        neighbours = [kinds[at] for at in (index - 1, index + 1) if 0 <= at < len(kinds) and (
            at not in found_here or lines[at].endswith(","))]
        # Beside the outlet's name, a date or a byline; or between the headline and the page's widgets ("Font:").
        widget_next = kinds[index + 1: index + 2] == ["junk"] and index > 0 and kinds[index - 1] == "text"
        if is_name_like(name) and not name.endswith(".") and (
                any(k in ("site", "meta") for k in neighbours) or widget_next and word_count(name) >= 2):
            # Two names stacked, the first with a comma (Kompas): the writer, then the editor.
            stacked = index > 0 and kinds[index - 1] == "meta" and lines[index - 1].endswith(",")
            kinds[index] = "meta"
            found_here.add(index)
            header.byline.merge(Byline(editors=[name]) if stacked else Byline(authors=[name]))
    meta = {i for i, kind in enumerate(kinds) if kind == "meta"}
    excluded = {i for i, kind in enumerate(kinds) if kind in ("site", "junk")}
    candidates = title_candidates(lines, meta=meta, lead=lead, exclude=excluded)
    header.title_candidates = candidates
    if candidates and candidates[0].score >= MIN_TITLE_SCORE:
        header.title_index = candidates[0].line
        header.title = candidates[0].value
    # A date above the headline is often the page's "today" bar: the stamps below it come first.
    below = [pair for pair, at in zip(dates, date_lines, strict=True) if at > header.title_index]
    above = [pair for pair, at in zip(dates, date_lines, strict=True) if at <= header.title_index]
    header.date = choose_date(below) or choose_date(above)
    header.date_candidates = below + above
    # The standfirst follows the headline directly and comes before the byline or date.
    after = [i for i in range(header.title_index + 1, len(lines)) if kinds[i] != "junk"]
    if (
        header.title_index >= 0
        and after
        and kinds[after[0]] == "text"
        and word_count(lines[after[0]]) >= 6
        and any(kinds[i] == "meta" for i in after[1:])
    ):
        header.summary = lines[after[0]]
    for index, line in enumerate(lines):
        if index <= header.title_index or line == header.summary or line == header.title:
            continue
        if find_dateline(line) is not None:
            continue  # A teaser of the story's opening, repeated below.
        if kinds[index] == "caption" or kinds[index] == "text" and word_count(line) >= 4:
            header.captions.append(line)
    return header




def headline_below(lines: list[str], *, lead: str) -> int:
    """Return where a headline stands below the story, just above the page's stamp, or -1.

    Some layouts print the story first, then its headline and date: "... berlangsung." / "Tiga Taman Kota Ditutup" /
    "Rabu, 16 Juni 2021 | 12:52 WIB". The line must be shaped like a headline and share words with the lead.
    """
    lead_words = content_words(lead)
    for index, (line, below) in enumerate(zip(lines[:_DATELINE_SEARCH_LINES], lines[1:_DATELINE_SEARCH_LINES],
                                              strict=False)):
        if boilerplate.is_stop_line(line):
            break
        # Under it the page's stamp (Suara prints headline and date after the text); or, right after the lead, a
        # photo's credit or the lead again (AMP copies: "lead / headline / lead", "lead / headline / caption").
        after_lead = index < _HEADLINE_AFTER_LEAD_LINES and (
            has_credit(below) or lead[:_REPEAT_CHARS] in below[:2 * _REPEAT_CHARS] or below.endswith(")"))
        if not (date_line_dates(below) or after_lead) or not boilerplate.looks_like_headline(line) or (
                is_furniture(line)):
            continue
        own = content_words(line)
        if 3 <= word_count(line) <= 25 and own and len(own & lead_words) / len(own) >= _BELOW_HEADLINE_SHARED:
            return index
    return -1


# A headline below the story shares at least this part of its words with the lead.
_BELOW_HEADLINE_SHARED = 0.3
# A headline printed after the lead stands within this many lines of it; the lead repeated under it starts alike.
_HEADLINE_AFTER_LEAD_LINES = 2
_REPEAT_CHARS = 40
