"""axe-core in the browser tests: run its rules on the page as it stands and return what it finds.

axe is the vendored file ``vendor/axe.min.js`` (see ``vendor/README.md``): injected into the page under test, never
served by the site and never fetched from the network.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from playwright.sync_api import Page

AXE_JS = Path(__file__).resolve().parent / "vendor" / "axe.min.js"
# The impacts the "done when" names: a page passes with minor or moderate findings, not these.
SERIOUS = ("serious", "critical")
# Only the violations (not the passes, the incomplete and the inapplicable rules): axe then builds a smaller report.
_RUN = """async () => {
    const results = await axe.run(document, {resultTypes: ["violations"]});
    return results.violations.map(v => ({
        id: v.id, impact: v.impact, help: v.help,
        targets: v.nodes.map(node => node.target.join(" ")),
    }));
}"""


@cache
def _axe_source() -> str:
    return AXE_JS.read_text(encoding="utf-8")


def axe_violations(page: Page, *, impacts: tuple[str, ...] = SERIOUS) -> list[dict]:
    """Return axe's violations of these impacts on the page: id, impact, help and the CSS targets of the nodes.

    axe is evaluated in the page, not added as a <script> tag: the site's Content-Security-Policy (script-src 'self')
    refuses an inline script, and what Playwright evaluates through the DevTools protocol is not subject to it. The
    page under test keeps its real policy. A navigation drops axe with the old document, so it is added when missing.
    """
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.evaluate(_axe_source())
    return [violation for violation in page.evaluate(_RUN) if violation["impact"] in impacts]


def describe(violations: list[dict]) -> str:
    """Return the violations as lines a failure message can show: "id (impact, N nodes): help: targets"."""
    lines = []
    for violation in violations:
        targets = ", ".join(violation["targets"][:5]) + (" ..." if len(violation["targets"]) > 5 else "")
        lines.append(f"{violation['id']} ({violation['impact']}, {len(violation['targets'])} nodes): "
                     f"{violation['help']}: {targets}")
    return "\n".join(lines)
