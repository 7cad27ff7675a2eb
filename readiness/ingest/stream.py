"""Reading just what is needed from a large .xlsx without parsing the whole sheet: the first
rows (to find the header and kind), sheet visibility, and which cells of given columns Excel
stored as numbers (a NIK typed as a number has lost its last digits; the fast column reader
cannot tell a number cell from a text cell, the XML can)."""

from __future__ import annotations

import posixpath
import re
import xml.etree.ElementTree as ET
import zipfile
from dataclasses import dataclass

from . import unpack

# Excel's own limits: a row of more cells than this, or a head of more bytes, is not an export.
MAX_COLUMNS = 16384
HEAD_BYTES = 16 * 1024**2
NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
REL_NS = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_CELL_REF = re.compile(r"([A-Z]+)(\d+)")


def _col_index(letters: str) -> int:
    index = 0
    for ch in letters:
        index = index * 26 + ord(ch) - 64
    return index - 1


class HeadTooLarge(ValueError):
    """The first rows of a sheet are larger than any export's."""

    def __init__(self, n_rows: int):
        super().__init__(n_rows)
        self.n_rows = n_rows


@dataclass(frozen=True)
class _Shared:
    index: int


@dataclass(frozen=True)
class Extent:
    """How much a sheet holds, counted from its XML without parsing it: what the readers will
    allocate. `rows` x `columns` is the rectangle from A1 to the farthest cell, which the readers
    keep whole (a cell at XFD1000000 alone costs them 16 billion cells)."""

    cells: int  # cell elements, with or without a value
    rows: int
    columns: int
    own_text: bool = True  # some cell holds its text itself (inline string or formula result)

    @property
    def area(self) -> int:
        return self.rows * self.columns


def _above(text: bytes, low: int, high: int) -> bytes:
    """A regex alternation for the strings over the byte range low..high that come after `text`
    when compared as (length, then letters): the column letters after `R`, the numbers after 872222."""
    span = rb"[\x%02x-\x%02x]" % (low, high)
    parts = [span + b"{%d,}" % (len(text) + 1)]
    for i, ch in enumerate(text):
        if ch < high:
            after = rb"[\x%02x-\x%02x]" % (ch + 1, high)
            parts.append(re.escape(text[:i]) + after + span + b"{%d}" % (len(text) - i - 1))
    return b"(?:" + b"|".join(parts) + b")"


_TAGS = re.compile(rb"<(?:\w+:)?(row|c)\b([^>]*?)(/?)>|</(?:\w+:)?row>")
_REF_ATTR = re.compile(rb"""\sr\s*=\s*(["'])(.*?)\1""", re.DOTALL)
_REF = re.compile(rb"([A-Z]*)(\d*)")
_DIGITS = re.compile(rb"\d*")
_LETTERS = re.compile(rb"[A-Z]*")


class _ExtentScan:
    """Follows a sheet's XML piece by piece the way the readers place cells: a cell at its `r`
    reference, or without one next to the cell before it in its row; a row at its `r`, or after
    the row before.

    A piece is walked tag by tag (~0,15 s per 4 MiB) only when it must be. Otherwise it is counted:
    when every cell in it has a reference in a column already seen (up to Z) with the same number
    of digits D as the last row opened in it, or one fewer (two bytes.count on a copy whose capitals
    and digits are folded by bytes.translate), its rows are bounded by 10^D - 1; with `precise`, a
    regex search instead finds any reference beyond the last row opened or the farthest column."""

    def __init__(self, prefix: bytes, precise: bool):
        self.cells = self.max_row = self.max_col = 0
        self.row = self.col = 0  # 1-based position of the current row and of the last cell in it
        self.own_text = False
        self.precise = precise
        self._open = b"<" + prefix + b"c"
        self._cell = b'<%sc r="' % prefix
        self._row = b'<%srow r="' % prefix
        self._beyond: tuple[tuple[int, int], re.Pattern] | None = None
        self._folds: dict[int, bytes] = {}

    def feed(self, body: bytes) -> None:
        if not self.own_text:
            self.own_text = b"inlineStr" in body or b'"str"' in body
        opened = body.count(self._open)
        if self.max_col and not opened and self._row not in body:
            return  # the end of the sheet: nothing placed
        if self.max_col:
            last_row = body.rfind(self._row)
            top = int(_DIGITS.match(body, last_row + len(self._row)).group() or 0) if last_row >= 0 else self.row
            if self._counted(body, opened, max(top, 1)) or self._searched(body, opened, max(top, self.max_row)):
                self.cells += opened
                self.row = top
                last = body.rfind(self._cell)
                if last >= 0:
                    self.col = _col_number(_LETTERS.match(body, last + len(self._cell)).group())
                return
        self._walk(body)

    def _counted(self, body: bytes, opened: int, top: int) -> bool:
        if self.precise or self.max_col > 26:
            return False
        folded = body.translate(self._fold(self.max_col))
        digits = len(str(top))
        found = folded.count(self._cell + b"A" + b"0" * digits + b'"')
        if found != opened and digits > 1:
            found += folded.count(self._cell + b"A" + b"0" * (digits - 1) + b'"')
        if found != opened:
            return False
        self.max_row = max(self.max_row, 10**digits - 1)
        return True

    def _fold(self, max_col: int) -> bytes:
        """Capitals up to column `max_col` become A, later ones Z; digits become 0."""
        if max_col not in self._folds:
            table = bytearray(range(256))
            for ch in range(65, 91):
                table[ch] = 65 if ch - 64 <= max_col else 90
            for ch in range(48, 58):
                table[ch] = 48
            self._folds[max_col] = bytes(table)
        return self._folds[max_col]

    def _searched(self, body: bytes, opened: int, top: int) -> bool:
        if body.count(self._cell) != opened or self._beyond_pattern(top, self.max_col).search(body):
            return False
        self.max_row = max(self.max_row, top)
        return True

    def _beyond_pattern(self, max_row: int, max_col: int) -> re.Pattern:
        """A cell reference to a column after `max_col` or a row after `max_row`."""
        if self._beyond is None or self._beyond[0] != (max_row, max_col):
            letters = column_letter(max_col - 1).encode()
            digits = str(max(max_row, 1)).encode()
            self._beyond = (
                (max_row, max_col),
                re.compile(
                    re.escape(self._cell) + rb'(?:%s\d|[A-Z]+%s")' % (_above(letters, 65, 90), _above(digits, 48, 57))
                ),
            )
        return self._beyond[1]

    def _walk(self, body: bytes) -> None:
        for tag in _TAGS.finditer(body):
            name, attrs = tag.group(1), tag.group(2)
            if name is None:  # </row>
                continue
            ref = _reference(attrs)
            if name == b"row":
                self.row = int(ref.group(2)) if ref and ref.group(2) else self.row + 1
                self.col = 0
                self.max_row = max(self.max_row, self.row)
                continue
            self.cells += 1
            if ref and ref.group(1):
                self.col = _col_number(ref.group(1))
                row = int(ref.group(2)) if ref.group(2) else self.row
            else:
                self.col += 1
                row = self.row
            self.max_row = max(self.max_row, row)
            self.max_col = max(self.max_col, self.col)


def _reference(attrs: bytes) -> re.Match | None:
    """The `r` attribute as (letters, digits), read as the XML reader reads it: either quote,
    spaces around `=`, character references, any case."""
    found = _REF_ATTR.search(attrs) if attrs else None
    if found is None:
        return None
    value = found.group(2)
    if b"&" in value:
        import html

        value = html.unescape(value.decode("utf-8", "replace")).encode("utf-8", "replace")
    return _REF.fullmatch(value.strip().upper())


def _col_number(letters: bytes) -> int:
    index = 0
    for ch in letters:
        index = index * 26 + ch - 64
    return index


def column_letter(index: int) -> str:
    """0 -> A, 26 -> AA."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


class XlsxParts:
    """Sheet names, their XML paths and visibility, from workbook.xml and its relations."""

    def __init__(self, stream):
        self.zip = zipfile.ZipFile(stream)
        names = set(self.zip.namelist())
        rels = ET.fromstring(self.zip.read("xl/_rels/workbook.xml.rels"))
        targets = {}
        for rel in rels:
            target = rel.get("Target", "")
            path = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join("xl", target))
            targets[rel.get("Id")] = path
        book = ET.fromstring(self.zip.read("xl/workbook.xml"))
        self.sheets: list[tuple[str, str, bool]] = []  # (name, xml path, hidden)
        for sheet in book.iter(f"{NS}sheet"):
            path = targets.get(sheet.get(f"{REL_NS}id"))
            if path in names:
                self.sheets.append((sheet.get("name"), path, sheet.get("state", "visible") != "visible"))
        self.has_shared = "xl/sharedStrings.xml" in names

    def path(self, sheet_name: str) -> str:
        return next(p for n, p, _ in self.sheets if n == sheet_name)

    def _shared_strings(self, wanted: set[int]) -> dict[int, str]:
        """The shared strings at the indices `wanted`, from one streaming pass that keeps only those
        and stops after the last of them."""
        found: dict[int, str] = {}
        if not self.has_shared or not wanted:
            return found
        last, index, root = max(wanted), 0, None
        with self.zip.open("xl/sharedStrings.xml") as stream:
            for event, elem in ET.iterparse(stream, events=("start", "end")):
                if root is None:
                    root = elem
                if event != "end" or elem.tag != f"{NS}si":
                    continue
                if index in wanted:
                    found[index] = "".join(t.text or "" for t in elem.iter(f"{NS}t"))
                root.remove(elem)  # nothing read stays in memory
                index += 1
                if index > last:
                    break
        return found

    def head(self, sheet_name: str, n_rows: int) -> list[list]:
        """The first `n_rows` rows (Excel rows 1..n) as values: text, numbers as float, bools.
        Reads at most HEAD_BYTES of the sheet's XML and keeps one row and one cell element at a time,
        so that a row of a million cells, rows repeated or one huge cell cannot fill the memory."""
        rows: dict[int, dict[int, object]] = {}
        parser = ET.XMLPullParser(events=("start", "end"))
        row_elem, rows_parent, r, col, cells, done, read = None, None, 0, 0, {}, False, 0
        with self.zip.open(self.path(sheet_name)) as stream:
            while not done and (chunk := stream.read(1 << 16)):
                read += len(chunk)
                if read > HEAD_BYTES:
                    raise HeadTooLarge(n_rows)
                parser.feed(chunk)
                for event, elem in parser.read_events():
                    if elem.tag == f"{NS}sheetData" and event == "start":
                        rows_parent = elem
                    elif elem.tag == f"{NS}row":
                        if event == "start":
                            row_elem, col, cells = elem, 0, {}
                            r = int(elem.get("r") or r + 1)
                            if r > n_rows:
                                done = True
                                break
                        else:
                            rows[r] = cells
                            if rows_parent is not None:
                                rows_parent.remove(elem)  # thousands of rows numbered 1 keep nothing
                            row_elem = None
                    elif elem.tag == f"{NS}c" and event == "end" and row_elem is not None:
                        ref = _CELL_REF.match(elem.get("r", ""))
                        col = _col_index(ref.group(1)) if ref else col + 1 if cells else 0
                        if len(cells) >= MAX_COLUMNS or col >= MAX_COLUMNS:
                            raise HeadTooLarge(n_rows)
                        cells[col] = self._value(elem)
                        row_elem.remove(elem)
        wanted = {v.index for c in rows.values() for v in c.values() if isinstance(v, _Shared)}
        shared = self._shared_strings(wanted)
        rows = {
            r: {c: shared.get(v.index) if isinstance(v, _Shared) else v for c, v in cells.items()}
            for r, cells in rows.items()
        }
        width = max((max(c) + 1 for c in rows.values() if c), default=0)
        return [[rows.get(r, {}).get(c) for c in range(width)] for r in range(1, min(n_rows, max(rows, default=0)) + 1)]

    def _value(self, cell):
        kind = cell.get("t", "n")
        if kind == "inlineStr":
            return "".join(t.text or "" for t in cell.iter(f"{NS}t"))
        v = cell.find(f"{NS}v")
        if v is None or v.text is None:
            return None
        if kind == "s":
            return _Shared(int(v.text))
        if kind in ("str", "e"):
            return v.text
        if kind == "b":
            return v.text == "1"
        try:
            number = float(v.text)
        except ValueError:
            return v.text
        return int(number) if number.is_integer() else number

    def shared_strings_stats(self) -> tuple[int, int]:
        """How many shared strings, and the longest one's text in bytes (an upper bound: its XML
        without the <si><t> tags): each cell that points at it gets a copy of its own in the readers."""
        count = longest = 0
        if not self.has_shared:
            return count, longest
        carry = b""
        with self.zip.open("xl/sharedStrings.xml") as stream:
            while chunk := stream.read(1 << 22):
                buffer = carry + chunk
                cut = buffer.rfind(b"<si")
                if cut <= 0:
                    carry = buffer
                    continue
                body, carry = buffer[:cut], buffer[cut:]
                pieces = body.split(b"<si")[1:]
                count += len(pieces)
                longest = max(longest, max(map(len, pieces), default=0))
        if carry.startswith(b"<si"):
            count += 1
            longest = max(longest, len(carry[3:].split(b"</sst")[0]))
        return count, max(longest - len("><t></t></si>"), 0)

    def numeric_rows(self, sheet_name: str, columns: list[str]) -> dict[str, set[int]]:
        """Excel row numbers where a cell of each column letter holds a number (no text type)."""
        found: dict[str, set[int]] = {c: set() for c in columns}
        if not columns:
            return found
        pattern = re.compile(
            rb'<c r="(' + b"|".join(c.encode() for c in columns) + rb')(\d+)"'
            rb'(?![^>]*\bt="(?:s|str|inlineStr|b|e|d)")[^>]*(?<!/)>'
        )
        for body in self._pieces(self.path(sheet_name)):
            for col, row in pattern.findall(body):
                found[col.decode()].add(int(row))
        return found

    def extent(self, sheet_name: str, precise: bool = False) -> Extent:
        """Cells and the rectangle they span (or a larger one: see _ExtentScan), from one streaming
        pass over the sheet's XML."""
        scan = None
        for body in self._pieces(self.path(sheet_name), tail=True):
            if scan is None:
                root = re.search(rb"<(\w+:)?worksheet\b", body)
                scan = _ExtentScan((root.group(1) or b"") if root else b"", precise)
            scan.feed(body)
        if scan is None:
            return Extent(0, 0, 0)
        return Extent(scan.cells, scan.max_row, scan.max_col, scan.own_text)

    def _pieces(self, member: str, tail: bool = False):
        """The XML of `member` unpacked in pieces of about 4 MiB, each cut before a `<`, so that no
        element is split between two pieces."""
        carry = b""
        for chunk in unpack.chunks(self.zip, member, 1 << 22):
            buffer = carry + chunk
            cut = buffer.rfind(b"<")
            body, carry = buffer[:cut], buffer[cut:]
            yield body
        if tail and carry:
            yield carry


_ODS_TAGS = re.compile(
    rb"<table:(table-row|table-cell|covered-table-cell|table)(?=[\s/>])([^>]*?)(/?)>"
    rb"|</table:(table-row)>"
)
_ODS_NAME = re.compile(rb'table:name="([^"]*)"')
_ODS_ROWS = re.compile(rb'table:number-rows-repeated="(\d+)"')
_ODS_COLUMNS = re.compile(rb'table:number-columns-repeated="(\d+)"')


def ods_extents(archive: zipfile.ZipFile) -> dict[str, Extent]:
    """Per table of an OpenDocument spreadsheet, the cells its reader expands: a row or cell with
    a value repeated N times (`number-rows-repeated`, `number-columns-repeated`) becomes N of them,
    so a file of a few hundred bytes can stand for billions. Empty repeats (LibreOffice writes one
    to the end of every sheet) are not expanded by the reader and are not counted."""
    import html

    extents: dict[str, Extent] = {}
    name, state = None, None
    row_repeat = row_width = valued_last = valued = 0

    def close_table():
        if name is not None:
            extents[name] = Extent(state["cells"], state["max_row"], state["max_col"])

    carry = b""
    with archive.open("content.xml") as stream:
        while True:
            chunk = stream.read(1 << 22)
            buffer = carry + chunk
            cut = buffer.rfind(b"<") if chunk else len(buffer)
            body, carry = buffer[:cut], buffer[cut:]
            for tag in _ODS_TAGS.finditer(body):
                kind, attrs, closed, end = tag.group(1), tag.group(2), tag.group(3), tag.group(4)
                if kind == b"table":
                    close_table()
                    found = _ODS_NAME.search(attrs)
                    name = html.unescape(found.group(1).decode("utf-8", "replace")) if found else ""
                    state = {"cells": 0, "max_row": 0, "max_col": 0, "rows": 0}
                elif state is None:
                    continue
                elif kind == b"table-row":
                    found = _ODS_ROWS.search(attrs)
                    row_repeat, row_width, valued_last, valued = int(found.group(1)) if found else 1, 0, 0, 0
                    if closed:
                        state["rows"] += row_repeat
                elif kind in (b"table-cell", b"covered-table-cell"):
                    found = _ODS_COLUMNS.search(attrs)
                    repeat = int(found.group(1)) if found else 1
                    row_width += repeat
                    if b"office:value-type" in attrs:
                        valued += repeat
                        valued_last = row_width
                elif end:
                    state["rows"] += row_repeat
                    if valued:
                        state["cells"] += row_repeat * valued
                        state["max_row"] = state["rows"]
                        state["max_col"] = max(state["max_col"], valued_last)
            if not chunk:
                break
    close_table()
    return extents
