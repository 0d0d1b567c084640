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


OUTLETS: tuple[OutletCues, ...] = (
    _cues("Liputan6.com", "liputan6.com", "liputan6", r"liputan6(?:\.com)?",
          r"\bliputan6\.com\b|^diterbitkan \d"),
    _cues("Tempo.co", "tempo.co", "tempo", r"tempo\.co(?:\.id)?|tempo interaktif",
          r"\btempo\.co\b|\btempo/|\btempo interaktif\b|^(?:koran|majalah) tempo\b"),
    _cues("Kompas.com", "kompas.com", "kompas", r"kompas\.com",
          r"\bkompas\.com\b|^penulis\b.*\|\s*editor\b|\bkompas\.id\b|\bkompas tv\b"),
    _cues("detikNews", "detik.com", "detik", r"detik(?:news|com|\.com)",
          r"[-–]\s*detik[a-z]*$|\bdetik(?:news|com|finance|sport|inet|oto|health|travel|edu|jabar|jateng|jatim|sumut|sulsel|bali)\b|/detikcom\)?"),
    _cues("CNN Indonesia", "cnnindonesia.com", "cnn-indonesia", r"cnn ?indonesia(?:\.com)?",
          r"^cnn indonesia$|\bcnnindonesia\.com\b|^(?:jakarta|[a-z ]+), cnn indonesia\b"),
    _cues("ANTARA News", "antaranews.com", "antara", r"antara(?: ?news(?:\.com)?)?",
          r"copyright\s*©?\s*antara|\bantaranews(?:\.com)?\b|^pewarta\s*:|^antara news\b"),
    _cues("Tribunnews.com", "tribunnews.com", "tribunnews", r"tribunnews(?:\.com)?",
          r"\btribunnews(?:\.com)?\b|^laporan wartawan tribun"),
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
    _cues("Bisnis.com", "bisnis.com", "bisnis", r"bisnis\.com|jibi",
          r"\bbisnis\.com\b|\bjibi\b"),
    _cues("CNBC Indonesia", "cnbcindonesia.com", "cnbc-indonesia", r"cnbc ?indonesia(?:\.com)?",
          r"\bcnbc ?indonesia(?:\.com)?\b"),
)

OUTLETS_BY_SLUG = {cues.info.slug: cues.info for cues in OUTLETS}

# A line this long or longer is story text, where a name of an outlet is a mention, not a cue.
_SHORT_LINE_WORDS = 14


def outlet_in_dateline(part: str) -> OutletInfo | None:
    """Return the outlet whose dateline form ``part`` is ("KOMPAS.com", "ANTARA"), or None."""
    part = part.strip(" ()")
    for cues in OUTLETS:
        if cues.dateline.match(part):
            return cues.info
    return None


@lru_cache(maxsize=8192)
def is_outlet_name(text: str) -> bool:
    """Return True when ``text`` is just an outlet's name, as in a site header line ("CNN Indonesia")."""
    text = text.strip(" -|·•,")
    return any(cues.dateline.match(text) or cues.page.fullmatch(text) for cues in OUTLETS)


def detect_outlet(lines: list[str], *, dateline_outlet: OutletInfo | None) -> OutletInfo:
    """Return the outlet a page comes from, or UNKNOWN_OUTLET.

    The dateline decides when it names an outlet. Otherwise short lines vote, and mentions in longer lines only
    break ties between outlets that short lines already named.
    """
    if dateline_outlet is not None:
        return dateline_outlet
    votes: dict[str, int] = {}
    long_lines = []
    for line in lines:
        # Credits name the outlet's own photographers ("Foto/SINDOnews/Nama"): they count like short lines.
        if len(line.split()) >= _SHORT_LINE_WORDS and not has_credit(line):
            long_lines.append(line)
            continue
        for cues in OUTLETS:
            if cues.page.search(line):
                votes[cues.info.slug] = votes.get(cues.info.slug, 0) + 1
    if not votes:
        return UNKNOWN_OUTLET
    top = max(votes.values())
    tied = [slug for slug, count in votes.items() if count == top]
    if len(tied) > 1:
        text = "\n".join(long_lines)
        mentions = {slug: len(cues.page.findall(text)) for cues in OUTLETS if (slug := cues.info.slug) in tied}
        tied.sort(key=lambda slug: mentions[slug], reverse=True)
    return OUTLETS_BY_SLUG[tied[0]]
