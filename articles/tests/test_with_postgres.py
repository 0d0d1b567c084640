"""scripts/with_postgres.py: a throwaway PostgreSQL server around a command, removed afterwards."""

from __future__ import annotations

import glob
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

# A throwaway server is started and removed: many seconds.
pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "scripts" / "with_postgres.py"
HAS_SERVER = bool(glob.glob("/usr/lib/postgresql/*/bin/initdb"))


needs_server = pytest.mark.skipif(
    not HAS_SERVER, reason="PostgreSQL's server is not installed (make test installs it when ARSIP_TEST_POSTGRES=1)")


def _server_dirs() -> set[str]:
    return set(glob.glob(str(Path(tempfile.gettempdir()) / "arsip-pg-*")))


@needs_server
def test_the_command_reaches_its_server_and_its_exit_status_is_kept():
    before = _server_dirs()
    probe = (
        "import os, psycopg; url = os.environ['ARSIP_DATABASE_URL']; "
        "print(psycopg.connect(url.replace('postgres://', 'postgresql://')).execute('select 40 + 2').fetchone()[0]); "
        "raise SystemExit(3)"
    )
    result = subprocess.run([sys.executable, str(SCRIPT), sys.executable, "-c", probe],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 3, result.stderr
    assert result.stdout.splitlines()[-1] == "42"
    assert _server_dirs() == before  # stopped and removed


@needs_server
def test_with_replica_the_command_also_reaches_a_hot_standby_that_follows_the_server():
    before = _server_dirs()
    probe = (
        "import os, time, psycopg\n"
        "def connect(name): return psycopg.connect(os.environ[name].replace('postgres://', 'postgresql://'), "
        "autocommit=True)\n"
        "primary, replica = connect('ARSIP_DATABASE_URL'), connect('ARSIP_DATABASE_REPLICA_URL')\n"
        "primary.execute('create table t as select 42 as x')\n"
        "deadline = time.monotonic() + 10\n"
        "while not replica.execute(\"select to_regclass('t')\").fetchone()[0] and time.monotonic() < deadline:\n"
        "    time.sleep(0.05)\n"
        "print(replica.execute('select pg_is_in_recovery(), (select x from t)').fetchone())\n"
    )
    result = subprocess.run([sys.executable, str(SCRIPT), "--replica", sys.executable, "-c", probe],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "(replica on 127.0.0.1:" in result.stdout
    assert result.stdout.splitlines()[-1] == "(True, 42)"
    assert _server_dirs() == before  # both stopped and removed


def test_without_a_command_it_explains_itself():
    result = subprocess.run([sys.executable, str(SCRIPT)], capture_output=True, text=True)
    assert result.returncode == 2
    assert "Usage:" in result.stdout
