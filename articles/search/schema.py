"""The index's schema and its Indonesian analysis: what a document holds and how its words are matched.

Two analyses of the same text: a stemmed one for recall ("penangkapan" finds "ditangkap") and an exact one, with the
words' positions, for quoted phrases and prefixes ("Menteri Luar Negeri", "diplom*").
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from functools import lru_cache

from Sastrawi.Stemmer.StemmerFactory import StemmerFactory
from whoosh.analysis import LowercaseFilter, RegexTokenizer, StemFilter, StopFilter
from whoosh.fields import DATETIME, ID, KEYWORD, NUMERIC, STORED, TEXT, Schema
from whoosh.system import pack_uint

from . import roots
from .registry import FACETS

# Bump when the schema or the analysis changes: an index built with another version must be rebuilt
# (rebuild_index --check and the system check articles.W002 say so).
SCHEMA_VERSION = 6

# Words and numbers; an apostrophe or hyphen inside a word keeps it whole ("Jum'at", "COVID-19", "ke-2").
TOKEN_PATTERN = r"\w+(?:['’\-]\w+)*"
_TOKENS = re.compile(TOKEN_PATTERN)

# Function words that carry no topic. Deliberately short: Sastrawi's 809-word list drops words readers search for
# ("awal", "akhir", "asal", "tahun"). Quoted phrases use the exact field, which keeps every word.
STOP_WORDS = frozenset(
    """
    ada adalah agar akan aku anda antara apa apakah atas atau bagi bahkan bahwa banyak belum beberapa begitu
    bisa dalam dan dapat dari dengan di dia hal hanya harus ia ialah ini itu jadi jika juga kami kamu kan karena
    kata ke kepada ketika kita lagi lain lalu maka masih mereka meski namun nya oleh pada para per pun saat saja
    sama sangat sebagai sebuah secara sedang sejak sekitar selain semua serta seperti setelah sudah tak tapi
    telah tengah tentang terhadap tetapi tidak untuk yaitu yakni yang
    a an and are as at be by for from has have in is it of on or that the this to was were will with
    """.split()
)

# Sastrawi strips what look like affixes from words that are roots in their own right, or merges words whose
# meanings differ. Each entry was checked against KBBI: stem -> the stem we index instead.
STEM_OVERRIDES = {
    "penarikan": "tarik",  # Sastrawi gives "tari" (dance): "penarikan pasukan" is a withdrawal.
    "pasukan": "pasukan",  # a root ("troops"), not pasu + -kan.
    "pemerintah": "pemerintah",  # the government, not "perintah" (an order).
    "pemerintahan": "pemerintah",
    "pemerintahnya": "pemerintah",
    "kebijakan": "kebijakan",  # policy, not "bijak" (wise).
    "kebijakannya": "kebijakan",
    "tersangka": "tersangka",  # a suspect, not "sangka" (a guess).
    "para": "para",
    "perang": "perang",
    "peperangan": "perang",
    "pertanian": "tani",
    "bunga": "bunga",
    "pemilu": "pemilu",
    "berita": "berita",
    "sekolah": "sekolah",
    "perempuan": "perempuan",
    "pelajar": "pelajar",
    "pelajaran": "ajar",
    "pengadilan": "adil",
    "keadilan": "adil",
    "militer": "militer",
}

# The stemmer behind Sastrawi's CachedStemmer: that cache keeps every word it is ever asked about (600k words and more
# in a rebuild of a realistic archive); stem()'s own cache is bounded.
_sastrawi = StemmerFactory().create_stemmer().delegatedStemmer


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """Return the Indonesian stem of a lower-case word, with our corrections to Sastrawi.

    >>> stem("penangkapan"), stem("penarikan"), stem("pemerintahan"), stem("covid-19")
    ('tangkap', 'tarik', 'pemerintah', 'covid-19')
    """
    if word in STEM_OVERRIDES:
        return STEM_OVERRIDES[word]
    if not word.isalpha() or len(word) <= 3:
        return word  # numbers, codes ("covid-19", "g20") and short words are kept as they are
    if not roots.root_filter(_sastrawi).may_have_root(word):
        return word  # no root of Sastrawi's dictionary can be reached: it would try every affix and give it back
    return _sastrawi.stem(word) or word


def words(text: str) -> list[str]:
    """Return the words of a text in lower case, in order: what ``exact_analyzer`` gives, without a Token per word.

    Lower-cased word by word, after tokenising (like LowercaseFilter): lowering the whole text first could split a word
    ("İ" lowers to "i" and a combining dot, which is no word character). The join and split keep the loop in C; no
    word holds a space, nor does its lower case.

    >>> words("Jum'at, COVID-19 di İstanbul")
    ["jum'at", 'covid-19', 'di', 'i̇stanbul']
    """
    tokens = _TOKENS.findall(text)
    return " ".join(tokens).lower().split(" ") if tokens else []


class CountedText(TEXT):
    """A text field that also takes its terms analysed beforehand: {term: frequency}, or {term: [positions]} when the
    field keeps positions.

    The writer analyses a batch of documents at once (documents.analyse_documents: the stems of all its distinct words
    looked up together), so the field must not analyse them again. What ``index`` yields for them is exactly what the
    field's format (Frequency or Positions) yields for the text they come from; a string (a query, an old caller)
    still goes through the analyzer. The class lives here, beside the schema, so that the schema pickled in an index
    loads.
    """

    def index(self, value, **kwargs) -> Iterator[tuple[bytes, int, float, bytes]]:
        if not isinstance(value, Mapping):
            yield from super().index(value, **kwargs)
            return
        boost = self.format.field_boost
        for term, counted in value.items():
            if isinstance(counted, int):
                yield term.encode("utf-8"), counted, float(counted) * boost, pack_uint(counted)
            else:
                yield term.encode("utf-8"), len(counted), float(len(counted)) * boost, self.format.encode(counted)


def indonesian_analyzer():
    """Return the analyzer of the stemmed fields: words, lower case, stop words dropped, stemmed."""
    # cachesize=None: stem() carries its own lru_cache, shared by every field and the query parser.
    return (
        RegexTokenizer(TOKEN_PATTERN)
        | LowercaseFilter()
        | StopFilter(stoplist=STOP_WORDS, minsize=1)
        | StemFilter(stemfn=stem, cachesize=None)
    )


def exact_analyzer():
    """Return the analyzer of the exact field: words in lower case, every one kept, none stemmed."""
    return RegexTokenizer(TOKEN_PATTERN) | LowercaseFilter()


def build_schema() -> Schema:
    """Return the schema. Matching reads term frequencies (matching.py); a quoted phrase also reads the positions of
    its words in the exact field, for the documents that have them all.

    A field of word pairs ("suku bunga") matched phrases until schema 6: it made nearly one new term per word of
    text, so writing terms was most of the writer's time and half the index (issue 17)."""
    stemmed = indonesian_analyzer()
    schema = Schema(
        id=ID(stored=True, unique=True),
        # When the database row was last changed: rebuild_index --check finds documents older than their row.
        updated=STORED(),
        # Titles keep positions: they are short, and judul:"..." reads them.
        title=CountedText(analyzer=stemmed, stored=True),
        # Title, summary, body and captions, stemmed: what a plain word is matched and scored against.
        content=CountedText(analyzer=stemmed, phrase=False),
        # The same text unstemmed, with each word's positions in it: exact words and phrases in quotes, prefixes
        # (diplom*) and the spelling suggestions.
        exact=CountedText(analyzer=exact_analyzer(), spelling=True),
        outlet=ID(),
        people=KEYWORD(scorable=False),
        countries=KEYWORD(scorable=False),
        published=DATETIME(sortable=True),
        year=ID(),
        month=ID(),
        # The story's cluster (Article.cluster; the article's own id when it has none): results collapse on it.
        cluster=NUMERIC(numtype=int, bits=64, signed=False, sortable=True),
    )
    # Only the text's lengths enter the scores (BM25's length part); not storing the others' saves a third of the
    # indexing time (a length lookup per posting).
    for name in ("title", "exact"):
        schema[name].scorable = False
    return schema


SCHEMA = build_schema()
# The fields a stem is looked for in (the title weighs extra in scoring).
TEXT_FIELDS = ("title", "content")
# Every facet of the registry is a field of the index (its values are the terms facets.py counts).
assert all(facet.field in SCHEMA.names() for facet in FACETS), "a facet of search/registry.py has no index field"
