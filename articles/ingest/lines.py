"""Read a raw page into lines: normalised, unwrapped, bounded in length, a split dateline joined and a glued stamp
split off. The header and story readers work on these lines.
"""

from __future__ import annotations

import re

from .datelines import find_dateline
from .outlets import is_outlet_name
from .text import normalize, word_count

# The sentence a dateline opens has at least this many words; a shorter "X - Y" line is a byline or a list item.
DATELINE_REST_WORDS = 8
# Bylines and dates stand in the top lines; a page without them starts its story at its first long line.
HEADER_SEARCH_LINES = 30

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


def page_lines(text: str) -> list[str]:
    """Return the page's non-empty lines, with a dateline split over two lines joined and a glued stamp split off.

    >>> page_lines("Jakarta, CNN Indonesia --\\nRibuan buruh menggelar aksi memperingati hari buruh di Patung Kuda.")
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
            if find_dateline(joined) is not None and word_count(following) >= DATELINE_REST_WORDS:
                lines.append(joined)
                index += 2
                continue
        line = _BULLET.sub("", line)
        line = _WIDGET_PREFIX.sub("", line)
        if not line:
            index += 1
            continue
        stamped = _STAMPED_LINE.match(line) if index < HEADER_SEARCH_LINES else None
        if stamped:
            lines.extend([stamped["stamp"], stamped["rest"]])
        else:
            lines.append(line)
        index += 1
    return lines

