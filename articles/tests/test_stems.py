"""The stem table: each word stemmed once, shared by processes, read both ways, and never a lost word."""

import sqlite3
from multiprocessing import get_context

from articles.search import schema, stems
from articles.search.stems import StemTable, stem_table, stems_for


def _add_from_another_process(path: str) -> None:
    StemTable(path).put_many({"menulis": "tulis"})


def test_stems_are_computed_once_then_read_from_the_table(tmp_path, monkeypatch):
    table = StemTable(tmp_path / "stems.sqlite3")
    assert stems_for(["penangkapan", "ditangkap", "pemerintahan"], table) == {
        "penangkapan": "tangkap", "ditangkap": "tangkap", "pemerintahan": "pemerintah"}
    assert len(table) == 3

    def refuse(word):
        raise AssertionError(f"{word!r} was stemmed again")

    monkeypatch.setattr(stems, "stem", refuse)
    assert stems_for(["ditangkap", "penangkapan"], table) == {"ditangkap": "tangkap", "penangkapan": "tangkap"}


def test_the_highlighter_asks_which_words_have_a_stem(tmp_path):
    table = StemTable(tmp_path / "stems.sqlite3")
    stems_for(["penangkapan", "ditangkap", "menangkap", "banjir"], table)
    assert table.words_with({"tangkap"}) == {"penangkapan", "ditangkap", "menangkap"}
    assert table.words_with({"tangkap"}, limit=1) < {"penangkapan", "ditangkap", "menangkap"}
    assert table.words_with({"tidakada"}) == set()


def test_processes_share_one_table(tmp_path):
    path = tmp_path / "stems.sqlite3"
    table = StemTable(path)
    table.put_many({"banjir": "banjir"})
    process = get_context("fork").Process(target=_add_from_another_process, args=(str(path),))
    process.start()
    process.join(30)
    assert process.exitcode == 0
    assert table.get_many(["menulis", "banjir"]) == {"menulis": "tulis", "banjir": "banjir"}


def test_a_broken_table_costs_time_not_words(tmp_path, caplog):
    path = tmp_path / "stems.sqlite3"
    path.write_bytes(b"this is not a database" * 100)
    assert stems_for(["penangkapan", "banjir"], StemTable(path)) == {"penangkapan": "tangkap", "banjir": "banjir"}
    assert "cannot be read" in caplog.text


def test_many_words_are_asked_in_chunks(tmp_path):
    table = StemTable(tmp_path / "stems.sqlite3")
    words = [f"kata{number}" for number in range(5_000)]
    assert stems_for(words, table) == {word: word for word in words}  # letters and digits: kept as they are
    assert len(table.get_many(words)) == 5_000


def test_another_analysis_uses_another_table(tmp_index):
    assert stem_table().path == tmp_index / f"stems-{stems.ANALYSIS}.sqlite3"
    original = stems._analysis()
    try:
        schema.STEM_OVERRIDES["kucing"] = "meong"
        assert stems._analysis() != original
    finally:
        del schema.STEM_OVERRIDES["kucing"]
    assert stems._analysis() == original


def test_a_table_locked_by_another_writer_costs_time_not_words(tmp_path, monkeypatch, caplog):
    monkeypatch.setattr(stems, "_BUSY_MS", 50)
    path = tmp_path / "stems.sqlite3"
    table = StemTable(path)
    table.put_many({"banjir": "banjir"})
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")
    try:
        assert stems_for(["penangkapan"], StemTable(path)) == {"penangkapan": "tangkap"}
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert "cannot be" in caplog.text
    assert table.get_many(["penangkapan", "banjir"]) == {"banjir": "banjir"}  # not kept, and nothing else lost
