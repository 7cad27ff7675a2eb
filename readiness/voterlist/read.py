"""Reading a per-voter list: the sheets' columns as Arrow text up to the last voter, in chunks of
rows, and the keyed hashes of the workbook's 16-digit shared strings computed meanwhile on another
thread."""

from __future__ import annotations

import queue
import threading
from concurrent.futures import Future

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from .. import privacy
from ..ingest import table_end

# Rows of a sheet taken through the checks together: large enough that the fixed cost of each
# pass (a dozen small queries) is paid rarely, small enough that a chunk's cells, their look-ups
# and its frame stay a few tens of MiB whatever the length of the list.
CHUNK_ROWS = 50_000


def chunks(book, layouts, fields, gaz, helper=None, chunk_rows: int | None = None):
    """The columns `fields` of every voter sheet as text, in Arrow tables of about `chunk_rows`
    rows (CHUNK_ROWS) with `_sheet_no`, `_row` and whether Excel stored the NIK/NKK cell as a number
    (`nik_angka`, `nkk_angka`). The last chunk of a sheet is held back until the sheet ends: the
    signature block under the list is cut from it (without_footer)."""
    chunk_rows = chunk_rows or CHUNK_ROWS
    for number, lay in enumerate(layouts):
        columns = {c: f for c, f in lay.columns.items() if f in fields}
        if book.batched:
            batches = book.column_batches(lay.sheet.name, lay.data_start, columns, numeric_flags=("nik", "nkk"))
        else:
            batches = [
                book.columns(lay.sheet.name, lay.data_start, columns, numeric_flags=("nik", "nkk"), helper=helper)
            ]
        held, pending, rows = None, [], 0
        for batch in batches:
            pending.append(batch)
            rows += batch.num_rows
            if rows >= chunk_rows:
                if held is not None:
                    yield _finished(held, fields, number)
                held, pending, rows = _joined(pending, columns), [], 0
        last = _joined(([held] if held is not None else []) + pending, columns)
        yield _finished(without_footer(last, lay, gaz), fields, number)
    if book.batched:
        book.release_shared()


# Chunks read ahead while the one before is checked: each is a few MiB (the text columns of
# CHUNK_ROWS rows), and the reader holds one more back (the sheet's last rows) and one being built.
AHEAD_CHUNKS = 1


def read_ahead(items, depth: int = AHEAD_CHUNKS):
    """The items of the generator `items`, produced on a thread of their own at most `depth` ahead
    of the one being used: the sheet is unpacked and turned into chunks on one core while the
    checks run on the other. What the reading raises is raised here, at the item it stopped at;
    leaving the loop early stops the reading (and closes `items` on its own thread)."""
    handed: queue.Queue = queue.Queue(maxsize=depth)
    stop = threading.Event()

    def hand(entry) -> bool:
        while not stop.is_set():
            try:
                handed.put(entry, timeout=0.05)
                return True
            except queue.Full:
                continue
        return False

    def produce() -> None:
        try:
            for item in items:
                if not hand((item, None)):
                    return
            hand((_END, None))
        except BaseException as exc:  # noqa: BLE001 - raised again on the consuming thread
            hand((_END, exc))
        finally:
            items.close()

    thread = threading.Thread(target=produce, name="daftar-baca", daemon=True)
    thread.start()
    try:
        while True:
            item, exc = handed.get()
            if item is _END:
                if exc is not None:
                    raise exc
                return
            yield item
    finally:
        stop.set()
        thread.join()


_END = object()


def _finished(table: pa.Table, fields, number: int) -> pa.Table:
    for field in fields:
        if field not in table.column_names:
            table = table.append_column(field, pa.nulls(table.num_rows, pa.string()))
    for flag in ("nik_angka", "nkk_angka"):
        if flag not in table.column_names:
            table = table.append_column(flag, pa.array([False] * table.num_rows))
    table = table.append_column("_sheet_no", pa.array([number] * table.num_rows, pa.int16()))
    return table.select(["_sheet_no", "_row", *fields, "nik_angka", "nkk_angka"])


def hashed_ahead(ahead: Future, wait: bool = True) -> pa.Table:
    """The table of hash_ahead (kunci, hash), empty when there was nothing to hash or it failed, or
    when it is not done yet and `wait` is false (the rows are then hashed in SQL: the same hash)."""
    if not wait and not ahead.done():
        return _NOTHING_AHEAD
    try:
        hashed = ahead.result()
    except Exception:  # noqa: BLE001 - only a shortcut: without it every row is hashed in SQL
        hashed = None
    return _NOTHING_AHEAD if hashed is None else hashed


def hashed_for(hashed: pa.Table, incoming: pa.Table) -> pa.Table:
    """The hashes computed ahead of the NIK/NKK texts of 16 digits in `incoming` (a chunk of rows):
    the chunk's joins then build a hash table of its own keys, not of the whole workbook's. Each
    chunk of `hashed` is sorted by its key (hash_ahead), so a key is found by a binary search,
    never by a pass over the whole table; a key is given once."""
    if hashed.num_rows == 0:
        return hashed
    keys = []
    for field in ("nik", "nkk"):
        texts = incoming.column(field)
        sixteen = pc.fill_null(pc.match_substring_regex(texts, r"^[0-9]{16}$"), False)
        keys.extend(chunk.to_numpy() for chunk in pc.filter(texts, sixteen).cast(pa.uint64()).chunks)
    wanted = np.unique(np.concatenate(keys)) if keys else np.empty(0, np.uint64)
    found = []
    for kunci, hash_ in zip(hashed.column("kunci").chunks, hashed.column("hash").chunks):
        if not len(wanted):
            break
        sorted_keys = kunci.to_numpy()
        at = np.minimum(np.searchsorted(sorted_keys, wanted), len(sorted_keys) - 1)
        hit = sorted_keys[at] == wanted
        if hit.any():
            rows = pa.array(at[hit])
            found.append(pa.table({"kunci": kunci.take(rows), "hash": hash_.take(rows)}))
            wanted = wanted[~hit]
    return pa.concat_tables(found) if found else _NOTHING_AHEAD


_NOTHING_AHEAD = pa.table({"kunci": pa.array([], pa.uint64()), "hash": pa.array([], pa.binary())})


def hash_ahead(book, secret: bytes) -> pa.Table | None:
    """While the sheet is being read (the column reader runs on one core), hash on the other the
    texts of 16 digits in the workbook's shared strings — the NIKs and NKKs stored as text, nearly
    all of them — so that afterwards most rows look their hash up instead of computing it:
    (kunci = the 16 digits as a number, hash = the 16 bytes of the keyed hash); rows not among
    them are hashed in SQL as before. The same HMAC-SHA256 (RFC 2104) with the pads hashed once,
    in fixed-width buffers: the reader is at its peak memory meanwhile, so nothing here may keep
    more than these 24 bytes per text (an Arrow string array or a DuckDB run would keep several
    times that in allocator caches)."""
    digest = privacy.KeyedHasher(secret).digest
    keys, hashes = [], []
    for found in book.shared_digit_strings(16):
        if not found:
            continue
        # sorted by key (a text given twice once), for hashed_for's binary search
        numbers, first = np.unique(np.fromiter(map(int, found), np.uint64, len(found)), return_index=True)
        digests = np.frombuffer(b"".join(map(digest, found)), np.dtype((np.void, privacy.HASH_BYTES)))[first]
        keys.append(pa.array(numbers, pa.uint64()))
        hashes.append(
            pa.FixedSizeBinaryArray.from_buffers(
                pa.binary(privacy.HASH_BYTES), len(numbers), [None, pa.py_buffer(digests.view(np.uint8))]
            )
        )
    if not keys:
        return None
    return pa.table({"kunci": pa.chunked_array(keys), "hash": pa.chunked_array(hashes)})


def without_footer(table: pa.Table, lay, gaz) -> pa.Table:
    """The rows of one sheet up to its last voter: the signature block and notes under the list are
    not voters (readiness/ingest/table_end.py), and the rows left out are noted on the layout. Only the
    last rows are looked at, a few at a time from the bottom."""
    looked_at = [f for f in table_end.fields("daftar") if f in table.column_names]
    end, step = table.num_rows, 64
    while end > 0:
        start = max(0, end - step)
        chunk = table.slice(start, end - start).select(looked_at).to_pylist()
        last = next((k for k in range(len(chunk) - 1, -1, -1) if table_end.is_data(chunk[k], "daftar", gaz)), None)
        if last is not None:
            end = start + last + 1
            break
        end, step = start, min(step * 2, 1 << 16)
    tail = table.slice(end)
    filled = pa.array([False] * tail.num_rows, pa.bool_())
    for field in lay.columns.values():
        if field in tail.column_names:
            written = pc.not_equal(pc.utf8_trim_whitespace(tail.column(field).cast(pa.string())), "")
            filled = pc.or_(filled, pc.fill_null(written, False))
    below = pc.filter(tail.column("_row"), filled)
    lay.footer = (below[0].as_py(), below[-1].as_py()) if len(below) else None
    return table.slice(0, end)


def _joined(batches: list[pa.Table], columns: dict[int, str]) -> pa.Table:
    """Batches of one sheet as one table in the order of its rows (an empty one with the fields
    when there were none); rows are only out of order when the sheet's XML wrote them so."""
    if not batches:
        return pa.table({"_row": pa.array([], pa.int32()), **{f: pa.array([], pa.string()) for f in columns.values()}})
    table = pa.concat_tables(batches)
    rows = table.column("_row")
    if table.num_rows > 1 and not pc.all(pc.less(rows.slice(0, len(rows) - 1), rows.slice(1))).as_py():
        table = table.sort_by("_row")
    return table
