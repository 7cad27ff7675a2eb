"""Readiness per kab/kota of a province (or the nation): each kab/kota rated by the kecamatan
rules of int_kesiapan, applied to its sums (marts/kabkota_nilai), with the same thresholds, and its
reasons in words. A kind of data some of its kecamatan lack reads `belum lengkap (n dari m
kecamatan)`; the rules' text is read from queries/intermediate/kesiapan.sql, not written again."""

from __future__ import annotations

import re

import duckdb
import pandas as pd

from .. import db
from ._nilai import records
from .alasan import kabkota_reasons
from .kesiapan import dengan_kesiapan
from .pemilihan import previous_label

_WITH = re.compile(r"^\s*with\s", re.IGNORECASE)


def _aturan_atas(nilai_sql: str) -> str:
    """The rules of int_kesiapan over `nilai_sql`'s rows instead of the view int_kesiapan_nilai:
    the values become a CTE of that name, which hides the view inside this one query."""
    rules = "\n".join(
        line for line in db.load_query("intermediate/kesiapan").sql.splitlines() if not line.startswith("--")
    )
    if not _WITH.match(rules):
        raise db.QueryError("intermediate/kesiapan: expected to start with `with`")
    return f"with int_kesiapan_nilai as (\n{nilai_sql}\n),\n{_WITH.sub('', rules, count=1)}"


def kabkota(con: duckdb.DuckDBPyConnection, election: str) -> pd.DataFrame:
    """One row per kab/kota with data rows of the region (marts/kabkota_nilai), each indicator's
    status and the overall `status` (the kecamatan rules), `alasan` worded; Kemendagri order."""
    con = dengan_kesiapan(con, election)
    nilai = db.load_query("marts/kabkota_nilai").sql
    df = con.execute(_aturan_atas(nilai) + "\norder by kode_kabkota", {"election": election}).df()
    label = previous_label(con, election)
    df["alasan"] = [", ".join(kabkota_reasons(row, label)) for row in records(df)]
    return df


def berdata(kab: pd.DataFrame | None) -> bool:
    """Whether any kab/kota of these rated rows has data: a kecamatan of it with any kind, or its
    total alone (a row of KPU's national recap, before any of its kecamatan has its own)."""
    if kab is None or kab.empty:
        return False
    return bool(kab["jumlah_kecamatan_berdata"].sum() or kab["jumlah_ada_pemilih"].sum())


STATUS_URUT = ("merah", "kuning", "hijau")


def per_provinsi(kab: pd.DataFrame) -> pd.DataFrame:
    """Per province code (the first two digits of its kab/kota's), from rated kab/kota rows: its
    kab/kota per status (`merah`, `kuning`, `hijau`), how many it has (`jumlah`), and its own
    `status`, the worst of its kab/kota's: how the nation's map colours a province."""
    data = kab.assign(kode_provinsi=kab["kode_kabkota"].str[:2])
    out = pd.crosstab(data["kode_provinsi"], data["status"]).reindex(columns=list(STATUS_URUT), fill_value=0)
    out["jumlah"] = data.groupby("kode_provinsi").size()
    out["status"] = [next((s for s in STATUS_URUT if r[s]), None) for _, r in out.iterrows()]
    return out


def nama_pendek(kabkota: pd.Series) -> pd.Series:
    """`Bombana` for `Kabupaten Bombana`, `Kota Kendari` kept whole: how a rakor names them; a
    kabupaten whose short name another kab/kota of the region shares keeps its whole name."""
    pendek = kabkota.str.replace(r"^Kabupaten ", "", regex=True)
    dua = pendek.duplicated(keep=False) | pendek.isin(kabkota[kabkota.str.startswith("Kota ")].str[5:])
    return pendek.where(~dua, kabkota)
