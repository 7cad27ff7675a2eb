"""A province's and the nation's dashboard in Chromium against `streamlit run`, logged in: Provinsi
Sulawesi Tenggara (`init --wilayah 74`) with KPU's national DPT recap (one row per kab/kota) and
Kabupaten Bombana's own recap per desa, and Indonesia (`init --wilayah nasional`) with the same
national recap. Every page opens without an error and names its region; Ringkasan counts the
kab/kota (and the nation's provinces) and shows the DPT `report` gives; a click on a kab/kota (its
row in the province's table, its marker on the nation's map) opens that kab/kota with its DPT; the presentation
shows the deck's slides, the map slide naming the 17 kab/kota or the 38 provinces; the PPTX and
the PDF carry the same slides. One server per installation, one login, each page opened once."""

from __future__ import annotations

import io
import re

import pytest
from playwright.sync_api import expect
from pptx import Presentation
from pypdf import PdfReader

from readiness import cli, db, fmt, jejak, model, pengguna
from readiness.deck import slides
from tests import kpu_rekap
from tests.conftest import provinsi_salinan
from tests.e2e.conftest import GESER, drawn, english, screenshot, start_server
from tests.test_wilayah_init import REGIONS, data_for, recap_file
from tests.test_wilayah_provinsi import report

E = "pilkada-2024"
SANDI = "Rahasia-Desk-2024"
PATHS = ["", "korwil", "kecamatan", "pemilih", "tps", "ktpel", "partisipasi", "temuan", "masalah", "pengaturan"]
WILAYAH = {"74": "Provinsi Sulawesi Tenggara", "nasional": "Indonesia"}


@pytest.fixture(scope="module", params=list(WILAYAH))
def wilayah(request, tmp_path_factory):
    """The installation with the national recap loaded (the province also Bombana's own recap per
    desa), an admin, its `report` per level, and its deck; served once."""
    kode = request.param
    folder = tmp_path_factory.mktemp("provinsi-" + kode)
    # `init --wilayah 74` or `init --wilayah nasional`, once per session (tests/conftest.py)
    master = request.getfixturevalue("provinsi_master" if kode == "74" else "nasional_master")
    path = provinsi_salinan(master, folder / "readiness.duckdb")
    files = [kpu_rekap.write(folder / "rekap_dpt_nasional.xlsx", kpu_rekap.rows())]
    if kode == "74":
        recap, _, _ = data_for("74.06", seed=7406)
        files.append(recap_file(folder / "rekap_dpt_bombana.xlsx", REGIONS["74.06"], recap))
    assert cli.main(["ingest", *map(str, files), "--db", str(path)]) == 0
    pengguna.tambah(path, "admin1", "admin", SANDI, pelaku=jejak.CLI)
    said = {level: report(path, level)[1] for level in ("wilayah", "provinsi", "kabkota")}
    con = db.connect_read(path)
    try:
        deck = slides.build(con, E)
    finally:
        con.close()
    for url in start_server(path, folder):
        yield {"kode": kode, "url": url, "report": said, "deck": deck}


def _open(page, url: str) -> str:
    page.goto(url)
    drawn(page, timeout=60000)
    assert page.locator("[data-testid='stException']").count() == 0, url
    return page.locator("[data-testid='stMain']").inner_text()


def _masuk(page, url: str) -> None:
    page.goto(f"{url}/?pemilu={E}")
    page.get_by_label("Nama pengguna").fill("admin1")
    page.get_by_label("Kata sandi").fill(SANDI)
    page.get_by_role("button", name="Masuk").click()
    expect(page.locator("h1").filter(has_text="Ringkasan")).to_be_visible(timeout=60000)


def _buka_kabkota_dari_peta(page, kode: str) -> None:
    """Click the nation's map marker of kab/kota `kode` (the trace whose points carry the codes)."""
    box = page.evaluate(
        """(kode) => {
            const plot = document.querySelector('.js-plotly-plot');
            const i = plot.data.findIndex((t) => Array.isArray(t.customdata) && t.mode === 'markers'
                                                  && t.customdata.includes(kode));
            const trace = plot.querySelectorAll('.scatterlayer .trace')[i];
            const r = trace.querySelectorAll('path.point')[plot.data[i].customdata.indexOf(kode)]
                .getBoundingClientRect();
            return {x: r.x + r.width / 2, y: r.y + r.height / 2};
        }""",
        kode,
    )
    page.mouse.click(box["x"], box["y"])


def test_a_province_and_the_nation_in_the_browser(wilayah, page):
    kode, url, said, deck = wilayah["kode"], wilayah["url"], wilayah["report"], wilayah["deck"]
    nama = WILAYAH[kode]
    _masuk(page, url)
    for path in PATHS[1:] + PATHS[:1]:  # Ringkasan last: the checks below go on from it
        text = _open(page, f"{url}/{path}?pemilu={E}")
        assert nama in page.locator("[data-testid='stSidebar']").inner_text(), path
        assert "Belum ada data untuk pemilihan ini" not in text, path
        screenshot(page, f"provinsi-{kode}-{path or 'ringkasan'}")
        if path == "pengaturan":
            # On a phone the korwil are set one kab/kota at a time, nothing scrolled sideways.
            page.set_viewport_size({"width": 390, "height": 844})
            expect(page.get_by_role("textbox", name="Koordinator korwil")).to_be_visible()
            expect(page.locator(".st-key-pembagian_korwil_lebar")).to_be_hidden()
            page.wait_for_timeout(500)  # the grids lay their columns out again
            assert page.evaluate(GESER) == [], path
            screenshot(page, f"provinsi-{kode}-{path}-390")
            page.set_viewport_size({"width": 1920, "height": 1080})

    # Ringkasan: the region, its kab/kota (the nation's provinces) and its DPT as `report` gives them.
    header = page.locator("[data-testid='stMain'] .st-key-remah").inner_text()  # the breadcrumb
    assert header.startswith(nama + " · "), header
    assert page.evaluate(GESER) == [] and english(page) == []
    # The kab/kota table (the nation's 514 rows a grid) fits beside the sidebar at 1024 and 1280 px.
    for lebar, tinggi in ((1024, 768), (1280, 800)):
        page.set_viewport_size({"width": lebar, "height": tinggi})
        page.wait_for_timeout(500)  # the grid lays its columns out again
        assert page.evaluate(GESER) == [], lebar
        screenshot(page, f"provinsi-{kode}-ringkasan-{lebar}")
    page.set_viewport_size({"width": 1920, "height": 1080})
    kabkota, provinsi = said["kabkota"], said["provinsi"]
    assert len(kabkota) == (17 if kode == "74" else 514) and len(provinsi) == (1 if kode == "74" else 38)
    cakupan = f"{fmt.angka(len(kabkota))} kabupaten/kota" + (f" di {len(provinsi)} provinsi" if kode != "74" else "")
    assert cakupan in text.splitlines()
    dpt = page.locator("[data-testid='stMetric']").filter(has_text="DPT").first.inner_text()
    total = said["wilayah"]["dpt"].iloc[0]  # the nation's `216,7 juta` on its card, whole under it
    assert fmt.besar(total) in dpt and fmt.angka(total) in text
    status = {s: int((kabkota["status"] == s).sum()) for s in ("merah", "kuning", "hijau")}
    for label, s in (("Belum siap (kab/kota)", "merah"), ("Perlu perhatian (kab/kota)", "kuning")):
        metric = page.locator("[data-testid='stMetric']").filter(has_text=label).first.inner_text()
        assert metric.split()[-1] == fmt.angka(status[s]), metric
    names = {t.strip() for t in page.locator(".js-plotly-plot text").all_text_contents()}
    if kode == "74":
        assert set(model.nama_pendek_kabkota(kabkota["kabkota"])) <= names  # `Bombana`, `Kota Kendari`
        dibuka = "74.06"
        page.get_by_role("link", name="Kabupaten Bombana").first.click()
    else:
        # 38 province shapes, each kab/kota a marker: never 514 outlines nor names
        fills = page.evaluate("document.querySelector('.js-plotly-plot').data.filter((t) => t.fill).length")
        assert fills == 38 and not names & set(kabkota["kabkota"])
        dibuka = "11.09"  # Simeulue, an island whose marker no other covers
        _buka_kabkota_dari_peta(page, dibuka)
    # The kab/kota's own view: its name in the breadcrumb, its DPT as `report` gives it.
    row = kabkota[kabkota["kode_kabkota"] == dibuka].iloc[0]
    page.wait_for_url(re.compile(rf"kabkota={re.escape(dibuka)}"), timeout=60000)
    expect(page.locator("[data-testid='stMain']").get_by_text(row["kabkota"]).first).to_be_visible(timeout=60000)
    # the page's rerun replaces the nation's figures with the kab/kota's
    kartu_dpt = page.locator("[data-testid='stMetric']").filter(has_text="DPT").first
    expect(kartu_dpt).to_contain_text(fmt.besar(row["dpt"]), timeout=60000)
    drawn(page, timeout=60000)
    screenshot(page, f"provinsi-{kode}-kabkota")

    # The presentation: the map slide as the deck has it, naming the 17 kab/kota or the 38 provinces.
    nomor = next(i for i, s in enumerate(deck.slides, 1) if s.kind == "peta")
    page.goto(f"{url}/presentasi?pemilu={E}&slide={nomor}")
    expect(page.locator(f".rakor-slide[data-nomor='{nomor}']")).to_be_visible(timeout=60000)
    assert page.locator(".rakor-judul").inner_text() == deck.slides[nomor - 1].judul
    alt = page.locator(".rakor-slide img.rakor-peta").get_attribute("alt")
    expected = ["Bombana", "Kota Kendari"] if kode == "74" else ["Aceh", "DKI Jakarta", "Papua Pegunungan"]
    assert all(f"{n}: " in alt for n in expected), alt
    assert alt.count(": ") == (17 if kode == "74" else 38)
    screenshot(page, f"provinsi-{kode}-presentasi-peta")
    page.mouse.move(500, 300)
    page.mouse.move(510, 310)
    expect(page.locator(".st-key-rakor_kendali")).to_be_visible(timeout=5000)
    with page.expect_download(timeout=60000) as info:
        page.get_by_role("button", name="PPTX").click()
    prs = Presentation(io.BytesIO(open(info.value.path(), "rb").read()))
    assert [s.shapes.title.text for s in prs.slides] == deck.judul
    with page.expect_download(timeout=120000) as info:
        page.get_by_role("button", name="PDF").click()
    pdf = PdfReader(info.value.path())
    assert len(pdf.pages) == len(deck.slides)
    assert deck.slides[nomor - 1].judul in " ".join(pdf.pages[nomor - 1].extract_text().split())
