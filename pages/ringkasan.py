"""Ringkasan: the one screen leadership opens. Queries: marts/kabupaten, marts/kecamatan,
marts/korwil, marts/kelengkapan, marts/versi_data (through readiness.model.halaman_ringkasan)."""
import pandas as pd
import streamlit as st

from app import baca, layar, masalah_tampil
from readiness import charts, fmt
from readiness.export import Kolom

election = layar.election()
data = baca.page_data("ringkasan", election)
kab, kecamatan, korwil = data["kabupaten"].iloc[0], data["kecamatan"], data["korwil"]

st.title("Ringkasan Kesiapan Pilkada")
st.caption(layar.caption_from(data))

if kecamatan["jumlah_jenis_data"].sum() == 0:
    layar.empty_state()

c1, c2, c3, c4 = st.columns(4)
c1.metric("DPT (jumlah pemilih)", fmt.angka(kab["dpt"]))
c1.caption(f"Laki-laki {fmt.angka(kab['dpt_l'])} · Perempuan {fmt.angka(kab['dpt_p'])}")
c2.metric("TPS", fmt.angka(kab["tps"]))
over = kab["tps_melebihi_kapasitas"]
if pd.isna(over):
    c2.caption("Data TPS belum lengkap")
elif over:
    c2.caption(f"{fmt.angka(over)} TPS melebihi {fmt.angka(kab['kapasitas_tps'])} pemilih")
else:
    c2.caption("Tidak ada TPS melebihi kapasitas")
c3.metric("Perekaman KTP-el", fmt.persen(kab["ktpel_persen"]))
c3.caption(f"{fmt.angka(kab['ktpel_rekam'])} dari {fmt.angka(kab['ktpel_wajib'])} wajib KTP-el")
c4.metric("Target partisipasi", fmt.persen(kab["target_partisipasi"], 1))
c4.caption(f"Partisipasi pemilihan sebelumnya {fmt.persen(kab['partisipasi_sebelumnya'], 1)}")

s1, s2, s3 = st.columns(3)
for col, status in zip((s1, s2, s3), ("merah", "kuning", "hijau")):
    col.metric(f"{charts.status_label(status)} (kecamatan)", fmt.angka(kab[f"jumlah_{status}"]))

st.subheader("Peta status kecamatan")
event = st.plotly_chart(charts.peta_status(kecamatan), width="stretch", config=charts.PLOT_CONFIG,
                        on_select="rerun", selection_mode="points", key="peta_ringkasan")
layar.open_kecamatan(event, election)
st.caption("Klik nama kecamatan pada peta atau batang grafik untuk membuka rinciannya.")

st.subheader("Status per kecamatan")
event = st.plotly_chart(charts.status_bars(kecamatan), width="stretch", config=charts.PLOT_CONFIG,
                        on_select="rerun", selection_mode="points", key="batang_ringkasan")
layar.open_kecamatan(event, election)
layar.table(kecamatan, [
    Kolom("kecamatan", "Kecamatan"), Kolom("korwil", "Korwil"), Kolom("status", "Status", "status"),
    Kolom("dpt", "DPT", "angka"), Kolom("tps", "TPS", "angka"), Kolom("ktpel_persen", "KTP-el", "persen"),
    Kolom("target_partisipasi", "Target partisipasi", "persen", 1), Kolom("alasan", "Alasan", lebar=True),
], "Status kesiapan per kecamatan", data, election, key="kecamatan")

st.subheader("Ringkasan per koordinator wilayah (korwil)")
korwil = korwil.assign(rincian=[f"{r.jumlah_merah} belum siap · {r.jumlah_kuning} perlu perhatian · "
                                f"{r.jumlah_hijau} siap" for r in korwil.itertuples()])
layar.table(korwil, [
    Kolom("korwil", "Korwil"), Kolom("koordinator", "Koordinator"), Kolom("status", "Status", "status"),
    Kolom("rincian", "Rincian"), Kolom("dpt", "DPT", "angka"), Kolom("tps", "TPS", "angka"),
    Kolom("ktpel_persen", "KTP-el", "persen"), Kolom("kecamatan", "Kecamatan"),
], "Kesiapan per korwil", data, election, key="korwil")
st.page_link("pages/korwil.py", label="Buka halaman Korwil", icon=":material/groups:")

masalah_tampil.ringkasan(election)  # open problems of the inventory (marts/masalah_daftar)

with st.expander("Kelengkapan data per kecamatan (unggahan aktif)"):
    layar.table(data["kelengkapan"], [
        Kolom("kecamatan", "Kecamatan"), Kolom("status_kelengkapan", "Kelengkapan", "status"),
        Kolom("jumlah_jenis_data", "Jenis data ada (dari 4)", "angka"),
        Kolom("unggahan_pemilih", "Rekap pemilih (unggahan #)", "angka"),
        Kolom("unggahan_tps", "Daftar TPS (unggahan #)", "angka"),
        Kolom("unggahan_ktpel", "KTP-el (unggahan #)", "angka"),
        Kolom("unggahan_target", "Target (unggahan #)", "angka"),
        Kolom("unggahan_daftar", "Daftar pemilih per orang (unggahan #)", "angka"),
    ], "Kelengkapan data per kecamatan", data, election, key="kelengkapan")
layar.footer()
