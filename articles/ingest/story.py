"""Read the story of a saved page: its paragraphs down to the footer, the captions and the closing byline inside it,
and its own day when the page has no stamp.
"""

from __future__ import annotations

import re

from . import boilerplate
from .bylines import Byline, closing_credit, closing_signature, header_byline, labelled_byline
from .captions import has_credit
from .datelines import find_dateline
from .dates import DateMatch, find_dates
from .header import Header
from .text import word_count

# A writer's full name in brackets after the story's last sentence.
_SIGNATURE = re.compile(r"(?<=[.!?\"”])\s*\((?P<name>[A-Z][\w.'-]+(?: [A-Z][\w.'-]+){1,4})\)$")
# A closing credit glued to the story's last sentence: "(Outlet.com/Nama)", "(Nama/Nama/Nama)" (see closing_credit).
_GLUED_CREDIT = re.compile(r"(?<=[.!?\"”])\s*(?P<credit>\([^()/]{3,60}(?:/[^()/]{3,60}){1,4}\))$")
# A byline without label below the story is short: "Nama Penulis - detikNews".
_FOOTER_BYLINE_WORDS = 7


def read_story(lines: list[str], *, header: Header, first: str) -> tuple[list[str], list[str], Byline]:
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


def story_date(paragraphs: list[str]) -> DateMatch | None:
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


def without_repeats(paragraphs: list[str]) -> list[str]:
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

