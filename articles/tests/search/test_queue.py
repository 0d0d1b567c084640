"""The index queue: every change queues its article in its own transaction, the index writer takes it off only after
writing it, and whatever a dead process left queued is finished by the next indexing command or --repair.

A crash is simulated here faithfully in one process: the changes commit (their queue entries with them) and the
index write that would follow never runs. test_crash.py kills real processes.
"""

from __future__ import annotations

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import transaction
from whoosh import index as whoosh_index

from articles import services
from articles.models import Article, PendingIndex
from articles.search import indexing, queue
from articles.tests.builders import make_article, make_outlet, make_person
from articles.tests.helpers import discard_pending

# Many seconds in all (see `make test-fast`): left out of the fast run. The Whoosh index's own writes, queue, checks
# and rebuilds: the PostgreSQL engine's are in test_pgsearch_engine.py.
pytestmark = [pytest.mark.django_db, pytest.mark.slow, pytest.mark.whoosh_engine]

SAMPLES = Path(__file__).resolve().parents[3] / "fixtures" / "sample_articles"


def queued() -> list[int]:
    return sorted(PendingIndex.objects.values_list("article_id", flat=True))


def indexed() -> set[int]:
    with whoosh_index.open_dir(str(indexing.current_dir())).searcher() as searcher:
        return {int(fields["id"]) for fields in searcher.all_stored_fields()}


@pytest.fixture
def killed_before_indexing(monkeypatch):
    """Let saves commit while no index write happens, as in a process killed after its commits; undo() revives it."""
    monkeypatch.setattr(indexing, "_flush", lambda batch: discard_pending())
    return monkeypatch


def run(command: str, *args) -> tuple[int, str]:
    out = StringIO()
    try:
        call_command(command, *map(str, args), stdout=out, stderr=out)
    except CommandError as error:
        return error.returncode, out.getvalue() + str(error)
    return 0, out.getvalue()


# --- the queue is written with the change ----------------------------------------------------------------------


def test_a_save_queues_its_article_in_its_own_transaction(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        article = make_article("Gempa di Cianjur")
        assert queued() == [article.pk]  # in the transaction, before any index write
        assert article.pk not in indexed()

    for callback in callbacks:
        callback()

    assert queued() == []  # the writer took it off after writing it
    assert article.pk in indexed()


def test_a_rolled_back_save_leaves_nothing_queued():
    with pytest.raises(RuntimeError), transaction.atomic():
        make_article("Dibatalkan")
        raise RuntimeError("rollback")

    assert queued() == []


def test_a_deleted_article_stays_queued_until_its_document_has_left(index_now, killed_before_indexing):
    article = make_article("Akan dihapus")
    index_now(article)
    gone = article.pk

    article.delete()

    assert queued() == [gone]  # the row is gone; the debt to the index is not
    killed_before_indexing.undo()
    indexing.index_queued()
    assert gone not in indexed() and queued() == []


def test_a_rename_queues_the_articles_whose_facets_it_changes(index_now, killed_before_indexing):
    person = make_person("Joko Widodo")
    named = make_article("Presiden meresmikan bendungan", people=(person,))
    other = make_article("Banjir di Demak")
    index_now()

    person.slug = "jokowi"
    person.save()

    assert queued() == [named.pk]
    assert other.pk not in queued()


def test_a_merge_queues_the_articles_it_relinks(index_now, killed_before_indexing):
    jokowi = make_person("Joko Widodo")
    alias = make_person("Jokowi")
    relinked = make_article("Jokowi meresmikan bendungan", people=(alias,))
    make_article("Banjir di Demak")
    index_now()

    services.person_merge(target=jokowi, sources=[alias])

    assert queued() == [relinked.pk]


def test_a_reextraction_queues_its_articles(pages, killed_before_indexing):
    killed_before_indexing.undo()
    assert ingest(pages[0])[0] == 0
    article = Article.objects.get()
    killed_before_indexing.setattr(indexing, "_flush", lambda batch: discard_pending())

    services.articles_reextract(articles=[article])

    assert queued() == [article.pk]


def test_a_failed_index_write_leaves_its_articles_queued(read_only_index):
    with indexing.deferred() as batch:
        article = make_article("Gempa di Cianjur")

    assert batch.ids == [article.pk]
    assert "Permission denied" in batch.problem
    assert queued() == [article.pk]


def test_a_change_committed_during_the_write_stays_queued(monkeypatch):
    article = make_article("Judul lama")
    real = indexing._write

    def write_while_an_editor_saves(ix, ids):
        written = real(ix, ids)
        # Another process commits a change of the same article after this write read it: its entry is renewed.
        queue.queue_add([article.pk])
        return written

    monkeypatch.setattr(indexing, "_write", write_while_an_editor_saves)
    indexing.index_articles([article.pk])

    assert queued() == [article.pk]  # left for the next writer, which will read the newer row


def test_one_entry_per_article_however_often_it_changes(killed_before_indexing):
    article = make_article("Judul")
    for number in range(5):
        article.title = f"Judul {number}"
        article.save()

    assert PendingIndex.objects.filter(article_id=article.pk).count() == 1


# --- a dead process's queue is finished by the next command ------------------------------------------------------


def ingest(*paths) -> tuple[int, str]:
    return run("ingest_articles", *paths)


@pytest.fixture
def pages(tmp_path) -> list[Path]:
    folder = tmp_path / "pages"
    folder.mkdir()
    for path in sorted(SAMPLES.glob("*.txt"))[:6]:
        (folder / path.name).write_bytes(path.read_bytes())
    return sorted(folder.glob("*.txt"))


def test_an_ingest_killed_before_its_index_write_is_finished_by_running_it_again(pages, killed_before_indexing):
    assert ingest(*pages[:4])[0] == 0
    saved = sorted(Article.objects.values_list("pk", flat=True))
    assert queued() == saved and indexed() == set()
    assert indexing.index_check().missing == saved
    serving = indexing.current_dir().resolve()
    killed_before_indexing.undo()

    code, out = ingest(*pages)

    assert code == 0, out
    assert "Indexed 4 articles an earlier run had saved but not indexed." in out
    assert "Ingested 2, unchanged 4, updated 0, failed 0" in out
    assert indexing.index_check().ok
    assert queued() == []
    assert indexing.current_dir().resolve() == serving  # no rebuild


@pytest.mark.parametrize("command", [
    ("reextract_entities",), ("rebuild_index", "--repair"), ("rebuild_index", "--check", "--repair"),
    ("merge_people", "joko-widodo", "jokowi"),
], ids=lambda command: " ".join(command))
def test_any_indexing_command_finishes_what_a_dead_upload_left(command, pages, killed_before_indexing):
    make_person("Joko Widodo")
    make_person("Jokowi")
    from articles.uploads import uploaded_pages_ingest

    uploaded_pages_ingest(files=[(path.name, path.read_bytes()) for path in pages[:3]])
    assert len(queued()) == 3
    serving = indexing.current_dir().resolve()
    killed_before_indexing.undo()

    code, out = run(*command)

    assert code == 0, out
    assert queued() == []
    assert indexing.index_check().ok, out
    assert indexing.current_dir().resolve() == serving


def test_a_rerun_levels_an_index_that_lost_stored_pages_without_queue_entries(pages):
    assert ingest(*pages[:3])[0] == 0
    lost = Article.objects.order_by("pk").first()
    # An index restored from an older backup, or a run killed before this version queued its articles.
    ix = indexing.open_index()
    with ix.writer() as writer:
        writer.delete_by_term("id", str(lost.pk))
    assert queued() == [] and indexing.index_check().missing == [lost.pk]

    code, out = ingest(*pages[:3])

    assert code == 0, out
    assert "Ingested 0, unchanged 3" in out
    assert indexing.index_check().ok


def test_a_rerun_of_a_level_archive_writes_nothing(pages, monkeypatch):
    assert ingest(*pages[:3])[0] == 0
    writes = []
    monkeypatch.setattr(indexing, "_write", lambda ix, ids: writes.append(ids))

    assert ingest(*pages[:3])[0] == 0

    assert writes == []


# --- --check reports the queue, --repair empties it ---------------------------------------------------------------


def test_check_reports_queued_articles_and_changes_nothing(index_now, killed_before_indexing):
    article = make_article("Judul lama")
    index_now(article)
    person = make_person("Joko Widodo")
    make_article("Tanpa indeks")  # missing too
    article.person_links.create(person=person)  # a change no last-change stamp shows

    code, out = run("rebuild_index", "--check")

    assert code == 1
    assert f"2 waiting in the index queue (saved, not yet indexed): {article.pk}, " in out
    assert "rebuild_index --repair" in out
    assert len(queued()) == 2


def test_repair_writes_the_drift_in_place(index_now, killed_before_indexing):
    edited = make_article("Judul lama")
    index_now(edited)
    killed_before_indexing.undo()
    PendingIndex.objects.all().delete()
    missing = make_article("Belum diindeks")
    discard_pending()
    PendingIndex.objects.all().delete()  # drift the queue does not know of
    serving = indexing.current_dir().resolve()

    code, out = run("rebuild_index", "--repair")

    assert code == 0, out
    assert f"1 missing from the index: {missing.pk}" in out
    assert "Repaired the index in place: wrote 1 documents." in out
    assert "The index matches the database." in out
    assert indexing.current_dir().resolve() == serving


def test_repair_of_a_level_index_does_nothing(index_now):
    index_now(make_article("Berita"))

    code, out = run("rebuild_index", "--repair")

    assert code == 0
    assert "nothing to repair" in out


def test_repair_without_an_index_rebuilds_it(no_index):
    article = make_article("Berita")

    code, out = run("rebuild_index", "--repair")

    assert code == 0, out
    assert "Rebuilt the index: 1 articles" in out
    assert indexed() == {article.pk} and queued() == []


def test_a_rebuild_settles_the_queue(killed_before_indexing):
    make_article("Berita pertama")
    make_article("Berita kedua")
    killed_before_indexing.undo()

    call_command("rebuild_index", stdout=StringIO())

    assert queued() == []
    assert indexing.index_check().ok


# --- an index that is missing is made by rebuild_index only -------------------------------------------------------


def test_a_save_without_an_index_makes_none_and_stays_queued(no_index, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        article = make_article("Gempa di Cianjur")

    assert not indexing.index_exists()
    assert queued() == [article.pk]


def test_ingest_into_a_fresh_archive_builds_the_index_first(no_index, pages):
    code, out = ingest(*pages[:2])

    assert code == 0, out
    assert "No search index: built one from the database (0 articles)." in out
    assert indexing.index_check().ok


def test_ingest_after_the_index_was_deleted_rebuilds_it_from_the_whole_database(pages, no_index):
    kept = make_article("Sudah lama di arsip", outlet=make_outlet())

    code, out = ingest(*pages[:2])

    assert code == 0, out
    assert "No search index: built one from the database (1 articles)." in out
    assert kept.pk in indexed()
    assert indexing.index_check().ok
