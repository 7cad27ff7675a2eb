"""Completeness per kab/kota and kind of data (marts/kelengkapan_kabkota), worded once for the
province's Ringkasan and the rakor deck: each cell says whether the active data covers the
kab/kota fully (`● lengkap`), partly (`◐ 10 dari 11 kecamatan`) or not (`○ belum ada`), with the
data's date and its sender, so the matrix reads in greyscale and on a projector without colour."""

from __future__ import annotations

import functools

import duckdb
import pandas as pd

from .. import db, fmt
from ._nilai import records

# The kinds of data in the matrix's column order, with their column headers.
JENIS = {
    "pemilih": "Rekap DPT",
    "daftar": "Daftar pemilih",
    "tps": "TPS",
    "ktpel": "KTP-el",
    "target": "Target partisipasi",
    "masalah": "Permasalahan",
}
# The kinds every kab/kota needs for a rating (marts/kelengkapan's four); the others are optional.
WAJIB = ("pemilih", "tps", "ktpel", "target")
IKON = {"lengkap": "●", "sebagian": "◐", "belum": "○"}
BELUM = f"{IKON['belum']} belum ada"


def kelengkapan_kabkota(con: duckdb.DuckDBPyConnection, election: str) -> pd.DataFrame:
    """One row per kab/kota and kind (marts/kelengkapan_kabkota), Kemendagri order, with `sel`:
    the cell's words, and `sel_ringkas`: the same shorter, for a slide's narrow columns."""
    df = db.run(con, "marts/kelengkapan_kabkota", election=election)
    rows = records(df)
    df["sel"] = [sel(row) for row in rows]
    df["sel_ringkas"] = [sel(row, ringkas=True) for row in rows]
    return df


def _singkat(value) -> str | None:
    """`20 Nov 2024`, or None for a date that is not there (None, NaT)."""
    return None if value is None or pd.isna(value) else _tanggal_singkat(value)


@functools.lru_cache(maxsize=4096)
def _tanggal_singkat(value) -> str:
    """fmt.tanggal_singkat, once per date: a nation's matrix words the same few upload dates in
    thousands of cells (514 kab/kota × 6 kinds), and each wording goes through babel."""
    return fmt.tanggal_singkat(value)


def _tanggal(row: dict, ringkas: bool = False) -> str:
    """`data 20 Nov 2024`, `data 18 Nov 2024–20 Nov 2024` (several uploads), or `diunggah 7 Des 2026`
    when no file gave the data's date; `ringkas`: the data's date without `data`."""
    akhir, awal = _singkat(row.get("tanggal_data")), _singkat(row.get("tanggal_data_awal"))
    if akhir:
        tanggal = f"{awal}–{akhir}" if awal and awal != akhir else akhir
        return tanggal if ringkas else f"data {tanggal}"
    return f"diunggah {_singkat(row.get('diunggah')) or fmt.MISSING}"


def _pengirim(row: dict) -> str:
    lain = int(row.get("jumlah_pengirim") or 0) - 1
    return str(row["pengirim"]) + (f" dan {fmt.angka(lain)} lainnya" if lain > 0 else "")


def sel(row: dict, ringkas: bool = False) -> str:
    """`● lengkap · data 20 Nov 2024 · Ani Wulandari`, `◐ 10 dari 11 kecamatan · …`, `○ belum ada`;
    `ringkas` (a slide, whose legend says what ● means): `● 20 Nov 2024 · Ani Wulandari`."""
    cakupan = row["cakupan"]
    if cakupan == "belum":
        return BELUM
    if cakupan == "lengkap" and ringkas:
        return f"{IKON['lengkap']} {_tanggal(row, ringkas)} · {_pengirim(row)}"
    if cakupan == "lengkap":
        awal = f"{IKON['lengkap']} lengkap"
    else:
        awal = (
            f"{IKON['sebagian']} {fmt.angka(row['kecamatan_ada'])} dari {fmt.angka(row['jumlah_kecamatan'])} kecamatan"
        )
    return f"{awal} · {_tanggal(row, ringkas)} · {_pengirim(row)}"


def matriks(df: pd.DataFrame, sel_kolom: str = "sel") -> pd.DataFrame:
    """The matrix: one row per kab/kota (`kode_kabkota`, `kabkota`, `lengkap_wajib`: whether the
    four required kinds cover it fully) and one column per kind (JENIS's keys) holding the cell's
    words (`sel_kolom`: `sel`, or `sel_ringkas` on a slide)."""
    wide = df.pivot(index=["kode_kabkota", "kabkota"], columns="kind", values=sel_kolom).reset_index()
    required = df[df["kind"].isin(WAJIB)]
    wajib = (required["cakupan"] == "lengkap").groupby(required["kode_kabkota"]).all()
    wide["lengkap_wajib"] = wide["kode_kabkota"].map(wajib).fillna(False).astype(bool)
    return wide[["kode_kabkota", "kabkota", *JENIS, "lengkap_wajib"]].sort_values("kode_kabkota").reset_index(drop=True)
