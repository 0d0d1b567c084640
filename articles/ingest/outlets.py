"""The outlets the archive knows, and how a page says which one it comes from.

A page names its outlet in a few places, from most to least reliable: the dateline that opens the story
("TEMPO.CO, Jakarta -", "JAKARTA, KOMPAS.com -", "Vientiane (ANTARA) -"), short header and footer lines
("Khairisa Ferida - detikNews", "COPYRIGHT © ANTARA 2017") and, least, mentions inside the story
("seperti Liputan6.com kutip dari CNN"). A mention alone never decides: stories quote other outlets.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .captions import has_credit
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

# Only the first and last lines of a page vote (its header and footer): a page of a hundred thousand lines costs
# no more than a long story.
_VOTING_LINES = 300
# A line this long or longer is story text, where a name of an outlet is a mention, not a cue.
_SHORT_LINE_WORDS = 14
_SHORT_LINE_CHARS = 300


def outlet_in_dateline(part: str) -> OutletInfo | None:
    """Return the outlet whose dateline form ``part`` is ("KOMPAS.com", "ANTARA"), or None."""
    found = _ANY_DATELINE.match(part.strip(" ()"))
    if found is None:
        return None
    group = next(name for name, value in found.groupdict().items() if value is not None)
    return OUTLETS[int(group[1:])].info


def names_outlet_in_dateline(word: str) -> bool:
    """Return True when ``word`` is some outlet's dateline form ("KOMPAS.com", "ANTARA")."""
    return _ANY_DATELINE.match(word) is not None


@lru_cache(maxsize=8192)
def is_outlet_name(text: str, *, distinctive: bool = False) -> bool:
    """Return True when ``text`` is just an outlet's name, as in a site header line ("CNN Indonesia").

    ``distinctive``: not a name that is also a word or a given name ("Fajar", "Bisnis"), unless written as a domain;
    for places where a person's name or a sentence's word may stand ("Muhammad Fajar", "... bisnis keluarga").
    """
    text = text.strip(" -|·•,")
    if distinctive and text.casefold() in _COMMON_WORD_NAMES:
        return False
    return _ANY_NAME.match(text) is not None


_SITE_NAME = re.compile(
    r"\b(?P<site>(?:[a-z0-9][a-z0-9-]{0,62}\.){1,4}(?:co\.id|or\.id|ac\.id|go\.id|web\.id|com|id|net|co|tv|news|org"
    r"|info))\b",
    re.IGNORECASE,
)
# "© 2025 Example.com", "Copyright 2008 - 2024 Example.com. All Rights Reserved.", "Hak cipta ... Example.id".
_SELF_NAMING = re.compile(r"^(?:(?:copyright|hak cipta)\b|©|\(c\)\s*\d{4})", re.IGNORECASE)


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
    slug = _slug(registered.split(".")[0])
    if slug in OUTLETS_BY_SLUG:  # "tempo.id" is not Tempo.co
        slug = _slug(registered)
    return OutletInfo(name=name, domain=domain, slug=slug)


# Second-level labels under a country's domain: "example.co.id" is registered as a whole, "kompas.com" is not.
_SECOND_LEVEL = frozenset({"co", "ac", "go", "or", "web", "my", "sch", "net", "com", "org", "gov", "mil", "desa"})


def registrable_domain(host: str) -> str:
    """Return the domain a host belongs to, as registered.

    >>> registrable_domain("kabar24.bisnis.com"), registrable_domain("m.republika.co.id")
    ('bisnis.com', 'republika.co.id')
    """
    labels = host.lower().strip(".").split(".")
    if len(labels) >= 3 and labels[-2] in _SECOND_LEVEL and len(labels[-1]) == 2:
        return ".".join(labels[-3:])
    return ".".join(labels[-2:])


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "situs"


# A site's header names it alone on one of the page's first lines: "Mongabay.co.id".
_SITE_HEADER_LINES = 5
# A line that promotes the site's own channels, in the page's header or footer: the site it names is the page's.
_PROMO_LINES = 15
_CHANNEL_PROMO = re.compile(r"\b(?:whatsapp|google news|telegram|instagram|follow|ikuti)\b", re.IGNORECASE)
# Photo agencies credited beside an outlet: "KOMPAS.com/ANTARA FOTO" is not an ANTARA News story.
_PHOTO_AGENCY = re.compile(r"\bantara\s*foto\b", re.IGNORECASE)


# How a story speaks of its own outlet's reporters: "kata dia kepada Kompas.com", "saat diwawancarai Okezone",
# "Pantauan detikcom", "dari penelusuran Bisnis". Quoting another outlet reads "dikutip dari", "dilansir".
_SELF_REFERENCE = re.compile(
    r"\b(?i:kepada|diwawancarai|dihubungi|ditemui|dikonfirmasi|pantauan|penelusuran|catatan|wawancara(?: dengan)?"
    r"|wawancara khusus dengan|told|tim)\s+(?P<name>[A-Za-z0-9][\w.]*(?: [A-Z][\w.]*){0,2})",
)


def _self_referred(text: str) -> OutletInfo | None:
    """Return the outlet a story speaks of as its own, when it names one and only one that way; else None.

    The name is tried from its longest form down: "told The Jakarta Post during ..." names The Jakarta Post.
    """
    found = set()
    for match in _SELF_REFERENCE.finditer(text):
        words = match["name"].split(" ")
        for count in range(len(words), 0, -1):
            known = outlet_in_dateline(" ".join(words[:count]).rstrip("."))
            if known is not None:
                found.add(known)
                break
    return found.pop() if len(found) == 1 else None


# A story cites another outlet's work: "dilansir Investing.com", "seperti dikutip dari Tribunnews", "di acara
# Zoom-In tvOne". The cue stands among the few words before the outlet's name.
_CITED_BEFORE = re.compile(
    r"\b(?:dilansir|melansir|dikutip|mengutip|kutip|diberitakan|memberitakan|dilaporkan|dimuat|laporan|menurut"
    r"|via|acara|program|tayangan|siaran|according to|reported by|quoted by|cited by|reports?)\b"
    r"(?:\s+\S+){0,3}\s*$",
    re.IGNORECASE,
)
_CITED_WINDOW_CHARS = 60
# Sites a story points its readers to, never its own: government, school and academic domains.
_INSTITUTION_DOMAINS = (".go.id", ".ac.id", ".sch.id", ".mil.id", ".desa.id")


def _mention_key(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", text.split(".")[0].lower())[:_MENTION_KEY_CHARS]


# An outlet's name in a story starts a word with the start of its name or of its domain ("katad", "tribu", "cnn"):
# one pass over the text for these spares running sixty patterns over every sentence of a long story. (A name known
# only by an alias, "Rakyat Merdeka Online", goes unread here; a site's domain is read by _SITE_NAME all the same.)
_MENTION_KEY_CHARS = 5
_MENTION_KEYS = tuple(
    (cues, {_mention_key(cues.info.name.split()[0]), _mention_key(cues.info.domain.split(".")[0])}) for cues in OUTLETS
)
_MENTION_KEY = re.compile(
    r"\b(" + "|".join(sorted({key for _, keys in _MENTION_KEYS for key in keys}, key=len, reverse=True)) + ")")


def _story_named(long_lines: list[str]) -> OutletInfo | None:
    """Return the one outlet or site the story names other than by citing it, on a page naming none elsewhere.

    "Survei Katadata Insight Center (KIC) menunjukkan ..." on a Katadata page, "ketika Alinea.id merilis data ..." on
    Alinea's own: a site's research desk or the site itself acting in its story. Two such names, or only cited ones
    ("melansir Investing.com"), name nothing. Links for readers ("https://...", "www.bps.go.id") are not names.
    """
    found: dict[str, OutletInfo] = {}
    keys = set(_MENTION_KEY.findall("\n".join(long_lines).lower()))
    named = [cues for cues, own in _MENTION_KEYS if own & keys]
    for line in long_lines:
        for cues in named:
            for match in cues.page.finditer(line):
                if not _CITED_BEFORE.search(line[max(0, match.start() - _CITED_WINDOW_CHARS): match.start()]):
                    found[cues.info.domain] = cues.info
        for match in _SITE_NAME.finditer(line):
            site, before = match["site"], line[max(0, match.start() - 1): match.start()]
            if before in ("/", ".", "@") or line[match.end(): match.end() + 1] in ("/", "@") or (
                    site.lower().startswith("www.") or site.lower().endswith(_INSTITUTION_DOMAINS)):
                continue
            if not _CITED_BEFORE.search(line[max(0, match.start() - _CITED_WINDOW_CHARS): match.start()]):
                outlet = outlet_for_site(site)
                found[outlet.domain] = outlet
        if len(found) > 1:
            return None
    return next(iter(found.values()), None)


def _self_named(lines: list[str]) -> OutletInfo | None:
    """Return the site a page names as its own: in a copyright line, in a line promoting its channels ("Ikuti
    Channel WhatsApp Example.com"), or alone on one of its first lines (the site's header); else None."""
    for line in lines[:_SITE_HEADER_LINES]:
        found = _SITE_NAME.fullmatch(line.strip(" |-–"))
        if found:
            return outlet_for_site(found["site"])
    for line in [*lines[:_PROMO_LINES], *lines[-_PROMO_LINES:]]:
        if len(line.split()) > _SHORT_LINE_WORDS * 2 or not _CHANNEL_PROMO.search(line):
            continue
        sites = [found["site"] for found in _SITE_NAME.finditer(line)
                 if not found["site"].lower().endswith(_INSTITUTION_DOMAINS)]
        if sites:
            return outlet_for_site(sites[0])
    for line in reversed(lines):
        if len(line.split()) > _SHORT_LINE_WORDS * 2 or not _SELF_NAMING.match(line):
            continue
        if found := _SITE_NAME.search(line):
            return outlet_for_site(found["site"])
    return None


def _dateline_site_outlet(site: str, lines: list[str]) -> OutletInfo:
    """Return the outlet of a site the dateline names: "KabarPapua.id" by its domain; a brand without one
    ("JABARNEWS", "(TheInsiderStories)") by the domain the page gives it elsewhere ("JabarNews.com"), else by name."""
    if _SITE_NAME.fullmatch(site):
        return outlet_for_site(site)
    known = outlet_in_dateline(site)
    if known is not None:
        return known
    with_domain = re.compile(rf"\b{re.escape(site.strip())}(?:\.[a-z]{{2,6}}){{1,2}}\b", re.IGNORECASE)
    for line in lines:
        found = with_domain.search(line)
        if found and _SITE_NAME.fullmatch(found.group()):
            return outlet_for_site(found.group())
    name = site.strip() if not site.isupper() else site.strip().title()
    return OutletInfo(name=name, domain="", slug=_slug(site))


# A site's menu saved without its separators: "Tentang KamiPedoman Media SiberCara Menulis di ExampleKarir".
_GLUED_ITEMS = re.compile(r"(?<=[a-z])(?=[A-Z])")
_MENU_MIN_ITEMS = 4
_MENU_ITEM_WORDS = 5


def _menu_items(line: str) -> list[str]:
    """Return the items of a menu whose links a copy glued into one line, or [] for any other line.

    Every piece between a lower-case letter and the capital glued to it is a short link text; a sentence that names
    "WhatsApp" or "YouTube" has long pieces between them.

    >>> _menu_items("Tentang KamiKebijakan PrivasiCara Menulis di kabarkotaKontakKarir")
    ['Tentang Kami', 'Kebijakan Privasi', 'Cara Menulis di kabarkota', 'Kontak', 'Karir']
    """
    items = _GLUED_ITEMS.split(line)
    if len(items) < _MENU_MIN_ITEMS or any(len(item.split()) > _MENU_ITEM_WORDS for item in items):
        return []
    return items


def detect_outlet(lines: list[str], *, dateline_outlet: OutletInfo | None, dateline_site: str = "") -> OutletInfo:
    """Return the outlet a page comes from, or UNKNOWN_OUTLET.

    The dateline decides when it names an outlet, or a site not in the list ("KabarPapua.id"). Otherwise short
    lines vote (and each link of a menu glued into one line), and mentions in longer lines only break ties between
    outlets that short lines already named. With no vote, in this order: the site the page names as its own (header
    line, channel promo, copyright line); a photo credit naming one outlet only (pictures travel between outlets, so a
    credit never outvotes the page's own lines: "KOMPAS.com/ANTARA FOTO"); the story speaking of its own reporters
    ("kepada Kompas.com"); the one outlet or site the story names without citing it (see ``_story_named``).
    """
    if dateline_outlet is not None:
        return dateline_outlet
    if dateline_site:
        return _dateline_site_outlet(dateline_site, lines)
    votes: dict[str, int] = {}
    credit_votes: dict[str, int] = {}
    credit_sites: dict[str, str] = {}  # by domain: the name as written
    long_lines = []
    if len(lines) > 2 * _VOTING_LINES:
        lines = [*lines[:_VOTING_LINES], *lines[-_VOTING_LINES:]]
    for line in lines:
        if has_credit(line):
            # Only a last resort: "Foto/SINDOnews/Nama" on a page that names itself nowhere else.
            credit = _PHOTO_AGENCY.sub("", line)
            for cues in OUTLETS if may_name_outlet(credit) else ():
                if cues.page.search(credit):
                    credit_votes[cues.info.slug] = credit_votes.get(cues.info.slug, 0) + 1
            credit_sites.update((found["site"].lower(), found["site"]) for found in _SITE_NAME.finditer(line))
            continue
        items = _menu_items(line)
        if not items and (len(line.split()) >= _SHORT_LINE_WORDS or len(line) > _SHORT_LINE_CHARS):
            long_lines.append(line)
            continue
        if not (may_name_outlet(line) or items and any(may_name_outlet(item) for item in items)):
            continue
        for cues in OUTLETS:
            if cues.page.search(line) or items and any(cues.page.search(item) for item in items):
                votes[cues.info.slug] = votes.get(cues.info.slug, 0) + 1
    if not votes:
        self_named = _self_named(lines)
        if self_named is not None:
            return self_named
        if len(credit_votes) == 1:
            return OUTLETS_BY_SLUG[next(iter(credit_votes))]
        if not credit_votes and len(credit_sites) == 1:
            return outlet_for_site(*credit_sites.values())  # "(Dokumentasi: Serat.id)": an unlisted site's photo
        return _self_referred("\n".join(long_lines)) or _story_named(long_lines) or UNKNOWN_OUTLET
    top = max(votes.values())
    tied = [slug for slug, count in votes.items() if count == top]
    if len(tied) > 1:
        text = "\n".join(long_lines)
        mentions = {slug: len(cues.page.findall(text)) for cues in OUTLETS if (slug := cues.info.slug) in tied}
        tied.sort(key=lambda slug: mentions[slug], reverse=True)
    return OUTLETS_BY_SLUG[tied[0]]
