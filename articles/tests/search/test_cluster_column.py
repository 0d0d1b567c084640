"""The index carries each article's story cluster, and the search's arrays read it back by document number."""

import pytest

from articles.models import Article
from articles.search.facets import facet_arrays
from articles.search.indexing import searcher_get
from articles.tests.builders import make_article

pytestmark = pytest.mark.django_db


def _clusters() -> dict[int, int]:
    searcher = searcher_get()
    arrays = facet_arrays(searcher)
    return {int(searcher.stored_fields(n)["id"]): int(arrays.cluster[n]) for n in range(arrays.size) if arrays.live[n]}


def test_the_arrays_give_each_article_its_cluster_or_its_own_id(index_now):
    first = make_article("Gempa di Palu")
    copy = make_article("Gempa mengguncang Palu")
    alone = make_article("Harga cabai naik")
    Article.objects.filter(pk__in=[first.pk, copy.pk]).update(cluster=first.pk)
    index_now()
    assert _clusters() == {first.pk: first.pk, copy.pk: first.pk, alone.pk: alone.pk}
