"""KPU's national open-data recap (one row per kab/kota for the whole country, tests/kpu_rekap.py)
loaded by a province's desk and by a national one: the province takes its own rows and says once
what it did not use; the nation takes every row, its grand total row is a total, not a kab/kota."""

from __future__ import annotations

import contextlib
import csv
import dataclasses
import io
import random
import shutil

import pandas as pd
import pytest

from readiness import cli, db, ingest, wilayah
from readiness.ingest.workbook import Book
from readiness.wilayah.berkas import VARIAN_CSV as VARIAN
from tests import kpu_rekap
from tests.conftest import provinsi_salinan
from tests.messy import _save_openpyxl, id_num


@pytest.fixture(scope="module")
def rekap(tmp_path_factory):
    folder = tmp_path_factory.mktemp("kpu")
    data = kpu_rekap.rows(seed=2024)
    return kpu_rekap.write(folder / "rekap_dpt_nasional_2024.xlsx", data), data


@pytest.fixture(scope="module")
def sultra_kosong(provinsi_master, tmp_path_factory):
    return provinsi_salinan(provinsi_master, tmp_path_factory.mktemp("init_74") / "dasbor.duckdb")


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
def nasional_kosong(nasional_master, tmp_path_factory):
    return provinsi_salinan(nasional_master, tmp_path_factory.mktemp("init_nasional") / "dasbor.duckdb")


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


# --------------------------------------------------------------------------- mixed levels
RINCIAN = "rincian kecamatan belum ada"


def _rekap_kecamatan(path, kode_kabkota: str, seed: int) -> tuple[object, dict[str, tuple]]:
    """A kab/kota KPU office's own recap per kecamatan: KABUPATEN/KOTA | KECAMATAN | JUMLAH TPS |
    L | P | L+P under a two-row header, its name written as the office writes it, a JUMLAH row."""
    from reference import nasional

    rnd = random.Random(seed)
    kabkota = {r["kode_kabkota"]: r["kabkota"] for r in nasional.rows("kabkota", "74")}[kode_kabkota]
    kecamatan = [r for r in nasional.rows("kecamatan", kode_kabkota)]
    rows = [["REKAPITULASI DPT PER KECAMATAN"], [kabkota.upper()], []]
    rows += [
        ["NO", "KABUPATEN/KOTA", "KECAMATAN", "JUMLAH TPS", "JUMLAH PEMILIH", None, None],
        [None, None, None, None, "L", "P", "L+P"],
    ]
    figures = {}
    for i, r in enumerate(kecamatan, 1):
        l, p = rnd.randint(2_000, 20_000), rnd.randint(2_000, 20_000)  # noqa: E741
        tps = -(-(l + p) // 450)
        figures[r["kode_kecamatan"]] = (tps, l, p)
        rows.append(
            [i, kabkota.upper() if i == 1 else None, r["kecamatan"].upper(), tps, id_num(l), id_num(p), id_num(l + p)]
        )
    rows.append([None, "JUMLAH", None, sum(f[0] for f in figures.values()), None, None, None])
    merges = ["E4:G4", "A4:A5", "B4:B5", "C4:C5", "D4:D5", f"B6:B{5 + len(kecamatan)}"]
    return _save_openpyxl(path, [{"name": "DPT", "rows": rows, "merges": merges}]), figures


def _report(path, level):
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        assert cli.main(["report", "--db", str(path), "--level", level, "--format", "csv"]) == 0, err.getvalue()
    kode = {c: str for c in ("kode_wilayah", "kode_provinsi", "kode_kabkota", "kode_kecamatan")}
    return pd.read_csv(io.StringIO(out.getvalue()), dtype=kode)


def test_a_province_with_three_kabkota_per_kecamatan_and_fourteen_from_the_recap_counts_each_once(
    sultra, rekap, tmp_path
):
    path, data = rekap
    recap = {b.kode: b for b in data if b.kode.startswith("74.")}
    assert _ingest(sultra, path).committed
    kabkota = _report(sultra, "kabkota").set_index("kode_kabkota")
    # known only by its total: the total, and the words
    assert len(kabkota) == 17
    assert kabkota["dpt"].to_dict() == {k: b.dpt for k, b in recap.items()}
    assert kabkota["tps"].to_dict() == {k: b.tps for k, b in recap.items()}
    assert set(kabkota["rincian"]) == {RINCIAN}
    # the kab/kota's own files per kecamatan arrive for three of them
    rinci = {}
    for kode, seed in (("74.01", 1), ("74.06", 6), ("74.71", 71)):
        berkas, figures = _rekap_kecamatan(tmp_path / f"dpt_{kode}.xlsx", kode, seed)
        batch = _ingest(sultra, berkas)
        assert batch.committed, _texts(batch)
        rinci[kode] = figures
    kabkota = _report(sultra, "kabkota").set_index("kode_kabkota")
    kecamatan = _report(sultra, "kecamatan")
    wilayah_row = _report(sultra, "wilayah")
    provinsi = _report(sultra, "provinsi")
    expected = {k: b.dpt for k, b in recap.items()}
    for kode, figures in rinci.items():
        expected[kode] = sum(l + p for _, l, p in figures.values())
        assert kabkota.loc[kode, "tps"] == sum(t for t, _, _ in figures.values())
        assert pd.isna(kabkota.loc[kode, "rincian"])
    assert kabkota["dpt"].to_dict() == expected
    assert kabkota["rincian"].eq(RINCIAN).sum() == 14
    # a user adds up the 17 kab/kota: 3 from their kecamatan, 14 from the recap
    total = sum(expected.values())
    assert wilayah_row.loc[0, "dpt"] == total and provinsi.loc[0, "dpt"] == total
    assert wilayah_row.loc[0, "dpt_l"] + wilayah_row.loc[0, "dpt_p"] == total
    # the kecamatan of the three carry their own figures; the others have none yet
    per_kec = kecamatan.dropna(subset=["dpt"]).set_index("kode_kecamatan")["dpt"].to_dict()
    assert per_kec == {k: l + p for f in rinci.values() for k, (_, l, p) in f.items()}


def test_a_national_installation_totals_equal_the_recaps_own_grand_total_row(nasional, rekap):
    path, data = rekap
    batch = _ingest(nasional, path)
    assert batch.committed, _texts(batch)
    assert _texts(batch, "peringatan") == []  # the grand total agrees with the rows: nothing to say
    book = Book(path, path.name)
    sheet = book.sheet(book.sheet_names[0])
    grand = next(row for row in sheet.rows if row[0] == "TOTAL")
    assert len([b for b in data]) == 514
    wilayah_row = _report(nasional, "wilayah")
    assert wilayah_row[["tps", "dpt_l", "dpt_p", "dpt"]].values.tolist() == [[int(v) for v in grand[5:9]]]
    provinsi = _report(nasional, "provinsi")
    assert len(provinsi) == 38 and provinsi["dpt"].sum() == int(grand[8])
    kabkota = _report(nasional, "kabkota")
    assert len(kabkota) == 514 and kabkota["dpt"].sum() == int(grand[8])
    assert set(kabkota["rincian"]) == {RINCIAN}


def test_an_analis_limited_to_a_kabkota_saves_its_recap_row_and_is_refused_the_others(sultra, tmp_path):
    from readiness import jejak, pengguna

    ana = pengguna.tambah(sultra, "ana", "analis", "Rahasia-Desk-2024", kabkota="74.06", pelaku=jejak.CLI)
    data = kpu_rekap.rows(seed=3, prefix="74.")
    semua = kpu_rekap.write(tmp_path / "rekap_sultra.xlsx", data)
    batch = ingest.ingest_files(sultra, [(semua.name, semua.read_bytes())], pelaku=ana)
    assert not batch.committed
    refused = _texts(batch)
    assert len(refused) == 16 and refused[0] == (
        "rekap_sultra.xlsx, sheet 'DPT PER KABKOTA', baris 9, kolom C (KABUPATEN/KOTA): data Kabupaten Kolaka "
        "(74.01) di luar wilayah Anda: akun 'ana' hanya untuk Kabupaten Bombana (74.06)"
    )
    bombana = kpu_rekap.write(tmp_path / "rekap_bombana.xlsx", [b for b in data if b.kode == "74.06"])
    batch = ingest.ingest_files(sultra, [(bombana.name, bombana.read_bytes())], pelaku=ana)
    assert batch.committed, _texts(batch)
    assert _report(sultra, "kabkota").set_index("kode_kabkota").loc["74.06", "dpt"] == data[5].dpt
