"""Reading one uploaded file completely into a FileResult: open it (workbook.py), find its
layouts, refuse another region's file (readiness/wilayah/berkas.py), read the rows down to the table's
end, convert each row, check across rows, and keep the rows as a frame. Never raises for bad input."""

from __future__ import annotations

import hashlib
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from .. import teks, voterlist, wilayah
from ..names import Gazetteer
from . import tps_besar
from .cells import find_date_in_text
from .checks import check_duplicates, reconcile
from .convert import CONVERTERS
from .kinds import COLUMNS, HEADER_SEARCH_ROWS, MAX_MESSAGES, REQUIRED
from .layout import Layout, choose_layouts
from .result import FileResult
from .rows import RawRow, RowReader, TotalRow, read_rows
from .workbook import Book, UnreadableFile


def file_sha256(data: bytes | Path) -> str:
    if isinstance(data, bytes):
        return hashlib.sha256(data).hexdigest()
    digest = hashlib.sha256()
    with open(data, "rb") as handle:
        while chunk := handle.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def parse_file(
    data: bytes | Path,
    file_name: str,
    gaz: Gazetteer,
    *,
    kind: str = "auto",
    kapasitas_tps: int = 600,
    secret: bytes = b"",
    step=None,
    tanggal_pemilihan=None,
    simpan_identitas: bool = False,
    region: wilayah.Wilayah | None = None,
) -> FileResult:
    """Read one file completely; never raises for bad input (problems are in the result).
    `step(fraction, text)` hears how far it is (a large per-voter list takes seconds). With the
    installation's `region`, a file that names another region is refused (readiness/wilayah/berkas.py)."""
    # The file's fingerprint (a same file uploaded twice counts once) is computed beside the
    # reading: hashlib lets go of the interpreter while it hashes.
    with ThreadPoolExecutor(max_workers=1) as pool:
        digest = pool.submit(file_sha256, data)
        result = FileResult(file_name=file_name, sha256="", wilayah=gaz.wilayah_jenis)
        _parse_into(
            result,
            data,
            gaz,
            kind=kind,
            kapasitas_tps=kapasitas_tps,
            secret=secret,
            step=step or (lambda fraction, text: None),
            tanggal_pemilihan=tanggal_pemilihan,
            simpan_identitas=simpan_identitas,
            region=region,
        )
        result.sha256 = digest.result()
    return result


def _parse_into(
    result: FileResult,
    data: bytes | Path,
    gaz: Gazetteer,
    *,
    kind,
    kapasitas_tps,
    secret,
    step,
    tanggal_pemilihan,
    simpan_identitas,
    region=None,
) -> None:
    """The steps of parse_file; each records its problems on `result`, and the first that rejects
    the file ends the reading."""
    found = _open_and_find_layouts(result, data, kind, step)
    if found is None:
        return
    book, layouts = found
    if region is not None and wilayah.check_titles(result, layouts, region):
        return
    try:
        step(0.3, "membaca baris")
        if result.kind == "daftar":
            # a per-voter list is not read into rows: its kab/kota column is checked in the head
            head_rows = [(lay, i) for lay in layouts for i in range(lay.data_start, len(lay.sheet.rows))]
            if region is not None and wilayah.check_rows(result, head_rows, region, gaz):
                return
            voterlist.parse(
                book,
                layouts,
                result,
                gaz,
                secret,
                MAX_MESSAGES,
                step,
                tanggal_pemilihan=tanggal_pemilihan,
                kapasitas_tps=kapasitas_tps,
                simpan_identitas=simpan_identitas,
                region=region,
            )
            return
        if tps_besar.coba(book, layouts, result, gaz, region, kapasitas_tps):
            return  # a large, clean TPS list, read as columns
        for lay in layouts:  # the head was enough to find the layout; now every typed cell
            lay.sheet = book.sheet(lay.sheet.name)
    except UnreadableFile as exc:
        result.add("galat", str(exc))
        return
    raw_rows, totals = _read_tables(layouts, result, gaz)
    if not raw_rows:
        result.add(
            "galat", "tidak ada baris data di bawah judul kolom", layouts[0].sheet.name, layouts[0].data_start + 1
        )
        return
    every = len(raw_rows)
    if region is not None:
        raw_rows = wilayah.pilah_baris(result, raw_rows, region, gaz)
        if raw_rows is None or (
            wilayah.check_kecamatan(result, raw_rows, region, gaz) or wilayah.tandai_kabkota(result, raw_rows, region)
        ):
            return
    records, origins = _convert_rows(result, raw_rows, gaz, kapasitas_tps)
    check_duplicates(result, result.kind, records, origins, gaz)
    if len(raw_rows) == every:  # the file's own totals are of all its rows, some of them not read
        reconcile(result, result.kind, totals, records, origins, RowReader(result, result.kind), gaz)
    if result.errors:
        return
    _keep_frame(result, records)


def _open_and_find_layouts(result: FileResult, data: bytes | Path, kind: str, step) -> tuple[Book, list[Layout]] | None:
    """The opened book and its data sheets' layouts, read from each sheet's head; the kind, the
    hidden sheets skipped and the date in a title are noted on `result`. None when the file is
    rejected."""
    try:
        step(0.05, "membuka berkas")
        book = Book(data, result.file_name)
        heads = [book.head(name) for name in book.sheet_names]
    except UnreadableFile as exc:
        result.add("galat", str(exc))
        return None
    if not any(any(v is not None for v in row) for s in heads for row in s.rows):
        result.add("galat", "berkas tidak berisi data (semua sheet kosong)")
        return None
    chosen, layouts, hidden = choose_layouts(heads, kind)
    if not layouts:
        result.pilih_jenis = True  # the one thing the user can do here besides fixing the file
        if kind == "auto":
            result.add(
                "galat",
                "jenis data tidak dikenali: tidak ditemukan baris judul kolom seperti "
                "KECAMATAN, DESA, L, P, TPS, WAJIB KTP-EL atau TARGET PARTISIPASI di "
                f"{HEADER_SEARCH_ROWS} baris pertama sheet mana pun; pilih jenisnya atau gunakan templat",
            )
        else:
            need = " atau ".join(", ".join(teks.KOLOM.get(f, f) for f in sorted(req)) for req in REQUIRED[kind])
            result.add("galat", f"tidak ditemukan kolom wajib untuk {teks.JENIS_SINGKAT[kind]}: {need}")
        return None
    result.kind, result.layouts, result.kind_detected = chosen, layouts, kind == "auto"
    for lay in layouts:
        for col, known in sorted(lay.mirip.items()):
            fld = lay.columns[col]
            result.add(
                "peringatan",
                f"judul kolom ini dibaca sebagai {teks.KOLOM.get(fld, fld)} karena mirip '{known}'; "
                "periksa kolom yang dibaca sebelum menyimpan",
                lay.sheet.name,
                lay.header_row + 1,
                lay.column_label(fld),
            )
    for sheet in hidden:
        result.add(
            "peringatan",
            "sheet tersembunyi ini juga berisi data dan tidak dibaca; tampilkan sheet-nya bila datanya memang perlu",
            sheet.name,
        )
    for lay in layouts:
        for row in lay.sheet.rows[: lay.header_row]:
            for value in row:
                if isinstance(value, str) and (found := find_date_in_text(value)):
                    result.tanggal_data = result.tanggal_data or found
    return book, layouts


def _read_tables(layouts: list[Layout], result: FileResult, gaz: Gazetteer) -> tuple[list[RawRow], list[TotalRow]]:
    """The data rows and the totals rows of every data sheet, in order."""
    raw_rows, totals = [], []
    for lay in layouts:
        r, t = read_rows(lay, result, gaz)
        raw_rows += r
        totals += t
    return raw_rows, totals


def _convert_rows(
    result: FileResult, raw_rows: list[RawRow], gaz: Gazetteer, kapasitas_tps: int
) -> tuple[list[dict], list[RawRow]]:
    """The rows that converted without an error, and the data row each came from."""
    ctx = {"kapasitas_tps": kapasitas_tps, "tanggal_data": result.tanggal_data}
    convert = CONVERTERS[result.kind]
    records, origins = [], []
    for raw in raw_rows:
        reader = RowReader(result, result.kind)
        rec = convert(reader, raw, gaz, ctx)
        if rec is not None and reader.ok:
            rec.update(source_sheet=raw.sheet, source_row=raw.row)
            records.append(rec)
            origins.append(raw)
    return records, origins


def _keep_frame(result: FileResult, records: list[dict]) -> None:
    import pandas as pd  # loaded only for these small files: a voter list stays in Arrow

    result.frame = pd.DataFrame.from_records(records, columns=["source_sheet", "source_row"] + COLUMNS[result.kind])
    # what the upload covers: its kecamatan, the kab/kota of its rows of a whole kab/kota, or '*'
    # (a row of the whole region: a kabupaten target)
    result.coverage = {rec["kode_kecamatan"] or rec.get("kode_kabkota") or "*" for rec in records}
