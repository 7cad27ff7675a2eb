"""Reading a per-voter list: the sheets' columns as Arrow text up to the last voter, in chunks of
rows, and the keyed hashes of each chunk's 16-digit NIK/NKK texts (hashed_for)."""

from __future__ import annotations

import queue
import threading

import pyarrow as pa
import pyarrow.compute as pc

from .. import privacy
from ..ingest import table_end

# Rows of a sheet taken through the checks together: large enough that the fixed cost of each
# pass (a few small queries, and look-ups of distinct texts that repeat from chunk to chunk: birth
# dates, codes) is paid rarely, small enough that a chunk's cells, their look-ups and its frame stay
# a few tens of MiB whatever the length of the list. A kabupaten (872.218 rows) peaks at the same
# ~385 MiB with 50.000 and 75.000; 100.000 added ~25 MiB.
CHUNK_ROWS = 75_000


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


def hashed_ahead(items, helper, hasher: privacy.KeyedHasher):
    """Each chunk of `items` with the future of its hashes (hashed_for), asked of `helper` as soon as
    the chunk is read (on the reading thread, read_ahead): they are ready by the time its checks
    start, after the chunk before. Closing this closes `items`."""
    try:
        for table in items:
            yield table, helper.submit(hashed_for, table, hasher)
    finally:
        items.close()


def hashed_for(incoming: pa.Table, hasher: privacy.KeyedHasher) -> tuple[pa.Table, pa.Table]:
    """The keyed hashes of the NIK/NKK texts of 16 digits in `incoming` (a chunk of rows), each text
    hashed once: (the rows' hashes, `_nik_h` and `_nkk_h`: the 16 bytes of privacy's keyed hash,
    row for row of `incoming`, null where the text is not 16 digits; the regions of those texts,
    `awal`: their first six digits as a number, each once). Each distinct text of a column hashed
    once, with hashlib (about 1 µs a text, half of what SQL takes) on a helper thread while the
    chunk before is checked, and kept only for that chunk: nothing is hashed ahead for the whole
    workbook (24 bytes per text held through the whole read). A NIK not written as its 16 digits
    (spaces, an apostrophe, a number cell) is hashed in SQL: the same hash."""
    rows, regions = {}, []
    for field in ("nik", "nkk"):
        column = incoming.column(field)
        sixteen = pc.fill_null(pc.match_substring_regex(column, r"^[0-9]{16}$"), False)
        # each text of 16 digits once (the others null): its hash taken for every row that has it
        encoded = pc.dictionary_encode(pc.if_else(sixteen, column, None).combine_chunks())
        texts = encoded.dictionary.cast(pa.string())
        rows[f"_{field}_h"] = pc.take(_digests(texts, hasher), encoded.indices)
        regions.append(pc.utf8_slice_codeunits(texts, 0, 6))
    awal = pc.unique(pa.chunked_array(regions, pa.string())).cast(pa.uint64())
    return pa.table(rows), pa.table({"awal": awal})


def _digests(texts: pa.Array, hasher: privacy.KeyedHasher) -> pa.FixedSizeBinaryArray:
    """privacy's keyed hash of each text, 16 bytes each, in their order."""
    size = privacy.HASH_BYTES
    digests = bytearray(len(texts) * size)
    texts = texts.cast(pa.binary())
    for start in range(0, len(texts), _HASH_SLICE):  # few Python objects at a time
        done = b"".join(map(hasher.digest, texts.slice(start, _HASH_SLICE).to_pylist()))
        digests[start * size : start * size + len(done)] = done
    return pa.FixedSizeBinaryArray.from_buffers(pa.binary(size), len(texts), [None, pa.py_buffer(digests)])


# Texts hashed at a time: a chunk's tens of thousands of texts as Python objects at once left ~20 MiB
# of the interpreter's small-object arenas resident beside the reader's (inline-string list).
_HASH_SLICE = 4096


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
