"""Pemilih: DPT per kecamatan and desa with L/P, and — where a per-voter list is uploaded —
pemilih pemula (17–21 years on election day) and disabilitas by category. Queries:
marts/kecamatan, marts/pemilih_desa, marts/versi_data (through readiness.model.halaman_pemilih).
Choice list from marts/korwil_penugasan. URL: `?pemilu=…&kecamatan=35.13.14` for the desa table."""

import streamlit as st

from app import baca, jalan, kolom_baku, layar
from readiness import charts, model
from readiness.export import Kolom

election = layar.election()
kata = baca.kata(election)
remah, (kolom,) = jalan.atas(1)
places = jalan.tempat(election)
kode = jalan.pilih_kecamatan(places, label=f"Kecamatan (tabel {kata.desa})", where=kolom)
jalan.remah(election, places, "kecamatan", kode, halaman="Pemilih", where=remah)
data = baca.page_data("pemilih", election, kecamatan_kode=kode)
kec, kelompok = data["pemilih_kecamatan"], data["kelompok"]

st.title("Data Pemilih")
layar.sumber_data(data)
if data["kosong"]:
    layar.empty_state(
        f"Belum ada data pemilih untuk pemilihan ini. Unggah rekap DPT per {kata.desa} (dari KPU) "
        "atau daftar pemilih per orang."
    )

layar.kartu(data["kartu"])

st.subheader("DPT per kecamatan (laki-laki/perempuan)")
st.plotly_chart(charts.lp_bars(kec), width="stretch", config=charts.PLOT_CONFIG)
layar.table(
    kec,
    [
        kolom_baku.KECAMATAN,
        Kolom("korwil", "Korwil"),
        *kolom_baku.DPT_LP,
        kolom_baku.TPS,
        Kolom("dpt_sumber", "Sumber DPT"),
        Kolom("daftar_dpt", "Pemilih di daftar per orang", "angka"),
        Kolom("pemula", "Pemilih pemula", "angka"),
        Kolom("disabilitas", "Disabilitas", "angka"),
        *[Kolom(col, f"Disabilitas {label.lower()}", "angka") for col, label in model.DISABILITAS.items()],
        Kolom("ktpel_belum_rekam", "Belum rekam KTP-el (daftar)", "angka"),
    ],
    "DPT per kecamatan",
    data,
    election,
    key="pemilih_kecamatan",
    caption="Pemilih pemula, disabilitas dan KTP-el per orang hanya ada untuk kecamatan yang daftar pemilih "
    "per orangnya sudah diunggah; kosong berarti belum ada datanya, bukan nol.",
)

if kelompok:
    st.subheader("Kelompok pemilih dari daftar pemilih per orang")
    st.caption(f"Pemilih pemula dan disabilitas {data['cakupan_daftar']}")
    left, right = st.columns(2)
    with left:
        st.plotly_chart(
            charts.kategori_bars(*kelompok["pemula"], "Pemilih pemula (17–21 tahun)"),
            width="stretch",
            config=charts.PLOT_CONFIG,
        )
    with right:
        st.plotly_chart(
            charts.kategori_bars(*kelompok["disabilitas"], "Pemilih disabilitas per kategori", colour="#6a3d9a"),
            width="stretch",
            config=charts.PLOT_CONFIG,
        )

st.divider()
name = data["nama_kecamatan"]
st.subheader(f"Per {kata.desa}: Kecamatan {name}")
st.caption("Ganti kecamatan di bagian atas halaman.")
rows = data["desa_kecamatan"]
if data["desa_tanpa_daftar"]:
    st.caption(f"Daftar pemilih per orang Kecamatan {name} belum diunggah: pemilih pemula dan disabilitas belum ada.")
layar.table(
    rows,
    [
        kolom_baku.desa(kata),
        *kolom_baku.DPT_LP,
        kolom_baku.TPS,
        Kolom("pemula", "Pemilih pemula", "angka"),
        Kolom("pemula_l", "Pemula laki-laki", "angka"),
        Kolom("pemula_p", "Pemula perempuan", "angka"),
        Kolom("disabilitas", "Disabilitas", "angka"),
        *[Kolom(col, f"Disabilitas {label.lower()}", "angka") for col, label in model.DISABILITAS.items()],
    ],
    f"Pemilih per {kata.desa} Kecamatan {name}",
    data,
    election,
    key="pemilih_desa",
)
layar.footer()
