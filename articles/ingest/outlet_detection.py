"""Which outlet a page comes from, read from its lines: the dateline's outlet when it names one, else the votes of
the header's and footer's short lines (credits, "COPYRIGHT © ANTARA 2017", a site's own name), else how the story
speaks of its own reporters ("kata dia kepada Kompas.com"). A mention alone never decides: stories quote other
outlets.
"""

from __future__ import annotations

import re

from .captions import has_credit
from .outlets import OUTLETS, OUTLETS_BY_SLUG, may_name_outlet, outlet_for_site, outlet_in_dateline, site_slug
from .types import UNKNOWN_OUTLET, OutletInfo

# Only the first and last lines of a page vote (its header and footer): a page of a hundred thousand lines costs
# no more than a long story.
_VOTING_LINES = 300
# A line this long or longer is story text, where a name of an outlet is a mention, not a cue.
_SHORT_LINE_WORDS = 14
_SHORT_LINE_CHARS = 300
_SITE_NAME = re.compile(
    r"\b(?P<site>(?:[a-z0-9][a-z0-9-]{0,62}\.){1,4}(?:co\.id|or\.id|ac\.id|go\.id|web\.id|com|id|net|co|tv|news|org"
    r"|info))\b",
    re.IGNORECASE,
)
# "© 2025 Example.com", "Copyright 2008 - 2024 Example.com. All Rights Reserved.", "Hak cipta ... Example.id".
_SELF_NAMING = re.compile(r"^(?:(?:copyright|hak cipta)\b|©|\(c\)\s*\d{4})", re.IGNORECASE)

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
    return OutletInfo(name=name, domain="", slug=site_slug(site))


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
