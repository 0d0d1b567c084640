"""Read the structure of one saved news page: header, story, footer.

A saved page is a column of lines. The *header* holds navigation cruft, the headline, a standfirst, bylines,
dates and photo captions, in an order that differs by outlet and year. The *story* opens with a dateline
("TEMPO.CO, Jakarta - ...") on most Indonesian sites, or, where there is none, with the first paragraph after the
bylines and dates. The *footer* (related articles, tags, comments, copyright) follows the story. The functions here
rely on those cues of structure, not on one pattern per outlet, so that layouts never seen still parse.
"""

from __future__ import annotations

from . import boilerplate
from .bylines import Byline
from .captions import dedupe_captions
from .dates import DateMatch
from .header import (
    Header,
    choose_date,
    date_line_dates,
    headline_below,
    is_furniture,
    is_meta,
    read_header,
    story_dateline,
    story_start_without_dateline,
)
from .headline import lead_title
from .lines import page_lines
from .outlet_detection import detect_outlet
from .story import read_story, story_date, without_repeats
from .types import Candidate, ParsedArticle, ParseError

# A teaser dateline is followed by the byline or date within this many lines.
_TEASER_GAP_LINES = 3
# The header's lines are read up to this many above the story's start.
_HEADER_MAX_LINES = 80


def read_page(text: str) -> ParsedArticle:
    """Return the article a raw page holds, without people and countries; raise ParseError when it holds none."""
    lines = page_lines(text)
    if not lines:
        raise ParseError("empty page: no text after removing whitespace")
    if all(is_furniture(line) or boilerplate.is_relative_time(line) for line in lines):
        raise ParseError("only boilerplate: no headline or story text")

    dateline_at = story_dateline(lines)
    if dateline_at is not None:
        # Some layouts repeat the opening as a teaser above the byline and date: the story is the one below them.
        start = dateline_at[0]
        if any(is_meta(line) for line in lines[start + 1: start + 1 + _TEASER_GAP_LINES]):
            later = story_dateline(lines, first=start + 1)
            if later is not None and later[0] <= start + 1 + 2 * _TEASER_GAP_LINES:
                dateline_at = later
    if dateline_at is not None:
        start, dateline = dateline_at
        first = dateline.rest
    else:
        start = story_start_without_dateline(lines)
        dateline = None
        first = lines[start]
    # The header is the lines just above the story: a page with thousands of lines before it (a broken copy) costs
    # no more than one with a normal header.
    header = read_header(lines[max(0, start - _HEADER_MAX_LINES):start], lead=first)
    paragraphs, story_captions, footer_byline = read_story(lines[start + 1:], header=header, first=first)
    paragraphs = without_repeats(paragraphs)
    if not paragraphs:
        raise ParseError("no story text found (only boilerplate after the headline)")

    title, title_source = header.title, "header"
    # Suara prints the headline and its stamp after the text: looked for when the header lacks either.
    below_at = headline_below(lines[start + 1:], lead=first) if not title or header.date is None else -1
    if not title and below_at >= 0:
        title = lines[start + 1 + below_at]
        paragraphs = [paragraph for paragraph in paragraphs if paragraph != title] or paragraphs
    if not title:
        # No headline line (AMP copies open with the dateline): the lead's first sentence, and the story keeps it.
        title, title_source = lead_title(paragraphs[0]), "lead"

    # The page's own stamp, else the story's own day (see story_date), else none.
    published, date_source = header.date, "header"
    if published is None:
        # A stamp below the story: labelled as the publication's, or under the headline printed after the text.
        stamps = [pair for line in lines[start + 1:] for pair in date_line_dates(line) if pair[1] == "published"]
        if below_at >= 0:
            stamps += list(date_line_dates(lines[start + 2 + below_at]))
        published = choose_date(stamps)
    if published is None:
        found = story_date(paragraphs)
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


def _date_evidence(header: Header, published: DateMatch | None, date_source: str) -> list[Candidate]:
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
