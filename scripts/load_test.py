"""Put the archive under load: gunicorn serves 8 readers for 60 s while ingest_articles and rebuild_index run.

Goals: 0 errors (every answer a 200, no connection error or timeout), nothing lost (articles after = before + the new
pages, and each sampled new page is found by its title word), `rebuild_index --check` clean, ingest and rebuild exit 0.
Usage: .venv/bin/python scripts/load_test.py [--articles N] [--ingest PAGES] [--duration S] [--clients C]
                                             [--workers W] [--seed S] [--wait S] [--fresh] [--keep] [--json PATH]

Everything happens in a new temporary ARSIP_VAR_DIR with production settings (ARSIP_HTTPS=0, a random secret key):
the synthetic archive of --articles (scripts/gen_corpus.py, cached in var/bench/<N>/ as bench_search.py caches it, or
built in the temporary directory with --fresh) is copied there, migrated and its static files collected; --ingest new
pages are made from fixtures/sample_articles/ (each with its own title word, most with another year and two paragraphs
swapped) and parsed before the run. Then gunicorn (newsarchive/gunicorn.conf.py) serves 127.0.0.1 on a free port and
--clients threads send a fixed mix of searches, faceted searches, facet pages, article pages, API calls and static files
for --duration seconds. At 10% of the run `manage.py ingest_articles` starts on the new pages, at 30% `manage.py
rebuild_index`; both may outlast the load and are waited for (at most --wait seconds). The real var/ is never written.
Numbers are printed, never asserted: the machine decides them (its size is printed with them). The exit status is 0
only when every goal is met.
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import http.client
import itertools
import json
import multiprocessing
import os
import random
import re
import secrets
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench_search import (  # noqa: E402 (scripts/ is on the path of a script run from it)
    QUERIES,
    archive_build,
    code_version,
    machine,
    now,
    percentile,
)
from gen_corpus import DEFAULT_SEED, TOPICS, default_var_dir  # noqa: E402

# Traffic goes here and nowhere else.
HOST = "127.0.0.1"
SETTINGS = "newsarchive.settings.production"
SAMPLE_DIR = ROOT / "fixtures" / "sample_articles"
# The mix of requests, as weights: what readers of a search archive do most is search.
MIX = {"search": 30, "faceted": 20, "facets": 10, "article": 20, "api": 15, "static": 5}
# When the background commands start, as shares of --duration.
INGEST_AT = 0.10
REBUILD_AT = 0.30
# A client waits this long for an answer. Above gunicorn's worker timeout (ARSIP_TIMEOUT, 30 s), so a request that hangs
# ends with the worker killed and shows up as a connection error rather than as a client giving up first.
REQUEST_TIMEOUT_SECONDS = 60
SERVER_START_SECONDS = 60
# Setup steps (migrate, collectstatic, a corpus build) each get this long; a 10k corpus and its index take about 45 s.
SETUP_STEP_SECONDS = 1800
# gunicorn gets graceful_timeout (10 s) to stop; then it is killed.
STOP_GRACE_SECONDS = 20
ERROR_SAMPLES = 10
FINDABLE_SAMPLES = 5
OUTPUT_TAIL_LINES = 8
# Facet pages a reader opens from the search page ("lainnya"); month is offered only once a year is chosen.
FACET_PAGES = ("outlet", "year", "people", "countries")


class SetupError(Exception):
    """A step before the load failed; the message says which and shows its output."""


# ---------------------------------------------------------------------------------------------------------------------
# The archive in a temporary directory


def child_env(var_dir: Path, secret: str) -> dict[str, str]:
    """Return the environment of every command and of gunicorn: production settings on the temporary archive only.

    Every ARSIP_* variable of the caller is dropped: ARSIP_DATABASE_URL or ARSIP_INDEX_DIR would win over ARSIP_VAR_DIR
    and send the ingest into another archive, perhaps the real one.
    """
    env = {name: value for name, value in os.environ.items() if not name.startswith("ARSIP_")}
    env.update(
        DJANGO_SETTINGS_MODULE=SETTINGS,
        ARSIP_SECRET_KEY=secret,
        ARSIP_HTTPS="0",
        ARSIP_ALLOWED_HOSTS=f"{HOST},localhost",
        ARSIP_VAR_DIR=str(var_dir),
        PYTHONUNBUFFERED="1",
    )
    return env


def run_step(argv: list[str], env: dict[str, str], *, timeout: float = SETUP_STEP_SECONDS) -> str:
    """Run one setup command to its end; return its output or raise SetupError with the output's tail."""
    try:
        done = subprocess.run(argv, cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired as error:
        raise SetupError(f"{' '.join(argv[1:])} did not finish in {timeout:.0f} s") from error
    output = done.stdout + done.stderr
    if done.returncode:
        raise SetupError(f"{' '.join(argv[1:])} exited {done.returncode}:\n{tail(output, 30)}")
    return output


def manage(*arguments: str) -> list[str]:
    return [sys.executable, str(ROOT / "manage.py"), *arguments]


def cached_archive(size: int, seed: int) -> Path:
    """Make sure var/bench/<size>/ holds the corpus and a current index (bench_search.py's cache); return the folder."""
    # The child sets Django up with DJANGO_SETTINGS_MODULE if it is set: the test settings (run from pytest) would put
    # the cache's index in another directory. The cache is made with the settings bench_search.py makes it with.
    os.environ["DJANGO_SETTINGS_MODULE"] = "newsarchive.settings.dev"
    process = multiprocessing.get_context("spawn").Process(target=archive_build, args=(size, seed, False))
    process.start()
    process.join(SETUP_STEP_SECONDS)
    if process.is_alive():
        process.terminate()
        process.join(10)
        raise SetupError(f"building the {size}-article corpus in {default_var_dir(size)} took over "
                         f"{SETUP_STEP_SECONDS} s")
    if process.exitcode:
        raise SetupError(f"building the {size}-article corpus in {default_var_dir(size)} failed ({process.exitcode})")
    return default_var_dir(size)


def archive_copy(source: Path, var_dir: Path) -> None:
    """Copy a cached archive: the database through SQLite's backup API (consistent even if it is being written) and the
    index generation that ``current`` names, with a ``current`` link of its own."""
    var_dir.mkdir(parents=True)
    reader = sqlite3.connect(f"file:{source / 'arsip.sqlite3'}?mode=ro", uri=True)
    writer = sqlite3.connect(var_dir / "arsip.sqlite3")
    try:
        reader.backup(writer)
    finally:
        writer.close()
        reader.close()
    generation = (source / "index" / "current").resolve()
    (var_dir / "index").mkdir()
    shutil.copytree(generation, var_dir / "index" / generation.name)
    (var_dir / "index" / "current").symlink_to(generation.name)


class Stopwatch:
    """Seconds taken by each setup step, in order."""

    def __init__(self) -> None:
        self.steps: dict[str, float] = {}
        self._last = time.perf_counter()

    def lap(self, name: str) -> None:
        current = time.perf_counter()
        self.steps[name] = current - self._last
        self._last = current

    def __str__(self) -> str:
        return ", ".join(f"{name} {seconds:.1f} s" for name, seconds in self.steps.items())


def archive_make(args: argparse.Namespace, var_dir: Path, env: dict[str, str], watch: Stopwatch) -> str:
    """Put an indexed archive of ``args.articles`` articles in ``var_dir``, migrated, static files collected.

    Return where the articles came from.
    """
    if args.fresh:
        run_step([sys.executable, str(ROOT / "scripts" / "gen_corpus.py"), str(args.articles), "--seed",
                  str(args.seed), "--var-dir", str(var_dir)], env)
        run_step(manage("rebuild_index", "-v0"), env)
        origin = "made here by gen_corpus.py and rebuild_index (--fresh)"
    else:
        source = cached_archive(args.articles, args.seed)
        archive_copy(source, var_dir)
        origin = f"copied from {source.relative_to(ROOT)}"
    watch.lap("archive")
    run_step(manage("migrate", "--noinput", "-v0"), env)
    watch.lap("migrate")
    run_step(manage("collectstatic", "--noinput", "-v0"), env)
    watch.lap("collectstatic")
    return origin


def database(var_dir: Path) -> sqlite3.Connection:
    return sqlite3.connect(var_dir / "arsip.sqlite3", timeout=30)


def article_count(var_dir: Path) -> int:
    with contextlib.closing(database(var_dir)) as connection:
        return connection.execute("SELECT COUNT(*) FROM articles_article").fetchone()[0]


# ---------------------------------------------------------------------------------------------------------------------
# New pages for the ingest


@dataclass(frozen=True)
class Page:
    """One new raw page: its file, the word only its title holds, what it was made from and how."""

    path: str
    token: str
    source: str
    year_moved: bool
    paragraphs_swapped: bool


def _parse(text: str):
    from articles.ingest import ParseError, parse_article

    try:
        return parse_article(text, source_name="load-test")
    except ParseError:
        return None


def _line_index(lines: list[str], wanted: Callable[[str], bool]) -> int | None:
    return next((index for index, line in enumerate(lines) if wanted(line.strip())), None)


def _variant(text: str, parsed, *, token: str, rng: random.Random) -> tuple[str, bool, bool]:
    """Return the page with the token after its title and, where a parse confirms the change, another year in its
    header and two of its paragraphs swapped; also whether the year moved and whether paragraphs were swapped."""
    lines = text.split("\n")
    title_at = _line_index(lines, lambda line: line == parsed.title)
    lines[title_at] = f"{parsed.title} {token}"
    paragraphs = parsed.body.split("\n\n")
    body_at = _line_index(lines, lambda line: bool(paragraphs[0]) and paragraphs[0][:40] in line)
    # An undated sample keeps its (missing) date: its header has no year to move.
    new_year = parsed.published.year - rng.randint(1, 5) if parsed.published else None
    swappable = [_line_index(lines, lambda line, p=p: line == p) for p in paragraphs[1:]]
    swappable = [index for index in swappable if index is not None and body_at is not None and index > body_at]
    pair = rng.sample(swappable, 2) if len(swappable) >= 2 else None

    def build(move_year: bool, swap: bool) -> str:
        changed = list(lines)
        if move_year:  # the header only: the lines between the title and the story's first paragraph
            for index in range(body_at):
                if index != title_at:
                    changed[index] = re.sub(rf"(?<!\d){parsed.published.year}(?!\d)", str(new_year), changed[index])
        if swap:
            first, second = pair
            changed[first], changed[second] = changed[second], changed[first]
        return "\n".join(changed)

    # Most changed first; keep the first that parses with the token in its title and its changes seen by the parser.
    for move_year, swap in ((True, True), (True, False), (False, True), (False, False)):
        if (move_year and (body_at is None or new_year is None)) or (swap and pair is None):
            continue
        page = build(move_year, swap)
        result = _parse(page)
        if result is None or token not in result.title:
            continue
        if move_year and result.published.year != new_year:
            continue
        if swap and result.body == parsed.body:
            continue
        return page, move_year, swap
    raise SetupError(f"no variant of a sample page parses (token {token})")


def pages_write(folder: Path, count: int, seed: int) -> tuple[list[Page], int]:
    """Write ``count`` new pages to ``folder``, each a distinct article; return them and how many samples were used.

    Ingest keys a page by the SHA-256 of its text and an article by (outlet, title, published): the token in each
    title makes both new. Every page is parsed here, so the expected count after the ingest is known before it.
    """
    from articles.ingest import decode_page

    sources = []
    for path in sorted(SAMPLE_DIR.glob("*.txt")):
        text = decode_page(path.read_bytes())
        parsed = _parse(text)
        if parsed is not None and parsed.title in (line.strip() for line in text.split("\n")):
            sources.append((path.stem, text, parsed))
    if not sources:
        raise SetupError(f"no sample page in {SAMPLE_DIR} parses")
    folder.mkdir(parents=True)
    pages: list[Page] = []
    identities: set[tuple] = set()
    digests: set[str] = set()
    for number in range(count):
        stem, text, parsed = sources[number % len(sources)]
        rng = random.Random(f"arsip-load:{seed}:page:{number}")
        # Letters and digits: the analyzer keeps a word with digits as it is (no stemming), so it matches only itself.
        token = f"uji{seed}x{number:05d}"
        page, year_moved, swapped = _variant(text, parsed, token=token, rng=rng)
        result = _parse(page)
        identity = (result.outlet.slug, result.title, result.published)
        digest = hashlib.sha256(page.encode("utf-8")).hexdigest()
        if identity in identities or digest in digests:
            raise SetupError(f"page {number} repeats an earlier one: {identity}")
        identities.add(identity)
        digests.add(digest)
        path = folder / f"{number:05d}_{stem}.txt"
        path.write_text(page, encoding="utf-8")
        pages.append(Page(path=str(path), token=token, source=stem, year_moved=year_moved, paragraphs_swapped=swapped))
    return pages, len(sources)


# ---------------------------------------------------------------------------------------------------------------------
# What the clients ask for


@dataclass
class Targets:
    """Real values of the archive to ask about: words, facet values, article ids, a static file."""

    words: list[str]
    outlets: list[str]
    people: list[str]
    countries: list[str]
    years: list[str]
    article_ids: list[int]
    static_path: str = ""

    @classmethod
    def load(cls, var_dir: Path) -> Targets:
        words = [query for query in QUERIES if query]
        for topic in TOPICS.values():
            for name in ("issue", "org", "commodity", "disaster", "crime", "event", "sector"):
                words.extend(topic.words.get(name, ()))
        with contextlib.closing(database(var_dir)) as connection:
            def column(sql: str) -> list:
                return [row[0] for row in connection.execute(sql)]

            outlets = column("SELECT o.slug FROM articles_outlet o JOIN articles_article a ON a.outlet_id = o.id "
                             "GROUP BY o.slug ORDER BY COUNT(*) DESC")
            people = column("SELECT p.slug FROM articles_person p JOIN articles_articleperson l ON l.person_id = p.id "
                            "GROUP BY p.slug ORDER BY COUNT(*) DESC LIMIT 60")
            countries = column("SELECT c.code FROM articles_country c JOIN articles_articlecountry l "
                               "ON l.country_id = c.id GROUP BY c.code ORDER BY COUNT(*) DESC LIMIT 40")
            years = column("SELECT DISTINCT substr(published, 1, 4) FROM articles_article ORDER BY 1")
            ids = column("SELECT id FROM articles_article ORDER BY id")
        return cls(words=list(dict.fromkeys(words)), outlets=outlets, people=people, countries=countries,
                   years=years, article_ids=ids)

    def request(self, rng: random.Random) -> tuple[str, str]:
        """Return (kind, path) of one request of the mix."""
        kinds = [kind for kind in MIX if kind != "static" or self.static_path]
        kind = rng.choices(kinds, weights=[MIX[kind] for kind in kinds])[0]
        word = rng.choice(self.words)
        if kind == "search":
            return kind, "/?" + urlencode({"q": word})
        if kind == "faceted":
            params: list[tuple[str, str]] = [("q", word)] if rng.random() < 0.6 else []
            for param, values in rng.sample(self._facets(), rng.randint(1, 2)):
                params.extend((param, value) for value in rng.sample(values, min(len(values), rng.randint(1, 2))))
            if rng.random() < 0.3:
                params.append(("sort", "newest"))
            return kind, "/?" + urlencode(params)
        if kind == "facets":
            return kind, f"/cari/faset/{rng.choice(FACET_PAGES)}/?" + urlencode({"q": word})
        if kind == "article":
            query = "?" + urlencode({"q": word}) if rng.random() < 0.3 else ""
            return kind, f"/artikel/{rng.choice(self.article_ids)}/{query}"
        if kind == "api":
            params = [("q", word)]
            if rng.random() < 0.3:
                params.append(("outlet", rng.choice(self.outlets)))
            if rng.random() < 0.2:
                params.append(("page", "2"))
            return kind, "/api/search?" + urlencode(params)
        return kind, self.static_path

    def _facets(self) -> list[tuple[str, list[str]]]:
        return [(param, values) for param, values in (("outlet", self.outlets), ("person", self.people),
                                                       ("country", self.countries), ("year", self.years)) if values]


# ---------------------------------------------------------------------------------------------------------------------
# Processes: gunicorn and the background commands


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def process_stop(process: subprocess.Popen, *, grace: float = STOP_GRACE_SECONDS) -> None:
    """Stop a process this script started and all it started in turn (its own process group): TERM, then KILL.

    A process that has ended by itself is left alone: its group is gone, and its id may belong to someone else by now.
    """
    if process.poll() is not None:
        return
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(grace)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait(10)
    # Children can outlive their parent (rebuild_index's sub-writers, gunicorn workers): the group goes with it. While
    # any of them lives, the group's id cannot be given to another process.
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)


def get(port: int, path: str, *, timeout: float = REQUEST_TIMEOUT_SECONDS) -> tuple[int, bytes]:
    connection = http.client.HTTPConnection(HOST, port, timeout=timeout)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


def server_start(env: dict[str, str], log: Path) -> subprocess.Popen:
    """Start gunicorn (newsarchive/gunicorn.conf.py, ARSIP_BIND from ``env``) in a process group of its own."""
    with log.open("w") as output:
        return subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "--config", str(ROOT / "newsarchive" / "gunicorn.conf.py"),
             "newsarchive.wsgi:application"],
            cwd=ROOT, env=env, stdout=output, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
            start_new_session=True,
        )


def server_wait(server: subprocess.Popen, port: int, log: Path) -> bytes:
    """Wait until gunicorn answers the search page with 200; return that page."""
    deadline = time.monotonic() + SERVER_START_SECONDS
    last = ""
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SetupError(f"gunicorn exited {server.returncode}:\n{tail(log.read_text(errors='replace'), 30)}")
        try:
            status, body = get(port, "/", timeout=10)
        except OSError as error:
            last = f"{type(error).__name__}: {error}"
        else:
            if status == 200:
                return body
            last = f"status {status}: {body[:300]!r}"
        time.sleep(0.2)
    raise SetupError(f"gunicorn did not answer / with 200 within {SERVER_START_SECONDS} s ({last}):\n"
                     f"{tail(log.read_text(errors='replace'), 30)}")


@dataclass
class Job:
    """A management command started during the load, with its timing (seconds from the start of the load)."""

    name: str
    phase: str  # how the report names the time it runs
    argv: list[str]
    start_at: float
    log: Path
    process: subprocess.Popen | None = field(default=None, repr=False)
    started: float | None = None
    ended: float | None = None
    returncode: int | None = None
    killed: bool = False

    def start(self, env: dict[str, str], offset: float) -> None:
        with self.log.open("w") as output:
            self.process = subprocess.Popen(self.argv, cwd=ROOT, env=env, stdout=output, stderr=subprocess.STDOUT,
                                            stdin=subprocess.DEVNULL, start_new_session=True)
        self.started = offset

    def poll(self, offset: float) -> None:
        if self.process is not None and self.ended is None and self.process.poll() is not None:
            self.ended, self.returncode = offset, self.process.returncode

    @property
    def running(self) -> bool:
        return self.process is not None and self.ended is None

    def output(self) -> str:
        return self.log.read_text(errors="replace") if self.log.exists() else ""

    def summary(self) -> dict:
        return {"name": self.name, "started": self.started, "ended": self.ended, "returncode": self.returncode,
                "seconds": None if self.ended is None or self.started is None else self.ended - self.started,
                "killed": self.killed, "output_tail": tail(self.output(), OUTPUT_TAIL_LINES)}


def tail(text: str, lines: int) -> str:
    return "\n".join(text.rstrip().splitlines()[-lines:])


# ---------------------------------------------------------------------------------------------------------------------
# The load


@dataclass
class Sample:
    kind: str
    status: int  # 0: no answer (connection error, timeout)
    ms: float
    start: float  # seconds from the start of the load
    path: str
    detail: str = ""


def client_run(number: int, port: int, targets: Targets, seed: int, start: float, deadline: float,
               samples: list[Sample]) -> None:
    """Send requests one after another until ``deadline`` (time.monotonic()); append each one's sample."""
    rng = random.Random(f"arsip-load:{seed}:client:{number}")
    connection: http.client.HTTPConnection | None = None
    while time.monotonic() < deadline:
        kind, path = targets.request(rng)
        began = time.monotonic()
        status, detail = 0, ""
        try:
            if connection is None:
                connection = http.client.HTTPConnection(HOST, port, timeout=REQUEST_TIMEOUT_SECONDS)
            connection.request("GET", path, headers={"Connection": "keep-alive"})
            response = connection.getresponse()
            body = response.read()
            status = response.status
            if response.will_close:  # gunicorn's sync workers close every connection after the answer
                connection.close()
                connection = None
            if status != 200:
                detail = body[:300].decode("utf-8", "replace")
            elif kind == "api":
                detail = _api_problem(body)
        except (OSError, http.client.HTTPException) as error:
            detail = f"{type(error).__name__}: {error}"
            if connection is not None:
                connection.close()
            connection = None
        samples.append(Sample(kind=kind, status=status, ms=(time.monotonic() - began) * 1000, start=began - start,
                              path=path, detail=detail))
    if connection is not None:
        connection.close()


def _api_problem(body: bytes) -> str:
    """Return why an API answer is not the documented JSON, or ""."""
    try:
        data = json.loads(body)
    except ValueError as error:
        return f"not JSON: {error}"
    missing = {"query", "total", "results", "facets", "messages"} - set(data)
    return f"keys missing: {sorted(missing)}" if missing else ""


def is_error(sample: Sample) -> bool:
    return sample.status != 200 or bool(sample.detail)


def findable(port: int, pages: list[Page]) -> list[dict]:
    """Search the API for the title word of a few new pages (first, last, between); each should find one article."""
    count = min(FINDABLE_SAMPLES, len(pages))
    chosen = sorted({round(index * (len(pages) - 1) / max(count - 1, 1)) for index in range(count)})
    found = []
    for index in chosen:
        token = pages[index].token
        try:
            status, body = get(port, "/api/search?" + urlencode({"q": token}))
            data = json.loads(body) if status == 200 else {}
        except (OSError, http.client.HTTPException, ValueError) as error:
            status, data = 0, {"error": str(error)}
        titles = [result.get("title", "") for result in data.get("results", [])]
        found.append({"token": token, "status": status, "total": data.get("total"),
                      "ok": status == 200 and data.get("total") == 1 and token in titles[0]})
    return found


# ---------------------------------------------------------------------------------------------------------------------
# The report


def stats(samples: list[Sample], seconds: float) -> dict:
    times = [sample.ms for sample in samples]
    if not times:
        return {"requests": 0, "per_second": 0.0, "p50_ms": None, "p95_ms": None, "max_ms": None, "errors": 0}
    return {"requests": len(samples), "per_second": len(samples) / seconds if seconds else 0.0,
            "p50_ms": percentile(times, 0.5), "p95_ms": percentile(times, 0.95), "max_ms": max(times),
            "errors": sum(is_error(sample) for sample in samples)}


def phase_at(offset: float, jobs: list[Job]) -> str:
    """Return which background commands ran at ``offset`` into the load: "quiet", "ingest", "rebuild" or both."""
    running = [job.phase for job in jobs if job.started is not None and job.started <= offset
               and (job.ended is None or offset < job.ended)]
    return "+".join(running) or "quiet"


def phase_seconds(jobs: list[Job], seconds: float) -> dict[str, float]:
    """Return how long each phase lasted within the load's ``seconds``."""
    edges = sorted({0.0, seconds, *(min(max(edge, 0.0), seconds) for job in jobs for edge in (job.started, job.ended)
                                     if edge is not None)})
    lasted: dict[str, float] = {}
    for begin, end in itertools.pairwise(edges):
        phase = phase_at((begin + end) / 2, jobs)
        lasted[phase] = lasted.get(phase, 0.0) + end - begin
    return lasted


def stats_line(label: str, row: dict) -> str:
    if not row["requests"]:
        return f"  {label:<24} {0:7d}"
    return (f"  {label:<24} {row['requests']:7d} {row['per_second']:8.1f} {row['p50_ms']:8.1f} {row['p95_ms']:8.1f} "
            f"{row['max_ms']:8.1f} {row['errors']:7d}")


def gunicorn_notes(log: str) -> dict:
    """Return what gunicorn's log says about workers: how many booted, and lines about timeouts, kills and errors."""
    boots = len(re.findall(r"Booting worker with pid", log))
    notes = [line for line in log.splitlines()
             if re.search(r"WORKER TIMEOUT|was sent|Traceback|\[ERROR\]|\bERROR\b|Exception", line)]
    return {"workers_booted": boots, "notes": notes[:20], "note_count": len(notes)}


def print_report(summary: dict) -> None:
    load = summary["load"]
    print(f"\n== Load: {load['clients']} clients for {load['seconds']:.1f} s ==")
    print(f"  {'':<24} {'requests':>7} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8} {'errors':>7}")
    print(stats_line("all", load["all"]))
    for kind, row in load["by_kind"].items():
        print(stats_line(kind, row))
    print("  sent while these ran (req/s over each phase's own time):")
    for phase, row in load["by_phase"].items():
        print(stats_line(f"{phase} ({row['phase_seconds']:.1f} s)", row))
    print(f"errors: {load['all']['errors']}")
    for error in summary["error_samples"]:
        print(f"  at {error['start']:6.1f} s {error['kind']:<8} {error['status']} {error['path']}: "
              f"{error['detail'][:160]!r}")

    print("\n== Background commands (times from the start of the load) ==")
    for job in summary["jobs"]:
        if job["started"] is None:
            print(f"{job['name']}: not started")
            continue
        ran = f"ran {job['seconds']:.1f} s" if job["seconds"] is not None else "did not finish"
        print(f"{job['name']}: started at {job['started']:.1f} s, {ran}, exit {job['returncode']}"
              + (" (killed after the wait)" if job["killed"] else ""))
        for line in job["output_tail"].splitlines():
            print(f"    {line}")

    after = summary["articles"]
    print("\n== Afterwards ==")
    print(f"articles: before {after['before']}, after {after['after']}, expected {after['expected']} "
          f"({after['before']} + {after['pages']} pages that parse; ingest reported {after['ingest_reported']} "
          f"ingested): {'nothing lost' if after['ok'] else 'MISMATCH'}")
    hits = summary["findable"]
    print(f"findable: {sum(hit['ok'] for hit in hits)} of {len(hits)} new articles found by their title word "
          f"through /api/search" + "".join(f"\n  {hit}" for hit in hits if not hit["ok"]))
    check = summary["check"]
    print(f"rebuild_index --check: exit {check['returncode']}: {'clean' if check['ok'] else 'NOT CLEAN'}")
    for line in check["output"].splitlines():
        print(f"    {line}")
    server = summary["gunicorn"]
    print(f"gunicorn: {server['workers_booted']} workers booted for {server['workers']} "
          f"({max(server['workers_booted'] - server['workers'], 0)} restarts), "
          f"{server['note_count']} log lines about timeouts or errors")
    for line in server["notes"]:
        print(f"    {line}")
    failed = [goal for goal, ok in summary["goals"].items() if not ok]
    print(f"\nResult: {'PASS' if not failed else 'FAIL: ' + ', '.join(failed)}")


# ---------------------------------------------------------------------------------------------------------------------


def _terminate(signum, frame):
    raise SystemExit(128 + signum)  # runs the finally blocks: gunicorn and the commands are stopped


def run(args: argparse.Namespace, workdir: Path) -> dict:
    """Set up, load, wait, check; return the summary (see print_report)."""
    var_dir = workdir / "var"
    env = child_env(var_dir, secrets.token_urlsafe(50))
    workers = args.workers or 2 * (os.cpu_count() or 1) + 1  # gunicorn.conf.py's default
    if args.workers:
        env["ARSIP_WORKERS"] = str(args.workers)

    watch = Stopwatch()
    origin = archive_make(args, var_dir, env, watch)
    pages, samples_used = pages_write(workdir / "pages", args.ingest, args.seed)
    watch.lap("pages")
    before = article_count(var_dir)
    targets = Targets.load(var_dir)
    precheck = subprocess.run(manage("rebuild_index", "--check"), cwd=ROOT, env=env, capture_output=True, text=True,
                              timeout=SETUP_STEP_SECONDS)
    watch.lap("check")
    print(f"Archive: {before} articles (seed {args.seed}), {origin}, in {var_dir}")
    print(f"Pages: {len(pages)} new pages from {samples_used} sample pages, all parse; "
          f"{sum(page.year_moved for page in pages)} with another year, "
          f"{sum(page.paragraphs_swapped for page in pages)} with two paragraphs swapped")
    print(f"Index before the load: {'clean' if precheck.returncode == 0 else 'NOT CLEAN'} "
          f"({tail(precheck.stdout + precheck.stderr, 3).replace(chr(10), ' ')})")
    if precheck.returncode:
        raise SetupError("the copied index does not match its database: the run could not tell what it broke")

    port = free_port()
    server_env = {**env, "ARSIP_BIND": f"{HOST}:{port}"}
    server_log = workdir / "gunicorn.log"
    jobs = [
        Job("ingest_articles", "ingest", manage("ingest_articles", str(workdir / "pages")),
            args.duration * INGEST_AT, workdir / "ingest.log"),
        Job("rebuild_index", "rebuild", manage("rebuild_index"), args.duration * REBUILD_AT, workdir / "rebuild.log"),
    ]
    server = None
    server_log_size = None
    try:
        server = server_start(server_env, server_log)
        home = server_wait(server, port, server_log)
        static = re.search(rb'href="(/static/[^"]+\.css)"', home)
        targets.static_path = static.group(1).decode() if static else ""
        watch.lap("gunicorn start")
        print(f"Server: gunicorn on http://{HOST}:{port}/, {workers} workers"
              f"{'' if args.workers else ' (gunicorn.conf.py default: 2 per core + 1)'}, {SETTINGS}")
        print(f"Setup: {watch}")
        print(f"Load: {args.clients} clients for {args.duration:.0f} s, mix "
              + ", ".join(f"{kind} {weight}" for kind, weight in MIX.items())
              + f" (static file: {targets.static_path or 'none found, not requested'}); ingest_articles at "
              f"{args.duration * INGEST_AT:.0f} s, rebuild_index at {args.duration * REBUILD_AT:.0f} s")

        start = time.monotonic()
        deadline = start + args.duration
        per_client: list[list[Sample]] = [[] for _ in range(args.clients)]
        threads = [threading.Thread(target=client_run, daemon=True, name=f"client-{number}",
                                    args=(number, port, targets, args.seed, start, deadline, per_client[number]))
                   for number in range(args.clients)]
        for thread in threads:
            thread.start()
        while time.monotonic() < deadline:
            offset = time.monotonic() - start
            for job in jobs:
                if job.process is None and offset >= job.start_at:
                    job.start(env, offset)
                job.poll(offset)
            time.sleep(0.05)
        for thread in threads:  # a request sent just before the deadline may take up to the client timeout
            thread.join(max(deadline + REQUEST_TIMEOUT_SECONDS + 5 - time.monotonic(), 0.1))
        load_seconds = time.monotonic() - start
        stuck = [thread.name for thread in threads if thread.is_alive()]

        wait_until = time.monotonic() + args.wait
        for job in jobs:  # a run shorter than a start time still runs the command, after the load
            if job.process is None:
                job.start(env, time.monotonic() - start)
        while any(job.running for job in jobs) and time.monotonic() < wait_until:
            for job in jobs:
                job.poll(time.monotonic() - start)
            time.sleep(0.1)
        for job in jobs:
            job.poll(time.monotonic() - start)
            if job.running:
                job.killed = True
                process_stop(job.process)
                job.poll(time.monotonic() - start)

        hits = findable(port, pages)
        server_log_size = server_log.stat().st_size  # what follows is the shutdown we ask for
    finally:
        if server is not None:
            process_stop(server)
        for job in jobs:
            if job.process is not None:
                process_stop(job.process)

    check = subprocess.run(manage("rebuild_index", "--check"), cwd=ROOT, env=env, capture_output=True, text=True,
                           timeout=SETUP_STEP_SECONDS)
    after = article_count(var_dir)
    samples = [sample for client in per_client for sample in client]
    samples.sort(key=lambda sample: sample.start)
    errors = [sample for sample in samples if is_error(sample)]
    ingest_output = jobs[0].output()
    reported = re.search(r"Ingested (\d+), unchanged (\d+), updated (\d+), failed (\d+)", ingest_output)
    expected = before + len(pages)
    phases = phase_seconds(jobs, load_seconds)
    summary = {
        "articles": {"before": before, "after": after, "expected": expected, "pages": len(pages),
                     "ingest_reported": int(reported.group(1)) if reported else None, "ok": after == expected},
        "load": {
            "clients": args.clients, "seconds": load_seconds, "stuck_clients": stuck,
            "all": stats(samples, load_seconds),
            "by_kind": {kind: stats([s for s in samples if s.kind == kind], load_seconds) for kind in MIX},
            "by_phase": {phase: {**stats([s for s in samples if phase_at(s.start, jobs) == phase], lasted),
                                 "phase_seconds": lasted} for phase, lasted in phases.items()},
        },
        "error_samples": [asdict(sample) for sample in errors[:ERROR_SAMPLES]],
        "jobs": [job.summary() for job in jobs],
        "findable": hits,
        "check": {"returncode": check.returncode, "ok": check.returncode == 0,
                  "output": tail(check.stdout + check.stderr, OUTPUT_TAIL_LINES)},
        "gunicorn": {"workers": workers, **gunicorn_notes(server_log.read_bytes()[:server_log_size].decode(
            "utf-8", "replace"))},
    }
    summary["goals"] = {
        "0 errors": not errors and not stuck,
        "nothing lost": summary["articles"]["ok"] and all(hit["ok"] for hit in hits),
        "check clean": check.returncode == 0,
        "ingest exit 0": jobs[0].returncode == 0,
        "rebuild exit 0": jobs[1].returncode == 0,
    }
    summary["ok"] = all(summary["goals"].values())
    return summary


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000, help="size of the synthetic archive (default 10000)")
    parser.add_argument("--ingest", type=int, default=1000, help="new pages ingested during the load (default 1000)")
    parser.add_argument("--duration", type=float, default=60.0, help="seconds of load (default 60)")
    parser.add_argument("--clients", type=int, default=8, help="concurrent clients (default 8)")
    parser.add_argument("--workers", type=int, help="gunicorn workers (default: gunicorn.conf.py's, 2 per core + 1)")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED,
                        help=f"corpus seed, also of the new pages and the request mix (default {DEFAULT_SEED})")
    parser.add_argument("--wait", type=float, default=600.0,
                        help="seconds to wait after the load for the ingest and the rebuild to end (default 600)")
    parser.add_argument("--fresh", action="store_true",
                        help="build the corpus in the temporary directory instead of using var/bench/<N>/ (small N)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary directory (its path is printed)")
    parser.add_argument("--json", type=Path, metavar="PATH", help="also write the summary as JSON to PATH")
    args = parser.parse_args()
    if args.ingest < 1 or args.clients < 1 or args.duration <= 0:
        parser.error("--ingest, --clients and --duration must be positive")
    script_run(args, run, print_report, prefix="arsip-load-")


def script_run(args: argparse.Namespace, run: Callable[[argparse.Namespace, Path], dict],
               report: Callable[[dict], None], *, prefix: str) -> None:
    """Run a load script: print the machine, ``run`` it in a new temporary directory (kept with --keep), print its
    ``report``, write --json, and exit 0 only when the summary says ok."""
    sys.stdout.reconfigure(line_buffering=True)
    signal.signal(signal.SIGTERM, _terminate)
    print(f"Machine: {machine()}, load average {' '.join(f'{load:.2f}' for load in os.getloadavg())} at the start")
    print(f"Code: {code_version()}, started {now()}")
    workdir = Path(tempfile.mkdtemp(prefix=prefix))
    try:
        summary = run(args, workdir)
    except SetupError as error:
        print(f"Setup failed: {error}", file=sys.stderr)
        summary = {"ok": False, "setup_error": str(error)}
    finally:
        if args.keep:
            print(f"Kept {workdir}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)
    if "setup_error" not in summary:
        report(summary)
    if args.json:
        args.json.write_text(json.dumps(summary, indent=1, ensure_ascii=False, default=str) + "\n")
    sys.exit(0 if summary["ok"] else 1)


if __name__ == "__main__":
    main()
