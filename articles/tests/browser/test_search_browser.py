"""The reader's side in Chromium: words, facets, chips, the histogram, pages, the article page and the language.

The archive is the fixed one of ``articles/tests/conftest.py`` (13 articles; its docstring lists the counts): tempo 5,
kompas 4, detik 4; 2016 3, 2017 6, 2018 4; "pasukan" in 3 articles. What is asserted is what a reader sees.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from articles.search.indexing import deferred
from articles.tests.builders import make_article
from articles.tests.conftest import HOSTILE


def total(page: Page):
    return page.locator(".result-bar .total")


def result_titles(page: Page):
    return page.locator("ol.results h2")


def facet(page: Page, heading: str):
    """Return the side panel section of one facet, found by its heading."""
    return page.locator("section.facet").filter(has=page.get_by_role("heading", name=heading, exact=True))


def chips(page: Page):
    return page.get_by_role("list", name="Filter terpilih")


def search_box(page: Page):
    return page.get_by_role("searchbox", name="Kata yang dicari")


def bar(page: Page, label: str):
    """Return the histogram bar named ``label`` ("2017: 6"): a link whose text is its name, shown on hover and focus."""
    return page.locator("figure.histogram").get_by_role("link", name=label, exact=True)


@pytest.fixture
def long_archive(archive):
    """Add ten short 2015 stories to the archive: 23 articles, two pages of 20 with no words."""
    with deferred():  # one index writer for the ten, not one per save
        archive.extra = [make_article(f"Berita pendek nomor {number}", outlet=archive.detik,
                                      published=f"2015-01-{number + 1:02d} 08:00") for number in range(10)]
    return archive


def test_searched_word_is_marked_in_the_snippets(page, archive):
    page.goto("/")
    expect(total(page)).to_have_text("13 berita")

    search_box(page).fill("pasukan")
    page.get_by_role("button", name="Cari", exact=True).click()

    expect(page).to_have_url(re.compile(r"[?&]q=pasukan(&|$)"))
    expect(total(page)).to_have_text("3 berita")
    # The two with "pasukan" in the title first (in either order: their scores tie), then Prabowo's.
    expect(result_titles(page).nth(2)).to_have_text(archive.a.prabowo_ukraina.title)
    assert set(result_titles(page).all_inner_texts()[:2]) == {archive.a.rusia_suriah.title,
                                                             archive.a.amerika_suriah.title}
    snippets = page.locator("ol.results .snippet")
    expect(snippets).to_have_count(3)
    for number in range(3):
        expect(snippets.nth(number).locator("mark").first).to_have_text(re.compile("^pasukan$", re.I))
    expect(search_box(page)).to_have_value("pasukan")


def test_hostile_article_is_shown_as_text_and_runs_nothing(page, archive):
    dialogs = []

    def record(dialog):
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", record)  # an alert() that ran would land here
    page.goto("/?q=diplomasi")
    expect(result_titles(page)).to_have_text([archive.a.hostile.title])
    expect(page.locator("ol.results .snippet")).to_contain_text(f"memuat kode {HOSTILE} di halaman")

    page.get_by_role("link", name=archive.a.hostile.title).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(archive.a.hostile.title)
    expect(page.locator("article script")).to_have_count(0)
    assert dialogs == []


def test_outlet_facet_narrows_and_a_second_outlet_widens(page, archive):
    page.goto("/")
    media = facet(page, "Media")
    media.get_by_role("link", name="Tempo.co").click()

    expect(total(page)).to_have_text("5 berita")
    expect(chips(page).get_by_role("link")).to_have_text(["Media: Tempo.co ×", "Hapus semua"])
    expect(media.get_by_role("link", name="Tempo.co")).to_have_attribute("aria-current", "true")
    # The facet's own counts ignore its selection, so the other outlets still say how many they would add.
    expect(media.locator("li").filter(has_text="Kompas.com").locator(".count")).to_have_text("4")

    media.get_by_role("link", name="Kompas.com").click()

    expect(total(page)).to_have_text("9 berita")
    # One chip for the facet, each value removable alone (issue 16: "Media: Tempo.co atau Kompas.com").
    expect(chips(page).get_by_role("listitem").first).to_have_text("Media: Tempo.co × atau Kompas.com ×")
    expect(chips(page).get_by_role("link")).to_have_text(["Tempo.co ×", "Kompas.com ×", "Hapus semua"])
    outlets = page.locator("ol.results .meta > a:first-child")
    expect(outlets).to_have_count(9)
    expect(outlets.filter(has_not_text=re.compile("^(Tempo.co|Kompas.com)$"))).to_have_count(0)
    expect(page).to_have_url(re.compile(r"\?outlet=tempo&outlet=kompas$"))


def test_removing_a_chip_drops_only_that_filter(page, archive):
    page.goto("/?q=presiden&outlet=tempo&outlet=kompas&year=2016")
    expect(total(page)).to_have_text("2 berita")

    chips(page).get_by_role("link", name="Hapus Tempo.co").click()

    expect(chips(page).get_by_role("link")).to_have_text(["Media: Kompas.com ×", "Tahun: 2016 ×", "Hapus semua"])
    expect(result_titles(page)).to_have_text([archive.a.upacara.title])
    expect(search_box(page)).to_have_value("presiden")


def test_clear_all_removes_every_filter_and_keeps_the_words(page, archive):
    page.goto("/?q=pasukan&outlet=tempo&year=2017")
    expect(total(page)).to_have_text("2 berita")

    chips(page).get_by_role("link", name="Hapus semua").click()

    expect(chips(page)).to_have_count(0)
    expect(total(page)).to_have_text("3 berita")
    expect(search_box(page)).to_have_value("pasukan")
    expect(facet(page, "Media").locator("[aria-current]")).to_have_count(0)


def test_histogram_bar_chooses_its_year(page, archive):
    page.goto("/")
    expect(page.get_by_text("Berita per tahun")).to_be_visible()
    expect(page.locator("figure.histogram ol.bars a")).to_have_count(3)
    expect(bar(page, "2016: 3")).to_have_count(1)

    bar(page, "2017: 6").click()

    expect(page).to_have_url(re.compile(r"\?year=2017$"))
    expect(total(page)).to_have_text("6 berita")
    expect(chips(page).get_by_role("link", name="Tahun: 2017")).to_be_visible()
    # One year chosen: the histogram now counts its months, and the November bar holds two stories.
    expect(page.get_by_text("Berita per bulan")).to_be_visible()
    expect(page.locator("figure.histogram ol.bars li")).to_have_count(12)
    expect(page.locator("figure.histogram ol.bars a")).to_have_count(5)  # the months with stories, none for the rest
    expect(bar(page, "November 2017: 2")).to_have_count(1)


def test_article_opened_from_the_results_marks_the_words(page, archive, live_server):
    page.goto("/?q=penarikan")
    page.get_by_role("link", name=archive.a.rusia_suriah.title).click()

    expect(page).to_have_url(re.compile(rf"/artikel/{archive.a.rusia_suriah.pk}/\?q=penarikan$"))
    heading = page.get_by_role("heading", level=1)
    expect(heading).to_have_text(archive.a.rusia_suriah.title)
    # "penarikan" is stemmed to "tarik": the title's "tarik" is marked too.
    expect(heading.locator("mark")).to_have_text(["tarik"])
    expect(page.locator("article p mark")).to_have_text(["Penarikan"])
    # The stylesheet reached the browser: a mark is painted, not only present in the markup.
    expect(heading.locator("mark")).not_to_have_css("background-color", "rgba(0, 0, 0, 0)")

    page.get_by_role("link", name="Kembali ke hasil pencarian").click()
    expect(page).to_have_url(f"{live_server.url}/?q=penarikan")
    expect(search_box(page)).to_have_value("penarikan")


def test_second_page_lists_the_rest(page, long_archive):
    page.goto("/")
    expect(total(page)).to_have_text("23 berita · halaman 1 dari 2")
    expect(result_titles(page)).to_have_count(20)
    pages = page.get_by_role("navigation", name="Halaman")

    pages.get_by_role("link", name="2", exact=True).click()

    expect(page).to_have_url(re.compile(r"\?page=2$"))
    expect(total(page)).to_have_text("23 berita · halaman 2 dari 2")
    # Newest first without words: the last three are the oldest stories, numbered on from 21.
    expect(result_titles(page)).to_have_text(
        ["Berita pendek nomor 2", "Berita pendek nomor 1", "Berita pendek nomor 0"])
    expect(page.locator("ol.results")).to_have_attribute("start", "21")
    expect(pages.locator("[aria-current=page]")).to_have_text("2")
    expect(pages.get_by_role("link", name="1", exact=True)).to_be_visible()


def test_language_switch_to_english_and_back(page, archive, live_server):
    page.goto("/?year=2017")
    expect(page.locator("html")).to_have_attribute("lang", "id")
    expect(page.get_by_role("button", name="Cari", exact=True)).to_be_visible()

    page.get_by_role("button", name="EN", exact=True).click()

    expect(page).to_have_url(f"{live_server.url}/en/?year=2017")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("button", name="Search", exact=True)).to_be_visible()
    expect(page.get_by_role("list", name="Chosen filters").get_by_role("link")).to_have_text(
        ["Year: 2017 ×", "Clear all"])
    expect(total(page)).to_have_text("6 articles")

    page.get_by_role("button", name="ID", exact=True).click()

    expect(page).to_have_url(f"{live_server.url}/?year=2017")
    expect(page.locator("html")).to_have_attribute("lang", "id")
    expect(page.get_by_role("button", name="Cari", exact=True)).to_be_visible()
    expect(chips(page).get_by_role("link", name="Hapus semua")).to_be_visible()
    expect(total(page)).to_have_text("6 berita")


# Found while driving the pages, then mended ---------------------------------------------------------------------------


def test_without_words_the_sort_line_names_the_order_shown(page, archive):
    page.goto("/")
    expect(result_titles(page).first).to_have_text(archive.a.bantuan.title)  # the newest story
    # The page is complete (no script changes it): read it once rather than wait out expect()'s timeout.
    assert page.locator(".sort [aria-current]").inner_text() == "terbaru"


def test_back_to_the_results_returns_to_the_same_results(page, archive):
    page.goto("/?q=pasukan&outlet=tempo")
    expect(total(page)).to_have_text("2 berita")
    page.get_by_role("link", name=archive.a.rusia_suriah.title).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(archive.a.rusia_suriah.title)

    page.get_by_role("link", name="Kembali ke hasil pencarian").click()

    expect(search_box(page)).to_have_value("pasukan")
    # The page is complete (no script changes it): read it once rather than wait out expect()'s timeout.
    assert (total(page).inner_text(), chips(page).count()) == ("2 berita", 1)
