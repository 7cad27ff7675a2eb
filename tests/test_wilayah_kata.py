"""The words of an installation (readiness.wilayah.kata) follow its region and its election: a kota
has a Wali Kota and kelurahan, a kabupaten a Bupati and desa (and kelurahan, where it has both)."""

from __future__ import annotations

import pytest

from readiness import cli, db, model
from readiness.wilayah import kata

E = "pilkada-2024"


@pytest.fixture(scope="module")
def installations(tmp_path_factory):
    folder = tmp_path_factory.mktemp("kata")
    made = {}
    for kode in ("35.74", "74.06"):
        path = folder / f"{kode}.duckdb"
        assert cli.main(["init", "--wilayah", kode, "--db", str(path)]) == 0
        made[kode] = path
    return made


def _kata(path, election=E):
    con = db.connect_read(path)
    try:
        return kata(con, election)
    finally:
        con.close()


def test_a_kota_has_a_wali_kota_and_kelurahan(installations):
    k = _kata(installations["35.74"])
    assert (k.nama, k.wilayah, k.wilayah_kecil, k.kepala, k.pj, k.pj_nama) == (
        "Kota Probolinggo",
        "Kota",
        "kota",
        "Wali Kota",
        "Pj Wali Kota",
        "Pj Wali Kota Probolinggo",
    )
    assert (k.desa, k.desa_awal, k.desa_judul) == ("kelurahan", "Kelurahan", "Kelurahan")
    assert k.pemilihan == "Pemilihan Wali Kota dan Wakil Wali Kota Probolinggo 2024"
    assert k.judul == "Kota Probolinggo · Pilwali 2024"


def test_a_kabupaten_with_desa_and_kelurahan_names_both(installations, empty_db):
    bombana = _kata(installations["74.06"])  # 121 desa and 22 kelurahan
    assert (bombana.nama, bombana.kepala, bombana.pj_nama) == ("Kabupaten Bombana", "Bupati", "Pj Bupati Bombana")
    assert (bombana.desa, bombana.desa_awal, bombana.desa_judul) == (
        "desa/kelurahan",
        "Desa/kelurahan",
        "Desa/Kelurahan",
    )
    assert bombana.judul == "Kabupaten Bombana · Pilbup 2024"
    sample = _kata(empty_db)  # the sample's region: 325 desa and 5 kelurahan
    assert (sample.nama, sample.wilayah_kecil, sample.pj, sample.desa_judul) == (
        "Kabupaten Probolinggo",
        "kabupaten",
        "Pj Bupati",
        "Desa/Kelurahan",
    )


def test_a_gubernur_election_keeps_the_region_and_its_head(installations, tmp_path):
    import shutil

    path = tmp_path / "kota.duckdb"
    shutil.copyfile(installations["35.74"], path)
    assert (
        cli.main(
            ["election", "add", "pilgub-2024", "--jenis", "gubernur", "--tanggal", "2024-11-27", "--db", str(path)]
        )
        == 0
    )
    k = _kata(path, "pilgub-2024")
    assert (k.nama, k.pj, k.pemilihan_singkat) == ("Kota Probolinggo", "Pj Wali Kota", "Pilgub 2024")
    assert k.pemilihan == "Pemilihan Gubernur dan Wakil Gubernur Jawa Timur 2024"


def test_the_settings_labels_and_messages_speak_of_the_region():
    assert model.label_pengaturan("kota")["target_partisipasi"] == "Target partisipasi bawaan kota (%)"
    assert model.label_pengaturan()["target_partisipasi"] == "Target partisipasi bawaan kabupaten (%)"
    values = {key: 50 for key in model.PENGATURAN} | {
        "target_partisipasi": 120,
        "partisipasi_hijau": 5,
        "partisipasi_kuning": 10,
    }
    assert "Target partisipasi bawaan kota (%) harus antara 0 dan 100 (tertulis 120)" in model.periksa_pengaturan(
        values, "kota"
    )


def test_a_voter_of_another_region_is_named_by_the_kind_of_this_one():
    from readiness import audit

    kota = {"temuan": "nik_wilayah", "nik_kode_wilayah": "35.13.01", "kode_kecamatan": "35.74.01"}
    kabupaten = {"temuan": "nik_wilayah", "nik_kode_wilayah": "35.74.01", "kode_kecamatan": "35.13.01"}
    assert audit.keterangan(kota) == "kode wilayah NIK 351301 bukan kota ini (3574)"
    assert audit.keterangan(kabupaten) == "kode wilayah NIK 357401 bukan kabupaten ini (3513)"
