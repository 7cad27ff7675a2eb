"""The Hari Pemungutan page in AppTest: TPS reported per stage, the turnout so far
against hand-computed numbers, the follow-up list, incidents closed by an analyst."""

from __future__ import annotations

import datetime as dt

from streamlit.testing.v1 import AppTest

from readiness import akses, db, lapor
from tests.pages.halaman import ROOT, semua_tabel, tabel, teks_semua

E = "pilkada-2024"
ADMIN = akses.Pengguna("admin1", "admin")
NGADISARI, WONOTORO = "35.13.01.2001", "35.13.01.2002"
PAGI = dt.datetime(2024, 11, 27, 13, 0)


def metrics(at: AppTest) -> dict[str, str]:
    """The kabupaten's figures (the first of each label; the kecamatan's detail repeats the labels)."""
    out: dict[str, str] = {}
    for m in at.metric:
        out.setdefault(m.label, m.value)
    return out


def rincian(at: AppTest) -> dict[str, str]:
    """The figures of the kecamatan chosen under 'Rincian kecamatan'."""
    return {m.label: m.value for m in at.metric[7:]}


def _buka(db_path, monkeypatch) -> AppTest:
    monkeypatch.setenv("READINESS_DB", str(db_path))
    monkeypatch.chdir(ROOT)
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120)
    at.run()  # the page has its own url_path: switch after the navigation is known
    at.switch_page("pages/hari_h.py").run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _kirim_laporan(db_path, reports):
    """Reports sent before the server opens the file (the page's writer opens it afterwards)."""
    con = db.open_read_only(db_path)
    daftar = lapor.DaftarTps.dari_db(con, E)
    layanan = lapor.Layanan(lapor.lapor_path(db_path))
    try:
        return [layanan.kirim(ADMIN, lapor.Laporan(E, *r[:4], **r[4]), daftar) for r in reports]
    finally:
        layanan.close()
        con.close()


def test_nothing_reported_yet(demo_db, monkeypatch):
    at = _buka(demo_db, monkeypatch)
    assert at.title[0].value == "Hari Pemungutan Suara"
    assert any(i.value.startswith("Belum ada laporan dari TPS.") for i in at.info)
    m = metrics(at)
    assert m["Logistik tiba"] == "0/1.739" and m["Partisipasi sementara"] == "–"


def test_turnout_and_stages_as_counted_by_hand(demo_db, monkeypatch):
    _kirim_laporan(
        demo_db,
        [
            (NGADISARI, "1", "logistik_tiba", PAGI, {}),
            (NGADISARI, "1", "pemungutan_selesai", PAGI, {"hadir_l": 200, "hadir_p": 150}),
            (NGADISARI, "2", "pemungutan_selesai", PAGI, {"hadir_l": 180, "hadir_p": 170}),
            (WONOTORO, "1", "pemungutan_selesai", PAGI, {"hadir_l": 100, "hadir_p": 100}),
            (WONOTORO, "1", lapor.KEJADIAN, PAGI, {"kategori": "logistik", "uraian": "Tinta kurang"}),
        ],
    )
    at = _buka(demo_db, monkeypatch)
    m = metrics(at)
    assert m["Logistik tiba"] == "1/1.739"
    assert m["Pemungutan selesai"] == "3/1.739"
    # 900 voters at TPS with DPT 470 + 470 + 479 = 1.419: 63,42%.
    assert m["Partisipasi sementara"] == "63,4%"
    assert m["Kejadian terbuka"] == "1"
    assert "900 pemilih di 3 TPS yang melapor (DPT 1.419)" in teks_semua(at)
    # Sukapura (first in the list) in detail: 1 of its TPS has logistics, 3 have voted.
    r = rincian(at)
    assert r["Logistik tiba"] == "1/58" and r["Pemungutan selesai"] == "3/58"
    assert r["Partisipasi sementara"] == "63,4%" and r["Kejadian terbuka"] == "1"
    kec = tabel(at, "Kecamatan").set_index("Kecamatan")
    suk = kec.loc["Sukapura"]
    assert suk["Pemungutan selesai"].startswith("3/") and suk["Logistik tiba"].startswith("1/")
    assert suk["Pengguna hak pilih"] == "900" and suk["Partisipasi sementara"] == "63,4%"
    assert suk["Selisih target (poin)"] == "-18,58" and suk["Kejadian terbuka"] == "1"
    assert kec.loc["Leces"]["Partisipasi sementara"] == "–"
    # The stage chased automatically is the furthest reported: 1.739 − 3 TPS still to report it.
    assert "tahap dipantau: Pemungutan selesai" in teks_semua(at)
    belum = [f for f in semua_tabel(at) if "Tindak lanjut" in f.columns][0]
    assert len(belum) == 1739 - 3
    assert belum["Tindak lanjut"].iloc[0].startswith("Hubungi PPK Kec. Sukapura / PPS Desa ")
    kejadian = [f for f in semua_tabel(at) if "Uraian" in f.columns][0]
    assert list(kejadian["Uraian"]) == ["Tinta kurang"] and list(kejadian["Status"]) == ["Terbuka"]


def test_an_analyst_marks_an_incident_handled(demo_db, monkeypatch):
    _kirim_laporan(demo_db, [(WONOTORO, "1", lapor.KEJADIAN, PAGI, {"kategori": "logistik", "uraian": "Tinta kurang"})])
    monkeypatch.setattr("app.sesi.pengguna", lambda: akses.Pengguna("analis1", "analis"))
    at = _buka(demo_db, monkeypatch)
    assert metrics(at)["Kejadian terbuka"] == "1"
    at.text_input(key="hari_h_selesai_catatan").input("Tinta cadangan dikirim PPK").run()
    at.button(key="hari_h_selesai").click().run()
    assert not at.exception
    assert metrics(at)["Kejadian terbuka"] == "0"
    from app import baca

    trail = lapor.jejak(baca.lapor_layanan(str(demo_db)).cursor())
    assert trail.iloc[0]["aksi"] == "kejadian_selesai" and trail.iloc[0]["pelaku"] == "analis1"


def test_pimpinan_sees_it_and_cannot_close_incidents(demo_db, monkeypatch):
    _kirim_laporan(demo_db, [(WONOTORO, "1", lapor.KEJADIAN, PAGI, {"kategori": "logistik", "uraian": "Tinta kurang"})])
    monkeypatch.setattr("app.sesi.pengguna", lambda: akses.Pengguna("bupati", "pimpinan"))
    at = _buka(demo_db, monkeypatch)
    assert at.title[0].value == "Hari Pemungutan Suara"
    assert metrics(at)["Kejadian terbuka"] == "1"
    assert not [b for b in at.button if b.key == "hari_h_selesai"]
