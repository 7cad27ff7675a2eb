"""Masuk: the login page, the only page that runs while users exist and nobody is logged in
(dashboard.py). Checks go through readiness.pengguna.masuk: argon2id hashes, attempts throttled per
name and source (the client's address) in the small-records store, attempts in the audit trail; a
success opens a server-side session whose token the browser keeps (a reload keeps the session).

While nobody is logged in, dashboard.py answers every page's URL with `halaman()` (so a shared link
shows this form, not an error, and opens its page right after the login)."""

import streamlit as st

from app import baca, layar, sesi
from readiness import catatan, pengguna, teks


def halaman() -> None:
    layar.election()  # runs inside the navigation even when this URL is the first request (app/navigasi.py)
    st.title("Masuk")
    st.caption(f"{teks.APP_NAMA}. Masukkan nama pengguna dan kata sandi yang diberikan admin desk pilkada.")

    if pesan := st.session_state.pop(sesi.PESAN_MASUK_KEY, None):
        st.info(pesan)

    user = sesi.pengguna()
    if user is not None:
        # Logged in with a role that has no page of its own yet.
        st.text(f"Anda masuk sebagai {user.nama}.")
        st.warning("Peran Anda belum memiliki halaman di aplikasi ini. Hubungi admin desk pilkada.")
    else:
        putaran = st.session_state.setdefault("_masuk_putaran", 0)
        if galat := st.session_state.pop("_masuk_galat", None):
            st.error(galat)
        with st.form("masuk"):
            nama = st.text_input("Nama pengguna", autocomplete="username", max_chars=pengguna.NAMA_MAKS)
            # A fresh key after a failure empties the password field.
            sandi = st.text_input(
                "Kata sandi",
                type="password",
                autocomplete="current-password",
                key=f"sandi_{putaran}",
                max_chars=pengguna.PANJANG_MAKS,
            )
            kirim = st.form_submit_button("Masuk", type="primary", icon=":material/login:")
        if kirim:
            if not nama.strip() or not sandi:
                st.error("Isi nama pengguna dan kata sandi.")
            else:
                try:
                    with st.spinner("Memeriksa…"):
                        hasil = pengguna.masuk(baca.db_path(), nama, sandi, sumber=sesi.sumber())
                except catatan.Sibuk as exc:
                    st.error(str(exc))
                else:
                    if hasil.berhasil:
                        sesi.mulai_sesi(hasil.token)
                        st.session_state.pop("_masuk_putaran", None)
                        st.rerun()
                    # Rerun with an empty password field, the error above the form.
                    st.session_state["_masuk_putaran"] = putaran + 1
                    st.session_state["_masuk_galat"] = hasil.pesan
                    st.rerun()
        st.caption("Lupa kata sandi? Minta admin desk pilkada mengatur ulang kata sandi Anda di halaman Pengguna.")
    layar.footer()


if __name__ == "__main__":  # run as a page file
    halaman()
