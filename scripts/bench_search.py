"""Print search speed: p50/p95 of plain, faceted and filtered searches over synthetic archives, and Whoosh's groupedby.

Goals, at 100k articles on 2 cores: faceted p50 <= 80 ms and p95 <= 250 ms; filtered newest-first
p95 <= 100 ms.
Usage: .venv/bin/python scripts/bench_search.py [--sizes 10000,100000] [--queries-per-kind N] [--seed S] [--rebuild]

Each size gets an archive of its own in var/bench/<size>/ (scripts/gen_corpus.py makes the articles, rebuild_index the
index), kept for the next run while the size, the seed, the generator and articles.search.schema.SCHEMA_VERSION stay the
same. Each size is built in one fresh process and searched in another, so the memory printed is a searching process's.
Numbers are printed, never asserted: the machine decides them (its size is printed with them).
"""

from __future__ import annotations

import argparse
import json
import math
import multiprocessing
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from gen_corpus import (  # noqa: E402 (scripts/ is on the path of a script run from it)
    DEFAULT_SEED,
    GENERATOR_VERSION,
    archive_prepare,
    default_var_dir,
    django_setup,
    generate,
    print_progress,
)

# What a reader types: words, phrases, OR/NOT, a prefix, a typo ("did you mean" runs when there are few hits), and the
# empty query (the archive's front page: every article, facets over all of them).
QUERIES = (
    "",
    "pemilu",
    "korupsi",
    "banjir",
    "inflasi",
    "gempa",
    "jokowi",
    "prabowo",
    '"Bank Indonesia"',
    '"Sri Mulyani"',
    '"tim nasional"',
    '"suku bunga acuan"',
    "harga beras",
    "rupiah melemah",
    "KPK tersangka",
    "banjir OR longsor",
    "gempa -tsunami",
    "korupsi NOT suap",
    "diplomasi ATAU kerja sama",
    "ekspor nikel",
    "investasi asing",
    "Rusia Ukraina",
    "pengungsi Rohingya",
    "narkoba",
    "diplom*",
    'presiden "Joko Widodo"',
    "pertumbuhan ekonomi kuartal",
    "menteri luar negeri",
    "judul:banjir",
    "infalsi",
)
# A filter per search of the third kind, in turn: one outlet and one year.
FILTERS = (("kompas", "2024"), ("detik", "2019"), ("antara", "2015"), ("tempo", "2022"), ("republika", "2012"))
PER_PAGE = 20
# Whoosh's groupedby reads every hit's values (about a second per query at 100k): above this size only
# GROUPEDBY_SUBSET runs.
GROUPEDBY_ALL_UP_TO = 20_000
GROUPEDBY_SUBSET = ("", "pemilu", "banjir OR longsor", '"Bank Indonesia"', "diplom*")
# Run once before timing groupedby: Whoosh loads what its facets read on first use.
GROUPEDBY_WARMUP = "korupsi"
GOALS = {
    "faceted": "goal at 100k, 2 cores: p50 <= 80, p95 <= 250",
    "filtered": "goal at 100k, 2 cores: p95 <= 100",
}
KINDS = {
    "plain": "plain (relevance, no snippets)",
    "faceted": "faceted (top 20 + snippets)",
    "filtered": "filtered outlet+year, newest, snippets",
}
STAMP = "bench.json"


def machine() -> str:
    memory = ""
    try:
        with open("/proc/meminfo") as meminfo:
            kib = next(int(line.split()[1]) for line in meminfo if line.startswith("MemTotal:"))
        memory = f", {kib / 2**20:.1f} GiB RAM"
    except (OSError, StopIteration):
        pass
    return f"{os.cpu_count()} cores{memory}, Python {platform.python_version()}, {platform.machine()}"


def process_memory_mib() -> dict[str, float]:
    """Return this process's resident memory in MiB: VmRSS, and its parts RssAnon and RssFile (/proc/self/status)."""
    with open("/proc/self/status") as status:
        fields = dict(line.split(":", 1) for line in status if line.startswith(("VmRSS", "RssAnon", "RssFile")))
    return {name: int(value.split()[0]) / 1024 for name, value in fields.items()}


def code_version() -> str:
    """Return the commit the code is at, marked -dirty when the working tree has changes (git describe)."""
    try:
        described = subprocess.run(["git", "describe", "--always", "--dirty"], cwd=ROOT, capture_output=True,
                                   text=True, check=True)
    except (OSError, subprocess.CalledProcessError):
        return "unknown (no git)"
    return described.stdout.strip()


def percentile(values: list[float], share: float) -> float:
    """Return the nearest-rank percentile: the smallest value with at least ``share`` of the values at or below it."""
    ordered = sorted(values)
    return ordered[max(math.ceil(len(ordered) * share), 1) - 1]


def now() -> str:
    return f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC"


def milliseconds(since: float) -> float:
    return (time.perf_counter() - since) * 1000


def cache_key(size: int, seed: int) -> dict:
    from articles.search.schema import SCHEMA_VERSION

    return {"size": size, "seed": seed, "generator": GENERATOR_VERSION, "schema_version": SCHEMA_VERSION}


def archive_build(size: int, seed: int, rebuild: bool) -> None:
    """Make sure var/bench/<size>/ holds the corpus and an index of it; record how long each took (in a child)."""
    sys.stdout.reconfigure(line_buffering=True)
    var_dir = default_var_dir(size)
    stamp_path = var_dir / STAMP
    key = cache_key(size, seed)
    stamp = json.loads(stamp_path.read_text()) if stamp_path.exists() else {}
    corpus_key = {name: key[name] for name in ("size", "seed", "generator")}
    if {name: stamp.get(name) for name in corpus_key} != corpus_key:
        shutil.rmtree(var_dir, ignore_errors=True)
        stamp = {}
    django_setup(var_dir)
    from django.db import connections

    from articles.models import Article
    from articles.search.rebuild import rebuild_index

    if stamp and Article.objects.count() != size:  # gen_corpus added articles of another seed here
        print(f"{var_dir} holds {Article.objects.count()} articles, not {size}: making it again")
        connections.close_all()
        shutil.rmtree(var_dir)
        var_dir.mkdir(parents=True)
        stamp = {}
    if not stamp:
        print(f"Making {size} articles in {var_dir} ...")
        archive_prepare()
        report = generate(size, seed=seed, progress=print_progress)
        stamp = {**corpus_key, "corpus_seconds": report.seconds, "corpus_made": now()}
        stamp_path.write_text(json.dumps(stamp, indent=1) + "\n")  # a failed index build keeps the corpus
    if rebuild or stamp.get("schema_version") != key["schema_version"] or "rebuild_seconds" not in stamp:
        print(f"Building the index of {size} articles ...")
        report = rebuild_index()
        stamp.update(schema_version=key["schema_version"], rebuild_seconds=report.seconds, indexed=report.indexed,
                     index_made=now())
    stamp_path.write_text(json.dumps(stamp, indent=1) + "\n")


def _index_mib() -> float:
    from articles.search.indexing import current_dir

    return sum(path.stat().st_size for path in current_dir().resolve().iterdir()) / 2**20


def _timed_searches(kind: str, count: int) -> tuple[list[float], dict[str, list[float]], dict[str, int]]:
    """Run ``count`` searches of one kind, cycling through QUERIES; return all times, times per query and hits."""
    from articles.search.engine import SearchFilters
    from articles.selectors import article_search

    times: list[float] = []
    by_query: dict[str, list[float]] = {}
    hits: dict[str, int] = {}
    for number in range(count):
        text = QUERIES[number % len(QUERIES)]
        if kind == "filtered":
            outlet, year = FILTERS[number % len(FILTERS)]
            filters, sort = SearchFilters(outlet=[outlet], year=[year]), "newest"
        else:
            filters, sort = SearchFilters(), "relevance"
        started = time.perf_counter()
        # The search page's own snippet source (summary + body from the database): snippets cost what they do there.
        result = article_search(text=text, filters=filters, sort=sort, per_page=PER_PAGE, snippets=kind != "plain")
        elapsed = milliseconds(started)
        times.append(elapsed)
        by_query.setdefault(text, []).append(elapsed)
        hits[text] = result.total
    return times, by_query, hits


def _groupedby_searches(queries: tuple[str, ...]) -> tuple[dict[str, float], dict[str, int], float]:
    """Search each query once with Whoosh's groupedby facets; return ms per query, hits, and the warm-up ms."""
    from whoosh.query import Every
    from whoosh.sorting import FieldFacet

    from articles.search.indexing import open_index
    from articles.search.query import parse_query
    from articles.tests.search.oracles import to_whoosh

    facets = {
        "outlet": FieldFacet("outlet"),
        "people": FieldFacet("people", allow_overlap=True),
        "countries": FieldFacet("countries", allow_overlap=True),
        "year": FieldFacet("year"),
    }
    times, hits = {}, {}
    with open_index().searcher() as searcher:

        def run(text: str) -> int:
            built, _notices = to_whoosh(parse_query(text), resolve=lambda kind, value: [])
            results = searcher.search(built if built is not None else Every(), limit=PER_PAGE, groupedby=facets)
            for name in facets:
                results.groups(name)
            return len(results)

        started = time.perf_counter()
        run(GROUPEDBY_WARMUP)
        warmup = milliseconds(started)
        for text in queries:
            started = time.perf_counter()
            hits[text] = run(text)
            times[text] = milliseconds(started)
    return times, hits, warmup


def _line(label: str, times: list[float], note: str = "") -> str:
    return f"  {label:<40} {percentile(times, 0.5):8.1f} {percentile(times, 0.95):8.1f}   {note}".rstrip()


def archive_search(size: int, per_kind: int) -> None:
    """Print the report of one size: build costs, search percentiles, groupedby, memory (in a fresh child)."""
    sys.stdout.reconfigure(line_buffering=True)
    var_dir = default_var_dir(size)
    stamp = json.loads((var_dir / STAMP).read_text())
    django_setup(var_dir)
    from articles.search.engine import SearchFilters
    from articles.search.indexing import searcher_get
    from articles.selectors import article_search

    corpus_rate = size / stamp["corpus_seconds"]
    index_rate = stamp["indexed"] / stamp["rebuild_seconds"]
    print(f"corpus: {size} articles generated in {stamp['corpus_seconds']:.1f} s ({corpus_rate:.0f} articles/s), "
          f"on {stamp['corpus_made']}")
    print(f"index:  rebuilt in {stamp['rebuild_seconds']:.1f} s ({index_rate:.0f} docs/s), {_index_mib():.0f} MiB "
          f"on disk, on {stamp['index_made']}")

    started = time.perf_counter()
    searcher_get()
    print(f"searcher open:       {milliseconds(started):8.1f} ms")
    started = time.perf_counter()
    article_search(text="", filters=SearchFilters(), snippets=False)
    print(f"facet arrays build:  {milliseconds(started):8.1f} ms (the first search on a new searcher)")
    # The first time each query runs on this searcher: what the engine reads and caches per searcher (posting lists)
    # is read here, as after every index change, when the web process opens a new searcher.
    cold, _by_query, _hits = _timed_searches("faceted", len(QUERIES))
    started = time.perf_counter()
    for kind in KINDS:
        _timed_searches(kind, len(QUERIES))
    print(f"warm-up:             {milliseconds(started) / 1000:8.1f} s (every query of every kind once more)")

    results = {kind: _timed_searches(kind, per_kind) for kind in KINDS}
    print(f"\n  {f'{per_kind} searches per kind, {len(QUERIES)} queries in turn':<40}   p50 ms   p95 ms")
    for kind, label in KINDS.items():
        print(_line(label, results[kind][0], GOALS.get(kind, "")))
    print(_line("faceted, first run of each query", cold, "(on a new searcher: nothing cached yet)"))

    subset = QUERIES if size <= GROUPEDBY_ALL_UP_TO else GROUPEDBY_SUBSET
    grouped, grouped_hits, warmup = _groupedby_searches(subset)
    engine = [statistics.median(results["faceted"][1][text]) for text in subset]
    print(f"\n  Whoosh groupedby, same facets, {len(subset)} queries once, no snippets (warm-up {warmup:.0f} ms)")
    if subset is not QUERIES:
        print(f"  (only {len(subset)} of the {len(QUERIES)} queries: groupedby takes about a second each at this size)")
    print(_line("groupedby", list(grouped.values())))
    print(_line("engine faceted, same queries", engine, "(median per query)"))
    memory = process_memory_mib()
    print(f"\n  RSS after searches: {memory['VmRSS']:.0f} MiB ({memory['RssAnon']:.0f} MiB heap, "
          f"{memory['RssFile']:.0f} MiB file-backed: the index files Whoosh maps, libraries)")

    print(f"\n  {'per query, median ms':<28} {'hits':>7} {'plain':>8} {'faceted':>8} {'filtered':>8} {'groupedby':>9}")
    for text in QUERIES:
        medians = [statistics.median(results[kind][1][text]) for kind in KINDS]
        grouped_text = f"{grouped[text]:9.0f}" if text in grouped else f"{'-':>9}"
        mismatch = "" if grouped_hits.get(text, results["plain"][2][text]) == results["plain"][2][text] else (
            f"  (groupedby found {grouped_hits[text]})")
        print(f"  {text or '(empty)':<28} {results['plain'][2][text]:7d} "
              + " ".join(f"{value:8.1f}" for value in medians) + f" {grouped_text}{mismatch}")


def in_fresh_process(target, *args) -> None:
    """Run ``target(*args)`` in a new interpreter (Django can be set up once per process, for one archive)."""
    process = multiprocessing.get_context("spawn").Process(target=target, args=args)
    process.start()
    process.join()
    if process.exitcode:
        raise SystemExit(f"{target.__name__}{args} failed with exit code {process.exitcode}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,100000", help="archive sizes, comma-separated (default 10000,100000)")
    parser.add_argument("--queries-per-kind", type=int, default=2 * len(QUERIES),
                        help=f"timed searches per kind, cycling through the {len(QUERIES)} queries "
                             f"(default {2 * len(QUERIES)})")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help=f"corpus seed (default {DEFAULT_SEED})")
    parser.add_argument("--rebuild", action="store_true", help="rebuild the indexes even if cached ones are current")
    args = parser.parse_args()
    sizes = [int(size) for size in args.sizes.split(",") if size.strip()]
    sys.stdout.reconfigure(line_buffering=True)
    print(f"Machine: {machine()}")
    print(f"Code: {code_version()}, started {now()}")
    for size in sizes:
        print(f"\n== {size} articles (seed {args.seed}) ==")
        in_fresh_process(archive_build, size, args.seed, args.rebuild)
        in_fresh_process(archive_search, size, args.queries_per_kind)


if __name__ == "__main__":
    main()
