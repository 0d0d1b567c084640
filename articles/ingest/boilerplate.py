"""Recognise the page furniture that surrounds a story in saved news pages.

Three kinds of line matter to the body:
- skip lines are dropped wherever they stand ("Baca juga: ...", "ADVERTISEMENT", "Loading");
- stop lines open the page's footer ("Berita terkait", "POPULER", "Tag:", "COPYRIGHT © ANTARA 2017"):
  nothing after them is story text;
- relative-time lines ("35 hari lalu") are the signature of a related-articles list.
All matching is on whole short lines, so that a sentence of the story that happens to start with the same
words is never touched.
"""

from __future__ import annotations

import re
from functools import lru_cache

# Lines longer than this are story text, whatever words they start with.
_MAX_FURNITURE_WORDS = 40

_SKIP = re.compile(
    r"^(?:"
    r"(?:baca(?: juga| pula)?\s*[:：.-]|baca juga\b|read (?:also|more)\s*[:：]|also read\s*[:：]|simak(?: juga)?\s*[:：]"
    r"|lihat juga\s*[:：]|artikel terkait\s*[:：]|berita terkait\s*[:：]|related\s*[:：]|tonton(?: juga)?\b"
    r"|simak juga\b|\[gambas:|waktu baca\b|\d+ min(?:ute)?s? read\b|reading time\b|simak(?: juga)? video\b|saksikan(?: juga)?(?: live streaming| video)\b|video\s*[:：]|infografis\s*[:：]"
    r"|baca berita (?:dengan sedikit|tanpa) iklan\b|baca berita ini\s*[:：]|\(baca(?: juga)?\s*[:：][^()]*\)\s*$"
    r"|lanjutkan membaca\b|lanjut(?:kan)? baca\b|continue reading\b|baca halaman (?:selanjutnya|berikutnya)\b"
    r"|dengarkan(?: artikel| berita)\b|listen to (?:this )?(?:article|story)\b|ukuran (?:teks|font)\b|bagikan\b"
    r"|share (?:this|on|to)\b|share\s*:"
    r"|(?:dapatkan|ikuti|gabung|bergabung|follow|subscribe|berlangganan|download|unduh|klik|yuk|simak|pilih|akses)\b.*"
    r"(?:whatsapp|telegram|google news|aplikasi|app store|play store|channel|instagram|newsletter|di sini|disini|here|langganan)\b"
    r").*"
    r"|purchase licensing rights|advertisements?|advertising|advertorial|iklan|ads by\b.*|sponsored|konten sponsor"
    r"|scroll (?:to|untuk) (?:continue|resume|lanjut)\w*(?: with content| content| membaca)?"
    r"|loading\.*|memuat\.*"
    r"|font\s*[:：]?|ukuran font\s*[:：]?.*|read next\s*:.*|get app|aa text|header img|img_title"
    r"|mau berita terbaru lainnya\b.*"
    r"|halaman\s*:?\s*(?:\d+\s*)*(?:selanjutnya|berikutnya|next)?|(?:\d+\s+){1,}(?:selanjutnya|next|berikutnya)"
    r"|halaman (?:selanjutnya|berikutnya|sebelumnya)|selanjutnya|sebelumnya|next page|show all|tampilkan semua|lihat semua"
    r"|(?:(?:facebook|twitter|x|whatsapp|telegram|line|linkedin|email|copy link|salin tautan|salin link|bagikan|share)"
    r"(?:\s*[|·•])?\s*){2,}"  # one way only to spend the spaces: "\s*[|·•]?\s*" backtracked exponentially
    r"|(?:a(?:\s*[|+-])?\s*){2,}\|?|share|tweet|facebook|twitter|x|whatsapp|telegram|line|linkedin|email|pinterest"
    r"|copy(?: link)?|salin(?: tautan| link)?|link (?:disalin|copied)|print|cetak"
    r"|\(?(?:foto|photo|video|gambar)\s*:?\s*(?:istimewa|ilustrasi|dok\.?|ist\.?)\)?"
    r"|\*{1,3}|-{3,}|_{3,}|\.{3}|•"
    r"|!\[[^\]]{0,300}\]\([^)]{0,1000}\)(?:\s*\|)?"  # an image the copy kept as markup: "![]() |"
    r"|.{0,60}\b(?:whatsapp channel|saluran whatsapp|google news|telegram channel)\b.{0,60}"
    r")\s*$",
    re.IGNORECASE,
)

_STOP = re.compile(
    r"^(?:"
    r"berita terkait|artikel terkait|baca berita (?:terkait|lainnya)|berita lainnya|berita lain|artikel lainnya"
    r"|(?:berita |artikel )?(?:ter)?populer(?: hari ini)?|most (?:popular|viewed|read)|trending|berita terkini\b.*|terkini"
    r"|berita pilihan|pilihan (?:editor|redaksi)|rekomendasi(?: untuk anda)?|recommended|related (?:news|articles?|stories)"
    r"|editor'?s picks?|more (?:on|from) (?:this topic|the jakarta post)|read next|you might also like"
    # A label alone or with its list after a colon: "Tag: IHSG, saham", "Komentar (3)"; never a sentence that opens
    # with the same letters ("Tagihan listrik naik", "Komentar tersebut ditulis oleh ...").
    r"|tags?(?:\s*:.*)?|topik(?:\s*:.*)?|topics?\s*:.*|topics?|kata kunci\s*:.*|keywords?\s*:.*"
    r"|(?:\d+\s+)?komentar(?:\s*\(?\d+\)?|\s*:.*)?|(?:tulis|kirim|beri|lihat|tampilkan) (?:semua )?komentar\b.*"
    r"|(?:\d+\s+)?comments?(?:\s*\(?\d+\)?|\s*:.*)?|(?:write|add|post|view|show) (?:a |all )?comments?\b.*"
    r"|copyright\b.*|©.*|hak cipta\b.*|all rights reserved\b.*"
    r"|artikel ini (?:telah|sudah) (?:tayang|terbit|dimuat)\b.*|this article (?:appeared|was published) in\b.*"
    r"|(?:simak|baca|lihat) (?:berita|artikel) (?:lainnya|selengkapnya)\b.*|berita selengkapnya\b.*|baca selengkapnya\b.*"
    r"|video (?:terkait|pilihan|terkini|populer)\b.*|(?:saksikan|tonton) video pilihan\b.*|foto pilihan\b.*"
    r"|newsletter\b.*|already a subscriber\b.*|subscribe now\b.*|log ?in to\b.*"
    r"|ikuti (?:kami|berita|update)\b.*|follow us\b.*|download (?:aplikasi|app)\b.*"
    r"|\((?:reporting|writing|additional reporting|editing|compiled) by\b.*|our standards\b.*"
    r"|disclaimer\s*:.*|tulisan dari .* tidak mewakili\b.*|lainnya dari\b.*|ikuti perkembangan berita\b.*"
    r"|(?:berita|artikel) (?:terkait|lainnya)\s*:?"
    r")\s*$",
    re.IGNORECASE,
)

# "35 hari lalu", "2 jam yang lalu", "kemarin", "3 hours ago": the time stamps of related-article lists.
_RELATIVE_TIME = re.compile(
    r"^(?:(?:\d+|se(?:buah|orang)?|satu|dua|tiga)\s*(?:detik|menit|jam|hari|minggu|pekan|bulan|tahun)\s+(?:yang\s+)?lalu"
    r"|(?:\d+|an?)\s*(?:seconds?|minutes?|mins?|hours?|days?|weeks?|months?|years?)\s+ago|kemarin|baru saja|just now)$",
    re.IGNORECASE,
)

# A label line that introduces a related title on the next line: "Baca juga:" alone.
_LINK_LABEL = re.compile(
    r"^(?:baca(?: juga)?|read also|also read|simak juga|lihat juga|berita terkait|artikel terkait)\s*[:：]?\s*$",
    re.IGNORECASE,
)

# Initials of the writers at the end of a story: "(rdp/imk)", "(dam)", "(ant/ant)".
_TRAILING_INITIALS = re.compile(
    r"\s*[(\[](?:\*|[a-z]{2,5}\*?(?:\s*[/,]\s*[a-z]{2,5}\*?)*|[a-z]{2,4}\s*/\s*[A-Z]{2,5}"
    r"|[A-Z]\.?[A-Z]?\d{3}/[A-Z]\d{3})[)\]]\s*$"
)


def _short(line: str) -> bool:
    return len(line.split()) <= _MAX_FURNITURE_WORDS


@lru_cache(maxsize=8192)
def is_skip_line(line: str) -> bool:
    return _short(line) and bool(_SKIP.match(line))


@lru_cache(maxsize=8192)
def is_stop_line(line: str) -> bool:
    return _short(line) and bool(_STOP.match(line))


@lru_cache(maxsize=8192)
def is_relative_time(line: str) -> bool:
    return bool(_RELATIVE_TIME.match(line))


def is_link_label(line: str) -> bool:
    return bool(_LINK_LABEL.match(line))


# A "read also" link glued after a paragraph's last sentence: "... naik tajam. Baca Juga: Harga Beras Turun".
_INLINE_LINK = re.compile(
    r"(?<=[.!?\"”])\s+\(?(?:baca juga|baca pula|baca|lihat juga|simak juga|read also)\s*[:：]"
    r"\s*[^.!?\"”]{3,200}\)?$",
    re.IGNORECASE,
)


# A link in brackets anywhere in a paragraph: "(Baca juga: Harga Beras Turun) Pemerintah menaikkan ...".
_BRACKETED_LINK = re.compile(
    r"\(\s*(?:baca juga|baca pula|baca|lihat juga|simak juga|read also)\s*[:：][^()]{3,200}\)\s*", re.IGNORECASE
)


def strip_inline_link(paragraph: str) -> str:
    """Remove a "Baca juga" link glued to the end of a paragraph, or set in brackets inside it.

    >>> strip_inline_link("Harga cabai naik tajam. Baca Juga: Harga Beras Turun di Pasar Induk")
    'Harga cabai naik tajam.'
    >>> strip_inline_link("(Baca juga: Harga Beras Turun) Pemerintah menaikkan HET beras.")
    'Pemerintah menaikkan HET beras.'
    """
    if "(" in paragraph:
        paragraph = _BRACKETED_LINK.sub("", paragraph).strip()
    if ":" not in paragraph and "：" not in paragraph:  # every link's label ends with one: most paragraphs have none
        return paragraph
    return _INLINE_LINK.sub("", paragraph)


def strip_trailing_initials(paragraph: str) -> str:
    """Remove the writers' initials that close a story.

    >>> strip_trailing_initials("kata dia. (rdp/imk)")
    'kata dia.'
    """
    if not paragraph.rstrip().endswith((")", "]")):  # the initials' bracket closes the paragraph: most have none
        return paragraph
    return _TRAILING_INITIALS.sub("", paragraph)


def is_initials_line(line: str) -> bool:
    return bool(line) and not strip_trailing_initials(line)


# A line that points to what the copy did not keep, where the story ends: "Simak selengkapnya dalam video berikut!",
# "Coba simak video ini:", "Berikut daftarnya:". A story never ends on a colon.
_MEDIA_POINTER = re.compile(r"\b(?:simak|tonton|saksikan|lihat)\b[^.!?]{0,60}\b(?:video|foto|infografis)\b",
                            re.IGNORECASE)
_MEDIA_POINTER_WORDS = 12


def is_media_pointer(line: str) -> bool:
    """Return True for a short line that introduces a video, a picture or a list the saved copy lacks.

    >>> is_media_pointer("Simak selengkapnya dalam video berikut!"), is_media_pointer("Warga melihat foto itu.")
    (True, False)
    """
    return len(line.split()) <= _MEDIA_POINTER_WORDS and (
        line.rstrip().endswith((":", "：")) or bool(_MEDIA_POINTER.search(line)))


def looks_like_headline(line: str) -> bool:
    """Return True for a line shaped like a headline or link text rather than a sentence of a story."""
    return _short(line) and not line.rstrip('"\'').endswith((".", "!", "?", ":", ";")) and len(line.split()) <= 20
