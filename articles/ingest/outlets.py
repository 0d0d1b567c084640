"""The outlets the archive knows, and the forms of their names: in datelines, credits and site addresses.

A page names its outlet in a few places, from most to least reliable: the dateline that opens the story
("TEMPO.CO, Jakarta -", "JAKARTA, KOMPAS.com -", "Vientiane (ANTARA) -"), short header and footer lines
("Khairisa Ferida - detikNews", "COPYRIGHT © ANTARA 2017") and, least, mentions inside the story
("seperti Liputan6.com kutip dari CNN"). ``outlet_detection.detect_outlet`` weighs those places for one page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from . import urls
from .types import UNKNOWN_OUTLET, OutletInfo


@dataclass(frozen=True)
class OutletCues:
    info: OutletInfo
    # How the outlet names itself inside a dateline.
    dateline: re.Pattern
    # Short lines (bylines, site names, footers) that only this outlet's pages carry.
    page: re.Pattern


def _cues(name: str, domain: str, slug: str, dateline: str, page: str) -> OutletCues:
    return OutletCues(
        info=OutletInfo(name=name, domain=domain, slug=slug),
        dateline=re.compile(rf"^(?:{dateline})$", re.IGNORECASE),
        page=re.compile(page, re.IGNORECASE),
    )


def _form_pattern(form: str) -> str:
    """Return the pattern of a name form: escaped, but "[a-z]{3,20}" kept for a family of regional sites."""
    return re.escape(form).replace(re.escape("[a-z]{3,20}"), "[a-z]{3,20}")


_SUBDOMAIN = r"(?:[a-z0-9-]{1,63}\.)?"


def _named(name: str, domain: str, slug: str, *aliases: str) -> OutletCues:
    """Return the cues of an outlet that names itself by its name or domain: "Kontan", "KONTAN.CO.ID", "jpnn.com"."""
    forms = sorted({_form_pattern(form.lower()) for form in (name, domain, *aliases)}, key=len, reverse=True)
    # Sub-domains are the outlet's regional or topical desks: "Lintasbabel.iNews.id", "kabar24.bisnis.com".
    domain_forms = rf"{_SUBDOMAIN}{re.escape(domain)}"
    # On a page's short lines only the distinctive forms count: "Waspada", "Era" or "Kontan" are also plain words.
    distinct = [form for form in forms if form.replace("\\", "") not in _COMMON_WORD_NAMES]
    page = rf"\b(?:{'|'.join([domain_forms, *distinct])})\b"
    return _cues(name, domain, slug, "|".join([domain_forms, *forms]), page)


# Outlet names that are also Indonesian words or common given names: a cue only in a dateline or as a domain.
_COMMON_WORD_NAMES = frozenset({
    "kontan", "kompas", "era", "waspada", "inilah", "fajar", "grid", "gatra", "hops", "voi", "voa", "kbr", "tirto",
    "media indonesia", "bisnis", "fortune", "io",
})


OUTLETS: tuple[OutletCues, ...] = (
    _cues("Liputan6.com", "liputan6.com", "liputan6", r"liputan6(?:\.com)?",
          r"\bliputan6\.com\b|^diterbitkan \d"),
    _cues("Tempo.co", "tempo.co", "tempo", r"tempo\.co(?:\.id)?|tempo interaktif",
          r"\btempo\.co\b|\btempo/|\btempo interaktif\b|^(?:koran|majalah) tempo\b|\btempo\+"),
    _cues("Kompas.com", "kompas.com", "kompas", r"kompas\.com",
          r"\bkompas\.com\b"),
    _cues("detikNews", "detik.com", "detik", r"(?:20)?detik(?:news|com|\.com|[a-z]{3,8})?",
          r"[-–]\s*(?:20)?detik[a-z]*$|\bdetik(?:news|com|finance|sport|inet|oto|health|travel|edu|jabar|jateng|jatim|sumut|sulsel|bali)\b|/detikcom\)?"),
    _cues("CNN Indonesia", "cnnindonesia.com", "cnn-indonesia", r"cnn ?indonesia(?:\.com)?",
          r"^cnn indonesia$|\bcnnindonesia\.com\b|^(?:jakarta|[a-z ]+), cnn indonesia\b"),
    # Regional desks date their stories "Surabaya (Antara Jatim) -".
    _cues("ANTARA News", "antaranews.com", "antara", r"antara(?: ?news(?:\.com)?)?(?: [a-z]{3,12})?",
          r"copyright\s*©?\s*antara|\bantaranews(?:\.com)?\b|^pewarta\s*:|^antara news\b"),
    # The Tribun network's regional sites (TribunJateng, Tribun-Medan.com, TRIBUNMANADO.CO.ID, Wartakotalive, ...)
    # under their parent.
    _cues("Tribunnews.com", "tribunnews.com", "tribunnews",
          r"tribun ?news(?:\.com)?|tribun-?[a-z]{3,12}(?:\.com|\.co\.id)?|wartakota(?:live)?(?:\.com)?",
          r"\btribun(?:news|-?[a-z]{3,12})\.(?:com|co\.id)\b|\btribunnews\b|^laporan wartawan tribun"
          r"|\bwartakotalive\.com\b"),
    _cues("Okezone", "okezone.com", "okezone", r"okezone(?:\.com)?|okezone news",
          r",\s*jurnalis\s*[·•-]|\bokezone(?:\.com)?\b"),
    _cues("Republika", "republika.co.id", "republika", r"republika(?:\.co\.id|online)?",
          r"\brepublika(?:\.co\.id)?\b|^rep\s*:.*\bred\s*:"),
    _cues("SINDOnews", "sindonews.com", "sindonews", r"sindonews(?:\.com)?|koran sindo",
          r"\bsindonews(?:\.com)?\b|\bkoran sindo\b"),
    _cues("Suara.com", "suara.com", "suara", r"suara\.com",
          r"\bsuara\.com\b"),
    _cues("VIVA", "viva.co.id", "viva", r"viva(?:\.co\.id|news)?",
          r"\bviva\.co\.id\b|\bvivanews\b|^viva\s*[-–—]"),
    _cues("Katadata", "katadata.co.id", "katadata", r"katadata(?:\.co\.id)?",
          r"\bkatadata(?:\.co\.id)?\b"),
    _cues("The Jakarta Post", "thejakartapost.com", "jakarta-post", r"the jakarta post|thejakartapost\.com",
          r"\bthe jakarta post\b|\bthejakartapost\.com\b"),
    _cues("Kumparan", "kumparan.com", "kumparan", r"kumparan(?:\.com|news)?",
          r"\bkumparan(?:news|bisnis|bola|sport|tech|oto|mom|style|food|travel|plus)?\b"),
    _cues("Merdeka.com", "merdeka.com", "merdeka", r"merdeka\.com",
          r"\bmerdeka\.com\b"),
    _cues("Bisnis.com", "bisnis.com", "bisnis", r"(?:[a-z0-9]+\.)?bisnis\.com|jibi|kabar24|bisnis",
          r"\bbisnis\.com\b|\bjibi\b"),
    _cues("CNBC Indonesia", "cnbcindonesia.com", "cnbc-indonesia", r"cnbc ?indonesia(?:\.com)?",
          r"\bcnbc ?indonesia(?:\.com)?\b"),
    *(
        _named(name, domain, slug, *aliases)
        for name, domain, slug, *aliases in (
            ("Kontan", "kontan.co.id", "kontan", "kontan"),
            ("JPNN.com", "jpnn.com", "jpnn", "jpnn"),
            ("Media Indonesia", "mediaindonesia.com", "media-indonesia", "media indonesia"),
            ("IDN Times", "idntimes.com", "idn-times", "idn times", "idntimes"),
            ("Tirto.id", "tirto.id", "tirto", "tirto"),
            ("BBC News Indonesia", "bbc.com", "bbc-indonesia", "bbc news indonesia", "bbc indonesia"),
            ("VOA Indonesia", "voaindonesia.com", "voa-indonesia", "voa indonesia", "voa"),
            ("Jawa Pos", "jawapos.com", "jawapos", "jawapos", "jawa pos"),
            # Regional sites are named iNews<Region>.id: iNewsBondowoso.id, iNewsSurabaya.id.
            ("iNews.id", "inews.id", "inews", "inews", "inews portal", "inews[a-z]{3,20}.id"),
            ("Beritasatu", "beritasatu.com", "beritasatu", "beritasatu"),
            ("Kompas TV", "kompas.tv", "kompas-tv", "kompas tv", "kompastv"),
            ("Kompas.id", "kompas.id", "kompas-id", "harian kompas", "kompas"),  # print credit: "Jakarta, Kompas -"
            ("Medcom.id", "medcom.id", "medcom", "medcom", "metrotvnews"),
            ("Metro TV News", "metrotvnews.com", "metro-tv", "metro tv", "metrotv"),
            ("RMOL", "rmol.id", "rmol", "rmol", "rmol.co", "rakyat merdeka online"),
            ("Warta Ekonomi", "wartaekonomi.co.id", "warta-ekonomi", "warta ekonomi", "wartaekonomi"),
            ("Jakarta Globe", "jakartaglobe.id", "jakarta-globe", "jakarta globe", "jakartaglobe"),
            ("VOI", "voi.id", "voi", "voi"),
            ("Era.id", "era.id", "era", "era"),
            ("GenPI.co", "genpi.co", "genpi", "genpi"),
            ("Waspada", "waspada.id", "waspada", "waspada online", "waspada"),
            ("tvOne News", "tvonenews.com", "tvone", "tvonenews", "tvone"),
            ("Grid.id", "grid.id", "grid", "grid"),
            ("Pikiran Rakyat", "pikiran-rakyat.com", "pikiran-rakyat", "pikiran rakyat", "pikiran-rakyat"),
            ("Solopos", "solopos.com", "solopos", "solopos"),
            ("Harian Jogja", "harianjogja.com", "harian-jogja", "harian jogja", "harianjogja", "jibi/harian jogja"),
            ("Gatra", "gatra.com", "gatra", "gatra"),
            ("Inilah.com", "inilah.com", "inilah", "inilah"),
            ("KBR", "kbr.id", "kbr", "kbr"),
            ("NU Online", "nu.or.id", "nu-online", "nu online"),
            ("Fajar", "fajar.co.id", "fajar", "fajar"),
            ("Sindo Kalteng", "sindokalteng.co", "sindo-kalteng", "sindo kalteng"),
            ("Investor Daily", "investor.id", "investor-daily", "investor daily", "investor.id"),
            ("Bisnis Indonesia", "bisnisindonesia.id", "bisnis-indonesia", "bisnis indonesia"),
            ("Hops.id", "hops.id", "hops", "hops"),
            # Brands whose datelines carry no domain: "Kanal24, Malang -", "JAKARTA (TheInsiderStories) -",
            # "Jakarta, FORTUNE -", "Jakarta, IO -".
            ("Kanal24", "kanal24.co.id", "kanal24", "kanal24"),
            ("The Insider Stories", "theinsiderstories.com", "the-insider-stories", "theinsiderstories"),
            ("Fortune Indonesia", "fortuneidn.com", "fortune-indonesia", "fortune", "fortuneidn"),
            ("Independent Observer", "observerid.com", "independent-observer", "io", "observerid"),
        )
    ),
)


OUTLETS_BY_SLUG = {cues.info.slug: cues.info for cues in OUTLETS}

# Every outlet's cues in one pattern each: one call per line or word instead of one per outlet. A dateline form
# names its outlet by its group ("o3"); alternatives are tried in the list's order, so the first outlet wins as before.
_ANY_DATELINE = re.compile("|".join(f"(?P<o{i}>{cues.dateline.pattern})" for i, cues in enumerate(OUTLETS)),
                           re.IGNORECASE)
_ANY_NAME = re.compile(
    _ANY_DATELINE.pattern + "|(?:" + "|".join(f"(?:{cues.page.pattern})" for cues in OUTLETS) + r")\Z", re.IGNORECASE
)


def _lower_case_only(pattern: str) -> bool:
    """Return True when ``pattern`` (matched ignoring case) names no upper-case ASCII letter and no other character
    that ignoring case matches to an ASCII one (the Kelvin sign is "k"): it then matches an ASCII text ignoring case
    exactly where it matches the text in lower case without ignoring case."""
    import re._parser as sre_parser

    codes: list[int] = []

    def walk(items) -> None:
        for op, value in items:
            if str(op) in ("LITERAL", "NOT_LITERAL"):
                codes.append(value)
            elif str(op) == "IN":
                for kind, item in value:
                    if str(kind) in ("LITERAL", "NOT_LITERAL"):
                        codes.append(item)
                    elif str(kind) == "RANGE":
                        codes.extend(range(item[0], item[1] + 1))
            elif isinstance(value, (list, tuple)):
                for part in value:
                    if isinstance(part, sre_parser.SubPattern):
                        walk(part)
                    elif isinstance(part, (list, tuple)):
                        for branch in part:
                            if isinstance(branch, sre_parser.SubPattern):
                                walk(branch)
            elif isinstance(value, sre_parser.SubPattern):
                walk(value)

    if "(?-" in pattern:
        return False  # a part that stops ignoring case: the lower-cased text would match it where the text does not
    try:
        walk(sre_parser.parse(pattern, re.IGNORECASE))
    except Exception:  # noqa: BLE001 - re's private parser changed: match as before, ignoring case
        return False
    ascii_chars = [chr(code) for code in range(128)]
    return not any(
        chr(code).isupper() if code < 128
        else any(re.fullmatch(re.escape(chr(code)), char, re.IGNORECASE) for char in ascii_chars)
        for code in set(codes)
    )


# _ANY_NAME's 114 forms tried at a text's start cost some 10-20 microseconds ignoring case, about half that on the text
# in lower case: an ASCII text (nearly all) is matched so, when the forms allow it (they are written in lower case).
_ANY_NAME_LOWER = re.compile(_ANY_NAME.pattern) if _lower_case_only(_ANY_NAME.pattern) else None
_ANY_DATELINE_LOWER = re.compile(_ANY_DATELINE.pattern) if _lower_case_only(_ANY_DATELINE.pattern) else None


def _dateline_match(part: str) -> re.Match | None:
    """Return _ANY_DATELINE's match at the start of ``part``: in lower case for an ASCII part (see _ANY_NAME_LOWER);
    the same form matches, with the same groups."""
    if _ANY_DATELINE_LOWER is not None and part.isascii():
        return _ANY_DATELINE_LOWER.match(part.lower())
    return _ANY_DATELINE.match(part)


def _loose(pattern: str) -> str:
    """Return a page cue ``pattern`` (written in lower case) without its anchors, word boundaries and sub-domains.

    It matches a lowercased line wherever the pattern matches the line (and in a few more places): a sub-domain's
    name holds the domain's ("kabar24.bisnis.com"), and an anchor only narrows. Without them, Python's engine skips
    to the letters an alternative starts with instead of trying each of 57 outlets at every character.
    """
    pattern = pattern.replace(_SUBDOMAIN, "")
    return re.sub(r"\\[bAZ]|(\\.|\[\^)|[\^$]", lambda found: found.group(1) or "", pattern)


# Some outlet's name anywhere in a line: most lines name none, and are passed over in one call.
_ANY_PAGE = re.compile("|".join(f"(?:{_loose(cues.page.pattern)})" for cues in OUTLETS))


def may_name_outlet(line: str) -> bool:
    """Return False when no outlet's page cue can match ``line``; True when one may (the cues then decide)."""
    return not line.isascii() or _ANY_PAGE.search(line.lower()) is not None


def outlet_in_dateline(part: str) -> OutletInfo | None:
    """Return the outlet whose dateline form ``part`` is ("KOMPAS.com", "ANTARA"), or None."""
    found = _dateline_match(part.strip(" ()"))
    if found is None:
        return None
    group = next(name for name, value in found.groupdict().items() if value is not None)
    return OUTLETS[int(group[1:])].info


def names_outlet_in_dateline(word: str) -> bool:
    """Return True when ``word`` is some outlet's dateline form ("KOMPAS.com", "ANTARA")."""
    return _dateline_match(word) is not None


@lru_cache(maxsize=8192)
def is_outlet_name(text: str, *, distinctive: bool = False) -> bool:
    """Return True when ``text`` is just an outlet's name, as in a site header line ("CNN Indonesia").

    ``distinctive``: not a name that is also a word or a given name ("Fajar", "Bisnis"), unless written as a domain;
    for places where a person's name or a sentence's word may stand ("Muhammad Fajar", "... bisnis keluarga").
    """
    text = text.strip(" -|·•,")
    if distinctive and text.casefold() in _COMMON_WORD_NAMES:
        return False
    if _ANY_NAME_LOWER is not None and text.isascii():
        return _ANY_NAME_LOWER.match(text.lower()) is not None
    return _ANY_NAME.match(text) is not None



# Host prefixes that name no site: "www.kabarpapua.id" is kabarpapua.id.
_HOST_PREFIX = re.compile(r"^(?:www\d?|m|amp|mobile)\.(?=[a-z0-9-]+\.)")


def outlet_for_site(site: str) -> OutletInfo:
    """Return the outlet a site name belongs to: a desk or regional site its parent, an unlisted site itself.

    >>> outlet_for_site("Lintasbabel.iNews.id").name, outlet_for_site("KabarPapua.id")
    ('iNews.id', OutletInfo(name='KabarPapua.id', domain='kabarpapua.id', slug='kabarpapua'))
    >>> outlet_for_site("news.kabarpapua.id").slug, outlet_for_site("tempo.id").slug
    ('kabarpapua', 'tempo-id')
    """
    known = outlet_in_dateline(site)
    if known is not None:
        return known
    written = site.strip(". ")
    domain = _HOST_PREFIX.sub("", written.lower())
    name = written[len(written) - len(domain):]  # as written, without "www."
    labels = domain.split(".")
    for cut in range(1, len(labels) - 1):  # "metro.example.co.id" -> "example.co.id" -> ...
        known = outlet_in_dateline(".".join(labels[cut:]))
        if known is not None:
            return known
    registered = registrable_domain(domain)
    slug = site_slug(registered.split(".")[0])
    if slug in OUTLETS_BY_SLUG:  # "tempo.id" is not Tempo.co
        slug = site_slug(registered)
    return OutletInfo(name=name, domain=domain, slug=slug)


def registrable_domain(host: str) -> str:
    """Return the domain a host belongs to, as registered (by the bundled Public Suffix List, see urls.py); a name
    the list does not know ("localhost") stays as it is.

    >>> registrable_domain("kabar24.bisnis.com"), registrable_domain("m.republika.co.id")
    ('bisnis.com', 'republika.co.id')
    """
    return urls.registrable_domain(host) or host.lower().strip(".")


_BY_DOMAIN = {cues.info.domain: cues.info for cues in OUTLETS}


def outlet_from_url(url: str) -> OutletInfo:
    """Return the outlet a page's URL belongs to, by its registered domain: a listed outlet, a network's regional
    site its parent (as in datelines: "tribunjateng.com" is Tribunnews.com), else an outlet named by the domain.

    An unlisted site is named as its domain is written in an address ("kabarmuria.com"): the URL gives no other
    spelling, and a page that names itself the same way ("KabarMuria.com") keeps its own (see hints.py).

    >>> outlet_from_url("https://m.antaranews.com/amp/berita/1/x").name, outlet_from_url("https://www.kabarmuria.com/x")
    ('ANTARA News', OutletInfo(name='kabarmuria.com', domain='kabarmuria.com', slug='kabarmuria'))
    >>> outlet_from_url("mailto:redaksi@kompas.com")
    OutletInfo(name='unknown', domain='', slug='unknown')
    """
    domain = urls.registrable_domain(url) if "//" in url else ""
    if not domain:
        return UNKNOWN_OUTLET
    known = _BY_DOMAIN.get(domain) or outlet_in_dateline(domain)
    if known is not None:
        return known
    slug = site_slug(domain.split(".")[0])
    if slug in OUTLETS_BY_SLUG:  # "tempo.id" is not Tempo.co
        slug = site_slug(domain)
    return OutletInfo(name=domain, domain=domain, slug=slug)


def site_slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "situs"
