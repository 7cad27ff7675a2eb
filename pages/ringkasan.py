"""Ringkasan: the one screen leadership opens. Queries: marts/kabupaten, marts/kecamatan,
marts/korwil, marts/kelengkapan, marts/versi_data (through readiness.model.halaman_ringkasan);
the map: marts/kecamatan_batas. A click on a kecamatan (map, bar, table row) or a korwil (table
row) opens it (app/jalan.py). In a province: its kab/kota first (app/ringkasan_wilayah.py)."""

import streamlit as st

from app import baca, jalan, kolom_baku, layar, masalah_tampil, ringkasan_wilayah
from readiness import charts, fmt, teks
from readiness.export import Kolom

election = layar.election()
kabkota = ringkasan_wilayah.pilih(election)  # a province's kab/kota (`?kabkota=74.06`), else None
data = baca.page_data("ringkasan", election, **({"kabkota": kabkota} if kabkota else {}))
kecamatan, korwil = data["kecamatan"], data["korwil"]

st.title("Ringkasan Kesiapan Pilkada")
layar.sumber_data(data)

if data["kosong"]:
    layar.empty_state()

layar.kartu(data["kartu"])
layar.kartu(data["kartu_status"])
if ringkasan_wilayah.tampil(data, election):  # a province without a kab/kota chosen: its kab/kota
    st.stop()

st.subheader("Peta status kecamatan")
peta = ringkasan_wilayah.peta_kecamatan(data, election)
if peta:
    jalan.grafik(baca.grafik(data, "peta", lambda: charts.peta_status(kecamatan, peta)), election, key="peta_ringkasan")
    st.caption("Klik nama kecamatan pada peta, batang grafik atau baris tabel untuk membuka rinciannya.")
else:
    st.info(teks.PETA_TANPA_BATAS)

st.subheader("Status per kecamatan")
jalan.grafik(baca.grafik(data, "status", lambda: charts.status_bars(kecamatan)), election, key="batang_ringkasan")
layar.table(
    kecamatan,
    [
        kolom_baku.KECAMATAN,
        Kolom("korwil", "Korwil", opsional=True),
        kolom_baku.STATUS,
        kolom_baku.DPT,
        kolom_baku.TPS,
        kolom_baku.KTPEL,
        Kolom("target_partisipasi", "Target partisipasi", "persen", fmt.PARTISIPASI_DESIMAL),
        kolom_baku.ALASAN,
    ],
    "Status kesiapan per kecamatan",
    data,
    election,
    key="kecamatan",
    tautan=("kecamatan", "kode_kecamatan"),
)

st.subheader("Ringkasan per koordinator wilayah (korwil)")
if data["belum_korwil"]:
    layar.belum_korwil(data["belum_korwil"])
else:
    layar.table(
        korwil,
        [
            Kolom("korwil", "Korwil"),
            Kolom("koordinator", "Koordinator"),
            kolom_baku.STATUS,
            Kolom("rincian", "Rincian"),
            kolom_baku.DPT,
            kolom_baku.TPS,
            kolom_baku.KTPEL,
            kolom_baku.KECAMATAN,
        ],
        "Kesiapan per korwil",
        data,
        election,
        key="korwil",
        tautan=("korwil", "korwil"),
    )
    st.page_link("pages/korwil.py", label="Buka halaman Korwil", icon=":material/groups:")

masalah_tampil.ringkasan(election)  # open problems of the inventory (marts/masalah_daftar)

with st.expander("Kelengkapan data per kecamatan (unggahan aktif)"):
    layar.table(
        data["kelengkapan"],
        [
            kolom_baku.KECAMATAN,
            Kolom("status_kelengkapan", "Kelengkapan", "status"),
            Kolom("jumlah_jenis_data", "Jenis data ada (dari 4)", "angka"),
            Kolom("unggahan_pemilih", "Rekap pemilih (unggahan #)", "angka"),
            Kolom("unggahan_tps", "Daftar TPS (unggahan #)", "angka"),
            Kolom("unggahan_ktpel", "KTP-el (unggahan #)", "angka"),
            Kolom("unggahan_target", "Target (unggahan #)", "angka"),
            Kolom("unggahan_daftar", "Daftar pemilih per orang (unggahan #)", "angka"),
        ],
        "Kelengkapan data per kecamatan",
        data,
        election,
        key="kelengkapan",
    )
layar.footer()
