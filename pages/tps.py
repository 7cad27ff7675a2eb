"""TPS: how many voters each TPS serves, which are over the election's capacity, where they are
(when the TPS list has coordinates), and their logistics status and kerawanan category (when
present). Queries: marts/kecamatan, marts/tps, marts/tps_sebaran, marts/versi_data (through
readiness.model.halaman_tps); the outlines under the TPS: marts/kecamatan_batas.
URL: `?pemilu=…&kecamatan=35.13.12` (or `semua`)."""

import streamlit as st

from app import baca, layar
from readiness import charts, fmt, teks
from readiness.export import Kolom

SEMUA = "semua"
election = layar.election()
choices = baca.query("marts/korwil_penugasan", election=election)
names = dict(zip(choices["kode_kecamatan"], choices["kecamatan"]))
kode = layar.url_choice(
    "kecamatan",
    [SEMUA, *names],
    "Kecamatan",
    where=st.sidebar,
    format_func=lambda k: "Semua kecamatan" if k == SEMUA else names[k],
    default=SEMUA,
)
data = baca.page_data("tps", election, kecamatan_kode=None if kode == SEMUA else kode)
kecamatan, tps, over, kapasitas = data["kecamatan"], data["tps"], data["tps_lebih"], data["kapasitas"]
kata = data["kata"]
wilayah = kata.nama if kode == SEMUA else f"Kecamatan {names[kode]}"

st.title(f"TPS — {wilayah}")
st.caption(layar.caption_from(data))
if data["kosong"]:
    layar.empty_state(
        "Data TPS belum diunggah untuk pilihan ini. Unggah daftar TPS dari KPU (satu baris per TPS: "
        f"kecamatan, {kata.desa}, nomor TPS, jumlah pemilih; boleh dengan alamat, lintang/bujur, status "
        "logistik dan kategori rawan)."
    )

layar.kartu(data["kartu"])

with st.container():
    st.subheader("Sebaran pemilih per TPS")
    st.plotly_chart(charts.tps_sebaran(data["sebaran"]), width="stretch", config=charts.PLOT_CONFIG)
with st.container():
    st.subheader(f"TPS melebihi kapasitas ({fmt.angka(len(over))})")
    if over.empty:
        st.success(f"Tidak ada TPS dengan lebih dari {fmt.angka(kapasitas)} pemilih.")
    else:
        layar.table(
            over,
            [
                Kolom("kecamatan", "Kecamatan"),
                Kolom("desa", kata.desa_judul),
                Kolom("no_tps", "TPS"),
                Kolom("dpt", "DPT", "angka"),
                Kolom("kelebihan", "Kelebihan", "angka"),
                Kolom("alamat", "Alamat"),
            ],
            f"TPS melebihi kapasitas {wilayah}",
            data,
            election,
            key="tps_lebih",
        )

st.subheader("Lokasi TPS")
if not data["berkoordinat"]:
    st.info("Daftar TPS belum memuat koordinat (kolom lintang/bujur), jadi peta TPS belum dapat ditampilkan.")
else:
    st.plotly_chart(
        charts.tps_peta(tps, baca.peta(), None if kode == SEMUA else kode), width="stretch", config=charts.PLOT_CONFIG
    )
    st.caption(f"{fmt.angka(data['berkoordinat'])} dari {fmt.angka(len(tps))} TPS memiliki koordinat.")

st.subheader("Logistik dan kerawanan")
l1, l2 = st.columns(2)
for col, field, empty in (
    (l1, "status_logistik", "Status logistik belum ada di daftar TPS."),
    (l2, "kategori_rawan", "Kategori kerawanan TPS belum ada di daftar TPS."),
):
    with col:
        counts = data["logistik"][field]
        if counts.empty:
            st.info(empty)
        else:
            st.plotly_chart(
                charts.kategori_bars(list(counts.index), list(counts.values), f"{teks.KOLOM[field]} (jumlah TPS)"),
                width="stretch",
                config=charts.PLOT_CONFIG,
            )
            st.caption(f"{fmt.angka(counts.sum())} dari {fmt.angka(len(tps))} TPS terisi")

if kode == SEMUA:
    st.subheader("Per kecamatan")
    layar.table(
        kecamatan,
        [
            Kolom("kecamatan", "Kecamatan"),
            Kolom("status_tps", "Status TPS", "status"),
            Kolom("tps", "TPS", "angka"),
            Kolom("pemilih_per_tps_maks", "Pemilih per TPS terbanyak", "angka"),
            Kolom("pemilih_per_tps_rata", "Rata-rata pemilih per TPS", "desimal", 1),
            Kolom("tps_melebihi_kapasitas", f"TPS > {fmt.angka(kapasitas)}", "angka"),
        ],
        "TPS per kecamatan",
        data,
        election,
        key="tps_kecamatan",
    )

st.subheader(f"Daftar TPS ({fmt.angka(len(tps))})")
layar.table(
    tps,
    [
        Kolom("kecamatan", "Kecamatan"),
        Kolom("desa", kata.desa_judul),
        Kolom("no_tps", "TPS"),
        Kolom("dpt", "DPT", "angka"),
        Kolom("dpt_l", "Laki-laki", "angka"),
        Kolom("dpt_p", "Perempuan", "angka"),
        Kolom("keterangan", "Keterangan", opsional=True),
        *[Kolom(c, teks.KOLOM[c], opsional=True) for c in ("alamat", "status_logistik", "kategori_rawan")],
        Kolom("lat", "Lintang", "desimal", 6, opsional=True),
        Kolom("lon", "Bujur", "desimal", 6, opsional=True),
    ],
    f"Daftar TPS {wilayah}",
    data,
    election,
    key="tps_semua",
    height=420,
)
layar.footer()
