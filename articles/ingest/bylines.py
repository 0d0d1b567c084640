"""Bylines: who wrote and who edited a story.

Labelled forms anywhere on the page: "Penulis: Nama", "Reporter : Nama", "Pewarta: Nama", "Editor: Nama",
"Rep: Nama/ Red: Nama", "Penulis Nama | Editor Nama", "Laporan Wartawan Tribunnews.com, Nama".
Unlabelled forms in the header: "oleh Nama diperbarui 11 Des 2017", "Nama - detikNews", "Nama, Jurnalis · Selasa ...",
"Nama, CNBC Indonesia", "Nama (The Jakarta Post)", "Nama | Selasa, 21 November 2017 | 10:53 WIB".
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from .dates import WEEKDAYS, find_dates
from .lexicon import REGIONS, ROLE_WORDS, has_body_word, is_affixed_word, is_common_word
from .names import is_name_like, strip_honorifics
from .outlets import is_outlet_name

_AUTHOR_LABEL = (
    r"laporan\s+(?:wartawan|reporter|koresponden|kontributor|jurnalis)\b[^,:]{0,40}[,:]"
    r"|penulis naskah|penulis|reporter|pewarta|wartawan|jurnalis|kontributor|koresponden|oleh|by|rep|writer|author"
    r"|written by|teks"
    r"|laporan(?=\s*[:：])"  # "LAPORAN: NAMA"; "Laporan Tahunan Bank ..." is a headline
)
_EDITOR_LABEL = r"editor|redaktur|red|penyunting|editing|edited by|penyelaras|penyunting bahasa"
_LABELLED = re.compile(
    rf"^(?:(?P<author>{_AUTHOR_LABEL})|(?P<editor>{_EDITOR_LABEL}))(?:\s*[:：]\s*|\s+)(?P<value>.+)$",
    re.IGNORECASE,
)
# Pieces of one byline line: "Penulis A | Editor B", "Rep: A/ Red: B".
_SEGMENT_SPLIT = re.compile(rf"\s*\|\s*|\s*/\s*(?=(?:{_AUTHOR_LABEL}|{_EDITOR_LABEL})\s*[:：])", re.IGNORECASE)
_NAME_SPLIT = re.compile(r"\s*(?:,|;|&|\band\b|\bdan\b)\s*", re.IGNORECASE)
_CUT = re.compile(
    r"\s+(?:diperbarui|diterbitkan|dipublikasikan|updated|published|pada|on)\b.*$|\s+[-–|·•](?:\s.*)?$",
    re.IGNORECASE,
)
_UNLABELLED_TAIL = re.compile(
    r"^(?P<names>[^|·•()]+?)\s*(?:[-–|·•,]|\()\s*(?P<tail>.+?)\)?$",
)
_JOB = re.compile(
    r"^(?:jurnalis|wartawan|reporter|kontributor|koresponden|staff? writer"
    r"|tim (?:redaksi|liputan|penulis|[a-z]*news))\b",
    re.IGNORECASE,
)
_OLEH = re.compile(r"^(?:oleh|by)\s+(?P<names>.+)$", re.IGNORECASE)
# Byline lines are short; a longer line is story text.
_MAX_BYLINE_WORDS = 16


@dataclass
class Byline:
    authors: list[str] = field(default_factory=list)
    editors: list[str] = field(default_factory=list)

    def merge(self, other: Byline) -> None:
        for name in other.authors:
            if name not in self.authors:
                self.authors.append(name)
        for name in other.editors:
            if name not in self.editors:
                self.editors.append(name)


def clean_names(value: str, *, labelled: bool = False) -> list[str]:
    """Return the person names in a byline value, without dates, outlet names or titles.

    >>> clean_names("Khairisa Ferida diperbarui 11 Des 2017, 20:40 WIB")
    ['Khairisa Ferida']
    >>> clean_names("Ahmad Dani dan Riza Harahap - detikNews")
    ['Ahmad Dani', 'Riza Harahap']
    >>> clean_names("Arif Julianto/okezone, Jurnalis")
    ['Arif Julianto']
    >>> clean_names("iwan Arifianto", labelled=True)  # after a label, a name typed in lower case is still one
    ['Iwan Arifianto']
    """
    dates = find_dates(value)
    if dates:
        value = value[: dates[0].start]
    value = _CUT.sub("", value.strip()).strip(" ,.-–|·•:")
    names = []
    for part in _NAME_SPLIT.split(value):
        part = part.strip(" .()")
        if "/" in part:
            # "Arif Julianto/okezone": the writer and the outlet's name
            part = "/".join(piece for piece in part.split("/") if not is_outlet_name(piece.strip()))
        if labelled and part and any(word[:1].islower() for word in part.split()):
            part = " ".join(word[:1].upper() + word[1:] if word[:1].islower() else word for word in part.split())
        if part.isupper() and len(part) > 3:
            part = part.title()  # "LAPORAN: ALDI GULTOM"
        part = strip_honorifics(part)
        if not part or is_outlet_name(part) or not is_name_like(part, max_words=6) or _is_job(part) or (
                part.split()[0].lower().rstrip(",") in WEEKDAYS):
            continue
        names.append(part)
    return names


def _is_job(part: str) -> bool:
    """Return True for what follows a name in a byline, not a name: "Peneliti Pusat Kajian Haji", "Umrah"."""
    words = part.split()
    return is_affixed_word(words[0]) or (len(words) == 1 and is_common_word(words[0]))


_WIRE_CREDITS = re.compile(r"^\((?:reporting|writing|additional reporting) by\b.*\)$", re.IGNORECASE)
_WIRE_EDITOR = re.compile(r"\bediting by ([^;)]+)", re.IGNORECASE)
_WIRE_AUTHOR = re.compile(r"^\((?:reporting|writing) by ([^;)]+?)(?: in [A-Z][\w ]+)?[;)]", re.IGNORECASE)


def labelled_byline(line: str) -> Byline:
    """Return the names of a labelled byline line ("Penulis: A | Editor: B"), empty when it is not one."""
    authors, editors = _labelled_byline(line)
    return Byline(authors=list(authors), editors=list(editors))


# The reporter's credit that closes a story: "(Tribun-Medan.com/Alif Al Qadri Harahap)"; or the team's names,
# writers first and the editor last, as in the initials "(rdp/imk)": "(Nama Reporter/Nama Kamerawan/Nama Editor)".
_CLOSING_CREDIT = re.compile(r"^\((?P<outlet>[^()/]{3,40})/(?P<name>[^()/]{3,60})\)$")
_CLOSING_NAMES = re.compile(r"^\((?P<names>[^()/]{3,60}(?:/[^()/]{3,60}){1,4})\)$")


def closing_credit(line: str) -> Byline:
    """Return the author of a story's closing credit line "(Outlet/Nama)", or the writers and the editor of a
    closing line of full names, or an empty Byline.

    >>> closing_credit("(Tribun-Medan.com/Alif Al Qadri Harahap)").authors
    ['Alif Al Qadri Harahap']
    >>> found = closing_credit("(Rina Kartika/Bagus Santoso/Dewi Lestari)")
    >>> found.authors, found.editors
    (['Rina Kartika', 'Bagus Santoso'], ['Dewi Lestari'])
    """
    found = _CLOSING_CREDIT.match(line.strip())
    if found and (is_outlet_name(found["outlet"]) or "." in found["outlet"]):
        return Byline(authors=clean_names(found["name"]))
    found = _CLOSING_NAMES.match(line.strip())
    if not found:
        return Byline()
    names = [clean_names(piece) for piece in found["names"].split("/")]
    if any(len(piece) != 1 or len(piece[0].split()) < 2 or _names_no_writer(piece[0].split()) for piece in names):
        return Byline()  # "(Reuters/Nama)", "(Bank Indonesia/OJK)": not a team's full names
    return Byline(authors=[piece[0] for piece in names[:-1]], editors=names[-1])


# Words of the press that a bracket after a story's last sentence may hold instead of a writer's name.
_PRESS_WORDS = frozenset(
    "Tribun Radar Pos Harian Koran Suara Berita Kabar Warta Media Info Majalah Tabloid Antara".split()
)


def _names_no_writer(words: list[str]) -> bool:
    """Return True for a body's, a place's or the press's name: "Mahkamah Konstitusi", "Kota Bogor", "Radar Bogor"."""
    return has_body_word(words) or all(word in REGIONS for word in words) or not _PRESS_WORDS.isdisjoint(words)


def closing_signature(value: str) -> list[str]:
    """Return the writer's name that signs off a story in brackets, "(Mohamad Nur Khotib)"; [] for "(Bank Indonesia)".

    >>> closing_signature("Mohamad Nur Khotib"), closing_signature("Bank Indonesia")
    (['Mohamad Nur Khotib'], [])
    >>> closing_signature("Mahkamah Konstitusi"), closing_signature("Kota Bogor"), closing_signature("Pemkot Surabaya")
    ([], [], [])
    """
    words = value.split()
    if _names_no_writer(words) or words[0] in ROLE_WORDS or is_outlet_name(value):
        return []
    return clean_names(value)


def header_byline(line: str) -> Byline:
    """Return the authors of an unlabelled header byline ("Nama - detikNews", "oleh Nama"), or an empty Byline."""
    return Byline(authors=list(_header_byline(line)))


# Every line of a page's header is asked both questions, several times over: the answers are kept per line.
@lru_cache(maxsize=8192)
def _labelled_byline(line: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    found = _labelled_byline_uncached(line)
    return tuple(found.authors), tuple(found.editors)


@lru_cache(maxsize=8192)
def _header_byline(line: str) -> tuple[str, ...]:
    return tuple(_header_byline_uncached(line).authors)


def _labelled_byline_uncached(line: str) -> Byline:
    found = Byline()
    if _WIRE_CREDITS.match(line):
        # Wire style: "(Reporting by A in Denpasar; Editing by B)".
        author = _WIRE_AUTHOR.match(line)
        editor = _WIRE_EDITOR.search(line)
        return Byline(authors=clean_names(author.group(1)) if author else [],
                      editors=clean_names(editor.group(1)) if editor else [])
    if len(line.split()) > _MAX_BYLINE_WORDS:
        return found
    for segment in _SEGMENT_SPLIT.split(line):
        match = _LABELLED.match(segment.strip())
        if not match:
            continue
        names = clean_names(match["value"], labelled=True)
        if match["author"]:
            found.merge(Byline(authors=names))
        else:
            found.merge(Byline(editors=names))
    return found


def _header_byline_uncached(line: str) -> Byline:
    if len(line.split()) > _MAX_BYLINE_WORDS:
        return Byline()
    match = _OLEH.match(line)
    if match:
        return Byline(authors=clean_names(match["names"]))
    dates = find_dates(line)
    if dates and dates[0].start > 0 and is_name_like(line[: dates[0].start].strip(" ,|-"), max_words=4):
        return Byline(authors=clean_names(line[: dates[0].start]))  # "Nama Penulis 21 September 2023, 14.05 WIB"
    match = _UNLABELLED_TAIL.match(line)
    if not match:
        return Byline()
    tail = match["tail"].strip()
    tail_is_cue = (
        _JOB.match(tail)
        or is_outlet_name(tail.split(" ")[0])
        or is_outlet_name(" ".join(tail.split(" ")[:3]))
        or is_outlet_name(" ".join(tail.split(" ")[:2]))
        or (find_dates(tail) and find_dates(tail)[0].start <= 2)
    )
    if not tail_is_cue:
        return Byline()
    return Byline(authors=clean_names(match["names"]))
