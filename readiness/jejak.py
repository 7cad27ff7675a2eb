"""The audit trail (issue 8): append-only rows in table `jejak`, written inside the same write
transaction as the change they record, so a change and its record land together or not at all.
Nothing in the app updates or deletes them."""
from __future__ import annotations

import datetime as dt
import json

import duckdb

from readiness.akses import Pengguna

CLI = Pengguna(nama="cli", peran="admin")


def _json(value):
    return None if value is None else json.dumps(value, ensure_ascii=False, default=str, sort_keys=True)


def catat(con: duckdb.DuckDBPyConnection, pelaku: Pengguna | str | None, aksi: str, objek: str | None = None,
          *, rincian=None, sebelum=None, sesudah=None) -> None:
    """Record one action. `pelaku` is the acting user (or a plain name such as 'cli')."""
    if isinstance(pelaku, Pengguna):
        nama, peran = pelaku.nama, pelaku.peran
    else:
        nama, peran = (pelaku or "tidak diketahui"), None
    con.execute(
        "insert into jejak (waktu, pelaku, peran, aksi, objek, rincian, sebelum, sesudah) "
        "values ($waktu, $pelaku, $peran, $aksi, $objek, $rincian, $sebelum, $sesudah)",
        {"waktu": dt.datetime.now().replace(microsecond=0), "pelaku": nama, "peran": peran, "aksi": aksi,
         "objek": objek, "rincian": _json(rincian), "sebelum": _json(sebelum), "sesudah": _json(sesudah)},
    )
