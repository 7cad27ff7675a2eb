"""Settings edited on the Pengaturan page: thresholds, the korwil assignment (refused unless every
kecamatan is in exactly one korwil) and the active election. Saved through db.writing."""

import pandas as pd
import pytest

from readiness import db, jejak, model


def _assignment(db_path, election="pilkada-2024"):
    con = db.connect_read(db_path)
    try:
        return db.run(con, "marts/korwil_penugasan", election=election)
    finally:
        con.close()


def _ref(db_path):
    return _assignment(db_path)[["kode_kecamatan", "kecamatan"]]


def test_korwil_editor_refuses_missing_and_doubled_kecamatan(empty_db):
    rows = _assignment(empty_db)[["kecamatan", "korwil", "koordinator"]]
    broken = pd.concat([rows[rows["kecamatan"] != "Tiris"], rows[rows["kecamatan"] == "Paiton"]])
    problems = model.periksa_korwil(broken, _ref(empty_db))
    assert "Kecamatan belum masuk korwil mana pun (1): Tiris" in problems
    assert "Kecamatan tercantum lebih dari sekali: Paiton (2 kali)" in problems
    with pytest.raises(model.PengaturanError):
        with db.writing(empty_db) as con:
            model.simpan_korwil(con, "pilkada-2024", broken)
    assert _assignment(empty_db)["korwil"].notna().all()  # nothing saved


def test_korwil_editor_other_problems(empty_db):
    rows = _assignment(empty_db)[["kecamatan", "korwil", "koordinator"]].copy()
    rows.loc[rows["kecamatan"] == "Leces", "korwil"] = ""
    rows.loc[rows["kecamatan"] == "Sumber", "koordinator"] = "Orang Lain"
    rows.loc[len(rows)] = ["Kecamatan Fiktif", "Wilayah I", ""]
    problems = model.periksa_korwil(rows, _ref(empty_db))
    assert "Kecamatan tidak dikenal: Kecamatan Fiktif" in problems
    assert "Kecamatan Leces belum diberi korwil" in problems
    assert "Wilayah I punya lebih dari satu koordinator: Asisten Pemerintahan dan Kesra, Orang Lain" in problems


def test_a_valid_new_assignment_is_saved_and_used(empty_db):
    rows = _assignment(empty_db)[["kecamatan", "korwil", "koordinator"]].copy()
    rows.loc[rows["kecamatan"] == "Tiris", ["korwil", "koordinator"]] = ["Wilayah III", None]
    rows = pd.concat([rows, pd.DataFrame([{"kecamatan": None, "korwil": None, "koordinator": None}])])  # empty row
    assert model.periksa_korwil(rows, _ref(empty_db)) == []
    with db.writing(empty_db) as con:
        model.simpan_korwil(con, "pilkada-2024", rows)
    con = db.connect_read(empty_db)
    try:
        kw = model.korwil(con, "pilkada-2024").set_index("korwil")
    finally:
        con.close()
    assert kw["jumlah_kecamatan"].to_dict() == {"Wilayah I": 8, "Wilayah II": 7, "Wilayah III": 9}
    assert kw.loc["Wilayah III", "koordinator"] == "Asisten Perekonomian dan Pembangunan"
    assert _assignment(empty_db, "pilkada-2018").set_index("kecamatan").loc["Tiris", "korwil"] == "Korwil III"


def test_threshold_validation_and_indonesian_numbers():
    values = model.baca_angka(
        {
            "kapasitas_tps": "600",
            "ktpel_hijau": "98",
            "ktpel_kuning": "95",
            "partisipasi_hijau": "5",
            "partisipasi_kuning": "15",
            "konsistensi_kuning": "0,5",
            "target_partisipasi": "82,5",
        }
    )
    assert values["konsistensi_kuning"] == 0.5 and values["target_partisipasi"] == 82.5
    assert model.periksa_pengaturan(values) == []
    assert model.periksa_pengaturan({**values, "ktpel_hijau": 101}) == [
        "KTP-el: batas Siap (%) harus antara 0 dan 100 (tertulis 101)"
    ]
    assert model.periksa_pengaturan({**values, "kapasitas_tps": 600.5}) == [
        "Kapasitas pemilih per TPS harus bilangan bulat"
    ]
    with pytest.raises(model.PengaturanError) as error:
        model.baca_angka({"ktpel_hijau": "98%%x"})
    assert error.value.problems == ["KTP-el: batas Siap (%): '98%%x' bukan angka"]


def test_saved_thresholds_and_capacity_are_per_election(empty_db):
    model.simpan_pengaturan(
        empty_db,
        "pilkada-2018",
        {
            "kapasitas_tps": 500,
            "ktpel_hijau": 97,
            "ktpel_kuning": 90,
            "partisipasi_hijau": 4,
            "partisipasi_kuning": 10,
            "konsistensi_kuning": 1,
            "target_partisipasi": 77.5,
        },
        jejak.CLI,
    )
    with db.writing(empty_db) as con:
        model.aktifkan_pemilihan(con, "pilkada-2018")
    con = db.connect_read(empty_db)
    try:
        s18 = db.run(con, "marts/pengaturan", election="pilkada-2018").set_index("key")["value"]
        s24 = db.run(con, "marts/pengaturan", election="pilkada-2024").set_index("key")["value"]
        assert db.active_election(con) == "pilkada-2018"
    finally:
        con.close()
    assert (s18["kapasitas_tps"], s18["ktpel_hijau"], s18["target_partisipasi"]) == (500, 97, 77.5)
    assert (s24["kapasitas_tps"], s24["ktpel_hijau"], s24["target_partisipasi"]) == (600, 98, 82)
