"""Kecamatan: one kecamatan in full — its indicators against the thresholds, its reasons and what
to follow up, its desa and its TPS. Queries: marts/kecamatan, marts/desa_kesiapan, marts/tps,
marts/kelengkapan, marts/versi_data (through readiness.model.halaman_kecamatan); the choice list
from marts/korwil_penugasan. URL: `?pemilu=…&kecamatan=35.13.14` (a click on the map or a chart
elsewhere opens this page with it); a click on a desa opens its TPS (app/jalan.py)."""

import streamlit as st

from app import baca, jalan, kolom_baku, layar, masalah_tampil
from app.markdown import escape_md
from readiness import charts, fmt
from readiness.export import Kolom

election = layar.election()
remah, (kolom,) = jalan.atas(1)
places = jalan.tempat(election)
kode = jalan.pilih_kecamatan(places, where=kolom)
jalan.remah(election, places, "kecamatan", kode, where=remah)
data = baca.page_data("kecamatan", election, kecamatan_kode=kode)
row, kata = data["baris"], data["kata"]

st.title(f"Kecamatan {row['kecamatan']}")
if data["belum_korwil"]:
    layar.sumber_data(data)
    layar.belum_korwil(data["belum_korwil"], ringkas=True)
else:
    layar.sumber_data(
        data,
        escape_md(
            f"{row['korwil'] or 'Belum masuk korwil'} · koordinator {row['koordinator'] or 'belum ditetapkan'} · "
        ),
    )
if data.get("total_kabkota"):  # its kab/kota known by its total alone: that total, as the kab/kota's
    layar.total_kabkota(data["total_kabkota"], election)
if data["kosong"]:
    layar.empty_state(
        f"Belum ada data untuk Kecamatan {row['kecamatan']} pada pemilihan ini. Unggah rekap DPT, "
        "daftar TPS, data KTP-el dan target partisipasi yang mencakup kecamatan ini."
    )

box = {"merah": st.error, "kuning": st.warning, "hijau": st.success}[row["status"]]
box(f"**{charts.status_label(row['status'])}** — {data['alasan']}")
if row["tindak_lanjut"]:
    with st.container(border=True):
        st.markdown("**Tindak lanjut**\n" + "\n".join(f"- {item}" for item in row["tindak_lanjut"]))

layar.kartu(data["kartu"])

st.subheader("Indikator dan ambang")
layar.table(
    data["indikator"],
    [
        Kolom("indikator", "Indikator"),
        Kolom("nilai", "Nilai", lebar=True),
        Kolom("ambang", "Ambang", lebar=True),
        kolom_baku.STATUS,
    ],
    f"Indikator Kecamatan {row['kecamatan']}",
    data,
    election,
    key="indikator",
)

desa = data["desa"]
st.subheader(f"{kata.desa_awal} ({fmt.angka(len(desa))})")
st.caption(f"Klik {kata.desa} pada grafik atau tabel untuk membuka TPS-nya.")
if data["desa_ada_dpt"]:
    jalan.grafik(baca.grafik(data, "desa", lambda: charts.lp_bars(desa, label_col="desa")), election, key="desa_batang")
layar.table(
    desa,
    [
        kolom_baku.desa(kata),
        kolom_baku.STATUS,
        *kolom_baku.DPT_LP,
        kolom_baku.TPS,
        Kolom("pemilih_per_tps_maks", "Pemilih per TPS terbanyak", "angka"),
        kolom_baku.tps_lebih(row["kapasitas_tps"]),
        Kolom("dpt_rekap", "DPT rekap", "angka"),
        Kolom("dpt_daftar_tps", "DPT daftar TPS", "angka"),
        Kolom("dpt_daftar_pemilih", "DPT daftar pemilih", "angka", opsional=True),
        Kolom("ktpel_persen", "KTP-el", "persen", opsional=True),
        Kolom("alasan", "Alasan", lebar=True, opsional=True),
    ],
    f"{kata.desa_judul} di Kecamatan {row['kecamatan']}",
    data,
    election,
    key="desa",
    tautan=("desa", "kode_desa"),
)

tps = data["tps"]
st.subheader(f"TPS ({fmt.angka(len(tps))})")
if tps.empty:
    st.info("Data TPS belum diunggah untuk kecamatan ini.")
else:
    layar.table(
        tps,
        [
            *kolom_baku.daftar_tps(kata),
        ],
        f"TPS di Kecamatan {row['kecamatan']}",
        data,
        election,
        key="tps",
        height="content",
    )

masalah_tampil.kecamatan(election, kode, row["kecamatan"])

with st.expander("Sumber data kecamatan ini"):
    st.markdown("\n".join(f"- {line}" for line in data["sumber"]))
layar.footer()
