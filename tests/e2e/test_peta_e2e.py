"""Ringkasan's map and status bars in Chromium at 1024x768 and 1920x1080: one legend entry per
status in its palette colour, and no kecamatan name drawn over another."""

from __future__ import annotations

from playwright.sync_api import expect

from readiness import charts
from tests.e2e.conftest import screenshot


def _rgb(hex_colour: str) -> str:
    r, g, b = (int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))
    return f"rgb({r}, {g}, {b})"


def _legend(page, key: str) -> list[tuple[str, str]]:
    """(text, swatch fill) of each legend entry of the chart under `.st-key-<key>`."""
    entries = page.eval_on_selector_all(
        f".st-key-{key} .legend .traces",
        """els => els.map(e => [e.querySelector('.legendtext').textContent,
                               getComputedStyle(e.querySelector('.legendpoints path, .legendfill path, .legendbar path, path')).fill])""",
    )
    return [tuple(entry) for entry in entries]


def _label_rects(page) -> list[tuple[str, float, float, float, float]]:
    """The drawn box of every kecamatan name on the map, as the browser laid it out."""
    return page.eval_on_selector_all(
        ".st-key-peta_ringkasan .textpoint text",
        """els => els.map(e => { const r = e.getBoundingClientRect();
                                 return [e.textContent, r.left, r.top, r.right, r.bottom]; })""",
    )


def _overlaps(rects) -> list[tuple[str, str]]:
    out = []
    for i, (a, ax0, ay0, ax1, ay1) in enumerate(rects):
        for b, bx0, by0, bx1, by1 in rects[i + 1 :]:
            if min(ax1, bx1) - max(ax0, bx0) > 0.5 and min(ay1, by1) - max(ay0, by0) > 0.5:
                out.append((a, b))
    return out


def test_map_legend_has_each_status_once_in_its_colour_and_no_names_overlap(app_server, page):
    page.set_viewport_size({"width": 1024, "height": 768})
    page.goto(app_server["url"] + "/?pemilu=pilkada-2024")
    # The map is below the fold at 1024x768: in view before it is looked at.
    expect(page.locator(".st-key-peta_ringkasan .legendtext").first).to_be_attached(timeout=60000)
    expect(page.locator(".st-key-batang_ringkasan .legendtext").first).to_be_attached(timeout=30000)
    page.locator(".st-key-peta_ringkasan").scroll_into_view_if_needed()
    expect(page.locator(".st-key-peta_ringkasan .legendtext").first).to_be_visible(timeout=30000)
    screenshot(page, "peta-ringkasan-1024")
    peta, batang = _legend(page, "peta_ringkasan"), _legend(page, "batang_ringkasan")
    # Each status once, by its word (its symbol is the swatch, not written again).
    assert [text for text, _ in peta] == [text for text, _ in batang] == ["Belum siap", "Perlu perhatian", "Siap"]
    # The swatch is the status's colour of the one palette, the same on the map and the bars.
    assert (
        [fill for _, fill in peta]
        == [fill for _, fill in batang]
        == [_rgb(charts.STATUS_WARNA[s]) for s in charts.STATUS_ORDER]
    )
    rects = _label_rects(page)
    assert len(rects) == 24
    assert _overlaps(rects) == []

    # Loaded again at 1920: a resized plot keeps the ranges its first width gave it.
    page.set_viewport_size({"width": 1920, "height": 1080})
    page.reload()
    expect(page.locator(".st-key-peta_ringkasan .textpoint text").first).to_be_attached(timeout=60000)
    page.locator(".st-key-peta_ringkasan").scroll_into_view_if_needed()
    expect(page.locator(".st-key-peta_ringkasan .textpoint text").first).to_be_visible(timeout=30000)
    screenshot(page, "peta-ringkasan-1920")
    rects = _label_rects(page)
    assert len(rects) == 24
    assert _overlaps(rects) == []
