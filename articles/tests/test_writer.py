"""The index writer's own analysis: the same index as Whoosh's analyzers build, each distinct word stemmed once."""

from pathlib import Path

import pytest
from whoosh import index as whoosh_index
from whoosh.fields import TEXT

from articles.search import schema, stems
from articles.search.documents import analyse_documents
from articles.search.schema import SCHEMA, exact_analyzer, indonesian_analyzer, pair_analyzer, word_pairs, words
from articles.search.stems import StemTable

TEXTS = [
    "",
    "Banjir",
    "Yang",  # a stop word alone: no content term, one exact term, one pair term
    "Polisi menangkap tersangka penarikan pasukan; pemerintahan baru. Pemerintahnya berkata: \"Tidak!\"",
    "Jum'at, 12/03/2021 — COVID-19 ke-2 di Jakarta’s pusat; rock'n'roll -- a-b-c- -x 'kutip' ‘tanda’",
    "İstanbul ÇANKAYA straße ÆON ﬁnal Ǆemal ΣΊΣΥΦΟΣ café naïve 東京 1,5 juta e-KTP NU-nya",
    "di di di yang yang dan Menteri Luar Negeri menteri luar negeri luar negeri diplomasi diplomat",
    "_garis_bawah__ x_y 3_000 mem-\nbaca pe-ngadilan pengadilan keadilan adil pertanian bertani petani",
    "tab\tdan\nbaris\r\nbaru\u00a0spasi\u2003lebar zero\u200bwidth",
]


def _analyzed(analyzer, text):
    return [token.text for token in analyzer(text)]


@pytest.mark.parametrize("text", TEXTS)
def test_words_and_pairs_are_what_the_analyzers_give(text):
    tokens = words(text)
    assert tokens == _analyzed(exact_analyzer(), text)
    pairs = _analyzed(pair_analyzer(), text)
    assert word_pairs(tokens) == {pair: pairs.count(pair) for pair in pairs}


def _documents():
    documents = []
    for number, text in enumerate(TEXTS * 2):
        title = TEXTS[(number + 3) % len(TEXTS)][:60]
        documents.append({
            "id": str(number + 1), "updated": float(number), "title": title,
            "content": f"{title}\n{text}", "exact": f"{title}\n{text}", "pairs": f"{title}\n{text}",
            "outlet": "tempo", "people": "joko-widodo", "countries": "ID", "year": "2021", "cluster": number + 1,
        })
    return documents


def _build(path: Path, documents) -> whoosh_index.FileIndex:
    path.mkdir()
    ix = whoosh_index.create_in(str(path), SCHEMA)
    writer = ix.writer()
    for document in documents:
        writer.add_document(**document)
    writer.commit()
    return ix


def _postings(ix) -> dict:
    """Every field's every term with its postings (document id, weight, value), the stored fields and the lengths."""
    with ix.searcher() as searcher:
        reader = searcher.reader()
        ids = {docnum: fields["id"] for docnum, fields in reader.iter_docs()}
        terms = {}
        for fieldname, text in reader.all_terms():
            matcher, postings = reader.postings(fieldname, text), []
            while matcher.is_active():
                postings.append((ids[matcher.id()], matcher.weight(), matcher.value()))
                matcher.next()
            terms[fieldname, text] = sorted(postings)
        lengths = {(ids[docnum], name): reader.doc_field_length(docnum, name)
                   for docnum in ids for name in ("title", "content", "exact", "pairs")}
        stored = sorted((fields["id"], sorted(fields.items())) for _docnum, fields in reader.iter_docs())
        return {"terms": terms, "lengths": lengths, "stored": stored}


def test_the_analysed_index_is_the_index_of_the_texts(tmp_path):
    documents = _documents()
    by_whoosh = _postings(_build(tmp_path / "whoosh", documents))
    analysed = analyse_documents(documents, table=StemTable(tmp_path / "stems.sqlite3"))
    ours = _postings(_build(tmp_path / "ours", analysed))
    assert ours["terms"].keys() == by_whoosh["terms"].keys()
    assert ours == by_whoosh
    assert ("content", b"tangkap") in ours["terms"] and ("pairs", b"luar negeri") in ours["terms"]


def test_a_counted_field_still_analyses_a_text():
    field = SCHEMA["content"]
    plain = TEXT(analyzer=indonesian_analyzer(), phrase=False)
    text = TEXTS[3]
    assert sorted(field.index(text)) == sorted(plain.index(text))


def test_a_batch_stems_each_distinct_word_once_and_a_second_pass_none(tmp_path, monkeypatch):
    stemmed = []

    def counting(word):
        stemmed.append(word)
        return schema.stem(word)

    monkeypatch.setattr(stems, "stem", counting)
    table = StemTable(tmp_path / "stems.sqlite3")
    documents = _documents()
    analyse_documents(documents, table=table)
    assert stemmed and len(stemmed) == len(set(stemmed))
    assert set(stemmed) == {word for document in documents for word in words(document["content"])} - schema.STOP_WORDS
    stemmed.clear()
    analyse_documents(documents, table=table)
    assert stemmed == []
