"""Pengguna (admin): who may use the app and with which role — add, reset a password, disable or
enable, change the role. Users come from readiness.pengguna.daftar (no password hashes), shown and
checked by readiness.pengguna.tabel. Every change is checked against the role again on the server,
written to the small-records store and recorded in the audit trail by readiness/pengguna/akun.py in the
same transaction. In local mode (no user yet) this page creates the first admin, and the session
continues logged in as that admin."""

import streamlit as st

from app import baca, layar, sesi
from app.markdown import escape_md
from readiness import akses, catatan, fmt, pengguna

election = layar.election()
saya = sesi.wajib("pengguna")
kata = baca.kata(election)
# An example code from this installation's own kecamatan (query marts/korwil_penugasan).
contoh_kecamatan = next(iter(baca.query("marts/korwil_penugasan", election=election)["kode_kecamatan"]), "")
st.title("Pengguna")
st.caption(
    "Pimpinan melihat semua halaman tanpa mengubah apa pun; analis juga mengunggah data dan mencatat "
    "masalah; admin juga mengubah pengaturan, versi data dan pengguna; pelapor lapangan hanya melapor "
    "untuk wilayahnya."
)

if pesan := st.session_state.pop("_pengguna_pesan", None):
    st.success(pesan)

PERAN = list(akses.PERAN)


def ubah(action, done: str) -> bool:
    """One change in its own transaction of the store; the role checked again first; Indonesian
    errors, nothing half-saved."""
    pelaku = sesi.wajib("pengguna")
    try:
        action(baca.db_path(), pelaku)
    except pengguna.PenggunaError as exc:
        st.error("Tidak disimpan: " + escape_md(str(exc)))
        return False
    except catatan.Sibuk as exc:
        st.error(str(exc))
        return False
    st.session_state["_pengguna_pesan"] = done
    return True


akun = pengguna.daftar(baca.db_path())
if saya.lokal:
    st.info(
        "Belum ada pengguna: aplikasi berjalan dalam mode lokal. Buat admin pertama di bawah ini. Setelah "
        "itu setiap orang harus masuk (login) dengan nama dan kata sandinya, dan Anda langsung masuk "
        "sebagai admin yang baru dibuat."
    )
else:
    st.dataframe(pengguna.tabel.tabel(akun), hide_index=True, width="stretch")

st.subheader("Tambah pengguna" if not saya.lokal else "Buat admin pertama")
with st.form("tambah_pengguna", clear_on_submit=False):
    c1, c2 = st.columns(2)
    nama = c1.text_input("Nama pengguna", max_chars=pengguna.NAMA_MAKS, key="baru_nama")
    pilihan_peran = ["admin"] if saya.lokal else PERAN
    peran = c2.selectbox("Peran", pilihan_peran, format_func=akses.PERAN.get, key="baru_peran")
    c3, c4 = st.columns(2)
    sandi = c3.text_input(
        "Kata sandi",
        type="password",
        key="baru_sandi",
        autocomplete="new-password",
        help=f"Minimal {fmt.angka(pengguna.PANJANG_MIN)} karakter",
    )
    ulang = c4.text_input("Ulangi kata sandi", type="password", key="baru_ulang", autocomplete="new-password")
    wilayah = c3.text_input(
        "Wilayah (khusus pelapor lapangan)",
        key="baru_wilayah",
        help=f"Kode kecamatan (mis. {contoh_kecamatan}) atau kode {kata.desa} yang menjadi tugasnya",
    )
    if st.form_submit_button("Tambah pengguna", type="primary", icon=":material/person_add:"):
        if alasan := pengguna.tabel.alasan_tolak(sandi, ulang, peran=peran, pertama=saya.lokal):
            st.error(f"Tidak disimpan: {alasan}")
        elif ubah(
            lambda path, p: pengguna.tambah(path, nama, peran, sandi, wilayah=wilayah, pelaku=p),
            f"Pengguna '{escape_md(nama.strip())}' ditambahkan sebagai {akses.PERAN[peran]}.",
        ):
            if saya.lokal:  # the first admin: this session continues as that admin
                sesi.mulai_sesi(pengguna.buka_sesi(baca.db_path(), nama))
            for key in ("baru_nama", "baru_wilayah", "baru_sandi", "baru_ulang"):
                st.session_state.pop(key, None)
            st.rerun()

if not saya.lokal and not akun.empty:
    st.subheader("Ubah pengguna")
    names = list(akun["nama"])
    dipilih = st.selectbox("Pengguna", names, key="ubah_nama")
    row = akun[akun["nama"] == dipilih].iloc[0]
    diri = pengguna.tabel.nama_sama(dipilih, saya.nama)
    st.text(pengguna.tabel.keterangan_akun(row))

    k1, k2, k3 = st.columns(3)
    with k1.container(border=True):
        st.markdown("**Peran**")
        peran_baru = st.selectbox(
            "Peran baru",
            PERAN,
            index=PERAN.index(row["peran"]),
            format_func=akses.PERAN.get,
            key=f"ubah_peran_{dipilih}",
            disabled=diri,
        )
        wilayah_baru = st.text_input(
            "Wilayah (pelapor)",
            value=row["wilayah"] if isinstance(row["wilayah"], str) else "",
            key=f"ubah_wilayah_{dipilih}",
            disabled=diri,
        )
        if st.button(
            "Simpan peran",
            key="simpan_peran",
            disabled=diri,
            help="Peran akun Anda sendiri diubah oleh admin lain" if diri else None,
        ):
            if ubah(
                lambda path, p: pengguna.ubah_peran(path, dipilih, peran_baru, wilayah=wilayah_baru, pelaku=p),
                f"Peran '{escape_md(dipilih)}' sekarang {akses.PERAN[peran_baru]}.",
            ):
                st.rerun()
    with k2.container(border=True):
        st.markdown("**Atur ulang kata sandi**")
        s1 = st.text_input(
            "Kata sandi baru", type="password", key=f"reset_sandi_{dipilih}", autocomplete="new-password"
        )
        s2 = st.text_input(
            "Ulangi kata sandi baru", type="password", key=f"reset_ulang_{dipilih}", autocomplete="new-password"
        )
        if st.button("Atur ulang kata sandi", key="atur_sandi"):
            if alasan := pengguna.tabel.alasan_tolak(s1, s2):
                st.error(f"Tidak disimpan: {alasan}")
            elif ubah(
                lambda path, p: pengguna.atur_sandi(path, dipilih, s1, pelaku=p),
                f"Kata sandi '{escape_md(dipilih)}' diganti; sesi lamanya berakhir.",
            ):
                if diri:  # this session proved the old password: it continues with the new one
                    sesi.mulai_sesi(pengguna.buka_sesi(baca.db_path(), saya.nama))
                for key in (f"reset_sandi_{dipilih}", f"reset_ulang_{dipilih}"):
                    st.session_state.pop(key, None)
                st.rerun()
    with k3.container(border=True):
        st.markdown("**Akses**")
        if row["aktif"]:
            st.caption("Menonaktifkan: tidak dapat masuk lagi, sesi yang terbuka berakhir saat itu juga.")
            if st.button(
                "Nonaktifkan",
                key="nonaktifkan",
                disabled=diri,
                help="Akun Anda sendiri dinonaktifkan oleh admin lain" if diri else None,
            ):
                if ubah(
                    lambda path, p: pengguna.nonaktifkan(path, dipilih, pelaku=p),
                    f"'{escape_md(dipilih)}' dinonaktifkan.",
                ):
                    st.rerun()
        else:
            if st.button("Aktifkan kembali", key="aktifkan"):
                if ubah(
                    lambda path, p: pengguna.aktifkan(path, dipilih, pelaku=p), f"'{escape_md(dipilih)}' aktif kembali."
                ):
                    st.rerun()

layar.footer()
