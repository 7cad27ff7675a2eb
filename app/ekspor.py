"""Download buttons: shown only to roles that may export, each download recorded in the audit
trail (who, which file) when the file is made."""

from __future__ import annotations

import streamlit as st

from app import baca, sesi
from readiness import akses
from readiness import pengguna as pengguna_store


def berkas_unduhan(data, file_name: str, user: akses.Pengguna | None):
    """The data of a download as a callable Streamlit runs when the button is clicked (deferred
    download): it first re-checks on the server that `user` may still export and records the
    export in the audit trail (who, which file), in one transaction of the small-records store
    (never waiting for an upload), then makes the file. A refused user gets no file."""
    path = baca.db_path()

    def make():
        pengguna_store.catat_ekspor(path, user, file_name)
        return data() if callable(data) else data

    return make


def unduh(label: str, data, file_name: str, *, mime: str, key: str | None = None, where=None, **kwargs) -> None:
    """Every download button of the app: shown only to roles that may export, and each download is
    recorded in the audit trail (`ekspor`, with the file name) when the file is made. `data` is
    bytes or a callable making them; the page does not rerun on a click."""
    if not sesi.boleh("ekspor"):
        return
    where = where or st
    where.download_button(
        label,
        data=berkas_unduhan(data, file_name, sesi.pengguna()),
        file_name=file_name,
        mime=mime,
        key=key,
        on_click="ignore",
        **kwargs,
    )
