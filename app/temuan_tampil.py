"""The Temuan DPT page's list of findings: filtered by kecamatan (in the URL), desa and finding
type (in the URL), at most BARIS_MAKS rows on screen (read layar.BARIS_BACA at a time), and
the Excel workbook of every row kept for KPU follow-up. Tables: readiness.temuan_tabel; the workbook: readiness.audit.ekspor_xlsx."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from app import ekspor, layar
from readiness import audit, fmt, temuan_tabel
from readiness.temuan_tabel import SEMUA

BARIS_MAKS = 5000  # rows shown on screen; the Excel file has them all


def _saring(temuan: pd.DataFrame, names: dict, kata) -> tuple[pd.DataFrame, str, str, str]:
    """The three filters side by side, and the findings they keep."""
    f1, f2, f3 = st.columns(3)
    with f1:
        kode = layar.url_choice(
            "kecamatan",
            [SEMUA, *sorted(names)],
            "Kecamatan",
            format_func=lambda k: "Semua kecamatan" if k == SEMUA else names[k],
            default=SEMUA,
        )
    pilihan = temuan if kode == SEMUA else temuan[temuan["kode_kecamatan"] == kode]
    with f2:
        desa = st.selectbox(
            kata.desa_awal,
            [SEMUA, *sorted({d for d in pilihan["desa"].dropna()})],
            key=f"temuan_desa_{kode}",
            format_func=lambda d: f"Semua {kata.desa}" if d == SEMUA else d,
        )
    if desa != SEMUA:
        pilihan = pilihan[pilihan["desa"] == desa]
    with f3:
        jenis = layar.url_choice(
            "temuan",
            [SEMUA, *[k for k in audit.KODE if k in set(pilihan["temuan"])]],
            "Jenis temuan",
            format_func=lambda k: "Semua jenis" if k == SEMUA else audit.JENIS[k].nama,
            default=SEMUA,
        )
    if jenis != SEMUA:
        pilihan = pilihan[pilihan["temuan"] == jenis]
    return pilihan, kode, desa, jenis


def daftar(temuan: pd.DataFrame, ringkasan: pd.DataFrame, election: str, kata, pemilihan: str, versi: str) -> None:
    """The list of findings under its filters, with the Excel download of all the rows kept."""
    st.subheader("Daftar temuan")
    st.caption("NIK ditampilkan tersamar. Cari pemilihnya di berkas asli lewat berkas, sheet dan baris, atau DPID.")
    names = dict(zip(ringkasan["kode_kecamatan"], ringkasan["kecamatan"]))
    pilihan, kode, desa, jenis = _saring(temuan, names, kata)
    lebih = f" (ditampilkan {fmt.angka(BARIS_MAKS)} pertama; semuanya ada di berkas Excel)"
    st.markdown(f"**{fmt.angka(len(pilihan))} temuan**" + (lebih if len(pilihan) > BARIS_MAKS else ""))
    baris_tampil = pilihan.head(BARIS_MAKS)
    # Read BARIS_BACA rows at a time as a reading table (long texts wrapped; row by row when the
    # box is narrow), never a grid that scrolls sideways.
    layar.tabel_bertahap(
        temuan_tabel.tabel_daftar(baris_tampil, kata.desa_judul),
        panjang=("Keterangan",),
        key=f"temuan_bagian_{kode}_{desa}_{jenis}",
        height="auto" if len(baris_tampil) < 12 else 420,
    )
    ringkas_pilihan = temuan_tabel.ringkas(pilihan, ringkasan)
    ekspor.unduh(
        "Unduh Excel untuk tindak lanjut KPU (.xlsx)",
        lambda: audit.ekspor_xlsx(pilihan, ringkas_pilihan, pemilihan, versi, wilayah=kata.nama, desa=kata.desa_judul),
        audit.nama_berkas(election, temuan_tabel.bagian_nama_berkas(names.get(kode, SEMUA), desa, jenis)),
        key="unduh_temuan",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        icon=":material/download:",
        help=f"Satu sheet ringkasan dan satu sheet per kecamatan, dikelompokkan per {kata.desa}, TPS dan jenis "
        "temuan, dengan kolom tindak lanjut yang masih kosong.",
        disabled=pilihan.empty,
    )
