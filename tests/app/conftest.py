"""Fixtures of the web-app tests: a page in Debian's headless Chromium."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from typing import Any

import pytest

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"


@pytest.fixture
def page() -> Iterator[Any]:
    """A page in Debian's headless Chromium (Playwright's own browser download cannot work here)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        try:
            yield browser.new_page(viewport={"width": 1366, "height": 900})
        finally:
            browser.close()


def open_tab(page: Any, name: str) -> None:
    """Click a tab; on a phone, Gradio folds tabs that do not fit into its overflow menu."""
    tab = page.get_by_role("tab", name=name)
    if not tab.first.is_visible():
        page.locator(".overflow-menu > button").click()
        page.locator(".overflow-dropdown button", has_text=name).first.click()
    else:
        tab.first.click()
    page.wait_for_timeout(400)
