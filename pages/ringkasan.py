"""Ringkasan: the one screen leadership opens. Queries: marts/kabupaten, marts/kecamatan,
marts/korwil (through readiness.model)."""
import pandas as pd
import streamlit as st

from pages import common
from readiness import charts, fmt, teks

election = common.election()
kab = common.level("kabupaten", election).iloc[0]
kecamatan = common.level("kecamatan", election)
korwil = common.level("korwil", election)

st.title("Ringkasan Kesiapan Pilkada")
st.caption(common.data_caption(election))

if kecamatan["jumlah_jenis_data"].sum() == 0:
    st.info(teks.BELUM_ADA_DATA)
    common.footer()
    st.stop()

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

st.subheader("Status per kecamatan")
st.plotly_chart(charts.status_bars(kecamatan), use_container_width=True, config={"displaylogo": False})

table = kecamatan.assign(
    Status=kecamatan["status"].map(charts.status_label),
    DPT=kecamatan["dpt"].map(fmt.angka),
    TPS=kecamatan["tps"].map(fmt.angka),
    KTPel=kecamatan["ktpel_persen"].map(fmt.persen),
    Target=kecamatan["target_partisipasi"].map(lambda v: fmt.persen(v, 1)),
)
table = table.rename(columns={"kecamatan": "Kecamatan", "korwil": "Korwil", "KTPel": "KTP-el",
                              "Target": "Target partisipasi", "alasan": "Alasan"})
st.dataframe(table[["Kecamatan", "Korwil", "Status", "DPT", "TPS", "KTP-el", "Target partisipasi", "Alasan"]],
             hide_index=True, use_container_width=True)

st.subheader("Ringkasan per koordinator wilayah (korwil)")
kw = korwil.assign(
    Status=korwil["status"].map(charts.status_label),
    DPT=korwil["dpt"].map(fmt.angka),
    TPS=korwil["tps"].map(fmt.angka),
    KTPel=korwil["ktpel_persen"].map(fmt.persen),
    Rincian=[f"{r.jumlah_merah} belum siap · {r.jumlah_kuning} perlu perhatian · {r.jumlah_hijau} siap"
             for r in korwil.itertuples()],
)
kw = kw.rename(columns={"korwil": "Korwil", "koordinator": "Koordinator", "KTPel": "KTP-el",
                        "kecamatan": "Kecamatan"})
st.dataframe(kw[["Korwil", "Koordinator", "Status", "Rincian", "DPT", "TPS", "KTP-el", "Kecamatan"]],
             hide_index=True, use_container_width=True)
common.footer()
