"""Contests of one day in a province through AppTest: the election picker lists the gubernur and the
bupati contest apart, and Partisipasi shows each contest's own target over the one shared DPT."""

from __future__ import annotations

import pytest

from reference import nasional
from tests import xlsx
from tests.conftest import provinsi_salinan
from tests.pages.halaman import buka, semua_tabel, tabel
from tests.test_kontes import BOMBANA, GUBERNUR, jalan
from tests.test_wilayah_provinsi import province_recap, recap_rows


@pytest.fixture(scope="module")
def sultra(provinsi_master, tmp_path_factory):
    """The province with its kab/kota contests on the gubernur's day (init adds them), Bombana's DPT uploaded
    under the gubernur contest and a target of 85% for three of its kecamatan under its own."""
    folder = tmp_path_factory.mktemp("kontes_halaman")
    path = provinsi_salinan(provinsi_master, folder / "readiness.duckdb")
    rows = [r for r in recap_rows("74", seed=74) if r[0] == "Kabupaten Bombana"]
    assert jalan("ingest", province_recap(folder / "rekap_dpt_bombana.xlsx", rows), "--db", path)[0] == 0
    kecamatan = [r["kecamatan"] for r in nasional.rows("kecamatan", "74.06")][:3]
    sheet = [["TARGET PARTISIPASI PEMILIH PILBUP BOMBANA 2024"], []]
    sheet += [["NO", "KABUPATEN/KOTA", "KECAMATAN", "PARTISIPASI PILKADA 2018 (%)", "TARGET PARTISIPASI 2024 (%)"]]
    sheet += [[i, "KABUPATEN BOMBANA", k.upper(), 0.715, 85] for i, k in enumerate(kecamatan, 1)]
    target = xlsx.write(folder / "target_bombana.xlsx", sheet, sheet="TARGET")
    code, _, err = jalan("ingest", target, "--db", path, "--election", BOMBANA, "--kind", "target")
    assert code == 0, err
    return path, kecamatan


def test_the_picker_lists_both_contests_and_partisipasi_shows_each_ones_target(sultra, monkeypatch):
    path, kecamatan = sultra
    at = buka(path, monkeypatch, "partisipasi", pemilu=BOMBANA)
    picker = next(s for s in at.sidebar.selectbox if s.label == "Pemilihan")
    # the gubernur contest first, then each kab/kota's (init adds all 17) by name, named by its region
    assert list(picker.options)[:3] == ["Pilgub 2024", "Pilbup Bombana 2024", "Pilbup Buton 2024"]
    assert list(picker.options)[-2:] == ["Pilwali Bau Bau 2024", "Pilwali Kendari 2024"] and len(picker.options) == 18
    assert picker.value == BOMBANA
    bombana = tabel(at, "Kecamatan").set_index("Kecamatan")
    assert bombana.loc[kecamatan, "Target"].tolist() == ["85,0%"] * 3
    assert bombana.loc[kecamatan, "Sumber target"].tolist() == ["Berkas target (kecamatan)"] * 3

    at = buka(path, monkeypatch, "partisipasi", pemilu=GUBERNUR)
    # the gubernur contest has no target of its own: Bombana's is not its
    assert not any("85,0%" in f.to_string() for f in semua_tabel(at))
    assert at.info[0].value.startswith("Belum ada data partisipasi untuk pemilihan ini (target bawaan 82,0%)")


def test_a_bupati_contest_lists_only_its_kabkota_and_its_kecamatan(sultra, monkeypatch):
    path, _ = sultra
    bombana = [r["kecamatan"] for r in nasional.rows("kecamatan", "74.06")]
    at = buka(path, monkeypatch, "ringkasan", pemilu=BOMBANA)
    pilihan = next(s for s in at.selectbox if s.label == "Kabupaten/kota")
    assert list(pilihan.options) == ["Semua kabupaten/kota", "Kabupaten Bombana"]
    assert tabel(at, "Kabupaten/kota")["Kabupaten/kota"].tolist() == ["Kabupaten Bombana"]

    at = buka(path, monkeypatch, "kecamatan", pemilu=BOMBANA)
    pilihan = next(s for s in at.selectbox if s.label == "Kecamatan")
    assert sorted(pilihan.options) == sorted(bombana) and len(bombana) == 22

    at = buka(path, monkeypatch, "partisipasi", pemilu=BOMBANA)
    assert sorted(tabel(at, "Kecamatan")["Kecamatan"]) == sorted(bombana)

    # the gubernur contest keeps the whole province
    at = buka(path, monkeypatch, "kecamatan", pemilu=GUBERNUR)
    assert len(next(s for s in at.selectbox if s.label == "Kecamatan").options) == 221
