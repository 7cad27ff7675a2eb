"""Status rules at each threshold boundary, through real files and the real SQL."""

import pandas as pd

from readiness import db, ingest, model
from tests import xlsx


def _ingest(db_path, *paths):
    batch = ingest.ingest_files(db_path, [(p.name, p.read_bytes()) for p in paths])
    assert batch.ok, [p.text() for r in batch.results for p in r.problems]
    return batch


def _rows(db_path):
    con = db.connect_read(db_path)
    try:
        return model.kecamatan(con, "pilkada-2024").set_index("kecamatan")
    finally:
        con.close()


def test_ktpel_thresholds(empty_db, tmp_path):
    rows = [
        ["KECAMATAN", "WAJIB KTP-EL", "SUDAH REKAM"],
        ["Sukapura", 10000, 9800],
        ["Sumber", 10000, 9799],
        ["Kuripan", 10000, 9500],
        ["Bantaran", 10000, 9499],
    ]
    _ingest(empty_db, xlsx.write(tmp_path / "ktpel.xlsx", rows))
    df = _rows(empty_db)
    assert df.loc["Sukapura", "ktpel_persen"] == 98.0 and df.loc["Sukapura", "status_ktpel"] == "hijau"
    assert df.loc["Sumber", "status_ktpel"] == "kuning"
    assert df.loc["Kuripan", "status_ktpel"] == "kuning"
    assert df.loc["Bantaran", "status_ktpel"] == "merah"
    assert "KTP-el 94,99% (< 95%)" in df.loc["Bantaran", "alasan"]
    assert "KTP-el 97,99% (< 98%)" in df.loc["Sumber", "alasan"]
    # No KTP-el data for Leces: missing, never zero.
    assert pd.isna(df.loc["Leces", "ktpel_persen"])
    assert pd.isna(df.loc["Leces", "status_ktpel"])


def test_participation_gap_thresholds(empty_db, tmp_path):
    rows = [
        ["KECAMATAN", "PARTISIPASI SEBELUMNYA", "TARGET PARTISIPASI"],
        ["Sukapura", "77", "82"],
        ["Sumber", "76,9", "82"],
        ["Kuripan", "67", "82"],
        ["Bantaran", "66,9", "82"],
        ["Lumbang", "57,2", "82"],
    ]
    _ingest(empty_db, xlsx.write(tmp_path / "target.xlsx", rows))
    df = _rows(empty_db)
    assert df.loc["Sukapura", "status_partisipasi"] == "hijau"
    assert df.loc["Sumber", "status_partisipasi"] == "kuning"
    assert df.loc["Kuripan", "status_partisipasi"] == "kuning"
    assert df.loc["Bantaran", "status_partisipasi"] == "merah"
    assert "Partisipasi 2018 57,2% vs target 82%" in df.loc["Lumbang", "alasan"]


def test_tps_capacity_and_consistency(empty_db, tmp_path):
    tps = [
        ["KECAMATAN", "DESA", "NO TPS", "DPT"],
        ["Sukapura", "Ngadisari", 1, 600],
        ["Sukapura", "Ngadisari", 2, 400],
        ["Sumber", "Sumber", 1, 601],
        ["Sumber", "Sumber", 2, 399],
    ]
    recap = [["KECAMATAN", "JUMLAH TPS", "DPT"], ["Sukapura", 2, 1000], ["Sumber", 2, 1005], ["Kuripan", 1, 500]]
    _ingest(empty_db, xlsx.write(tmp_path / "tps.xlsx", tps), xlsx.write(tmp_path / "rekap.xlsx", recap))
    df = _rows(empty_db)
    assert df.loc["Sukapura", "status_tps"] == "hijau"
    assert df.loc["Sumber", "status_tps"] == "merah"
    assert "1 TPS > 600 pemilih (terbanyak 601)" in df.loc["Sumber", "alasan"]
    assert df.loc["Sukapura", "status_konsistensi"] == "hijau"
    # 1005 vs 1000: 0,50% apart -> kuning, with both figures in the reason.
    assert df.loc["Sumber", "status_konsistensi"] == "kuning"
    assert "DPT rekap 1.005 ≠ daftar TPS 1.000" in df.loc["Sumber", "alasan"]
    # Only one source for Kuripan: nothing to compare.
    assert pd.isna(df.loc["Kuripan", "status_konsistensi"])
    assert "Data TPS belum diunggah" in df.loc["Kuripan", "alasan"]


def test_status_is_the_worst_indicator_and_missing_everything_is_red(empty_db, tmp_path):
    rows = [["KECAMATAN", "WAJIB KTP-EL", "SUDAH REKAM"], ["Sukapura", 100, 99]]
    _ingest(empty_db, xlsx.write(tmp_path / "k.xlsx", rows))
    df = _rows(empty_db)
    assert df.loc["Sukapura", "status_ktpel"] == "hijau"
    assert df.loc["Sukapura", "status_kelengkapan"] == "kuning"
    assert df.loc["Sukapura", "status"] == "kuning"
    assert df.loc["Sumber", "status"] == "merah"
    assert df.loc["Sumber", "alasan"] == "Belum ada data diunggah"
    assert pd.isna(df.loc["Sumber", "dpt"])


def test_thresholds_come_from_the_database(empty_db, tmp_path):
    rows = [["KECAMATAN", "WAJIB KTP-EL", "SUDAH REKAM"], ["Sukapura", 10000, 9700]]
    _ingest(empty_db, xlsx.write(tmp_path / "k.xlsx", rows))
    assert _rows(empty_db).loc["Sukapura", "status_ktpel"] == "kuning"
    with db.writing(empty_db) as con:
        con.execute("update settings set value = 96 where key = 'ktpel_hijau' and election_id = 'pilkada-2024'")
    assert _rows(empty_db).loc["Sukapura", "status_ktpel"] == "hijau"
