"""Contests of one day in a province: Provinsi Sulawesi Tenggara holds its gubernur election and, on
the same day, the bupati elections of Kabupaten Bombana and Kabupaten Konawe, over one DPT and one
set of TPS. A DPT uploaded once serves every contest (a bupati contest only its kab/kota) and is
counted once; each contest has its own target and previous turnout."""

from __future__ import annotations

import contextlib
import io
import shutil
from pathlib import Path

import pandas as pd
import pytest

from readiness import cli, db
from reference import nasional
from tests import xlsx
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
def hari(tmp_path_factory):
    """The province, its two bupati contests of the gubernur's day, and a DPT recap per desa of
    Konawe, Bombana and Kendari uploaded once, under the gubernur contest."""
    folder = tmp_path_factory.mktemp("kontes")
    path = folder / "sultra.duckdb"
    assert jalan("init", "--wilayah", "74", "--db", path)[0] == 0
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
