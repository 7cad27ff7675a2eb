"""What reading one file found: its kind, layouts, parsed rows and the problems, each named by file,
sheet, Excel row and column in Indonesian."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from . import table_end
from .kinds import MAX_MESSAGES
from .workbook import CSV_SHEET

if TYPE_CHECKING:
    import pandas as pd
    import pyarrow as pa

    from .layout import Layout


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
        """One line naming the rows under the table that were not read (table_end.py),
        or nothing when there are none."""
        named = len(self.layouts) > 1
        return table_end.describe(
            [(lay.sheet.name if named else None, *lay.footer) for lay in self.layouts if lay.footer]
        )
