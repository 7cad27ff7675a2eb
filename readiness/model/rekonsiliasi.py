"""The reconciliation checks: queries/checks/<name>.sql each states one rule the figures must keep
(in its header) and returns the rows that break it, so an empty result means the rule holds.
tests/test_checks.py runs them all."""

from __future__ import annotations

import duckdb
import pandas as pd

from .. import db
from . import laporan, pemilih
from .kesiapan import kesiapan_cursor


def pemeriksaan() -> list[str]:
    """The names of the reconciliation checks (queries/checks/*.sql)."""
    return sorted(path.stem for path in (db.QUERY_DIR / "checks").glob("*.sql"))


def periksa(con: duckdb.DuckDBPyConnection, election: str) -> dict[str, pd.DataFrame]:
    """Every reconciliation check on one election: name -> the rows that break its rule.

    The checks read the views, and what the readiness marts give for the election as the pages and
    the report show it: mart_kecamatan, mart_korwil, mart_kabupaten, mart_desa, mart_desa_kesiapan
    (every desa), mart_tps (every TPS), mart_pemilih_desa — each with its `election_id`."""
    cur = kesiapan_cursor(con, election)
    marts = {
        "kecamatan": laporan.kecamatan(cur, election),
        "korwil": laporan.korwil(cur, election),
        "kabupaten": laporan.kabupaten(cur, election),
        "desa": laporan.desa(cur, election),
        "desa_kesiapan": laporan.desa_kesiapan(cur, election, None),
        "tps": laporan.tps(cur, election, None),
        "pemilih_desa": pemilih.pemilih_desa(cur, election),
    }
    for name, frame in marts.items():
        cur.register(f"mart_{name}", frame if "election_id" in frame else frame.assign(election_id=election))
    return {name: db.run(cur, f"checks/{name}", election=election) for name in pemeriksaan()}
