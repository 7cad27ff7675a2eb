"""What reading one file found: its kind, layouts, parsed rows and the problems, each named by file,
sheet, Excel row and column in Indonesian."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .. import fmt
from . import table_end
from .kinds import MAX_MESSAGES
from .workbook import CSV_SHEET

if TYPE_CHECKING:
    import pandas as pd
    import pyarrow as pa

    from .layout import Layout


RANGES_SHOWN = 6  # row ranges a repeated message names before it only counts its rows


@dataclass
class Problem:
    """One message, and every row of the same sheet and column it was said of: a cause repeated
    over many rows (a kecamatan the region does not have, on 21 rows) is one message naming its
    rows (`baris 249–269 (21 baris)`)."""

    level: str  # "galat" (rejects the file) or "peringatan" (committed and listed)
    file: str
    message: str
    sheet: str | None = None
    row: int | None = None  # the first row it was said of
    column: str | None = None
    rows: list[int] = field(default_factory=list)  # every row it was said of, in the order read

    @property
    def baris(self) -> str:
        """The rows as the user reads them: `17`, `249–269 (21 baris)`, `5, 9–11 (4 baris)`."""
        rows = sorted(set(self.rows)) or ([self.row] if self.row else [])
        if len(rows) <= 1:
            return str(rows[0]) if rows else ""
        ranges: list[list[int]] = []
        for r in rows:
            if ranges and r == ranges[-1][1] + 1:
                ranges[-1][1] = r
            else:
                ranges.append([r, r])
        shown = [f"{a}–{b}" if a != b else f"{a}" for a, b in ranges[:RANGES_SHOWN]]
        if len(ranges) > RANGES_SHOWN:
            shown.append("…")
        return f"{', '.join(shown)} ({fmt.angka(len(rows))} baris)"

    def tempat(self) -> list[str]:
        """Where in the file: `sheet 'REKAP'`, `baris 7–27 (21 baris)`, `kolom B (KECAMATAN)`, those known."""
        where = []
        if self.sheet and self.sheet != CSV_SHEET:
            where.append(f"sheet '{self.sheet}'")
        if self.row:
            where.append(f"baris {self.baris}")
        if self.column:
            where.append(f"kolom {self.column}")
        return where

    def text(self) -> str:
        return ", ".join([self.file, *self.tempat()]) + ": " + self.message


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
    wilayah: str = "kabupaten"  # the installation's kind of region, for its whole-region rows: kabupaten | kota
    # The file was opened but no table of the kind asked for was found: the user is asked to choose its kind.
    pilih_jenis: bool = False
    # The rows read, for a result handed on without its frame (readiness/ingest/pekerja.py)
    jumlah_baris: int | None = None
    _said: dict = field(default_factory=dict, repr=False)  # (level, sheet, column, message) -> its Problem

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.level == "galat"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.level == "peringatan"]

    @property
    def rows(self) -> int:
        if self.frame is None:
            return self.jumlah_baris or 0
        return len(self.frame)

    def add(self, level, message, sheet=None, row=None, column=None) -> None:
        """Say `message` of a row (or of the file); the same message of the same sheet and column
        said again of another row names that row too instead of being said twice."""
        key = (level, sheet, column, message)
        if row and (same := self._said.get(key)) is not None and same.row:
            same.rows.append(row)
            return
        if len([p for p in self.problems if p.level == level]) >= MAX_MESSAGES:
            self.hidden_problems += 1
            return
        problem = Problem(level, self.file_name, message, sheet, row, column, [row] if row else [])
        self._said.setdefault(key, problem)
        self.problems.append(problem)

    def describe_coverage(self) -> str:
        kecamatan = len({k for k in self.coverage if len(k) > 5})
        kabkota = len({k for k in self.coverage if len(k) == 5})  # `74.06`: rows of a whole kab/kota
        text = ", ".join(
            part
            for part in (f"{kecamatan} kecamatan" if kecamatan else "", f"{kabkota} kabupaten/kota" if kabkota else "")
            if part
        )
        if "*" in self.coverage:
            text += (" + " if text else "") + f"tingkat {self.wilayah}"
        return text

    def describe_layout(self) -> str:
        parts = []
        for lay in self.layouts:
            rows = f"{lay.header_row + 1}" if lay.header_rows == 1 else f"{lay.header_row + 1}–{lay.data_start}"
            parts.append(f"sheet '{lay.sheet.name}' (judul kolom baris {rows})")
        return "; ".join(parts)

    def describe_footer(self) -> str:
        """One line naming the rows under the table that were not read (table_end.py),
        or nothing when there are none."""
        named = len(self.layouts) > 1
        return table_end.describe(
            [(lay.sheet.name if named else None, *lay.footer) for lay in self.layouts if lay.footer]
        )
