"""marts/ktpel_tren: every dated KTP-el upload, a kecamatan's latest figure carried forward."""

from readiness import db, ingest, model
from tests import xlsx


def _tren(db_path):
    con = db.connect_read(db_path)
    try:
        tren = db.run(con, "marts/ktpel_tren", election="pilkada-2024")
        kec = model.kecamatan(con, "pilkada-2024")
    finally:
        con.close()
    return tren, kec


def test_one_upload_reconciles_with_the_kecamatan_figures(demo_db):
    tren, kec = _tren(demo_db)
    assert len(tren) == 24 and tren["tanggal"].nunique() == 1
    assert tren["ktpel_wajib"].sum() == kec["ktpel_wajib"].sum() == 887588
    assert tren["ktpel_rekam"].sum() == kec["ktpel_rekam"].sum()
    kab = model.ktpel_tren_kabupaten(tren)
    assert list(kab["ktpel_persen"]) == [97.41] and list(kab["jumlah_kecamatan"]) == [24]


def test_later_kecamatan_upload_carries_the_others_forward(demo_db, tmp_path):
    rows = [
        ["KECAMATAN", "WAJIB KTP-EL", "SUDAH REKAM", "TANGGAL DATA"],
        ["Krucil", 35502, 34000, "25-11-2024"],
        ["Tiris", 37738, 36000, "25-11-2024"],
    ]
    path = xlsx.write(tmp_path / "ktpel_update.xlsx", rows)
    assert ingest.ingest_files(demo_db, [(path.name, path.read_bytes())]).committed
    tren, kec = _tren(demo_db)
    assert tren["tanggal"].nunique() == 2 and len(tren) == 48
    later = tren[tren["tanggal"] == tren["tanggal"].max()].set_index("kecamatan")
    assert later.loc["Krucil", "ktpel_rekam"] == 34000
    assert str(later.loc["Sukapura", "tanggal_kecamatan"]).startswith("2024-11-20")  # carried forward
    # The latest date equals what the dashboard shows as current.
    assert later["ktpel_rekam"].sum() == kec["ktpel_rekam"].sum()
    kab = model.ktpel_tren_kabupaten(tren)
    assert list(kab["jumlah_kecamatan"]) == [24, 24]
    assert kab["ktpel_persen"].iloc[1] > kab["ktpel_persen"].iloc[0]


def test_a_correction_for_the_same_date_replaces_it(demo_db, tmp_path):
    rows = [["KECAMATAN", "WAJIB KTP-EL", "SUDAH REKAM", "TANGGAL DATA"], ["Krucil", 35502, 33500, "20-11-2024"]]
    path = xlsx.write(tmp_path / "ktpel_koreksi.xlsx", rows)
    assert ingest.ingest_files(demo_db, [(path.name, path.read_bytes())]).committed
    tren, _ = _tren(demo_db)
    assert tren["tanggal"].nunique() == 1
    assert tren.set_index("kecamatan").loc["Krucil", "ktpel_rekam"] == 33500
