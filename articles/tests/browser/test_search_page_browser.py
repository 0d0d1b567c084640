"""The search page on a phone (390x844) and a desktop (1366x900) in Chromium: the filter drawer, the skip links, tap
targets, the histogram by keyboard, the welcome.

The archive is the fixed one of ``articles/tests/conftest.py`` (13 articles; 2016 3, 2017 6, 2018 4). What is asserted
is what a reader sees and reaches.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from articles.search.indexing import deferred
from articles.tests.browser.reader import DESKTOP, PHONE
from articles.tests.builders import make_article

BOTH = pytest.mark.parametrize("page", [PHONE, DESKTOP], indirect=True, ids=["phone", "desktop"])
ON_PHONE = pytest.mark.parametrize("page", [PHONE], indirect=True, ids=["phone"])
ON_DESKTOP = pytest.mark.parametrize("page", [DESKTOP], indirect=True, ids=["desktop"])
# Enough Tab presses to cross the page before the histogram (skip links, header, form, result links): a bound, so a
# bar that is not reachable fails the test instead of looping.
MAX_TABS = 80


@pytest.fixture
def page(browser, live_server, request):
    """Return a fresh page of the size the test is parametrized with (the conftest's ``page``, with a viewport)."""
    context = browser.new_context(viewport=request.param, locale="id-ID", timezone_id="Asia/Jakarta",
                                  base_url=live_server.url)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def long_archive(archive):
    """Add ten short 2015 stories to the archive: 23 articles, two pages of 20 with no words."""
    with deferred():
        archive.extra = [make_article(f"Berita pendek nomor {number}", outlet=archive.detik,
                                      published=f"2015-01-{number + 1:02d} 08:00") for number in range(10)]
    return archive


def drawer(page: Page):
    return page.locator("details.filters > summary")


def focused(page: Page) -> dict:
    return page.evaluate("""() => { const e = document.activeElement;
        return {id: e.id, text: e.innerText, tag: e.tagName, href: e.getAttribute('href') || ''}; }""")


def size(locator) -> tuple[float, float]:
    box = locator.bounding_box()
    assert box, "not rendered"
    return box["width"], box["height"]


# --- the filter drawer -----------------------------------------------------------------------------------------------


@ON_PHONE
def test_on_a_phone_the_filters_are_a_drawer_above_the_results(page, archive):
    page.goto("/?q=presiden&outlet=tempo")
    summary = drawer(page)
    expect(summary).to_have_text("Filter (1)")
    top = summary.bounding_box()["y"]
    assert top < PHONE["height"], top  # within the first screen
    assert top < page.locator("ol.results li").first.bounding_box()["y"]
    media = page.locator("section.facet").filter(has=page.get_by_role("heading", name="Media", exact=True))
    expect(media).to_be_hidden()

    summary.click()

    expect(media).to_be_visible()
    media.get_by_role("link", name="Kompas.com").click()
    expect(page).to_have_url(re.compile(r"outlet=kompas"))
    expect(drawer(page)).to_have_text("Filter (2)")


@ON_PHONE
def test_a_phone_page_does_not_scroll_sideways(page, archive):
    for path in ("/", "/?year=2017&q=presiden", "/cari/tips/"):
        page.goto(path)
        if drawer(page).count():
            drawer(page).click()
        assert page.evaluate("document.scrollingElement.scrollWidth") <= PHONE["width"], path


@ON_DESKTOP
def test_on_a_desktop_the_filters_stand_beside_the_results(page, archive):
    page.goto("/?q=presiden")
    expect(drawer(page)).to_be_hidden()
    media = page.locator("section.facet").first
    expect(media).to_be_visible()
    assert media.bounding_box()["x"] > page.locator("ol.results").bounding_box()["x"] + 400


# --- skip links ------------------------------------------------------------------------------------------------------


@BOTH
def test_the_skip_link_is_the_first_tab_stop_and_moves_to_the_results(page, archive):
    page.goto("/?q=rusia")
    page.keyboard.press("Tab")
    assert focused(page)["text"] == "Langsung ke hasil"
    box = page.get_by_role("link", name="Langsung ke hasil").bounding_box()
    assert box and box["x"] >= 0 and box["y"] >= 0  # shown when focused

    page.keyboard.press("Enter")

    assert focused(page)["id"] == "hasil"
    page.keyboard.press("Tab")  # the next stop is in the results, not back in the header
    assert page.evaluate("document.getElementById('hasil').contains(document.activeElement)")


@BOTH
def test_the_second_skip_link_moves_to_the_filters(page, archive):
    page.goto("/?q=rusia")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    assert focused(page)["text"] == "Langsung ke filter"

    page.keyboard.press("Enter")

    assert focused(page)["id"] == "filter"
    page.keyboard.press("Tab")
    link = focused(page)
    assert link["tag"] == "A" and page.evaluate("document.getElementById('filter').contains(document.activeElement)")
    expect(page.locator(":focus")).to_be_visible()  # on a phone the drawer opened to show it


# --- tap targets -----------------------------------------------------------------------------------------------------


@ON_PHONE
def test_tap_targets_on_a_phone_are_at_least_44_pixels(page, long_archive):
    page.goto("/")
    pages = page.get_by_role("navigation", name="Halaman")
    targets = [pages.get_by_role("link", name="2", exact=True), pages.locator("[aria-current=page]"),
               page.get_by_role("button", name="ID", exact=True), page.get_by_role("button", name="EN", exact=True),
               drawer(page)]
    for target in targets:
        width, height = size(target)
        assert width >= 44 and height >= 44, (target, width, height)

    drawer(page).click()
    outlet = page.locator("section.facet").first.get_by_role("link").first
    assert size(outlet)[1] >= 44
    outlet.click()
    chip = page.get_by_role("list", name="Filter terpilih").get_by_role("link").first
    assert size(chip)[1] >= 44


# --- the histogram ---------------------------------------------------------------------------------------------------


@BOTH
def test_histogram_bars_are_reached_by_keyboard_and_say_their_counts(page, archive):
    page.goto("/?year=2017")
    if page.viewport_size == PHONE:
        drawer(page).click()
    names = []
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        if page.evaluate("!!document.activeElement.closest('figure.histogram')"):
            names.append(page.evaluate("document.activeElement.innerText"))
            if len(names) == 5:
                break
    # The five months with stories, each named with its count; the empty months are no Tab stop.
    assert names == ["Januari 2017: 1", "Maret 2017: 1", "Mei 2017: 1", "Juni 2017: 1", "November 2017: 2"]
    expect(page.get_by_role("link", name="November 2017: 2")).to_be_focused()
    tip = page.locator("figure.histogram a:focus .tip")
    expect(tip).to_be_visible()  # the count shows on focus, not only to a screen reader
    assert size(tip)[0] > 40
    expect(page.locator("figure.histogram .tick")).to_have_text(
        ["Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des"])
    # The bars are painted: as wide as their column, the November bar (2 stories) twice as tall as January's (1).
    january, november = (size(page.locator("figure.histogram a .bar").nth(index)) for index in (0, 4))
    assert january[0] > 10 and november[0] > 10
    assert november[1] == pytest.approx(2 * january[1], abs=1)


@ON_DESKTOP
def test_histogram_count_shows_on_hover(page, archive):
    page.goto("/")
    bar = page.get_by_role("link", name="2017: 6", exact=True)
    bar.hover()
    expect(bar.locator(".tip")).to_be_visible()
    assert size(bar.locator(".tip"))[0] > 20


# --- the welcome -----------------------------------------------------------------------------------------------------


@BOTH
def test_welcome_heading_and_an_example_search(page, archive):
    page.goto("/")
    expect(page.get_by_role("heading", level=1)).to_have_text("13 berita dari 3 media, 2016–2018")
    page.get_by_role("link", name="rusia ATAU ukraina").click()
    expect(page).to_have_url(re.compile(r"\?q=rusia\+ATAU\+ukraina$"))
    expect(page.locator(".result-bar .total")).to_have_text("4 berita")
    page.get_by_role("link", name="Tips pencarian").click()
    expect(page.get_by_role("table")).to_be_visible()
