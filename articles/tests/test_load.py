"""scripts/load_test.py, short: a small archive served by gunicorn under load while pages are ingested and the index
rebuilt. The script makes its own archive in a temporary directory (--fresh); nothing here uses the test database."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.load

ROOT = Path(__file__).resolve().parents[2]
# About 25 s on 2 cores: 10 s of load, the rest is setting the archive up and waiting for the commands. The limit is
# for a machine that is busy with other work; the script stops gunicorn and its commands when it is terminated.
TIMEOUT_SECONDS = 180


def test_load_short_run_loses_nothing(tmp_path):
    summary_path = tmp_path / "summary.json"
    command = [
        sys.executable, str(ROOT / "scripts" / "load_test.py"), "--fresh", "--articles", "300", "--ingest", "100",
        "--duration", "10", "--clients", "8", "--workers", "2", "--json", str(summary_path),
    ]
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        output, _ = process.communicate(timeout=TIMEOUT_SECONDS)
    except subprocess.TimeoutExpired:
        process.terminate()  # SIGTERM: the script's finally blocks stop gunicorn, the ingest and the rebuild
        try:
            output, _ = process.communicate(timeout=60)
        except subprocess.TimeoutExpired:
            process.kill()
            output, _ = process.communicate()
        pytest.fail(f"load_test.py ran over {TIMEOUT_SECONDS} s:\n{output}")

    assert process.returncode == 0, output
    summary = json.loads(summary_path.read_text())
    assert summary["goals"] == {
        "0 errors": True, "nothing lost": True, "check clean": True, "ingest exit 0": True, "rebuild exit 0": True,
    }, output
    assert summary["load"]["all"]["requests"] > 0
    assert summary["load"]["all"]["errors"] == 0
    assert summary["articles"]["after"] == summary["articles"]["before"] + 100 == 400
    assert summary["articles"]["ingest_reported"] == 100
    assert all(hit["ok"] for hit in summary["findable"])
    assert "The index matches the database." in summary["check"]["output"]
