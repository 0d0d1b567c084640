"""The import contracts of pyproject.toml (docs/architecture.md), run as CI runs them: `lint-imports`.

The real contracts hold, and a contract the code breaks fails the run with its name and the offending import, so a
contract cannot pass by being mis-spelled or ignored.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# The venv's own script, beside its python, as `make test` runs it.
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")

# articles.ingest.lines normalizes the page through articles.ingest.text, so this contract is broken today.
BROKEN_ON_PURPOSE = """
[[tool.importlinter.contracts]]
name = "Broken on purpose: ingest.lines does not import ingest.text"
type = "forbidden"
source_modules = ["articles.ingest.lines"]
forbidden_modules = ["articles.ingest.text"]
"""


def lint_imports(config: Path) -> subprocess.CompletedProcess:
    # Wide columns: the report wraps long contract names and import lines at the terminal's width.
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-logo", "--no-cache", "--config", str(config)],
        cwd=ROOT, capture_output=True, text=True, timeout=120, env={**os.environ, "COLUMNS": "200"},
    )


def test_the_import_contracts_hold():
    result = lint_imports(ROOT / "pyproject.toml")

    assert result.returncode == 0, result.stdout + result.stderr
    assert ", 0 broken." in result.stdout


def test_a_contract_the_code_breaks_fails_the_run_and_is_named(tmp_path):
    config = tmp_path / "pyproject.toml"
    config.write_text((ROOT / "pyproject.toml").read_text(encoding="utf-8") + BROKEN_ON_PURPOSE, encoding="utf-8")

    result = lint_imports(config)

    assert result.returncode == 1, result.stdout + result.stderr
    assert "Broken on purpose: ingest.lines does not import ingest.text BROKEN" in result.stdout
    assert "articles.ingest.lines -> articles.ingest.text" in result.stdout
    assert ", 1 broken." in result.stdout
