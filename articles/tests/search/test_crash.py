"""Real processes killed with SIGKILL midway: a later run finishes their index work, and nothing they leave behind
blocks the next command.

Each test runs manage.py in subprocesses over an archive of its own: a SQLite file (migrated once for the module,
then copied) and an index directory. A small wrapper stops the command at a known point (it prints a line and waits)
so that the kill lands midway on every machine, however fast.
"""

from __future__ import annotations

import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

# Many seconds in all (see `make test-fast`): left out of the fast run.
# The Whoosh index's writes and rebuilds killed midway, over SQLite archives of their own (the PostgreSQL engine's rows
# are written in the transaction that a kill rolls back: test_pgsearch_engine.py).
pytestmark = [pytest.mark.slow, pytest.mark.whoosh_engine]

ROOT = Path(__file__).resolve().parents[3]
SAMPLES = ROOT / "fixtures" / "sample_articles"

# Runs manage.py with the ingest service's batch save replaced by a stop: batches of four pages, each committed in a
# transaction of its own, and after ARSIP_TEST_STOP_AFTER pages it prints "stopped" and waits for its kill (the index
# write of those pages was still to come: it follows every INDEX_EVERY pages).
STOPPING = """
import os, signal, sys
import django
django.setup()
from django.core.management import execute_from_command_line
from articles.services import ingest
ingest.SAVE_EVERY = 4
real = ingest._Saver.save
calls = []
def save(self, chunk):
    if len(calls) * ingest.SAVE_EVERY == int(os.environ["ARSIP_TEST_STOP_AFTER"]):
        print("stopped", flush=True)
        signal.pause()
    calls.append(1)
    return real(self, chunk)
ingest._Saver.save = save
execute_from_command_line(["manage.py", *sys.argv[1:]])
"""

# Runs a rebuild in parallel (two forked sub-writers, four articles a chunk) that stops after its first chunk and
# prints the pids of its sub-writers.
STOPPING_REBUILD = """
import multiprocessing, os, signal, sys
import django
django.setup()
from django.core.management import execute_from_command_line
from articles.search import rebuild
rebuild.PARALLEL_BUILD_FROM, rebuild.PARALLEL_BATCH, rebuild._CHUNK = 5, 2, 4
rebuild.os.cpu_count = lambda: 2
real = rebuild.article_documents
chunks = []
def article_documents(ids):
    if chunks:
        print("children", *[child.pid for child in multiprocessing.active_children()], flush=True)
        signal.pause()
    chunks.append(ids)
    yield from real(ids)
rebuild.article_documents = article_documents
execute_from_command_line(["manage.py", *sys.argv[1:]])
"""


@pytest.fixture(scope="module")
def migrated_database(tmp_path_factory):
    """Return a migrated SQLite archive with the reference data loaded (made once, copied by each test)."""
    folder = tmp_path_factory.mktemp("archive")
    database = folder / "arsip.sqlite3"
    env = _environment(database, folder / "index")
    for command in (["migrate", "-v0"], ["load_sample_archive", "--reference-only", "-v0"]):
        done = subprocess.run([sys.executable, "manage.py", *command], cwd=ROOT, env=env, capture_output=True,
                              text=True)
        assert done.returncode == 0, done.stderr
    return database


@pytest.fixture
def archive_env(migrated_database, tmp_path):
    database = tmp_path / "arsip.sqlite3"
    shutil.copy(migrated_database, database)
    return _environment(database, tmp_path / "index")


def _environment(database: Path, index: Path) -> dict[str, str]:
    return {**os.environ, "DJANGO_SETTINGS_MODULE": "newsarchive.settings.test",
            "ARSIP_DATABASE_URL": f"sqlite:///{database}", "ARSIP_INDEX_DIR": str(index)}


def manage(env, *args) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "manage.py", *map(str, args)], cwd=ROOT, env=env, capture_output=True,
                          text=True)


def stopped(env, script: str, *args, **extra_env) -> tuple[subprocess.Popen, str]:
    """Start manage.py through ``script`` and return the process and its line once it has stopped midway."""
    process = subprocess.Popen([sys.executable, "-c", script, *map(str, args)], cwd=ROOT, text=True,
                               env={**env, **extra_env}, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    while True:
        line = process.stdout.readline()
        if not line:
            process.wait()
            pytest.fail(f"the command ended before its stop: {process.stderr.read()}")
        if line.startswith(("stopped", "children")):
            return process, line


def kill(process: subprocess.Popen) -> None:
    process.send_signal(signal.SIGKILL)
    process.wait()
    process.stdout.close()
    process.stderr.close()


def rows(env, table: str) -> int:
    with sqlite3.connect(env["ARSIP_DATABASE_URL"].removeprefix("sqlite:///")) as connection:
        return connection.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]  # noqa: S608 (our own names)


def generation(env) -> str:
    return os.readlink(Path(env["ARSIP_INDEX_DIR"]) / "current")


@pytest.fixture
def pages(tmp_path) -> Path:
    """A folder of 30 sample pages."""
    folder = tmp_path / "pages"
    folder.mkdir()
    for path in sorted(SAMPLES.glob("*.txt"))[:30]:
        shutil.copy(path, folder / path.name)
    return folder


def test_killed_ingest_is_finished_by_running_it_again_without_a_rebuild(archive_env, pages):
    process, _line = stopped(archive_env, STOPPING, "ingest_articles", pages, ARSIP_TEST_STOP_AFTER="20")
    kill(process)
    assert rows(archive_env, "articles_article") == 20
    assert rows(archive_env, "articles_pendingindex") == 20  # the saves' debt outlived the process
    check = manage(archive_env, "rebuild_index", "--check")
    assert check.returncode == 1
    assert "20 missing from the index" in check.stdout
    serving = generation(archive_env)

    again = manage(archive_env, "ingest_articles", pages)

    assert again.returncode == 0, again.stdout + again.stderr
    assert "Indexed 20 articles an earlier run had saved but not indexed." in again.stdout
    assert "Ingested 10, unchanged 20, updated 0, failed 0" in again.stdout
    check = manage(archive_env, "rebuild_index", "--check")
    assert check.returncode == 0, check.stdout + check.stderr
    assert "Database 30 articles, index 30 documents" in check.stdout
    assert generation(archive_env) == serving  # no rebuild ran: the same generation serves
    assert rows(archive_env, "articles_pendingindex") == 0


def test_killed_ingest_is_finished_by_check_repair_without_a_rebuild(archive_env, pages):
    process, _line = stopped(archive_env, STOPPING, "ingest_articles", pages, ARSIP_TEST_STOP_AFTER="12")
    kill(process)
    serving = generation(archive_env)

    repair = manage(archive_env, "rebuild_index", "--check", "--repair")

    assert repair.returncode == 0, repair.stdout + repair.stderr
    assert "12 waiting in the index queue" in repair.stdout
    assert "Repaired the index in place: wrote 12 documents." in repair.stdout
    assert generation(archive_env) == serving
    assert manage(archive_env, "rebuild_index", "--check").returncode == 0


def alive(pid: int) -> bool:
    """Return whether a process runs (a zombie waiting for its reaper does not)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, ProcessLookupError):
        return False
    return state not in ("Z", "X")


def wait_until_gone(pids: list[int]) -> list[int]:
    """Wait (up to 30 s, a bound for a broken build, not a measure) for these processes to end; return those left."""
    for _ in range(300):
        if not any(alive(pid) for pid in pids):
            break
        time.sleep(0.1)
    return [pid for pid in pids if alive(pid)]


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the build's writers die with it through prctl")
def test_killed_rebuild_leaves_no_writer_and_the_next_rebuild_runs_at_once(archive_env, pages):
    assert manage(archive_env, "ingest_articles", pages).returncode == 0
    process, line = stopped(archive_env, STOPPING_REBUILD, "rebuild_index")
    children = [int(pid) for pid in line.split()[1:]]
    assert children  # the build had forked its writers
    journal = Path(archive_env["ARSIP_INDEX_DIR"]) / "rebuild-journal"
    assert journal.exists()

    kill(process)

    assert wait_until_gone(children) == []  # its writers died with it
    again = manage(archive_env, "rebuild_index")
    assert again.returncode == 0, again.stdout + again.stderr
    assert "Rebuilt the index: 30 articles" in again.stdout
    assert not journal.exists()
    assert manage(archive_env, "rebuild_index", "--check").returncode == 0
    # The dead rebuild's unfinished generation is gone; the previous one stays for readers that hold it.
    assert len(list(Path(archive_env["ARSIP_INDEX_DIR"]).glob("gen-*"))) == 2
