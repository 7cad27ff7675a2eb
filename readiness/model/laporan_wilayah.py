"""The report's levels by the installation's region (`python -m readiness report --level`):
`wilayah` (one row: the whole region, with its code), and where the region has them `provinsi`
and `kabkota` (queries marts/provinsi, marts/kabkota; a kab/kota's status is its rating by
readiness.model.kabkota, as on the province's Ringkasan and its deck); `kabupaten` stays the whole-region row of a
kab/kota installation. In a province or the nation the kecamatan and desa rows carry their
kab/kota (`kode_kabkota`, `kabkota`); a korwil groups whole kab/kota there (kecamatan elsewhere).
Once any place is in a korwil, those in none make one more korwil row, `Tanpa korwil`."""

from __future__ import annotations

import duckdb
import pandas as pd

from .. import db, teks
from .kabkota import kabkota
from .kesiapan import dengan_kesiapan
from .laporan import ANGKA_WILAYAH, LEVELS, REPORT_COLUMNS, whole

# The levels each kind of installation reports, from the top.
TINGKAT_WILAYAH = {
    "kabkota": ("wilayah", "kabupaten", "korwil", "kecamatan", "desa"),
    "provinsi": ("wilayah", "provinsi", "kabkota", "korwil", "kecamatan", "desa"),
    "nasional": ("wilayah", "provinsi", "kabkota", "korwil", "kecamatan", "desa"),
}

COLUMNS = {
    "provinsi": ["kode_provinsi", "provinsi", "jumlah_kabkota", "jumlah_kecamatan", *ANGKA_WILAYAH],
    # rincian: 'rincian kecamatan belum ada' for a kab/kota known only by its total (marts/kabkota)
    "kabkota": [
        "kode_kabkota",
        "kabkota",
        "jenis",
        "kode_provinsi",
        "provinsi",
        "jumlah_kecamatan",
        *ANGKA_WILAYAH,
        "rincian",
    ],
}
_HITUNGAN = ("jumlah_kabkota",)


def _wilayah(con: duckdb.DuckDBPyConnection) -> tuple[str, str, str] | None:
    """(kode, nama, tingkat) of the installation's region; None for a database without one."""
    return con.execute("select kode, nama, tingkat from wilayah limit 1").fetchone()


def tingkat_salah(con: duckdb.DuckDBPyConnection, level: str) -> str | None:
    """Why `level` is no level of this installation's report (Indonesian), or None."""
    region = _wilayah(con)
    tingkat = region[2] if region else "kabkota"
    boleh = TINGKAT_WILAYAH.get(tingkat, TINGKAT_WILAYAH["kabkota"])
    if level in boleh:
        return None
    nama = region[1] if region else "wilayah ini"
    saran = " atau ".join(f"--level {t}" for t in ("kabkota", "wilayah") if t in boleh)
    if level == "kabupaten":
        return (
            f"tingkat 'kabupaten' tidak ada di dasbor {nama}: pakai {saran} "
            "(kabkota: satu baris per kabupaten/kota; wilayah: satu baris seluruh wilayah)"
        )
    return f"tingkat '{level}' tidak ada di dasbor {nama}; pilih salah satu: {', '.join(boleh)}"


def _kabkota_tempat(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    return con.execute(
        "select r.kode_kecamatan, b.kode_kabkota, b.kabkota from ref_kecamatan r join stg_kabkota b using (kode_kabkota)"
    ).df()


def report(con: duckdb.DuckDBPyConnection, election: str, level: str) -> pd.DataFrame:
    """One level's rows in the report's columns; check the level first (tingkat_salah)."""
    region = _wilayah(con)
    tingkat = region[2] if region else "kabkota"
    if level in COLUMNS:
        df = db.run(dengan_kesiapan(con, election), f"marts/{level}", election=election)
        if level == "kabkota":
            # A kab/kota's status is its rating (the kecamatan rules on its sums), as the province's
            # Ringkasan and the rakor deck show it, not the worst status among its kecamatan.
            rated = kabkota(con, election).set_index("kode_kabkota")["status"]
            df["status"] = df["kode_kabkota"].map(rated).fillna(df["status"])
        return whole(df[COLUMNS[level]]).astype({c: "Int64" for c in _HITUNGAN if c in COLUMNS[level]})
    if level == "wilayah":
        df = LEVELS["kabupaten"](con, election)[REPORT_COLUMNS["kabupaten"]]
        kode, nama = (region[0], region[1]) if region else (None, None)
        return pd.concat([pd.DataFrame({"kode_wilayah": [kode], "wilayah": [nama], "tingkat": [tingkat]}), df], axis=1)
    df = LEVELS[level](con, election)[REPORT_COLUMNS[level]]
    if level == "korwil" and df["korwil"].notna().any():
        df = df.assign(korwil=df["korwil"].fillna(teks.TANPA_KORWIL))
    if tingkat != "kabkota" and level in ("kecamatan", "desa"):
        df = _kabkota_tempat(con).merge(df, on="kode_kecamatan", how="right")
        columns = REPORT_COLUMNS[level]
        at = columns.index("kecamatan") + 1
        df = df[[*columns[:at], "kode_kabkota", "kabkota", *columns[at:]]]
    return df
