"""Where the limits against decompression bombs in readiness/ingest/workbook.py come from, and what a
bomb just inside them costs. Each reading runs in a fresh process, whose peak resident set
(VmHWM in /proc/self/status) is its own.

    .venv/bin/python bench/bench_bomb.py [--skip-heavy]

1. Packed ratio of real-shaped files: the whole-kabupaten voter list in both shapes
   (bench/make_voterlist.py), the bundled samples, recaps written with styles by openpyxl and
   xlsxwriter, and sheets with many empty formatted cells, as offices send them.
2. Bytes per cell of each reader on synthetic sheets, against the estimate (reader_bytes) that
   decides a refusal: the estimate must never be below what was measured.
3. The largest legitimate files: their estimate and the peak of `python -m readiness ingest`.
4. Bombs just inside and just outside the limits through the same command: exit code, message,
   peak memory (--skip-heavy leaves out the ones near the memory limit: minutes each).

Writes its section of bench/RESULTS.md. Never part of the test suite.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import results  # noqa: E402  (bench/results.py)

from readiness.ingest import workbook  # noqa: E402
from tests import xlsx  # noqa: E402

MiB = 1024**2
HEADER = ["KECAMATAN", "DESA", "L", "P", "A", "B", "C", "D", "E", "F"]


# --------------------------------------------------------------------------- 1. ratios
def styled_openpyxl(path: Path, rows: int = 330) -> Path:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

    wb = Workbook()
    ws = wb.active
    ws.title = "REKAP DPT"
    thin = Side(style="thin")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    ws.append(["REKAPITULASI DAFTAR PEMILIH TETAP"])
    ws["A1"].font = Font(bold=True, size=14)
    ws.merge_cells("A1:G1")
    ws.append(["NO", "KECAMATAN", "DESA/KELURAHAN", "JUMLAH TPS", "L", "P", "L+P"])
    for cell in ws[2]:
        cell.font, cell.fill, cell.border = Font(bold=True), PatternFill("solid", fgColor="DDEBF7"), border
        cell.alignment = Alignment(horizontal="center", wrap_text=True)
    for i in range(rows):
        ws.append([i + 1, f"KECAMATAN {i % 24}", f"DESA {i}", 5 + i % 7, 1200 + i, 1300 + i, 2500 + 2 * i])
        for cell in ws[ws.max_row]:
            cell.border = border
            if isinstance(cell.value, int):
                cell.number_format = "#,##0"
    wb.save(path)
    return path


def styled_xlsxwriter(path: Path, rows: int = 1745) -> Path:
    import xlsxwriter

    wb = xlsxwriter.Workbook(path)
    ws = wb.add_worksheet("DAFTAR TPS")
    head = wb.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1, "align": "center"})
    body = wb.add_format({"border": 1, "num_format": "#,##0"})
    ws.merge_range("A1:H1", "DAFTAR TEMPAT PEMUNGUTAN SUARA", head)
    ws.write_row(1, 0, ["NO", "KECAMATAN", "DESA", "NO TPS", "L", "P", "L+P", "ALAMAT"], head)
    for i in range(rows):
        ws.write_row(
            i + 2,
            0,
            [
                i + 1,
                f"KEC {i % 24}",
                f"DESA {i % 330}",
                f"{i % 9 + 1:03d}",
                240 + i % 60,
                250 + i % 70,
                490 + i % 130,
                f"DUSUN KRAJAN RT {i % 9:03d}",
            ],
            body,
        )
    wb.close()
    return path


def empty_formatted(path: Path, rows: int = 50_000, columns: int = 30) -> Path:
    """A recap on top of a block formatted far beyond it (borders and a fill on empty cells): what
    an office sends after formatting 'the whole table' once for the year."""
    import xlsxwriter

    wb = xlsxwriter.Workbook(path)
    ws = wb.add_worksheet("REKAP")
    boxed = wb.add_format({"border": 1, "bg_color": "#FFF2CC"})
    ws.write_row(0, 0, ["NO", "KECAMATAN", "DESA", "L", "P", "L+P"])
    for r in range(1, rows):
        for c in range(columns):
            ws.write_blank(r, c, None, boxed)
    for i in range(330):
        ws.write_row(i + 1, 0, [i + 1, f"KEC {i % 24}", f"DESA {i}", 1200 + i, 1300 + i, 2500 + 2 * i], boxed)
    wb.close()
    return path


def empty_formatted_openpyxl(path: Path, rows: int = 20_000, columns: int = 26) -> Path:
    from openpyxl import Workbook
    from openpyxl.styles import Border, Side

    wb = Workbook()
    ws = wb.active
    thin = Side(style="thin")
    for r in range(1, rows + 1):
        for c in range(1, columns + 1):
            ws.cell(r, c).border = Border(left=thin, right=thin, top=thin, bottom=thin)
    for i in range(1, 331):
        ws.cell(i, 1, i)
        ws.cell(i, 2, f"DESA {i}")
    wb.save(path)
    return path


def ratios() -> list[str]:
    import make_voterlist

    OUT.mkdir(parents=True, exist_ok=True)
    files = [make_voterlist.main(), make_voterlist.main(inline=True)]
    files += sorted((ROOT / "data" / "sample").glob("*.xlsx"))
    files += [
        styled_openpyxl(OUT / "rekap_openpyxl_gaya.xlsx"),
        styled_xlsxwriter(OUT / "tps_xlsxwriter_gaya.xlsx"),
        empty_formatted(OUT / "sel_kosong_berformat_xlsxwriter.xlsx"),
        empty_formatted_openpyxl(OUT / "sel_kosong_berformat_openpyxl.xlsx"),
    ]
    lines = [
        "### 1. Packed ratio of real-shaped files",
        "",
        "| file | packed | unpacked | parts | largest part | its ratio |",
        "|---|---:|---:|---:|---|---:|",
    ]
    worst = 0.0
    for path in files:
        entries = zipfile.ZipFile(path).infolist()
        big = max(entries, key=lambda e: e.file_size)
        ratio = big.file_size / max(big.compress_size, 1)
        worst = max(worst, ratio)
        lines.append(
            f"| `{path.name}` | {path.stat().st_size / MiB:.1f} MiB | "
            f"{sum(e.file_size for e in entries) / MiB:.1f} MiB | {len(entries)} | {big.filename} | "
            f"{ratio:.1f} |"
        )
    lines += [
        "",
        f"- tightest packing of a legitimate part: **{worst:.1f}:1**; limit MAX_RATIO = "
        f"{workbook.MAX_RATIO}:1 for parts over {workbook.RATIO_FROM // MiB} MiB; MAX_UNPACKED = "
        f"{workbook.MAX_UNPACKED / MiB:.0f} MiB; MAX_MEMBERS = {workbook.MAX_MEMBERS}",
    ]
    return lines


# --------------------------------------------------------------------------- 2. bytes per cell
CHILD = r"""
import json, sys
from pathlib import Path
sys.path.insert(0, sys.argv[3])
def hwm():
    return next(int(l.split()[1]) * 1024 for l in open('/proc/self/status') if l.startswith('VmHWM'))
from readiness.ingest import workbook
workbook.MAX_RATIO = 10**9  # a table of 5 million one-digit strings packs 250:1; measure it anyway
route, path = sys.argv[1], Path(sys.argv[2])
book = workbook.Book(path, path.name)
name = book.sheet_names[0]
book._check_memory = lambda *a, **k: None  # measure the reader itself, even beyond the limit
parts = book._parts
extent = parts.extent(name, precise=True)
count, longest = parts.shared_strings_stats()
members = book._members
sheet_xml = members[parts.path(name)].file_size
shared = members.get("xl/sharedStrings.xml")
# the readers' share of the estimate (the rows' checks after the read are not run here)
estimate = (workbook.reader_bytes(route, extent, sheet_xml, shared.file_size if shared else 0, count, longest, 3)
            - extent.rows * workbook._PER_ROW[route])
base = hwm()
if route == "sheet":
    book.sheet(name)
else:
    book.columns(name, 1, {0: "a", 1: "b", 2: "c"})
print(json.dumps({"reader": hwm() - base, "estimate": estimate, "cells": extent.cells, "area": extent.area}))
"""


def read_in_child(route: str, path: Path) -> dict:
    out = subprocess.run([sys.executable, "-c", CHILD, route, str(path), str(ROOT)], capture_output=True, text=True)
    if out.returncode:
        return {"error": out.stderr.strip().splitlines()[-1][:200] if out.stderr.strip() else f"exit {out.returncode}"}
    return json.loads(out.stdout)


def synthetic(tmp: Path) -> dict[str, Path]:
    made = {
        "angka, 2 juta sel": xlsx.bomb(tmp / "angka.xlsx", 200_000, HEADER, cell='<c r="{col}{row}"><v>123</v></c>'),
        "teks inline 8 huruf, 2 juta sel": xlsx.bomb(
            tmp / "inline.xlsx", 200_000, HEADER, cell='<c r="{col}{row}" t="inlineStr"><is><t>ABCDEFGH</t></is></c>'
        ),
        "teks bersama, 2 juta sel": xlsx.bomb(
            tmp / "bersama.xlsx", 200_000, HEADER, cell='<c r="{col}{row}" t="s"><v>7</v></c>', shared_strings=1000
        ),
        "dua sel berjauhan (A1, J2000000)": xlsx.bomb(tmp / "jauh.xlsx", 10, HEADER, far_cell="J2000000"),
        "5 juta teks bersama pendek": xlsx.bomb(tmp / "tabel_teks.xlsx", 10, HEADER, shared_strings=5_000_000),
    }
    made["satu teks 10.000 huruf, 100.000 sel menunjuknya"] = copied_text(tmp / "salinan.xlsx", 10_000, 10, 10_000)
    return made


def copied_text(path: Path, rows: int, columns: int, length: int) -> Path:
    """A recap whose cells all point at one shared text of `length` letters: each gets a copy."""
    plain = xlsx.bomb(
        path.with_name("polos.xlsx"),
        rows,
        ["KECAMATAN", "DESA", "L", "P"],
        columns=columns,
        cell='<c r="{col}{row}" t="s"><v>0</v></c>',
        shared_strings=1,
    )
    with zipfile.ZipFile(plain) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for entry in src.infolist():
            data = src.read(entry.filename)
            if entry.filename == "xl/sharedStrings.xml":
                data = (f'<sst xmlns="{xlsx._MAIN}"><si><t>' + "X" * length + "</t></si></sst>").encode()
            dst.writestr(entry.filename, data)
    plain.unlink()
    return path


def coefficients(tmp: Path) -> list[str]:
    lines = [
        "### 2. Reader memory against the estimate",
        "",
        "Peak resident set above the process's own before the read; `sheet` = python-calamine "
        "to_python (small kinds), `columns` = fastexcel into Arrow, 3 columns (the per-voter list).",
        "",
        "| sheet | cells | rectangle | route | measured MiB | estimate MiB (readers' share) | estimate / measured |",
        "|---|---:|---:|---|---:|---:|---:|",
    ]
    for label, path in synthetic(tmp).items():
        for route in ("sheet", "columns"):
            got = read_in_child(route, path)
            if "error" in got:
                lines.append(f"| {label} | | | {route} | {got['error']} | | |")
                continue
            lines.append(
                f"| {label} | {got['cells']:,} | {got['area']:,} | {route} | {got['reader'] / MiB:.0f} | "
                f"{got['estimate'] / MiB:.0f} | {got['estimate'] / max(got['reader'], 1):.2f} |"
            )
            print(lines[-1], file=sys.stderr)
    return lines


# --------------------------------------------------------------------------- 3./4. through the CLI
WRAP = r"""
import sys
sys.path.insert(0, sys.argv[1])
from readiness import cli
code = cli.main(sys.argv[2:])
hwm = next(int(l.split()[1]) for l in open('/proc/self/status') if l.startswith('VmHWM'))
print(f"VmHWM {hwm}", file=sys.stderr)
sys.exit(code)
"""


def ingest_cli(path: Path, tmp: Path) -> dict:
    db_path = tmp / f"db_{time.monotonic_ns()}.duckdb"
    subprocess.run(
        [sys.executable, "-c", "import sys; from readiness import db; db.ensure_database(sys.argv[1])", str(db_path)],
        check=True,
        cwd=ROOT,
    )
    started = time.perf_counter()
    out = subprocess.run(
        [sys.executable, "-c", WRAP, str(ROOT), "ingest", str(path), "--db", str(db_path)],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    seconds = time.perf_counter() - started
    peak = next((int(l.split()[1]) * 1024 for l in out.stderr.splitlines() if l.startswith("VmHWM")), None)
    message = next((l for l in (out.stdout + out.stderr).splitlines() if "ditolak" in l), "")
    return {"code": out.returncode, "seconds": seconds, "peak": peak, "message": message[:160]}


def estimate_of(path: Path, route: str = "columns", used: int = 11) -> int:
    book = workbook.Book(path, path.name)
    parts = book._parts
    name = book.sheet_names[0]
    shared = book._members.get("xl/sharedStrings.xml")
    return workbook.reader_bytes(
        route,
        parts.extent(name),
        book._members[parts.path(name)].file_size,
        shared.file_size if shared else 0,
        *parts.shared_strings_stats(),
        used,
    )


def legitimate(tmp: Path) -> list[str]:
    import make_voterlist

    lines = [
        "### 3. The largest legitimate files through `python -m readiness ingest`",
        "",
        "| file | estimate (columns route, 11 columns) | exit | seconds | peak MiB |",
        "|---|---:|---:|---:|---:|",
    ]
    for path in (make_voterlist.main(), make_voterlist.main(inline=True)):
        got = ingest_cli(path, tmp)
        lines.append(
            f"| `{path.name}` | {estimate_of(path) / MiB:.0f} MiB | {got['code']} | {got['seconds']:.1f} | "
            f"{(got['peak'] or 0) / MiB:.0f} |"
        )
        print(lines[-1], file=sys.stderr)
    return lines


def rows_for(tmp: Path, route: str, header: list[str], cell: str) -> int:
    """Rows of `cell` under `header` whose estimate on `route` is READER_BUDGET (from a probe)."""
    probe = xlsx.bomb(tmp / "contoh.xlsx", 100_000, header, cell=cell, level=1)
    book = workbook.Book(probe, probe.name)
    need = workbook.reader_bytes(
        route,
        book._parts.extent(book.sheet_names[0], precise=True),
        book._members["xl/worksheets/sheet1.xml"].file_size,
        0,
        0,
        0,
        len(header),
    )
    probe.unlink()
    return int(100_000 * workbook.READER_BUDGET / need)


def bombs(tmp: Path, heavy: bool) -> list[str]:
    """Bombs at each limit, a step inside and a step outside."""
    voter = ["KECAMATAN", "DESA", "TPS", "JENIS KELAMIN", "NIK", "NKK", "NAMA", "TANGGAL LAHIR"]
    packed = '<c r="{col}{row}"><v>1</v></c>'
    # Rows of 100 cells without references pack ~240:1; the tester's bomb unpacked to 2,83 GiB.
    reported = 1_950_000 if heavy else 200_000
    cases = [
        (
            f"rapat: {reported:,} baris × 100 sel tanpa referensi",
            lambda p: xlsx.bomb(p, reported, voter, columns=100, cell="<c><v>1</v></c>", level=6),
        ),
        ("jauh: A1 dan XFD1000000", lambda p: xlsx.bomb(p, 5, voter, far_cell="XFD1000000")),
        ("satu teks 10.000 huruf, 400.000 sel menunjuknya", lambda p: copied_text(p, 20_000, 20, 10_000)),
    ]
    if heavy:
        # Just under and just over READER_BUDGET on each route: rows of number cells under a
        # per-voter header (fastexcel) and under a recap header (python-calamine).
        rekap = ["KECAMATAN", "DESA", "JUMLAH TPS", "L", "P", "L+P"]
        for route, header in (("columns", voter), ("sheet", rekap)):
            rows = rows_for(tmp, route, header, packed)
            for share in (0.9, 1.1):
                cases.append(
                    (
                        f"{'daftar pemilih' if route == 'columns' else 'rekap'}: {int(rows * share):,} baris × "
                        f"{len(header)} angka (estimasi {share:.0%} dari batas)",
                        lambda p, n=int(rows * share), h=header: xlsx.bomb(p, n, h, cell=packed, level=1),
                    )
                )
    lines = [
        "### 4. Bombs through `python -m readiness ingest`",
        "",
        "| bomb | packed | unpacked | exit | seconds | peak MiB | message |",
        "|---|---:|---:|---:|---:|---:|---|",
    ]
    for label, build in cases:
        path = build(tmp / "bom.xlsx")
        unpacked = sum(e.file_size for e in zipfile.ZipFile(path).infolist())
        got = ingest_cli(path, tmp)
        lines.append(
            f"| {label} | {path.stat().st_size / MiB:.1f} MiB | {unpacked / MiB:.0f} MiB | {got['code']} | "
            f"{got['seconds']:.1f} | {(got['peak'] or 0) / MiB:.0f} | {got['message']} |"
        )
        print(lines[-1], file=sys.stderr)
        path.unlink()
    lines += [
        "",
        f"- stated budget: no file within the limits takes the process over MEMORY_BUDGET = "
        f"{workbook.MEMORY_BUDGET / MiB:.0f} MiB (READER_BUDGET = {workbook.READER_BUDGET / MiB:.0f} MiB for the "
        "reader's estimate)",
    ]
    return lines


PARTS_CACHE = OUT / "bench_bomb_parts.json"  # each part's lines, so that --only reruns one part


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--skip-heavy", action="store_true")
    parser.add_argument("--only", choices=("ratios", "coefficients", "legitimate", "bombs"))
    args = parser.parse_args()
    done = json.loads(PARTS_CACHE.read_text()) if args.only and PARTS_CACHE.exists() else {}
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        parts = {
            "ratios": ratios,
            "coefficients": lambda: coefficients(tmp),
            "legitimate": lambda: legitimate(tmp),
            "bombs": lambda: bombs(tmp, not args.skip_heavy),
        }
        for name, run in parts.items():
            if args.only and name != args.only:
                continue
            done[name] = [f"Run {time.strftime('%Y-%m-%d %H:%M')}.", ""] + run()
            OUT.mkdir(parents=True, exist_ok=True)
            PARTS_CACHE.write_text(json.dumps(done))
    lines = [
        "## Decompression bombs: limits from measured files",
        "",
        "On a shared 2-CPU machine under load from other work: seconds are indicative only; memory is "
        "each process's own peak.",
        "",
    ]
    for name in parts:
        if name in done:
            lines += done[name][2:] + ["", f"<sub>({done[name][0]})</sub>", ""]
    text = "\n".join(lines)
    print(text)
    results.write_section("bomb", text)


if __name__ == "__main__":
    main()
