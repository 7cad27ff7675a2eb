"""A province installation follows the contests of its voting day: `init --wilayah 74` records the
gubernur election and the bupati or wali kota election of every kab/kota that held one on 27 November
2024 (reference/pilkada_2024.csv), and the admin removes the ones the desk does not follow."""

from __future__ import annotations

import csv
from collections import Counter

import pytest

from readiness import db
from reference import nasional
from tests.test_kontes import jalan

REFERENCE = db.REFERENCE_DIR / "pilkada_2024.csv"


def elections(path) -> list[tuple]:
    con = db.connect_read(path)
    try:
        return con.execute(
            "select election_id, nama, jenis, kode_wilayah, tanggal::varchar, kapasitas_tps from elections order by 1"
        ).fetchall()
    finally:
        con.close()


def test_the_list_of_27_november_2024_has_545_regions_by_the_rule():
    with REFERENCE.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert Counter(r["jenis"] for r in rows) == {"gubernur": 37, "bupati": 415, "walikota": 93}
    assert {r["tanggal"] for r in rows} == {"2024-11-27"}
    kode = {r["kode_wilayah"] for r in rows}
    # every province but DI Yogyakarta elects its governor; DKI Jakarta's administrative cities and
    # regency elect no head, DI Yogyakarta's kab/kota do
    assert {p["kode_provinsi"] for p in nasional.rows("provinsi", "nasional")} - kode == {"34"}
    assert not {k for k in kode if k.startswith("31.")}
    assert {"34.01", "34.71", "74.06", "74.71", "35.13", "35.74"} <= kode
    kabkota = {k["kode_kabkota"] for k in nasional.rows("kabkota", "nasional")}
    assert kabkota - kode == {"31.01", "31.71", "31.72", "31.73", "31.74", "31.75"}


def test_init_of_a_province_adds_every_kabkota_contest_of_the_day(tmp_path):
    path = tmp_path / "sultra.duckdb"
    code, out, err = jalan("init", "--wilayah", "74", "--db", path)
    assert code == 0, err
    rows = elections(path)
    assert rows[0] == (
        "pilkada-2024",
        "Pemilihan Gubernur dan Wakil Gubernur Sulawesi Tenggara 2024",
        "gubernur",
        "74",
        "2024-11-27",
        600,
    )
    kontes = rows[1:]
    assert [r[3] for r in kontes] == [k["kode_kabkota"] for k in nasional.rows("kabkota", "74")]
    assert {(r[4], r[5]) for r in kontes} == {("2024-11-27", 600)}
    byid = {r[0]: r for r in kontes}
    assert byid["pilkada-2024-74.06"][1:4] == ("Pemilihan Bupati dan Wakil Bupati Bombana 2024", "bupati", "74.06")
    assert byid["pilkada-2024-74.71"][1:4] == (
        "Pemilihan Wali Kota dan Wakil Wali Kota Kendari 2024",
        "walikota",
        "74.71",
    )
    assert "Pada hari yang sama: 17 pemilihan bupati/wali kota" in out + err
    # each with the default settings, as one the admin adds
    con = db.connect_read(path)
    try:
        settings = dict(con.execute("select election_id, count(*) from settings group by 1").fetchall())
    finally:
        con.close()
    assert len(set(settings.values())) == 1 and len(settings) == 18

    # the admin removes a contest the desk does not follow; not the active one
    code, out, err = jalan("election", "remove", "pilkada-2024-74.03", "--db", path)
    assert code == 0, err
    assert "pilkada-2024-74.03" not in {r[0] for r in elections(path)} and len(elections(path)) == 17
    code, out, err = jalan("election", "remove", "pilkada-2024", "--db", path)
    assert code == 1
    assert "GALAT: pemilihan 'pilkada-2024' sedang aktif; aktifkan pemilihan lain dahulu. Tidak ada yang diubah." in (
        out + err
    )
    # and adds one back
    code, _, err = jalan(
        "election",
        "add",
        "pilbup-muna-2024",
        "--jenis",
        "bupati",
        "--wilayah",
        "74.03",
        "--tanggal",
        "2024-11-27",
        "--db",
        path,
    )
    assert code == 0, err


@pytest.mark.parametrize(
    "kode, gubernur, kontes",
    [
        ("34", ("serentak", "Pemilihan Serentak Bupati dan Wali Kota Daerah Istimewa Yogyakarta 2024"), 5),
        ("31", ("gubernur", "Pemilihan Gubernur dan Wakil Gubernur Daerah Khusus Ibukota Jakarta 2024"), 0),
    ],
)
def test_yogyakarta_elects_no_governor_and_jakartas_cities_elect_no_head(tmp_path, kode, gubernur, kontes):
    path = tmp_path / f"{kode}.duckdb"
    assert jalan("init", "--wilayah", kode, "--db", path)[0] == 0
    rows = elections(path)
    assert (rows[0][2], rows[0][1]) == gubernur
    assert len(rows) - 1 == kontes


def test_init_of_a_kabkota_adds_only_its_own_contest(tmp_path):
    path = tmp_path / "bombana.duckdb"
    assert jalan("init", "--wilayah", "74.06", "--db", path)[0] == 0
    assert [r[:4] for r in elections(path)] == [
        ("pilkada-2024", "Pemilihan Bupati dan Wakil Bupati Bombana 2024", "bupati", "74.06")
    ]
