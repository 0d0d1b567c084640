"""ingest_articles on what archives hold (issue 13): WARC crawls, JSON Lines, HTML and text with a URL sidecar, through
the command as an operator runs it, into the database and the index; resumed runs, batched index writes, revisions.

Every page here is written for these tests, in our own words.
"""

from __future__ import annotations

import io
import json
from io import StringIO

import pytest
from django.core.management import call_command
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from articles.models import Article, ArticleRevision
from articles.search import engine
from articles.services import ingest as ingest_service
from articles.tests.search.flow import search_text
from articles.tests.test_commands import run  # ingest_articles as an operator runs it: (code, stdout, stderr)

# End to end through the command, trafilatura and the index: a few seconds each, so `make test-fast` leaves them out.
pytestmark = pytest.mark.slow

PARAGRAPHS = [
    "YOGYAKARTA - Pedagang bakpia di kawasan Pathuk menambah produksi hingga dua kali lipat menjelang libur "
    "panjang akhir pekan ini.",
    "Menurut paguyuban pedagang, pesanan dari rombongan wisatawan sekolah sudah masuk sejak awal bulan dan "
    "sebagian besar meminta rasa kacang hijau.",
    "Dinas Pariwisata setempat memperkirakan kunjungan ke kota itu naik sekitar seperlima dibanding libur "
    "serupa tahun lalu, terutama dari Jawa Tengah.",
    "Para pedagang berharap jalur pejalan kaki di sekitar sentra oleh-oleh dirapikan agar pembeli tidak "
    "berdesakan dengan kendaraan yang parkir di bahu jalan.",
]


def html_page(*, title: str, published: str, url: str, paragraphs: list[str] = PARAGRAPHS,
              site: str = "Kabar Jogja") -> bytes:
    body = "\n".join(f"<p>{paragraph}</p>" for paragraph in paragraphs)
    return f"""<!doctype html>
<html lang="id"><head><meta charset="utf-8">
<title>{title} - {site}</title>
<meta property="og:title" content="{title}">
<meta property="og:site_name" content="{site}">
<meta property="article:published_time" content="{published}">
<meta name="author" content="Rini Astuti">
<link rel="canonical" href="{url}">
</head><body>
<nav><a href="/">Beranda</a> <a href="/ekonomi">Ekonomi</a> <a href="/olahraga">Olahraga</a></nav>
<article><h1>{title}</h1>
{body}
</article>
<aside><h3>Baca juga</h3><ul><li><a href="/a">Harga cabai turun di pasar Beringharjo</a></li></ul></aside>
<footer>Hak cipta dilindungi undang-undang. Redaksi | Pedoman Media Siber</footer>
</body></html>""".encode()


URL = "https://www.kabarjogja.id/read/2024/09/13/5501/pedagang-bakpia-tambah-produksi-jelang-libur-panjang"


def write_warc(path, pages: list[tuple[str, bytes, str]]) -> None:
    """Write a crawl: for each (url, html, WARC-Date) a request and its response, then an image response."""
    with open(path, "wb") as out:
        writer = WARCWriter(out, gzip=str(path).endswith(".gz"))
        for url, html, date in pages:
            writer.write_record(writer.create_warc_record(
                url, "request", payload=io.BytesIO(b""),
                http_headers=StatusAndHeaders("GET / HTTP/1.1", [], is_http_request=True)))
            writer.write_record(writer.create_warc_record(
                url, "response", payload=io.BytesIO(html), warc_headers_dict={"WARC-Date": date},
                http_headers=StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")],
                                              protocol="HTTP/1.1")))
        writer.write_record(writer.create_warc_record(
            "https://www.kabarjogja.id/logo.png", "response", payload=io.BytesIO(b"\x89PNG...."),
            http_headers=StatusAndHeaders("200 OK", [("Content-Type", "image/png")], protocol="HTTP/1.1")))


def search_ids(text: str) -> list[int]:
    result = search_text(text=text, filters=engine.SearchFilters(), resolve=lambda kind, text: [], sort="oldest")
    return [hit.article_id for hit in result.hits]


@pytest.fixture
def reference_data(db):
    call_command("load_sample_archive", "--reference-only", verbosity=0)


@pytest.fixture
def crawl(tmp_path):
    path = tmp_path / "crawl.warc.gz"
    second = URL.replace("5501/pedagang-bakpia", "5502/perajin-batik").replace("13", "14", 1)
    write_warc(path, [
        (URL + "?utm_source=beranda", html_page(title="Pedagang Bakpia Tambah Produksi Jelang Libur Panjang",
                                                published="2024-09-13T08:15:00+07:00", url=URL),
         "2024-09-13T02:00:00Z"),
        (second, html_page(title="Perajin Batik Kebanjiran Pesanan Seragam Sekolah",
                           published="2024-09-14T10:00:00+07:00", url=second,
                           paragraphs=[p.replace("bakpia", "batik") for p in PARAGRAPHS]),
         "2024-09-14T05:00:00Z"),
    ])
    return path


def test_a_warc_dry_run_reports_each_html_response_with_its_url_and_sources(reference_data, crawl):
    code, out, err = run(crawl, "--dry-run", "--json")

    assert code == 0, err
    first, second = (json.loads(line) for line in out.splitlines())
    assert first["file"].endswith("crawl.warc.gz#2") and first["ok"]
    # The canonical URL: no www, no tracking parameter; the outlet from the domain, the fields from the page's meta.
    assert first["url"] == "https://kabarjogja.id/read/2024/09/13/5501/pedagang-bakpia-tambah-produksi-jelang-libur-panjang"
    assert first["fetched_at"] == "2024-09-13T02:00:00+00:00"
    assert first["title"] == "Pedagang Bakpia Tambah Produksi Jelang Libur Panjang"
    assert first["published"] == "2024-09-13T08:15:00+07:00"
    assert first["outlet_domain"] == "kabarjogja.id"
    assert first["sources"] == {"outlet": "url", "title": "html", "published": "html", "author": "html"}
    assert "Baca juga" not in first["body"] and "Hak cipta" not in first["body"]
    assert first["dateline"].upper() == "YOGYAKARTA" and first["body"].startswith("Pedagang bakpia di kawasan")
    assert second["title"].startswith("Perajin Batik")
    # The request records and the image are counted, not reported.
    assert "skipped 2 warc request record, 1 warc response image/png" in err
    assert not Article.objects.exists()


def test_a_warc_ingests_into_the_archive_and_the_index(reference_data, crawl):
    code, out, err = run(crawl)

    assert code == 0, err
    assert "Ingested 2, unchanged 0, updated 0, failed 0" in out
    article = Article.objects.get(title__startswith="Pedagang Bakpia")
    assert article.url.startswith("https://kabarjogja.id/read/2024/09/13/5501/")
    assert article.fetched_at.isoformat() == "2024-09-13T02:00:00+00:00"
    assert search_ids("bakpia") == [article.pk]


def test_a_rerun_skips_pages_already_in_without_parsing_them(reference_data, crawl, monkeypatch):
    assert run(crawl)[0] == 0

    def no_parse(*args, **kwargs):
        raise AssertionError("a page already in the archive was parsed again")

    monkeypatch.setattr(ingest_service, "parse_article", no_parse)
    code, out, err = run(crawl, "--json")

    assert code == 0, err
    records = [json.loads(line) for line in out.splitlines()]
    assert [record["status"] for record in records] == ["unchanged", "unchanged"]
    # What the archive holds is reported for a skipped page, in the same keys.
    assert records[0]["title"] == "Pedagang Bakpia Tambah Produksi Jelang Libur Panjang"
    assert records[0]["url"].startswith("https://kabarjogja.id/")
    assert Article.objects.count() == 2


def test_jsonl_keeps_the_good_lines_and_names_the_bad_ones_by_line(reference_data, tmp_path):
    path = tmp_path / "kiriman.jsonl"
    good = {"url": URL, "html": html_page(title="Pedagang Bakpia Tambah Produksi Jelang Libur Panjang",
                                          published="2024-09-13T08:15:00+07:00", url=URL).decode(),
            "fetched_at": "2024-09-13T09:00:00+07:00"}
    text = {"url": "https://kabarjogja.id/read/2024/09/15/5503/pasar-kangen-dibuka-lagi", "title":
            "Pasar Kangen Dibuka Lagi", "published": "2024-09-15", "text": "Pasar Kangen Dibuka Lagi\n\n" +
            "\n\n".join(p.replace("bakpia", "gudeg") for p in PARAGRAPHS)}
    path.write_text(json.dumps(good) + "\n{not json\n" + json.dumps([1, 2]) + "\n" + json.dumps(text) + "\n")

    code, out, err = run(path, "--json")

    assert code == 1
    records = [json.loads(line) for line in out.splitlines()]
    assert [record["ok"] for record in records] == [True, False, False, True]
    assert records[1]["file"].endswith("kiriman.jsonl:2") and records[1]["error"].startswith("line 2:")
    assert records[2]["error"].startswith("line 3:")
    assert records[3]["title"] == "Pasar Kangen Dibuka Lagi" and records[3]["sources"]["title"] == "jsonl"
    assert records[3]["published"].startswith("2024-09-15") and records[3]["outlet_domain"] == "kabarjogja.id"
    assert Article.objects.count() == 2


def test_a_txt_page_takes_its_url_from_a_sidecar(reference_data, tmp_path):
    page = tmp_path / "bakpia.txt"
    page.write_text("Pedagang Bakpia Tambah Produksi\n\nJumat, 13 September 2024 08:15 WIB\n\n" + "\n\n".join(PARAGRAPHS))
    (tmp_path / "bakpia.url").write_text(URL + "\n")

    code, out, err = run(tmp_path, "--dry-run", "--json")

    assert code == 0, err
    (record,) = (json.loads(line) for line in out.splitlines())
    assert record["url"] == URL.replace("www.", "") and record["outlet_domain"] == "kabarjogja.id"
    assert record["sources"]["outlet"] == "url"


def test_index_writes_come_in_batches_and_every_page_is_found(reference_data, tmp_path, monkeypatch):
    monkeypatch.setattr(ingest_service, "INDEX_EVERY", 2)
    path = tmp_path / "lima.jsonl"
    towns = ["Bantul", "Sleman", "Kulonprogo", "Gunungkidul", "Klaten"]
    lines = [{"url": f"https://kabarjogja.id/read/2024/09/1{n}/{n}/panen-{town.lower()}",
              "text": f"Panen Melon di {town}\n\nRabu, 1{n} September 2024 07:00 WIB\n\n"
                      + "\n\n".join(p.replace("bakpia", f"melon {town}") for p in PARAGRAPHS)}
             for n, town in enumerate(towns)]
    path.write_text("\n".join(json.dumps(line) for line in lines) + "\n")

    code, _, err = run(path)

    assert code == 0, err
    for town in towns:
        assert len(search_ids(town.lower())) == 1, town
    out = StringIO()
    call_command("rebuild_index", "--check", stdout=out)
    assert "The index matches the database." in out.getvalue()


def test_the_same_url_with_a_changed_paragraph_is_a_revision(reference_data, tmp_path):
    changed = [*PARAGRAPHS[:2], "Dinas Pariwisata kini memperkirakan kunjungan naik hampir sepertiga, lebih tinggi "
                                "dari perkiraan pekan lalu.", PARAGRAPHS[3]]
    versions = [
        ("satu.jsonl", PARAGRAPHS, "2024-09-13T02:00:00Z"),
        ("dua.jsonl", changed, "2024-09-13T08:00:00Z"),
        ("tiga.jsonl", changed, "2024-09-13T09:00:00Z"),
    ]
    statuses = []
    for name, paragraphs, fetched in versions:
        html = html_page(title="Pedagang Bakpia Tambah Produksi Jelang Libur Panjang",
                         published="2024-09-13T08:15:00+07:00", url=URL, paragraphs=paragraphs)
        (tmp_path / name).write_text(json.dumps({"url": URL, "html": html.decode(), "fetched_at": fetched}) + "\n")
        code, out, err = run(tmp_path / name, "--json")
        assert code == 0, err
        statuses.append(json.loads(out)["status"])

    assert statuses == ["ingested", "updated", "unchanged"]
    article = Article.objects.get()
    assert "sepertiga" in article.body
    (revision,) = ArticleRevision.objects.filter(article=article)
    assert "seperlima" in revision.body
