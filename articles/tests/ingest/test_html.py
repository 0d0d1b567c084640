"""HTML pages: the main text without navigation, footers and "Baca juga" links, the page's own metadata (Open
Graph, JSON-LD NewsArticle, canonical link) as hints, and a clear refusal of what holds no article.

The pages are written for these tests in our own words."""

from __future__ import annotations

from datetime import datetime

import pytest

from articles.ingest import ParseError, parse_article
from articles.ingest.dates import DEFAULT_ZONE
from articles.ingest.html import read_html
from articles.ingest.text import MAX_BYTES

STORY = """
<p>KUDUS - Ratusan warga Desa Sukamaju membersihkan saluran irigasi yang tersumbat lumpur sejak awal musim hujan
tahun ini.</p>
<p>Kepala desa mengatakan kerja bakti itu digelar agar sawah tidak kekurangan air menjelang musim tanam berikutnya
di wilayah tersebut.</p>
<p><strong>Baca juga:</strong> <a href="/x">Harga Gabah di Tingkat Petani Mulai Naik</a></p>
<p>Kegiatan serupa direncanakan setiap bulan dengan melibatkan kelompok tani dan karang taruna setempat, kata
panitia kerja bakti.</p>
"""
NAV = """<nav><ul><li><a href="/">Beranda</a></li><li><a href="/daerah">Daerah</a></li>
<li><a href="/ekonomi">Ekonomi</a></li><li><a href="/olahraga">Olahraga</a></li></ul></nav>"""
FOOTER = """<footer><p>Hak cipta 2024 Kabar Contoh. Seluruh isi dilindungi undang-undang.</p>
<a href="/redaksi">Redaksi</a> <a href="/pedoman">Pedoman Media Siber</a> <a href="/karir">Karir</a></footer>"""


def page(head: str, article: str = "", *, charset: str = "utf-8") -> bytes:
    article = article or f"<h1>Warga Sukamaju Bersihkan Saluran Irigasi</h1>{STORY}"
    return (f'<!DOCTYPE html><html lang="id"><head><meta charset="{charset}">{head}</head>'
            f"<body>{NAV}<article>{article}</article>{FOOTER}</body></html>").encode(charset)


OPEN_GRAPH = """<title>Warga Sukamaju Bersihkan Saluran Irigasi - Kabar Contoh</title>
<meta property="og:title" content="Warga Sukamaju Bersihkan Saluran Irigasi">
<meta property="og:site_name" content="Kabar Contoh">
<meta property="og:url" content="https://www.kabarcontoh.id/daerah/warga-sukamaju-bersihkan-saluran-irigasi">
<meta property="article:published_time" content="2024-03-04T09:15:00+07:00">
<meta name="author" content="Rina Wulandari">"""

JSON_LD = """<title>Pasar Murah Digelar di Alun-alun | Portal Warga</title>
<script type="application/ld+json">{"@context": "https://schema.org", "@graph": [
 {"@type": "WebSite", "name": "Portal Warga", "url": "https://portalwarga.co.id/"},
 {"@type": "NewsArticle", "headline": "Pasar Murah Digelar di Alun-alun Kota",
  "datePublished": "2023-08-14T07:30:00Z", "author": [{"@type": "Person", "name": "Budi Santoso"}],
  "publisher": {"@type": "Organization", "name": "Portal Warga"}}]}</script>
<script type="application/ld+json">{"broken": </script>
<link rel="canonical" href="/ekonomi/pasar-murah-digelar-di-alun-alun-kota">"""


def test_open_graph_page():
    text, hints = read_html(page(OPEN_GRAPH), url="https://m.kabarcontoh.id/amp/daerah/warga?utm_source=wa")
    lines = text.split("\n")
    assert lines[:2] == ["Warga Sukamaju Bersihkan Saluran Irigasi", "Senin, 4 Maret 2024 09:15 WIB"]
    assert "Beranda" not in text and "Pedoman Media Siber" not in text and "Hak cipta" not in text
    assert hints.title == "Warga Sukamaju Bersihkan Saluran Irigasi"
    assert hints.published == datetime(2024, 3, 4, 9, 15, tzinfo=DEFAULT_ZONE)
    assert (hints.author, hints.outlet_name, hints.source) == ("Rina Wulandari", "Kabar Contoh", "html")
    assert hints.url == "https://www.kabarcontoh.id/daerah/warga-sukamaju-bersihkan-saluran-irigasi"

    parsed = parse_article(text, hints=hints)
    assert parsed.url == "https://kabarcontoh.id/daerah/warga-sukamaju-bersihkan-saluran-irigasi"
    assert (parsed.outlet.name, parsed.outlet.domain) == ("Kabar Contoh", "kabarcontoh.id")
    assert parsed.body.startswith("Ratusan warga Desa Sukamaju")
    assert "Baca juga" not in parsed.body and "Harga Gabah" not in parsed.body
    assert parsed.dateline == "Kudus"
    assert parsed.sources == {"outlet": "url", "title": "html", "published": "html", "author": "html"}


def test_json_ld_news_article_page():
    article = f"<h1>Pasar Murah Digelar di Alun-alun Kota</h1>{STORY}"
    text, hints = read_html(page(JSON_LD, article), url="https://portalwarga.co.id/amp/ekonomi/pasar-murah")
    assert hints.title == "Pasar Murah Digelar di Alun-alun Kota"
    assert hints.published == datetime(2023, 8, 14, 14, 30, tzinfo=DEFAULT_ZONE)
    assert (hints.author, hints.outlet_name) == ("Budi Santoso", "Portal Warga")
    assert hints.url == "https://portalwarga.co.id/ekonomi/pasar-murah-digelar-di-alun-alun-kota"
    assert text.split("\n")[1] == "Senin, 14 Agustus 2023 14:30 WIB"
    parsed = parse_article(text, hints=hints)
    assert parsed.published == hints.published and parsed.author == "Budi Santoso"


def test_page_without_metadata_is_read_from_its_text():
    article = f"<h1>Jembatan Desa Rampung Dibangun</h1><p>Rabu, 6 Desember 2023 10:05 WIB</p>{STORY}"
    text, hints = read_html(page("<title>Jembatan Desa Rampung Dibangun</title>", article))
    assert hints.published is None and hints.author == "" and hints.url == ""
    assert hints.title == "Jembatan Desa Rampung Dibangun"
    parsed = parse_article(text, hints=hints)
    assert parsed.title == "Jembatan Desa Rampung Dibangun"
    assert parsed.body.startswith("Ratusan warga")


def test_canonical_of_another_site_is_not_taken():
    head = OPEN_GRAPH.replace("https://www.kabarcontoh.id/", "https://agregator.example.com/")
    _text, hints = read_html(page(head), url="https://kabarcontoh.id/daerah/warga")
    assert hints.url == "https://kabarcontoh.id/daerah/warga"


def test_page_in_a_legacy_charset():
    head = OPEN_GRAPH.replace("Rina Wulandari", "Rina Wulandari Sà")
    text, hints = read_html(page(head, charset="windows-1252"))
    assert hints.author == "Rina Wulandari Sà"
    assert "Ratusan warga" in text


@pytest.mark.parametrize(("html", "reason"), [
    (b"", "empty HTML"),
    (b"   \n", "empty HTML"),
    (page(OPEN_GRAPH, f"<h1>Judul</h1>{NAV}"), "no article text"),
    (b"<html><body><nav><a href='/'>Beranda</a></nav></body></html>", "no article text"),
])
def test_refuses_pages_without_an_article(html, reason):
    with pytest.raises(ParseError) as caught:
        read_html(html)
    assert reason in caught.value.reason


def test_refuses_html_over_the_size_limit():
    with pytest.raises(ParseError, match="HTML too large"):
        read_html(b"<p>" + b"a" * MAX_BYTES + b"</p>")
