"""Reading an article in Chromium: about 70 characters a line on a desktop, people and countries beside the story
(above it on a phone), and a printout of the story, its metadata and the citation only."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from articles.tests.browser.reader import DESKTOP, PHONE
from articles.tests.builders import make_article, make_country, make_outlet, make_person

SAMPLE = Path(__file__).resolve().parents[3] / "fixtures" / "sample_articles" / "antara_2018_gempa-tsunami-palu.txt"

# Characters of each rendered line of the first long paragraph, measured with a Range over its text: the line breaks
# are where the top of a character's box moves down.
LINE_LENGTHS = """(p) => {
  const text = p.firstChild; const range = document.createRange(); const lengths = []; let top = null; let count = 0;
  for (let i = 0; i < text.length; i++) {
    range.setStart(text, i); range.setEnd(text, i + 1);
    const box = range.getBoundingClientRect();
    if (box.width === 0 && box.height === 0) continue;
    if (top !== null && box.top > top + 2) { lengths.push(count); count = 0; }
    top = box.top; count++;
  }
  lengths.push(count);
  return lengths;
}"""


@pytest.fixture
def story(transactional_db):
    """A long Indonesian story (the ANTARA sample page) naming a person and a country."""
    title, _, body = SAMPLE.read_text(encoding="utf-8").partition("\n")
    return make_article(title, body=body.strip(), outlet=make_outlet("antara", "ANTARA", "antaranews.com"),
                        people=(make_person("Joko Widodo"),), countries=(make_country("ID", "Indonesia"),))


def test_a_line_of_the_story_holds_about_70_characters_on_a_desktop(page: Page, story):
    page.set_viewport_size(DESKTOP)
    page.goto(story.get_absolute_url())
    paragraphs = page.locator("article.story .story-text p")
    lengths = [length for index in range(paragraphs.count())
               for length in paragraphs.nth(index).evaluate(LINE_LENGTHS)[:-1]]  # a paragraph's last line is short
    assert lengths, "no paragraph of more than one line"
    assert max(lengths) <= 85 and sum(lengths) / len(lengths) >= 55, lengths


def test_people_and_countries_sit_beside_the_story_on_a_desktop(page: Page, story):
    page.set_viewport_size(DESKTOP)
    page.goto(story.get_absolute_url())
    aside, text = page.locator("aside.story-entities"), page.locator("article.story .story-text")
    expect(aside.get_by_role("link", name="Joko Widodo")).to_be_visible()
    aside_box, text_box = aside.bounding_box(), text.bounding_box()
    assert aside_box["x"] >= text_box["x"] + text_box["width"], (aside_box, text_box)
    assert aside_box["y"] < text_box["y"] + 300  # level with the story's start, not below it


def test_people_and_countries_come_before_the_story_on_a_phone(page: Page, story):
    page.set_viewport_size(PHONE)
    page.goto(story.get_absolute_url())
    aside_box = page.locator("aside.story-entities").bounding_box()
    text_box = page.locator("article.story .story-text").bounding_box()
    assert aside_box["y"] + aside_box["height"] <= text_box["y"] + 1
    assert aside_box["y"] < PHONE["height"]  # on the first screen
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]  # nothing scrolls sideways


def test_a_printout_holds_the_story_its_metadata_and_the_citation(page: Page, story):
    page.set_viewport_size(DESKTOP)
    page.goto(f"{story.get_absolute_url()}?q=gempa")
    expect(page.locator("header.site")).to_be_visible()
    page.emulate_media(media="print")
    for hidden in ("header.site", "p.back", "aside.story-entities", "p.source"):
        expect(page.locator(hidden)).to_be_hidden()
    for shown in ("article.story h1", "article.story .meta", "article.story .story-text", "section.citation"):
        expect(page.locator(shown)).to_be_visible()
    page.emulate_media(media="screen")
    expect(page.locator("header.site")).to_be_visible()


def test_the_404_page_has_a_search_box_that_searches(page: Page, story):
    page.set_viewport_size(PHONE)
    response = page.goto("/tidak-ada/")
    assert response.status == 404
    page.get_by_label("Kata yang dicari").fill("gempa")
    page.get_by_role("button", name="Cari").click()
    expect(page.locator("ol.results")).to_contain_text(story.title)
