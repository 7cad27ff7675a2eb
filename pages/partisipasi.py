"""Partisipasi: the participation target against the previous election's turnout per kecamatan,
the gap ranked, and after election day the realised turnout against the target. Queries:
marts/partisipasi, marts/kabupaten, marts/versi_data (through readiness.model.halaman_partisipasi)."""
import datetime as dt

import streamlit as st

from app import baca, layar
from readiness import charts, fmt
from readiness.export import Kolom

SUMBER_TARGET = {"pengaturan kecamatan": "Pengaturan (khusus kecamatan)", "kecamatan": "Berkas target (kecamatan)",
                 "kabupaten": "Berkas target (kabupaten)", "pengaturan": "Pengaturan (bawaan kabupaten)"}

election = layar.election()
data = baca.page_data("partisipasi", election)
part, kab, label = data["partisipasi"], data["kabupaten"].iloc[0], data["label_sebelumnya"]

st.title("Partisipasi Pemilih")
st.caption(layar.caption_from(data))
if part["partisipasi_sebelumnya"].isna().all() and part["pengguna_hak_pilih"].isna().all():
    layar.empty_state(f"Belum ada data partisipasi untuk pemilihan ini (target bawaan "
                       f"{fmt.persen(part['target_partisipasi'].iloc[0], 1)}). Unggah berkas target partisipasi per "
                       "kecamatan dengan partisipasi pemilihan sebelumnya.")

hijau, kuning = float(part["t_partisipasi_hijau"].iloc[0]), float(part["t_partisipasi_kuning"].iloc[0])
counts = part["status_partisipasi"].value_counts()
c1, c2, c3, c4 = st.columns(4)
c1.metric("Target kabupaten", fmt.persen(kab["target_partisipasi"], 1))
c1.caption("target partisipasi pemilihan ini")
c2.metric(label, fmt.persen(kab["partisipasi_sebelumnya"], 1))
c2.caption("rata-rata kecamatan berbobot DPT")
c3.metric(f"Selisih > {fmt.ringkas(kuning)} poin", fmt.angka(counts.get("merah", 0)))
c3.caption(f"kecamatan · {charts.status_label('merah')}")
c4.metric(f"Selisih {fmt.ringkas(hijau)}–{fmt.ringkas(kuning)} poin", fmt.angka(counts.get("kuning", 0)))
c4.caption(f"kecamatan · {charts.status_label('kuning')}")

st.subheader(f"Target dibanding {label.lower()}")
event = st.plotly_chart(charts.partisipasi_gap(part, label), width="stretch", config=charts.PLOT_CONFIG,
                        on_select="rerun", selection_mode="points", key="partisipasi_gap")
layar.open_kecamatan(event, election)
ranked = part.sort_values("selisih_partisipasi", ascending=False, na_position="last").reset_index(drop=True)
ranked["sumber"] = ranked["target_sumber"].map(SUMBER_TARGET)
layar.table(ranked, [
    Kolom("kecamatan", "Kecamatan"), Kolom("korwil", "Korwil"),
    Kolom("target_partisipasi", "Target", "persen", 1), Kolom("partisipasi_sebelumnya", label, "persen", 1),
    Kolom("selisih_partisipasi", "Selisih (poin)", "desimal", 1), Kolom("status_partisipasi", "Status", "status"),
    Kolom("sumber", "Sumber target"), Kolom("dpt", "DPT", "angka"),
], "Target dan partisipasi sebelumnya per kecamatan", data, election, key="partisipasi")

st.subheader("Partisipasi terealisasi")
tanggal = kab["tanggal_pemilihan"].date()
if dt.date.today() <= tanggal:
    st.info(f"Partisipasi terealisasi tampil setelah hari pemungutan suara ({fmt.tanggal(tanggal)}).")
elif part["pengguna_hak_pilih"].isna().all():
    st.info(f"Hari pemungutan suara sudah lewat ({fmt.tanggal(tanggal)}). Unggah berkas target partisipasi dengan "
            "kolom PENGGUNA HAK PILIH per kecamatan untuk membandingkan partisipasi terealisasi dengan target.")
else:
    done = part.dropna(subset=["partisipasi_realisasi"])
    total = done["pengguna_hak_pilih"].sum()
    r1, r2, r3 = st.columns(3)
    r1.metric("Pengguna hak pilih", fmt.angka(total))
    r1.caption(f"{len(done)} dari {len(part)} kecamatan")
    r2.metric("Partisipasi terealisasi", fmt.persen(100 * total / done["dpt"].sum()))
    r3.metric("Kecamatan di bawah target", fmt.angka(int((done["selisih_realisasi"] < 0).sum())))
    st.plotly_chart(charts.realisasi_bars(done), width="stretch", config=charts.PLOT_CONFIG)
    layar.table(done.sort_values("selisih_realisasi"), [
        Kolom("kecamatan", "Kecamatan"), Kolom("dpt", "DPT", "angka"),
        Kolom("pengguna_hak_pilih", "Pengguna hak pilih", "angka"),
        Kolom("partisipasi_realisasi", "Terealisasi", "persen"), Kolom("target_partisipasi", "Target", "persen", 1),
        Kolom("selisih_realisasi", "Selisih dari target (poin)", "desimal", 2),
    ], "Partisipasi terealisasi per kecamatan", data, election, key="realisasi")
layar.footer()
