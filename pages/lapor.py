"""Lapor cepat: a reporter at a TPS tells the desk, from a phone, that a stage is done (logistik
tiba, TPS dibuka, pemungutan selesai, penghitungan selesai), how many voters came (L/P) and any
incident. One column, big touch targets, no wide tables (works at 390x844).

Only the TPS of the user's area are offered, and readiness.lapor checks the area again on the
server before accepting. "Terkirim" is shown only after the report is committed (readiness.lapor.
Layanan: one writer thread, group commit). A form sent twice (double tap, a retry after a network
hiccup) carries the same submission id (readiness.lapor.kirim_id) and is recognised, not stored twice.
Reads: marts/tps (the active TPS list), queries/lapor/riwayat and lapor/jejak (the reports database;
app/lapor_tampil.py)."""

import streamlit as st

from app import baca, lapor_tampil, layar, sesi
from app.markdown import escape_md
from readiness import akses, fmt, lapor

TERAKHIR = "_lapor_kirim_terakhir"

election = layar.election()
user = sesi.wajib("lapor")
try:
    layanan = baca.lapor_layanan()
except lapor.LaporanDitolak as exc:  # the reports file is held by another server process
    st.error(str(exc))
    layar.footer()
    st.stop()
daftar = baca.daftar_tps(election)

st.title("Lapor cepat TPS")
lapor_tampil.sentuh()
if not len(daftar):
    layar.empty_state(
        "Daftar TPS untuk pemilihan ini belum diunggah. Unggah daftar TPS dulu di halaman Unggah Data; "
        "laporan dari TPS memerlukannya."
    )
mine = daftar.wilayah(user)
wilayah_teks = lapor.wilayah_teks(user, mine)
st.caption(f"{escape_md(user.nama)} · {akses.PERAN.get(user.peran, user.peran)} · {escape_md(wilayah_teks)}")
if mine.empty:
    st.warning(
        "Tidak ada TPS di wilayah tugas Anda. Hubungi admin untuk menetapkan kecamatan atau "
        f"{baca.kata(election).desa} Anda."
    )
    layar.footer()
    st.stop()

# --------------------------------------------------------------------------- which TPS
kode_kec, kode_desa, no_tps, kec_names, desa_names = lapor_tampil.pilih_tps(mine, election)
tps = daftar.get(kode_desa, no_tps)

# --------------------------------------------------------------------------- what happened
tahap = st.radio("Laporan", list(lapor.JENIS), format_func=lapor.JENIS.get, key="lapor_tahap")
sekarang = lapor.menit_ini()
jam = None
if not st.toggle(f"Terjadi sekarang (pukul {fmt.jam(sekarang)})", value=True, key="lapor_sekarang"):
    st.session_state.setdefault("lapor_jam", sekarang.time())
    jam = st.time_input("Jam kejadian", key="lapor_jam", step=60)
waktu, waktu_isi = lapor.waktu_laporan(sekarang, jam)

hadir_l, hadir_p, yakin = lapor_tampil.hadir(tps) if tahap in lapor.TAHAP_HADIR else (None, None, True)
kat, uraian = lapor_tampil.kejadian(tahap)

# The id of the last form sent lives in the session and in the URL (`?kirim=…`): a reconnect or a
# reload of the tab sending the same content again reuses it (readiness.lapor.kirim_id).
terakhir = st.session_state.get(TERAKHIR) or st.query_params.get("kirim", "")
kirim_id = lapor.kirim_id(
    user.nama, election, kode_desa, no_tps, tahap, waktu_isi, hadir_l, hadir_p, kat, uraian, terakhir
)

if st.button(
    "Kirim laporan", type="primary", width="stretch", icon=":material/send:", disabled=not yakin, key="lapor_kirim"
):
    laporan = lapor.Laporan(election, kode_desa, no_tps, tahap, waktu, hadir_l, hadir_p, kat, uraian, kirim_id)
    # Remembered before sending: if this run is interrupted after the commit, the next one reuses the id.
    st.session_state[TERAKHIR] = kirim_id
    st.query_params["kirim"] = kirim_id
    try:
        with st.spinner("Mengirim…"):
            hasil = layanan.kirim(sesi.pengguna(), laporan, daftar)  # the user re-read on the server
    except (lapor.LaporanDitolak, lapor.BelumTersimpan) as exc:
        hasil = exc
    lapor_tampil.ingat_jawaban(kirim_id, lapor.jawaban(tps, tahap, hasil))
lapor_tampil.jawaban(kirim_id)

lapor_tampil.riwayat(layanan, election, kode_desa, no_tps, desa_names[kode_desa])
if sesi.boleh("unggah"):
    lapor_tampil.unggah_kertas(layanan, daftar, election, kec_names.values())
if sesi.boleh("jejak"):
    lapor_tampil.jejak(layanan)

layar.footer()
