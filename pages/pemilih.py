"""Pemilih: DPT per kecamatan and desa with L/P, and — where a per-voter list is uploaded —
pemilih pemula (17–21 years on election day) and disabilitas by category. Queries:
marts/kecamatan, marts/pemilih_desa, marts/versi_data (through readiness.model.halaman_pemilih).
Choice list from marts/korwil_penugasan. URL: `?pemilu=…&kecamatan=35.13.14` for the desa table."""
import pandas as pd
import streamlit as st

from app import baca, layar
from readiness import charts, fmt, model
from readiness.export import Kolom

election = layar.election()
choices = baca.query("marts/korwil_penugasan", election=election)
kode = layar.kecamatan_choice(choices, label="Kecamatan (tabel desa)", where=st.sidebar)
data = baca.page_data("pemilih", election, kecamatan_kode=kode)
kecamatan, desa, segmen = data["kecamatan"], data["desa"], data["segmen_kecamatan"]

st.title("Data Pemilih")
st.caption(layar.caption_from(data))
if kecamatan["dpt"].isna().all():
    layar.empty_state("Belum ada data pemilih untuk pemilihan ini. Unggah rekap DPT per desa (dari KPU) "
                       "atau daftar pemilih per orang.")

kec = kecamatan.merge(segmen.drop(columns=["kecamatan"]), on="kode_kecamatan", how="left")
with_list = kec[kec["daftar_dpt"].notna()]
total = kec["dpt"].sum(min_count=1)
c1, c2, c3, c4 = st.columns(4)
c1.metric("DPT", fmt.angka(total if kec["dpt"].notna().all() else None))
c1.caption(f"{kec['dpt'].notna().sum()} dari {len(kec)} kecamatan ada data pemilih")
c2.metric("Laki-laki", fmt.angka(kec["dpt_l"].sum(min_count=1)))
c2.caption(f"{fmt.persen(100 * kec['dpt_l'].sum() / total, 1) if total else '–'} dari DPT")
c3.metric("Perempuan", fmt.angka(kec["dpt_p"].sum(min_count=1)))
c3.caption(f"{fmt.persen(100 * kec['dpt_p'].sum() / total, 1) if total else '–'} dari DPT")
if with_list.empty:
    c4.metric("Pemilih pemula", fmt.MISSING)
    c4.caption("Perlu daftar pemilih per orang")
else:
    c4.metric("Pemilih pemula", fmt.angka(with_list["pemula"].sum()))
    c4.caption(f"17–21 tahun pada hari pemungutan suara, dari daftar pemilih per orang {len(with_list)} "
               f"kecamatan ({fmt.angka(with_list['daftar_dpt'].sum())} pemilih)")

st.subheader("DPT per kecamatan (laki-laki/perempuan)")
st.plotly_chart(charts.lp_bars(kec), width="stretch", config=charts.PLOT_CONFIG)
layar.table(kec, [
    Kolom("kecamatan", "Kecamatan"), Kolom("korwil", "Korwil"), Kolom("dpt", "DPT", "angka"),
    Kolom("dpt_l", "Laki-laki", "angka"), Kolom("dpt_p", "Perempuan", "angka"), Kolom("tps", "TPS", "angka"),
    Kolom("dpt_sumber", "Sumber DPT"), Kolom("daftar_dpt", "Pemilih di daftar per orang", "angka"),
    Kolom("pemula", "Pemilih pemula", "angka"), Kolom("disabilitas", "Disabilitas", "angka"),
    *[Kolom(col, f"Disabilitas {label.lower()}", "angka") for col, label in model.DISABILITAS.items()],
    Kolom("ktpel_belum_rekam", "Belum rekam KTP-el (daftar)", "angka"),
], "DPT per kecamatan", data, election, key="pemilih_kecamatan",
    caption="Pemilih pemula, disabilitas dan KTP-el per orang hanya ada untuk kecamatan yang daftar pemilih "
            "per orangnya sudah diunggah; kosong berarti belum ada datanya, bukan nol.")

if not with_list.empty:
    st.subheader("Kelompok pemilih dari daftar pemilih per orang")
    left, right = st.columns(2)
    with left:
        st.plotly_chart(charts.kategori_bars(
            ["Semua pemula", "Laki-laki", "Perempuan"],
            [with_list["pemula"].sum(), with_list["pemula_l"].sum(), with_list["pemula_p"].sum()],
            "Pemilih pemula (17–21 tahun)"), width="stretch", config=charts.PLOT_CONFIG)
    with right:
        st.plotly_chart(charts.kategori_bars(
            list(model.DISABILITAS.values()), [with_list[c].sum() for c in model.DISABILITAS],
            "Pemilih disabilitas per kategori", colour="#6a3d9a"), width="stretch", config=charts.PLOT_CONFIG)

st.divider()
name = kecamatan.set_index("kode_kecamatan").loc[kode, "kecamatan"]
st.subheader(f"Per desa/kelurahan: Kecamatan {name}")
st.caption("Ganti kecamatan di panel samping.")
rows = data["desa_kecamatan"]
if pd.isna(rows["daftar_dpt"]).all():
    st.caption(f"Daftar pemilih per orang Kecamatan {name} belum diunggah: pemilih pemula dan disabilitas belum ada.")
layar.table(rows, [
    Kolom("desa", "Desa/Kelurahan"), Kolom("dpt", "DPT", "angka"), Kolom("dpt_l", "Laki-laki", "angka"),
    Kolom("dpt_p", "Perempuan", "angka"), Kolom("tps", "TPS", "angka"),
    Kolom("pemula", "Pemilih pemula", "angka"), Kolom("pemula_l", "Pemula laki-laki", "angka"),
    Kolom("pemula_p", "Pemula perempuan", "angka"), Kolom("disabilitas", "Disabilitas", "angka"),
    *[Kolom(col, f"Disabilitas {label.lower()}", "angka") for col, label in model.DISABILITAS.items()],
], f"Pemilih per desa Kecamatan {name}", data, election, key="pemilih_desa")
layar.footer()
