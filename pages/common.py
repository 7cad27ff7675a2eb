"""What every page shares: the database reader, cached results keyed by data version, the
active election, and the footer. Streamlit lives here and in the pages, never in readiness/."""
from __future__ import annotations

import os
import re
import runpy
from pathlib import Path

import streamlit as st

from readiness import akses, catatan, db, fmt, model, teks
from readiness import pengguna as pengguna_store

ELECTION_KEY = "election"


@st.cache_resource(show_spinner=False)
def reader(path: str) -> db.Reader:
    return db.Reader(path)


def db_path() -> str:
    return str(Path(os.environ.get("READINESS_DB", db.DEFAULT_DB)))


def current_reader() -> db.Reader:
    return reader(db_path())


def snapshot() -> tuple[tuple, object]:
    """(data version, a cursor reading exactly that version), taken together: a cached result is
    stored under the version of the data it was computed from, even when a write lands between."""
    return current_reader().snapshot()


# The cached functions below get the cursor as `_cur`: Streamlit does not hash parameters whose
# name starts with an underscore, so `version` alone keys the result.
@st.cache_data(show_spinner=False, max_entries=64)
def _level(path: str, version: tuple, election: str, level: str, _cur=None):
    # `version` changes with every committed write, so a new upload is never shown stale.
    return model.LEVELS[level](_cur, election)


def level(name: str, election: str):
    """kecamatan/korwil/kabupaten/desa readiness for an election (see readiness/model.py)."""
    version, cur = snapshot()
    return _level(db_path(), version, election, name, cur)


@st.cache_data(show_spinner=False, max_entries=64)
def _query(path: str, version: tuple, name: str, params: tuple, _cur=None):
    return db.run(_cur, name, **dict(params))


def query(name: str, **params):
    version, cur = snapshot()
    return _query(db_path(), version, name, tuple(sorted(params.items())), cur)


# --------------------------------------------------------------------------- access
SESI_KEY = "_sesi_pengguna"       # {"sesi": SHA-256 of the session's token} (readiness/pengguna.py)
PESAN_MASUK_KEY = "_pesan_masuk"  # why the login page is shown again (session ended)
COOKIE = "dasbor_sesi"            # the browser's session token
_COOKIE_TULIS = "_cookie_tulis"   # the token this browser still has to store
_COOKIE_HAPUS = "_cookie_hapus"   # the browser's cookie is to be removed
_COOKIE_DIBACA = "_cookie_dibaca"  # the cookie of this page load was already tried
BATAS_DIAM = pengguna_store.BATAS_DIAM
MODE_LOKAL = ("Mode lokal: belum ada pengguna — semua orang yang membuka aplikasi ini dapat mengubah data. "
              "Tambahkan pengguna admin di halaman Pengguna atau dengan `python -m readiness user add`.")
SESI_BERAKHIR = {
    "berakhir": "Sesi Anda berakhir: akun dinonaktifkan, kata sandinya diganti, atau Anda sudah keluar. "
                "Silakan masuk lagi.",
    "diam": f"Sesi Anda berakhir karena tidak ada aktivitas selama {BATAS_DIAM // 3600} jam. Silakan masuk lagi.",
}


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
    path = db_path()
    if not pengguna_store.ada_pengguna(path):
        return akses.LOKAL
    sesi = st.session_state.get(SESI_KEY)
    if not sesi:
        sesi = _sesi_dari_cookie(path)
        if not sesi:
            return None
    hasil = pengguna_store.periksa_sesi(path, sesi["sesi"])
    if isinstance(hasil, str):
        akhiri_sesi(SESI_BERAKHIR[hasil])
        return None
    return hasil


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
    sesi = {"sesi": pengguna_store.hash_token(token)}
    hasil = pengguna_store.periksa_sesi(path, sesi["sesi"])
    if isinstance(hasil, str):
        st.session_state[_COOKIE_HAPUS] = True
        if hasil == "diam":
            st.session_state[PESAN_MASUK_KEY] = SESI_BERAKHIR[hasil]
        return None
    st.session_state[SESI_KEY] = sesi
    return sesi


def akun_sidebar(user: akses.Pengguna, navigation) -> None:
    """Who is logged in, with a Keluar button; in local mode a warning on every page instead (a
    single small line on the Presentasi page, whose screen belongs to the slides)."""
    if user.lokal:
        st.sidebar.warning("Mode lokal: belum ada pengguna; siapa pun yang membuka aplikasi ini dapat mengubah data.",
                           icon=":material/lock_open:")
        if navigation.url_path == "presentasi":
            st.caption("Mode lokal: belum ada pengguna.")
        else:  # highlighted text, not st.info: each page's own first notice stays its first
            st.markdown(f":orange-background[:material/lock_open: {MODE_LOKAL}]")
        return
    st.sidebar.caption(f"Masuk sebagai **{escape_md(user.nama)}** · {akses.PERAN.get(user.peran, user.peran)}")
    if st.sidebar.button("Keluar", icon=":material/logout:", key="keluar"):
        sesi = st.session_state.get(SESI_KEY) or {}
        try:
            pengguna_store.keluar(db_path(), user, sesi.get("sesi"))
        except catatan.Sibuk:
            pass  # logging out never waits; the session ends here all the same
        akhiri_sesi("Anda sudah keluar.")
        st.rerun()


def mulai_sesi(token: str) -> None:
    """This browser session is now the session of `token` (from pengguna.masuk/buka_sesi); the
    browser keeps the token in a cookie so that a reload keeps the session."""
    st.session_state[SESI_KEY] = {"sesi": pengguna_store.hash_token(token)}
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
        unsafe_allow_javascript=True)


def berkas_unduhan(data, file_name: str, user: akses.Pengguna | None):
    """The data of a download as a callable Streamlit runs when the button is clicked (deferred
    download): it first re-checks on the server that `user` may still export and records the
    export in the audit trail (who, which file), in one transaction of the small-records store
    (never waiting for an upload), then makes the file. A refused user gets no file."""
    path = db_path()

    def make():
        pengguna_store.catat_ekspor(path, user, file_name)
        return data() if callable(data) else data
    return make


def unduh(label: str, data, file_name: str, *, mime: str, key: str | None = None, where=None, **kwargs) -> None:
    """Every download button of the app: shown only to roles that may export, and each download is
    recorded in the audit trail (`ekspor`, with the file name) when the file is made. `data` is
    bytes or a callable making them; the page does not rerun on a click."""
    if not boleh("ekspor"):
        return
    where = where or st
    where.download_button(label, data=berkas_unduhan(data, file_name, pengguna()), file_name=file_name, mime=mime,
                          key=key, on_click="ignore", **kwargs)


def boleh(aksi: str) -> bool:
    return akses.boleh(pengguna(), aksi)


def wajib(aksi: str) -> akses.Pengguna:
    """Stop this page run unless the session's user may do `aksi` — checked on the server for
    every page and before every action, not only by hiding buttons."""
    user = pengguna()
    if not akses.boleh(user, aksi):
        st.error("Anda tidak memiliki akses untuk ini. Hubungi admin bila Anda memerlukannya.")
        st.stop()
    return user


def _leave_legacy_multipage_mode() -> None:
    """Streamlit treats a `pages/` folder next to the entry script as an old-style multipage app
    until dashboard.py has called st.navigation once in the process (AppTest resets this before
    every run). A page opened that way — a shared link `/kecamatan?...` opened first after a
    restart — would run alone, without the app's navigation and election choice. Run the entry
    script in its place: it declares the navigation and runs this same page (its URL path is the
    same), in this same script run, so no widget event is lost; then stop the outer run."""
    from streamlit.runtime.pages_manager import PagesManager
    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        runpy.run_path(str(Path(__file__).resolve().parent.parent / "dashboard.py"), run_name="__main__")
        st.stop()


def election() -> str:
    _leave_legacy_multipage_mode()
    return st.session_state.get(ELECTION_KEY) or db.DEFAULT_ELECTION


def election_picker() -> str:
    """Sidebar choice of election, kept in the URL (`?pemilu=…`) so a link opens the same view."""
    elections = query("marts/elections")
    ids = list(elections["election_id"])
    names = {e: f"{j.capitalize()} {t.year}" for e, j, t in
             zip(elections["election_id"], elections["jenis"], elections["tanggal"])}
    active = next((e for e, a in zip(elections["election_id"], elections["aktif"]) if a), ids[0])
    chosen = url_choice("pemilu", ids, "Pemilihan", format_func=lambda e: names[e], default=active,
                        where=st.sidebar)
    st.session_state[ELECTION_KEY] = chosen
    return chosen


def data_caption(election_id: str) -> str:
    info = query("marts/data_terakhir", election=election_id).iloc[0]
    kab = level("kabupaten", election_id).iloc[0]
    parts = [f"{kab['pemilihan']} · pemungutan suara {fmt.tanggal(kab['tanggal_pemilihan'])}"]
    if info["terakhir_diunggah"] is not None and str(info["terakhir_diunggah"]) != "NaT":
        parts.append(f"data diperbarui {fmt.tanggal_jam(info['terakhir_diunggah'].to_pydatetime())}")
    return " · ".join(parts)


def footer() -> None:
    st.divider()
    st.caption(f"{teks.DISCLAIMER}. {teks.APP_NAMA}.")


# --------------------------------------------------------------------------- added for the pages
@st.cache_resource(show_spinner=False, max_entries=8)
def _dasar(path: str, version: tuple, election: str, _cur=None) -> model.Dasar:
    # What all pages of one election share at one data version (int_kecamatan computed once),
    # shared by every session; a new version is a new key and the old entry ages out.
    return model.dasar(_cur, election)


@st.cache_data(show_spinner=False, max_entries=64)
def _page(path: str, version: tuple, name: str, election: str, params: tuple, _cur=None):
    base = _dasar(path, version, election, _cur)
    return model.PAGES[name](_cur, election, base=base, **dict(params))


def page_data(name: str, election: str, **params) -> dict:
    """Everything one page shows (readiness.model.PAGES[name]), cached by data version: a new
    upload, a re-activated version or a saved setting makes a new version (the database file is
    replaced), so a number is never shown stale."""
    version, cur = snapshot()
    return _page(db_path(), version, name, election, tuple(sorted(params.items())), cur)


def url_choice(param: str, options: list[str], label: str, *, format_func=str, default: str | None = None,
               where=None, help: str | None = None) -> str | None:
    """A selectbox whose choice lives in the URL (`?param=value`) and in the session: a shared link
    or a browser refresh opens the same view, and the choice survives moving between pages."""
    where = where or st
    sticky_key, widget_key = f"_pilihan_{param}", f"pilih_{param}"
    sticky = st.session_state.get(sticky_key)
    from_url = st.query_params.get(param)
    if from_url in options and from_url != sticky:
        st.session_state[widget_key] = from_url  # a link, a refresh or a click from another page
    elif st.session_state.get(widget_key) not in options:
        st.session_state[widget_key] = sticky if sticky in options else (default if default in options else options[0])
    chosen = where.selectbox(label, options, format_func=format_func, key=widget_key, help=help)
    st.session_state[sticky_key] = chosen
    st.query_params[param] = chosen
    return chosen


def kecamatan_choice(kecamatan, label: str = "Kecamatan", where=None) -> str:
    """Choose a kecamatan (kept in the URL as `?kecamatan=35.13.14`)."""
    names = dict(zip(kecamatan["kode_kecamatan"], kecamatan["kecamatan"]))
    korwil = dict(zip(kecamatan["kode_kecamatan"], kecamatan["korwil"]))
    return url_choice("kecamatan", list(names), label, where=where,
                      format_func=lambda k: f"{names[k]} ({korwil[k]})" if isinstance(korwil.get(k), str) else names[k])


def open_kecamatan(event, election: str) -> None:
    """A click on a chart point carrying a kode_kecamatan opens the Kecamatan page for it."""
    points = (event or {}).get("selection", {}).get("points", []) if event else []
    for point in points:
        kode = point.get("customdata")
        if isinstance(kode, (list, tuple)):
            kode = kode[-1]
        if isinstance(kode, str) and kode.startswith("35."):
            st.session_state["_pilihan_kecamatan"] = None
            st.switch_page("pages/kecamatan.py", query_params={"pemilu": election, "kecamatan": kode})


def table(df, kolom, judul: str, data: dict, election: str, *, key: str, height: int | str = "auto",
          caption: str | None = None) -> None:
    """A table on screen (id-ID text) with its Excel and CSV downloads underneath (numbers as numbers,
    the election, the data version and the disclaimer in the Excel file)."""
    from readiness import export
    kolom = export.pilih_kolom(df, kolom)
    config = {k.judul: st.column_config.TextColumn(width="large") for k in kolom if k.lebar}
    st.dataframe(export.tampilan(df, kolom), hide_index=True, width="stretch", height=height, column_config=config)
    if caption:
        st.caption(caption)
    frame = export.ekspor(df, kolom)
    version_label = model.versi_label(data["versi"])
    row = st.container(horizontal=True)
    unduh("Unduh Excel (.xlsx)", lambda: export.to_xlsx(frame, judul, data["pemilihan"], version_label),
          export.nama_berkas(judul, election, "xlsx"), key=f"xlsx_{key}", where=row,
          mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", icon=":material/download:")
    unduh("Unduh CSV", lambda: export.to_csv(frame), export.nama_berkas(judul, election, "csv"),
          key=f"csv_{key}", where=row, mime="text/csv", icon=":material/download:")


def caption_from(data: dict) -> str:
    """`Pemilihan … (pemungutan suara 27 November 2024) · data diperbarui … · versi data 7: unggahan …`."""
    parts = [data["pemilihan"]]
    if not data["versi"].empty:
        parts.append(f"data diperbarui {fmt.tanggal_jam(data['versi']['uploaded_at'].max().to_pydatetime())}")
    parts.append(model.versi_label(data["versi"]))
    return " · ".join(parts)


def empty_state(message: str | None = None) -> None:
    """What to do when an election has no data yet; links to the upload page when there is one."""
    st.info(message or teks.BELUM_ADA_DATA)
    if Path(__file__).with_name("unggah.py").exists():
        try:
            st.page_link("pages/unggah.py", label="Buka Unggah Data", icon=":material/upload:")
        except st.errors.StreamlitAPIException:
            pass  # the upload page is not in the navigation of this installation
    footer()
    st.stop()


# Every character Streamlit's markdown gives a meaning to, backslash-escaped (CommonMark lets any
# ASCII punctuation be escaped): links and images `[x](y)`, emphasis, HTML `<a>`, `$…$` LaTeX,
# headings (`#`, or a line of `=` or `-` under text), lists, quotes, tables, entities `&lt;`.
_MD_SPECIAL = str.maketrans({c: "\\" + c for c in "\\`*_{}[]()#+-.!|<>~$=&"})
# Streamlit finds bare links (`https://…`, `www.…`, `a@b.c`), `:red[…]` directives, `:material/…:`
# icons and `:smile:` emoji in the text *after* the escapes are read, so a backslash cannot stop
# them: an invisible WORD JOINER (U+2060) after a `:` or `@` that something follows, and inside
# `www.`, does (checked in Chromium against Streamlit 1.67: no link, no colour, no icon; the text
# reads the same). A `:` before a space (`Jalankan: chmod`) needs none.
_WJ = "\u2060"
_WWW = re.compile(r"(?i)(www)(?=\\\.)")
_LEKAT = re.compile(r"([:@])(?=\S)")


def escape_md(text) -> str:
    """Text from a file or a user (a sheet or file name, a korwil name, a remark), shown literally
    inside any markdown element — st.markdown, caption, error, warning, info, success, toast, a
    subheader, a metric, expander or tab label — never as markup, a link, an icon or a colour."""
    escaped = _LEKAT.sub(r"\1" + _WJ, str(text).translate(_MD_SPECIAL))
    return _WWW.sub(r"\1" + _WJ, escaped)


# --------------------------------------------------------------------------- added for Presentasi
@st.cache_data(show_spinner=False, max_entries=16)
def _deck(path: str, version: tuple, election: str, lapor_versi: tuple | None = None, _cur=None):
    from readiness import slides
    # Field reports live in their own file, read through this process's writer.
    lapor_cur = lapor_layanan().cursor() if lapor_versi else None
    return slides.deck(_cur, election, lapor=lapor_cur)


def deck(election: str):
    """The rakor deck (readiness.slides.deck) for an election, cached by data version (and by the
    field reports' version): every slide change re-checks them, so an unattended screen shows a
    new upload or new reports on its next slide."""
    version, cur = snapshot()
    return _deck(db_path(), version, election, lapor_versi(), cur)


# --------------------------------------------------------------------------- added for Lapor (issue 9)
@st.cache_resource(show_spinner=False)
def _lapor_layanan(path: str):
    from readiness import lapor
    return lapor.Layanan(lapor.lapor_path(path))


def lapor_layanan():
    """The field reports' database of this server: one writer thread, cursors for readers
    (readiness.lapor.Layanan), one per process and main database."""
    return _lapor_layanan(db_path())


def lapor_versi() -> tuple | None:
    """Changes with every committed report; None when the reports cannot be opened here."""
    from readiness import lapor
    try:
        return lapor_layanan().versi()
    except lapor.LaporanDitolak:
        return None


@st.cache_resource(show_spinner=False, max_entries=4)
def _daftar_tps(path: str, version: tuple, election: str, _cur=None):
    from readiness import lapor
    return lapor.DaftarTps.dari_db(_cur, election)


def daftar_tps(election: str):
    """The active TPS list of an election (readiness.lapor.DaftarTps), cached by data version."""
    version, cur = snapshot()
    return _daftar_tps(db_path(), version, election, cur)


def sesi_ditutup() -> bool:
    """The browser tab of this script run was closed: its session is no longer connected."""
    from streamlit.runtime import Runtime
    from streamlit.runtime.scriptrunner import get_script_run_ctx

    ctx = get_script_run_ctx(suppress_warning=True)
    return ctx is not None and Runtime.exists() and not Runtime.instance().is_active_session(ctx.session_id)
