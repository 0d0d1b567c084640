"""URLs: every copy of a story folds into one address, domains are read by the Public Suffix List, the path's date
is read only when it is a real day in the news's years, and the slug gives the headline's words.

The addresses are shaped like those of Indonesian outlets; ids and slugs are made up for these tests."""

from __future__ import annotations

from datetime import date

import pytest

from articles.ingest.outlets import OUTLETS_BY_SLUG, outlet_from_url
from articles.ingest.urls import MAX_URL_CHARS, canonical_url, registrable_domain, url_date, url_slug_words

CANONICAL = [
    # AMP and mobile copies: host labels and path segments
    ("https://m.antaranews.com/amp/berita/540039/slug", "https://antaranews.com/berita/540039/slug"),
    ("https://amp.kontan.co.id/news/ihsg-naik-tipis-di-awal-pekan", "https://kontan.co.id/news/ihsg-naik-tipis-di-awal-pekan"),
    ("https://www.tribunnews.com/amp/nasional/2019/05/21/warga-antre-sembako",
     "https://tribunnews.com/nasional/2019/05/21/warga-antre-sembako"),
    ("https://m.liputan6.com/news/read/1234567/banjir-surut/amp", "https://liputan6.com/news/read/1234567/banjir-surut"),
    ("https://mobile.example-berita.com/a/b", "https://example-berita.com/a/b"),
    ("https://www2.kabarmuria.com/x", "https://kabarmuria.com/x"),
    ("https://www.m.tempo.co/read/1/x", "https://tempo.co/read/1/x"),
    # a section's sub-domain is part of the address
    ("https://news.detik.com/berita/d-3735413/slug?utm_source=x", "https://news.detik.com/berita/d-3735413/slug"),
    ("http://nasional.kompas.com/read/2022/12/06/12155851/kpk-periksa-saksi/",
     "https://nasional.kompas.com/read/2022/12/06/12155851/kpk-periksa-saksi"),
    ("https://jateng.antaranews.com/berita/1/x", "https://jateng.antaranews.com/berita/1/x"),
    # view parameters: AMP, the whole story on one page
    ("https://nasional.kompas.com/read/2022/01/02/1/x?page=all", "https://nasional.kompas.com/read/2022/01/02/1/x"),
    ("https://news.detik.com/berita/d-1/x?single=1", "https://news.detik.com/berita/d-1/x"),
    ("https://www.suara.com/news/2020/01/01/1/x?amp=1", "https://suara.com/news/2020/01/01/1/x"),
    ("https://www.suara.com/news/2020/01/01/1/x?amp", "https://suara.com/news/2020/01/01/1/x"),
    ("https://example.co.id/a?outputType=amp", "https://example.co.id/a"),
    ("https://example.co.id/a?page=2", "https://example.co.id/a?page=2"),
    # tracking parameters go, page-picking ones stay, sorted
    ("https://www.cnnindonesia.com/nasional/20171121105308-20-256908/x?utm_medium=wa&utm_campaign=c&fbclid=abc",
     "https://cnnindonesia.com/nasional/20171121105308-20-256908/x"),
    ("https://news.detik.com/berita/d-1/x?nd771104bcj=", "https://news.detik.com/berita/d-1/x"),
    ("https://www.idntimes.com/news/x?ref=terpopuler&gclid=1&_ga=2.1", "https://idntimes.com/news/x"),
    ("https://kompas.com/read?id=5&ref=123", "https://kompas.com/read?id=5&ref=123"),
    ("https://portal.example.id/index.php?p=9&c=2&src=fb", "https://portal.example.id/index.php?c=2&p=9"),
    # scheme, case, fragment, ports, empty segments
    ("HTTP://WWW.BPS.GO.ID/", "https://bps.go.id/"),
    ("https://www.bps.go.id", "https://bps.go.id/"),
    ("http://news.okezone.com:443/read/2019/05/21/337/2058/x#komentar", "https://news.okezone.com/read/2019/05/21/337/2058/x"),
    ("https://berita.example.com:8080//a//b/", "https://berita.example.com:8080/a/b"),
    ("https://example.com/berita%20terkini/%7esatu", "https://example.com/berita%20terkini/~satu"),
    ("https://user:pw@www.example.com/a", "https://example.com/a"),
    # a host that is only a copy label and a registered name keeps it
    ("https://m.co.id/x", "https://m.co.id/x"),
    ("https://www.blogspot.com/x", "https://www.blogspot.com/x"),
]


@pytest.mark.parametrize(("url", "expected"), CANONICAL)
def test_canonical_url(url, expected):
    assert canonical_url(url) == expected


@pytest.mark.parametrize("url", [
    "", "   ", "kompas.com/read/1", "ftp://kompas.com/x", "mailto:redaksi@kompas.com", "javascript:alert(1)",
    "https://", "https://exa mple.com/x", "http://[::1", "https://kompas.com:99999/x", "https://a..b.com/x",
    "https://" + "a" * MAX_URL_CHARS + ".com/",
])
def test_canonical_url_refuses_what_is_not_a_web_address(url):
    assert canonical_url(url) == ""


def test_canonical_url_is_idempotent():
    for url, _expected in CANONICAL:
        assert canonical_url(canonical_url(url)) == canonical_url(url)


@pytest.mark.parametrize(("value", "expected"), [
    ("nasional.tempo.co", "tempo.co"),
    ("regional.kompas.com", "kompas.com"),
    ("www.bps.go.id", "bps.go.id"),
    ("m.republika.co.id", "republika.co.id"),
    ("fisipol.ugm.ac.id", "ugm.ac.id"),
    ("jatim.nu.or.id", "nu.or.id"),
    ("desa-maju.web.id", "desa-maju.web.id"),
    ("https://Nasional.Kompas.com:443/read/1", "kompas.com"),
    ("https://news.okezone.com:443/x", "okezone.com"),
    ("kabar24.bisnis.com", "bisnis.com"),
    ("co.id", ""),
    ("", ""),
    ("192.168.1.9", "192.168.1.9"),
])
def test_registrable_domain(value, expected):
    assert registrable_domain(value) == expected


@pytest.mark.parametrize(("url", "expected"), [
    ("https://www.antaranews.com/read/2017/02/08/judul", date(2017, 2, 8)),
    ("http://nasional.kompas.com/read/2022/12/06/12155851/judul", date(2022, 12, 6)),
    ("https://m.tribunnews.com/nasional/2019/05/21/judul", date(2019, 5, 21)),
    ("https://www.cnnindonesia.com/nasional/20171121105308-20-256908/judul", date(2017, 11, 21)),
    ("https://www.cnbcindonesia.com/news/20240315093000-4-522222/judul", date(2024, 3, 15)),
    ("https://serat.example.id/2025/06/25/judul", date(2025, 6, 25)),
    ("https://contoh.id/berita/2020-01-31/judul", date(2020, 1, 31)),
    ("https://contoh.id/2019/5/7/judul", date(2019, 5, 7)),
])
def test_url_date(url, expected):
    assert url_date(url) == expected


@pytest.mark.parametrize("url", [
    "https://news.detik.com/berita/d-3735413/judul",  # detik's ids carry no date
    "https://nasional.tempo.co/read/1285248/judul",
    "https://www.antaranews.com/berita/540039/judul",
    "https://contoh.id/2019/02/30/judul",  # no such day
    "https://contoh.id/2019/13/01/judul",
    "https://contoh.id/1987/05/01/judul",  # before Indonesian news sites
    "https://contoh.id/2999/05/01/judul",  # too far ahead
    "https://contoh.id/nasional/20171121-20-256908/judul",  # eight digits alone: an id as often as a date
    "https://contoh.id/nasional/20171121995308-20-256908/judul",  # no hour 99
    "https://contoh.id/produk/2017/judul",
    "not a url",
])
def test_url_date_refuses(url):
    assert url_date(url) is None


@pytest.mark.parametrize(("url", "expected"), [
    ("https://news.detik.com/berita/d-1234567/warga-bogor-tanam-1000-pohon",
     ["warga", "bogor", "tanam", "1000", "pohon"]),
    ("https://daerah.sindonews.com/read/1234/174/banjir-rendam-ratusan-rumah-1558412345",
     ["banjir", "rendam", "ratusan", "rumah"]),
    ("https://www.merdeka.com/peristiwa/pasar-tradisional-kembali-ramai.html",
     ["pasar", "tradisional", "kembali", "ramai"]),
    ("https://contoh.id/amp/berita/12345", []),
    ("https://contoh.id/berita/dua-kata", []),
    ("", []),
])
def test_url_slug_words(url, expected):
    assert url_slug_words(url) == expected


@pytest.mark.parametrize(("url", "slug"), [
    ("https://m.antaranews.com/amp/berita/1/x", "antara"),
    ("https://nasional.tempo.co/read/1/x", "tempo"),
    ("https://kabar24.bisnis.com/read/1/x", "bisnis"),
    ("https://www.tribunjateng.com/2020/01/01/x", "tribunnews"),  # a network's regional site: its parent
    ("https://jateng.tribunnews.com/2020/01/01/x", "tribunnews"),
    ("https://www.kompas.id/baca/x", "kompas-id"),
    ("https://www.nu.or.id/nasional/x", "nu-online"),
])
def test_outlet_from_url_listed(url, slug):
    assert outlet_from_url(url) == OUTLETS_BY_SLUG[slug]


def test_outlet_from_url_unlisted_domain_names_itself():
    outlet = outlet_from_url("https://www.kabarmuria.com/2024/03/01/tanggul-jebol")
    assert (outlet.name, outlet.domain, outlet.slug) == ("kabarmuria.com", "kabarmuria.com", "kabarmuria")
    # an unlisted domain whose first label is a listed outlet's slug does not take that outlet's slug
    assert outlet_from_url("https://tempo.id/x").slug == "tempo-id"
    assert outlet_from_url("https://www.bps.go.id/x").domain == "bps.go.id"


def test_outlet_from_url_without_an_address():
    assert outlet_from_url("").name == "unknown"
    assert outlet_from_url("kompas.com/x").name == "unknown"


@pytest.mark.parametrize("url", [
    "https://contoh.id/" + "-kata" * 1600,
    "https://contoh.id/berita?" + "&".join(f"k{i}=v" for i in range(1500)),
    "https://contoh.id/" + "2019/" * 1600,
    "https://contoh.id/" + "20191121" * 1000,
])
def test_worst_inputs_are_bounded(url):
    """Paths and queries near MAX_URL_CHARS: every reader reads at most a bounded part, and agrees with itself."""
    canonical = canonical_url(url)
    assert canonical_url(canonical) == canonical
    url_date(url), url_slug_words(url), registrable_domain(url)
