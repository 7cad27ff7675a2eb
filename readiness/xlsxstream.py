"""Reading just what is needed from a large .xlsx without parsing the whole sheet: the first
rows (to find the header and kind), sheet visibility, and which cells of given columns Excel
stored as numbers (a NIK typed as a number has lost its last digits; the fast column reader
cannot tell a number cell from a text cell, the XML can)."""
from __future__ import annotations

import posixpath
import re
import xml.etree.ElementTree as ET
import zipfile

NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
REL_NS = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_CELL_REF = re.compile(r"([A-Z]+)(\d+)")


def _col_index(letters: str) -> int:
    index = 0
    for ch in letters:
        index = index * 26 + ord(ch) - 64
    return index - 1


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
        self._shared: list[str] = []
        self._shared_iter = None
        self.has_shared = "xl/sharedStrings.xml" in names

    def path(self, sheet_name: str) -> str:
        return next(p for n, p, _ in self.sheets if n == sheet_name)

    def _shared_string(self, index: int) -> str | None:
        if not self.has_shared:
            return None
        if self._shared_iter is None:
            self._shared_iter = ET.iterparse(self.zip.open("xl/sharedStrings.xml"), events=("end",))
        while len(self._shared) <= index:
            try:
                _, elem = next(self._shared_iter)
            except StopIteration:
                return None
            if elem.tag == f"{NS}si":
                self._shared.append("".join(t.text or "" for t in elem.iter(f"{NS}t")))
                elem.clear()
        return self._shared[index]

    def head(self, sheet_name: str, n_rows: int) -> list[list]:
        """The first `n_rows` rows (Excel rows 1..n) as values: text, numbers as float, bools."""
        rows: dict[int, dict[int, object]] = {}
        with self.zip.open(self.path(sheet_name)) as stream:
            for _, elem in ET.iterparse(stream, events=("end",)):
                if elem.tag != f"{NS}row":
                    continue
                r = int(elem.get("r", len(rows) + 1))
                if r > n_rows:
                    break
                cells = {}
                for position, cell in enumerate(elem.iter(f"{NS}c")):
                    ref = _CELL_REF.match(cell.get("r", ""))
                    col = _col_index(ref.group(1)) if ref else position
                    cells[col] = self._value(cell)
                rows[r] = cells
                elem.clear()
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
            return self._shared_string(int(v.text))
        if kind in ("str", "e"):
            return v.text
        if kind == "b":
            return v.text == "1"
        try:
            number = float(v.text)
        except ValueError:
            return v.text
        return int(number) if number.is_integer() else number

    def numeric_rows(self, sheet_name: str, columns: list[str]) -> dict[str, set[int]]:
        """Excel row numbers where a cell of each column letter holds a number (no text type)."""
        found: dict[str, set[int]] = {c: set() for c in columns}
        if not columns:
            return found
        pattern = re.compile(
            rb'<c r="(' + b"|".join(c.encode() for c in columns) + rb')(\d+)"'
            rb'(?![^>]*\bt="(?:s|str|inlineStr|b|e|d)")[^>]*(?<!/)>')
        for body in self._pieces(self.path(sheet_name)):
            for col, row in pattern.findall(body):
                found[col.decode()].add(int(row))
        return found

    def shared_digit_strings(self, length: int):
        """The shared strings that are exactly `length` ASCII digits as written (a NIK or NKK stored
        as text), yielded in lists per piece of the XML read, so that few exist at once. Texts with
        spaces, an apostrophe or rich text are not among them."""
        if not self.has_shared:
            return
        pattern = re.compile(rb"<t>(\d{%d})</t>" % length)
        for body in self._pieces("xl/sharedStrings.xml"):
            yield pattern.findall(body)

    def _pieces(self, member: str):
        """The XML of `member` unpacked in pieces of about 4 MiB, each cut before a `<`, so that no
        element is split between two pieces."""
        carry = b""
        with self.zip.open(member) as stream:
            while chunk := stream.read(1 << 22):
                buffer = carry + chunk
                cut = buffer.rfind(b"<")
                body, carry = buffer[:cut], buffer[cut:]
                yield body
