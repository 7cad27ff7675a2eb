"""Kecamatan: one kecamatan in full — its indicators against the thresholds, its reasons and what
to follow up, its desa and its TPS. Queries: marts/kecamatan, marts/desa_kesiapan, marts/tps,
marts/kelengkapan, marts/versi_data (through readiness.model.halaman_kecamatan); the choice list
from marts/korwil_penugasan. URL: `?pemilu=…&kecamatan=35.13.14` (a click on the map or a chart
elsewhere opens this page with it)."""
import pandas as pd
import streamlit as st

from app import baca, layar, masalah_tampil
from app.markdown import escape_md
from readiness import charts, fmt, model, teks
from readiness.export import Kolom

election = layar.election()
choices = baca.query("marts/korwil_penugasan", election=election)
kode = layar.kecamatan_choice(choices, where=st.sidebar)
data = baca.page_data("kecamatan", election, kecamatan_kode=kode)
row = data["kecamatan"].set_index("kode_kecamatan").loc[kode]

st.title(f"Kecamatan {row['kecamatan']}")
st.caption(escape_md(f"{row['korwil'] or 'Belum masuk korwil'} · koordinator "
                            f"{row['koordinator'] or 'belum ditetapkan'} · ") + layar.caption_from(data))
if row["jumlah_jenis_data"] == 0:
    layar.empty_state(f"Belum ada data untuk Kecamatan {row['kecamatan']} pada pemilihan ini. Unggah rekap DPT, "
                       "daftar TPS, data KTP-el dan target partisipasi yang mencakup kecamatan ini.")

box = {"merah": st.error, "kuning": st.warning, "hijau": st.success}[row["status"]]
reasons = row["alasan"] or "Semua indikator hijau"
box(f"**{charts.status_label(row['status'])}** — {reasons}")
if row["tindak_lanjut"]:
    with st.container(border=True):
        st.markdown("**Tindak lanjut**\n" + "\n".join(f"- {item}" for item in row["tindak_lanjut"]))

c1, c2, c3, c4 = st.columns(4)
c1.metric("DPT", fmt.angka(row["dpt"]))
c1.caption(f"Laki-laki {fmt.angka(row['dpt_l'])} · Perempuan {fmt.angka(row['dpt_p'])} · sumber: {escape_md(row['dpt_sumber'] or '–')}")
c2.metric("TPS", fmt.angka(row["tps"]))
c2.caption(f"Terbanyak {fmt.angka(row['pemilih_per_tps_maks'])} pemilih · rata-rata "
           f"{fmt.angka(row['pemilih_per_tps_rata'], 1)}")
c3.metric("Perekaman KTP-el", fmt.persen(row["ktpel_persen"]))
c3.caption(f"{fmt.angka(row['ktpel_rekam'])} dari {fmt.angka(row['ktpel_wajib'])} wajib KTP-el"
           + (f" · data {fmt.tanggal(row['ktpel_tanggal'])}" if row["ada_ktpel"] else ""))
c4.metric("Target partisipasi", fmt.persen(row["target_partisipasi"], 1))
c4.caption(f"{data['label_sebelumnya']}: {fmt.persen(row['partisipasi_sebelumnya'], 1)}")

st.subheader("Indikator dan ambang")
layar.table(model.indikator(row, data["label_sebelumnya"]), [
    Kolom("indikator", "Indikator"), Kolom("nilai", "Nilai", lebar=True), Kolom("ambang", "Ambang", lebar=True),
    Kolom("status", "Status", "status"),
], f"Indikator Kecamatan {row['kecamatan']}", data, election, key="indikator")

desa = data["desa"]
st.subheader(f"Desa/kelurahan ({len(desa)})")
if desa["dpt"].notna().any():
    st.plotly_chart(charts.lp_bars(desa, label_col="desa"), width="stretch", config=charts.PLOT_CONFIG)
layar.table(desa, [
    Kolom("desa", "Desa/Kelurahan"), Kolom("status", "Status", "status"), Kolom("dpt", "DPT", "angka"),
    Kolom("dpt_l", "Laki-laki", "angka"), Kolom("dpt_p", "Perempuan", "angka"), Kolom("tps", "TPS", "angka"),
    Kolom("pemilih_per_tps_maks", "Pemilih per TPS terbanyak", "angka"),
    Kolom("tps_melebihi_kapasitas", f"TPS > {fmt.angka(row['kapasitas_tps'])}", "angka"),
    Kolom("dpt_rekap", "DPT rekap", "angka"), Kolom("dpt_daftar_tps", "DPT daftar TPS", "angka"),
    Kolom("dpt_daftar_pemilih", "DPT daftar pemilih", "angka", opsional=True),
    Kolom("ktpel_persen", "KTP-el", "persen", opsional=True), Kolom("alasan", "Alasan", lebar=True, opsional=True),
], f"Desa di Kecamatan {row['kecamatan']}", data, election, key="desa")

tps = data["tps"]
st.subheader(f"TPS ({fmt.angka(len(tps))})")
if tps.empty:
    st.info("Data TPS belum diunggah untuk kecamatan ini.")
else:
    tps = tps.assign(keterangan=[
        f"■ Melebihi kapasitas (lebih {fmt.angka(k)})" if m else "" for m, k in zip(tps["melebihi_kapasitas"], tps["kelebihan"])])
    layar.table(tps, [
        Kolom("desa", "Desa/Kelurahan"), Kolom("no_tps", "TPS"), Kolom("dpt", "DPT", "angka"),
        Kolom("dpt_l", "Laki-laki", "angka"), Kolom("dpt_p", "Perempuan", "angka"),
        Kolom("keterangan", "Keterangan", opsional=True),
        *[Kolom(c, teks.KOLOM[c], opsional=True) for c in ("alamat", "status_logistik", "kategori_rawan")],
    ], f"TPS di Kecamatan {row['kecamatan']}", data, election, key="tps", height=400)

masalah_tampil.kecamatan(election, kode, row["kecamatan"])

with st.expander("Sumber data kecamatan ini"):
    lengkap = data["kelengkapan"].set_index("kode_kecamatan").loc[kode]
    lines = []
    for kind in ("pemilih", "tps", "ktpel", "target", "daftar"):
        upload = lengkap[f"unggahan_{kind}"]
        lines.append(f"- {teks.JENIS[kind]}: " + ("belum diunggah" if pd.isna(upload) else f"unggahan #{upload}"))
    st.markdown("\n".join(lines))
layar.footer()
