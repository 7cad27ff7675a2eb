"""TPS: how many voters each TPS serves, which are over the election's capacity, where they are
(when the TPS list has coordinates), and their logistics status and kerawanan category (when
present) — of the region, one kecamatan, or one desa/kelurahan (the walk's desa level). Queries:
marts/kecamatan, marts/tps, marts/tps_sebaran, marts/desa_kesiapan, marts/versi_data (through
readiness.model.halaman_tps); the choice lists: marts/korwil_penugasan, marts/desa_daftar; the
outlines under the TPS: marts/kecamatan_batas. URL: `?pemilu=…&kecamatan=35.13.12` (or `semua`)
`&desa=35.13.12.2001` (or `semua`); in a province or the nation `&kabkota=74.06` first (or `semua`:
the region's totals, without the list)."""

import streamlit as st

from app import baca, jalan, kolom_baku, layar, tps_tampil
from readiness import charts, fmt
from readiness.export import Kolom

SEMUA = jalan.SEMUA
election = layar.election()
kata = baca.kata(election)
pilih = tps_tampil.pilihan(election)  # in a province or the nation a kab/kota first
places, kode, desa, wilayah = pilih.places, pilih.kecamatan, pilih.desa, pilih.wilayah
data = baca.page_data(
    "tps",
    election,
    kecamatan_kode=None if kode == SEMUA else kode,
    desa_kode=None if desa == SEMUA else desa,
    **({"kabkota": pilih.kabkota} if pilih.kabkota else {}),
)
kecamatan, tps, over, kapasitas = data["kecamatan"], data["tps"], data["tps_lebih"], data["kapasitas"]

st.title(f"TPS — {wilayah}")
layar.sumber_data(data)
tps_tampil.desa(data["desa_baris"])
if data["kosong"]:
    layar.empty_state(
        "Data TPS belum diunggah untuk pilihan ini. Unggah daftar TPS dari KPU (satu baris per TPS: "
        f"kecamatan, {kata.desa}, nomor TPS, jumlah pemilih; boleh dengan alamat, lintang/bujur, status "
        "logistik dan kategori rawan)."
    )

layar.kartu(data["kartu"])

st.subheader("Sebaran pemilih per TPS")
st.plotly_chart(charts.tps_sebaran(data["sebaran"]), width="stretch", config=charts.PLOT_CONFIG)
if tps_tampil.wilayah(data, kata):
    layar.footer()
    st.stop()
st.subheader(f"TPS melebihi kapasitas ({fmt.angka(len(over))})")
if over.empty:
    st.success(f"Tidak ada TPS dengan lebih dari {fmt.angka(kapasitas)} pemilih.")
else:
    layar.table(
        over,
        [
            kolom_baku.KECAMATAN,
            kolom_baku.desa(kata),
            Kolom("no_tps", "TPS"),
            kolom_baku.DPT,
            Kolom("kelebihan", "Kelebihan", "angka"),
            Kolom("alamat", "Alamat"),
        ],
        f"TPS melebihi kapasitas {wilayah}",
        data,
        election,
        key="tps_lebih",
    )

tps_tampil.lokasi(data, election, None if kode == SEMUA else kode)
tps_tampil.logistik(data)

if kode == SEMUA:
    st.subheader("Per kecamatan")
    layar.table(
        kecamatan,
        [
            kolom_baku.KECAMATAN,
            Kolom("status_tps", "Status TPS", "status"),
            kolom_baku.TPS,
            Kolom("pemilih_per_tps_maks", "Pemilih per TPS terbanyak", "angka"),
            Kolom("pemilih_per_tps_rata", "Rata-rata pemilih per TPS", "desimal", 1),
            kolom_baku.tps_lebih(kapasitas),
        ],
        "TPS per kecamatan",
        data,
        election,
        key="tps_kecamatan",
        tautan=("kecamatan", "kode_kecamatan", jalan.HALAMAN["desa"]),
    )

st.subheader(f"Daftar TPS ({fmt.angka(len(tps))})")
if desa == SEMUA:
    st.caption(tps_tampil.keterangan_daftar(kata, len(tps)))
layar.table(
    tps,
    [
        kolom_baku.KECAMATAN,
        *kolom_baku.daftar_tps(kata),
        Kolom("lat", "Lintang", "desimal", 6, opsional=True),
        Kolom("lon", "Bujur", "desimal", 6, opsional=True),
    ],
    f"Daftar TPS {wilayah}",
    data,
    election,
    key="tps_semua",
    height=420 if kode == SEMUA else "content",
    tautan=("desa", "kode_desa") if desa == SEMUA else None,
    grid=tps_tampil.KOLOM_GRID + (kata.desa_judul,),
)
layar.footer()
