"""Where a sheet's table is and which column is which field: the header row(s) found with the
synonyms in header_synonyms.csv, a two-row header (`JUMLAH PEMILIH` over `L | P | L+P`) read as one,
and, for an upload of unknown kind, the kind whose fields the sheets hold."""

from __future__ import annotations

import csv
import difflib
import re
from collections import defaultdict
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .. import teks
from .kinds import HEADER_SEARCH_ROWS, KINDS, OTHER_KINDS, REQUIRED
from .workbook import Sheet, column_letter


def norm_header(text) -> str:
    return re.sub(r"\s+", " ", re.sub(r"[^0-9A-Z+%]+", " ", str(text).upper())).strip()


_UNIT = re.compile(r"(?: (?:%|PERSEN|JIWA|ORANG))+$")


def _without_unit(header: str) -> str:
    """A normalised header without the unit written after it."""
    return _UNIT.sub("", header)


def _load_synonyms() -> dict[str, dict[str, str]]:
    table: dict[str, dict[str, str]] = {k: {} for k in KINDS + OTHER_KINDS}
    path = Path(__file__).with_name("header_synonyms.csv")
    with path.open(encoding="utf-8") as handle:
        rows = [line for line in handle if not line.startswith("#")]
    for row in csv.DictReader(rows):
        kinds = KINDS + OTHER_KINDS if row["kind"] == "*" else (row["kind"],)
        for kind in kinds:
            table[kind].setdefault(norm_header(row["synonym"]), row["field"])
    return table


SYNONYMS = _load_synonyms()


@dataclass
class Layout:
    sheet: Sheet
    kind: str
    header_row: int  # 0-based index of the first header row
    header_rows: int  # 1, 2 or 3
    columns: dict[int, str]  # column index -> field
    names: list[str]  # header text per column, as shown to the user
    score: int
    # (first, last) Excel row of what stands under the table (signature, notes): not read
    footer: tuple[int, int] | None = None
    # column index -> the known header it was read as, for a header that only resembles one
    # (`TARGET PARTISPASI`): accepted only for a kind the user chose, and said as a warning
    mirip: dict[int, str] = field(default_factory=dict)

    @property
    def data_start(self) -> int:
        return self.header_row + self.header_rows

    def column_label(self, field_name: str) -> str:
        for col, f in self.columns.items():
            if f == field_name:
                return f"{column_letter(col)} ({self.names[col]})"
        return teks.KOLOM.get(field_name, field_name)


def header_names(rows: list[list], r: int, n: int) -> list[str]:
    """The name of each column of the header in rows r … r+n-1 (n = 1, 2 or 3): a header above
    others, merged across the columns under it (written only in its first cell), joins them as
    `DAFTAR PEMILIH TETAP / JUMLAH PEMILIH / L`; a header merged down over the rows below it is
    the column's name alone."""
    grid = [list(rows[r + k]) if r + k < len(rows) else [] for k in range(n)]
    width = max(len(line) for line in grid)
    grid = [line + [None] * (width - len(line)) for line in grid]
    names = []
    parents = [""] * (n - 1)
    for c in range(width):
        for k in range(n - 1):
            if grid[k][c] is not None:
                parents[k] = str(grid[k][c]).strip()
            elif all(grid[j][c] is None for j in range(k + 1, n)):
                parents[k] = ""  # nothing under it either: the parent's span has ended
        child = "" if grid[n - 1][c] is None else str(grid[n - 1][c]).strip()
        if child and any(parents):
            names.append(" / ".join([p for p in parents if p] + [child]))
        else:
            own = next((str(grid[k][c]).strip() for k in range(n) if grid[k][c] is not None), "")
            names.append(child or own)
    return names


# A header that only resembles a known one is read as it when the user chose the kind: a typo
# (`KECAMTAN`, `TARGET PARTISPASI`) in a hand-made sheet. Short headers (`L`, `P`, `NO`) never.
MIRIP_PANJANG = 5
MIRIP_RASIO = 0.85


def map_columns(kind: str, names: list[str], mirip: dict[int, str] | None = None) -> dict[int, str]:
    """Which column is which field of `kind`, by the known headers (header_synonyms.csv). Given a
    `mirip` dict, a header that closely resembles a known one is read as it too, and noted there."""
    synonyms = SYNONYMS[kind]
    mapped: dict[int, str] = {}
    used: set[str] = set()
    for col, name in enumerate(names):
        if not name:
            continue
        candidates = [norm_header(name)]
        if " / " in name:  # below its parents: the header under the top one, or the lowest alone
            candidates += [norm_header(name.split(" / ", 1)[1]), norm_header(name.rsplit(" / ", 1)[1])]
        # a unit written after the name ("PARTISIPASI SEBELUMNYA (%)", "DPT (JIWA)") names the same column
        candidates += [_without_unit(c) for c in candidates if _without_unit(c) != c]
        for candidate in candidates:
            fld = synonyms.get(candidate)
            if fld and fld not in used:
                mapped[col] = fld
                used.add(fld)
                break
    if mirip is not None:
        for col, name in enumerate(names):
            if col in mapped or len(norm_header(name)) < MIRIP_PANJANG:
                continue
            known = [k for k, f in synonyms.items() if len(k) >= MIRIP_PANJANG and f not in used]
            close = difflib.get_close_matches(norm_header(name), known, n=1, cutoff=MIRIP_RASIO)
            if close:
                mapped[col] = synonyms[close[0]]
                used.add(synonyms[close[0]])
                mirip[col] = close[0]
    return mapped


def find_layout(
    sheet: Sheet, kinds: Iterable[str] = KINDS, *, required: Collection[str] | None = None, mirip: bool = False
) -> Layout | None:
    """The header in the sheet's first HEADER_SEARCH_ROWS rows that recognises the most fields of
    one of `kinds` and holds one of that kind's REQUIRED field sets (or, when given, all of
    `required`: the kinds of OTHER_KINDS name theirs), or None. With `mirip`, headers that
    closely resemble known ones count too (Layout.mirip names them)."""
    needs = (lambda kind: [set(required)]) if required is not None else REQUIRED.__getitem__
    best: Layout | None = None
    rows = sheet.rows
    for r in range(min(HEADER_SEARCH_ROWS, len(rows))):
        if sum(1 for v in rows[r] if v is not None) < 1:
            continue
        for n in (1, 2, 3):
            if r + n > len(rows):
                continue
            names = header_names(rows, r, n)
            for kind in kinds:
                resembling: dict[int, str] | None = {} if mirip else None
                columns = map_columns(kind, names, resembling)
                found = set(columns.values())
                if not any(req <= found for req in needs(kind)):
                    continue
                # More fields recognised wins; on a tie the one-row header (a title row just
                # above a header is not a parent header).
                score = len(columns) * 2 - (n - 1)
                if best is None or score > best.score:
                    best = Layout(sheet, kind, r, n, columns, names, score, mirip=resembling or {})
    return best


def _looks_like_tps_list(layout: Layout) -> bool:
    """A recap has one row per desa; a TPS list has several rows per desa."""
    desa_col = next((c for c, f in layout.columns.items() if f == "desa"), None)
    if desa_col is None:
        return False
    seen, repeats = set(), 0
    for row in layout.sheet.rows[layout.data_start : layout.data_start + 300]:
        value = row[desa_col] if desa_col < len(row) else None
        if value is None:
            continue
        repeats += value in seen
        seen.add(value)
    return repeats > len(seen) // 2


def choose_layouts(sheets: list[Sheet], kind: str) -> tuple[str | None, list[Layout], list[Sheet]]:
    """The kind (detected when 'auto'), the data sheets and the hidden sheets skipped."""
    kinds = KINDS if kind == "auto" else (kind,)
    found = [(s, find_layout(s, kinds)) for s in sheets]
    found = [(s, lay) for s, lay in found if lay is not None]
    if not found and kind != "auto":  # the user says what the file is: a mistyped header will do
        found = [(s, find_layout(s, kinds, mirip=True)) for s in sheets]
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
            alt = find_layout(lay.sheet, (other,))
            if alt is not None and alt.score == lay.score:
                kind = "tps" if _looks_like_tps_list(lay) else "pemilih"
        found = [(s, find_layout(s, (kind,))) for s, _ in found]
        found = [(s, lay) for s, lay in found if lay is not None]
    hidden = [s for s, _ in found if s.hidden]
    layouts = [lay for s, lay in found if not s.hidden]
    if not layouts and hidden:  # only hidden sheets hold data: use them rather than refuse
        layouts, hidden = [lay for _, lay in found], []
    return kind, layouts, hidden
