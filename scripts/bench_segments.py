"""Print what a save costs the next search: the index write, reopening the searcher, building its arrays and the first
search after it, against a cold process's first search and a warm search; and a prefix query's extra memory.

Goal (issue 17), at 100k articles on 2 cores: saving one article and searching again <= 100 ms for the next search; a
prefix query's extra memory <= 50 MB.
Usage: .venv/bin/python scripts/bench_segments.py VAR_DIR [--saves N] [--prefix diplom]

VAR_DIR holds an archive with its index (scripts/gen_corpus.py, then manage.py rebuild_index); the saves re-index
existing articles in it (their documents are rewritten, as an editor's save does). Numbers are printed, never asserted.
"""

from __future__ import annotations

import argparse
import gc
import os
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from gen_corpus import django_setup  # noqa: E402 (scripts/ is on the path of a script run from it)

QUERY = "presiden"


def milliseconds(started: float) -> float:
    return (time.perf_counter() - started) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("var_dir", type=Path)
    parser.add_argument("--saves", type=int, default=5)
    parser.add_argument("--prefix", default="pre")
    options = parser.parse_args()
    django_setup(options.var_dir)
    from articles.models import Article
    from articles.search.engine import SearchFilters
    from articles.search.facets import facet_arrays
    from articles.search.indexing import index_articles, searcher_get
    from articles.selectors import article_search

    def search(text: str = QUERY) -> None:
        article_search(text=text, filters=SearchFilters(), snippets=False)

    print(f"archive {options.var_dir}, load {os.getloadavg()[0]:.2f}, {os.cpu_count()} cores")
    started = time.perf_counter()
    searcher = searcher_get()
    print(f"cold: searcher open        {milliseconds(started):8.1f} ms "
          f"({len(searcher.reader().leaf_readers())} segments, {searcher.doc_count_all()} documents)")
    started = time.perf_counter()
    facet_arrays(searcher)
    print(f"cold: arrays build         {milliseconds(started):8.1f} ms")
    started = time.perf_counter()
    search()
    print(f"cold: first search         {milliseconds(started):8.1f} ms")
    search()
    started = time.perf_counter()
    search()
    print(f"warm: search               {milliseconds(started):8.1f} ms")

    ids = list(Article.objects.order_by("pk").values_list("pk", flat=True)[:options.saves * 7:7])
    for pk in ids:
        started = time.perf_counter()
        index_articles([pk])
        write = milliseconds(started)
        started = time.perf_counter()
        searcher = searcher_get()
        reopen = milliseconds(started)
        started = time.perf_counter()
        facet_arrays(searcher)
        arrays = milliseconds(started)
        started = time.perf_counter()
        search()
        first = milliseconds(started)
        print(f"save {pk:>7}: index write {write:7.1f} ms | next search {reopen + arrays + first:7.1f} ms = reopen "
              f"{reopen:6.1f} + arrays {arrays:6.1f} + search {first:6.1f} "
              f"({len(searcher.reader().leaf_readers())} segments)")

    gc.collect()
    tracemalloc.start()
    search(options.prefix + "*")
    _size, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(f"prefix {options.prefix}*: peak extra memory {peak / 2**20:6.1f} MiB (traced allocations during the search)")
    try:
        from articles.search.matching import postings_store
    except ImportError:
        return
    print(f"posting store: {postings_store.size / 2**20:6.1f} MiB of {postings_store.budget / 2**20:.0f} MiB budget, "
          f"{len(postings_store.lists)} lists")


if __name__ == "__main__":
    main()
