"""The Unggah Data page's parts: the uploader in Indonesian, the check of the chosen files kept
across reruns, and one file's box (its kind, what was understood, its verdict). The words come
from readiness.ingest.summary; file and sheet names are shown escaped or as plain text."""

from __future__ import annotations

import hashlib
import logging

import streamlit as st

from app import baca, sesi
from app.markdown import escape_md
from readiness import ingest, teks
from readiness.ingest import ditolak, summary

_VERDICT = {"error": st.error, "info": st.info, "warning": st.warning, "success": st.success}


def pengunggah(round_no: int) -> list[tuple[str, bytes]]:
    """The files chosen in this round of the uploader (a new round after each save empties it)."""
    uploads = st.file_uploader(
        "Pilih berkas Excel (.xlsx, .xls) atau CSV — boleh beberapa sekaligus",
        type=["xlsx", "xlsm", "xls", "ods", "csv", "txt"],
        accept_multiple_files=True,
        key=f"unggah_files_{round_no}",
    )
    return [(f.name, f.getvalue()) for f in uploads or []]


def diperiksa(election: str, files: list[tuple[str, bytes]]) -> ingest.Batch:
    """The files read and checked, nothing written: once per set of files and kind choices, kept
    across reruns of the page."""
    overrides = {
        name: kind for name, kind in st.session_state.get("unggah_jenis", {}).items() if name in {n for n, _ in files}
    }
    key = (
        election,
        tuple((n, hashlib.sha256(d).hexdigest()) for n, d in files),
        tuple(sorted(overrides.items())),
        baca.current_reader().version,
    )
    cache = st.session_state.get("unggah_prepared")
    if cache and cache[0] == key:
        return cache[1]
    bar = st.progress(0.0, text="Memeriksa berkas…")

    def progress(fraction, text):
        # Nobody waits for a closed tab: stop the parse at its next step (nothing is written before
        # the save button). A rerun or stop requested meanwhile ends it inside bar.progress as well.
        if sesi.sesi_ditutup():
            raise ingest.Dibatalkan()
        bar.progress(min(fraction, 1.0), text=text)

    batch = None
    try:
        batch = ingest.prepare(baca.db_path(), files, election=election, kind=overrides, progress=progress)
    except ingest.Dibatalkan:
        st.stop()
    finally:
        if batch is None:  # closed tab, or a new run of this page replaced this one: nothing was saved
            logging.getLogger(__name__).warning(
                "pemeriksaan unggahan dihentikan sebelum selesai: %s", ", ".join(n for n, _ in files)
            )
    bar.empty()
    st.session_state["unggah_prepared"] = (key, batch)
    # A refused file is in the audit trail once per session, however often the page reruns.
    recorded = st.session_state.setdefault("unggah_ditolak_dicatat", set())
    recorded.update(ditolak.catat(baca.db_path(), batch, sesi.pengguna(), kecuali=recorded))
    return batch


def simpan(batch: ingest.Batch, round_no: int, dropped: list[ingest.FileResult] | None = None) -> None:
    """Save the batch (all its files or none), then an empty uploader and the outcome above it;
    `dropped`: the refused files the user chose to leave out."""
    pelaku = sesi.wajib("unggah")  # checked again on the server before anything is written
    try:
        done = ingest.commit_batch(baca.db_path(), batch, uploaded_by=pelaku.nama, pelaku=pelaku)
    except Exception as exc:  # a lock held too long: say so, nothing was written
        st.error(f"Tidak tersimpan: {escape_md(exc)}")
    else:
        st.session_state["unggah_pesan"] = escape_md(summary.saved(done, dropped))
        lupakan(round_no)
        st.rerun()


def lupakan(round_no: int) -> None:
    """After a save: an empty uploader, no kept check, no kind choices."""
    st.session_state["unggah_round"] = round_no + 1
    st.session_state.pop("unggah_prepared", None)
    st.session_state.pop("unggah_jenis", None)


def _jenis(result: ingest.FileResult, round_no: int) -> None:
    """The kind of the file: detected, chosen, or (when no table was recognised) to be chosen;
    changing it reads the file again."""
    options = list(ingest.KINDS)
    current = result.kind or st.session_state.get("unggah_jenis", {}).get(result.file_name)
    chosen = st.selectbox(
        summary.kind_label(result),
        options,
        index=options.index(current) if current in options else None,
        format_func=teks.JENIS.get,
        placeholder="Pilih jenis data berkas ini",
        key=f"jenis_{round_no}_{result.file_name}",
    )
    if not result.kind:  # the message also offers a template: say where they are
        st.caption("Templat setiap jenis data ada di tab **Templat** di atas.")
    if chosen is not None and chosen != current:
        st.session_state.setdefault("unggah_jenis", {})[result.file_name] = chosen
        st.rerun()


def berkas(result: ingest.FileResult, round_no: int, *, expanded: bool) -> None:
    """One file: its kind (changing it reads the file again), what was understood, the verdict."""
    with st.container(border=True):
        st.markdown(f"**{escape_md(result.file_name)}**")
        if result.kind or result.pilih_jenis:
            _jenis(result, round_no)
        if result.kind:
            st.markdown(escape_md(summary.understood(result)))  # sheet names are the file's words
            if footer := result.describe_footer():
                st.caption(escape_md(footer))
            with st.expander("Kolom yang dibaca", expanded=expanded):
                st.dataframe(summary.mapping(result), hide_index=True, width="stretch")
        level, text = summary.verdict(result)
        _VERDICT[level](text)
        if result.errors:
            st.text(summary.shown_errors(result))
        if note := summary.hidden_note(result):
            st.caption(note)
