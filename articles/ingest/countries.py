"""Country names as Indonesian and English news write them, and the matcher that finds them in a story.

``country_names()`` (Babel and pycountry, plus the aliases of the press) is the source of ``fixtures/countries.json``
(``scripts/make_countries_fixture.py``); at run time the extractor takes names from the database, where editors can
add aliases. ``CountryFinder``: whole-word matches of names and aliases, longest first, with blocked phrases
("Amerika Latin", "bahasa Inggris", "AS Roma") that win over the names inside them; abbreviations in capitals only
("AS", "RI").
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from .cues import ACRONYM_AFTER, AGE_AFTER
from .lexicon import FUNCTION_WORDS
from .phrases import PhraseIndex

# How the Indonesian press names countries beyond their official names (nicknames, abbreviations, old spellings).
ALIASES: dict[str, tuple[str, ...]] = {
    "US": ("AS", "Amerika", "Amerika Serikat", "Negeri Paman Sam", "USA", "U.S.", "United States of America"),
    "GB": ("Inggris", "Britania Raya", "Britania", "Kerajaan Inggris", "UK", "Britain", "Great Britain", "England"),
    "CN": ("China", "Cina", "RRT", "RRC", "Republik Rakyat Tiongkok", "Negeri Tirai Bambu", "Tiongkok"),
    "RU": ("Rusia", "Negeri Beruang Merah", "Federasi Rusia"),
    "JP": ("Negeri Sakura", "Negeri Matahari Terbit"),
    "KR": ("Korsel", "Negeri Ginseng", "Republik Korea", "South Korea"),
    "KP": ("Korut", "North Korea", "Korea Utara"),
    "MY": ("Negeri Jiran",),
    "SG": ("Negeri Singa",),
    "AU": ("Negeri Kanguru", "Negeri Kangguru"),
    "TH": ("Negeri Gajah Putih",),
    "NL": ("Negeri Kincir Angin", "Holland"),
    "BR": ("Negeri Samba",),
    "AR": ("Negeri Tango",),
    "ES": ("Negeri Matador",),
    "IT": ("Negeri Pizza",),
    "IN": ("Negeri Bollywood", "Negeri Hindustan"),
    "EG": ("Negeri Piramida", "Negeri Seribu Menara"),
    "FR": ("Perancis", "Negeri Menara Eiffel"),
    "SA": ("Saudi", "Kerajaan Arab Saudi"),
    "AE": ("UEA", "UAE", "Emirat Arab"),
    "ID": ("RI", "Republik Indonesia", "NKRI"),
    "TL": ("Timor-Leste", "Timor Timur", "East Timor"),
    "PS": ("Palestina", "Palestine", "Gaza"),
    "MM": ("Myanmar", "Burma"),
    "TR": ("Turkiye", "Türkiye", "Turkey"),
    "CZ": ("Republik Ceko", "Czech Republic", "Czechia"),
    "PG": ("Papua Nugini", "PNG", "Papua New Guinea"),
    "HK": ("Hong Kong", "Hongkong"),
    "MO": ("Makau", "Macau", "Macao"),
    "TW": ("Taiwan",),
    "IR": ("Iran",),
    "VA": ("Vatikan", "Takhta Suci", "Vatican"),
    "CI": ("Pantai Gading", "Ivory Coast"),
    "NZ": ("New Zealand",),
    "ZA": ("Afsel",),
    "VN": ("Vietnam", "Viet Nam"),
    "LA": ("Laos",),
    "PH": ("Filipina", "Philippines"),
    "BN": ("Brunei", "Brunei Darussalam"),
    "KH": ("Kamboja", "Cambodia"),
    "SY": ("Syria", "Suriah"),
    "CH": ("Swiss", "Switzerland"),
    "DE": ("Jerman",),
    "BA": ("Bosnia",),
    "CD": ("Kongo", "RD Kongo"),
}

# Phrases that contain a country's name without being about that country; they win over the shorter name.
# "AS" is also matched only in capitals (see EntityExtractor), so "as" in English text is never the US.
BLOCKED_PHRASES: tuple[str, ...] = (
    "Amerika Latin", "Amerika Selatan", "Amerika Utara", "Amerika Tengah", "Latin America", "South America",
    "North America", "Central America", "bahasa Inggris", "Bahasa Inggris", "berbahasa Inggris", "bahasa Arab", "Bahasa Arab",
    "bahasa Jepang", "bahasa Mandarin", "bahasa Belanda", "bahasa Jerman", "bahasa Prancis", "bahasa Rusia",
    "bahasa Korea", "bahasa Indonesia", "Bahasa Indonesia", "AS Roma", "AS Monaco", "AS Saint-Etienne", "Negara",
    "Laut China Selatan", "Laut Cina Selatan", "Laut Tiongkok Selatan", "Laut China Timur", "South China Sea",
    "Jersey", "Papua", "Timur Tengah", "Asia Tenggara", "Uni Eropa", "Indonesia Raya", "Timnas Indonesia",
    "Guinea Baru", "Jordan Henderson", "Michael Jordan", "Georgia State", "New Mexico", "Turkish Airlines",
    "Brasil Open", "Malaysia Open", "Indonesia Open", "Indonesia Masters", "Singapore Open", "Japan Open",
    "China Open", "Korea Open", "India Open", "Thailand Open", "Australian Open", "French Open", "US Open",
    "Piala Asia", "Liga Arab", "Indonesia Corruption Watch", "Indonesia Police Watch", "Indonesia Maju",
    "Indonesia Emas", "Indonesia Raya", "Kebun Raya", "Universitas Indonesia", "Bank Indonesia", "Garuda Indonesia",
)

_PAREN = re.compile(r"\s*\([^)]*\)")


def _official_forms(name: str) -> list[str]:
    """Return the forms of a registry name worth matching: 'Myanmar (Burma)' -> ['Myanmar', 'Burma'].

    Names with a comma ("Korea, Republic of") are inverted registry forms nobody writes, and are dropped.
    """
    forms = []
    for paren in re.findall(r"\(([^)]*)\)", name):
        if "," not in paren and len(paren) > 3:
            forms.append(paren)
    name = _PAREN.sub("", name).replace("\u2019", "'")
    name = name.split(" DAK ")[0]
    if "," not in name:
        forms.append(name.strip())
    return forms


def country_names() -> dict[str, dict[str, object]]:
    """Return {alpha-2 code: {"name_id", "name_en", "aliases"}} for every ISO 3166-1 country."""
    import pycountry
    from babel import Locale

    indonesian = Locale("id").territories
    english = Locale("en").territories
    table: dict[str, dict[str, object]] = {}
    for country in pycountry.countries:
        code = country.alpha_2
        name_id = _official_forms(indonesian.get(code, country.name))[0]
        name_en = getattr(country, "common_name", None) or _official_forms(english.get(code, country.name))[0]
        forms = {name_id, name_en}
        for candidate in (indonesian.get(code, ""), english.get(code, ""), country.name,
                          getattr(country, "official_name", "")):
            forms.update(_official_forms(candidate) if candidate else [])
        forms.update(ALIASES.get(code, ()))
        aliases = sorted(form for form in forms if form and form not in (name_id, name_en))
        table[code] = {"name_id": name_id, "name_en": name_en, "aliases": aliases}
    return table


class CountryFinder:
    """Find the countries a story names, from names given as data (alpha-2 code -> names and aliases; no ORM)."""

    def __init__(self, *, countries: Mapping[str, Iterable[str]], blocked_phrases: Iterable[str] = ()):
        """Keep ``forms`` (abbreviations as written, names case-folded -> code, None for a blocked phrase) and
        ``words`` (single words that name or open a country's name), which the people rules read too."""
        self.forms: dict[str, str | None] = {}
        exact_entries: list[tuple[str, object]] = []
        folded_entries: list[tuple[str, object]] = []
        folded_forms: list[str] = []
        for code, names in countries.items():
            for form in names:
                if not form:
                    continue
                # Abbreviations count only as written, in capitals: "AS" is the US, "as" is a word.
                if form.replace(".", "").isupper() and len(form.replace(".", "")) <= 4:
                    exact_entries.append((form, code.upper()))
                    self.forms[form] = code.upper()
                else:
                    folded_entries.append((form, code.upper()))
                    folded_forms.append(form)
                    self.forms[form.casefold()] = code.upper()
        for phrase in blocked_phrases:
            if phrase.split()[0].isupper():
                exact_entries.append((phrase, None))
                self.forms[phrase] = None
            else:
                folded_entries.append((phrase, None))
                self.forms[phrase.casefold()] = None
        self._exact = PhraseIndex(exact_entries, fold=False)
        self._folded = PhraseIndex(folded_entries, fold=True)
        # Single words that name a country ("Rusia", "Qatar"), and the words that open longer names ("Korea Selatan").
        single_forms = {form for form in self.forms if " " not in form and form[:1].isupper()}
        single_forms |= {form.capitalize() for form in folded_forms if " " not in form}
        self.words = frozenset(single_forms) | frozenset(
            "Korea Arab Afrika Amerika Selandia Papua Timor Emirat Saudi Serikat Britania".split()
        )

    def countries_in(self, text: str) -> list[str]:
        """Return the alpha-2 codes of the countries ``text`` names, in order of first mention."""
        spans: list[tuple[int, int, str | None]] = [
            span for span in self._exact.finditer(text) if not AGE_AFTER.match(text[span[1]: span[1] + 12])
        ]  # "AS (34)": a suspect's initials, not the United States.
        for start, end, code in self._folded.finditer(text):
            # Country names are proper nouns: "cuba" or "jersey" in lower case are other words.
            if code is None or text[start].isupper():
                spans.append((start, end, code))
        spans = [span for span in spans if not self._ends_organisation_name(text, span[0], span[1])]
        spans.sort(key=lambda span: (span[0], -(span[1] - span[0])))
        codes: list[str] = []
        taken_until = -1
        for start, end, code in spans:
            if start < taken_until:
                continue
            taken_until = end
            if code is not None and code not in codes:
                codes.append(code)
        return codes

    def _ends_organisation_name(self, text: str, start: int, end: int) -> bool:
        """Return True for "Ikatan Dokter Indonesia (IDI)", "Bank Indonesia (BI)": the end of a body's name."""
        if not ACRONYM_AFTER.match(text[end: end + 16]):
            return False
        before = text[max(0, start - 30): start].split()
        return bool(before) and before[-1][:1].isupper() and before[-1] not in FUNCTION_WORDS \
            and before[-1] not in self.words
