"""Everything a user sees or hears is Indonesian, including what Streamlit and Plotly draw by
themselves: the file uploader, the table and chart toolbars, empty choice boxes. The page text
and every aria-label, title and placeholder are read after hovering each table and chart (their
toolbars appear on hover) and opening a choice box."""

import time

from playwright.sync_api import expect

from tests.e2e.conftest import english

# (path, title, charts on the page): a chart, tables, choice boxes and the uploader between them.
PAGES = [
    ("", "Ringkasan Kesiapan Pilkada", 2),
    ("masalah", "Permasalahan", 0),
    ("unggah", "Unggah Data", 0),
]


def _hover_all(page, selector: str) -> None:
    for element in page.locator(selector).all():
        if not element.is_visible():
            continue  # in a tab not open
        element.scroll_into_view_if_needed()
        element.hover()
        time.sleep(0.2)


def test_no_english_ui_words_on_pages_with_charts_tables_choices_and_the_uploader(app_server, page):
    found = {}
    for path, title, charts in PAGES:
        page.goto(f"{app_server['url']}/{path}?pemilu=pilkada-2024")
        expect(page.locator("h1").filter(has_text=title).first).to_be_visible(timeout=30000)
        expect(page.locator(".js-plotly-plot")).to_have_count(charts, timeout=30000)
        page.wait_for_function("document.querySelectorAll('[data-testid=\"stSkeleton\"]').length === 0")
        time.sleep(0.5)
        _hover_all(page, "[data-testid='stDataFrame']")
        _hover_all(page, ".js-plotly-plot")
        boxes = page.locator("[data-testid='stSelectbox'], [data-testid='stMultiSelect']")
        for box in [b for b in boxes.all() if b.is_visible()][:3]:
            box.scroll_into_view_if_needed()
            box.click()
            time.sleep(0.2)
            found.setdefault(path or "ringkasan", set()).update(english(page))
            page.keyboard.press("Escape")
        found.setdefault(path or "ringkasan", set()).update(english(page))
    assert {p: sorted(w) for p, w in found.items() if w} == {}
