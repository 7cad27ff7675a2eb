"""The kept readiness rows: the view `int_kecamatan` of one election evaluated once and held on a
cursor under the name `kesiapan_kecamatan`, which the readiness marts read, with the table macro
over them that counts each kab/kota once (queries/makro/kabkota_jumlah.sql) and the aggregate
macros by which the marts sum kecamatan into larger areas (queries/makro/jumlah.sql), and the
sums per area of a level built on both (queries/makro/wilayah_jumlah.sql)."""

from __future__ import annotations

import duckdb

from .. import db

KESIAPAN = "kesiapan_kecamatan"
# Created on the cursor after the rows they read, each after the macros it reads.
MAKRO = ("makro/jumlah", "makro/kabkota_jumlah", "makro/wilayah_jumlah")


def kesiapan(con: duckdb.DuckDBPyConnection, election: str):
    """The rows of the view `int_kecamatan` for one election, evaluated once (an Arrow table)."""
    return (
        con.cursor().sql("select * from int_kecamatan where election_id = $e", params={"e": election}).to_arrow_table()
    )


def kesiapan_cursor(con: duckdb.DuckDBPyConnection, election: str, rows=None) -> duckdb.DuckDBPyConnection:
    """A cursor on which `kesiapan_kecamatan` holds `rows`, the rows of `int_kecamatan` for
    `election` (see `kesiapan`; evaluated now when not given).

    The readiness marts (kecamatan, korwil, kabupaten, kelengkapan, partisipasi) read
    `kesiapan_kecamatan`, never the view itself: the view aggregates every active upload (the
    per-voter list alone can be 870.000 rows), and a page runs several of these marts, so the rows
    are evaluated once and kept (model.Dasar). Kept under their own name, the view `int_kecamatan`
    stays what its name says on every cursor. The macros of MAKRO read those rows: DuckDB binds a
    macro's tables when it is created, so they are created here, on the cursor that holds them."""
    cur = con.cursor()
    cur.register(KESIAPAN, rows if rows is not None else kesiapan(con, election))
    for name in MAKRO:
        cur.execute(db.load_query(name).sql)
    return cur


def dengan_kesiapan(con: duckdb.DuckDBPyConnection, election: str) -> duckdb.DuckDBPyConnection:
    """`con` when `kesiapan_kecamatan` on it holds the rows of `election`, else a cursor that does."""
    try:
        held = con.execute(f"select distinct election_id from {KESIAPAN}").fetchall()
    except duckdb.CatalogException:
        held = []
    return con if held == [(election,)] else kesiapan_cursor(con, election)
