"""``match=all|any`` in Chromium, on a phone (390x844) and a desktop (1366x900): the "semua / salah satu" toggle of the
people and countries facets, used by keyboard alone, and the chips of several values ("Negara: Rusia atau Suriah").

The archive is the fixed one of ``articles/tests/conftest.py``: Rusia is named in 3 articles, Suriah in 3, both in one
(rusia_suriah); 5 name either.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from articles.tests.browser.reader import SIZES, tab_to


def total(page: Page):
    return page.locator(".result-bar .total")


def chips(page: Page):
    return page.get_by_role("list", name="Filter terpilih")


def toggle(page: Page, heading: str):
    section = page.locator("section.facet").filter(has=page.get_by_role("heading", name=heading, exact=True))
    return section.locator("p.match-toggle")


def open_filters(page: Page) -> None:
    """On a phone the filters are a drawer above the results ("Filter (n)"), closed: open it by keyboard."""
    drawer = page.locator("details.filters > summary")
    if drawer.is_visible():
        expect(drawer).to_have_text(re.compile(r"Filter \(\d+\)"))
        tab_to(page, drawer)
        page.keyboard.press("Enter")


@pytest.mark.parametrize("size", SIZES)
def test_the_toggle_works_by_keyboard_and_the_chips_read_right(page, archive, size):
    page.set_viewport_size(SIZES[size])
    page.goto("/?country=RU&country=SY")
    expect(total(page)).to_have_text("5 berita")
    if size == "phone":
        expect(page.locator("details.filters > summary")).to_have_text("Filter (2)")
    open_filters(page)
    expect(chips(page).locator("li.chip-group")).to_have_text("Negara: Rusia × atau Suriah ×")
    countries = toggle(page, "Negara")
    expect(countries).to_be_visible()
    expect(countries.get_by_role("link", name="salah satu", exact=True)).to_have_attribute("aria-current", "true")
    expect(toggle(page, "Media")).to_have_count(0)

    every = countries.get_by_role("link", name="semua", exact=True)
    tab_to(page, every)
    expect(every).to_be_in_viewport()
    page.keyboard.press("Enter")

    expect(page).to_have_url(re.compile(r"[?&]match=all(&|$)"))
    expect(total(page)).to_have_text("1 berita")
    open_filters(page)
    expect(page.locator("ol.results h2")).to_have_text([archive.a.rusia_suriah.title])
    expect(chips(page).locator("li.chip-group")).to_have_text("Negara: Rusia × dan Suriah ×")
    countries = toggle(page, "Negara")
    expect(countries.get_by_role("link", name="semua", exact=True)).to_have_attribute("aria-current", "true")
    # The counts are conjunctive now: Ukraina and Amerika Serikat are each named with both in no article.
    expect(page.locator("section.facet li").filter(has_text="Ukraina")).to_have_count(0)

    # A value of the chip is removed alone, by keyboard; match stays.
    remove = chips(page).get_by_role("link", name="Hapus Rusia")
    tab_to(page, remove)
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"\?country=SY&match=all$"))
    expect(total(page)).to_have_text("3 berita")
    expect(chips(page).get_by_role("link")).to_have_text(["Negara: Suriah ×", "Hapus semua"])
    open_filters(page)

    any_link = toggle(page, "Negara").get_by_role("link", name="salah satu", exact=True)
    tab_to(page, any_link)
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"\?country=SY$"))
    open_filters(page)
    expect(toggle(page, "Negara").get_by_role("link", name="salah satu", exact=True)).to_have_attribute(
        "aria-current", "true")
