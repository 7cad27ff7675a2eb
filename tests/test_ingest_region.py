"""A file for another region is refused, naming both regions, and nothing is saved.

Kecamatan names repeat across Indonesia: Lumbang is a kecamatan of Kabupaten Probolinggo (35.13.24)
and of Kabupaten Pasuruan (35.14.04). The installation here is Kabupaten Probolinggo (its region is
read from the database, table `wilayah`). Files are shaped like the exports that reach the desk:
title rows, two-row headers, counts as Indonesian text, totals rows, notes under the table.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from readiness import audit, db, ingest, model, wilayah
from tests import daftar_fixture as fx
from tests.messy import _save_openpyxl, id_num
from tests.pages.halaman import buka

ROOT = Path(__file__).resolve().parent.parent
E = "pilkada-2024"
SINI = "dasbor ini untuk Kabupaten Probolinggo"


# --------------------------------------------------------------------------- files
KTPEL_HEADER = [
    ["NO", "KECAMATAN", "WAJIB KTP-EL", "PEREKAMAN", None, None],
    [None, None, None, "SUDAH REKAM", "BELUM REKAM", "%"],
]
KTPEL_MERGES = ["D{h}:F{h}", "A{h}:A{g}", "B{h}:B{g}", "C{h}:C{g}"]


def ktpel_file(path: Path, titles: list[str], rows: list[tuple[str, int, int]], below: list[str] = ()) -> Path:
    """A Dispendukcapil KTP-el recap: titles, a blank row, PEREKAMAN over SUDAH|BELUM|%, counts as
    Indonesian text, a JUMLAH row, then whatever is written under the table (column A)."""
    sheet = [[t] for t in titles] + [[]]
    h = len(sheet) + 1
    sheet += [list(r) for r in KTPEL_HEADER]
    for i, (kec, wajib, sudah) in enumerate(rows, 1):
        sheet.append(
            [
                i,
                kec,
                id_num(wajib),
                id_num(sudah),
                id_num(wajib - sudah),
                f"{100 * sudah / wajib:.2f}%".replace(".", ","),
            ]
        )
    sheet.append(
        [
            "JUMLAH",
            None,
            id_num(sum(r[1] for r in rows)),
            id_num(sum(r[2] for r in rows)),
            id_num(sum(r[1] - r[2] for r in rows)),
            None,
        ]
    )
    sheet += [[]] + [[line] for line in below]
    merges = [m.format(h=h, g=h + 1) for m in KTPEL_MERGES] + [f"A{r}:F{r}" for r in range(1, len(titles) + 1)]
    return _save_openpyxl(path, [{"name": "KTP-EL", "rows": sheet, "merges": merges}])


def pasuruan_ktpel(folder: Path) -> Path:
    return ktpel_file(
        folder / "ktpel_pasuruan.xlsx",
        ["REKAPITULASI PEREKAMAN KTP-EL KABUPATEN PASURUAN", "KEADAAN PER 20 NOVEMBER 2024"],
        [("LUMBANG", 27_902, 26_118)],
    )


def _lumbang_ktpel(db_path) -> tuple:
    con = db.connect_read(db_path)
    try:
        rep = model.report(con, E, "kecamatan").set_index("kecamatan")
    finally:
        con.close()
    return int(rep.loc["Lumbang", "ktpel_wajib"]), int(rep.loc["Lumbang", "ktpel_rekam"])


def _errors(batch) -> list[str]:
    return [p.text() for r in batch.results for p in r.errors]


def _refused(db_path, path: Path) -> list[str]:
    before = db_path.read_bytes()
    batch = ingest.ingest_files(db_path, [(path.name, path.read_bytes())])
    assert not batch.ok and not batch.committed, [p.text() for r in batch.results for p in r.problems]
    assert db_path.read_bytes() == before, "a refused file changed the database"
    return _errors(batch)


def _loaded(db_path, path: Path):
    batch = ingest.ingest_files(db_path, [(path.name, path.read_bytes())])
    assert batch.ok and batch.committed, _errors(batch)
    return batch.results[0]


# --------------------------------------------------------------------------- the region is data
def test_a_new_database_records_its_region_and_the_national_list(empty_db):
    con = db.connect_read(empty_db)
    try:
        assert con.execute("select kode, nama, tingkat, kode_provinsi, provinsi from wilayah").fetchall() == [
            ("35.13", "Kabupaten Probolinggo", "kabkota", "35", "Jawa Timur")
        ]
        assert con.execute("select count(*), count(distinct kode_provinsi) from ref_kabkota").fetchone() == (514, 38)
        names = con.execute("select nama from ref_kabkota where kode in ('35.14', '35.74') order by kode").fetchall()
        assert names == [("Kabupaten Pasuruan",), ("Kota Probolinggo",)]
    finally:
        con.close()


def test_a_database_made_before_gets_its_region_by_migration(tmp_path):
    path = tmp_path / "lama.duckdb"
    con = duckdb.connect(str(path))
    db._create(con)  # the first release's schema and seeds, then its migrations up to 006
    for number, migration in db.migrations():
        if number <= 6:
            con.execute(migration.read_text(encoding="utf-8"))
    con.execute("insert or replace into meta values ('schema_version', '6')")
    assert con.execute("select count(*) from information_schema.tables where table_name = 'wilayah'").fetchone() == (0,)
    con.close()
    db.ensure_database(path)
    con = db.connect_read(path)
    try:
        assert con.execute("select kode, nama, provinsi from wilayah").fetchall() == [
            ("35.13", "Kabupaten Probolinggo", "Jawa Timur")
        ]
    finally:
        con.close()


def test_the_shipped_national_list_has_every_province_and_kabkota():
    with (ROOT / "reference" / "kabkota.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == 514 and len({r["kode_provinsi"] for r in rows}) == 38
    assert sum(r["nama"].startswith("Kabupaten ") for r in rows) == 416
    assert sum(r["nama"].startswith("Kota ") for r in rows) == 98
    assert all(r["kode"].startswith(r["kode_provinsi"] + ".") for r in rows)


# --------------------------------------------------------------------------- title rows
def test_pasuruan_ktpel_with_one_lumbang_row_is_refused_and_probolinggo_lumbang_is_unchanged(demo_db, tmp_path):
    before = _lumbang_ktpel(demo_db)
    errors = _refused(demo_db, pasuruan_ktpel(tmp_path))
    assert errors == [
        "ktpel_pasuruan.xlsx, sheet 'KTP-EL', baris 1, kolom A: berkas ini untuk Kabupaten Pasuruan, sedangkan "
        "dasbor ini untuk Kabupaten Probolinggo (judul 'REKAPITULASI PEREKAMAN KTP-EL KABUPATEN PASURUAN')"
    ]
    assert _lumbang_ktpel(demo_db) == before


def test_a_kota_probolinggo_target_file_is_refused(demo_db, tmp_path):
    # Kota Probolinggo (35.74) is another region than Kabupaten Probolinggo (35.13): its city-wide
    # target would otherwise become this kabupaten's target.
    path = _save_openpyxl(
        tmp_path / "target_partisipasi.xlsx",
        [
            {
                "name": "TARGET",
                "rows": [
                    ["TARGET PARTISIPASI PEMILIH"],
                    ["PEMILIHAN WALI KOTA DAN WAKIL WALI KOTA TAHUN 2024"],
                    ["KOTA PROBOLINGGO"],
                    [],
                    ["NO", "URAIAN", "TARGET PARTISIPASI PEMILIH", "PARTISIPASI PILKADA 2018 (%)"],
                    [1, "Kota Probolinggo", "77,5", "68,12"],
                ],
            }
        ],
    )
    assert _refused(demo_db, path) == [
        "target_partisipasi.xlsx, sheet 'TARGET', baris 3, kolom A: berkas ini untuk Kota Probolinggo, sedangkan "
        "dasbor ini untuk Kabupaten Probolinggo (judul 'KOTA PROBOLINGGO')"
    ]


def test_a_dukcapil_title_of_another_kabupaten_is_refused(empty_db, tmp_path):
    path = ktpel_file(
        tmp_path / "rekam_ktpel.xlsx",
        [
            "PEMERINTAH KABUPATEN PASURUAN",
            "DINAS KEPENDUDUKAN DAN PENCATATAN SIPIL KAB. PASURUAN",
            "DATA PEREKAMAN KTP-EL S.D. 20-11-2024",
        ],
        [("Lumbang", 27_902, 26_118), ("Sumber", 19_204, 18_533)],
    )
    assert _refused(empty_db, path) == [
        "rekam_ktpel.xlsx, sheet 'KTP-EL', baris 1, kolom A: berkas ini untuk Kabupaten Pasuruan, sedangkan "
        "dasbor ini untuk Kabupaten Probolinggo (judul 'PEMERINTAH KABUPATEN PASURUAN')"
    ]


def test_a_title_of_another_province_is_refused(empty_db, tmp_path):
    path = ktpel_file(
        tmp_path / "ktpel.xlsx", ["PROVINSI JAWA TENGAH", "DATA PEREKAMAN KTP-EL"], [("Sumber", 19_204, 18_533)]
    )
    assert _refused(empty_db, path) == [
        f"ktpel.xlsx, sheet 'KTP-EL', baris 1, kolom A: berkas ini untuk Provinsi Jawa Tengah, sedangkan {SINI} "
        "(judul 'PROVINSI JAWA TENGAH')"
    ]


@pytest.mark.parametrize(
    "titles",
    [
        ["PEMERINTAH KABUPATEN PROBOLINGGO", "DINAS KEPENDUDUKAN DAN PENCATATAN SIPIL", "DATA PEREKAMAN KTP-EL"],
        ["DATA PEREKAMAN KTP-EL KAB. PROBOLINGGO"],
        ["PROVINSI JAWA TIMUR", "KABUPATEN PROBOLINGGO", "PEREKAMAN KTP-EL PER 20-11-2024"],
        ["PEMERINTAH PROVINSI JAWA TIMUR", "DATA PEREKAMAN KTP-EL"],  # only this region's province
        ["KPU KABUPATEN PROBOLINGGO", "DATA PEREKAMAN KTP-EL UNTUK PEMUTAKHIRAN DATA PEMILIH"],
        ["PEREKAMAN KTP-EL KECAMATAN KOTA ANYAR DAN LUMBANG"],  # a kecamatan named Kota Anyar, not a kota
        ["DATA PEREKAMAN KTP-EL", "KOTA"],  # the word alone
        ["PEREKAMAN KTP-EL PILKADA SERENTAK KABUPATEN/KOTA SE-JAWA TIMUR", "KABUPATEN PROBOLINGGO"],
        ["DATA PEREKAMAN KTP-EL", "PROVINSI : JAWA TIMUR", "KABUPATEN/KOTA : PROBOLINGGO"],  # a KPU form's heading
    ],
    ids=[
        "pemerintah-kabupaten",
        "kab-titik",
        "provinsi-di-atas-kabupaten",
        "hanya-provinsi",
        "kpu-kabupaten",
        "kecamatan-kota-anyar",
        "kota-saja",
        "kabupaten-kota-se-provinsi",
        "formulir-kpu",
    ],
)
def test_titles_of_this_region_or_of_no_region_are_accepted(titles, empty_db, tmp_path):
    path = ktpel_file(tmp_path / "ktpel.xlsx", titles, [("KOTA ANYAR", 31_250, 30_611), ("LUMBANG", 25_127, 24_310)])
    result = _loaded(empty_db, path)
    assert result.rows == 2
    con = db.connect_read(empty_db)
    try:
        rep = model.report(con, E, "kecamatan").set_index("kecamatan")
    finally:
        con.close()
    assert (int(rep.loc["Kotaanyar", "ktpel_rekam"]), int(rep.loc["Lumbang", "ktpel_rekam"])) == (30_611, 24_310)


def test_notes_and_signature_under_the_table_are_not_titles(empty_db, tmp_path):
    path = ktpel_file(
        tmp_path / "ktpel.xlsx",
        ["DATA PEREKAMAN KTP-EL KABUPATEN PROBOLINGGO"],
        [("Kotaanyar", 31_250, 30_611)],
        below=[
            "Keterangan: termasuk 37 penduduk pindahan dari Kota Probolinggo dan Kabupaten Pasuruan",
            "Probolinggo, 20 November 2024",
            "KEPALA DINAS KEPENDUDUKAN DAN PENCATATAN SIPIL KABUPATEN PROBOLINGGO",
            "NIP. 19700101 199503 1 001",
        ],
    )
    assert _loaded(empty_db, path).rows == 1


@pytest.mark.parametrize(
    "title,named",
    [
        ("REKAPITULASI DPT PILKADA 2024 KABUPATEN PASURUAN", ["Kabupaten Pasuruan"]),
        ("DINAS KEPENDUDUKAN DAN PENCATATAN SIPIL KAB. PASURUAN", ["Kabupaten Pasuruan"]),
        ("Kab.Pasuruan", ["Kabupaten Pasuruan"]),
        ("KAB PASURUAN", ["Kabupaten Pasuruan"]),
        ("PEMERINTAH KOTA PASURUAN", ["Kota Pasuruan"]),
        ("PROVINSI JAWA TIMUR KABUPATEN PROBOLINGGO", ["Provinsi Jawa Timur", "Kabupaten Probolinggo"]),
        ("KOTA ADM. JAKARTA UTARA", ["Kota Administrasi Jakarta Utara"]),
        ("PROVINSI DKI JAKARTA", ["Provinsi Daerah Khusus Ibukota Jakarta"]),
        ("PROVINSI PAPUA BARAT DAYA", ["Provinsi Papua Barat Daya"]),
        ("KABUPATEN TOLITOLI", ["Kabupaten Toli-Toli"]),
        ("KAB. KOTABARU", ["Kabupaten Kotabaru"]),
        ("KAB. KOTA BARU", ["Kabupaten Kotabaru"]),
        ("KABUPATEN/KOTA : PASURUAN", ["Kabupaten Pasuruan atau Kota Pasuruan"]),
        ("KAB/KOTA PROBOLINGGO", ["Kabupaten Probolinggo atau Kota Probolinggo"]),
        ("KECAMATAN KOTA ANYAR", []),
        ("DESA KOTAANYAR", []),
        ("KOTA", []),
        ("KOTA KRAKSAAN", []),
        ("PEMILIHAN BUPATI DAN WAKIL BUPATI PROBOLINGGO TAHUN 2024", []),
    ],
)
def test_the_region_a_title_names(title, named, empty_db):
    con = db.connect_read(empty_db)
    try:
        region = wilayah.load(con)
    finally:
        con.close()
    assert [t.nama for t in region.di_judul(title)] == named


@pytest.mark.parametrize(
    "cell,jenis,named",
    [
        ("KAB. PASURUAN", "kabkota", "Kabupaten Pasuruan"),
        ("Kota Probolinggo", "kabkota", "Kota Probolinggo"),
        ("PASURUAN", "kabkota", "Kabupaten Pasuruan atau Kota Pasuruan"),
        ("KAB/KOTA PROBOLINGGO", "kabkota", "Kabupaten Probolinggo atau Kota Probolinggo"),
        ("KOTA BARU", "kabkota", "Kabupaten Kotabaru"),
        ("KOTA BATU", "kabkota", "Kota Batu"),
        ("35.14", "kabkota", "Kabupaten Pasuruan"),
        ("3574", "kabkota", "Kota Probolinggo"),
        ("Jawa Tengah", "provinsi", "Provinsi Jawa Tengah"),
        ("PROV. JAWA TIMUR", "provinsi", "Provinsi Jawa Timur"),
        ("KOTA", "kabkota", None),
        ("JUMLAH", "kabkota", None),
        ("KEPALA DINAS KEPENDUDUKAN KABUPATEN PASURUAN", "kabkota", None),  # a whole cell, not a phrase
    ],
)
def test_the_region_a_cell_of_a_kabkota_or_province_column_names(cell, jenis, named, empty_db):
    con = db.connect_read(empty_db)
    try:
        region = wilayah.load(con)
    finally:
        con.close()
    found = region.di_sel(cell, jenis)
    assert (found.nama if found else None) == named


def test_the_region_is_read_from_the_database_not_the_code(empty_db, tmp_path):
    # The same file is this region's or another's depending only on what the database records.
    with db.writing(empty_db) as con:
        con.execute("update wilayah set kode = '35.74', nama = 'Kota Probolinggo'")
    path = ktpel_file(tmp_path / "ktpel.xlsx", ["PEMERINTAH KABUPATEN PROBOLINGGO"], [("Lumbang", 25_127, 24_310)])
    assert _refused(empty_db, path) == [
        "ktpel.xlsx, sheet 'KTP-EL', baris 1, kolom A: berkas ini untuk Kabupaten Probolinggo, sedangkan "
        "dasbor ini untuk Kota Probolinggo (judul 'PEMERINTAH KABUPATEN PROBOLINGGO')"
    ]


# --------------------------------------------------------------------------- columns
def _recap_with_region_column(path: Path, header: str, values: list[str]) -> Path:
    """A KPU per-kecamatan recap with a kab/kota (or province) column, no region in its title."""
    rows = [
        ["REKAPITULASI DAFTAR PEMILIH TETAP PER KECAMATAN"],
        ["PEMILIHAN SERENTAK TAHUN 2024"],
        [],
        ["NO", header, "KECAMATAN", "JUMLAH TPS", "JUMLAH PEMILIH", None, None],
        [None, None, None, None, "L", "P", "L+P"],
    ]
    data = [("LUMBANG", 52, 12_401, 12_726), ("SUMBER", 41, 9_870, 10_115), ("KURIPAN", 47, 11_502, 11_949)]
    for i, ((kec, tps, l, p), value) in enumerate(zip(data, values), 1):
        rows.append([i, value, kec, tps, id_num(l), id_num(p), id_num(l + p)])
    return _save_openpyxl(
        path, [{"name": "DPT", "rows": rows, "merges": ["E4:G4", "A4:A5", "B4:B5", "C4:C5", "D4:D5"]}]
    )


def test_a_kabkota_column_naming_another_region_is_refused(empty_db, tmp_path):
    path = _recap_with_region_column(tmp_path / "dpt_kecamatan.xlsx", "KAB/KOTA", ["KAB. PASURUAN"] * 3)
    assert _refused(empty_db, path) == [
        f"dpt_kecamatan.xlsx, sheet 'DPT', baris 6, kolom B (KAB/KOTA): berkas ini untuk Kabupaten Pasuruan, "
        f"sedangkan {SINI}"
    ]


def test_a_kabkota_column_mixing_regions_keeps_the_rows_of_this_region_and_names_the_others(empty_db, tmp_path):
    path = _recap_with_region_column(
        tmp_path / "dpt_kecamatan.xlsx", "KABUPATEN/KOTA", ["PROBOLINGGO", "PROBOLINGGO", "PASURUAN"]
    )
    result = _loaded(empty_db, path)
    assert result.rows == 2
    assert [p.text() for p in result.warnings if "wilayah lain" in p.message] == [
        "dpt_kecamatan.xlsx, sheet 'DPT', kolom B (KABUPATEN/KOTA): 1 baris untuk wilayah lain tidak dipakai "
        "(Kabupaten Pasuruan atau Kota Pasuruan); yang dibaca hanya 2 baris Kabupaten Probolinggo"
    ]
    con = db.connect_read(empty_db)
    try:
        kept = con.execute("select count(*) from raw_pemilih where kode_kecamatan is not null").fetchone()
    finally:
        con.close()
    assert kept == (2,)  # Lumbang and Sumber of this kabupaten; Kuripan of the Pasuruan row is not read


def test_a_province_column_naming_another_province_is_refused(empty_db, tmp_path):
    path = _recap_with_region_column(tmp_path / "dpt_kecamatan.xlsx", "PROVINSI", ["JAWA TENGAH"] * 3)
    assert _refused(empty_db, path) == [
        f"dpt_kecamatan.xlsx, sheet 'DPT', baris 6, kolom B (PROVINSI): berkas ini untuk Provinsi Jawa Tengah, "
        f"sedangkan {SINI}"
    ]


def test_a_kabkota_column_of_this_region_loads(empty_db, tmp_path):
    path = _recap_with_region_column(tmp_path / "dpt_kecamatan.xlsx", "KAB/KOTA", ["Kab. Probolinggo"] * 3)
    assert _loaded(empty_db, path).rows == 3


def test_a_kabupaten_wide_target_row_of_another_kabupaten_is_refused(empty_db, tmp_path):
    # `KABUPATEN …` where the kecamatan goes is the kabupaten-wide row of a target sheet
    rows = [
        ["TARGET PARTISIPASI PEMILIH PILKADA 2024"],
        [],
        ["NO", "KECAMATAN", "TARGET PARTISIPASI (%)", "PARTISIPASI 2018 (%)"],
        [1, "LUMBANG", "82", "57,2"],
        [2, "KURIPAN", "82", "58,9"],
        [None, "KAB. PASURUAN", "80", "71,4"],
    ]
    path = _save_openpyxl(tmp_path / "target.xlsx", [{"name": "TARGET", "rows": rows}])
    assert _refused(empty_db, path) == [
        f"target.xlsx, sheet 'TARGET', baris 6, kolom B (KECAMATAN): berkas ini untuk Kabupaten Pasuruan, "
        f"sedangkan {SINI}"
    ]


# --------------------------------------------------------------------------- NIK region codes
def _voters(n: int, nik_kabkota: list[str]) -> list[fx.Pemilih]:
    """n voters of Lumbang; voter i's NIK starts with nik_kabkota[i] (4 digits), kecamatan 24."""
    voters = []
    for i in range(n):
        lahir = dt.date(1960 + i, 1 + i % 12, 1 + i % 28)
        jk = "LP"[i % 2]
        nik = nik_kabkota[i] + fx.nik_untuk("24", lahir, jk, 7001 + i)[4:]
        voters.append(fx.Pemilih("LUMBANG", "SAPIH", 1 + i % 3, jk, lahir, nik=nik))
    return voters


def test_a_voter_list_whose_niks_are_mostly_of_another_kabupaten_is_refused(empty_db, tmp_path):
    voters = _voters(10, ["3514"] * 8 + ["3513"] * 2)
    path = fx.tulis(tmp_path / "dpt_lumbang.xlsx", voters, "DPT LUMBANG")
    assert _refused(empty_db, path) == [
        f"dpt_lumbang.xlsx, sheet 'DPT LUMBANG', baris {fx.FIRST_ROW}, kolom D (NIK): berkas ini untuk Kabupaten "
        f"Pasuruan, sedangkan {SINI}: 8 dari 10 NIK (80,00%) berkode wilayah 35.14"
    ]


def test_a_voter_list_with_a_few_niks_of_another_kabupaten_loads_and_flags_them(empty_db, tmp_path):
    voters = _voters(10, ["3513"] * 7 + ["3514"] * 3)
    path = fx.tulis(tmp_path / "dpt_lumbang.xlsx", voters, "DPT LUMBANG")
    result = _loaded(empty_db, path)
    assert result.rows == 10
    assert f"temuan DPT — {audit.JENIS['nik_wilayah'].nama}: 3 pemilih" in " ".join(p.message for p in result.warnings)
    con = db.connect_read(empty_db)
    try:
        found = audit.findings_summary(con, E)
    finally:
        con.close()
    assert dict(zip(found["temuan"], found["jumlah"].astype(int)))["nik_wilayah"] == 3


def test_a_voter_list_titled_for_another_kabupaten_is_refused_before_it_is_read(empty_db, tmp_path):
    voters = _voters(5, ["3513"] * 5)
    path = fx.tulis(tmp_path / "dpt.xlsx", voters, "DPT", title="KABUPATEN PASURUAN")
    assert _refused(empty_db, path) == [
        f"dpt.xlsx, sheet 'DPT', baris 3, kolom A: berkas ini untuk Kabupaten Pasuruan, sedangkan {SINI} "
        "(judul 'KABUPATEN PASURUAN')"
    ]


# --------------------------------------------------------------------------- where users see it
def test_the_command_line_refuses_with_the_message(empty_db, tmp_path):
    path = pasuruan_ktpel(tmp_path)
    before = empty_db.read_bytes()
    run = subprocess.run(
        [sys.executable, "-m", "readiness", "ingest", str(path), "--db", str(empty_db)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 1, run.stderr
    assert "Traceback" not in run.stderr + run.stdout
    assert (
        "GALAT: ktpel_pasuruan.xlsx, sheet 'KTP-EL', baris 1, kolom A: berkas ini untuk Kabupaten Pasuruan, "
        f"sedangkan {SINI}"
    ) in run.stderr
    assert "Tidak ada data yang disimpan" in run.stderr
    assert empty_db.read_bytes() == before


def test_the_upload_page_shows_the_refusal_and_offers_no_save(demo_db, monkeypatch, tmp_path):
    path = pasuruan_ktpel(tmp_path)
    at = buka(demo_db, monkeypatch, "unggah")
    at.file_uploader[0].set_value(
        (path.name, path.read_bytes(), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    ).run()
    assert not at.exception, [e.value for e in at.exception]
    shown = "\n".join(t.value for t in at.text)
    assert (
        f"ktpel_pasuruan.xlsx, sheet 'KTP-EL', baris 1, kolom A: berkas ini untuk Kabupaten Pasuruan, sedangkan {SINI}"
    ) in shown
    assert "Ditolak: 1 masalah. Perbaiki berkasnya lalu unggah ulang." in [e.value for e in at.error]
    assert not [b for b in at.button if b.label == "Simpan semua ke database"]


def test_a_province_installation_takes_its_own_kabkota_and_refuses_others(empty_db):
    con = db.connect_read(empty_db)
    try:
        kabupaten = wilayah.load(con)
    finally:
        con.close()
    provinsi = dataclasses.replace(kabupaten, kode="35", nama="Provinsi Jawa Timur", tingkat="provinsi")
    named = {
        t: provinsi.di_judul(t)
        for t in (
            "KABUPATEN PASURUAN",
            "KOTA PROBOLINGGO",
            "PROVINSI JAWA TIMUR",
            "KABUPATEN CILACAP",
            "PROVINSI JAWA TENGAH",
        )
    }
    assert {t: [provinsi.lain(p) for p in found] for t, found in named.items()} == {
        "KABUPATEN PASURUAN": [False],
        "KOTA PROBOLINGGO": [False],
        "PROVINSI JAWA TIMUR": [False],
        "KABUPATEN CILACAP": [True],
        "PROVINSI JAWA TENGAH": [True],
    }
    assert provinsi.penolakan(named["KABUPATEN CILACAP"][0]) == (
        "berkas ini untuk Kabupaten Cilacap, sedangkan dasbor ini untuk Provinsi Jawa Timur"
    )
