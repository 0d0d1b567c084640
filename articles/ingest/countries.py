"""Country names as Indonesian and English news write them: Babel and pycountry, plus the aliases of the press.

``country_names()`` is the source of ``fixtures/countries.json`` (``scripts/make_countries_fixture.py``); at run
time the extractor takes names from the database, where editors can add aliases.
"""

from __future__ import annotations

import re

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
