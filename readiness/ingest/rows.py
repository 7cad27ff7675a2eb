"""Reading a table's rows down to its end: the numbering row and repeated headers skipped, a
kecamatan written once (or in a merged cell) carried down over its desa rows, totals rows set
aside for reconciliation, and RowReader, which turns one row's cells into typed values and names
the row and column of every cell it cannot read."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..names import Gazetteer
from . import table_end
from .cells import ParseError, is_blank, parse_count, parse_date, parse_number, parse_percent
from .kinds import FIELD_TYPE
from .layout import Layout, norm_header
from .result import FileResult

TOTAL_RE = re.compile(r"^(JUMLAH|TOTAL|SUB\s*TOTAL|GRAND\s*TOTAL|JML)\b", re.IGNORECASE)


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
    return tuple((c, norm_header(v)) for c, v in enumerate(row) if v is not None and str(v).strip())


def _total_label(row: list, layout: Layout) -> str | None:
    if layout.kind == "masalah":
        return None  # a problem sheet has no totals; "Jumlah kotak suara kurang" is a problem
    for col in range(min(len(row), 6)):
        value = row[col]
        if isinstance(value, str) and TOTAL_RE.match(value.strip()):
            return value.strip()
    return None


@dataclass
class RawRow:
    sheet: str
    row: int  # Excel row number
    cells: dict[str, object]
    layout: Layout
    # In a province or the nation: the kab/kota the row's Kabupaten/Kota column names (its code),
    # within which its kecamatan is matched (readiness/wilayah/kolom_kabkota.py)
    kode_kabkota: str | None = None


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
    """The index after the table's last row (table_end.py: the signature block and
    notes under it are not data), and the rows under it noted on the layout."""
    rows = layout.sheet.rows
    end = len(rows)
    while end > layout.data_start and not (
        any(v is not None for v in rows[end - 1]) and table_end.is_data(_cells(layout, end - 1), layout.kind, gaz)
    ):
        end -= 1
    below = [i for i in range(end, len(rows)) if any(not is_blank(v) for v in rows[i])]
    layout.footer = (below[0] + 1, below[-1] + 1) if below else None
    return end


def read_rows(layout: Layout, result: FileResult, gaz: Gazetteer) -> tuple[list[RawRow], list[TotalRow]]:
    """The data rows and the totals rows of the layout's table, down to its end; a template's
    example row is skipped with a warning on `result`."""
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


class RowReader:
    """Parses the cells of one data row into typed values, recording problems."""

    def __init__(self, result: FileResult, kind: str):
        self.result, self.kind = result, kind
        self.ok = True
        self._refused: set[tuple] = set()  # (sheet, row, field) of the cells already refused

    def value(self, raw: RawRow, fld: str):
        cell = raw.cells.get(fld)
        kind_type = FIELD_TYPE.get(fld, "text")
        try:
            if kind_type == "count":
                return parse_count(cell)
            if kind_type == "percent":
                return parse_percent(cell)
            if kind_type == "date":
                return parse_date(cell, tahun_pendek=fld == "tanggal")
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
        """Record a problem of one cell (or of the row, without `fld`). One cause, one message: a
        cell already refused is not refused again for what follows from it (a count that is text
        is not also said to be empty)."""
        if level == "galat":
            self.ok = False
            if fld is not None:
                cell = (raw.sheet, raw.row, fld)
                if cell in self._refused:
                    return
                self._refused.add(cell)
        column = raw.layout.column_label(fld) if fld else None
        self.result.add(level, message, raw.sheet, raw.row, column)
