"""Building spreadsheets for tests the way government exports look (titles, merged headers,
totals rows, numbers as text)."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook

from readiness.ingest.workbook import column_letter


def write(
    path: Path,
    rows: list[list],
    sheet: str = "Sheet1",
    merges: tuple[str, ...] = (),
    extra_sheets: dict[str, list[list]] | None = None,
    hidden: tuple[str, ...] = (),
) -> Path:
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
    rows += [
        ["NO", "KECAMATAN", "DESA/KELURAHAN", "JUMLAH TPS", "JUMLAH PEMILIH", None, None],
        [None, None, None, None, "L", "P", "L+P"],
    ]
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


_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG = "http://schemas.openxmlformats.org/package/2006/relationships"


def bomb(
    path: Path,
    rows: int,
    header: list[str] | None = None,
    cell: str = '<c r="{col}{row}"><v>1</v></c>',
    columns: int | None = None,
    far_cell: str | None = None,
    shared_strings: int = 0,
    extra_members: int = 0,
    level: int = 9,
) -> Path:
    """A workbook whose one sheet repeats the same data row `rows` times under `header` (as a
    decompression bomb does: tiny packed, huge unpacked). The XML is written in pieces straight
    into the deflated member, never held whole. `cell` is the XML of one cell ({col}, {row});
    `far_cell` (e.g. "XFD1000000") adds one cell far away; `shared_strings` writes a table of that
    many short strings; `extra_members` adds that many tiny parts."""
    import zipfile

    header = header or []
    width = columns or max(len(header), 1)
    letters = [column_letter(c) for c in range(width)]
    rels = (
        f'<Relationships xmlns="{_PKG}"><Relationship Id="rId1" Type="{_REL}/worksheet" '
        f'Target="worksheets/sheet1.xml"/>'
        + (
            f'<Relationship Id="rId2" Type="{_REL}/sharedStrings" Target="sharedStrings.xml"/>'
            if shared_strings
            else ""
        )
        + "</Relationships>"
    )
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=level) as archive:
        archive.writestr(
            "[Content_Types].xml",
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/'
            'content-types"><Default Extension="xml" ContentType="application/xml"/></Types>',
        )
        archive.writestr(
            "_rels/.rels",
            f'<Relationships xmlns="{_PKG}"><Relationship Id="rId1" '
            f'Type="{_REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        )
        archive.writestr(
            "xl/workbook.xml",
            f'<workbook xmlns="{_MAIN}" xmlns:r="{_REL}"><sheets>'
            '<sheet name="DATA" sheetId="1" r:id="rId1"/></sheets></workbook>',
        )
        archive.writestr("xl/_rels/workbook.xml.rels", rels)
        for number in range(extra_members):
            archive.writestr(f"customXml/item{number}.xml", "<x/>")
        if shared_strings:
            with archive.open("xl/sharedStrings.xml", "w", force_zip64=True) as member:
                member.write(f'<sst xmlns="{_MAIN}">'.encode())
                block = []
                for number in range(shared_strings):
                    block.append(f"<si><t>{number % 10}</t></si>")
                    if len(block) == 10000:
                        member.write("".join(block).encode())
                        block = []
                member.write(("".join(block) + "</sst>").encode())
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as member:
            member.write(f'<worksheet xmlns="{_MAIN}"><sheetData>'.encode())
            if header:
                member.write(
                    (
                        '<row r="1">'
                        + "".join(
                            f'<c r="{letters[c]}1" t="inlineStr"><is><t>{h}</t></is></c>' for c, h in enumerate(header)
                        )
                        + "</row>"
                    ).encode()
                )
            first = 2 if header else 1
            # One row's XML with its number left open: the cells are formatted once, not in every row.
            template = '<row r="{row}">' + "".join(cell.format(col=col, row="{row}") for col in letters) + "</row>"
            block = []
            for row in range(first, first + rows):
                block.append(template.format(row=row))
                if len(block) == 2000:
                    member.write("".join(block).encode())
                    block = []
            if far_cell:
                block.append(
                    f'<row r="{far_cell.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ")}"><c r="{far_cell}"><v>1</v></c></row>'
                )
            member.write(("".join(block) + "</sheetData></worksheet>").encode())
    return path
