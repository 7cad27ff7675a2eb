"""Hari Pemungutan: the field reports (Lapor page) live. Per kecamatan and korwil, the TPS that have
reported each stage (x of N), the turnout so far at the TPS that reported it against the target and
the previous election, open incidents, and the TPS that have not reported the stage being chased
(to follow up by phone; the tables: app/hari_h_tampil.py). The live part re-runs by itself every minute (st.fragment run_every)
without reloading the page.

Reads: marts/tps and marts/partisipasi (main database; through readiness.model.halaman_partisipasi),
queries/lapor/terkini, lapor/hadir and lapor/kejadian (the reports database), combined by
readiness.lapor.ringkasan."""

import datetime as dt
import os

import streamlit as st

from app import baca, hari_h_tampil, layar, sesi
from readiness import fmt, lapor

# Every minute; a test server may ask for less (READINESS_SEGAR_DETIK) to see the refresh sooner.
SEGAR_DETIK = int(os.environ.get("READINESS_SEGAR_DETIK", "60"))
OTOMATIS = "otomatis"

election = layar.election()
sesi.wajib("lihat")
data = baca.page_data("partisipasi", election)
label_sebelumnya = data["label_sebelumnya"]
daftar = baca.daftar_tps(election)

st.title("Hari Pemungutan Suara")
layar.sumber_data(data)
if not len(daftar):
    layar.empty_state(
        "Daftar TPS untuk pemilihan ini belum diunggah. Unggah daftar TPS dulu di halaman Unggah Data; "
        "pemantauan hari pemungutan suara menghitung laporan per TPS dari daftar itu."
    )

pilihan = [OTOMATIS, *lapor.TAHAP]
tahap_pilih = (
    st.segmented_control(
        "Tahap yang dipantau",
        pilihan,
        default=OTOMATIS,
        key="hari_h_tahap",
        format_func=lambda t: "Otomatis (tahap terjauh)" if t == OTOMATIS else lapor.TAHAP[t],
        help="Daftar 'belum lapor' berisi TPS yang belum mengirim laporan tahap ini. Otomatis: tahap terjauh yang sudah "
        "dilaporkan sebuah TPS.",
    )
    or OTOMATIS
)


@st.fragment(run_every=SEGAR_DETIK)
def langsung() -> None:
    cur = baca.lapor_layanan().cursor()
    try:
        r = lapor.ringkasan(
            cur,
            daftar,
            data["partisipasi"],
            None if tahap_pilih == OTOMATIS else tahap_pilih,
            kabupaten=data["kabupaten"].iloc[0],
        )
    finally:
        cur.close()
    kab, kec, tahap = r["kabupaten"], r["kecamatan"], r["tahap"]
    st.caption(
        f"Diperbarui pukul {fmt.jam(dt.datetime.now(), detik=True)} · otomatis setiap menit · "
        f"{fmt.angka(r['laporan'])} laporan tahap berlaku · tahap dipantau: {lapor.TAHAP[tahap]}"
    )
    if r["laporan"] == 0 and r["kejadian"].empty:
        st.info(
            "Belum ada laporan dari TPS. Pelapor mengirim laporan dari halaman Lapor (di ponsel); halaman ini "
            "memperbaruinya sendiri setiap menit."
        )

    tahap_kartu, angka_kartu = hari_h_tampil.kartu(kab, kec, label_sebelumnya)
    layar.kartu(tahap_kartu)
    layar.kartu(angka_kartu)

    st.subheader("Rincian kecamatan")
    kode = layar.kecamatan_choice(kec, "Kecamatan")
    row = kec[kec["kode_kecamatan"] == kode].iloc[0]
    with st.container(key="hari_h_rincian"):
        layar.kartu(hari_h_tampil.kartu_kecamatan(row, label_sebelumnya))

    hari_h_tampil.tabel(r, tahap, data, election)


langsung()
layar.footer()
