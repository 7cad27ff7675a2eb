"""marts/desa_kesiapan and marts/pemilih_desa reconcile with the kecamatan figures and the
per-voter rows; desa statuses at their threshold boundaries."""

import datetime as dt

import pandas as pd
import pytest

from readiness import db, ingest, model
from tests import xlsx


@pytest.fixture(scope="module")
def con(demo_db_master):
    connection = db.connect_read(demo_db_master)
    yield connection
    connection.close()


def test_desa_kesiapan_of_the_sample(con):
    # That the desa add up to their kecamatan: queries/checks/desa_jumlah_kecamatan.sql.
    desa = model.desa_kesiapan(con, "pilkada-2024", None)
    assert len(desa) == 330
    assert desa["dpt"].sum() == 872218
    assert (desa["status"] == "merah").sum() == 4  # 3 desa with a TPS over 600 + Gending's short desa
    one = model.desa_kesiapan(con, "pilkada-2024", "35.13.14")
    assert len(one) == 18 and one["dpt"].sum() == 54217


def test_pemilih_desa_counts_the_voter_list(con):
    desa = model.pemilih_desa(con, "pilkada-2024")
    lumbang = desa[desa["kode_kecamatan"] == "35.13.24"]
    rows = con.execute(
        "select kode_desa, jk, tgl_lahir, dis, ktpel from stg_daftar where election_id = 'pilkada-2024'"
    ).df()
    day = pd.Timestamp(dt.date(2024, 11, 27))
    born = pd.to_datetime(rows["tgl_lahir"])
    age = day.year - born.dt.year - ((born.dt.month > 11) | ((born.dt.month == 11) & (born.dt.day > 27))).astype(int)
    assert lumbang["daftar_dpt"].sum() == len(rows) == 25127
    assert lumbang["daftar_l"].sum() == (rows["jk"] == "L").sum()
    assert lumbang["pemula"].sum() == ((age >= 17) & (age <= 21)).sum()
    assert lumbang["pemula"].sum() == lumbang["pemula_l"].sum() + lumbang["pemula_p"].sum()
    assert lumbang["disabilitas"].sum() == (rows["dis"] > 0).sum()
    categories = lumbang[list(model.DISABILITAS)].sum().sum()
    assert categories == lumbang["disabilitas"].sum()
    assert lumbang["ktpel_belum_rekam"].sum() == (rows["ktpel"] == "B").sum()
    # Other kecamatan have no per-voter list: missing, never 0.
    assert desa.loc[desa["kode_kecamatan"] != "35.13.24", "pemula"].isna().all()
    per_kec = model.pemilih_per_kecamatan(desa).set_index("kecamatan")
    assert per_kec.loc["Lumbang", "daftar_dpt"] == 25127
    assert pd.isna(per_kec.loc["Kraksaan", "pemula"])
    # Summed in SQL per kecamatan, and one kecamatan's desa fetched alone: the same figures.
    in_sql = model.pemilih_kecamatan(con, "pilkada-2024")
    pd.testing.assert_frame_equal(in_sql, model.pemilih_per_kecamatan(desa))
    pd.testing.assert_frame_equal(model.pemilih_desa(con, "pilkada-2024", "35.13.24"), lumbang.reset_index(drop=True))


def test_pemula_age_boundaries(empty_db, tmp_path):
    # Election day 27-11-2024: 17 exactly that day counts, 22 that day does not.
    rows = [
        ["KECAMATAN", "DESA", "TPS", "JENIS KELAMIN", "TANGGAL LAHIR", "DISABILITAS"],
        ["Sukapura", "Ngadisari", 1, "L", "27-11-2007", 0],
        ["Sukapura", "Ngadisari", 1, "P", "28-11-2002", 6],
        ["Sukapura", "Ngadisari", 1, "P", "27-11-2002", 0],
        ["Sukapura", "Ngadisari", 1, "L", "01-01-1970", 1],
    ]
    path = xlsx.write(tmp_path / "dpt.xlsx", rows)
    batch = ingest.ingest_files(empty_db, [(path.name, path.read_bytes())], kind="daftar")
    assert batch.committed, [p.text() for r in batch.results for p in r.problems]
    con = db.connect_read(empty_db)
    try:
        desa = model.pemilih_desa(con, "pilkada-2024").set_index("desa")
        row = desa.loc["Ngadisari"]
        assert (row["daftar_dpt"], row["pemula"], row["pemula_l"], row["pemula_p"]) == (4, 2, 1, 1)
        assert (row["disabilitas"], row["dis_netra"], row["dis_fisik"]) == (2, 1, 1)
    finally:
        con.close()


def test_desa_ktpel_and_consistency_boundaries(empty_db, tmp_path):
    ktpel = [
        ["KECAMATAN", "DESA", "WAJIB KTP-EL", "SUDAH REKAM"],
        ["Sukapura", "Ngadisari", 1000, 980],
        ["Sukapura", "Wonotoro", 1000, 979],
        ["Sukapura", "Jetak", 1000, 950],
        ["Sukapura", "Ngadas", 1000, 949],
    ]
    recap = xlsx.recap(
        tmp_path / "rekap.xlsx",
        [
            ("Sukapura", "Ngadisari", 2, 500, 500, 1000),
            ("Sukapura", "Wonotoro", 2, 500, 500, 1000),
            ("Sukapura", "Jetak", 2, 500, 500, 1000),
        ],
    )
    tps = [
        ["KECAMATAN", "DESA", "NO TPS", "DPT"],
        ["Sukapura", "Ngadisari", 1, 1000],
        ["Sukapura", "Wonotoro", 1, 995],
        ["Sukapura", "Jetak", 1, 994],
    ]
    paths = [xlsx.write(tmp_path / "ktpel.xlsx", ktpel), recap, xlsx.write(tmp_path / "tps.xlsx", tps)]
    assert ingest.ingest_files(empty_db, [(p.name, p.read_bytes()) for p in paths]).committed
    con = db.connect_read(empty_db)
    try:
        d = model.desa_kesiapan(con, "pilkada-2024", "35.13.01").set_index("desa")
    finally:
        con.close()
    assert list(d.loc[["Ngadisari", "Wonotoro", "Jetak", "Ngadas"], "status_ktpel"]) == [
        "hijau",
        "kuning",
        "kuning",
        "merah",
    ]
    assert "KTP-el 94,90% (< 95%)" in d.loc["Ngadas", "alasan"]
    # 1000 vs 995 is 0,50% apart (yellow); 1000 vs 994 is 0,60% (red); equal is green.
    assert list(d.loc[["Ngadisari", "Wonotoro", "Jetak"], "status_konsistensi"]) == ["hijau", "kuning", "merah"]
    assert "DPT rekap 1.000 ≠ daftar TPS 994" in d.loc["Jetak", "alasan"]
    assert pd.isna(d.loc["Ngadas", "status_konsistensi"])  # one source only


def test_pemilih_desa_totals(con):
    # The same desa figures as marts/desa: queries/checks/pemilih_desa_sama_dengan_desa.sql.
    figures = model.pemilih_desa(con, "pilkada-2024")
    assert figures["dpt"].sum() == 872218 and figures["tps"].sum() == 1739
