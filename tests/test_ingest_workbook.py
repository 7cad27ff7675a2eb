"""Decompression bombs and files beyond what any export needs: refused with an Indonesian message
naming the file, before a reader unpacks or allocates them, through the core, the command line and
(tests/pages/test_unggah.py) the upload page. Each limit is tried a step inside and a step outside:
where a real limit would take minutes to reach, it is scaled down here (bench/bench_bomb.py runs
the heavy ones at the real limits)."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from readiness import ingest
from readiness.ingest import workbook
from tests import xlsx

ROOT = Path(__file__).resolve().parent.parent
REKAP = ["KECAMATAN", "DESA", "JUMLAH TPS", "L", "P", "L+P"]
DAFTAR = ["KECAMATAN", "DESA", "TPS", "JENIS KELAMIN", "NIK", "NKK", "NAMA", "TANGGAL LAHIR"]
REFUSED = "bukan ekspor Excel yang wajar"


def _errors(db_path, path: Path) -> list[str]:
    batch = ingest.prepare(db_path, [(path.name, path)])
    return [p.text() for p in batch.results[0].errors]


def _refused(db_path, path: Path) -> str:
    errors = _errors(db_path, path)
    assert len(errors) == 1 and REFUSED in errors[0], errors
    assert errors[0].startswith(f"{path.name}: berkas {path.name} ditolak: "), errors
    return errors[0]


def _not_refused(db_path, path: Path) -> None:
    errors = _errors(db_path, path)
    assert not any("ditolak" in e for e in errors), errors


def _largest(path: Path) -> zipfile.ZipInfo:
    return max(zipfile.ZipFile(path).infolist(), key=lambda e: e.file_size)


# --------------------------------------------------------------------------- the zip directory
def test_sheet_packed_like_the_reported_bomb_is_refused_before_unpacking(empty_db, tmp_path):
    """The tester's bomb in small: rows of cells without references pack ~300:1, far tighter than
    any export (the tightest measured, empty formatted cells, packs 16:1)."""
    bomb = xlsx.bomb(tmp_path / "rekap_dpt.xlsx", 10_000, REKAP, columns=100, cell="<c><v>1</v></c>")
    sheet = _largest(bomb)
    assert sheet.file_size > 10 * 1024**2 and bomb.stat().st_size < 100 * 1024
    text = _refused(empty_db, bomb)
    assert "bagian xl/worksheets/sheet1.xml dimampatkan" in text and "(batas 100 kali)" in text


def test_ratio_limit_a_step_inside_and_outside(empty_db, tmp_path, monkeypatch):
    bomb = xlsx.bomb(tmp_path / "rekap.xlsx", 30_000, REKAP)
    sheet = _largest(bomb)
    ratio = sheet.file_size / sheet.compress_size
    monkeypatch.setattr(workbook, "RATIO_FROM", 1024)
    monkeypatch.setattr(workbook, "MAX_RATIO", ratio * 1.02)
    _not_refused(empty_db, bomb)
    monkeypatch.setattr(workbook, "MAX_RATIO", ratio * 0.98)
    assert "dimampatkan" in _refused(empty_db, bomb)


def test_unpacked_total_a_step_inside_and_outside(empty_db, tmp_path, monkeypatch):
    bomb = xlsx.bomb(tmp_path / "rekap.xlsx", 5_000, REKAP)
    total = sum(e.file_size for e in zipfile.ZipFile(bomb).infolist())
    monkeypatch.setattr(workbook, "MAX_UNPACKED", total)
    _not_refused(empty_db, bomb)
    monkeypatch.setattr(workbook, "MAX_UNPACKED", total - 1)
    assert "isinya membengkak menjadi" in _refused(empty_db, bomb)


def test_number_of_parts_at_the_real_limit(empty_db, tmp_path):
    inside = xlsx.bomb(tmp_path / "rekap_1000.xlsx", 10, REKAP, extra_members=workbook.MAX_MEMBERS - 5)
    assert len(zipfile.ZipFile(inside).infolist()) == workbook.MAX_MEMBERS
    _not_refused(empty_db, inside)
    outside = xlsx.bomb(tmp_path / "rekap_1001.xlsx", 10, REKAP, extra_members=workbook.MAX_MEMBERS - 4)
    assert "berisi 1.001 bagian (batas 1.000)" in _refused(empty_db, outside)


def test_shared_string_table_a_step_inside_and_outside(empty_db, tmp_path, monkeypatch):
    bomb = xlsx.bomb(tmp_path / "rekap.xlsx", 10, REKAP, shared_strings=200_000)
    size = zipfile.ZipFile(bomb).getinfo("xl/sharedStrings.xml").file_size
    monkeypatch.setattr(workbook, "MAX_RATIO", 10**6)  # this table is 200.000 one-digit strings: packs 255:1
    monkeypatch.setattr(workbook, "MAX_SHARED_STRINGS", size)
    _not_refused(empty_db, bomb)
    monkeypatch.setattr(workbook, "MAX_SHARED_STRINGS", size - 1)
    assert "daftar teksnya (sharedStrings)" in _refused(empty_db, bomb)


# --------------------------------------------------------------------------- memory while reading
def test_one_far_cell_is_refused_before_the_reader_allocates_its_rectangle(empty_db, tmp_path):
    """Two cells, A1 and XFD1000000: a few hundred bytes that the readers of whole sheets would turn
    into a rectangle of 16 billion cells (the Rust reader aborts the whole process)."""
    bomb = xlsx.bomb(tmp_path / "rekap.xlsx", 3, REKAP, far_cell="XFD1000000")
    assert bomb.stat().st_size < 2048
    text = _refused(empty_db, bomb)
    assert "sheet 'DATA' berisi 25 sel dalam 1.000.000 baris × 16.384 kolom" in text


def test_a_far_cell_in_a_voter_list_costs_nothing_read_in_batches(empty_db, tmp_path):
    """A per-voter list is read in batches of rows, keeping only the cells of its columns: a cell at
    XFD1000000 is one more cell, not a rectangle, so the list is read and judged by its content."""
    bomb = xlsx.bomb(tmp_path / "dpt.xlsx", 3, DAFTAR, far_cell="XFD1000000")
    errors = _errors(empty_db, bomb)
    assert errors and not any("ditolak" in e for e in errors), errors


@pytest.mark.parametrize(
    "far",
    [
        "<c r='XFD1000000'><v>1</v></c>",
        '<c r = "XFD1000000"><v>1</v></c>',
        '<c r="xfd1000000"><v>1</v></c>',
        '<c s="1" t="n" r="XFD1000000"><v>1</v></c>',
    ],
)
def test_a_far_cell_however_its_reference_is_written(empty_db, tmp_path, far):
    """The XML reader takes either quote, spaces around `=`, lower case, `r` after other attributes."""
    plain = xlsx.bomb(tmp_path / "dasar.xlsx", 3, REKAP)
    with zipfile.ZipFile(plain) as src, zipfile.ZipFile(tmp_path / "rekap.xlsx", "w") as dst:
        for entry in src.infolist():
            data = src.read(entry.filename)
            if entry.filename == "xl/worksheets/sheet1.xml":
                data = data.replace(b"</sheetData>", f'<row r="1000000">{far}</row></sheetData>'.encode())
            dst.writestr(entry.filename, data)
    assert "dalam 1.000.000 baris × 16.384 kolom" in _refused(empty_db, tmp_path / "rekap.xlsx")


def test_a_text_copied_into_every_cell_is_counted(empty_db, tmp_path, monkeypatch):
    """One shared text of 5.000 characters that every cell points at: each cell gets a copy."""
    bomb = xlsx.bomb(
        tmp_path / "rekap.xlsx", 4_000, REKAP, cell='<c r="{col}{row}" t="s"><v>0</v></c>', shared_strings=1
    )
    with zipfile.ZipFile(bomb) as src, zipfile.ZipFile(tmp_path / "salinan.xlsx", "w", zipfile.ZIP_DEFLATED) as dst:
        for entry in src.infolist():
            data = src.read(entry.filename)
            if entry.filename == "xl/sharedStrings.xml":
                data = f'<sst xmlns="{xlsx._MAIN}"><si><t>{"KECAMATAN " * 500}</t></si></sst>'.encode()
            dst.writestr(entry.filename, data)
    bomb = tmp_path / "salinan.xlsx"
    # 24.006 cells x 5.000 bytes, twice (Rust and Python): ~230 MiB, against a budget scaled to 200 MiB
    monkeypatch.setattr(workbook, "READER_BUDGET", 200 * 1024**2)
    assert "perlu sekitar 2" in _refused(empty_db, bomb)
    monkeypatch.setattr(workbook, "READER_BUDGET", 300 * 1024**2)
    _not_refused(empty_db, bomb)


def test_memory_estimate_a_step_inside_and_outside(empty_db, tmp_path, monkeypatch):
    bomb = xlsx.bomb(tmp_path / "rekap.xlsx", 20_000, REKAP)
    book = workbook.Book(bomb, bomb.name)
    extent = book._parts.extent("DATA", precise=True)
    need = workbook.reader_bytes("sheet", extent, _largest(bomb).file_size, 0, 0, 0)
    assert extent.cells == 20_001 * 6 and extent.area == 20_001 * 6
    monkeypatch.setattr(workbook, "READER_BUDGET", need)
    _not_refused(empty_db, bomb)
    monkeypatch.setattr(workbook, "READER_BUDGET", need - 1)
    assert "sheet 'DATA' berisi 120.006 sel dalam 20.001 baris × 6 kolom" in _refused(empty_db, bomb)


def test_first_row_of_more_cells_than_excel_allows_is_refused(empty_db, tmp_path):
    bomb = xlsx.bomb(tmp_path / "rekap.xlsx", 1, columns=20_000)
    assert "40 baris pertama sheet 'DATA' lebih besar" in _refused(empty_db, bomb)


def test_the_whole_rectangle_is_counted_as_the_readers_place_cells(tmp_path):
    """Cells without a reference follow the one before in their row; a reference far down
    counts even inside an early row."""
    sheet = (
        '<row r="1"><c r="A1"><v>1</v></c><c r="B7"><v>2</v></c></row><row r="2"><c><v>3</v></c></row>'
        '<row><c r="C3"><v>4</v></c><c><v>5</v></c></row>'
    )
    path = tmp_path / "posisi.xlsx"
    xlsx.bomb(path, 0)
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(tmp_path / "p2.xlsx", "w") as dst:
        for entry in src.infolist():
            data = src.read(entry.filename)
            if entry.filename == "xl/worksheets/sheet1.xml":
                data = f'<worksheet xmlns="{xlsx._MAIN}"><sheetData>{sheet}</sheetData></worksheet>'.encode()
            dst.writestr(entry.filename, data)
    parts = workbook.Book(tmp_path / "p2.xlsx", "p2.xlsx")._parts
    extent = parts.extent("DATA", precise=True)
    assert (extent.cells, extent.rows, extent.columns) == (5, 7, 4)


def _ods(path: Path, rows_repeated: int, columns_repeated: int) -> Path:
    """An OpenDocument sheet whose one row of number cells is repeated by count, as LibreOffice
    writes repeats (and ends every sheet with an empty one, which readers skip)."""
    table = (
        "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
        "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
        "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
    )
    content = (
        f'<office:document-content xmlns:table="{table[0]}" xmlns:office="{table[1]}" xmlns:text="{table[2]}">'
        '<office:body><office:spreadsheet><table:table table:name="REKAP">'
        "<table:table-row>"
        + "".join(
            f'<table:table-cell office:value-type="string"><text:p>{h}</text:p></table:table-cell>' for h in REKAP
        )
        + "</table:table-row>"
        f'<table:table-row table:number-rows-repeated="{rows_repeated}"><table:table-cell '
        f'table:number-columns-repeated="{columns_repeated}" office:value-type="float" office:value="1">'
        "<text:p>1</text:p></table:table-cell></table:table-row>"
        '<table:table-row table:number-rows-repeated="1048000"><table:table-cell table:number-columns-repeated="1024"/>'
        "</table:table-row></table:table></office:spreadsheet></office:body></office:document-content>"
    )
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", content, compress_type=zipfile.ZIP_DEFLATED)
        archive.writestr(
            "META-INF/manifest.xml",
            (
                '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0">'
                '<manifest:file-entry manifest:full-path="/" '
                'manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
                '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
                "</manifest:manifest>"
            ),
        )
    return path


def test_ods_cells_repeated_by_count_are_counted_before_reading(empty_db, tmp_path, monkeypatch):
    """Under 1 KB that the reader would expand to a billion cells."""
    bomb = _ods(tmp_path / "rekap.ods", 1_000_000, 1_000)
    assert bomb.stat().st_size < 1024
    assert "sheet 'REKAP' berisi 1.000.000.006 sel dalam 1.000.001 baris × 1.000 kolom" in _refused(empty_db, bomb)
    small = _ods(tmp_path / "rekap_kecil.ods", 1_000, 6)
    need = workbook.reader_bytes("sheet", workbook.Extent(6_006, 1_001, 6), small.stat().st_size * 10, 0, 0, 0)
    monkeypatch.setattr(workbook, "READER_BUDGET", need * 2)
    _not_refused(empty_db, small)
    monkeypatch.setattr(workbook, "READER_BUDGET", need // 2)
    assert "perlu sekitar" in _refused(empty_db, small)


# --------------------------------------------------------------------------- CSV and legacy files
def test_csv_size_a_step_inside_and_outside(empty_db, tmp_path, monkeypatch):
    path = tmp_path / "rekap.csv"
    path.write_bytes(("KECAMATAN;DESA;L;P\r\n" + "KRAKSAAN;ASEMBAKOR;1;2\r\n" * 1000).encode())
    monkeypatch.setattr(workbook, "MAX_CSV", path.stat().st_size)
    _not_refused(empty_db, path)
    monkeypatch.setattr(workbook, "MAX_CSV", path.stat().st_size - 1)
    assert "berkas CSV" in _refused(empty_db, path)


def test_csv_of_empty_cells_is_refused_by_its_cell_count(empty_db, tmp_path, monkeypatch):
    path = tmp_path / "rekap.csv"
    path.write_bytes(b"KECAMATAN;DESA;L;P\r\n" + b";" * 2_000_000)
    monkeypatch.setattr(workbook, "READER_BUDGET", 64 * 1024**2)
    assert "berisi sekitar 2.000.005 sel" in _refused(empty_db, path)


def test_legacy_xls_size_a_step_inside_and_outside(empty_db, tmp_path, monkeypatch):
    from tests import messy

    case = messy.ALL["rekap_xls_lama"](tmp_path)
    monkeypatch.setattr(workbook, "MAX_LEGACY", case.path.stat().st_size)
    _not_refused(empty_db, case.path)
    monkeypatch.setattr(workbook, "MAX_LEGACY", case.path.stat().st_size - 1)
    assert "berkas Excel lama (.xls)" in _refused(empty_db, case.path)


# --------------------------------------------------------------------------- the command line
# Reads the process's own peak resident set (VmHWM) after the command; limits can be scaled first.
CLI = r"""
import sys
sys.path.insert(0, sys.argv[1])
from readiness import cli
from readiness.ingest import workbook
for item in sys.argv[2].split(","):
    if item:
        name, value = item.split("=")
        setattr(workbook, name, int(value))
code = cli.main(sys.argv[3:])
print("VmHWM", next(int(l.split()[1]) * 1024 for l in open("/proc/self/status") if l.startswith("VmHWM")),
      file=sys.stderr)
sys.exit(code)
"""


def _cli(db_path, path: Path, **limits) -> subprocess.CompletedProcess:
    scaled = ",".join(f"{k}={v}" for k, v in limits.items())
    return subprocess.run(
        [sys.executable, "-c", CLI, str(ROOT), scaled, "ingest", str(path), "--db", str(db_path)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=300,
    )


def _peak(out: subprocess.CompletedProcess) -> int:
    return next(int(line.split()[1]) for line in out.stderr.splitlines() if line.startswith("VmHWM"))


@pytest.mark.parametrize("shape", ["far_cell", "packed"])
def test_cli_refuses_a_bomb_and_is_not_killed(empty_db, tmp_path, shape):
    if shape == "far_cell":
        bomb = xlsx.bomb(tmp_path / "dpt_kabupaten.xlsx", 3, REKAP, far_cell="XFD1000000")
    else:
        bomb = xlsx.bomb(tmp_path / "dpt_kabupaten.xlsx", 10_000, DAFTAR, columns=100, cell="<c><v>1</v></c>")
    out = _cli(empty_db, bomb)
    assert out.returncode == 1, (out.returncode, out.stderr[-2000:])  # a refusal, not a signal (negative)
    assert "dpt_kabupaten.xlsx: berkas dpt_kabupaten.xlsx ditolak: " in out.stdout + out.stderr
    assert REFUSED in out.stdout + out.stderr
    assert "Traceback" not in out.stdout + out.stderr


def test_cli_peak_memory_of_a_bomb_just_inside_stays_within_the_budget(empty_db, tmp_path):
    """The budget scaled to 160 MiB for the reader: a recap bomb (a sheet read whole) estimated just
    under it is read, and the process stays under that plus what the command holds besides (the
    same margin MEMORY_BUDGET leaves above READER_BUDGET); one just over it is refused before reading."""
    reader_budget = 160 * 1024**2
    cells = '<c r="{col}{row}"><v>1</v></c>'
    probe = xlsx.bomb(tmp_path / "contoh.xlsx", 20_000, REKAP, cell=cells, level=1)
    book = workbook.Book(probe, probe.name)
    need = workbook.reader_bytes("sheet", book._parts.extent("DATA", precise=True), _largest(probe).file_size, 0, 0, 0)
    rows = int(20_000 * reader_budget * 0.95 / need)
    inside = xlsx.bomb(tmp_path / "dalam.xlsx", rows, REKAP, cell=cells, level=1)
    out = _cli(empty_db, inside, READER_BUDGET=reader_budget)
    assert out.returncode in (0, 1) and "ditolak" not in out.stdout + out.stderr, out.stdout[-2000:]
    assert _peak(out) < reader_budget + (workbook.MEMORY_BUDGET - workbook.READER_BUDGET)
    outside = xlsx.bomb(tmp_path / "luar.xlsx", int(rows * 1.1), REKAP, cell=cells, level=1)
    out = _cli(empty_db, outside, READER_BUDGET=reader_budget)
    assert out.returncode == 1 and "perlu sekitar" in out.stdout + out.stderr
    assert _peak(out) < 400 * 1024**2  # refused from a streaming count, before any reader ran


def test_cli_a_voter_list_of_more_rows_than_the_bound_is_refused_while_it_is_read(empty_db, tmp_path):
    """A per-voter list is read in batches without an estimate beforehand: its bound is the rows
    kept (MAX_BATCH_ROWS, scaled here to 50.000), counted as the batches come; the list just at the
    bound is read, one row more is refused with the file named, the process not killed."""
    cells = '<c r="{col}{row}"><v>1</v></c>'
    at_bound = xlsx.bomb(tmp_path / "dalam.xlsx", 50_000, DAFTAR, cell=cells, level=1)
    out = _cli(empty_db, at_bound, MAX_BATCH_ROWS=50_000)
    assert "ditolak" not in out.stdout + out.stderr and "Traceback" not in out.stderr, out.stdout[-2000:]
    over = xlsx.bomb(tmp_path / "luar.xlsx", 50_001, DAFTAR, cell=cells, level=1)
    out = _cli(empty_db, over, MAX_BATCH_ROWS=50_000)
    assert out.returncode == 1, (out.returncode, out.stderr[-2000:])
    assert "luar.xlsx: berkas luar.xlsx ditolak: sheet 'DATA' berisi lebih dari 50.000 baris data" in out.stderr
    assert "Traceback" not in out.stdout + out.stderr
