"""Signature blocks and notes under the table (readiness/ingest/table_end.py) beyond the corpus checks in
tests/test_ingest_messy.py: what the command line says, and what is stored — problems of a camat's
sheet and voters of a per-voter list, none lost and none invented."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from readiness import db, ingest
from tests import messy

ROOT = Path(__file__).resolve().parent.parent


def _build(name: str, tmp_path: Path) -> messy.Case:
    folder = tmp_path / "berkas"
    folder.mkdir(exist_ok=True)
    return messy.ALL[name](folder)


def _rows(db_path: Path, sql: str) -> list[tuple]:
    con = db.connect_read(db_path)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def _cli_ingest(db_path: Path, *paths: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "readiness", "ingest", *map(str, paths), "--db", str(db_path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_cli_says_in_one_line_which_rows_under_the_table_were_not_read(empty_db, tmp_path):
    case = _build("ttd_kpu_di_bawah_jumlah", tmp_path)
    run = _cli_ingest(empty_db, case.path)
    assert run.returncode == 0, run.stderr
    lines = run.stderr.splitlines()
    assert lines[0].startswith(
        "rekap_dpt_kpu_ttd.xlsx: rekap pemilih (terdeteksi), sheet 'REKAP DPT' (judul kolom "
        "baris 5–6), 6 baris, 2 kecamatan → unggahan #"
    ), run.stderr
    assert lines[1] == "  baris 15–21 di bawah tabel diabaikan: tanda tangan/keterangan"
    assert "GALAT" not in run.stderr and "PERINGATAN" not in run.stderr
    assert _rows(empty_db, "select sum(dpt) from raw_pemilih") == [(sum(v["dpt"] for v in case.kecamatan.values()),)]


def test_cli_names_the_ignored_rows_beside_a_rejection_inside_the_table(empty_db, tmp_path):
    case = _build("ttd_teks_di_dalam_tabel", tmp_path)
    before = empty_db.read_bytes()
    run = _cli_ingest(empty_db, case.path)
    assert run.returncode == 1
    assert run.stderr.splitlines()[:4] == [
        "rekap_paiton_salah_ketik.xlsx: DITOLAK (2 masalah)",
        "  baris 11–17 di bawah tabel diabaikan: tanda tangan/keterangan",
        "  GALAT: rekap_paiton_salah_ketik.xlsx, sheet 'REKAP', baris 6, kolom E (JUMLAH PEMILIH / L): "
        "'KETUA' berupa teks di kolom angka; isi jumlahnya dengan angka",
        "  GALAT: rekap_paiton_salah_ketik.xlsx, sheet 'REKAP', baris 8, kolom E (JUMLAH PEMILIH / L): "
        "'1.2OO' bukan bilangan bulat",
    ], run.stderr
    assert empty_db.read_bytes() == before


def test_a_camats_problem_sheet_stores_its_problems_and_not_its_signature(empty_db, tmp_path):
    case = _build("ttd_masalah_camat", tmp_path)
    batch = ingest.ingest_files(empty_db, [(case.path.name, case.path.read_bytes())], uploaded_by="rina")
    assert batch.committed, [p.text() for p in batch.results[0].problems]
    stored = _rows(empty_db, "select kode_kecamatan, uraian, tingkat from masalah order by masalah_id")
    assert stored == [
        ("35.13.02", "Kotak suara TPS 3 belum tiba", "sedang"),
        ("35.13.02", "Keterangan saksi: TPS tergenang hujan", "tinggi"),
    ]


def test_a_voter_list_keeps_every_voter_above_the_signature_and_no_more(empty_db, tmp_path):
    case = _build("ttd_dpt_per_pemilih", tmp_path)
    batch = ingest.ingest_files(empty_db, [(case.path.name, case.path.read_bytes())])
    assert batch.committed, [p.text() for p in batch.results[0].problems]
    rows = _rows(empty_db, "select source_row, kode_desa from raw_daftar order by source_row")
    assert [r[0] for r in rows] == list(range(5, 16))  # the 11 voters of rows 5-15, nothing below
    assert [r[1] for r in rows] == ["35.13.24.2001"] * 6 + ["35.13.24.2007"] * 5  # Sapih, then Boto
