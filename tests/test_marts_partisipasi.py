"""marts/partisipasi and the per-kecamatan target setting (precedence, status boundaries)."""

import pandas as pd

from readiness import db, ingest, jejak, model
from tests import xlsx


def _part(db_path):
    con = db.connect_read(db_path)
    try:
        return (
            model.partisipasi(con, "pilkada-2024").set_index("kecamatan"),
            model.kabupaten(con, "pilkada-2024").iloc[0],
        )
    finally:
        con.close()


def test_gap_and_status_reconcile(demo_db):
    part, kab = _part(demo_db)
    assert len(part) == 24
    gap = (part["target_partisipasi"] - part["partisipasi_sebelumnya"]).round(1)
    assert (gap == part["selisih_partisipasi"]).all()
    assert part["status_partisipasi"].value_counts().to_dict() == {"kuning": 13, "hijau": 8, "merah": 3}
    assert set(part["target_sumber"]) == {"kecamatan"}
    assert part["pengguna_hak_pilih"].isna().all() and part["partisipasi_realisasi"].isna().all()
    weighted = (part["partisipasi_sebelumnya"] * part["dpt"]).sum() / part["dpt"].sum()
    assert round(weighted, 2) == kab["partisipasi_sebelumnya"]


def test_target_precedence_setting_over_file_over_default(empty_db, tmp_path):
    rows = [["KECAMATAN", "TARGET PARTISIPASI", "PARTISIPASI 2018"], ["Sukapura", 80, "77"], ["Sumber", 82, "70"]]
    path = xlsx.write(tmp_path / "target.xlsx", rows)
    assert ingest.ingest_files(empty_db, [(path.name, path.read_bytes())]).committed
    model.simpan_target_kecamatan(empty_db, "pilkada-2024", {"35.13.01": 87.5, "35.13.03": 75.0}, jejak.CLI)
    part, _ = _part(empty_db)
    assert (part.loc["Sukapura", "target_partisipasi"], part.loc["Sukapura", "target_sumber"]) == (
        87.5,
        "pengaturan kecamatan",
    )
    assert part.loc["Sukapura", "selisih_partisipasi"] == 10.5
    assert part.loc["Sukapura", "status_partisipasi"] == "kuning"
    assert (part.loc["Sumber", "target_partisipasi"], part.loc["Sumber", "target_sumber"]) == (82.0, "kecamatan")
    assert (part.loc["Kuripan", "target_partisipasi"], part.loc["Kuripan", "target_sumber"]) == (
        75.0,
        "pengaturan kecamatan",
    )
    assert (part.loc["Leces", "target_partisipasi"], part.loc["Leces", "target_sumber"]) == (82.0, "pengaturan")
    # Removing the override falls back to the file.
    model.simpan_target_kecamatan(empty_db, "pilkada-2024", {"35.13.01": None}, jejak.CLI)
    part, _ = _part(empty_db)
    assert (part.loc["Sukapura", "target_partisipasi"], part.loc["Sukapura", "target_sumber"]) == (80.0, "kecamatan")
    assert part.loc["Sukapura", "status_partisipasi"] == "hijau"  # 80 - 77 = 3 points


def test_override_status_at_the_boundaries(empty_db, tmp_path):
    rows = [["KECAMATAN", "TARGET PARTISIPASI", "PARTISIPASI 2018"], ["Sukapura", 80, "70"]]
    path = xlsx.write(tmp_path / "target.xlsx", rows)
    assert ingest.ingest_files(empty_db, [(path.name, path.read_bytes())]).committed
    expected = {75.0: "hijau", 75.1: "kuning", 85.0: "kuning", 85.1: "merah"}
    for target, status in expected.items():
        model.simpan_target_kecamatan(empty_db, "pilkada-2024", {"35.13.01": target}, jejak.CLI)
        part, _ = _part(empty_db)
        assert part.loc["Sukapura", "status_partisipasi"] == status, target


def test_realised_turnout(demo_db, tmp_path):
    rows = [
        ["KECAMATAN", "TARGET PARTISIPASI", "PARTISIPASI 2018", "PENGGUNA HAK PILIH"],
        ["Lumbang", 80, "57,2", 20102],
    ]
    path = xlsx.write(tmp_path / "realisasi.xlsx", rows)
    assert ingest.ingest_files(demo_db, [(path.name, path.read_bytes())]).committed
    part, _ = _part(demo_db)
    assert part.loc["Lumbang", "partisipasi_realisasi"] == round(100 * 20102 / 25127, 2) == 80.0
    assert part.loc["Lumbang", "selisih_realisasi"] == 0.0
    assert pd.isna(part.loc["Kraksaan", "partisipasi_realisasi"])
