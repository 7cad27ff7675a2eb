"""Opening what analysts upload: .xlsx/.xlsm/.xls/.ods workbooks and .csv files, as sheets of
cell values with Excel's own row numbering, or a clear Indonesian reason why not.

Readers, each for what it does best: an .xlsx per-voter list (a whole kabupaten: 870.000 rows) is
read in batches of rows straight from the sheet's XML (sheet_batches.py), so memory holds a piece
of the sheet and the columns kept, never the whole sheet; fastexcel parses a sheet once (in Rust)
and hands out Arrow columns, for the same lists as .xls/.ods; python-calamine gives each cell with
its own type, which the small recap files need (a number cell `1.234` and a text cell `1.234` mean
different things). All number rows and columns from A1.
"""

from __future__ import annotations

import csv
import io
import zipfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import fastexcel
import pyarrow as pa
import pyarrow.compute as pc
from python_calamine import CalamineWorkbook

from .. import fmt
from . import column_text, sheet_batches
from .stream import Extent, HeadTooLarge, XlsxParts, column_letter, ods_extents

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
        self._members: dict[str, zipfile.ZipInfo] = {}
        self._checked: dict[tuple[str, str], Extent] = {}
        self._shared_stats: tuple[int, int] | None = None
        self._shared = None  # the shared-string table, once column_batches has read it
        self._dates = (frozenset(), False)  # the date styles (column_text.date_styles), read with it
        if self.is_csv:
            if size > MAX_CSV:
                raise self.refused(f"berkas CSV {_ukuran(size)} (batas {_ukuran(MAX_CSV)})")
            data = source if isinstance(source, bytes) else self.source.read_bytes()
            self._csv_rows = _read_csv(data, self.refused)
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
        if head == OLE_MAGIC and size > MAX_LEGACY:
            raise self.refused(f"berkas Excel lama (.xls) {_ukuran(size)} (batas {_ukuran(MAX_LEGACY)})")
        if head.startswith(ZIP_MAGIC):
            self._members = _refuse_bomb(self._stream(), self.refused)
            try:
                self._parts = XlsxParts(self._stream())
            except KeyError:
                self._parts = None  # a zip, but not .xlsx (e.g. .ods): the general reader decides
            except Exception:
                raise UnreadableFile(BROKEN) from None
        if self._parts is None and size > MAX_LEGACY:  # .ods: no sheet XML of ours to measure
            raise self.refused(f"berkas {_ukuran(size)} (batas {_ukuran(MAX_LEGACY)} untuk selain .xlsx)")
        if self._parts is not None:
            self.sheet_names = [name for name, _, _ in self._parts.sheets]
            self._hidden = {name for name, _, hidden in self._parts.sheets if hidden}
            return
        if "content.xml" in self._members:
            self._check_ods()  # the reader expands every table of an .ods as it opens the file
        try:
            self._calamine = self._open_calamine()
            self.sheet_names = list(self._calamine.sheet_names)
            self._hidden = {m.name for m in self._calamine.sheets_metadata if "hidden" in str(m.visible).lower()}
        except Exception:  # the reader raises several types; each means the same to a user
            if head == OLE_MAGIC and lower.endswith((".xlsx", ".xlsm")):
                raise UnreadableFile(PASSWORD) from None
            raise UnreadableFile(BROKEN) from None

    def refused(self, reason: str) -> UnreadableFile:
        """The message for a file refused as a decompression bomb or beyond what exports need."""
        return UnreadableFile(
            f"berkas {self.file_name} ditolak: {reason}; ini bukan ekspor Excel yang wajar. "
            "Simpan ulang hanya sheet datanya (tanpa baris/kolom kosong berformat) lalu unggah lagi"
        )

    def _check_memory(self, name: str, route: str, used_columns: int = 0) -> None:
        """Refuse a sheet whose reading would need more than READER_BUDGET (an estimate from its
        cell count and the rectangle the cells span: see reader_bytes), before any reader parses it."""
        key = (name, route)
        if key in self._checked:
            return
        if self._parts is None:
            return  # .xls: bounded by its file size and its 65.536 rows; .ods: checked on opening
        member = self._members.get(self._parts.path(name))
        sheet_xml = member.file_size if member else 0
        shared = self._members.get("xl/sharedStrings.xml")
        shared_xml = shared.file_size if shared else 0
        try:
            extent = self._parts.extent(name)
            if self._shared_stats is None:
                self._shared_stats = self._parts.shared_strings_stats() if shared_xml else (0, 0)
            shared = self._shared_stats
            need = reader_bytes(route, extent, sheet_xml, shared_xml, *shared, used_columns)
            if need > READER_BUDGET:  # the cheap count bounds rows by 10^digits; count them exactly
                extent = self._parts.extent(name, precise=True)
                need = reader_bytes(route, extent, sheet_xml, shared_xml, *shared, used_columns)
        except Exception:
            raise UnreadableFile(f"sheet '{name}' rusak atau terpotong; unduh ulang berkasnya") from None
        if need > READER_BUDGET:
            raise self._too_large(name, extent, need)
        self._checked[key] = extent

    def _check_ods(self) -> None:
        """An .ods: rows and cells may be repeated by count; all its tables are read at once."""
        try:
            with zipfile.ZipFile(self._stream()) as archive:
                extents = ods_extents(archive)
        except Exception:
            raise UnreadableFile(BROKEN) from None
        xml = self._members["content.xml"].file_size
        needs = {name: reader_bytes("sheet", extent, xml, 0, 0, 0) for name, extent in extents.items()}
        if sum(needs.values()) > READER_BUDGET:
            name = max(needs, key=needs.get)
            raise self._too_large(name, extents[name], sum(needs.values()))

    def _too_large(self, name: str, extent: Extent, need: int) -> UnreadableFile:
        return self.refused(
            f"sheet '{name}' berisi {fmt.angka(extent.cells)} sel dalam {fmt.angka(extent.rows)} baris × "
            f"{fmt.angka(extent.columns)} kolom, perlu sekitar {_ukuran(need)} memori untuk dibaca "
            f"(batas {_ukuran(READER_BUDGET)})"
        )

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
            except HeadTooLarge as exc:
                raise self.refused(
                    f"{exc.n_rows} baris pertama sheet '{name}' lebih besar daripada isi ekspor mana pun"
                ) from None
            except Exception:
                raise UnreadableFile(f"sheet '{name}' rusak atau terpotong; unduh ulang berkasnya") from None
            return Sheet(name, [[_clean(v) for v in row] for row in rows], hidden=name in self._hidden)
        full = self.sheet(name)
        return Sheet(name, full.rows[:n], hidden=full.hidden)

    def sheet(self, name: str) -> Sheet:
        """Every cell of a sheet with its own type (numbers, text, dates)."""
        if self.is_csv:
            return Sheet(name, self._csv_rows)
        self._check_memory(name, "sheet")
        try:
            if self._calamine is None:
                self._calamine = self._open_calamine()
            found = self._calamine.get_sheet_by_name(name)
            raw = found.to_python(skip_empty_area=False)
            ranges = found.merged_cell_ranges or []
        except Exception:
            raise UnreadableFile(f"sheet '{name}' rusak atau terpotong; unduh ulang berkasnya") from None
        merged = {
            (r, c): (r1, c1) for (r1, c1), (r2, c2) in ranges for r in range(r1 + 1, r2 + 1) for c in range(c1, c2 + 1)
        }
        return Sheet(name, [[_clean(v) for v in row] for row in raw], hidden=name in self._hidden, merged=merged)

    def columns(
        self,
        name: str,
        first_row: int,
        columns: dict[int, str],
        numeric_flags=(),
        helper: ThreadPoolExecutor | None = None,
    ) -> pa.Table:
        """Columns (absolute index -> field name) from 0-based row `first_row` to the end, as
        text, with `_row` (the Excel row number). For each field in `numeric_flags` a boolean
        column `<field>_angka` tells which cells were numbers in Excel. The XML scan for those runs
        on `helper` (a one-thread pool the caller may also give other work) or a pool of its own."""
        flagged = {c: f for c, f in columns.items() if f in numeric_flags}
        if self.is_csv:
            rows = self._csv_rows[first_row:]
            arrays = {
                f: pa.array([r[c] if c < len(r) else None for r in rows], pa.string()) for c, f in columns.items()
            }
            numeric = {f: set() for f in flagged.values()}
        else:
            self._check_memory(name, "columns", len(columns))
            numeric_job = None
            if self._parts is not None and flagged:
                # Scanning the XML for number cells runs while the Rust reader parses the sheet.
                pool = helper or ThreadPoolExecutor(max_workers=1)
                numeric_job = pool.submit(self._parts.numeric_rows, name, [column_letter(c) for c in flagged])
            try:
                reader = self._open_fast()
                batch = reader.load_sheet_eager(
                    name,
                    header_row=None,
                    skip_rows=0,
                    dtypes="string",
                    use_columns=",".join(column_letter(c) for c in sorted(columns)),
                )
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

    @property
    def batched(self) -> bool:
        """Whether column_batches reads this file (an .xlsx) piece by piece."""
        return self._parts is not None

    def column_batches(self, name: str, first_row: int, columns: dict[int, str], numeric_flags=()):
        """What columns() gives, for an .xlsx, in batches of rows read while the sheet's XML is
        unpacked (sheet_batches.py): memory holds one piece of the sheet, never the whole sheet, so
        no estimate is made beforehand; a sheet of more than MAX_BATCH_ROWS rows with a wanted cell
        is refused when the reading gets there. Only rows with a wanted cell are given."""
        if self._shared is None:
            try:
                self._shared = sheet_batches.shared_strings(self._parts.zip)
                self._dates = column_text.date_styles(self._parts.zip)
            except Exception:
                raise UnreadableFile("daftar teks atau gaya berkas rusak; unduh ulang berkasnya") from None
        cells = sheet_batches.SheetCells(self._parts.zip, self._parts.path(name), self._shared, self._dates)
        flagged = {f for f in columns.values() if f in numeric_flags}
        rows = 0
        reading = cells.batches(first_row, columns, flagged)
        while True:
            try:
                batch = next(reading, None)
            except Exception:
                raise UnreadableFile(f"sheet '{name}' rusak atau terpotong; unduh ulang berkasnya") from None
            if batch is None:
                return
            rows += batch.num_rows
            if rows > MAX_BATCH_ROWS:
                raise self.refused(
                    f"sheet '{name}' berisi lebih dari {fmt.angka(MAX_BATCH_ROWS)} baris data "
                    "(daftar pemilih kabupaten/kota terbesar pun di bawahnya; daftar satu provinsi diunggah per kabupaten/kota)"
                )
            for name_ in flagged:
                if f"{name_}_angka" not in batch.column_names:
                    batch = batch.append_column(f"{name_}_angka", pa.array([False] * batch.num_rows))
            yield batch

    def release_shared(self) -> None:
        """Let go of the shared-string table column_batches read (tens of MiB for a kabupaten)."""
        self._shared = None

    def _numeric_by_type(self, name, flagged, first_row) -> dict[str, set[int]]:
        # Legacy .xls/.ods: ask the reader for the same columns as booleans; only number cells convert.
        if not flagged:
            return {}
        reader = self._open_fast()
        batch = reader.load_sheet_eager(
            name,
            header_row=None,
            skip_rows=0,
            dtypes="boolean",
            use_columns=",".join(column_letter(c) for c in sorted(flagged)),
        )
        out = {}
        for i, c in enumerate(sorted(flagged)):
            valid = batch.column(i).is_valid().to_pylist()
            out[flagged[c]] = {r + 1 for r, ok in enumerate(valid) if ok and r >= first_row}
        return out


# Limits from what real files need (bench/bench_bomb.py measures them; figures in bench/RESULTS.md).
# Packed ratio of the largest part, measured: whole-kabupaten voter list 8,8:1 (shared strings,
# sheet 545 MiB) and 10,9:1 (inline strings, sheet 793 MiB); bundled samples 4,6–9,8:1; styled
# recaps from openpyxl and xlsxwriter 8,0–8,1:1; sheets of 0,5–1,5 million empty formatted cells
# 11,4–16,1:1, the tightest legitimate packing seen. A part packed 6x tighter than that is a bomb
# (the tester's packed 158:1); anything looser is bounded by the memory estimate below.
MAX_MEMBERS = 1000  # a workbook has ~10 parts; with many sheets, images and charts a few hundred
# All parts together. The inline-strings list of 872.218 voters is 0,83 GB (~0,95 kB per voter),
# so the largest kabupaten's list (Kabupaten Bogor, near 4 million voters) is ~3,8 GB; a sheet of
# voters is streamed in batches, so this bounds the time a file can take, not the memory.
MAX_UNPACKED = 5 * 1024**3
MAX_RATIO = 100  # per part larger than RATIO_FROM
RATIO_FROM = 1024**2
MAX_SHARED_STRINGS = 512 * 1024**2  # 60 MB for 872.218 voters (2,06 million strings): ~280 MB near 4 million
MAX_OTHER_PART = 64 * 1024**2  # workbook.xml, styles.xml, relations: kilobytes in real files
MAX_CSV = 400 * 1024**2  # the kabupaten list saved as CSV is ~150 MB
MAX_LEGACY = 100 * 1024**2  # .xls holds at most 65.536 rows; .ods is parsed whole
# Rows of a sheet read in batches (a per-voter list): memory grows with the rows kept, not with the
# sheet's cells or rectangle: the whole-kabupaten list (872.218 rows) peaks near 400 MiB and each
# further 100.000 rows add about 9 MiB (bench/RESULTS.md), so the largest kabupaten (Bogor, near 4
# million voters) fits with room. A larger list (a province's) is uploaded per kab/kota.
MAX_BATCH_ROWS = 5_000_000

# Memory while reading a sheet. The readers (calamine, under both python-calamine and fastexcel)
# first collect every cell with a value, then allocate the whole rectangle from A1 to the farthest
# cell; a text shared by many cells is copied into each. Bytes per unit, fitted to the peak RSS of a
# child reading synthetic sheets (bench/bench_bomb.py, part 2: the estimate is 1,0–1,9x what each
# one measured, never below):
#   "sheet" (python-calamine to_python, every cell a Python object, for the small kinds): 72 per
#     rectangle cell, 24 per cell, text twice (Rust and Python);
#   "columns" (fastexcel into Arrow, only the chosen columns, for the per-voter list): 34 per
#     rectangle cell, 28 per cell, text once, shared texts copied into Arrow 1,15x (buffers grow).
# After the read, the rows are checked: the per-voter list in DuckDB holds ~270 bytes a row beyond
# the reader (a bomb of 3,6 million rows peaked 930 MiB above its reader), the small kinds keep a
# Python record per row: 320 and 1.500 bytes a row.
# The largest legitimate file, the whole-kabupaten list, is estimated at 1.832 MiB (inline strings)
# and 2.135 MiB (shared strings; the longest shared text, a title, counted for every voter); its
# ingest peaks at 1.636 and 1.446 MiB. READER_BUDGET admits both with room for a few more columns;
# with what the server or CLI holds besides (~0,25 GiB, and the uploaded bytes), no file within these
# limits takes the process over MEMORY_BUDGET: bombs estimated at 90% of READER_BUDGET peak at 1.820
# MiB (per-voter list) and 1.001 MiB (recap); at 110% they are refused at 0,22 GiB (bench/RESULTS.md).
READER_BUDGET = 2304 * 1024**2  # 2,25 GiB
MEMORY_BUDGET = 2816 * 1024**2  # 2,75 GiB
_PER_AREA = {"sheet": 72, "columns": 34}
_PER_CELL = {"sheet": 24, "columns": 28}
_PER_ROW = {"sheet": 1500, "columns": 320}
_TEXT_COPIES = {"sheet": 2, "columns": 1}
_SHARED_COPIES = {"sheet": 2, "columns": 1.15}
_PER_SHARED = 48  # per string of the shared-string table, besides its text
_CELL_XML_MIN = 18  # <c r="A1"><v></v></c> around a value


def reader_bytes(
    route: str,
    extent: Extent,
    sheet_xml: int,
    shared_xml: int,
    shared_count: int,
    longest_shared: int,
    used_columns: int = 0,
) -> int:
    """Bytes reading and checking a sheet needs: the rectangle, the cells, the rows, their own text
    (bounded by the sheet's XML beyond the tags, when any cell holds text), the shared-string table,
    and copies of shared texts (each cell, or with "columns" each chosen cell, may point at the
    longest)."""
    text = max(sheet_xml - _CELL_XML_MIN * extent.cells, 0) if extent.own_text else 0
    copies = (extent.cells if route == "sheet" else extent.rows * used_columns) * longest_shared
    return int(
        extent.area * _PER_AREA[route]
        + extent.cells * _PER_CELL[route]
        + extent.rows * _PER_ROW[route]
        + shared_count * _PER_SHARED
        + shared_xml
        + text * _TEXT_COPIES[route]
        + copies * _SHARED_COPIES[route]
    )


def _ukuran(n: int) -> str:
    """`1,5 GB`, `820 MB` (binary units, as file managers show them)."""
    if n >= 1024**3:
        return f"{fmt.angka(n / 1024**3, 1)} GB"
    return f"{fmt.angka(max(n / 1024**2, 0.1), 1 if n < 10 * 1024**2 else 0)} MB"


def _refuse_bomb(stream, refused) -> dict[str, zipfile.ZipInfo]:
    """Checks the zip directory before anything is unpacked; returns its entries by name."""
    try:
        with zipfile.ZipFile(stream) as archive:
            entries = archive.infolist()
    except zipfile.BadZipFile:
        raise UnreadableFile(BROKEN) from None
    if len(entries) > MAX_MEMBERS:
        raise refused(f"berisi {fmt.angka(len(entries))} bagian (batas {fmt.angka(MAX_MEMBERS)})")
    total = sum(e.file_size for e in entries)
    if total > MAX_UNPACKED:
        raise refused(f"isinya membengkak menjadi {_ukuran(total)} bila dibuka (batas {_ukuran(MAX_UNPACKED)})")
    for e in entries:
        ratio = e.file_size / max(e.compress_size, 1)
        if e.file_size > RATIO_FROM and ratio > MAX_RATIO:
            raise refused(f"bagian {e.filename} dimampatkan {fmt.angka(ratio)} kali (batas {MAX_RATIO} kali)")
        if e.filename == "xl/sharedStrings.xml" and e.file_size > MAX_SHARED_STRINGS:
            raise refused(
                f"daftar teksnya (sharedStrings) {_ukuran(e.file_size)} bila dibuka "
                f"(batas {_ukuran(MAX_SHARED_STRINGS)})"
            )
        if (
            e.filename.endswith((".xml", ".rels"))
            and e.file_size > MAX_OTHER_PART
            and not e.filename.startswith("xl/worksheets/")
            and e.filename != "xl/sharedStrings.xml"
            and e.filename != "content.xml"
        ):
            raise refused(f"bagian {e.filename} {_ukuran(e.file_size)} bila dibuka (batas {_ukuran(MAX_OTHER_PART)})")
    return {e.filename: e for e in entries}


def _csv_encoding(data: bytes) -> str | None:
    """The encoding a BOM names (Excel's "Unicode text" is UTF-16 LE with a BOM), or UTF-16 told by
    its NUL bytes (ASCII text in UTF-16 has every other byte NUL); None: decide by trying."""
    if data.startswith(b"\xef\xbb\xbf"):
        return "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16"  # the BOM tells the byte order, and is dropped
    head = data[:4096]
    if len(head) >= 4 and head.count(0) * 3 >= len(head):
        even, odd = head[0::2].count(0), head[1::2].count(0)
        return "utf-16-le" if odd > even else "utf-16-be"
    return None


CSV_BYTES_PER_CELL = 64  # a list slot in the raw and the cleaned row, and a short str


def _read_csv(data: bytes, refused=None) -> list[list]:
    encoding = _csv_encoding(data)
    if encoding:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            raise UnreadableFile(
                f"berkas teks ini tidak dapat dibaca sebagai {encoding.upper()}; "
                "simpan ulang dari Excel sebagai CSV UTF-8"
            ) from None
    else:
        for candidate in ("utf-8", "cp1252", "latin-1"):
            try:
                text = data.decode(candidate)
                break
            except UnicodeDecodeError:
                continue
    sample = "\n".join(text[: 1 << 16].splitlines()[:30])
    counts = {d: sample.count(d) for d in (";", ",", "\t")}
    delimiter = max(counts, key=counts.get)
    cells = text.count(delimiter) + text.count("\n") + 1
    need = cells * CSV_BYTES_PER_CELL + len(data) + len(text) * 2
    if refused is not None and need > READER_BUDGET:
        raise refused(
            f"berisi sekitar {fmt.angka(cells)} sel, perlu sekitar {_ukuran(need)} memori untuk dibaca "
            f"(batas {_ukuran(READER_BUDGET)})"
        )
    return [[_clean(v) for v in row] for row in csv.reader(io.StringIO(text), delimiter=delimiter)]
