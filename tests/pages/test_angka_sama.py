"""One figure everywhere: the region's turnout target, its previous turnout and the turnout so far
read the same on every page (AppTest), every slide (the deck and its PPTX) and the report."""

from __future__ import annotations

import datetime as dt
import io

from pptx import Presentation
from streamlit.testing.v1 import AppTest

from readiness import akses, db, fmt, lapor, model
from readiness.deck import as_pptx, slides
from tests.pages.halaman import ROOT, buka

E = "pilkada-2024"
NGADISARI = "35.13.01.2001"


def _metric(at: AppTest, label: str) -> str:
    return next(m.value for m in at.metric if m.label == label)


def _caption(at: AppTest, awal: str) -> str:
    """The figure after `awal` in the first caption that has it: `Partisipasi 2018: 73,4%` -> `73,4%`."""
    text = next(c.value for c in at.caption if awal in c.value)
    return text.split(awal, 1)[1].split()[0]


def _hari_h(db_path, monkeypatch) -> AppTest:
    monkeypatch.setenv("READINESS_DB", str(db_path))
    monkeypatch.chdir(ROOT)
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120)
    at.run()
    at.switch_page("pages/hari_h.py").run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_the_region_figures_read_the_same_on_pages_slides_and_report(demo_db, monkeypatch):
    # Two TPS of Ngadisari (470 DPT each) report 350 voters each: 74,47% so far.
    with db.open_read_only(demo_db) as con:
        daftar = lapor.DaftarTps.dari_db(con, E)
    layanan = lapor.Layanan(lapor.lapor_path(demo_db))
    try:
        for tps in ("1", "2"):
            laporan = lapor.Laporan(
                E, NGADISARI, tps, "pemungutan_selesai", dt.datetime(2024, 11, 27, 13), hadir_l=175, hadir_p=175
            )
            layanan.kirim(akses.Pengguna("admin1", "admin"), laporan, daftar)
    finally:
        layanan.close()

    target, sebelumnya, sementara = {}, {}, {}
    with db.open_read_only(demo_db) as con:
        kab = model.report(con, E, "kabupaten").iloc[0]
        target["report"] = fmt.partisipasi(kab["target_partisipasi"])
        sebelumnya["report"] = fmt.partisipasi(kab["partisipasi_sebelumnya"])
        lapor_con = lapor.baca_saja(lapor.lapor_path(demo_db))
        try:
            deck = slides.build(con, E, lapor=lapor_con)
        finally:
            lapor_con.close()
    per_slide = {s.kind: s for s in deck.slides}
    ringkasan = {a.label: a for a in per_slide["ringkasan"].angka}
    target["slide ringkasan"] = ringkasan["Target partisipasi"].nilai
    sebelumnya["slide ringkasan"] = ringkasan["Target partisipasi"].keterangan.split(": ")[1]
    partisipasi = {a.label: a.nilai for a in per_slide["partisipasi"].angka}
    target["slide partisipasi"] = partisipasi["Target kabupaten"]
    target["judul slide partisipasi"] = per_slide["partisipasi"].judul.split(":")[0].split()[-1]
    sebelumnya["slide partisipasi"] = partisipasi["Partisipasi 2018"]
    hari_h = per_slide["lapor"]
    target["judul slide hari pemungutan"] = hari_h.judul.split("(target ")[1].rstrip(")")
    sementara["slide hari pemungutan"] = hari_h.angka[1].nilai
    teks_pptx = "\n".join(
        shape.text_frame.text
        for slide in Presentation(io.BytesIO(as_pptx.to_pptx(deck))).slides
        for shape in slide.shapes
        if shape.has_text_frame
    )

    at = buka(demo_db, monkeypatch, "ringkasan")
    target["Ringkasan"] = _metric(at, "Target partisipasi")
    sebelumnya["Ringkasan"] = _caption(at, "Partisipasi pemilihan sebelumnya ")
    at = buka(demo_db, monkeypatch, "partisipasi")
    target["Partisipasi"] = _metric(at, "Target kabupaten")
    sebelumnya["Partisipasi"] = _metric(at, "Partisipasi 2018")
    at = _hari_h(demo_db, monkeypatch)
    target["Hari Pemungutan"] = _metric(at, "Target partisipasi")
    sebelumnya["Hari Pemungutan"] = _caption(at, "Partisipasi 2018: ")
    sementara["Hari Pemungutan"] = _metric(at, "Partisipasi sementara")

    assert target == dict.fromkeys(target, "82,0%")
    assert sebelumnya == dict.fromkeys(sebelumnya, "73,4%")
    assert sementara == dict.fromkeys(sementara, "74,5%")
    assert "82,0%" in teks_pptx and "73,4%" in teks_pptx and "74,5%" in teks_pptx
