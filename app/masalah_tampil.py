"""Problems (inventarisasi permasalahan) on screen: the open ones as the Ringkasan, Korwil and
Kecamatan pages show them, and the Permasalahan page's parts (the filters, one problem with its
history, the weekly report). Queries: marts/masalah_daftar, marts/masalah_riwayat; tables:
readiness.masalah.tabel. User-written text (descriptions, reporters) only ever goes into
tables (escaped HTML) or st.text, never into markdown."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from app import baca, ekspor, layar, masalah_form
from app.markdown import escape_md
from readiness import export, fmt, masalah, model, teks
from readiness.masalah import tabel as tabel_masalah
from readiness.model.kartu import Kartu

HALAMAN = "pages/masalah.py"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def terbuka(election: str) -> pd.DataFrame:
    return tabel_masalah.terbuka(baca.query("marts/masalah_daftar", election=election))


def _tautan(label: str = "Buka halaman Permasalahan", **query) -> None:
    try:
        st.page_link(HALAMAN, label=label, icon=":material/report:", query_params=query or None)
    except st.errors.StreamlitAPIException:
        pass  # the page is not in this user's navigation


def tabel(df: pd.DataFrame, election: str, *, kecamatan: bool = True, height="auto") -> None:
    """Open problems, most severe and newest first; every text cell shown as plain text."""
    layar.tabel_baca(
        tabel_masalah.tabel_terbuka(df, kecamatan=kecamatan, desa=baca.kata(election).desa_judul),
        panjang=("Uraian", "Tindak lanjut terakhir"),
        height=height,
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
    layar.kartu(
        [
            Kartu("Masalah terbuka", n["terbuka"], f"di {n['kecamatan']} kecamatan"),
            Kartu(
                "Tingkat tinggi", n["tingkat_tinggi"], f"Sedang {n['tingkat_sedang']} · Rendah {n['tingkat_rendah']}"
            ),
            Kartu("Baru (belum ditangani)", n["status_baru"], f"Sedang ditangani {n['status_ditangani']}"),
        ]
    )
    left, right = st.columns(2)
    left.markdown("**Per kategori**")
    with left:
        layar.tabel_baca(tabel_masalah.per_kategori(df))
    right.markdown("**Kecamatan dengan masalah terbuka terbanyak**")
    with right:
        layar.tabel_baca(tabel_masalah.per_kecamatan(df))
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


# --------------------------------------------------------------------------- the Permasalahan page
def saring(daftar: pd.DataFrame, nama_kec: dict) -> pd.DataFrame:
    """The filters above the list, and the problems they keep."""
    f1, f2, f3, f4 = st.columns(4)
    g1, g2 = st.columns([2, 3])
    return tabel_masalah.saring(
        daftar,
        korwil=f1.multiselect("Korwil", sorted(daftar["korwil"].dropna().unique()), placeholder="Semua korwil"),
        kecamatan=f2.multiselect(
            "Kecamatan",
            sorted(daftar["kode_kecamatan"].unique()),
            format_func=nama_kec.get,
            placeholder="Semua kecamatan",
        ),
        kategori=f3.multiselect(
            "Kategori", list(masalah.KATEGORI), format_func=masalah.KATEGORI.get, placeholder="Semua kategori"
        ),
        tingkat=f4.multiselect(
            "Tingkat", list(masalah.TINGKAT), format_func=masalah.TINGKAT.get, placeholder="Semua tingkat"
        ),
        status=g1.multiselect(
            "Status",
            list(masalah.STATUS),
            default=["baru", "ditangani"],
            format_func=masalah.STATUS.get,
            placeholder="Semua status",
        ),
        cari=g2.text_input("Cari dalam uraian, pelapor atau catatan", placeholder="mis. kotak suara"),
    )


def daftar(semua: pd.DataFrame, pilih: pd.DataFrame, election: str, kata) -> None:
    """The problems the filters keep, and their .xlsx."""
    st.caption(f"{fmt.angka(len(pilih))} dari {fmt.angka(len(semua))} masalah")
    layar.tabel_baca(tabel_masalah.tabel_daftar(pilih, kata.desa_judul), panjang=("Uraian", "Tindak lanjut terakhir"))
    if not pilih.empty:
        ekspor.unduh(
            "Unduh daftar ini (.xlsx)",
            lambda: export.to_xlsx(
                tabel_masalah.berkas_daftar(pilih, kata.desa_judul),
                "Inventarisasi permasalahan",
                election,
                f"daftar masalah per {fmt.tanggal_jam(dt.datetime.now().replace(microsecond=0))}",
                wilayah=kata.nama,
            ),
            export.nama_berkas("Inventarisasi permasalahan", election, "xlsx"),
            key="unduh_daftar",
            mime=XLSX,
            icon=":material/download:",
        )


def satu_masalah(daftar: pd.DataFrame, pilih: pd.DataFrame, kata, boleh_ubah: bool) -> None:
    """One problem, chosen from the filtered list (or the URL): details, history, follow-up form."""
    baris = daftar.set_index(daftar["masalah_id"].astype(str))
    pilihan = tabel_masalah.pilihan_buka(daftar, pilih, st.query_params.get("masalah"))
    dipilih = layar.url_choice(
        "masalah", pilihan, "Buka masalah", format_func=lambda i: tabel_masalah.label(baris.loc[i])
    )
    r = baris.loc[dipilih]
    st.subheader(tabel_masalah.judul(r))
    layar.tabel_baca(tabel_masalah.rincian(r, kata.desa_judul), panjang=("Nilai",))
    st.markdown("**Riwayat tindak lanjut**")
    layar.tabel_baca(
        tabel_masalah.tabel_riwayat(baca.query("marts/masalah_riwayat", masalah=int(dipilih))),
        panjang=("Catatan tindak lanjut",),
    )
    if boleh_ubah:
        masalah_form.tindak_lanjut(dipilih, r)
    else:
        st.caption("Peran Anda hanya dapat melihat; tindak lanjut dicatat oleh analis atau admin.")


def laporan_mingguan(election: str, daftar: pd.DataFrame, wilayah: pd.DataFrame, pemilihan: str) -> None:
    """The weekly report per korwil for the region's acting head: the week chosen, its summary and the .xlsx."""
    kata = baca.kata(election)
    if belum := model.belum_korwil(wilayah["korwil"], pemilihan):
        layar.belum_korwil(belum)
    st.markdown(
        f"Laporan untuk {escape_md(kata.pj_nama)}: semua masalah yang terbuka pada minggu itu (Senin–Minggu), dengan "
        "status dan tingkat pada akhir minggu, per korwil — satu sheet ringkasan dan satu sheet per korwil."
    )
    hari = st.columns(3)[0].date_input(
        "Minggu yang memuat tanggal",
        value=tabel_masalah.acuan_minggu(daftar, dt.date.today()),
        format="DD/MM/YYYY",
        key="laporan_tanggal",
    )
    senin, _ = masalah.minggu(hari)
    st.caption(f"Minggu {masalah.label_minggu(senin)}")
    laporan = masalah.laporan_mingguan(baca.current_reader().cursor(), election, senin)
    if laporan.empty:
        st.info(f"Tidak ada masalah terbuka pada minggu {masalah.label_minggu(senin)}.")
    else:
        layar.tabel_baca(tabel_masalah.tabel_ringkasan_korwil(masalah.ringkasan_korwil(laporan)))
    ekspor.unduh(
        "Unduh laporan mingguan (.xlsx)",
        lambda: masalah.laporan_xlsx(laporan, pemilihan, senin, wilayah=kata.nama, untuk=kata.pj_nama),
        masalah.nama_berkas_laporan(election, senin),
        key="unduh_laporan",
        icon=":material/download:",
        mime=XLSX,
    )
    st.caption(
        f"{teks.DISCLAIMER}. Status pada akhir minggu diambil dari riwayat; masalah yang dicatat sesudah "
        "minggu itu memakai status pertama yang tercatat."
    )
