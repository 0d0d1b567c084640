"""Photo captions and their credits.

A caption is told apart from story text by its credit ("(ANTARA FOTO/Nama)", "Foto: Nama/detikcom",
"REUTERS/Nama", "AP Photo", "Dok. Kemenlu") or by its position (between the headline block and the story).
Pages often show a caption twice, once bare and once with its credit; each is kept once, the fuller one.
"""

from __future__ import annotations

import re
from functools import lru_cache

_CREDIT = re.compile(
    r"(?:^|[\s(\[])(?:"
    r"(?:antara|reuters|afp|ap|epa|getty images|anadolu|xinhua|kyodo|bloomberg|tempo|kompas|detikcom|liputan6(?:\.com)?"
    r"|cnn indonesia|cnbc indonesia|kumparan|tribunnews|okezone|merdeka\.com|suara\.com|viva|republika|bisnis|katadata"
    r"|sindonews|jakarta post|jp|dok|istimewa|ist)(?:\.com|\.co\.id|\.id)?\s*(?:foto|photo|images?)?\s*/"
    r"|\b(?:foto|photo)\s*/"
    r"|(?:foto|photo|photos|gambar|image|sumber foto|kredit foto|dok|dokumentasi|credit)\s*[:：]"
    r"|\((?:foto|photo|dok|dokumentasi|ilustrasi|istimewa|ist)\b[^)]*\)"
    r"|\bap photo\b|\bafp photo\b|\breuters photo\b|\bantara foto\b|\bkremlin pool\b|\bvia (?:ap|afp|reuters)\b"
    r"|\bgetty images\b|\bshutterstock\b|\bistockphoto\b|\bfreepik\b|\bunsplash\b|\bpexels\b"
    r"|\bdok\.\s|^ilustrasi\b|\(courtesy\b|\bcourtesy of\b|\btangkapan layar\b|\bscreenshot\b|\bfile photo\b"
    # "(Rina Kartika/detikcom)" closing a photo's caption: the photographer and the outlet
    r"|\((?=[A-Z])[\w.' -]{2,40}/(?:detikcom|[\w-]{2,20}\.(?:com|co\.id|id|co))\)\s*$"
    r")",
    re.IGNORECASE,
)

# A line of at most this many words with a credit is the credit of the caption above it.
_CREDIT_ONLY_WORDS = 5
# A caption is rarely longer than this; a longer line with a credit-like word is a paragraph.
_MAX_CAPTION_WORDS = 70


# Inside a story a credit opens or closes the caption line: "Foto: ...", "... (ANTARA FOTO/Nama)".
_EDGE_CHARS = 60


# What every credit _CREDIT finds holds, in lower case: a mark, or one of the credit words that need none. Most lines
# of a story hold none of them, and are told in a few substring tests instead of the pattern's scan.
_CREDIT_MARKS = ("/", ":", "：", "(")
_CREDIT_WORDS = (
    "ap photo", "afp photo", "reuters photo", "antara foto", "kremlin pool", "via ap", "via afp", "via reuters",
    "getty images", "shutterstock", "istockphoto", "freepik", "unsplash", "pexels", "dok.", "ilustrasi",
    "courtesy of", "tangkapan layar", "screenshot", "file photo",
)
# The letters outside ASCII that the pattern's IGNORECASE matches with an ASCII letter (or that lower() turns into
# one): a line holding one is left to the pattern.
_FOLDS_TO_ASCII = frozenset("\u0130\u0131\u017f\u212a")


def _may_credit(line: str) -> bool:
    """Return False when ``line`` surely holds no credit (_CREDIT would find none), True when it may."""
    if any(mark in line for mark in _CREDIT_MARKS):
        return True
    if not line.isascii() and not _FOLDS_TO_ASCII.isdisjoint(line):
        return True
    lowered = line.lower()
    return any(word in lowered for word in _CREDIT_WORDS)


@lru_cache(maxsize=4096)
def has_credit(line: str, *, at_edges: bool = False) -> bool:
    """Return True when ``line`` carries a photo credit, the mark of a caption.

    With ``at_edges`` the credit must open the line or stand in its last characters, as in captions placed
    between paragraphs; a credit-like word in the middle of a sentence does not count.
    """
    if not _may_credit(line) or len(line.split()) > _MAX_CAPTION_WORDS:
        return False
    for match in _CREDIT.finditer(line):
        if not at_edges or match.start() <= 1 or match.start() >= len(line) - _EDGE_CHARS:
            return True
    return False


_LABEL = re.compile(r"^(?:foto|photo|gambar|ilustrasi foto)\s*:\s*", re.IGNORECASE)


def strip_caption_label(caption: str) -> str:
    """Remove a leading "Foto:" label: the caption is what follows it.

    >>> strip_caption_label("Foto: Presiden Joko Widodo di Istana (ANTARA)")
    'Presiden Joko Widodo di Istana (ANTARA)'
    """
    stripped = _LABEL.sub("", caption)
    return stripped if len(stripped.split()) >= 3 else caption


def _key(caption: str) -> str:
    return re.sub(r"\W+", " ", caption).strip().lower()


def dedupe_captions(captions: list[str]) -> list[str]:
    """Return each caption once, keeping the fuller of two that begin alike, in first-seen order.

    >>> dedupe_captions(["Putin di Sochi", "Putin di Sochi (AP Photo)", "Putin di Sochi"])
    ['Putin di Sochi (AP Photo)']
    """
    joined: list[str] = []
    for caption in captions:
        # "KOMPAS.com/Nama" alone on the line under its caption.
        credit = _CREDIT.search(caption)
        credit_only = credit is not None and credit.start() <= 1 and len(caption.split()) <= _CREDIT_ONLY_WORDS
        if joined and credit_only and not has_credit(joined[-1]):
            joined[-1] = f"{joined[-1]} {caption}"
        else:
            joined.append(caption)
    kept: list[str] = []
    for caption in map(strip_caption_label, joined):
        key = _key(caption)
        for index, other in enumerate(kept):
            other_key = _key(other)
            if other_key.startswith(key):
                break
            if key.startswith(other_key):
                kept[index] = caption
                break
        else:
            kept.append(caption)
    return kept
