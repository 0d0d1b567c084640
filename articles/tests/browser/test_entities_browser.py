"""Entity pages in Chromium, by keyboard, on a phone and a desktop: a timeline bar and a co-mention are links a reader
reaches with Tab and follows with Enter. The archive is the fixed one of ``articles/tests/conftest.py``.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from articles.tests.browser.reader import SIZES, tab_to


@pytest.mark.parametrize("size", SIZES)
def test_timeline_bar_by_keyboard(page, archive, size):
    page.set_viewport_size(SIZES[size])
    page.goto("/orang/joko-widodo/")
    timeline = page.get_by_role("list", name="Berita per bulan")
    expect(timeline.locator("li")).to_have_count(24)  # March 2016 to February 2018, drawn to scale
    expect(timeline.get_by_role("link")).to_have_count(3)  # the months with stories; an empty month is no link
    march = timeline.get_by_role("link", name="Maret 2016: 1 berita", exact=True)
    box = march.bounding_box()
    assert box and box["width"] >= 24 and box["height"] >= 24  # a tap target (WCAG 2.2 target size)
    tab_to(page, march)
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/orang/joko-widodo/\?year=2016&month=2016-03$"))
    expect(page.locator(".result-bar .total")).to_have_text("1 berita")
    expect(page.locator("ol.results h2")).to_have_text(["Jokowi resmikan bendungan di Jawa Tengah"])


@pytest.mark.parametrize("size", SIZES)
def test_comention_by_keyboard(page, archive, size):
    page.set_viewport_size(SIZES[size])
    page.goto("/orang/joko-widodo/")
    people = page.locator(".profile-lists section").filter(
        has=page.get_by_role("heading", name="Disebut bersama orang"))
    prabowo = people.get_by_role("link", name="Prabowo Subianto", exact=True)
    expect(people.locator(".count")).to_have_text(["1"])
    tab_to(page, prabowo)
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/orang/joko-widodo/\?person=prabowo-subianto$"))
    expect(page.locator(".result-bar .total")).to_have_text("1 berita")
    expect(page.locator("ol.results h2")).to_have_text(["Debat pemilu Jokowi dan Prabowo"])


@pytest.mark.parametrize("size", SIZES)
def test_pair_page_timeline(page, archive, size):
    page.set_viewport_size(SIZES[size])
    page.goto("/orang/joko-widodo/dengan/prabowo-subianto/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Joko Widodo dan Prabowo Subianto")
    bar = page.get_by_role("list", name="Berita per bulan").get_by_role("link", name="Februari 2018: 1 berita")
    tab_to(page, bar)
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/dengan/prabowo-subianto/\?year=2018&month=2018-02$"))
    expect(page.locator("ol.results h2")).to_have_text(["Debat pemilu Jokowi dan Prabowo"])
