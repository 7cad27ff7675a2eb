"""The TPS page's sections that only display: where the TPS are (when the list has coordinates)
and their logistics status and kerawanan category (when present)."""

from __future__ import annotations

import streamlit as st

from app import baca, layar
from readiness import charts, fmt, teks

# The columns of the grid of a long TPS list (with the desa/kelurahan column): what fits a
# 1024-pixel screen beside the sidebar without sideways scrolling. The address, logistics,
# kerawanan and coordinates are in the desa's own list (a click on the row) and the downloads.
KOLOM_GRID = ("Kecamatan", "TPS", "DPT", "Laki-laki", "Perempuan")


def keterangan_daftar(kata, baris: int) -> str:
    """The line above the list of every TPS of a kecamatan or the region (`baris` TPS)."""
    teks_ = f"Urut menurut kecamatan, {kata.desa} dan nomor TPS. Klik baris untuk membuka TPS {kata.desa}-nya."
    if baris > layar.BARIS_BACA:
        teks_ += (
            f" Alamat, status logistik, kategori rawan dan koordinat ada di daftar TPS {kata.desa} itu "
            "dan di berkas unduhan."
        )
    return teks_


def lokasi(data: dict, election: str, kecamatan: str | None) -> None:
    """The TPS on the map of the election's kecamatan outlines (`kecamatan`: the one drawn closer)."""
    tps = data["tps"]
    st.subheader("Lokasi TPS")
    if not data["berkoordinat"]:
        st.info("Daftar TPS belum memuat koordinat (kolom lintang/bujur), jadi peta TPS belum dapat ditampilkan.")
        return
    st.plotly_chart(charts.tps_peta(tps, baca.peta(election), kecamatan), width="stretch", config=charts.PLOT_CONFIG)
    st.caption(f"{fmt.angka(data['berkoordinat'])} dari {fmt.angka(len(tps))} TPS memiliki koordinat.")


def logistik(data: dict) -> None:
    """TPS per logistics status and per kerawanan category, each where the list has it."""
    st.subheader("Logistik dan kerawanan")
    l1, l2 = st.columns(2)
    for col, field, empty in (
        (l1, "status_logistik", "Status logistik belum ada di daftar TPS."),
        (l2, "kategori_rawan", "Kategori kerawanan TPS belum ada di daftar TPS."),
    ):
        with col:
            counts = data["logistik"][field]
            if counts.empty:
                st.info(empty)
            else:
                st.plotly_chart(
                    charts.kategori_bars(list(counts.index), list(counts.values), f"{teks.KOLOM[field]} (jumlah TPS)"),
                    width="stretch",
                    config=charts.PLOT_CONFIG,
                )
                st.caption(f"{fmt.angka(counts.sum())} dari {fmt.angka(len(data['tps']))} TPS terisi")


def desa(baris) -> None:
    """The readiness of the desa/kelurahan looked at, with its reasons (marts/desa_kesiapan)."""
    if baris is None:
        return
    box = {"merah": st.error, "kuning": st.warning, "hijau": st.success}.get(baris["status"], st.info)
    box(f"**{charts.status_label(baris['status'])}** — {baris['alasan'] or 'Semua indikator hijau'}")
