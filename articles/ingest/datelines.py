"""Datelines: the place (and often the outlet) that opens a story.

>>> d = find_dateline("Liputan6.com, Sanaa - Presiden Vladimir Putin telah memerintahkan penarikan pasukan.")
>>> d.place, d.outlet.name, d.rest[:8]
('Sanaa', 'Liputan6.com', 'Presiden')
>>> d = find_dateline("JAKARTA, KOMPAS.com - Pemerintah menaikkan harga bahan bakar minyak bersubsidi.")
>>> d.place, d.outlet.name
('Jakarta', 'Kompas.com')
>>> find_dateline("Vientiane (ANTARA) - Menteri Luar Negeri bertemu mitranya di ibu kota Laos.").place
'Vientiane'
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .dates import MONTHS, WEEKDAYS, find_dates
from .lexicon import REGIONS
from .outlets import outlet_in_dateline
from .text import title_case_place
from .types import OutletInfo

_DATELINE = re.compile(
    # A space on at least one side of the dash: "JAKARTA, KOMPAS.com -Mantan ...", never a hyphenated word.
    r"^(?P<head>[^:;\"“”'?!]{2,70}?)"
    r"(?:\s+(?:-{1,2}|–|—|‒|―)\s*|\s*(?:-{1,2}|–|—|‒|―)\s+|\s*(?:--|—)\s*"
    r"|(?<=\))\s*:\s+)"
    r"(?:(?:-{1,2}|–|—)\s+)?(?P<rest>[\"'(A-Z0-9À-Ý].{25,})$",
    re.DOTALL,
)
_PLACE = re.compile(
    r"^[A-Z][A-Za-z'.]*(?:[- ](?:[A-Z][A-Za-z'.]*|ez|es|el|al|de|di|da)(?=[- ]|$)|-[A-Za-z]+)*$"
)
_SITE = re.compile(r"\.(?:com|co\.id|id|net|org|co|news|tv|info)\b", re.IGNORECASE)
# Wire agencies in a dateline credit the story's source, not the site that published it: "JAKARTA (Reuters) -".
_AGENCIES = frozenset("reuters afp ap xinhua bernama kyodo yonhap anadolu sputnik tass bloomberg aa".split())
# Words that open a sentence or a headline, never a place in a dateline.
_NOT_PLACE = frozenset(w.lower() for w in (
    "Baca", "Presiden", "Menteri", "Ketua", "Kepala", "Wakil", "Gubernur", "Foto", "Video", "Editor", "Penulis",
    "Reporter", "Sumber", "Oleh", "Catatan", "Update", "Breaking", "Infografis", "Simak", "Lihat", "Tonton", "Berita",
    "Kementerian", "Pemerintah", "Badan", "Komisi", "Dewan", "Partai", "Polisi", "Polri", "Tim", "Warga", "Pihak",
)) | frozenset(WEEKDAYS) | frozenset(MONTHS)


# A story opened by a date ("Kamis (8/2/2024), banjir ...") goes on for at least this many words.
_MIN_REST_WORDS = 8
_WIRE_DATE = re.compile(r"^(?:" + "|".join(MONTHS) + r")\.? \d{1,2}$", re.IGNORECASE)


@dataclass(frozen=True)
class Dateline:
    place: str
    outlet: OutletInfo | None
    rest: str
    site: str = ""  # a site the dateline names that is not in the outlet list: "KabarPapua.id"


def _parts(head: str) -> list[tuple[str, bool]] | None:
    """Split a dateline head into (text, parenthesised) parts: 'Vientiane (ANTARA)' -> [('Vientiane', False), ...]."""
    parts: list[tuple[str, bool]] = []
    for match in re.finditer(r"\(([^()]{2,30})\)|([^,()|]+)", head):
        if match.group(1):
            parts.append((match.group(1).strip(), True))
        elif match.group(2).strip():
            parts.append((match.group(2).strip(), False))
    return parts if 1 <= len(parts) <= 4 else None


def _place_after_outlet(rest: str) -> tuple[str, str]:
    """Return (place, story) of what follows an outlet's name: "JAKARTA. Indeks ...", "JAKARTA - KPK ...",
    "Jakarta Presiden ..." (a known city and no dash); ("", rest) when no place opens it."""
    for pattern in (_OPENING_PLACE, _OPENING_PLACE_DASH):
        opening = pattern.match(rest)
        if opening and _PLACE.match(opening["place"]) and opening["place"].split()[0].lower() not in _NOT_PLACE:
            return title_case_place(opening["place"]), rest[opening.end():]
    opening = _OPENING_CITY.match(rest) or _GLUED_CITY.match(rest)
    if opening and opening["place"].title() in DATELINE_CITIES:
        return title_case_place(opening["place"]), rest[opening.end():]
    return "", rest


def _is_place_name(text: str) -> bool:
    """Return True for a place's name, in any case: "BALI", "JAWA BARAT", "Yogyakarta" (never a site's brand)."""
    return text.title() in DATELINE_CITIES or any(
        word.title() in REGIONS or word.title() in _DIRECTIONS or word.upper() in REGIONS for word in text.split())


def _other_is_city(parts: list[tuple[str, bool]], text: str) -> bool:
    return any(other != text and other.title() in DATELINE_CITIES for other, _ in parts)


_DIRECTIONS = frozenset({"Utara", "Barat", "Selatan", "Timur", "Tengah", "Kepulauan", "Daya", "Jaya", "Pegunungan",
                         "Nusa", "Tenggara", "DKI", "DIY", "Jawa", "Sumatera", "Kalimantan", "Sulawesi"})
# Cities that open stories as datelines: Indonesia's provinces' and regencies' towns, and the world's capitals of news.
DATELINE_CITIES = frozenset(
    {region for region in REGIONS if region not in _DIRECTIONS} | {
        "Washington", "New York", "London", "Beijing", "Tokyo", "Moskow", "Moscow", "Jenewa", "Geneva", "Paris",
        "Brussel", "Brussels", "Canberra", "Singapura", "Singapore", "Kuala Lumpur", "Bangkok", "Manila", "Seoul",
        "Sydney", "Riyadh", "Kairo", "Cairo", "Gaza", "Yerusalem", "Jerusalem", "Teheran", "Tehran", "Ankara",
        "Berlin", "Roma", "Rome", "Hanoi", "Kiev", "Kyiv", "Beirut", "Doha", "Dubai", "Istanbul", "Davos", "Nusa Dua",
        "Vatikan", "Dili", "Port Moresby", "New Delhi", "Islamabad", "Kabul", "Baghdad", "Damaskus", "Wellington",
        "Jogja", "Solo", "Serang", "Cikarang", "Cianjur", "Subang", "Indramayu", "Kuningan", "Majalengka", "Sumedang",
        "Salatiga", "Boyolali", "Wonogiri", "Sragen", "Grobogan", "Rembang", "Blora", "Demak", "Jepara", "Kendal",
        "Batang", "Pemalang", "Brebes", "Purwokerto", "Kebumen", "Purworejo", "Wonosobo", "Temanggung", "Bitung",
        "Tomohon", "Parepare", "Palopo", "Bone", "Gowa", "Maros", "Bukittinggi", "Payakumbuh", "Dumai", "Jambi",
        "Tanjungpinang", "Pangkalpinang", "Tarakan", "Bontang", "Palangka Raya", "Banda Aceh", "Lhokseumawe",
        "Sabang", "Langsa", "Binjai", "Pematangsiantar", "Tebing Tinggi", "Sibolga", "Padang Sidempuan",
    })
_CITY = r"[A-Z][A-Za-z'-]+(?: [A-Z][A-Za-z'-]+)?"
_CITY_OPENING = re.compile(rf"^(?P<place>{_CITY})\s*[.:]\s+(?P<rest>[\"'A-Z0-9].{{25,}})$", re.DOTALL)
_GLUED_CITY = re.compile(r"^(?P<place>[A-Z][a-z]+)(?=[A-Z][a-z])")  # "TEMPO.CO, JakartaDeputy chairman ..."
_OPENING_CITY = re.compile(rf"^(?P<place>{_CITY})\s+(?=[A-Z][a-z])")
_OPENING_PLACE_DASH = re.compile(
    r"^(?P<place>[A-Z][A-Za-z'-]+(?: [A-Z][A-Za-z'-]+){0,2})\s*(?:-{1,2}|–|—)\s+(?=[\"'A-Z0-9])")
# One word with an inner capital: "TheInsiderStories".
_BRAND_NAME = re.compile(r"^[A-Z][A-Za-z0-9]*[A-Z0-9][A-Za-z0-9]*$")
# An unlisted site's name by a city: one or two words, a capital or a digit in it ("Kanal24", "FORTUNE").
_BRAND = re.compile(r"^(?=.*(?:\d|[A-Z]{2}))[A-Za-z][A-Za-z0-9]+(?: [A-Za-z0-9]+)?$")
_OPENING_PLACE = re.compile(r"^(?P<place>[A-Z][A-Z'-]+(?: [A-Z][A-Z'-]+){0,2})\.\s+(?=[\"'A-Z0-9])")
_OUTLET_COMMA = re.compile(r"^(?P<head>[A-Za-z0-9.]{3,30}?)\s*[,.]\s+(?P<rest>[\"'A-Z].{25,})$", re.DOTALL)


@lru_cache(maxsize=8192)
def find_dateline(line: str) -> Dateline | None:
    """Return the dateline that opens ``line``, or None when the line does not open with one."""
    match = _DATELINE.match(line)
    city = None if match else _CITY_OPENING.match(line)
    if city and city["place"].title() in DATELINE_CITIES and len(city["rest"].split()) >= _MIN_REST_WORDS:
        # "Jakarta. President ..." (Jakarta Globe), "New York: Harga minyak ..." (Medcom).
        return Dateline(place=title_case_place(city["place"]), outlet=None, rest=city["rest"].strip())
    # "JAKARTA. Wakil Presiden ...": a place in capitals closed by a full stop (Kontan); "RMOL. ..." is read below.
    caps = None if match else _OPENING_PLACE.match(line)
    if caps and len(caps["place"]) >= 3 and outlet_in_dateline(caps["place"]) is None and (
            caps["place"].split()[0].lower() not in _NOT_PLACE) and len(line[caps.end():]) >= 25 and (
            len(line[caps.end():].split()) >= _MIN_REST_WORDS):
        return Dateline(place=title_case_place(caps["place"]), outlet=None, rest=line[caps.end():].strip())
    if not match:
        # Columns drop the place: "REPUBLIKA.CO.ID, Setiap musim haji, ..."
        bare = _OUTLET_COMMA.match(line)
        # "REPUBLIKA.CO.ID, Setiap ...", "RMOL. Presiden ...": a site's name, or an outlet's name in capitals.
        outlet = outlet_in_dateline(bare["head"]) if bare and ("." in bare["head"] or bare["head"].isupper()) else None
        if outlet is None:
            return None
        place, rest = _place_after_outlet(bare["rest"].strip())
        return Dateline(place=place, outlet=outlet, rest=rest)
    parts = _parts(match["head"])
    opening_date = next((found for found in find_dates(match["rest"]) if found.start == 0), None)
    if opening_date is not None and len(match["rest"][opening_date.end:].split()) < _MIN_REST_WORDS:
        return None  # "Kompas.com - 21/11/2017, 10:53 WIB": a date line, not a story.
    if parts is None:
        return None
    places: list[str] = []
    outlet: OutletInfo | None = None
    site = ""
    source_named = False
    for text, parenthesised in parts:
        if _WIRE_DATE.match(text):
            continue  # "DENPASAR, Indonesia, Feb 14 (Nusantara Wire) -": the wire's date.
        known = outlet_in_dateline(text)
        if known is not None:
            outlet = outlet or known
            source_named = True
        elif (len(parts) == 2 and not parenthesised and _BRAND.match(text) and _other_is_city(parts, text)
              and not _is_place_name(text)):
            source_named = True  # "Kanal24, Malang -", "Jakarta, FORTUNE -": a site we do not know, by a city
            site = site or text
        elif parenthesised or _SITE.search(text):
            # An agency or a site we do not know: "(Reuters)", "KabarPapua.id".
            if any(ch.isdigit() for ch in text.replace("6", "")) or len(text.split()) > 3:
                return None
            source_named = True
            if not site and (_SITE.search(text) or parenthesised and _BRAND_NAME.match(text)
                             and text.lower() not in _AGENCIES):
                site = text  # "KabarPapua.id", "(TheInsiderStories)": a site the list does not know
        elif (
            _PLACE.match(text)
            and len(text.split()) <= 4
            and text.split()[0].lower() not in _NOT_PLACE
            and not any(ch.isdigit() for ch in text)
        ):
            places.append(text)
        else:
            return None
    if len(places) > 2 or not (places or source_named):
        return None
    # "DENPASAR, BALI -": a town and its province is one place, the town.
    city_and_province = len(places) == 2 and _is_place_name(places[1]) and places[0].title() in DATELINE_CITIES
    if not source_named and (match["head"].rstrip().endswith(":") or len(places) != 1 and not city_and_province):
        return None
    rest = match["rest"].strip()
    if source_named and not places:
        # "KONTAN.CO.ID - JAKARTA. Indeks ...", "jpnn.com - JAKARTA - KPK ...": the place after the outlet
        opening_place, rest = _place_after_outlet(rest)
        places = [opening_place] if opening_place else []
    place = title_case_place(places[0]) if places else ""
    return Dateline(place=place, outlet=outlet, rest=rest, site=site)


# The date follows the place closely, after at most a label: "Jakarta ● Updated: Tue, January 7, 2025".
_HEADER_PLACE_DATE_WITHIN = 20
_HEADER_PLACE = re.compile(r"^(?P<place>[A-Z][A-Za-z'. /-]{1,40}?)(?:,\s*[A-Z][A-Za-z'. -]{1,30})?\s*[●•]\s*(?P<rest>.+)$")


def header_place(line: str) -> str:
    """Return the place of a header line that puts it before the date, as The Jakarta Post does.

    >>> header_place("Jakarta ● Tue, November 21, 2017")
    'Jakarta'
    """
    match = _HEADER_PLACE.match(line)
    if not match or not _PLACE.match(match["place"]) or match["place"].split()[0].lower() in _NOT_PLACE:
        return ""
    dates = find_dates(match["rest"])
    if not dates or dates[0].start > _HEADER_PLACE_DATE_WITHIN:
        return ""
    # "Naypyidaw/Jakarta": the story was filed from the first place.
    return title_case_place(match["place"].split("/")[0].strip())
