"""Who is logged in: the server-side session (readiness/pengguna/sesi.py), the browser's cookie that
brings it back after a reload, the account line in the sidebar, and the access checks every page
and action makes on the server."""

from __future__ import annotations

import streamlit as st

from app import baca
from app.markdown import escape_md
from readiness import akses, catatan, teks
from readiness import pengguna as pengguna_store

SESI_KEY = "_sesi_pengguna"  # {"token_hash": SHA-256 of the session's token} (readiness/pengguna/sesi.py)
PESAN_MASUK_KEY = "_pesan_masuk"  # why the login page is shown again (session ended)
COOKIE = "dasbor_sesi"  # the browser's session token
_COOKIE_TULIS = "_cookie_tulis"  # the token this browser still has to store
_COOKIE_HAPUS = "_cookie_hapus"  # the browser's cookie is to be removed
_COOKIE_DIBACA = "_cookie_dibaca"  # the cookie of this page load was already tried
BATAS_DIAM = pengguna_store.BATAS_DIAM
SESI_BERAKHIR = {
    "berakhir": "Sesi Anda berakhir: akun dinonaktifkan, kata sandinya diganti, atau Anda sudah keluar. "
    "Silakan masuk lagi.",
    "diam": f"Sesi Anda berakhir karena tidak ada aktivitas selama {BATAS_DIAM // 3600} jam. Silakan masuk lagi.",
}
TIDAK_BOLEH = "Anda tidak memiliki akses untuk ini. Hubungi admin bila Anda memerlukannya."


def sumber() -> str | None:
    """The client's address as the web server saw it (None on the server's own machine): the
    source the login throttling counts by."""
    try:
        ip = st.context.ip_address
    except Exception:  # no browser connection (a script run without a client)
        return None
    return ip if isinstance(ip, str) else None


def pengguna() -> akses.Pengguna | None:
    """The user of this session, re-checked against the store on every call: akses.LOKAL while
    no user exists at all (local mode); None when a login is needed — never logged in, logged
    out, disabled, password reset, or idle longer than BATAS_DIAM. A new page load (F5, a new
    tab) brings its session back from the browser's cookie."""
    path = baca.db_path()
    if not pengguna_store.ada_pengguna(path):
        return akses.LOKAL
    sesi = st.session_state.get(SESI_KEY)
    if not sesi:
        sesi = _sesi_dari_cookie(path)
        if not sesi:
            return None
    user = pengguna_store.periksa_sesi(path, sesi["token_hash"])
    if isinstance(user, str):  # why the session ended
        akhiri_sesi(SESI_BERAKHIR[user])
        return None
    if user.kabkota:
        buka_di_kabkota(user.kabkota)
    return user


def buka_di_kabkota(kode: str) -> None:
    """A user limited to a kab/kota of a province finds the app opened on it (`?kabkota=74.06`, as
    if chosen on Ringkasan) until they choose another place; the province stays one choice away."""
    from app import layar

    st.session_state.setdefault(layar.INGATAN.format("kabkota"), kode)


def _sesi_dari_cookie(path: str) -> dict | None:
    """The session named by the cookie this page load brought, once per page load (the cookies
    Streamlit shows are those of the page's first request: a logout or login after it is not
    seen in them)."""
    if st.session_state.get(_COOKIE_DIBACA):
        return None
    st.session_state[_COOKIE_DIBACA] = True
    try:
        token = st.context.cookies.get(COOKIE)
    except Exception:
        return None
    if not isinstance(token, str) or not token:
        return None
    sesi = {"token_hash": pengguna_store.hash_token(token)}
    user = pengguna_store.periksa_sesi(path, sesi["token_hash"])
    if isinstance(user, str):  # why the session ended
        st.session_state[_COOKIE_HAPUS] = True
        if user == "diam":
            st.session_state[PESAN_MASUK_KEY] = SESI_BERAKHIR[user]
        return None
    st.session_state[SESI_KEY] = sesi
    return sesi


def akun_sidebar(user: akses.Pengguna, navigation) -> None:
    """Who is logged in, with a Keluar button; in local mode one notice at the top of the page
    instead, said once: a single small line on the Presentasi and Lapor pages (the projector's
    slides, a phone's form), none on Pengguna, whose page explains it where the first admin is made."""
    if user.lokal:
        if navigation.url_path in ("presentasi", "lapor"):
            st.caption(teks.MODE_LOKAL_SINGKAT)
        elif (
            navigation.url_path != "pengguna"
        ):  # highlighted text, not st.info: each page's own first notice stays its first
            st.markdown(f":orange-background[:material/lock_open: {teks.MODE_LOKAL}]")
        return
    st.sidebar.caption(f"Masuk sebagai **{escape_md(user.nama)}** · {akses.PERAN.get(user.peran, user.peran)}")
    if st.sidebar.button("Keluar", icon=":material/logout:", key="keluar"):
        sesi = st.session_state.get(SESI_KEY) or {}
        try:
            pengguna_store.keluar(baca.db_path(), user, sesi.get("token_hash"))
        except catatan.Sibuk:
            pass  # logging out never waits; the session ends here all the same
        akhiri_sesi("Anda sudah keluar.")
        st.rerun()


def mulai_sesi(token: str) -> None:
    """This browser session is now the session of `token` (from pengguna.masuk/buka_sesi); the
    browser keeps the token in a cookie so that a reload keeps the session."""
    st.session_state[SESI_KEY] = {"token_hash": pengguna_store.hash_token(token)}
    st.session_state[_COOKIE_TULIS] = token
    st.session_state.pop(_COOKIE_HAPUS, None)


def akhiri_sesi(pesan: str | None = None) -> None:
    st.session_state.pop(SESI_KEY, None)
    st.session_state.pop(_COOKIE_TULIS, None)
    st.session_state[_COOKIE_HAPUS] = True
    if pesan:
        st.session_state[PESAN_MASUK_KEY] = pesan


def cookie_sesi() -> None:
    """Store or remove the session cookie in the browser. Streamlit reads cookies but cannot set
    them, so a small script does (st.html runs it once when it appears; the same script rendered
    again by a later run does not run again). SameSite=Strict, Path=/, Secure over https; no
    expiry date: the server ends the session (BATAS_DIAM, logout)."""
    token = st.session_state.get(_COOKIE_TULIS)
    if token:
        nilai = f"{COOKIE}={token}"
    elif st.session_state.get(_COOKIE_HAPUS):
        nilai = f"{COOKIE}=; Max-Age=0"
    else:
        return
    if not all(c.isalnum() or c in "-_=; " for c in nilai):
        return  # never anything but the token (URL-safe base64) inside the script
    st.sidebar.html(
        "<script>document.cookie = '" + nilai + "; Path=/; SameSite=Strict'"
        " + (location.protocol === 'https:' ? '; Secure' : '');</script>",
        unsafe_allow_javascript=True,
    )


def boleh(aksi: str) -> bool:
    return akses.boleh(pengguna(), aksi)


def wajib(aksi: str) -> akses.Pengguna:
    """Stop this page run unless the session's user may do `aksi` — checked on the server for
    every page and before every action, not only by hiding buttons."""
    user = pengguna()
    if not akses.boleh(user, aksi):
        st.error(TIDAK_BOLEH)
        st.stop()
    return user


def sesi_ditutup() -> bool:
    """The browser tab of this script run was closed: its session is no longer connected."""
    from streamlit.runtime import Runtime
    from streamlit.runtime.scriptrunner import get_script_run_ctx

    ctx = get_script_run_ctx(suppress_warning=True)
    return ctx is not None and Runtime.exists() and not Runtime.instance().is_active_session(ctx.session_id)
