"""Ringkasan of a province (or the nation): the kab/kota chosen at the top (`?kabkota=74.06`, kept
in the session and the URL), and without one every kab/kota on one screen — its map in status
colours and its table with reasons — each opening the kab/kota's own kecamatan (a click on its row
or its shape). A kab/kota installation has no kab/kota level: nothing here is drawn there."""

from __future__ import annotations

from dataclasses import replace

import streamlit as st

from app import baca, jalan, kolom_baku, layar, masalah_tampil
from readiness import charts, fmt, model
from readiness.export import Kolom
from readiness.model.halaman import WILAYAH_ATAS
from readiness.model.kelengkapan import JENIS


def pilih(election: str) -> str | None:
    """In a province, the kab/kota looked at (None: every kab/kota), chosen at the top of the page
    under the breadcrumb, which it draws; in a kab/kota installation None, with the region's breadcrumb.
    The breadcrumb names the election too: the sidebar that also names it is folded away on a phone
    and often on the projector."""
    if baca.kata(election).jenis not in WILAYAH_ATAS:
        jalan.remah(election, jalan.tempat(election), jalan.WILAYAH, pemilihan=True)
        return None
    slot, (kolom,) = jalan.atas(1)
    places = jalan.tempat(election)
    names = places.kabkota
    kode = layar.url_choice(
        "kabkota",
        [jalan.SEMUA, *names],
        "Kabupaten/kota",
        where=kolom,
        default=jalan.SEMUA,
        ikut=jalan.ikut("kabkota", places),
        format_func=lambda k: "Semua kabupaten/kota" if k == jalan.SEMUA else names[k],
    )
    kode = None if kode == jalan.SEMUA else kode
    jalan.remah(election, places, "kabkota" if kode else jalan.WILAYAH, kode, where=slot, pemilihan=True)
    return kode


def peta_kecamatan(data: dict, election: str) -> dict:
    """The kecamatan outlines the page's map draws: the election's (baca.peta: a bupati or wali
    kota contest its kab/kota's), only the chosen kab/kota's when one is (its own map, framed on it)."""
    peta = baca.peta(election)
    if not data.get("kabkota"):
        return peta
    own = set(data["kecamatan"]["kode_kecamatan"])
    return {kode: shape for kode, shape in peta.items() if kode in own}


def tampil(data: dict, election: str) -> bool:
    """Every kab/kota of a province (when no kab/kota is chosen): map, table, open problems.
    False (nothing drawn) otherwise: the page then shows the kecamatan."""
    daftar = data.get("kabkota_daftar")
    if daftar is None or data.get("kabkota"):
        return False
    st.subheader("Peta status kabupaten/kota")
    st.caption(cakupan(daftar))
    peta = baca.peta(election, "kabkota")
    provinsi = baca.peta(election, "provinsi") if baca.kata(election).jenis == "nasional" else {}
    if peta:
        jalan.grafik(
            baca.grafik(data, "peta_kabkota", lambda: _peta(daftar, peta, provinsi)), election, key="peta_kabkota"
        )
        st.caption(
            "Arahkan kursor ke provinsi untuk melihat nama dan jumlah kabupaten/kotanya per status; klik tanda "
            "kabupaten/kota pada peta atau baris tabel untuk melihat kecamatannya."
            if provinsi
            else "Klik kabupaten/kota pada peta atau baris tabel untuk melihat kecamatannya."
        )
    else:
        st.info("Batas kabupaten/kota wilayah ini belum ada, jadi peta tidak digambar.")
    st.subheader("Status per kabupaten/kota")
    layar.table(
        daftar,
        [
            *kolom_baku.KABKOTA,
            Kolom("tps_melebihi_kapasitas", "TPS > kapasitas", "angka"),
            kolom_baku.KTPEL,
            Kolom("target_partisipasi", "Target partisipasi", "persen", fmt.PARTISIPASI_DESIMAL),
            Kolom("partisipasi_sebelumnya", data["label_sebelumnya"], "persen", fmt.PARTISIPASI_DESIMAL),
            Kolom("masalah_terbuka", "Masalah terbuka", "angka"),
            kolom_baku.ALASAN,
        ],
        "Status kesiapan per kabupaten/kota",
        data,
        election,
        key="kabkota",
        tautan=("kabkota", "kode_kabkota"),
        # The nation's 514 rows are a grid: the columns that fit 1024 px (all are in the downloads).
        grid=("Kabupaten/kota", "Status", "DPT", "TPS", "Alasan"),
    )
    st.caption(
        "Status kabupaten/kota dinilai dari jumlah kecamatannya dengan ambang yang sama seperti kecamatan; "
        "jenis data yang belum ada di sebagian kecamatannya tertulis «belum lengkap»."
    )
    kelengkapan(data)
    masalah_tampil.ringkasan(election)
    layar.footer()
    return True


def cakupan(daftar) -> str:
    """What the page covers: `17 kabupaten/kota`, the nation's `514 kabupaten/kota di 38 provinsi`."""
    provinsi = daftar["kode_kabkota"].str[:2].nunique()
    return f"{fmt.angka(len(daftar))} kabupaten/kota" + (f" di {fmt.angka(provinsi)} provinsi" if provinsi > 1 else "")


def _peta(daftar, peta: dict, provinsi: dict):
    """The kab/kota map; the nation's names its provinces, each kab/kota a marker (charts.peta_provinsi)."""
    if provinsi:
        titik = {kode: shape.label for kode, shape in peta.items()}
        return charts.peta_provinsi(daftar, provinsi, model.per_provinsi(daftar), titik)
    # Named as the rakor names them (`Bombana`, `Kota Kendari`): shorter names overlap less.
    pendek = dict(zip(daftar["kode_kabkota"], model.nama_pendek_kabkota(daftar["kabkota"])))
    peta = {k: replace(b, kecamatan=pendek.get(k, b.kecamatan)) for k, b in peta.items()}
    return charts.peta_status(daftar, peta, kode="kode_kabkota", klik="kabupaten/kota")


def kelengkapan(data: dict) -> None:
    """The completeness matrix: each kab/kota × kind of data, in words and symbols (● lengkap,
    ◐ sebagian, ○ belum ada) with the data's date and sender, readable without colour."""
    matriks = data.get("kelengkapan_kabkota")
    if matriks is None:
        return
    st.subheader("Kelengkapan data per kabupaten/kota")
    kolom = {"kabkota": "Kabupaten/kota", **JENIS}
    # Read 300 rows at a time (the nation's 514), as a table that fits 1024 px rather than a wide grid.
    layar.tabel_bertahap(
        matriks[list(kolom)].rename(columns=kolom), angka=[], panjang=list(JENIS.values()), key="kelengkapan_kabkota"
    )
    st.caption(
        "● lengkap: data aktif mencakup semua kecamatannya · ◐ sebagian: n dari m kecamatan · ○ belum ada. "
        "Tanggal data menurut berkasnya (atau tanggal unggah bila berkas tidak menyebutnya), lalu pengirimnya "
        "(nama pengunggah, atau nama berkas bila diunggah lewat baris perintah)."
    )
