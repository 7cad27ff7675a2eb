"""Everything a dashboard page shows, one function per page (PAGES), so the figures can be tested,
benchmarked (bench/bench_pages.py) and exported without Streamlit. Each returns a dict of
DataFrames named after the query that made them; the pages only display them."""
from __future__ import annotations

from dataclasses import dataclass

import duckdb
import pandas as pd

from .. import db
from .alasan import tindak_lanjut
from .kesiapan import kesiapan, kesiapan_cursor
from .laporan import (desa_kesiapan, kabupaten, kecamatan, kelengkapan, korwil, ktpel_tren_kabupaten, partisipasi,
                      tps, versi, whole)
from .pemilih import pemilih_desa, pemilih_per_kecamatan
from .pemilihan import pemilihan_label, previous_label


@dataclass(frozen=True)
class Dasar:
    """What every page of one election shares at one data version, computed once.

    int_kecamatan is a view over all active uploads (the per-voter list alone can be 870.000
    rows); planning and evaluating it is most of a page's cost. The app keeps one Dasar per data
    version and election (app/baca.py), so moving between pages only runs each page's own
    marts, over the kept rows (`kesiapan_kecamatan`). Treat it as read-only: it is shared by
    every session."""
    rows: object                 # int_kecamatan rows of the election (Arrow table), see `kesiapan`
    kecamatan: pd.DataFrame      # marts/kecamatan with `alasan` and `tindak_lanjut`
    kabupaten: pd.DataFrame      # marts/kabupaten
    kelengkapan: pd.DataFrame    # marts/kelengkapan
    versi: pd.DataFrame          # marts/versi_data
    pemilihan: str               # `Pemilihan … (pemungutan suara 27 November 2024)`
    label_sebelumnya: str        # `Partisipasi 2018`

    def cursor(self, con: duckdb.DuckDBPyConnection, election: str) -> duckdb.DuckDBPyConnection:
        return kesiapan_cursor(con, election, self.rows)


def dasar(con: duckdb.DuckDBPyConnection, election: str) -> Dasar:
    """Queries: int_kecamatan (once), marts/kecamatan, marts/kabupaten, marts/kelengkapan, marts/versi_data."""
    rows = kesiapan(con, election)
    cur = kesiapan_cursor(con, election, rows)
    kec = kecamatan(cur, election)
    kec["tindak_lanjut"] = [tindak_lanjut(row) for row in kec.to_dict("records")]
    return Dasar(rows, kec, kabupaten(cur, election), kelengkapan(cur, election),
                 versi(cur, election), pemilihan_label(cur, election), previous_label(cur, election))


def _start(con, election: str, base: Dasar | None):
    """(cursor over the shared rows, the shared part of every page's data)."""
    base = base or dasar(con, election)
    shared = {"kecamatan": base.kecamatan.copy(), "kabupaten": base.kabupaten.copy(),
              "kelengkapan": base.kelengkapan.copy(), "versi": base.versi,
              "pemilihan": base.pemilihan, "label_sebelumnya": base.label_sebelumnya}
    return base.cursor(con, election), shared


def halaman_ringkasan(con, election: str, base: Dasar | None = None) -> dict:
    """Queries: marts/kabupaten, marts/kecamatan, marts/korwil, marts/kelengkapan, marts/versi_data."""
    cur, out = _start(con, election, base)
    return {**out, "korwil": korwil(cur, election)}


def halaman_korwil(con, election: str, base: Dasar | None = None) -> dict:
    """Queries: marts/korwil, marts/kecamatan, marts/versi_data."""
    cur, out = _start(con, election, base)
    return {**out, "korwil": korwil(cur, election)}


def halaman_kecamatan(con, election: str, kecamatan_kode: str | None, base: Dasar | None = None) -> dict:
    """Queries: marts/kecamatan, marts/desa_kesiapan, marts/tps, marts/kelengkapan, marts/versi_data."""
    cur, out = _start(con, election, base)
    if kecamatan_kode:
        out["desa"] = desa_kesiapan(cur, election, kecamatan_kode)
        out["tps"] = tps(cur, election, kecamatan_kode)
    return out


def halaman_pemilih(con, election: str, kecamatan_kode: str | None, base: Dasar | None = None) -> dict:
    """Queries: marts/kecamatan, marts/pemilih_desa, marts/versi_data."""
    cur, out = _start(con, election, base)
    desa_df = pemilih_desa(cur, election)
    out.update(desa=desa_df, segmen_kecamatan=pemilih_per_kecamatan(desa_df))
    if kecamatan_kode:
        out["desa_kecamatan"] = desa_df[desa_df["kode_kecamatan"] == kecamatan_kode].reset_index(drop=True)
    return out


def halaman_tps(con, election: str, kecamatan_kode: str | None, base: Dasar | None = None) -> dict:
    """Queries: marts/kecamatan, marts/tps, marts/tps_sebaran, marts/versi_data."""
    cur, out = _start(con, election, base)
    return {**out, "tps": tps(cur, election, kecamatan_kode),
            "sebaran": db.run(cur, "marts/tps_sebaran", election=election, kecamatan=kecamatan_kode)}


def halaman_ktpel(con, election: str, base: Dasar | None = None) -> dict:
    """Queries: marts/kecamatan, marts/kabupaten, marts/ktpel_tren, marts/versi_data."""
    cur, out = _start(con, election, base)
    tren = whole(db.run(cur, "marts/ktpel_tren", election=election))
    return {**out, "tren": tren, "tren_kabupaten": ktpel_tren_kabupaten(tren)}


def halaman_partisipasi(con, election: str, base: Dasar | None = None) -> dict:
    """Queries: marts/partisipasi, marts/kabupaten, marts/versi_data."""
    cur, out = _start(con, election, base)
    part = whole(partisipasi(cur, election))
    part["pengguna_hak_pilih"] = part["pengguna_hak_pilih"].astype("Int64")
    return {**out, "partisipasi": part}


def halaman_pengaturan(con, election: str, base: Dasar | None = None) -> dict:
    """Queries: marts/pengaturan, marts/korwil_penugasan, marts/elections, marts/partisipasi."""
    cur, out = _start(con, election, base)
    return {**out, "pengaturan": db.run(cur, "marts/pengaturan", election=election),
            "korwil": db.run(cur, "marts/korwil_penugasan", election=election),
            "elections": db.run(cur, "marts/elections"),
            "partisipasi": partisipasi(cur, election)}


PAGES = {
    "ringkasan": halaman_ringkasan, "korwil": halaman_korwil, "kecamatan": halaman_kecamatan,
    "pemilih": halaman_pemilih, "tps": halaman_tps, "ktpel": halaman_ktpel,
    "partisipasi": halaman_partisipasi, "pengaturan": halaman_pengaturan,
}
