"""Hints: what a page's container says (its URL, metadata) is weighed against its text field by field, each field
records where it came from, and a page given without hints reads exactly as before.

The pages are written for these tests."""

from __future__ import annotations

from datetime import UTC, datetime

from articles.ingest import PageHints, parse_article
from articles.ingest.dates import DEFAULT_ZONE

PAGE_WITH_DATE = """Warga Sukamaju Bergotong Royong Bersihkan Saluran Irigasi
Senin, 4 Maret 2024 09:15 WIB
TEMPO.CO, Kudus - Ratusan warga Desa Sukamaju membersihkan saluran irigasi yang tersumbat lumpur sejak musim hujan.

Kepala desa mengatakan kerja bakti itu digelar agar sawah tidak kekurangan air menjelang musim tanam berikutnya.

Kegiatan serupa direncanakan setiap bulan dengan melibatkan kelompok tani dan karang taruna setempat.
"""

PAGE_WITHOUT_DATE = """Pasar Murah Digelar di Alun-alun Kota
Kudus - Pemerintah kota menggelar pasar murah bagi warga yang ingin membeli bahan pokok dengan harga terjangkau.

Beras, minyak goreng dan gula dijual lebih murah daripada harga di pasar tradisional pada pekan yang sama.

Panitia menyebut pasar murah akan berlangsung selama tiga hari berturut-turut hingga akhir pekan.
"""


def test_without_hints_the_text_decides_and_says_so():
    parsed = parse_article(PAGE_WITH_DATE)
    assert parsed.outlet.slug == "tempo"
    assert parsed.url == "" and parsed.fetched_at is None
    assert parsed.sources == {"outlet": "text", "title": "text", "published": "text"}


def test_empty_hints_change_nothing_but_the_container():
    plain = parse_article(PAGE_WITH_DATE).as_dict()
    hinted = parse_article(PAGE_WITH_DATE, hints=PageHints()).as_dict()
    assert hinted == plain


def test_outlet_from_url_beats_the_text():
    parsed = parse_article(PAGE_WITH_DATE, hints=PageHints(
        url="https://amp.kompas.com/regional/read/2024/03/04/091500/warga-sukamaju-bersihkan-irigasi?utm_source=wa",
        source="url"))
    assert parsed.outlet.slug == "kompas"
    assert parsed.url == "https://kompas.com/regional/read/2024/03/04/091500/warga-sukamaju-bersihkan-irigasi"
    assert parsed.sources["outlet"] == "url"
    # the page's own stamp stands: the URL's day is evidence only when the page shows none
    assert parsed.published == datetime(2024, 3, 4, 9, 15, tzinfo=DEFAULT_ZONE)
    assert parsed.sources["published"] == "text"


def test_unlisted_domain_keeps_the_text_s_spelling_of_the_same_site():
    page = PAGE_WITH_DATE.replace("TEMPO.CO, Kudus", "KabarMuria.com, Kudus")
    parsed = parse_article(page, hints=PageHints(url="https://www.kabarmuria.com/berita/1/x", source="url"))
    assert (parsed.outlet.name, parsed.outlet.domain) == ("KabarMuria.com", "kabarmuria.com")
    other = parse_article(page, hints=PageHints(url="https://beritakudus.id/berita/1/x", source="url"))
    assert (other.outlet.name, other.outlet.domain) == ("beritakudus.id", "beritakudus.id")


def test_date_from_url_when_the_page_shows_none():
    assert parse_article(PAGE_WITHOUT_DATE).published is None
    parsed = parse_article(PAGE_WITHOUT_DATE, hints=PageHints(
        url="https://www.tribunnews.com/regional/2023/08/14/pasar-murah-digelar-di-alun-alun-kota", source="url"))
    assert parsed.published == datetime(2023, 8, 14, tzinfo=DEFAULT_ZONE)
    assert parsed.date_only is True
    assert (parsed.date_source, parsed.sources["published"]) == ("url", "url")
    assert parsed.as_dict()["published"] == "2023-08-14T00:00:00+07:00"


def test_metadata_fields_come_first_and_name_their_container():
    fetched = datetime(2024, 3, 5, 1, 0, tzinfo=UTC)
    parsed = parse_article(PAGE_WITHOUT_DATE, hints=PageHints(
        url="https://contoh-berita.id/ekonomi/pasar-murah-digelar-di-alun-alun", fetched_at=fetched,
        title="Pasar Murah Digelar di Alun-alun Kota Kudus", published=datetime(2024, 3, 4, 8, 0),
        author="Rina Wulandari", source="html"))
    assert parsed.title == "Pasar Murah Digelar di Alun-alun Kota Kudus"
    assert parsed.published == datetime(2024, 3, 4, 8, 0, tzinfo=DEFAULT_ZONE)  # no zone given: WIB
    assert parsed.author == "Rina Wulandari"
    assert parsed.fetched_at == fetched
    assert parsed.sources == {"outlet": "url", "title": "html", "published": "html", "author": "html"}
    assert parsed.as_dict()["fetched_at"] == "2024-03-05T01:00:00+00:00"


def test_a_site_wide_metadata_title_loses_to_the_headline_the_slug_confirms():
    parsed = parse_article(PAGE_WITHOUT_DATE, hints=PageHints(
        url="https://contoh-berita.id/ekonomi/pasar-murah-digelar-di-alun-alun", title="Berita Terkini Hari Ini",
        source="html"))
    assert parsed.title == "Pasar Murah Digelar di Alun-alun Kota"
    assert parsed.sources["title"] == "text"


def test_the_text_s_byline_beats_metadata_author():
    page = PAGE_WITH_DATE.replace("Senin, 4 Maret", "Penulis: Budi Santoso\nSenin, 4 Maret")
    parsed = parse_article(page, hints=PageHints(author="Redaksi", source="jsonl"))
    assert parsed.author == "Budi Santoso"
    assert parsed.sources["author"] == "text"


def test_outlet_name_hint_without_url():
    page = PAGE_WITHOUT_DATE
    parsed = parse_article(page, hints=PageHints(outlet_name="Kompas.com", source="jsonl"))
    assert parsed.outlet.slug == "kompas"
    assert parsed.sources["outlet"] == "jsonl"
    # a listed outlet in the text is not replaced by an unlisted name from a JSON line
    parsed = parse_article(PAGE_WITH_DATE, hints=PageHints(outlet_name="portal warga", source="jsonl"))
    assert parsed.outlet.slug == "tempo"
