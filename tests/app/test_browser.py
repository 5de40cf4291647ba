"""The web app in a real headless Chromium (Debian's), driven by Playwright."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
pytestmark = pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian chromium is not installed")


def test_ask_in_the_browser_shows_answer_and_citation_cards(live_server: str, tmp_path: Path) -> None:
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
            page = browser.new_page(viewport={"width": 1200, "height": 1400})
            page.goto(live_server + "/", wait_until="networkidle")
            page.fill("#sq-question textarea", "Vilka indikatorer ska användas för att följa upp agendan?")
            page.click("#sq-ask")
            page.wait_for_selector(".sq-card", timeout=30_000)
            answer = page.inner_text("#sq-answer")
            assert "indikatorer" in answer and "[1]" in answer
            cards = page.locator(".sq-card")
            assert cards.count() >= 1
            assert "Agenda för västsvensk life science" in cards.first.inner_text()
            assert page.locator(".sq-card mark").count() >= 1
            page.click(".sq-marker >> nth=0")
            page.screenshot(path=str(tmp_path / "answer.png"), full_page=True)
            assert (tmp_path / "answer.png").stat().st_size > 10_000

            page.get_by_role("tab", name="Dokument").click()
            page.wait_for_selector(".sq-outline summary", timeout=10_000)
            assert "Prioriterade insatsområden" in page.inner_text(".sq-outline")
            page.get_by_label("English").check()
            page.wait_for_function("document.querySelector('#sq-ask').innerText.includes('Ask')", timeout=10_000)
        finally:
            browser.close()
