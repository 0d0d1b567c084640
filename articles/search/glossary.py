"""English search words the archive's Indonesian texts say otherwise: a small hand-made table (flood -> banjir).

No Django here. On the English pages a query word found in the table is searched as itself OR its Indonesian word
("flood" as ``flood ATAU banjir``), always, not only when the English word finds nothing: the archive holds English
stories too (The Jakarta Post), and a reader searching "flood" wants both those and the Indonesian ones, whatever
the archive holds today. The page then says which Indonesian words were searched as well.

    >>> expanded, added = glossary_expand(parse_query("flood -earthquake jakarta").tree)
    >>> added
    ['banjir', 'gempa']
    >>> ParsedQuery("", expanded).understood(("AND", "OR", "NOT"))
    '(flood OR banjir) AND NOT (earthquake OR gempa) AND jakarta'
"""

from __future__ import annotations

from .query import And, Not, Notice, Or, ParsedQuery, Phrase, Word, parse_query

# At most this many words of one query are translated: each adds a posting list to read.
MAX_WORDS = 5

# English news words -> the Indonesian word the archive's stories use (one word, or a phrase as a tuple).
GLOSSARY: dict[str, str | tuple[str, ...]] = {
    "flood": "banjir", "floods": "banjir", "flooding": "banjir",
    "earthquake": "gempa", "earthquakes": "gempa", "quake": "gempa",
    "tsunami": "tsunami", "landslide": "longsor", "landslides": "longsor", "eruption": "erupsi",
    "volcano": "gunung", "fire": "kebakaran", "haze": "asap", "drought": "kemarau", "disaster": "bencana",
    "victims": "korban", "victim": "korban", "dead": "tewas", "killed": "tewas", "evacuation": "evakuasi",
    "election": "pemilu", "elections": "pemilu", "vote": "suara", "votes": "suara", "voters": "pemilih",
    "candidate": "calon", "candidates": "calon", "campaign": "kampanye", "party": "partai", "parties": "partai",
    "president": "presiden", "presidential": "presiden", "vice": "wakil", "minister": "menteri",
    "ministry": "kementerian", "governor": "gubernur", "mayor": "wali", "regent": "bupati",
    "parliament": "dpr", "lawmakers": "dpr", "government": "pemerintah", "court": "pengadilan",
    "judge": "hakim", "law": "hukum", "police": "polisi", "military": "tni", "army": "tentara",
    "soldiers": "tentara", "prison": "penjara", "arrest": "tangkap", "arrested": "ditangkap",
    "suspect": "tersangka", "suspects": "tersangka", "corruption": "korupsi", "bribery": "suap",
    "terrorism": "terorisme", "terrorist": "teroris", "bomb": "bom", "bombing": "bom", "attack": "serangan",
    "protest": "demo", "protests": "demo", "riot": "kerusuhan", "war": "perang", "peace": "damai",
    "troops": "pasukan", "refugees": "pengungsi", "refugee": "pengungsi", "border": "perbatasan",
    "economy": "ekonomi", "economic": "ekonomi", "inflation": "inflasi", "recession": "resesi",
    "growth": "pertumbuhan", "tax": "pajak", "taxes": "pajak", "price": "harga", "prices": "harga",
    "fuel": "bbm", "oil": "minyak", "rice": "beras", "export": "ekspor", "exports": "ekspor",
    "import": "impor", "imports": "impor", "investment": "investasi", "debt": "utang", "budget": "anggaran",
    "bank": "bank", "interest": "bunga", "poverty": "kemiskinan", "workers": "pekerja", "wages": "upah",
    "health": "kesehatan", "hospital": ("rumah", "sakit"), "vaccine": "vaksin",
    "pandemic": "pandemi", "education": "pendidikan", "school": "sekolah", "students": "siswa",
    "capital": ("ibu", "kota"), "city": "kota", "village": "desa", "island": "pulau",
    "sea": "laut", "forest": "hutan", "environment": "lingkungan", "road": "jalan", "toll": "tol",
    "train": "kereta", "airport": "bandara", "plane": "pesawat", "ship": "kapal", "sports": "olahraga",
    "football": ("sepak", "bola"), "champion": "juara", "gold": "emas",
    "summit": "ktt", "meeting": "pertemuan", "visit": "kunjungan", "religion": "agama", "mosque": "masjid",
}


def _indonesian(word: str):
    """Return the tree node for the Indonesian of ``word``, or None when the table lacks it or says the same."""
    target = GLOSSARY.get(word.lower())
    if target is None or target == word.lower():
        return None
    return Phrase(target) if isinstance(target, tuple) else Word(target)


def glossary_expand(tree) -> tuple[object, list[str]]:
    """Return the tree with up to ``MAX_WORDS`` English words searched also as their Indonesian, and the Indonesian
    words added (in reading order, once each). A word in a phrase or a field search is left as the reader wrote it."""
    added: list[str] = []

    def walk(node):
        if isinstance(node, Word) and not node.field and len(added) < MAX_WORDS:
            other = _indonesian(node.text)
            if other is not None:
                text = " ".join(other.words) if isinstance(other, Phrase) else other.text
                if text not in added:
                    added.append(text)
                return Or((node, other))
            return node
        if isinstance(node, Not):
            return Not(walk(node.child))
        if isinstance(node, And | Or):
            return type(node)(tuple(walk(child) for child in node.children))
        return node

    return (walk(tree) if tree is not None else None), added


def glossary_parse(text: str) -> ParsedQuery:
    """Parse a query as ``parse_query`` does, with its English words searched also as their Indonesian; the notice
    "glossary" names the Indonesian words added.

    >>> parsed = glossary_parse("flood jakarta")
    >>> parsed.understood(), parsed.notices
    ('(flood ATAU banjir) DAN jakarta', [Notice(code='glossary', detail='banjir')])
    """
    parsed = parse_query(text)
    tree, added = glossary_expand(parsed.tree)
    notices = parsed.notices + ([Notice("glossary", ", ".join(added))] if added else [])
    return ParsedQuery(text=parsed.text, tree=tree, notices=notices)
