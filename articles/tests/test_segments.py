"""Per-segment arrays (search/segments.py) joined per searcher (facets.FacetArrays), and searchers reopened with the
readers of unchanged segments (indexing.searcher_get): after saves, deletions and a rebuild, what a new searcher holds
equals a build from scratch, one document at a time, over the same reader."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from articles.models import Article
from articles.search import matching, rebuild, segments
from articles.search.engine import SearchFilters
from articles.search.facets import FacetArrays, FacetValues, facet_arrays
from articles.search.indexing import index_articles, open_index, searcher_get
from articles.search.query import parse_query
from articles.search.registry import FACETS
from articles.search.segments import segments_retain
from articles.tests.builders import make_article, make_country, make_outlet, make_person
from articles.tests.search.flow import search_text

pytestmark = pytest.mark.django_db


def _resolve(kind: str, text: str) -> list[str]:
    return []


def ids_found(text: str, **filters) -> set[int]:
    result = search_text(text=text, filters=SearchFilters(**filters), resolve=_resolve, per_page=100)
    return {hit.article_id for hit in result.hits}


@pytest.fixture
def archive(index_now):
    """Five articles indexed in three commits (three segments unless Whoosh merges them), one of them saved again
    (a deletion in an old segment) and one deleted."""
    tempo, detik = make_outlet("tempo", "Tempo.co", "tempo.co"), make_outlet("detik", "detikcom", "detik.com")
    retno, jokowi = make_person("Retno Marsudi"), make_person("Joko Widodo")
    ru, id_ = make_country("RU", "Rusia", "Russia"), make_country("ID", "Indonesia")
    first = [
        make_article("Rusia tarik pasukan", outlet=tempo, published="2017-11-21 10:53", people=(retno,),
                     countries=(ru,), body="Pemerintah Rusia menarik pasukan dari perbatasan."),
        make_article("Diplomasi Indonesia", outlet=detik, published="2018-02-05 09:00", people=(retno, jokowi),
                     countries=(id_,), body="Menteri Luar Negeri memimpin diplomasi presiden di sidang."),
    ]
    index_now(*first)
    second = [
        make_article("Presiden bertemu Putin", outlet=tempo, published=None, people=(jokowi,), countries=(ru, id_),
                     body="Presiden Joko Widodo bertemu Vladimir Putin di Moskow."),
        make_article("Banjir di Jakarta", outlet=detik, published="2020-01-02 07:00",
                     body="Banjir merendam Jakarta; presiden meninjau pengungsi."),
    ]
    index_now(*second)
    third = make_article("Prabowo kunjungi Kyiv", outlet=detik, published="2023-01-15 11:00", countries=(ru,),
                         body="Menteri Pertahanan Prabowo mengunjungi Kyiv.")
    index_now(third)
    return {"first": first, "second": second, "third": third}


def from_scratch(searcher) -> dict:
    """Return every array a searcher needs, read one document and one term at a time over its whole reader (what
    FacetArrays did before it was kept per segment): the oracle."""
    reader = searcher.reader()
    size = reader.doc_count_all()
    live = np.zeros(size, dtype=bool)
    live[list(reader.all_doc_ids())] = True
    column = reader.column_reader("published", translate=False)
    published = np.array([v if v and v < 2**63 else 0 for v in (column[n] for n in range(size))], dtype=np.int64)
    clusters = reader.column_reader("cluster")
    cluster = np.array([clusters[n] or 0 for n in range(size)], dtype=np.int64)
    cluster = np.where(cluster > 0, cluster, -np.arange(1, size + 1))
    lengths = np.array([reader.doc_field_length(n, "content", 0) or 0 for n in range(size)], dtype=np.float32)
    facets = {}
    for facet in FACETS:
        names = list(reader.field_terms(facet.field))
        pairs = set()
        for term in names:
            matcher = reader.postings(facet.field, term)
            while matcher.is_active():  # live documents only: Whoosh's matcher skips the deleted
                pairs.add((matcher.id(), term))
                matcher.next()
        facets[facet.name] = (names, pairs)
    return {"size": size, "live": live, "published": published, "cluster": cluster, "lengths": lengths,
            "facets": facets}


def assert_equal_to_scratch(searcher) -> None:
    arrays = facet_arrays(searcher)
    expected = from_scratch(searcher)
    assert arrays.size == expected["size"]
    assert arrays.live.tolist() == expected["live"].tolist()
    assert arrays.published.tolist() == expected["published"].tolist()
    assert arrays.cluster.tolist() == expected["cluster"].tolist()
    assert arrays.matcher.norm.tolist() == matching.Matcher(
        searcher.reader(), arrays.matcher.postings, expected["lengths"], expected["live"]).norm.tolist()
    for name, (names, pairs) in expected["facets"].items():
        values = arrays.facets[name]
        assert values.names == names, name
        live_pairs = {(int(doc), values.names[value]) for doc, value in zip(values.docs, values.values, strict=True)
                      if arrays.live[doc]}
        assert live_pairs == pairs, name
        counts = values.counts(arrays.live)
        per_value = {term: sum(1 for _doc, value in pairs if value == term) for term in names}
        assert {values.names[n]: int(counts[n]) for n in np.flatnonzero(counts)} == {
            term: count for term, count in per_value.items() if count}, name


def test_arrays_after_saves_and_deletions_equal_a_build_from_scratch(archive):
    searcher = searcher_get()
    assert len(searcher.reader().leaf_readers()) > 1, "the fixture should leave several segments"
    assert_equal_to_scratch(searcher)

    saved = archive["first"][0]
    saved.title = "Rusia tarik pasukan lagi"
    saved.save()
    index_articles([saved.pk])
    deleted = archive["second"][1].pk
    Article.objects.filter(pk=deleted).delete()
    index_articles([deleted])
    searcher = searcher_get()

    assert searcher.reader().has_deletions()
    assert_equal_to_scratch(searcher)
    assert facet_arrays(searcher).ids[facet_arrays(searcher).live].tolist() == [
        int(fields["id"]) for fields in searcher.all_stored_fields()]


def test_a_deleted_document_is_not_live_and_not_found(archive):
    gone = archive["second"][1]
    old = searcher_get()
    docnum = old.document_number(id=str(gone.pk))
    assert facet_arrays(old).live[docnum]
    assert gone.pk in ids_found("banjir")

    Article.objects.filter(pk=gone.pk).delete()
    index_articles([gone.pk])
    searcher = searcher_get()

    assert searcher is not old
    assert not facet_arrays(searcher).live[docnum]
    assert gone.pk not in ids_found("banjir")
    assert gone.pk not in ids_found("presiden")


def test_a_save_builds_only_the_new_segment_and_reuses_the_others(archive):
    old = searcher_get()
    before = {segments.segment_key(str(old._ix.storage.folder), leaf): part
              for (leaf, _base), part in zip(old.reader().leaf_readers(), facet_arrays(old).parts, strict=True)}
    old_leaves = {leaf.segment().segment_id(): leaf for leaf, _base in old.reader().leaf_readers()}

    saved = archive["third"]
    saved.body += " Presiden menyambut."
    saved.save()
    index_articles([saved.pk])
    searcher = searcher_get()
    arrays = facet_arrays(searcher)

    after = {segments.segment_key(str(searcher._ix.storage.folder), leaf): part
             for (leaf, _base), part in zip(searcher.reader().leaf_readers(), arrays.parts, strict=True)}
    kept = before.keys() & after.keys()
    assert kept, "an unchanged segment should stay"
    assert all(after[key] is before[key] for key in kept)
    assert all(after[key].build > max(part.build for part in before.values()) for key in after.keys() - kept)
    # The reader of an unchanged segment is reused (its open term files), with the new commit's deletions.
    for leaf, _base in searcher.reader().leaf_readers():
        previous = old_leaves.get(leaf.segment().segment_id())
        if previous is not None:
            assert leaf._terms is previous._terms
    assert searcher.up_to_date()
    assert searcher_get() is searcher
    assert saved.pk in ids_found("menyambut")
    assert_equal_to_scratch(searcher)


def test_a_save_that_deletes_in_an_old_segment_is_seen_by_the_reused_reader(archive):
    saved = archive["first"][1]
    old = searcher_get()
    docnum = old.document_number(id=str(saved.pk))

    saved.title = "Diplomasi Indonesia berlanjut"
    saved.save()
    index_articles([saved.pk])
    searcher = searcher_get()

    assert searcher.reader().is_deleted(docnum)
    assert not old.reader().is_deleted(docnum)  # the old searcher still reads its own commit
    assert ids_found("berlanjut") == {saved.pk}
    assert ids_found("diplomasi") == {saved.pk}


def test_a_rebuild_serves_its_new_generation(archive):
    old = searcher_get()
    facet_arrays(old)
    old_folder = str(old._ix.storage.folder)

    rebuild.rebuild_index()
    searcher = searcher_get()

    assert str(searcher._ix.storage.folder) != old_folder
    assert {key[0] for key in segments._segments} == {old_folder} or not segments._segments
    assert_equal_to_scratch(searcher)
    assert {key[0] for key in segments._segments} == {str(searcher._ix.storage.folder)}
    assert {key[0][0] for key in matching.postings_store.lists} <= {str(searcher._ix.storage.folder)}
    assert ids_found("presiden") == {archive["first"][1].pk, archive["second"][0].pk, archive["second"][1].pk}


@pytest.mark.whoosh_engine
def test_a_prefix_of_many_words_keeps_the_posting_store_within_its_budget(archive, monkeypatch):
    expected = ids_found("men*")  # menarik, menteri, meninjau, mengunjungi
    assert len(expected) == 4
    store = matching.PostingStore(budget=3 * (matching.ENTRY_BYTES + 8))
    monkeypatch.setattr(matching, "postings_store", store)
    arrays = facet_arrays(searcher_get())
    monkeypatch.setattr(arrays.matcher.postings, "store", store)

    assert ids_found("men*") == expected
    assert 0 < store.size <= store.budget
    terms = [term.decode() if isinstance(term, bytes) else term for term in searcher_get().reader().expand_prefix(
        "exact", "men")]
    assert len(terms) >= 4
    assert len(store.lists) <= 3 < len(terms) * len(searcher_get().reader().leaf_readers())


def test_the_posting_store_drops_the_least_recently_used_first(archive):
    store = matching.PostingStore(budget=10**6)
    reader = searcher_get().reader()
    leaf, _base = reader.leaf_readers()[0]
    key = ("folder", leaf.segment().segment_id())
    store.get(key, leaf, "content", "rusia")
    store.get(key, leaf, "content", "pasukan")
    store.get(key, leaf, "content", "rusia")
    store.budget = store.size - 1

    store.get(key, leaf, "content", "menteri")

    assert (key, "content", "pasukan") not in store.lists
    assert store.size <= store.budget


def test_a_new_process_loads_the_saved_arrays_instead_of_building_them(archive, monkeypatch):
    monkeypatch.setattr(segments, "SAVED_FROM_DOCUMENTS", 1)
    searcher = searcher_get()
    facet_arrays(searcher)
    folder = Path(searcher._ix.storage.folder)
    saved = sorted(path.name for path in folder.glob(f"*{segments.ARRAYS_SUFFIX}"))
    assert saved == sorted(f"{leaf.segment().segment_id()}{segments.ARRAYS_SUFFIX}"
                           for leaf, _base in searcher.reader().leaf_readers())

    segments_retain(set())  # what a new process starts with

    def no_build(leaf):
        raise AssertionError("built again")

    monkeypatch.setattr(segments.SegmentArrays, "read", no_build)
    assert_equal_to_scratch(open_index().searcher())


def test_saved_arrays_of_another_size_or_a_broken_file_are_built_again(archive, monkeypatch):
    monkeypatch.setattr(segments, "SAVED_FROM_DOCUMENTS", 1)
    searcher = searcher_get()
    leaf, _base = searcher.reader().leaf_readers()[0]
    folder = str(searcher._ix.storage.folder)
    path = Path(folder) / f"{leaf.segment().segment_id()}{segments.ARRAYS_SUFFIX}"
    segments.segment_arrays(folder, leaf)
    assert segments.SegmentArrays.load(path, leaf.doc_count_all()) is not None
    assert segments.SegmentArrays.load(path, leaf.doc_count_all() + 1) is None

    path.write_bytes(b"not an archive")
    segments_retain(set())

    assert segments.SegmentArrays.load(path, leaf.doc_count_all()) is None
    assert_equal_to_scratch(open_index().searcher())
    assert segments.SegmentArrays.load(path, leaf.doc_count_all()) is not None  # saved again


def test_whoosh_removes_the_saved_arrays_with_their_segment(archive, monkeypatch):
    monkeypatch.setattr(segments, "SAVED_FROM_DOCUMENTS", 1)
    searcher = searcher_get()
    facet_arrays(searcher)
    folder = Path(searcher._ix.storage.folder)
    before = set(folder.glob(f"*{segments.ARRAYS_SUFFIX}"))
    assert len(before) > 1

    open_index().optimize()  # merges every segment into one

    assert not before & set(folder.glob(f"*{segments.ARRAYS_SUFFIX}"))
    assert_equal_to_scratch(searcher_get())


def test_a_small_segment_is_built_not_saved(archive):
    searcher = searcher_get()
    facet_arrays(searcher)

    assert all(leaf.doc_count_all() < segments.SAVED_FROM_DOCUMENTS for leaf, _base in searcher.reader().leaf_readers())
    assert not list(Path(searcher._ix.storage.folder).glob(f"*{segments.ARRAYS_SUFFIX}"))


def test_the_warm_up_leaves_a_first_search_nothing_to_build(archive, monkeypatch):
    from articles.search import engine, spelling

    searcher_get()
    segments_retain(set())  # a worker that has just started
    spelling._cache.clear()
    parts = engine.warm_up()
    assert set(parts) == {"searcher", "arrays", "spelling", "stems"}

    def no_build(*args, **kwargs):
        raise AssertionError("the first search built what the warm-up should have")

    monkeypatch.setattr(segments.SegmentArrays, "read", no_build)
    monkeypatch.setattr(spelling, "build", no_build)
    assert {article.pk for article in archive["second"]} <= ids_found("presiden")
    assert engine.search(parse_query("presidne"), {}, SearchFilters()).suggestion == "presiden"


def test_a_warm_up_without_an_index_starts_the_worker_all_the_same(no_index, caplog):
    from articles.search import engine

    assert engine.warm_up() == {}
    assert "Search warm-up stopped" in caplog.text


@pytest.mark.whoosh_engine
def test_a_worker_warm_up_compiles_the_reader_templates(archive, caplog):
    from django.template import engines

    from articles.web.warm import _template_names, warm_up

    names = _template_names()
    assert {"articles/search.html", "articles/article_detail.html", "base.html"} <= set(names)
    parts = warm_up()
    assert {"arrays", "templates"} <= set(parts)
    assert "not warmed" not in caplog.text
    loader = engines["django"].engine.template_loaders[0]
    if hasattr(loader, "get_template_cache"):  # the cached loader (DEBUG off, or Django's default since 4.1)
        assert "articles/search.html" in loader.get_template_cache


def _segment_ids() -> list[str]:
    with open_index().reader() as reader:
        return [leaf.segment().segment_id() for leaf, _base in reader.leaf_readers() if leaf.segment() is not None]


def test_saves_merge_only_small_segments_ten_at_a_time(db, index_now, monkeypatch):
    from articles.search import indexing

    monkeypatch.setattr(indexing, "SMALL_SEGMENT_DOCS", 3)
    index_now(*[make_article(f"Rebuild {number}", body="Sebuah segmen besar.") for number in range(4)])
    (large,) = _segment_ids()
    saved = []
    for number in range(indexing.MERGE_EVERY + 2):
        saved.append(make_article(f"Simpan {number}", body="Satu berita per simpan."))
        index_now(saved[-1])
        segments = _segment_ids()
        assert large in segments  # a large segment is never merged by a save
        assert len(segments) <= 1 + indexing.MERGE_EVERY
    assert len(_segment_ids()) < 1 + len(saved)  # the small ones were merged
    assert {article.pk for article in saved} <= ids_found("simpan")


def assert_same_as_joined_afresh(searcher) -> None:
    """The arrays a searcher built from its predecessor's equal those joined from every segment afresh."""
    grown, fresh = facet_arrays(searcher), FacetArrays(searcher)
    for name in ("live", "published", "cluster"):
        assert getattr(grown, name).tolist() == getattr(fresh, name).tolist(), name
    assert grown.matcher.norm.tolist() == fresh.matcher.norm.tolist()
    for name in grown.facets:
        assert grown.facets[name].names == fresh.facets[name].names, name
        assert grown.facets[name].index == fresh.facets[name].index, name
        assert grown.facets[name].docs.tolist() == fresh.facets[name].docs.tolist(), name
        assert grown.facets[name].values.tolist() == fresh.facets[name].values.tolist(), name


def test_a_save_joins_only_its_new_segment_onto_the_previous_arrays(archive, monkeypatch):
    old = searcher_get()
    facet_arrays(old)
    joined_afresh = []
    original = FacetValues.joined
    monkeypatch.setattr(FacetValues, "joined", classmethod(
        lambda cls, parts: joined_afresh.append(len(parts)) or original.__func__(cls, parts)))

    # A known outlet and person (no new value names), then new ones sorted before and among the known.
    saved = archive["third"]
    saved.body += " Presiden menyambut."
    saved.save()
    index_articles([saved.pk])
    assert_same_as_joined_afresh(searcher_get())
    antara = make_outlet("antara", "Antara", "antaranews.com")
    added = make_article("Aceh diguncang gempa", outlet=antara, published="2024-03-01 08:00",
                         people=(make_person("Ahmad Dhani"), make_person("Megawati")),
                         countries=(make_country("AF", "Afganistan", "Afghanistan"),),
                         body="Gempa mengguncang Aceh pagi ini.")
    index_articles([added.pk])
    searcher = searcher_get()
    assert_same_as_joined_afresh(searcher)
    assert_equal_to_scratch(searcher)
    assert added.pk in ids_found("gempa", outlet=["antara"])
    assert len(joined_afresh) == len(FACETS) * 2, "only the oracle's joins afresh, none by the saves' searchers"


def test_a_merge_of_small_segments_keeps_the_large_ones_arrays_and_drops_the_names_gone(db, index_now, monkeypatch):
    from articles.search import indexing

    monkeypatch.setattr(indexing, "SMALL_SEGMENT_DOCS", 3)
    monkeypatch.setattr(indexing, "MERGE_EVERY", 3)
    index_now(*[make_article(f"Rebuild {number}", body="Sebuah segmen besar.", people=(make_person(f"Tokoh {number}"),))
                for number in range(4)])
    facet_arrays(searcher_get())
    (large,) = _segment_ids()
    # Each save names a person no other article names; the second one's article is deleted before the merge, so the
    # merged segment lacks its name ("Zaenal" sorts last, "Abdul" first: both ends of the name table move).
    people = ["Abdul Aziz", "Zaenal Arifin", "Maria Ulfa", "Budi Santoso", "Citra Lestari"]
    saved = []
    merged = False
    for number, name in enumerate(people):
        saved.append(make_article(f"Simpan {number}", body="Satu berita per simpan.", people=(make_person(name),),
                                  outlet=make_outlet(f"media-{number}", f"Media {number}", f"media{number}.id")))
        index_now(saved[-1])
        if number == 1:
            gone = saved.pop()
            Article.objects.filter(pk=gone.pk).delete()
            index_articles([gone.pk])
        searcher = searcher_get()
        assert_same_as_joined_afresh(searcher)
        assert_equal_to_scratch(searcher)
        merged = merged or len(_segment_ids()) < 2 + len(saved)
    assert merged, "the small segments should have been merged"
    assert large in _segment_ids()
    names = facet_arrays(searcher_get()).facets["people"].names
    assert "abdul-aziz" in names and "zaenal-arifin" not in names
    assert {article.pk for article in saved} <= ids_found("simpan")
