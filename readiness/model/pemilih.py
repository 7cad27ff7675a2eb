"""Voter segments per desa and kecamatan: pemilih pemula, disabilitas by KPU's categories and KTP-el
not yet recorded, from the per-voter list, beside the recap's own figures."""

from __future__ import annotations

import pandas as pd

from .. import db, teks

DISABILITAS = teks.DISABILITAS


SEGMEN_KOLOM = [
    "daftar_dpt",
    "daftar_l",
    "daftar_p",
    "pemula",
    "pemula_l",
    "pemula_p",
    "tanpa_tgl_lahir",
    "disabilitas",
    *DISABILITAS,
    "ktpel_belum_rekam",
    "pemula_rekap",
    "disabilitas_rekap",
]


def pemilih_desa(con, election: str, kecamatan: str | None = None) -> pd.DataFrame:
    """Per desa (of one kecamatan, or of the region): voters from the per-voter list by group, and
    the recap's own columns (marts/pemilih_desa)."""
    counts = ["dpt", "dpt_l", "dpt_p", "tps", *SEGMEN_KOLOM]
    rows = db.run(con, "marts/pemilih_desa", election=election, kecamatan=kecamatan)
    return rows.astype({col: "Int64" for col in counts})


def pemilih_kecamatan(con, election: str) -> pd.DataFrame:
    """The voter groups per kecamatan (marts/pemilih_kecamatan): what pemilih_per_kecamatan gives
    from every desa row, summed in SQL."""
    return db.run(con, "marts/pemilih_kecamatan", election=election).astype({col: "Int64" for col in SEGMEN_KOLOM})


def pemilih_per_kecamatan(desa_df: pd.DataFrame) -> pd.DataFrame:
    """The desa rows of marts/pemilih_desa summed per kecamatan; a kecamatan without a per-voter
    list keeps empty figures (never 0)."""
    grouped = desa_df.groupby(["kode_kecamatan", "kecamatan"], sort=True)[SEGMEN_KOLOM]
    return grouped.sum(min_count=1).reset_index().astype({col: "Int64" for col in SEGMEN_KOLOM})
