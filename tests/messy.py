"""A corpus of messy files shaped like real government exports, written by code at test time.

Each builder writes ONE file into a directory and returns a `Case`: the path plus what a user
must see after uploading it, per DESIGN.md ("Datasets" rules and "Real-world files"):
either a load (the detected kind, the number of data rows read, exact totals per kecamatan /
desa / kabupaten, the warnings) or a rejection (the exact errors: sheet, Excel row `baris N`,
column `kolom X (HEADER)` and the key phrase of the Indonesian message).

Builders register themselves in `ALL` (name -> function); tests/test_ingest_messy.py runs
every one through `readiness.ingest.ingest_files` on a fresh database. Numbers are real
kecamatan/desa of Kabupaten Probolinggo (reference/desa.csv) with invented counts.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import random
from dataclasses import dataclass, field
from pathlib import Path

import xlsxwriter
from openpyxl import Workbook

ROOT = Path(__file__).resolve().parent.parent
REFERENCE = ROOT / "reference"


def _desa_by_kecamatan() -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    with (REFERENCE / "desa.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            out.setdefault(row["kecamatan"], []).append(row["desa"])
    return out


DESA = _desa_by_kecamatan()  # kecamatan -> its desa/kelurahan, canonical spelling
KECAMATAN = list(DESA)  # the 24 kecamatan in Kemendagri code order


# --------------------------------------------------------------------------- expectations
@dataclass(frozen=True)
class Msg:
    """An expected error or warning. `column` is as the user sees it: `E (JUMLAH PEMILIH / L)`.
    `phrase` (a string, or a tuple of strings) must all appear in the message."""

    phrase: str | tuple[str, ...]
    sheet: str | None = None
    row: int | str | None = None  # `17`, or the rows of a repeated message: `249–269 (21 baris)`
    column: str | None = None

    @property
    def phrases(self) -> tuple[str, ...]:
        return (self.phrase,) if isinstance(self.phrase, str) else self.phrase

    def matches(self, file_name: str, problem) -> bool:
        """The user-visible text is `file, sheet 'S', baris N, kolom X (HEADER): message`."""
        text = problem.text()
        if not text.startswith(file_name):
            return False
        where = []
        if self.sheet is not None:
            where.append(f"sheet '{self.sheet}'")
        if self.row is not None:
            where.append(f"baris {self.row}")
        if self.column is not None:
            where.append(f"kolom {self.column}")
        if where:
            needle = ", " + ", ".join(where) + ": "
            if needle not in text:
                return False
            message = text.split(needle, 1)[1]
        else:
            message = text[len(file_name) :]
        return all(p in message for p in self.phrases)

    def describe(self) -> str:
        return f"sheet={self.sheet!r} baris={self.row} kolom={self.column!r} phrase={self.phrases!r}"


@dataclass
class Case:
    path: Path
    quirk: str  # one line: what real-world quirk this file carries
    kind: str | None = None  # detected kind (auto) after a load
    rows: int | None = None  # data rows read: titles, headers, numbering and totals rows dropped
    kecamatan: dict[str, dict] = field(default_factory=dict)  # kecamatan -> {report column: value}
    desa: dict[tuple[str, str], dict] = field(default_factory=dict)  # (kecamatan, desa) -> {...}
    kabupaten: dict = field(default_factory=dict)
    errors: list[Msg] = field(default_factory=list)  # non-empty: the file must be rejected
    warnings: list[Msg] = field(default_factory=list)  # exactly these warnings after a load
    tanggal_data: dt.date | None = None
    footer: str = ""  # the line naming the rows under the table that were not read

    @property
    def rejected(self) -> bool:
        return bool(self.errors)


ALL: dict[str, callable] = {}


def builder(fn):
    ALL[fn.__name__] = fn
    return fn


# --------------------------------------------------------------------------- helpers
def _sum_by_kecamatan(rows) -> dict[str, dict]:
    """rows of (kecamatan, desa, tps, L, P) -> expected report values per kecamatan."""
    out: dict[str, dict] = {}
    for kec, _desa, tps, l, p in rows:
        acc = out.setdefault(kec, {"dpt": 0, "dpt_l": 0, "dpt_p": 0, "tps": 0})
        acc["dpt"] += l + p
        acc["dpt_l"] += l
        acc["dpt_p"] += p
        acc["tps"] += tps
    return out


def _per_desa(rows) -> dict[tuple[str, str], dict]:
    return {(kec, desa): {"dpt": l + p, "dpt_l": l, "dpt_p": p, "tps": tps} for kec, desa, tps, l, p in rows}


def _desa_rows(seed: int, picks: list[tuple[str, str]]) -> list[tuple]:
    """(kecamatan, desa) -> (kecamatan, desa, tps, L, P) with plausible invented counts."""
    rnd = random.Random(seed)
    out = []
    for kec, desa in picks:
        l, p = rnd.randint(900, 3900), rnd.randint(950, 4100)
        out.append((kec, desa, max(2, round((l + p) / 480)), l, p))
    return out


def id_num(n: int) -> str:
    """35412 -> '35.412' (Indonesian thousands separator)."""
    return f"{n:,}".replace(",", ".")


def en_num(n: int) -> str:
    """35412 -> '35,412' (English thousands separator)."""
    return f"{n:,}"


def _save_openpyxl(path: Path, sheets: list[dict]) -> Path:
    """sheets: dicts with name, rows (list of lists), and optional merges, hidden,
    number_formats {"E7": "0.00%"}, text (cells written as text even if they start with '=')."""
    wb = Workbook()
    wb.remove(wb.active)
    for spec in sheets:
        ws = wb.create_sheet(spec["name"])
        for r, row in enumerate(spec["rows"], 1):
            for c, value in enumerate(row, 1):
                if value is None:
                    continue
                cell = ws.cell(row=r, column=c, value=value)
                if isinstance(value, str) and value.startswith("="):
                    cell.data_type = "s"  # text that merely starts with '=', not a formula
        for rng in spec.get("merges", ()):
            ws.merge_cells(rng)
        for ref, number_format in spec.get("number_formats", {}).items():
            ws[ref].number_format = number_format
        if spec.get("hidden"):
            ws.sheet_state = "hidden"
    wb.save(path)
    return path


HEADER_TOP = ["NO", "KECAMATAN", "DESA/KELURAHAN", "JUMLAH TPS", "JUMLAH PEMILIH", None, None]
HEADER_BOTTOM = [None, None, None, None, "L", "P", "L+P"]
TITLE = [
    ["REKAPITULASI DAFTAR PEMILIH TETAP (DPT)"],
    ["PEMILIHAN BUPATI DAN WAKIL BUPATI PROBOLINGGO TAHUN 2024"],
    ["KABUPATEN PROBOLINGGO"],
    [],
]


def _header_merges(h: int, col0: int = 0) -> list[str]:
    """Merges of the standard two-row header whose first row is Excel row h."""
    L = [chr(65 + col0 + i) for i in range(7)]
    return [f"{L[4]}{h}:{L[6]}{h}"] + [f"{L[i]}{h}:{L[i]}{h + 1}" for i in range(4)]


def _recap_block(rows, start_row: int, merged_kecamatan: bool, col0: int = 0, no_start: int = 1, fmt=lambda n: n):
    """Data rows for (kec, desa, tps, L, P); returns (sheet rows, merges, first/last excel row per kec)."""
    out, merges, spans = [], [], {}
    pad = [None] * col0
    prev = None
    for i, (kec, desa, tps, l, p) in enumerate(rows):
        r = start_row + i
        show_kec = kec if (not merged_kecamatan or kec != prev) else None
        out.append(pad + [no_start + i, show_kec, desa, tps, fmt(l), fmt(p), fmt(l + p)])
        spans.setdefault(kec, [r, r])[1] = r
        prev = kec
    if merged_kecamatan:
        col = chr(65 + col0 + 1)
        merges = [f"{col}{a}:{col}{b}" for a, b in spans.values() if b > a]
    return out, merges, spans


# =========================================================================== pemilih: loads
@builder
def rekap_judul_header_gabung_kecamatan_gabung(tmp: Path) -> Case:
    data = _desa_rows(
        1,
        [
            ("Kraksaan", "Asembakor"),
            ("Kraksaan", "Sidopekso"),
            ("Kraksaan", "Patokan"),
            ("Kraksaan", "Semampir"),
            ("Paiton", "Sumberejo"),
            ("Paiton", "Randumerak"),
            ("Paiton", "Karanganyar"),
        ],
    )
    rows = [r[:] for r in TITLE] + [HEADER_TOP, HEADER_BOTTOM, [1, 2, 3, 4, 5, 6, 7]]
    block, merges, _ = _recap_block(data, len(rows) + 1, merged_kecamatan=True)
    rows += block
    tot = _sum_by_kecamatan(data)
    rows.append(
        [
            None,
            "JUMLAH",
            None,
            sum(t["tps"] for t in tot.values()),
            sum(t["dpt_l"] for t in tot.values()),
            sum(t["dpt_p"] for t in tot.values()),
            sum(t["dpt"] for t in tot.values()),
        ]
    )
    path = _save_openpyxl(
        tmp / "rekap_dpt_desa.xlsx",
        [{"name": "REKAP DPT", "rows": rows, "merges": _header_merges(5) + merges + ["A1:G1", "A2:G2", "A3:G3"]}],
    )
    return Case(
        path,
        "title rows, 2-row merged header (JUMLAH PEMILIH over L|P|L+P), merged kecamatan cells, "
        "1..7 numbering row, JUMLAH row, sheet not called Sheet1",
        kind="pemilih",
        rows=len(data),
        kecamatan=tot,
        desa=_per_desa(data),
    )


@builder
def rekap_satu_sheet_per_kecamatan(tmp: Path) -> Case:
    groups = {
        "KRAKSAAN": _desa_rows(2, [("Kraksaan", d) for d in ("Asembakor", "Sidopekso", "Kalibuntu", "Bulu")]),
        "PAITON": _desa_rows(3, [("Paiton", d) for d in ("Sumberejo", "Paiton", "Bhinor")]),
        "BESUK": _desa_rows(4, [("Besuk", d) for d in ("Besukagung", "Alastengah", "Sumberan", "Bago", "Kecik")]),
    }
    sheets = []
    for name, data in groups.items():
        rows = [
            ["REKAPITULASI DPT PILKADA 2024"],
            [f"KECAMATAN {name}"],
            [],
            HEADER_TOP,
            HEADER_BOTTOM,
            [f"({i})" for i in range(1, 8)],
        ]
        block, merges, _ = _recap_block(data, len(rows) + 1, merged_kecamatan=True)
        rows += block
        t = _sum_by_kecamatan(data)[data[0][0]]
        rows.append([f"JUMLAH KEC. {name}", None, None, t["tps"], t["dpt_l"], t["dpt_p"], t["dpt"]])
        sheets.append(
            {"name": name, "rows": rows, "merges": _header_merges(4) + merges + [f"A{len(rows)}:C{len(rows)}"]}
        )
    sheets += [{"name": "Sheet2", "rows": []}, {"name": "Sheet3", "rows": []}]
    path = _save_openpyxl(tmp / "rekap_dpt_per_kecamatan.xlsx", sheets)
    data = [r for g in groups.values() for r in g]
    return Case(
        path,
        "recap split across several sheets, one per kecamatan (concatenated), each with "
        "a '(1) … (7)' numbering row and 'JUMLAH KEC. X'; leftover empty Sheet2/Sheet3",
        kind="pemilih",
        rows=len(data),
        kecamatan=_sum_by_kecamatan(data),
        desa=_per_desa(data),
    )


@builder
def rekap_sheet_tersembunyi(tmp: Path) -> Case:
    final = _desa_rows(5, [("Gending", d) for d in ("Klaseman", "Pesisir", "Curahsawo", "Gending")])
    old = [(k, d, t, l - 37, p + 11) for k, d, t, l, p in final]  # last month's figures

    def sheet(name, data, hidden=False):
        rows = [["REKAP DPT KECAMATAN GENDING"], [], HEADER_TOP, HEADER_BOTTOM]
        block, merges, _ = _recap_block(data, len(rows) + 1, merged_kecamatan=True)
        return {"name": name, "rows": rows + block, "merges": _header_merges(3) + merges, "hidden": hidden}

    path = _save_openpyxl(tmp / "rekap_gending.xlsx", [sheet("DPT LAMA", old, hidden=True), sheet("DPT FINAL", final)])
    return Case(
        path,
        "a hidden sheet (an older copy of the data) before the visible one: only the visible "
        "sheet counts, the hidden one is named in a warning",
        kind="pemilih",
        rows=len(final),
        kecamatan=_sum_by_kecamatan(final),
        warnings=[Msg("tersembunyi", sheet="DPT LAMA")],
    )


@builder
def rekap_subtotal_dan_total(tmp: Path) -> Case:
    kraksaan = _desa_rows(6, [("Kraksaan", d) for d in ("Kregenan", "Rondokuning", "Tamansari")])
    gending = _desa_rows(7, [("Gending", d) for d in ("Jatiadi", "Bulang", "Sebaung", "Pikatan")])
    dringu = _desa_rows(8, [("Dringu", d) for d in ("Tamansari", "Pabean")])
    rows = [r[:] for r in TITLE] + [HEADER_TOP, HEADER_BOTTOM]
    merges = _header_merges(5)

    def total(label, data, where="A"):
        t = _sum_by_kecamatan(data)
        vals = [sum(v[k] for v in t.values()) for k in ("tps", "dpt_l", "dpt_p", "dpt")]
        row = [label, None, None, *vals] if where == "A" else [None, None, label, *vals]
        rows.append(row)
        if where == "A":
            merges.append(f"A{len(rows)}:C{len(rows)}")

    for data, label, where in (
        (kraksaan, "JUMLAH KEC. KRAKSAAN", "A"),
        (gending, "SUB TOTAL", "C"),
        (dringu, "Jumlah Kecamatan Dringu", "A"),
    ):
        block, m, _ = _recap_block(data, len(rows) + 1, merged_kecamatan=True)
        rows += block
        merges += m
        total(label, data, where)
    total("TOTAL", kraksaan + gending + dringu)
    path = _save_openpyxl(tmp / "rekap_subtotal.xlsx", [{"name": "DPT PER DESA", "rows": rows, "merges": merges}])
    data = kraksaan + gending + dringu
    return Case(
        path,
        "totals and subtotals: 'JUMLAH KEC. KRAKSAAN', 'SUB TOTAL', 'Jumlah Kecamatan Dringu', "
        "'TOTAL' all dropped and agreeing (no warning); desa Tamansari in two kecamatan",
        kind="pemilih",
        rows=len(data),
        kecamatan=_sum_by_kecamatan(data),
        desa=_per_desa(data),
    )


def _kecamatan_level(seed: int, total_l: int, total_p: int) -> list[tuple]:
    """One row per kecamatan for all 24, adding up exactly to the given L and P."""
    rnd = random.Random(seed)
    w = [rnd.uniform(0.6, 1.6) for _ in KECAMATAN]

    def spread(total):
        parts = [int(total * x / sum(w)) for x in w]
        parts[0] += total - sum(parts)
        return parts

    ls, ps = spread(total_l), spread(total_p)
    return [(k, None, 50 + i * 3, ls[i], ps[i]) for i, k in enumerate(KECAMATAN)]


@builder
def rekap_kecamatan_angka_teks_indonesia(tmp: Path) -> Case:
    data = _kecamatan_level(9, 601234, 633333)  # L+P = 1.234.567
    rows = [
        ["REKAPITULASI DPT PER KECAMATAN"],
        ["KABUPATEN PROBOLINGGO"],
        [],
        ["NO", "KECAMATAN", "JUMLAH TPS", "L", "P", "L+P"],
    ]
    for i, (k, _, tps, l, p) in enumerate(data, 1):
        rows.append([i, k.upper(), str(tps), id_num(l), id_num(p), id_num(l + p)])
    rows.append(["JUMLAH", None, id_num(sum(r[2] for r in data)), "601.234", "633.333", "1.234.567"])
    path = _save_openpyxl(tmp / "rekap_kecamatan.xlsx", [{"name": "REKAP KEC", "rows": rows}])
    return Case(
        path,
        "counts as text with Indonesian thousands separators ('35.412', total '1.234.567'), "
        "kecamatan-level recap of all 24 kecamatan",
        kind="pemilih",
        rows=24,
        kecamatan=_sum_by_kecamatan(data),
        kabupaten={"dpt": 1234567, "dpt_l": 601234, "dpt_p": 633333, "tps": sum(r[2] for r in data)},
    )


@builder
def rekap_csv_koma_angka_inggris(tmp: Path) -> Case:
    data = _kecamatan_level(9, 601234, 633333)
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=",", lineterminator="\r\n")
    w.writerow(["REKAP DPT PILKADA 2024", "", "", "", "", ""])
    w.writerow(["NO", "KECAMATAN", "JUMLAH TPS", "L", "P", "L+P"])
    for i, (k, _, tps, l, p) in enumerate(data, 1):
        w.writerow([i, k, tps, en_num(l), en_num(p), en_num(l + p)])
    w.writerow(["", "TOTAL", sum(r[2] for r in data), "601,234", "633,333", "1,234,567"])
    path = tmp / "rekap_kecamatan.csv"
    path.write_bytes(buf.getvalue().encode("utf-8"))
    return Case(
        path,
        "CSV with ',' delimiter and English thousands separators ('35,412', '1,234,567') in quotes",
        kind="pemilih",
        rows=24,
        kecamatan=_sum_by_kecamatan(data),
        kabupaten={"dpt": 1234567, "dpt_l": 601234, "dpt_p": 633333},
    )


@builder
def rekap_csv_titik_koma_bom(tmp: Path) -> Case:
    data = _desa_rows(
        10,
        [("Maron", d) for d in ("Brabe", "Gerongan", "Wonorejo", "Suko")]
        + [("Wonomerto", d) for d in ("Wonorejo", "Patalan")],
    )
    lines = [
        "REKAPITULASI DPT PILKADA 2024;;;;;;",
        "KABUPATEN PROBOLINGGO;;;;;;",
        ";;;;;;",
        "NO;KECAMATAN;DESA/KELURAHAN;JUMLAH TPS;L;P;L+P",
    ]
    for i, (k, d, tps, l, p) in enumerate(data, 1):
        lines.append(f"{i};{k.upper()};{d.upper()};{tps};{id_num(l)};{id_num(p)};{id_num(l + p)}")
    t = _sum_by_kecamatan(data)
    lines.append(
        ";JUMLAH;;{};{};{};{}".format(
            *(id_num(sum(v[c] for v in t.values())) for c in ("tps", "dpt_l", "dpt_p", "dpt"))
        )
    )
    path = tmp / "rekap_maron_wonomerto.csv"
    path.write_bytes(("\ufeff" + "\r\n".join(lines) + "\r\n").encode("utf-8"))
    return Case(
        path,
        "CSV with ';' and a UTF-8 BOM, Indonesian thousands as text, desa Wonorejo in two kecamatan",
        kind="pemilih",
        rows=len(data),
        kecamatan=t,
        desa=_per_desa(data),
    )


@builder
def rekap_csv_cp1252(tmp: Path) -> Case:
    data = _desa_rows(11, [("Gending", d) for d in ("Brumbungan Lor", "Klaseman", "Randupitu")])
    lines = [
        "REKAPITULASI DPT – KECAMATAN GENDING;;;;;;;",
        ";;;;;;;",
        "NO;KECAMATAN;DESA;TPS;L;P;PEMILIH PEMULA;KETERANGAN",
    ]
    notes = ["dicek André – operator desa", "–", "café internet sebagai TPS cadangan"]
    for i, ((k, d, tps, l, p), note) in enumerate(zip(data, notes), 1):
        pemula = "–" if i == 2 else str(40 + i)
        lines.append(f"{i};{k};{d};{tps};{l};{p};{pemula};{note}")
    path = tmp / "rekap_gending_cp1252.csv"
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode("cp1252"))
    return Case(
        path,
        "CSV in cp1252 (not UTF-8): '–' and 'é' in title and notes; '–' as an empty count",
        kind="pemilih",
        rows=len(data),
        kecamatan=_sum_by_kecamatan(data),
    )


def _excel_unicode_text(rows: list[list[str]]) -> bytes:
    """What Excel's "Save As → Unicode Text" writes: UTF-16 LE with a BOM, tab-separated, CRLF,
    every row as wide as the widest, cells as displayed (`35.412`), quotes only where needed."""
    width = max(len(r) for r in rows)
    buf = io.StringIO()
    w = csv.writer(buf, delimiter="\t", lineterminator="\r\n")
    for row in rows:
        w.writerow(list(row) + [""] * (width - len(row)))
    return ("\ufeff" + buf.getvalue()).encode("utf-16-le")


@builder
def rekap_teks_unicode_utf16(tmp: Path) -> Case:
    data = _desa_rows(
        12,
        [("Kraksaan", d) for d in ("Asembakor", "Kalibuntu", "Kebonagung", "Sidopekso")]
        + [("Pajarakan", d) for d in ("Sukokerto", "Tanjung")],
    )
    rows = [
        ["REKAPITULASI DPT PILKADA 2024 – PER DESA"],
        ["KABUPATEN PROBOLINGGO"],
        [],
        ["NO", "KECAMATAN", "DESA/KELURAHAN", "JUMLAH TPS", "JUMLAH PEMILIH", "", ""],
        ["", "", "", "", "L", "P", "L+P"],
    ]
    for i, (k, d, tps, l, p) in enumerate(data, 1):
        rows.append([str(i), k.upper(), d.upper(), str(tps), id_num(l), id_num(p), id_num(l + p)])
    t = _sum_by_kecamatan(data)
    rows.append(["", "JUMLAH", "", *(id_num(sum(v[c] for v in t.values())) for c in ("tps", "dpt_l", "dpt_p", "dpt"))])
    path = tmp / "rekap_kraksaan_pajarakan.csv"
    path.write_bytes(_excel_unicode_text(rows))
    return Case(
        path,
        "Excel's 'Unicode Text' save: UTF-16 LE with BOM, tab-separated, a '–' in the title",
        kind="pemilih",
        rows=len(data),
        kecamatan=t,
        desa=_per_desa(data),
    )


@builder
def rekap_baris_kolom_kosong(tmp: Path) -> Case:
    data = _desa_rows(
        12,
        [("Tongas", d) for d in ("Sumberrejo", "Bayeman", "Curahdringu", "Wringinanom")]
        + [("Kuripan", "Wringinanom"), ("Kuripan", "Jatisari")],
    )
    rows = [
        [],
        [None, None, "REKAP DPT PILKADA 2024"],
        [],
        [],
        [None, None, "NO", "KECAMATAN", "DESA/\nKELURAHAN", None, "JUMLAH\nTPS", "JUMLAH PEMILIH", None, None],
        [None, None, None, None, None, None, None, "L", "P", "L+P"],
        [],
    ]
    merges = ["H5:J5", "C5:C6", "D5:D6", "E5:E6", "G5:G6"]
    prev = None
    for i, (k, d, tps, l, p) in enumerate(data, 1):
        rows.append([None, None, i, k if k != prev else None, d, None, tps, l, p, l + p, None])
        prev = k
        if i in (2, 4):
            rows.append([])  # stray blank rows between data rows
            rows.append([None] * 12)
    path = _save_openpyxl(tmp / "rekap_tongas_kuripan.xlsx", [{"name": "Lembar1", "rows": rows, "merges": merges}])
    return Case(
        path,
        "stray blank rows and columns: data starts at column C, an empty column between DESA "
        "and JUMLAH TPS, blank rows inside the data, header text wrapped with line breaks; "
        "desa Wringinanom in two kecamatan",
        kind="pemilih",
        rows=len(data),
        kecamatan=_sum_by_kecamatan(data),
        desa=_per_desa(data),
    )


@builder
def rekap_nama_kapital_berawalan(tmp: Path) -> Case:
    picks = [
        ("KEC. KRAKSAAN", "DESA ASEMBAKOR", "Kraksaan", "Asembakor"),
        ("KEC. KRAKSAAN", "KEL. SEMAMPIR", "Kraksaan", "Semampir"),
        ("Kecamatan Kraksaan", "Kelurahan Kandangjati Kulon", "Kraksaan", "Kandangjati Kulon"),
        ("KRAKSAAN\u00a0", "  Ds. Kandang Jati Wetan ", "Kraksaan", "Kandang Jati Wetan"),
        ("KECAMATAN PAITON", "DESA JABUNG WETAN", "Paiton", "Jabung Wetan"),
        ("kec.paiton", "desa pandean", "Paiton", "Pandean"),
    ]
    data = _desa_rows(13, [(k, d) for _, _, k, d in picks])
    rows = [["REKAP DPT"], HEADER_TOP, HEADER_BOTTOM]
    for i, ((kw, dw, *_), (_, _, tps, l, p)) in enumerate(zip(picks, data), 1):
        rows.append([i, kw, dw, tps, l, p, l + p])
    path = _save_openpyxl(tmp / "rekap_kapital.xlsx", [{"name": "REKAP", "rows": rows, "merges": _header_merges(2)}])
    return Case(
        path,
        "upper-case names with prefixes and odd spacing: 'KEC. KRAKSAAN', 'DESA ASEMBAKOR', "
        "'KEL. SEMAMPIR', 'Ds.', 'kec.paiton', non-breaking space",
        kind="pemilih",
        rows=len(data),
        kecamatan=_sum_by_kecamatan(data),
        desa=_per_desa(data),
    )


@builder
def rekap_varian_ejaan(tmp: Path) -> Case:
    picks = [
        ("Banyu Anyar", "Gading Kulon", "Banyuanyar", "Gadingkulon"),
        ("BANYU ANYAR", "Blado Wetan", "Banyuanyar", "Blado Wetan"),
        ("Tegal Siwalan", "Malasanwetan", "Tegalsiwalan", "Malesanwetan"),
        ("TEGAL SIWALAN", "Bladukulon", "Tegalsiwalan", "Bladokulon"),
        ("Sumber", "Rembaan", "Sumber", "Remba'an"),
        ("Kota Anyar", "Triwingan", "Kotaanyar", "Triwungan"),
        ("Pejarakan", "Pajarakan Kulon", "Pajarakan", "Pejarakan Kulon"),
        ("Wonomerto", "Tunggakcerme", "Wonomerto", "Tunggak Ceme"),
    ]
    data = _desa_rows(14, [(k, d) for _, _, k, d in picks])
    rows = [["REKAP DPT"], [], HEADER_TOP, HEADER_BOTTOM]
    for i, ((kw, dw, *_), (_, _, tps, l, p)) in enumerate(zip(picks, data), 1):
        rows.append([i, kw, dw, tps, l, p, l + p])
    path = _save_openpyxl(tmp / "rekap_varian.xlsx", [{"name": "REKAP", "rows": rows, "merges": _header_merges(3)}])
    return Case(
        path,
        "spelling variants from reference/name_variants.csv and desa_name_variants.csv: "
        "'Banyu Anyar', 'Tegal Siwalan', 'Kota Anyar', 'Pejarakan', 'Rembaan' (Remba'an), "
        "'Malasanwetan', 'Triwingan', 'Tunggakcerme', 'Gading Kulon'",
        kind="pemilih",
        rows=len(data),
        kecamatan=_sum_by_kecamatan(data),
        desa=_per_desa(data),
    )


@builder
def rekap_nama_desa_kembar(tmp: Path) -> Case:
    data = _desa_rows(
        15,
        [
            ("Bantaran", "Patokan"),
            ("Bantaran", "Karanganyar"),
            ("Kraksaan", "Patokan"),
            ("Kraksaan", "Tamansari"),
            ("Paiton", "Karanganyar"),
            ("Paiton", "Alastengah"),
            ("Besuk", "Alastengah"),
            ("Dringu", "Tamansari"),
            ("Kuripan", "Wringinanom"),
            ("Tongas", "Wringinanom"),
            ("Gending", "Pesisir"),
            ("Sumberasih", "Pesisir"),
        ],
    )
    rows = [["REKAP DPT"], [], HEADER_TOP, HEADER_BOTTOM]
    block, merges, _ = _recap_block(data, len(rows) + 1, merged_kecamatan=True)
    path = _save_openpyxl(
        tmp / "rekap_desa_kembar.xlsx", [{"name": "REKAP", "rows": rows + block, "merges": _header_merges(3) + merges}]
    )
    return Case(
        path,
        "desa names that repeat across kecamatan (Patokan, Karanganyar, Tamansari, Alastengah, "
        "Wringinanom, Pesisir) are matched within their (merged, filled-down) kecamatan",
        kind="pemilih",
        rows=len(data),
        kecamatan=_sum_by_kecamatan(data),
        desa=_per_desa(data),
    )


@builder
def rekap_nama_kecamatan_sekaligus_desa(tmp: Path) -> Case:
    bantaran = _desa_rows(16, [("Bantaran", d) for d in ("Besuk", "Bantaran", "Kropak")])
    besuk = _desa_rows(17, [("Besuk", d) for d in ("Besukagung", "Besukkidul")])
    sumber = _desa_rows(18, [("Sumber", d) for d in ("Sumber", "Sumberanom")])
    rows = [["REKAP DPT"], [], HEADER_TOP, HEADER_BOTTOM]
    merges = _header_merges(3)
    for data, name in ((bantaran, "BANTARAN"), (besuk, "BESUK"), (sumber, "SUMBER")):
        block, m, _ = _recap_block(data, len(rows) + 1, merged_kecamatan=True, fmt=lambda n: n)
        rows += block
        merges += m
        t = _sum_by_kecamatan(data)[data[0][0]]
        rows.append([f"JUMLAH KEC. {name}", None, None, t["tps"], t["dpt_l"], t["dpt_p"], t["dpt"]])
    data = bantaran + besuk + sumber
    path = _save_openpyxl(tmp / "rekap_besuk.xlsx", [{"name": "REKAP", "rows": rows, "merges": merges}])
    return Case(
        path,
        "names that are both a kecamatan and a desa: desa Besuk in Kecamatan Bantaran (Besuk is "
        "also a kecamatan), desa Bantaran in Bantaran, desa Sumber in Sumber; 'JUMLAH KEC. BESUK'",
        kind="pemilih",
        rows=len(data),
        kecamatan=_sum_by_kecamatan(data),
        desa=_per_desa(data),
    )


@builder
def rekap_sel_diawali_simbol(tmp: Path) -> Case:
    data = _desa_rows(19, [("Lumbang", d) for d in ("Sapih", "Boto", "Purut", "Branggah")])
    path = tmp / "rekap_lumbang_simbol.xlsx"
    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet("REKAP LUMBANG")
    for c, v in enumerate(["NO", "KECAMATAN", "DESA", "TPS", "L", "P", "L+P", "PEMILIH PEMULA", "KETERANGAN"]):
        ws.write_string(0, c, v)
    notes = ["=DATA SUDAH DIVERIFIKASI", "+12 pemilih baru dari DPTb", "-", "@operator_sidalih"]
    for i, ((k, d, tps, l, p), note) in enumerate(zip(data, notes), 1):
        ws.write_number(i, 0, i)
        ws.write_string(i, 1, k)
        ws.write_string(i, 2, d)
        for c, v in enumerate((tps, l, p, l + p), 3):
            ws.write_number(i, c, v)
        ws.write_string(i, 7, "-" if i % 2 else "+15")  # '-' means none; '+15' is a count typed with a sign
        ws.write_string(i, 8, note)
    wb.close()
    return Case(
        path,
        "cells starting with '=', '+', '-', '@' stored as text (notes; '-' and '+15' in a count "
        "column) load as text, never as formulas",
        kind="pemilih",
        rows=len(data),
        kecamatan=_sum_by_kecamatan(data),
    )


@builder
def rekap_rumus_nilai_tersimpan(tmp: Path) -> Case:
    data = _desa_rows(20, [("Krucil", d) for d in DESA["Krucil"][:5]])
    path = tmp / "rekap_krucil_rumus.xlsx"
    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet("KRUCIL")
    ws.write(0, 0, "REKAP DPT KECAMATAN KRUCIL")
    ws.write_row(2, 0, HEADER_TOP)
    ws.write_row(3, 0, HEADER_BOTTOM)
    first = 5
    for i, (k, d, tps, l, p) in enumerate(data):
        r = first + i  # Excel row number
        ws.write_number(r - 1, 0, i + 1)
        if i == 0:  # the kecamatan name itself comes out of a formula
            ws.write_formula(r - 1, 1, f'=UPPER("{k}")', None, k.upper())
        ws.write_string(r - 1, 2, d)
        ws.write_number(r - 1, 3, tps)
        ws.write_number(r - 1, 4, l)
        ws.write_number(r - 1, 5, p)
        ws.write_formula(r - 1, 6, f"=E{r}+F{r}", None, l + p)
    last = first + len(data) - 1
    t = _sum_by_kecamatan(data)["Krucil"]
    ws.write_string(last, 1, "JUMLAH")
    for col, key in zip("DEFG", ("tps", "dpt_l", "dpt_p", "dpt")):
        ws.write_formula(last, "DEFG".index(col) + 3, f"=SUM({col}{first}:{col}{last})", None, t[key])
    ws.merge_range(2, 4, 2, 6, "JUMLAH PEMILIH")
    wb.close()
    return Case(
        path,
        "formulas with cached values (L+P = E+F, SUM totals, kecamatan from =UPPER(...))",
        kind="pemilih",
        rows=len(data),
        kecamatan=_sum_by_kecamatan(data),
    )


@builder
def rekap_header_berulang_tiap_halaman(tmp: Path) -> Case:
    data = _desa_rows(21, [("Paiton", d) for d in DESA["Paiton"][:12]])
    rows = [r[:] for r in TITLE] + [HEADER_TOP, HEADER_BOTTOM, [f"({i})" for i in range(1, 8)]]
    merges = _header_merges(5)
    prev_page = None
    for i, (k, d, tps, l, p) in enumerate(data):
        page = i // 5
        if page and page != prev_page:  # the next printed page starts with the header again
            rows.append(HEADER_TOP[:])
            rows.append(HEADER_BOTTOM[:])
            merges += _header_merges(len(rows) - 1)
            rows.append([f"({n})" for n in range(1, 8)])
        rows.append([i + 1, k.upper() if page != prev_page else None, d, tps, l, p, l + p])
        prev_page = page
    t = _sum_by_kecamatan(data)["Paiton"]
    rows.append(["JUMLAH", None, None, t["tps"], t["dpt_l"], t["dpt_p"], t["dpt"]])
    path = _save_openpyxl(tmp / "rekap_paiton_cetak.xlsx", [{"name": "DPT PAITON", "rows": rows, "merges": merges}])
    return Case(
        path,
        "the 2-row header and a '(1) (2) … (7)' numbering row repeated at the top of every "
        "printed page (every 5 data rows)",
        kind="pemilih",
        rows=len(data),
        kecamatan=_sum_by_kecamatan(data),
    )


@builder
def rekap_sheet_pertama_kosong(tmp: Path) -> Case:
    data = _desa_rows(22, [("Leces", d) for d in DESA["Leces"][:4]])
    rows = [["REKAP DPT"], HEADER_TOP, HEADER_BOTTOM]
    block, merges, _ = _recap_block(data, 4, merged_kecamatan=True)
    path = _save_openpyxl(
        tmp / "rekap_leces.xlsx",
        [
            {"name": "Sheet1", "rows": []},
            {"name": "Petunjuk", "rows": [["Isi data pada sheet REKAP LECES"], ["Jangan mengubah judul kolom"]]},
            {"name": "REKAP LECES", "rows": rows + block, "merges": _header_merges(2) + merges},
        ],
    )
    return Case(
        path,
        "an empty first sheet and an instructions sheet before the data sheet",
        kind="pemilih",
        rows=len(data),
        kecamatan=_sum_by_kecamatan(data),
    )


@builder
def rekap_xls_lama(tmp: Path) -> Case:
    import xlwt

    data = _desa_rows(23, [("Pakuniran", d) for d in DESA["Pakuniran"][:6]])
    wb = xlwt.Workbook()
    ws = wb.add_sheet("REKAP DPT")
    ws.write_merge(0, 0, 0, 6, "REKAPITULASI DPT PILKADA 2024")
    ws.write_merge(1, 1, 0, 6, "KECAMATAN PAKUNIRAN")
    for c, name in enumerate(["NO", "KECAMATAN", "DESA/KELURAHAN", "JUMLAH TPS"]):
        ws.write_merge(3, 4, c, c, name)
    ws.write_merge(3, 3, 4, 6, "JUMLAH PEMILIH")
    for c, name in enumerate(["L", "P", "L+P"], 4):
        ws.write(4, c, name)
    for i, (_k, d, tps, l, p) in enumerate(data):
        r = 5 + i
        ws.write(r, 0, i + 1)
        ws.write(r, 2, d)
        ws.write(r, 3, tps)
        ws.write(r, 4, l)
        ws.write(r, 5, id_num(p))  # a count typed as text
        ws.write(r, 6, l + p)
    ws.write_merge(5, 5 + len(data) - 1, 1, 1, "PAKUNIRAN")
    path = tmp / "rekap_pakuniran.xls"
    wb.save(str(path))
    return Case(
        path,
        "legacy .xls (BIFF8) with title, merged header and merged kecamatan cells",
        kind="pemilih",
        rows=len(data),
        kecamatan=_sum_by_kecamatan(data),
    )


# =========================================================================== pemilih: rejections
@builder
def rekap_bukan_bilangan_bulat(tmp: Path) -> Case:
    sheets = []
    for name, picks, seed in (
        ("KRAKSAAN", ["Asembakor", "Bulu"], 24),
        ("PAITON", ["Sumberejo", "Taman", "Plampang"], 25),
    ):
        data = _desa_rows(seed, [(name.title(), d) for d in picks])
        rows = [[], [None, "REKAP DPT KECAMATAN " + name], [], [None, *HEADER_TOP], [None, *HEADER_BOTTOM]]
        block, merges, _ = _recap_block(data, 6, merged_kecamatan=True, col0=1)
        rows += block
        if name == "PAITON":
            rows[7][5] = "35,4"  # Excel row 8 (third desa), column F; L+P is still written
        sheets.append({"name": name, "rows": rows, "merges": _header_merges(4, col0=1) + merges})
    path = _save_openpyxl(tmp / "rekap_dpt.xlsx", sheets)
    return Case(
        path,
        "a count that is not a whole number ('35,4') on the second sheet, data starting at column B",
        errors=[Msg("'35,4' bukan bilangan bulat", sheet="PAITON", row=8, column="F (JUMLAH PEMILIH / L)")],
    )


@builder
def rekap_lp_tidak_cocok(tmp: Path) -> Case:
    rows = [
        ["REKAP DPT"],
        [],
        HEADER_TOP,
        HEADER_BOTTOM,
        [1, "Kraksaan", "Asembakor", 3, 700, 710, 1410],
        [2, None, "Sidopekso", 2, 600, 600, 1210],
        [3, None, "Bulu", 2, 500, 500, 1000],
    ]
    path = _save_openpyxl(
        tmp / "rekap_lp.xlsx", [{"name": "REKAP", "rows": rows, "merges": _header_merges(3) + ["B5:B7"]}]
    )
    return Case(
        path,
        "dpt, dpt_l and dpt_p all given but disagreeing (600 + 600 ≠ 1.210)",
        errors=[Msg(("L + P = 1.200", "1.210"), sheet="REKAP", row=6, column="G (JUMLAH PEMILIH / L+P)")],
    )


@builder
def rekap_angka_negatif(tmp: Path) -> Case:
    rows = [
        ["REKAP DPT"],
        [],
        HEADER_TOP,
        HEADER_BOTTOM,
        [1, "Maron", "Brabe", 3, 700, 710, 1410],
        [2, "Maron", "Suko", 2, "-12", 600, 588],
    ]
    path = _save_openpyxl(tmp / "rekap_negatif.xlsx", [{"name": "REKAP", "rows": rows, "merges": _header_merges(3)}])
    return Case(
        path, "a negative count", errors=[Msg("negatif", sheet="REKAP", row=6, column="E (JUMLAH PEMILIH / L)")]
    )


@builder
def rekap_total_tidak_cocok(tmp: Path) -> Case:
    kraksaan = _desa_rows(26, [("Kraksaan", d) for d in ("Asembagus", "Kebonagung", "Sumberlele")])
    gending = _desa_rows(27, [("Gending", d) for d in ("Pajurangan", "Sumberkerang")])
    rows = [["REKAP DPT"], [], HEADER_TOP, HEADER_BOTTOM]
    merges = _header_merges(3)
    block, m, _ = _recap_block(kraksaan, 5, merged_kecamatan=True)
    rows += block
    merges += m
    t = _sum_by_kecamatan(kraksaan)["Kraksaan"]
    rows.append(["JUMLAH KEC. KRAKSAAN", None, None, t["tps"], t["dpt_l"], t["dpt_p"], t["dpt"] + 100])
    bad_row = len(rows)
    block, m, _ = _recap_block(gending, len(rows) + 1, merged_kecamatan=True, no_start=4)
    rows += block
    merges += m
    path = _save_openpyxl(tmp / "rekap_total_salah.xlsx", [{"name": "REKAP", "rows": rows, "merges": merges}])
    data = kraksaan + gending
    return Case(
        path,
        "a subtotal row that disagrees with its rows: a warning at that row, the rows still committed",
        kind="pemilih",
        rows=len(data),
        kecamatan=_sum_by_kecamatan(data),
        warnings=[
            Msg(
                ("Kecamatan Kraksaan", id_num(t["dpt"] + 100), id_num(t["dpt"])),
                sheet="REKAP",
                row=bad_row,
                column="G (JUMLAH PEMILIH / L+P)",
            )
        ],
    )


@builder
def rekap_html_dan_rumus_di_nama(tmp: Path) -> Case:
    path = tmp / "rekap_html.xlsx"
    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet("REKAP")
    ws.write_row(0, 0, ["NO", "KECAMATAN", "DESA", "TPS", "L", "P", "L+P"])
    body = [
        [1, "<b>Kraksaan</b>", "Asembakor", 2, 500, 500, 1000],
        [2, "Paiton", "<script>alert('x')</script>", 2, 500, 500, 1000],
        [3, "Paiton", "=1+1", 2, 500, 500, 1000],
        [4, "Paiton", "Taman", 2, 500, 500, 1000],
    ]
    for r, row in enumerate(body, 1):
        for c, v in enumerate(row):
            (ws.write_string if isinstance(v, str) else ws.write_number)(r, c, v)
    wb.close()
    return Case(
        path,
        "HTML and a formula-looking text in names: unknown-name errors that quote the text as-is",
        errors=[
            Msg("kecamatan '<b>Kraksaan</b>' tidak dikenal", sheet="REKAP", row=2, column="B (KECAMATAN)"),
            Msg(
                "desa/kelurahan '<script>alert('x')</script>' tidak ada di Kecamatan Paiton",
                sheet="REKAP",
                row=3,
                column="C (DESA)",
            ),
            Msg("desa/kelurahan '=1+1' tidak ada di Kecamatan Paiton", sheet="REKAP", row=4, column="C (DESA)"),
        ],
    )


@builder
def rekap_desa_ganda_antar_sheet(tmp: Path) -> Case:
    data = _desa_rows(28, [("Tiris", d) for d in DESA["Tiris"][:3]])

    def sheet(name):
        rows = [["REKAP DPT TIRIS"], HEADER_TOP, HEADER_BOTTOM]
        block, merges, _ = _recap_block(data, 4, merged_kecamatan=True)
        return {"name": name, "rows": rows + block, "merges": _header_merges(2) + merges}

    path = _save_openpyxl(tmp / "rekap_tiris.xlsx", [sheet("TIRIS"), sheet("TIRIS (2)")])
    return Case(
        path,
        "a sheet copied inside the workbook: every desa twice, refused because it would double-count",
        errors=[
            Msg((f"sudah ada di baris {4 + i} sheet 'TIRIS'", "terhitung dua kali"), sheet="TIRIS (2)", row=4 + i)
            for i in range(3)
        ],
    )


@builder
def rekap_csv_bukan_bilangan_bulat(tmp: Path) -> Case:
    lines = [
        "REKAP DPT KECAMATAN SUKAPURA;;;;",
        ";;;;",
        "KECAMATAN;DESA;TPS;L;P",
        "Sukapura;Ngadisari;3;700;690",
        "Sukapura;Wonotoro;2;35,4;512",
        "Sukapura;Jetak;2;480;470",
    ]
    path = tmp / "rekap_sukapura.csv"
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode("utf-8"))
    return Case(
        path,
        "CSV: a count that is not whole ('35,4'), named by its line as the spreadsheet shows it",
        errors=[Msg("'35,4' bukan bilangan bulat", row=5, column="D (L)")],
    )


# =========================================================================== unreadable files
@builder
def pdf_diberi_nama_xlsx(tmp: Path) -> Case:
    path = tmp / "rekap_dpt.xlsx"
    path.write_bytes(
        b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"
        b"trailer\n<< /Root 1 0 R >>\n%%EOF\n"
    )
    return Case(path, "a PDF renamed to .xlsx", errors=[Msg("PDF")])


@builder
def html_diberi_nama_xls(tmp: Path) -> Case:
    path = tmp / "export_sidalih.xls"
    path.write_bytes(
        b"<html><head><meta charset='utf-8'></head><body><table border='1'>"
        b"<tr><th>KECAMATAN</th><th>DESA</th><th>L</th><th>P</th></tr>"
        b"<tr><td>Kraksaan</td><td>Asembakor</td><td>700</td><td>710</td></tr>"
        b"</table></body></html>"
    )
    return Case(
        path,
        "a web page (HTML table) saved with an .xls name, as web 'export to Excel' buttons do",
        errors=[Msg("bukan berkas Excel")],
    )


@builder
def xlsx_terpotong(tmp: Path) -> Case:
    full = rekap_satu_sheet_per_kecamatan(tmp).path.read_bytes()
    path = tmp / "rekap_unduhan_putus.xlsx"
    path.write_bytes(full[: int(len(full) * 0.6)])
    return Case(path, "a truncated .xlsx (download cut off at 60%)", errors=[Msg("rusak atau terpotong")])


@builder
def workbook_kosong(tmp: Path) -> Case:
    path = _save_openpyxl(tmp / "rekap_kosong.xlsx", [{"name": "Sheet1", "rows": []}, {"name": "Sheet2", "rows": []}])
    return Case(path, "an empty workbook (two empty sheets)", errors=[Msg("tidak berisi data")])


@builder
def judul_kolom_tanpa_data(tmp: Path) -> Case:
    rows = [["REKAP DPT"], ["KECAMATAN DRINGU"], [], HEADER_TOP, HEADER_BOTTOM]
    path = _save_openpyxl(tmp / "rekap_dringu.xlsx", [{"name": "DRINGU", "rows": rows, "merges": _header_merges(4)}])
    return Case(
        path,
        "a sheet with the header but no data rows (an empty template sent back)",
        errors=[Msg("tidak ada baris data", sheet="DRINGU", row=6)],
    )


@builder
def xlsx_berkata_sandi(tmp: Path) -> Case:
    from msoffcrypto.format.ooxml import OOXMLFile

    plain = rekap_judul_header_gabung_kecamatan_gabung(tmp).path
    path = tmp / "rekap_rahasia.xlsx"
    with plain.open("rb") as src, path.open("wb") as out:
        OOXMLFile(src).encrypt("kpu2024", out)
    return Case(path, "a password-protected workbook (Excel 'Encrypt with password')", errors=[Msg("kata sandi")])


# =========================================================================== daftar (per voter)
DPT_HEADER = [
    "NO",
    "DPID",
    "NKK",
    "NIK",
    "NAMA",
    "TEMPAT LAHIR",
    "TANGGAL LAHIR",
    "STS KAWIN",
    "JENIS KELAMIN",
    "ALAMAT",
    "RT",
    "RW",
    "DISABILITAS",
    "KTP-EL",
    "KECAMATAN",
    "DESA/KELURAHAN",
    "TPS",
]
MANGLED_NIK_ROW = 9  # Excel row of the voter whose NIK Excel turned into a number


@builder
def dpt_per_pemilih(tmp: Path) -> Case:
    rnd = random.Random(29)
    voters = []  # (desa, tps, jk)
    for desa, tps, n in (("Sapih", "001", 7), ("Sapih", "002", 5), ("Boto", "001", 6)):
        voters += [(desa, tps, rnd.choice("LP")) for _ in range(n)]
    rows = [
        ["DAFTAR PEMILIH TETAP (DPT)"],
        ["PEMILIHAN BUPATI DAN WAKIL BUPATI PROBOLINGGO TAHUN 2024"],
        ["KECAMATAN : LUMBANG"],
        [],
        DPT_HEADER,
    ]
    for i, (desa, tps, jk) in enumerate(voters, 1):
        born = dt.date(1960, 1, 1) + dt.timedelta(days=rnd.randint(0, 15000))
        day = born.day + (40 if jk == "P" else 0)
        nik = f"351324{day:02d}{born:%m%y}{i:04d}"
        nkk = f"3513240{rnd.randint(100000000, 999999999)}"
        row = [
            i,
            str(9_000_000 + i),
            nkk,
            nik,
            f"PEMILIH {i}",
            "PROBOLINGGO",
            born.strftime("%d-%m-%Y"),
            rnd.choice("BSP"),
            jk,
            "DUSUN KRAJAN",
            "007",
            "002",
            0,
            rnd.choice(["S", "S", "B"]),
            "LUMBANG",
            desa.upper(),
            tps,
        ]
        rows.append(row)
    mangled = rows[MANGLED_NIK_ROW - 1]
    mangled[3] = float(mangled[3][:15] + "0")  # Excel keeps 15 digits: shown as 3,51324E+15
    path = _save_openpyxl(tmp / "dpt_lumbang.xlsx", [{"name": "DPT LUMBANG", "rows": rows}])
    n_l = sum(1 for v in voters if v[2] == "L")
    n_belum_rekam = sum(1 for row in rows[5:] if row[13] == "B")
    return Case(
        path,
        "per-voter list (DPT shape, 17 columns) with NIK/NKK as text, one NIK mangled to a number, "
        "RT '007' as text, title rows",
        kind="daftar",
        rows=len(voters),
        # audit findings are warnings, one per type with its count (readiness/audit.py)
        warnings=[
            Msg(("temuan DPT", "NIK tidak valid: 1 pemilih")),
            Msg(("temuan DPT", f"Belum rekam KTP-el: {n_belum_rekam} pemilih")),
        ],
        kecamatan={"Lumbang": {"dpt": len(voters), "dpt_l": n_l, "dpt_p": len(voters) - n_l, "tps": 3}},
    )


@builder
def dpt_sel_berspasi(tmp: Path) -> Case:
    """Cells typed with spaces around them, blank-looking cells that hold only spaces, and the
    kecamatan written once above its rows: every value means what it says without the spaces."""
    rnd = random.Random(31)
    rows = [["DAFTAR PEMILIH TETAP (DPT)"], [], DPT_HEADER]
    expected = {"Sapih": {}, "Boto": {}}
    jk_spellings = {"L": [" L", "L ", " LAKI-LAKI "], "P": [" P ", "PEREMPUAN  ", "P"]}
    tps_spellings = {"1": [" 001", "1 ", "TPS 1 "], "2": ["002 ", " TPS 02", "2"]}
    i = 0
    for desa, tps_list in (("Sapih", ("1", "2")), ("Boto", ("1",))):
        for tps in tps_list:
            for _ in range(4):
                i += 1
                jk = rnd.choice("LP")
                born = dt.date(1970, 1, 1) + dt.timedelta(days=rnd.randint(0, 12000))
                day = born.day + (40 if jk == "P" else 0)
                nik = f"351324{day:02d}{born:%m%y}{i:04d}"
                row = [
                    i,
                    f" {9_100_000 + i}.0 " if i % 3 == 0 else f"{9_100_000 + i} ",
                    f"3513240{100000000 + i}",
                    nik,
                    f"PEMILIH {i}",
                    "PROBOLINGGO",
                    f"  {born:%d-%m-%Y} ",
                    rnd.choice([" B", "S ", "   "]),
                    rnd.choice(jk_spellings[jk]),
                    "DUSUN KRAJAN",
                    "007",
                    "002",
                    rnd.choice(["  ", " 0", "0"]),
                    rnd.choice([" S", "B ", "    "]),
                    "  LUMBANG " if i == 1 else ("   " if i % 2 else None),
                    f" {desa.upper()}  ",
                    rnd.choice(tps_spellings[tps]),
                ]
                rows.append(row)
                counts = expected[desa].setdefault(tps, {"L": 0, "P": 0})
                counts[jk] += 1
    path = _save_openpyxl(tmp / "dpt_berspasi.xlsx", [{"name": "DPT", "rows": rows}])
    n_l = sum(c["L"] for d in expected.values() for c in d.values())
    n_belum_rekam = sum(1 for row in rows[3:] if row[13].strip() == "B")
    return Case(
        path,
        "per-voter list whose cells carry spaces around the values (' L', 'TPS 1 ', '  12-05-1980 '), "
        "optional cells holding only spaces, and the kecamatan written once",
        kind="daftar",
        rows=i,
        warnings=[Msg(("temuan DPT", f"Belum rekam KTP-el: {n_belum_rekam} pemilih"))],
        kecamatan={"Lumbang": {"dpt": i, "dpt_l": n_l, "dpt_p": i - n_l, "tps": 3}},
        desa={("Lumbang", "Sapih"): {"dpt": 8, "tps": 2}, ("Lumbang", "Boto"): {"dpt": 4, "tps": 1}},
    )


@builder
def dpt_jk_hanya_spasi(tmp: Path) -> Case:
    rows = [["DPT"], DPT_HEADER]
    for i in range(1, 6):
        nik = f"3513241505{80 + i:02d}{i:04d}"
        rows.append(
            [
                i,
                str(9_200_000 + i),
                f"351324{i:010d}",
                nik,
                f"PEMILIH {i}",
                "PROBOLINGGO",
                f"15-05-19{80 + i}",
                "B",
                "L" if i != 4 else "   ",
                "DUSUN",
                "001",
                "001",
                0,
                "S",
                "LUMBANG",
                "SAPIH",
                "1",
            ]
        )
    path = _save_openpyxl(tmp / "dpt_jk_spasi.xlsx", [{"name": "DPT", "rows": rows}])
    return Case(
        path,
        "a JENIS KELAMIN cell that holds only spaces (looks empty on screen)",
        errors=[Msg("jenis kelamin '' harus L atau P", sheet="DPT", row=6, column="I (JENIS KELAMIN)")],
    )


# =========================================================================== tps
TPS_ALAMAT = [
    "=Balai Desa Asembakor",
    "+/- 100 m dari masjid",
    "-",
    "@rumah Kepala Dusun",
    "SDN Sidopekso 1",
    "Pos Kamling RT 02",
    "Halaman Kantor Desa",
]


@builder
def tps_berantakan(tmp: Path) -> Case:
    tps = [
        ("Kraksaan", "Asembakor", "TPS 01", 250, 262),
        ("Kraksaan", "Asembakor", "002", 240, 230),
        ("Kraksaan", "Asembakor", 3, 201, 199),
        ("Kraksaan", "Sidopekso", "TPS 1", 300, 295),
        ("Kraksaan", "Sidopekso", "TPS 2", 280, 281),
        ("Paiton", "Sumberejo", "001", 290, 315),
        ("Paiton", "Sumberejo", "002", 270, 262),
    ]
    path = tmp / "daftar_tps.xlsx"
    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet("DAFTAR TPS")
    ws.write(0, 0, "DAFTAR TEMPAT PEMUNGUTAN SUARA (TPS)")
    ws.write(1, 0, "PILKADA KABUPATEN PROBOLINGGO 2024")
    for c, name in enumerate(["NO", "KECAMATAN", "DESA/KELURAHAN", "TPS"]):
        ws.merge_range(3, c, 4, c, name)
    ws.merge_range(3, 4, 3, 6, "DPT")
    ws.write_row(4, 4, ["L", "P", "L+P"])
    ws.merge_range(3, 7, 4, 7, "ALAMAT TPS")
    first = 6  # Excel row of the first TPS
    for i, ((_k, d, no, l, p), alamat) in enumerate(zip(tps, TPS_ALAMAT)):
        r = first - 1 + i
        ws.write_number(r, 0, i + 1)
        ws.write_string(r, 2, d)
        (ws.write_string if isinstance(no, str) else ws.write_number)(r, 3, no)
        ws.write_number(r, 4, l)
        ws.write_number(r, 5, p)
        ws.write_formula(r, 6, f"=E{r + 1}+F{r + 1}", None, l + p)
        ws.write_string(r, 7, alamat)
    ws.merge_range(first - 1, 1, first + 3, 1, "KRAKSAAN")  # the 5 TPS of Kraksaan
    ws.merge_range(first + 4, 1, first + 5, 1, "PAITON")
    last = first + len(tps)
    ws.write_string(last - 1, 1, "JUMLAH")
    ws.write_number(last - 1, 4, sum(t[3] for t in tps))
    ws.write_number(last - 1, 5, sum(t[4] for t in tps))
    ws.write_number(last - 1, 6, sum(t[3] + t[4] for t in tps))
    wb.close()
    over = next(i for i, t in enumerate(tps) if t[3] + t[4] > 600)
    return Case(
        path,
        "TPS list: 'TPS 01' / '001' / 3 as TPS numbers, merged kecamatan, 2-row header "
        "(DPT over L|P|L+P), addresses starting with '=', '+', '-', '@', one TPS over 600 (warning)",
        kind="tps",
        rows=len(tps),
        kecamatan=_sum_by_kecamatan([(k, d, 1, l, p) for k, d, _, l, p in tps]),
        desa={
            ("Kraksaan", "Asembakor"): {"dpt": 1382, "tps": 3},
            ("Kraksaan", "Sidopekso"): {"dpt": 1156, "tps": 2},
            ("Paiton", "Sumberejo"): {"dpt": 1137, "tps": 2},
        },
        warnings=[
            Msg(("605 pemilih", "melebihi kapasitas 600"), sheet="DAFTAR TPS", row=first + over, column="G (DPT / L+P)")
        ],
    )


@builder
def tps_desa_digabung(tmp: Path) -> Case:
    tps = [
        ("Gading", "Condong", 1, 250, 240),
        ("Gading", "Condong", 2, 230, 233),
        ("Gading", "Condong", 3, 200, 198),
        ("Gading", "Renteng", 1, 260, 270),
        ("Gading", "Renteng", 2, 255, 249),
    ]
    rows = [["DAFTAR TPS KECAMATAN GADING"], [], ["NO", "KECAMATAN", "DESA", "NO TPS", "L", "P", "JUMLAH"]]
    for i, (k, d, no, l, p) in enumerate(tps, 1):
        first_of_desa = i == 1 or tps[i - 2][1] != d
        rows.append([i, k.upper() if i == 1 else None, d.upper() if first_of_desa else None, no, l, p, l + p])
    path = _save_openpyxl(
        tmp / "tps_gading.xlsx", [{"name": "TPS GADING", "rows": rows, "merges": ["B4:B8", "C4:C6", "C7:C8"]}]
    )
    assert {"Condong", "Renteng"} <= set(DESA["Gading"])
    return Case(
        path,
        "TPS list with the desa cell merged over its TPS rows (only the first row has the name)",
        kind="tps",
        rows=len(tps),
        kecamatan={"Gading": {"dpt": sum(l + p for *_, l, p in tps), "tps": 5}},
        desa={("Gading", "Condong"): {"tps": 3, "dpt": 1351}, ("Gading", "Renteng"): {"tps": 2, "dpt": 1034}},
    )


# =========================================================================== ktpel
@builder
def ktpel_berantakan(tmp: Path) -> Case:
    data = [
        ("KEC. KRAKSAAN", "Kraksaan", 10000, 9785, "97,85%"),
        ("KECAMATAN TIRIS", "Tiris", 45210, 42543, "94,10%"),
        ("BANYU ANYAR", "Banyuanyar", 25000, 24500, "98,00%"),
    ]
    rows = [
        ["DATA PEREKAMAN KTP-EL KABUPATEN PROBOLINGGO"],
        ["KEADAAN PER 20 NOVEMBER 2024"],
        [],
        ["NO", "KECAMATAN", "WAJIB KTP-EL", "PEREKAMAN", None, None],
        [None, None, None, "SUDAH REKAM", "BELUM REKAM", "%"],
    ]
    for i, (written, _, w, s, pct) in enumerate(data, 1):
        rows.append([i, written, id_num(w), id_num(s), id_num(w - s), pct])
    rows.append(
        [
            "JUMLAH",
            None,
            id_num(sum(d[2] for d in data)),
            id_num(sum(d[3] for d in data)),
            id_num(sum(d[2] - d[3] for d in data)),
            None,
        ]
    )
    path = _save_openpyxl(
        tmp / "ktpel_kabupaten.xlsx",
        [{"name": "PEREKAMAN KTP-EL", "rows": rows, "merges": ["D4:F4", "A4:A5", "B4:B5", "C4:C5", "A1:F1"]}],
    )
    return Case(
        path,
        "KTP-el recap: date in the title row, 2-row header (PEREKAMAN over SUDAH|BELUM|%), "
        "percent as text '97,85%', counts as Indonesian text, prefixed names",
        kind="ktpel",
        rows=3,
        tanggal_data=dt.date(2024, 11, 20),
        kecamatan={
            k: {"ktpel_wajib": w, "ktpel_rekam": s, "ktpel_persen": round(100 * s / w, 2)} for _, k, w, s, _ in data
        },
    )


@builder
def ktpel_rekam_lebih_dari_wajib(tmp: Path) -> Case:
    rows = [
        ["PEREKAMAN KTP-EL PER 20-11-2024"],
        [],
        ["KECAMATAN", "WAJIB KTP-EL", "SUDAH REKAM", "BELUM REKAM"],
        ["Krucil", "30.120", "28.131", "1.989"],
        ["Gading", "41.000", "41.250", "0"],
    ]
    path = _save_openpyxl(tmp / "ktpel.xlsx", [{"name": "KTP-EL", "rows": rows}])
    return Case(
        path,
        "sudah_rekam > wajib_ktpel",
        errors=[Msg("lebih besar dari wajib", sheet="KTP-EL", row=5, column="C (SUDAH REKAM)")],
    )


@builder
def ktpel_per_desa_persen_pecahan(tmp: Path) -> Case:
    data = [
        ("Sukapura", "Ngadisari", 1200, 1180),
        ("Sukapura", "Wonotoro", 900, 871),
        ("Sukapura", "Jetak", 1500, 1470),
        ("Sumber", "Sumber", 2100, 2010),
        ("Sumber", "Remba'an", 1300, 1299),
    ]
    path = tmp / "ktpel_desa.xlsx"
    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet("REKAM PER DESA")
    pct = wb.add_format({"num_format": "0.00%"})
    ws.write(0, 0, "PEREKAMAN KTP-EL PER DESA")
    ws.write(1, 0, "s.d. 15-11-2024")
    ws.write_row(3, 0, ["KECAMATAN", "DESA", "WAJIB KTP-EL", "SUDAH REKAM", "BELUM REKAM", "PERSENTASE"])
    prev = None
    for i, (k, d, w, s) in enumerate(data):
        r = 4 + i
        if k != prev:
            ws.write_string(r, 0, k.upper())
        ws.write_string(r, 1, d)
        ws.write_number(r, 2, w)
        ws.write_number(r, 3, s)
        ws.write_formula(r, 4, f"=C{r + 1}-D{r + 1}", None, w - s)
        ws.write_formula(r, 5, f"=D{r + 1}/C{r + 1}", pct, s / w)  # shown 98,33%
        prev = k
    wb.close()
    tot = {}
    for k, _, w, s in data:
        t = tot.setdefault(k, {"ktpel_wajib": 0, "ktpel_rekam": 0})
        t["ktpel_wajib"] += w
        t["ktpel_rekam"] += s
    for t in tot.values():
        t["ktpel_persen"] = round(100 * t["ktpel_rekam"] / t["ktpel_wajib"], 2)
    return Case(
        path,
        "KTP-el per desa: kecamatan written once, percent as a formula giving a fraction in a "
        "percent-formatted cell (0,9833 shown 98,33%) that agrees with the counts (no warning); "
        "date 's.d. 15-11-2024' in the title",
        kind="ktpel",
        rows=len(data),
        kecamatan=tot,
        tanggal_data=dt.date(2024, 11, 15),
    )


@builder
def rekap_judul_menempel_di_atas_header(tmp: Path) -> Case:
    rows = [
        ["REKAP DPT KECAMATAN SUKAPURA"],
        ["KECAMATAN", "DESA", "TPS", "L", "P", "L+P"],
        ["Sukapura", "Ngadas", 2, 480, 470, 950],
        ["Sukapura", "Jetak", 3, 700, "1.234,5", 1934],
    ]
    path = _save_openpyxl(tmp / "rekap_sukapura.xlsx", [{"name": "SUKAPURA", "rows": rows}])
    return Case(
        path,
        "a title row directly above a one-row header (no blank row between): the column is "
        "named by its own header, not glued to the title",
        errors=[Msg("'1.234,5' bukan bilangan bulat", sheet="SUKAPURA", row=4, column="E (P)")],
    )


# =========================================================================== target
@builder
def target_bentuk_persen(tmp: Path) -> Case:
    path = tmp / "target_partisipasi.xlsx"
    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet("TARGET")
    pct = wb.add_format({"num_format": "0.00%"})
    ws.write(0, 0, "TARGET PARTISIPASI PEMILIH PILKADA 2024")
    ws.write_row(2, 0, ["NO", "KECAMATAN", "PARTISIPASI PILKADA 2018 (%)", "TARGET PARTISIPASI 2024 (%)"])
    body = [
        ("Lumbang", 0.572, "97,85%"),
        ("Kuripan", 0.589, "97,85"),
        ("Leces", 0.614, "97.85"),
        ("Krucil", 0.7198, 97.85),
        ("KABUPATEN PROBOLINGGO", 0.73, "83"),
    ]
    for i, (k, before, target) in enumerate(body):
        r = 3 + i
        ws.write_number(r, 0, i + 1)
        ws.write_string(r, 1, k)
        ws.write_number(r, 2, before, pct)  # 0.572 shown as 57.20%
        (ws.write_string if isinstance(target, str) else ws.write_number)(r, 3, target)
    wb.close()
    return Case(
        path,
        "percents as '97,85%', '97,85', '97.85' (text), 97.85 (number), and as fractions with a "
        "percent number format (0.572 shown 57,20%); a kabupaten row with target '83'",
        kind="target",
        rows=5,
        kecamatan={
            "Lumbang": {"target_partisipasi": 97.85, "partisipasi_sebelumnya": 57.2},
            "Kuripan": {"target_partisipasi": 97.85, "partisipasi_sebelumnya": 58.9},
            "Leces": {"target_partisipasi": 97.85, "partisipasi_sebelumnya": 61.4},
            "Krucil": {"target_partisipasi": 97.85, "partisipasi_sebelumnya": 71.98},
        },
        kabupaten={"target_partisipasi": 83.0},
    )


@builder
def target_pecahan_dan_angka_satu_kolom(tmp: Path) -> Case:
    path = tmp / "target_isian_tangan.xlsx"
    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet("TARGET 2024")
    pct = wb.add_format({"num_format": "0.00%"})
    ws.write_row(0, 0, ["KECAMATAN", "TARGET PARTISIPASI"])
    ws.write_string(1, 0, "Tongas")
    ws.write_number(1, 1, 0.9785, pct)  # typed as 97,85% in a percent-formatted cell
    ws.write_string(2, 0, "Dringu")
    ws.write_number(2, 1, 85)  # typed as a plain number: 85%
    wb.close()
    return Case(
        path,
        "one target column mixing a percent-formatted fraction (0.9785 shown 97,85%) and a plain 85",
        kind="target",
        rows=2,
        kecamatan={"Tongas": {"target_partisipasi": 97.85}, "Dringu": {"target_partisipasi": 85.0}},
    )


@builder
def target_lebih_dari_100(tmp: Path) -> Case:
    rows = [["KECAMATAN", "TARGET PARTISIPASI (%)"], ["Sukapura", "85"], ["Sumber", "102,5"]]
    path = _save_openpyxl(tmp / "target.xlsx", [{"name": "TARGET", "rows": rows}])
    return Case(
        path,
        "a percent above 100",
        errors=[Msg("di luar 0–100%", sheet="TARGET", row=3, column="B (TARGET PARTISIPASI (%))")],
    )


# =========================================================================== signature blocks and notes
# Recaps from KPU, Dispendukcapil and camat offices end with a signature block (place and date, the
# signer's office, empty rows for the signature, name, NIP) and notes; none of it is data, every
# row of the table above it is (readiness/ingest/table_end.py).
FOOTER = "di bawah tabel diabaikan: tanda tangan/keterangan"
TTD_KPU = [
    "Probolinggo, 20 Agustus 2024",
    "KETUA KPU KABUPATEN PROBOLINGGO",
    None,
    None,
    None,
    "Drs. H. SUGENG PRAYITNO, M.Si",
    "NIP. 19700101 199503 1 001",
]


def _placed(width: int, *blocks: tuple[int, list]) -> list[list]:
    """Rows of text side by side: each block is (column index, lines); None is an empty line."""
    out = []
    for k in range(max(len(lines) for _, lines in blocks)):
        row = [None] * width
        for col, lines in blocks:
            if k < len(lines):
                row[col] = lines[k]
        out.append(row)
    return out


def _total_row(data, label_col: int = 1, width: int = 7) -> list:
    t = _sum_by_kecamatan(data)
    row = [None] * width
    row[label_col] = "JUMLAH"
    row[3:7] = [sum(v[k] for v in t.values()) for k in ("tps", "dpt_l", "dpt_p", "dpt")]
    return row


@builder
def ttd_kpu_di_bawah_jumlah(tmp: Path) -> Case:
    data = _desa_rows(
        40,
        [("Kraksaan", d) for d in ("Asembakor", "Sidopekso", "Patokan")]
        + [("Paiton", d) for d in ("Sumberejo", "Randumerak", "Karanganyar")],
    )
    rows = [r[:] for r in TITLE] + [HEADER_TOP, HEADER_BOTTOM]  # header rows 5-6
    block, merges, _ = _recap_block(data, 7, merged_kecamatan=True)  # rows 7-12
    rows += block + [_total_row(data), []]  # JUMLAH at 13, blank 14
    rows += _placed(7, (4, TTD_KPU))  # rows 15-21, written across E:G (count columns)
    merges += [f"E{r}:G{r}" for r in (15, 16, 20, 21)]
    path = _save_openpyxl(
        tmp / "rekap_dpt_kpu_ttd.xlsx", [{"name": "REKAP DPT", "rows": rows, "merges": _header_merges(5) + merges}]
    )
    return Case(
        path,
        "KPU recap: JUMLAH row, then the signature block under it written across the count "
        "columns (place and date, KETUA KPU …, signature gap, name, NIP)",
        kind="pemilih",
        rows=len(data),
        kecamatan=_sum_by_kecamatan(data),
        desa=_per_desa(data),
        footer=f"baris 15–21 {FOOTER}",
    )


@builder
def ttd_di_kolom_nama_tanpa_jumlah(tmp: Path) -> Case:
    data = _desa_rows(41, [("Gending", d) for d in ("Klaseman", "Pesisir", "Curahsawo", "Gending")])
    rows = [["REKAP DPT KECAMATAN GENDING"], [], HEADER_TOP, HEADER_BOTTOM]  # header rows 3-4
    block, merges, _ = _recap_block(data, 5, merged_kecamatan=True)  # rows 5-8, no totals row
    rows += block + [[]]
    rows += _placed(
        7,
        (
            1,
            [
                "Kraksaan, 05-09-2024",
                "a.n. KETUA KPU KABUPATEN PROBOLINGGO",
                "Sekretaris",
                None,
                None,
                "MOH. ARIFIN, S.Sos",
                "NIP. 19751212 200003 1 002",
            ],
        ),
    )  # rows 10-16
    path = _save_openpyxl(
        tmp / "rekap_gending_ttd.xlsx", [{"name": "GENDING", "rows": rows, "merges": _header_merges(3) + merges}]
    )
    return Case(
        path,
        "no totals row; the signature in the KECAMATAN column, its place-and-date line "
        "'Kraksaan, 05-09-2024' naming a kecamatan and holding digits, 'a.n.' signer",
        kind="pemilih",
        rows=len(data),
        kecamatan=_sum_by_kecamatan(data),
        desa=_per_desa(data),
        footer=f"baris 10–16 {FOOTER}",
    )


@builder
def ttd_dua_penanda_tangan_tps(tmp: Path) -> Case:
    tps = [
        ("Kraksaan", "Asembakor", 1, 250, 262),
        ("Kraksaan", "Asembakor", 2, 240, 230),
        ("Kraksaan", "Asembakor", 3, 201, 199),
        ("Kraksaan", "Sidopekso", 1, 300, 295),
        ("Kraksaan", "Sidopekso", 2, 280, 281),
    ]
    rows = [
        ["DAFTAR TPS KECAMATAN KRAKSAAN"],
        [],
        ["NO", "KECAMATAN", "DESA/KELURAHAN", "NO TPS", "L", "P", "JUMLAH", "ALAMAT TPS"],
    ]  # header row 3
    for i, (k, d, no, l, p) in enumerate(tps, 1):  # rows 4-8
        rows.append([i, k.upper(), d.upper(), f"{no:03d}", l, p, l + p, f"Balai Dusun {i}"])
    rows += [[], []]
    rows += _placed(
        8,
        (1, ["Mengetahui,", "CAMAT KRAKSAAN", None, None, None, "H. ABDUL WAHID, S.H.", "NIP. 19680304 199003 1 007"]),
        (4, ["Kraksaan, 05-09-2024", "KETUA PPK KRAKSAAN", None, None, None, "SITI AMINAH"]),
    )  # 11-17
    path = _save_openpyxl(tmp / "tps_kraksaan_ttd.xlsx", [{"name": "TPS", "rows": rows}])
    return Case(
        path,
        "TPS list closed by two signers side by side: 'Mengetahui, Camat' on the left in the "
        "name column, the PPK with place and date on the right in the count columns",
        kind="tps",
        rows=len(tps),
        kecamatan={"Kraksaan": {"dpt": sum(l + p for *_, l, p in tps), "tps": 5}},
        desa={("Kraksaan", "Asembakor"): {"tps": 3, "dpt": 1382}, ("Kraksaan", "Sidopekso"): {"tps": 2, "dpt": 1156}},
        footer=f"baris 11–17 {FOOTER}",
    )


@builder
def ttd_keterangan_sebelum_dan_sesudah_ktpel(tmp: Path) -> Case:
    data = [("Kraksaan", 10000, 9785), ("Tiris", 45210, 42543), ("Sumber", 19876, 19001), ("Pajarakan", 17350, 17102)]
    rows = [
        ["DATA PEREKAMAN KTP-EL KABUPATEN PROBOLINGGO"],
        ["KEADAAN PER 20 AGUSTUS 2024"],
        [],
        ["NO", "KECAMATAN", "WAJIB KTP-EL", "SUDAH REKAM", "BELUM REKAM", "%"],
    ]  # header row 4
    for i, (k, w, s) in enumerate(data, 1):  # rows 5-8
        rows.append([i, k.upper(), id_num(w), id_num(s), id_num(w - s), f"{100 * s / w:.2f}%".replace(".", ",")])
    rows.append(
        [
            None,
            "JUMLAH",
            id_num(sum(d[1] for d in data)),
            id_num(sum(d[2] for d in data)),
            id_num(sum(d[1] - d[2] for d in data)),
            None,
        ]
    )  # row 9
    rows += [[]]
    rows += [
        [None, "Keterangan:"],  # row 11
        [None, "*)", "data sementara, belum termasuk perekaman di luar daerah"],
        [None, "Sumber:", "Data SIAK Dispendukcapil Kabupaten Probolinggo"],
        [],
    ]
    rows += _placed(
        6,
        (
            3,
            [
                "Probolinggo, 20 Agustus 2024",
                "Plt. KEPALA DINAS KEPENDUDUKAN",
                "DAN PENCATATAN SIPIL",
                None,
                None,
                "Dr. Ir. BAMBANG SUSILO, M.M.",
                "Pembina Utama Muda",
                "19690815 199403 1 004",
            ],
        ),
    )  # rows 15-22: the NIP without its 'NIP.'

    rows += [[], [None, "Sumber: Data KPU"], [None, None, None, "*) data sementara"]]  # rows 24-25
    path = _save_openpyxl(tmp / "ktpel_dispenduk_ttd.xlsx", [{"name": "KTP-EL", "rows": rows}])
    return Case(
        path,
        "KTP-el recap with notes before the signature ('Keterangan:', '*) …', 'Sumber:' alone "
        "in the name column over the source) and after it ('Sumber: Data KPU', '*) data sementara' "
        "in a count column); 'Plt.' signer, rank line, a NIP written without 'NIP.' in a count column",
        kind="ktpel",
        rows=len(data),
        tanggal_data=dt.date(2024, 8, 20),
        kecamatan={k: {"ktpel_wajib": w, "ktpel_rekam": s, "ktpel_persen": round(100 * s / w, 2)} for k, w, s in data},
        footer=f"baris 11–25 {FOOTER}",
    )


@builder
def ttd_setelah_jeda_panjang_target(tmp: Path) -> Case:
    rows = [
        ["TARGET PARTISIPASI PEMILIH PILKADA 2024"],
        [],
        ["NO", "KECAMATAN", "PARTISIPASI PILKADA 2018 (%)", "TARGET PARTISIPASI 2024 (%)"],  # row 3
        [1, "Lumbang", "57,20", "78"],
        [2, "Kuripan", "58,90", "79,5"],
        [3, "Sumber", "61,40", "80"],
        [4, "KABUPATEN PROBOLINGGO", "67,31", "82"],
    ]  # rows 4-7
    rows += [[] for _ in range(15)]  # rows 8-22
    rows += _placed(
        4,
        (
            1,
            [
                "Probolinggo, 20 Agustus 2024",
                "KEPALA BADAN KESATUAN BANGSA DAN POLITIK",
                None,
                None,
                None,
                "Drs. HERI SANTOSO",
                "NIP. 19720505 199803 1 006",
            ],
        ),
    )  # rows 23-29
    path = _save_openpyxl(tmp / "target_bakesbangpol.xlsx", [{"name": "TARGET", "rows": rows}])
    return Case(
        path,
        "target file whose signature block comes after 15 empty rows",
        kind="target",
        rows=4,
        kecamatan={
            "Lumbang": {"target_partisipasi": 78.0, "partisipasi_sebelumnya": 57.2},
            "Kuripan": {"target_partisipasi": 79.5, "partisipasi_sebelumnya": 58.9},
            "Sumber": {"target_partisipasi": 80.0, "partisipasi_sebelumnya": 61.4},
        },
        kabupaten={"target_partisipasi": 82.0},
        footer=f"baris 23–29 {FOOTER}",
    )


@builder
def ttd_data_mirip_catatan(tmp: Path) -> Case:
    data = _desa_rows(42, [("Sumber", "Sumber"), ("Sumber", "Remba'an"), ("Pajarakan", "Ketompen")])
    rows = [["REKAP DPT"], [], ["NO", "KECAMATAN", "DESA", "TPS", "L", "P", "L+P"]]  # header row 3
    for i, (k, d, tps, l, p) in enumerate(data, 1):  # rows 4-6: the last one is desa Ketompen
        rows.append([i, k, d, tps, l, p, l + p])
    rows += [
        [None, "Sumber:", "Data KPU Kabupaten Probolinggo"],  # row 7
        [None, "Ket: *) DPT hasil rapat pleno 20 Agustus 2024"],
        [None, None, "KETUA PPK SUMBER"],
    ]  # rows 8-9
    path = _save_openpyxl(tmp / "rekap_sumber.xlsx", [{"name": "REKAP", "rows": rows}])
    return Case(
        path,
        "data rows that read like notes (Kecamatan Sumber, desa Sumber, desa Ketompen as the last "
        "row) are read; the notes under them ('Sumber:' over the source, 'Ket: …') are not",
        kind="pemilih",
        rows=len(data),
        kecamatan=_sum_by_kecamatan(data),
        desa=_per_desa(data),
        footer=f"baris 7–9 {FOOTER}",
    )


@builder
def ttd_baris_data_terakhir_tanpa_angka(tmp: Path) -> Case:
    data = _desa_rows(43, [("Sumber", "Sumber"), ("Sumber", "Sumberanom")])
    rows = [["REKAP DPT"], [], ["NO", "KECAMATAN", "DESA", "TPS", "L", "P", "L+P"]]  # header row 3
    for i, (k, d, tps, l, p) in enumerate(data, 1):  # rows 4-5
        rows.append([i, k, d, tps, l, p, l + p])
    rows.append([3, "Pajarakan", "Ketompen", None, None, None, None])  # row 6: a real desa, its counts missing
    rows += [[]] + _placed(7, (4, TTD_KPU))  # rows 8-14
    path = _save_openpyxl(tmp / "rekap_ketompen.xlsx", [{"name": "REKAP", "rows": rows}])
    return Case(
        path,
        "the last data row names a real desa (Ketompen) but its counts are empty: it is read, "
        "so the file is refused at that row; the signature under it is not",
        errors=[Msg("jumlah pemilih (DPT) kosong", sheet="REKAP", row=6, column="G (L+P)")],
        footer=f"baris 8–14 {FOOTER}",
    )


@builder
def ttd_teks_di_dalam_tabel(tmp: Path) -> Case:
    data = _desa_rows(44, [("Paiton", d) for d in ("Sumberejo", "Randumerak", "Karanganyar", "Plampang")])
    rows = [["REKAP DPT"], [], HEADER_TOP, HEADER_BOTTOM]  # header rows 3-4
    block, merges, _ = _recap_block(data, 5, merged_kecamatan=True)  # rows 5-8
    block[1][4] = "KETUA"  # row 6, column E: text in a count column inside the table
    block[3][4] = "1.2OO"  # row 8, the last data row: a letter O typed for a zero
    rows += block + [_total_row(data), []] + _placed(7, (4, TTD_KPU))  # JUMLAH 9, signature 11-17
    path = _save_openpyxl(
        tmp / "rekap_paiton_salah_ketik.xlsx", [{"name": "REKAP", "rows": rows, "merges": _header_merges(3) + merges}]
    )
    return Case(
        path,
        "text in a count column INSIDE the table (above its end) is still refused with its row "
        "and column, the signature block under the table is not",
        errors=[
            Msg(
                "'KETUA' berupa teks di kolom angka; isi jumlahnya dengan angka",
                sheet="REKAP",
                row=6,
                column="E (JUMLAH PEMILIH / L)",
            ),
            Msg("'1.2OO' bukan bilangan bulat", sheet="REKAP", row=8, column="E (JUMLAH PEMILIH / L)"),
        ],
        footer=f"baris 11–17 {FOOTER}",
    )


@builder
def ttd_tiap_sheet_kecamatan(tmp: Path) -> Case:
    groups = {
        "KRAKSAAN": _desa_rows(45, [("Kraksaan", d) for d in ("Asembakor", "Sidopekso", "Bulu")]),
        "PAITON": _desa_rows(46, [("Paiton", d) for d in ("Sumberejo", "Paiton")]),
    }
    sheets = []
    for name, data in groups.items():
        rows = [["REKAPITULASI DPT PILKADA 2024"], [f"KECAMATAN {name}"], [], HEADER_TOP, HEADER_BOTTOM]
        block, merges, _ = _recap_block(data, 6, merged_kecamatan=True)
        t = _sum_by_kecamatan(data)[data[0][0]]
        rows += block + [[f"JUMLAH KEC. {name}", None, None, t["tps"], t["dpt_l"], t["dpt_p"], t["dpt"]], []]
        rows += _placed(
            7, (1, ["Mengetahui,", f"CAMAT {name}"]), (4, [f"{name.title()}, 20 Agustus 2024", "KETUA PPK"])
        )
        sheets.append({"name": name, "rows": rows, "merges": _header_merges(4) + merges})
    path = _save_openpyxl(tmp / "rekap_per_kecamatan_ttd.xlsx", sheets)
    data = [r for g in groups.values() for r in g]
    return Case(
        path,
        "one sheet per kecamatan, each closed by 'JUMLAH KEC. X' and its own signatures",
        kind="pemilih",
        rows=len(data),
        kecamatan=_sum_by_kecamatan(data),
        footer=f"sheet 'KRAKSAAN' baris 11–12, sheet 'PAITON' baris 10–11 {FOOTER}",
    )


@builder
def ttd_csv_titik_koma_bom(tmp: Path) -> Case:
    data = _desa_rows(47, [("Maron", d) for d in ("Brabe", "Gerongan", "Wonorejo")] + [("Wonomerto", "Patalan")])
    lines = ["\ufeffREKAPITULASI DPT PILKADA 2024;;;;;;", ";;;;;;", "NO;KECAMATAN;DESA/KELURAHAN;JUMLAH TPS;L;P;L+P"]
    for i, (k, d, tps, l, p) in enumerate(data, 1):  # lines 4-7
        lines.append(f"{i};{k.upper()};{d.upper()};{tps};{id_num(l)};{id_num(p)};{id_num(l + p)}")
    t = _sum_by_kecamatan(data)
    lines.append(
        ";JUMLAH;;{};{};{};{}".format(
            *(id_num(sum(v[c] for v in t.values())) for c in ("tps", "dpt_l", "dpt_p", "dpt"))
        )
    )  # line 8
    lines += [
        ";;;;;;",
        ";Mengetahui,;;;Probolinggo, 20 Agustus 2024;;",  # line 10
        ";CAMAT MARON;;;KETUA PPK MARON;;",
        ";;;;;;",
        ";;;;;;",
        ";SUTRISNO, S.Sos;;;NURHAYATI;;",
        ";NIP. 19710303 199603 1 005;;;;;",  # line 15
        ";;;;;;",
        ";Keterangan: *) data sementara;;;;;",
    ]  # line 17
    path = tmp / "rekap_maron_ttd.csv"
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode("utf-8"))
    return Case(
        path,
        "CSV with ';' and a BOM: JUMLAH line, two signers side by side, NIP, a note",
        kind="pemilih",
        rows=len(data),
        kecamatan=t,
        desa=_per_desa(data),
        footer=f"baris 10–17 {FOOTER}",
    )


@builder
def ttd_csv_tps_tanpa_jumlah(tmp: Path) -> Case:
    tps = [("Sumber", "Sumber", 1, 230, 241), ("Sumber", "Sumber", 2, 250, 239), ("Sumber", "Remba'an", 1, 198, 205)]
    lines = ["\ufeffDAFTAR TPS KECAMATAN SUMBER;;;;;;", "NO;KECAMATAN;DESA;NO TPS;L;P;JUMLAH"]
    for i, (k, d, no, l, p) in enumerate(tps, 1):  # lines 3-5
        lines.append(f"{i};{k};{d};{no};{l};{p};{l + p}")
    lines += [
        ";;;;;;",
        ";;;;Kraksaan, 05-09-2024;;",
        ";;;;KETUA PPS DESA SUMBER;;",  # lines 7-8
        ";;;;;;",
        ";;;;;;",
        ";;;;;;",
        ";;;;MUHAMMAD SHOLEH;;",
        ";;;;NIP. 19800202 201001 1 003;;",  # line 13
        ";Sumber: Data Pantarlih;;;;;",
    ]  # line 14
    path = tmp / "tps_sumber_ttd.csv"
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode("utf-8"))
    return Case(
        path,
        "CSV TPS list of Kecamatan Sumber without a totals row; place and date with digits, the "
        "PPS office and a NIP in the count columns, 'Sumber: …' note in the name column",
        kind="tps",
        rows=len(tps),
        kecamatan={"Sumber": {"dpt": sum(l + p for *_, l, p in tps), "tps": 3}},
        desa={("Sumber", "Sumber"): {"tps": 2, "dpt": 960}, ("Sumber", "Remba'an"): {"tps": 1, "dpt": 403}},
        footer=f"baris 7–14 {FOOTER}",
    )


@builder
def ttd_csv_teks_di_dalam_tabel(tmp: Path) -> Case:
    lines = [
        "\ufeffREKAP DPT KECAMATAN SUKAPURA;;;;",
        "KECAMATAN;DESA;TPS;L;P",
        "Sukapura;Ngadisari;3;700;690",
        "Sukapura;Wonotoro;2;KETUA KPPS;512",
        "Sukapura;Jetak;2;480;470",
        ";;;;",
        ";;;Probolinggo, 20 Agustus 2024;",
        ";;;KETUA PPK SUKAPURA;",
        ";;;NIP. 19700101 199503 1 001;",
    ]
    path = tmp / "rekap_sukapura_ttd.csv"
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode("utf-8"))
    return Case(
        path,
        "CSV: a signer's office typed inside the table is still refused with its line and column",
        errors=[Msg("'KETUA KPPS' berupa teks di kolom angka", row=4, column="D (L)")],
        footer=f"baris 7–9 {FOOTER}",
    )


@builder
def ttd_dpt_per_pemilih(tmp: Path) -> Case:
    rnd = random.Random(48)
    voters = [("Sapih", "001", rnd.choice("LP")) for _ in range(6)] + [
        ("Boto", "001", rnd.choice("LP")) for _ in range(5)
    ]
    rows = [["DAFTAR PEMILIH TETAP (DPT)"], ["KECAMATAN : LUMBANG"], [], DPT_HEADER]  # header row 4
    for i, (desa, tps, jk) in enumerate(voters, 1):  # rows 5-15
        born = dt.date(1960, 1, 1) + dt.timedelta(days=rnd.randint(0, 15000))
        nik = f"351324{born.day + (40 if jk == 'P' else 0):02d}{born:%m%y}{i:04d}"
        rows.append(
            [
                i,
                str(9_300_000 + i),
                f"3513240{rnd.randint(100000000, 999999999)}",
                nik,
                f"PEMILIH {i}",
                "PROBOLINGGO",
                born.strftime("%d-%m-%Y"),
                "S",
                jk,
                "DUSUN KRAJAN",
                "001",
                "002",
                0,
                "S",
                "LUMBANG",
                desa.upper(),
                tps,
            ]
        )
    rows += [[]] + _placed(
        17,
        (7, ["Keterangan: STS = status kawin (B/S/P)"]),
        (14, ["Lumbang,", "KETUA PPS DESA BOTO", None, None, None, "ABDUL ROZAK", "NIP. 19820707 200901 1 002"]),
        (15, [dt.date(2024, 8, 20)]),
    )  # rows 17-23; the date in a cell of its own
    path = _save_openpyxl(tmp / "dpt_lumbang_ttd.xlsx", [{"name": "DPT", "rows": rows}])
    n_l = sum(1 for v in voters if v[2] == "L")
    return Case(
        path,
        "per-voter list closed by a note and the PPS signature written in the KECAMATAN column, "
        "its place 'Lumbang,' (a kecamatan) beside a date cell: no voter lost, none invented",
        kind="daftar",
        rows=len(voters),
        kecamatan={"Lumbang": {"dpt": len(voters), "dpt_l": n_l, "dpt_p": len(voters) - n_l, "tps": 2}},
        desa={("Lumbang", "Sapih"): {"dpt": 6, "tps": 1}, ("Lumbang", "Boto"): {"dpt": 5, "tps": 1}},
        footer=f"baris 17–23 {FOOTER}",
    )


@builder
def ttd_masalah_camat(tmp: Path) -> Case:
    rows = [
        ["INVENTARISASI PERMASALAHAN PILKADA 2024"],
        ["KECAMATAN SUMBER"],
        [],
        [
            "NO",
            "KECAMATAN",
            "DESA/KELURAHAN",
            "TPS",
            "KATEGORI",
            "URAIAN MASALAH",
            "PELAPOR",
            "TANGGAL",
            "TINGKAT",
            "STATUS",
            "TINDAK LANJUT",
        ],  # header row 4
        [
            1,
            "Sumber",
            "Cepoko",
            3,
            "Logistik",
            "Kotak suara TPS 3 belum tiba",
            "PPS Cepoko",
            "18-11-2024",
            "Sedang",
            "Baru",
            None,
        ],
        [
            2,
            "Sumber",
            "Sumber",
            None,
            "Sarana TPS",
            "Keterangan saksi: TPS tergenang hujan",
            "PPK Sumber",
            "19-11-2024",
            "Tinggi",
            "Ditangani",
            "Dipindah ke balai desa",
        ],
    ]  # rows 5-6
    rows += [[], [None, "Keterangan:"], [None, "Tingkat: rendah / sedang / tinggi"], []]  # rows 8-9
    rows += _placed(
        11,
        (1, ["Mengetahui,", "CAMAT SUMBER", None, None, "Drs. SLAMET RIYADI", "NIP. 19660606 198703 1 010"]),
        (7, ["Sumber, 20 November 2024", "KASI TRANTIB", None, None, "YUDI HARTONO"]),
    )  # rows 11-16
    path = _save_openpyxl(tmp / "masalah_sumber_ttd.xlsx", [{"name": "MASALAH", "rows": rows}])
    return Case(
        path,
        "camat's problem sheet: notes and two signers under the table, the right-hand place and "
        "date in the TANGGAL column; the last problem's text starts with 'Keterangan'",
        kind="masalah",
        rows=2,
        footer=f"baris 8–16 {FOOTER}",
    )


@builder
def ttd_masalah_kecamatan_salah_ketik(tmp: Path) -> Case:
    rows = [
        ["INVENTARISASI PERMASALAHAN PILKADA 2024"],
        [],
        ["NO", "KECAMATAN", "KATEGORI", "URAIAN MASALAH", "TANGGAL"],  # header row 3
        [1, "Sumber", "Logistik", "Segel kotak suara kurang 20 buah", "18-11-2024"],
        [2, "Sumbr", "Keamanan", "Baliho calon dirusak", "19-11-2024"],
    ]  # row 5: the kecamatan misspelt
    rows += [[]] + _placed(
        5,
        (
            3,
            [
                "Sumber, 20 November 2024",
                "CAMAT SUMBER",
                None,
                None,
                "Drs. SLAMET RIYADI",
                "NIP. 19660606 198703 1 010",
            ],
        ),
    )  # rows 7-12
    path = _save_openpyxl(tmp / "masalah_salah_ketik.xlsx", [{"name": "MASALAH", "rows": rows}])
    return Case(
        path,
        "a problem sheet whose last problem names a misspelt kecamatan: its date shows it is a "
        "problem, so it is refused with the name suggested, not taken for a note",
        errors=[Msg(("kecamatan 'Sumbr' tidak dikenal", "Sumber"), sheet="MASALAH", row=5, column="B (KECAMATAN)")],
        footer=f"baris 7–12 {FOOTER}",
    )


# =========================================================================== one cause, one message
@builder
def rekap_kecamatan_asing_berulang(tmp: Path) -> Case:
    # A kabupaten-wide recap with a block pasted in from another file: the kecamatan cell, merged
    # down over its 21 desa rows, names a place the region does not have.
    picks = [(k, d) for k in KECAMATAN for d in DESA[k]][:241]
    data = _desa_rows(21, picks) + [("ATLANTIS", f"DESA {i}", 3, 700, 720) for i in range(1, 22)]
    rows = [r[:] for r in TITLE] + [HEADER_TOP, HEADER_BOTTOM, [1, 2, 3, 4, 5, 6, 7]]
    start = len(rows) + 1  # Excel row of the first data row (8)
    block, merges, spans = _recap_block(data, start, merged_kecamatan=True)
    rows += block
    path = _save_openpyxl(
        tmp / "rekap_dpt_kabupaten.xlsx",
        [{"name": "REKAP", "rows": rows, "merges": _header_merges(5) + merges + ["A1:G1", "A2:G2", "A3:G3"]}],
    )
    first, last = spans["ATLANTIS"]
    assert (first, last) == (249, 269)
    return Case(
        path,
        "an unknown kecamatan merged over 21 desa rows is one message naming the rows it covers",
        errors=[
            Msg("kecamatan 'ATLANTIS' tidak dikenal", sheet="REKAP", row="249–269 (21 baris)", column="B (KECAMATAN)")
        ],
    )


@builder
def ktpel_belum_dihitung(tmp: Path) -> Case:
    # Dispendukcapil's sheet before every kecamatan has reported: a count cell holds a word.
    rows = [
        ["DATA PEREKAMAN KTP-EL KABUPATEN PROBOLINGGO"],
        ["KEADAAN PER 20 NOVEMBER 2024"],
        [],
        ["NO", "KECAMATAN", "WAJIB KTP-EL", "SUDAH REKAM", "BELUM REKAM"],
        [1, "KRAKSAAN", "55.432", "54.721", "711"],
        [2, "PAITON", "belum dihitung", "50.102", None],
        [3, "BESUK", "30.120", "29.980", "140"],
    ]
    path = _save_openpyxl(tmp / "ktpel_sementara.xlsx", [{"name": "KTP-EL", "rows": rows}])
    return Case(
        path,
        "a count cell reading 'belum dihitung' is one message (text in a number column), not also 'kosong'",
        errors=[Msg("'belum dihitung' berupa teks di kolom angka", sheet="KTP-EL", row=6, column="C (WAJIB KTP-EL)")],
    )
