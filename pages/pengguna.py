"""Pengguna (admin): who may use the app and with which role — add, reset a password, disable or
enable, change the role. Users come from readiness.pengguna.daftar (no password hashes), shown and
checked by readiness.pengguna.tabel. Every change is checked against the role again on the server,
written to the small-records store and recorded in the audit trail by readiness/pengguna/akun.py in the
same transaction. In local mode (no user yet) this page creates the first admin, and the session
continues logged in as that admin. The forms: app/pengguna_tampil.py."""

import streamlit as st

from app import baca, jalan, layar, pengguna_tampil, sesi
from readiness import pengguna

election = layar.election()
saya = sesi.wajib("pengguna")
kata = baca.kata(election)
# An example code from this installation's own kecamatan (query marts/korwil_penugasan).
contoh_kecamatan = next(iter(baca.query("marts/korwil_penugasan", election=election)["kode_kecamatan"]), "")
kabkota = jalan.kabkota_wilayah(election)  # a province's kab/kota (marts/kabkota_daftar); none elsewhere
st.title("Pengguna")
st.caption(
    "Pimpinan melihat semua halaman tanpa mengubah apa pun; analis juga mengunggah data dan mencatat "
    "masalah; admin juga mengubah pengaturan, versi data dan pengguna; pelapor lapangan hanya melapor "
    "untuk wilayahnya." + (" Pimpinan dan analis dapat dibatasi pada satu kabupaten/kota." if kabkota else "")
)
if pesan := st.session_state.pop(pengguna_tampil.PESAN, None):
    st.success(pesan)

akun = pengguna.daftar(baca.db_path())
if saya.lokal:
    st.info(
        "Belum ada pengguna: aplikasi berjalan dalam mode lokal. Buat admin pertama di bawah ini. Setelah "
        "itu setiap orang harus masuk (login) dengan nama dan kata sandinya, dan Anda langsung masuk "
        "sebagai admin yang baru dibuat."
    )
else:
    layar.tabel_baca(pengguna.tabel.tabel(akun, kabkota), angka=[])

pengguna_tampil.tambah(saya, kata.desa, contoh_kecamatan, kabkota)
if not saya.lokal and not akun.empty:
    pengguna_tampil.ubah_pengguna(akun, saya, kabkota)
layar.footer()
