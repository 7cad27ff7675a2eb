"""What every page shares: the database reader, cached results keyed by data version, the
active election, and the footer. Streamlit lives here and in the pages, never in readiness/."""
from __future__ import annotations

import os
from pathlib import Path

import streamlit as st

from readiness import db, fmt, model, teks

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


def election() -> str:
    return st.session_state.get(ELECTION_KEY) or db.DEFAULT_ELECTION


def election_picker() -> str:
    """Sidebar choice of election, kept in the URL (`?pemilu=…`) so a link opens the same view."""
    elections = query("marts/elections")
    ids = list(elections["election_id"])
    names = {e: f"{j.capitalize()} {t.year}" for e, j, t in
             zip(elections["election_id"], elections["jenis"], elections["tanggal"])}
    active = next((e for e, a in zip(elections["election_id"], elections["aktif"]) if a), ids[0])
    wanted = st.query_params.get("pemilu", active)
    index = ids.index(wanted) if wanted in ids else ids.index(active)
    chosen = st.sidebar.selectbox("Pemilihan", ids, index=index, format_func=lambda e: names[e])
    st.query_params["pemilu"] = chosen
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
