"""Kecamatan page through AppTest: one kecamatan's figures, desa, TPS and indicators."""

from readiness import db
from tests.pages.halaman import buka, metrics, semua_tabel, tabel, teks_semua


def test_kraksaan_from_the_url(demo_db, monkeypatch):
    at = buka(demo_db, monkeypatch, "kecamatan", kecamatan="35.13.14")
    assert at.title[0].value == "Kecamatan Kraksaan"
    # The page's own choice sits at the top of the main area, not in the sidebar.
    assert at.selectbox(key="pilih_kecamatan").value == "35.13.14"
    assert [b.label for b in at.sidebar.selectbox] == ["Pemilihan"]
    m = metrics(at)
    assert m["DPT"] == "54.217"
    assert m["TPS"] == "107"
    assert m["Perekaman KTP-el"] == "98,72%"
    text = teks_semua(at)
    assert "Belum siap" in text and "1 TPS > 600 pemilih (terbanyak 612)" in text
    assert "Bahas dengan PPK pemecahan 1 TPS yang melebihi 600 pemilih" in text
    desa = tabel(at, "Desa/Kelurahan")
    assert len(desa) == 18
    asembakor = desa.set_index("Desa/Kelurahan").loc["Asembakor"]
    assert asembakor["Status"] == "■ Belum siap"
    assert asembakor["Pemilih per TPS terbanyak"] == "612"
    assert desa["DPT"].str.replace(".", "").astype(int).sum() == 54217
    indikator = tabel(at, "Indikator").set_index("Indikator")
    assert indikator.loc["Kapasitas TPS", "Status"] == "■ Belum siap"
    assert indikator.loc["Perekaman KTP-el", "Nilai"] == "98,72% (54.184 dari 54.885)"
    assert indikator.loc["Konsistensi DPT", "Status"] == "● Siap"
    tps = [f for f in semua_tabel(at) if "TPS" in f.columns and "Alamat" in f.columns][0]
    assert len(tps) == 107
    assert tps["DPT"].str.replace(".", "").astype(int).max() == 612
    # Read in order: desa by name, then TPS number (2 before 10).
    order = list(zip(tps["Desa/Kelurahan"], tps["TPS"].astype(int)))
    assert order == sorted(order) and order[0] == ("Alassumur Kulon", 1)


def test_choosing_another_kecamatan_updates_the_url(demo_db, monkeypatch):
    at = buka(demo_db, monkeypatch, "kecamatan", kecamatan="35.13.14")
    at.selectbox(key="pilih_kecamatan").set_value("35.13.24").run()
    assert at.title[0].value == "Kecamatan Lumbang"
    assert at.query_params["kecamatan"] == "35.13.24"
    assert metrics(at)["DPT"] == "25.127"
    indikator = tabel(at, "Indikator").set_index("Indikator")
    assert indikator.loc["Konsistensi DPT", "Nilai"] == "DPT rekap 25.127, daftar TPS 25.127, daftar pemilih 25.127"


def test_gending_shows_the_desa_whose_tps_list_is_short(demo_db, monkeypatch):
    con = db.connect_read(demo_db)
    try:
        short = con.execute("""
            select d.desa, p.dpt, t.dpt from stg_pemilih p join ref_desa d using (kode_desa)
            join (select kode_desa, sum(dpt) dpt from stg_tps group by 1) t using (kode_desa)
            where p.kode_kecamatan = '35.13.18' and p.dpt <> t.dpt""").fetchall()
    finally:
        con.close()
    assert len(short) == 1
    name, rekap, daftar_tps = short[0]
    assert rekap - daftar_tps == 17
    at = buka(demo_db, monkeypatch, "kecamatan", kecamatan="35.13.18")
    desa = tabel(at, "Desa/Kelurahan").set_index("Desa/Kelurahan")
    # 17 of ~2.000 voters is more than 0,5% of one desa (red), though only 0,05% of Gending (yellow).
    assert desa.loc[name, "Status"] == "■ Belum siap"
    assert f"DPT rekap {rekap:,} ≠ daftar TPS {daftar_tps:,}".replace(",", ".") in desa.loc[name, "Alasan"]
    assert (desa["Status"] == "● Siap").sum() == len(desa) - 1
    assert metrics(at)["DPT"] == "37.300"


def test_no_data_for_2018_says_what_to_upload(demo_db, monkeypatch):
    at = buka(demo_db, monkeypatch, "kecamatan", pemilu="pilkada-2018", kecamatan="35.13.14")
    assert "Belum ada data untuk Kecamatan Kraksaan" in at.info[0].value
    assert not at.metric
