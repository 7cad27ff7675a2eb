"""Opening what analysts upload: .xlsx/.xlsm/.xls/.ods workbooks and .csv files, as sheets of
cell values with Excel's own row numbering, or a clear Indonesian reason why not."""
from __future__ import annotations

import csv
import io
from dataclasses import dataclass

from python_calamine import CalamineWorkbook

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # legacy .xls, or an encrypted .xlsx
ZIP_MAGIC = b"PK\x03\x04"


class UnreadableFile(ValueError):
    """The file cannot be read at all; the message is Indonesian."""


@dataclass
class Sheet:
    name: str
    rows: list[list]  # rows[i] is Excel row i + 1; empty cells are None
    hidden: bool = False


def _clean(value):
    if value == "":
        return None
    if isinstance(value, str):
        value = value.replace("\u00a0", " ").strip()
        return value or None
    return value


def read_sheets(data: bytes, file_name: str) -> list[Sheet]:
    lower = file_name.lower()
    if not data:
        raise UnreadableFile("berkas kosong (0 byte)")
    if lower.endswith((".csv", ".txt")):
        return [_read_csv(data)]
    head = data[:8]
    if head.startswith(b"%PDF"):
        raise UnreadableFile("berkas ini PDF yang diberi nama Excel; unggah berkas .xlsx, .xls atau .csv")
    if not (head.startswith(ZIP_MAGIC) or head == OLE_MAGIC):
        raise UnreadableFile("bukan berkas Excel (.xlsx/.xls) atau CSV yang dapat dibaca")
    try:
        workbook = CalamineWorkbook.from_filelike(io.BytesIO(data))
    except Exception as exc:  # calamine raises several types; each means the same to a user
        text = str(exc).lower()
        if head == OLE_MAGIC and lower.endswith((".xlsx", ".xlsm")):
            raise UnreadableFile("berkas dilindungi kata sandi; buka di Excel, hapus kata sandi, simpan ulang") from None
        if "password" in text or "encrypt" in text:
            raise UnreadableFile("berkas dilindungi kata sandi; buka di Excel, hapus kata sandi, simpan ulang") from None
        raise UnreadableFile("berkas rusak atau terpotong (tidak dapat dibuka sebagai Excel); unduh ulang berkasnya") from None
    sheets = []
    hidden = {m.name for m in workbook.sheets_metadata if "hidden" in str(m.visible).lower()}
    for name in workbook.sheet_names:
        try:
            raw = workbook.get_sheet_by_name(name).to_python(skip_empty_area=False)
        except Exception:
            raise UnreadableFile(f"sheet '{name}' rusak atau terpotong; unduh ulang berkasnya") from None
        rows = [[_clean(v) for v in row] for row in raw]
        sheets.append(Sheet(name, rows, hidden=name in hidden))
    return sheets


def _read_csv(data: bytes) -> Sheet:
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    sample = "\n".join(text.splitlines()[:30])
    counts = {d: sample.count(d) for d in (";", ",", "\t")}
    delimiter = max(counts, key=counts.get)
    rows = [[_clean(v) for v in row] for row in csv.reader(io.StringIO(text), delimiter=delimiter)]
    return Sheet("(CSV)", rows)


def column_letter(index: int) -> str:
    """0 -> A, 26 -> AA."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters
