"""What every page shares: the database reader, cached results keyed by data version, the
active election, and the footer. Streamlit lives here and in the pages, never in readiness/."""
from __future__ import annotations

import os
import runpy
from pathlib import Path

import streamlit as st

from readiness import akses, db, fmt, model, teks

ELECTION_KEY = "election"


@st.cache_resource(show_spinner=False)
def reader(path: str) -> db.Reader:
    return db.Reader(path)


def db_path() -> str:
    return str(Path(os.environ.get("READINESS_DB", db.DEFAULT_DB)))


def current_reader() -> db.Reader:
    return reader(db_path())


@st.cache_data(show_spinner=False, max_entries=64)
def _level(path: str, version: tuple, election: str, level: str):
    # `version` changes with every committed write, so a new upload is never shown stale.
    return model.LEVELS[level](reader(path).cursor(), election)


def level(name: str, election: str):
    """kecamatan/korwil/kabupaten/desa readiness for an election (see readiness/model.py)."""
    rd = current_reader()
    return _level(db_path(), rd.version, election, name)


@st.cache_data(show_spinner=False, max_entries=64)
def _query(path: str, version: tuple, name: str, params: tuple):
    return db.run(reader(path).cursor(), name, **dict(params))


def query(name: str, **params):
    rd = current_reader()
    return _query(db_path(), rd.version, name, tuple(sorted(params.items())))


# --------------------------------------------------------------------------- access (issue 8)
def pengguna() -> akses.Pengguna | None:
    """The user of this session: akses.LOKAL while no user exists (local mode), None when a login
    is needed."""
    return akses.LOKAL


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
def _dasar(path: str, version: tuple, election: str) -> model.Dasar:
    # What all pages of one election share at one data version (int_kecamatan computed once),
    # shared by every session; a new version is a new key and the old entry ages out.
    return model.dasar(reader(path).cursor(), election)


@st.cache_data(show_spinner=False, max_entries=64)
def _page(path: str, version: tuple, name: str, election: str, params: tuple):
    base = _dasar(path, version, election)
    return model.PAGES[name](reader(path).cursor(), election, base=base, **dict(params))


def page_data(name: str, election: str, **params) -> dict:
    """Everything one page shows (readiness.model.PAGES[name]), cached by data version: a new
    upload, a re-activated version or a saved setting makes a new version (the database file is
    replaced), so a number is never shown stale."""
    rd = current_reader()
    return _page(db_path(), rd.version, name, election, tuple(sorted(params.items())))


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
    row.download_button(
        "Unduh Excel (.xlsx)", data=lambda: export.to_xlsx(frame, judul, data["pemilihan"], version_label),
        file_name=export.nama_berkas(judul, election, "xlsx"), key=f"xlsx_{key}", on_click="ignore",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", icon=":material/download:")
    row.download_button(
        "Unduh CSV", data=lambda: export.to_csv(frame), file_name=export.nama_berkas(judul, election, "csv"),
        key=f"csv_{key}", on_click="ignore", mime="text/csv", icon=":material/download:")


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


_MD_SPECIAL = str.maketrans({c: "\\" + c for c in "\\`*_{}[]()#+-.!|<>~$"})


def escape_md(text: str) -> str:
    """Text from a file or a user, shown literally inside markdown (never as markup or links)."""
    return str(text).translate(_MD_SPECIAL)


# --------------------------------------------------------------------------- added for Presentasi
@st.cache_data(show_spinner=False, max_entries=16)
def _deck(path: str, version: tuple, election: str):
    from readiness import slides
    return slides.deck(reader(path).cursor(), election)


def deck(election: str):
    """The rakor deck (readiness.slides.deck) for an election, cached by data version: every
    slide change re-checks the version, so an unattended screen shows a new upload on its next
    slide."""
    rd = current_reader()
    return _deck(db_path(), rd.version, election)
