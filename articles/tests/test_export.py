"""GET /api/export.csv|jsonl and ``manage.py export_search`` through the test client and call_command, over the fixed
archive of ``articles/tests/conftest.py`` (13 articles; its docstring lists the counts) and real indexes."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import tracemalloc
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from articles.models import Article, ArticleCountry, ArticlePerson
from articles.search.backends import backend
from articles.tests.builders import make_article, make_country, make_outlet, make_person
from articles.web import export

CSV_URL = "/api/export.csv"
JSONL_URL = "/api/export.jsonl"
TRICKY_TITLE = 'Banjir, "besar" melanda;\nJakarta\r\nUtara'


def content(response) -> str:
    assert response.status_code == 200, response.content
    assert response.streaming
    return b"".join(response.streaming_content).decode("utf-8")


def read_csv(text: str) -> tuple[dict, list[dict]]:
    """Return the header object of the comment line and the rows, read back with the csv module."""
    first, rest = text.split("\r\n", 1)
    assert first.startswith("# ")
    return json.loads(first[2:]), list(csv.DictReader(io.StringIO(rest, newline="")))


def read_jsonl(text: str) -> tuple[dict, list[dict]]:
    lines = [json.loads(line) for line in text.splitlines()]
    assert set(lines[0]) == {"export"}
    return lines[0]["export"], lines[1:]


def api_ids(client, params: dict) -> tuple[int, list[int]]:
    answer = client.get("/api/search", {**params, "per_page": 100}).json()
    assert answer["pages"] == 1
    return answer["total"], [result["id"] for result in answer["results"]]


@pytest.mark.parametrize("params", [
    {"q": "suriah OR rusia", "outlet": ["tempo", "kompas"], "sort": "newest"},
    {"q": "penarikan pasukan"},
    {"year": "2017", "sort": "oldest"},
    {"country": "RU", "person": "retno-marsudi"},
    {},
])
def test_export_lists_the_apis_articles_in_its_order(client, archive, params):
    total, ids = api_ids(client, params)
    header, rows = read_csv(content(client.get(CSV_URL, params)))
    assert header["total"] == total == len(rows)
    assert [int(row["id"]) for row in rows] == ids
    jsonl_header, jsonl_rows = read_jsonl(content(client.get(JSONL_URL, params)))
    assert jsonl_header["total"] == total
    assert [row["id"] for row in jsonl_rows] == ids


def test_export_lists_every_article_of_a_collapsed_story(client, archive, index_now):
    """The page shows a story's near copies as one result; the export keeps one row per article, each naming its
    story's cluster: the API's articles with collapse=0, whatever collapse says."""
    copies = [archive.a.rusia_suriah, archive.a.amerika_suriah]
    Article.objects.filter(pk__in=[a.pk for a in copies]).update(cluster=copies[0].pk)
    index_now(*copies)
    params = {"q": "pasukan", "sort": "newest"}
    collapsed = client.get("/api/search", params).json()
    assert (collapsed["total"], collapsed["stories"]) == (3, 2)
    total, ids = api_ids(client, {**params, "collapse": "0"})
    for collapse in ("1", "0"):
        header, rows = read_csv(content(client.get(CSV_URL, {**params, "collapse": collapse})))
        assert header["total"] == total == 3 and [int(row["id"]) for row in rows] == ids
        assert {int(row["id"]): int(row["cluster"]) for row in rows} == {
            copies[0].pk: copies[0].pk, copies[1].pk: copies[0].pk,
            archive.a.prabowo_ukraina.pk: archive.a.prabowo_ukraina.pk}


def test_export_ignores_pages(client, archive):
    total, ids = api_ids(client, {"sort": "newest"})
    _header, rows = read_csv(content(client.get(CSV_URL, {"sort": "newest", "page": "2", "per_page": "5"})))
    assert [int(row["id"]) for row in rows] == ids and total == 13


def test_csv_escapes_commas_quotes_and_newlines(client, archive, index_now):
    tricky = make_article(TRICKY_TITLE, outlet=archive.tempo, published="2019-01-02 03:04", body="Air naik.",
                          people=(archive.retno, archive.jokowi), countries=(archive.sy, archive.ru))
    Article.objects.filter(pk=tricky.pk).update(url="https://tempo.co/read/1,2?a=\"b\"", dateline="Jakarta")
    index_now(tricky)
    response = client.get(CSV_URL, {"q": "banjir", "sort": "newest"})
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="arsip-berita-')
    header, rows = read_csv(content(response))
    assert list(rows[0]) == list(export.COLUMNS)
    assert rows[0] == {
        "id": str(tricky.pk), "url": 'https://tempo.co/read/1,2?a="b"', "outlet": "tempo", "outlet_name": "Tempo.co",
        "published": "2019-01-02T03:04:00+07:00", "title": TRICKY_TITLE, "author": "", "dateline": "Jakarta",
        "people": "Joko Widodo; Retno Marsudi", "countries": "Rusia; Suriah", "cluster": str(tricky.pk),
    }
    assert [row["id"] for row in rows[1:]] == [str(archive.a.banjir.pk)]
    assert rows[1]["url"] == "" and header["query"] == "banjir"


def test_jsonl_header_records_the_search_and_rows_carry_lists(client, archive):
    Article.objects.filter(pk=archive.a.retno_rusia.pk).update(cluster=archive.a.rusia_suriah.pk)
    response = client.get(JSONL_URL + "?q=rusia&country=RU&country=SY&sort=newest&utm_source=x")
    assert response["Content-Type"] == "application/x-ndjson; charset=utf-8"
    assert response["Content-Disposition"].endswith('.jsonl"')
    header, rows = read_jsonl(content(response))
    assert header["query"] == "rusia"
    assert header["parameters"] == {"q": ["rusia"], "country": ["RU", "SY"], "sort": ["newest"], "utm_source": ["x"]}
    assert header["sort"] == "newest" and header["total"] == len(rows) == 3
    # The generation searched: the Whoosh index's folder and commit, or the PostgreSQL rows' count and last write.
    assert header["index_generation"].startswith({"whoosh": "gen-", "postgres": "postgres:"}[backend().name])
    assert header["incomplete"] is None and header["messages"] == []
    assert header["exported_at"].endswith("+00:00")
    retno = next(row for row in rows if row["id"] == archive.a.retno_rusia.pk)
    assert retno == {
        "id": archive.a.retno_rusia.pk, "url": None, "outlet": "kompas", "outlet_name": "Kompas.com",
        "published": "2017-11-21T10:53:00+07:00", "title": "Retno Marsudi bertemu Menlu Rusia", "author": "",
        "dateline": "", "people": [{"slug": "retno-marsudi", "name": "Retno Marsudi"}],
        "countries": [{"code": "RU", "name": "Rusia"}], "cluster": archive.a.rusia_suriah.pk,
    }


def test_removed_links_are_not_exported(client, archive):
    archive.a.debat.person_links.filter(person=archive.prabowo).update(origin="editor_removed")
    _header, rows = read_jsonl(content(client.get(JSONL_URL, {"q": "debat"})))
    assert [person["slug"] for person in rows[0]["people"]] == ["joko-widodo"]


def test_include_body_adds_the_clean_text(client, archive):
    _header, rows = read_csv(content(client.get(CSV_URL, {"q": "bendungan", "include": "body"})))
    assert list(rows[0])[-1] == "body" and rows[0]["body"] == archive.a.bendungan.body
    _header, rows = read_jsonl(content(client.get(JSONL_URL, {"q": "bendungan", "include": "body"})))
    assert rows[0]["body"] == archive.a.bendungan.body
    _header, rows = read_jsonl(content(client.get(JSONL_URL, {"q": "bendungan"})))
    assert "body" not in rows[0]


def test_english_prefix_and_undated_articles(client, archive, index_now):
    undated = make_article("Berita banjir tanpa tanggal", outlet=archive.detik, published=None)
    index_now(undated)
    header, rows = read_csv(content(client.get("/en" + CSV_URL, {"q": "banjir", "sort": "newest"})))
    assert [row["id"] for row in rows] == [str(archive.a.banjir.pk), str(undated.pk)]
    assert rows[1]["published"] == "" and header["total"] == 2


@pytest.mark.parametrize("params", [{"outlet": "tidak-ada"}, {"from": "kemarin"}, {"q": "a\x00b"}])
def test_malformed_parameters_give_the_apis_message_not_a_500(client, archive, params):
    messages = client.get("/api/search", params).json()["messages"]
    assert messages
    response = client.get(CSV_URL, params)
    assert response.status_code == 400 and response["Content-Type"] == "text/plain; charset=utf-8"
    refused = response.content.decode().splitlines()
    assert refused and set(refused) <= set(messages)  # the API's messages about parameters (not about the words)
    response = client.get(JSONL_URL, params)
    assert response.status_code == 400 and response.json()["messages"] == refused


def test_unknown_include_is_refused(client, archive):
    response = client.get(JSONL_URL, {"include": "<b>raw</b>"})
    assert response.status_code == 400
    assert "<b>raw</b>" in response.json()["messages"][0]  # JSON, not HTML: nothing to escape


def test_query_notices_go_into_the_header(client, archive):
    header, rows = read_jsonl(content(client.get(JSONL_URL, {"q": "orang:siapa-saja", "from": "2018", "to": "2016"})))
    assert rows == [] and header["total"] == 0
    assert len(header["messages"]) == 2  # the swapped dates and the unknown person, as the page says them


@pytest.mark.whoosh_engine
def test_no_index_is_a_503_with_a_message(client, archive, no_index):
    response = client.get(JSONL_URL)
    assert response.status_code == 503 and response.json()["messages"]


def test_search_and_entity_pages_link_to_the_export(client, archive):
    page = client.get("/", {"q": "suriah", "outlet": "tempo"}).content.decode()
    assert 'href="/api/export.csv?q=suriah&amp;outlet=tempo"' in page
    assert 'href="/api/export.jsonl?q=suriah&amp;outlet=tempo"' in page
    assert ">Unduh CSV</a>" in page and ">Unduh JSON</a>" in page
    page = client.get("/orang/joko-widodo/").content.decode()
    assert 'href="/api/export.csv?person=joko-widodo&amp;sort=newest"' in page
    total, ids = api_ids(client, {"person": "joko-widodo", "sort": "newest"})
    _header, rows = read_csv(content(client.get(CSV_URL + "?person=joko-widodo&sort=newest")))
    assert [int(row["id"]) for row in rows] == ids and total == 3


def test_command_writes_the_urls_rows(client, archive, tmp_path):
    for fmt, url in (("csv", CSV_URL), ("jsonl", JSONL_URL)):
        target = tmp_path / f"out.{fmt}"
        stdout = StringIO()
        call_command("export_search", "q=suriah OR rusia&sort=newest", "--format", fmt, "--output", str(target),
                     "--include", "body", stdout=stdout)
        assert "Exported 5 articles" in stdout.getvalue()
        written = target.read_bytes().decode("utf-8")
        served = content(client.get(url + "?q=suriah+OR+rusia&sort=newest&include=body"))
        # The header differs only in its parameters (the command adds include) and its time.
        assert written.splitlines()[1:] == served.splitlines()[1:]
        assert not (tmp_path / f"out.{fmt}.part").exists()
    stdout = StringIO()
    call_command("export_search", "?q=bendungan", "--format", "jsonl", stdout=stdout, stderr=StringIO())
    header, rows = read_jsonl(stdout.getvalue())
    assert header["query"] == "bendungan" and [row["id"] for row in rows] == [archive.a.bendungan.pk]


def test_command_refuses_malformed_parameters_with_the_fix(archive):
    with pytest.raises(CommandError, match="Change these parameters"):
        call_command("export_search", "outlet=tidak-ada", stdout=StringIO())


def test_rows_are_read_in_chunks(client, archive, monkeypatch):
    monkeypatch.setattr(export, "CHUNK", 4)
    total, ids = api_ids(client, {"sort": "oldest"})
    response = client.get(JSONL_URL, {"sort": "oldest"})
    chunks = list(response.streaming_content)
    assert len(chunks) == 1 + 4  # the header, then 13 rows in chunks of 4
    _header, rows = read_jsonl(b"".join(chunks).decode())
    assert [row["id"] for row in rows] == ids


def _bulk_archive(count: int, *, rare_every: int) -> None:
    """Create ``count`` articles fast (bulk_create: no signals), one in ``rare_every`` with the word "kemarau"."""
    outlet = make_outlet()
    person = make_person("Joko Widodo")
    country = make_country("RU", "Rusia", "Russia")
    articles = Article.objects.bulk_create(
        Article(outlet=outlet, title=f"Berita nomor {number}, {'kemarau' if number % rare_every == 0 else 'banjir'}",
                body="Isi berita, dengan koma dan \"kutipan\".\n\n" * 20,
                source_sha256=hashlib.sha256(str(number).encode()).hexdigest(), raw_text="x")
        for number in range(count))
    ArticlePerson.objects.bulk_create(ArticlePerson(article=article, person=person) for article in articles)
    ArticleCountry.objects.bulk_create(ArticleCountry(article=article, country=country) for article in articles)


def _peak_while_exporting(client, params: dict) -> tuple[int, int]:
    """Return the rows a CSV export wrote and the peak memory Python allocated for it (search and streaming)."""
    tracemalloc.start()
    response = client.get(CSV_URL, params)
    rows = sum(chunk.count(b"\r\n") for chunk in response.streaming_content) - 2  # the comment and column lines
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return rows, peak


@pytest.mark.slow
def test_ten_thousand_rows_hold_memory_flat(client, db, index_now):
    _bulk_archive(10_000, rare_every=10)
    index_now()
    client.get(CSV_URL, {"q": "kemarau"})  # the searcher's arrays are built once, on its first search
    small_rows, small_peak = _peak_while_exporting(client, {"q": "kemarau", "include": "body"})
    rows, peak = _peak_while_exporting(client, {"include": "body"})
    assert (small_rows, rows) == (1_000, 10_000)
    # One chunk of rows at a time: ten times the rows, not ten times the memory (the bodies alone are 6 MB).
    assert peak < 2 * small_peak, (peak, small_peak)
