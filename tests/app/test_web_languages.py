"""The web app for all three users, in a real Chromium against the real server: every label in the UI's
language, English section titles, keyboard use, phones, and shareable passage pages. Screenshots of every
tab are saved to reports/screenshots/ (git-ignored) as the run's artefacts."""

from __future__ import annotations

import re
import urllib.parse
from pathlib import Path
from typing import Any

import pytest
from strategiqa.app.labels import LABELS
from strategiqa.ingest.load import read_manifest, read_profile

from .conftest import CHROMIUM, open_tab

pytestmark = pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian chromium is not installed")

REPO = Path(__file__).resolve().parents[2]
SCREENSHOTS = REPO / "reports" / "screenshots"
VIEWPORTS = {"desktop": (1366, 900), "phone": (390, 844)}
TABS = ("ask_tab", "crosswalk_tab", "proposal_tab", "browse_tab")

# The page's own words around the documents' text: tabs, labels, placeholders, buttons, hints, headings.
CHROME_TEXT = """(() => {
  const seen = [];
  const visible = e => e.offsetParent !== null || e.getClientRects().length > 0;
  const own = '.sq-text, .sq-passage, .sq-pair, #sq-answer';
  document.querySelectorAll('[role=tab], button, label, h1, h2, h3, summary, #sq-hint, .sq-muted, a.sq-open')
    .forEach(e => { if (visible(e) && !e.closest(own)) seen.push(e.innerText); });
  document.querySelectorAll('[placeholder], [aria-label]').forEach(e => {
    if (visible(e)) seen.push(e.getAttribute('placeholder') || '', e.getAttribute('aria-label') || '');
  });
  return seen.join('\\n');
})()"""


def corpus_text() -> list[str]:
    """The documents' own words the page may show in any UI language: titles, publishers, examples."""
    infos = read_manifest(REPO / "corpus")
    own = [t for i in infos for t in (i.title, i.short_title, i.publisher)]
    return sorted([*own, *read_profile(REPO / "corpus").examples, "Svenska", "English"], key=len, reverse=True)


def other_language_labels(lang: str) -> list[str]:
    """The other language's label texts (pieces between placeholders) that differ from this language's."""
    other = "en" if lang == "sv" else "sv"
    pieces = []
    for key, text in LABELS[other].items():
        if text == LABELS[lang].get(key):
            continue
        pieces += [p.strip(" .:,…()") for p in re.split(r"\{\w+\}", text) if len(p.strip(" .:,…()")) >= 5]
    return pieces


def assert_chrome_in(page: Any, lang: str, where: str) -> None:
    chrome = page.evaluate(CHROME_TEXT)
    for own in corpus_text():
        chrome = chrome.replace(own, "")
    leaked = [p for p in other_language_labels(lang) if re.search(rf"(?<!\w){re.escape(p)}(?!\w)", chrome)]
    assert not leaked, f"{where}: {lang} page shows {leaked}"


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_every_tab_in_english_and_swedish_fits_and_speaks_one_language(
    live_server: str, page: Any, viewport: str
) -> None:
    page.set_viewport_size(dict(zip(("width", "height"), VIEWPORTS[viewport], strict=True)))
    page.goto(live_server + "/", wait_until="load")
    page.wait_for_selector("#sq-question textarea", timeout=60_000)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for lang, choice in (("en", "English"), ("sv", "Svenska")):
        page.locator("#sq-language").get_by_label(choice).check()
        page.wait_for_function(
            f"document.querySelector('#sq-ask').innerText.trim() === {LABELS[lang]['ask']!r}", timeout=10_000
        )
        page.fill("#sq-question textarea", "Vad säger strategin om kliniska prövningar?")
        page.click("#sq-ask")
        page.wait_for_selector(".sq-card", timeout=30_000)
        for key in TABS:
            open_tab(page, LABELS[lang][key])
            assert_chrome_in(page, lang, f"{viewport} {key}")
            width = page.evaluate("document.documentElement.scrollWidth")
            assert width <= VIEWPORTS[viewport][0], f"{viewport} {lang} {key}: page is {width} px wide"
            page.screenshot(path=str(SCREENSHOTS / f"{viewport}-{lang}-{key}.png"), full_page=True)
            if key == "crosswalk_tab":
                text = page.text_content("#sq-crosswalk") or ""
                english = "More high-quality clinical trials" in text
                assert english == (lang == "en"), f"{lang}: English objective titles shown: {english}"
            if key == "browse_tab":
                text = page.text_content("#sq-outline") or ""  # the collapsed sections too
                assert ("Skills supply, education and lifelong learning" in text) == (lang == "en")
        open_tab(page, LABELS[lang]["ask_tab"])
    for name in ("en-ask_tab", "sv-browse_tab"):
        assert (SCREENSHOTS / f"{viewport}-{name}.png").stat().st_size > 10_000


def test_enter_asks_shift_enter_adds_a_line_and_an_example_asks(live_server: str, page: Any) -> None:
    page.goto(live_server + "/", wait_until="load")
    page.wait_for_selector("#sq-question textarea", timeout=60_000)
    box = page.locator("#sq-question textarea")
    box.fill("How should antimicrobial resistance be tackled?")
    assert page.inner_text("#sq-count").startswith("47 / 2000")
    box.press("Shift+Enter")
    assert box.input_value().endswith("\n")  # a new line, not a question
    page.wait_for_timeout(500)
    assert page.locator(".sq-card").count() == 0
    box.press("Enter")
    page.wait_for_selector(".sq-card", timeout=30_000)
    first_answer = page.inner_text("#sq-answer")
    assert "[1]" in first_answer and "4.4" in page.inner_text("#sq-citations")  # the AMR objective
    # The reader asked in English: labels follow, and the answer says the quotes stay Swedish.
    # (the labels are redrawn just after the answer arrives: wait for them, do not race them)
    page.wait_for_function("document.querySelector('#sq-ask').innerText.trim() === 'Ask'", timeout=10_000)
    assert "Quoted in Swedish, the documents' language." in page.inner_text("#sq-answer")
    # Clicking an example asks it.
    example = read_profile(REPO / "corpus").examples[0]
    page.get_by_text(example, exact=True).first.click()
    page.wait_for_function(
        "document.querySelector('#sq-answer') && "
        f"document.querySelector('#sq-question textarea').value === {example!r} && "
        f"document.querySelector('#sq-answer').innerText !== {first_answer!r}",
        timeout=30_000,
    )
    assert "[1]" in page.inner_text("#sq-answer")


def test_a_citation_link_opens_the_passage_page_with_the_quote_highlighted(live_server: str, page: Any) -> None:
    page.goto(live_server + "/", wait_until="load")
    page.wait_for_selector("#sq-question textarea", timeout=60_000)
    page.locator("#sq-language").get_by_label("English").check()
    page.fill("#sq-question textarea", "Hur ska fler kliniska prövningar möjliggöras?")
    page.click("#sq-ask")
    page.wait_for_selector(".sq-card a.sq-open", timeout=30_000)
    quote = page.inner_text(".sq-card mark >> nth=0")
    href = page.locator(".sq-card a.sq-open").first.get_attribute("href") or ""
    assert href.startswith("/passage/") and "lang=en" in href
    page.goto(live_server + href, wait_until="load")
    assert " ".join(page.inner_text("#sq-quote").split()) == " ".join(quote.split())
    assert "Regeringen (2024)" in page.inner_text("#sq-reference")
    assert "clinical trials" in page.inner_text("#sq-path-en")  # the section's English title, marked as translated
    assert "(titles translated)" in page.inner_text("#sq-path-en")
    copied = page.locator("button.sq-copy").get_attribute("data-ref") or ""
    assert copied.startswith("”") and "Regeringen (2024)" in copied
    # A link with a quote that is not in the passage shows the passage and says so; an unknown id is a 404.
    passage_id = urllib.parse.unquote(href.split("/passage/")[1].split("?")[0])
    page.goto(f"{live_server}/passage/{passage_id}?q=inte+i+texten", wait_until="load")
    assert page.locator("#sq-quote-missing").is_visible() and page.locator("#sq-quote").count() == 0
    response = page.goto(f"{live_server}/passage/no-such-id?lang=en", wait_until="load")
    assert response is not None and response.status == 404 and "No such passage" in page.inner_text("h1")
