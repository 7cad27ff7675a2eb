"""The database reader of this process and results cached by data version: a new upload or a
re-activated version makes a new analytical file, a problem or a threshold saved in the
small-records store a new store version (readiness/catatan.py `versi_tampil`); the key carries
both (db.Reader.snapshot), so a number is never shown stale, and a login, logout or export,
which change neither, empties no cache."""

from __future__ import annotations

import os
from pathlib import Path

import streamlit as st

from readiness import charts, db, model


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
    """kecamatan/korwil/kabupaten/desa readiness for an election (see readiness/model/laporan.py)."""
    version, cur = snapshot()
    return _level(db_path(), version, election, name, cur)


@st.cache_data(show_spinner=False, max_entries=64)
def _query(path: str, version: tuple, name: str, params: tuple, _cur=None):
    return db.run(_cur, name, **dict(params))


def query(name: str, **params):
    """One named query (queries/<name>.sql) at the current data version, cached."""
    version, cur = snapshot()
    return _query(db_path(), version, name, tuple(sorted(params.items())), cur)


@st.cache_resource(show_spinner=False, max_entries=8)
def _dasar(path: str, version: tuple, election: str, _cur=None) -> model.Dasar:
    # What all pages of one election share at one data version (int_kecamatan computed once),
    # shared by every session; a new version is a new key and the old entry ages out.
    return model.dasar(_cur, election)


@st.cache_data(show_spinner=False, max_entries=8)
def _peta(path: str, version: tuple, tingkat: str, election: str, _cur=None) -> dict:
    return charts.kecamatan_shapes(_cur, tingkat, election)


def peta(election: str, tingkat: str = "kecamatan") -> dict:
    """The outlines of the kecamatan of `election` for the maps (readiness.charts.kecamatan_shapes,
    marts/kecamatan_batas; `kabkota`: of its kab/kota, marts/kabkota_batas; `provinsi`: of the
    nation's provinces, marts/provinsi_batas; a bupati or wali kota contest its own kab/kota's),
    cached by data version; empty when the region has no boundaries."""
    version, cur = snapshot()
    return _peta(db_path(), version, tingkat, election, cur)


@st.cache_data(show_spinner=False, max_entries=64)
def _page(path: str, version: tuple, name: str, election: str, params: tuple, _cur=None):
    base = _dasar(path, version, election, _cur)
    return model.PAGES[name](_cur, election, base=base, **dict(params))


def page_data(name: str, election: str, **params) -> dict:
    """Everything one page shows (readiness.model.PAGES[name]), cached by data version; under
    `kunci`, what it was computed from (the key of the page's charts, `grafik`)."""
    version, cur = snapshot()
    key = (db_path(), version, name, election, tuple(sorted(params.items())))
    return {**_page(*key, cur), "kunci": key}


@st.cache_resource(show_spinner=False, max_entries=64)
def _grafik(kunci: tuple, nama: str, pilihan: tuple, _build):
    return _build()


def grafik(data: dict, nama: str, build, *pilihan):
    """The chart `nama` of a page's `data` (page_data), built by `build()` once per data version
    and `pilihan` (what else it depends on: a korwil chosen, a threshold) and shared by every
    session. Building a Plotly figure validates every property (0,1–0,4 s of a page's run on this
    machine, before the browser can ask for Plotly's code); st.plotly_chart only reads a copy of
    it, and nothing changes a figure once built."""
    return _grafik(data["kunci"], nama, pilihan, build)


@st.cache_data(show_spinner=False, max_entries=16)
def _kata(path: str, version: tuple, election: str, _cur=None):
    from readiness.wilayah import kata

    return kata(_cur, election)


def kata(election: str):
    """The words of the installation's region and of `election` (readiness.wilayah.Kata:
    Kabupaten/Kota, Bupati/Wali Kota, desa/kelurahan), cached by data version."""
    version, cur = snapshot()
    return _kata(db_path(), version, election, cur)


@st.cache_data(show_spinner=False, max_entries=16)
def _deck(path: str, version: tuple, election: str, lapor_versi: tuple | None = None, _cur=None):
    from readiness.deck import build

    # Field reports live in their own file, read through this process's writer.
    lapor_cur = lapor_layanan().cursor() if lapor_versi else None
    return build(_cur, election, lapor=lapor_cur)


def deck(election: str):
    """The rakor deck (readiness.deck.build) for an election, cached by data version (and by the
    field reports' version): every slide change re-checks them, so an unattended screen shows a
    new upload or new reports on its next slide."""
    version, cur = snapshot()
    return _deck(db_path(), version, election, lapor_versi(), cur)


def lapor_layanan(path: str | None = None):
    """The field reports' database beside the main database `path` (this server's by default): one
    writer thread, cursors for readers (readiness.lapor.Layanan), one per process and database,
    shared with the phones' /lapangan/ routes (readiness.lapor.layanan)."""
    from readiness import lapor

    return lapor.layanan(path or db_path())


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


@st.cache_data(show_spinner="Memeriksa daftar pemilih…", max_entries=16)
def _audit(path: str, version: tuple, election: str, _cur=None):
    from readiness import audit

    return audit.lengkap(_cur, election)


@st.cache_data(show_spinner=False, max_entries=16)
def _label(path: str, version: tuple, election: str, _cur=None) -> tuple[str, str]:
    return model.pemilihan_label(_cur, election), model.versi_label(db.run(_cur, "marts/versi_data", election=election))


def temuan(election: str):
    """(the audit of the voter lists, readiness.audit.lengkap; the election's name; the data
    version's label), all from one data version and cached by it."""
    version, cur = snapshot()
    return (_audit(db_path(), version, election, cur), *_label(db_path(), version, election, cur))
