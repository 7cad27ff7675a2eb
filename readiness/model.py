"""Readiness per kecamatan, korwil and kabupaten: runs the marts and words the reasons.

The indicators and their statuses are computed in SQL (queries/intermediate/kecamatan.sql) from
thresholds stored per election; this module turns the non-green ones into plain Indonesian
reasons with their numbers, e.g. `KTP-el 94,10% (< 95%)` or `Data TPS belum diunggah`.
"""
from __future__ import annotations

import math

import duckdb
import pandas as pd

from . import db, fmt

STATUS_ORDER = {"merah": 0, "kuning": 1, "hijau": 2}

REPORT_COLUMNS = {
    "kecamatan": [
        "kode_kecamatan", "kecamatan", "korwil", "koordinator", "dpt", "dpt_l", "dpt_p", "tps",
        "ktpel_wajib", "ktpel_rekam", "ktpel_persen", "target_partisipasi", "partisipasi_sebelumnya",
        "selisih_partisipasi", "pemilih_per_tps_maks", "pemilih_per_tps_rata", "tps_melebihi_kapasitas",
        "dpt_sumber", "dpt_rekap", "dpt_daftar_tps", "dpt_daftar_pemilih", "status_tps", "status_ktpel",
        "status_partisipasi", "status_kelengkapan", "status_konsistensi", "status", "alasan",
    ],
    "korwil": [
        "korwil", "koordinator", "jumlah_kecamatan", "dpt", "dpt_l", "dpt_p", "tps", "ktpel_wajib",
        "ktpel_rekam", "ktpel_persen", "tps_melebihi_kapasitas", "jumlah_hijau", "jumlah_kuning",
        "jumlah_merah", "status", "kecamatan",
    ],
    "desa": ["kode_desa", "desa", "kode_kecamatan", "kecamatan", "dpt", "dpt_l", "dpt_p", "tps",
             "pemilih_per_tps_maks"],
    "kabupaten": [
        "election_id", "pemilihan", "tanggal_pemilihan", "jumlah_kecamatan", "dpt", "dpt_l", "dpt_p",
        "tps", "tps_melebihi_kapasitas", "pemilih_per_tps_maks", "ktpel_wajib", "ktpel_rekam",
        "ktpel_persen", "target_partisipasi", "partisipasi_sebelumnya", "jumlah_hijau", "jumlah_kuning",
        "jumlah_merah", "status",
    ],
}
# Whole-number columns: DuckDB hands integer columns with gaps to pandas as floats.
COUNT_COLUMNS = {
    "dpt", "dpt_l", "dpt_p", "tps", "ktpel_wajib", "ktpel_rekam", "pemilih_per_tps_maks",
    "tps_melebihi_kapasitas", "dpt_rekap", "dpt_daftar_tps", "dpt_daftar_pemilih", "jumlah_kecamatan",
    "jumlah_hijau", "jumlah_kuning", "jumlah_merah", "kapasitas_tps",
}

_MISSING_KIND = (
    ("ada_pemilih", "Data pemilih (rekap DPT) belum diunggah"),
    ("ada_tps", "Data TPS belum diunggah"),
    ("ada_ktpel", "Data KTP-el belum diunggah"),
    ("ada_target", "Target partisipasi belum diunggah"),
)
_SOURCE_LABEL = {"dpt_rekap": "DPT rekap", "dpt_daftar_tps": "daftar TPS", "dpt_daftar_pemilih": "daftar pemilih"}


def _present(value) -> bool:
    return value is not None and not (isinstance(value, float) and math.isnan(value)) and value is not pd.NA


def _whole(df: pd.DataFrame) -> pd.DataFrame:
    for col in COUNT_COLUMNS & set(df.columns):
        df[col] = df[col].astype("Int64")
    return df


def previous_label(con: duckdb.DuckDBPyConnection, election: str) -> str:
    """`Partisipasi 2018` for pilkada-2024: the year of the previous election of the same kind."""
    row = con.execute(
        "select year(p.tanggal) from elections e join elections p on p.jenis = e.jenis and p.tanggal < e.tanggal "
        "where e.election_id = $e order by p.tanggal desc limit 1", {"e": election}
    ).fetchone()
    return f"Partisipasi {row[0]}" if row else "Partisipasi sebelumnya"


def reasons(row, label_sebelumnya: str = "Partisipasi sebelumnya") -> list[str]:
    """Every non-green indicator of one kecamatan row, in words, with its numbers."""
    out = []
    if row["jumlah_jenis_data"] == 0:
        return ["Belum ada data diunggah"]
    for flag, text in _MISSING_KIND:
        if not row[flag]:
            out.append(text)
    if row["status_tps"] == "merah":
        out.append(f"{fmt.angka(row['tps_melebihi_kapasitas'])} TPS > {fmt.angka(row['kapasitas_tps'])} pemilih "
                   f"(terbanyak {fmt.angka(row['pemilih_per_tps_maks'])})")
    if row["status_ktpel"] == "kuning":
        out.append(f"KTP-el {fmt.persen(row['ktpel_persen'])} (< {fmt.ringkas(row['t_ktpel_hijau'])}%)")
    elif row["status_ktpel"] == "merah":
        out.append(f"KTP-el {fmt.persen(row['ktpel_persen'])} (< {fmt.ringkas(row['t_ktpel_kuning'])}%)")
    if row["status_partisipasi"] in ("kuning", "merah"):
        out.append(f"{label_sebelumnya} {fmt.ringkas(row['partisipasi_sebelumnya'])}% vs target "
                   f"{fmt.ringkas(row['target_partisipasi'])}% (selisih {fmt.ringkas(row['selisih_partisipasi'])} poin)")
    if row["status_konsistensi"] in ("kuning", "merah"):
        sources = [(label, row[col]) for col, label in _SOURCE_LABEL.items() if _present(row[col])]
        main_label, main_value = sources[0]
        pairs = [f"{main_label} {fmt.angka(main_value)} ≠ {label} {fmt.angka(value)}"
                 for label, value in sources[1:] if value != main_value]
        out.append("; ".join(pairs))
    return out


def kecamatan(con: duckdb.DuckDBPyConnection, election: str) -> pd.DataFrame:
    """Readiness per kecamatan (query marts/kecamatan) with `alasan` worded."""
    df = db.run(con, "marts/kecamatan", election=election)
    label = previous_label(con, election)
    df["alasan"] = [", ".join(reasons(row, label)) for _, row in df.iterrows()]
    return _whole(df)


def korwil(con: duckdb.DuckDBPyConnection, election: str) -> pd.DataFrame:
    """Readiness per koordinator wilayah (query marts/korwil)."""
    return _whole(db.run(con, "marts/korwil", election=election))


def kabupaten(con: duckdb.DuckDBPyConnection, election: str) -> pd.DataFrame:
    """Kabupaten totals, one row (query marts/kabupaten)."""
    df = db.run(con, "marts/kabupaten", election=election)
    df.insert(0, "election_id", election)
    return _whole(df)


def desa(con: duckdb.DuckDBPyConnection, election: str) -> pd.DataFrame:
    """Voters and TPS per desa (query marts/desa)."""
    return _whole(db.run(con, "marts/desa", election=election))


LEVELS = {"kecamatan": kecamatan, "korwil": korwil, "kabupaten": kabupaten, "desa": desa}


def report(con: duckdb.DuckDBPyConnection, election: str, level: str) -> pd.DataFrame:
    df = LEVELS[level](con, election)
    return df[REPORT_COLUMNS[level]]
