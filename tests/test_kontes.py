"""Contests of one day in a province: Provinsi Sulawesi Tenggara holds its gubernur election and, on
the same day, the bupati elections of Kabupaten Bombana and Kabupaten Konawe, over one DPT and one
set of TPS. A DPT uploaded once serves every contest (a bupati contest only its kab/kota) and is
counted once; each contest has its own target and previous turnout."""

from __future__ import annotations

import contextlib
import io
import shutil
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from readiness import charts, cli, db
from reference import nasional
from tests import daftar_fixture, xlsx
from tests.conftest import provinsi_salinan
from tests.test_wilayah_provinsi import province_recap, recap_rows

GUBERNUR = "pilkada-2024"
BOMBANA = "pilkada-2024-74.06"  # added by init with the other kab/kota contests of the day
KONAWE = "pilkada-2024-74.02"
KABKOTA = ("Kabupaten Konawe", "Kabupaten Bombana", "Kota Kendari")


def jalan(*args) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = cli.main([str(a) for a in args])
    return code, out.getvalue(), err.getvalue()


def report(path: Path, election: str, level: str) -> pd.DataFrame:
    code, out, err = jalan("report", "--db", path, "--election", election, "--level", level, "--format", "csv")
    assert code == 0, err
    kode = {c: str for c in ("kode_wilayah", "kode_provinsi", "kode_kabkota", "kode_kecamatan", "kode_desa")}
    return pd.read_csv(io.StringIO(out), dtype=kode)


def dpt_per_kabkota(path: Path, election: str) -> dict[str, int]:
    rows = report(path, election, "kabkota")
    return {k: int(v) for k, v in zip(rows["kode_kabkota"], rows["dpt"]) if v == v}


def ditulis(rows: list[tuple]) -> dict[str, int]:
    """The DPT (L+P) a recap writes per kab/kota code."""
    kode = {r["kabkota"]: r["kode_kabkota"] for r in nasional.rows("kabkota", "74")}
    out: dict[str, int] = {}
    for kab, _, _, _, l, p in rows:
        out[kode[kab]] = out.get(kode[kab], 0) + l + p
    return out


@pytest.fixture(scope="module")
def hari(provinsi_master, tmp_path_factory):
    """The province, its two bupati contests of the gubernur's day, and a DPT recap per desa of
    Konawe, Bombana and Kendari uploaded once, under the gubernur contest."""
    folder = tmp_path_factory.mktemp("kontes")
    path = provinsi_salinan(provinsi_master, folder / "sultra.duckdb")
    rows = [r for r in recap_rows("74", seed=74) if r[0] in KABKOTA]
    recap = province_recap(folder / "rekap_dpt_sultra.xlsx", rows)
    code, _, err = jalan("ingest", recap, "--db", path)
    assert code == 0, err
    return path, rows


@pytest.fixture
def salinan(hari, tmp_path):
    path = tmp_path / "sultra.duckdb"
    shutil.copyfile(hari[0], path)
    return path, hari[1]


def test_a_dpt_uploaded_once_shows_under_each_contest_of_the_day_and_counts_once(hari):
    path, rows = hari
    written = ditulis(rows)
    assert dpt_per_kabkota(path, GUBERNUR) == written
    assert dpt_per_kabkota(path, BOMBANA) == {"74.06": written["74.06"]}
    assert dpt_per_kabkota(path, KONAWE) == {"74.02": written["74.02"]}
    # the province's DPT counts the one recap once: one row per kecamatan, summing to what it writes
    kecamatan = report(path, GUBERNUR, "kecamatan").dropna(subset=["dpt"])
    assert kecamatan["kode_kecamatan"].is_unique and kecamatan["dpt"].sum() == sum(written.values())
    bombana = report(path, BOMBANA, "kecamatan").dropna(subset=["dpt"])
    assert len(bombana) == 22 and set(bombana["kode_kabkota"]) == {"74.06"}
    assert bombana["dpt"].sum() == written["74.06"]


def test_a_target_for_bombanas_contest_leaves_the_gubernur_contest_as_it_was(salinan, tmp_path):
    path, _ = salinan
    before = report(path, GUBERNUR, "kecamatan")[["kode_kecamatan", "target_partisipasi"]]
    kecamatan = [r["kecamatan"] for r in nasional.rows("kecamatan", "74.06")][:3]
    sheet = [
        ["TARGET PARTISIPASI PEMILIH PEMILIHAN BUPATI BOMBANA 2024"],
        [],
        ["NO", "KABUPATEN/KOTA", "KECAMATAN", "PARTISIPASI PILKADA 2018 (%)", "TARGET PARTISIPASI 2024 (%)"],
    ]
    sheet += [[i, "Kabupaten Bombana", k.upper(), 0.715, 85] for i, k in enumerate(kecamatan, 1)]
    target = xlsx.write(tmp_path / "target_bombana.xlsx", sheet, sheet="TARGET")
    code, _, err = jalan("ingest", target, "--db", path, "--election", BOMBANA, "--kind", "target")
    assert code == 0, err
    bombana = report(path, BOMBANA, "kecamatan").set_index("kecamatan")
    assert bombana.loc[kecamatan, "target_partisipasi"].tolist() == [85.0, 85.0, 85.0]
    assert bombana.loc[kecamatan, "partisipasi_sebelumnya"].tolist() == [71.5, 71.5, 71.5]
    after = report(path, GUBERNUR, "kecamatan")[["kode_kecamatan", "target_partisipasi"]]
    pd.testing.assert_frame_equal(after, before)
    assert report(path, KONAWE, "kecamatan")["target_partisipasi"].ne(85.0).all()


def test_a_newer_dpt_under_one_contest_replaces_it_for_every_contest_of_the_day(salinan):
    path, rows = salinan
    old = ditulis(rows)
    # the newer recap of Konawe and Bombana, uploaded under Konawe's contest
    newer = [r for r in recap_rows("74", seed=2) if r[0] in KABKOTA[:2]]
    recap = province_recap(path.parent / "rekap_dpt_sultra_perbaikan.xlsx", newer)
    code, _, err = jalan("ingest", recap, "--db", path, "--election", KONAWE)
    assert code == 0, err
    new = ditulis(newer)
    assert new["74.06"] != old["74.06"] and new["74.02"] != old["74.02"]
    assert dpt_per_kabkota(path, GUBERNUR) == {"74.02": new["74.02"], "74.06": new["74.06"], "74.71": old["74.71"]}
    assert dpt_per_kabkota(path, BOMBANA) == {"74.06": new["74.06"]}
    assert dpt_per_kabkota(path, KONAWE) == {"74.02": new["74.02"]}
    assert report(path, GUBERNUR, "kecamatan")["dpt"].sum() == new["74.02"] + new["74.06"] + old["74.71"]
    # Bombana's upload history lists both recaps, each with the contest it came under and for how
    # many of Bombana's kecamatan it is the active one
    con = db.connect_read(path)
    try:
        versions = db.run(con, "marts/uploads", election=BOMBANA)
    finally:
        con.close()
    assert versions[["file_name", "election_id", "kecamatan_aktif"]].values.tolist() == [
        ["rekap_dpt_sultra_perbaikan.xlsx", KONAWE, 22],
        ["rekap_dpt_sultra.xlsx", GUBERNUR, 0],
    ]


def test_the_contests_of_one_day_read_one_stored_computation_of_their_shared_figures(salinan):
    path, rows = salinan
    written = ditulis(rows)
    con = db.connect_read(path)
    try:
        # one row per kecamatan with data and one day, whatever the number of contests (18 here)
        stored = con.execute(
            "select hari, count(*), count(distinct kode) from nilai_hari where tingkat = 'kecamatan' group by hari"
        ).fetchall()
        contests = con.execute("select count(*) from elections where tanggal = '2024-11-27'").fetchone()[0]
    finally:
        con.close()
    kecamatan = {r["kode_kecamatan"] for r in nasional.rows("kecamatan", "74") if r["kode_kabkota"] in written}
    assert contests == 18
    assert stored == [("2024-11-27/600", len(kecamatan), len(kecamatan))]
    # change that one stored row of a Bombana kecamatan: the gubernur contest and Bombana's both show it
    kode = sorted(k for k in kecamatan if k.startswith("74.06."))[0]
    before = {e: report(path, e, "kecamatan").set_index("kode_kecamatan").loc[kode, "dpt"] for e in (GUBERNUR, BOMBANA)}
    raw = duckdb.connect(str(path))
    try:
        raw.execute(
            "update nilai_hari set rekap_dpt = rekap_dpt + 1000 where tingkat = 'kecamatan' and kode = $k", {"k": kode}
        )
    finally:
        raw.close()
    for election in (GUBERNUR, BOMBANA):
        assert (
            report(path, election, "kecamatan").set_index("kode_kecamatan").loc[kode, "dpt"] == before[election] + 1000
        )


def test_a_target_for_one_contest_changes_only_its_participation_gap_and_no_shared_row(salinan, tmp_path):
    path, _ = salinan

    def stored() -> tuple:
        con = db.connect_read(path)
        try:
            rows = con.execute("select * from nilai_hari order by all").fetchall()
            sidik = con.execute("select value from meta where key = 'tersimpan_sidik_nilai'").fetchone()
        finally:
            con.close()
        return rows, sidik

    shared = stored()
    gap = {e: report(path, e, "kecamatan").set_index("kecamatan")["selisih_partisipasi"] for e in (GUBERNUR, BOMBANA)}
    kecamatan = [r["kecamatan"] for r in nasional.rows("kecamatan", "74.06")][:2]
    sheet = [
        ["TARGET PARTISIPASI PEMILIH PEMILIHAN BUPATI BOMBANA 2024"],
        [],
        ["NO", "KABUPATEN/KOTA", "KECAMATAN", "PARTISIPASI PILKADA 2020 (%)", "TARGET PARTISIPASI 2024 (%)"],
    ]
    sheet += [[i, "Kabupaten Bombana", k.upper(), 0.70, 80] for i, k in enumerate(kecamatan, 1)]
    target = xlsx.write(tmp_path / "target_bombana.xlsx", sheet, sheet="TARGET")
    code, _, err = jalan("ingest", target, "--db", path, "--election", BOMBANA, "--kind", "target")
    assert code == 0, err
    bombana = report(path, BOMBANA, "kecamatan").set_index("kecamatan")["selisih_partisipasi"]
    assert gap[BOMBANA].loc[kecamatan].isna().all() and bombana.loc[kecamatan].tolist() == [10.0, 10.0]
    pd.testing.assert_series_equal(
        report(path, GUBERNUR, "kecamatan").set_index("kecamatan")["selisih_partisipasi"], gap[GUBERNUR]
    )
    # the shared figures were neither changed nor computed again
    assert stored() == shared


def daftar_pemilih(path: Path, kode: str, voters: list[tuple[str, str, str]]) -> Path:
    """A KPU per-voter list (DPT) of the first desa of the first kecamatan of kab/kota `kode`, three
    title rows and the header on row 5; `voters`: (NIK, birth date as written, marital status)."""
    kabkota = next(r["kabkota"] for r in nasional.rows("kabkota", kode) if r["kode_kabkota"] == kode)
    kecamatan = nasional.rows("kecamatan", kode)[0]
    desa = nasional.rows("desa", kecamatan["kode_kecamatan"])[0]
    sheet = [
        ["DAFTAR PEMILIH TETAP (DPT)"],
        ["PEMILIHAN GUBERNUR DAN WAKIL GUBERNUR SULAWESI TENGGARA TAHUN 2024"],
        [kabkota.upper()],
        [],
        daftar_fixture.HEADER,
    ]
    for i, (nik, lahir, sts) in enumerate(voters, 1):
        sheet.append(
            [i, str(880_000_000 + i), nik[:6] + f"{i:010d}", nik, f"PEMILIH {i}", "KENDARI", lahir, sts, "L",
             "JL. POROS", "001", "002", 0, "S", kecamatan["kecamatan"].upper(), desa["desa"].upper(), 1]
        )  # fmt: skip
    return xlsx.write(path, sheet, sheet="DPT")


def nik(kode: str, lahir: str, serial: int) -> str:
    """A NIK of the first kecamatan of kab/kota `kode`, born on `lahir` (DD-MM-YYYY), a man."""
    kecamatan = nasional.rows("kecamatan", kode)[0]["kode_kecamatan"].replace(".", "")
    return f"{kecamatan}{lahir[:2]}{lahir[3:5]}{lahir[8:]}{serial:04d}"


def test_the_voter_list_audit_runs_once_for_the_contests_of_the_day(salinan):
    path, _ = salinan
    # Bombana: a NIK written twice and a 14-year-old; Konawe: a 14-year-old
    bombana = daftar_pemilih(
        path.parent / "dpt_bombana.xlsx",
        "74.06",
        [(nik("74.06", "17-05-1980", 1), "17-05-1980", "S"), (nik("74.06", "17-05-1980", 1), "17-05-1980", "S"),
         (nik("74.06", "01-01-2010", 2), "01-01-2010", "B"), (nik("74.06", "02-03-1975", 3), "02-03-1975", "S")],
    )  # fmt: skip
    konawe = daftar_pemilih(
        path.parent / "dpt_konawe.xlsx",
        "74.02",
        [(nik("74.02", "01-01-2010", 1), "01-01-2010", "B"), (nik("74.02", "09-09-1990", 2), "09-09-1990", "S")],
    )
    code, _, err = jalan("ingest", bombana, konawe, "--db", path, "--kind", "daftar")
    assert code == 0, err
    con = db.connect_read(path)
    try:
        # each flagged voter row stored once for the day, not once per contest of the day
        assert con.execute("select count(*) from temuan_daftar").fetchone() == (3,)
        assert con.execute("select hari, count(*) from temuan_daftar group by hari").fetchall() == [
            ("2024-11-27/600", 3)
        ]
        audit = {e: db.run(con, "marts/audit_ringkasan", election=e) for e in (GUBERNUR, BOMBANA, KONAWE)}
    finally:
        con.close()
    kec = {k: nasional.rows("kecamatan", k)[0]["kode_kecamatan"] for k in ("74.02", "74.06")}
    assert audit[GUBERNUR][["kode_kecamatan", "temuan", "jumlah"]].values.tolist() == [
        [kec["74.02"], "usia_belum_17", 1],
        [kec["74.06"], "nik_ganda", 1],
        [kec["74.06"], "usia_belum_17", 1],
    ]
    # each bupati contest reads its own kab/kota's rows of the one audit
    assert audit[BOMBANA][["kode_kecamatan", "temuan", "jumlah"]].values.tolist() == [
        [kec["74.06"], "nik_ganda", 1],
        [kec["74.06"], "usia_belum_17", 1],
    ]
    assert audit[KONAWE][["kode_kecamatan", "temuan", "jumlah"]].values.tolist() == [[kec["74.02"], "usia_belum_17", 1]]


def test_a_bupati_contest_has_the_rows_and_map_of_its_kabkota_only(hari):
    path, _ = hari
    bombana = sorted(r["kode_kecamatan"] for r in nasional.rows("kecamatan", "74.06"))
    assert sorted(report(path, BOMBANA, "kecamatan")["kode_kecamatan"]) == bombana
    assert report(path, BOMBANA, "kabkota")["kode_kabkota"].tolist() == ["74.06"]
    assert len(report(path, GUBERNUR, "kecamatan")) == 221
    con = db.connect_read(path)
    try:
        assert db.run(con, "marts/korwil_penugasan", election=BOMBANA)["kode_kecamatan"].tolist() == bombana
        assert db.run(con, "marts/korwil_penugasan_kabkota", election=BOMBANA)["kode_kabkota"].tolist() == ["74.06"]
        assert list(charts.kecamatan_shapes(con, election=BOMBANA)) == bombana
        assert list(charts.kecamatan_shapes(con, "kabkota", BOMBANA)) == ["74.06"]
        assert len(charts.kecamatan_shapes(con, election=GUBERNUR)) == 221
        desa = report(path, BOMBANA, "desa")
    finally:
        con.close()
    assert set(desa["kode_kecamatan"]) == set(bombana)
