"""Editor choices on entity links survive re-extraction."""

import pytest
from django.core.management import call_command

from articles.ingest import PersonMention
from articles.models import Article, ArticleCountry, ArticlePerson, Country, LinkOrigin, Outlet, Person
from articles.services import article_set_entities, person_get_or_create

# Many seconds in all (see `make test-fast`): left out of the fast run.
pytestmark = pytest.mark.slow


@pytest.fixture
def article(db):
    call_command("load_sample_archive", "--reference-only", verbosity=0)
    return Article.objects.create(
        outlet=Outlet.objects.get(slug="tempo"), title="Judul", published="2017-11-21T03:53:00Z", body="Isi.",
        source_sha256="0" * 64, raw_text="Isi.",
    )


def mentions(*names):
    return [PersonMention(name=name, known=False) for name in names]


def test_new_names_become_discovered_people(article):
    article_set_entities(article=article, people=mentions("Vladimir Putin", "Budi Rahardjo Sentosa"), countries=["RU"])
    assert Person.objects.get(name="Budi Rahardjo Sentosa").status == Person.Status.DISCOVERED
    assert Person.objects.get(name="Vladimir Putin").status == Person.Status.CONFIRMED


def test_alias_resolves_to_the_person(article):
    assert person_get_or_create(name="Jokowi").name == "Joko Widodo"


def test_editor_removal_and_addition_survive_reextraction(article):
    article_set_entities(article=article, people=mentions("Vladimir Putin", "Salah Ekstrak"), countries=["RU"])
    wrong = ArticlePerson.objects.get(article=article, person__name="Salah Ekstrak")
    wrong.origin = LinkOrigin.EDITOR_REMOVED
    wrong.save()
    ArticleCountry.objects.create(article=article, country=Country.objects.get(code="QA"), origin=LinkOrigin.EDITOR_ADDED)

    article_set_entities(article=article, people=mentions("Vladimir Putin", "Salah Ekstrak"), countries=["RU", "SY"])

    active_people = set(article.person_links.active().values_list("person__name", flat=True))
    assert active_people == {"Vladimir Putin"}
    active_countries = set(article.country_links.active().values_list("country__code", flat=True))
    assert active_countries == {"RU", "SY", "QA"}


def test_reextraction_drops_stale_extracted_links(article):
    article_set_entities(article=article, people=mentions("Vladimir Putin"), countries=["RU"])
    article_set_entities(article=article, people=mentions("Xi Jinping"), countries=["CN"])
    assert set(article.person_links.values_list("person__name", flat=True)) == {"Xi Jinping"}
    assert set(article.country_links.values_list("country__code", flat=True)) == {"CN"}
