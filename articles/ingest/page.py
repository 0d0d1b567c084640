"""Read the structure of one saved news page: header, story, footer.

A saved page is a column of lines. The *header* holds navigation cruft, the headline, a standfirst, bylines,
dates and photo captions, in an order that differs by outlet and year. The *story* opens with a dateline
("TEMPO.CO, Jakarta - ...") on most Indonesian sites, or, where there is none, with the first paragraph after the
bylines and dates. The *footer* (related articles, tags, comments, copyright) follows the story. The functions here
rely on those cues of structure, not on one pattern per outlet, so that layouts never seen still parse.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from . import boilerplate
from .bylines import Byline, closing_credit, closing_signature, header_byline, labelled_byline
from .captions import dedupe_captions, has_credit
from .datelines import Dateline, find_dateline, header_place
from .dates import DateMatch, find_dates
from .headline import MIN_TITLE_SCORE, TITLE_MAX_WORDS, content_words, lead_title, title_candidates
from .lexicon import ROLE_WORDS
from .names import is_name_like
from .outlets import OUTLETS, detect_outlet, is_outlet_name, names_outlet_in_dateline
from .text import normalize, word_count
from .types import Candidate, ParsedArticle, ParseError

# The story's dateline stands within the first lines of a page; further down, a "City - " line is a related list.
_DATELINE_SEARCH_LINES = 80
# The sentence a dateline opens has at least this many words; a shorter "X - Y" line is a byline or a list item.
_DATELINE_REST_WORDS = 8
# A teaser dateline is followed by the byline or date within this many lines.
_TEASER_GAP_LINES = 3
# Bylines and dates stand in the top lines; a page without them starts its story at its first long line.
_HEADER_SEARCH_LINES = 30
# A shorter line is a paragraph too when it is a sentence: ends like one and has at least this many words; a page
# that opens with one starts with its story.
_SENTENCE_WORDS = 12
_OPENING_SENTENCE_WORDS = 15
# A standfirst above the byline is one paragraph, a caption another; this many in a row opening the page, above the
# credits, are the story (a video page prints its text, then "Penulis naskah: ..." / "Video editor: ...").
_CREDITS_BELOW_RUN = 3
_SENTENCE_ENDS = (".", '"', "!", "?", ".)")
# A writer's full name in brackets after the story's last sentence.
_SIGNATURE = re.compile(r"(?<=[.!?\"”])\s*\((?P<name>[A-Z][\w.'-]+(?: [A-Z][\w.'-]+){1,4})\)$")
# A closing credit glued to the story's last sentence: "(Outlet.com/Nama)", "(Nama/Nama/Nama)" (see closing_credit).
_GLUED_CREDIT = re.compile(r"(?<=[.!?\"”])\s*(?P<credit>\([^()/]{3,60}(?:/[^()/]{3,60}){1,4}\))$")
# The header's lines are read up to this many above the story's start.
_HEADER_MAX_LINES = 80
# A byline without label below the story is short: "Nama Penulis - detikNews".
_FOOTER_BYLINE_WORDS = 7
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
class _Header:
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


def _is_furniture(line: str) -> bool:
    return boilerplate.is_skip_line(line) or boilerplate.is_stop_line(line) or is_outlet_name(line)


@lru_cache(maxsize=4096)
def _date_line_dates(line: str) -> tuple[tuple[DateMatch, str], ...]:
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


def _choose_date(candidates: list[tuple[DateMatch, str]]) -> DateMatch | None:
    """Return the publication date: a labelled one, else the first unlabelled one, else an update time."""
    for wanted in ("published", "", "updated"):
        for found, label in candidates:
            if label == wanted:
                return found
    return None


def _find_dateline(lines: list[str], *, first: int = 0) -> tuple[int, Dateline] | None:
    seen_paragraph = False
    for index in range(first, min(len(lines), _DATELINE_SEARCH_LINES)):
        line = lines[index]
        if seen_paragraph and boilerplate.is_stop_line(line):
            return None  # The footer starts: a "City - " line below it belongs to a related-articles list.
        seen_paragraph = seen_paragraph or word_count(line) >= _PARAGRAPH_WORDS
        if _is_furniture(line):
            continue
        found = find_dateline(line)
        if found is not None and word_count(found.rest) >= _DATELINE_REST_WORDS:
            if index == 0 and found.outlet is None and word_count(found.rest) < _PARAGRAPH_WORDS and not (
                    found.rest.endswith(_SENTENCE_ENDS) and word_count(found.rest) >= _SENTENCE_WORDS):
                continue  # a first line "Jokowi - Prabowo ..." is a headline; a page opening with its story names it
            return index, found
    return None


def _is_meta(line: str) -> bool:
    """Return True for a byline or date line of the header."""
    if _date_line_dates(line):
        return True
    byline = labelled_byline(line)
    if byline.authors or byline.editors:
        return True
    return bool(header_byline(line).authors)


def _is_paragraph(line: str) -> bool:
    """Return True for a line of story text: long, or a sentence; not furniture, not a caption."""
    words = word_count(line)
    sentence = words >= _SENTENCE_WORDS and line.rstrip().endswith(_SENTENCE_ENDS)
    return (words >= _PARAGRAPH_WORDS or sentence) and not _is_furniture(line) and not has_credit(line)


def _story_start_without_dateline(lines: list[str]) -> int:
    """Return where the story starts on a page whose story has no dateline: its first paragraph after the meta lines,
    or the run of paragraphs the page opens with when the meta lines follow it (a video's text, then its credits)."""
    top = lines[:_HEADER_SEARCH_LINES]
    meta = [index for index, line in enumerate(top) if index > 0 and _is_meta(line)]
    first_paragraph = -1
    for index, line in enumerate(lines):
        if index == 0:
            words = word_count(line)
            sentence = words >= _SENTENCE_WORDS and line.rstrip().endswith(_SENTENCE_ENDS)
            if words > TITLE_MAX_WORDS and not _is_furniture(line) or sentence and words >= _OPENING_SENTENCE_WORDS:
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


def _read_header(lines: list[str], *, lead: str) -> _Header:
    header = _Header()
    kinds: list[str] = []
    dates: list[tuple[DateMatch, str]] = []
    date_lines: list[int] = []
    for index, line in enumerate(lines):
        line_dates = _date_line_dates(line)
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
        elif (_is_furniture(line) or _is_nav(line)) and not (byline.authors or byline.editors) and not (
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
    header.date = _choose_date(below) or _choose_date(above)
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


def _read_story(lines: list[str], *, header: _Header, first: str) -> tuple[list[str], list[str], Byline]:
    """Return the story's paragraphs, the captions among them and the bylines of its footer."""
    paragraphs: list[str] = []
    captions: list[str] = []
    byline = Byline()
    skip_link_titles = False
    footer = False
    known_captions = set(header.captions)
    for position, line in enumerate([first, *lines]):
        if skip_link_titles:
            # The titles under a "Baca Juga" label, one per line, until the story resumes.
            if boilerplate.looks_like_headline(line) and not boilerplate.is_stop_line(line):
                continue
            skip_link_titles = False
        if boilerplate.is_stop_line(line):
            byline.merge(labelled_byline(line))  # "(Reporting by A; Editing by B)" opens a wire story's footer.
            if paragraphs:
                footer = True
            continue
        if boilerplate.is_relative_time(line):
            if paragraphs and not footer and boilerplate.looks_like_headline(paragraphs[-1]):
                paragraphs.pop()
            footer = footer or bool(paragraphs)
            continue
        if boilerplate.is_link_label(line):
            skip_link_titles = True
            continue
        if boilerplate.is_skip_line(line) or boilerplate.is_initials_line(line):
            continue
        footer_byline = labelled_byline(line)
        if not (footer_byline.authors or footer_byline.editors) and word_count(line) <= _FOOTER_BYLINE_WORDS:
            # "Nama Penulis - 20DETIK" closing a video page's text; "(Tribun-Medan.com/Nama)" closing a story
            footer_byline = header_byline(line)
            if not footer_byline.authors and paragraphs:
                footer_byline = closing_credit(line)
        if footer_byline.authors or footer_byline.editors:
            byline.merge(footer_byline)
            if paragraphs and position > 0:
                footer = True
            continue
        if footer and not has_credit(line):
            # After the footer's byline come its lists; only its bylines matter ("Pewarta: A" / "Editor: B").
            continue
        if line in known_captions or line == header.title:
            continue
        if position > 0 and has_credit(line, at_edges=True):
            if not footer:
                captions.append(line)
            continue
        if not footer:
            paragraphs.append(boilerplate.strip_inline_link(line))
    # A story ends on a sentence: drop the writers' initials and any headline-like furniture or pointer to a video
    # after it.
    while paragraphs:
        paragraphs[-1] = boilerplate.strip_trailing_initials(paragraphs[-1])
        signed = _SIGNATURE.search(paragraphs[-1])
        if signed and (names := closing_signature(signed["name"])):
            byline.merge(Byline(authors=names))  # "... tegasnya. (Mohamad Nur Khotib)": the writer signs off
            paragraphs[-1] = paragraphs[-1][: signed.start()].rstrip()
        credited = _GLUED_CREDIT.search(paragraphs[-1])
        if credited and not has_credit(credited["credit"]):
            found = closing_credit(credited["credit"])  # "... terang dia. (Tribunwow.com/Nama)", "(A/B/C)"
            if found.authors:
                byline.merge(found)
                paragraphs[-1] = paragraphs[-1][: credited.start()].rstrip()
        if paragraphs[-1] and not boilerplate.looks_like_headline(paragraphs[-1]) and not (
                boilerplate.is_media_pointer(paragraphs[-1])):
            break
        paragraphs.pop()
    return paragraphs, captions, byline


# The lead: the first paragraph, and the second too when the first is only a sentence or two.
_LEAD_WORDS = 40
# A report's own day stands early in it, with its weekday: "kata Tessa, Selasa (31/12/2024)"; further in, only a
# date that follows a quote's verb in the same sentence counts. Reports that open with a scene quote their source
# late (the twelfth paragraph of a crime report on the real-page set), and the verb is followed by the speaker, the
# event and the place: "ujarnya dalam diskusi <an event's long name>, Jakarta, Jumat (18/5/2018)" is about 100
# characters.
_REPORT_DATE_PARAGRAPHS = 4
_QUOTE_DATE_PARAGRAPHS = 15
_QUOTE_DATE_CHARS = 130
# The verb must date the speech, not what it reports: "menyampaikan bahwa mayat itu ditemukan pada Selasa (...)"
# dates the finding. A dot inside a name ("kepada Kompas.com melalui telepon, Kamis (...)") does not end the sentence.
_SPEECH_BEFORE_DATE = re.compile(
    r"\b(?:kata|ujar|ucap|tutur|jelas|ungkap|terang|imbuh|tegas|papar|sebut|said|told|ditemui|dikonfirmasi|dihubungi"
    r"|dikutip|diwawancarai|mengatakan|menjelaskan|menyampaikan)(?:nya)?\b(?:(?!\bbahwa\b)(?:[^\n.\"]|\.(?=\w))){0,120}$",
    re.IGNORECASE,
)
# A day the report looks back on: "diposting pada Selasa (5/9/2023) kemarin", "Senin (4/9/2023) lalu".
_PAST_AFTER_DATE = re.compile(r"\s*(?:kemarin|lalu|silam|yang lalu)\b", re.IGNORECASE)


def _story_date(paragraphs: list[str]) -> DateMatch | None:
    """Return the story's date when the page has no stamp: the first date with its weekday in the opening paragraphs
    (the day of the report: "kata dia, Selasa (31/12/2024)"), else the first full date of the lead; never a bare
    date deeper in (an event's: "sejak 23 Desember 2024"), nor a day the report calls past ("Selasa (...) kemarin")."""
    if not paragraphs:
        return None
    opening = "\n".join(paragraphs[:_REPORT_DATE_PARAGRAPHS])
    reported = next((date for date in find_dates(opening)
                     if date.weekday and not _PAST_AFTER_DATE.match(opening, date.end)), None)
    if reported is not None:
        return reported
    # Further in, a weekday date that dates a quote: "kata Tito di Gedung DPR, Jakarta, Senin (27/6/2016)".
    further = "\n".join(paragraphs[_REPORT_DATE_PARAGRAPHS:_QUOTE_DATE_PARAGRAPHS])
    for date in find_dates(further):
        before = further[max(0, date.start - _QUOTE_DATE_CHARS): date.start]
        if date.weekday and _SPEECH_BEFORE_DATE.search(before) and not _PAST_AFTER_DATE.match(further, date.end):
            return date
    lead = paragraphs[0]
    if len(paragraphs) > 1 and word_count(lead) < _LEAD_WORDS:
        lead += "\n" + paragraphs[1]
    found = find_dates(lead)
    return found[0] if found else None


def _once(paragraphs: list[str]) -> list[str]:
    """Return the paragraphs without repeats: a paragraph saved twice counts once, with or without its dateline (AMP
    copies repeat the lead: "Laba naik ..." and "JAKARTA. Laba naik ...")."""
    seen: set[str] = set()
    kept = []
    for paragraph in paragraphs:
        dateline = find_dateline(paragraph)
        key = dateline.rest if dateline is not None else paragraph
        if key not in seen:
            seen.add(key)
            kept.append(paragraph)
    return kept


def _headline_below(lines: list[str], *, lead: str) -> int:
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
        if not (_date_line_dates(below) or after_lead) or not boilerplate.looks_like_headline(line) or (
                _is_furniture(line)):
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


# A line cut by hard wrapping ends in a word or a comma and is longer than a headline's last words.
_WRAPPED = re.compile(r"[\w,]$")
_WRAP_CHARS = 40
# No line is longer than this when the line-level patterns read it: a page saved as one line of megabytes is read
# as lines of this size (cut at a space), in time and memory proportional to the page. Real paragraphs are shorter.
MAX_LINE_CHARS = 4000
# A picture's zoom button saved before the headline: "zoom-in Ini Fokus Perkara ...".
_WIDGET_PREFIX = re.compile(r"^zoom-in\s+(?=\S)", re.IGNORECASE)
# List bullets a copy kept before a line: "• TEMPO.CO, Jakarta - ...".
_BULLET = re.compile(r"^[•·▪►]\s*")
_DASH_END = re.compile(r"\s(?:-{1,2}|–|—)$")
_DASH_START = re.compile(r"^(?:-{1,2}|–|—)\s")
# A stamp some saved copies put before the headline on its line: "date 2023-09-20 Harga Beras Naik".
_STAMPED_LINE = re.compile(r"^(?:date|tanggal|published)\s*:?\s*(?P<stamp>\d{4}-\d\d(?:-\d\d)?)\s+(?P<rest>\S.*)$",
                           re.IGNORECASE)


def _title_cased(line: str) -> bool:
    """Return True for a line in headline case ("832 Korban Tewas Dimakamkan Massal"): never a wrapped sentence."""
    words = [word for word in line.split() if len(word) >= 4 and word[0].isalpha()]
    return bool(words) and sum(word[0].isupper() for word in words) / len(words) > _TITLE_CASE_SHARE


# More than this share of a line's longer words capitalised: a headline's case.
_TITLE_CASE_SHARE = 0.6


def _unwrapped(raw: list[str]) -> list[str]:
    """Return the lines with hard-wrapped text joined: a line cut mid-sentence goes on in lower case on the next
    ("... suku bunga" / "acuannya dalam ..."). Each line is looked at once, so a page of thousands of wrapped lines
    costs no more than their length."""
    joined: list[str] = []
    pieces: list[str] = []
    chars = 0
    for line, following in zip(raw, [*raw[1:], ""][: len(raw)], strict=True):
        pieces.append(line)
        chars += len(line) + 1
        if (following and following[0].islower() and len(line) >= _WRAP_CHARS and _WRAPPED.search(line[-1])
                and chars + len(following) <= MAX_LINE_CHARS and word_count(following) >= 4
                and not is_outlet_name(following.split()[0], distinctive=True) and not _title_cased(pieces[0])):
            continue
        joined.append(" ".join(pieces))
        pieces = []
        chars = 0
    return joined


def _bounded(line: str) -> list[str]:
    """Return ``line`` as pieces of at most MAX_LINE_CHARS, each cut after its last space (mid-word when none)."""
    if len(line) <= MAX_LINE_CHARS:
        return [line]
    pieces = []
    start = 0
    while len(line) - start > MAX_LINE_CHARS:
        cut = line.rfind(" ", start + MAX_LINE_CHARS // 2, start + MAX_LINE_CHARS + 1)
        cut = cut if cut > 0 else start + MAX_LINE_CHARS
        pieces.append(line[start:cut].strip())
        start = cut
    pieces.append(line[start:].strip())
    return [piece for piece in pieces if piece]


def _lines(text: str) -> list[str]:
    """Return the page's non-empty lines, with a dateline split over two lines joined and a glued stamp split off.

    >>> _lines("Jakarta, CNN Indonesia --\\nRibuan buruh menggelar aksi memperingati hari buruh di Patung Kuda.")
    ['Jakarta, CNN Indonesia -- Ribuan buruh menggelar aksi memperingati hari buruh di Patung Kuda.']
    """
    raw = _unwrapped([piece for line in normalize(text).split("\n") if line for piece in _bounded(line)])
    lines: list[str] = []
    index = 0
    while index < len(raw):
        line = raw[index]
        following = raw[index + 1] if index + 1 < len(raw) else ""
        if following and len(line) <= 60 and (_DASH_END.search(line) or _DASH_START.match(following)):
            joined = f"{line} {following}"
            if find_dateline(joined) is not None and word_count(following) >= _DATELINE_REST_WORDS:
                lines.append(joined)
                index += 2
                continue
        line = _BULLET.sub("", line)
        line = _WIDGET_PREFIX.sub("", line)
        if not line:
            index += 1
            continue
        stamped = _STAMPED_LINE.match(line) if index < _HEADER_SEARCH_LINES else None
        if stamped:
            lines.extend([stamped["stamp"], stamped["rest"]])
        else:
            lines.append(line)
        index += 1
    return lines


def read_page(text: str) -> ParsedArticle:
    """Return the article a raw page holds, without people and countries; raise ParseError when it holds none."""
    lines = _lines(text)
    if not lines:
        raise ParseError("empty page: no text after removing whitespace")
    if all(_is_furniture(line) or boilerplate.is_relative_time(line) for line in lines):
        raise ParseError("only boilerplate: no headline or story text")

    dateline_at = _find_dateline(lines)
    if dateline_at is not None:
        # Some layouts repeat the opening as a teaser above the byline and date: the story is the one below them.
        start = dateline_at[0]
        if any(_is_meta(line) for line in lines[start + 1: start + 1 + _TEASER_GAP_LINES]):
            later = _find_dateline(lines, first=start + 1)
            if later is not None and later[0] <= start + 1 + 2 * _TEASER_GAP_LINES:
                dateline_at = later
    if dateline_at is not None:
        start, dateline = dateline_at
        first = dateline.rest
    else:
        start = _story_start_without_dateline(lines)
        dateline = None
        first = lines[start]
    # The header is the lines just above the story: a page with thousands of lines before it (a broken copy) costs
    # no more than one with a normal header.
    header = _read_header(lines[max(0, start - _HEADER_MAX_LINES):start], lead=first)
    paragraphs, story_captions, footer_byline = _read_story(lines[start + 1:], header=header, first=first)
    paragraphs = _once(paragraphs)
    if not paragraphs:
        raise ParseError("no story text found (only boilerplate after the headline)")

    title, title_source = header.title, "header"
    # Suara prints the headline and its stamp after the text: looked for when the header lacks either.
    below_at = _headline_below(lines[start + 1:], lead=first) if not title or header.date is None else -1
    if not title and below_at >= 0:
        title = lines[start + 1 + below_at]
        paragraphs = [paragraph for paragraph in paragraphs if paragraph != title] or paragraphs
    if not title:
        # No headline line (AMP copies open with the dateline): the lead's first sentence, and the story keeps it.
        title, title_source = lead_title(paragraphs[0]), "lead"

    # The page's own stamp, else the story's own day (see _story_date), else none.
    published, date_source = header.date, "header"
    if published is None:
        # A stamp below the story: labelled as the publication's, or under the headline printed after the text.
        stamps = [pair for line in lines[start + 1:] for pair in _date_line_dates(line) if pair[1] == "published"]
        if below_at >= 0:
            stamps += list(_date_line_dates(lines[start + 2 + below_at]))
        published = _choose_date(stamps)
    if published is None:
        found = _story_date(paragraphs)
        published, date_source = (found, "lead") if found else (None, "none")

    byline = Byline()
    byline.merge(header.byline)
    byline.merge(footer_byline)
    outlet = detect_outlet(lines, dateline_outlet=dateline.outlet if dateline else None,
                           dateline_site=dateline.site if dateline else "")
    return ParsedArticle(
        outlet=outlet,
        title=title,
        summary=header.summary,
        published=published.value if published else None,
        date_only=published.date_only if published else False,
        author=", ".join(byline.authors),
        editor=", ".join(byline.editors),
        dateline=(dateline.place if dateline else "") or header.place,
        body="\n\n".join(paragraphs),
        captions=dedupe_captions([*header.captions, *story_captions]),
        title_source=title_source,
        date_source=date_source,
        evidence={"title": header.title_candidates, "published": _date_evidence(header, published, date_source)},
    )


def _date_evidence(header: _Header, published: DateMatch | None, date_source: str) -> list[Candidate]:
    """Return the dates --explain lists: the header's stamps in the order they are chosen, then the one taken from
    elsewhere (a stamp below the story, or the story's own day) when no header stamp was."""
    evidence = [
        Candidate(value=found.value.isoformat(), score=0.0, evidence=[
            f"a stamp of the header, {label or 'unlabelled'}" + (" (chosen)" if found == published else "")])
        for found, label in header.date_candidates
    ]
    if published is not None and header.date is None:
        where = "a stamp below the story" if date_source == "header" else (
            "the opening's first weekday date (the report's day), else the lead's first full date")
        evidence.append(Candidate(value=published.value.isoformat(), score=0.0,
                                  evidence=[f"no stamp in the header: {where}"]))
    return evidence
