"""Partisipasi: the participation target against the previous election's turnout per kecamatan,
the gap ranked, and after election day the realised turnout against the target. Queries:
marts/partisipasi, marts/kabupaten, marts/versi_data (through readiness.model.halaman_partisipasi)."""

import datetime as dt

import streamlit as st

from app import baca, jalan, kolom_baku, layar
from readiness import charts, fmt
from readiness.export import Kolom

election = layar.election()
data = baca.page_data("partisipasi", election)
part, label, tanggal = data["partisipasi"], data["label_sebelumnya"], data["tanggal_pemilihan"]

st.title("Partisipasi Pemilih")
layar.sumber_data(data)
if data["kosong"]:
    layar.empty_state(
        f"Belum ada data partisipasi untuk pemilihan ini (target bawaan "
        f"{fmt.persen(data['target_bawaan'], 1)}). Unggah berkas target partisipasi per "
        "kecamatan dengan partisipasi pemilihan sebelumnya."
    )

layar.kartu(data["kartu"])

st.subheader(f"Target dibanding {label.lower()}")
jalan.grafik(baca.grafik(data, "selisih", lambda: charts.partisipasi_gap(part, label)), election, key="partisipasi_gap")
layar.table(
    data["peringkat"],
    [
        kolom_baku.KECAMATAN,
        Kolom("korwil", "Korwil"),
        Kolom("target_partisipasi", "Target", "persen", fmt.PARTISIPASI_DESIMAL),
        Kolom("partisipasi_sebelumnya", label, "persen", fmt.PARTISIPASI_DESIMAL),
        Kolom("selisih_partisipasi", "Selisih (poin)", "desimal", 1),
        Kolom("status_partisipasi", "Status", "status"),
        Kolom("sumber", "Sumber target"),
        kolom_baku.DPT,
    ],
    "Target dan partisipasi sebelumnya per kecamatan",
    data,
    election,
    key="partisipasi",
)

st.subheader("Partisipasi terealisasi")
# Compared with today here, not in the cached page data: the data stay the same when the day passes.
if dt.date.today() <= tanggal:
    st.info(f"Partisipasi terealisasi tampil setelah hari pemungutan suara ({fmt.tanggal(tanggal)}).")
elif not data["ada_realisasi"]:
    st.info(
        f"Hari pemungutan suara sudah lewat ({fmt.tanggal(tanggal)}). Unggah berkas target partisipasi dengan "
        "kolom PENGGUNA HAK PILIH per kecamatan untuk membandingkan partisipasi terealisasi dengan target."
    )
else:
    layar.kartu(data["kartu_realisasi"])
    st.plotly_chart(charts.realisasi_bars(data["realisasi"]), width="stretch", config=charts.PLOT_CONFIG)
    layar.table(
        data["realisasi_urut"],
        [
            kolom_baku.KECAMATAN,
            kolom_baku.DPT,
            Kolom("pengguna_hak_pilih", "Pengguna hak pilih", "angka"),
            Kolom("partisipasi_realisasi", "Terealisasi", "persen", fmt.PARTISIPASI_DESIMAL),
            Kolom("target_partisipasi", "Target", "persen", fmt.PARTISIPASI_DESIMAL),
            Kolom("selisih_realisasi", "Selisih dari target (poin)", "desimal", 2),
        ],
        "Partisipasi terealisasi per kecamatan",
        data,
        election,
        key="realisasi",
    )
layar.footer()
