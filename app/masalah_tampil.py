"""Open problems (inventarisasi permasalahan) as the Ringkasan, Korwil and Kecamatan pages show
them. Query: marts/masalah_daftar. User-written text (descriptions, reporters) only ever goes
into dataframes or st.text, never into markdown."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from app import baca
from app.markdown import escape_md
from readiness import fmt, masalah

HALAMAN = "pages/masalah.py"


def terbuka(election: str) -> pd.DataFrame:
    df = baca.query("marts/masalah_daftar", election=election)
    return df[df["terbuka"]].reset_index(drop=True)


def _tautan(label: str = "Buka halaman Permasalahan", **query) -> None:
    try:
        st.page_link(HALAMAN, label=label, icon=":material/report:", query_params=query or None)
    except st.errors.StreamlitAPIException:
        pass  # the page is not in this user's navigation


def tabel(df: pd.DataFrame, *, kecamatan: bool = True, height="auto") -> None:
    """Open problems, most severe and newest first; every text cell shown as plain text."""
    urut = df.assign(_t=df["tingkat"].map({"tinggi": 0, "sedang": 1, "rendah": 2}))
    urut = urut.sort_values(["_t", "tanggal", "masalah_id"], ascending=[True, False, False])
    shown = pd.DataFrame({
        "No.": urut["masalah_id"].map(lambda i: f"#{i}"),
        **({"Kecamatan": urut["kecamatan"]} if kecamatan else {}),
        "Desa/Kelurahan": urut["desa"].fillna("–"),
        "TPS": urut["no_tps"].fillna("–"),
        "Kategori": urut["kategori"].map(masalah.KATEGORI).fillna(urut["kategori"]),
        "Uraian": urut["uraian"],
        "Tingkat": urut["tingkat"].map(masalah.TINGKAT),
        "Status": urut["status"].map(masalah.STATUS),
        "Tanggal": urut["tanggal"].map(lambda t: fmt.tanggal(t.date()) if pd.notna(t) else "–"),
        "Pelapor": urut["pelapor"].fillna("–"),
        "Tindak lanjut terakhir": urut["catatan_terakhir"].fillna("–"),
    })
    st.dataframe(shown, hide_index=True, width="stretch", height=height,
                 column_config={"Uraian": st.column_config.TextColumn(width="large"),
                                "Tindak lanjut terakhir": st.column_config.TextColumn(width="medium")})


def ringkasan(election: str) -> None:
    """Ringkasan: how many problems are open, by category and severity, and where most are."""
    df = terbuka(election)
    st.subheader("Permasalahan terbuka")
    if df.empty:
        st.info("Tidak ada masalah yang belum selesai dalam inventarisasi permasalahan.")
        _tautan()
        return
    tinggi = int((df["tingkat"] == "tinggi").sum())
    c1, c2, c3 = st.columns(3)
    c1.metric("Masalah terbuka", fmt.angka(len(df)))
    c1.caption(f"di {fmt.angka(df['kode_kecamatan'].nunique())} kecamatan")
    c2.metric("Tingkat tinggi", fmt.angka(tinggi))
    c2.caption(f"Sedang {fmt.angka((df['tingkat'] == 'sedang').sum())} · Rendah {fmt.angka((df['tingkat'] == 'rendah').sum())}")
    c3.metric("Baru (belum ditangani)", fmt.angka((df["status"] == "baru").sum()))
    c3.caption(f"Sedang ditangani {fmt.angka((df['status'] == 'ditangani').sum())}")
    left, right = st.columns(2)
    per_kat = (df.groupby("kategori").agg(jumlah=("masalah_id", "count"),
                                          tinggi=("tingkat", lambda s: int((s == "tinggi").sum())))
               .reindex(list(masalah.KATEGORI)).dropna().astype(int).reset_index()
               .sort_values(["jumlah", "tinggi"], ascending=False))
    left.markdown("**Per kategori**")
    left.dataframe(pd.DataFrame({"Kategori": per_kat["kategori"].map(masalah.KATEGORI),
                                 "Terbuka": per_kat["jumlah"].map(fmt.angka),
                                 "Tingkat tinggi": per_kat["tinggi"].map(fmt.angka)}),
                   hide_index=True, width="stretch")
    per_kec = (df.groupby(["kecamatan", "korwil"], dropna=False)
               .agg(jumlah=("masalah_id", "count"), tinggi=("tingkat", lambda s: int((s == "tinggi").sum())))
               .reset_index().sort_values(["jumlah", "tinggi", "kecamatan"], ascending=[False, False, True]).head(5))
    right.markdown("**Kecamatan dengan masalah terbuka terbanyak**")
    right.dataframe(pd.DataFrame({"Kecamatan": per_kec["kecamatan"], "Korwil": per_kec["korwil"].fillna("–"),
                                  "Terbuka": per_kec["jumlah"].map(fmt.angka),
                                  "Tingkat tinggi": per_kec["tinggi"].map(fmt.angka)}),
                    hide_index=True, width="stretch")
    _tautan("Buka inventarisasi permasalahan")


def kecamatan(election: str, kode: str, nama: str) -> None:
    """Kecamatan page: that kecamatan's open problems."""
    df = terbuka(election)
    df = df[df["kode_kecamatan"] == kode]
    st.subheader(f"Permasalahan terbuka ({fmt.angka(len(df))})")
    if df.empty:
        st.info(f"Tidak ada masalah yang belum selesai di Kecamatan {nama}.")
    else:
        tabel(df, kecamatan=False)
    _tautan("Catat atau tindak lanjuti masalah", kecamatan=kode)


def korwil(election: str, korwil_nama: str) -> None:
    """Korwil page: the open problems in one koordinator's kecamatan."""
    df = terbuka(election)
    df = df[df["korwil"] == korwil_nama]
    st.subheader(f"Permasalahan terbuka di {escape_md(korwil_nama)} ({fmt.angka(len(df))})")
    if df.empty:
        st.info("Tidak ada masalah yang belum selesai di wilayah ini.")
    else:
        tabel(df)
    _tautan()
