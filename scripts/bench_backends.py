"""Print the search speed of one backend (Whoosh or PostgreSQL) over bench_search.py's realistic archive, side by side.

Issue 18: the same corpus (scripts/gen_corpus.py, the same seed and size), the same queries of each kind
(bench_search.query_set, kept in the archive's folder) and the same measures for either engine, so that two runs
compare: every kind through GET /api/search with Django's test client (as bench_search.py measures it), cold (the
first search of a freshly started, warmed worker, a process each) and warm (repeated in one process), p50/p95; then
--clients threads sending faceted API searches for --duration seconds to --nodes gunicorn masters on one database:
throughput, p50/p95/p99, and the CPU each answer took in the web workers (and in PostgreSQL's server processes).

--backend whoosh (the default) reads bench_search.py's cached archive in DIR/<size>/ (built there first if missing:
SQLite and the Whoosh index). Its nodes all read that one folder: on one machine they share the index, which two
real machines could not (each would keep its own copy, with its own writer).
--backend postgres needs ARSIP_DATABASE_URL naming an empty PostgreSQL database (run it under scripts/with_postgres.py,
whose server lives as long as the command). The cached archive's rows are copied there (COPY, one transaction: the
corpus's very rows, faster than generating them again), then the engine's rebuild writes every article's search row
(PostgresBackend.rebuild, as rebuild_index would), and the time each step took is printed.

Usage: .venv/bin/python scripts/bench_backends.py [--backend whoosh] [--size 100000] [--root DIR] ...
       .venv/bin/python scripts/with_postgres.py .venv/bin/python scripts/bench_backends.py --backend postgres ...
Numbers are printed, never asserted: the machine decides them (its size and load are printed with them).
"""

from __future__ import annotations

import argparse
import contextlib
import http.client
import json
import multiprocessing
import os
import sqlite3
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from bench_search import (  # noqa: E402 (scripts/ is on the path of a script run from it)
    KINDS,
    MAX_SIZE,
    QUERY_FILE,
    STAMP,
    archive_build,
    client_start,
    code_version,
    in_fresh_process,
    load,
    machine,
    milliseconds,
    now,
    percentile,
    timed,
)
from gen_corpus import DEFAULT_SEED, GENERATOR_VERSION  # noqa: E402
from load_test import HOST, free_port, process_stop, server_start, server_wait  # noqa: E402

BACKENDS = ("whoosh", "postgres")
# The variables that choose an archive: every child gets exactly the ones node_env gives (an inherited one would win
# over ARSIP_VAR_DIR and send a node into another archive, perhaps the real one).
ARCHIVE_VARIABLES = ("ARSIP_VAR_DIR", "ARSIP_DATABASE_URL", "ARSIP_INDEX_DIR", "ARSIP_SEARCH_BACKEND")
# Tables of Django's own apps are made by migrate on the new database; only the archive's rows are copied.
COPIED_APP = "articles"
# A node's workers each warm up before their first request; the run starts once all have (gunicorn logs each).
WARM_WORKERS_SECONDS = 120
REQUEST_TIMEOUT_SECONDS = 60
# PostgreSQL: the kinds with the worst warm p95 whose slowest query's plan is shown, and how much of each plan.
EXPLAINED = 3
PLAN_LINES = 14


def node_env(backend: str, var_dir: Path, database_url: str) -> dict[str, str]:
    """Return the ARSIP_* variables of a web node of ``backend``: Whoosh reads the archive's folder (its SQLite database
    and index); PostgreSQL reads ``database_url`` and keeps whatever a node writes in <folder>/postgres, away from the
    Whoosh archive."""
    if backend == "whoosh":
        return {"ARSIP_VAR_DIR": str(var_dir)}
    return {"ARSIP_VAR_DIR": str(var_dir / "postgres"), "ARSIP_DATABASE_URL": database_url,
            "ARSIP_SEARCH_BACKEND": "postgres"}


def node_setup(backend: str, var_dir: Path, database_url: str) -> None:
    """Set Django up in this process as a web node of ``backend`` over the archive."""
    for name in ARCHIVE_VARIABLES:
        os.environ.pop(name, None)
    os.environ.update(node_env(backend, var_dir, database_url))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsarchive.settings.dev")
    Path(os.environ["ARSIP_VAR_DIR"]).mkdir(parents=True, exist_ok=True)
    import django

    django.setup()


# ---------------------------------------------------------------------------------------------------------------------
# Loading PostgreSQL


def postgres_load(var_dir: Path, database_url: str) -> None:
    """Copy the cached archive's rows into the empty PostgreSQL database, write every search row, and print the time
    each step took (in a child)."""
    sys.stdout.reconfigure(line_buffering=True)
    node_setup("postgres", var_dir, database_url)
    from django.apps import apps
    from django.core.management import call_command
    from django.core.management.color import no_style
    from django.db import connection, transaction

    from articles.models import Article, SearchDocument
    from articles.search.backends import backend

    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    print(f"  migrate: {time.perf_counter() - started:.1f} s")
    if Article.objects.exists():
        raise SystemExit(f"{database_url} already holds articles: give an empty database "
                         "(scripts/with_postgres.py makes one)")
    models = [model for model in apps.get_app_config(COPIED_APP).get_models(include_auto_created=True)
              if model is not SearchDocument and model._meta.managed and not model._meta.proxy]
    started, cpu = time.perf_counter(), time.process_time()
    rows = 0
    with contextlib.closing(sqlite3.connect(var_dir / "arsip.sqlite3")) as source, transaction.atomic():
        for model in models:
            rows += _table_copy(source, connection, model._meta.db_table,
                                [field.column for field in model._meta.concrete_fields])
        with connection.cursor() as cursor:
            for statement in connection.ops.sequence_reset_sql(no_style(), models):
                cursor.execute(statement)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    print(f"  rows copied from {var_dir / 'arsip.sqlite3'}: {rows} in {len(models)} tables, "
          f"{time.perf_counter() - started:.1f} s ({time.process_time() - cpu:.1f} CPU-s here)")

    indexes = _search_indexes()
    with connection.cursor() as cursor:
        for _make, drop in indexes:
            cursor.execute(drop)
    started, cpu = time.perf_counter(), time.process_time()
    report = backend().rebuild()
    print(f"  PostgresBackend().rebuild(), its indexes dropped: {report.indexed} articles in "
          f"{time.perf_counter() - started:.1f} s ({report.indexed / (time.perf_counter() - started):.0f} articles/s; "
          f"{time.process_time() - cpu:.1f} CPU-s in this process, the stems and tsvectors)")
    started = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute("SET maintenance_work_mem = '512MB'")
        for make, _drop in indexes:
            cursor.execute(make)
    print(f"  the search rows' {len(indexes)} indexes made again: {time.perf_counter() - started:.1f} s")
    started = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute(f"VACUUM ANALYZE {SearchDocument._meta.db_table}")
        cursor.execute("SELECT pg_size_pretty(pg_total_relation_size(%s)), pg_size_pretty(pg_database_size("
                       "current_database()))", [SearchDocument._meta.db_table])
        search_size, database_size = cursor.fetchone()
    print(f"  VACUUM ANALYZE of the search rows: {time.perf_counter() - started:.1f} s; search rows with their "
          f"indexes {search_size}, database {database_size}")


def _search_indexes() -> list[tuple[str, str]]:
    """Return (make, drop) of the search rows' indexes (GIN over each tsvector, the vocabulary's trigrams...): the
    migration's own statements. A bulk load writes the rows first and makes each index once, as pg_restore does;
    maintaining GIN indexes row by row took the rebuild about twice as long."""
    from importlib import import_module

    migration = import_module("articles.migrations.0012_search_documents")
    return [(make, drop) for make, drop in migration.POSTGRES_ONLY if drop]


def _table_copy(source: sqlite3.Connection, connection, table: str, columns: list[str]) -> int:
    """COPY one table's rows from SQLite (text as Django stores it: PostgreSQL parses the dates, 0/1 and JSON)."""
    names = ", ".join(f'"{column}"' for column in columns)  # the same quoting in both databases
    copied = 0
    with connection.cursor() as cursor, cursor.cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
        for row in source.execute(f"SELECT {names} FROM {table}"):
            copy.write_row(row)
            copied += 1
    return copied


# ---------------------------------------------------------------------------------------------------------------------
# Cold and warm searches through the API (Django's test client)


def cold_one(backend: str, var_dir: str, database_url: str, params: dict) -> tuple[float, dict]:
    """In a fresh process (a pool worker used once): start a warmed worker, then time its first API search."""
    node_setup(backend, Path(var_dir), database_url)
    return timed(params, "api", client_start())


def run_cold(backend: str, var_dir: Path, database_url: str, queries: dict, per_kind: int) -> dict[str, list]:
    """Return kind -> [(ms, found)] of cold API searches, each in a process of its own."""
    context = multiprocessing.get_context("spawn")
    with context.Pool(processes=1, maxtasksperchild=1) as pool:
        return {kind: [pool.apply(cold_one, (backend, str(var_dir), database_url, params))
                       for params in queries[kind][:per_kind]] for kind in KINDS}


def warm_report(backend: str, var_dir: Path, database_url: str, queries: dict, per_kind: int, cold: dict) -> None:
    """Print cold (given) and warm API figures of every kind in one table (in a fresh child)."""
    sys.stdout.reconfigure(line_buffering=True)
    node_setup(backend, var_dir, database_url)
    client = client_start()
    for kind in KINDS:  # every query once: what the warm figures do not count
        for params in queries[kind]:
            timed(params, "api", client)
    warm = {kind: [timed(queries[kind][number % len(queries[kind])], "api", client) for number in range(per_kind)]
            for kind in KINDS}
    print(f"\n  {backend}: GET /api/search (test client)    cold p50   cold p95   warm p50   warm p95   hits "
          f"(sum of totals of the kind's queries, to compare engines)")
    for kind in KINDS:
        cold_ms, warm_ms = [ms for ms, _ in cold[kind]], [ms for ms, _ in warm[kind]]
        totals = {json.dumps(params, sort_keys=True): found.get("total", -1)
                  for params, (_ms, found) in zip(queries[kind] * per_kind, warm[kind], strict=False)}
        print(f"  {kind:<40} {percentile(cold_ms, 0.5):9.1f}  {percentile(cold_ms, 0.95):9.1f}  "
              f"{percentile(warm_ms, 0.5):9.1f}  {percentile(warm_ms, 0.95):9.1f}   {sum(totals.values())} "
              f"({len(totals)} queries)")
    print(f"  ({len(cold[KINDS[0]])} cold processes and {per_kind} warm searches per kind; {load()})")
    if backend == "postgres":
        slowest = {kind: max(zip(queries[kind] * per_kind, warm[kind], strict=False), key=lambda pair: pair[1][0])[0]
                   for kind in KINDS}
        for kind in sorted(KINDS, key=lambda kind: -percentile([ms for ms, _ in warm[kind]], 0.95))[:EXPLAINED]:
            explain(client, kind, slowest[kind], Path(os.environ["ARSIP_VAR_DIR"]))


def explain(client, kind: str, params: dict, folder: Path) -> None:
    """Run one API search again, then EXPLAIN ANALYZE its slowest SQL statement: print the plan's top lines and
    write the whole plan to <folder>/explain-<kind>.txt."""
    from django.db import connection, transaction
    from django.test.utils import CaptureQueriesContext

    from articles.pgsearch.backend import SET_SEARCH_SETTINGS

    with CaptureQueriesContext(connection) as captured:
        timed(params, "api", client)
    statement = max(captured.captured_queries, key=lambda query: float(query["time"]))
    # Planned as the search planned it: with its transaction's settings (sequential scans priced out, no JIT).
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(SET_SEARCH_SETTINGS, ["off", "off", "0"])
        cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + statement["sql"])
        plan = [row[0] for row in cursor.fetchall()]
    path = folder / f"explain-{kind}.txt"
    path.write_text(f"-- {kind} {params}\n{statement['sql']}\n\n" + "\n".join(plan) + "\n")
    print(f"\n  slowest {kind} query {params}: its slowest statement took {float(statement['time']) * 1000:.0f} ms; "
          f"plan in {path}:")
    for line in plan if len(plan) <= PLAN_LINES + 2 else [*plan[:PLAN_LINES], "...", *plan[-2:]]:
        print(f"    {line[:150]}")


# ---------------------------------------------------------------------------------------------------------------------
# Concurrent searches over several gunicorn nodes


def _cpu_seconds(pids: list[int]) -> float:
    """Return the user and system CPU seconds these processes have used (those that have ended count nothing)."""
    total = 0
    for pid in pids:
        with contextlib.suppress(OSError):
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])  # utime, stime: fields 14 and 15 of proc(5)
    return total / os.sysconf("SC_CLK_TCK")


def _workers(master: int) -> list[int]:
    """Return the pids of a gunicorn master's workers (its children)."""
    with contextlib.suppress(OSError):
        return [int(pid) for pid in Path(f"/proc/{master}/task/{master}/children").read_text().split()]
    return []


def _database_pids(database_url: str) -> list[int]:
    """Return the pids of the PostgreSQL server's processes (every backend and helper pg_stat_activity lists)."""
    if not database_url:
        return []
    import psycopg

    with psycopg.connect(database_url) as connection:
        return [row[0] for row in connection.execute("SELECT pid FROM pg_stat_activity WHERE pid <> pg_backend_pid()")]


def _warmed(log: Path, workers: int) -> bool:
    return log.read_text(errors="replace").count("Warmed up in") >= workers


def client_run(port: int, queries: list[dict], offset: int, deadline: float, samples: list[tuple[float, int]]) -> None:
    """Send faceted API searches (in turn from ``offset``) to one node until ``deadline``; append (ms, status)."""
    number = offset
    while time.monotonic() < deadline:
        path = "/api/search?" + urlencode(queries[number % len(queries)])
        number += 1
        started = time.perf_counter()
        status = 0
        connection = http.client.HTTPConnection(HOST, port, timeout=REQUEST_TIMEOUT_SECONDS)
        try:
            connection.request("GET", path)
            response = connection.getresponse()
            response.read()
            status = response.status
        except (OSError, http.client.HTTPException):
            pass
        finally:
            connection.close()
        samples.append((milliseconds(started), status))


def concurrent_report(backend: str, var_dir: Path, database_url: str, queries: list[dict], *, nodes: int,
                      clients: int, seconds: float, workers: int | None, logs: Path) -> None:
    """Start ``nodes`` gunicorn masters on one archive, wait for all their workers to warm up, run ``clients`` threads
    (client i to node i mod nodes) for ``seconds``, and print throughput, latency and CPU per answer."""
    env = {name: value for name, value in os.environ.items() if name not in ARCHIVE_VARIABLES}
    env.update(node_env(backend, var_dir, database_url), DJANGO_SETTINGS_MODULE="newsarchive.settings.dev",
               ARSIP_ALLOWED_HOSTS=f"{HOST},localhost", PYTHONUNBUFFERED="1")
    if workers:
        env["ARSIP_WORKERS"] = str(workers)
    per_node = workers or 2 * (os.cpu_count() or 1) + 1  # gunicorn.conf.py's default
    servers, ports = [], []
    try:
        for node in range(nodes):
            port = free_port()
            log = logs / f"gunicorn-{backend}-{node}.log"
            server = server_start({**env, "ARSIP_BIND": f"{HOST}:{port}"}, log)
            servers.append((server, log))
            ports.append(port)
            server_wait(server, port, log)
        deadline = time.monotonic() + WARM_WORKERS_SECONDS
        while not all(_warmed(log, per_node) for _server, log in servers) and time.monotonic() < deadline:
            time.sleep(0.5)
        web = [pid for server, _log in servers for pid in _workers(server.pid)]
        database = _database_pids(database_url)
        before = (_cpu_seconds(web), _cpu_seconds(database))
        samples: list[tuple[float, int]] = []
        threads = [threading.Thread(target=client_run, args=(ports[number % nodes], queries, number * 5,
                                                              time.monotonic() + seconds, samples))
                   for number in range(clients)]
        started = time.perf_counter()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        elapsed = time.perf_counter() - started
        web_cpu = _cpu_seconds(web) - before[0]
        database_cpu = _cpu_seconds(database) - before[1]
    finally:
        for server, _log in servers:
            process_stop(server)
    answered = [ms for ms, status in samples if status == 200]
    shared = (" (both nodes read the same folder and Whoosh index on this one machine: two machines would each keep "
              "a copy of the index, with its own writer)" if backend == "whoosh" and nodes > 1 else
              " (one PostgreSQL server, on this machine too)" if backend == "postgres" else "")
    print(f"\n  {backend}: {clients} clients, {nodes} gunicorn nodes of {per_node} sync workers{shared}")
    print(f"  {len(samples)} faceted API searches in {elapsed:.1f} s: {len(answered) / elapsed:.1f} answers/s, "
          f"{len(samples) - len(answered)} errors")
    if answered:
        print(f"  latency ms: p50 {percentile(answered, 0.5):.1f}, p95 {percentile(answered, 0.95):.1f}, "
              f"p99 {percentile(answered, 0.99):.1f}, max {max(answered):.1f}")
        database_part = f" + PostgreSQL server {database_cpu / len(answered) * 1000:.1f}" if database else ""
        print(f"  CPU-ms per answer: web workers {web_cpu / len(answered) * 1000:.1f}{database_part} "
              f"(the {clients} client threads' own CPU not counted); {load()}")


def corpus_made(var_dir: Path, size: int, seed: int) -> bool:
    """Return whether the archive in var_dir holds the corpus of this size and seed (bench_search.py's stamp)."""
    stamp_path = var_dir / STAMP
    stamp = json.loads(stamp_path.read_text()) if stamp_path.exists() else {}
    return (stamp.get("size"), stamp.get("seed"), stamp.get("generator")) == (size, seed, GENERATOR_VERSION)


def postgres_load_timed(var_dir: Path, database_url: str) -> None:
    print(f"Loading PostgreSQL ({now()}; {load()}) ...")
    in_fresh_process(postgres_load, var_dir, database_url)
    print(f"Loaded ({now()}; {load()})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--backend", choices=BACKENDS, default="whoosh", help="search engine (default whoosh)")
    parser.add_argument("--size", type=int, default=100_000, help=f"archive size, up to {MAX_SIZE} (default 100000)")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help=f"corpus seed (default {DEFAULT_SEED})")
    parser.add_argument("--root", type=Path, default=ROOT / "var" / "bench",
                        help="bench_search.py's archives, one directory per size (default var/bench)")
    parser.add_argument("--queries-per-kind", type=int, default=60, help="warm searches per kind (default 60)")
    parser.add_argument("--cold-per-kind", type=int, default=3,
                        help="cold searches per kind, a fresh process each (default 3)")
    parser.add_argument("--clients", type=int, default=8, help="client threads of the concurrent run (default 8)")
    parser.add_argument("--nodes", type=int, default=2, help="gunicorn masters of the concurrent run (default 2)")
    parser.add_argument("--workers", type=int, help="gunicorn workers per node (default: gunicorn.conf.py's)")
    parser.add_argument("--duration", type=float, default=30, help="seconds of the concurrent run (default 30)")
    args = parser.parse_args()
    if not 0 < args.size <= MAX_SIZE:
        parser.error(f"sizes run from 1 to {MAX_SIZE}")
    database_url = os.environ.get("ARSIP_DATABASE_URL", "") if args.backend == "postgres" else ""
    if args.backend == "postgres" and not database_url.startswith(("postgres://", "postgresql://")):
        parser.error("--backend postgres needs ARSIP_DATABASE_URL=postgres://... (run under scripts/with_postgres.py)")
    sys.stdout.reconfigure(line_buffering=True)
    print(f"Machine: {machine()}; {load()}")
    print(f"Code: {code_version()}, started {now()}; backend {args.backend}")
    var_dir = (args.root / str(args.size)).resolve()
    print(f"\n== {args.size} articles (seed {args.seed}), {args.backend} ==")
    loaded = args.backend == "postgres" and corpus_made(var_dir, args.size, args.seed)
    if loaded:  # the load needs the corpus only: it may run while bench_search's index of it is still being built
        postgres_load_timed(var_dir, database_url)
    in_fresh_process(archive_build, args.size, args.seed, False, var_dir)
    queries = json.loads((var_dir / QUERY_FILE).read_text())
    print("queries: " + ", ".join(f"{len(queries[kind])} {kind}" for kind in KINDS))
    if args.backend == "postgres" and not loaded:
        postgres_load_timed(var_dir, database_url)
    cold = run_cold(args.backend, var_dir, database_url, queries, args.cold_per_kind)
    in_fresh_process(warm_report, args.backend, var_dir, database_url, queries, args.queries_per_kind, cold)
    concurrent_report(args.backend, var_dir, database_url, queries["faceted"], nodes=args.nodes,
                      clients=args.clients, seconds=args.duration, workers=args.workers, logs=var_dir)
    print(f"finished {now()}; {load()}")


if __name__ == "__main__":
    main()
