"""Readiness per level: the marts per kecamatan, korwil, kabupaten and desa (with `alasan` worded),
the levels of the command line's report and their columns, the TPS rows, the active uploads and
the kabupaten's KTP-el trend."""

from __future__ import annotations

import duckdb
import pandas as pd

from .. import db, fmt, teks
from ._nilai import present as _present
from ._nilai import records
from .alasan import desa_reasons, reasons
from .kesiapan import dengan_kesiapan
from .pemilihan import previous_label

# An area's voters and polling stations, and its KTP-el recording: figures of every level.
PEMILIH = ["dpt", "dpt_l", "dpt_p", "tps"]
KTPEL = ["ktpel_wajib", "ktpel_rekam", "ktpel_persen"]
# The figures of a row that sums a whole region (the kabupaten row; a province's, a kab/kota's).
ANGKA_WILAYAH = [
    *PEMILIH,
    "tps_melebihi_kapasitas",
    "pemilih_per_tps_maks",
    *KTPEL,
    "target_partisipasi",
    "partisipasi_sebelumnya",
    "jumlah_hijau",
    "jumlah_kuning",
    "jumlah_merah",
    "status",
]
REPORT_COLUMNS = {
    "kecamatan": [
        "kode_kecamatan",
        "kecamatan",
        "korwil",
        "koordinator",
        *PEMILIH,
        *KTPEL,
        "target_partisipasi",
        "partisipasi_sebelumnya",
        "selisih_partisipasi",
        "pemilih_per_tps_maks",
        "pemilih_per_tps_rata",
        "tps_melebihi_kapasitas",
        "dpt_sumber",
        "dpt_rekap",
        "dpt_daftar_tps",
        "dpt_daftar_pemilih",
        "status_tps",
        "status_ktpel",
        "status_partisipasi",
        "status_kelengkapan",
        "status_konsistensi",
        "status",
        "alasan",
    ],
    "korwil": [
        "korwil",
        "koordinator",
        "jumlah_kecamatan",
        *PEMILIH,
        *KTPEL,
        "tps_melebihi_kapasitas",
        "jumlah_hijau",
        "jumlah_kuning",
        "jumlah_merah",
        "status",
        "kecamatan",
    ],
    "desa": ["kode_desa", "desa", "kode_kecamatan", "kecamatan", *PEMILIH, "pemilih_per_tps_maks"],
    "kabupaten": ["election_id", "pemilihan", "tanggal_pemilihan", "jumlah_kecamatan", *ANGKA_WILAYAH],
}


# Whole-number columns: DuckDB hands integer columns with gaps to pandas as floats.
COUNT_COLUMNS = {
    *PEMILIH,
    "ktpel_wajib",
    "ktpel_rekam",
    "pemilih_per_tps_maks",
    "tps_melebihi_kapasitas",
    "dpt_rekap",
    "dpt_daftar_tps",
    "dpt_daftar_pemilih",
    "jumlah_kecamatan",
    "jumlah_hijau",
    "jumlah_kuning",
    "jumlah_merah",
    "kapasitas_tps",
}


def whole(df: pd.DataFrame) -> pd.DataFrame:
    columns = COUNT_COLUMNS & set(df.columns)
    return df.astype({col: "Int64" for col in columns}) if columns else df


def kecamatan(con: duckdb.DuckDBPyConnection, election: str) -> pd.DataFrame:
    """Readiness per kecamatan (query marts/kecamatan) with `alasan` worded."""
    con = dengan_kesiapan(con, election)
    df = db.run(con, "marts/kecamatan", election=election)
    label = previous_label(con, election)
    df["alasan"] = [", ".join(reasons(row, label)) for row in records(df)]
    return whole(df)


def korwil(con: duckdb.DuckDBPyConnection, election: str) -> pd.DataFrame:
    """Readiness per koordinator wilayah (query marts/korwil)."""
    return whole(db.run(dengan_kesiapan(con, election), "marts/korwil", election=election))


def kabupaten(con: duckdb.DuckDBPyConnection, election: str) -> pd.DataFrame:
    """Kabupaten totals, one row (query marts/kabupaten)."""
    df = db.run(dengan_kesiapan(con, election), "marts/kabupaten", election=election)
    df.insert(0, "election_id", election)
    return whole(df)


def kelengkapan(con: duckdb.DuckDBPyConnection, election: str) -> pd.DataFrame:
    """Data completeness per kecamatan (query marts/kelengkapan)."""
    return whole(db.run(dengan_kesiapan(con, election), "marts/kelengkapan", election=election))


def partisipasi(con: duckdb.DuckDBPyConnection, election: str) -> pd.DataFrame:
    """Participation per kecamatan (query marts/partisipasi)."""
    return db.run(dengan_kesiapan(con, election), "marts/partisipasi", election=election)


def desa(con: duckdb.DuckDBPyConnection, election: str) -> pd.DataFrame:
    """Voters and TPS per desa (query marts/desa)."""
    return whole(db.run(con, "marts/desa", election=election))


LEVELS = dict(zip(teks.TINGKAT, (kecamatan, korwil, kabupaten, desa)))


def report(con: duckdb.DuckDBPyConnection, election: str, level: str) -> pd.DataFrame:
    """One level's readiness (LEVELS: kecamatan, korwil, kabupaten, desa) in the report's columns."""
    df = LEVELS[level](con, election)
    return df[REPORT_COLUMNS[level]]


def desa_kesiapan(con, election: str, kecamatan_kode: str | None) -> pd.DataFrame:
    """Readiness per desa (query marts/desa_kesiapan) with `alasan` worded."""
    df = whole(db.run(con, "marts/desa_kesiapan", election=election, kecamatan=kecamatan_kode))
    df["alasan"] = [", ".join(desa_reasons(row)) for row in records(df)]
    return df


def tps(con, election: str, kecamatan_kode: str | None) -> pd.DataFrame:
    """TPS rows (query marts/tps)."""
    return whole(db.run(con, "marts/tps", election=election, kecamatan=kecamatan_kode))


def versi(con: duckdb.DuckDBPyConnection, election: str) -> pd.DataFrame:
    """Active uploads per kind (query marts/versi_data)."""
    return db.run(con, "marts/versi_data", election=election)


def versi_label(versi_df: pd.DataFrame) -> str:
    """`versi data 7: rekap pemilih #1, daftar TPS #2, KTP-el #3 (data 20 November 2024), …`."""
    if versi_df.empty:
        return "belum ada data diunggah"
    parts = []
    for kind, group in versi_df.groupby("kind", sort=False):
        ids = ", ".join(f"#{u}" for u in group["upload_id"])
        dates = [d for d in group["tanggal_data"] if _present(d) and str(d) != "NaT"]
        when = f" (data {fmt.tanggal(max(dates))})" if dates else ""
        parts.append(f"{teks.JENIS_SINGKAT.get(kind, kind)} {ids}{when}")
    return f"versi data {versi_df['data_version'].iloc[0]}: unggahan " + ", ".join(parts)


def ktpel_tren_kabupaten(tren: pd.DataFrame) -> pd.DataFrame:
    """Kabupaten coverage per data date from marts/ktpel_tren: summed only over the kecamatan that
    have a figure by then; `jumlah_kecamatan` says how many."""
    if tren.empty:
        return pd.DataFrame(columns=["tanggal", "jumlah_kecamatan", "ktpel_wajib", "ktpel_rekam", "ktpel_persen"])
    out = (
        tren.groupby("tanggal", sort=True)
        .agg(
            jumlah_kecamatan=("kode_kecamatan", "count"),
            ktpel_wajib=("ktpel_wajib", "sum"),
            ktpel_rekam=("ktpel_rekam", "sum"),
        )
        .reset_index()
    )
    out["ktpel_persen"] = (100.0 * out["ktpel_rekam"] / out["ktpel_wajib"]).round(2)
    return out
