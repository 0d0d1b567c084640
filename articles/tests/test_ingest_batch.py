"""Issue 17: the batch ingest (pages parsed in worker processes, new stories saved with a handful of queries per
batch) leaves the archive as page-by-page ingest does, for new pages, copies, updates and failures alike."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.ingest import ParseError, parse_article
from articles.ingest.types import Page, PageHints
from articles.management.commands.ingest_articles import result_json
from articles.models import Article, ArticleRevision, Person
from articles.services import ingest
from articles.services.entities import entity_extractor_build
from articles.services.ingest import IngestResult, IngestStatus, page_ingest, pages_ingest

SAMPLES = sorted((Path(settings.BASE_DIR) / "fixtures" / "sample_articles").glob("*.txt"))


def sample(number: int) -> str:
    return SAMPLES[number].read_text(encoding="utf-8")


def page(name: str, text: str, url: str = "") -> Page:
    return Page(name, data=text.encode("utf-8"), hints=PageHints(url=url, source="sidecar") if url else PageHints())


def retitled(text: str, title: str) -> str:
    """Return a sample page under another headline: a new story (another text, headline and URL) with its body."""
    return text.replace(parse_article(text, source_name="x.txt").title, title)


def changed(text: str) -> str:
    """Return a sample page whose body has one paragraph more: the outlet changed the story."""
    body = parse_article(text, source_name="x.txt").body
    last = body.split("\n\n")[-1]
    return text.replace(last, last + "\n\nRedaksi menambahkan keterangan baru pada berita ini setelah terbit.")


def one_by_one(pages: list[Page]) -> list[IngestResult]:
    """Ingest page by page, as before issue 17 (page_ingest for each, a failure reported as its reason)."""
    extractor = entity_extractor_build()
    results = []
    for each in pages:
        if each.error:
            results.append(IngestResult(name=each.name, status=IngestStatus.FAILED, error=each.error))
            continue
        try:
            results.append(page_ingest(page=each, extractor=extractor))
        except ParseError as error:  # pragma: no cover - page_ingest reports these itself
            results.append(IngestResult(name=each.name, status=IngestStatus.FAILED, error=error.reason))
    return results


def archive() -> dict:
    """Return what the archive holds, keyed by page text (ids differ between runs; a cluster is named by the text of
    the article whose id keys it)."""
    sha_of = dict(Article.objects.values_list("pk", "source_sha256"))
    articles = {}
    for article in Article.objects.prefetch_related("person_links__person", "country_links__country"):
        articles[article.source_sha256] = (
            article.url, article.title, article.body, article.published, article.source_name, article.outlet.slug,
            article.fetched_at, sorted((link.person.name, link.origin, link.context)
                                       for link in article.person_links.all()),
            sorted(link.country.code for link in article.country_links.all()),
            sha_of.get(article.cluster), bytes(article.fingerprint) if article.fingerprint else None,
        )
    revisions = sorted(ArticleRevision.objects.values_list("article__source_sha256", "source_sha256", "title",
                                                           "body", "source_name"))
    people = sorted(Person.objects.values_list("name", "slug", "status"))
    return {"articles": articles, "revisions": revisions, "people": people}


def outcome(results: list[IngestResult]) -> list[tuple]:
    return [(result.name, result.status, result.error,
             result.article.source_sha256 if result.article is not None else None) for result in results]


def mixed_pages() -> tuple[list[Page], list[Page]]:
    """Return (pages stored before, the batch): new stories, a copy of one of them in the same batch, a near copy
    (a cluster), an update of a stored story, a stored page again, a page that fails to read and one the reader
    refused, in the middle."""
    before = [page("lama.txt", sample(3), "https://contoh.id/lama"), page("tetap.txt", sample(4))]
    batch = [
        page("satu.txt", sample(0), "https://contoh.id/1"),
        page("dua.txt", sample(1)),
        page("kosong.txt", "   \n"),
        page("satu-lagi.txt", sample(0), "https://contoh.id/1"),
        page("salinan.txt", retitled(sample(0), "Judul lain untuk salinan berita yang sama"), "https://contoh.id/s"),
        Page("rusak.txt", error="not UTF-8"),
        page("lama-berubah.txt", changed(sample(3)), "https://contoh.id/lama"),
        page("tetap-lagi.txt", sample(4)),
        page("dua-tanpa-url-lagi.txt", sample(1)),
        *[page(f"baru-{number}.txt", sample(number), f"https://contoh.id/baru/{number}") for number in range(5, 12)],
    ]
    return before, batch


def run_mixed(ingest_batch) -> tuple[list[tuple], dict]:
    before, batch = mixed_pages()
    assert {result.status for result in one_by_one(before)} == {IngestStatus.INGESTED}
    results = ingest_batch(batch)
    return outcome(results), archive()


def archive_empty(on_commit) -> None:
    """Delete what a run saved (its after-commit work, the clusters' recompute, run at once as in the admin)."""
    with on_commit(execute=True):
        Article.objects.all().delete()
        Person.objects.filter(status=Person.Status.DISCOVERED).delete()


@pytest.fixture
def reference(db):
    call_command("load_sample_archive", reference_only=True, verbosity=0)


@pytest.mark.parametrize("parallel", [False, True], ids=["in-process", "workers"])
def test_the_batch_leaves_the_archive_as_page_by_page_ingest_does(reference, monkeypatch, parallel,
                                                                  django_capture_on_commit_callbacks):
    expected_results, expected = run_mixed(one_by_one)
    archive_empty(django_capture_on_commit_callbacks)
    monkeypatch.setattr(ingest, "PARALLEL_FROM", 2 if parallel else 10**6)
    results, got = run_mixed(lambda pages: list(pages_ingest(pages=pages)))

    assert results == expected_results
    statuses = [status for _, status, _, _ in results]
    assert statuses[:9] == [IngestStatus.INGESTED, IngestStatus.INGESTED, IngestStatus.FAILED,
                            IngestStatus.UNCHANGED, IngestStatus.INGESTED, IngestStatus.FAILED,
                            IngestStatus.UPDATED, IngestStatus.UNCHANGED, IngestStatus.UNCHANGED]
    assert results[5][2] == "not UTF-8"
    assert got == expected
    clusters = [entry[9] for entry in got["articles"].values()]
    assert len(clusters) > len(set(clusters))  # the near copy joined its story's cluster
    assert got["revisions"]  # the changed story kept its earlier version


def test_a_bulk_write_that_fails_is_saved_again_page_by_page(reference, monkeypatch,
                                                             django_capture_on_commit_callbacks):
    expected_results, expected = run_mixed(one_by_one)
    archive_empty(django_capture_on_commit_callbacks)

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(ingest, "articles_cluster_join", broken)
    results, got = run_mixed(lambda pages: list(pages_ingest(pages=pages)))

    assert results == expected_results
    assert got == expected


def new_stories(count: int, tag: str) -> list[Page]:
    return [page(f"{tag}-{number}.txt", retitled(sample(number % len(SAMPLES)), f"Berita {tag} nomor {number}"),
                 f"https://contoh.id/{tag}/{number}") for number in range(count)]


def test_new_stories_cost_a_bound_of_queries_per_batch_not_per_page(reference, monkeypatch):
    monkeypatch.setattr(ingest, "PARALLEL_FROM", 10**6)
    list(pages_ingest(pages=new_stories(len(SAMPLES), "awal")))  # the people the pages name exist from here on
    counts = {}
    for count in (40, 200):
        with CaptureQueriesContext(connection) as queries:
            results = list(pages_ingest(pages=new_stories(count, f"n{count}")))
        assert {result.status for result in results} == {IngestStatus.INGESTED}
        counts[count] = len(queries)
    # Bulk inserts split rows by SQLite's 999 variables (41 articles a query): a few more for five times the pages.
    assert counts[200] <= counts[40] + 12, counts
    assert counts[200] < 200 / 4, counts


def test_a_dry_run_parses_in_workers_as_in_process(db, monkeypatch):
    pages = [page(f"{number}.txt", sample(number % len(SAMPLES))) for number in range(60)] + [page("x.txt", " ")]

    def dry_run(parallel_from):
        monkeypatch.setattr(ingest, "PARALLEL_FROM", parallel_from)
        return [result_json(result) for result in pages_ingest(pages=pages, dry_run=True)]

    in_process, workers = dry_run(10**6), dry_run(50)
    assert workers == in_process
    assert [record["ok"] for record in workers] == [True] * 60 + [False]
    assert not Article.objects.exists()


@pytest.mark.parametrize("parallel_from", [10**6, 50], ids=["in-process", "workers"])
def test_a_resumed_run_skips_stored_pages_unparsed(db, monkeypatch, parallel_from):
    pages = [page(f"{number}.txt", sample(number), f"https://contoh.id/{number}") for number in range(len(SAMPLES))]
    first = list(pages_ingest(pages=pages, resume=True))
    monkeypatch.setattr(ingest, "PARALLEL_FROM", parallel_from)

    def unparsable(*args, **kwargs):
        raise ParseError("parsed again")

    monkeypatch.setattr(ingest, "parse_article", unparsable)
    again = list(pages_ingest(pages=[*pages, page("baru.txt", sample(0) + "\nTambahan.")], resume=True))

    assert [result.status for result in again] == [IngestStatus.UNCHANGED] * len(SAMPLES) + [IngestStatus.FAILED]
    assert [result.article.pk for result in again[:-1]] == [result.article.pk for result in first]
    assert again[-1].error == "parsed again"


def test_a_parse_worker_that_dies_leaves_the_rest_parsed_here(db, monkeypatch, caplog):
    """A worker killed mid-page (out of memory, a crash in C code) never answers; the run does not wait for ever: the
    pages are parsed in this process instead, every one of them reported."""
    pages = [page(f"{number}.txt", sample(number % len(SAMPLES))) for number in range(400)]
    parent = os.getpid()
    real = ingest._Preparer.__call__

    def dies_in_a_worker(self, one):
        if one.name == "7.txt" and os.getpid() != parent:
            os._exit(9)
        return real(self, one)

    monkeypatch.setattr(ingest._Preparer, "__call__", dies_in_a_worker)
    monkeypatch.setattr(ingest, "PARALLEL_FROM", 50)
    monkeypatch.setattr(ingest, "WINDOW_SECONDS", 5)
    expected = [result_json(result) for result in pages_ingest(pages=pages[:3], dry_run=True)]

    results = [result_json(result) for result in pages_ingest(pages=pages, dry_run=True)]

    assert len(results) == 400 and all(record["ok"] for record in results)
    assert [record["file"] for record in results] == [f"{number}.txt" for number in range(400)]
    assert results[:3] == expected
    assert "parse workers gave no answer" in caplog.text


def updates_run(ingest_batch) -> tuple[list[tuple], dict]:
    """Store six stories (one with an editor's links), then ingest, in one batch, new versions of them that name
    other people and countries (another sample's text at their URL), a new story between them, and one story's
    version twice."""
    from articles.models import ArticleCountry, ArticlePerson, Country, LinkOrigin

    before = [page(f"lama-{number}.txt", sample(number), f"https://contoh.id/lama/{number}") for number in range(3, 9)]
    assert {result.status for result in one_by_one(before)} == {IngestStatus.INGESTED}
    edited = Article.objects.get(url="https://contoh.id/lama/3")
    extracted = edited.person_links.filter(origin=LinkOrigin.EXTRACTED).first()
    if extracted is not None:
        extracted.origin = LinkOrigin.EDITOR_REMOVED
        extracted.save()
    ArticlePerson.objects.create(article=edited, person=Person.objects.create(name="Editor Menambah", slug="editor-m"),
                                 origin=LinkOrigin.EDITOR_ADDED)
    ArticleCountry.objects.get_or_create(article=edited, country=Country.objects.order_by("pk").first(),
                                         defaults={"origin": LinkOrigin.EDITOR_ADDED})
    batch = [
        page("baru-3.txt", sample(13), "https://contoh.id/lama/3"),
        page("baru-4.txt", sample(14), "https://contoh.id/lama/4"),
        page("lain.txt", sample(20), "https://contoh.id/lain"),
        page("baru-5.txt", sample(15), "https://contoh.id/lama/5"),
        page("baru-3-lagi.txt", changed(sample(16)), "https://contoh.id/lama/3"),
        page("baru-6.txt", sample(17), "https://contoh.id/lama/6"),
        page("lain-2.txt", sample(21), "https://contoh.id/lain-2"),
    ]
    return outcome(ingest_batch(batch)), archive()


@pytest.mark.parametrize("parallel", [False, True], ids=["in-process", "workers"])
def test_updates_in_one_batch_leave_the_archive_as_page_by_page_ingest_does(reference, monkeypatch, parallel,
                                                                           django_capture_on_commit_callbacks):
    expected_results, expected = updates_run(one_by_one)
    archive_empty(django_capture_on_commit_callbacks)
    Person.objects.filter(slug="editor-m").delete()
    monkeypatch.setattr(ingest, "PARALLEL_FROM", 2 if parallel else 10**6)
    results, got = updates_run(lambda pages: list(pages_ingest(pages=pages)))

    assert results == expected_results
    assert [status for _, status, _, _ in results].count(IngestStatus.UPDATED) == 5
    assert got == expected
    assert len(got["revisions"]) == 5
