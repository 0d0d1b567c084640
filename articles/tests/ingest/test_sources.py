"""The readers of input files (articles.ingest.sources): every file, record and line becomes a Page or a count.

WARC files are written with warcio's own writer, the other inputs inline; every page is in this repository's own
words. No database.
"""

from __future__ import annotations

import gzip
import io
import json
import tracemalloc
import zipfile
from datetime import UTC, datetime

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from articles.ingest.dates import DEFAULT_ZONE
from articles.ingest.sources import SourceReader, ZipLimits, pages_from_paths
from articles.ingest.sources.jsonl import MAX_LINE_BYTES
from articles.ingest.text import MAX_BYTES

HALAMAN = (
    "<html><head><title>Warga Bantul Panen Cabai Lebih Awal</title></head><body>"
    "<p>BANTUL - Petani cabai di Bantul memanen lebih awal karena hujan datang lebih cepat tahun ini.</p>"
    "</body></html>"
)
TEKS = "Petani garam di Cirebon menunda panen karena hujan turun hampir setiap sore pekan ini."


def _pages(*paths, **kwargs):
    reader = SourceReader(paths, **kwargs)
    return list(reader), reader.counts


# -- WARC ----------------------------------------------------------------------------------------------------------


def _http(status="200 OK", content_type="text/html; charset=utf-8", extra=()):
    return StatusAndHeaders(status, [("Content-Type", content_type), *extra], protocol="HTTP/1.1")


def _write_warc(path, *, gzipped=True, records=None):
    """Write a small crawl: a request, an HTML response, a redirect, an image, a metadata record, another page."""
    with open(path, "wb") as out:
        writer = WARCWriter(out, gzip=gzipped)
        for record in records(writer) if records else _crawl(writer):
            writer.write_record(record)
    return path


def _crawl(writer):
    url = "https://www.contoh-berita.id/read/2024/07/25/101/warga-bantul-panen-cabai"
    yield writer.create_warc_record(url, "request", payload=io.BytesIO(b""),
                                    http_headers=StatusAndHeaders("GET /read HTTP/1.1", [], is_http_request=True))
    yield writer.create_warc_record(url, "response", payload=io.BytesIO(HALAMAN.encode()), http_headers=_http(),
                                    warc_headers_dict={"WARC-Date": "2024-07-25T03:53:00Z"})
    yield writer.create_warc_record("http://contoh-berita.id/lama", "response", payload=io.BytesIO(b""),
                                    http_headers=_http("301 Moved Permanently", extra=[("Location", url)]))
    yield writer.create_warc_record("https://www.contoh-berita.id/foto.png", "response",
                                    payload=io.BytesIO(b"\x89PNG...."), http_headers=_http(content_type="image/png"))
    yield writer.create_warc_record(url, "metadata", payload=io.BytesIO(b"via: beranda"),
                                    warc_content_type="application/warc-fields")
    body = gzip.compress(HALAMAN.replace("Bantul", "Sleman").encode())
    chunked = f"{len(body):x}\r\n".encode() + body + b"\r\n0\r\n\r\n"
    yield writer.create_warc_record(
        "https://www.contoh-berita.id/read/2024/07/26/102/warga-sleman-panen-cabai", "response",
        payload=io.BytesIO(chunked),
        http_headers=_http(extra=[("Content-Encoding", "gzip"), ("Transfer-Encoding", "chunked")]),
    )


@pytest.mark.parametrize("suffix,gzipped", [(".warc.gz", True), (".warc", False)])
def test_warc_html_responses_are_pages_and_other_records_are_counted(tmp_path, suffix, gzipped):
    path = _write_warc(tmp_path / f"crawl{suffix}", gzipped=gzipped)
    pages, counts = _pages(path)
    assert [page.name for page in pages] == [f"{path}#2", f"{path}#6"]
    first, second = pages
    assert first.source_name == f"crawl{suffix}#2" and not first.error
    assert first.html == HALAMAN.encode()
    assert first.hints.url == "https://www.contoh-berita.id/read/2024/07/25/101/warga-bantul-panen-cabai"
    assert first.hints.fetched_at == datetime(2024, 7, 25, 3, 53, tzinfo=UTC)
    assert first.hints.source == "warc"
    assert second.html == HALAMAN.replace("Bantul", "Sleman").encode()  # de-chunked and gunzipped
    assert dict(counts) == {"warc request record": 1, "warc response HTTP 301": 1, "warc response image/png": 1,
                            "warc metadata record": 1}


def test_warc_payload_in_a_declared_charset_reaches_the_reader_as_utf8(tmp_path):
    def records(writer):
        page = "<html><body><p>Kafe di Braga menyajikan crème brûlée.</p></body></html>".encode("cp1252")
        yield writer.create_warc_record("https://www.contoh-berita.id/kafe", "response", payload=io.BytesIO(page),
                                        http_headers=_http(content_type="text/html; charset=windows-1252"))

    [page], _ = _pages(_write_warc(tmp_path / "a.warc.gz", records=records))
    assert page.html.startswith(b"\xef\xbb\xbf") and "crème brûlée".encode() in page.html


def test_warc_record_over_the_limit_is_a_failed_page_and_the_next_is_read(tmp_path):
    def records(writer):
        big = b"<html><body>" + b"<p>Hujan deras di Bogor.</p>" * (MAX_BYTES // 25) + b"</body></html>"
        yield writer.create_warc_record("https://www.contoh-berita.id/besar", "response", payload=io.BytesIO(big),
                                        http_headers=_http())
        yield writer.create_warc_record("https://www.contoh-berita.id/kecil", "response",
                                        payload=io.BytesIO(HALAMAN.encode()), http_headers=_http())

    big, small = _pages(_write_warc(tmp_path / "a.warc.gz", records=records))[0]
    assert big.error.startswith("HTML payload over the limit of 5 MB") and big.html is None
    assert big.hints.url.endswith("/besar")
    assert small.html == HALAMAN.encode() and not small.error


@pytest.mark.parametrize("gzipped", [True, False])
def test_truncated_warc_keeps_the_pages_read_and_says_where_it_stopped(tmp_path, gzipped):
    whole = _write_warc(tmp_path / "whole.warc", gzipped=gzipped).read_bytes()
    marker = HALAMAN.replace("Bantul", "Sleman").encode() if not gzipped else None
    cut = whole.index(b"warga-sleman") + 400 if marker else len(whole) - 40
    path = tmp_path / ("cut.warc.gz" if gzipped else "cut.warc")
    path.write_bytes(whole[:cut])
    pages, _ = _pages(path)
    assert pages[0].html == HALAMAN.encode()
    assert pages[-1].name == f"{path}#6"
    assert pages[-1].error.startswith("WARC unreadable from record 6 on, the records before it were read")


def test_a_file_that_is_not_a_warc_is_one_failed_page(tmp_path):
    path = tmp_path / "bukan.warc"
    path.write_text("Ini catatan biasa, bukan arsip web.\n")
    [page], _ = _pages(path)
    assert page.name == f"{path}#1" and "not a WARC/1.x record" in page.error
    path.write_text("teks\n")
    [page], _ = _pages(path)
    assert page.name == f"{path}#1" and "ArchiveLoadFailed" in page.error


# -- JSON Lines ----------------------------------------------------------------------------------------------------

JSONL_LINES = [
    json.dumps({"url": "https://www.contoh-berita.id/a", "text": TEKS, "published": "2024-07-25",
                "title": "Petani Garam Menunda Panen", "outlet": "Contoh Berita",
                "fetched_at": "2024-07-26T01:00:00Z"}),
    "",
    '{"url": "https://www.contoh-berita.id/b", "text": ',
    json.dumps(["bukan", "objek"]),
    json.dumps({"url": "https://www.contoh-berita.id/c", "title": "Tanpa isi"}),
    json.dumps({"url": "https://www.contoh-berita.id/d", "html": HALAMAN, "published": "2024-07-25T10:53:00"}),
    json.dumps({"url": 7, "text": TEKS}),
    json.dumps({"url": "https://www.contoh-berita.id/e", "text": TEKS, "published": "kemarin sore"}),
    json.dumps({"text": TEKS}),
]


@pytest.mark.parametrize("suffix", [".jsonl", ".jsonl.gz"])
def test_jsonl_lines_become_pages_or_failures_with_their_line_number(tmp_path, suffix):
    data = "\n".join(JSONL_LINES).encode() + b"\n"
    path = tmp_path / f"berita{suffix}"
    path.write_bytes(gzip.compress(data) if suffix.endswith(".gz") else data)
    pages, _ = _pages(path)
    assert [page.name for page in pages] == [f"{path}:{n}" for n in (1, 3, 4, 5, 6, 7, 8, 9)]
    good, bad_json, not_object, no_body, html, bad_url, bad_date, no_url = pages
    assert good.text == TEKS and not good.error and good.source_name == f"berita{suffix}:1"
    assert good.hints.published == datetime(2024, 7, 25, tzinfo=DEFAULT_ZONE)
    assert good.hints.fetched_at == datetime(2024, 7, 26, 1, tzinfo=UTC)
    assert (good.hints.title, good.hints.outlet_name, good.hints.source) == (
        "Petani Garam Menunda Panen", "Contoh Berita", "jsonl")
    assert bad_json.error.startswith("line 3: not JSON")
    assert not_object.error == "line 4: not a JSON object but list"
    assert no_body.error == "line 5: neither 'text' nor 'html' holds a page"
    assert html.html == b"\xef\xbb\xbf" + HALAMAN.encode() and html.text is None
    assert html.hints.published == datetime(2024, 7, 25, 10, 53, tzinfo=DEFAULT_ZONE)  # naive: WIB
    assert bad_url.error == "line 7: 'url' is not a string: int"
    assert bad_date.error.startswith("line 8: 'published' is not an ISO date")
    assert no_url.error == "line 9: no 'url'"


def test_an_over_long_jsonl_line_is_refused_and_the_next_line_read(tmp_path):
    path = tmp_path / "panjang.jsonl"
    with path.open("w") as out:
        out.write(json.dumps({"url": "https://www.contoh-berita.id/x", "text": "hujan " * (MAX_LINE_BYTES // 5)}))
        out.write("\n" + JSONL_LINES[0] + "\n")
    long, good = _pages(path)[0]
    assert long.name == f"{path}:1" and long.error == "line 1: longer than 10 MB; skipped"
    assert good.name == f"{path}:2" and good.text == TEKS


def test_a_cut_jsonl_gz_keeps_the_lines_read(tmp_path):
    data = gzip.compress(("\n".join([JSONL_LINES[0]] * 200) + "\n").encode())
    path = tmp_path / "potong.jsonl.gz"
    path.write_bytes(data[: len(data) - 30])
    pages, _ = _pages(path)
    assert all(page.text == TEKS for page in pages[:-1]) and len(pages) > 100
    assert pages[-1].error.startswith(f"unreadable after line {len(pages) - 1}: EOFError")


def test_reading_a_big_jsonl_holds_about_one_line_in_memory(tmp_path):
    path = tmp_path / "besar.jsonl"
    line = json.dumps({"url": "https://www.contoh-berita.id/a", "text": TEKS * 60}) + "\n"
    with path.open("w") as out:
        for _ in range(50 * 1024 * 1024 // len(line) + 1):
            out.write(line)
    size = path.stat().st_size
    tracemalloc.start()
    try:
        count = sum(1 for page in pages_from_paths([path]) if not page.error)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert size > 50 * 1024 * 1024 and count == size // len(line)
    assert peak < 2 * 1024 * 1024, f"peak {peak / 1_048_576:.1f} MB reading a {size / 1_048_576:.0f} MB file"


# -- text and HTML with sidecars -----------------------------------------------------------------------------------


def test_txt_and_html_pages_take_hints_from_their_sidecars(tmp_path):
    (tmp_path / "a.txt").write_text(TEKS)
    (tmp_path / "a.url").write_text("[InternetShortcut]\r\nURL=https://www.contoh-berita.id/a\r\n")
    (tmp_path / "b.html").write_text(HALAMAN)
    (tmp_path / "b.json").write_text(json.dumps({"url": "https://www.contoh-berita.id/b",
                                                 "fetched_at": "2024-07-25T10:00:00+07:00", "title": "Panen"}))
    (tmp_path / "c.txt").write_text(TEKS)
    (tmp_path / "c.url").write_text("https://www.contoh-berita.id/c\n")
    (tmp_path / "d.txt").write_text(TEKS)
    pages, counts = _pages(tmp_path)
    assert [page.source_name for page in pages] == ["a.txt", "b.html", "c.txt", "d.txt"]
    a, b, c, d = pages
    assert a.data == TEKS.encode() and a.hints.url == "https://www.contoh-berita.id/a"
    assert a.hints.source == "sidecar"
    assert b.html == HALAMAN.encode() and b.hints.title == "Panen"
    assert b.hints.fetched_at == datetime(2024, 7, 25, 3, tzinfo=UTC)
    assert c.hints.url == "https://www.contoh-berita.id/c"
    assert d.hints.url == "" and d.hints.source == ""
    assert counts["sidecar file"] == 3


def test_a_broken_sidecar_fails_its_page_with_the_reason(tmp_path):
    (tmp_path / "a.txt").write_text(TEKS)
    (tmp_path / "a.json").write_text('{"url": "https://www.contoh-berita.id/a",')
    [page], _ = _pages(tmp_path / "a.txt")
    assert page.error.startswith("sidecar a.json: not JSON")


def test_a_large_file_keeps_its_size_and_reads_only_past_the_limit(tmp_path):
    (tmp_path / "besar.txt").write_bytes(b"a" * (MAX_BYTES + 1000))
    (tmp_path / "besar.html").write_bytes(b"a" * (MAX_BYTES + 1000))
    html, text = _pages(tmp_path)[0]
    assert text.size == MAX_BYTES + 1000 and len(text.data) == MAX_BYTES + 1
    assert html.error.startswith("file too large: 5.0 MB") and html.html is None


def test_unknown_and_missing_files_are_failed_pages_and_directories_skip_others(tmp_path):
    (tmp_path / "catatan.docx").write_bytes(b"PK")
    (tmp_path / ".tersembunyi.txt").write_text(TEKS)
    (tmp_path / "a.txt").write_text(TEKS)
    unknown, missing = _pages(tmp_path / "catatan.docx", tmp_path / "hilang.txt")[0]
    assert unknown.error.startswith("unsupported file type: give .warc.gz, .jsonl.gz")
    assert missing.error == "cannot read: No such file or directory"
    pages, counts = _pages(tmp_path)
    assert [page.source_name for page in pages] == ["a.txt"]
    assert counts["unsupported file in a directory"] == 1


# -- zip -----------------------------------------------------------------------------------------------------------


def test_zip_members_are_read_by_their_suffix(tmp_path):
    warc = _write_warc(tmp_path / "crawl.warc.gz").read_bytes()
    path = tmp_path / "kiriman.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("berita/a.txt", TEKS)
        archive.writestr("berita/a.url", "https://www.contoh-berita.id/a")
        archive.writestr("berita/b.htm", HALAMAN)
        archive.writestr("crawl.warc.gz", warc)
        archive.writestr("lines.jsonl", JSONL_LINES[0] + "\n")
        archive.writestr("__MACOSX/berita/._a.txt", "")
        archive.writestr("../../keluar.txt", TEKS)
        archive.writestr("dalam.zip", b"PK")
        archive.writestr("gambar.png", b"\x89PNG")
    pages, counts = _pages(path)
    by_name = {page.name.removeprefix(f"{path}/"): page for page in pages}
    assert list(by_name) == ["../../keluar.txt", "berita/a.txt", "berita/b.htm", "crawl.warc.gz#2",
                             "crawl.warc.gz#6", "dalam.zip", "gambar.png", "lines.jsonl:1"]
    assert by_name["berita/a.txt"].data == TEKS.encode()
    assert by_name["berita/a.txt"].hints.url == "https://www.contoh-berita.id/a"
    assert by_name["berita/b.htm"].html == HALAMAN.encode()
    assert by_name["crawl.warc.gz#2"].source_name == "kiriman.zip/crawl.warc.gz#2"
    assert by_name["lines.jsonl:1"].text == TEKS
    assert by_name["../../keluar.txt"].error.startswith("name points outside the zip")
    assert by_name["dalam.zip"].error.startswith("a zip inside a zip is not read")
    assert by_name["gambar.png"].error.startswith("unsupported file type")
    assert counts["warc request record"] == 1 and counts["zip sidecar"] == 1


def test_zip_over_its_limits_is_refused_from_its_directory(tmp_path):
    path = tmp_path / "bom.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for number in range(3):
            archive.writestr(f"{number}.txt", b"\0" * 1_000_000)
    [page], _ = _pages(path, zip_limits=ZipLimits(max_members=2))
    assert page.error == "zip holds 3 files, over the limit of 2; nothing read"
    [page], _ = _pages(path, zip_limits=ZipLimits(max_unpacked_bytes=1024 * 1024))
    assert page.error.startswith("zip unpacks to 2.9 MB, over the limit of 1.0 MB")
    (tmp_path / "rusak.zip").write_bytes(b"PK\x03\x04 bukan zip")
    [page], _ = _pages(tmp_path / "rusak.zip")
    assert page.error == "not a readable zip (damaged, or not a zip)"


# -- scripts/make_warc.py ------------------------------------------------------------------------------------------


def test_make_warc_writes_distinct_pages_its_manifest_names(tmp_path):
    import importlib.util
    from pathlib import Path

    script = Path(__file__).resolve().parents[3] / "scripts" / "make_warc.py"
    spec = importlib.util.spec_from_file_location("make_warc", script)
    make_warc = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(make_warc)
    warc, manifest = tmp_path / "crawl.warc.gz", tmp_path / "crawl.manifest.jsonl"
    samples = make_warc.write_warc(warc, manifest, 70)
    pages, counts = _pages(warc)
    expected = [json.loads(line) for line in manifest.read_text().splitlines()]
    assert samples < 70 and len(pages) == len(expected) == 70
    assert [page.source_name for page in pages] == [record["record"] for record in expected]
    assert [page.hints.url for page in pages] == [record["url"] for record in expected]
    assert len({page.hints.url for page in pages}) == len({page.html for page in pages}) == 70
    assert dict(counts) == {"warc warcinfo record": 1, "warc request record": 70}
    first = pages[0].html.decode()
    assert f'<meta property="og:title" content="{expected[0]["title"]}">' in first.replace("&#x27;", "'")
    assert f'content="{expected[0]["published"]}"' in first
