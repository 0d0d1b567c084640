"""The cues Indonesian news style puts around a person's name, and the readers the people rules share.

A cue is a pattern beside a run of capitalised words: a role before it ("juru bicara BNPB Abdul Muhari"), a speech
verb ("kata Sri Mulyani", "Retno mengatakan"), an age after it ("Budi Santoso (45)"). The text is read as sentences
and, in each, the runs of capitalised words that may be names.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .lexicon import ACRONYM, LOWER_ROLE_CUES, ORG_WORDS, PLACE_PREFIXES, SPEECH_AFTER, SPEECH_BEFORE
from .names import NAME_WORD, PARTICLES

_ABBREVIATION_END = re.compile(
    r"(?:^|[\s.(])(?:[A-Z]|Dr|Prof|Ir|H|Hj|St|No|Jl|Jln|Kol|Mr|Mrs|Ms|dr|Drs|Jr|Sr|Tbk|dkk|Bpk|KH|Moh|Muh|Mgr|Pdt)\.$"
)
# The longest _ABBREVIATION_END match ("Drs." after a space) is 5 characters, 6 before a final newline; with room.
_ABBREVIATION_CHARS = 8
_SENTENCE_SPLIT = re.compile(r"(?<=[.!?\"])\s+(?=[\"'(A-Z0-9])|\n+")
_PARTICLE = "|".join(PARTICLES)
# A run of capitalised words with name particles and commas/"dan" inside role phrases kept out.
_RUN = re.compile(rf"(?:{NAME_WORD})(?:\s+(?:(?:{_PARTICLE})\s+)*(?:{NAME_WORD}))*")
AGE_AFTER = re.compile(r"^\s*,?\s*(?:\(\s*\d{1,3}\s*(?:tahun|th)?\s*\)|,?\s*an?\s+\d{1,3}-year-old\b|,\s*\d{1,3}\s*tahun\b)")
# "Rodrigo Gularte asal Brasil", "Martin Anderson from Ghana": where a person comes from.
ORIGIN_AFTER = re.compile(r"^\s*,?\s*(?:asal|dari|warga negara|kelahiran|from)\s+[A-Z]")
# A role phrase going on after "dan": "Mitigasi Gempa Bumi dan Tsunami BMKG ...".
ROLE_CONTINUES_AFTER = re.compile(r"^\s*(?:,\s*)?dan\s+$|^\s*(?:,\s*)?dan\s+(?=[A-Z])")
# A lone word right before "dan X" or "(" is part of a body's name ("Divisi Profesi dan Pengamanan (Propam)").
SINGLE_NOT_NAME_AFTER = re.compile(r"^\s*(?:dan|serta|&)\s+[A-Z]|^\s*\((?!\s*\d)")
# Between two names of a list: ", ", " dan ", "/", " serta ".
LIST_GAP = re.compile(r"^\s*(?:,\s*(?:dan|serta)\s+|dan\s+|serta\s+|/|&\s*)$")
CUE_WINDOW = 80
# The longest lowercase cues: "ibu rumah tangga bernama " (with two words after a role) and "diungkapkan oleh ".
ROLE_CUE_CHARS = 48
SPEECH_CUE_CHARS = 24
# "Rizal Hakim, an international relations lecturer at ...": a person described by an English appositive.
ENGLISH_ROLE_AFTER = re.compile(
    r"^\s*,\s*(?:an?|the)\s+(?:[\w-]+\s+){0,4}(?:lecturer|analyst|researcher|spokesperson|spokesman|spokeswoman|"
    r"minister|official|director|chairman|chairwoman|head|professor|economist|expert|resident|member|deputy|governor|"
    r"president|ceo|founder|executive|leader|lawyer|activist|student|teacher|farmer|fisherman|worker|vendor|"
    r"driver|mother|father|coach|player|officer|commander|chief|secretary|senator|mayor|regent|survivor|victim)s?\b"
)
APPOSITIVE_END = re.compile(r"^\s*(?:[,;.(]|dan\b|serta\b|yang\b)")
PREPOSITION_BEFORE = re.compile(r"\b(?:di|ke|menuju|hingga|sampai|in|at|to|into)\s+$")
PLACE_CUE_BEFORE = re.compile(r"(?:warga|penduduk|asal|dari|wakil|pasangan|duta)(?:\s+negara)?\s*$")
COMMA_NAME_AFTER = re.compile(r"^\s*,\s*[A-Z][a-z]+(?:\s+[A-Z][a-z'-]+)+\s*(?:[,.;/]|\(\d)")
# "X, Brasil" or "X, Jawa Barat": X is a city.
PLACE_AFTER = re.compile(r"^\s*,\s*(?P<place>[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)\b")
# "Pandu Patria Sjahrir sebagai chief investment officer": a person in a role.
AS_ROLE_AFTER = re.compile(r"^\s*,?\s*sebagai\s+(?:chief|ketua|kepala|direktur|menteri|wakil|juru|anggota|pelatih|kapten|"
                            r"komisaris|dewan|sekretaris|bendahara|staf|penasihat|deputi|asisten|duta|calon|pemimpin)\b")
SPEECH_AFTER_RE = re.compile(
    rf"^\s*,?\s*(?:(?:juga|pun|kemudian|lalu|sebelumnya|saat itu|ketika itu|secara terpisah)\s+)?(?:{SPEECH_AFTER})\b"
)
LOWER_ROLE_BEFORE = re.compile(
    rf"(?:\b(?:{LOWER_ROLE_CUES})(?:\s+[a-z]+){{0,2}}|\bnomor urut \d+|\bpasangan(?:\s+[a-z]+){{0,3}})\s*,?\s*$"
)
SPEECH_BEFORE_RE = re.compile(r"(?:^|[\s,\"'])(" + "|".join(sorted(SPEECH_BEFORE, key=len, reverse=True)) + r")\s*,?\s*$")
CONNECTOR = re.compile(r"^\s*(?:,\s*(?:dan\s+)?|dan\s+|serta\s+|&\s+|/|\(\s*[A-Z][A-Za-z0-9&-]{1,12}\s*\)\s*)$")
# "Lembaga Penjamin Simpanan (LPS)": a run followed by its acronym is a body's name, not a person's.
ACRONYM_AFTER = re.compile(r"^\s*\(\s*[A-Z][A-Za-z0-9&-]{1,12}\s*\)")


# Every lowercase word of a cue before a name, and how many words may stand between a cue's last word and the name
# (with it): "pasangan calon nomor urut", "ibu rumah tangga bernama". Only a run with one of them before it is tried.
LOWER_WORDS = re.compile(r"[a-z0-9]+")
BEFORE_CUE_WORDS = frozenset(
    re.findall(r"[a-z0-9]+", LOWER_ROLE_CUES + " nomor urut pasangan " + " ".join(SPEECH_BEFORE))
) | frozenset(str(digit) for digit in range(10))
BEFORE_CUE_TOKENS = 4
# The first lowercase word after a name ("" before punctuation or a digit), and the words that open a cue after it:
# a speech verb (or an adverb before one), "asal", "sebagai", "a 34-year-old", ", the head of".
HEAD_WORD = re.compile(r"\s*,?\s*([a-z]*)")
AFTER_CUE_WORDS = frozenset(
    re.findall(r"[a-z]+", SPEECH_AFTER)
    + "juga pun kemudian lalu sebelumnya saat ketika secara asal dari warga kelahiran from sebagai a an the".split()
) | {""}
# Words before a capitalised run that make it a storm, a show, a ship or a place rather than a person.
NOT_A_PERSON_BEFORE = re.compile(
    r"\b(?:siklon|badai|topan|taifun|hurikan|cyclone|typhoon|hurricane|storm|tropis|serial|film|drama|sinetron"
    r"|series|album|lagu|novel|buku|kapal|pesawat|kota|city|jalan|jl|gedung|stadion|bandara|pelabuhan|gunung"
    r"|sungai|operasi|program|aplikasi|merek|produk|hotel|restoran|festival|desa|kelurahan|kecamatan|dusun|kampung"
    r"|kabupaten|provinsi|di|ke)\.?\s+(?:(?-i:[A-Z])[\w'-]*\s+){0,1}$",
    re.IGNORECASE,
)


@lru_cache(maxsize=256)
def capitalised_runs(sentence: str) -> list[tuple[int, int, tuple[str, ...]]]:
    """Return the runs of capitalised words in ``sentence``: (start, end, words), read by the rules and the lists."""
    return [(match.start(), match.end(), tuple(match.group().split())) for match in _RUN.finditer(sentence)]


@lru_cache(maxsize=16)
def split_sentences(text: str) -> list[tuple[int, str]]:
    """Return (offset, sentence) pairs of ``text``; "Agus D.W. Martowardojo" and "Dr. Budi" stay in one sentence."""
    result: list[tuple[int, str]] = []
    position = 0
    for piece in _SENTENCE_SPLIT.split(text):
        start = text.find(piece, position)
        position = start + len(piece)
        # The abbreviation closes the sentence (at most _ABBREVIATION_CHARS): only its end is searched.
        if result and _ABBREVIATION_END.search(result[-1][1], max(len(result[-1][1]) - _ABBREVIATION_CHARS, 0)):
            first_start, first = result[-1]
            result[-1] = (first_start, text[first_start:position])
        else:
            result.append((start, piece))
    return result


def named_before(before: str) -> bool:
    return bool(re.search(r"\bbernama\s*$", before))


def has_particle(words: list[str]) -> bool:
    """Return True for a name with a particle of descent: "Tamim bin Hamad al-Thani"."""
    return len(words) >= 2 and any(w in ("bin", "binti") or w.startswith(("al-", "Al-", "el-")) for w in words)



def after_last_body_word(words: list[str]) -> list[str]:
    """Return the words after the last organisation word or acronym: "Tsunami BMKG Rahmat Triyono" -> its last two.

    After a word of a place or a thing ("Gunung Lewotobi Laki-laki", "Jalan Sudirman") no person follows: [].
    """
    for index in range(len(words) - 2, -1, -1):
        word = words[index].rstrip(".,")
        if word in PLACE_PREFIXES:
            return []
        if word in ORG_WORDS or (ACRONYM.match(word) and not ACRONYM.match(words[index + 1])):
            return words[index + 1:]
    return words


def split_pair(words: list[str]) -> list[list[str]]:
    """Split a ticket or a doubles pair into its people: "Nurdin Halid-Aziz Qahhar Mudzakkar", "Chen Qingchen/Jia Yifan".

    A pair of one-word names ("Prabowo-Hatta") stays whole, and _candidate turns it down.
    """
    text = " ".join(words)
    parts = re.split(r"(?<=[a-z])(?:-|/)(?=[A-Z])", text)
    if len(parts) == 2 and all(len(part.split()) >= 2 for part in parts):
        return [part.split() for part in parts]
    return [words]


def is_heading(sentence: str) -> bool:
    words = sentence.split()
    return len(words) <= 12 and not sentence.rstrip("\"'").endswith((".", "!", "?", ":", ",")) and "\n" not in sentence


def contains_run(haystack: list[str], needle: list[str]) -> bool:
    return any(haystack[i: i + len(needle)] == needle for i in range(len(haystack) - len(needle) + 1))
