"""KPU's national open-data recap (one row per kab/kota for the whole country, tests/kpu_rekap.py)
loaded by a province's desk and by a national one: the province takes its own rows and says once
what it did not use; the nation takes every row, its grand total row is a total, not a kab/kota."""

from __future__ import annotations

import csv
import dataclasses
import shutil

import pytest

from readiness import cli, db, ingest, wilayah
from readiness.wilayah.berkas import VARIAN_CSV as VARIAN
from tests import kpu_rekap


@pytest.fixture(scope="module")
def rekap(tmp_path_factory):
    folder = tmp_path_factory.mktemp("kpu")
    data = kpu_rekap.rows(seed=2024)
    return kpu_rekap.write(folder / "rekap_dpt_nasional_2024.xlsx", data), data


def _init(tmp_path_factory, wilayah: str):
    path = tmp_path_factory.mktemp(f"init_{wilayah}") / "dasbor.duckdb"
    assert cli.main(["init", "--wilayah", wilayah, "--db", str(path)]) == 0
    return path


@pytest.fixture(scope="module")
def sultra_kosong(tmp_path_factory):
    return _init(tmp_path_factory, "74")


@pytest.fixture
def sultra(sultra_kosong, tmp_path):
    path = tmp_path / "sultra.duckdb"
    shutil.copyfile(sultra_kosong, path)
    return path


def _ingest(path, *files):
    return ingest.ingest_files(path, [(f.name, f.read_bytes()) for f in files])


def _texts(batch, level="galat"):
    return [p.text() for r in batch.results for p in r.problems if p.level == level]


def test_a_province_takes_its_kabkota_rows_of_the_national_recap_and_says_once_what_it_left(sultra, rekap):
    path, data = rekap
    batch = _ingest(sultra, path)
    assert batch.committed, _texts(batch)
    assert _texts(batch, "peringatan") == [
        "rekap_dpt_nasional_2024.xlsx, sheet 'DPT PER KABKOTA', kolom B (PROVINSI): 497 baris untuk wilayah lain "
        "tidak dipakai (Provinsi Aceh, Provinsi Sumatera Utara, Provinsi Sumatera Barat, Provinsi Riau, Provinsi "
        "Jambi dan 32 lainnya); yang dibaca hanya 17 baris Provinsi Sulawesi Tenggara"
    ]
    sultra_rows = {b.kode: (b.tps, b.l, b.p, b.dpt) for b in data if b.kode.startswith("74.")}
    assert len(sultra_rows) == 17
    con = db.connect_read(sultra)
    try:
        stored = con.execute(
            "select kode_kabkota, tps, dpt_l, dpt_p, dpt from raw_pemilih where kode_kecamatan is null"
        ).fetchall()
        coverage = [k for (k,) in con.execute("select kode_kecamatan from upload_coverage order by 1").fetchall()]
    finally:
        con.close()
    assert {k: v for k, *v in stored} == {k: list(v) for k, v in sultra_rows.items()}
    # Bombana written `KAB. BOMBANA`, Baubau `KOTA BAUBAU`: each is its kab/kota
    assert coverage == sorted(sultra_rows)
    assert batch.results[0].describe_coverage() == "17 kabupaten/kota"


def test_a_recap_with_no_row_of_the_province_is_refused_naming_both_regions(sultra, tmp_path):
    jatim = kpu_rekap.write(tmp_path / "rekap_dpt_jatim.xlsx", kpu_rekap.rows(seed=35, prefix="35."))
    batch = _ingest(sultra, jatim)
    assert not batch.committed
    assert _texts(batch) == [
        "rekap_dpt_jatim.xlsx, sheet 'DPT PER KABKOTA', baris 9, kolom B (PROVINSI): berkas ini untuk Provinsi "
        "Jawa Timur, sedangkan dasbor ini untuk Provinsi Sulawesi Tenggara"
    ]


# --------------------------------------------------------------------------- names
@pytest.fixture(scope="module")
def nasional_kosong(tmp_path_factory):
    return _init(tmp_path_factory, "nasional")


@pytest.fixture
def nasional(nasional_kosong, tmp_path):
    path = tmp_path / "nasional.duckdb"
    shutil.copyfile(nasional_kosong, path)
    return path


def test_the_variant_table_names_kemendagri_codes_and_each_variant_reads_as_its_kabkota(nasional):
    reference = {r["kode"]: r["nama"] for r in kpu_rekap.kabkota_reference()}
    variants = list(csv.DictReader(line for line in VARIAN.open(encoding="utf-8") if not line.startswith("#")))
    assert len(variants) >= 20
    assert [(v["nama"], reference.get(v["kode"])) for v in variants] == [
        (v["nama"], v["nama_kemendagri"]) for v in variants
    ]
    con = db.connect_read(nasional)
    try:
        region = wilayah.load(con)
    finally:
        con.close()
    read = {v["nama"]: region.di_sel(v["nama"], "kabkota") for v in variants}
    assert {n: t.kode if t else None for n, t in read.items()} == {v["nama"]: (v["kode"],) for v in variants}
    # a `KAB.` written before a former name, as KPU's recap does
    assert region.di_sel("KAB. TOBA SAMOSIR", "kabkota").nama == "Kabupaten Toba"


def test_an_unknown_kabkota_name_is_refused_with_its_row_column_and_the_closest_names(nasional, tmp_path):
    data = kpu_rekap.rows(seed=7)
    toba = next(i for i, b in enumerate(data) if b.kode == "12.12")
    data[toba] = dataclasses.replace(data[toba], kabkota="KAB. TOBA SAMOSIRR")
    path = kpu_rekap.write(tmp_path / "rekap_dpt.xlsx", data)
    batch = _ingest(nasional, path)
    assert not batch.committed
    assert _texts(batch) == [
        f"rekap_dpt.xlsx, sheet 'DPT PER KABKOTA', baris {kpu_rekap.PERTAMA + toba}, kolom C (KABUPATEN/KOTA): "
        "kabupaten/kota 'KAB. TOBA SAMOSIRR' tidak ada di Indonesia; yang mirip: Kabupaten Toba (12.12), "
        "Kabupaten Samosir (12.17)"
    ]
