"""marts/tps and marts/tps_sebaran on the sample and at the capacity boundary. That the TPS rows add up
to each kecamatan's TPS-list figures: queries/checks/tps_jumlah_kecamatan.sql."""

import pytest

from readiness import db, model


@pytest.fixture(scope="module")
def con(demo_db_master):
    connection = db.connect_read(demo_db_master)
    yield connection
    connection.close()


def test_tps_rows_of_the_sample(con):
    tps = db.run(con, "marts/tps", election="pilkada-2024", kecamatan=None)
    kec = model.kecamatan(con, "pilkada-2024").set_index("kode_kecamatan")
    assert len(tps) == 1739 == kec["tps"].sum()
    assert tps["dpt"].sum() == kec["dpt_daftar_tps"].sum() == 872218 - 17  # Gending's TPS list is 17 short
    over = tps[tps["melebihi_kapasitas"]]
    assert sorted(zip(over["desa"], over["dpt"], over["kelebihan"])) == [
        ("Asembakor", 612, 12),
        ("Randumerak", 631, 31),
        ("Sumberejo", 605, 5),
    ]


def test_one_kecamatan_and_the_distribution(con):
    paiton = db.run(con, "marts/tps", election="pilkada-2024", kecamatan="35.13.12")
    assert len(paiton) == 113 and paiton["melebihi_kapasitas"].sum() == 2
    bands = db.run(con, "marts/tps_sebaran", election="pilkada-2024", kecamatan=None, desa=None)
    assert bands["jumlah_tps"].sum() == 1739
    assert bands.loc[bands["melebihi_kapasitas"], "jumlah_tps"].sum() == 3
    assert list(bands.loc[bands["melebihi_kapasitas"], "dari"]) == [601]
    # Every band is 50 wide and starts right after the previous one's end.
    assert ((bands["sampai"] - bands["dari"]) == 49).all()
    assert db.run(con, "marts/tps", election="pilkada-2018", kecamatan=None).empty


def test_capacity_boundary_per_tps(empty_db, tmp_path):
    from readiness import ingest
    from tests import xlsx

    rows = [
        ["KECAMATAN", "DESA", "NO TPS", "DPT"],
        ["Sukapura", "Ngadisari", 1, 600],
        ["Sukapura", "Ngadisari", 2, 601],
        ["Sukapura", "Wonotoro", 1, 550],
    ]
    path = xlsx.write(tmp_path / "tps.xlsx", rows)
    assert ingest.ingest_files(empty_db, [(path.name, path.read_bytes())]).committed
    con = db.connect_read(empty_db)
    try:
        tps = db.run(con, "marts/tps", election="pilkada-2024", kecamatan="35.13.01")
        assert list(tps["melebihi_kapasitas"]) == [False, True, False]  # 600 is allowed, 601 is not
        bands = db.run(con, "marts/tps_sebaran", election="pilkada-2024", kecamatan=None, desa=None)
        assert list(zip(bands["dari"], bands["jumlah_tps"], bands["melebihi_kapasitas"])) == [
            (501, 1, False),
            (551, 1, False),
            (601, 1, True),
        ]
        desa = model.desa_kesiapan(con, "pilkada-2024", "35.13.01").set_index("desa")
        assert desa.loc["Ngadisari", "status_tps"] == "merah"
        assert desa.loc["Ngadisari", "alasan"] == "1 TPS > 600 pemilih (terbanyak 601)"
        assert desa.loc["Wonotoro", "status"] == "hijau"
        assert desa["status"].isna().sum() == len(desa) - 2  # desa without data: no status, not green
    finally:
        con.close()
