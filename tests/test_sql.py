"""The sample's figures as the marts give them. That the marts add up to each other (kecamatan to
kabupaten and korwil, desa to kecamatan) is checked in SQL: queries/checks, tests/test_checks.py."""

import pytest

from readiness import db, model


@pytest.fixture(scope="module")
def con(demo_db_master):
    connection = db.connect_read(demo_db_master)
    yield connection
    connection.close()


def test_kabupaten_headline_figures(con):
    kec = model.kecamatan(con, "pilkada-2024")
    kab = model.kabupaten(con, "pilkada-2024").iloc[0]
    assert len(kec) == 24
    assert (kab["dpt"], kab["dpt_l"], kab["dpt_p"], kab["tps"]) == (872218, 425106, 447112, 1739)
    # Belum siap 8, Perlu perhatian 13, Siap 3
    assert (kab["jumlah_merah"], kab["jumlah_kuning"], kab["jumlah_hijau"], kab["status"]) == (8, 13, 3, "merah")


def test_three_korwil_of_eight_kecamatan(con):
    kw = model.korwil(con, "pilkada-2024")
    assert list(kw["korwil"]) == ["Wilayah I", "Wilayah II", "Wilayah III"]
    assert list(kw["jumlah_kecamatan"]) == [8, 8, 8]


def test_every_desa_has_its_row(con):
    desa = model.desa(con, "pilkada-2024")
    assert len(desa) == 330 and desa["kode_desa"].is_unique
    assert desa["dpt"].sum() == 872218


def test_recap_is_the_dpt_source_and_sources_are_compared(con):
    kec = model.kecamatan(con, "pilkada-2024").set_index("kecamatan")
    assert set(kec["dpt_sumber"]) == {"rekap"}
    # The per-voter list of Lumbang agrees with the recap; Gending's TPS list is 17 short.
    assert kec.loc["Lumbang", "dpt_daftar_pemilih"] == kec.loc["Lumbang", "dpt_rekap"] == 25127
    assert kec.loc["Lumbang", "status_konsistensi"] == "hijau"
    assert kec.loc["Gending", "dpt_rekap"] - kec.loc["Gending", "dpt_daftar_tps"] == 17
    assert kec.loc["Gending", "status_konsistensi"] == "kuning"


def test_planted_over_capacity_tps(con):
    kec = model.kecamatan(con, "pilkada-2024").set_index("kecamatan")
    assert kec.loc["Paiton", "tps_melebihi_kapasitas"] == 2
    assert kec.loc["Kraksaan", "tps_melebihi_kapasitas"] == 1
    assert kec["tps_melebihi_kapasitas"].sum() == 3
    assert kec.loc["Paiton", "status"] == "merah"


def test_other_election_has_its_own_korwil_and_no_data(con):
    kw = model.korwil(con, "pilkada-2018")
    assert list(kw["korwil"]) == ["Korwil I", "Korwil II", "Korwil III"]
    assert kw["dpt"].isna().all()  # missing, never 0
    tiris = model.kecamatan(con, "pilkada-2018").set_index("kecamatan").loc["Tiris"]
    assert tiris["korwil"] == "Korwil III"
