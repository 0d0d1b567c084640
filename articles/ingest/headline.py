"""The headline, chosen by scored evidence among the header's lines rather than by the first line that passes filters.

Above a story stand its headline and, on saved pages, whatever else the page showed there: a subscription promo, the
teaser of another story, a reader poll, font-size widgets, a byline, a shortened repeat of the headline. The signals
below hold across outlets, so a layout never seen still gives its headline the best score:

- it shares words with the lead (another story's teaser shares almost none);
- it stands near the date and byline block or just above the story;
- it has a headline's shape: a few to 25 words, not a sentence ending in a full stop, not cut off with "...";
- it is not promo, navigation or widget text (a lexicon) and not a byline.

>>> lines = ["Baca berita tanpa iklan. Gabung Kompas.com+", "Harga Beras Naik di Pasar Induk Cipinang",
...          "Selasa, 21 November 2017 10:53 WIB"]
>>> best = title_candidates(lines, meta={2}, lead="Harga beras di Pasar Induk Cipinang naik lagi.")[0]
>>> best.value
'Harga Beras Naik di Pasar Induk Cipinang'
"""

from __future__ import annotations

import re

from .captions import has_credit
from .names import is_name_like
from .outlets import is_outlet_name
from .types import Candidate

# A title has at most this many words; a longer line is a paragraph.
TITLE_MAX_WORDS = 35
# A title made from the lead's first sentence is cut at a word boundary at about this many characters.
LEAD_TITLE_CHARS = 120
# Below this score no header line is a headline: the title comes from the lead.
MIN_TITLE_SCORE = 0.5

_WORD = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")
# Function words shared by any two Indonesian or English sentences: they say nothing about two lines' topic.
_STOP_WORDS = frozenset(
    """
    yang dan di ke dari untuk ini itu dengan pada dalam akan tidak ada juga atau oleh karena sebagai bisa telah sudah
    lebih para kata usai jadi bagi hingga saat kami kita mereka dia ia tak agar secara tersebut antara masih baru
    the of and to in on for at by with from is are was were be has have its this that as an a
    """.split()
)
# Lines a page shows around its headline that are never one: promos, widgets, polls, browser notices.
_NOT_A_HEADLINE = re.compile(
    r"tanpa iklan|sedikit iklan|berlangganan|\bsubscribe|\bmasuk\b.*\bdaftar\b|update your browser"
    r"|perbarui (?:browser|peramban)|change size|ukuran (?:huruf|teks|font)|font size|^(?:a\s*){2,}$|^[a-z]$"
    r"|\bjajak pendapat\b|kebijakan privasi|privacy policy|dengarkan (?:artikel|berita)|\bputar audio\b"
    r"|pilihan untuk anda|rekomendasi untuk anda|klik di ?sini|scroll (?:untuk|to)|google news|whatsapp channel"
    r"|saluran whatsapp|^kumpulan berita\b|^berita (?:terkini|terbaru|lainnya)\b|javascript|\bread next\b|\bbaca selanjutnya\b|^aa text$|\bget app\b|\bcookies\b",
    re.IGNORECASE,
)
# Words of widgets and promos that real headlines use too ("Iklan Rokok Dilarang", "KPU Ikuti Putusan MK"): they
# count only on a short line, where they are a button or a label.
_WIDGET_WORDS = re.compile(
    r"\b(?:gabung|langganan|premium|login|log in|browser|notifikasi|aktifkan|download|unduh|install|ads?|iklan|vote"
    r"|polling|follow|ikuti|share|bagikan|komentar|comments?|loading|memuat|whatsapp|telegram|listen|dengarkan|klik"
    r"|scroll|swipe|for you)\b",
    re.IGNORECASE,
)
_WIDGET_LINE_WORDS = 6
_POLL = re.compile(r"^(?:menurut anda|apakah anda|bagaimana (?:pendapat|menurut) anda|setujukah|pilih)\b",
                   re.IGNORECASE)
# What photo captions carry and headlines do not: "Senin (2/8/2021)", "(kanan)", a closing "(Outlet/Photographer)".
_CAPTION_SHAPE = re.compile(
    r"\(\d{1,2}/\d{1,2}/\d{2,4}\)|\((?:kiri|kanan|tengah|ki-ka|ka-ki|depan|belakang|left|right|center)\b"
    r"|\([^()]{2,40}/[^()]{2,40}\)\.?$|\b(?:foto|photo)\s*:|\((?:humas|dok|ist|istimewa|sumber)\b[^()]*\)\.?$",
    re.IGNORECASE,
)
_CUT_OFF = re.compile(r"(?:\.\.\.|…)\s*$")


def content_words(text: str) -> set[str]:
    """Return the words of ``text`` that carry its topic: lower case, three letters or more, no function words."""
    return {word for word in (w.lower() for w in _WORD.findall(text)) if len(word) >= 3 and word not in _STOP_WORDS}


def _byline_shaped(line: str) -> bool:
    """Return True for "Nama Penulis Suara.Com" or "Nama Penulis, Kompas.com": a name beside an outlet's name."""
    words = line.replace(",", " ").split()
    for cut in range(1, min(3, len(words)) + 1):
        if is_outlet_name(" ".join(words[-cut:])) and is_name_like(" ".join(words[:-cut]), max_words=4):
            return True
    return False


def _score(line: str, index: int, *, lead_words: set[str], meta: set[int], story_start: int,
           repeated: bool) -> tuple[float, list[str]]:
    score, why = 0.0, []
    words = line.split()
    own = content_words(line)
    if own and lead_words:
        shared = len(own & lead_words) / len(own)
        if shared:
            # Half its words shared is as sure as it gets: a caption of the same scene shares more than the headline.
            # ... and more words shared tell a headline from a kicker of two or three words.
            bonus = 2.5 * min(shared / 0.5, 1.0) + 0.2 * min(len(own & lead_words), 5)
            score += bonus
            why.append(f"+{bonus:.1f} shares {shared:.0%} of its words with the lead")
        else:
            score -= 0.5
            why.append("-0.5 shares no word with the lead")
    anchors = [*meta, story_start]
    distance = min(abs(index - anchor) for anchor in anchors)
    if distance <= 2:
        score += 1.5
        why.append(f"+1.5 {distance} line(s) from the date, byline or story")
    elif distance <= 5:
        score += 0.75
        why.append(f"+0.75 {distance} lines from the date, byline or story")
    if 4 <= len(words) <= 25:
        score += 0.5
        why.append("+0.5 a headline's length")
    elif len(words) <= 2:
        score -= 1
        why.append("-1 one or two words")
    if repeated:
        score += 0.5
        why.append("+0.5 repeated on the page")
    if _CUT_OFF.search(line):  # a headline repeated and cut short ("Prabowo Lantik Menteri..."): the full one wins
        score -= 2
        why.append("-2 cut off with an ellipsis")
    elif line.endswith(".") and len(words) >= 8:
        score -= 2.5
        why.append("-2.5 a sentence, not a headline")
    if len(words) > 20:
        score -= 0.5
        why.append("-0.5 longer than most headlines")
    if _CAPTION_SHAPE.search(line):
        score -= 2
        why.append("-2 a photo caption's date, position or credit")
    if line[:1].islower() and not any(ch.isupper() for ch in words[0]):
        score -= 1.5
        why.append("-1.5 starts in lower case (a fragment; 'iPhone' would not count)")
    if line.isupper() and len(words) > 1:
        score -= 0.5
        why.append("-0.5 all capitals")
    if _POLL.match(line):
        score -= 3
        why.append("-3 a reader poll")
    if _NOT_A_HEADLINE.search(line) or len(words) <= _WIDGET_LINE_WORDS and _WIDGET_WORDS.search(line):
        score -= 5
        why.append("-5 promo, widget or navigation words")
    if _byline_shaped(line):
        score -= 3
        why.append("-3 a byline: a name beside an outlet's name")
    if index == 0 and 4 <= len(words) <= 25:
        score += 0.5
        why.append("+0.5 the header's first line")  # most saved copies open with the headline
    score -= 0.01 * index  # among equals, the earlier line
    return score, why


def title_candidates(
    lines: list[str], *, meta: set[int], lead: str, exclude: set[int] = frozenset()
) -> list[Candidate]:
    """Return the header's lines (the story starts right below them) that may be the headline, best first, each with
    its score and evidence."""
    lead_words = content_words(lead)
    candidates = []
    for index, line in enumerate(lines):
        if index in exclude or index in meta or not line or len(line.split()) > TITLE_MAX_WORDS:
            continue
        if has_credit(line) or is_outlet_name(line):
            continue
        repeated = lines.count(line) > 1 or any(
            other != line and other.rstrip(".… ").startswith(line) for other in lines if len(other) > len(line))
        score, why = _score(line, index, lead_words=lead_words, meta=meta, story_start=len(lines), repeated=repeated)
        candidates.append(Candidate(value=line, score=round(score, 2), evidence=why, line=index))
    candidates.sort(key=lambda c: -c.score)
    return candidates


def lead_title(paragraph: str) -> str:
    """Return a title made from a lead: its first sentence, cut at a word boundary.

    >>> lead_title("Pemerintah menaikkan harga BBM. Kenaikan berlaku besok.")
    'Pemerintah menaikkan harga BBM'
    >>> len(lead_title("kata " * 60)) <= LEAD_TITLE_CHARS + 1
    True
    """
    sentence = re.split(r"(?<=[.!?])\s+(?=[\"'A-Z0-9])", paragraph.strip(), maxsplit=1)[0]
    sentence = sentence.rstrip(" .")
    if len(sentence) <= LEAD_TITLE_CHARS:
        return sentence
    cut = sentence[:LEAD_TITLE_CHARS].rsplit(" ", 1)[0].rstrip(" ,;:-")
    return cut + "…"
