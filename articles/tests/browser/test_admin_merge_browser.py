"""The merge page in Chromium at a desktop's size: what tells two Basukis apart, before the editor merges them.

The editor is ``dewi`` (``articles/tests/conftest.py``), logged in by ``test_admin_browser.editor_page``.
"""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from articles.models import ArticlePerson, Person, PersonAlias
from articles.tests.browser.reader import PHONE
from articles.tests.browser.test_admin_browser import editor_page, run_action  # noqa: F401  (fixture)
from articles.tests.builders import make_article, make_outlet, make_person

DESKTOP = {"width": 1366, "height": 900}


@pytest.fixture
def basukis(db):
    """The governor (alias "Ahok", two stories) and the minister, found by extraction (one story)."""
    kompas = make_outlet("kompas", "Kompas.com", "kompas.com")
    ahok, bas = make_person("Basuki Tjahaja Purnama"), make_person("Basuki Hadimuljono")
    Person.objects.filter(pk=ahok.pk).update(description="Gubernur DKI Jakarta 2014–2017",
                                             status=Person.Status.CONFIRMED)
    PersonAlias.objects.create(person=ahok, name="Ahok")
    stories = [
        (ahok, "Ahok hadiri sidang", "Gubernur Basuki Tjahaja Purnama hadir di sidang."),
        (ahok, "Ahok resmikan RPTRA", "Basuki meresmikan RPTRA di Jakarta Utara."),
        (bas, "Tol Trans Jawa tersambung", "Menteri PUPR Basuki Hadimuljono meninjau tol."),
    ]
    for day, (subject, title, sentence) in enumerate(stories, start=1):
        article = make_article(title, outlet=kompas, published=f"2017-03-{day:02d} 10:00", body=sentence,
                               people=(subject,))
        ArticlePerson.objects.filter(article=article, person=subject).update(context=sentence)
    return ahok, bas


def test_the_merge_page_compares_the_people_before_the_merge(editor_page, basukis):  # noqa: F811  (the fixture)
    page = editor_page
    page.set_viewport_size(DESKTOP)
    ahok, bas = basukis
    # The admin's home says how many people wait for review, and leads to them.
    page.goto(reverse("admin:index"))
    expect(page.get_by_role("link", name="1 orang menunggu tinjauan")).to_be_visible()

    page.goto(reverse("admin:articles_person_changelist"))
    run_action(page, ["Basuki Hadimuljono", "Basuki Tjahaja Purnama"], "Gabungkan orang terpilih menjadi satu")

    table = page.get_by_role("table", name="Periksa dulu: apakah mereka orang yang sama?")
    expect(table).to_be_visible()
    governor = table.get_by_role("row").filter(has=page.get_by_role("rowheader", name=re.compile("^Basuki Tjahaja")))
    minister = table.get_by_role("row").filter(has=page.get_by_role("rowheader", name=re.compile("^Basuki Hadi")))
    expect(governor.get_by_role("cell")).to_have_text([
        "2 berita", "Ahok", "Gubernur DKI Jakarta 2014–2017",
        re.compile(r"Gubernur Basuki Tjahaja Purnama hadir di sidang\..*Basuki meresmikan RPTRA", re.S)])
    expect(minister.get_by_role("cell")).to_have_text([
        "1 berita", "—", "—", re.compile(r"Menteri PUPR Basuki Hadimuljono meninjau tol\.")])
    # The two columns fit the desktop's width: no sideways scrolling to read the sentences.
    assert page.evaluate("() => document.documentElement.scrollWidth") <= DESKTOP["width"]

    # A sentence opens its story in the admin, where the editor can read it whole (in a second tab: going back to
    # the merge page would post the action again).
    sentence = minister.get_by_role("link", name="Menteri PUPR Basuki Hadimuljono meninjau tol.")
    story = page.context.new_page()
    story.goto(sentence.get_attribute("href"))
    expect(story.get_by_label("Judul")).to_have_value("Tol Trans Jawa tersambung")
    story.close()

    # On a phone the table scrolls inside its box; the page does not scroll sideways.
    page.set_viewport_size(PHONE)
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 390

    page.get_by_label("Gabungkan ke").select_option(label="Basuki Tjahaja Purnama")
    page.get_by_role("button", name="Gabungkan").click()
    expect(page.locator("ul.messagelist li")).to_contain_text(
        "Basuki Hadimuljono digabungkan ke Basuki Tjahaja Purnama")
    assert not Person.objects.filter(pk=bas.pk).exists()
