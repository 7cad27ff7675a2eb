"""A large TPS list (a province's or the nation's: 820.000 TPS) read as columns, not row by row.

The general route (read.py) reads every cell of a sheet into Python and converts each row: about
a tenth of a millisecond a row, and the whole sheet in memory (the nation's list would need 2,6 GB
and is refused). Here the sheet's columns are read as Arrow in batches straight from its XML, on
both cores (Book.column_batches, as a per-voter list is: no count of the sheet's cells beforehand,
the rows and bytes kept are bounded instead), and converted in DuckDB; names are matched once per
distinct name, not per row (most desa names in one join on their keys, the rest one by one), and
the rows stay Arrow up to the commit.

Only a clean table takes this route: every count a plain whole number, every kab/kota, kecamatan
and desa name known, L + P equal to L+P, no TPS twice, at most one totals row and that one the
table's last (its figures reconciled with the rows as reconcile() does). Anything else (a messy
cell, a subtotal, a numbering row, a coordinate, another region's row) returns False before the
result is touched, and the general route reads the file and says exactly what is wrong, with the
same messages as for a small file. Files smaller than BESAR_BYTE always take the general route.
"""

from __future__ import annotations

import re
from pathlib import Path

import duckdb
import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from .. import fmt
from ..names import Gazetteer
from . import table_end
from .cells import is_blank
from .checks import reconcile
from .kinds import RECONCILED
from .rows import TOTAL_RE, RawRow, RowReader, TotalRow
from .workbook import Book, UnreadableFile

BESAR_BYTE = 2_000_000  # a kabupaten's TPS list is ~0,1 MB; a province's several MB
# What this route keeps of a sheet: the nation's list is 810.698 rows, 98 MiB as Arrow text.
MAX_ROWS = 2_000_000
MAX_KEPT = 512 * 1024**2
COUNTS = ("dpt_l", "dpt_p", "dpt")
TEXTS = ("alamat", "status_logistik", "kategori_rawan")
_DIGITS = r"^[0-9]{1,9}$"
_TOTAL_WORDS = "JUMLAH|TOTAL|JML"  # a word every match of rows.TOTAL_RE holds
# The first characters (ranges, bytewise) a cell rows.TOTAL_RE matches after trim() cannot start
# with: every ASCII letter and digit but the first letters of its words, J T S G in either case (a
# space trim() removes, or ſ, may come first).
_NOT_TOTAL_STARTS = (
    ("0", ":"),
    ("A", "G"),
    ("H", "J"),
    ("K", "S"),
    ("U", "["),
    ("a", "g"),
    ("h", "j"),
    ("k", "s"),
    ("u", "{"),
)


def _may_start_total(cell: str) -> str:
    """SQL: whether `cell` may be a totals label by its first character, compared bytewise (a
    cheap test before the patterns, which cost a third of a second at the nation's size)."""
    return "not (" + " or ".join(f"({cell} >= '{a}' and {cell} < '{b}')" for a, b in _NOT_TOTAL_STARTS) + ")"


def _size(book: Book) -> int:
    return len(book.source) if isinstance(book.source, bytes) else Path(book.source).stat().st_size


def coba(book: Book, layouts, result, gaz: Gazetteer, region, kapasitas_tps: int) -> bool:
    """Read a large, clean TPS list into `result` (True); False, with `result` untouched, when the
    general route must read it."""
    if result.kind != "tps" or len(layouts) != 1 or not book.batched or _size(book) < BESAR_BYTE:
        return False
    from ..wilayah.berkas import region_columns  # readiness.wilayah reads through this package

    lay = layouts[0]
    if {"lat", "lon"} & set(lay.columns.values()):
        return False  # coordinates: their decimal commas and points are the general route's
    wilayah_cols = dict(region_columns(lay)) if region is not None else {}
    if region is not None and region.tingkat != "kabkota" and "kabkota" not in wilayah_cols.values():
        return False
    wanted = {c: f for c, f in lay.columns.items()}
    wanted |= {c: f"_{jenis}" for c, jenis in wilayah_cols.items()}
    wanted |= {c: f"_c{c}" for c in range(6) if c not in wanted}  # a totals label may be in any of them
    table = _read(book, lay, wanted)
    if table is None:
        return False
    awal = [wanted[c] for c in sorted(wanted) if c < 6]  # where a totals row writes its label
    with duckdb.connect() as con:
        con.execute("set enable_progress_bar = false")
        return _baca(con, table, lay, result, gaz, region, kapasitas_tps, wilayah_cols, awal)


def _read(book: Book, lay, wanted: dict[int, str]) -> pa.Table | None:
    """The wanted columns of the rows that have a cell in one of them, read in batches straight
    from the sheet's XML on both cores (Book.column_batches): no count of the sheet's cells
    beforehand, since memory holds only what is kept, and that is bounded here; None when the
    sheet is unreadable or keeps more than a TPS list could (the general route then measures the
    sheet before reading it, and refuses a bomb with its own message)."""
    batches, rows, kept = [], 0, 0
    try:
        for batch in book.column_batches(lay.sheet.name, lay.data_start, wanted):
            rows, kept = rows + batch.num_rows, kept + batch.nbytes
            if rows > MAX_ROWS or kept > MAX_KEPT:
                return None
            batches.append(batch)
    except UnreadableFile:
        return None
    return pa.concat_tables(batches) if batches else None


def _end(table: pa.Table, lay, gaz) -> int:
    """The Excel row of the table's last row (table_end.is_data, from the bottom, among the 200
    last rows), the rows under it noted on the layout as its footer."""
    # the 200 last rows picked by their numbers alone, then only those rows' cells (a sort of
    # every cell of the table cost a quarter of a second of CPU at the nation's size)
    numbers = table["_row"].to_numpy()
    k = min(200, len(numbers))
    last = table.filter(pc.greater_equal(table["_row"], np.partition(numbers, len(numbers) - k)[-k])) if k else table
    below = []
    for cells in last.sort_by([("_row", "descending")]).to_pylist():
        row = cells.pop("_row")
        if table_end.is_data(cells, "tps", gaz):
            if below:
                lay.footer = (min(below), max(below))
            return row
        if any(not is_blank(v) for v in cells.values()):
            below.append(row)
    return 0


def _names(con, lay, gaz, region, wilayah_cols) -> bool:
    """Codes for every distinct kab/kota, kecamatan and desa name of the table (tables kab, kec,
    desa); False when one is not known exactly once (the general route then says which)."""
    from ..wilayah import kolom_kabkota

    # the distinct names once (some 84.000 of the nation's 810.000 rows), the rest from them
    con.execute("create table nama as select distinct _kabkota, _provinsi, kecamatan, desa from d")
    kab_map: dict[str | None, str | None] = {None: None}
    if "kabkota" in wilayah_cols.values():
        values = [v for (v,) in con.execute("select distinct _kabkota from nama where _kabkota is not null").fetchall()]
        bertanda = kolom_kabkota.kota_bertanda(values)
        for value in values:
            kode = kolom_kabkota.kode_sel(region, value, bertanda)
            if len(kode) != 1:
                return False
            kab_map[value] = kode[0]
    if "provinsi" in wilayah_cols.values():
        for (value,) in con.execute("select distinct _provinsi from nama where _provinsi is not null").fetchall():
            tempat = region.di_sel(value, "provinsi")
            if tempat is None or not any(region.milik(k) for k in tempat.kode):
                return False
    pairs = con.execute("select distinct _kabkota, kecamatan from nama").fetchall()
    kec = [(k, n, gaz.match_kecamatan(n, kab_map[k])) for k, n in pairs]
    if any(c is None for *_, c in kec):
        return False
    con.register("kec", pa.table(dict(zip(("nama_kab", "nama", "kode_kecamatan"), map(list, zip(*kec))))))
    return _desa(con, gaz)


# A desa name of printable ASCII with a letter, not starting with a word names.name_key strips
# (`Desa`, `Kel.`...): its key is its letters and digits in lower case, and it is no desa code (a
# code has no letter). Its code is looked up in one join (Gazetteer.desa_keys); any other name
# goes through Gazetteer.match_desa.
_PLAIN = "regexp_full_match(nama, '[ -~]*[A-Za-z][ -~]*') and not regexp_matches(nama, '^ *(kec|kel|desa|ds)', 'i')"


def _desa(con, gaz) -> bool:
    """Codes for every distinct (kecamatan, desa name) of the table (table desa); False when a
    name is not known exactly once in its kecamatan."""
    con.register("desa_keys", gaz.desa_keys())
    con.execute(
        f"""create table nama_desa as
        select kode_kecamatan, nama, case when {_PLAIN} then lower(regexp_replace(nama, '[^0-9A-Za-z]+', '', 'g')) end as key
        from (select distinct k.kode_kecamatan, n.desa as nama from nama n join kec k
            on k.nama = n.kecamatan and k.nama_kab is not distinct from n._kabkota)"""
    )
    con.execute(
        """create table desa as
        select n.kode_kecamatan, n.nama, g.kode_desa from nama_desa n
        left join desa_keys g on g.kode_kecamatan = n.kode_kecamatan and g.key = n.key
        where n.key is not null"""
    )
    if con.execute("select count(*) from desa where kode_desa is null").fetchone()[0]:
        return False
    rest = con.execute("select kode_kecamatan, nama from nama_desa where key is null").fetchall()
    desa = [(k, n, gaz.match_desa(k, n)) for k, n in rest]
    if any(c is None for *_, c in desa):
        return False
    if desa:  # one statement: executemany plans every row anew
        con.register("desa_lain", pa.table(dict(zip(("kode_kecamatan", "nama", "kode_desa"), map(list, zip(*desa))))))
        con.execute("insert into desa select * from desa_lain")
    return True


def _baca(con, table, lay, result, gaz, region, kapasitas_tps, wilayah_cols, awal) -> bool:
    con.register("t", table)
    end = _end(table, lay, gaz)
    totals = _rows(con, table.column_names, lay, awal, end)
    if totals is None:
        return False
    if totals and gaz.match_kecamatan(TOTAL_RE.sub("", totals[0][1])):
        return False
    bad = con.execute(
        f"""select count(*) from d where kecamatan is null or desa is null or no_tps is null
            or regexp_matches(no_tps, '^[0-9]+[.,]')
            or {" or ".join(f"({f} is not null and not regexp_matches({f}, '{_DIGITS}'))" for f in COUNTS)}
            or (dpt_l is null) != (dpt_p is null) or (dpt_l is null and dpt is null)
            or (dpt is not null and dpt_l is not null and dpt::bigint != dpt_l::bigint + dpt_p::bigint)"""
    ).fetchone()[0]
    if (
        bad
        or not con.execute("select count(*) from d").fetchone()[0]
        or not _names(con, lay, gaz, region, wilayah_cols)
    ):
        return False
    frame = _frame(con, lay)
    if frame is None:
        return False
    # the rows over a TPS's capacity, in the file's order (f: the frame, registered by _frame)
    for no_tps, kode_desa, kode_kec, dpt, row in con.execute(
        "select no_tps, kode_desa, kode_kecamatan, dpt, source_row from f where dpt > $k order by source_row",
        {"k": kapasitas_tps},
    ).fetchall():
        result.add(
            "peringatan",
            f"TPS {no_tps} Desa {gaz.desa[kode_desa].nama} (Kecamatan "
            f"{gaz.kecamatan[kode_kec].nama}) berisi {fmt.angka(dpt)} pemilih, melebihi "
            f"kapasitas {fmt.angka(kapasitas_tps)} per TPS",
            lay.sheet.name,
            row,
            lay.column_label("dpt"),
        )
    if totals:
        _reconcile(con, totals[0], lay, result, gaz)
    result.frame = frame
    result.coverage = set(pc.unique(frame["kode_kecamatan"]).to_pylist())
    return True


def _frame(con, lay) -> pa.Table | None:
    """The rows as stored (source_sheet, source_row, kinds.COLUMNS), in the file's order, as Arrow
    (registered as f); None when a row lost its place in the join, a TPS number is empty or a TPS
    is listed twice (the general route names each). Built and checked in DuckDB: no Python object
    per cell."""
    nomor = "regexp_replace(upper(d.no_tps), '^(TPS|NO\\.?)\\s*', '')"  # a number written plainly needs none of it
    table = con.sql(
        f"""select $sheet as source_sheet, d._row as source_row, k.kode_kecamatan, s.kode_desa,
            case when regexp_matches(d.no_tps, '^[0-9]+$') then d.no_tps::bigint::varchar
                when regexp_matches({nomor}, '^[0-9]+$') then ({nomor})::bigint::varchar else {nomor} end as no_tps,
            d.dpt_l::bigint as dpt_l, d.dpt_p::bigint as dpt_p,
            coalesce(d.dpt_l::bigint + d.dpt_p::bigint, d.dpt::bigint) as dpt,
            d.alamat, null::double as lat, null::double as lon, d.status_logistik, d.kategori_rawan
        from d
        join kec k on k.nama = d.kecamatan and k.nama_kab is not distinct from d._kabkota
        join desa s on s.kode_kecamatan = k.kode_kecamatan and s.nama = d.desa
        order by d._row""",
        params={"sheet": lay.sheet.name},
    ).to_arrow_table()
    con.register("f", table)
    rows, blank, twice = con.execute(
        "select count(*), count(*) filter (where no_tps = ''), count(*) - count(distinct (kode_desa, no_tps)) from f"
    ).fetchall()[0]
    if rows != con.execute("select count(*) from d").fetchone()[0] or blank or twice:
        return None
    return table


def _rows(con, columns: list[str], lay, awal: list[str], end: int) -> list[tuple[int, str]] | None:
    """The rows of the table read once from the sheet's columns (r, Arrow: not blank, each cell
    trimmed, a totals row's label in _total) and without their totals row (d: kab/kota and
    kecamatan carried down over the rows that leave them blank, written once or in a cell merged
    down); the totals row's (row, label), if any; None when there is more than one, or it is not
    the table's last row, or it is a subtotal."""
    have = set(lay.columns.values())
    fields = [f for f in ("kecamatan", "desa", "no_tps", *COUNTS, *TEXTS) if f in have]
    # every totals label holds one of the words of _TOTAL_WORDS: the pattern is only tried on those
    label = ", ".join(
        f"case when {_may_start_total(n)} and regexp_matches({n}, '{_TOTAL_WORDS}', 'i') "
        f"and regexp_matches(trim({n}), '{TOTAL_RE.pattern}', 'i') then trim({n}) end"
        for n in awal
    )
    blank = " and ".join(f"coalesce(trim({f}), '') = ''" for f in fields)
    trimmed = [f"nullif(trim({f}), '') as {f}" if f in have else f"null::varchar as {f}" for f in COUNTS + TEXTS]
    # kept as Arrow: cheaper to write than a DuckDB table, as cheap to scan
    r = con.sql(
        f"""select _row, coalesce({label}) as _total,
            {"nullif(trim(_kabkota), '')" if "_kabkota" in columns else "null::varchar"} as _kabkota,
            {"_provinsi" if "_provinsi" in columns else "null::varchar"} as _provinsi,
            nullif(trim(kecamatan), '') as kecamatan, nullif(trim(desa), '') as desa,
            nullif(trim(no_tps), '') as no_tps, {", ".join(trimmed)}
        from t where _row <= {int(end)} and not ({blank})"""
    ).to_arrow_table()
    con.register("r", r)
    carried = ["_kabkota", "kecamatan"] if "_kabkota" in columns else ["kecamatan"]
    last, rows, labels, *blanks = con.execute(
        "select max(_row), list(_row order by _row) filter (where _total is not null), "
        "list(_total order by _row) filter (where _total is not null), "
        + ", ".join(f"count(*) filter (where _total is null and {c} is null)" for c in carried)
        + " from r"
    ).fetchone()
    totals = list(zip(rows or [], labels or []))
    if len(totals) > 1 or (totals and (totals[0][0] != last or re.match(r"^SUB", totals[0][1], re.I))):
        return None
    # carried down only when a row leaves it blank (no window to sort for otherwise)
    window = "over (order by _row rows between unbounded preceding and current row)"
    down = [f"last_value({c} ignore nulls) {window} as {c}" for c, blank in zip(carried, blanks) if blank]
    if down:
        con.execute(
            f"create table d as select * exclude (_total) replace ({', '.join(down)}) from r where _total is null"
        )
    else:
        con.execute("create view d as select * exclude (_total) from r where _total is null")
    return totals


def _reconcile(con, total, lay, result, gaz) -> None:
    """The file's grand total against the sum of its rows (the frame f), by reconcile() itself: the
    totals row and one row standing for the sum of all rows."""
    fields = [f for f in RECONCILED["tps"] if f in lay.columns.values()]
    cells = dict(
        zip(fields, con.execute(f"select {', '.join(fields)} from t where _row = $r", {"r": total[0]}).fetchone())
    )
    first, *sums = con.execute(
        "select min(source_row), "
        + ", ".join(f"case when count({f}) = count(*) then sum({f}) end" for f in fields)
        + " from f"
    ).fetchone()
    whole = RawRow(lay.sheet.name, first, {}, lay)
    totals = [TotalRow(lay.sheet.name, total[0], total[1], cells, lay, 0)]
    reconcile(result, "tps", totals, [dict(zip(fields, sums))], [whole], RowReader(result, "tps"), gaz)
