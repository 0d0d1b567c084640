"""Issue 16, the admin: a merge shows who is merged, captions are edited one per line, the review queue is counted.

Through the test client as ``dewi`` (the "Editor" group's member of ``conftest.py``). The people: two different
Basukis, the governor (alias "Ahok") and the minister (alias "Pak Bas"), which a merge page showing only names and
slugs made look like one person.
"""

from __future__ import annotations

import html
import re

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles.admin.forms import MAX_CAPTIONS
from articles.admin.people import CONTEXT_CHARS
from articles.models import Article, ArticlePerson, LinkOrigin, Person, PersonAlias
from articles.tests.builders import make_article, make_outlet, make_person
from articles.tests.test_admin import change_data

PERSON_ADMIN = "/admin/articles/person/"
HOSTILE = "<script>alert(1)</script>"


def person(name: str, *, description: str = "", aliases: tuple[str, ...] = (), status=Person.Status.CONFIRMED):
    created = make_person(name)
    Person.objects.filter(pk=created.pk).update(description=description, status=status)
    PersonAlias.objects.bulk_create(PersonAlias(person=created, name=alias) for alias in aliases)
    created.refresh_from_db()
    return created


def mention(subject: Person, title: str, context: str, *, day: int) -> Article:
    """Add a story naming ``subject``, with the sentence that names it."""
    article = make_article(title, outlet=make_outlet("kompas", "Kompas.com", "kompas.com"),
                           published=f"2017-03-{day:02d} 10:00", body=context, people=(subject,))
    ArticlePerson.objects.filter(article=article, person=subject).update(context=context)
    return article


@pytest.fixture
def basukis(db):
    """Return the governor (3 stories, one link removed by an editor) and the minister (1 story)."""
    ahok = person("Basuki Tjahaja Purnama", description="Gubernur DKI Jakarta 2014–2017", aliases=("Ahok", "BTP"))
    bas = person("Basuki Hadimuljono", description=f"Menteri PUPR {HOSTILE}", aliases=("Pak Bas",))
    mention(ahok, "Ahok hadiri sidang", "Gubernur Basuki Tjahaja Purnama hadir di sidang.", day=1)
    mention(ahok, "Ahok resmikan RPTRA", "Basuki meresmikan RPTRA di Jakarta Utara.", day=2)
    mention(ahok, "Ahok dan Djarot", "Basuki dan Djarot berkampanye.", day=3)  # a third: not shown
    removed = mention(ahok, "Basuki yang lain", "Basuki yang lain.", day=4)
    ArticlePerson.objects.filter(article=removed, person=ahok).update(origin=LinkOrigin.EDITOR_REMOVED)
    mention(bas, "Tol Trans Jawa tersambung", f"Menteri PUPR Basuki Hadimuljono meninjau tol {HOSTILE}.", day=5)
    return ahok, bas


def merge_page(client, people):
    """Choose the merge action for these people, as the change list's form sends it: the page asking for a target."""
    response = client.post(PERSON_ADMIN, {"action": "merge", "index": 0,
                                          "_selected_action": [subject.pk for subject in people]})
    assert response.status_code == 200
    assert response.templates[0].name == "admin/articles/person/merge.html"
    return response


def candidate_row(response, subject: Person) -> str:
    match = re.search(rf'<tr id="merge-candidate-{subject.pk}">(.*?)</tr>', response.content.decode(), re.S)
    assert match, f"no row for {subject.name}"
    return match.group(1)


# The merge page ---------------------------------------------------------------------------------------------------


def test_the_merge_page_shows_what_tells_two_people_apart(editor_client, basukis):
    ahok, bas = basukis
    response = merge_page(editor_client, [ahok, bas])

    governor = candidate_row(response, ahok)
    assert '<td class="articles">3 berita</td>' in governor  # the link an editor removed is not counted
    assert '<td class="aliases">Ahok, BTP</td>' in governor
    assert '<td class="description">Gubernur DKI Jakarta 2014–2017</td>' in governor
    assert "Gubernur Basuki Tjahaja Purnama hadir di sidang." in governor
    assert "Basuki meresmikan RPTRA di Jakarta Utara." in governor
    assert "Basuki dan Djarot" not in governor  # two sentences at most
    assert "Basuki yang lain" not in governor  # nor one from a link an editor removed

    minister = candidate_row(response, bas)
    assert '<td class="articles">1 berita</td>' in minister
    assert '<td class="aliases">Pak Bas</td>' in minister
    assert HOSTILE not in response.content.decode()
    assert f"Menteri PUPR {html.escape(HOSTILE)}" in minister
    assert f"meninjau tol {html.escape(HOSTILE)}." in minister


def test_each_sentence_on_the_merge_page_links_to_its_article(editor_client, basukis):
    ahok, _ = basukis
    first = Article.objects.get(title="Ahok hadiri sidang")
    governor = candidate_row(merge_page(editor_client, basukis), ahok)
    change = reverse("admin:articles_article_change", args=[first.pk])
    assert f'<a href="{change}">Gubernur Basuki Tjahaja Purnama hadir di sidang.</a><br><small>Ahok hadiri sidang' in (
        governor)


def test_a_person_without_aliases_description_or_sentences_shows_dashes(editor_client, basukis):
    ahok, _ = basukis
    bare = person("Basuki")
    row = candidate_row(merge_page(editor_client, [ahok, bare]), bare)
    assert '<td class="articles">0 berita</td>' in row
    assert '<td class="aliases">—</td>' in row and '<td class="description">—</td>' in row
    assert '<td class="contexts">—</td>' in row


def test_a_long_sentence_is_cut(editor_client, basukis):
    ahok, _ = basukis
    long = "Basuki " + "sangat " * 100 + "panjang."
    ArticlePerson.objects.filter(person=ahok, article__title="Ahok hadiri sidang").update(context=long)
    row = candidate_row(merge_page(editor_client, basukis), ahok)
    assert long[:CONTEXT_CHARS - 1] + "…" in row and long not in row


def test_the_merge_page_costs_the_same_queries_for_two_and_five_people(editor_client, basukis):
    with CaptureQueriesContext(connection) as two:
        merge_page(editor_client, basukis)
    others = [person(f"Basuki {number}", aliases=(f"Bas {number}",)) for number in range(3)]
    for number, other in enumerate(others):
        mention(other, f"Berita Basuki {number}", f"Basuki {number} disebut.", day=10 + number)
    with CaptureQueriesContext(connection) as five:
        response = merge_page(editor_client, [*basukis, *others])
    assert response.content.decode().count('<tr id="merge-candidate-') == 5
    assert len(five) == len(two)


def test_the_merge_itself_still_works_from_the_page(editor_client, basukis, django_capture_on_commit_callbacks):
    ahok, bas = basukis
    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(PERSON_ADMIN, {
            "action": "merge", "_selected_action": [ahok.pk, bas.pk], "target": ahok.pk})
    assert response.status_code == 302
    assert not Person.objects.filter(pk=bas.pk).exists()


# Captions ---------------------------------------------------------------------------------------------------------


@pytest.fixture
def photo_story(db):
    return make_article("Banjir Jakarta", outlet=make_outlet(), body="Banjir merendam Bundaran HI.",
                        captions=("Bundaran HI terendam (ANTARA/Puspa)", f"Warga mengungsi {HOSTILE}"))


def change_url(article: Article) -> str:
    return reverse("admin:articles_article_change", args=[article.pk])


def test_captions_are_shown_one_per_line_escaped(editor_client, photo_story):
    page = editor_client.get(change_url(photo_story)).content.decode()
    textarea = re.search(r'<textarea name="captions"[^>]*>(.*?)</textarea>', page, re.S)
    assert textarea, "no captions textarea"
    assert textarea.group(1) == "\n" + html.escape(
        f"Bundaran HI terendam (ANTARA/Puspa)\nWarga mengungsi {HOSTILE}")
    assert "Satu keterangan per baris" in page


def test_captions_round_trip_one_per_line(editor_client, photo_story, django_capture_on_commit_callbacks):
    data = change_data(photo_story, captions="  Bundaran HI terendam  \r\n\r\n\nWarga mengungsi\n   \nKredit: Antara\n")
    with django_capture_on_commit_callbacks(execute=False):
        response = editor_client.post(change_url(photo_story), data)
    assert response.status_code == 302, response.context["errors"] if response.context else None
    photo_story.refresh_from_db()
    assert photo_story.captions == ["Bundaran HI terendam", "Warga mengungsi", "Kredit: Antara"]

    # What the form shows again is what it saved.
    page = editor_client.get(change_url(photo_story)).content.decode()
    assert ">\nBundaran HI terendam\nWarga mengungsi\nKredit: Antara</textarea>" in page


def test_emptied_captions_save_an_empty_list(editor_client, photo_story, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False):
        response = editor_client.post(change_url(photo_story), change_data(photo_story, captions="\n  \n"))
    assert response.status_code == 302
    photo_story.refresh_from_db()
    assert photo_story.captions == []


def test_a_caption_with_a_line_break_of_its_own_is_shown_on_one_line(editor_client, db):
    story = make_article("Gempa", captions=("Warga berkumpul\ndi lapangan", "Kredit: BNPB"))
    page = editor_client.get(change_url(story)).content.decode()
    assert ">\nWarga berkumpul di lapangan\nKredit: BNPB</textarea>" in page


def test_too_many_captions_give_a_message_not_a_500(editor_client, photo_story):
    lines = "\n".join(f"Foto {number}" for number in range(MAX_CAPTIONS + 1))
    response = editor_client.post(change_url(photo_story), change_data(photo_story, captions=lines))
    assert response.status_code == 200
    assert f"Paling banyak {MAX_CAPTIONS} keterangan foto; ada {MAX_CAPTIONS + 1} baris." in response.content.decode()
    photo_story.refresh_from_db()
    assert len(photo_story.captions) == 2


# The review queue on the admin's home -----------------------------------------------------------------------------


@pytest.fixture
def queue(db):
    """Three people found by extraction and one confirmed (not in the queue)."""
    for name in ("Sinovac Biotech", "Ikatan Dokter", "Chen Qing Chen"):
        person(name, status=Person.Status.DISCOVERED)
    return person("Joko Widodo")


def test_the_admin_home_shows_the_review_queue_count(editor_client, queue):
    page = editor_client.get(reverse("admin:index")).content.decode()
    queue_url = reverse("admin:articles_discoveredperson_changelist")
    assert f'<a href="{queue_url}">3 orang menunggu tinjauan</a>' in page


def test_the_review_queue_count_costs_one_query(editor_client, queue):
    with CaptureQueriesContext(connection) as three:
        editor_client.get(reverse("admin:index"))
    person("Ikatan Dokter Gigi", status=Person.Status.DISCOVERED)
    with CaptureQueriesContext(connection) as four:
        page = editor_client.get(reverse("admin:index")).content.decode()
    assert "4 orang menunggu tinjauan" in page
    assert len(four) == len(three)
    counts = [query["sql"] for query in four.captured_queries if "COUNT(" in query["sql"].upper()]
    assert len(counts) == 1 and '"status" = ' in counts[0]


def test_staff_who_may_not_see_the_queue_see_no_count(client, queue):
    client.force_login(User.objects.create_user("budi", "budi@arsip.example", "sandi-staf", is_staff=True))
    page = client.get(reverse("admin:index")).content.decode()
    assert "menunggu tinjauan" not in page


def test_the_review_queue_sentences_link_to_their_article(editor_client, db):
    found = person("Sinovac Biotech", status=Person.Status.DISCOVERED)
    story = mention(found, "Jokowi disuntik vaksin", f"Vaksin buatan Sinovac Biotech {HOSTILE}.", day=13)
    page = editor_client.get(reverse("admin:articles_discoveredperson_changelist")).content.decode()
    change = reverse("admin:articles_article_change", args=[story.pk])
    sentence = f"Vaksin buatan Sinovac Biotech {html.escape(HOSTILE)}."
    assert f'<a href="{change}" title="Jokowi disuntik vaksin">{sentence}</a>' in page
