"""The bulk writer writes the segments Whoosh's SegmentWriter writes: the same files, byte for byte, and the same index
read back (terms, postings, block statistics, lengths, stored fields, columns, search results)."""

import random
from pathlib import Path

import numpy as np
import pytest
from whoosh import index as whoosh_index
from whoosh.formats import Positions
from whoosh.query import Every, Term

from articles.search import bulkwriter, spelling
from articles.search.bulkwriter import BulkSegmentWriter
from articles.search.documents import analyse_documents
from articles.search.schema import SCHEMA
from articles.search.stems import StemTable
from articles.tests.test_writer import TEXTS, _postings

WORDS = ("banjir jakarta menteri luar negeri polisi menangkap tersangka pemerintah kebijakan pasukan penarikan "
         "diplomasi ekonomi harga beras naik turun pemilu presiden gubernur jalan tol kereta cepat bandung").split()


def _varied_documents(count: int, seed: int = 7) -> list[dict]:
    """Documents of every shape the archive has: empty and long texts, words repeated past a block of 128 postings,
    the odd characters of test_writer.TEXTS, undated ones, several outlets and clusters."""
    chooser = random.Random(seed)
    documents = []
    for number in range(count):
        body = " ".join(chooser.choice(WORDS) for _ in range(chooser.choice((0, 3, 40, 400))))
        text = f"{TEXTS[number % len(TEXTS)]}\n{body}"
        title = " ".join(chooser.sample(WORDS, 4)) if number % 5 else ""
        document = {
            "id": str(number + 1), "updated": float(number), "title": title, "content": f"{title}\n{text}",
            "exact": f"{title}\n{text}", "outlet": chooser.choice(("tempo", "kompas", "detik")),
            "people": " ".join(chooser.sample(("joko-widodo", "prabowo", "anies"), number % 3)),
            "countries": "ID" if number % 4 else "ID MY", "year": "2021", "cluster": number // 3 + 1,
        }
        if number % 6:
            document["month"] = f"2021-{number % 12 + 1:02d}"
        documents.append(document)
    return documents


def _build(path: Path, documents: list[dict], writer_for) -> whoosh_index.FileIndex:
    path.mkdir()
    ix = whoosh_index.create_in(str(path), SCHEMA)
    writer = writer_for(ix)
    for document in documents:
        writer.add_document(**document)
    writer.commit()
    return ix


def _segment_files(ix) -> dict[str, bytes]:
    """Each file of the index's one segment, by its extension (the segment's id, random, left out)."""
    (segment,) = ix._segments()
    storage = ix.storage
    return {name.split(".", 1)[1]: storage.open_file(name).read() for name in storage.list()
            if name.startswith(f"{segment.indexname}_{segment.segid}")}


def _term_statistics(ix) -> dict:
    """Every term's statistics as its term info holds them: documents, total weight, shortest and longest document,
    largest weight, first and last document."""
    with ix.reader() as reader:
        infos = {term: reader.term_info(*term) for term in reader.all_terms()}
        return {term: (info.doc_frequency(), info.weight(), info.min_length(), info.max_length(), info.max_weight(),
                       info.min_id(), info.max_id()) for term, info in infos.items()}


def _columns(ix) -> dict:
    with ix.reader() as reader:
        return {name: list(reader.column_reader(name)) for name in ("published", "cluster")
                if reader.has_column(name)}


@pytest.fixture
def documents(tmp_path):
    return analyse_documents(_varied_documents(300), table=StemTable(tmp_path / "stems.sqlite3"))


def test_the_bulk_writer_writes_the_segment_files_of_whooshs_writer(tmp_path, documents):
    stock = _build(tmp_path / "stock", documents, lambda ix: ix.writer(compound=False))
    bulk = _build(tmp_path / "bulk", documents, lambda ix: BulkSegmentWriter(ix, compound=False))
    stock_files, bulk_files = _segment_files(stock), _segment_files(bulk)
    assert sorted(bulk_files) == sorted(stock_files)
    for extension, content in stock_files.items():
        assert bulk_files[extension] == content, extension


def test_the_bulk_writer_builds_the_index_of_whooshs_writer(tmp_path, documents):
    stock = _build(tmp_path / "stock", documents, lambda ix: ix.writer(compound=False))
    bulk = _build(tmp_path / "bulk", documents, lambda ix: BulkSegmentWriter(ix, compound=False))
    assert _postings(bulk) == _postings(stock)
    assert _term_statistics(bulk) == _term_statistics(stock)
    assert _columns(bulk) == _columns(stock)
    assert bulk.doc_count() == stock.doc_count() == len(documents)
    assert any(info[0] > 128 for info in _term_statistics(stock).values())  # a term of several blocks was written


def test_past_its_memory_bound_the_bulk_writer_starts_new_segments(tmp_path, documents, monkeypatch):
    stock = _build(tmp_path / "stock", documents, lambda ix: ix.writer(compound=False))
    monkeypatch.setattr(bulkwriter, "_POSTING_BYTES", 4000)  # about 40 documents to a segment of 1 MB
    bulk = _build(tmp_path / "bulk", documents, lambda ix: BulkSegmentWriter(ix, limitmb=1, compound=False))
    assert len(bulk._segments()) > 3
    assert bulk.doc_count() == len(documents)
    assert _postings(bulk) == _postings(stock)
    with stock.searcher() as stock_searcher, bulk.searcher() as bulk_searcher:
        for query in (Term("content", "banjir"), Term("exact", "menteri"), Term("outlet", "kompas"), Every()):
            found = [[(hit["id"], round(hit.score, 4)) for hit in searcher.search(query, limit=None)]
                     for searcher in (stock_searcher, bulk_searcher)]
            assert found[1] == found[0], query


@pytest.mark.parametrize("positions", [[], [0], [5], [127], [128], [300], [9_999], [10_000], [70_000], [2**31],
                                       [3, 4], [0, 200, 70_000], list(range(0, 9_000, 3))])
def test_the_bulk_writers_positions_value_is_whooshs(positions):
    # Single positions are cached: the second call must give the same bytes as the first.
    assert bulkwriter._positions_value(positions) == Positions().encode(positions)
    assert bulkwriter._positions_value(list(positions)) == Positions().encode(positions)


@pytest.mark.parametrize("boost", [1.0, 0.3, 2.5])
def test_the_bulk_writers_columns_are_what_counted_text_yields(boost):
    frequencies = {"banjir": 1, "jakarta": 127, "menteri": 128, "luar": 300, "negeri": 70_000, "ñandú": 2}
    positions = {"banjir": [0], "jakarta": [1, 300, 70_000], "menteri": list(range(2, 5_000, 2)), "luar": []}
    for fieldname, counted in (("content", frequencies), ("exact", positions), ("title", positions)):
        field = SCHEMA[fieldname]
        texts, counts, weights, values = bulkwriter._counted_columns(field, counted, boost)
        texts = [text.encode("utf-8") for text in texts]  # kept as strings until the segment is written
        if isinstance(values, bytes):
            values = [values[start:start + 4] for start in range(0, len(values), 4)]
        expected = [(text, count, weight * boost, value) for text, count, weight, value in field.index(counted)]
        assert list(zip(texts, counts, weights, values, strict=True)) == expected, fieldname


def test_the_bulk_writer_leaves_other_values_to_the_field():
    assert bulkwriter._counted_columns(SCHEMA["content"], {"banjir": [0, 4]}, 1.0) is None  # positions, no count
    assert bulkwriter._counted_columns(SCHEMA["exact"], {"banjir": 2}, 1.0) is None


def test_the_bulk_writer_writes_whooshs_files_for_boosts_long_positions_and_empty_fields(tmp_path, documents):
    """Weights that are no whole numbers (a document's boost), frequencies and positions past one byte and past a
    pickle's batch of 1,000, empty analysed fields, and a plain string in an analysed field."""
    long_text = " ".join(["banjir"] * 2_500 + ["jakarta", "menteri"] * 700)
    odd = analyse_documents([
        {**_varied_documents(1)[0], "id": "9001", "title": long_text, "content": long_text, "exact": long_text},
        {**_varied_documents(1)[0], "id": "9002", "title": "", "content": "", "exact": ""},
    ], table=StemTable(tmp_path / "stems.sqlite3"))
    odd[0]["_boost"] = 1.7
    odd[1]["_boost"] = 0.3
    plain = {**_varied_documents(1)[0], "id": "9003"}  # strings: the fields' analyzers
    mixed = documents[:40] + odd + [plain] + documents[40:80]
    stock = _build(tmp_path / "stock", mixed, lambda ix: ix.writer(compound=False))
    bulk = _build(tmp_path / "bulk", mixed, lambda ix: BulkSegmentWriter(ix, compound=False))
    stock_files, bulk_files = _segment_files(stock), _segment_files(bulk)
    assert sorted(bulk_files) == sorted(stock_files)
    for extension, content in stock_files.items():
        assert bulk_files[extension] == content, extension
    assert _term_statistics(bulk) == _term_statistics(stock)


@pytest.mark.parametrize("boost", [0.0, 1e-9, 0.3, 1.0, 1.7, 1e30])
def test_the_bulk_writer_writes_whooshs_files_for_words_of_one_document(tmp_path, boost):
    """Terms in one document each (the writer's short way for them): each boost, weights that float32 rounds or
    takes to zero, words once and several times, and one long document among short ones."""
    texts = ["kereta cepat jakarta bandung", "banjir banjir rob", "", "polisi menangkap tersangka kereta",
             " ".join(f"kata{number}" for number in range(400))]
    documents = analyse_documents([
        {**_varied_documents(1)[0], "id": str(number + 1), "title": text[:20], "content": text, "exact": text}
        for number, text in enumerate(texts)], table=StemTable(tmp_path / "stems.sqlite3"))
    for document in documents[::2]:
        document["_boost"] = boost
    stock = _build(tmp_path / "stock", documents, lambda ix: ix.writer(compound=False))
    bulk = _build(tmp_path / "bulk", documents, lambda ix: BulkSegmentWriter(ix, compound=False))
    stock_files, bulk_files = _segment_files(stock), _segment_files(bulk)
    assert sorted(bulk_files) == sorted(stock_files)
    for extension, content in stock_files.items():
        assert bulk_files[extension] == content, extension


def test_each_segment_written_out_gets_its_spelling_index_as_a_reader_would_build_it(tmp_path, documents, monkeypatch):
    monkeypatch.setattr(bulkwriter, "_POSTING_BYTES", 4000)  # about 40 documents to a segment of 1 MB
    handed = []

    def on_segment(segment):
        handed.append(segment.segment_id())
        spelling.prepare_segment(ix.storage, ix.schema, segment)

    (tmp_path / "bulk").mkdir()
    ix = whoosh_index.create_in(str(tmp_path / "bulk"), SCHEMA)
    writer = BulkSegmentWriter(ix, limitmb=1, compound=False, on_segment=on_segment)
    for document in documents:
        writer.add_document(**document)
    writer.commit()

    segments = [segment.segment_id() for segment in ix._segments()]
    assert len(segments) > 3 and handed == segments  # each once, as it was written out
    with ix.reader() as reader:
        for leaf in spelling._segment_leaves(reader):
            made = spelling.read(tmp_path / "bulk" / f"{spelling.PREFIX}{leaf.segment().segment_id()}")
            built = spelling.SegmentWords(spelling.build(*spelling.segment_terms(leaf)))
            assert made.text == built.text and len(made) == len(built) > 0
            for name in ("offsets", "freqs", "keys", "starts", "ids", "alphabet"):
                assert np.array_equal(getattr(made, name), getattr(built, name)), name


def test_the_words_the_bulk_writer_hands_over_are_those_its_segment_holds(tmp_path, documents, monkeypatch):
    """words_of: each segment's words and document frequencies, as spelling.segment_terms reads them back, and the
    spelling index made from them the one a reader would build."""
    monkeypatch.setattr(bulkwriter, "_POSTING_BYTES", 4000)  # about 40 documents to a segment of 1 MB
    handed = {}

    def on_segment(segment, terms):
        handed[segment.segment_id()] = terms
        spelling.prepare_segment(ix.storage, ix.schema, segment, terms)

    (tmp_path / "bulk").mkdir()
    ix = whoosh_index.create_in(str(tmp_path / "bulk"), SCHEMA)
    writer = BulkSegmentWriter(ix, limitmb=1, compound=False, on_segment=on_segment, words_of=spelling.FIELD)
    for document in documents:
        writer.add_document(**document)
    writer.commit()

    assert list(handed) == [segment.segment_id() for segment in ix._segments()] and len(handed) > 3
    with ix.reader() as reader:
        for leaf in spelling._segment_leaves(reader):
            words, frequencies = spelling.segment_terms(leaf)
            assert handed[leaf.segment().segment_id()] == (words, frequencies) and words
            made = spelling.read(tmp_path / "bulk" / f"{spelling.PREFIX}{leaf.segment().segment_id()}")
            built = spelling.SegmentWords(spelling.build(words, frequencies))
            for name in ("text", "offsets", "freqs", "keys", "starts", "ids", "alphabet"):
                assert np.array_equal(getattr(made, name), getattr(built, name)), name


def test_the_bulk_writer_lists_the_words_of_textual_fields_only(tmp_path, documents):
    (tmp_path / "bulk").mkdir()
    ix = whoosh_index.create_in(str(tmp_path / "bulk"), SCHEMA)
    writer = BulkSegmentWriter(ix, compound=False, on_segment=lambda segment, terms: None, words_of="outlet")
    writer.add_document(**documents[0])
    with pytest.raises(ValueError, match="textual"):
        writer.commit()
