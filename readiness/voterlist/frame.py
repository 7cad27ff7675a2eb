"""The frame of a per-voter list: NIK and NKK pseudonymised (the keyed hash of readiness/privacy.py:
looked up where it was computed during the read, else computed in SQL), what the audit derives from
the NIK, one row per voter; or the problems of a file that has some, worded."""

from __future__ import annotations

import pyarrow as pa
import pyarrow.compute as pc

from .. import privacy
from . import sql


def pseudonyms(con, layouts, incoming: pa.Table, regions: pa.Table, secret: bytes) -> dict:
    """`sheets`, `nik_awal` (the regions of the NIKs hashed in Python, read.hashed_for) and
    `kk_tertulis` (each NKK as written that was not: nkk, nkk_angka; most lists have none); returns
    the pads for frame.sql."""
    opad, ipad = privacy.hmac_pads(secret)
    con.register(
        "sheets",
        pa.table(
            {
                "_sheet_no": pa.array(range(len(layouts)), pa.int16()),
                "source_sheet": [lay.sheet.name for lay in layouts],
                "ada_nik": ["nik" in lay.columns.values() for lay in layouts],
            }
        ),
    )
    con.register("nik_awal", regions)
    nkk = incoming.column("nkk")
    left = pc.and_(pc.is_valid(nkk), pc.is_null(incoming.column("_nkk_h")))
    written = incoming.select(["nkk", "nkk_angka"])
    if pc.any(left).as_py():
        written = written.filter(left).group_by(["nkk", "nkk_angka"]).aggregate([])
    else:
        written = written.slice(0, 0)
    con.register("kk_tertulis", written)
    return {"opad": opad, "ipad": ipad}


def frame(con, pads: dict) -> pa.Table:
    """What frame.sql returns, fetched as Arrow in one pass over the file."""
    # The voter rows are the probe side of every join (the look-up tables are built): the optimiser
    # would otherwise build a hash table of the voter rows, every column, to probe with the hashes
    # computed in Python.
    con.execute("set disabled_optimizers = 'build_side_probe_side'")
    try:
        return sql.relation(con, "frame", **pads).to_arrow_table()
    finally:
        con.execute("reset disabled_optimizers")


def has_problems(table: pa.Table) -> bool:
    return bool(pc.any(table.column("_galat")).as_py())


def problems(con) -> pa.Table:
    """The problems of the rows that have some (galat.sql): _sheet_no, _row, field, pesan."""
    sql.create(con, "w_galat")
    sql.create(con, "galat")
    return con.sql("select * from galat").to_arrow_table()


def identity(con) -> pa.Table:
    """Names, addresses and places of birth, for `result.identitas` (identitas.sql)."""
    return sql.relation(con, "identitas").to_arrow_table()
