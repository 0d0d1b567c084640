"""Story clusters (issue 15): near copies of one story (wire copy run by several outlets, light rewrites) share
``Article.cluster``, the smallest id among them.

A cluster is a connected component of the near-copy relation: two articles whose bodies share an LSH band key and
whose signatures resemble at CLUSTER_THRESHOLD or more (articles.ingest.fingerprint). Keyed by its smallest id, a
component gets the same key from ingest, one article at a time, as from ``clusters_rebuild`` over the whole archive.
Every article whose key changes is queued for the index (its document carries the key).
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass

import numpy as np
from django.db import connection, transaction
from django.db.models import Count

from ..ingest.fingerprint import CLUSTER_THRESHOLD, NUM_PERM, Fingerprint, fingerprint, near_copies
from ..models import Article, StoryBand
from ..search.indexing import schedule_index

logger = logging.getLogger(__name__)

# Candidates read per look-up: more articles sharing a band with one text are a template, not copies of it.
CANDIDATES_MAX = 200
# Members read when a cluster is recomputed after an edit; past it the rest keep their key (rebuild_clusters is exact).
COMPONENT_MAX = 1000
# Articles per chunk in a rebuild (one transaction each); ids per IN (...) stay under SQLite's variable limit.
CHUNK = 2000
IN_MAX = 900
# A rebuild fingerprints in this many worker processes (at most the machine's cores) when this many articles or
# more lack a fingerprint; fewer are done in the process itself (starting workers costs about a second).
FINGERPRINT_WORKERS = 4
PARALLEL_FROM = 5000
# A band bucket holding more articles than this (a story run by hundreds of outlets, or a formula shared by many
# texts) is not compared pair by pair but against at most this many representatives (``_large_bucket_union``).
BUCKET_MAX = 200


class _Components:
    """Union-find whose roots are the smallest ids, so a component's root is its cluster key."""

    def __init__(self) -> None:
        self.parent: dict[int, int] = {}

    def find(self, pk: int) -> int:
        root = self.parent.setdefault(pk, pk)
        while root != self.parent[root]:
            root = self.parent[root]
        while pk != root:  # path compression
            self.parent[pk], pk = root, self.parent[pk]
        return root

    def union(self, first: int, second: int) -> None:
        a, b = self.find(first), self.find(second)
        if a != b:
            self.parent[max(a, b)] = min(a, b)


def _chunks(ids: list[int], size: int = IN_MAX) -> Iterable[list[int]]:
    for start in range(0, len(ids), size):
        yield ids[start:start + size]


def _bands_replace(pks_prints: dict[int, Fingerprint]) -> None:
    for chunk in _chunks(list(pks_prints)):
        StoryBand.objects.filter(article_id__in=chunk).delete()
    # One prepared INSERT for every row: bulk_create builds a model and SQL per row (70% of a rebuild's time).
    quote = connection.ops.quote_name
    sql = (f"INSERT INTO {quote(StoryBand._meta.db_table)} ({quote('article_id')}, {quote('key')}) "
           "VALUES (%s, %s)")
    with connection.cursor() as cursor:
        cursor.executemany(sql, [(pk, key) for pk, print_ in pks_prints.items() for key in print_.bands])


def _keys_set(keys: dict[int, int]) -> list[int]:
    """Write these cluster keys ({article id: key}); return the ids whose key changed, queued for the index."""
    current = {}
    for chunk in _chunks(list(keys)):
        current.update(Article.objects.filter(pk__in=chunk).values_list("pk", "cluster"))
    changed = [pk for pk, key in keys.items() if pk in current and current[pk] != key]
    by_key: dict[int, list[int]] = defaultdict(list)
    for pk in changed:
        by_key[keys[pk]].append(pk)
    for key, pks in by_key.items():
        for chunk in _chunks(pks):
            Article.objects.filter(pk__in=chunk).update(cluster=key)
    schedule_index(changed)
    return changed


def article_cluster_update(*, article: Article, print_: Fingerprint | None = None) -> list[int]:
    """Fingerprint the article's body and give it, and whatever cluster it joins or leaves, their keys.

    Call it after saving a new article or a changed text. A new article joins the clusters of its near copies (several
    merge into one, keyed by the smallest id); an edited one is taken out of its old cluster first, whose members are
    recomputed with it: an edit beyond the threshold leaves the cluster, and if the article was its bridge the rest
    splits. Work is bounded by CANDIDATES_MAX and COMPONENT_MAX. Return the ids whose key changed (queued for the
    index). A new article costs three queries (its bands, its candidates, its key) and one more per merge; an edit
    reads the members of the clusters involved. ``print_``: the body's fingerprint when the caller has it already (a
    batch ingest's workers make it), else it is made here (~3 ms for a 600-word body).
    """
    if print_ is None:
        print_ = fingerprint(article.body)
    old_cluster = article.cluster
    if old_cluster is not None and article.fingerprint is not None and bytes(article.fingerprint) == print_.signature:
        return []  # the same words: nothing joins or leaves
    if article.fingerprint is not None:
        StoryBand.objects.filter(article=article).delete()
    if print_.bands:
        _bands_insert({article.pk: print_})  # one prepared INSERT: bulk_create builds a model per band
    # The oldest CANDIDATES_MAX: the same on every database (PostgreSQL slices an unordered set arbitrarily).
    candidates = list(
        Article.objects.filter(bands__key__in=print_.bands).exclude(pk=article.pk).distinct().order_by("pk")
        .values_list("pk", "fingerprint", "cluster")[:CANDIDATES_MAX]) if print_.bands else []
    copies = {pk: cluster or pk for pk, signature, cluster in candidates
              if signature is not None and near_copies(print_.signature, bytes(signature))}
    article.fingerprint = print_.signature
    if old_cluster is None:
        return _joined(article, print_.signature, copies)
    Article.objects.filter(pk=article.pk).update(fingerprint=print_.signature)
    clusters = set(copies.values()) | ({old_cluster} if old_cluster is not None else set())
    members = set(Article.objects.filter(cluster__in=clusters).order_by("pk")
                  .values_list("pk", flat=True)[:COMPONENT_MAX])
    if len(members) >= COMPONENT_MAX:
        # Too big to read whole: recomputing from a part would split what the unread members join. Only this
        # article moves (to its copies' smallest key, or its own id); the rest keep theirs until rebuild_clusters.
        logger.warning("Clusters %s hold %d members or more: article %d is re-keyed alone; run rebuild_clusters.",
                       sorted(clusters)[:10], COMPONENT_MAX, article.pk)
        key = min([article.pk, *copies.values()])
        article.cluster = key
        return _keys_set({article.pk: key})
    # Alone (no copies, no other member): its own cluster, keyed by its id; nothing to read (an update's usual case).
    keys = {article.pk: article.pk} if members <= {article.pk} and not copies else \
        _components({*members, *copies, article.pk})
    changed = _keys_set(keys)
    article.cluster = keys[article.pk]
    return changed


def cluster_recompute(*, key: int) -> list[int]:
    """Recompute the cluster ``key`` from its remaining members (after one was deleted: a cluster keyed by the deleted
    id takes its next smallest, and one it bridged splits). Bounded by COMPONENT_MAX like an edit. Return the ids whose
    key changed (queued for the index)."""
    members = set(Article.objects.filter(cluster=key).order_by("pk").values_list("pk", flat=True)[:COMPONENT_MAX])
    if len(members) >= COMPONENT_MAX:
        # Recomputing from a part would split what the unread members join: the key (a deleted id) stays, which
        # still groups the story; rebuild_clusters gives it its smallest id.
        logger.warning("Cluster %d holds %d members or more: not recomputed after a delete; run rebuild_clusters.",
                       key, COMPONENT_MAX)
        return []
    return _keys_set(_components(members)) if members else []


def _joined(article: Article, signature: bytes, copies: dict[int, int]) -> list[int]:
    """A new article: a node added to the graph only joins components, so its key is the smallest of its own id and
    its copies' keys, and the other copies' clusters take that key (one UPDATE, whatever their size)."""
    key = min([article.pk, *copies.values()])
    Article.objects.filter(pk=article.pk).update(fingerprint=signature, cluster=key)
    article.cluster = key
    merged = set(copies.values()) - {key}
    changed = [article.pk]
    if merged:
        # Every member of the clusters joined, however many: each is queued for the index with its new key.
        moved = list(Article.objects.filter(cluster__in=merged).order_by("pk").values_list("pk", flat=True))
        for chunk in _chunks(moved):
            Article.objects.filter(pk__in=chunk).update(cluster=key)
        changed += moved
    schedule_index(changed)
    return changed


def _components(members: set[int]) -> dict[int, int]:
    """Return {id: cluster key} for these articles, from their bands and signatures (the relation among them)."""
    signatures: dict[int, np.ndarray] = {}
    buckets: dict[int, list[int]] = defaultdict(list)
    for chunk in _chunks(sorted(members)):
        stored = Article.objects.filter(pk__in=chunk, fingerprint__isnull=False).values_list("pk", "fingerprint")
        signatures.update(_signature_arrays(stored))
        for pk, key in StoryBand.objects.filter(article_id__in=chunk).values_list("article_id", "key"):
            buckets[key].append(pk)
    components = _Components()
    for pk in members:
        components.find(pk)
    for bucket in buckets.values():
        _bucket_union(components, bucket, signatures)
    return {pk: components.find(pk) for pk in members}


def _signature_arrays(rows: Iterable[tuple[int, bytes]]) -> Iterator[tuple[int, np.ndarray]]:
    """Yield (id, signature as NUM_PERM uint32) for the rows whose stored signature has the current length."""
    for pk, signature in rows:
        if signature is not None and len(signature) == NUM_PERM * 4:
            yield pk, np.frombuffer(bytes(signature), dtype="<u4")


def _bucket_union(components: _Components, bucket: list[int], signatures: dict[int, np.ndarray]) -> None:
    """Join the near copies among the articles that share one band key. Only articles of different clusters so far
    are compared (a story's copies share most of their 42 bands: once one bucket has joined them, the others find them
    joined and cost one pass)."""
    members = [pk for pk in bucket if pk in signatures]
    roots = [components.find(pk) for pk in members]
    if len(set(roots)) < 2:
        return
    if len(members) > BUCKET_MAX:
        _large_bucket_union(components, members, signatures)
        return
    needed = CLUSTER_THRESHOLD * NUM_PERM
    for index, first in enumerate(members):
        for other in range(index + 1, len(members)):
            if roots[index] != roots[other] and \
                    np.count_nonzero(signatures[first] == signatures[members[other]]) >= needed:
                components.union(first, members[other])
                joined, old = components.find(first), {roots[index], roots[other]}
                roots = [joined if root in old else root for root in roots]


def _large_bucket_union(components: _Components, bucket: list[int], signatures: dict[int, np.ndarray]) -> None:
    """Join the near copies in a bucket too big to compare pair by pair (a story run by hundreds of outlets, or a
    formula many texts share): each article, oldest first, is compared at once with the bucket's representatives of
    other clusters (at most BUCKET_MAX, one per cluster) and joins every one it resembles; an article of a cluster not
    yet represented becomes a representative while there is room. As at ingest, where a new article is compared with
    its oldest CANDIDATES_MAX candidates: a story's copies join however many they are, at a cost linear in the
    bucket."""
    representatives: list[int] = []
    matrix = np.zeros((BUCKET_MAX, NUM_PERM), dtype="<u4")
    roots = np.zeros(BUCKET_MAX, dtype=np.int64)  # each representative's cluster, kept current through the unions
    needed = CLUSTER_THRESHOLD * NUM_PERM
    for pk in sorted(bucket):
        root, count = components.find(pk), len(representatives)
        others = np.flatnonzero(roots[:count] != root)
        if len(others):
            agree = others[np.count_nonzero(matrix[others] == signatures[pk], axis=1) >= needed]
            for position in agree:
                components.union(pk, representatives[position])
            if len(agree):
                joined = components.find(pk)
                roots[:count][np.isin(roots[:count], [root, *roots[agree]])] = joined
                root = joined
        if count < BUCKET_MAX and not (roots[:count] == root).any():
            matrix[count], roots[count] = signatures[pk], root
            representatives.append(pk)


@dataclass
class ClusterReport:
    articles: int = 0
    fingerprinted: int = 0
    clusters: int = 0  # with two members or more
    largest: int = 0
    changed: int = 0
    seconds: float = 0.0


def clusters_rebuild(*, refingerprint: bool = False, progress: Callable[[str], None] = lambda line: None
                     ) -> ClusterReport:
    """Rebuild every cluster from the database: fingerprint the articles that lack one (all with ``refingerprint``,
    after a change of the fingerprint's parameters), join the near copies among each band's articles, and write the
    keys that changed (queued for the index). Streams in chunks: memory holds the articles that share a band with
    another, not the archive. Running it again changes nothing."""
    started = time.monotonic()
    report = ClusterReport()
    if refingerprint:
        StoryBand.objects.all().delete()
        Article.objects.update(fingerprint=None)
    report.fingerprinted = _fingerprint_missing(progress)
    components = _Components()
    signatures: dict[int, np.ndarray] = {}
    buckets = _shared_buckets()
    involved = sorted({pk for bucket in buckets for pk in bucket})
    for chunk in _chunks(involved):
        signatures.update(_signature_arrays(Article.objects.filter(pk__in=chunk).values_list("pk", "fingerprint")))
    for bucket in buckets:
        _bucket_union(components, bucket, signatures)
    progress(f"{len(buckets)} shared bands among {len(involved)} articles compared")
    sizes: dict[int, int] = defaultdict(int)
    last = 0
    while True:
        rows = list(Article.objects.filter(pk__gt=last).order_by("pk").values_list("pk", "cluster")[:CHUNK])
        if not rows:
            break
        last = rows[-1][0]
        keys = {pk: components.find(pk) if pk in components.parent else pk for pk, _ in rows}
        for key in keys.values():
            sizes[key] += 1
        changed = [pk for pk, cluster in rows if cluster != keys[pk]]
        with transaction.atomic():
            _column_set("cluster", [(keys[pk], pk) for pk in changed])
            schedule_index(changed)
        report.articles += len(rows)
        report.changed += len(changed)
    multiple = [size for size in sizes.values() if size > 1]
    report.clusters, report.largest = len(multiple), max(multiple, default=1 if report.articles else 0)
    report.seconds = time.monotonic() - started
    return report


def _column_set(column: str, values: list[tuple]) -> None:
    """Set one column of many articles, a (value, id) pair each: one prepared UPDATE run for every pair. Why not
    bulk_update: its CASE WHEN over 900 ids made a 10k rebuild take a minute on SQLite."""
    quote = connection.ops.quote_name
    sql = f"UPDATE {quote(Article._meta.db_table)} SET {quote(column)} = %s WHERE {quote('id')} = %s"
    with connection.cursor() as cursor:
        cursor.executemany(sql, values)


def _fingerprint_missing(progress: Callable[[str], None]) -> int:
    """Fingerprint the articles that lack one, a chunk at a time; with many, in worker processes (the fingerprint is
    a pure function of the body), the next chunk computed while this one is written."""
    missing = Article.objects.filter(fingerprint__isnull=True).count()
    workers = min(os.cpu_count() or 1, FINGERPRINT_WORKERS)
    if missing < PARALLEL_FROM or workers < 2:
        return _fingerprint_chunks(progress, lambda bodies: [fingerprint(body) for body in bodies])
    # spawn, not fork: the workers import the pure fingerprint module only, and inherit no database connection.
    with ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn")) as pool:
        return _fingerprint_chunks(progress, lambda bodies: pool.map(fingerprint, bodies, chunksize=64))


def _fingerprint_chunks(progress: Callable[[str], None], compute: Callable[[list[str]], Iterable[Fingerprint]]) -> int:
    done = last = 0
    while True:
        rows = list(Article.objects.filter(pk__gt=last, fingerprint__isnull=True).order_by("pk")
                    .values_list("pk", "body")[:CHUNK])
        if not rows:
            return done
        last = rows[-1][0]
        prints = dict(zip([pk for pk, _ in rows], compute([body for _, body in rows]), strict=True))
        with transaction.atomic():
            _bands_replace(prints)
            _column_set("fingerprint", [(print_.signature, pk) for pk, print_ in prints.items()])
        done += len(rows)
        progress(f"fingerprinted {done} articles")


def _shared_buckets() -> list[list[int]]:
    """Return the article ids of every band key that more than one article has."""
    shared = StoryBand.objects.values("key").annotate(members=Count("pk")).filter(members__gt=1).values("key")
    buckets: list[list[int]] = []
    current_key = None
    for key, pk in (StoryBand.objects.filter(key__in=shared).order_by("key", "article_id")
                    .values_list("key", "article_id").iterator(chunk_size=5000)):
        if key != current_key:
            buckets.append([])
            current_key = key
        buckets[-1].append(pk)
    return buckets


def articles_cluster_join(*, prints: list[tuple[Article, Fingerprint]]) -> list[int]:
    """Give a batch of new articles (saved, with ids above every stored one) their fingerprints and cluster keys: the
    keys ``article_cluster_update`` gives them one at a time, in id order, for a handful of queries per batch.

    Each article is compared, as there, with the oldest CANDIDATES_MAX articles that share a band with it and existed
    before it (stored ones and the batch's older ones), and joins its near copies' clusters under the smallest key;
    the batch's merges are kept in memory and the stored clusters they join are re-keyed once at the end. Return the
    ids whose key changed (queued for the index).
    """
    if not prints:
        return []
    batch = {article.pk: print_ for article, print_ in prints}
    _bands_insert(batch)
    members = _band_members(batch, limit=CANDIDATES_MAX + len(batch))
    candidates = {
        pk: sorted({other for key in print_.bands for other in members.get(key, ())
                    if other != pk and (other not in batch or other < pk)})[:CANDIDATES_MAX]
        for pk, print_ in batch.items()
    }
    stored = sorted({other for found in candidates.values() for other in found if other not in batch})
    signatures: dict[int, bytes | None] = {pk: print_.signature for pk, print_ in batch.items()}
    cluster_of: dict[int, int | None] = {}
    for chunk in _chunks(stored):
        for pk, signature, cluster in Article.objects.filter(pk__in=chunk).values_list("pk", "fingerprint", "cluster"):
            signatures[pk] = bytes(signature) if signature is not None else None
            cluster_of[pk] = cluster
    keys = _Components()  # cluster keys merged so far, each under the smallest
    for pk in sorted(batch):
        copies = {keys.find(cluster_of.get(other) or other) for other in candidates[pk]
                  if signatures.get(other) is not None and near_copies(batch[pk].signature, signatures[other])}
        key = min([pk, *copies])
        for joined in copies:
            keys.union(joined, key)
        cluster_of[pk] = key
    final = {pk: keys.find(cluster_of[pk]) for pk in batch}
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.executemany(
            f"UPDATE {quote(Article._meta.db_table)} SET {quote('fingerprint')} = %s, {quote('cluster')} = %s "
            f"WHERE {quote('id')} = %s", [(batch[pk].signature, final[pk], pk) for pk in batch])
    for article, print_ in prints:
        article.fingerprint, article.cluster = print_.signature, final[article.pk]
    changed = list(batch) + _stored_clusters_rekey(keys, exclude=batch)
    schedule_index(changed)
    return changed


def _bands_insert(prints: dict[int, Fingerprint]) -> None:
    quote = connection.ops.quote_name
    sql = (f"INSERT INTO {quote(StoryBand._meta.db_table)} ({quote('article_id')}, {quote('key')}) "
           "VALUES (%s, %s)")
    with connection.cursor() as cursor:
        cursor.executemany(sql, [(pk, key) for pk, print_ in prints.items() for key in print_.bands])


def _band_members(prints: dict[int, Fingerprint], *, limit: int) -> dict[int, list[int]]:
    """Return {band key: the oldest ``limit`` article ids with it} for the keys of these new articles: the stored ones
    read with one query per IN_MAX articles (only theirs come back, not the batch's own bands), the batch's from
    memory. Any stored article counts, also one another writer committed with a higher id meanwhile (PostgreSQL
    hands ids out of order across transactions). Bounded: a key thousands of articles share, a template, costs
    ``limit`` ids a chunk."""
    members: dict[int, list[int]] = defaultdict(list)
    ids = sorted(prints)
    for chunk in _chunks(ids):
        keys = StoryBand.objects.filter(article_id__in=chunk).values("key")
        rows = (StoryBand.objects.filter(key__in=keys).exclude(article_id__in=ids).order_by("key", "article_id")
                .values_list("key", "article_id"))
        for key, pk in rows.iterator(chunk_size=5000):
            found = members[key]
            if len(found) < limit and pk not in found[-1:]:
                found.append(pk)
    for pk in ids:
        for key in prints[pk].bands:
            members[key].append(pk)
    return defaultdict(list, {key: sorted(set(found))[:limit] for key, found in members.items()})


def _stored_clusters_rekey(keys: _Components, *, exclude: dict[int, Fingerprint]) -> list[int]:
    """Re-key the stored clusters a batch merged into others (one UPDATE per new key); return their members' ids."""
    moved_to: dict[int, list[int]] = defaultdict(list)
    for key in keys.parent:
        root = keys.find(key)
        if root != key and key not in exclude:
            moved_to[root].append(key)
    moved: list[int] = []
    for root, old in moved_to.items():
        pks = list(Article.objects.filter(cluster__in=old).exclude(pk__in=list(exclude)).order_by("pk")
                   .values_list("pk", flat=True))
        for chunk in _chunks(pks):
            Article.objects.filter(pk__in=chunk).update(cluster=root)
        moved += pks
    return moved
