"""Permasalahan: the inventory of problems camat and OPD monitors report — a filterable list, one
problem opened with its full history and a follow-up form, a form to record a new problem, and the
weekly report per korwil for the region's acting head (.xlsx).
Queries: marts/masalah_daftar, marts/masalah_riwayat, marts/masalah_mingguan (through
readiness.masalah.laporan_mingguan), marts/masalah_desa, marts/korwil_penugasan. Tables:
readiness.masalah.tabel; forms: app/masalah_form.py; the rest on screen: app/masalah_tampil.py.
URL: `?pemilu=…&masalah=12` opens problem #12; `?kecamatan=35.13.14` preselects the kecamatan.

Everything a user wrote (descriptions, reporters, notes) is shown through dataframes or st.text,
never as markdown or HTML. Pimpinan sees everything and changes nothing: the forms are shown only
to a role with the action `masalah`, and the role is checked again on the server before saving
(app.sesi.wajib) and in readiness.masalah itself."""

import streamlit as st

from app import baca, layar, masalah_form, masalah_tampil, sesi
from readiness.masalah import tabel
from readiness.model.kartu import Kartu

election = layar.election()
kata = baca.kata(election)
st.title("Permasalahan")
st.caption(
    "Inventarisasi permasalahan per kecamatan yang dilaporkan camat dan OPD: logistik, pemilih/DPT, "
    "KTP-el, keamanan, netralitas ASN, sarana TPS. Setiap perubahan status dan catatan tindak lanjut "
    "tersimpan dalam riwayat masalahnya."
)
masalah_form.pesan()

wilayah = baca.query("marts/korwil_penugasan", election=election)
nama_kec = dict(zip(wilayah["kode_kecamatan"], wilayah["kecamatan"]))
daftar = baca.query("marts/masalah_daftar", election=election)
boleh_ubah = sesi.boleh("masalah")
pemilihan = baca.level("kabupaten", election).iloc[0]["pemilihan"]

layar.kartu([Kartu(label, nilai) for label, nilai in tabel.hitungan(daftar).items()])
tab_daftar, tab_catat, tab_laporan = st.tabs(["Daftar masalah", "Catat masalah baru", "Laporan mingguan"])


with tab_daftar:
    if daftar.empty:
        st.info(
            "Belum ada masalah tercatat untuk pemilihan ini. Catat di tab *Catat masalah baru*, atau unggah "
            "lembar inventarisasi permasalahan (templat di halaman Unggah Data)."
        )
    else:
        pilih = masalah_tampil.saring(daftar, nama_kec)
        masalah_tampil.daftar(daftar, pilih, election, kata)
        st.divider()
        masalah_tampil.satu_masalah(daftar, pilih, kata, boleh_ubah)

with tab_catat:
    if not boleh_ubah:
        st.info(
            "Peran Anda hanya dapat melihat inventarisasi permasalahan; masalah baru dicatat oleh analis atau admin."
        )
    else:
        masalah_form.masalah_baru(election, wilayah)

with tab_laporan:
    masalah_tampil.laporan_mingguan(election, daftar, wilayah, pemilihan)

layar.footer()
