"""axe-core on the reader's pages and the editors' merge page, at a phone's size and a desktop's (issue 16).

Each page must show no serious or critical violation (``axe.axe_violations``). The reader's pages are built as a
reader meets them: the search page with words and a facet chosen (so chips, facets, the histogram and results are
all there), an article, a person, a country, an outlet, a pair of people, the search tips and a page that does not
exist. The merge page is opened by the editor ``dewi`` through the people list's action.
"""

from __future__ import annotations

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from articles.tests.browser.axe import axe_violations, describe
from articles.tests.browser.reader import SIZES
from articles.tests.browser.test_admin_browser import editor_page, run_action  # noqa: F401  (fixture)
from articles.tests.builders import make_person


def reader_url(archive, name: str) -> str:
    """Return the address of the reader's page ``name`` in the fixed archive of ``articles/tests/conftest.py``."""
    return {
        "search": "/?q=pasukan&outlet=tempo",
        "article": archive.a.rusia_suriah.get_absolute_url(),
        "person": reverse("articles:person", args=[archive.jokowi.slug]),
        "country": reverse("articles:country", args=[archive.ru.code]),
        "outlet": reverse("articles:outlet", args=[archive.tempo.slug]),
        "pair": reverse("articles:person_pair", args=[archive.jokowi.slug, archive.prabowo.slug]),
        "tips": reverse("articles:tips"),
        "404": "/artikel/999999/",
    }[name]


READER_PAGES = ("search", "article", "person", "country", "outlet", "pair", "tips", "404")
READER_CASES = [pytest.param(name, size, id=f"{name}-{size}") for name in READER_PAGES for size in SIZES]


def assert_no_serious_violations(page: Page) -> None:
    violations = axe_violations(page)
    assert not violations, f"axe on {page.url}:\n{describe(violations)}"


@pytest.mark.parametrize(("name", "size"), READER_CASES)
def test_reader_pages_have_no_serious_accessibility_violations(page, archive, name, size):
    page.set_viewport_size(SIZES[size])
    response = page.goto(reader_url(archive, name))
    assert response.status == (404 if name == "404" else 200)
    assert_no_serious_violations(page)


@pytest.mark.parametrize("size", SIZES)
def test_the_admin_merge_page_has_no_serious_accessibility_violations(editor_page, size):  # noqa: F811  (the fixture)
    page = editor_page
    for name in ("Basuki Tjahaja Purnama", "Basuki Hadimuljono"):
        make_person(name)
    page.set_viewport_size(SIZES[size])
    page.goto(reverse("admin:articles_person_changelist"))
    run_action(page, ["Basuki Hadimuljono", "Basuki Tjahaja Purnama"], "Gabungkan orang terpilih menjadi satu")
    expect(page.get_by_role("heading", name="Gabungkan orang", exact=True)).to_be_visible()
    assert_no_serious_violations(page)


@pytest.mark.parametrize("size", SIZES)
def test_the_admin_home_with_the_review_queue_count_has_no_serious_accessibility_violations(editor_page, size):  # noqa: F811  (the fixture)
    page = editor_page
    make_person("Sinovac Biotech")  # found by extraction: the queue is not empty
    page.set_viewport_size(SIZES[size])
    page.goto(reverse("admin:index"))
    expect(page.get_by_role("link", name="1 orang menunggu tinjauan")).to_be_visible()
    assert_no_serious_violations(page)
