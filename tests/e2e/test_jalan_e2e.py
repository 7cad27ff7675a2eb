"""The walk through the data in a real browser: the kecamatan chosen at the top of the Kecamatan
page (visible at 1024x768 without scrolling) stays chosen on Pemilih and TPS opened from the
sidebar; a click on a desa's bar lists its TPS in order; the breadcrumb leads back to the
kecamatan and the kabupaten, a click on a table row goes down again, and the browser's Back
returns. One browser page for all of it."""

import csv
import io
import re

from playwright.sync_api import expect

from tests.e2e.conftest import screenshot

KRAKSAAN = "35.13.14"


def _h1(page, text: str):
    expect(page.locator("h1").filter(has_text=text).first).to_be_visible(timeout=30000)


def _sidebar(page, title: str):
    page.locator("[data-testid='stSidebarNav'] a").filter(has=page.get_by_text(title, exact=True)).click()


def _rows_of_the_csv(page, key: str) -> list[dict]:
    button = page.locator(f".st-key-csv_{key} button")
    button.scroll_into_view_if_needed()
    with page.expect_download(timeout=30000) as info:
        button.click()
    text = open(info.value.path(), encoding="utf-8-sig").read()
    return list(csv.DictReader(io.StringIO(text), delimiter=";"))


def test_the_walk_keeps_the_choice_and_goes_down_and_back(app_server, page):
    page.set_viewport_size({"width": 1024, "height": 768})
    page.goto(f"{app_server['url']}/kecamatan?pemilu=pilkada-2024")
    _h1(page, "Kecamatan")
    box = page.locator("[data-testid='stMain'] [data-testid='stSelectbox']").filter(has_text="Kecamatan").first
    expect(box).to_be_in_viewport(ratio=1, timeout=30000)
    box.click()
    page.keyboard.type("Kraksaan")
    page.keyboard.press("Enter")
    _h1(page, "Kecamatan Kraksaan")
    screenshot(page, "jalan-kecamatan-1024")

    # The sidebar's links carry no query: the pages opened keep Kraksaan all the same.
    _sidebar(page, "Pemilih")
    expect(page.locator("h3").filter(has_text="Kecamatan Kraksaan")).to_be_visible(timeout=30000)
    expect(page).to_have_url(re.compile(rf"/pemilih\?.*kecamatan={KRAKSAAN}"), timeout=30000)
    _sidebar(page, "TPS")
    _h1(page, "TPS — Kecamatan Kraksaan")
    expect(page).to_have_url(re.compile(rf"/tps\?.*kecamatan={KRAKSAAN}"), timeout=30000)
    page.set_viewport_size({"width": 1920, "height": 1080})
    _sidebar(page, "Kecamatan")
    _h1(page, "Kecamatan Kraksaan")

    # A click on Asembakor's bar opens its TPS, in TPS-number order.
    label = page.locator(".js-plotly-plot g.ytick text", has_text=re.compile("^Asembakor$")).first
    expect(label).to_be_attached(timeout=30000)
    page.wait_for_timeout(1000)  # the chart is drawn once more when its width is known
    label.scroll_into_view_if_needed()
    at = label.bounding_box()
    page.mouse.click(at["x"] + at["width"] + 20, at["y"] + at["height"] / 2)
    _h1(page, "TPS — Desa Asembakor")
    expect(page).to_have_url(re.compile(rf"/tps\?.*desa={KRAKSAAN}\.\d{{4}}"), timeout=30000)
    breadcrumb = page.locator(".st-key-remah")
    expect(breadcrumb).to_contain_text("Kabupaten Probolinggo", timeout=30000)
    expect(breadcrumb).to_contain_text("Kecamatan Kraksaan", timeout=30000)
    expect(breadcrumb).to_contain_text("Desa Asembakor", timeout=30000)
    screenshot(page, "jalan-desa-1920")
    rows = _rows_of_the_csv(page, "tps_semua")
    assert {r["Desa/Kelurahan"] for r in rows} == {"Asembakor"}
    numbers = [int(r["TPS"]) for r in rows]
    assert numbers == sorted(numbers) and len(numbers) == 6
    assert max(int(r["DPT"]) for r in rows) == 612

    # Up by the breadcrumb, back by the browser.
    breadcrumb.get_by_role("link", name="Kecamatan Kraksaan").click()
    _h1(page, "Kecamatan Kraksaan")
    page.go_back()
    _h1(page, "TPS — Desa Asembakor")
    page.locator(".st-key-remah").get_by_role("link", name="Kabupaten Probolinggo").click()
    _h1(page, "Ringkasan Kesiapan Pilkada")
    page.go_back()
    _h1(page, "TPS — Desa Asembakor")
    page.go_forward()
    _h1(page, "Ringkasan Kesiapan Pilkada")

    # A click on the first row of the kecamatan table (worst first) opens that kecamatan.
    first = page.locator(".tabel-baca tbody tr").first.locator("td a")
    expect(first).to_have_text(re.compile(r"\w"), timeout=30000)
    name = first.inner_text().strip()
    first.click()
    _h1(page, f"Kecamatan {name}")
    page.go_back()
    _h1(page, "Ringkasan Kesiapan Pilkada")
    assert page.locator("[data-testid='stException']").count() == 0
