"""Print search speed over realistic synthetic archives: every kind of query cold and warm, via the API and the engine.

Goals of issue 17, at 100k realistic articles on 2 cores, printed beside each figure: faceted search p95 <= 100 ms cold
and <= 50 ms warm through the API; a zero-hit query with a suggestion <= 100 ms; the first view of a result page
<= 80 ms; saving one article and searching again <= 100 ms for the next search; the web worker's RSS <= 400 MB after
1,000 mixed queries; a prefix query's extra memory <= 50 MB.

What "cold" means here: a freshly started web worker. Each cold figure is one query in a process of its own that has set
Django up, opened the database and the index (a searcher) and served one request that does not search (the search
tips page: imports, URL resolution, middleware and templates are loaded, as in a worker that has served anything at
all), but has run no search: no facet arrays, posting lists, stems or suggestion structures are in memory yet, so
the query pays what the first search of a new worker pays. The first view of a result page ("page") is instead the
worker's very first request after its warm-up (articles.web.warm, as gunicorn's post_worker_init runs it), with the
middleware loaded as gunicorn's worker loads it: what a reader who reaches a new worker first waits for. The
operating system's page cache is not emptied (that needs root): index files read by earlier processes may be in
memory, as on a server that restarted its workers.
"Warm" is the same query repeated in one process after every query has run once.

Query kinds: common words, rare words (synthetic words of the corpus found in 1-3 articles of the index), typos of
real words (zero hits, a suggestion expected), prefixes of synthetic roots, quoted phrases, OR/NOT, faceted (outlet,
person, country and year filters), deep pages (page 50 and the last page). The API figures are GET /api/search through
Django's test client (the whole middleware stack); the engine figures are selectors.article_search with snippets.

Usage: .venv/bin/python scripts/bench_search.py [--sizes 10000,100000] [--queries-per-kind N] [--cold-per-kind N]
       [--seed S] [--rebuild] [--root DIR]
Each size gets an archive of its own in DIR/<size>/ (default var/bench/<size>; scripts/gen_corpus.py makes the
articles, rebuild_index the index), kept for the next run while the size, the seed, the generator
(gen_corpus.GENERATOR_VERSION) and articles.search.schema.SCHEMA_VERSION stay the same. Sizes up to 300000.
Numbers are printed, never asserted: the machine decides them (its size and load are printed with them).
"""

from __future__ import annotations

import argparse
import json
import math
import multiprocessing
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import time
import tracemalloc
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from gen_corpus import (  # noqa: E402 (scripts/ is on the path of a script run from it)
    DEFAULT_SEED,
    GENERATOR_VERSION,
    HEAD_WORDS,
    SYNTHETIC_RANKS,
    TOPIC_PHRASES,
    archive_prepare,
    archive_texts,
    default_var_dir,
    distinct_words,
    django_setup,
    generate,
    print_progress,
    synthetic_word,
)

# What a reader types on the front page: scripts/load_test.py sends these (the benchmark's own query set is drawn from
# each archive's vocabulary by query_set()).
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
PER_PAGE = 20
MAX_SIZE = 300_000
STAMP = "bench.json"
QUERY_FILE = "bench_queries.json"
KINDS = ("common", "rare", "typo", "prefix", "phrase", "boolean", "faceted", "deep")
GOALS = {
    "faceted": "goal p95 <= 100 ms cold, <= 50 ms warm (API, 100k)",
    "typo": "goal zero-hit + suggestion <= 100 ms",
    "page": "goal first view <= 80 ms",
    "save": "goal next search <= 100 ms",
    "rss": "goal <= 400 MB after 1,000 queries",
    "prefix_memory": "goal <= 50 MB",
}
# The broad prefix whose memory is measured: meN- before c, d, j, t, a large share of the vocabulary (query.MIN_PREFIX
# letters at least, or it is refused).
BROAD_PREFIX = "men*"
MIXED_QUERIES = 1000


def machine() -> str:
    memory = ""
    try:
        with open("/proc/meminfo") as meminfo:
            kib = next(int(line.split()[1]) for line in meminfo if line.startswith("MemTotal:"))
        memory = f", {kib / 2**20:.1f} GiB RAM"
    except (OSError, StopIteration):
        pass
    return f"{os.cpu_count()} cores{memory}, Python {platform.python_version()}, {platform.machine()}"


def load() -> str:
    one, five, fifteen = os.getloadavg()
    return f"load average {one:.2f} {five:.2f} {fifteen:.2f} (1, 5, 15 min) on {os.cpu_count()} cores"


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


def archive_build(size: int, seed: int, rebuild: bool, var_dir: Path | None = None) -> None:
    """Make sure var_dir (default var/bench/<size>) holds the corpus, an index of it and its query set; record what
    each took (in a child)."""
    sys.stdout.reconfigure(line_buffering=True)
    var_dir = var_dir or default_var_dir(size)
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
        stamp = {**corpus_key, "corpus_seconds": report.seconds, "corpus_made": now(),
                 "distinct_words": distinct_words(archive_texts())}
        stamp_path.write_text(json.dumps(stamp, indent=1) + "\n")  # a failed index build keeps the corpus
    if rebuild or stamp.get("schema_version") != key["schema_version"] or "rebuild_seconds" not in stamp:
        print(f"Building the index of {size} articles ...")
        report = rebuild_index()
        stamp.update(schema_version=key["schema_version"], rebuild_seconds=report.seconds, indexed=report.indexed,
                     index_made=now())
        (var_dir / QUERY_FILE).unlink(missing_ok=True)
    stamp_path.write_text(json.dumps(stamp, indent=1) + "\n")
    if not (var_dir / QUERY_FILE).exists():
        (var_dir / QUERY_FILE).write_text(json.dumps(query_set(seed), ensure_ascii=False, indent=1) + "\n")


def query_set(seed: int) -> dict[str, list[dict]]:
    """Return the queries of each kind as URL parameters, drawn from the generator's vocabulary and checked against
    the index (rare words found in 1-3 articles, typos found in none)."""
    from articles.models import Article, ArticleCountry, ArticlePerson
    from articles.search.engine import SearchFilters
    from articles.search.indexing import searcher_get
    from articles.search.schema import STOP_WORDS
    from articles.selectors import article_search
    from articles.web.filters import MAX_PAGE

    rng = random.Random(f"bench-queries:{seed}")
    reader = searcher_get().reader()

    def frequency(word: str) -> int:
        return reader.doc_frequency("exact", word.lower())

    common = [word for word in HEAD_WORDS[:400] if word.lower() not in STOP_WORDS and len(word) > 3 and
              frequency(word)][:40]
    rare = []
    for rank in range(SYNTHETIC_RANKS // 200, SYNTHETIC_RANKS, 997):
        if 1 <= frequency(synthetic_word(rank)) <= 3:
            rare.append(synthetic_word(rank))
        if len(rare) == 40:
            break
    typos = []
    for word in common + [synthetic_word(rank) for rank in range(100, 2000, 37)]:
        if len(word) < 5 or not word.isalpha():
            continue
        index = rng.randrange(1, len(word) - 1)
        typo = (word[:index] + word[index + 1] + word[index] + word[index + 2:]).lower()
        if typo != word.lower() and not frequency(typo):
            typos.append(typo)
        if len(typos) == 40:
            break
    prefixes = ["diplom*", "korup*", BROAD_PREFIX]
    prefixes += [synthetic_word(rank * 20)[:4] + "*" for rank in range(0, 200, 7)]  # bare roots: their affixed kin
    phrases = [f'"{phrase}"' for name in TOPIC_PHRASES for phrase in TOPIC_PHRASES[name] if " " in phrase][:40]
    boolean = ["banjir OR longsor", "korupsi NOT suap", "gempa -tsunami", "diplomasi ATAU kerja"]
    boolean += [f"{rng.choice(common)} {rng.choice(('OR', 'NOT', 'ATAU'))} {rng.choice(common)}" for _ in range(26)]

    outlets = list(Article.objects.values_list("outlet__slug", flat=True).distinct()[:10])
    people = list(ArticlePerson.objects.values_list("person__slug", flat=True).distinct()[:20])
    countries = list(ArticleCountry.objects.values_list("country__code", flat=True).distinct()[:20])
    years = [str(year) for year in range(2010, 2026)]
    faceted = []
    for number in range(40):
        params = {"q": rng.choice(["", *common])}
        kind = number % 4
        if kind == 0:
            params.update(outlet=rng.choice(outlets), year=rng.choice(years))
        elif kind == 1 and people:
            params.update(person=rng.choice(people))
        elif kind == 2 and countries:
            params.update(country=countries[number % len(countries)])
        else:
            params.update(year=rng.choice(years))
        faceted.append(params)
    deep = []
    for word in ["", *common[:9]]:
        total = article_search(text=word, filters=SearchFilters(), per_page=PER_PAGE, snippets=False).total
        deep.append({"q": word, "page": "50"})
        deep.append({"q": word, "page": str(min(max(math.ceil(total / PER_PAGE), 1), MAX_PAGE))})
    plain = {"common": common, "rare": rare, "typo": typos, "prefix": prefixes, "phrase": phrases,
             "boolean": boolean}
    queries = {kind: [{"q": text} for text in texts] for kind, texts in plain.items()}
    queries.update(faceted=faceted, deep=deep)
    return queries


def _engine_filters(params: dict):
    from articles.search.engine import SearchFilters

    return SearchFilters(outlet=[params["outlet"]] if "outlet" in params else [],
                         people=[params["person"]] if "person" in params else [],
                         countries=[params["country"]] if "country" in params else [],
                         year=[params["year"]] if "year" in params else [])


def timed(params: dict, via: str, client=None) -> tuple[float, dict]:
    """Run one search ``via`` "api" (GET /api/search), "page" (GET / with the result page's HTML) or "engine"
    (selectors.article_search with snippets); return the milliseconds and what it found."""
    if via == "engine":
        from articles.selectors import article_search

        started = time.perf_counter()
        result = article_search(text=params.get("q", ""), filters=_engine_filters(params),
                                page=int(params.get("page", 1)), per_page=PER_PAGE, snippets=True)
        return milliseconds(started), {"total": result.total, "suggestion": result.suggestion}
    from django.urls import reverse

    url = reverse("articles:api_search" if via == "api" else "articles:search") + "?" + urlencode(params)
    started = time.perf_counter()
    response = client.get(url)
    elapsed = milliseconds(started)
    if response.status_code != 200:
        return elapsed, {"status": response.status_code}
    if via == "api":
        data = json.loads(response.content)
        return elapsed, {"total": data["total"], "suggestion": data.get("did_you_mean") or ""}
    return elapsed, {"bytes": len(response.content)}


# Whether a fresh worker warms its search as gunicorn's post_worker_init does (--no-warm-up: it does not).
WARM_UP = True


def worker_start(var_dir: Path, warm_up: bool | None = None, first_request: bool = True):
    """Set up what a freshly started web worker has: Django, the database, the index open, its middleware loaded
    (gunicorn loads the WSGI application before post_worker_init), its search warmed as gunicorn's post_worker_init
    warms it (articles.web.warm.warm_up; unless WARM_UP is off), and (``first_request``) one request served that
    does not search. Return the test client."""
    django_setup(var_dir)
    return client_start(warm_up, first_request)


def client_start(warm_up: bool | None = None, first_request: bool = True):
    """In a process whose Django is set up (any archive, any search backend): do what worker_start does after it."""
    from django.conf import settings
    from django.test import Client
    from django.urls import reverse

    from articles.search.backends import backend
    from articles.search.indexing import searcher_get

    if "testserver" not in settings.ALLOWED_HOSTS and "*" not in settings.ALLOWED_HOSTS:
        settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    client = Client()
    client.handler.load_middleware()
    if WARM_UP if warm_up is None else warm_up:
        from articles.web.warm import warm_up as worker_warm_up

        worker_warm_up()
    if first_request:
        client.get(reverse("articles:tips"))
    if backend().name == "whoosh":  # the searcher opened even without the warm-up (PostgreSQL has none)
        searcher_get()
    return client


def warm_up_one(var_dir: str, warm_up: bool) -> dict[str, float]:
    """In a fresh process: set Django up and return the parts of the search warm-up, in ms."""
    django_setup(Path(var_dir))
    from articles.web.warm import warm_up as worker_warm_up

    return {name: seconds * 1000 for name, seconds in worker_warm_up().items()}


def cold_init(warm_up: bool) -> None:
    global WARM_UP
    WARM_UP = warm_up


def cold_one(var_dir: str, params: dict, via: str) -> tuple[float, dict]:
    """In a fresh process (a pool worker used once): start a worker, then time its first search. The first view of a
    result page is the worker's very first request, as after a gunicorn worker's start: a tips page served before it
    would take its first-use costs (a first full garbage collection, the URL configuration's import)."""
    client = worker_start(Path(var_dir), first_request=via != "page")
    return timed(params, via, client)


def _row(label: str, times: list[float], goal: str = "", note: str = "") -> str:
    if not times:
        return f"  {label:<44} {'-':>8} {'-':>8}   (no queries)"
    return (f"  {label:<44} {percentile(times, 0.5):8.1f} {percentile(times, 0.95):8.1f}   "
            f"{goal}{'; ' if goal and note else ''}{note}").rstrip()


def run_cold(var_dir: Path, queries: dict, per_kind: int) -> dict[tuple[str, str], list[tuple[float, dict]]]:
    """Return (kind, via) -> [(ms, found)] of cold searches, each in a process of its own."""
    results: dict[tuple[str, str], list[tuple[float, dict]]] = {}
    context = multiprocessing.get_context("spawn")
    with context.Pool(processes=1, maxtasksperchild=1, initializer=cold_init, initargs=(WARM_UP,)) as pool:
        if WARM_UP:
            parts = [pool.apply(warm_up_one, (str(var_dir), True)) for _ in range(per_kind)]
            results[("warm-up", "worker start")] = [(sum(part.values()), part) for part in parts]
        for kind in (*KINDS, "page"):
            chosen = queries["common" if kind == "page" else kind][:per_kind]
            for via in (("page",) if kind == "page" else ("api", "engine")):
                results[(kind, via)] = [pool.apply(cold_one, (str(var_dir), params, via)) for params in chosen]
    return results


def warm_report(var_dir: Path, queries: dict, per_kind: int, cold: dict) -> None:
    """Print every figure of one size (in a fresh child): cold (given), warm, save+search, RSS, prefix memory."""
    sys.stdout.reconfigure(line_buffering=True)
    client = worker_start(var_dir)
    stamp = json.loads((var_dir / STAMP).read_text())
    from articles.search.indexing import current_dir

    index_mib = sum(path.stat().st_size for path in current_dir().resolve().iterdir()) / 2**20
    print(f"corpus: {stamp['size']} articles, {stamp['distinct_words']} distinct words, generated in "
          f"{stamp['corpus_seconds']:.1f} s; index {index_mib:.0f} MiB on disk, rebuilt in "
          f"{stamp['rebuild_seconds']:.1f} s ({stamp['indexed'] / stamp['rebuild_seconds']:.0f} docs/s)")
    print(f"machine: {machine()}; {load()}")

    for kind in KINDS:  # every query once: what the warm figures do not count
        for params in queries[kind]:
            timed(params, "api", client)
    warm: dict[tuple[str, str], list[tuple[float, dict]]] = {}
    for kind in (*KINDS, "page"):
        chosen = queries["common" if kind == "page" else kind]
        for via in (("page",) if kind == "page" else ("api", "engine")):
            warm[(kind, via)] = [timed(chosen[number % len(chosen)], via, client) for number in range(per_kind)]

    print(f"\n  {'cold: first search of a fresh worker':<44}   p50 ms   p95 ms   "
          f"({'warmed at its start, as gunicorn does' if cold.get(('warm-up', 'worker start')) else 'not warmed'})")
    for (kind, via), rows in cold.items():
        if kind == "warm-up":  # what a worker pays once as it starts (gunicorn's post_worker_init), by part
            parts = {name: statistics.median(part.get(name, 0.0) for _, part in rows) for name in rows[0][1]}
            print(_row(f"search warm-up at worker start ({len(rows)} processes)", [ms for ms, _ in rows],
                       note="median " + ", ".join(f"{name} {ms:.0f}" for name, ms in parts.items())))
            continue
        print(_row(f"{kind} via {via} ({len(rows)} processes)", [ms for ms, _ in rows],
                   _goal(kind, via, "cold")))
    print(f"\n  {f'warm: {per_kind} searches per kind, repeated':<44}   p50 ms   p95 ms")
    for (kind, via), rows in warm.items():
        print(_row(f"{kind} via {via}", [ms for ms, _ in rows], _goal(kind, via, "warm")))
    typos = warm[("typo", "api")]
    with_suggestion = sum(1 for _, found in typos if found.get("suggestion"))
    zero = sum(1 for _, found in typos if found.get("total") == 0)
    print(f"  typos: {zero} of {len(typos)} found nothing, {with_suggestion} got a suggestion")

    print()
    save_and_search(client, queries)
    mixed_rss(client, queries)


def _goal(kind: str, via: str, when: str) -> str:
    if kind == "faceted" and via == "api":
        return f"goal p95 <= {100 if when == 'cold' else 50} ms"
    if kind == "typo" and via == "api":
        return GOALS["typo"]
    if kind == "page" and when == "cold":
        return GOALS["page"]
    return ""


def save_and_search(client, queries: dict) -> None:
    """Edit one article's body through the model's save (the index written on commit), then time the next search."""
    from django.db import transaction

    from articles.models import Article

    times_save, times_search = [], []
    for number in range(5):
        article = Article.objects.order_by("?").first()
        started = time.perf_counter()
        with transaction.atomic():
            article.body = article.body + f"\n\nPembaruan {number}: {synthetic_word(number * 101)}."
            article.save()
        times_save.append(milliseconds(started))
        elapsed, _found = timed(queries["faceted"][number], "api", client)
        times_search.append(elapsed)
    print(_row("save one article (model save + on-commit index)", times_save))
    print(_row("the next search (faceted, API)", times_search, GOALS["save"]))


def mixed_rss(client, queries: dict) -> None:
    """Run MIXED_QUERIES searches of every kind in turn through the API; print the worker's resident memory."""
    kinds = [kind for kind in KINDS if queries[kind]]
    before = process_memory_mib()["VmRSS"]
    started = time.perf_counter()
    for number in range(MIXED_QUERIES):
        chosen = queries[kinds[number % len(kinds)]]
        timed(chosen[number // len(kinds) % len(chosen)], "api", client)
    memory = process_memory_mib()
    print(f"  RSS after {MIXED_QUERIES} mixed API queries ({(time.perf_counter() - started):.1f} s): "
          f"{memory['VmRSS']:.0f} MiB (was {before:.0f}; {memory['RssAnon']:.0f} heap, {memory['RssFile']:.0f} "
          f"file-backed)   {GOALS['rss']}")


def _peak_rss_reset() -> bool:
    """Reset this process's peak resident memory (VmHWM) to its current one; False where Linux does not allow it."""
    try:
        with open("/proc/self/clear_refs", "w") as clear_refs:
            clear_refs.write("5")
        return True
    except OSError:
        return False


def _vm_hwm_mib() -> float:
    with open("/proc/self/status") as status:
        return next(int(line.split()[1]) for line in status if line.startswith("VmHWM")) / 1024


def prefix_memory() -> None:
    """Print the extra memory of one broad prefix query, run for the first time in this worker: the growth of peak
    resident memory (VmHWM reset before; the goal's figure). Then tracemalloc's peak (Python and numpy allocations)
    of the same query repeated: what a repeat allocates beyond what the first run left cached (tracemalloc slows a
    first run enough to hit the search's time budget, so it is not used for it)."""
    from articles.search.engine import SearchFilters
    from articles.selectors import article_search

    def run() -> tuple[float, str]:
        started = time.perf_counter()
        result = article_search(text=BROAD_PREFIX, filters=SearchFilters(), per_page=PER_PAGE, snippets=True)
        incomplete = f", incomplete: {result.incomplete}" if getattr(result, "incomplete", "") else ""
        return milliseconds(started), f"{result.total} hits{incomplete}"

    before = process_memory_mib()["VmRSS"]
    reset = _peak_rss_reset()
    elapsed, found = run()
    peak = f"peak RSS +{_vm_hwm_mib() - before:.1f} MiB" if reset else \
        f"RSS +{process_memory_mib()['VmRSS'] - before:.1f} MiB (peak not measurable here)"
    print(f"  prefix {BROAD_PREFIX!r} ({found}, {elapsed:.0f} ms): {peak}   {GOALS['prefix_memory']}")
    tracemalloc.start()
    elapsed, found = run()
    _current, allocated = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(f"  prefix {BROAD_PREFIX!r} again under tracemalloc ({found}, {elapsed:.0f} ms): peak "
          f"{allocated / 2**20:.1f} MiB allocated   {GOALS['prefix_memory']}")


def prefix_report(var_dir: Path) -> None:
    """In a fresh worker that has run one search (the facet arrays are built), print a broad prefix's extra memory:
    in a worker that has run many, freed memory is reused and the growth of its peak says nothing."""
    sys.stdout.reconfigure(line_buffering=True)
    worker_start(var_dir)
    from articles.search.engine import SearchFilters
    from articles.selectors import article_search

    article_search(text="", filters=SearchFilters(), per_page=PER_PAGE, snippets=False)
    prefix_memory()


def in_fresh_process(target, *args) -> None:
    """Run ``target(*args)`` in a new interpreter (Django can be set up once per process, for one archive)."""
    process = multiprocessing.get_context("spawn").Process(target=target, args=args)
    process.start()
    process.join()
    if process.exitcode:
        raise SystemExit(f"{target.__name__}{args} failed with exit code {process.exitcode}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,100000",
                        help=f"archive sizes, comma-separated, up to {MAX_SIZE} (default 10000,100000)")
    parser.add_argument("--queries-per-kind", type=int, default=60, help="warm searches per kind (default 60)")
    parser.add_argument("--cold-per-kind", type=int, default=3,
                        help="cold searches per kind and path, a fresh process each (default 3)")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help=f"corpus seed (default {DEFAULT_SEED})")
    parser.add_argument("--rebuild", action="store_true", help="rebuild the indexes even if cached ones are current")
    parser.add_argument("--root", type=Path, default=ROOT / "var" / "bench",
                        help="where the archives are kept, one directory per size (default var/bench)")
    parser.add_argument("--no-warm-up", action="store_true",
                        help="cold workers skip the search warm-up gunicorn's workers run as they start")
    args = parser.parse_args()
    global WARM_UP
    WARM_UP = not args.no_warm_up
    sizes = [int(size) for size in args.sizes.split(",") if size.strip()]
    if any(not 0 < size <= MAX_SIZE for size in sizes):
        parser.error(f"sizes run from 1 to {MAX_SIZE}")
    sys.stdout.reconfigure(line_buffering=True)
    print(f"Machine: {machine()}; {load()}")
    print(f"Code: {code_version()}, started {now()}")
    for size in sizes:
        var_dir = (args.root / str(size)).resolve()
        print(f"\n== {size} articles (seed {args.seed}) ==")
        in_fresh_process(archive_build, size, args.seed, args.rebuild, var_dir)
        queries = json.loads((var_dir / QUERY_FILE).read_text())
        print("queries: " + ", ".join(f"{len(queries[kind])} {kind}" for kind in KINDS))
        cold = run_cold(var_dir, queries, args.cold_per_kind)
        in_fresh_process(warm_report, var_dir, queries, args.queries_per_kind, cold)
        in_fresh_process(prefix_report, var_dir)
        print(f"finished {now()}; {load()}")


if __name__ == "__main__":
    main()
