"""The PostgreSQL engine's own behaviour: its rows written in the article's transaction, taken back with it, removed
with the article; check, repair and rebuild through the command; bounds and deadlines. On PostgreSQL only (the engine
is refused on SQLite; that refusal is tested here too, on any database)."""

from __future__ import annotations

import os
import subprocess
import sys
from contextlib import contextmanager
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import OperationalError, connection, transaction

from articles import selectors
from articles.models import Article, ArticlePerson, LinkOrigin, PendingIndex, SearchDocument, SearchWord
from articles.search import backends
from articles.search.budget import Work
from articles.search.engine import SearchFilters
from articles.search.query import parse_query
from articles.search.schema import SCHEMA_VERSION
from articles.tests.builders import make_article, make_outlet, make_person

ROOT = Path(__file__).resolve().parents[3]

on_postgres = pytest.mark.skipif(
    os.environ.get("ARSIP_DATABASE_URL", "").split(":")[0] not in ("postgres", "postgresql"),
    reason="the PostgreSQL search engine needs a PostgreSQL database (ARSIP_DATABASE_URL; make test's PostgreSQL runs)")


@pytest.fixture
def postgres_engine():
    """The PostgreSQL engine answers (whatever ARSIP_SEARCH_BACKEND says), and the one before is put back after."""
    from articles.pgsearch.backend import PostgresBackend

    before = backends.backend()
    backends.backend_set(PostgresBackend())
    yield backends.backend()
    backends.backend_set(before)


def found(text: str, **filters) -> list[int]:
    result = selectors.article_search(text=text, filters=SearchFilters(**filters), per_page=100, snippets=False)
    return sorted(hit.article_id for hit in result.hits)


def test_the_postgres_engine_is_refused_on_sqlite_with_a_clear_error(tmp_path):
    env = {**os.environ, "ARSIP_SEARCH_BACKEND": "postgres", "ARSIP_VAR_DIR": str(tmp_path),
           "DJANGO_SETTINGS_MODULE": "newsarchive.settings.dev"}
    env.pop("ARSIP_DATABASE_URL", None)
    done = subprocess.run([sys.executable, "manage.py", "check"], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=120)
    assert done.returncode != 0
    assert "ARSIP_SEARCH_BACKEND=postgres searches with PostgreSQL's full-text search" in done.stderr


def test_an_unknown_engine_is_refused(tmp_path):
    env = {**os.environ, "ARSIP_SEARCH_BACKEND": "solr", "ARSIP_VAR_DIR": str(tmp_path)}
    done = subprocess.run([sys.executable, "manage.py", "check"], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=120)
    assert done.returncode != 0 and "ARSIP_SEARCH_BACKEND must be 'whoosh' or 'postgres', not 'solr'" in done.stderr


@on_postgres
@pytest.mark.django_db(transaction=True)
def test_a_save_is_searchable_in_its_own_transaction_and_a_rollback_takes_the_row_back(postgres_engine):
    with transaction.atomic():
        kept = make_article("Penangkapan bandar narkoba di Medan", body="Polisi menangkap tersangka.")
        # Inside the transaction, before its commit: the row is there, and nothing is queued for an index.
        assert SearchDocument.objects.filter(article=kept).exists()
    with pytest.raises(RuntimeError), transaction.atomic():
        lost = make_article("Ditangkap di perbatasan", body="Petugas menangkap penyelundup.")
        raise RuntimeError("the editor's save fails after the article row")

    assert not Article.objects.filter(pk=lost.pk).exists()
    assert list(SearchDocument.objects.values_list("article_id", flat=True)) == [kept.pk]
    assert not PendingIndex.objects.exists()
    # Our stems: "ditangkap" finds "Penangkapan" (tangkap), as with the Whoosh index.
    assert found("ditangkap") == [kept.pk]


@on_postgres
@pytest.mark.django_db
def test_links_and_deletes_follow_in_the_same_transaction(postgres_engine):
    article = make_article("Kunjungan kenegaraan ke Jepang", body="Presiden berangkat pagi ini.")
    jokowi = make_person("Joko Widodo")
    # A link saved on its own (an editor adding a person): its signal writes the article's row again.
    ArticlePerson.objects.create(article=article, person=jokowi, origin=LinkOrigin.EDITOR_ADDED)

    assert found("", people=["joko-widodo"]) == [article.pk]
    article.delete()
    assert not SearchDocument.objects.exists()
    assert found("kunjungan") == []


@on_postgres
@pytest.mark.django_db
def test_check_repair_and_rebuild_through_the_command(postgres_engine):
    outlet = make_outlet()
    articles = [make_article(f"Banjir bandang melanda desa {n}", body="Warga mengungsi ke balai desa.",
                             outlet=outlet) for n in range(3)]
    # An analyzer change (an older version's row), a row lost, and one left from nowhere: what --check is for.
    SearchDocument.objects.filter(article=articles[0]).update(version=SCHEMA_VERSION - 1)
    SearchDocument.objects.filter(article=articles[1]).delete()
    out = StringIO()
    with pytest.raises(CommandError):
        call_command("rebuild_index", "--check", stdout=out)
    assert "1 missing from the index" in out.getvalue()
    assert "1 older in the index than in the database" in out.getvalue()

    out = StringIO()
    call_command("rebuild_index", "--repair", stdout=out)
    assert "Repaired the index in place: wrote 2 documents." in out.getvalue()
    call_command("rebuild_index", "--check", stdout=StringIO())  # raises if anything still differs
    assert found("mengungsi") == sorted(article.pk for article in articles)

    SearchWord.objects.all().delete()
    out = StringIO()
    call_command("rebuild_index", stdout=out)
    assert "Rebuilt the index: 3 articles" in out.getvalue()
    # The vocabulary is counted afresh from the rows: every word's articles.
    assert SearchWord.objects.get(word="banjir").docs == 3
    assert SearchWord.objects.get(word="mengungsi").docs == 3


@on_postgres
@pytest.mark.django_db
def test_a_typo_is_corrected_from_the_vocabulary(postgres_engine):
    make_article("Kerja sama pertahanan dengan Rusia", body="Menteri membahas kerja sama pertahanan dengan Rusia.")
    make_article("Rusia dan Indonesia", body="Pertemuan di Moskwa membahas perdagangan Rusia.")

    result = selectors.article_search(text="rusai", filters=SearchFilters(), snippets=False)

    assert result.total == 0
    assert result.suggestion == "rusia" and result.suggestion_total == 2


@on_postgres
@pytest.mark.django_db
def test_a_search_past_its_deadline_answers_with_nothing_and_says_so(postgres_engine):
    make_article("Harga beras naik", body="Harga beras naik menjelang pemilu.")
    work = Work(seconds=0)

    result = backends.backend().search(parse_query("beras"), {}, SearchFilters(), work=work)

    assert result.total == 0 and result.hits == [] and result.incomplete == "time"


@on_postgres
@pytest.mark.django_db
def test_a_statement_stopped_by_postgres_is_an_incomplete_search_not_an_error(postgres_engine, monkeypatch):
    from articles.pgsearch import backend as pg

    make_article("Harga beras naik", body="Harga beras naik menjelang pemilu.")

    def slow_answer(cursor, *args, **kwargs):
        cursor.execute("SELECT pg_sleep(1)")  # past the statement timeout the search set
        raise AssertionError("PostgreSQL let a statement run past the search's deadline")

    monkeypatch.setattr(pg, "_answer", slow_answer)
    result = backends.backend().search(parse_query("beras"), {}, SearchFilters(), work=Work(seconds=0.2))

    assert result.total == 0 and result.incomplete == "time"
    with connection.cursor() as cursor:  # the deadline did not outlive the search
        cursor.execute("SHOW statement_timeout")
        assert cursor.fetchone()[0] == "0"


@on_postgres
@pytest.mark.django_db
def test_hostile_text_is_searched_as_words_never_as_sql_or_tsquery(postgres_engine):
    article = make_article("Jum'at keramat di Sumenep", body="Warga berziarah pada Jum'at pagi.")
    for text in ["jum'at", "'); DROP TABLE articles_article; --", "a:* | !b", "\\' OR 1=1", "jum'at*",
                 '"jum\'at keramat"', "x" * 5000]:
        result = selectors.article_search(text=text, filters=SearchFilters(), snippets=False)
        assert result.total in (0, 1)
    assert found("jum'at") == [article.pk]
    assert found('"jum\'at keramat"') == [article.pk]
    assert Article.objects.count() == 1


@on_postgres
@pytest.mark.django_db
def test_a_long_text_is_written_within_postgres_limits(postgres_engine):
    """A tsvector keeps 256 positions a word, positions up to 16383 and lexemes under 2 KiB: a page past all three
    is written (nothing raised) and found by its words."""
    body = " ".join(["ulang"] * 20_000) + " " + "k" * 3000 + " penutup"
    article = make_article("Teks yang sangat panjang", body=body)

    assert SearchDocument.objects.filter(article=article).exists()
    assert found("penutup") == [article.pk] and found("ulang") == [article.pk]


@on_postgres
@pytest.mark.django_db
def test_an_editors_removal_and_a_renamed_slug_reach_the_facets_at_once(postgres_engine):
    """What test_indexing checks of the Whoosh index after each commit, here inside the transaction itself."""
    jokowi = make_person("Joko Widodo")
    article = make_article("Presiden meresmikan bendungan", people=(jokowi,))
    backends.backend().write([article.pk])  # make_article links in bulk, which sends no signal
    assert found("", people=["joko-widodo"]) == [article.pk]

    jokowi.slug = "jokowi"
    jokowi.save()
    assert found("", people=["jokowi"]) == [article.pk] and found("", people=["joko-widodo"]) == []

    link = ArticlePerson.objects.get(article=article, person=jokowi)
    link.origin = LinkOrigin.EDITOR_REMOVED
    link.save()
    assert found("", people=["jokowi"]) == []


@on_postgres
@pytest.mark.django_db
def test_a_failed_search_write_keeps_the_save_and_repair_writes_it(postgres_engine, monkeypatch, caplog):
    """Bad input never loses the editor's work: the row's write fails in a savepoint of its own, the article stands,
    the batch says why (the admin tells the editor), searches say they are incomplete, and --repair mends it."""
    from articles.pgsearch import backend as pg
    from articles.services.index import index_batch

    def refused(*args, **kwargs):
        raise ValueError("a row PostgreSQL refuses")

    monkeypatch.setattr(pg, "document_vectors", refused)
    with index_batch() as batch:
        article = make_article("Gempa mengguncang Cianjur", body="Warga berhamburan keluar rumah.")
    assert "a row PostgreSQL refuses" in batch.problem
    assert "rebuild_index --repair" in caplog.text
    assert Article.objects.filter(pk=article.pk).exists() and not SearchDocument.objects.exists()
    assert backends.backend().shortfall() == 1

    monkeypatch.undo()
    call_command("rebuild_index", "--repair", stdout=StringIO())
    assert found("gempa") == [article.pk] and backends.backend().shortfall() == 0


@on_postgres
@pytest.mark.django_db
def test_a_worker_warm_up_asks_the_database_once_and_never_raises(postgres_engine, monkeypatch, caplog):
    make_article("Harga beras naik", body="Harga beras naik menjelang pemilu.")
    assert set(backends.backend().warm_up()) == {"database", "stems"}

    from articles.pgsearch import backend as pg

    monkeypatch.setattr(pg, "_reads", lambda: "no-such-database")
    assert backends.backend().warm_up() == {}
    assert "Search warm-up stopped" in caplog.text


@on_postgres
@pytest.mark.django_db
def test_a_broken_connection_is_a_message_on_the_page_never_a_500(postgres_engine, client, monkeypatch):
    from articles.pgsearch import backend as pg

    make_article("Harga beras naik", body="Harga beras naik menjelang pemilu.")

    @contextmanager
    def unreachable(alias, work):
        raise OperationalError("connection to server at 127.0.0.1, port 5433 failed: Connection refused")
        yield

    monkeypatch.setattr(pg, "_deadline", unreachable)  # the replica gone, say
    page = client.get("/", {"q": "beras"})
    answer = client.get("/api/search", {"q": "beras"})

    assert page.status_code == 200 and "Pencarian sedang tidak tersedia" in page.content.decode()
    assert answer.status_code in (200, 503) and "Pencarian sedang tidak tersedia" in answer.content.decode()


@on_postgres
@pytest.mark.django_db
def test_thousands_of_matches_are_ranked_by_their_leads_and_a_few_by_their_whole_texts(postgres_engine, monkeypatch):
    from articles.pgsearch import backend as pg

    outlet = make_outlet()
    filler = " ".join(["Warga kota berkumpul di alun-alun sejak pagi."] * 12)  # past the lead's LEAD_WORDS
    deep = make_article("Pertemuan warga di alun-alun", outlet=outlet,
                        body=filler + " " + " ".join(["Banjir merendam jalan."] * 8))
    early = make_article("Pertemuan warga di balai kota", outlet=outlet, body="Banjir merendam jalan. " + filler)

    def order() -> list[int]:
        result = selectors.article_search(text="banjir", filters=SearchFilters(), snippets=False, sort="relevance")
        assert result.total == 2
        return [hit.article_id for hit in result.hits]

    # A few matches: the whole text, where the deep one says it eight times.
    assert order() == [deep.pk, early.pk]
    # Past RANK_WHOLE matches: the leads, where only the early one has the word; both are still found and counted.
    monkeypatch.setattr(pg, "RANK_WHOLE", 1)
    assert order() == [early.pk, deep.pk]


@on_postgres
@pytest.mark.django_db
def test_a_row_written_before_the_lead_is_stale_and_repair_writes_it(postgres_engine):
    article = make_article("Banjir bandang melanda desa", body="Warga mengungsi ke balai desa.")
    SearchDocument.objects.filter(article=article).update(lead=None)  # as migration 0013 leaves an older row

    check = backends.backend().check()
    assert check.stale == [article.pk]
    assert selectors.article_search(text="mengungsi", filters=SearchFilters(), snippets=False).total == 1

    call_command("rebuild_index", "--repair", stdout=StringIO())
    assert SearchDocument.objects.get(article=article).lead
    assert backends.backend().check().stale == []


@on_postgres
@pytest.mark.django_db
def test_a_search_sets_its_plan_settings_for_itself_and_puts_them_back(postgres_engine):
    make_article("Harga beras naik", body="Harga beras naik menjelang pemilu.")
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL statement_timeout = '7s'")  # the test's own transaction: the search runs inside it
        cursor.execute("SELECT current_setting('enable_seqscan'), current_setting('jit')")
        before = cursor.fetchone()

        assert selectors.article_search(text="", filters=SearchFilters(outlet=["x"], year=["2017"]),
                                        snippets=False).incomplete == ""

        cursor.execute("SELECT current_setting('enable_seqscan'), current_setting('jit'), "
                       "current_setting('statement_timeout')")
        assert cursor.fetchone() == (*before, "7s")
