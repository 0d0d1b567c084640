"""Issue 5, curation: editors merge, reject, confirm and correct people and countries in the admin, and the search
index, the public pages and re-extraction follow.

Everything goes through the test client as a logged-in member of the "Editor" group (created by migration 0005),
over real sample pages ingested from ``fixtures/sample_articles``. What those pages give (after
``load_sample_archive --reference-only``), and what the tests rely on:

    detik_2021_greysia-apriyani-emas         "Chen Qing Chen/Jia Yi Fan": discovered person ``chen-qing-chen``
    viva_2021_greysia-apriyani-emas-olimpiade "Chen Qingchen/Jia Yifan": discovered person ``chen-qingchen``
    tribunnews_2021_jokowi-divaksin-pertama  "Sinovac Biotech" (a company) and "Ikatan Dokter" (half of an
                                             association's name) extracted as discovered people
    kompas_2017_hitung-cepat-pilkada-dki     no country extracted; Joko Widodo, Anies Baswedan ... extracted

Admin POSTs run inside ``django_capture_on_commit_callbacks(execute=True)``: the test's transaction never commits,
so this is where the index writes that follow a real save happen.
"""

from __future__ import annotations

import importlib
from html.parser import HTMLParser
from io import StringIO

import pytest
from django.contrib.admin.models import CHANGE, DELETION, LogEntry
from django.core.management import call_command
from django.core.management.base import CommandError

from articles.models import (
    Article,
    ArticleCountry,
    ArticlePerson,
    Country,
    LinkOrigin,
    Person,
    PersonAlias,
    PersonRedirect,
    RejectedName,
)
from articles.tests.builders import make_article, make_outlet

# Many seconds in all (see `make test-fast`): left out of the fast run.
pytestmark = pytest.mark.slow

SAMPLES = "fixtures/sample_articles"
GREYSIA_DETIK = "detik_2021_greysia-apriyani-emas.txt"
GREYSIA_VIVA = "viva_2021_greysia-apriyani-emas-olimpiade.txt"
VAKSIN = "tribunnews_2021_jokowi-divaksin-pertama.txt"
PILKADA = "kompas_2017_hitung-cepat-pilkada-dki.txt"
PAGES = (GREYSIA_DETIK, GREYSIA_VIVA, VAKSIN, PILKADA)

PERSON_ADMIN = "/admin/articles/person/"
QUEUE_ADMIN = "/admin/articles/discoveredperson/"
ARTICLE_ADMIN = "/admin/articles/article/"


# Users ----------------------------------------------------------------------------------------------------------


# Archive --------------------------------------------------------------------------------------------------------


@pytest.fixture
def pages(db, index_now):
    """Load the reference data, ingest the four sample pages and index them; return {file name: article}."""
    call_command("load_sample_archive", "--reference-only", verbosity=0)
    call_command("ingest_articles", *(f"{SAMPLES}/{name}" for name in PAGES), verbosity=0, stdout=StringIO())
    index_now()
    return {article.source_name: article for article in Article.objects.all()}


@pytest.fixture
def chen(pages, index_now):
    """The two spellings of Chen Qingchen's name, each on its own page, plus one story naming both."""
    both = make_article(
        "Chen Qingchen/Jia Yifan juara All England", outlet=make_outlet("detik", "Detik.com", "detik.com"),
        published="2022-03-20 21:00",
        body="Chen Qingchen/Jia Yifan mengalahkan Lee So-hee/Shin Seung-chan. Di Tokyo, Chen Qing Chen kalah di final.",
        people=(Person.objects.get(slug="chen-qingchen"), Person.objects.get(slug="chen-qing-chen")))
    index_now()
    return both


def active_people(article: Article) -> set[str]:
    return set(ArticlePerson.objects.active().filter(article=article).values_list("person__slug", flat=True))


def active_countries(article: Article) -> set[str]:
    return set(ArticleCountry.objects.active().filter(article=article).values_list("country__code", flat=True))


# The public side ------------------------------------------------------------------------------------------------


def api(client, params=None) -> dict:
    response = client.get("/api/search", {"facet_limit": 1000, **(params or {})})
    assert response.status_code == 200
    return response.json()


def facet_counts(answer: dict, name: str) -> dict[str, int]:
    return {value["value"]: value["count"] for value in answer["facets"][name]}


def result_ids(answer: dict) -> set[int]:
    return {result["id"] for result in answer["results"]}


# The admin side -------------------------------------------------------------------------------------------------


class FormFields(HTMLParser):
    """Collect what a browser would submit from one form of a page: (name, value) pairs in document order.

    Unchecked boxes are left out and a <select> gives its selected options; the inline formsets' empty form
    (names with ``__prefix__``) is skipped, as the browser only submits it once JavaScript copied it.
    """

    def __init__(self, form_id: str):
        super().__init__(convert_charrefs=True)
        self.form_id = form_id
        self.inside = False
        self.fields: list[tuple[str, str]] = []
        self._select: str | None = None
        self._textarea: str | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.inside = attrs.get("id") == self.form_id
            return
        if not self.inside:
            return
        name = attrs.get("name") or ""
        if tag == "input" and name:
            kind = attrs.get("type", "text")
            if kind in ("submit", "button", "image", "file", "reset"):
                return
            if kind in ("checkbox", "radio"):
                if "checked" in attrs:
                    self._add(name, attrs.get("value") or "on")
                return
            self._add(name, attrs.get("value") or "")
        elif tag == "select":
            self._select = name
        elif tag == "option" and self._select and "selected" in attrs:
            self._add(self._select, attrs.get("value") or "")
        elif tag == "textarea":
            self._textarea, self._text = name, []

    def handle_data(self, data):
        if self._textarea is not None:
            self._text.append(data)

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False
        elif tag == "select":
            self._select = None
        elif tag == "textarea" and self._textarea is not None:
            text = "".join(self._text)
            self._add(self._textarea, text[1:] if text.startswith("\n") else text)
            self._textarea = None

    def _add(self, name, value):
        if "__prefix__" not in name:
            self.fields.append((name, value))


def change_form_data(client, article: Article) -> dict[str, list[str]]:
    """GET the article's change page and return the POST data its form would send unchanged, with "Save"."""
    response = client.get(f"{ARTICLE_ADMIN}{article.pk}/change/")
    assert response.status_code == 200
    parser = FormFields("article_form")
    parser.feed(response.content.decode())
    data: dict[str, list[str]] = {}
    for name, value in parser.fields:
        data.setdefault(name, []).append(value)
    data["_save"] = ["Simpan"]
    return data


def inline_index(data: dict, prefix: str, field: str, value: str) -> int:
    """Return the index of the inline form whose ``field`` holds ``value`` (e.g. the link to one person)."""
    for index in range(int(data[f"{prefix}-TOTAL_FORMS"][0])):
        if data.get(f"{prefix}-{index}-{field}") == [value]:
            return index
    raise AssertionError(f"no {prefix} form with {field}={value}: {sorted(data)}")


def post_change(client, article: Article, data: dict, callbacks):
    with callbacks(execute=True):
        response = client.post(f"{ARTICLE_ADMIN}{article.pk}/change/", data)
    assert response.status_code == 302, response.context["errors"] if response.context else response.status_code
    return response


def run_action(client, url: str, action: str, objects, callbacks, **extra):
    with callbacks(execute=True):
        return client.post(url, {"action": action, "index": 0,
                                 "_selected_action": [obj.pk for obj in objects], **extra})


# Merge ----------------------------------------------------------------------------------------------------------


def test_merge_action_asks_for_the_target_then_merges(editor_client, pages, chen, django_capture_on_commit_callbacks):
    detik, viva = pages[GREYSIA_DETIK], pages[GREYSIA_VIVA]
    target = Person.objects.get(slug="chen-qingchen")
    source = Person.objects.get(slug="chen-qing-chen")
    before = facet_counts(api(editor_client), "people")
    assert (before["chen-qingchen"], before["chen-qing-chen"]) == (2, 2)

    first = run_action(editor_client, PERSON_ADMIN, "merge", [target, source], django_capture_on_commit_callbacks)
    assert first.status_code == 200
    assert first.templates[0].name == "admin/articles/person/merge.html"
    assert Person.objects.filter(pk=source.pk).exists()  # nothing happens before the editor picks the target
    with django_capture_on_commit_callbacks(execute=True):
        done = editor_client.post(PERSON_ADMIN, {
            "action": "merge", "_selected_action": [target.pk, source.pk], "target": target.pk})
    assert done.status_code == 302

    assert not Person.objects.filter(slug="chen-qing-chen").exists()
    assert set(PersonAlias.objects.filter(person=target).values_list("name", flat=True)) == {"Chen Qing Chen"}
    assert Person.objects.get(pk=target.pk).status == Person.Status.CONFIRMED
    # Three stories, not four: the one naming both spellings counts once.
    after = api(editor_client)
    assert facet_counts(after, "people")["chen-qingchen"] == 3
    assert "chen-qing-chen" not in facet_counts(after, "people")
    assert result_ids(api(editor_client, {"person": "chen-qingchen"})) == {detik.pk, viva.pk, chen.pk}
    assert ArticlePerson.objects.filter(article=chen).count() == 1

    redirect = editor_client.get("/orang/chen-qing-chen/")
    assert redirect.status_code == 301
    assert redirect["Location"] == "/orang/chen-qingchen/"
    assert PersonRedirect.objects.get(old_slug="chen-qing-chen").person == target

    logged = LogEntry.objects.filter(user__username="dewi")
    assert logged.filter(
        action_flag=CHANGE, object_id=str(target.pk), change_message__contains="Chen Qing Chen").exists()
    assert logged.filter(action_flag=DELETION, object_id=str(source.pk)).exists()


def test_merge_chooses_no_target_for_the_editor(editor_client, pages, chen, django_capture_on_commit_callbacks):
    target = Person.objects.get(slug="chen-qingchen")
    source = Person.objects.get(slug="chen-qing-chen")
    first = run_action(editor_client, PERSON_ADMIN, "merge", [target, source], django_capture_on_commit_callbacks)
    assert '<option value="" selected>— pilih orang tujuan —</option>' in first.content.decode()

    unchosen = editor_client.post(PERSON_ADMIN, {
        "action": "merge", "_selected_action": [target.pk, source.pk], "target": ""})

    assert unchosen.status_code == 200 and unchosen.templates[0].name == "admin/articles/person/merge.html"
    assert unchosen.context["form"].errors["target"]
    assert Person.objects.filter(pk__in=[target.pk, source.pk]).count() == 2


def test_review_queue_and_admin_speak_of_the_archive(editor_client, pages):
    html = editor_client.get(QUEUE_ADMIN).content.decode()
    assert "<h1>Antrean tinjauan orang: konfirmasi, tolak, atau gabungkan</h1>" in html
    assert "Arsip Berita: redaksi" in html and "Administrasi Django" not in html


def test_merge_needs_two_people(editor_client, pages, chen, django_capture_on_commit_callbacks):
    target = Person.objects.get(slug="chen-qingchen")
    response = run_action(editor_client, PERSON_ADMIN, "merge", [target], django_capture_on_commit_callbacks)
    assert response.status_code == 302
    assert Person.objects.filter(slug__in=["chen-qingchen", "chen-qing-chen"]).count() == 2


def test_merge_people_command(pages, chen):
    out = StringIO()
    call_command("merge_people", "chen-qingchen", "chen-qing-chen", stdout=out)
    assert out.getvalue().strip() == "Merged Chen Qing Chen into Chen Qingchen: 2 articles relinked and reindexed."
    target = Person.objects.get(slug="chen-qingchen")
    assert [alias.name for alias in target.aliases.all()] == ["Chen Qing Chen"]
    assert PersonRedirect.objects.get(old_slug="chen-qing-chen").person == target
    assert ArticlePerson.objects.filter(person=target).count() == 3


def test_a_merged_name_stays_with_its_person_through_reextraction(pages, chen):
    call_command("merge_people", "chen-qingchen", "chen-qing-chen", verbosity=0)
    # Only the ingested pages: the story built for the test has no page to parse again.
    call_command("reextract_entities", "--article", pages[GREYSIA_DETIK].pk, "--article", pages[GREYSIA_VIVA].pk,
                 verbosity=0)
    assert not Person.objects.filter(name="Chen Qing Chen").exists()
    assert "chen-qingchen" in active_people(pages[GREYSIA_DETIK])


def test_review_queue_merges_into_an_existing_person(editor_client, pages, django_capture_on_commit_callbacks):
    jia_yifan = Person.objects.get(slug="jia-yifan")
    Person.objects.filter(pk=jia_yifan.pk).update(status=Person.Status.CONFIRMED)
    jia_yi_fan = Person.objects.get(slug="jia-yi-fan")

    page = run_action(editor_client, QUEUE_ADMIN, "merge_into_existing", [jia_yi_fan],
                      django_capture_on_commit_callbacks)
    assert page.status_code == 200
    assert list(page.context["form"].fields["target"].queryset.filter(slug__startswith="jia")) == [jia_yifan]
    with django_capture_on_commit_callbacks(execute=True):
        done = editor_client.post(QUEUE_ADMIN, {
            "action": "merge_into_existing", "_selected_action": [jia_yi_fan.pk], "target": jia_yifan.pk})
    assert done.status_code == 302

    assert [alias.name for alias in jia_yifan.aliases.all()] == ["Jia Yi Fan"]
    answer = api(editor_client, {"person": "jia-yifan"})
    assert result_ids(answer) == {pages[GREYSIA_DETIK].pk, pages[GREYSIA_VIVA].pk}
    assert editor_client.get("/orang/jia-yi-fan/")["Location"] == "/orang/jia-yifan/"


def test_merge_people_command_names_unknown_slugs(pages, chen):
    with pytest.raises(CommandError, match=r"No person with slug chen-qing-cen, jia-yi-fann\. Find slugs"):
        call_command("merge_people", "chen-qingchen", "chen-qing-cen", "jia-yi-fann")
    assert Person.objects.filter(slug__in=["chen-qingchen", "chen-qing-chen"]).count() == 2


def test_merge_people_command_refuses_the_target_as_a_source(pages, chen):
    with pytest.raises(CommandError, match="cannot be merged into itself"):
        call_command("merge_people", "chen-qingchen", "chen-qingchen", "chen-qing-chen")
    assert Person.objects.filter(slug="chen-qing-chen").exists()


# Reject ---------------------------------------------------------------------------------------------------------


def test_reject_from_the_review_queue_survives_reextraction(editor_client, pages, django_capture_on_commit_callbacks):
    vaksin = pages[VAKSIN]
    sinovac = Person.objects.get(name="Sinovac Biotech")
    assert "sinovac-biotech" in active_people(vaksin)
    assert facet_counts(api(editor_client), "people")["sinovac-biotech"] == 1

    response = run_action(editor_client, QUEUE_ADMIN, "reject", [sinovac], django_capture_on_commit_callbacks)
    assert response.status_code == 302

    assert RejectedName.objects.get(name="Sinovac Biotech").reason == "ditolak editor"
    assert not Person.objects.filter(name="Sinovac Biotech").exists()
    assert "sinovac-biotech" not in facet_counts(api(editor_client), "people")
    page = editor_client.get(vaksin.get_absolute_url()).content.decode()
    assert "/orang/sinovac-biotech/" not in page and "/orang/joko-widodo/" in page
    assert LogEntry.objects.filter(action_flag=DELETION, object_id=str(sinovac.pk)).exists()

    # Re-extraction, from the command line and from the admin, reads the rejected names and keeps it out.
    call_command("reextract_entities", verbosity=0)
    assert not Person.objects.filter(name="Sinovac Biotech").exists()
    assert "joko-widodo" in active_people(vaksin)  # extraction did run
    response = run_action(editor_client, ARTICLE_ADMIN, "reextract", [vaksin], django_capture_on_commit_callbacks)
    assert response.status_code == 302
    assert not Person.objects.filter(name="Sinovac Biotech").exists()
    assert "sinovac-biotech" not in facet_counts(api(editor_client), "people")


# The review queue -----------------------------------------------------------------------------------------------


@pytest.fixture
def sample_archive(db):
    """All the sample pages: two discovered people (Enny Nurbaningsih, Ken Dwijugiasteadi) appear in two of them,
    every other discovered person in one."""
    call_command("load_sample_archive", verbosity=0)


def queue_names(response) -> list[str]:
    return [person.name for person in response.context["cl"].result_list]


def test_review_queue_lists_the_most_mentioned_first(editor_client, sample_archive):
    response = editor_client.get(QUEUE_ADMIN)
    assert response.status_code == 200
    names = queue_names(response)
    assert names[:2] == ["Enny Nurbaningsih", "Ken Dwijugiasteadi"]


def test_review_queue_holds_discovered_people_only(editor_client, sample_archive):
    names = queue_names(editor_client.get(QUEUE_ADMIN, {"all": ""}))
    assert "Ken Dwijugiasteadi" in names and "Sinovac Biotech" in names
    assert "Joko Widodo" not in names  # confirmed people are not in the queue
    assert len(names) == Person.objects.filter(status=Person.Status.DISCOVERED).count()


def test_review_queue_can_be_sorted_by_mentions(editor_client, sample_archive):
    # The "disebut di" column (the third: after the checkbox and the name), sorted descending by hand.
    names = queue_names(editor_client.get(QUEUE_ADMIN, {"o": "-2.1"}))
    assert names[:2] == ["Enny Nurbaningsih", "Ken Dwijugiasteadi"]


def test_review_queue_rows_show_mentions_and_a_context_sentence(editor_client, sample_archive):
    response = editor_client.get(QUEUE_ADMIN, {"q": "Ken Dwijugiasteadi"})
    assert queue_names(response) == ["Ken Dwijugiasteadi"]
    html = response.content.decode()
    assert "2 berita" in html
    assert "Direktur Jenderal Pajak Ken Dwijugiasteadi menyebut jumlah peserta amnesti pajak" in html


def test_review_queue_rows_show_a_sentence_naming_the_person(editor_client, sample_archive):
    response = editor_client.get(QUEUE_ADMIN, {"q": "Sinovac"})
    assert queue_names(response) == ["Sinovac Biotech"]
    assert "Jokowi disuntik vaksin CoronaVac produksi perusahaan asal China, Sinovac Biotech" in (
        response.content.decode())


def test_confirm_moves_people_out_of_the_review_queue(editor_client, pages, django_capture_on_commit_callbacks):
    chen = Person.objects.filter(slug__in=["chen-qingchen", "chen-qing-chen"])
    assert set(queue_names(editor_client.get(QUEUE_ADMIN))) >= {"Chen Qingchen", "Chen Qing Chen"}

    response = run_action(editor_client, QUEUE_ADMIN, "confirm", list(chen), django_capture_on_commit_callbacks)
    assert response.status_code == 302

    names = queue_names(editor_client.get(QUEUE_ADMIN))
    assert "Chen Qingchen" not in names and "Chen Qing Chen" not in names
    assert "Sinovac Biotech" in names
    assert set(chen.values_list("status", flat=True)) == {Person.Status.CONFIRMED}
    # Confirmed people keep their articles.
    assert api(editor_client, {"person": "chen-qingchen"})["total"] == 1


# Editor's hand on one article -----------------------------------------------------------------------------------


def test_removing_a_person_by_hand_survives_reextraction(editor_client, pages, django_capture_on_commit_callbacks):
    vaksin = pages[VAKSIN]
    assert "ikatan-dokter" in active_people(vaksin)
    data = change_form_data(editor_client, vaksin)
    ikatan = Person.objects.get(slug="ikatan-dokter")
    index = inline_index(data, "person_links", "person", str(ikatan.pk))
    data[f"person_links-{index}-DELETE"] = ["on"]

    post_change(editor_client, vaksin, data, django_capture_on_commit_callbacks)

    link = ArticlePerson.objects.get(article=vaksin, person=ikatan)
    assert link.origin == LinkOrigin.EDITOR_REMOVED
    others = active_people(vaksin)
    assert "ikatan-dokter" not in others and "joko-widodo" in others  # only that one link changed

    def absent_everywhere():
        assert "ikatan-dokter" not in facet_counts(api(editor_client), "people")
        assert api(editor_client, {"person": "ikatan-dokter"})["total"] == 0
        page = editor_client.get(vaksin.get_absolute_url())
        assert "/orang/ikatan-dokter/" not in page.content.decode()
        assert "/orang/joko-widodo/" in page.content.decode()

    absent_everywhere()
    call_command("reextract_entities", verbosity=0)
    assert ArticlePerson.objects.get(article=vaksin, person=ikatan).origin == LinkOrigin.EDITOR_REMOVED
    absent_everywhere()
    run_action(editor_client, ARTICLE_ADMIN, "reextract", [vaksin], django_capture_on_commit_callbacks)
    assert ArticlePerson.objects.get(article=vaksin, person=ikatan).origin == LinkOrigin.EDITOR_REMOVED
    absent_everywhere()


def test_adding_a_country_by_hand_survives_reextraction(editor_client, pages, django_capture_on_commit_callbacks):
    pilkada = pages[PILKADA]
    assert active_countries(pilkada) == set()
    indonesia = Country.objects.get(code="ID")
    data = change_form_data(editor_client, pilkada)
    total = int(data["country_links-TOTAL_FORMS"][0])
    data["country_links-TOTAL_FORMS"] = [str(total + 1)]
    data[f"country_links-{total}-country"] = [str(indonesia.pk)]
    data[f"country_links-{total}-origin"] = [LinkOrigin.EXTRACTED]  # the select's default: the service decides
    data[f"country_links-{total}-article"] = [str(pilkada.pk)]

    post_change(editor_client, pilkada, data, django_capture_on_commit_callbacks)

    assert ArticleCountry.objects.get(article=pilkada, country=indonesia).origin == LinkOrigin.EDITOR_ADDED
    assert pilkada.pk in result_ids(api(editor_client, {"country": "ID"}))

    call_command("reextract_entities", verbosity=0)
    run_action(editor_client, ARTICLE_ADMIN, "reextract", [pilkada], django_capture_on_commit_callbacks)

    assert ArticleCountry.objects.get(article=pilkada, country=indonesia).origin == LinkOrigin.EDITOR_ADDED
    assert active_countries(pilkada) == {"ID"}
    assert pilkada.pk in result_ids(api(editor_client, {"country": "ID"}))
    assert "/negara/ID/" in editor_client.get(pilkada.get_absolute_url()).content.decode()


def test_removing_an_editors_own_addition_deletes_it(editor_client, pages, django_capture_on_commit_callbacks):
    pilkada = pages[PILKADA]
    indonesia = Country.objects.get(code="ID")
    ArticleCountry.objects.create(article=pilkada, country=indonesia, origin=LinkOrigin.EDITOR_ADDED)
    data = change_form_data(editor_client, pilkada)
    data[f"country_links-{inline_index(data, 'country_links', 'country', str(indonesia.pk))}-DELETE"] = ["on"]

    post_change(editor_client, pilkada, data, django_capture_on_commit_callbacks)

    assert not ArticleCountry.objects.filter(article=pilkada).exists()
    call_command("reextract_entities", "--article", pilkada.pk, verbosity=0)
    assert not ArticleCountry.objects.filter(article=pilkada).exists()


def test_saving_an_unchanged_form_changes_no_link(editor_client, pages, django_capture_on_commit_callbacks):
    vaksin = pages[VAKSIN]
    before = list(ArticlePerson.objects.filter(article=vaksin).values_list("person_id", "origin").order_by("pk"))
    post_change(editor_client, vaksin, change_form_data(editor_client, vaksin), django_capture_on_commit_callbacks)
    after = list(ArticlePerson.objects.filter(article=vaksin).values_list("person_id", "origin").order_by("pk"))
    assert after == before


@pytest.mark.django_db(transaction=True)
def test_editor_group_comes_back_after_a_flush_with_the_migrations_permissions():
    from django.contrib.auth.models import Group

    made_by_migration = importlib.import_module("articles.migrations.0005_editor_group")
    # 0005 made the group; 0007 added the queue of undated stories; 0009's revisions are read-only for editors.
    expected = {f"{action}_{model}" for model in (*made_by_migration.ARTICLE_MODELS, "undatedarticle")
                for action in ("view", "add", "change", "delete")} | {"view_articlerevision"}
    assert set(Group.objects.get(name="Editor").permissions.values_list("codename", flat=True)) == expected

    call_command("flush", "--no-input", verbosity=0)

    group = Group.objects.get(name="Editor")
    assert set(group.permissions.values_list("codename", flat=True)) == expected
    assert not group.permissions.exclude(content_type__app_label="articles").exists()


@pytest.mark.django_db(transaction=True)
def test_editor_group_follows_its_migration_back_and_forth():
    from django.contrib.auth.models import Group

    call_command("migrate", "articles", "0004", verbosity=0)
    assert not Group.objects.filter(name="Editor").exists()  # post_migrate does not bring it back before 0005

    call_command("migrate", verbosity=0)
    # 11 models of 0005 and 0007's queue, 4 each, and viewing 0009's revisions.
    assert Group.objects.get(name="Editor").permissions.count() == 49
