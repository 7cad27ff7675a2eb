"""The batch reader of .xlsx sheets gives every cell the text the whole-sheet column reader gives,
whatever the cell holds and however the XML writes it."""

from __future__ import annotations

import datetime as dt
import zipfile

import pyarrow as pa
import pyarrow.compute as pc
import pytest
import xlsxwriter

from readiness.ingest import column_text, sheet_batches
from readiness.ingest.workbook import Book


def _workbook(path, inline: bool):
    wb = xlsxwriter.Workbook(path, {"constant_memory": inline})
    ws = wb.add_worksheet("DPT")
    bold = wb.add_format({"bold": True})
    dates = wb.add_format({"num_format": "dd-mm-yyyy"})
    rows = [
        ["NIK", "NAMA", "TGL LAHIR", "TPS", "KET"],
        ["3513011912460222", "SITI & ANAK <B>", dt.datetime(1990, 5, 3), 1, True],
        [3513011912460222, "  berspasi  ", 32996.25, 1.5, False],
        ["3.51301E+15", "baris\nkedua", "03-05-1990", 2 / 3, ""],
        [None, 'MA\'RUF "Q"', dt.datetime(1899, 12, 31, 12), 1e20, 1e-7],
    ]
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if value is None:
                ws.write_blank(r, c, None, bold)
            elif isinstance(value, dt.datetime):
                ws.write_datetime(r, c, value, dates)
            elif isinstance(value, bool):
                ws.write_boolean(r, c, value)
            elif isinstance(value, str):
                ws.write_string(r, c, value)
            else:
                ws.write_number(r, c, value, dates if (r, c) == (2, 2) else None)
    if not inline:
        ws.write_rich_string(5, 1, "ab", bold, "cd", "ef")
        ws.write_formula(5, 3, '="x"&"y"', None, "xy")
    wb.close()
    return path


def _both(path):
    book = Book(path, path.name)
    columns = {c: f"f{c}" for c in range(5)}
    flags = tuple(columns.values())
    old = book.columns("DPT", 1, columns, numeric_flags=flags)
    new = pa.concat_tables(list(book.column_batches("DPT", 1, columns, numeric_flags=flags)))
    filled = pc.invert(pc.and_kleene(*[pc.is_null(old.column(f)) for f in ("f0", "f1")]))
    for f in ("f2", "f3", "f4"):
        filled = pc.or_(filled, pc.is_valid(old.column(f)))
    return old.filter(filled).select(new.column_names), new


@pytest.mark.parametrize("inline", [False, True], ids=["shared", "inline"])
def test_every_cell_reads_as_the_column_reader_gives_it(tmp_path, inline):
    old, new = _both(_workbook(tmp_path / "dpt.xlsx", inline))
    assert new.column("_row").to_pylist() == old.column("_row").to_pylist() == list(range(2, 7 if not inline else 6))
    assert new.to_pylist() == old.to_pylist()
    assert new.column("f2").to_pylist()[0] == "1990-05-03 00:00:00"
    assert new.column("f3").to_pylist()[2] == "0.666666667"
    assert new.column("f0_angka").to_pylist()[:3] == [False, True, False]


def test_a_piece_not_shaped_for_the_fast_path_is_read_the_slow_way_with_the_same_texts(tmp_path):
    """Cells without a reference, a reference after other attributes, a self-closing empty row."""
    plain = _workbook(tmp_path / "dpt.xlsx", inline=True)
    odd = tmp_path / "aneh.xlsx"
    with zipfile.ZipFile(plain) as src, zipfile.ZipFile(odd, "w") as dst:
        for entry in src.infolist():
            data = src.read(entry.filename)
            if entry.filename == "xl/worksheets/sheet1.xml":
                data = data.replace(b'<c r="B3"', b'<c s="0" r="B3"').replace(b'<c r="C4" ', b"<c ")
                data = data.replace(b'<row r="5"', b'<row r="8"/><row r="5"')
            dst.writestr(entry, data)
    book = Book(odd, odd.name)
    dates = column_text.date_styles(book._parts.zip)
    cells = sheet_batches.SheetCells(book._parts.zip, book._parts.path("DPT"), None, dates)
    columns = {c: f"f{c}" for c in range(5)}
    new = pa.concat_tables(list(cells.batches(1, columns))).sort_by("_row")
    assert cells.slow_pieces >= 1
    _, fast = _both(plain)
    assert new.to_pylist() == fast.select(new.column_names).to_pylist()


def _filled(table):
    rows = table.to_pylist()
    for row in rows:
        for field in [f for f in row if f.endswith("_angka")]:
            row[field] = row[field] if row[field.removesuffix("_angka")] is not None else None
    return rows


@pytest.mark.parametrize(
    ("written", "text"),
    [
        ("1", "1"),
        ("1.5", "1.5"),
        ("1E+20", "100000000000000000000"),
        ("1E-07", "0.0000001"),
        ("0.9571428571428572", "0.957142857"),
        ("-0.0000000001", "0"),
    ],
)
def test_numbers_are_written_as_the_column_reader_writes_them(written, text):
    assert column_text.number_text(written) == text


def test_a_list_with_bordered_empty_cells_is_read_the_fast_way_with_the_same_texts(tmp_path):
    """A list saved again in Excel after an office drew its table's borders: every empty cell of the
    table is written with its style and no value (`<c r="E2" s="1"/>`, or `…></c>`)."""
    path = tmp_path / "dpt.xlsx"
    wb = xlsxwriter.Workbook(path)
    ws = wb.add_worksheet("DPT")
    border = wb.add_format({"border": 1})
    ws.write_row(0, 0, ["NIK", "NAMA", "TGL LAHIR", "TPS", "KET"], border)
    for r in range(1, 40):
        ws.write_string(r, 0, f"35130119124602{r:02d}", border)
        ws.write_string(r, 1, f"PEMILIH {r}", border)
        if r % 3:
            ws.write_number(r, 3, r % 5 + 1, border)
        else:
            ws.write_blank(r, 3, None, border)
        ws.write_blank(r, 2, None, border)
        ws.write_blank(r, 4, None, border)
    wb.close()
    bordered = tmp_path / "berbingkai.xlsx"
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(bordered, "w") as dst:
        for entry in src.infolist():
            data = src.read(entry.filename)
            if entry.filename == "xl/worksheets/sheet1.xml":
                data = data.replace(b'<c r="E7" s="1"/>', b'<c r="E7" s="1"></c>')
            dst.writestr(entry, data)
    old, new = _both(bordered)
    # whether an empty cell was a number says nothing: only the cells with a value are compared
    assert _filled(new) == _filled(old)
    assert new.num_rows == 39 and new.column("f3").to_pylist()[:3] == ["2", "3", None]
    book = Book(bordered, bordered.name)
    cells = sheet_batches.SheetCells(
        book._parts.zip, book._parts.path("DPT"), sheet_batches.shared_strings(book._parts.zip)
    )
    pa.concat_tables(list(cells.batches(1, {c: f"f{c}" for c in range(5)})))
    assert cells.slow_pieces == 0


def _edited(path, out, replacements):
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(out, "w") as dst:
        for entry in src.infolist():
            data = src.read(entry.filename)
            if entry.filename == "xl/worksheets/sheet1.xml":
                for old, new in replacements:
                    data = data.replace(old, new)
            dst.writestr(entry, data)
    return out


def _read(path):
    book = Book(path, path.name)
    cells = sheet_batches.SheetCells(
        book._parts.zip, book._parts.path("DPT"), sheet_batches.shared_strings(book._parts.zip)
    )
    rows = pa.concat_tables(list(cells.batches(1, {c: f"f{c}" for c in range(5)}))).sort_by("_row").to_pylist()
    return rows, cells.slow_pieces


@pytest.mark.parametrize(
    "unreferenced",
    [[(b'<c r="A3">', b"<c>")], [(b'<c r="A7" ', b"<c ")], [(b'<c r="A3">', b"<c>"), (b'<c r="A7" ', b"<c ")]],
    ids=["with-value", "empty-alone-in-its-row", "both"],
)
def test_a_cell_written_without_its_reference_among_plain_cells_is_read_the_slow_way(tmp_path, unreferenced):
    """A piece of plain cells (`<c r="A2" t="s"><v>5</v></c>`) but for one cell without its
    reference: its value is not taken for the cell before it's, and an empty one still makes its row."""
    plain = _edited(
        _workbook(tmp_path / "dpt.xlsx", inline=False),
        tmp_path / "polos.xlsx",
        [(b'<c r="A5" s="2"/>', b""), (b"</sheetData>", b'<row r="7"><c r="A7" s="2"/></row></sheetData>')],
    )
    expected, _ = _read(plain)
    rows, slow = _read(_edited(plain, tmp_path / "aneh.xlsx", unreferenced))
    assert slow >= 1
    assert rows == expected
    assert [r["_row"] for r in rows] == [2, 3, 4, 5, 6, 7]


def test_a_formula_holding_the_end_of_a_value_tag_in_its_text_is_not_read_as_a_value(tmp_path):
    """`>` need not be escaped in XML text: a formula `"av>b"&"v>"` without a computed value is not
    a cell whose value is `b"&"`."""
    plain = _edited(
        _workbook(tmp_path / "dpt.xlsx", inline=False),
        tmp_path / "polos.xlsx",
        [
            (b'<c r="A5" s="2"/>', b""),
            (b'<c r="D6" t="str"><f>"x"&amp;"y"</f><v>xy</v></c>', b'<c r="D6"><f>1</f></c>'),
        ],
    )
    odd = _edited(plain, tmp_path / "rumus.xlsx", [(b"<f>1</f>", b'<f>"av>b"&amp;"v>"</f>')])
    rows, _ = _read(odd)
    assert rows == _read(plain)[0]
    assert rows[-1]["_row"] == 6 and rows[-1]["f3"] is None and rows[-1]["f1"] == "abcdef"


@pytest.mark.parametrize("piece", [None, 4096], ids=["one-piece", "many-pieces"])
def test_shared_texts_that_look_like_numbers_keep_every_character(tmp_path, monkeypatch, piece):
    """The shared-string table keeps plain numbers as integers: a text with a leading zero, a sign,
    a space, a decimal point or too many digits for 64 bits must come back exactly as written,
    and a NIK or DPID as its digits, among thousands of other texts; so must an ampersand, a newline
    and spaces kept (`xml:space`) in a table read the fast way (no rich text in it), whether the
    table is read in one piece or in many."""
    looks = [
        "007", "0", "1", "3513011912460222", "100485308", "18446744073709551615", "18446744073709551616",
        "9999999999999999999", "99999999999999999999", "-5", "+12", " 12", "12 ", "1.0", "1e5", "０１",
        "A & B <C>", "baris\nkedua", "  berspasi  ",
    ]  # fmt: skip
    path = tmp_path / "dpt.xlsx"
    wb = xlsxwriter.Workbook(path)
    ws = wb.add_worksheet("DPT")
    ws.write_row(0, 0, ["NIK", "NAMA", "TGL LAHIR", "TPS", "KET"])
    for r in range(1, 3001):
        ws.write_row(
            r, 0, [f"35130119124{r:05d}", f"WARGA {r}", looks[r % len(looks)], "001", looks[r * 7 % len(looks)]]
        )
    wb.close()
    assert b"<t>18446744073709551615</t>" in zipfile.ZipFile(path).read("xl/sharedStrings.xml")
    if piece:  # the table parsed in many pieces on two threads: every text still at its index
        monkeypatch.setattr(sheet_batches, "PIECE", piece)
    old, new = _both(path)
    assert new.num_rows == 3000
    assert new.to_pylist() == old.to_pylist()
    assert new.column("f2").to_pylist()[: len(looks)] == looks[1:] + looks[:1]


def _escapes(path, inline: bool):
    wb = xlsxwriter.Workbook(path, {"constant_memory": inline})
    ws = wb.add_worksheet("DPT")
    ws.write_row(0, 0, ["NIK", "NAMA", "ALAMAT", "TPS", "KET"])
    ws.write_row(1, 0, ["3513011912460222", "SITI\rAMINAH", "DUSUN KRAJAN\r\nRT 002", "001", "bel\x07"])
    ws.write_row(2, 0, ["3513011912460223", "a_x000D_b", "_x005F_", "002", "JL. MAWAR_x"])
    wb.close()
    return path


@pytest.mark.parametrize("inline", [False, True], ids=["shared", "inline"])
def test_a_carriage_return_written_as_its_escape_reads_as_the_column_reader_gives_it(tmp_path, inline):
    """Exporters write a character XML cannot hold as an escape (`SITI_x000D_AMINAH`), and a text
    that really holds such an escape with its underscore escaped (`_x005F_x000D_`): a name typed on
    two lines comes back with its carriage return and a literal `_x000D_` as written, as the column
    reader gives them, in the fast route and when a piece is read the slow way."""
    path = _escapes(tmp_path / "dpt.xlsx", inline)
    old, new = _both(path)
    assert new.to_pylist() == old.to_pylist()
    assert new.column("f1").to_pylist() == ["SITI\rAMINAH", "a_x000D_b"]
    assert new.column("f2").to_pylist() == ["DUSUN KRAJAN\r\nRT 002", "_x005F_"]
    assert new.column("f4").to_pylist() == ["bel\x07", "JL. MAWAR_x"]
    odd = _edited(path, tmp_path / "aneh.xlsx", [(b'<c r="B3"', b"<c r='B3'")])
    rows, slow = _read(odd)
    assert slow >= 1
    assert [r["f1"] for r in rows] == ["SITI\rAMINAH", "a_x000D_b"]


def test_a_list_whose_header_is_written_otherwise_than_its_rows_reads_its_rows_the_common_way(tmp_path, monkeypatch):
    """A KPU TPS list: a title and a two-row header of bordered, merged cells (`<c r="H5" s="2"/>`),
    then plain rows, and further down a stretch of bordered empty cells and a text on two lines.
    Every cell reads as the column reader gives it; after a piece in the common shape the next
    pieces are read the common way again (not every piece looked at closely)."""
    path = tmp_path / "tps.xlsx"
    wb = xlsxwriter.Workbook(path, {"constant_memory": True})
    ws = wb.add_worksheet("DPT")
    border = wb.add_format({"border": 1})
    ws.write(0, 0, "DAFTAR TEMPAT PEMUNGUTAN SUARA")
    ws.write_row(1, 0, ["NIK", "NAMA", "", "", "KET"], border)
    ws.write_row(2, 0, ["", "", "TGL LAHIR", "TPS", ""], border)
    for r in range(3, 6000):
        odd = 4000 <= r < 4010
        ws.write_string(r, 0, f"35130119124{r:05d}", border if odd else None)
        ws.write_string(r, 1, "BARIS\nKEDUA" if r == 4005 else f"WARGA {r}")
        if odd:
            ws.write_blank(r, 2, None, border)
        ws.write_number(r, 3, r % 7 + 1)
        ws.write_string(r, 4, "A & B" if r % 1000 == 0 else "-")
    wb.close()
    monkeypatch.setattr(sheet_batches, "PIECE", 16 * 1024)
    old, new = _both(path)
    assert new.num_rows == 5999
    assert _filled(new) == _filled(old)
    by_row = dict(zip(new.column("_row").to_pylist(), new.column("f1").to_pylist()))
    assert by_row[4006] == "BARIS\nKEDUA" and by_row[6000] == "WARGA 5999"
    book = Book(path, path.name)
    cells = sheet_batches.SheetCells(book._parts.zip, book._parts.path("DPT"), None)
    pieces = sum(1 for _ in cells._sheet_pieces())
    pa.concat_tables(list(cells.batches(1, {c: f"f{c}" for c in range(5)})))
    assert pieces > 20 and 1 <= cells.close_pieces <= 6 and cells.slow_pieces == 0


@pytest.mark.parametrize("inline", [False, True], ids=["shared", "inline"])
def test_a_list_saved_with_styles_formulas_and_an_empty_inline_text_reads_from_its_tags(tmp_path, monkeypatch, inline):
    """Rows as an office's spreadsheet writes them: a style before the type (`<c r="C2" s="1"
    t="s">`), a formula with its computed value, booleans, fractions, a date, texts holding `&`,
    `>` and `<`, an empty inline text (`<is><t/></is>`) and a cell past the wanted columns. Every
    piece is read from its tags (none looked at closely, none the slow way), with the texts the
    column reader gives, only the wanted columns asked for."""
    path = tmp_path / "dpt.xlsx"
    wb = xlsxwriter.Workbook(path, {"constant_memory": inline})
    ws = wb.add_worksheet("DPT")
    bold, dates = wb.add_format({"bold": True}), wb.add_format({"num_format": "dd-mm-yyyy"})
    ws.write_row(0, 0, ["NO", "NIK", "NAMA", "TGL LAHIR", "TPS", "KET", "", "CATATAN"])
    for r in range(1, 3000):
        ws.write_number(r, 0, r)
        ws.write_string(r, 1, f"35130119124{r:05d}", bold if r % 2 else None)
        ws.write_string(r, 2, ["SITI & ANAK", "A>B", "<TIDAK>", "KOSONG", f"WARGA {r}"][r % 5])
        ws.write_datetime(r, 3, dt.datetime(1950, 1, 1) + dt.timedelta(days=r * 7), dates)
        ws.write_formula(r, 4, f"=A{r + 1}/7", bold, r / 7)
        ws.write_boolean(r, 5, r % 3 == 0)
        ws.write_string(r, 7, "tidak dibaca")
    wb.close()
    if inline:  # an empty text as other writers write it
        path = _edited(path, tmp_path / "kosong.xlsx", [(b"<is><t>KOSONG</t></is>", b"<is><t/></is>")])
    monkeypatch.setattr(sheet_batches, "PIECE", 16 * 1024)
    book = Book(path, path.name)
    columns = {1: "nik", 2: "nama", 3: "tgl", 4: "tps", 5: "ket"}
    old = book.columns("DPT", 1, columns, numeric_flags=("tps",))
    cells = sheet_batches.SheetCells(
        book._parts.zip, book._parts.path("DPT"), sheet_batches.shared_strings(book._parts.zip),
        column_text.date_styles(book._parts.zip),
    )  # fmt: skip
    new = pa.concat_tables(list(cells.batches(1, columns, {"tps"})))
    assert new.num_rows == 2999 and cells.close_pieces == 0 and cells.slow_pieces == 0
    assert new.drop_columns(["_row"]).to_pylist() == old.select(new.column_names[1:]).to_pylist()
    names = new.column("nama").to_pylist()
    assert names[:5] == ["A>B", "<TIDAK>", "" if inline else "KOSONG", "WARGA 4", "SITI & ANAK"]
    assert new.column("tps").to_pylist()[:2] == ["0.142857143", "0.285714286"]
    assert new.column("tgl").to_pylist()[0] == "1950-01-08 00:00:00"


def test_a_last_row_with_only_a_far_cell_outside_the_wanted_columns_is_left_out(tmp_path):
    """A stray mark far to the right below the list (`XFD1000000`): its row, read as a piece of its
    own, has no wanted cell and adds no row; the list's rows read as the column reader gives them."""
    plain = _workbook(tmp_path / "dpt.xlsx", inline=True)
    far = _edited(
        plain,
        tmp_path / "jauh.xlsx",
        [(b"</sheetData>", b'<row r="1000000"><c r="XFD1000000"><v>1</v></c></row></sheetData>')],
    )
    rows, slow = _read(far)
    assert slow == 0
    assert rows == _read(plain)[0]
    assert [r["_row"] for r in rows] == [2, 3, 4, 5]
