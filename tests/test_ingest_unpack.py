"""A sheet's XML unpacked in pieces gives the bytes zipfile gives, and a damaged sheet is refused
with the message a user can act on, whichever way it is unpacked."""

from __future__ import annotations

import io
import zipfile

import pytest
import xlsxwriter

from readiness.ingest import unpack
from readiness.ingest.workbook import Book, UnreadableFile

SHEET = "xl/worksheets/sheet1.xml"


def _list(path, rows=20_000):
    wb = xlsxwriter.Workbook(path)
    ws = wb.add_worksheet("DPT")
    ws.write_row(0, 0, ["NIK", "NAMA", "ALAMAT", "TPS"])
    for r in range(1, rows + 1):
        ws.write_row(r, 0, [f"35130119124{r:05d}", f"WARGA {r}", f"DUSUN KRAJAN RT {r % 9:03d}", r % 40 + 1])
    wb.close()
    return path


@pytest.mark.parametrize("how", ["deflated", "stored", "in-memory"])
def test_a_sheet_unpacked_in_pieces_is_the_bytes_zipfile_gives(tmp_path, how):
    path = _list(tmp_path / "dpt.xlsx")
    if how == "stored":  # a zip written without compression (some exporters do)
        stored = tmp_path / "tersimpan.xlsx"
        with zipfile.ZipFile(path) as src, zipfile.ZipFile(stored, "w", zipfile.ZIP_STORED) as dst:
            for entry in src.infolist():
                dst.writestr(entry.filename, src.read(entry.filename))
        path = stored
    source = io.BytesIO(path.read_bytes()) if how == "in-memory" else path
    with zipfile.ZipFile(source) as archive:
        expected = archive.read(SHEET)
        got = list(unpack.chunks(archive, SHEET, 64 * 1024))
    assert b"".join(got) == expected and len(expected) > 10 * 64 * 1024
    assert {len(c) for c in got[:-1]} == {64 * 1024}  # whole pieces but the last


def _damaged(path, out, where):
    """The file with its sheet's packed bytes changed (a byte flipped) or cut short."""
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo(SHEET)
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    if where == "flipped":
        data[start + info.compress_size // 2] ^= 0xFF
    else:  # the sheet cut in its middle, the directory kept (a download stopped and resumed badly)
        data = data[: start + info.compress_size // 2] + data[start + info.compress_size :]
    out.write_bytes(bytes(data))
    return out


@pytest.mark.parametrize("where", ["flipped", "cut"])
def test_a_damaged_sheet_is_refused_as_damaged(tmp_path, where):
    path = _damaged(_list(tmp_path / "dpt.xlsx"), tmp_path / "rusak.xlsx", where)
    with pytest.raises(zipfile.BadZipFile), zipfile.ZipFile(path) as archive:
        for _ in unpack.chunks(archive, SHEET, 64 * 1024):
            pass
    try:
        book = Book(path, path.name)
        with pytest.raises(UnreadableFile, match=r"^sheet 'DPT' rusak atau terpotong; unduh ulang berkasnya$"):
            list(book.column_batches("DPT", 1, {0: "nik", 1: "nama"}))
    except UnreadableFile as exc:  # refused as it is opened: the same advice
        assert "rusak atau terpotong" in str(exc)


def test_a_sheet_longer_than_its_directory_says_is_refused_before_it_is_unpacked_whole(tmp_path):
    """A decompression bomb that states a small size for a sheet of zeros: the reading stops at the
    size it stated, never holding more."""
    path = tmp_path / "bom.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(SHEET, b"<row>" + b"0" * 50_000_000)
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo(SHEET)
    size = (info.file_size).to_bytes(4, "little")
    small = (1_000_000).to_bytes(4, "little")
    data[info.header_offset + 22 : info.header_offset + 26] = small  # the local header's size
    at = data.rindex(size)  # the central directory's
    data[at : at + 4] = small
    path.write_bytes(bytes(data))
    given = 0
    with pytest.raises(zipfile.BadZipFile), zipfile.ZipFile(path) as archive:
        for chunk in unpack.chunks(archive, SHEET, 64 * 1024):
            given += len(chunk)
    assert given <= 1_000_000
