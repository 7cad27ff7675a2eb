"""Opening what analysts upload: .xlsx/.xlsm/.xls/.ods workbooks and .csv files, as sheets of
cell values with Excel's own row numbering, or a clear Indonesian reason why not.

Two readers, each for what it does best: fastexcel parses a sheet once (in Rust) and hands out
Arrow columns, which is how a whole kabupaten's per-voter list (870.000 rows) is read; python-
calamine gives each cell with its own type, which the small recap files need (a number cell
`1.234` and a text cell `1.234` mean different things). Both number rows and columns from A1.
"""
from __future__ import annotations

import csv
import io
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from concurrent.futures import ThreadPoolExecutor

import fastexcel
import pyarrow as pa
import pyarrow.compute as pc
from python_calamine import CalamineWorkbook

from .xlsxstream import XlsxParts

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # legacy .xls, or an encrypted .xlsx
ZIP_MAGIC = b"PK\x03\x04"
HEAD_ROWS = 40


class UnreadableFile(ValueError):
    """The file cannot be read at all; the message is Indonesian."""


CSV_SHEET = "(CSV)"


@dataclass
class Sheet:
    name: str
    rows: list[list]  # rows[i] is Excel row i + 1, rows[i][j] is column j (A = 0); empty cells None
    hidden: bool = False
    # (row, col) of a cell covered by a merged range below its first row -> (row, col) of that first cell
    merged: dict = field(default_factory=dict)


def _clean(value):
    if value == "":
        return None
    if isinstance(value, str):
        value = value.replace("\u00a0", " ").strip()
        return value or None
    return value


PASSWORD = "berkas dilindungi kata sandi; buka di Excel, hapus kata sandi, simpan ulang"
BROKEN = "berkas rusak atau terpotong (tidak dapat dibuka sebagai Excel); unduh ulang berkasnya"


class Book:
    """One uploaded file. `head()` is cheap even for a 80 MB sheet; `sheet()` gives every cell
    typed; `columns()` gives chosen columns of a large sheet as Arrow."""

    def __init__(self, source: bytes | Path, file_name: str):
        """`source` is the file's bytes (an upload) or its path (the command line: a large file
        is then never held in memory whole)."""
        self.file_name = file_name
        self.source = source if isinstance(source, bytes) else Path(source)
        self._parts: XlsxParts | None = None
        self._calamine = None
        self._hidden: set[str] = set()
        lower = file_name.lower()
        size = len(source) if isinstance(source, bytes) else self.source.stat().st_size
        if not size:
            raise UnreadableFile("berkas kosong (0 byte)")
        self.is_csv = lower.endswith((".csv", ".txt"))
        if self.is_csv:
            self._csv_rows = _read_csv(source if isinstance(source, bytes) else self.source.read_bytes())
            self.sheet_names = [CSV_SHEET]
            return
        if isinstance(source, bytes):
            head = source[:8]
        else:
            with open(self.source, "rb") as handle:
                head = handle.read(8)
        if head.startswith(b"%PDF"):
            raise UnreadableFile("berkas ini PDF yang diberi nama Excel; unggah berkas .xlsx, .xls atau .csv")
        if not (head.startswith(ZIP_MAGIC) or head == OLE_MAGIC):
            raise UnreadableFile("bukan berkas Excel (.xlsx/.xls) atau CSV yang dapat dibaca")
        if head.startswith(ZIP_MAGIC):
            _refuse_bomb(self._stream())
            try:
                self._parts = XlsxParts(self._stream())
            except KeyError:
                self._parts = None  # a zip, but not .xlsx (e.g. .ods): the general reader decides
            except Exception:
                raise UnreadableFile(BROKEN) from None
        if self._parts is not None:
            self.sheet_names = [name for name, _, _ in self._parts.sheets]
            self._hidden = {name for name, _, hidden in self._parts.sheets if hidden}
            return
        try:
            self._calamine = self._open_calamine()
            self.sheet_names = list(self._calamine.sheet_names)
            self._hidden = {m.name for m in self._calamine.sheets_metadata if "hidden" in str(m.visible).lower()}
        except Exception:  # the reader raises several types; each means the same to a user
            if head == OLE_MAGIC and lower.endswith((".xlsx", ".xlsm")):
                raise UnreadableFile(PASSWORD) from None
            raise UnreadableFile(BROKEN) from None

    def _stream(self):
        return io.BytesIO(self.source) if isinstance(self.source, bytes) else open(self.source, "rb")

    def _open_calamine(self):
        if isinstance(self.source, bytes):
            return CalamineWorkbook.from_filelike(io.BytesIO(self.source))
        return CalamineWorkbook.from_path(str(self.source))

    def _open_fast(self):
        return fastexcel.read_excel(self.source if isinstance(self.source, bytes) else str(self.source))

    def head(self, name: str, n: int = HEAD_ROWS) -> Sheet:
        """The first rows of a sheet, for finding the header and the kind."""
        if self.is_csv:
            return Sheet(name, self._csv_rows[:n])
        if self._parts is not None:
            try:
                rows = self._parts.head(name, n)
            except Exception:
                raise UnreadableFile(f"sheet '{name}' rusak atau terpotong; unduh ulang berkasnya") from None
            return Sheet(name, [[_clean(v) for v in row] for row in rows], hidden=name in self._hidden)
        full = self.sheet(name)
        return Sheet(name, full.rows[:n], hidden=full.hidden)

    def sheet(self, name: str) -> Sheet:
        """Every cell of a sheet with its own type (numbers, text, dates)."""
        if self.is_csv:
            return Sheet(name, self._csv_rows)
        try:
            if self._calamine is None:
                self._calamine = self._open_calamine()
            found = self._calamine.get_sheet_by_name(name)
            raw = found.to_python(skip_empty_area=False)
            ranges = found.merged_cell_ranges or []
        except Exception:
            raise UnreadableFile(f"sheet '{name}' rusak atau terpotong; unduh ulang berkasnya") from None
        merged = {(r, c): (r1, c1) for (r1, c1), (r2, c2) in ranges
                  for r in range(r1 + 1, r2 + 1) for c in range(c1, c2 + 1)}
        return Sheet(name, [[_clean(v) for v in row] for row in raw], hidden=name in self._hidden, merged=merged)

    def columns(self, name: str, first_row: int, columns: dict[int, str], numeric_flags=(),
                helper: ThreadPoolExecutor | None = None) -> pa.Table:
        """Columns (absolute index -> field name) from 0-based row `first_row` to the end, as
        text, with `_row` (the Excel row number). For each field in `numeric_flags` a boolean
        column `<field>_angka` tells which cells were numbers in Excel. The XML scan for those runs
        on `helper` (a one-thread pool the caller may also give other work) or a pool of its own."""
        flagged = {c: f for c, f in columns.items() if f in numeric_flags}
        if self.is_csv:
            rows = self._csv_rows[first_row:]
            arrays = {f: pa.array([r[c] if c < len(r) else None for r in rows], pa.string())
                      for c, f in columns.items()}
            numeric = {f: set() for f in flagged.values()}
        else:
            numeric_job = None
            if self._parts is not None and flagged:
                # Scanning the XML for number cells runs while the Rust reader parses the sheet.
                pool = helper or ThreadPoolExecutor(max_workers=1)
                numeric_job = pool.submit(self._parts.numeric_rows, name, [column_letter(c) for c in flagged])
            try:
                reader = self._open_fast()
                batch = reader.load_sheet_eager(name, header_row=None, skip_rows=0, dtypes="string",
                                                use_columns=",".join(column_letter(c) for c in sorted(columns)))
            except Exception:
                raise UnreadableFile(f"sheet '{name}' rusak atau terpotong; unduh ulang berkasnya") from None
            table = pa.Table.from_batches([batch]).slice(first_row)
            arrays = {f: table.column(i) for i, f in enumerate(columns[c] for c in sorted(columns))}
            rows = range(table.num_rows)
            if numeric_job is not None:
                by_letter = numeric_job.result()
                if pool is not helper:
                    pool.shutdown()
                numeric = {f: by_letter[column_letter(c)] for c, f in flagged.items()}
            else:
                numeric = self._numeric_by_type(name, flagged, first_row)
        excel_rows = pa.array(range(first_row + 1, first_row + 1 + len(rows)), pa.int32())
        for flagged_field, found in numeric.items():
            arrays[f"{flagged_field}_angka"] = pc.is_in(excel_rows, value_set=pa.array(sorted(found), pa.int32()))
        arrays["_row"] = excel_rows
        return pa.table(arrays)

    def shared_digit_strings(self, length: int):
        """Texts of exactly `length` digits in the workbook's shared-string table, in lists per
        piece (.xlsx only; nothing for other files)."""
        if self._parts is not None:
            yield from self._parts.shared_digit_strings(length)

    def _numeric_by_type(self, name, flagged, first_row) -> dict[str, set[int]]:
        # Legacy .xls/.ods: ask the reader for the same columns as booleans; only number cells convert.
        if not flagged:
            return {}
        reader = self._open_fast()
        batch = reader.load_sheet_eager(name, header_row=None, skip_rows=0, dtypes="boolean",
                                        use_columns=",".join(column_letter(c) for c in sorted(flagged)))
        out = {}
        for i, c in enumerate(sorted(flagged)):
            valid = batch.column(i).is_valid().to_pylist()
            out[flagged[c]] = {r + 1 for r, ok in enumerate(valid) if ok and r >= first_row}
        return out


# A whole kabupaten's per-voter list unpacks to ~700 MB of XML at ~10:1; a file claiming far
# more, or packed far tighter, is a decompression bomb and is refused before anything unpacks it.
MAX_UNPACKED = 3 * 1024**3
MAX_RATIO = 200


def _refuse_bomb(stream) -> None:
    try:
        with zipfile.ZipFile(stream) as archive:
            entries = archive.infolist()
    except zipfile.BadZipFile:
        raise UnreadableFile(BROKEN) from None
    total = sum(e.file_size for e in entries)
    tight = [e for e in entries if e.file_size > 50 * 1024**2 and e.file_size > MAX_RATIO * max(e.compress_size, 1)]
    if total > MAX_UNPACKED or tight:
        raise UnreadableFile("berkas ditolak: isinya membengkak menjadi "
                             f"{total / 1024**3:.1f} GB bila dibuka (batas {MAX_UNPACKED // 1024**3} GB); "
                             "ini bukan ekspor Excel yang wajar".replace(".", ","))


def _read_csv(data: bytes) -> list[list]:
    for encoding in ("utf-8-sig", "cp1252", "latin-1"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    sample = "\n".join(text.splitlines()[:30])
    counts = {d: sample.count(d) for d in (";", ",", "\t")}
    delimiter = max(counts, key=counts.get)
    return [[_clean(v) for v in row] for row in csv.reader(io.StringIO(text), delimiter=delimiter)]


def column_letter(index: int) -> str:
    """0 -> A, 26 -> AA."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters
