"""Per-voter lists (DPT/DPS/DP4 exports): read as Arrow columns in batches of rows, validated, and
pseudonymised inside DuckDB, so a whole kabupaten (~870.000 rows) is handled in seconds, not
minutes, without ever holding the whole sheet.

Identity never leaves this module in clear: NIK and NKK become an HMAC-SHA256 with the
installation secret (sha256(opad ‖ sha256(ipad ‖ m)), RFC 2104), kept at 128 bits and stored as
one 128-bit number — those written as their 16 digits computed with hashlib for each chunk of rows
on a helper thread, the rest in SQL — plus a masked NIK. Names, addresses and places of
birth are not even read unless an admin turned keeping them on (app setting `simpan_identitas`),
and then they go to `result.identitas`, a table of their own that can be deleted at once.
Everything is text until it is checked, so NIK/NKK keep their 16 digits and RT `007` stays `007`.

What the voter-list audit (readiness/audit.py) needs is derived here, in the same pass: the NIK's
length, whether it is all digits, its region code, whether its date part is possible and agrees
with the birth date and sex (the date digits themselves are not kept: they are the six digits a
masked NIK hides), and a 64-bit key from the keyed hash for finding duplicates fast. A desa that
is not in the stated kecamatan is a finding (`desa_tidak_cocok`), not an error: the voter is kept
with kode_desa null and the desa as written. The findings of the file are warnings, one per type
with its count; the file is committed.

How it stays fast: cells pass as written and what a text means (trimmed, normalised, matched to a
place, a code or a date) is worked out once per distinct text in small look-up tables, each voter
row then joins them once; the voter rows are never materialised between the file's columns and
the frame that is committed (bench/RESULTS.md, bench/bench_ingest.py).

How memory stays low: an .xlsx sheet is read in pieces of its XML (1 MiB) as it is unpacked
(readiness/ingest/sheet_batches.py), two threads turning pieces into Arrow batches of the wanted
columns only; the rows then go through the checks in chunks (read.CHUNK_ROWS), each on a cursor of
its own of one in-memory DuckDB database (the NIK in clear never reaches a file), and the chunk's frame is
written as a Parquet file of the parse's own (staged.py: pseudonymous rows only), which the commit
inserts from inside DuckDB. The reading runs on a thread of its own at most one chunk ahead of the
checks (read.read_ahead), and the files are written on another, so the two cores unpack, check
and write at the same time. What stays in memory for the whole file is the
workbook's shared-string table (compact: ingest/shared_table.py); the whole-kabupaten list
peaks under 500 MiB in both shapes (bench/RESULTS.md). What needs the whole file is done per chunk
with what carries over: the kecamatan written last (merged cells), the problems worded at the end
from the problems of every chunk; the duplicate NIKs and other findings are found by the audit's
own SQL over the staged rows (temuan.py). .xls, .ods and CSV are still read whole (bounded by their
size), then checked in one chunk.

The steps, each a module: read (the sheets' columns, chunk by chunk; each chunk's hashes on a
helper thread) → lookups (the distinct texts and what they mean; `w`) → frame (pseudonyms, the frame or the
problems worded) → temuan (the findings of the file, as warnings). Their SQL is in
queries/voterlist/, one file per step. Imports pyarrow and DuckDB, never pandas: an ingest must not
load pandas before the sheet is read (~35 MiB more at the reader's peak).
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import duckdb
import pyarrow as pa

from .. import fmt, privacy, wilayah
from . import frame, lookups, read, sql, staged, temuan

FIELDS = ("kecamatan", "desa", "tps", "jk", "nik", "nkk", "tgl_lahir", "sts", "dis", "ktpel", "dpid")
# Read only when an admin has turned on keeping identity (app setting `simpan_identitas`).
IDENTITAS = ("nama", "alamat", "tempat_lahir")


def parse(
    book,
    layouts,
    result,
    gaz,
    secret: bytes,
    max_messages: int,
    step,
    *,
    tanggal_pemilihan=None,
    kapasitas_tps: int = 600,
    simpan_identitas: bool = False,
    region=None,
    chunk_rows: int | None = None,
) -> None:
    """Fill `result.frame` with canonical rows for raw_daftar (a staged.Staged: on disk until the
    commit; `result.identitas` is the same when keeping identity is on), or `result` with problems.
    The audit findings of this file alone (duplicate NIK within it, voters under 17 on
    `tanggal_pemilihan`, TPS over `kapasitas_tps`, …) become warnings, one per finding type. A list
    whose NIKs are mostly of another kab/kota than `region` (a wilayah.Wilayah) is refused. The
    rows go through the checks `chunk_rows` at a time (read.CHUNK_ROWS)."""
    _arrow_pool()
    store = staged.Staged()
    try:
        _parse(store, book, layouts, result, gaz, secret, max_messages, step, simpan_identitas, chunk_rows)
        store.close()
        if result.frame is not None and not result.errors and region is not None:
            if wilayah.check_nik(result, region, layouts):
                result.identitas = None
        if result.frame is not None and not result.errors:
            _warn_findings(result, gaz, tanggal_pemilihan, kapasitas_tps, max_messages)
    finally:
        store.close()
        if result.frame is None:
            store.remove()


def _arrow_pool() -> None:
    """Arrow's allocations on jemalloc from here on (for the whole process), where it is built in:
    the sheet's pieces are turned into batches on threads that come and go, and mimalloc, Arrow's
    default, kept the pages those threads freed resident (~60 MiB more at the peak of a kabupaten);
    jemalloc gives them back."""
    try:
        pool = pa.jemalloc_memory_pool()
    except NotImplementedError:
        return
    if pa.default_memory_pool().backend_name != pool.backend_name:
        pa.set_memory_pool(pool)


def _parse(store, book, layouts, result, gaz, secret, max_messages, step, simpan_identitas, chunk_rows) -> None:
    fields = FIELDS + (IDENTITAS if simpan_identitas else ())
    # One helper thread beside the sheet reader and the checks: it hashes each chunk's NIK/NKK texts
    # as soon as the chunk is read, while the chunk before is checked (read.hashed_for).
    helper = ThreadPoolExecutor(max_workers=1)
    try:
        chunked = _Chunks(store, layouts, gaz, simpan_identitas, secret)
        hashed = read.hashed_ahead(
            read.chunks(book, layouts, fields, gaz, helper, chunk_rows), helper, privacy.KeyedHasher(secret)
        )
        reading = read.read_ahead(hashed)
        try:
            for number, (table, hashes) in enumerate(reading):
                if number == 0:
                    step(0.6, "memeriksa baris dan menyamarkan NIK dan NKK")
                chunked.check(table, hashes.result())
        finally:
            reading.close()
            chunked.close()
    finally:
        helper.shutdown(wait=False, cancel_futures=True)
    if chunked.rows == 0:
        lay = layouts[0]
        result.add("galat", "tidak ada baris data di bawah judul kolom", lay.sheet.name, lay.data_start + 1)
        return
    if chunked.problems:
        _word_problems(store, layouts, result, max_messages)
        return
    result.frame = store
    result.coverage = {k for (k,) in store.query("select distinct kode_kecamatan from frame")}
    if simpan_identitas:
        result.identitas = store


# The in-memory DuckDB database the chunks are checked in: one for the whole file, its buffers,
# threads and allocator caches reused from chunk to chunk (a database per chunk left a few MiB
# more resident after each). A chunk's look-ups and frame are a few tens of MiB.
CHECK_CONFIG = {"threads": 1, "memory_limit": "256MB", "allocator_flush_threshold": "16MB"}


class _Chunks:
    """The steps of the checks for one chunk of rows after another, on a cursor of its own of one
    in-memory DuckDB database (the NIK in clear never leaves its memory; a cursor's temporary
    tables are its own and go with it); what carries from one chunk to the next: the
    kecamatan written last (merged cells), whether some row had a problem."""

    def __init__(self, store, layouts, gaz, simpan_identitas, secret):
        self.db = duckdb.connect(config=CHECK_CONFIG)
        sql.macros(self.db)  # once for the database: every chunk's cursor sees them
        self.store, self.layouts, self.gaz = store, layouts, gaz
        self.simpan_identitas, self.secret = simpan_identitas, secret
        self.kecamatan = None  # the last kecamatan written, for the rows of the next chunk
        self.rows, self.problems = 0, False

    def close(self) -> None:
        self.db.close()

    def check(self, incoming: pa.Table, hashed: tuple[pa.Table, pa.Table]) -> None:
        """Check one chunk of rows; `hashed` is what read.hashed_for gives for it."""
        rows, regions = hashed
        # the hashes computed in Python, row for row, as columns of the chunk (_nik_h, _nkk_h)
        incoming = pa.Table.from_arrays(incoming.columns + rows.columns, incoming.column_names + rows.column_names)
        con = self.db.cursor()
        try:
            incoming = lookups.birth_dates(con, lookups.codes(con, incoming))
            con.register("incoming", incoming)
            pairs = lookups.voter_rows(con, incoming, self.kecamatan)
            lookups.meanings(con, pairs, self.gaz)
            pads = frame.pseudonyms(con, self.layouts, incoming, regions, self.secret)
            table = frame.frame(con, pads)
            self.rows += table.num_rows
            self.kecamatan = lookups.last_kecamatan(con, incoming, self.kecamatan)
            if frame.has_problems(table):
                self.problems = True
                self.store.append("galat", frame.problems(con))
            elif not self.problems:
                self.store.append("frame", table.drop_columns(["_galat"]))
                if self.simpan_identitas:
                    self.store.append("identitas", frame.identity(con))
        finally:
            con.close()


def _word_problems(store, layouts, result, max_messages: int) -> None:
    """The problems of the rows that have some (galat.sql), the first `max_messages` of them on
    `result` with sheet, row and column, the rest counted."""
    total = store.query("select count(*) from galat")[0][0]
    shown = store.query("select * from galat order by _sheet_no, _row, field limit $n", n=max_messages)
    for sheet_no, row, field, message in shown:
        lay = layouts[sheet_no]
        result.add("galat", message, lay.sheet.name, row, lay.column_label(field))
    result.hidden_problems += total - len(shown)


def _warn_findings(result, gaz, tanggal_pemilihan, kapasitas_tps, max_messages) -> None:
    """The findings of this file alone as warnings: one line per type with its count, and one per
    desa name that is not in its kecamatan (where it was first seen). Cross-list duplicates show
    in the audit, which reads every active list of the election."""
    counts, desa = temuan.file_findings(result.frame, gaz, result.file_name, tanggal_pemilihan, kapasitas_tps)
    for kode, jumlah in counts.items():
        info = temuan.JENIS[kode]
        result.add(
            "peringatan",
            f"temuan DPT — {info.nama}: {fmt.angka(jumlah)} pemilih ({info.singkat}). "
            "Dicatat, berkas tetap disimpan; rinciannya di halaman Temuan DPT",
        )
    for sheet, row, note, jumlah in desa[:max_messages]:
        result.add(
            "peringatan",
            f"{note} ({fmt.angka(jumlah)} pemilih; dicatat sebagai temuan desa tidak cocok, bukan penolakan)",
            sheet,
            row,
        )
