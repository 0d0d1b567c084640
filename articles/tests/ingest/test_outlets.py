"""Outlets: every outlet in the list is recognised in the forms its pages name it, sub-brands and regional sites go
to their parent, an unlisted site that names itself keeps its own name, and a photo credit never decides."""

from __future__ import annotations

import pytest

from articles.ingest import parse_article
from articles.ingest.outlets import OUTLETS, outlet_for_site

# One dateline per outlet, as its pages open their stories (written for these tests).
DATELINES = {
    "liputan6": "Liputan6.com, Jakarta -",
    "tempo": "TEMPO.CO, Jakarta -",
    "kompas": "JAKARTA, KOMPAS.com -",
    "detik": "Jakarta, detikNews -",
    "cnn-indonesia": "Jakarta, CNN Indonesia --",
    "antara": "Surabaya (ANTARA) -",
    "tribunnews": "TRIBUNNEWS.COM, JAKARTA -",
    "okezone": "JAKARTA, Okezone -",
    "republika": "REPUBLIKA.CO.ID, JAKARTA --",
    "sindonews": "JAKARTA, SINDOnews -",
    "suara": "Suara.com -",
    "viva": "JAKARTA, VIVA.co.id -",
    "katadata": "Katadata.co.id, Jakarta -",
    "jakarta-post": "JAKARTA, The Jakarta Post -",
    "kumparan": "JAKARTA, kumparan -",
    "merdeka": "Merdeka.com -",
    "bisnis": "Bisnis.com, JAKARTA -",
    "cnbc-indonesia": "Jakarta, CNBC Indonesia -",
    "kontan": "KONTAN.CO.ID - JAKARTA.",
    "jpnn": "jpnn.com, JAKARTA -",
    "media-indonesia": "MEDIAINDONESIA.COM, JAKARTA -",
    "idn-times": "Jakarta, IDN Times -",
    "tirto": "tirto.id -",
    "bbc-indonesia": "JAKARTA, BBC News Indonesia -",
    "voa-indonesia": "WASHINGTON (VOA) -",
    "jawapos": "JawaPos.com -",
    "inews": "JAKARTA, iNews.id -",
    "beritasatu": "Jakarta, Beritasatu.com -",
    "kompas-tv": "JAKARTA, KOMPAS.TV -",
    "kompas-id": "Jakarta, Kompas -",
    "medcom": "JAKARTA, Medcom.id -",
    "metro-tv": "JAKARTA, Metrotvnews.com -",
    "rmol": "RMOL.",
    "warta-ekonomi": "Warta Ekonomi, Jakarta -",
    "jakarta-globe": "JAKARTA, Jakarta Globe -",
    "voi": "JAKARTA (VOI) -",
    "era": "Era.id -",
    "genpi": "GenPI.co -",
    "waspada": "MEDAN (Waspada) -",
    "tvone": "Jakarta, tvOnenews.com -",
    "grid": "Grid.ID -",
    "pikiran-rakyat": "PIKIRAN RAKYAT -",
    "solopos": "SOLOPOS.COM -",
    "harian-jogja": "Harianjogja.com, JOGJA -",
    "gatra": "Jakarta, Gatra.com -",
    "inilah": "Inilah.com, Jakarta -",
    "kbr": "KBR, Jakarta -",
    "nu-online": "Jakarta, NU Online -",
    "fajar": "FAJAR.CO.ID, MAKASSAR -",
    "sindo-kalteng": "PALANGKA RAYA, Sindo Kalteng -",
    "investor-daily": "JAKARTA, Investor.id -",
    "bisnis-indonesia": "Bisnis Indonesia, JAKARTA -",
    "hops": "Hops.ID -",
    "kanal24": "Kanal24, Malang -",
    "the-insider-stories": "JAKARTA (TheInsiderStories) -",
    "fortune-indonesia": "Jakarta, FORTUNE -",
    "independent-observer": "Jakarta, IO -",
}
# Some datelines carry only the outlet, no place: the test gives those a place-free story opening.
STORY = "Pemerintah daerah menyiapkan posko pengungsian bagi warga yang rumahnya terendam banjir sejak Senin pagi."


def _page(dateline: str) -> str:
    return (
        "Posko Pengungsian Disiapkan untuk Warga Terdampak Banjir\n\n"
        "Selasa, 21 November 2017 10:53 WIB\n\n"
        f"{dateline} {STORY}\n\n"
        "Menurut petugas, sebagian warga sudah kembali ke rumah masing-masing untuk membersihkan lumpur.\n"
    )


def test_the_list_has_at_least_forty_outlets_and_a_case_for_each():
    slugs = {cues.info.slug for cues in OUTLETS}
    assert len(slugs) >= 40
    assert slugs == set(DATELINES)


@pytest.mark.parametrize(("slug", "dateline"), sorted(DATELINES.items()))
def test_an_outlet_is_read_from_its_dateline(slug, dateline):
    parsed = parse_article(_page(dateline))
    assert parsed.outlet.slug == slug
    assert parsed.body.startswith(STORY)  # the dateline, in every variant, is cut from the story


@pytest.mark.parametrize(
    ("site", "parent"),
    [
        ("Lintasbabel.iNews.id", "inews"),
        ("kabar24.bisnis.com", "bisnis"),
        ("TribunJateng.com", "tribunnews"),
        ("Wartakotalive.com", "tribunnews"),
        ("en.tempo.co", "tempo"),
        ("regional.kompas.com", "kompas"),
    ],
)
def test_desks_and_regional_sites_go_to_their_parent(site, parent):
    assert outlet_for_site(site).slug == parent


def test_an_unlisted_site_that_names_itself_keeps_its_name():
    parsed = parse_article(_page("BLORA, BeritaBlora.id -"))
    assert (parsed.outlet.name, parsed.outlet.domain, parsed.outlet.slug) == (
        "BeritaBlora.id", "beritablora.id", "beritablora")
    footer_only = _page("BLORA -") + "\nCopyright © 2025 BeritaBlora.id. All rights reserved.\n"
    assert parse_article(footer_only).outlet.domain == "beritablora.id"


def test_a_photo_credit_of_another_outlet_does_not_decide():
    page = (
        "Posko Pengungsian Disiapkan untuk Warga Terdampak Banjir\n\n"
        "Penulis: Rina Kartika | Editor: Bagus Santoso\n\nTribunJateng.com\n\n"
        "Warga menunggu bantuan di posko pengungsian, Senin (20/11/2017). (KOMPAS.com/ANTARA FOTO/Andi Wijaya)\n\n"
        f"SEMARANG - {STORY}\n\n"
        "Menurut petugas, sebagian warga sudah kembali ke rumah masing-masing untuk membersihkan lumpur.\n"
    )
    parsed = parse_article(page)
    assert parsed.outlet.slug == "tribunnews"
    assert parsed.author == "Rina Kartika" and parsed.editor == "Bagus Santoso"


@pytest.mark.parametrize(
    ("page", "name", "domain"),
    [
        # A brand in the dateline, its domain given elsewhere on the page.
        (_page("BANDUNG | JABARWARTA –").replace("Menurut petugas", "Menurut catatan JabarWarta.com, petugas"),
         "JabarWarta.com", "jabarwarta.com"),
        # A brand in brackets after the place; a wire agency there is the source, not the site.
        (_page("SURABAYA (KoranPantura) –"), "KoranPantura", ""),
        # The site's own header line, alone at the top.
        ("KabarSawit.co.id\n\n" + _page("PEKANBARU -"), "KabarSawit.co.id", "kabarsawit.co.id"),
        # A line promoting the site's own channels.
        (_page("PEKANBARU -") + "\nIkuti juga Channel WhatsApp KABARSAWIT.co.id untuk berita terbaru\n",
         "KABARSAWIT.co.id", "kabarsawit.co.id"),
        # A regional site of a known network.
        (_page("BONDOWOSO, iNewsBondowoso.id -"), "iNews.id", "inews.id"),
        # The story speaks of its own reporters.
        (_page("Jakarta -").replace("Menurut petugas", "Pantauan detikcom di lokasi, petugas"), "detikNews", "detik.com"),
        (_page("Jakarta -").replace("Menurut petugas", '"Kami siaga," kata dia kepada The Jakarta Post. Petugas'),
         "The Jakarta Post", "thejakartapost.com"),
        # A data page whose only name of its outlet is the outlet's research desk, inside a sentence.
        (_page("").replace(STORY, "Survei terbaru Katadata Insight Center menunjukkan sebagian besar warga terdampak "
                                  "banjir belum menerima bantuan tunai dari pemerintah daerah."),
         "Katadata", "katadata.co.id"),
        # An unlisted site acting in its own story.
        (_page("").replace(STORY, "Dua tahun lalu KabarDelta.id merilis peta titik rawan banjir yang kini dipakai "
                                  "petugas untuk menentukan lokasi posko pengungsian."),
         "KabarDelta.id", "kabardelta.id"),
        # A site's menu saved as one line without separators, naming the site in one of its links.
        ("Tentang KamiPedoman Media SiberKebijakan PrivasiCara Menulis di kumparanKarir\n\n" + _page(""),
         "Kumparan", "kumparan.com"),
        # The Tribun network's regional sites with a hyphen or a .co.id domain.
        (_page("") + "\n(Tribun-Medan.com/Rina Kartika)\n", "Tribunnews.com", "tribunnews.com"),
        (_page("TRIBUNMANADO.CO.ID -"), "Tribunnews.com", "tribunnews.com"),
    ],
    ids=["brand-domain-elsewhere", "bracketed-brand", "site-header", "channel-promo", "regional-network",
         "self-reference", "self-reference-three-words", "research-desk-in-story", "site-acting-in-story",
         "glued-menu", "regional-hyphen", "regional-co-id"],
)
def test_an_unlisted_or_implicit_outlet_is_read_from_the_page(page, name, domain):
    outlet = parse_article(page).outlet
    assert (outlet.name, outlet.domain) == (name, domain)


@pytest.mark.parametrize(
    "sentence",
    [
        "Harga minyak dunia naik dua persen, seperti dilansir Investing.com, Jumat pagi.",
        "Hal itu ia sampaikan dalam acara Sapa Pagi tvOne, Senin malam, di hadapan para pemirsa.",
        # Two outlets, neither cited: nothing tells which one is the page's own.
        "Data Katadata Insight Center dan catatan Alinea.id sama-sama menunjukkan kenaikan jumlah pengungsi.",
    ],
    ids=["cited-site", "broadcaster-programme", "two-names"],
)
def test_an_outlet_only_cited_in_the_story_names_nothing(sentence):
    page = _page("").replace("Menurut petugas", f"{sentence} Menurut petugas")
    assert parse_article(page).outlet.name == "unknown"


def test_a_wire_agency_in_the_dateline_is_not_the_outlet():
    assert parse_article(_page("JAKARTA (Reuters) -")).outlet.name == "unknown"


def test_an_unlisted_sites_own_photo_credit_names_it_when_nothing_else_does():
    page = _page("PEKALONGAN -").replace(
        "Menurut petugas", "Warga membersihkan lumpur di depan rumah. (Dokumentasi: WartaPantura.id)\n\nMenurut petugas")
    assert (parse_article(page).outlet.name, parse_article(page).outlet.domain) == (
        "WartaPantura.id", "wartapantura.id")


def test_host_prefixes_name_no_site():
    outlet = outlet_for_site("www.KabarPapua.id")
    assert (outlet.name, outlet.domain, outlet.slug) == ("KabarPapua.id", "kabarpapua.id", "kabarpapua")


def _page_lines():
    from pathlib import Path

    from articles.ingest.lines import page_lines as _lines

    root = Path(__file__).resolve().parents[3]
    paths = sorted((root / "articles" / "tests" / "pages").glob("*/*.txt"))
    paths += sorted((root / "fixtures" / "sample_articles").glob("*.txt"))
    return [line for path in paths for line in _lines(path.read_text(encoding="utf-8"))]


def test_the_one_call_prefilter_lets_through_every_line_an_outlet_names():
    """The prefilter may let through lines that name no outlet, never pass over one that does."""
    from articles.ingest.outlets import may_name_outlet

    lines = _page_lines() + [
        "kabar24.bisnis.com", "Lintasbabel.iNews.id", "CNN Indonesia", "Baca juga: KOMPAS.com",
        "Copyright © ANTARA 2024", "REP: Nama Wartawan RED: Nama Redaktur", "- 20detik", "(detikcom)",
        "Majalah Tempo", "TRIBUN-JATENG.COM",
    ]
    named = [line for line in lines if any(cues.page.search(line) for cues in OUTLETS)]
    assert len(named) >= 50
    assert [line for line in named if not may_name_outlet(line)] == []
    assert not may_name_outlet("Presiden meresmikan jalan tol baru di Jawa Tengah pada Senin pagi.")


def test_an_outlets_name_is_matched_in_lower_case_exactly_where_it_is_ignoring_case():
    """is_outlet_name matches an ASCII text in lower case (faster): the same answer as ignoring case, on every line
    of the test pages, its words and its first words, and names written in any case."""
    from articles.ingest.outlets import _ANY_NAME, _ANY_NAME_LOWER, _lower_case_only, is_outlet_name

    assert _ANY_NAME_LOWER is not None
    texts = {"CNN Indonesia", "KOMPAS.com", "TEMPO.CO", "Antara News Jakarta", "detikNews", "TRIBUN-JATENG.COM",
             "Copyright © ANTARA", "REP: Nama RED: Nama", "Budi Santoso", "Liputan6.com"}
    for line in _page_lines():
        texts |= {line, *line.split(), " ".join(line.split()[:2]), " ".join(line.split()[:3])}
    texts = {text.strip(" -|·•,") for text in texts}
    assert sum(is_outlet_name(text) for text in texts) >= 20
    assert [text for text in texts if is_outlet_name(text) != (_ANY_NAME.match(text) is not None)] == []
    # A form with a capital, or with a character that matches an ASCII letter ignoring case, keeps ignoring case.
    assert not _lower_case_only("kompas|[A-Z]+\\.com") and not _lower_case_only("\u212aompas")
    assert _lower_case_only("antara(?: ?news)?|[a-z0-9-]+\\.com|viva\\s*[-–—]")
    assert not _lower_case_only("kompas(?-i:tv)")  # a part that stops ignoring case
