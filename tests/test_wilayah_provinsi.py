"""A province's desk: `init --wilayah 74` sets up Provinsi Sulawesi Tenggara with its seventeen
kab/kota, their kecamatan and desa/kelurahan and boundaries, and a gubernur election; `nasional`
sets up the whole country. Counts are compared with the national reference (reference/nasional/)."""

from __future__ import annotations

import contextlib
import io
from collections import Counter

import pytest

from readiness import cli, db
from reference import nasional

E = "pilkada-2024"


@pytest.fixture(scope="module")
def dibuat(tmp_path_factory):
    """A database just set up by `init --wilayah 74` (in-process), and what init said."""
    path = tmp_path_factory.mktemp("provinsi") / "sultra.duckdb"
    said = io.StringIO()
    with contextlib.redirect_stderr(said):
        assert cli.main(["init", "--wilayah", "74", "--db", str(path)]) == 0
    return path, said.getvalue()


@pytest.fixture(scope="module")
def provinsi(dibuat):
    return dibuat[0]


def test_init_of_a_province_sets_up_its_kabkota_kecamatan_desa_and_gubernur_election(dibuat):
    provinsi, said = dibuat
    assert (
        f"{provinsi}: dasbor untuk Provinsi Sulawesi Tenggara (74) disiapkan: 17 kabupaten/kota, 221 kecamatan, "
        "1.908 desa dan 377 kelurahan; pemilihan pilkada-2024: Pemilihan Gubernur dan Wakil Gubernur "
        "Sulawesi Tenggara 2024, 27 November 2024."
    ) in said
    con = db.connect_read(provinsi)
    try:
        assert con.execute("select kode, nama, jenis, tingkat, kode_provinsi, provinsi from wilayah").fetchall() == [
            ("74", "Provinsi Sulawesi Tenggara", "provinsi", "provinsi", "74", "Sulawesi Tenggara")
        ]
        kabkota = con.execute("select kode_kabkota, kabkota, jenis from stg_kabkota order by 1").fetchall()
        assert len(kabkota) == 17
        assert kabkota[5] == ("74.06", "Kabupaten Bombana", "kabupaten")
        assert kabkota[-2:] == [("74.71", "Kota Kendari", "kota"), ("74.72", "Kota Bau Bau", "kota")]
        # each kab/kota has the kecamatan the national reference gives it, and its boundary
        reference = Counter(r["kode_kabkota"] for r in nasional.rows("kecamatan", "74"))
        got = dict(con.execute("select kode_kabkota, count(*) from ref_kecamatan group by 1").fetchall())
        assert got == dict(reference) and sum(got.values()) == 221
        assert con.execute("select count(*) from ref_desa").fetchone() == (len(nasional.rows("desa", "74")),)
        assert con.execute(
            "select count(*) from ref_kabkota_batas b join stg_kabkota k using (kode_kabkota)"
        ).fetchone() == (17,)
        assert con.execute("select count(*) from ref_kecamatan_batas").fetchone() == (221,)
        assert con.execute(
            "select election_id, nama, jenis, kode_wilayah, tanggal::varchar, kapasitas_tps from elections"
        ).fetchall() == [
            (E, "Pemilihan Gubernur dan Wakil Gubernur Sulawesi Tenggara 2024", "gubernur", "74", "2024-11-27", 600)
        ]
        assert db.active_election(con) == E
    finally:
        con.close()


def test_init_nasional_sets_up_every_place_of_the_country(tmp_path):
    path = tmp_path / "nasional.duckdb"
    assert cli.main(["init", "--wilayah", "nasional", "--db", str(path)]) == 0
    con = db.connect_read(path)
    try:
        assert con.execute("select kode, nama, tingkat, kode_provinsi from wilayah").fetchall() == [
            ("nasional", "Indonesia", "nasional", None)
        ]
        assert con.execute(
            "select (select count(*) from stg_kabkota), (select count(distinct kode_provinsi) from stg_kabkota), "
            "(select count(*) from ref_kecamatan), (select count(*) from ref_desa)"
        ).fetchone() == (514, 38, 7_285, 83_762)
        assert con.execute("select nama, jenis, kode_wilayah from elections").fetchall() == [
            ("Pemilihan Serentak Gubernur, Bupati dan Wali Kota 2024", "serentak", "nasional")
        ]
    finally:
        con.close()
