"""A large TPS list (a province's or the nation's: 820.000 TPS) read as columns, not row by row.

The general route (read.py) reads every cell of a sheet into Python and converts each row: about
a tenth of a millisecond a row, and the whole sheet in memory (the nation's list would need 2,6 GB
and is refused). Here the sheet's columns are read as Arrow in batches straight from its XML, on
both cores (Book.column_batches, as a per-voter list is: no count of the sheet's cells beforehand,
the rows and bytes kept are bounded instead), and converted in DuckDB; names are matched once per
distinct name, not per row.

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
import pyarrow as pa

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


def _end(con, lay, gaz) -> int:
    """The Excel row of the table's last row (table_end.is_data, from the bottom), the rows
    under it noted on the layout as its footer."""
    # the 200 last rows' numbers sorted alone, then only those rows' cells (a sort of every cell
    # of the table cost a quarter of a second of CPU at the nation's size)
    found = con.execute(
        "select * exclude (_row), _row from t where _row >= "
        "(select min(_row) from (select _row from t order by _row desc limit 200)) order by _row desc"
    )
    names = [d[0] for d in found.description]
    below = []
    for *values, row in found.fetchall():
        cells = dict(zip(names, values))
        if table_end.is_data(cells, "tps", gaz):
            if below:
                lay.footer = (min(below), max(below))
            return row
        if any(not is_blank(v) for v in values):
            below.append(row)
    return 0


def _names(con, lay, gaz, region, wilayah_cols) -> bool:
    """Codes for every distinct kab/kota, kecamatan and desa name of the table (tables kab, kec,
    desa); False when one is not known exactly once (the general route then says which)."""
    from ..wilayah import kolom_kabkota

    kab_map: dict[str | None, str | None] = {None: None}
    if "kabkota" in wilayah_cols.values():
        values = [v for (v,) in con.execute("select distinct _kabkota from d where _kabkota is not null").fetchall()]
        bertanda = kolom_kabkota.kota_bertanda(values)
        for value in values:
            kode = kolom_kabkota.kode_sel(region, value, bertanda)
            if len(kode) != 1:
                return False
            kab_map[value] = kode[0]
    if "provinsi" in wilayah_cols.values():
        for (value,) in con.execute("select distinct _provinsi from d where _provinsi is not null").fetchall():
            tempat = region.di_sel(value, "provinsi")
            if tempat is None or not any(region.milik(k) for k in tempat.kode):
                return False
    pairs = con.execute("select distinct _kabkota, kecamatan from d").fetchall()
    kec = [(k, n, gaz.match_kecamatan(n, kab_map[k])) for k, n in pairs]
    if any(c is None for *_, c in kec):
        return False
    con.register("kec", pa.table(dict(zip(("nama_kab", "nama", "kode_kecamatan"), map(list, zip(*kec))))))
    pairs = con.execute(
        "select distinct k.kode_kecamatan, d.desa from d join kec k on "
        "k.nama = d.kecamatan and k.nama_kab is not distinct from d._kabkota"
    ).fetchall()
    desa = [(k, n, gaz.match_desa(k, n)) for k, n in pairs]
    if any(c is None for *_, c in desa):
        return False
    con.register("desa", pa.table(dict(zip(("kode_kecamatan", "nama", "kode_desa"), map(list, zip(*desa))))))
    return True


def _baca(con, table, lay, result, gaz, region, kapasitas_tps, wilayah_cols, awal) -> bool:
    con.register("t", table)
    end = _end(con, lay, gaz)
    have = set(lay.columns.values())
    fields = [f for f in ("kecamatan", "desa", "no_tps", *COUNTS, *TEXTS) if f in have]
    # every totals label holds one of the words of _TOTAL_WORDS: the pattern is only tried on those
    label = (
        "coalesce("
        + ", ".join(
            f"case when regexp_matches({n}, '{_TOTAL_WORDS}', 'i') "
            f"and regexp_matches(trim({n}), '{TOTAL_RE.pattern}', 'i') then trim({n}) end"
            for n in awal
        )
        + ")"
    )
    # the rows of the table: not blank (views over the Arrow table: nothing copied); a totals row
    # set aside (rd: the rows without it); kab/kota and kecamatan carried down
    blank = " and ".join(f"coalesce(trim({f}), '') = ''" for f in fields)
    con.execute(f"create view r as select * from t where _row <= {int(end)} and not ({blank})")
    last, rows, labels = con.execute(
        f"""select max(_row), list(_row order by _row) filter (where _total is not null),
            list(_total order by _row) filter (where _total is not null)
        from (select _row, {label} as _total from r)"""
    ).fetchone()
    totals = list(zip(rows or [], labels or []))
    if len(totals) > 1 or (totals and (totals[0][0] != last or re.match(r"^SUB", totals[0][1], re.I))):
        return False
    if totals and gaz.match_kecamatan(TOTAL_RE.sub("", totals[0][1])):
        return False
    con.execute(f"create view rd as select * from r where _row != {int(totals[0][0]) if totals else 0}")
    carried = _carried(con, ["_kabkota", "kecamatan"] if "_kabkota" in table.column_names else ["kecamatan"])
    kab = carried.get("_kabkota", "null::varchar")
    prov = "_provinsi" if "_provinsi" in table.column_names else "null::varchar"
    con.execute(
        f"""create table d as
        select _row, {kab} as _kabkota, {prov} as _provinsi,
            {carried["kecamatan"]} as kecamatan, nullif(trim(desa), '') as desa,
            nullif(trim(no_tps), '') as no_tps,
            {", ".join(f"nullif(trim({f}), '') as {f}" if f in have else f"null::varchar as {f}" for f in COUNTS + TEXTS)}
        from rd"""
    )
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
    for row in frame[frame["dpt"] > kapasitas_tps].itertuples():
        result.add(
            "peringatan",
            f"TPS {row.no_tps} Desa {gaz.desa[row.kode_desa].nama} (Kecamatan "
            f"{gaz.kecamatan[row.kode_kecamatan].nama}) berisi {fmt.angka(row.dpt)} pemilih, melebihi "
            f"kapasitas {fmt.angka(kapasitas_tps)} per TPS",
            lay.sheet.name,
            row.source_row,
            lay.column_label("dpt"),
        )
    if totals:
        _reconcile(con, totals[0], frame, lay, result, gaz)
    result.frame = frame
    result.coverage = set(frame["kode_kecamatan"].unique())
    return True


def _frame(con, lay):
    """The rows as stored (source_sheet, source_row, kinds.COLUMNS), in the file's order; None
    when a row lost its place in the join, a TPS number is empty or a TPS is listed twice (the
    general route names each). Built as Arrow and checked in DuckDB: no Python object per cell."""
    nomor = "regexp_replace(upper(d.no_tps), '^(TPS|NO\\.?)\\s*', '')"
    table = con.sql(
        f"""select $sheet as source_sheet, d._row as source_row, k.kode_kecamatan, s.kode_desa,
            case when regexp_matches({nomor}, '^[0-9]+$') then ({nomor})::bigint::varchar else {nomor} end as no_tps,
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
    con.unregister("f")
    if rows != con.execute("select count(*) from d").fetchone()[0] or blank or twice:
        return None
    frame = table.to_pandas()
    return frame


def _carried(con, columns: list[str]) -> dict[str, str]:
    """Per column, its expression carried down over the rows that leave it blank (written once, or
    in a cell merged down); as it is when no data row leaves it blank (no window to sort for).
    The blanks of every column counted in one scan."""
    values = {c: f"nullif(trim({c}), '')" for c in columns}
    blanks = con.execute(
        "select " + ", ".join(f"count(*) filter (where {v} is null)" for v in values.values()) + " from rd"
    ).fetchone()
    return {
        c: f"last_value({v} ignore nulls) over (order by _row rows between unbounded preceding and current row)"
        if blank
        else v
        for (c, v), blank in zip(values.items(), blanks)
    }


def _reconcile(con, total, frame, lay, result, gaz) -> None:
    """The file's grand total against the sum of its rows, by reconcile() itself: the totals row
    and one row standing for the sum of all rows."""
    fields = [f for f in RECONCILED["tps"] if f in lay.columns.values()]
    cells = dict(
        zip(fields, con.execute(f"select {', '.join(fields)} from r where _row = $r", {"r": total[0]}).fetchone())
    )
    sums = {f: (None if frame[f].isna().any() else int(frame[f].sum())) for f in fields}
    whole = RawRow(lay.sheet.name, int(frame["source_row"].iloc[0]), {}, lay)
    totals = [TotalRow(lay.sheet.name, total[0], total[1], cells, lay, 0)]
    reconcile(result, "tps", totals, [sums], [whole], RowReader(result, "tps"), gaz)
