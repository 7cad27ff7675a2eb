"""Pemilih page through AppTest: DPT by kecamatan and desa, L/P, pemilih pemula and disabilitas."""

import datetime as dt

from readiness import db
from tests.pages.halaman import buka, metrics, tabel, teks_semua


def _lumbang_counts(db_path):
    """Counted here from the per-voter rows in Python, independently of the SQL mart."""
    con = db.connect_read(db_path)
    try:
        rows = con.execute("select tgl_lahir, dis from stg_daftar where kode_kecamatan = '35.13.24'").fetchall()
    finally:
        con.close()
    day = dt.date(2024, 11, 27)

    def age(born):
        return day.year - born.year - ((day.month, day.day) < (born.month, born.day))

    pemula = sum(1 for born, _ in rows if born is not None and 17 <= age(born) <= 21)
    disabilitas = sum(1 for _, dis in rows if dis and dis > 0)
    return len(rows), pemula, disabilitas


def test_kabupaten_and_lumbang_voter_groups(demo_db, monkeypatch):
    voters, pemula, disabilitas = _lumbang_counts(demo_db)
    assert voters == 25127 and pemula > 0 and disabilitas > 0
    at = buka(demo_db, monkeypatch, "pemilih", kecamatan="35.13.24")
    m = metrics(at)
    assert m["DPT"] == "872.218"
    assert m["Laki-laki"] == "425.106" and m["Perempuan"] == "447.112"
    assert m["Pemilih pemula"] == f"{pemula:,}".replace(",", ".")
    # the pemula count sits beside the kabupaten DPT: its caption names the one kecamatan it counts
    assert "17–21 tahun pada hari pemungutan suara, dari daftar pemilih 1 kecamatan: Lumbang (25.127 pemilih)" in [
        c.value for c in at.caption
    ]
    assert "Pemilih pemula dan disabilitas dari daftar pemilih 1 kecamatan: Lumbang" in [c.value for c in at.caption]
    # Where the data comes from: one short line (a phone's first screen), the whole under "Sumber data".
    (garis,) = [c.value for c in at.caption if c.value.endswith(" WIB · versi 2")]
    assert garis.startswith("Data ") and len(garis) <= 40
    (sumber,) = [e for e in at.expander if e.label == "Sumber data"]
    assert "versi data 2: unggahan rekap pemilih #1" in sumber.caption[0].value
    kec = tabel(at, "Kecamatan").set_index("Kecamatan")
    assert len(kec) == 24
    assert kec.loc["Kraksaan", "DPT"] == "54.217"
    assert kec.loc["Lumbang", "Pemilih di daftar per orang"] == "25.127"
    assert kec.loc["Lumbang", "Disabilitas"] == f"{disabilitas:,}".replace(",", ".")
    assert kec.loc["Kraksaan", "Pemilih pemula"] == "–"  # no per-voter list: missing, not 0
    desa = tabel(at, "Desa/Kelurahan")
    assert len(desa) == 10
    assert desa["DPT"].str.replace(".", "").astype(int).sum() == 25127
    assert desa["Pemilih pemula"].str.replace(".", "").astype(int).sum() == pemula
    categories = [c for c in desa.columns if c.startswith("Disabilitas ")]
    assert len(categories) == 6
    assert sum(desa[c].astype(int).sum() for c in categories) == disabilitas


def test_desa_of_a_kecamatan_without_a_voter_list(demo_db, monkeypatch):
    at = buka(demo_db, monkeypatch, "pemilih", kecamatan="35.13.14")
    desa = tabel(at, "Desa/Kelurahan")
    assert len(desa) == 18 and desa["DPT"].str.replace(".", "").astype(int).sum() == 54217
    assert "Daftar pemilih per orang Kecamatan Kraksaan belum diunggah" in teks_semua(at)


def test_no_voters_for_2018_says_what_to_upload(demo_db, monkeypatch):
    at = buka(demo_db, monkeypatch, "pemilih", pemilu="pilkada-2018")
    assert "Belum ada data pemilih untuk pemilihan ini" in at.info[0].value
    assert not at.metric
