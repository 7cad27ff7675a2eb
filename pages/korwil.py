"""Korwil: the regions side by side (the places in none as «Tanpa korwil»), then one koordinator's
own kecamatan — statuses, reasons and what to follow up; in a province a korwil groups kab/kota,
listed instead of its kecamatan (app/korwil_tampil.py). Queries: marts/korwil, marts/kecamatan, marts/versi_data
(through readiness.model.halaman_korwil); the map: marts/kecamatan_batas. URL: `?pemilu=…&korwil=Wilayah I`;
a click on a kecamatan (map or table) opens it (app/jalan.py)."""

import streamlit as st

from app import baca, jalan, kolom_baku, korwil_tampil, layar, masalah_tampil
from app.markdown import escape_md
from readiness import charts, teks
from readiness.export import Kolom

election = layar.election()
data = baca.page_data("korwil", election)
assigned, kecamatan, pilihan = data["korwil"], data["kecamatan"], data["pilihan_korwil"]
remah, (kolom,) = jalan.atas(1)
places = jalan.tempat(election)
chosen = jalan.pilih_korwil(places, pilihan, where=kolom) if pilihan and not data["belum_korwil"] else None
jalan.remah(election, places, "korwil", chosen, where=remah)

st.title("Kesiapan per Koordinator Wilayah (Korwil)")
layar.sumber_data(data)

if data["belum_korwil"]:
    layar.belum_korwil(data["belum_korwil"])
    layar.footer()
    st.stop()
if data["kosong"]:
    st.info(
        "Belum ada data untuk pemilihan ini, jadi status korwil belum dapat dihitung. Unggah rekap DPT, "
        "daftar TPS, data KTP-el dan target partisipasi. Pembagian kecamatan per korwil:"
    )
    layar.table(
        kecamatan,
        [Kolom("korwil", "Korwil"), Kolom("koordinator", "Koordinator"), Kolom("kecamatan", "Kecamatan")],
        "Pembagian korwil",
        data,
        election,
        key="pembagian",
    )
    layar.footer()
    st.stop()

st.subheader("Perbandingan wilayah")
korwil_tampil.bandingan(data)
st.plotly_chart(
    baca.grafik(data, "bandingan", lambda: charts.korwil_bandingan(assigned)),
    width="stretch",
    config=charts.PLOT_CONFIG,
)

st.divider()
mine = data["per_korwil"][chosen]
own, todo = mine["kecamatan"], mine["tindak_lanjut"]
st.header(escape_md(chosen))
st.caption(korwil_tampil.keterangan(mine))

left, right = st.columns([3, 2])
with left:
    peta = baca.peta(election)
    if peta:
        jalan.grafik(
            baca.grafik(
                data,
                "peta",
                lambda: charts.peta_status(
                    kecamatan, peta, set(own["kode_kecamatan"]), 440, True, 600, kabkota=baca.peta(election, "kabkota")
                ),
                chosen,
            ),
            election,
            key="peta_korwil",
        )
    else:
        st.info(teks.PETA_TANPA_BATAS)
with right:
    st.markdown("#### Yang perlu ditindaklanjuti")
    # Not ready, or ready but with open problems to follow up (readiness.model.halaman_korwil).
    if todo.empty:
        st.success("Semua kecamatan di wilayah ini siap dan tidak ada masalah terbuka.")
    for row in todo.itertuples():
        lines = "\n".join(f"- {escape_md(item)}" for item in row.tindak_lanjut)
        st.markdown(f"**{escape_md(row.kecamatan)}** · {charts.status_label(row.status)}\n{lines}")

if "kabkota" in mine:  # a province: the korwil's kab/kota instead of its kecamatan
    korwil_tampil.kabkota(mine, chosen, data, election)
else:
    st.subheader(f"Kecamatan di {escape_md(chosen)}")
    layar.table(
        own,
        [
            kolom_baku.KECAMATAN,
            kolom_baku.STATUS,
            Kolom("status_tps", "TPS", "status"),
            Kolom("status_ktpel", "KTP-el", "status"),
            Kolom("status_partisipasi", "Partisipasi", "status"),
            Kolom("status_kelengkapan", "Kelengkapan", "status"),
            Kolom("status_konsistensi", "Konsistensi DPT", "status"),
            kolom_baku.DPT,
            Kolom("ktpel_persen", "KTP-el (%)", "persen"),
            kolom_baku.ALASAN,
            Kolom("tindak_lanjut", "Tindak lanjut", "daftar", lebar=True),
        ],
        f"Kesiapan kecamatan {chosen}",
        data,
        election,
        key="korwil_kecamatan",
        tautan=("kecamatan", "kode_kecamatan"),
    )
masalah_tampil.korwil(election, chosen)
layar.footer()
