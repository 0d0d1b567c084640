"""What a person's name looks like in Indonesian news text, shared by bylines and entity extraction."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Honorifics and academic, religious and military titles that are not part of a canonical name.
HONORIFICS = (
    "Bapak", "Pak", "Ibu", "Bu", "Mbak", "Mas", "Bang", "Saudara", "Sdr.", "Sdri.", "Tuan", "Nyonya", "Nona",
    "Sheikh", "Syekh", "Syeikh", "Shaikh", "Sheikha", "Syaikh", "Habib", "Ustaz", "Ustadz", "Kiai", "Kyai", "KH.", "KH",
    "K.H.", "H.", "Hj.", "Haji", "Hajah", "Dr.", "dr.", "Drs.", "Dra.", "Prof.", "Ir.", "Mr.", "Mrs.", "Ms.", "Sir",
    "Raden", "R.", "Gusti", "Kanjeng", "Romo", "Pastor", "Pendeta", "Pdt.", "Uskup", "Paus", "Dato'", "Datuk", "Dato",
    "Tan Sri", "Tun", "Sri Paduka", "Yang Mulia", "YM", "Bung", "Cak", "Kang", "Teh", "Ning", "Gus",
    "Kak", "Kakak", "Dik", "Adik", "Om", "Tante", "Oma", "Opa", "Eyang", "Mbah", "Bunda", "Ibunda", "Ayahanda", "Istri",
)
# The one-word honorifics, for quick membership tests.
HONORIFIC_WORDS = frozenset(h for h in HONORIFICS if " " not in h)
_HONORIFIC_RE = re.compile(
    r"^(?:(?:" + "|".join(re.escape(h) for h in sorted(HONORIFICS, key=len, reverse=True)) + r")(?:\s+|(?<=\.)))+",
)
# Academic degrees written after a name: "Sri Mulyani, S.E., M.Sc.", "Budi Santoso SH MH".
_DEGREES_RE = re.compile(
    r"(?:,?\s+(?:S\.?H|S\.?E|S\.?Sos|S\.?Pd|S\.?Ag|S\.?Kom|S\.?T|S\.?IP|M\.?H|M\.?Si|M\.?Sc|M\.?M|M\.?A|M\.?B\.?A|"
    r"M\.?Kes|M\.?Pd|M\.?Hum|Ph\.?D|Sp\.?[A-Z]{1,3}|Lc|MA|MBA|SH|SE)\.?)+$"
)

PARTICLES = ("bin", "binti", "ibn", "ibnu", "van", "von", "de", "der", "den", "da", "dos", "del", "della", "la", "le", "y")
# One word of a name: "Putin", "al-Assad", "O'Brien", "Ma'ruf", "Tae-yong", "A." (an initial).
NAME_WORD = r"(?<![\w'-])(?:(?:(?:al|el|Al|El|bin|ibn|Abu|Abdul)-)?[A-Z][a-zà-ÿ]*(?:[A-Z][a-zà-ÿ]+)*(?:['-][A-Za-zà-ÿ]+)*\.?|(?:[A-Z]\.){2,4}|[A-Z]{2,4}\.?)(?![\w'])(?!\.[A-Za-z])"
_PARTICLE = "|".join(PARTICLES)
NAME_RE = re.compile(
    rf"(?:{NAME_WORD})(?:\s+(?:(?:{_PARTICLE})\s+)*(?:{NAME_WORD})){{0,5}}"
)
_NAME_FULL = re.compile(rf"^(?:{NAME_RE.pattern})$")

# Words that start with a capital in news text but never in a person's name.
NOT_NAME_WORDS = frozenset(
    """
    Senin Selasa Rabu Kamis Jumat Jum'at Sabtu Minggu Ahad Januari Februari Maret April Mei Juni Juli Agustus September
    Oktober November Desember Jakarta Indonesia Tim Redaksi Admin Reporter Editor Penulis Pewarta Foto Video Berita
    News Baca Jurnalis Wartawan Kontributor Laporan Sumber Halaman Home Beranda Nasional Internasional Politik Ekonomi
    Bisnis Olahraga Dunia Tag Topik Update Terkini Populer Advertisement Loading WIB WITA WIT
    """.split()
)


def strip_honorifics(name: str) -> str:
    """Return ``name`` without leading honorifics and trailing degrees.

    >>> strip_honorifics("Sheikh Tamim bin Hamad al-Thani"), strip_honorifics("Prof. Dr. Ir. Budi Santoso, M.Sc.")
    ('Tamim bin Hamad al-Thani', 'Budi Santoso')
    """
    name = _HONORIFIC_RE.sub("", name.strip())
    return _DEGREES_RE.sub("", name).strip(" ,")


def is_name_like(text: str, *, max_words: int = 5) -> bool:
    """Return True when ``text`` could be a person's name: capitalised words, particles between them."""
    words = text.split()
    if not 1 <= len(words) <= max_words or any(ch.isdigit() for ch in text):
        return False
    if any(word.strip(".,") in NOT_NAME_WORDS for word in words):
        return False
    return bool(_NAME_FULL.match(text))


@lru_cache(maxsize=65536)
def name_variant_key(name: str) -> str:
    """Return the key that a name's transliterations and spellings share.

    >>> name_variant_key("Sergey Lavrov") == name_variant_key("Sergei Lavrov")
    True
    >>> name_variant_key("Volodymyr Zelenskyy") == name_variant_key("Volodymyr Zelensky") == name_variant_key(
    ...     "Volodymyr Zelenskiy")
    True
    >>> name_variant_key("Recep Tayyip Erdoğan") == name_variant_key("Recep Tayyip Erdogan")
    True
    """
    folded = unicodedata.normalize("NFKD", name.casefold())
    folded = "".join(ch for ch in folded if not unicodedata.combining(ch)).replace("ı", "i")
    words = []
    for word in re.findall(r"[a-z0-9]+", folded):
        word = re.sub(r"(.)\1+", r"\1", word)  # doubled letters: Zelenskyy, Hassan
        word = re.sub(r"(?:iy|yi|ij)$", "y", word)  # Zelenskiy, Zelenskij
        word = re.sub(r"ey$", "ei", word)  # Sergey
        words.append(word)
    return " ".join(words)
