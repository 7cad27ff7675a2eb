"""Installations of other regions in a real browser: `init --wilayah` for Kota Probolinggo and for
Kabupaten Bombana, one ingest of a recap, a TPS list and a KTP-el file as their offices write them,
then every page a desk opens, in Chromium against `streamlit run`: no error, the region's name at
the top, its words (Wali Kota and kelurahan for the kota), and its own kecamatan on the map."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import drawn, screenshot, start_server
from tests.test_wilayah_init import REGIONS, data_for, kode_kecamatan, region_files, run

PATHS = ["", "korwil", "kecamatan", "pemilih", "tps", "ktpel", "partisipasi", "temuan", "masalah", "pengaturan"]
DISCLAIMER = "Data pemantauan internal — bukan hasil resmi KPU"


@pytest.fixture(scope="module", params=["35.74", "74.06"])
def region_server(request, tmp_path_factory):
    kode = request.param
    folder = tmp_path_factory.mktemp("wilayah-" + kode.replace(".", "_"))
    db_path = folder / "readiness.duckdb"
    assert run("init", "--wilayah", kode, "--db", db_path).returncode == 0
    recap, tps, ktpel = data_for(kode, seed=int(kode.replace(".", "")))
    done = run("ingest", *region_files(folder, REGIONS[kode], recap, tps, ktpel), "--db", db_path)
    assert done.returncode == 0, done.stderr
    for url in start_server(db_path, folder):
        yield kode, url


def _open(page, url: str) -> str:
    page.goto(url)
    expect(page.get_by_text(DISCLAIMER).first).to_be_visible(timeout=30000)
    drawn(page)
    return page.locator("body").inner_text()


def test_every_page_speaks_of_its_region_and_maps_its_own_kecamatan(region_server, page):
    kode, url = region_server
    region = REGIONS[kode]
    for path in PATHS:
        text = _open(page, f"{url}/{path}?pemilu=pilkada-2024")
        assert page.locator("[data-testid='stException']").count() == 0, path
        sidebar = page.locator("[data-testid='stSidebar']").inner_text()
        assert region["nama"] in sidebar, path
        other = "Kabupaten Probolinggo" if kode == "35.74" else "Probolinggo"
        assert other not in text, path
        if region["jenis"] == "kota":
            assert not re.search(r"\bKabupaten\b|\bBupati\b", text), path
        screenshot(page, f"wilayah-{kode}-{path or 'ringkasan'}")
    # Ringkasan's first line (the breadcrumb) names the region and the election; its map draws this
    # region's kecamatan and names them.
    _open(page, f"{url}/?pemilu=pilkada-2024")
    header = page.locator("[data-testid='stMain'] .st-key-remah").inner_text()
    assert header.startswith(region["nama"] + " · "), header
    expect(page.locator(".js-plotly-plot").first).to_be_visible(timeout=30000)
    labels = {label.strip() for label in page.locator(".js-plotly-plot text").all_text_contents()}
    names = set(kode_kecamatan(kode))
    assert names <= labels, sorted(names - labels)


def test_the_head_and_the_lowest_level_are_the_regions_own(region_server, page):
    kode, url = region_server
    kota = REGIONS[kode]["jenis"] == "kota"
    _open(page, f"{url}/masalah?pemilu=pilkada-2024")
    page.get_by_role("tab", name="Laporan mingguan").click()
    untuk = "Laporan untuk Pj Wali Kota Probolinggo" if kota else "Laporan untuk Pj Bupati Bombana"
    expect(page.get_by_text(untuk).first).to_be_visible(timeout=30000)
    text = _open(page, f"{url}/kecamatan?pemilu=pilkada-2024").lower()
    # A kota has only kelurahan; Bombana has both desa and kelurahan.
    assert ("kelurahan" in text and "desa/kelurahan" not in text) if kota else "desa/kelurahan" in text
