"""The index writer's own analysis: the same index as Whoosh's analyzers build, each distinct word stemmed once."""

import os
from pathlib import Path

import pytest
from whoosh import index as whoosh_index
from whoosh.fields import TEXT

from articles.search import documents as documents_module
from articles.search import indexing, rebuild, schema, stems
from articles.search.documents import analyse_documents
from articles.search.schema import SCHEMA, exact_analyzer, indonesian_analyzer, words
from articles.search.stems import StemTable, stem_table
from articles.tests.builders import make_article
from articles.tests.search.test_indexing import search_ids

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
def test_words_are_what_the_analyzer_gives(text):
    tokens = words(text)
    assert tokens == _analyzed(exact_analyzer(), text)
    assert [token.pos for token in exact_analyzer()(text, positions=True)] == list(range(len(tokens)))


def _documents():
    documents = []
    for number, text in enumerate(TEXTS * 2):
        title = TEXTS[(number + 3) % len(TEXTS)][:60]
        documents.append({
            "id": str(number + 1), "updated": float(number), "title": title,
            "content": f"{title}\n{text}", "exact": f"{title}\n{text}",
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
                   for docnum in ids for name in ("title", "content", "exact")}
        stored = sorted((fields["id"], sorted(fields.items())) for _docnum, fields in reader.iter_docs())
        return {"terms": terms, "lengths": lengths, "stored": stored}


def test_the_analysed_index_is_the_index_of_the_texts(tmp_path):
    documents = _documents()
    by_whoosh = _postings(_build(tmp_path / "whoosh", documents))
    analysed = analyse_documents(documents, table=StemTable(tmp_path / "stems.sqlite3"))
    ours = _postings(_build(tmp_path / "ours", analysed))
    assert ours["terms"].keys() == by_whoosh["terms"].keys()
    assert ours == by_whoosh
    assert ("content", b"tangkap") in ours["terms"] and ("exact", b"luar") in ours["terms"]
    texts = {document["id"]: words(document["exact"]) for document in documents}
    assert [SCHEMA["exact"].format.decode_positions(value) for docid, _, value in ours["terms"]["exact", b"luar"]] == [
        [place for place, word in enumerate(texts[docid]) if word == "luar"]
        for docid, _, _ in ours["terms"]["exact", b"luar"]]


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


def test_a_process_looks_each_word_up_in_the_table_once_and_analyses_the_same(tmp_path, monkeypatch):
    table = StemTable(tmp_path / "stems.sqlite3")
    documents = _documents()
    plain = analyse_documents(documents, table=table)
    asked = []
    get_many = table.get_many
    monkeypatch.setattr(table, "get_many", lambda words: asked.append(set(words)) or get_many(words))
    known = {}
    assert analyse_documents(documents[:2], table=table, known=known) + analyse_documents(
        documents, table=table, known=known) == plain[:2] + plain
    assert asked[0] == {word for document in documents[:2] for word in words(document["content"])} - schema.STOP_WORDS
    assert not asked[0] & asked[1]  # the second batch asks only the words the first did not have
    monkeypatch.setattr(documents_module, "KNOWN_STEMS", 0)  # past the bound, the words known are let go
    assert analyse_documents(documents, table=table, known=known) == plain
    assert asked[2] == {word for document in documents for word in words(document["content"])} - schema.STOP_WORDS


def _stems_noted_in(path: Path):
    """Return a stem function that notes each word it stems, and the process that stemmed it, in a file (forked
    sub-writers write there too)."""
    def noting(word):
        with open(path, "a") as notes:
            notes.write(f"{os.getpid()} {word}\n")
        return schema.stem(word)
    return noting


def _parallel(monkeypatch):
    monkeypatch.setattr(rebuild, "PARALLEL_BUILD_FROM", 5)
    monkeypatch.setattr(rebuild, "PARALLEL_BATCH", 3)
    monkeypatch.setattr(rebuild.os, "cpu_count", lambda: 2)


@pytest.mark.whoosh_engine
def test_a_parallel_rebuild_stems_through_the_table_and_a_second_one_stems_nothing(db, tmp_path, monkeypatch):
    for number, text in enumerate(TEXTS):
        make_article(f"Penangkapan {number} tersangka", body=text or "Isi berita.")
    notes = tmp_path / "stemmed.txt"
    monkeypatch.setattr(stems, "stem", _stems_noted_in(notes))
    _parallel(monkeypatch)
    rebuild.rebuild_index()
    noted = [line.split(" ", 1) for line in notes.read_text().split("\n")[:-1]]
    stemmed = [word for _, word in noted]
    assert "penangkapan" in stemmed and "tersangka" in stemmed
    assert len(stem_table()) == len(set(stemmed))
    assert {int(pid) for pid, _ in noted} - {os.getpid()}  # analysed in the forked sub-writers, not the parent
    reader = indexing.open_index().reader()
    assert reader.doc_count() == len(TEXTS)
    # A segment per sub-writer that got a batch: the queue hands them to whichever is free.
    assert 1 <= len(reader.leaf_readers()) <= 2

    notes.write_text("")
    rebuild.rebuild_index()
    assert notes.read_text() == ""
    assert search_ids("penangkapan") == search_ids("tangkap") != []
    assert indexing.index_check().ok


def test_a_rebuild_holds_one_chunk_of_documents_at_a_time(db, monkeypatch):
    for number in range(7):
        make_article(f"Banjir {number}")
    read = []
    original = rebuild.article_documents

    def counting(ids):
        read.append(len(ids))
        return original(ids)

    monkeypatch.setattr(rebuild, "article_documents", counting)
    monkeypatch.setattr(rebuild, "_CHUNK", 3)
    _parallel(monkeypatch)
    report = rebuild.rebuild_index()
    assert read == [3, 3, 1] and report.indexed == 7


def test_a_save_writes_the_analysed_document(db, index_now):
    article = make_article("Pemerintahan baru", body="Polisi menangkap tersangka di Jakarta.")
    index_now(article)
    assert search_ids("tangkap") == search_ids('"menangkap tersangka"') == [article.pk]
    article.body = "Banjir merendam Jakarta."
    article.save()
    index_now(article)
    assert search_ids("tangkap") == [] and search_ids("banjir") == [article.pk]
    assert indexing.index_document_count() == 1  # updated, not added twice


@pytest.mark.parametrize("tokens", [[], ["banjir"], ["banjir", "di", "jakarta"], ["di", "di", "di"],
                                    ["banjir", "di", "jakarta", "banjir", "di", "banjir"] * 300])
def test_a_texts_word_positions_are_each_words_places_in_order(tokens):
    expected = {}
    for place, word in enumerate(tokens):
        expected.setdefault(word, []).append(place)
    found = documents_module._word_positions(tokens)
    assert found == expected
    assert list(found) == list(expected)  # words in the order they first come
