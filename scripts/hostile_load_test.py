"""Put search under hostile load: gunicorn serves 8 clients for 60 s, 2 of which send only worst-case queries.

Goals (issue 12): the normal searches keep their p95 under 300 ms, and no answer is a 500 (or no answer at all).
Usage: .venv/bin/python scripts/hostile_load_test.py [--articles N] [--duration S] [--clients C] [--hostile H]
                                                     [--workers W] [--seed S] [--fresh] [--keep] [--json PATH]

The archive is made as scripts/load_test.py makes it (a temporary ARSIP_VAR_DIR with production settings, the
synthetic corpus of --articles copied from var/bench/<N>/ or built with --fresh), plus one stored page of 600 KB
holding "Rusia " 100,000 times (it once turned every q=rusia into a 500). Then:
1. each worst-case query is sent alone, a few times, to GET /api/search, beside q=rusia (the issue's figures);
2. the load: --hostile clients send only worst-case queries (long unknown words, 30 unknown words, 30-term ORs, prefix
   storms, long phrases; new random words each time, to the search page and the API in turn), the other clients send
   load_test.py's reader mix (searches, faceted searches, facet pages, articles, API, static files).
Snippet timings of 1,000 to 100,000 matches are measured in this process. Numbers are printed, never asserted: the
machine decides them (its size is printed with them). The exit status is 0 only when every goal is met.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import secrets
import statistics
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench_search import machine, percentile  # noqa: E402 (scripts/ is on the path)
from gen_corpus import DEFAULT_SEED  # noqa: E402
from load_test import (  # noqa: E402
    HOST,
    REQUEST_TIMEOUT_SECONDS,
    SETTINGS,
    Stopwatch,
    Targets,
    archive_make,
    child_env,
    client_run,
    free_port,
    get,
    manage,
    process_stop,
    run_step,
    script_run,
    server_start,
    server_wait,
)

# The reader mix's kinds that are searches (the others are article pages, facet pages and static files).
SEARCH_KINDS = ("search", "faceted", "api")
# Goal of issue 12 for the normal searches under hostile load.
NORMAL_P95_MS = 300
# Each worst-case query alone: sent this many times, the median reported (the first may fill caches).
ALONE_TIMES = 3
# Prefixes of Indonesian words that expand to the most index terms (affixes: me-, pe-, ber-, ter-, di-, ke-).
PREFIXES = ("men", "mem", "meng", "pen", "pem", "peng", "per", "ber", "ter", "dip", "dit", "dim", "ken", "kem", "ker",
            "sel", "sem", "ser", "pel", "pan", "par", "kar", "kan", "ban", "bar", "tan", "sar", "man", "mas", "pol")
CONSONANTS = "bcdfghjklmnpqrstvwxyz"
BIG_PAGE_REPEATS = 100_000


def unknown_words(rng: random.Random, count: int, length: int = 12) -> list[str]:
    return ["".join(rng.choice(CONSONANTS) for _ in range(length)) for _ in range(count)]


def hostile_queries(rng: random.Random, common: list[str]) -> dict[str, str]:
    """Return the worst-case queries by name, with new random words."""
    return {
        "9 x 500": "9" * 500,
        "one unknown 500-letter word": "".join(rng.choice(CONSONANTS) for _ in range(500)),
        "30 unknown words": " ".join(unknown_words(rng, 30)),
        "30 OR-ed unknown words": " OR ".join(unknown_words(rng, 30, length=10)),
        "30 OR-ed common words": " OR ".join(rng.sample(common, min(30, len(common)))),
        "prefix storm (30 prefixes OR-ed)": " OR ".join(f"{prefix}*" for prefix in PREFIXES),
        "phrase of 80 words": '"' + " ".join(rng.choice(common) for _ in range(80)) + '"',
    }


class HostileTargets:
    """What a hostile client asks for: a worst-case query, to the search page or the API (client_run's targets)."""

    def __init__(self, common: list[str]):
        self.common = common

    def request(self, rng: random.Random) -> tuple[str, str]:
        query = rng.choice(list(hostile_queries(rng, self.common).values()))
        path = rng.choice(["/", "/api/search"])
        return "hostile", f"{path}?{urlencode({'q': query})}"


def big_page_add(env: dict[str, str]) -> None:
    """Store and index one article whose body is "Rusia " 100,000 times (600 KB)."""
    code = (
        "import hashlib\n"
        "from django.utils import timezone\n"
        "from articles.models import Article, Outlet\n"
        "from articles.search.indexing import index_articles\n"
        f"body = 'Rusia ' * {BIG_PAGE_REPEATS}\n"
        "article = Article.objects.create(outlet=Outlet.objects.order_by('pk').first(), title='Rusia, Rusia, Rusia',"
        " body=body, published=timezone.now(), raw_text=body,"
        " source_sha256=hashlib.sha256(body.encode()).hexdigest())\n"
        "index_articles([article.pk])\n"
    )
    run_step(manage("shell", "-c", code), env)


def timed(port: int, query: str) -> tuple[int, float, dict]:
    began = time.perf_counter()
    try:
        status, body = get(port, "/api/search?" + urlencode({"q": query}))
    except OSError as error:
        return 0, (time.perf_counter() - began) * 1000, {"error": str(error)}
    ms = (time.perf_counter() - began) * 1000
    try:
        data = json.loads(body) if status == 200 else {}
    except ValueError:
        data = {}
    return status, ms, data


def alone(port: int, common: list[str], seed: int) -> list[dict]:
    """Send q=rusia and each worst-case query alone; return name, statuses, median ms, total and incomplete."""
    rows = []
    queries = {"q=rusia (typical)": "rusia", **hostile_queries(random.Random(f"arsip-hostile:{seed}:alone"), common)}
    for name, query in queries.items():
        runs = [timed(port, query) for _ in range(ALONE_TIMES)]
        data = runs[-1][2]
        rows.append({"name": name, "statuses": sorted({status for status, _, _ in runs}),
                     "median_ms": statistics.median(ms for _, ms, _ in runs), "first_ms": runs[0][1],
                     "total": data.get("total"), "incomplete": data.get("incomplete")})
    return rows


def snippet_timings() -> list[dict]:
    """Time one snippet of a text holding "Rusia " 1,000 to 100,000 times, in this process."""
    from articles.search.highlight import snippet
    from articles.search.query import parse_query
    from articles.search.terms import highlight_terms

    terms = highlight_terms(parse_query("rusia"))
    rows = []
    for repeats in (1_000, 8_000, BIG_PAGE_REPEATS):
        text = "Rusia " * repeats
        began = time.perf_counter()
        snippet(text, terms)
        rows.append({"matches": repeats, "ms": (time.perf_counter() - began) * 1000})
    return rows


def stats(samples: list, seconds: float) -> dict:
    times = [sample.ms for sample in samples]
    return {
        "requests": len(samples), "per_second": len(samples) / seconds if seconds else 0.0,
        "p50_ms": percentile(times, 0.5) if times else None, "p95_ms": percentile(times, 0.95) if times else None,
        "max_ms": max(times) if times else None,
        "status_500": sum(sample.status == 500 for sample in samples),
        "no_answer": sum(sample.status == 0 for sample in samples),
        "other_errors": sum(sample.status not in (0, 200, 500) for sample in samples),
    }


def run(args: argparse.Namespace, workdir: Path) -> dict:
    var_dir = workdir / "var"
    env = child_env(var_dir, secrets.token_urlsafe(50))
    workers = args.workers or 2 * (os.cpu_count() or 1) + 1  # gunicorn.conf.py's default
    if args.workers:
        env["ARSIP_WORKERS"] = str(args.workers)
    watch = Stopwatch()
    origin = archive_make(args, var_dir, env, watch)
    big_page_add(env)
    watch.lap("600 KB page")
    targets = Targets.load(var_dir)
    common = [word for word in targets.words if word.isalpha()]
    print(f"Archive: {len(targets.article_ids)} articles (seed {args.seed}) with a 600 KB page of 'Rusia ', {origin}")

    port = free_port()
    server_log = workdir / "gunicorn.log"
    server = None
    try:
        server = server_start({**env, "ARSIP_BIND": f"{HOST}:{port}"}, server_log)
        server_wait(server, port, server_log)
        watch.lap("gunicorn start")
        print(f"Server: gunicorn on http://{HOST}:{port}/, {workers} workers, {SETTINGS}")
        print(f"Setup: {watch}")
        for _ in range(2 * workers):  # every worker opens its searcher and facet arrays before anything is timed
            get(port, "/api/search?q=rusia")
        alone_rows = alone(port, common, args.seed)

        print(f"Load: {args.clients} clients for {args.duration:.0f} s, {args.hostile} of them hostile")
        start = time.monotonic()
        deadline = start + args.duration
        per_client: list[list] = [[] for _ in range(args.clients)]
        hostile = HostileTargets(common)
        threads = [threading.Thread(target=client_run, daemon=True, name=f"client-{number}",
                                    args=(number, port, hostile if number < args.hostile else targets, args.seed,
                                          start, deadline, per_client[number]))
                   for number in range(args.clients)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(max(deadline + REQUEST_TIMEOUT_SECONDS + 5 - time.monotonic(), 0.1))
        seconds = time.monotonic() - start
        log = server_log.read_text(errors="replace")
    finally:
        if server is not None:
            process_stop(server)

    samples = [sample for client in per_client for sample in client]
    normal = [sample for sample in samples if sample.kind != "hostile"]
    summary = {
        "machine": machine(), "workers": workers, "clients": args.clients, "hostile_clients": args.hostile,
        "seconds": seconds, "alone": alone_rows, "snippets": snippet_timings(),
        "normal_searches": stats([s for s in normal if s.kind in SEARCH_KINDS], seconds),
        "normal_all": stats(normal, seconds),
        "hostile": stats([s for s in samples if s.kind == "hostile"], seconds),
        "by_kind": {kind: stats([s for s in normal if s.kind == kind], seconds)
                    for kind in sorted({s.kind for s in normal})},
        "worker_timeouts": log.count("WORKER TIMEOUT"),
        "error_samples": [{"kind": s.kind, "status": s.status, "ms": s.ms, "path": s.path[:120],
                           "detail": s.detail[:160]} for s in samples if s.status != 200][:10],
    }
    every = stats(samples, seconds)
    summary["goals"] = {
        f"normal search p95 < {NORMAL_P95_MS} ms": (summary["normal_searches"]["p95_ms"] or 0) < NORMAL_P95_MS,
        "no 500": every["status_500"] == 0,
        "every request answered": every["no_answer"] == 0 and summary["worker_timeouts"] == 0,
    }
    summary["ok"] = all(summary["goals"].values())
    return summary


def row_line(label: str, row: dict) -> str:
    if not row["requests"]:
        return f"  {label:<26} {0:8d}"
    return (f"  {label:<26} {row['requests']:8d} {row['per_second']:7.1f} {row['p50_ms']:8.1f} {row['p95_ms']:8.1f} "
            f"{row['max_ms']:8.1f} {row['status_500']:5d} {row['no_answer']:9d}")


def print_report(summary: dict) -> None:
    print("\n== Each query alone (GET /api/search, median of 3) ==")
    for row in summary["alone"]:
        incomplete = (row["incomplete"] or {}).get("reason", "")
        print(f"  {row['name']:<34} {row['median_ms']:8.1f} ms (first {row['first_ms']:7.1f}) status "
              f"{','.join(map(str, row['statuses']))} total {row['total']}"
              + (f" incomplete: {incomplete}" if incomplete else ""))
    print("\n== One snippet, in this process ==")
    for row in summary["snippets"]:
        print(f"  'Rusia ' x {row['matches']:<7} {row['ms']:8.1f} ms")
    print(f"\n== Load: {summary['clients']} clients ({summary['hostile_clients']} hostile) for "
          f"{summary['seconds']:.1f} s, {summary['workers']} gunicorn workers ==")
    print(f"  {'':<26} {'requests':>8} {'req/s':>7} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8} {'500s':>5} "
          f"{'no answer':>9}")
    print(row_line("normal searches", summary["normal_searches"]))
    print(row_line("all normal requests", summary["normal_all"]))
    for kind, row in summary["by_kind"].items():
        print(row_line(f"  {kind}", row))
    print(row_line("hostile", summary["hostile"]))
    print(f"gunicorn worker timeouts: {summary['worker_timeouts']}")
    for sample in summary["error_samples"]:
        print(f"  {sample['kind']} {sample['status']} {sample['ms']:.0f} ms {sample['path']}: {sample['detail']!r}")
    failed = [goal for goal, ok in summary["goals"].items() if not ok]
    print(f"\nResult: {'PASS' if not failed else 'FAIL: ' + ', '.join(failed)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000, help="size of the synthetic archive (default 10000)")
    parser.add_argument("--duration", type=float, default=60.0, help="seconds of load (default 60)")
    parser.add_argument("--clients", type=int, default=8, help="concurrent clients (default 8)")
    parser.add_argument("--hostile", type=int, default=2, help="clients sending only worst-case queries (default 2)")
    parser.add_argument("--workers", type=int, help="gunicorn workers (default: gunicorn.conf.py's, 2 per core + 1)")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED,
                        help=f"corpus seed, also of the random words and the request mix (default {DEFAULT_SEED})")
    parser.add_argument("--fresh", action="store_true",
                        help="build the corpus in the temporary directory instead of using var/bench/<N>/ (small N)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary directory (its path is printed)")
    parser.add_argument("--json", type=Path, metavar="PATH", help="also write the summary as JSON to PATH")
    args = parser.parse_args()
    if not 0 <= args.hostile <= args.clients or args.duration <= 0:
        parser.error("--hostile must be between 0 and --clients, --duration positive")
    script_run(args, run, print_report, prefix="arsip-hostile-")


if __name__ == "__main__":
    main()
