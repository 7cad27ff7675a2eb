"""Unggah Data: upload exports, see what was understood before saving, save all files or none,
see the upload history and re-activate an earlier version; templates per kind.
Queries: marts/uploads (history), marts/tempat_contoh (the templates' example row), ref_kecamatan
through readiness.ingest."""

import streamlit as st

from app import baca, ekspor, layar, sesi
from app import unggah_tampil as tampil
from app.markdown import escape_md
from readiness import ingest, privacy, teks
from readiness.ingest import summary, templates

election = layar.election()
sesi.wajib("unggah")  # also on the server: a role without it never gets the form, even by URL
st.title("Unggah Data")
st.caption(
    "Rekap DPT, daftar TPS, perekaman KTP-el, target partisipasi, atau daftar pemilih per orang. "
    "Semua berkas dalam satu unggahan disimpan bersama — atau tidak sama sekali bila ada yang salah."
)

tab_upload, tab_history, tab_templates = st.tabs(["Unggah berkas", "Riwayat dan versi", "Templat"])

with tab_upload:
    round_no = st.session_state.setdefault("unggah_round", 0)
    files = tampil.pengunggah(round_no)
    if message := st.session_state.pop("unggah_pesan", None):
        st.success(message)
    tampil.simpan_berjalan(round_no)
    if files:
        try:
            batch = tampil.diperiksa(election, files)
        except privacy.KeyRefused as exc:  # the installation key is missing or unsafe: the admin must act
            st.error(escape_md(str(exc)))
            st.stop()
        if isinstance(batch, str):  # the check could not end (its worker was killed): nothing was read
            st.error(escape_md(batch))
            st.button("Periksa lagi", on_click=tampil.periksa_lagi)
        else:
            tampil.periksaan(election, files, batch, round_no)

with tab_history:
    uploads = baca.query("marts/uploads", election=election)
    if uploads.empty:
        st.info("Belum ada unggahan untuk pemilihan ini.")
    else:
        st.dataframe(summary.history(uploads), hide_index=True, width="stretch")
        if not sesi.boleh("versi"):
            st.caption("Mengaktifkan kembali versi lama hanya dapat dilakukan admin.")
        else:
            versions = summary.versions(uploads)
            choice = st.selectbox("Versi yang akan diaktifkan kembali", list(versions), format_func=versions.get)
            if st.button("Aktifkan kembali versi ini"):
                pelaku = sesi.wajib("versi")  # checked again on the server before the write
                info = ingest.activate(baca.db_path(), choice, pelaku=pelaku)
                st.success(escape_md(summary.activated(choice, info)))
                st.rerun()

with tab_templates:
    st.write("Templat berisi judul kolom yang dikenali, satu baris contoh, daftar pilihan, dan petunjuk.")
    names = list(baca.level("kecamatan", election)["kecamatan"])
    contoh = templates.contoh_dari(baca.query("marts/tempat_contoh"))
    for kind in ingest.KINDS:
        ekspor.unduh(
            f"Templat {teks.JENIS[kind]}",
            lambda kind=kind: templates.template(kind, names, contoh),
            f"templat_{kind}.xlsx",
            key=f"templat_{kind}",
            mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )

layar.footer()
