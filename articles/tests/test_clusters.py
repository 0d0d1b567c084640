"""Story clusters: near copies from different outlets share a cluster (the smaller id), edits leave it, and
rebuild_clusters agrees with ingest."""

from io import StringIO

import pytest
from django.core.management import call_command

from articles.models import Article, StoryBand
from articles.services import article_cluster_update
from articles.tests.builders import make_article, make_outlet
from articles.tests.ingest.test_fingerprint import OTHER, STORY

pytestmark = pytest.mark.django_db

WIRE_END = (" Kepala dinas berharap jumlah penumpang naik sepertiga pada akhir tahun, seiring dengan perbaikan "
            "trotoar menuju halte di sepanjang koridor baru.")


def _page(title: str, date: str, dateline: str, body: str) -> str:
    paragraphs = body.split(". ")
    first = f"{dateline} - {paragraphs[0]}."
    return "\n\n".join([title, date, first, ". ".join(paragraphs[1:])]) + "\n"


def _ingest(tmp_path, pages: dict[str, str]) -> None:
    paths = []
    for name, text in pages.items():
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        paths.append(str(path))
    call_command("ingest_articles", *paths, stdout=StringIO(), stderr=StringIO())


def _index_cluster(pk: int) -> int:
    """The cluster the search engine answering holds for an article: the Whoosh index's column, or the PostgreSQL
    engine's row."""
    from articles.models import SearchDocument
    from articles.search.backends import backend
    from articles.search.indexing import open_index

    if backend().writes_in_transaction:
        return SearchDocument.objects.get(article_id=pk).cluster
    with open_index().searcher() as searcher:
        number = searcher.document_number(id=str(pk))
        return searcher.reader().column_reader("cluster")[number]


def test_near_copies_from_two_outlets_share_the_smaller_id(tmp_path, tmp_index):
    _ingest(tmp_path, {
        "antara.txt": _page("Empat puluh bus listrik untuk pinggiran kota", "Senin, 6 Mei 2024 10:15 WIB",
                            "Jakarta (ANTARA)", STORY + WIRE_END),
        "kompas.txt": _page("Kota tambah 40 bus listrik", "Senin, 6 Mei 2024 13:40 WIB",
                            "JAKARTA, KOMPAS.com", STORY),
        "olahraga.txt": _page("Tim putri ke final", "Sabtu, 4 Mei 2024 21:00 WIB", "Jakarta (ANTARA)", OTHER),
    })
    wire, copy, other = Article.objects.order_by("pk")
    assert (wire.outlet.name, copy.outlet.name) == ("ANTARA News", "Kompas.com")
    assert (wire.cluster, copy.cluster, other.cluster) == (wire.pk, wire.pk, other.pk)
    assert _index_cluster(copy.pk) == wire.pk and _index_cluster(other.pk) == other.pk


def _wire_and_copy(tmp_path):
    _ingest(tmp_path, {
        "antara.txt": _page("Empat puluh bus listrik untuk pinggiran kota", "Senin, 6 Mei 2024 10:15 WIB",
                            "Jakarta (ANTARA)", STORY + WIRE_END),
        "kompas.txt": _page("Kota tambah 40 bus listrik", "Senin, 6 Mei 2024 13:40 WIB",
                            "JAKARTA, KOMPAS.com", STORY),
    })
    return Article.objects.order_by("pk")


def test_ingested_copies_are_one_result_with_plus_one_and_collapse_0_shows_both(tmp_path, tmp_index, client):
    wire, copy = _wire_and_copy(tmp_path)
    page = client.get("/", {"q": "bus listrik"}).content.decode()
    assert page.count('class="snippet"') == 1
    assert "+1 versi dari media lain" in page and "1 berita (2 artikel)" in page
    answer = client.get("/api/search", {"q": "bus listrik"}).json()
    assert (answer["total"], answer["stories"]) == (2, 1)
    [result] = answer["results"]
    assert result["cluster"] == {"id": wire.pk, "size": 2}
    assert result["versions"] == [wire.pk if result["id"] == copy.pk else copy.pk]
    every = client.get("/api/search", {"q": "bus listrik", "collapse": "0"}).json()
    assert sorted(r["id"] for r in every["results"]) == [wire.pk, copy.pk]
    assert {r["cluster"]["id"] for r in every["results"]} == {wire.pk}


def test_a_new_version_beyond_the_threshold_leaves_the_cluster_in_the_index_too(tmp_path, tmp_index):
    """The outlet rewrote its page (same headline, same day, another text): the story's new version is no copy."""
    wire, copy = _wire_and_copy(tmp_path)
    assert _index_cluster(copy.pk) == wire.pk
    _ingest(tmp_path, {"kompas-v2.txt": _page("Kota tambah 40 bus listrik", "Senin, 6 Mei 2024 13:40 WIB",
                                              "JAKARTA, KOMPAS.com", OTHER)})
    copy.refresh_from_db()
    assert copy.revisions.count() == 1 and copy.body.startswith("Tim bulu tangkis")
    assert (copy.cluster, _index_cluster(copy.pk)) == (copy.pk, copy.pk)
    assert Article.objects.get(pk=wire.pk).cluster == wire.pk


def test_reingesting_an_unchanged_page_changes_nothing(tmp_path, tmp_index):
    pages = {"a.txt": _page("Bus listrik", "Senin, 6 Mei 2024 10:15 WIB", "Jakarta (ANTARA)", STORY),
             "b.txt": _page("Bus listrik baru", "Senin, 6 Mei 2024 11:15 WIB", "JAKARTA, KOMPAS.com", STORY + WIRE_END)}
    _ingest(tmp_path, pages)
    before = list(Article.objects.order_by("pk").values_list("pk", "cluster", "updated_at"))
    bands = StoryBand.objects.count()
    _ingest(tmp_path, pages)
    assert list(Article.objects.order_by("pk").values_list("pk", "cluster", "updated_at")) == before
    assert StoryBand.objects.count() == bands == 2 * 42


def _clustered(title: str, body: str, outlet_slug: str = "tempo") -> Article:
    article = make_article(title, body=body, outlet=make_outlet(slug=outlet_slug, name=outlet_slug))
    article_cluster_update(article=article)
    return article


def test_an_article_edited_beyond_the_threshold_leaves_its_cluster(tmp_index):
    first = _clustered("Bus listrik", STORY)
    second = _clustered("Bus listrik baru", STORY + WIRE_END, "kompas")
    assert Article.objects.get(pk=second.pk).cluster == first.pk
    first.body = OTHER
    first.save()
    article_cluster_update(article=first)
    assert Article.objects.get(pk=first.pk).cluster == first.pk
    assert Article.objects.get(pk=second.pk).cluster == second.pk


def test_editing_the_bridge_splits_the_cluster(tmp_index):
    """A ~ B ~ C through B only (A and C resemble too little): rewriting B leaves A and C apart."""
    words = STORY.split() + OTHER.split()
    half = len(words) // 2
    a = _clustered("A", " ".join(words[:half + 20]))
    b = _clustered("B", " ".join(words[half - 45:half + 45]), "kompas")
    c = _clustered("C", " ".join(words[half - 20:]), "detik")
    keys = dict(Article.objects.values_list("pk", "cluster"))
    assert keys[a.pk] == keys[b.pk] == keys[c.pk] == a.pk
    b.body = "Isi lain sama sekali. " + " ".join(reversed(words))
    b.save()
    article_cluster_update(article=b)
    keys = dict(Article.objects.values_list("pk", "cluster"))
    assert (keys[a.pk], keys[b.pk], keys[c.pk]) == (a.pk, b.pk, c.pk)


def test_rebuild_agrees_with_ingest_and_is_idempotent(tmp_index):
    _clustered("Bus listrik", STORY)
    _clustered("Tim putri", OTHER, "detik")
    _clustered("Bus listrik baru", STORY + WIRE_END, "kompas")
    _clustered("Tim putri ke final", "BANDUNG, detik.com - " + OTHER, "kompas")
    incremental = dict(Article.objects.values_list("pk", "cluster"))
    Article.objects.update(cluster=None, fingerprint=None)
    StoryBand.objects.all().delete()
    out = StringIO()
    call_command("rebuild_clusters", stdout=out)
    assert dict(Article.objects.values_list("pk", "cluster")) == incremental
    assert "4 articles (4 fingerprinted), 2 clusters of 2 or more, the largest 2; 4 keys changed" in out.getvalue()
    again = StringIO()
    call_command("rebuild_clusters", "--refingerprint", stdout=again)
    assert "0 keys changed" in again.getvalue()
    assert dict(Article.objects.values_list("pk", "cluster")) == incremental


@pytest.mark.django_db(transaction=True)
def test_deleting_a_member_rekeys_and_splits_what_remains(tmp_index):
    """The cluster's key is its smallest id: deleting that article gives the rest the next one; deleting a bridge
    leaves its two sides apart (on commit, as an editor's delete in the admin)."""
    words = STORY.split() + OTHER.split()
    half = len(words) // 2
    a = _clustered("A", " ".join(words[:half + 20]))
    b = _clustered("B", " ".join(words[half - 45:half + 45]), "kompas")
    c = _clustered("C", " ".join(words[half - 20:]), "detik")
    d = _clustered("D", " ".join(words[:half + 20]) + " Tambahan kalimat di akhir.", "antara")
    assert set(Article.objects.values_list("cluster", flat=True)) == {a.pk}
    a.delete()
    assert dict(Article.objects.values_list("pk", "cluster")) == {b.pk: b.pk, c.pk: b.pk, d.pk: b.pk}
    b.delete()
    assert dict(Article.objects.values_list("pk", "cluster")) == {c.pk: c.pk, d.pk: d.pk}


def test_band_rows_are_deleted_in_bulk():
    """No delete receiver listens to StoryBand (they are connected by sender), so Django deletes its rows with one
    statement: a --refingerprint of 100k articles deletes 4.2 million, which one by one would take minutes."""
    from django.db.models.deletion import Collector

    assert Collector(using="default").can_fast_delete(StoryBand.objects.all())
    assert not Collector(using="default").can_fast_delete(Article.objects.all())  # its receivers still run


@pytest.mark.django_db(transaction=True)
def test_deleting_several_copies_at_once_recomputes_their_cluster_once(tmp_index, monkeypatch):
    from articles import services

    first = _clustered("Bus listrik", STORY)
    _clustered("Bus listrik baru", STORY + WIRE_END, "kompas")
    third = _clustered("Bus listrik lagi", STORY + " Penutup singkat berita ini.", "detik")
    calls = []
    recompute = services.cluster_recompute
    monkeypatch.setattr(services, "cluster_recompute", lambda *, key: calls.append(key) or recompute(key=key))
    Article.objects.exclude(pk=third.pk).delete()
    assert calls == [first.pk]
    assert dict(Article.objects.values_list("pk", "cluster")) == {third.pk: third.pk}


def test_a_story_with_more_copies_than_the_caps_is_one_cluster_both_ways(tmp_index, monkeypatch):
    """Past CANDIDATES_MAX and BUCKET_MAX (here 3) a story's copies still join, at ingest and in a rebuild alike;
    another story sharing the bucket's formula does not."""
    from articles.services import clusters

    monkeypatch.setattr(clusters, "CANDIDATES_MAX", 3)
    monkeypatch.setattr(clusters, "BUCKET_MAX", 3)
    copies = [_clustered(f"Bus listrik {number}", STORY + f" Laporan nomor {number}.", f"media-{number}")
              for number in range(7)]
    other = _clustered("Tim putri", OTHER, "detik")
    incremental = dict(Article.objects.values_list("pk", "cluster"))
    assert {incremental[copy.pk] for copy in copies} == {copies[0].pk}
    assert incremental[other.pk] == other.pk
    Article.objects.update(cluster=None)
    call_command("rebuild_clusters", stdout=StringIO())
    assert dict(Article.objects.values_list("pk", "cluster")) == incremental


def test_a_system_check_asks_for_rebuild_clusters_while_articles_lack_a_fingerprint(tmp_index):
    from articles.checks import story_clusters_check

    make_article("Dimuat sebelum kelompok berita", body=STORY)
    [warning] = story_clusters_check()
    assert warning.id == "articles.W005" and "rebuild_clusters" in warning.hint
    call_command("rebuild_clusters", stdout=StringIO())
    assert story_clusters_check() == []
