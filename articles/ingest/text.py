"""Text clean-up shared by the ingest modules: encodings, whitespace, quotes."""

from __future__ import annotations

import html
import re
import unicodedata

import ftfy
import ftfy.badness

# Files larger than this are refused before decoding: the longest real article pages are a few hundred KB.
MAX_BYTES = 5 * 1024 * 1024

# UTF-8 read as cp1252 or Latin-1 leaves a lead byte (Â-ô) before a continuation-range character: "Ã©", "â€œ".
_MOJIBAKE_HINT = re.compile("[\u00c2-\u00f4][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013-\u203a\u20ac\u2122]")
_ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
# Tags of inline markup, by name (bounded): "<i>", "</a>", "<span class=...>"; "a < b" and "<Rp 5 juta>" stay.
_TAG = re.compile(
    r"</?(?:a|abbr|b|big|cite|code|del|dfn|em|figcaption|figure|font|i|iframe|img|ins|kbd|label|link|mark|meta"
    r"|noscript|picture|q|s|samp|small|source|span|strike|strong|sub|sup|svg|time|u|var|wbr)"
    r"(?:\s[^<>\n]{0,500})?/?>",
    re.IGNORECASE,
)
_BLOCK_TAG = re.compile(r"</?(?:br|p|div|li|ul|ol|h[1-6]|tr|table|blockquote|section|article)\b[^<>\n]{0,500}/?>",
                        re.IGNORECASE)
# Named and numeric character references: "&nbsp;", "&amp;", "&#39;", "&#x201C;".
_ENTITY = re.compile(r"&(?:[A-Za-z][A-Za-z0-9]{1,30}|#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6});")
# One capital letter alone on a paragraph's first line, the next line going on in lower case ("Kelas\nA\n\nberjalan"
# is a label, not a drop cap).
_DROP_CAP = re.compile(r"(?:\A|(?<=\n\n))([A-Z])\n+([a-z]{2,})")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def decode_page(data: bytes, *, size: int | None = None) -> str:
    """Return the text of a raw page file, or raise ParseError with the reason it is not one.

    UTF-8 (with or without BOM) first, then UTF-16 with a BOM, then cp1252, the usual encoding of pages saved on
    Windows. Mojibake (UTF-8 read as cp1252 and saved again) is repaired later by ``normalize``.
    """
    from .types import ParseError

    size = len(data) if size is None else size  # the file's size, when the caller read only its start
    if size > MAX_BYTES:
        raise ParseError(f"file too large: {size / 1_048_576:.1f} MB, the limit is {MAX_BYTES // 1_048_576} MB")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as error:
            raise ParseError(f"not valid UTF-16 text: {error.reason} at byte {error.start}") from None
    if b"\x00" in data[:8192]:
        raise ParseError("binary file, not text (it contains NUL bytes)")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError as error:
        raise ParseError(f"not UTF-8 nor cp1252 text: undecodable byte at {error.start}") from None
    if sum(1 for ch in text if unicodedata.category(ch) in ("Cc", "Co", "Cn") and ch not in "\n\r\t") > len(text) / 100:
        raise ParseError("binary file, not text (too many control characters)")
    return text


def normalize(text: str) -> str:
    """Return ``text`` with mojibake repaired, quotes straightened and whitespace folded, one line per line.

    >>> normalize("Ã¢â‚¬Å“Kami siapÃ¢â‚¬Â\u009d  kata\u00a0dia\\r\\n")
    '"Kami siap" kata dia'
    """
    # ftfy's full repair costs ~2 ms a page; its own detector says whether the text has mojibake to repair at all.
    if not text.isascii() and _MOJIBAKE_HINT.search(text) and ftfy.badness.is_bad(text):
        text = ftfy.fix_text(text, uncurl_quotes=True, normalization="NFC")
    else:
        text = unicodedata.normalize("NFC", text)
    if "<" in text:
        # Markup a copy kept: a block's tags end a line ("<br>", "</p>"), inline ones go ("<i>Koppig</i>").
        text = _BLOCK_TAG.sub("\n", text)
        text = _TAG.sub("", text)
    if "&" in text:
        text = _ENTITY.sub(lambda found: html.unescape(found.group()), text)  # before line ends and controls
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n")
    text = text.replace("\u2018", "'").replace("\u2019", "'").replace("\u201c", '"').replace("\u201d", '"')
    if not text.isascii():
        text = _ZERO_WIDTH.sub("", text)
    text = _CONTROL.sub("", text)
    if "\x85" in text or "\u1680" in text:
        # Spaces to str.split but not to a reader: kept inside a line, as ever.
        lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    else:
        lines = [" ".join(line.split()) for line in text.split("\n")]
    text = "\n".join(lines).strip()
    # A drop cap saved on its own line: "F\n\noreign Minister ..." is "Foreign Minister ...".
    return _DROP_CAP.sub(r"\1\2", text) if any(len(line) == 1 for line in lines) else text


def word_count(text: str) -> int:
    return len(text.split())


def title_case_place(name: str) -> str:
    """Return a dateline place in normal capitalisation: 'BANDA ACEH' -> 'Banda Aceh', 'Sanaa' stays.

    >>> title_case_place("JAKARTA"), title_case_place("Deir ez-Zor"), title_case_place("NUSA DUA")
    ('Jakarta', 'Deir ez-Zor', 'Nusa Dua')
    """
    if not name.isupper():
        return name
    words = []
    for index, word in enumerate(name.lower().split()):
        if index and word in _PLACE_PARTICLES:
            words.append(word)
        else:
            words.append("-".join(part.capitalize() for part in word.split("-")))
    return " ".join(words)


# Words that stay in lower case inside place names: "Rio de Janeiro", "Deir ez-Zor".
_PLACE_PARTICLES = frozenset({"de", "da", "do", "di", "del", "des", "du", "la", "le", "el", "al", "ez", "es", "of"})
