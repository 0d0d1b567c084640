"""What the browser tests share about a reader: the two screen sizes every page is tried at, and reaching an element
by keyboard alone."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1366, "height": 900}
SIZES = {"phone": PHONE, "desktop": DESKTOP}
# Tab presses allowed to reach an element: more than the pages tried have links before it, so an element out of the
# Tab order fails the test instead of looping.
MAX_TABS = 120


def tab_to(page: Page, locator, *, max_tabs: int = MAX_TABS) -> None:
    """Press Tab until ``locator`` has the focus (a keyboard reader's way there), failing after ``max_tabs``."""
    for _press in range(max_tabs):
        page.keyboard.press("Tab")
        if locator.evaluate("element => element === document.activeElement"):
            return
    pytest.fail(f"no focus on {locator} after {max_tabs} Tab presses")
