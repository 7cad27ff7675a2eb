"""Installations of other regions in a real browser: `init --wilayah` for Kota Probolinggo and for
Kabupaten Bombana, one ingest of a recap, a TPS list and a KTP-el file as their offices write them,
then every page a desk opens, in Chromium against `streamlit run`: no error, the region's name at
the top, its words (Wali Kota and kelurahan for the kota; the weekly report for its head), and its
own kecamatan on the map."""

from __future__ import annotations

import contextlib
import io
import re

import pytest
from playwright.sync_api import expect

from readiness import cli
from tests.e2e.conftest import drawn, screenshot, start_server
from tests.test_wilayah_init import REGIONS, data_for, kode_kecamatan, region_files

PATHS = ["", "korwil", "kecamatan", "pemilih", "tps", "ktpel", "partisipasi", "temuan", "masalah", "pengaturan"]
DISCLAIMER = "Data pemantauan internal — bukan hasil resmi KPU"


@pytest.fixture(scope="module", params=["35.74", "74.06"])
def region_server(request, tmp_path_factory):
    kode = request.param
    folder = tmp_path_factory.mktemp("wilayah-" + kode.replace(".", "_"))
    db_path = folder / "readiness.duckdb"
    said = io.StringIO()
    with contextlib.redirect_stderr(said):  # in-process: tests/test_wilayah_init.py runs them as commands
        assert cli.main(["init", "--wilayah", kode, "--db", str(db_path)]) == 0
        recap, tps, ktpel = data_for(kode, seed=int(kode.replace(".", "")))
        files = region_files(folder, REGIONS[kode], recap, tps, ktpel)
        assert cli.main(["ingest", *map(str, files), "--db", str(db_path)]) == 0, said.getvalue()
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
    kota = region["jenis"] == "kota"
    for path in PATHS[1:] + PATHS[:1]:  # Ringkasan last: the checks below go on from it
        text = _open(page, f"{url}/{path}?pemilu=pilkada-2024")
        assert page.locator("[data-testid='stException']").count() == 0, path
        sidebar = page.locator("[data-testid='stSidebar']").inner_text()
        assert region["nama"] in sidebar, path
        other = "Kabupaten Probolinggo" if kode == "35.74" else "Probolinggo"
        assert other not in text, path
        if kota:
            assert not re.search(r"\bKabupaten\b|\bBupati\b", text), path
        screenshot(page, f"wilayah-{kode}-{path or 'ringkasan'}")
        if path == "masalah":
            # The head of the region is its own: the weekly report is for its Wali Kota or Bupati.
            page.get_by_role("tab", name="Laporan mingguan").click()
            untuk = "Laporan untuk Pj Wali Kota Probolinggo" if kota else "Laporan untuk Pj Bupati Bombana"
            expect(page.get_by_text(untuk).first).to_be_visible(timeout=30000)
        if path == "kecamatan":
            # So is the lowest level: a kota has only kelurahan; Bombana has both desa and kelurahan.
            lower = text.lower()
            assert ("kelurahan" in lower and "desa/kelurahan" not in lower) if kota else "desa/kelurahan" in lower
    # Ringkasan's first line (the breadcrumb) names the region and the election; its map draws this
    # region's kecamatan and names them.
    header = page.locator("[data-testid='stMain'] .st-key-remah").inner_text()
    assert header.startswith(region["nama"] + " · "), header
    expect(page.locator(".js-plotly-plot").first).to_be_visible(timeout=30000)
    labels = {label.strip() for label in page.locator(".js-plotly-plot text").all_text_contents()}
    names = set(kode_kecamatan(kode))
    assert names <= labels, sorted(names - labels)
