"""Chosen columns of a large .xlsx sheet in batches of rows, read from the sheet's XML while it is
unpacked: memory holds a few pieces of the XML (PIECE, 1 MiB) and the cells kept from it, never the whole
sheet (the column readers build the whole sheet's cells before handing out a column).

How a piece is read fast: sheet_cells.py finds each cell's tag and value from the piece's tags
(every `<`) and its column, row and type with numpy over the piece's bytes; a piece with cells of
another shape (an empty one, text keeping its spaces) is made lines of text first, one a cell, by a
few byte replacements in Arrow (`<c` starts a line, `<v>`/`</v>` and the inline `<is><t>`/`</t></is>`
become a separator). The wanted cells are pivoted into rows by one scatter. A piece that is not shaped
the way that needs (a cell without its reference first, rich text, a self-closing row, attributes
in single quotes …) is read with ElementTree instead: slower, the same values. Values are the texts the
column reader (fastexcel) gives (column_text.py): shared strings looked up, numbers written as Rust
writes a float (`1`, `1.5`, `0.0000001`), booleans `true`/`false`, a number with a date format as its
date and time."""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as ET
import zipfile
from collections import deque
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pcsv

from . import column_text, shared_table, sheet_cells, unpack
from .shared_table import SharedStrings

PIECE = 1024**2
AHEAD = 3  # pieces being read or waiting to be taken
SEP = b"\x1f"  # between a cell's reference, its value and the rest (not a character XML allows)
NO_VALUE = "\x1c"  # a cell without a value
_NL, _CR = b"\x1e", b"\x1d"  # a newline or carriage return inside a text while lines are cells
_PARSE = pcsv.ParseOptions(
    delimiter="\x1f", quote_char=False, escape_char=False, newlines_in_values=False, ignore_empty_lines=False
)
_NAMES = ["ref", "v", "rest"]
_READ = pcsv.ReadOptions(column_names=_NAMES, use_threads=False, block_size=1 << 27)
_CONVERT = pcsv.ConvertOptions(
    column_types=dict.fromkeys(_NAMES, pa.string()),
    include_columns=["ref", "v"],
    strings_can_be_null=False,
    quoted_strings_can_be_null=False,
)
_CELL_REF = re.compile(r"([A-Z]+)(\d+)$")


class _Shape:
    """The tags of a sheet as written, with its namespace prefix (`x:` in some exporters)."""

    def __init__(self, prefix: bytes):
        p = self.prefix = prefix
        self.row = b"<" + p + b"row"
        self.end = b"</" + p + b"sheetData>"
        self.row_end = b"</" + p + b"row>"
        self.cell = b"<%sc" % p  # every cell opens so, with its reference first or not
        self.cells = (b"<" + p + b"c ", b"<" + p + b"c>")
        self.empty_cell = b'"></%sc>' % p
        self.v, self.v_end = b"<%sv>" % p, b"</%sv>" % p
        self.is_open = b"<%sis>" % p
        self.inline = b"<%sis><%st>" % (p, p)
        self.inline_end = b"</%st></%sis>" % (p, p)
        self.inline_empty = b"<%sis><%st/></%sis>" % (p, p, p)
        self.rich = b"<%sis><%sr>" % (p, p)
        self.preserve = b'<%st xml:space="preserve">' % p
        self.t = b"<%st>" % p
        self.unreferenced = (rb"<%sc>|<%sc [^r]|<%sc r[^=]" % (p, p, p)).decode()  # a cell not `<c r="`
        # anything but plain `<c r="..."...><v>..</v></c>` and inline `<is><t>..</t></is>` cells
        self.unusual = (
            rb"t='|\n|\r|\"/>|\"></%sc>|<%sc>|<%sc [^r]|<%sc r[^=]|<%sis><%sr>|<%st xml:space" % (p, p, p, p, p, p, p)
        ).decode()


def shared_strings(archive: zipfile.ZipFile) -> SharedStrings | None:
    """The workbook's shared-string table (index -> text), from a streamed pass over its XML; None
    when there is none."""
    if "xl/sharedStrings.xml" not in archive.namelist():
        return None
    table = SharedStrings()
    first = True
    # its pieces parsed on two threads while the next are unpacked (a kabupaten's table: 2 million
    # texts, 60 MB of XML, read before the sheet's first row can be), added in order
    with ThreadPoolExecutor(max_workers=2, thread_name_prefix="teks-bersama") as pool:
        waiting: deque = deque()
        for body in unpack.pieces(archive, "xl/sharedStrings.xml", PIECE, b"<si>"):
            if first:
                start = body.find(b"<si>")
                if start < 0:
                    if b"si>" in body:  # a prefixed table (`<x:si>`): read whole with ElementTree
                        return SharedStrings.of(_decoded(_shared_slow(archive)))
                    continue
                body, first = body[start:], False
            end = body.rfind(b"</si>")
            if end < 0:
                continue
            waiting.append(pool.submit(_shared_parts, body[: end + 5]))
            while len(waiting) > AHEAD:
                table.add_parts(waiting.popleft().result())
        while waiting:
            table.add_parts(waiting.popleft().result())
    return table.done()


def _shared_parts(body: bytes):
    """A piece of `<si>` items as SharedStrings keeps them (shared_table.parts)."""
    texts = _shared_fast(body) or _shared_piece_slow(body)
    return shared_table.parts(_decoded(texts) if b"_" in body and b"_x" in body else texts)


def _shared_fast(body: bytes) -> pa.Array | None:
    """A piece of `<si>` items as an Arrow array of texts, or None when the piece is not shaped for
    this (rich text, phonetic runs, attributes on `<t>` …: read with regular expressions instead)."""
    if b'<t xml:space="preserve">' in body:
        body = body.replace(b'<t xml:space="preserve">', b"<t>")
    if b"<t/>" in body:
        body = body.replace(b"<t/>", b"<t></t>")
    plain = _shared_plain(body)
    return plain if plain is not None else _shared_lines(body)


def _shared_plain(body: bytes) -> pa.Array | None:
    """The common shape, nothing but `<si><t>…</t></si>` one after another: the texts are what lies
    between one item's `</t></si><si><t>` and the next, split in one pass over the piece itself
    (a third of the time of _shared_lines); a text holds no `<` in XML, so any `<` but the four of
    each item's tags means another shape."""
    if not (body.startswith(b"<si><t>") and body.endswith(b"</t></si>")):
        return None
    inner = pa.py_buffer(np.array([7, len(body) - 9], np.int32))
    whole = pa.BinaryArray.from_buffers(pa.binary(), 1, [None, inner, pa.py_buffer(body)])
    texts = pc.split_pattern(whole, "</t></si><si><t>").flatten()
    if body.count(b"<") != 4 * len(texts):
        return None
    return _texts(texts.cast(pa.string()), False, b"&" in body)


def _shared_lines(body: bytes) -> pa.Array | None:
    if b"<r>" in body or b"<rPh" in body or b"<t " in body:
        return None
    newlines = b"\n" in body or b"\r" in body
    if newlines:
        body = body.replace(b"\n", _NL).replace(b"\r", _CR)
    body = body.replace(b"<si>", b"\n").replace(b"<t>", SEP).replace(b"</t>", SEP)
    try:
        table = pcsv.read_csv(
            pa.py_buffer(body[1:]), read_options=_READ, parse_options=_PARSE, convert_options=_CONVERT
        )
    except pa.ArrowInvalid:
        return None
    return _texts(table.column("v").combine_chunks(), newlines, b"&" in body)


def _texts(values: pa.Array, newlines: bool, ampersand: bool) -> pa.Array:
    """Texts as written in XML: newlines put back, character references resolved (only looked for
    when the piece they come from has an `&`)."""
    if newlines and pc.any(pc.match_substring_regex(values, "[\x1d\x1e]")).as_py():
        values = pc.replace_substring(pc.replace_substring(values, "\x1e", "\n"), "\x1d", "\r")
    if ampersand:
        values = _each(values, pc.match_substring(values, "&"), html.unescape)
    return values


def _each(values: pa.Array, marked: pa.Array, change) -> pa.Array:
    """`values` with `change` (a Python function of a text) applied to the few texts `marked`."""
    if not pc.any(marked).as_py():
        return values
    plain = values.to_pylist()
    for i in pc.indices_nonzero(marked).to_pylist():
        plain[i] = change(plain[i])
    return pa.array(plain, pa.string())


_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")


def _decoded(values: pa.Array) -> pa.Array:
    """Texts with OOXML's escapes of characters XML cannot hold read back, as Excel and the column
    reader read them: `_x000D_` a carriage return, `_x0007_` a bell, `_x005F_` an underscore (so a
    text that really holds `_x000D_` is written `_x005F_x000D_`). A surrogate code stays as written."""
    marked = pc.fill_null(pc.match_substring_regex(values, "_x[0-9A-Fa-f]{4}_"), False)
    return _each(values, marked, lambda text: _ESCAPE.sub(_character, text))


def _character(match: re.Match) -> str:
    code = int(match.group(1), 16)
    return match.group(0) if 0xD800 <= code <= 0xDFFF else chr(code)


_SI = re.compile(rb"<si>(.*?)</si>", re.DOTALL)
_PHONETIC = re.compile(rb"<rPh\b.*?</rPh>", re.DOTALL)
_T = re.compile(rb"<t(?:\s[^>]*)?>(.*?)</t>", re.DOTALL)


def _shared_piece_slow(body: bytes) -> pa.Array:
    texts = []
    for item in _SI.findall(body):
        item = _PHONETIC.sub(b"", item)
        texts.append(html.unescape("".join(t.decode("utf-8") for t in _T.findall(item))))
    return pa.array(texts, pa.string())


def _shared_slow(archive: zipfile.ZipFile) -> pa.Array:
    ns = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
    texts, root = [], None
    with archive.open("xl/sharedStrings.xml") as stream:
        for event, elem in ET.iterparse(stream, events=("start", "end")):
            if root is None:
                root = elem
            if event == "end" and elem.tag == f"{ns}si":
                texts.append("".join(t.text or "" for t in elem.iter(f"{ns}t") if t not in _phonetic(elem, ns)))
                root.remove(elem)
    return pa.array(texts, pa.string())


def _phonetic(si, ns: str) -> set:
    return {t for ph in si.iter(f"{ns}rPh") for t in ph.iter(f"{ns}t")}


class SheetCells:
    """The cells of one sheet, piece by piece: `batches()` yields Arrow tables of `_row` (the Excel
    row), one text column per wanted column and, for `flagged` columns, `<field>_angka` (the cell
    was a number in Excel). Only rows from Excel row `first_row + 1` that have a wanted cell."""

    def __init__(self, archive: zipfile.ZipFile, member: str, shared: pa.Array | None, dates=(frozenset(), False)):
        self.archive, self.member, self.shared = archive, member, shared
        self.dates = dates  # column_text.date_styles(archive)
        self.slow_pieces = 0
        self.close_pieces = 0  # pieces looked at closely (_close)
        # what the pieces read so far showed: inline strings; nothing but the common shape
        self._inline, self._common = False, True

    def batches(self, first_row: int, columns: dict[int, str], flagged=()):
        # Two threads turn pieces into batches (Arrow's functions let go of the interpreter) while
        # this one unpacks the next pieces; at most AHEAD pieces wait, so memory stays bounded.
        with ThreadPoolExecutor(max_workers=2, thread_name_prefix="lembar-potongan") as pool:
            waiting: deque = deque()
            for body, shape, root in self._sheet_pieces():
                waiting.append(pool.submit(self._batch, body, shape, root, first_row, columns, flagged))
                while len(waiting) > AHEAD:
                    if (table := waiting.popleft().result()) is not None:
                        yield table
            while waiting:
                if (table := waiting.popleft().result()) is not None:
                    yield table

    def _batch(self, body, shape, root, first_row, columns, flagged) -> pa.Table | None:
        wanted = np.zeros(max(columns) + 3, bool)  # by column, 1 for A; the last: any column after
        wanted[[c + 1 for c in columns]] = True
        cells = self._fast(body, shape, wanted)
        if cells is None:
            self.slow_pieces += 1
            cells = self._slow(body, shape, root)
        return _pivot(cells, first_row, columns, flagged, self.shared, self.dates)

    def _sheet_pieces(self):
        """(piece of whole rows, the sheet's tags, its root element's opening tag)."""
        shape, root = None, b""
        for body in self._row_pieces():
            if shape is None:
                found = re.search(rb"<(\w+:)?worksheet\b[^>]*>", body)
                prefix = (found.group(1) or b"") if found else b""
                shape, root = _Shape(prefix), found.group(0) if found else b""
                start = body.find(shape.row)
                if start < 0:
                    if shape.end in body or b"<" + prefix + b"sheetData/>" in body:
                        return
                    shape = None
                    continue
                body = body[start:]
            # the sheet's data end after the piece's last row (found from the piece's end, at once)
            end = body.find(shape.end, max(body.rfind(shape.row_end), 0))
            if end >= 0:
                if end:
                    yield body[:end], shape, root
                return
            if body:
                yield body, shape, root

    def _row_pieces(self):
        # cut before a row, whatever its prefix: `<row` and `<x:row` both end in `row`
        return unpack.pieces(self.archive, self.member, PIECE, _last_row_start)

    def _fast(self, body: bytes, s: _Shape, wanted=None) -> sheet_cells.Cells | None:
        """The piece's cells, or None when the piece is not shaped for this: read from its tags
        by sheet_cells.from_tags, only the `wanted` columns' (with a namespace prefix, all: each cell made a line of text by a few
        byte replacements, then read by from_lines); every step an Arrow or numpy function over the
        piece, which lets go of the interpreter. A few memchr-fast searches rule out what would be
        misread (a newline, an attribute in single quotes); what they let through (a cell without
        its reference first, an empty cell, rich or space-keeping inline text) is refused, and only
        then is the piece looked at closely (_close), and so is the next piece unless this one
        proved to be common."""
        # `_` first: memchr-fast, where a two-byte search walks the piece ten times as slowly
        ampersand, escapes = b"&" in body, b"_" in body and b"_x" in body
        if self._common and not (b"\n" in body or b"\r" in body or (b"'" in body and b"='" in body)):
            cells = self._lines(body, s, self._inline) if s.prefix else sheet_cells.from_tags(body, wanted)
            if cells is not None:
                cells.ampersand, cells.empty, cells.escapes = ampersand, False, escapes
                return cells
        cells = self._close(body, s, ampersand)
        if cells is not None:
            cells.escapes = escapes
        return cells

    def _lines(self, body: bytes, s: _Shape, inline: bool, steps=()) -> sheet_cells.Cells | None:
        text = pa.array([body], pa.large_binary())
        # values only in `<v>`: both of its tags in one pass, to `<` SEP value `</` SEP
        closed = not (steps or inline)
        steps = [*steps, (s.cell, b"\n"), *([(s.v[1:], SEP)] if closed else [(s.v, SEP), (s.v_end, SEP)])]
        if inline:
            steps += [(s.inline_empty, SEP + SEP), (s.inline, SEP), (s.inline_end, SEP)]
        for old, new in steps:
            text = pc.replace_substring(text, old, new)
        return sheet_cells.from_lines(text[0].as_buffer(), closed)

    def _close(self, body: bytes, s: _Shape, ampersand: bool) -> sheet_cells.Cells | None:
        """_fast for a piece whatever its shape: one pass finds anything that needs more than the
        common replacements; a piece they cannot make lines of gives None."""
        self.close_pieces += 1
        inline = s.is_open in body  # memchr-fast here; Arrow's find scans a piece twice as slowly
        if inline:
            self._inline = True
        text = pa.array([body], pa.large_binary())
        steps = []
        # a piece in the common shape lets the next one try the common replacements first again
        # (a sheet's title and header rows are often written otherwise than its data)
        self._common = not pc.count_substring_regex(text, s.unusual)[0].as_py()
        if not self._common:
            if _has(text, b"t='") or _has(text, s.rich) or pc.count_substring_regex(text, s.unreferenced)[0].as_py():
                return None
            empty = SEP + NO_VALUE.encode() + SEP
            for old, new in ((b"\n", _NL), (b"\r", _CR), (s.preserve, s.t), (b'"/>', b'"' + empty)):
                if _has(text, old):
                    steps.append((old, new))
            steps.append((s.empty_cell, b'"' + empty))
        del text
        cells = self._lines(body, s, inline, steps)
        if cells is not None:
            cells.newlines, cells.ampersand = any(old in (b"\n", b"\r") for old, _ in steps), ampersand
        return cells

    def _slow(self, body: bytes, s: _Shape, root: bytes) -> sheet_cells.Cells:
        """The same cells as _fast, read with ElementTree (any shape XML allows)."""
        prefix = s.row[1:-3]
        close = b"</" + (root[1:].split(b" ")[0].split(b">")[0] if root else b"worksheet") + b">"
        xml = (root or b"<worksheet>") + b"<" + prefix + b"sheetData>" + body + s.end + close
        element = ET.fromstring(xml)
        cols, rows, values, kinds, attrs = [], [], [], [], []
        row_no = 0
        for row in element.iter():
            if not row.tag.endswith("}row") and row.tag != "row":
                continue
            row_no = int(row.get("r") or row_no + 1)
            col_no = 0
            for cell in row:
                if not (cell.tag.endswith("}c") or cell.tag == "c"):
                    continue
                ref = _CELL_REF.match((cell.get("r") or "").upper())
                col_no = _col_number(ref.group(1)) if ref else col_no + 1
                value, kind = _value(cell)
                cols.append(col_no)
                rows.append(int(ref.group(2)) if ref else row_no)
                values.append(value)
                kinds.append(kind)
                style = f' s="{cell.get("s")}"' if (cell.get("s") or "").isdigit() else ""
                attrs.append(style)
        return sheet_cells.Cells(
            np.array(cols, np.int64),
            np.array(rows, np.int64),
            np.array(kinds, np.int8),
            pa.array(values, pa.string()),
            pa.array(attrs, pa.string()),
            plain=True,
        )


def _has(text: pa.Array, pattern: bytes) -> bool:
    return pc.find_substring(text, pattern)[0].as_py() >= 0


def _value(cell) -> tuple[str | None, int]:
    kind = cell.get("t", "n")
    texts = [e for e in cell if e.tag.endswith("}is") or e.tag == "is"]
    if kind == "inlineStr":
        if not texts:
            return None, 0
        phonetic = {t for ph in texts[0].iter() if ph.tag.endswith("rPh") for t in ph.iter()}
        return "".join(t.text or "" for t in texts[0].iter() if t.tag.endswith("}t") and t not in phonetic), 0
    v = next((e for e in cell if e.tag.endswith("}v") or e.tag == "v"), None)
    if v is None or v.text is None:
        return None, 0
    return v.text, {"n": 1, "s": 2, "b": 3}.get(kind, 0)


def _pivot(
    cells: sheet_cells.Cells, first_row: int, columns: dict[int, str], flagged, shared, dates
) -> pa.Table | None:
    """One row per Excel row that has a wanted cell: `_row`, the fields as text, the number flags."""
    # each cell's wanted column as its place in `columns` (-1: not wanted)
    place_of = np.full(max(int(cells.col.max(initial=0)), max(columns) + 1) + 1, -1, np.int64)
    place_of[[c + 1 for c in columns]] = np.arange(len(columns))
    code = place_of[cells.col]
    kept = np.flatnonzero((cells.row > first_row) & (code >= 0))
    if len(kept) == 0:
        return None
    code, cell_rows = code[kept], cells.row[kept]
    values = cells.values(kept)
    if cells.empty:
        values = pc.if_else(pc.equal(values, NO_VALUE), pa.scalar(None, pa.string()), values)
    if not cells.plain:  # as written in the XML: newlines and references
        values = _texts(values, cells.newlines, cells.ampersand)
    if cells.escapes:
        values = _decoded(values)
    kinds = pa.array(cells.kind[kept])
    style = None
    if dates[0]:  # the style attribute, in the cell's tag
        style = pc.extract_regex(cells.tags(kept), r'^[^>]*? s="(?P<s>\d+)"')
        style = pc.struct_field(style, "s").cast(pa.int32())
    values = column_text.resolved(values, kinds, style, shared, dates)
    # each cell's place among the rows of the piece (written in order nearly always)
    if len(cell_rows) < 2 or (cell_rows[1:] >= cell_rows[:-1]).all():
        new_row = np.concatenate(([True], cell_rows[1:] != cell_rows[:-1]))
        rows, at_row = cell_rows[new_row], np.cumsum(new_row) - 1
    else:
        rows, at_row = np.unique(cell_rows, return_inverse=True)
    # the cell of each (column, row), the first one written when a cell is written twice
    slot = np.full(len(columns) * len(rows), -1, np.int64)
    order = np.arange(len(kept) - 1, -1, -1)
    slot[code[order] * len(rows) + at_row[order]] = order
    # every column's cells taken at once; each column a slice of them
    cell = pa.array(slot, mask=slot < 0)
    texts = values.take(cell)
    if flagged:
        numbers = pc.fill_null(pc.and_(pc.equal(kinds, 1), pc.is_valid(values)).take(cell), False)
    out, n = {"_row": pa.array(rows, pa.int32())}, len(rows)
    for place, field in enumerate(columns.values()):
        out[field] = texts.slice(place * n, n)
        if field in flagged:
            out[f"{field}_angka"] = numbers.slice(place * n, n)
    return pa.table(out)


def _col_number(letters: str) -> int:
    number = 0
    for ch in letters:
        number = number * 26 + ord(ch) - 64
    return number


_ROW_START = re.compile(rb"(?:\w+:)?row[\s>]")


def _last_row_start(buffer: bytes) -> int:
    """Where the last row element opens in `buffer` (`<row ` or `<x:row `), or -1."""
    cut = len(buffer)
    while (cut := buffer.rfind(b"row", 0, cut)) > 0:
        start = buffer.rfind(b"<", 0, cut)
        if start >= 0 and _ROW_START.fullmatch(buffer, start + 1, cut + 4):
            return start
    return -1
