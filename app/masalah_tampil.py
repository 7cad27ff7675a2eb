"""Open problems (inventarisasi permasalahan) as the Ringkasan, Korwil and Kecamatan pages show
them. Query: marts/masalah_daftar; tables: readiness.masalah.tabel. User-written text
(descriptions, reporters) only ever goes into dataframes or st.text, never into markdown."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from app import baca
from app.markdown import escape_md
from readiness import fmt
from readiness.masalah import tabel as tabel_masalah

HALAMAN = "pages/masalah.py"


def terbuka(election: str) -> pd.DataFrame:
    return tabel_masalah.terbuka(baca.query("marts/masalah_daftar", election=election))


def _tautan(label: str = "Buka halaman Permasalahan", **query) -> None:
    try:
        st.page_link(HALAMAN, label=label, icon=":material/report:", query_params=query or None)
    except st.errors.StreamlitAPIException:
        pass  # the page is not in this user's navigation


def tabel(df: pd.DataFrame, election: str, *, kecamatan: bool = True, height="auto") -> None:
    """Open problems, most severe and newest first; every text cell shown as plain text."""
    st.dataframe(
        tabel_masalah.tabel_terbuka(df, kecamatan=kecamatan, desa=baca.kata(election).desa_judul),
        hide_index=True,
        width="stretch",
        height=height,
        column_config={
            "Uraian": st.column_config.TextColumn(width="large"),
            "Tindak lanjut terakhir": st.column_config.TextColumn(width="medium"),
        },
    )


def ringkasan(election: str) -> None:
    """Ringkasan: how many problems are open, by category and severity, and where most are."""
    df = terbuka(election)
    st.subheader("Permasalahan terbuka")
    if df.empty:
        st.info("Tidak ada masalah yang belum selesai dalam inventarisasi permasalahan.")
        _tautan()
        return
    n = tabel_masalah.angka_ringkasan(df)
    c1, c2, c3 = st.columns(3)
    c1.metric("Masalah terbuka", n["terbuka"])
    c1.caption(f"di {n['kecamatan']} kecamatan")
    c2.metric("Tingkat tinggi", n["tingkat_tinggi"])
    c2.caption(f"Sedang {n['tingkat_sedang']} · Rendah {n['tingkat_rendah']}")
    c3.metric("Baru (belum ditangani)", n["status_baru"])
    c3.caption(f"Sedang ditangani {n['status_ditangani']}")
    left, right = st.columns(2)
    left.markdown("**Per kategori**")
    left.dataframe(tabel_masalah.per_kategori(df), hide_index=True, width="stretch")
    right.markdown("**Kecamatan dengan masalah terbuka terbanyak**")
    right.dataframe(tabel_masalah.per_kecamatan(df), hide_index=True, width="stretch")
    _tautan("Buka inventarisasi permasalahan")


def kecamatan(election: str, kode: str, nama: str) -> None:
    """Kecamatan page: that kecamatan's open problems."""
    df = terbuka(election)
    df = df[df["kode_kecamatan"] == kode]
    st.subheader(f"Permasalahan terbuka ({fmt.angka(len(df))})")
    if df.empty:
        st.info(f"Tidak ada masalah yang belum selesai di Kecamatan {nama}.")
    else:
        tabel(df, election, kecamatan=False)
    _tautan("Catat atau tindak lanjuti masalah", kecamatan=kode)


def korwil(election: str, korwil_nama: str) -> None:
    """Korwil page: the open problems in one koordinator's kecamatan."""
    df = terbuka(election)
    df = df[df["korwil"] == korwil_nama]
    st.subheader(f"Permasalahan terbuka di {escape_md(korwil_nama)} ({fmt.angka(len(df))})")
    if df.empty:
        st.info("Tidak ada masalah yang belum selesai di wilayah ini.")
    else:
        tabel(df, election)
    _tautan()
