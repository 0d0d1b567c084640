"""Print export speed: rows/s, time to the first byte and peak memory of GET /api/export.csv|jsonl over N articles.

Goal (issue 15): 100k rows at 10,000 rows/s or better on 2 cores, with memory bounded by a chunk of rows, not by N.
Usage: .venv/bin/python scripts/bench_export.py N [--var-dir DIR] [--seed S]

The archive is scripts/gen_corpus.py's for N (DIR defaults to var/bench/<N>, shared with bench_search.py): made when
missing, migrated, and its index rebuilt when its schema is not this code's. Each export goes through Django's test
client and the whole middleware stack, consuming the stream as a client would: once plain (speed, time to the first
chunk, the process's peak RSS) and once under tracemalloc (the Python heap's peak while exporting: tracemalloc slows
Python down, so its run is not timed). Numbers are printed, never asserted: the machine decides them.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from gen_corpus import (  # noqa: E402 (scripts/ is on the path of a script run from it)
    DEFAULT_SEED,
    archive_prepare,
    default_var_dir,
    django_setup,
    generate,
    print_progress,
)

# (label, URL): every article, newest first, as a researcher exporting a whole archive would ask.
EXPORTS = (
    ("csv", "/api/export.csv?sort=newest"),
    ("jsonl", "/api/export.jsonl?sort=newest"),
    ("csv + body", "/api/export.csv?sort=newest&include=body"),
    ("jsonl, 'pemilu'", "/api/export.jsonl?q=pemilu"),
)


def machine() -> str:
    load = ", ".join(f"{value:.2f}" for value in os.getloadavg())
    return f"{os.cpu_count()} cores, load average {load}"


def peak_rss_mib() -> float:
    """Return this process's peak resident memory so far (VmHWM), in MiB."""
    with open("/proc/self/status") as status:
        return next(int(line.split()[1]) for line in status if line.startswith("VmHWM:")) / 1024


def archive_ready(size: int, var_dir: Path, seed: int) -> None:
    """Make sure ``var_dir`` holds ``size`` articles and a current index of them."""
    django_setup(var_dir)
    from articles.models import Article
    from articles.search.indexing import index_schema_version
    from articles.search.rebuild import rebuild_index
    from articles.search.schema import SCHEMA_VERSION

    archive_prepare()  # migrations and reference data; safe to repeat
    if Article.objects.count() < size:
        print(f"Making {size} articles in {var_dir} ...", flush=True)
        generate(size, seed=seed, progress=print_progress)
    if index_schema_version() != SCHEMA_VERSION:
        print(f"Building the index of {Article.objects.count()} articles ...", flush=True)
        started = time.perf_counter()
        report = rebuild_index()
        print(f"  indexed {report.indexed} in {time.perf_counter() - started:.0f} s", flush=True)


def timed_export(client, url: str) -> tuple[int, int, float, float, dict]:
    """Return rows, bytes, seconds to the first chunk, seconds in all, and the header of one export."""
    started = time.perf_counter()
    response = client.get(url)
    assert response.status_code == 200, response.content[:500]
    first = None
    size = 0
    header_line = b""
    for chunk in response.streaming_content:
        if first is None:
            first = time.perf_counter() - started
            header_line = chunk.split(b"\n", 1)[0]
        size += len(chunk)
    elapsed = time.perf_counter() - started
    header = json.loads(header_line[2:] if header_line.startswith(b"# ") else header_line)
    header = header.get("export", header)
    return header["total"], size, first or elapsed, elapsed, header


def python_peak(client, url: str) -> float:
    """Return the Python heap's peak (MiB) while one export is made and read."""
    tracemalloc.start()
    response = client.get(url)
    for _chunk in response.streaming_content:
        pass
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak / 2**20


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("size", type=int, help="articles in the archive (N), e.g. 10000")
    parser.add_argument("--var-dir", type=Path, help="the archive's folder (default var/bench/<N>)")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help=f"corpus seed (default {DEFAULT_SEED})")
    args = parser.parse_args()
    var_dir = args.var_dir or default_var_dir(args.size)
    archive_ready(args.size, var_dir, args.seed)

    from django.test import Client

    client = Client(HTTP_HOST="localhost")
    print(f"machine: {machine()}")
    print(f"archive: {var_dir}")
    started = time.perf_counter()
    client.get("/api/export.csv?q=tidak-ada-kata-ini")  # opens the searcher and builds its arrays
    print(f"first search (searcher and arrays): {time.perf_counter() - started:.2f} s")
    print(f"\n  {'export':<18} {'rows':>7} {'MiB':>7} {'first ms':>9} {'s':>7} {'rows/s':>8} {'heap MiB':>9}")
    for label, url in EXPORTS:
        rows, size, first, elapsed, header = timed_export(client, url)
        peak = python_peak(client, url)
        print(f"  {label:<18} {rows:7d} {size / 2**20:7.1f} {first * 1000:9.1f} {elapsed:7.2f} "
              f"{rows / elapsed:8.0f} {peak:9.1f}")
    print(f"\n  peak RSS of the process: {peak_rss_mib():.0f} MiB (index arrays and the libraries included)")
    print(f"  index generation: {header['index_generation']}; user CPU "
          f"{resource.getrusage(resource.RUSAGE_SELF).ru_utime:.1f} s")
    print(f"  goal at 100k, 2 cores: >= 10,000 rows/s; heap peak independent of N. machine now: {machine()}")


if __name__ == "__main__":
    main()
