"""Turning uploaded exports into canonical rows, with every problem named by file, sheet, Excel
row and column, and committing a whole batch of files at once or nothing at all.

Steps per file: open it (workbook.py) -> find the sheet(s), the header row(s) and which column
is which field, using the synonyms in header_synonyms.csv -> find where the table ends (the
signature block and notes under it are not data: table_end.py) -> read each data row: forward-fill a
kecamatan written once over its desa rows, drop and reconcile totals rows, parse numbers the
Indonesian way, match names to Kemendagri codes -> validate -> commit (one upload per file).
"""
from __future__ import annotations

import csv
import datetime as dt
import hashlib
import logging
import re
import secrets
import traceback
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import duckdb

from .. import db, fmt, table_end, teks
from ..names import Gazetteer
from ..parse import (ParseError, find_date_in_text, is_blank, parse_count,
                    parse_date, parse_number, parse_percent)
from .. import voterlist, wilayah
from ..privacy import installation_secret
from ..workbook import CSV_SHEET, Book, Sheet, UnreadableFile, column_letter

if TYPE_CHECKING:
    import pandas as pd
    import pyarrow as pa

log = logging.getLogger(__name__)

KINDS = ("pemilih", "daftar", "tps", "ktpel", "target", "masalah")
MAX_MESSAGES = 50
HEADER_SEARCH_ROWS = 30

# Field types decide how a cell is read.
TYPES = {
    "count": ("tps", "dpt", "dpt_l", "dpt_p", "pemilih_pemula", "disabilitas", "wajib_ktpel",
              "sudah_rekam", "belum_rekam", "pengguna_hak_pilih"),
    "percent": ("persen_rekam", "target_partisipasi", "partisipasi_sebelumnya"),
    "date": ("tanggal", "tgl_lahir"),
    "number": ("lat", "lon"),
}
FIELD_TYPE = {f: t for t, fields in TYPES.items() for f in fields}

# Each kind needs one of these sets of fields.
REQUIRED = {
    "pemilih": [{"kecamatan", "dpt"}, {"kecamatan", "dpt_l", "dpt_p"}],
    "daftar": [{"kecamatan", "desa", "tps", "jk"}],
    "tps": [{"kecamatan", "desa", "no_tps", "dpt"}, {"kecamatan", "desa", "no_tps", "dpt_l", "dpt_p"}],
    "ktpel": [{"kecamatan", "wajib_ktpel", "sudah_rekam"}],
    "target": [{"target_partisipasi"}],
    "masalah": [{"kecamatan", "kategori", "uraian", "tanggal"}],
}
# Count fields compared against a file's own totals rows.
RECONCILED = {
    "pemilih": ("tps", "dpt_l", "dpt_p", "dpt", "pemilih_pemula", "disabilitas"),
    "tps": ("dpt_l", "dpt_p", "dpt"),
    "ktpel": ("wajib_ktpel", "sudah_rekam", "belum_rekam"),
    "target": (),
    "daftar": (),
    "masalah": (),
}

_TOTAL_RE = re.compile(r"^(JUMLAH|TOTAL|SUB\s*TOTAL|GRAND\s*TOTAL|JML)\b", re.IGNORECASE)
_KABUPATEN_RE = re.compile(r"^(KABUPATEN|KAB)\b", re.IGNORECASE)


def _norm_header(text) -> str:
    return re.sub(r"\s+", " ", re.sub(r"[^0-9A-Z+%]+", " ", str(text).upper())).strip()


# Kinds read with the same header machinery whose rows go elsewhere than raw_* (lapor: paper
# reports from TPS on election day, committed by readiness/lapor.py into its own database).
OTHER_KINDS = ("lapor",)


def _load_synonyms() -> dict[str, dict[str, str]]:
    table: dict[str, dict[str, str]] = {k: {} for k in KINDS + OTHER_KINDS}
    path = Path(__file__).with_name("header_synonyms.csv")
    with path.open(encoding="utf-8") as handle:
        rows = [line for line in handle if not line.startswith("#")]
    for row in csv.DictReader(rows):
        kinds = KINDS + OTHER_KINDS if row["kind"] == "*" else (row["kind"],)
        for kind in kinds:
            table[kind].setdefault(_norm_header(row["synonym"]), row["field"])
    return table


SYNONYMS = _load_synonyms()


# --------------------------------------------------------------------------- problems
@dataclass
class Problem:
    level: str  # "galat" (rejects the file) or "peringatan" (committed and listed)
    file: str
    message: str
    sheet: str | None = None
    row: int | None = None
    column: str | None = None

    def text(self) -> str:
        where = [self.file]
        if self.sheet and self.sheet != CSV_SHEET:
            where.append(f"sheet '{self.sheet}'")
        if self.row:
            where.append(f"baris {self.row}")
        if self.column:
            where.append(f"kolom {self.column}")
        return ", ".join(where) + ": " + self.message


@dataclass
class Layout:
    sheet: Sheet
    kind: str
    header_row: int  # 0-based index of the first header row
    header_rows: int  # 1 or 2
    columns: dict[int, str]  # column index -> field
    names: list[str]  # header text per column, as shown to the user
    score: int
    # (first, last) Excel row of what stands under the table (signature, notes): not read
    footer: tuple[int, int] | None = None

    @property
    def data_start(self) -> int:
        return self.header_row + self.header_rows

    def column_label(self, field_name: str) -> str:
        for col, f in self.columns.items():
            if f == field_name:
                return f"{column_letter(col)} ({self.names[col]})"
        return teks.KOLOM.get(field_name, field_name)


@dataclass
class FileResult:
    file_name: str
    sha256: str
    kind: str | None = None
    kind_detected: bool = False
    layouts: list[Layout] = field(default_factory=list)
    frame: pd.DataFrame | pa.Table | None = None
    coverage: set[str] = field(default_factory=set)
    tanggal_data: dt.date | None = None
    problems: list[Problem] = field(default_factory=list)
    hidden_problems: int = 0
    duplicate_of: int | None = None
    upload_id: int | None = None
    identitas: object = None  # per-voter lists, only when an admin keeps names (voterlist.IDENTITAS)
    gabung: dict | None = None  # a problem sheet: how its rows were merged (readiness.masalah.gabung_unggahan)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.level == "galat"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.level == "peringatan"]

    @property
    def rows(self) -> int:
        return 0 if self.frame is None else len(self.frame)

    def add(self, level, message, sheet=None, row=None, column=None) -> None:
        if len([p for p in self.problems if p.level == level]) >= MAX_MESSAGES:
            self.hidden_problems += 1
            return
        self.problems.append(Problem(level, self.file_name, message, sheet, row, column))

    def describe_coverage(self) -> str:
        kecamatan = len(self.coverage - {"*"})
        text = f"{kecamatan} kecamatan" if kecamatan else ""
        if "*" in self.coverage:
            text += (" + " if text else "") + "tingkat kabupaten"
        return text

    def describe_layout(self) -> str:
        parts = []
        for lay in self.layouts:
            rows = f"{lay.header_row + 1}" if lay.header_rows == 1 else f"{lay.header_row + 1}–{lay.header_row + 2}"
            parts.append(f"sheet '{lay.sheet.name}' (judul kolom baris {rows})")
        return "; ".join(parts)

    def describe_footer(self) -> str:
        """One line naming the rows under the table that were not read (readiness/table_end.py),
        or nothing when there are none."""
        named = len(self.layouts) > 1
        return table_end.describe([(lay.sheet.name if named else None, *lay.footer)
                                   for lay in self.layouts if lay.footer])


# --------------------------------------------------------------------------- layout detection
def _header_names(rows: list[list], r: int, n: int) -> list[str]:
    width = max(len(rows[r]), len(rows[r + 1]) if n == 2 and r + 1 < len(rows) else 0)
    top = list(rows[r]) + [None] * (width - len(rows[r]))
    if n == 1:
        return ["" if v is None else str(v).strip() for v in top]
    below = list(rows[r + 1]) + [None] * (width - len(rows[r + 1]))
    names, parent = [], ""
    for c in range(width):
        # A parent merged across several columns is written only in its first cell.
        if top[c] is not None:
            parent = str(top[c]).strip()
        elif below[c] is None:
            parent = ""
        child = "" if below[c] is None else str(below[c]).strip()
        if child and parent:
            names.append(f"{parent} / {child}")
        else:
            names.append(child or ("" if top[c] is None else str(top[c]).strip()))
    return names


def _map_columns(kind: str, names: list[str]) -> dict[int, str]:
    synonyms = SYNONYMS[kind]
    mapped: dict[int, str] = {}
    used: set[str] = set()
    for col, name in enumerate(names):
        if not name:
            continue
        candidates = [_norm_header(name)]
        if " / " in name:
            candidates.append(_norm_header(name.split(" / ", 1)[1]))
        for candidate in candidates:
            fld = synonyms.get(candidate)
            if fld and fld not in used:
                mapped[col] = fld
                used.add(fld)
                break
    return mapped


def _satisfied(kind: str, fields: set[str]) -> bool:
    return any(req <= fields for req in REQUIRED[kind])


def detect_layout(sheet: Sheet, kinds=KINDS) -> Layout | None:
    best: Layout | None = None
    rows = sheet.rows
    for r in range(min(HEADER_SEARCH_ROWS, len(rows))):
        if sum(1 for v in rows[r] if v is not None) < 1:
            continue
        for n in (1, 2):
            if r + n > len(rows):
                continue
            names = _header_names(rows, r, n)
            for kind in kinds:
                columns = _map_columns(kind, names)
                if not _satisfied(kind, set(columns.values())):
                    continue
                # More fields recognised wins; on a tie the one-row header (a title row just
                # above a header is not a parent header).
                score = len(columns) * 2 - (n - 1)
                if best is None or score > best.score:
                    best = Layout(sheet, kind, r, n, columns, names, score)
    return best


def _looks_like_tps_list(layout: Layout) -> bool:
    """A recap has one row per desa; a TPS list has several rows per desa."""
    desa_col = next((c for c, f in layout.columns.items() if f == "desa"), None)
    if desa_col is None:
        return False
    seen, repeats = set(), 0
    for row in layout.sheet.rows[layout.data_start:layout.data_start + 300]:
        value = row[desa_col] if desa_col < len(row) else None
        if value is None:
            continue
        repeats += value in seen
        seen.add(value)
    return repeats > len(seen) // 2


def choose_layouts(sheets: list[Sheet], kind: str) -> tuple[str | None, list[Layout], list[Sheet]]:
    """The kind (detected when 'auto'), the data sheets and the hidden sheets skipped."""
    kinds = KINDS if kind == "auto" else (kind,)
    found = [(s, detect_layout(s, kinds)) for s in sheets]
    found = [(s, lay) for s, lay in found if lay is not None]
    if not found:
        return None, [], []
    if kind == "auto":
        totals: dict[str, int] = defaultdict(int)
        for _, lay in found:
            totals[lay.kind] += lay.score
        kind = max(totals, key=lambda k: (totals[k], k == "daftar", k == "tps"))
        if kind in ("pemilih", "tps"):
            lay = next(lay for _, lay in found if lay.kind == kind)
            other = "tps" if kind == "pemilih" else "pemilih"
            alt = detect_layout(lay.sheet, (other,))
            if alt is not None and alt.score == lay.score:
                kind = "tps" if _looks_like_tps_list(lay) else "pemilih"
        found = [(s, detect_layout(s, (kind,))) for s, _ in found]
        found = [(s, lay) for s, lay in found if lay is not None]
    hidden = [s for s, _ in found if s.hidden]
    layouts = [lay for s, lay in found if not s.hidden]
    if not layouts and hidden:  # only hidden sheets hold data: use them rather than refuse
        layouts, hidden = [lay for _, lay in found], []
    return kind, layouts, hidden


# --------------------------------------------------------------------------- reading rows
def _is_numbering_row(row: list) -> bool:
    """The `1 2 3 4 …` row many exports put under the header."""
    values = [v for v in row if v is not None]
    if len(values) < 3:
        return False
    try:
        numbers = [int(float(str(v).strip("()"))) for v in values]
    except ValueError:
        return False
    return numbers == list(range(numbers[0], numbers[0] + len(numbers)))


def _header_signature(row: list) -> tuple:
    return tuple((c, _norm_header(v)) for c, v in enumerate(row) if v is not None and str(v).strip())


def _total_label(row: list, layout: Layout) -> str | None:
    if layout.kind == "masalah":
        return None  # a problem sheet has no totals; "Jumlah kotak suara kurang" is a problem
    for col in range(min(len(row), 6)):
        value = row[col]
        if isinstance(value, str) and _TOTAL_RE.match(value.strip()):
            return value.strip()
    return None


@dataclass
class RawRow:
    sheet: str
    row: int  # Excel row number
    cells: dict[str, object]
    layout: Layout


@dataclass
class TotalRow:
    sheet: str
    row: int
    label: str
    cells: dict[str, object]
    layout: Layout
    since: int  # index into the data rows where this total's span begins


def _cells(layout: Layout, i: int) -> dict[str, object]:
    """The cells of row `i` (0-based) by field."""
    sheet = layout.sheet
    row = sheet.rows[i]
    cells = {f: (row[c] if c < len(row) else None) for c, f in layout.columns.items()}
    for fld in ("kecamatan", "desa"):
        # A name written once in a cell merged down over the rows it applies to.
        col = next((c for c, f in layout.columns.items() if f == fld), None)
        if col is not None and is_blank(cells[fld]) and (i, col) in sheet.merged:
            top, left = sheet.merged[(i, col)]
            cells[fld] = sheet.rows[top][left]
    return cells


def _table_end(layout: Layout, gaz: Gazetteer) -> int:
    """The index after the table's last row (readiness/table_end.py: the signature block and
    notes under it are not data), and the rows under it noted on the layout."""
    rows = layout.sheet.rows
    end = len(rows)
    while end > layout.data_start and not (any(v is not None for v in rows[end - 1])
                                           and table_end.is_data(_cells(layout, end - 1), layout.kind, gaz)):
        end -= 1
    below = [i for i in range(end, len(rows)) if any(not is_blank(v) for v in rows[i])]
    layout.footer = (below[0] + 1, below[-1] + 1) if below else None
    return end


def _read_rows(layout: Layout, result: FileResult, gaz: Gazetteer) -> tuple[list[RawRow], list[TotalRow]]:
    rows, totals = [], []
    last_kecamatan = None
    span_start = 0
    sheet = layout.sheet
    header_rows = [_header_signature(sheet.rows[r]) for r in range(layout.header_row, layout.data_start)]
    for i in range(layout.data_start, _table_end(layout, gaz)):
        row = sheet.rows[i]
        if all(v is None for v in row):
            continue
        cells = _cells(layout, i)
        if all(is_blank(v) for v in cells.values()):
            continue
        if _is_numbering_row(row) or _header_signature(row) in header_rows:
            continue  # the `1 2 3 …` row, or the header repeated on every printed page
        if isinstance(cells.get("kecamatan"), str) and cells["kecamatan"].upper().startswith("CONTOH"):
            result.add("peringatan", "baris contoh dari templat dilewati", layout.sheet.name, i + 1)
            continue
        label = _total_label(row, layout)
        if label is not None:
            totals.append(TotalRow(layout.sheet.name, i + 1, label, cells, layout, span_start))
            span_start = len(rows)
            continue
        if "kecamatan" in cells:
            if is_blank(cells["kecamatan"]):
                cells["kecamatan"] = last_kecamatan
            else:
                last_kecamatan = cells["kecamatan"]
        rows.append(RawRow(layout.sheet.name, i + 1, cells, layout))
    return rows, totals


# --------------------------------------------------------------------------- converting
class _RowReader:
    """Parses the cells of one data row into typed values, recording problems."""

    def __init__(self, result: FileResult, kind: str):
        self.result, self.kind = result, kind
        self.ok = True

    def value(self, raw: RawRow, fld: str):
        cell = raw.cells.get(fld)
        kind_type = FIELD_TYPE.get(fld, "text")
        try:
            if kind_type == "count":
                return parse_count(cell)
            if kind_type == "percent":
                return parse_percent(cell)
            if kind_type == "date":
                return parse_date(cell)
            if kind_type == "number":
                return parse_number(cell)
        except ParseError as exc:
            self.error(raw, fld, str(exc))
            return None
        if cell is None:
            return None
        if isinstance(cell, float) and cell.is_integer():
            cell = int(cell)
        return str(cell).strip()

    def error(self, raw: RawRow, fld: str | None, message: str, level: str = "galat") -> None:
        if level == "galat":
            self.ok = False
        column = raw.layout.column_label(fld) if fld else None
        self.result.add(level, message, raw.sheet, raw.row, column)


def _match_kecamatan(reader: _RowReader, raw: RawRow, gaz: Gazetteer) -> str | None:
    name = raw.cells.get("kecamatan")
    if is_blank(name):
        reader.error(raw, "kecamatan", "nama kecamatan kosong")
        return None
    kode = gaz.match_kecamatan(str(name))
    if kode is None:
        reader.error(raw, "kecamatan", gaz.unknown_kecamatan(str(name)))
    return kode


def _match_desa(reader: _RowReader, raw: RawRow, gaz: Gazetteer, kode_kec: str, required: bool) -> str | None:
    name = raw.cells.get("desa")
    if is_blank(name):
        if required:
            reader.error(raw, "desa", "nama desa/kelurahan kosong")
        return None
    kode = gaz.match_desa(kode_kec, str(name))
    if kode is None:
        reader.error(raw, "desa", gaz.unknown_desa(kode_kec, str(name)))
    return kode


def _dpt_triplet(reader: _RowReader, raw: RawRow) -> tuple | None:
    dpt_l, dpt_p, dpt = (reader.value(raw, f) for f in ("dpt_l", "dpt_p", "dpt"))
    if dpt_l is not None and dpt_p is not None:
        if dpt is not None and dpt != dpt_l + dpt_p:
            reader.error(raw, "dpt", f"L + P = {fmt.angka(dpt_l + dpt_p)} tetapi L+P tertulis {fmt.angka(dpt)}")
            return None
        dpt = dpt_l + dpt_p
    elif dpt is None:
        if all(is_blank(raw.cells.get(f)) for f in ("dpt_l", "dpt_p", "dpt")):
            reader.error(raw, "dpt", "jumlah pemilih (DPT) kosong")
        return None
    return dpt_l, dpt_p, dpt


def _convert_pemilih(reader, raw, gaz, ctx):
    kode_kec = _match_kecamatan(reader, raw, gaz)
    triplet = _dpt_triplet(reader, raw)
    rec = {f: reader.value(raw, f) for f in ("tps", "pemilih_pemula", "disabilitas")}
    if kode_kec is None or triplet is None:
        return None
    kode_desa = _match_desa(reader, raw, gaz, kode_kec, required=False)
    if "desa" in raw.cells and not is_blank(raw.cells["desa"]) and kode_desa is None:
        return None
    rec.update(kode_kecamatan=kode_kec, kode_desa=kode_desa,
               dpt_l=triplet[0], dpt_p=triplet[1], dpt=triplet[2])
    return rec


def _convert_tps(reader, raw, gaz, ctx):
    kode_kec = _match_kecamatan(reader, raw, gaz)
    triplet = _dpt_triplet(reader, raw)
    no_tps = _tps_number(reader.value(raw, "no_tps"))
    if no_tps is None:
        reader.error(raw, "no_tps", "nomor TPS kosong")
    rec = {f: reader.value(raw, f) for f in ("alamat", "lat", "lon", "status_logistik", "kategori_rawan")}
    if kode_kec is None or triplet is None or no_tps is None:
        return None
    kode_desa = _match_desa(reader, raw, gaz, kode_kec, required=True)
    if kode_desa is None:
        return None
    if triplet[2] > ctx["kapasitas_tps"]:
        reader.error(raw, "dpt", f"TPS {no_tps} Desa {gaz.desa[kode_desa].nama} (Kecamatan "
                     f"{gaz.kecamatan[kode_kec].nama}) berisi {fmt.angka(triplet[2])} pemilih, melebihi "
                     f"kapasitas {fmt.angka(ctx['kapasitas_tps'])} per TPS", level="peringatan")
    rec.update(kode_kecamatan=kode_kec, kode_desa=kode_desa, no_tps=no_tps,
               dpt_l=triplet[0], dpt_p=triplet[1], dpt=triplet[2])
    return rec


def _tps_number(value) -> str | None:
    if value is None:
        return None
    text = str(value).strip().upper()
    text = re.sub(r"^(TPS|NO\.?)\s*", "", text)
    return str(int(text)) if text.isdigit() else text or None


def _convert_ktpel(reader, raw, gaz, ctx):
    kode_kec = _match_kecamatan(reader, raw, gaz)
    wajib, sudah, belum = (reader.value(raw, f) for f in ("wajib_ktpel", "sudah_rekam", "belum_rekam"))
    persen = reader.value(raw, "persen_rekam")
    tanggal = reader.value(raw, "tanggal") or ctx["tanggal_data"]
    if wajib is None:
        reader.error(raw, "wajib_ktpel", "jumlah wajib KTP-el kosong")
    if sudah is None:
        reader.error(raw, "sudah_rekam", "jumlah sudah rekam kosong")
    if wajib is not None and sudah is not None:
        if sudah > wajib:
            reader.error(raw, "sudah_rekam", f"sudah rekam {fmt.angka(sudah)} lebih besar dari wajib "
                         f"KTP-el {fmt.angka(wajib)}")
        elif belum is not None and wajib - sudah != belum:
            reader.error(raw, "belum_rekam", f"belum rekam tertulis {fmt.angka(belum)}, seharusnya wajib − "
                         f"sudah rekam = {fmt.angka(wajib - sudah)}", level="peringatan")
        elif persen is not None and wajib and abs(100 * sudah / wajib - persen) > 0.05:
            reader.error(raw, "persen_rekam", f"persen tertulis {fmt.persen(persen)}, dihitung "
                         f"{fmt.persen(100 * sudah / wajib)}", level="peringatan")
    if kode_kec is None or not reader.ok:
        return None
    kode_desa = _match_desa(reader, raw, gaz, kode_kec, required=False)
    if not is_blank(raw.cells.get("desa")) and kode_desa is None:
        return None
    return dict(kode_kecamatan=kode_kec, kode_desa=kode_desa, wajib_ktpel=wajib, sudah_rekam=sudah,
                belum_rekam=wajib - sudah, tanggal=tanggal)


def _convert_target(reader, raw, gaz, ctx):
    name = raw.cells.get("kecamatan")
    kode_kec = None
    if not is_blank(name) and not _KABUPATEN_RE.match(str(name).strip()):
        kode_kec = _match_kecamatan(reader, raw, gaz)
        if kode_kec is None:
            return None
    rec = {f: reader.value(raw, f) for f in ("target_partisipasi", "partisipasi_sebelumnya", "pengguna_hak_pilih")}
    if rec["target_partisipasi"] is None and reader.ok:
        reader.error(raw, "target_partisipasi", "target partisipasi kosong")
    if not reader.ok:
        return None
    rec["kode_kecamatan"] = kode_kec
    return rec


def _convert_masalah(reader, raw, gaz, ctx):
    """A row of a problem sheet (readiness/masalah.py says how it is merged when committed)."""
    from .. import masalah
    kode_kec = _match_kecamatan(reader, raw, gaz)
    rec = {f: reader.value(raw, f) for f in ("kategori", "uraian", "pelapor", "tanggal", "tingkat", "status",
                                             "tindak_lanjut", "nomor", "no_tps")}
    kategori = masalah.baca_kategori(rec["kategori"]) if rec["kategori"] else None
    if not rec["kategori"]:
        reader.error(raw, "kategori", "kategori kosong")
    elif kategori is None:
        reader.error(raw, "kategori", f"kategori '{rec['kategori']}' tidak dikenal; pilih salah satu: "
                     + ", ".join(masalah.KATEGORI.values()))
    if not rec["uraian"]:
        reader.error(raw, "uraian", "uraian masalah kosong")
    elif len(rec["uraian"]) > masalah.URAIAN_MAKS:
        reader.error(raw, "uraian", f"uraian terlalu panjang ({fmt.angka(len(rec['uraian']))} karakter; paling "
                     f"banyak {fmt.angka(masalah.URAIAN_MAKS)})")
    if rec["tanggal"] is None and is_blank(raw.cells.get("tanggal")):
        reader.error(raw, "tanggal", "tanggal kosong")
    elif rec["tanggal"] is not None and rec["tanggal"] > dt.date.today():
        reader.error(raw, "tanggal", f"tanggal {fmt.tanggal(rec['tanggal'])} belum terjadi")
    found = {}
    for fld, read, labels in (("tingkat", masalah.baca_tingkat, masalah.TINGKAT),
                              ("status", masalah.baca_status, masalah.STATUS)):
        found[fld] = read(rec[fld]) if rec[fld] else None
        if rec[fld] and found[fld] is None:
            reader.error(raw, fld, f"{fld} '{rec[fld]}' tidak dikenal; pilih salah satu: " + ", ".join(labels.values()))
    nomor = None
    if rec["nomor"]:
        digits = re.sub(r"^(M|#|NO\.?)\s*-?\s*", "", str(rec["nomor"]).strip().upper())
        if digits.isdigit():
            nomor = int(digits)
        else:
            reader.error(raw, "nomor", f"nomor masalah '{rec['nomor']}' bukan angka (kosongkan untuk masalah baru)")
    no_tps = masalah.nomor_tps(rec["no_tps"])
    if no_tps is not None and not (no_tps.isdigit() and 1 <= int(no_tps) <= 999):
        reader.error(raw, "no_tps", f"nomor TPS '{rec['no_tps']}' harus angka 1–999")
    for fld in ("pelapor", "tindak_lanjut"):
        limit = masalah.TEKS_MAKS if fld == "pelapor" else masalah.URAIAN_MAKS
        if rec[fld] and len(rec[fld]) > limit:
            reader.error(raw, fld, f"{teks.KOLOM.get(fld, fld).lower()} terlalu panjang (paling banyak {limit} karakter)")
    if kode_kec is None or not reader.ok:
        return None
    kode_desa = _match_desa(reader, raw, gaz, kode_kec, required=False)
    if not is_blank(raw.cells.get("desa")) and kode_desa is None:
        return None
    if no_tps is not None and kode_desa is None:
        reader.error(raw, "no_tps", "nomor TPS diisi tetapi desa/kelurahan kosong")
        return None
    return dict(kode_kecamatan=kode_kec, kode_desa=kode_desa, no_tps=no_tps, nomor=nomor, kategori=kategori,
                uraian=rec["uraian"], pelapor=rec["pelapor"], tanggal=rec["tanggal"], tingkat=found["tingkat"],
                status=found["status"], tindak_lanjut=rec["tindak_lanjut"],
                kunci=masalah.kunci(kode_kec, kategori, rec["uraian"], rec["tanggal"]))


CONVERTERS = {"pemilih": _convert_pemilih, "tps": _convert_tps, "ktpel": _convert_ktpel,
              "target": _convert_target, "masalah": _convert_masalah}
COLUMNS = {
    "pemilih": ["kode_kecamatan", "kode_desa", "tps", "dpt_l", "dpt_p", "dpt", "pemilih_pemula", "disabilitas"],
    "tps": ["kode_kecamatan", "kode_desa", "no_tps", "dpt_l", "dpt_p", "dpt", "alamat", "lat", "lon",
            "status_logistik", "kategori_rawan"],
    "ktpel": ["kode_kecamatan", "kode_desa", "wajib_ktpel", "sudah_rekam", "belum_rekam", "tanggal"],
    "target": ["kode_kecamatan", "target_partisipasi", "partisipasi_sebelumnya", "pengguna_hak_pilih"],
    "masalah": ["kode_kecamatan", "kode_desa", "no_tps", "nomor", "kategori", "uraian", "pelapor", "tanggal",
                "tingkat", "status", "tindak_lanjut", "kunci"],
}
# How a parsed frame's columns are stored, where not as they are: a voter list's keyed hashes
# travel as their 16 bytes (Arrow has no 128-bit unsigned number) and are stored as one.
STORED_AS = {"daftar": "* replace (nik_hash::bit::uhugeint as nik_hash, nkk_hash::bit::uhugeint as nkk_hash)"}
# Rows that must not appear twice in one upload (they would be counted twice).
UNIQUE = {
    "pemilih": ("kode_kecamatan", "kode_desa"),
    "tps": ("kode_desa", "no_tps"),
    "ktpel": ("kode_kecamatan", "kode_desa", "tanggal"),
    "target": ("kode_kecamatan",),
    "masalah": ("kunci",),
}


def _check_duplicates(result: FileResult, kind: str, records: list[dict], origins: list[RawRow], gaz) -> None:
    keys = UNIQUE.get(kind)
    if not keys:
        return
    first: dict[tuple, RawRow] = {}
    for rec, raw in zip(records, origins):
        key = tuple(rec[k] for k in keys)
        if key in first:
            prev = first[key]
            what = _describe_key(kind, rec, gaz)
            result.add("galat", f"{what} sudah ada di baris {prev.row}"
                       + (f" sheet '{prev.sheet}'" if prev.sheet != raw.sheet else "")
                       + "; baris ganda akan terhitung dua kali", raw.sheet, raw.row)
        else:
            first[key] = raw
    if kind == "pemilih":
        # A kecamatan row next to desa rows of the same kecamatan would count its voters twice.
        kec_rows = {rec["kode_kecamatan"]: raw for rec, raw in zip(records, origins) if rec["kode_desa"] is None}
        for rec, raw in zip(records, origins):
            if rec["kode_desa"] is not None and rec["kode_kecamatan"] in kec_rows:
                other = kec_rows.pop(rec["kode_kecamatan"])
                result.add("galat", f"Kecamatan {gaz.kecamatan[rec['kode_kecamatan']].nama} punya baris "
                           f"kecamatan (baris {other.row}) dan baris desa; pemilihnya akan terhitung dua kali",
                           raw.sheet, raw.row)


def _describe_key(kind, rec, gaz) -> str:
    if kind == "masalah":
        return (f"Masalah yang sama (Kecamatan {gaz.kecamatan[rec['kode_kecamatan']].nama}, "
                f"{fmt.tanggal(rec['tanggal'])}, uraian sama)")
    kec = gaz.kecamatan[rec["kode_kecamatan"]].nama if rec.get("kode_kecamatan") else "kabupaten"
    desa = gaz.desa[rec["kode_desa"]].nama if rec.get("kode_desa") else None
    if kind == "tps":
        return f"TPS {rec['no_tps']} Desa {desa} (Kecamatan {kec})"
    return f"Desa {desa} (Kecamatan {kec})" if desa else f"Kecamatan {kec}" if rec.get("kode_kecamatan") else "Baris kabupaten"


def _reconcile(result: FileResult, kind: str, totals: list[TotalRow], records: list[dict],
               origins: list[RawRow], reader: _RowReader, gaz: Gazetteer) -> None:
    fields = RECONCILED[kind]
    if not fields:
        return
    per_sheet: dict[str, list[int]] = defaultdict(list)
    for i, raw in enumerate(origins):
        per_sheet[raw.sheet].append(i)
    for total in totals:
        named_kec = gaz.match_kecamatan(_TOTAL_RE.sub("", total.label))
        if named_kec:
            span = [i for i in per_sheet[total.sheet] if records[i]["kode_kecamatan"] == named_kec]
            scope = f"Kecamatan {gaz.kecamatan[named_kec].nama}"
        elif re.match(r"^SUB", total.label, re.IGNORECASE):
            sheet_rows = per_sheet[total.sheet]
            span = [i for i in sheet_rows if i >= total.since and origins[i].row < total.row]
            scope = "baris di atasnya"
        else:
            span = per_sheet[total.sheet]
            scope = f"semua baris sheet '{total.sheet}'"
        for fld in fields:
            if fld not in total.cells:
                continue
            raw_total = RawRow(total.sheet, total.row, total.cells, total.layout)
            try:
                stated = parse_count(total.cells[fld])
            except ParseError:
                continue
            values = [records[i].get(fld) for i in span]
            if stated is None or any(v is None for v in values):
                continue
            if sum(values) != stated:
                reader.error(raw_total, fld, f"baris '{total.label}' menulis {fmt.angka(stated)}, tetapi "
                             f"jumlah {scope} = {fmt.angka(sum(values))}", level="peringatan")


def file_sha256(data: bytes | Path) -> str:
    if isinstance(data, bytes):
        return hashlib.sha256(data).hexdigest()
    digest = hashlib.sha256()
    with open(data, "rb") as handle:
        while chunk := handle.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def parse_file(data: bytes | Path, file_name: str, gaz: Gazetteer, *, kind: str = "auto",
               kapasitas_tps: int = 600, secret: bytes = b"", step=None, tanggal_pemilihan=None,
               simpan_identitas: bool = False, region: wilayah.Wilayah | None = None) -> FileResult:
    """Read one file completely; never raises for bad input (problems are in the result).
    `step(fraction, text)` hears how far it is (a large per-voter list takes seconds). With the
    installation's `region`, a file that names another region is refused (readiness/wilayah.py)."""
    # The file's fingerprint (a same file uploaded twice counts once) is computed beside the
    # reading: hashlib lets go of the interpreter while it hashes.
    with ThreadPoolExecutor(max_workers=1) as pool:
        digest = pool.submit(file_sha256, data)
        result = FileResult(file_name=file_name, sha256="")
        _parse_into(result, data, gaz, kind=kind, kapasitas_tps=kapasitas_tps, secret=secret,
                    step=step or (lambda fraction, text: None), tanggal_pemilihan=tanggal_pemilihan,
                    simpan_identitas=simpan_identitas, region=region)
        result.sha256 = digest.result()
    return result


def _parse_into(result: FileResult, data: bytes | Path, gaz: Gazetteer, *, kind, kapasitas_tps, secret, step,
                tanggal_pemilihan, simpan_identitas, region=None) -> None:
    file_name = result.file_name
    try:
        step(0.05, "membuka berkas")
        book = Book(data, file_name)
        heads = [book.head(name) for name in book.sheet_names]
    except UnreadableFile as exc:
        result.add("galat", str(exc))
        return
    if not any(any(v is not None for v in row) for s in heads for row in s.rows):
        result.add("galat", "berkas tidak berisi data (semua sheet kosong)")
        return
    chosen, layouts, hidden = choose_layouts(heads, kind)
    if not layouts:
        if kind == "auto":
            result.add("galat", "jenis data tidak dikenali: tidak ditemukan baris judul kolom seperti "
                       "KECAMATAN, DESA, L, P, TPS, WAJIB KTP-EL atau TARGET PARTISIPASI di "
                       f"{HEADER_SEARCH_ROWS} baris pertama sheet mana pun; pilih jenisnya atau gunakan templat")
        else:
            need = " atau ".join(", ".join(teks.KOLOM.get(f, f) for f in sorted(req)) for req in REQUIRED[kind])
            result.add("galat", f"tidak ditemukan kolom wajib untuk {teks.JENIS_SINGKAT[kind]}: {need}")
        return
    result.kind, result.layouts, result.kind_detected = chosen, layouts, kind == "auto"
    for sheet in hidden:
        result.add("peringatan", "sheet tersembunyi ini juga berisi data dan tidak dibaca; tampilkan "
                   "sheet-nya bila datanya memang perlu", sheet.name)
    for lay in layouts:
        for row in lay.sheet.rows[:lay.header_row]:
            for value in row:
                if isinstance(value, str) and (found := find_date_in_text(value)):
                    result.tanggal_data = result.tanggal_data or found
    if region is not None and wilayah.check_titles(result, layouts, region):
        return
    try:
        step(0.3, "membaca baris")
        if chosen == "daftar":
            # a per-voter list is not read into rows: its kab/kota column is checked in the head
            head_rows = [(lay, i) for lay in layouts for i in range(lay.data_start, len(lay.sheet.rows))]
            if region is not None and wilayah.check_rows(result, head_rows, region, gaz):
                return
            voterlist.parse(book, layouts, result, gaz, secret, MAX_MESSAGES, step, tanggal_pemilihan=tanggal_pemilihan,
                            kapasitas_tps=kapasitas_tps, simpan_identitas=simpan_identitas, region=region)
            return
        for lay in layouts:  # the head was enough to find the layout; now every typed cell
            lay.sheet = book.sheet(lay.sheet.name)
    except UnreadableFile as exc:
        result.add("galat", str(exc))
        return
    raw_rows, totals = [], []
    for lay in layouts:
        r, t = _read_rows(lay, result, gaz)
        raw_rows += r
        totals += t
    if not raw_rows:
        result.add("galat", "tidak ada baris data di bawah judul kolom", layouts[0].sheet.name,
                   layouts[0].data_start + 1)
        return
    if region is not None and wilayah.check_rows(result, [(raw.layout, raw.row - 1) for raw in raw_rows], region, gaz):
        return
    ctx = {"kapasitas_tps": kapasitas_tps, "tanggal_data": result.tanggal_data}
    convert = CONVERTERS[chosen]
    records, origins = [], []
    for raw in raw_rows:
        reader = _RowReader(result, chosen)
        rec = convert(reader, raw, gaz, ctx)
        if rec is not None and reader.ok:
            rec.update(source_sheet=raw.sheet, source_row=raw.row)
            records.append(rec)
            origins.append(raw)
    _check_duplicates(result, chosen, records, origins, gaz)
    _reconcile(result, chosen, totals, records, origins, _RowReader(result, chosen), gaz)
    if result.errors:
        return
    import pandas as pd  # loaded only for these small files: a voter list stays in Arrow

    frame = pd.DataFrame.from_records(records, columns=["source_sheet", "source_row"] + COLUMNS[chosen])
    result.frame = frame
    result.coverage = {rec["kode_kecamatan"] or "*" for rec in records}


# --------------------------------------------------------------------------- committing
def load_gazetteer(con: duckdb.DuckDBPyConnection) -> Gazetteer:
    return Gazetteer(
        con.execute("select kode_kecamatan, kecamatan from ref_kecamatan order by 1").fetchall(),
        con.execute("select kode_desa, desa, kode_kecamatan from ref_desa order by 1").fetchall(),
        con.execute("select alias, kode_kecamatan from ref_kecamatan_alias").fetchall(),
        con.execute("select alias, kode_desa from ref_desa_alias").fetchall(),
    )


def commit(con: duckdb.DuckDBPyConnection, result: FileResult, election: str, uploaded_by: str | None) -> int:
    """Insert one parsed file as a new upload (a new active version for what it covers)."""
    upload_id = con.execute("select nextval('upload_seq')").fetchone()[0]
    activation = con.execute("select nextval('activation_seq')").fetchone()[0]
    con.execute(
        "insert into uploads values ($id, $election, $kind, $file, $sha, $sheets, $header, $rows, $by, "
        "$at, $activation, $tanggal, $warnings)",
        {"id": upload_id, "election": election, "kind": result.kind, "file": result.file_name,
         "sha": result.sha256, "sheets": ", ".join(lay.sheet.name for lay in result.layouts),
         "header": result.layouts[0].header_row + 1, "rows": result.rows, "by": uploaded_by,
         "at": dt.datetime.now().replace(microsecond=0), "activation": activation,
         "tanggal": result.tanggal_data, "warnings": len(result.warnings) + result.hidden_problems},
    )
    con.executemany("insert into upload_coverage values (?, ?)", [(upload_id, k) for k in sorted(result.coverage)])
    con.register("incoming_rows", result.frame)
    # Raw rows carry their source sheet and row, so their order on disk does not matter; letting
    # both threads append without keeping the file's order halves the insert of a large list.
    con.execute("set preserve_insertion_order = false")
    try:
        con.execute(f"insert into raw_{result.kind} by name select {STORED_AS.get(result.kind, '*')}, "
                    "$id as upload_id from incoming_rows", {"id": upload_id})
    finally:
        con.execute("reset preserve_insertion_order")
        con.unregister("incoming_rows")
    if result.identitas is not None:  # names kept only when an admin chose to (simpan_identitas)
        con.register("incoming_identitas", result.identitas)
        try:
            con.execute("insert into identitas_daftar by name select *, $id as upload_id from incoming_identitas",
                        {"id": upload_id})
        finally:
            con.unregister("incoming_identitas")
    if result.warnings:
        con.executemany(
            "insert into upload_messages values (?, ?, ?, ?, ?, ?)",
            [(upload_id, p.level, p.sheet, p.row, p.column, p.message) for p in result.warnings],
        )
    result.upload_id = upload_id
    return upload_id


def previous_upload(con, election: str, kind: str, sha256: str) -> int | None:
    row = con.execute(
        "select min(upload_id) from uploads where election_id = $e and kind = $k and sha256 = $s",
        {"e": election, "k": kind, "s": sha256},
    ).fetchall()
    return row[0][0] if row else None


@dataclass
class Batch:
    """The outcome of one ingest command or upload: all files committed, or none."""
    election: str
    results: list[FileResult]
    committed: bool = False

    @property
    def ok(self) -> bool:
        return all(not r.errors for r in self.results)


class Dibatalkan(Exception):
    """Raised by a `progress` callback to stop a preview nobody waits for any more (the page's
    session ended, or a new run replaced it). `prepare` lets it through; nothing has been written."""


def _log_defect(file_name: str, exc: BaseException) -> str:
    """Logs where a defect of ours happened for the admin and returns the reference the user can
    quote. Only the exception's type and the code's frames are logged: its message, and any
    exception it was raised from, may carry cell values (a NIK)."""
    reference = f"{dt.datetime.now():%y%m%d-%H%M%S}-{secrets.token_hex(2)}"
    frames = "".join(traceback.format_list(traceback.extract_tb(exc.__traceback__)))
    log.error("kesalahan aplikasi saat memeriksa berkas %s (rujukan %s): %s\nTraceback (most recent call last):\n%s",
              file_name, reference, type(exc).__name__, frames.rstrip("\n"))
    return reference


def prepare(db_path, files: list[tuple[str, bytes | Path]], *, election: str | None = None,
            kind: str | dict[str, str] = "auto", progress=None) -> Batch:
    """Read and check every file without changing anything (the preview before committing).
    `files` are (name, bytes) or (name, path); `kind` is one kind for all files or a
    {file name: kind} choice per file."""
    db_path = Path(db_path)
    secret = installation_secret(db_path)
    con = db.connect_read(db_path)
    try:
        election = election or db.active_election(con)
        if not db.election_exists(con, election):
            raise ValueError(f"pemilihan '{election}' tidak dikenal")
        kapasitas, tanggal = con.execute("select kapasitas_tps, tanggal from elections where election_id = $e",
                                         {"e": election}).fetchall()[0]
        # Names/addresses are read from per-voter lists only when an admin turned keeping them on.
        simpan = con.execute("select count(*) from app_settings where key = 'simpan_identitas' and value = 'ya'"
                             ).fetchone()[0] == 1
        gaz = load_gazetteer(con)
        region = wilayah.load(con)
        batch = Batch(election, [])
        seen: dict[str, str] = {}
        for number, (file_name, data) in enumerate(files):
            chosen = kind.get(file_name, "auto") if isinstance(kind, dict) else kind
            def step(fraction, text, number=number, file_name=file_name):
                if progress:
                    progress((number + fraction) / len(files), f"{file_name}: {text}…")
            try:
                result = parse_file(data, file_name, gaz, kind=chosen, kapasitas_tps=kapasitas, secret=secret,
                                    step=step, tanggal_pemilihan=tanggal, simpan_identitas=simpan, region=region)
            except Dibatalkan:
                raise
            except Exception as exc:  # a defect of ours must still not reach the user as a traceback
                reference = _log_defect(file_name, exc)
                result = FileResult(file_name=file_name, sha256=file_sha256(data))
                result.add("galat", "berkas tidak dapat diproses karena kesalahan di aplikasi; tidak ada yang "
                           f"disimpan. Laporkan ke pengelola aplikasi dengan kode rujukan {reference} "
                           "beserta berkasnya.")
            batch.results.append(result)
            if result.errors:
                continue
            if result.sha256 in seen:
                result.duplicate_of = -1
                result.add("peringatan", f"berkas yang sama persis dengan {seen[result.sha256]} dalam unggahan "
                           "ini; hanya dihitung sekali")
                continue
            seen[result.sha256] = file_name
            result.duplicate_of = previous_upload(con, election, result.kind, result.sha256)
    finally:
        con.close()
    if progress:
        progress(1.0, "Pemeriksaan selesai")
    return batch


def commit_batch(db_path, batch: Batch, *, uploaded_by: str | None = None, on_wait=None, pelaku=None) -> Batch:
    """Commit every prepared file in one write, or nothing when any file has an error. Each
    committed file is recorded in the audit trail (readiness/jejak.py) as done by `pelaku`
    (an akses.Pengguna, or by default the `uploaded_by` name) in the same write."""
    from .. import jejak
    if not batch.ok:
        return batch
    try:
        with db.writing(db_path, on_wait=on_wait) as con:
            for result in batch.results:
                if result.duplicate_of == -1:
                    continue
                # Another upload may have committed the same file since the preview.
                result.duplicate_of = previous_upload(con, batch.election, result.kind, result.sha256)
                if result.duplicate_of is None:
                    commit(con, result, batch.election, uploaded_by)
                    if result.kind == "masalah":  # merged into the inventory, not versioned
                        from .. import masalah
                        result.gabung = masalah.gabung_unggahan(con, result.upload_id, batch.election,
                                                                pelaku or uploaded_by)
                    jejak.catat(con, pelaku or uploaded_by, "unggah", result.file_name, rincian={
                        "upload_id": result.upload_id, "jenis": result.kind, "pemilihan": batch.election,
                        "baris": result.rows, "kecamatan": len(result.coverage), "sha256": result.sha256})
            if not any(r.upload_id for r in batch.results):
                raise _Rollback(batch)  # nothing new: leave the file (and its version) untouched
    except _Rollback:
        return batch
    batch.committed = True
    return batch


def ingest_files(db_path, files, *, election=None, kind="auto", uploaded_by=None, on_wait=None,
                 progress=None, pelaku=None) -> Batch:
    """Prepare and commit: the command line's `ingest` and the tests' way in."""
    batch = prepare(db_path, files, election=election, kind=kind, progress=progress)
    return commit_batch(db_path, batch, uploaded_by=uploaded_by, on_wait=on_wait, pelaku=pelaku)


class _Rollback(Exception):
    def __init__(self, batch: Batch):
        self.batch = batch


def activate(db_path, upload_id: int, on_wait=None, pelaku=None) -> dict:
    """Make an earlier upload the active version again for every kecamatan it covers (recorded in
    the audit trail as done by `pelaku`, an akses.Pengguna)."""
    from .. import jejak
    with db.writing(db_path, on_wait=on_wait) as con:
        row = con.execute("select election_id, kind, file_name from uploads where upload_id = $id",
                          {"id": upload_id}).fetchone()
        if row is None:
            raise ValueError(f"unggahan #{upload_id} tidak ada")
        if row[1] == "masalah":
            raise ValueError(f"unggahan #{upload_id} adalah inventarisasi permasalahan: isinya sudah digabung ke daftar "
                             "masalah dan tidak berversi; ubah status masalah di halaman Permasalahan")
        con.execute("update uploads set activation = nextval('activation_seq') where upload_id = $id",
                    {"id": upload_id})
        jejak.catat(con, pelaku, "aktifkan", f"unggahan #{upload_id}",
                    rincian={"upload_id": upload_id, "berkas": row[2], "jenis": row[1], "pemilihan": row[0]})
        return {"election": row[0], "kind": row[1], "file_name": row[2]}
