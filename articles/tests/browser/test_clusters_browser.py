"""Story clusters in Chromium: two outlets' copies of one wire story are one result that opens to the other, the
article page lists the other version with what it changed, and "tampilkan semua artikel" shows both."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from articles.services import article_cluster_update
from articles.tests.builders import make_article, make_outlet
from articles.tests.ingest.test_fingerprint import OTHER, STORY
from articles.tests.test_clusters import WIRE_END


@pytest.fixture
def copies(transactional_db, index_now):
    """ANTARA's story and Kompas's copy of it (a sentence added), clustered as ingest clusters them; and another."""
    antara = make_article("Empat puluh bus listrik untuk pinggiran", body=STORY, published="2024-03-04 09:00",
                          outlet=make_outlet("antara", "ANTARA", "antaranews.com"))
    kompas = make_article("Kota tambah 40 bus listrik", body=STORY + WIRE_END, published="2024-03-04 11:30",
                          outlet=make_outlet("kompas", "Kompas.com", "kompas.com"))
    other = make_article("Tim putri ke final", body=OTHER, published="2024-03-05 20:00",
                         outlet=make_outlet("detik", "Detik.com", "detik.com"))
    for article in (antara, kompas, other):
        article_cluster_update(article=article)
    index_now()
    return antara, kompas, other


def test_a_wire_story_and_its_copy_are_one_result_that_opens_to_the_other(page: Page, copies):
    antara, kompas, _other = copies
    page.goto("/?q=bus+listrik")
    expect(page.locator(".result-bar .total")).to_have_text(re.compile(r"^1 berita \(2 artikel\)"))
    results = page.locator("ol.results > li")
    expect(results).to_have_count(1)

    versions = results.first.locator("details")
    other_link = versions.get_by_role("link", name=antara.title)
    expect(other_link).to_be_hidden()
    versions.get_by_text("+1 versi dari media lain").click()
    expect(other_link).to_be_visible()
    expect(versions).to_contain_text("ANTARA")

    other_link.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(antara.title)
    section = page.locator("section", has=page.get_by_role("heading", name="Versi lain berita ini"))
    expect(section.get_by_role("link", name=kompas.title)).to_be_visible()
    section.locator("summary").first.click()
    expect(section.locator("ins").first).to_be_visible()


def test_every_article_is_one_click_away(page: Page, copies):
    page.goto("/?q=bus+listrik")
    page.get_by_role("link", name="tampilkan semua artikel").click()
    expect(page).to_have_url(re.compile(r"[?&]collapse=0(&|$)"))
    expect(page.locator("ol.results > li")).to_have_count(2)
    expect(page.locator(".result-bar .total")).to_have_text(re.compile(r"^2 berita"))
