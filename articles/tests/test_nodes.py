"""Two web nodes over one archive: gunicorn twice, each with its own var directory, over a PostgreSQL primary and its
streaming replica (scripts/with_postgres.py's servers). What one node saves the other serves; a node's reader reads
from the replica; the editor who has just saved reads the primary (newsarchive/db_router.py, the pin cookie).

Only in the SQLite pass of the suite: this module makes its own servers, and the PostgreSQL passes would only repeat it.
"""

from __future__ import annotations

import glob
import http.cookiejar
import importlib.util
import json
import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from contextlib import contextmanager
from pathlib import Path

import psycopg
import pytest
from django.conf import settings

ROOT = Path(__file__).resolve().parents[2]
SAMPLE_DIR = ROOT / "fixtures" / "sample_articles"

# Two servers, a migration and two gunicorns: about 15 s on 2 cores.
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not glob.glob("/usr/lib/postgresql/*/bin/pg_basebackup"),
                       reason="PostgreSQL's server is not installed (make test installs it: ARSIP_TEST_POSTGRES=1)"),
    pytest.mark.skipif(bool(os.environ.get("ARSIP_DATABASE_URL")),
                       reason="runs in the SQLite pass only: it makes its own PostgreSQL primary and replica"),
]

PASSWORD = "kata-sandi-redaksi-2017"
KEY = "n" * 60 + "-nodes-test-key-0123456789"
# How long a save may take to reach the other node through the replica (its lag is well under a second here).
REPLICATION_WAIT_SECONDS = 15


def _with_postgres():
    """Import scripts/with_postgres.py (not a package) by its path."""
    spec = importlib.util.spec_from_file_location("with_postgres", ROOT / "scripts" / "with_postgres.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def servers():
    """Start a primary and a hot standby streaming from it; yield both."""
    with_postgres = _with_postgres()
    started = []
    try:
        started.append(primary := with_postgres.Server())
        primary.start(replicated=True)
        started.append(replica := with_postgres.Server())
        replica.start_replica_of(primary)
        yield primary, replica
    finally:
        for server in reversed(started):
            server.stop()


def _env(var_dir: Path, primary, replica, **extra: str) -> dict[str, str]:
    """Return a node's environment, as `make serve` would run it over plain HTTP."""
    return {
        "PATH": f"{Path(sys.executable).parent}:/usr/bin:/bin",
        "DJANGO_SETTINGS_MODULE": "newsarchive.settings.production",
        "ARSIP_SECRET_KEY": KEY,  # the same on every node: a session or CSRF token from one is good on the other
        "ARSIP_HTTPS": "0",
        "ARSIP_ALLOWED_HOSTS": "127.0.0.1",
        "ARSIP_VAR_DIR": str(var_dir),
        "ARSIP_DATABASE_URL": primary.url,
        "ARSIP_DATABASE_REPLICA_URL": replica.url,
        "ARSIP_SEARCH_BACKEND": "postgres",
        **extra,
    }


def _manage(env: dict[str, str], *args: str) -> None:
    result = subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def nodes(servers, tmp_path_factory):
    """Migrate the primary, make an editor, and serve it from two gunicorns; yield their ports (A, B)."""
    primary, replica = servers
    processes, ports = [], []
    try:
        for name in ("a", "b"):
            var_dir = tmp_path_factory.mktemp(f"node-{name}")
            port = _free_port()
            env = _env(var_dir, primary, replica, ARSIP_BIND=f"127.0.0.1:{port}", ARSIP_WORKERS="1")
            if name == "a":  # once for the archive, against the primary, as an operator would
                _manage(env, "migrate", "--noinput", "-v0")
                _manage({**env, "DJANGO_SUPERUSER_PASSWORD": PASSWORD}, "createsuperuser", "--noinput",
                        "--username", "redaksi", "--email", "redaksi@example.id", "-v0")
            _manage(env, "collectstatic", "--noinput", "-v0")
            log = open(var_dir / "gunicorn.log", "w+")  # closed with its process, below
            processes.append((subprocess.Popen(
                [str(Path(sys.executable).parent / "gunicorn"), "--config", "newsarchive/gunicorn.conf.py",
                 "newsarchive.wsgi:application"],
                cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
            ), log))
            ports.append(port)
        for (process, log), port in zip(processes, ports, strict=True):
            _wait_for_port(process, log, port)
        yield tuple(ports)
    finally:
        for process, log in processes:
            process.terminate()
            process.wait(timeout=15)
            log.close()


def _wait_for_port(process: subprocess.Popen, log, port: int) -> None:
    deadline = time.monotonic() + 30
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                log.seek(0)
                pytest.fail(f"gunicorn on {port} did not start:\n{log.read()}")
            time.sleep(0.1)


class Client:
    """A browser of one node: it keeps its cookies (session, CSRF, the pin) and follows redirects."""

    def __init__(self, port: int) -> None:
        self.base = f"http://127.0.0.1:{port}"
        self.cookies = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.cookies))

    def request(self, path: str, *, body: bytes | None = None, content_type: str = "") -> tuple[int, str]:
        headers = {"Content-Type": content_type} if content_type else {}
        request = urllib.request.Request(self.base + path, data=body, headers=headers)
        try:
            with self.opener.open(request, timeout=30) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode()

    def get(self, path: str) -> tuple[int, str]:
        return self.request(path)

    def post_form(self, path: str, fields: dict[str, str]) -> tuple[int, str]:
        return self.request(path, body=urllib.parse.urlencode(fields).encode(),
                            content_type="application/x-www-form-urlencoded")

    def post_files(self, path: str, fields: dict[str, str], files: dict[str, tuple[str, bytes]]) -> tuple[int, str]:
        boundary = uuid.uuid4().hex
        parts = [f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode()
                 for name, value in fields.items()]
        parts += [f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
                  f"Content-Type: text/plain\r\n\r\n".encode() + data + b"\r\n"
                  for name, (filename, data) in files.items()]
        return self.request(path, body=b"".join(parts) + f"--{boundary}--\r\n".encode(),
                            content_type=f"multipart/form-data; boundary={boundary}")

    def form_token(self, path: str) -> str:
        status, page = self.get(path)
        assert status == 200, page
        return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)

    def has_pin(self) -> bool:
        return any(cookie.name == "arsip_primary" for cookie in self.cookies)


@pytest.fixture(scope="module")
def editor(nodes):
    """Return the editor's browser on node A, logged in through the admin's login form."""
    client = Client(nodes[0])
    token = client.form_token("/admin/login/")
    status, page = client.post_form("/admin/login/", {
        "csrfmiddlewaretoken": token, "username": "redaksi", "password": PASSWORD, "next": "/admin/"})
    assert status == 200 and "/admin/logout/" in page, page
    return client


def _page(sample: str, word: str) -> tuple[str, bytes]:
    """Return a sample page with ``word`` added to its title (its first line): a new story, found by that word alone."""
    title, rest = (SAMPLE_DIR / sample).read_text(encoding="utf-8").split("\n", 1)
    return f"{word}.txt", f"{title} {word}\n{rest}".encode()


def _upload(editor: Client, sample: str, word: str) -> int:
    """Save a story through the admin's upload on the editor's node; return its id."""
    token = editor.form_token("/admin/articles/article/unggah/")
    status, page = editor.post_files("/admin/articles/article/unggah/", {"csrfmiddlewaretoken": token},
                                     {"files": _page(sample, word)})
    assert status == 200, page
    saved = re.search(r'href="/admin/articles/article/(\d+)/change/"', page)
    assert saved, f"the upload saved nothing:\n{page}"
    return int(saved.group(1))


def _until(check, *, seconds: float = REPLICATION_WAIT_SECONDS):
    """Return check()'s first true answer, asking every 0.1 s; fail after ``seconds``."""
    deadline = time.monotonic() + seconds
    while not (answer := check()):
        assert time.monotonic() < deadline, f"not within {seconds} s"
        time.sleep(0.1)
    return answer


def _article(port: int, pk: int) -> dict | None:
    """Return GET /api/artikel/<pk> on a node for an anonymous reader, or None on its 404."""
    status, body = Client(port).get(f"/api/artikel/{pk}")
    assert status in {200, 404}, body
    return json.loads(body) if status == 200 else None


def _found_ids(port: int, word: str) -> list[int]:
    status, body = Client(port).get(f"/api/search?q={word}")
    assert status == 200, body
    return [hit["id"] for hit in json.loads(body)["results"]]


@contextmanager
def _replay_paused(replica):
    """Hold the replica at what it has replayed so far: it still receives the primary's changes, and shows none."""
    with psycopg.connect(replica.url.replace("postgres://", "postgresql://"), autocommit=True) as connection:
        connection.execute("SELECT pg_wal_replay_pause()")
        _until(lambda: connection.execute("SELECT pg_get_wal_replay_pause_state()").fetchone()[0] == "paused")
        try:
            yield
        finally:
            connection.execute("SELECT pg_wal_replay_resume()")


def _needs_postgres_search() -> None:
    if not hasattr(settings, "ARSIP_SEARCH_BACKEND"):
        pytest.skip("ARSIP_SEARCH_BACKEND=postgres (search from the database, no index per node) is not in this "
                    "branch yet: the nodes' searches would read their own, empty Whoosh index")


def test_a_story_saved_through_one_node_is_served_by_the_other(nodes, editor):
    pk = _upload(editor, "kompas_2013_banjir-bundaran-hi.txt", "zamrudnodesatu")
    article = _until(lambda: _article(nodes[1], pk))
    assert article["title"].endswith("zamrudnodesatu")
    status, page = Client(nodes[1]).get(f"/artikel/{pk}/")
    assert status == 200 and "zamrudnodesatu" in page


def test_readers_read_from_the_replica_and_the_editor_who_saved_from_the_primary(nodes, servers, editor):
    node_a, node_b = nodes
    with _replay_paused(servers[1]):
        pk = _upload(editor, "kumparan_2019_gempa-ambon.txt", "zamrudnodedua")
        assert editor.has_pin()
        # The editor's next pages, on the node that saved, come from the primary: the story is there.
        status, page = editor.get(f"/artikel/{pk}/")
        assert status == 200 and "zamrudnodedua" in page
        status, page = editor.get(f"/admin/articles/article/{pk}/change/")
        assert status == 200 and "zamrudnodedua" in page
        # Readers, on either node, read from the replica, which has not replayed the save yet.
        assert _article(node_a, pk) is None
        assert _article(node_b, pk) is None
    assert _until(lambda: _article(node_b, pk))["title"].endswith("zamrudnodedua")


def test_a_search_on_one_node_finds_a_story_saved_through_the_other_once_the_replica_has_it(nodes, servers, editor):
    _needs_postgres_search()
    node_b = nodes[1]
    first = _upload(editor, "antara_2014_mk-tolak-gugatan-prabowo.txt", "zamrudcaritiga")
    assert _until(lambda: _found_ids(node_b, "zamrudcaritiga")) == [first]
    with _replay_paused(servers[1]):
        second = _upload(editor, "katadata_2022_harga-pertalite-naik.txt", "zamrudcariempat")
        assert editor.get(f"/api/artikel/{second}")[0] == 200  # the primary has it
        assert _found_ids(node_b, "zamrudcariempat") == []  # the search read the replica
    assert _until(lambda: _found_ids(node_b, "zamrudcariempat")) == [second]
