"""The Korwil page's parts: the korwil side by side (and the places in no korwil, «Tanpa korwil»),
and in a province the kab/kota of one korwil. What is grouped and summed is
readiness.model.halaman_korwil; this module only lays it out."""

from __future__ import annotations

import streamlit as st

from app import kolom_baku, layar
from app.markdown import escape_md
from readiness import charts, fmt, teks


def _kabkota(kelompok: dict) -> str:
    """`3 kabupaten/kota: Kabupaten Kolaka, Kabupaten Konawe, Kota Kendari` (a province), else ''."""
    daftar = kelompok.get("kabkota")
    if daftar is None:
        return ""
    return f"{fmt.angka(len(daftar))} kabupaten/kota: " + ", ".join(daftar["kabkota"])


def bandingan(data: dict) -> None:
    """Each korwil in a box, at most four side by side, the rest on the next rows; the places in no
    korwil last, as «Tanpa korwil»."""
    rows = list(data["korwil"].itertuples())
    if data.get("tanpa_korwil") is not None:
        rows += list(data["tanpa_korwil"].itertuples())
    per_baris = min(len(rows), 4)
    for i, row in enumerate(rows):
        if i % per_baris == 0:
            columns = st.columns(per_baris)
        box = columns[i % per_baris].container(border=True)
        tanpa = row.korwil == teks.TANPA_KORWIL
        # Korwil and koordinator names are typed in Pengaturan: shown as text, never as markup or links.
        box.subheader(escape_md(row.korwil), anchor=False)
        if tanpa:
            box.caption("Belum masuk korwil mana pun")
        else:
            box.caption(escape_md(row.koordinator) if row.koordinator else "Koordinator belum ditetapkan")
        if kabkota := _kabkota(data["per_korwil"][row.korwil]):
            box.caption(escape_md(kabkota))
        box.markdown(f"**{charts.status_label(row.status)}**")
        box.markdown(row.rincian_lengkap)
        box.markdown(
            f"DPT **{fmt.angka(row.dpt)}** · TPS **{fmt.angka(row.tps)}** · KTP-el **{fmt.persen(row.ktpel_persen)}**"
        )
        box.caption(f"TPS melebihi kapasitas: {fmt.angka(row.tps_melebihi_kapasitas)}")
        box.caption(
            f"Masalah terbuka: {fmt.angka(row.masalah_terbuka)} ({fmt.angka(row.masalah_terbuka_tinggi)} tingkat tinggi)"
        )


def keterangan(kelompok: dict) -> str:
    """The line under a korwil's name (markdown, names escaped): its koordinator and what it holds."""
    kecamatan = f"{fmt.angka(len(kelompok['kecamatan']))} kecamatan"
    isi = f"{escape_md(_kabkota(kelompok))} ({kecamatan})" if kelompok.get("kabkota") is not None else kecamatan
    return f"Koordinator: {escape_md(kelompok['koordinator'] or 'belum ditetapkan')} · {isi}"


def kabkota(kelompok: dict, chosen: str, data: dict, election: str) -> None:
    """In a province, the korwil's kab/kota with their status and figures (nothing elsewhere)."""
    daftar = kelompok.get("kabkota")
    if daftar is None:
        return
    st.subheader(f"Kabupaten/kota di {escape_md(chosen)}")
    layar.table(
        daftar,
        [
            *kolom_baku.KABKOTA,
            kolom_baku.KTPEL,
            kolom_baku.ALASAN,
        ],
        f"Kabupaten/kota {chosen}",
        data,
        election,
        key="korwil_kabkota",
        tautan=("kabkota", "kode_kabkota"),
    )
