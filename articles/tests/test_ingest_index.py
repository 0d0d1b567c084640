"""Issue 17: a batch ingest writes its index batch with the bulk writer, from the texts its parse workers analysed, and
the index it leaves is the one Whoosh's writer (a rebuild) makes of the same articles: the same terms, postings,
lengths and stored fields, and the same searches."""

from __future__ import annotations

import fcntl
import os
import time

import pytest
from django.core.management import call_command
from whoosh import index as whoosh_index
from whoosh.query import Term

from articles.models import Article
from articles.search import ahead, indexing, spelling
from articles.search.queue import queue_tokens
from articles.services import ingest
from articles.services.ingest import IngestStatus, pages_ingest
from articles.tests.test_ingest_batch import SAMPLES, changed, new_stories, page, sample
from articles.tests.test_writer import _postings

# The Whoosh index written by a batch ingest (bulk writer, write-ahead): the PostgreSQL engine writes its rows in
# the ingest's own transactions (test_pgsearch_engine.py).
pytestmark = [pytest.mark.django_db, pytest.mark.whoosh_engine]


@pytest.fixture
def reference(db):
    call_command("load_sample_archive", reference_only=True, verbosity=0)


@pytest.fixture
def bulk_from_three(monkeypatch):
    """Writes of three articles or more go through the bulk writer (its bound is 1,000: too many pages for a test)."""
    monkeypatch.setattr(indexing, "BULK_FROM", 3)


@pytest.fixture
def parallel(monkeypatch):
    monkeypatch.setattr(ingest, "PARALLEL_FROM", 2)


def live_postings(ix) -> dict:
    """The index as searches read it (test_writer._postings), without the terms only deleted documents had."""
    postings = _postings(ix)
    postings["terms"] = {term: found for term, found in postings["terms"].items() if found}
    return postings


def current_index() -> dict:
    return live_postings(whoosh_index.open_dir(str(indexing.current_dir())))


def rebuilt_index() -> dict:
    """Rebuild the index from the database (Whoosh's writer analysing the rows) and return it."""
    call_command("rebuild_index", verbosity=0)
    return current_index()


def segments_written_by_bulk(monkeypatch) -> list[int]:
    """Record the number of documents each bulk write commits."""
    written: list[int] = []
    real = indexing.BulkSegmentWriter

    class Recording(real):
        def commit(self, *args, **kwargs):
            written.append(self.docnum)
            return super().commit(*args, **kwargs)

    monkeypatch.setattr(indexing, "BulkSegmentWriter", Recording)
    return written


def test_a_batch_ingest_indexes_what_a_rebuild_indexes(reference, bulk_from_three, parallel, monkeypatch):
    bulk_writes = segments_written_by_bulk(monkeypatch)
    analysed_here: list[str] = []
    real_analyse = indexing.analyse_documents

    def recording(documents, **kwargs):
        analysed_here.extend(document["id"] for document in documents)
        return real_analyse(documents, **kwargs)

    monkeypatch.setattr(indexing, "analyse_documents", recording)
    pages = [*new_stories(2 * len(SAMPLES), "baru"), page("kosong.txt", "   \n")]

    results = list(pages_ingest(pages=pages))

    assert [result.status for result in results] == [IngestStatus.INGESTED] * 2 * len(SAMPLES) + [IngestStatus.FAILED]
    assert bulk_writes == [2 * len(SAMPLES)]
    assert analysed_here == []  # the workers analysed every article's texts (the archive held none before)
    ingested = current_index()
    assert ingested["stored"] and not queue_tokens()
    assert ingested == rebuilt_index()


def test_updated_stories_are_rewritten_by_the_bulk_writer_as_by_whooshs(reference, bulk_from_three, parallel,
                                                                         monkeypatch):
    first = [page(f"{number}.txt", sample(number), f"https://contoh.id/{number}") for number in range(len(SAMPLES))]
    list(pages_ingest(pages=first))
    bulk_writes = segments_written_by_bulk(monkeypatch)
    again = [page(f"{number}-lagi.txt", changed(sample(number)), f"https://contoh.id/{number}")
             for number in range(len(SAMPLES))]

    results = list(pages_ingest(pages=again))

    assert {result.status for result in results} == {IngestStatus.UPDATED}
    assert bulk_writes  # the updates went through the bulk writer: new documents added, the old ones deleted
    updated = current_index()
    assert updated["terms"][("exact", b"redaksi")]  # the added paragraph is found
    assert len(updated["stored"]) == len(SAMPLES)  # one document per article: the old versions are gone
    assert updated == rebuilt_index()
    with whoosh_index.open_dir(str(indexing.current_dir())).searcher() as searcher:
        assert len(searcher.search(Term("exact", "redaksi"), limit=None)) == len(SAMPLES)


def test_an_analysis_of_other_texts_is_not_taken(reference, bulk_from_three):
    """An analysis offered for an article whose texts changed since (or any other) is left: its row is analysed."""
    list(pages_ingest(pages=[page(f"{number}.txt", sample(number)) for number in range(4)]))
    articles = list(Article.objects.order_by("pk"))
    wrong = ahead.text_analysed("Judul yang lain", "Isi yang lain sama sekali")
    indexing.texts_analysed_ahead({article.pk: wrong for article in articles})

    indexing.index_articles([article.pk for article in articles])

    index = current_index()
    assert ("exact", b"lain") not in index["terms"]
    assert index == rebuilt_index()


def test_a_failed_bulk_write_keeps_the_articles_and_leaves_them_queued(reference, bulk_from_three, monkeypatch):
    class Failing(indexing.BulkSegmentWriter):
        def commit(self, *args, **kwargs):
            self.cancel()
            raise OSError(28, "No space left on device")

    monkeypatch.setattr(indexing, "BulkSegmentWriter", Failing)
    pages = [page(f"{number}.txt", sample(number)) for number in range(5)]

    run = pages_ingest(pages=pages)
    results = list(run)

    assert {result.status for result in results} == {IngestStatus.INGESTED}
    assert run.index.problem == "No space left on device"
    saved = sorted(Article.objects.values_list("pk", flat=True))
    assert sorted(queue_tokens()) == saved
    assert current_index()["stored"] == []
    monkeypatch.undo()
    call_command("rebuild_index", "--repair", verbosity=0)
    assert not queue_tokens()
    assert sorted(int(fields[0]) for fields in current_index()["stored"]) == saved


def test_the_workers_analysis_is_the_analysis_of_the_saved_articles_texts(reference):
    """text_analysed over a parse's texts gives what analyse_documents gives for the saved article's document."""
    list(pages_ingest(pages=[page(f"{number}.txt", sample(number)) for number in range(len(SAMPLES))]))
    for pk, document in indexing.article_documents(sorted(Article.objects.values_list("pk", flat=True))):
        made = ahead.text_analysed(document["title"], document["content"])
        assert made.key == ahead.document_key(document)
        (expected,) = indexing.analyse_documents([document])
        got = made.document(document)
        assert {name: dict(value) if isinstance(value, dict) else value for name, value in got.items()} == \
            {name: dict(value) if isinstance(value, dict) else value for name, value in expected.items()}


def test_each_bulk_write_leaves_its_segment_unmerged_with_its_spelling_index(reference, bulk_from_three, monkeypatch):
    """A daily crawl smaller than a batch leaves a bulk segment a day: none is merged by the write (Whoosh's merge
    re-adds every posting in Python, minutes for two batches, under the lock), and every segment gets its spelling
    index from the writer, not from a web worker's first suggestion."""
    monkeypatch.setattr(indexing, "SMALL_SEGMENT_DOCS", 3)
    counts = []
    for run in range(3):
        results = list(pages_ingest(pages=new_stories(4, f"hari{run}")))
        assert [result.status for result in results] == [IngestStatus.INGESTED] * 4
        ix = whoosh_index.open_dir(str(indexing.current_dir()))
        segments = ix._segments()
        counts.append(sorted(segment.doc_count_all() for segment in segments))
        assert {f"{spelling.PREFIX}{segment.segment_id()}" for segment in segments} <= {
            path.name for path in indexing.current_dir().iterdir()}

    assert counts == [[4], [4, 4], [4, 4, 4]]
    assert current_index() == rebuilt_index()


def test_a_page_whose_analysis_ahead_fails_is_saved_and_indexed_all_the_same(reference, monkeypatch, caplog):
    def failing(title, content):
        raise MemoryError("no room")

    monkeypatch.setattr(ingest, "text_analysed", failing)
    results = list(pages_ingest(pages=new_stories(2, "gagal")))

    assert [result.status for result in results] == [IngestStatus.INGESTED] * 2
    assert "the index analysis ahead failed (MemoryError: no room)" in caplog.text
    assert current_index() == rebuilt_index()


@pytest.fixture
def written_ahead(monkeypatch) -> list[int]:
    """Chunks of three pages, each chunk's documents written ahead of the batch's end (index_write_ahead does nothing
    inside the test's transaction: here it writes as it does between a real run's transactions); return the number of
    articles each streamed commit committed."""
    monkeypatch.setattr(ingest, "SAVE_EVERY", 3)
    monkeypatch.setattr(ingest, "index_write_ahead", indexing.write_ahead)
    committed: list[int] = []
    real = indexing._Stream.commit

    def commit(self, batch):
        real(self, batch)
        committed.append(len(batch.ids))

    monkeypatch.setattr(indexing._Stream, "commit", commit)
    return committed


def test_documents_written_ahead_make_the_index_a_rebuild_makes(reference, bulk_from_three, parallel, written_ahead):
    pages = [*new_stories(2 * len(SAMPLES), "depan"), page("kosong.txt", "   \n")]

    run = pages_ingest(pages=pages)
    results = list(run)

    assert [result.status for result in results] == [IngestStatus.INGESTED] * 2 * len(SAMPLES) + [IngestStatus.FAILED]
    assert written_ahead == [2 * len(SAMPLES)] and not run.index.problem
    assert sorted(run.index.ids) == sorted(Article.objects.values_list("pk", flat=True))
    assert not queue_tokens()
    assert not [path for path in indexing.current_dir().iterdir() if path.name.startswith(".ahead-")]
    assert current_index() == rebuilt_index()


def test_a_story_changed_after_its_document_was_written_ahead_is_written_again(reference, bulk_from_three,
                                                                               written_ahead):
    """A later page of the same batch updates a story whose document was written ahead: the index holds the update,
    one document per article, as a rebuild's."""
    first = [page(f"{number}.txt", sample(number), f"https://contoh.id/{number}") for number in range(4)]
    later = [page(f"{number}-lagi.txt", changed(sample(number)), f"https://contoh.id/{number}") for number in range(2)]

    results = list(pages_ingest(pages=[*first, *new_stories(2, "antara"), *later]))

    assert [result.status for result in results][-2:] == [IngestStatus.UPDATED] * 2
    assert written_ahead and not queue_tokens()
    index = current_index()
    assert len(index["stored"]) == Article.objects.count()
    assert index == rebuilt_index()
    with whoosh_index.open_dir(str(indexing.current_dir())).searcher() as searcher:
        assert len(searcher.search(Term("exact", "redaksi"), limit=None)) == 2


def test_a_failed_commit_of_the_documents_written_ahead_writes_them_as_before(reference, bulk_from_three,
                                                                              written_ahead, monkeypatch, caplog):
    real = indexing.BulkSegmentWriter.finish_segments
    calls = []

    def failing_once(self):  # the segment written ahead fails; the usual write after it does not
        calls.append(self)
        if len(calls) == 1:
            raise OSError(28, "No space left on device")
        return real(self)

    monkeypatch.setattr(indexing.BulkSegmentWriter, "finish_segments", failing_once)
    results = list(pages_ingest(pages=new_stories(7, "gagal-depan")))

    assert [result.status for result in results] == [IngestStatus.INGESTED] * 7
    assert "Committing the index written ahead failed (OSError" in caplog.text
    assert not queue_tokens()
    assert current_index() == rebuilt_index()


def test_a_killed_runs_staging_folder_is_removed_by_the_next_run_and_a_live_ones_kept(reference, bulk_from_three,
                                                                                    written_ahead):
    """A run killed mid-batch leaves its staging folder in the generation; the next batch ingest removes it, never the
    folder of a run still alive (it holds its folder's lock file) nor one being made (no lock file yet)."""
    list(pages_ingest(pages=new_stories(4, "awal")))
    generation = indexing.current_dir()
    killed, alive, made, left = (generation / f"{indexing.STAGING_PREFIX}{number}" for number in range(4))
    for folder in (killed, alive, made, left):
        folder.mkdir()
        (folder / "MAIN_0123456789abcdef.seg").write_bytes(b"half written")
    (killed / indexing.STAGING_OWNER).touch()
    (alive / indexing.STAGING_OWNER).touch()
    long_ago = time.time() - 2 * indexing.STAGING_GRACE_SECONDS
    os.utime(left, (long_ago, long_ago))

    with open(alive / indexing.STAGING_OWNER) as owner:
        fcntl.flock(owner, fcntl.LOCK_EX | fcntl.LOCK_NB)
        list(pages_ingest(pages=new_stories(2, "sesudah")))

    assert not killed.exists() and not left.exists()
    assert alive.exists() and made.exists()
    assert current_index() == rebuilt_index()
