"""The TPS page's choices at the top (in a province or the nation a kab/kota first: its TPS list is
the widest one shown), and its sections that only display: where the TPS are (when the list has
coordinates) and their logistics status and kerawanan category (when present)."""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from app import baca, jalan, layar
from readiness import charts, fmt, teks
from readiness.model import jenjang
from readiness.model.halaman import WILAYAH_ATAS

# The columns of the grid of a long TPS list (with the desa/kelurahan column): what fits a
# 1024-pixel screen beside the sidebar without sideways scrolling. The address, logistics,
# kerawanan and coordinates are in the desa's own list (a click on the row) and the downloads.
KOLOM_GRID = ("Kecamatan", "TPS", "DPT", "Laki-laki", "Perempuan")


@dataclass(frozen=True)
class Pilihan:
    """What the TPS page looks at: `kabkota` (None in a kab/kota installation or for a whole
    province), `kecamatan` and `desa` (a code or jalan.SEMUA), the places and their words."""

    places: jenjang.Tempat
    kabkota: str | None
    kecamatan: str
    desa: str
    wilayah: str  # `Kecamatan Paiton`, `Kabupaten Bombana`, the region's name


def _ikut_kabkota(places: jenjang.Tempat):
    """A kab/kota chosen: the levels below follow (app/jalan.py), and a kecamatan or desa it lets go
    leaves the URL too, so that it is not taken for a link on the next run."""

    def hook(kode) -> None:
        jalan.ikut("kabkota", places)(kode)
        for tingkat in ("kecamatan", "desa"):
            if st.session_state.get(layar.INGATAN.format(tingkat)) is None and tingkat in st.query_params:
                del st.query_params[tingkat]

    return hook


def pilihan(election: str) -> Pilihan:
    """The choices at the top of the TPS page and the breadcrumb above them. In a province or the
    nation a kab/kota comes first (`?kabkota=74.06`; `semua`: the region's totals only) and the
    kecamatan are that kab/kota's; a link to a kecamatan (`?kecamatan=74.06.01`) opens its kab/kota."""
    kata = baca.kata(election)
    atas = kata.jenis in WILAYAH_ATAS
    remah, kolom = jalan.atas(3 if atas else 2)
    places = jalan.tempat(election)
    kabkota = None
    if atas:
        dari_url = st.query_params.get("kecamatan")
        if dari_url in places.kecamatan and dari_url != jalan.ingatan()["kecamatan"]:
            jalan.ikut("kecamatan", places)(dari_url)
        names = places.kabkota
        kabkota = layar.url_choice(
            "kabkota",
            [jalan.SEMUA, *names],
            "Kabupaten/kota",
            where=kolom.pop(0),
            default=jalan.SEMUA,
            ikut=_ikut_kabkota(places),
            format_func=lambda k: "Semua kabupaten/kota" if k == jalan.SEMUA else names[k],
        )
        kabkota = None if kabkota == jalan.SEMUA else kabkota
    kode = jalan.SEMUA
    if not atas or kabkota:
        kode = jalan.pilih_kecamatan(places, semua=True, where=kolom[0], kabkota=kabkota)
    if kode != jalan.SEMUA:
        places = jalan.tempat(election, kode)
    desa = jalan.SEMUA if kode == jalan.SEMUA else jalan.pilih_desa(places, kata, where=kolom[1])
    if desa != jalan.SEMUA:
        tingkat, tempat, wilayah = "desa", desa, jenjang.nama_desa(places, kata, desa)
    elif kode != jalan.SEMUA:
        tingkat, tempat, wilayah = "kecamatan", kode, f"Kecamatan {places.kecamatan[kode]}"
    elif kabkota:
        tingkat, tempat, wilayah = "kabkota", kabkota, places.kabkota[kabkota]
    else:
        tingkat, tempat, wilayah = "kecamatan", jalan.SEMUA, kata.nama
    jalan.remah(election, places, tingkat, tempat, halaman="TPS", where=remah)
    return Pilihan(places, kabkota, kode, desa, wilayah)


def wilayah(data: dict, kata) -> bool:
    """A province or the nation as a whole (no kab/kota chosen): the region's TPS figures and what
    to choose for the list (True: the page ends here)."""
    if data.get("tps") is not None:
        return False
    if not data["kosong"]:
        st.info(
            f"{kata.nama} punya {fmt.angka(data['tps_wilayah']['tps'])} TPS: terlalu banyak untuk dibaca "
            "dalam satu daftar. Pilih satu kabupaten/kota di bagian atas halaman untuk melihat daftar "
            "TPS-nya, TPS per kecamatan dan TPS yang melebihi kapasitas."
        )
    return True


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
