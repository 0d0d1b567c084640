"""The index follows the database: saves are indexed on commit, failures are logged, rebuild_index repairs drift."""

from __future__ import annotations

import fcntl
import json
import logging
import os
import subprocess
import sys
from datetime import timedelta
from io import StringIO
from pathlib import Path

import pytest
from django.core.checks import Error, Tags, Warning, run_checks
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import transaction
from django.utils import timezone
from whoosh import index as whoosh_index
from whoosh import query as wq

from articles.checks import search_index_check, search_index_writable_check
from articles.models import Article, ArticlePerson, LinkOrigin
from articles.search import engine, indexing, processes, rebuild
from articles.search.schema import SCHEMA_VERSION
from articles.tests.builders import make_article, make_person
from articles.tests.search.flow import search_text

ROOT = Path(__file__).resolve().parents[3]

# Many seconds in all (see `make test-fast`): left out of the fast run. The Whoosh index's own writes, queue, checks
# and rebuilds: the PostgreSQL engine's are in test_pgsearch_engine.py.
pytestmark = [pytest.mark.django_db, pytest.mark.slow, pytest.mark.whoosh_engine]


def open_current():
    return whoosh_index.open_dir(str(indexing.current_dir()))


def indexed() -> dict[int, dict]:
    """Return the stored fields of every document in the current index, by article id ({} without an index)."""
    if not indexing.index_exists():
        return {}
    with open_current().searcher() as searcher:
        return {int(fields["id"]): fields for fields in searcher.all_stored_fields()}


def ids_matching(query) -> set[int]:
    with open_current().searcher() as searcher:
        return {int(searcher.stored_fields(number)["id"]) for number in searcher.docs_for_query(query)}


def no_resolver(kind, text):
    return []


def search_ids(text: str) -> list[int]:
    result = search_text(text=text, filters=engine.SearchFilters(), resolve=no_resolver, sort="oldest")
    return [hit.article_id for hit in result.hits]


@pytest.fixture
def article_log(caplog, monkeypatch):
    """Return caplog seeing the "articles" loggers: the settings stop them propagating to the root logger."""
    monkeypatch.setattr(logging.getLogger("articles"), "propagate", True)
    caplog.set_level(logging.WARNING, logger="articles")
    return caplog


# --- saves follow the database on commit ----------------------------------------------------------------------


def test_saved_article_is_indexed_when_its_transaction_commits(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        article = make_article("Rusia tarik pasukan dari Suriah")
        assert indexed() == {}  # not before the commit

    assert callbacks
    for callback in callbacks:
        callback()

    assert set(indexed()) == {article.pk}
    assert indexed()[article.pk]["title"] == "Rusia tarik pasukan dari Suriah"


def test_saved_article_is_searchable_after_commit(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        article = make_article("Rusia tarik pasukan dari Suriah", body="Penarikan pasukan diumumkan di Moskow.")

    assert search_ids("penarikan") == [article.pk]


def test_edited_article_is_reindexed(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        article = make_article("Judul lama")
    with django_capture_on_commit_callbacks(execute=True):
        article.title = "Banjir di Demak"
        article.save()

    assert indexed()[article.pk]["title"] == "Banjir di Demak"
    assert indexed()[article.pk]["updated"] == pytest.approx(Article.objects.get(pk=article.pk).updated_at.timestamp())
    assert search_ids("banjir") == [article.pk]


def test_deleted_article_leaves_the_index(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        kept = make_article("Berita yang tinggal")
        gone = make_article("Berita yang dihapus")
    assert set(indexed()) == {kept.pk, gone.pk}

    with django_capture_on_commit_callbacks(execute=True):
        gone.delete()

    assert set(indexed()) == {kept.pk}


def test_adding_and_removing_a_person_link_reindexes_the_article(django_capture_on_commit_callbacks):
    jokowi = make_person("Joko Widodo")
    with django_capture_on_commit_callbacks(execute=True):
        article = make_article("Presiden meresmikan bendungan")
    people = wq.Term("people", "joko-widodo")
    assert ids_matching(people) == set()

    with django_capture_on_commit_callbacks(execute=True):
        link = ArticlePerson.objects.create(article=article, person=jokowi, origin=LinkOrigin.EDITOR_ADDED)
    assert ids_matching(people) == {article.pk}

    with django_capture_on_commit_callbacks(execute=True):
        link.delete()
    assert ids_matching(people) == set()


def test_person_link_removed_by_an_editor_leaves_the_facet(django_capture_on_commit_callbacks):
    jokowi = make_person("Joko Widodo")
    with django_capture_on_commit_callbacks(execute=True):
        article = make_article("Presiden meresmikan bendungan", people=(jokowi,))
    assert ids_matching(wq.Term("people", "joko-widodo")) == {article.pk}

    link = ArticlePerson.objects.get(article=article, person=jokowi)
    with django_capture_on_commit_callbacks(execute=True):
        link.origin = LinkOrigin.EDITOR_REMOVED
        link.save()

    assert ids_matching(wq.Term("people", "joko-widodo")) == set()


def test_renamed_person_reindexes_their_articles(django_capture_on_commit_callbacks):
    person = make_person("Joko Widodo")
    with django_capture_on_commit_callbacks(execute=True):
        article = make_article("Presiden meresmikan bendungan", people=(person,))

    with django_capture_on_commit_callbacks(execute=True):
        person.slug = "jokowi"
        person.save()

    assert ids_matching(wq.Term("people", "jokowi")) == {article.pk}
    assert ids_matching(wq.Term("people", "joko-widodo")) == set()


def test_a_person_renamed_in_the_review_queue_reindexes_their_articles(django_capture_on_commit_callbacks):
    """The review queue edits people through the DiscoveredPerson proxy, whose saves are signalled under its own name."""
    from articles.models import DiscoveredPerson

    person = make_person("Joko Widodo")
    with django_capture_on_commit_callbacks(execute=True):
        article = make_article("Presiden meresmikan bendungan", people=(person,))

    discovered = DiscoveredPerson.objects.get(pk=person.pk)
    with django_capture_on_commit_callbacks(execute=True):
        discovered.slug = "jokowi"
        discovered.save()

    assert ids_matching(wq.Term("people", "jokowi")) == {article.pk}


def test_rolled_back_save_is_not_indexed(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with pytest.raises(RuntimeError), transaction.atomic():
            make_article("Dibatalkan")
            raise RuntimeError("rollback")

    assert callbacks == []
    assert indexed() == {}
    assert not Article.objects.exists()


# --- deferred(): one writer for a batch ------------------------------------------------------------------------


@pytest.fixture
def index_calls(monkeypatch):
    """Record every call of index_articles (one call is one writer) and let it run."""
    calls: list[list[int]] = []
    real = indexing.index_articles

    def recording(ids):
        ids = list(ids)
        calls.append(sorted(ids))
        return real(ids)

    monkeypatch.setattr(indexing, "index_articles", recording)
    return calls


def test_deferred_indexes_a_batch_with_one_writer(index_calls, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with indexing.deferred():
            first = make_article("Berita pertama")
            second = make_article("Berita kedua")
            third = make_article("Berita ketiga")
            assert index_calls == []
            assert indexed() == {}

    assert index_calls == [sorted([first.pk, second.pk, third.pk])]
    assert callbacks == []  # nothing waited for the commit: the block's end indexed the batch
    assert set(indexed()) == {first.pk, second.pk, third.pk}


def test_nested_deferred_blocks_index_once_at_the_outermost_end(index_calls):
    with indexing.deferred():
        first = make_article("Berita pertama")
        with indexing.deferred():
            second = make_article("Berita kedua")
        assert index_calls == []
        third = make_article("Berita ketiga")

    assert index_calls == [sorted([first.pk, second.pk, third.pk])]


def test_deferred_batch_can_mix_saves_and_deletes(index_calls, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        old = make_article("Berita lama")

    old_pk = old.pk

    with indexing.deferred():
        new = make_article("Berita baru")
        old.delete()

    assert index_calls[-1] == sorted([old_pk, new.pk])
    assert set(indexed()) == {new.pk}


def test_without_deferred_each_commit_has_its_writer(index_calls, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        first = make_article("Berita pertama")
    with django_capture_on_commit_callbacks(execute=True):
        second = make_article("Berita kedua")

    assert index_calls == [[first.pk], [second.pk]]


# --- an index that cannot be written never costs the save -----------------------------------------------------


def test_save_into_a_read_only_index_keeps_the_article_and_logs_its_id(
    read_only_index, article_log, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        article = make_article("Gempa di Cianjur")  # must not raise

    assert Article.objects.filter(pk=article.pk, title="Gempa di Cianjur").exists()
    errors = [record for record in article_log.records if record.levelno == logging.ERROR]
    assert len(errors) == 1
    assert str(article.pk) in errors[0].getMessage()
    assert "rebuild_index" in errors[0].getMessage()
    assert errors[0].exc_info is not None  # the traceback is kept
    assert article.pk not in indexed()


def test_a_save_while_another_writer_holds_the_lock_keeps_the_article_owed_and_says_why(
    index_now, article_log, monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(indexing, "WRITER_TIMEOUT_SECONDS", 0.3)
    holder = open_current().writer()  # another process's writer, as a rebuild's or an ingest's
    try:
        with django_capture_on_commit_callbacks(execute=True):
            article = make_article("Banjir di Kendari")  # must not raise
    finally:
        holder.cancel()

    assert Article.objects.filter(pk=article.pk).exists() and article.pk not in indexed()
    assert "locked by another writer for over 0 s" in article_log.text
    call_command("rebuild_index", "--repair", stdout=StringIO())
    assert article.pk in indexed()


def test_failed_batch_is_logged_once_with_every_id(read_only_index, article_log):
    with indexing.deferred():
        first = make_article("Berita pertama")
        second = make_article("Berita kedua")

    errors = [record.getMessage() for record in article_log.records if record.levelno == logging.ERROR]
    assert len(errors) == 1
    assert f"{first.pk}, {second.pk}" in errors[0]
    assert Article.objects.count() == 2


def test_after_a_failed_write_check_finds_the_drift_and_rebuild_repairs_it(read_only_index, monkeypatch):
    with indexing.deferred():
        article = make_article("Gempa di Cianjur")
    assert indexing.index_check().missing == [article.pk]

    monkeypatch.undo()  # the disk is writable again
    os.chmod(read_only_index, 0o755)
    call_command("rebuild_index", stdout=StringIO())

    assert indexing.index_check().ok
    assert set(indexed()) == {article.pk}


# --- rebuild_index --check reports drift, rebuild_index repairs it --------------------------------------------


def check_output() -> tuple[str, CommandError | None]:
    out = StringIO()
    try:
        call_command("rebuild_index", "--check", stdout=out)
    except CommandError as error:
        return out.getvalue(), error
    return out.getvalue(), None


def test_check_passes_when_index_and_database_agree(index_now):
    make_article("Berita pertama")
    make_article("Berita kedua")
    index_now()

    output, error = check_output()

    assert error is None
    assert f"Database 2 articles, index 2 documents, schema version {SCHEMA_VERSION} (code {SCHEMA_VERSION})." in output
    assert "The index matches the database." in output


def test_check_reports_articles_missing_from_the_index(index_now):
    indexed_article = make_article("Sudah diindeks")
    index_now(indexed_article)
    missing = [make_article(f"Belum diindeks {number}") for number in range(12)]

    output, error = check_output()

    assert error is not None and error.returncode == 1
    assert "Database 13 articles, index 1 documents" in output
    shown = ", ".join(str(article.pk) for article in missing[:10])
    assert f"12 missing from the index: {shown} …" in output
    assert "rebuild_index" in str(error)


def test_check_reports_documents_of_deleted_articles(index_now):
    kept = make_article("Tetap ada")
    gone = make_article("Sudah dihapus")
    index_now()
    gone_pk = gone.pk
    gone.delete()  # its commit never comes: the index keeps the document

    output, error = check_output()

    assert error is not None and error.returncode == 1
    assert f"1 in the index only: {gone_pk}" in output
    assert "missing" not in output
    assert kept.pk in indexed()


def test_check_reports_documents_older_than_their_row(index_now):
    article = make_article("Judul lama")
    index_now()
    Article.objects.filter(pk=article.pk).update(title="Judul baru", updated_at=timezone.now() + timedelta(minutes=5))

    output, error = check_output()

    assert error is not None and error.returncode == 1
    assert f"1 older in the index than in the database: {article.pk}" in output


def test_check_reports_an_index_of_another_schema_version(index_now):
    make_article("Berita")
    index_now()
    (indexing.current_dir() / indexing.VERSION_FILE).write_text(json.dumps({"schema_version": SCHEMA_VERSION - 1}))

    output, error = check_output()

    assert error is not None and error.returncode == 1
    assert f"schema version {SCHEMA_VERSION - 1} (code {SCHEMA_VERSION})" in output
    assert "The index matches the database." not in output


def test_check_reports_a_missing_index(no_index):
    article = make_article("Berita")

    output, error = check_output()

    assert error is not None and error.returncode == 1
    assert f"1 missing from the index: {article.pk}" in output
    assert "no index in" in output
    assert not indexing.index_exists()  # --check changes nothing


def test_check_changes_nothing(index_now):
    article = make_article("Judul lama")
    index_now()
    Article.objects.filter(pk=article.pk).update(title="Judul baru", updated_at=timezone.now() + timedelta(minutes=5))
    target = os.readlink(indexing.current_dir())

    check_output()

    assert os.readlink(indexing.current_dir()) == target
    assert indexed()[article.pk]["title"] == "Judul lama"


def test_rebuild_repairs_every_kind_of_drift(index_now):
    stale = make_article("Judul lama")
    gone = make_article("Sudah dihapus")
    index_now()
    missing = make_article("Belum diindeks")
    Article.objects.filter(pk=stale.pk).update(title="Judul baru", updated_at=timezone.now() + timedelta(minutes=5))
    gone_pk = gone.pk
    gone.delete()
    (indexing.current_dir() / indexing.VERSION_FILE).write_text(json.dumps({"schema_version": 0}))
    out = StringIO()

    call_command("rebuild_index", stdout=out)

    assert "Rebuilt the index: 2 articles" in out.getvalue()
    assert set(indexed()) == {stale.pk, missing.pk}
    assert gone_pk not in indexed()
    assert indexed()[stale.pk]["title"] == "Judul baru"
    assert indexing.index_schema_version() == SCHEMA_VERSION
    output, error = check_output()
    assert error is None, output


def test_rebuild_builds_a_new_generation_and_keeps_the_previous_one(index_now):
    make_article("Berita")
    index_now()
    first = indexing.current_dir().resolve()

    call_command("rebuild_index", stdout=StringIO())
    second = indexing.current_dir().resolve()
    call_command("rebuild_index", stdout=StringIO())
    third = indexing.current_dir().resolve()

    assert len({first, second, third}) == 3
    # The previous generation stays for readers that still hold it; older ones are removed.
    assert sorted(indexing.index_root().glob("gen-*")) == sorted([second, third])


def test_rebuild_twice_gives_the_same_index():
    articles = [make_article(f"Berita {number}") for number in range(3)]

    call_command("rebuild_index", stdout=StringIO())
    first = indexed()
    call_command("rebuild_index", stdout=StringIO())

    assert indexed() == first
    assert set(first) == {article.pk for article in articles}


def test_rebuild_of_an_empty_database():
    out = StringIO()

    call_command("rebuild_index", stdout=out)

    assert "Rebuilt the index: 0 articles" in out.getvalue()
    assert indexing.index_exists()
    assert indexed() == {}


def test_rebuild_narrates_progress_at_verbosity_2():
    make_article("Berita pertama")
    make_article("Berita kedua")
    out = StringIO()

    call_command("rebuild_index", verbosity=2, stdout=out)

    assert "Indexed 2 of 2" in out.getvalue()


def test_rebuild_is_silent_at_verbosity_0():
    make_article("Berita")
    out = StringIO()

    call_command("rebuild_index", verbosity=0, stdout=out)

    assert out.getvalue() == ""


def test_rebuild_catches_up_an_article_edited_during_the_build(monkeypatch):
    article = make_article("Judul lama")
    real = rebuild.article_documents

    def documents_then_an_edit(ids):
        yield from real(ids)
        # An editor saves while the build runs: the document just written is already out of date.
        Article.objects.filter(pk=article.pk).update(title="Judul baru", updated_at=timezone.now())

    monkeypatch.setattr(rebuild, "article_documents", documents_then_an_edit)
    out = StringIO()

    call_command("rebuild_index", stdout=out)

    assert indexed()[article.pk]["title"] == "Judul baru"
    assert "1 caught up after changes during the build" in out.getvalue()


def test_rebuild_brings_over_what_was_written_to_the_old_index_at_the_swap(monkeypatch):
    edited = make_article("Judul lama")
    deleted = make_article("Akan dihapus")
    later = make_article("Dibuat lama, disimpan saat pertukaran")
    real = rebuild._make_current
    swapped = []

    def writes_then_swap(path):
        # Between the first catch-up and the swap, saves commit and are indexed into the old generation only.
        Article.objects.filter(pk=edited.pk).update(title="Judul baru", updated_at=timezone.now())
        # A long transaction: saved (its updated_at) before the build began, committed only now.
        Article.objects.filter(pk=later.pk).update(title="Versi akhir", updated_at=later.updated_at + timedelta(
            microseconds=5000))
        Article.objects.filter(pk=deleted.pk).delete()
        created = make_article("Berita baru saat pertukaran")
        swapped.append(created.pk)
        real(path)

    monkeypatch.setattr(rebuild, "_make_current", writes_then_swap)
    call_command("rebuild_index", stdout=StringIO())

    documents = indexed()
    assert documents[edited.pk]["title"] == "Judul baru"
    assert documents[later.pk]["title"] == "Versi akhir"
    assert deleted.pk not in documents and swapped[0] in documents
    assert indexing.index_check().ok


def people_in_index(article_id: int) -> set[str]:
    with open_current().searcher() as searcher:
        docnum = searcher.document_number(id=str(article_id))
        return {term.decode() for term in searcher.reader().lexicon("people")
                if docnum in set(searcher.reader().postings("people", term).all_ids())}


def test_rebuild_brings_over_a_change_that_leaves_the_article_row_alone(monkeypatch, index_now,
                                                                         django_capture_on_commit_callbacks):
    article = make_article("Jokowi meresmikan bendungan")
    person = make_person("Joko Widodo")
    index_now()  # the generation that serves during the rebuild
    real = rebuild._make_current

    def link_then_swap(path):
        # An editor adds a person between the first catch-up and the swap: the article row keeps its last change,
        # and on-commit indexing writes into the old generation.
        with django_capture_on_commit_callbacks(execute=True):
            ArticlePerson.objects.create(article=article, person=person, origin=LinkOrigin.EDITOR_ADDED)
        real(path)

    monkeypatch.setattr(rebuild, "_make_current", link_then_swap)
    call_command("rebuild_index", stdout=StringIO())

    assert people_in_index(article.pk) == {person.slug}
    assert not (indexing.index_root() / indexing.JOURNAL).exists()


def test_index_writes_outside_a_rebuild_keep_no_journal(index_now):
    index_now(make_article("Banjir di Jakarta"))
    assert not (indexing.index_root() / indexing.JOURNAL).exists()


@pytest.mark.parametrize(("option", "lower_by"), [((), 10), (("--nice", "0"), 0), (("--nice", "3"), 3)])
def test_rebuild_from_the_command_line_runs_at_lower_cpu_priority(option, lower_by, tmp_index):
    script = (
        "import os, sys, django; django.setup(); from django.core.management import execute_from_command_line; "
        "from articles.management.commands import rebuild_index as command; "
        "command.rebuild_index = lambda **kw: sys.exit(print('priority', os.getpriority(os.PRIO_PROCESS, 0))); "
        "execute_from_command_line(sys.argv)"
    )
    result = subprocess.run(
        [sys.executable, "-c", script, "rebuild_index", *option],
        cwd=ROOT, capture_output=True, text=True, env={**os.environ, "ARSIP_INDEX_DIR": str(tmp_index),
                                                       "DJANGO_SETTINGS_MODULE": "newsarchive.settings.test"},
    )
    assert result.returncode == 0, result.stderr
    before = os.getpriority(os.PRIO_PROCESS, 0)
    assert f"priority {min(19, before + lower_by)}" in result.stdout


def test_rebuild_through_call_command_leaves_the_callers_priority_alone():
    before = os.getpriority(os.PRIO_PROCESS, 0)
    call_command("rebuild_index", stdout=StringIO())
    assert os.getpriority(os.PRIO_PROCESS, 0) == before


def test_second_rebuild_while_one_runs_is_refused(no_index):
    indexing.index_root().mkdir(parents=True)
    with open(indexing.index_root() / "rebuild.lock", "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)  # as a running rebuild_index holds it

        with pytest.raises(CommandError, match="Another rebuild_index is running"):
            call_command("rebuild_index", stdout=StringIO())

    assert not indexing.index_exists()


def dead_pid() -> int:
    """Return the pid of a process that has ended."""
    process = subprocess.Popen(["true"])
    process.wait()
    return process.pid


def test_the_refusal_names_the_running_rebuilds_pid():
    with open(indexing.index_root() / indexing.REBUILD_LOCK, "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        handle.write(processes.holder_line())  # this very process: alive
        handle.flush()

        with pytest.raises(CommandError, match=rf"Another rebuild_index \(pid {os.getpid()}\) is running"):
            call_command("rebuild_index", stdout=StringIO())


def test_a_lock_held_for_a_dead_rebuild_is_cleared(monkeypatch):
    monkeypatch.setattr(rebuild, "_ABANDONED_AFTER_SECONDS", 0)
    make_article("Berita")
    root = indexing.index_root()
    (root / indexing.JOURNAL).write_text("7 8 9\n")  # the dead rebuild's journal
    with open(root / indexing.REBUILD_LOCK, "w") as orphan:
        # A writer the dead rebuild forked still holds the lock it inherited (a platform without prctl).
        fcntl.flock(orphan, fcntl.LOCK_EX | fcntl.LOCK_NB)
        orphan.write(f"{dead_pid()} {processes.socket.gethostname()}\n")
        orphan.flush()

        out = StringIO()
        call_command("rebuild_index", stdout=out)

    assert "Rebuilt the index: 1 articles" in out.getvalue()
    assert not (root / indexing.JOURNAL).exists()
    assert processes.holder_parse((root / indexing.REBUILD_LOCK).read_text()).pid == os.getpid()


def test_the_journal_of_a_dead_rebuild_is_removed_by_the_next_index_write(index_now):
    journal = indexing.index_root() / indexing.JOURNAL
    journal.write_text("")  # left by a rebuild killed midway: nobody holds the lock

    index_now(make_article("Banjir di Jakarta"))

    assert not journal.exists()


def test_a_running_rebuilds_journal_takes_the_write(index_now):
    journal = indexing.index_root() / indexing.JOURNAL
    journal.write_text("")
    article = make_article("Banjir di Jakarta")
    with open(indexing.index_root() / indexing.REBUILD_LOCK, "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)  # the rebuild runs

        index_now(article)

    assert journal.read_text().split() == [str(article.pk)]


@pytest.mark.parametrize("failing", ["article_documents", "_write", "_make_current"],
                         ids=["while-writing", "while-catching-up", "at-the-swap"])
def test_rebuild_killed_midway_leaves_the_old_index_serving(failing, monkeypatch, index_now):
    old = make_article("Gempa di Cianjur")
    index_now()
    serving = os.readlink(indexing.current_dir())
    assert search_ids("gempa") == [old.pk]
    make_article("Gempa susulan di Cianjur")  # in the database, waiting for the rebuild
    generations = set(indexing.index_root().glob("gen-*"))
    if failing == "_write":
        # Make the catch-up run: an article that changed while the build ran.
        real = rebuild.article_documents

        def documents_then_an_edit(ids):
            yield from real(ids)
            Article.objects.filter(pk=old.pk).update(updated_at=timezone.now() + timedelta(minutes=5))

        monkeypatch.setattr(rebuild, "article_documents", documents_then_an_edit)

    def killed(*args, **kwargs):
        raise KeyboardInterrupt  # as a Ctrl-C or a killed worker: not an Exception

    monkeypatch.setattr(rebuild, failing, killed)
    with pytest.raises(KeyboardInterrupt):
        call_command("rebuild_index", stdout=StringIO())

    assert set(indexing.index_root().glob("gen-*")) > generations  # the new generation had been started
    assert os.readlink(indexing.current_dir()) == serving
    assert search_ids("gempa") == [old.pk]
    monkeypatch.undo()

    call_command("rebuild_index", stdout=StringIO())  # the lock was released: the repair can run

    assert len(search_ids("gempa")) == 2


# --- system checks ----------------------------------------------------------------------------------------------


def check_ids() -> list[str]:
    return [message.id for message in search_index_check()]


def test_checks_are_registered(no_index, monkeypatch):
    monkeypatch.setattr(os, "access", lambda path, mode, **kw: not mode & os.W_OK)

    assert "articles.W001" in [message.id for message in run_checks(tags=[Tags.database])]
    assert {"articles.W001", "articles.E001"} <= {message.id for message in run_checks()}


def test_no_index_is_warning_w001(no_index):
    messages = search_index_check()

    assert [message.id for message in messages] == ["articles.W001"]
    assert isinstance(messages[0], Warning)
    assert str(no_index) in messages[0].msg
    assert "rebuild_index" in messages[0].hint


@pytest.mark.parametrize("version_file", [json.dumps({"schema_version": SCHEMA_VERSION - 1}), "not json", None],
                         ids=["older", "unreadable", "missing"])
def test_index_of_another_schema_is_warning_w002(version_file):
    indexing.open_index()
    path = indexing.current_dir() / indexing.VERSION_FILE
    if version_file is None:
        path.unlink()
    else:
        path.write_text(version_file)

    messages = search_index_check()

    assert [message.id for message in messages] == ["articles.W002"]
    assert f"this code uses {SCHEMA_VERSION}" in messages[0].msg
    assert "rebuild_index" in messages[0].hint


def test_current_index_passes():
    indexing.open_index()

    assert search_index_check() == []


def test_an_empty_index_while_the_database_is_not_is_warning_w003():
    make_article("Berita pertama")
    make_article("Berita kedua")

    messages = search_index_check()

    assert [message.id for message in messages] == ["articles.W003"]
    assert isinstance(messages[0], Warning)
    assert "empty while the database holds 2 articles" in messages[0].msg
    assert "rebuild_index" in messages[0].hint


def test_an_index_that_cannot_be_read_is_reported_and_repaired(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        article = make_article("Gempa di Cianjur")
    for toc in indexing.current_dir().glob("*.toc"):
        toc.write_bytes(b"garbage")  # a torn copy, a disk error

    assert [message.id for message in search_index_check()] == ["articles.W004"]
    with pytest.raises(indexing.IndexUnavailableError, match="cannot be read"):
        search_ids("gempa")
    with pytest.raises(CommandError, match="drifted"):  # a report, not a traceback
        call_command("rebuild_index", "--check", stdout=StringIO())
    call_command("rebuild_index", "--repair", stdout=StringIO())

    assert search_ids("gempa") == [article.pk]


def test_searching_without_an_index_makes_none(no_index):
    make_article("Berita")

    with pytest.raises(indexing.IndexUnavailableError, match="rebuild_index"):
        search_ids("berita")

    assert not indexing.index_exists()


def test_ingest_and_check_run_when_the_index_is_read_only(read_only_index, article_log):
    page = ROOT / "fixtures" / "sample_articles" / "000_d265c6c67765e1ff.txt"
    out = StringIO()

    with pytest.raises(CommandError) as refused:
        call_command("check", stdout=out, stderr=out)  # other commands still fail on it
    assert "articles.E001" in str(refused.value)
    with pytest.raises(CommandError) as ingest:
        call_command("ingest_articles", str(page), skip_checks=False, stdout=out, stderr=out)

    assert ingest.value.returncode == 1
    assert "Ingested 1, unchanged 0, updated 0, failed 0" in out.getvalue()
    article = Article.objects.get()
    assert f"Saved but not indexed: 1 articles (Permission denied: {read_only_index}" in str(ingest.value)
    assert "rebuild_index --repair" in str(ingest.value)
    check = StringIO()
    with pytest.raises(CommandError) as drift:
        call_command("rebuild_index", "--check", skip_checks=False, stdout=check)
    assert drift.value.returncode == 1
    assert f"1 waiting in the index queue (saved, not yet indexed): {article.pk}" in check.getvalue()
    assert "The index directory is not writable" in check.getvalue()
    with pytest.raises(CommandError, match="Could not repair the index: Permission denied") as repair:
        call_command("rebuild_index", "--repair", skip_checks=False, stdout=StringIO())
    assert repair.value.returncode == 1


@pytest.mark.parametrize("exists", [True, False], ids=["index-dir", "its-parent"])
def test_unwritable_index_directory_is_error_e001(exists, no_index, monkeypatch):
    tmp_index = no_index
    if exists:
        tmp_index.mkdir()
    unwritable = tmp_index if exists else tmp_index.parent
    os.chmod(unwritable, 0o555)
    if os.geteuid() == 0:
        # Root may write anywhere, so os.access says yes whatever the mode: answer as it would for another user.
        real_access = os.access

        def access(path, mode, **kwargs):
            if str(path) == str(unwritable) and mode & os.W_OK:
                return False
            return real_access(path, mode, **kwargs)

        monkeypatch.setattr(os, "access", access)
    try:
        messages = search_index_writable_check()
    finally:
        os.chmod(unwritable, 0o755)

    assert [message.id for message in messages] == ["articles.E001"]
    assert isinstance(messages[0], Error)
    assert str(tmp_index) in messages[0].msg
    assert "ARSIP_INDEX_DIR" in messages[0].hint


def test_a_parallel_rebuild_finds_what_a_single_process_rebuild_finds(db, monkeypatch):
    for number in range(12):
        make_article(f"Banjir {number} di Jakarta", published=f"2020-01-{number + 1:02d} 08:00",
                     body=f"Hujan deras {'semalam' if number % 2 else 'sejak pagi'} membuat banjir di "
                          f"{number} kelurahan.")
    searches = ["banjir", '"sejak pagi"', "hujan -semalam", ""]
    rebuild.rebuild_index()
    single = {text: search_ids(text) for text in searches}
    assert len(indexing.open_index().reader().leaf_readers()) == 1

    monkeypatch.setattr(rebuild, "PARALLEL_BUILD_FROM", 5)
    monkeypatch.setattr(rebuild, "PARALLEL_BATCH", 4)
    monkeypatch.setattr(rebuild.os, "cpu_count", lambda: 2)
    rebuild.rebuild_index()

    # A segment per sub-writer that got documents: the queue hands the batches to whichever is free, and the bulk
    # writer leaves no empty segment for one that got none.
    assert 1 <= len(indexing.open_index().reader().leaf_readers()) <= 2
    assert {text: search_ids(text) for text in searches} == single
    assert indexing.index_check().ok
