"""Real-browser tests: Debian's Chromium, driven by Playwright, against pytest-django's live server.

Every test here gets the live server (so a transactional database: what the test saves is committed, reaches the
index through on-commit indexing and is seen by the server's thread) and its own Whoosh index (the root conftest's
``tmp_index``). Chromium is launched by path, never downloaded: ``ARSIP_CHROMIUM``, else ``chromium`` on the PATH.
When a test fails, a screenshot of its page is saved under ``var/screenshots/`` and named in the failure report.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
# Under the repository, not settings.VAR_DIR: the test settings may point that elsewhere, and a reader of a failed run
# looks next to the code.
SCREENSHOT_DIR = ROOT / "var" / "screenshots"
CHROMIUM = os.environ.get("ARSIP_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
# The network here is closed: without these Chromium keeps trying to reach Google's hosts (updates, sync, QUIC
# probes). No sandbox: tests may run as root in a container, where Chromium refuses to start with one.
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
]
# Every action and expect() waits at most this long: the live server answers a page of this small archive in well
# under a second, so a longer wait only delays the report of a real failure.
TIMEOUT_MS = 10_000

# The screenshot lines of the run's failed tests, for the terminal summary.
_SCREENSHOTS = pytest.StashKey[list]()
BROWSER_DIR = Path(__file__).resolve().parent


# tryfirst: before pytest's own hook deselects by -m, so `make test-fast` (-m "not browser") sees the marker.
@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items):
    """Mark every test under this directory `browser`, a test added later included."""
    for item in items:
        if BROWSER_DIR in item.path.parents:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser():
    """Start Playwright and one headless Chromium for the whole session."""
    if not Path(CHROMIUM).is_file():
        reason = (f"Chromium not found at {CHROMIUM}; `make test` installs the Debian package chromium "
                  "(or set ARSIP_CHROMIUM to a Chromium binary)")
        if os.environ.get("CI"):
            pytest.fail(reason, pytrace=False)
        pytest.skip(reason)
    from playwright.sync_api import expect, sync_playwright

    # Playwright's sync API keeps an asyncio loop running in the main thread, and Django then refuses the tests' ORM
    # calls (SynchronousOnlyOperation) although they are plain synchronous code. Set here rather than on import, so
    # a run without browser tests keeps Django's check; pytest-django runs these transactional tests after the others.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    expect.set_options(timeout=TIMEOUT_MS)
    playwright = sync_playwright().start()
    try:
        yield playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
    finally:
        playwright.stop()
        if previous is None:
            del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def page(browser, live_server):
    """Return a fresh page (its own context: cookies, language) whose relative URLs go to the live server.

    The live server makes the test's database transactional: it is emptied after each test, and post_migrate puts
    back the "Editor" group (articles.services.editor_group_ensure) that ``editor`` needs.
    """
    context = browser.new_context(locale="id-ID", timezone_id="Asia/Jakarta", base_url=live_server.url)
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    yield page
    context.close()


def screenshot_path(nodeid: str) -> Path:
    """Return the screenshot file of a test: its node id with each run of characters other than letters, digits, "_",
    "." and "-" replaced by one "_" ("articles/tests/browser/test_x.py::test_y[a b]" gives
    "articles_tests_browser_test_x.py_test_y_a_b.png")."""
    return SCREENSHOT_DIR / (re.sub(r"[^\w.-]+", "_", nodeid).strip("_")[:200] + ".png")


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    """Photograph the page of a browser test that failed, while it is still open, and name the file in the report."""
    report = yield
    page = getattr(item, "funcargs", {}).get("page")
    if report.failed and report.when in ("setup", "call") and page is not None and not page.is_closed():
        path = screenshot_path(item.nodeid)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=path, full_page=True, timeout=5_000)
            line = f"screenshot: {path}"
        except Exception as error:  # the report of the test's own failure matters more than the picture
            line = f"screenshot failed: {error}"
        report.sections.append(("browser", f"{line}\npage: {page.url}"))
        item.config.stash.setdefault(_SCREENSHOTS, []).append(line)
    return report


def pytest_terminal_summary(terminalreporter, config):
    """List the screenshots of failed browser tests at the end of the run, where a CI log is read first."""
    lines = config.stash.get(_SCREENSHOTS, [])
    if lines:
        terminalreporter.section("browser screenshots")
        for line in lines:
            terminalreporter.write_line(line)
