"""The Pengguna page's forms: add a user (the first admin in local mode), and for one chosen user
change the role, reset the password, disable or enable. Every change is checked against the role
again on the server and done by readiness.pengguna (the store and the audit trail in one
transaction); refusals in Indonesian, nothing half-saved."""

from __future__ import annotations

import streamlit as st

from app import baca, sesi
from app.markdown import escape_md
from readiness import akses, catatan, fmt, pengguna

PESAN = "_pengguna_pesan"
PERAN = list(akses.PERAN)


def ubah(action, done: str) -> bool:
    """One change in its own transaction of the store; the role checked again first; Indonesian
    errors, nothing half-saved. `done` is shown after the rerun."""
    pelaku = sesi.wajib("pengguna")
    try:
        action(baca.db_path(), pelaku)
    except pengguna.PenggunaError as exc:
        st.error("Tidak disimpan: " + escape_md(str(exc)))
        return False
    except catatan.Sibuk as exc:
        st.error(str(exc))
        return False
    st.session_state[PESAN] = done
    return True


def _kabkota(kabkota: dict[str, str], label: str, key: str, *, value=None, where=st, disabled=False) -> str:
    """The kab/kota a pimpinan or analis of a province is limited to ('' = the whole region); in a
    kab/kota installation (`kabkota` empty) no field and ''."""
    if not kabkota:
        return ""
    options = ["", *kabkota]
    return where.selectbox(
        label,
        options,
        index=options.index(value) if value in options else 0,
        format_func=lambda k: f"{kabkota[k]} ({k})" if k else "Seluruh wilayah",
        key=key,
        disabled=disabled,
        help="Pengguna ini hanya dapat mengunggah data dan mencatat masalah untuk kabupaten/kota ini, "
        "dan aplikasi dibuka pada kabupaten/kota itu; halaman lain tetap dapat dilihat.",
    )


def _hanya(kode: str | None, kabkota: dict[str, str]) -> str:
    """`, hanya untuk Kabupaten Bombana` after a saved role, or nothing."""
    return f", hanya untuk {kabkota.get(kode, kode)}" if kode else ""


def tambah(saya: akses.Pengguna, desa: str, contoh_kecamatan: str, kabkota: dict[str, str]) -> None:
    """Add a user; in local mode only an admin, and this session continues as that admin. In a
    province, a pimpinan or analis may be limited to one kab/kota (`kabkota`: its kab/kota by code)."""
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
            help=f"Kode kecamatan (mis. {contoh_kecamatan}) atau kode {desa} yang menjadi tugasnya",
        )
        batas = "" if saya.lokal else _kabkota(kabkota, "Kabupaten/kota (pimpinan, analis)", "baru_kabkota", where=c4)
        if not st.form_submit_button("Tambah pengguna", type="primary", icon=":material/person_add:"):
            return
        if alasan := pengguna.tabel.alasan_tolak(sandi, ulang, peran=peran, pertama=saya.lokal):
            st.error(f"Tidak disimpan: {alasan}")
        elif ubah(
            lambda path, p: pengguna.tambah(path, nama, peran, sandi, wilayah=wilayah, kabkota=batas, pelaku=p),
            f"Pengguna '{escape_md(nama.strip())}' ditambahkan sebagai {akses.PERAN[peran]}{_hanya(batas, kabkota)}.",
        ):
            if saya.lokal:  # the first admin: this session continues as that admin
                sesi.mulai_sesi(pengguna.buka_sesi(baca.db_path(), nama))
            for key in ("baru_nama", "baru_wilayah", "baru_kabkota", "baru_sandi", "baru_ulang"):
                st.session_state.pop(key, None)
            st.rerun()


def ubah_pengguna(akun, saya: akses.Pengguna, kabkota: dict[str, str]) -> None:
    """One user chosen: role, password, access, side by side. An admin's own role and access are
    changed by another admin."""
    st.subheader("Ubah pengguna")
    dipilih = st.selectbox("Pengguna", list(akun["nama"]), key="ubah_nama")
    row = akun[akun["nama"] == dipilih].iloc[0]
    diri = pengguna.tabel.nama_sama(dipilih, saya.nama)
    st.text(pengguna.tabel.keterangan_akun(row))
    k1, k2, k3 = st.columns(3)
    with k1.container(border=True):
        _peran(dipilih, row, diri, kabkota)
    with k2.container(border=True):
        _sandi(dipilih, diri, saya)
    with k3.container(border=True):
        _akses(dipilih, row, diri)


def _peran(dipilih: str, row, diri: bool, kabkota: dict[str, str]) -> None:
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
    batas_baru = _kabkota(kabkota, "Kabupaten/kota", f"ubah_kabkota_{dipilih}", value=row.get("kabkota"), disabled=diri)
    if _tombol_akun_lain(
        "Simpan peran", "simpan_peran", diri, "Peran akun Anda sendiri diubah oleh admin lain"
    ) and ubah(
        lambda path, p: pengguna.ubah_peran(
            path, dipilih, peran_baru, wilayah=wilayah_baru, kabkota=batas_baru, pelaku=p
        ),
        f"Peran '{escape_md(dipilih)}' sekarang {akses.PERAN[peran_baru]}{_hanya(batas_baru, kabkota)}.",
    ):
        st.rerun()


def _tombol_akun_lain(label: str, key: str, diri: bool, bila_diri: str) -> bool:
    """A button that changes the chosen account; disabled on one's own (`diri`), saying why."""
    return st.button(label, key=key, disabled=diri, help=bila_diri if diri else None)


def _sandi(dipilih: str, diri: bool, saya: akses.Pengguna) -> None:
    st.markdown("**Atur ulang kata sandi**")
    s1 = st.text_input("Kata sandi baru", type="password", key=f"reset_sandi_{dipilih}", autocomplete="new-password")
    s2 = st.text_input(
        "Ulangi kata sandi baru", type="password", key=f"reset_ulang_{dipilih}", autocomplete="new-password"
    )
    if not st.button("Atur ulang kata sandi", key="atur_sandi"):
        return
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


def _akses(dipilih: str, row, diri: bool) -> None:
    st.markdown("**Akses**")
    if not row["aktif"]:
        if st.button("Aktifkan kembali", key="aktifkan") and ubah(
            lambda path, p: pengguna.aktifkan(path, dipilih, pelaku=p), f"'{escape_md(dipilih)}' aktif kembali."
        ):
            st.rerun()
        return
    st.caption("Menonaktifkan: tidak dapat masuk lagi, sesi yang terbuka berakhir saat itu juga.")
    if _tombol_akun_lain(
        "Nonaktifkan", "nonaktifkan", diri, "Akun Anda sendiri dinonaktifkan oleh admin lain"
    ) and ubah(
        lambda path, p: pengguna.nonaktifkan(path, dipilih, pelaku=p),
        f"'{escape_md(dipilih)}' dinonaktifkan.",
    ):
        st.rerun()
