"""Building spreadsheets for tests the way government exports look (titles, merged headers,
totals rows, numbers as text)."""
from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook


def write(path: Path, rows: list[list], sheet: str = "Sheet1", merges: tuple[str, ...] = (),
          extra_sheets: dict[str, list[list]] | None = None, hidden: tuple[str, ...] = ()) -> Path:
    wb = Workbook()
    ws = wb.active
    ws.title = sheet
    for row in rows:
        ws.append(row)
    for rng in merges:
        ws.merge_cells(rng)
    for name, extra in (extra_sheets or {}).items():
        other = wb.create_sheet(name)
        for row in extra:
            other.append(row)
        if name in hidden:
            other.sheet_state = "hidden"
    wb.save(path)
    return path


def recap(path: Path, desa_rows: list[tuple], total: tuple | None = None, title: bool = True) -> Path:
    """A pemilih recap: rows of (kecamatan, desa, tps, L, P, L+P) under a two-row merged header."""
    rows = []
    if title:
        rows += [["REKAPITULASI DPT PILKADA 2024"], ["KABUPATEN PROBOLINGGO"], []]
    start = len(rows) + 1
    rows += [["NO", "KECAMATAN", "DESA/KELURAHAN", "JUMLAH TPS", "JUMLAH PEMILIH", None, None],
             [None, None, None, None, "L", "P", "L+P"]]
    for i, r in enumerate(desa_rows, 1):
        rows.append([i, *r])
    if total:
        rows.append([None, "JUMLAH", None, *total])
    merges = (f"E{start}:G{start}", f"A{start}:A{start + 1}", f"B{start}:B{start + 1}")
    return write(path, rows, sheet="REKAP", merges=merges)


def rename_sheet(path: Path, old: str, new: str) -> Path:
    """Give a sheet a name Excel's dialog would refuse (`[`, `]`, `/`, `:`): what a file made by
    another program, or crafted, can carry all the same."""
    import zipfile
    from xml.sax.saxutils import quoteattr
    with zipfile.ZipFile(path) as z:
        members = {info: z.read(info.filename) for info in z.infolist()}
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for info, data in members.items():
            if info.filename == "xl/workbook.xml":
                data = data.replace(f'name="{old}"'.encode(), f"name={quoteattr(new)}".encode())
            z.writestr(info, data)
    return path
