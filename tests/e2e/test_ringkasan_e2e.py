"""Ringkasan in a real browser: the number a leader looks for is on the screen."""

from playwright.sync_api import expect

from tests.e2e.conftest import screenshot


def test_ringkasan_shows_dpt_in_browser(app_server, page):
    page.goto(app_server["url"])
    expect(page.get_by_text("872.218", exact=True)).to_be_visible(timeout=30000)
    expect(page.get_by_text("Status per kecamatan")).to_be_visible()
    expect(page.get_by_text("Data pemantauan internal — bukan hasil resmi KPU").first).to_be_visible()
    assert page.locator("[data-testid='stException']").count() == 0
    expect(page.locator(".js-plotly-plot").first).to_be_visible(timeout=30000)
    screenshot(page, "ringkasan-1920")


def test_ringkasan_readable_at_1024(app_server, page):
    page.set_viewport_size({"width": 1024, "height": 768})
    page.goto(app_server["url"] + "/?pemilu=pilkada-2024")
    expect(page.get_by_text("872.218", exact=True)).to_be_visible(timeout=30000)
    assert page.locator("[data-testid='stException']").count() == 0
    screenshot(page, "ringkasan-1024")
