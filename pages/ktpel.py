"""KTP-el: recording coverage per kecamatan against the thresholds, the not-yet-recorded counts
ranked, and progress over time when several dated KTP-el uploads exist. Queries:
marts/kecamatan, marts/kabupaten, marts/ktpel_tren, marts/versi_data (through
readiness.model.halaman_ktpel)."""

import streamlit as st

from app import baca, jalan, kolom_baku, layar
from readiness import charts
from readiness.export import Kolom

election = layar.election()
data = baca.page_data("ktpel", election)
kec, tren_kab, (hijau, kuning) = data["ktpel_kecamatan"], data["tren_kabupaten"], data["ambang"]

st.title("Perekaman KTP-el")
layar.sumber_data(data)
if data["kosong"]:
    layar.empty_state(
        "Data perekaman KTP-el belum diunggah untuk pemilihan ini. Unggah rekap perekaman dari "
        f"Dispendukcapil (per kecamatan atau per {data['kata'].desa}: wajib KTP-el, sudah rekam, tanggal data)."
    )

layar.kartu(data["kartu"])

with st.container():
    st.subheader("Cakupan per kecamatan")
    jalan.grafik(
        baca.grafik(data, "cakupan", lambda: charts.ktpel_bars(kec, hijau, kuning)), election, key="ktpel_batang"
    )
with st.container():
    st.subheader("Belum rekam, terbanyak dulu")
    layar.table(
        data["peringkat"],
        [
            Kolom("peringkat", "No", "angka"),
            kolom_baku.KECAMATAN,
            Kolom("ktpel_belum", "Belum rekam", "angka"),
            Kolom("ktpel_persen", "Cakupan", "persen"),
            Kolom("status_ktpel", "Status", "status"),
            Kolom("ktpel_wajib", "Wajib KTP-el", "angka"),
            Kolom("ktpel_rekam", "Sudah rekam", "angka"),
            Kolom("ktpel_tanggal", "Tanggal data", "tanggal"),
        ],
        "KTP-el belum rekam per kecamatan",
        data,
        election,
        key="ktpel_peringkat",
    )

st.subheader("Perkembangan dari waktu ke waktu")
if data["tren_lebar"] is None:
    st.info(
        f"Grafik perkembangan tampil bila ada lebih dari satu unggahan KTP-el dengan tanggal data berbeda "
        f"(saat ini: {data['tren_tanggal']})."
    )
else:
    st.plotly_chart(
        charts.ktpel_tren(tren_kab, hijau, kuning, data["kata"].wilayah), width="stretch", config=charts.PLOT_CONFIG
    )
    if data["tren_sebagian"]:
        st.caption(data["tren_sebagian"])
    layar.table(
        data["tren_lebar"],
        [Kolom("kecamatan", "Kecamatan")] + [Kolom(col, judul, "persen") for col, judul in data["tren_kolom"]],
        "Perkembangan perekaman KTP-el per kecamatan",
        data,
        election,
        key="ktpel_tren",
    )
layar.footer()
