"""The editors' side in Chromium: logging in, merging people, uploading pages, rejecting a discovered name.

The editor is ``dewi`` of ``articles/tests/conftest.py`` (a staff member of the "Editor" group, password
"sandi-editor"), and every admin address comes from ``reverse()``: where the admin lives is configurable.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from articles.models import Article, ArticlePerson, Person, PersonAlias, PersonRedirect, RejectedName
from articles.tests.builders import make_article, make_outlet, make_person

SAMPLE_DIR = Path(__file__).resolve().parents[3] / "fixtures" / "sample_articles"
PASSWORD = "sandi-editor"  # the editor fixture's
# Two sample pages and a word of each title that no other page has (test_upload.py reads the same two).
BANJIR = "kompas_2013_banjir-bundaran-hi.txt"  # "Tanggul Latuharhary Jebol, Bundaran HI Terendam, ..."
BOM = "detik_2016_bom-thamrin.txt"  # "Teror Bom dan Baku Tembak di Thamrin, ..."


def log_in(page: Page, username: str, password: str = PASSWORD) -> None:
    """Fill and send the admin's login form, as an editor does."""
    page.get_by_label("Nama pengguna").fill(username)
    page.get_by_label("Sandi").fill(password)
    page.get_by_role("button", name="Masuk").click()


@pytest.fixture
def editor_page(page, editor):
    """Return the page logged in to the admin as the editor, on the admin's index."""
    page.goto(reverse("admin:login"))
    log_in(page, editor.username)
    expect(page.get_by_role("button", name="Keluar")).to_be_visible()
    return page


def run_action(page: Page, names: list[str], action: str) -> None:
    """Tick the rows of the change list that name these people, choose the action and send it."""
    for name in names:
        page.get_by_role("row").filter(has=page.get_by_role("link", name=name, exact=True)).get_by_role(
            "checkbox").check()
    page.get_by_label("Aksi:").select_option(label=action)
    page.get_by_role("button", name="Buka").click()


def messages(page: Page):
    return page.locator("ul.messagelist li")


def test_admin_login_form_refuses_a_wrong_password_then_lets_the_editor_in(page, editor, live_server):
    page.goto(reverse("admin:index"))
    expect(page).to_have_url(re.compile(re.escape(reverse("admin:login")) + r"\?next="))

    log_in(page, "dewi", "salah")
    expect(page.locator(".errornote")).to_contain_text("Masukkan nama pengguna")
    expect(page.get_by_role("button", name="Keluar")).to_have_count(0)

    log_in(page, "dewi")
    expect(page).to_have_url(live_server.url + reverse("admin:index"))
    expect(page.get_by_role("heading", name="Kurasi arsip")).to_be_visible()
    expect(page.get_by_text("Selamat datang, dewi", exact=False)).to_be_visible()
    # An editor curates the archive's content; users and groups are not theirs.
    expect(page.get_by_role("link", name="Antrean tinjauan orang")).to_be_visible()
    expect(page.get_by_role("link", name="Pengguna", exact=True)).to_have_count(0)
    expect(page.get_by_role("link", name="Grup", exact=True)).to_have_count(0)


@pytest.fixture
def chen(db):
    """Two spellings of Chen Qingchen's name, each on its own story, and one story naming both."""
    detik = make_outlet("detik", "Detik.com", "detik.com")
    target, source = make_person("Chen Qingchen"), make_person("Chen Qing Chen")
    make_article("Greysia/Apriyani raih emas", outlet=detik, published="2021-08-02 14:00",
                 body="Greysia/Apriyani mengalahkan Chen Qingchen/Jia Yifan.", people=(target,))
    make_article("Ganda putri Indonesia juara", outlet=detik, published="2021-08-02 15:00",
                 body="Lawannya Chen Qing Chen/Jia Yi Fan.", people=(source,))
    make_article("Chen Qingchen/Jia Yifan juara All England", outlet=detik, published="2022-03-20 21:00",
                 body="Chen Qingchen menang. Di Tokyo, Chen Qing Chen kalah.", people=(target, source))
    return target, source


def test_merge_two_people_through_the_intermediate_page(editor_page, chen):
    page = editor_page
    target, source = chen
    page.goto(reverse("admin:articles_person_changelist"))

    run_action(page, ["Chen Qing Chen", "Chen Qingchen"], "Gabungkan orang terpilih menjadi satu")

    expect(page.get_by_role("heading", name="Gabungkan orang", exact=True)).to_be_visible()
    expect(page.locator("#content").get_by_role("listitem")).to_have_text(
        ["Chen Qing Chen (chen-qing-chen)", "Chen Qingchen (chen-qingchen)"])
    assert Person.objects.filter(pk=source.pk).exists()  # nothing changes before the editor picks the target
    page.get_by_label("Gabungkan ke").select_option(label="Chen Qingchen")
    page.get_by_role("button", name="Gabungkan").click()

    # The stories that changed hands (the two naming "Chen Qing Chen"), and the target's stories now.
    expect(messages(page)).to_have_text([
        "Chen Qing Chen digabungkan ke Chen Qingchen; 2 berita diperbarui, Chen Qingchen kini disebut di 3 berita."])
    expect(page.get_by_role("link", name="Chen Qing Chen", exact=True)).to_have_count(0)
    assert not Person.objects.filter(pk=source.pk).exists()
    assert list(PersonAlias.objects.filter(person=target).values_list("name", flat=True)) == ["Chen Qing Chen"]
    assert PersonRedirect.objects.get(old_slug="chen-qing-chen").person == target
    assert ArticlePerson.objects.filter(person=target).count() == 3

    # The old address leads a reader to the merged person, whose page lists all three stories.
    page.goto(reverse("articles:person", args=["chen-qing-chen"]))
    expect(page).to_have_url(re.compile(r"/orang/chen-qingchen/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Chen Qingchen")
    expect(page.locator(".result-bar .total")).to_have_text("3 berita")


def test_upload_pages_shows_a_report_for_each_file(editor_page, tmp_path):
    page = editor_page
    empty = tmp_path / "kosong.txt"
    empty.write_bytes(b"")
    page.goto(reverse("admin:articles_article_changelist"))
    page.get_by_role("link", name="Unggah berita").click()
    expect(page).to_have_url(re.compile(re.escape(reverse("admin:articles_article_upload")) + "$"))

    page.get_by_label("Berkas").set_input_files([SAMPLE_DIR / BANJIR, SAMPLE_DIR / BOM, empty])
    page.get_by_role("button", name="Unggah", exact=True).click()

    report = page.locator("#upload-report")
    expect(report.get_by_role("heading", name="Hasil unggahan")).to_be_visible()
    expect(report.locator("#upload-summary")).to_have_text("Dimuat 2, tidak berubah 0, diperbarui 0, gagal 1")
    rows = report.locator("tbody tr")
    expect(rows).to_have_count(3)
    expect(rows.nth(0).locator("td").nth(0)).to_have_text(BANJIR)
    expect(rows.nth(0).locator("td").nth(1)).to_have_text("dimuat")
    expect(rows.nth(0).get_by_role("link")).to_have_text(re.compile("^Tanggul Latuharhary Jebol"))
    expect(rows.nth(1).locator("td").nth(1)).to_have_text("dimuat")
    expect(rows.nth(1).get_by_role("link")).to_have_text(re.compile("Bom"))
    expect(rows.nth(2).locator("td").nth(0)).to_have_text("kosong.txt")
    expect(rows.nth(2).locator("td strong")).to_have_text("gagal")
    expect(rows.nth(2).locator("td").nth(2)).not_to_be_empty()
    assert Article.objects.count() == 2

    # The report's link opens the saved article, and the story is searchable at once.
    rows.nth(0).get_by_role("link").click()
    banjir = Article.objects.get(source_name=BANJIR)
    expect(page).to_have_url(re.compile(re.escape(reverse("admin:articles_article_change", args=[banjir.pk])) + "$"))
    page.goto("/?q=Latuharhary")
    expect(page.locator("ol.results h2")).to_have_text([banjir.title])


@pytest.fixture
def vaksin(db):
    """A story whose extraction took a company for a person: "Sinovac Biotech" waits in the review queue."""
    jokowi = make_person("Joko Widodo")
    Person.objects.filter(pk=jokowi.pk).update(status=Person.Status.CONFIRMED)
    sinovac = make_person("Sinovac Biotech")
    article = make_article(
        "Jokowi disuntik vaksin pertama", outlet=make_outlet("tribunnews", "Tribunnews.com", "tribunnews.com"),
        published="2021-01-13 10:00",
        body="Jokowi disuntik vaksin CoronaVac produksi perusahaan asal China, Sinovac Biotech.",
        people=(jokowi, sinovac))
    return article


def test_reject_a_discovered_name_from_the_review_queue(editor_page, vaksin):
    page = editor_page
    page.get_by_role("link", name="Antrean tinjauan orang").click()
    queue = page.locator("#result_list")
    expect(queue.get_by_role("link", name="Sinovac Biotech")).to_be_visible()
    expect(queue.get_by_role("link", name="Joko Widodo")).to_have_count(0)  # confirmed: not in the queue

    run_action(page, ["Sinovac Biotech"], "Tolak: bukan orang (jadi nama yang ditolak, hapus dari semua berita)")

    expect(messages(page)).to_have_text(["1 nama ditolak; 1 berita diperbarui."])
    expect(page.locator("#result_list")).to_have_count(0)  # the queue is empty now
    rejected = RejectedName.objects.get()
    assert (rejected.name, rejected.reason) == ("Sinovac Biotech", "ditolak editor")
    assert not Person.objects.filter(name="Sinovac Biotech").exists()

    page.goto(vaksin.get_absolute_url())
    people = page.locator("article p.links").filter(has_text="Orang")
    expect(people.get_by_role("link")).to_have_text(["Joko Widodo"])
    page.goto("/")
    people = page.locator("section.facet").filter(has=page.get_by_role("heading", name="Orang", exact=True))
    expect(people.get_by_role("link")).to_have_text([re.compile(r"\bJoko Widodo$")])
