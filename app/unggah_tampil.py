"""The Unggah Data page's parts: the uploader in Indonesian, the check of the chosen files kept
across reruns, and one file's box (its kind, what was understood, its verdict). The words come
from readiness.ingest.summary; file and sheet names are shown escaped or as plain text."""

from __future__ import annotations

import logging
import time

import streamlit as st
from streamlit.runtime.scriptrunner import StopException

from app import baca, berkas_unggah, ekspor, layar, sesi
from app.markdown import escape_md
from readiness import export, fmt, ingest, privacy, teks
from readiness.ingest import ditolak, pekerja, summary

berkas_unggah.pasang()  # the uploader's files reach the page without a copy of their bytes

_BERKAS = "unggah_berkas"  # file id -> berkas_unggah.Berkas: the uploader's files, on disk
_TUGAS = "unggah_tugas"  # (what the job is for, its pekerja.Tugas) while a worker runs for this session
_VERDICT = {"error": st.error, "info": st.info, "warning": st.warning, "success": st.success}


def pengunggah(round_no: int) -> list[berkas_unggah.Berkas]:
    """The files chosen in this round of the uploader (a new round after each save empties it), on
    disk: each written out once as it arrives, then Streamlit's copy of its bytes let go
    (berkas_unggah.di_disk); the uploader still shows it, and a check or save reads it from disk."""
    key = f"unggah_files_{round_no}"
    uploads = st.file_uploader(
        "Pilih berkas Excel (.xlsx, .xls) atau CSV — boleh beberapa sekaligus",
        type=["xlsx", "xlsm", "xls", "ods", "csv", "txt"],
        accept_multiple_files=True,
        key=key,
    )
    known = st.session_state.setdefault(_BERKAS, {})
    dasar = pekerja.folder_dasar(baca.db_path())
    files = berkas_unggah.di_disk(st.session_state.get(key), dasar, known, uploads)
    if not files:  # the files were taken out: their check's folder (the rows read) goes too
        st.session_state.pop("unggah_prepared", None)
    return files


def _kunci(election: str, files: list) -> tuple:
    """What a check depends on: the election, each file's name and content, the kind choices and
    the data version."""
    names = {f.name for f in files}
    overrides = {name: kind for name, kind in st.session_state.get("unggah_jenis", {}).items() if name in names}
    digests = tuple((f.name, f.sha256) for f in files)
    return (election, digests, tuple(sorted(overrides.items())), baca.current_reader().version)


def _jalankan(kunci: tuple, mode: str, mulai) -> tuple[ingest.Batch | str | None, pekerja.Tugas]:
    """The job of `kunci` (started by `mulai()` unless this session already runs it), its progress
    shown until the worker is done. Returns its batch, the message of a failure it reported, or
    None when the worker was killed; and the finished job (its folder is the caller's to keep or
    remove). A closed tab stops the worker; a new run of the page (a click meanwhile) leaves it
    running for the next run to follow."""
    held = st.session_state.get(_TUGAS)
    if held and held[0] != kunci:  # other files or choices now: nobody waits for that job
        held[1].hentikan()
        held = None
    tugas = held[1] if held else mulai()
    st.session_state[_TUGAS] = (kunci, tugas)
    keadaan = tugas.keadaan()
    bar = st.progress(keadaan["fraction"], text=pekerja.teks_kemajuan(mode, keadaan))
    try:
        while not tugas.selesai():
            if sesi.sesi_ditutup():
                st.stop()
            time.sleep(0.25)
            keadaan = tugas.keadaan()
            bar.progress(keadaan["fraction"], text=pekerja.teks_kemajuan(mode, keadaan))
    except StopException:
        # The run was stopped, not rerun: its tab closed (Streamlit stops the run first and only
        # then takes the session off its active list, so this is the sure sign). Stop the worker:
        # nothing was saved. A rerun (a click meanwhile) is not a stop and leaves it running.
        logging.getLogger(__name__).warning(
            "%s unggahan dihentikan sebelum selesai: %s",
            "pemeriksaan" if mode == "periksa" else "penyimpanan",
            ", ".join(tugas.names),
        )
        tugas.hentikan()
        st.session_state.pop(_TUGAS, None)
        raise
    hasil = tugas.hasil()
    st.session_state.pop(_TUGAS, None)
    bar.empty()
    if hasil is None:
        logging.getLogger(__name__).warning(
            "proses pekerja unggahan berhenti tanpa hasil (kode %s): %s", tugas.proc.returncode, ", ".join(tugas.names)
        )
    return hasil, tugas


def diperiksa(election: str, files: list) -> ingest.Batch | str:
    """The files read and checked by a worker process, nothing written: once per set of files and
    kind choices, kept across reruns of the page with the job (its folder holds the rows read, for
    the save). A message instead when the check could not end."""
    kunci = _kunci(election, files)
    cache = st.session_state.get("unggah_prepared")
    if cache and cache[0] == kunci:
        return cache[1]
    privacy.installation_secret(baca.db_path())  # a missing or unsafe key is said before any work
    overrides = dict(kunci[2])
    batch, tugas = _jalankan(
        ("periksa", kunci),
        "periksa",
        lambda: pekerja.mulai(
            baca.db_path(),
            "periksa",
            [(f.name, f) for f in files],
            election=election,
            kind=overrides,
            pelaku=sesi.pengguna(),  # a user limited to a kab/kota sees rows outside it refused now
        ),
    )
    if batch is None:
        batch = pekerja.berhenti("periksa")
    if not isinstance(batch, ingest.Batch):
        tugas.bersihkan()
    # The previous check's folder goes with its job, now that nobody holds it.
    st.session_state["unggah_prepared"] = (kunci, batch, tugas)
    if isinstance(batch, ingest.Batch):
        # A refused file is in the audit trail once per session, however often the page reruns.
        recorded = st.session_state.setdefault("unggah_ditolak_dicatat", set())
        recorded.update(ditolak.catat(baca.db_path(), batch, sesi.pengguna(), kecuali=recorded))
    return batch


def periksa_lagi() -> None:
    """Forget a check that could not end, so that the next run starts it again."""
    st.session_state.pop("unggah_prepared", None)


def simpan(election: str, files: list, round_no: int, dropped: list[ingest.FileResult] | None = None) -> None:
    """Save the files (all of them or none) in a worker process, leaving out `dropped` (the refused
    files the user chose not to save), then an empty uploader and the outcome above it. The save of
    the checked files runs in their check's folder and writes the rows the check read (read again
    there only when the installation changed since); otherwise the files are written out anew."""
    pelaku = sesi.wajib("unggah")  # checked again on the server before anything is written
    kunci = _kunci(election, files)
    left_out = tuple(r.file_name for r in dropped or [])
    kept = [(f.name, f) for f in files if f.name not in left_out]
    prepared = st.session_state.get("unggah_prepared")
    checked = prepared[2] if prepared and prepared[0][:3] == kunci[:3] else None

    def mulai() -> pekerja.Tugas:
        if checked is not None and checked.ada():
            return pekerja.lanjutkan(checked, [name for name, _ in kept], pelaku=pelaku)
        return pekerja.mulai(baca.db_path(), "simpan", kept, election=election, kind=dict(kunci[2]), pelaku=pelaku)

    _simpan(("simpan", kunci, left_out), round_no, mulai)


def simpan_berjalan(round_no: int) -> None:
    """Follow a save this session started in an earlier run (a click meanwhile started a new run)."""
    held = st.session_state.get(_TUGAS)
    if held is not None and held[0][0] == "simpan":
        _simpan(held[0], round_no, None)


def _simpan(kunci: tuple, round_no: int, mulai) -> None:
    done, tugas = _jalankan(kunci, "simpan", mulai)
    tugas.bersihkan()
    if isinstance(done, ingest.Batch) and done.ok:
        preview = st.session_state.get("unggah_prepared")
        results = preview[1].results if preview and isinstance(preview[1], ingest.Batch) else []
        dropped = [r for r in results if r.file_name in kunci[2]]
        st.session_state["unggah_pesan"] = escape_md(summary.saved(done, dropped))
        lupakan(round_no)
        st.rerun()
    elif isinstance(done, ingest.Batch):  # refused now (the data changed since the check): nothing written
        st.session_state.pop("unggah_prepared", None)
        st.error("Tidak tersimpan: " + escape_md(summary.refused_note(done)))
    else:
        st.error(escape_md(done or pekerja.berhenti("simpan")))


def periksaan(election: str, files: list, batch: ingest.Batch, round_no: int) -> None:
    """The checked files: each file's box, the list of problems, and the save buttons."""
    for result in batch.results:
        berkas(result, round_no, expanded=len(batch.results) == 1)
    problems = summary.problems(batch.results)
    if not problems.empty:
        st.subheader("Daftar masalah")
        _tabel(problems, ["Baris"], ["Masalah"])
        ekspor.unduh(
            "Unduh daftar masalah (CSV)",
            export.to_csv(problems),
            export.nama_berkas("masalah unggahan", election, "csv", wilayah=baca.kata(election).nama),
            mime="text/csv",
            key="unduh_masalah_unggahan",
        )
    if summary.can_save(batch):
        if st.button("Simpan semua ke database", type="primary"):
            simpan(election, files, round_no)
    elif not batch.ok:
        st.error(escape_md(summary.refused_note(batch)))
        if summary.can_save_rest(batch) and st.button(summary.save_rest_label(batch), type="primary"):
            simpan(election, files, round_no, dropped=batch.refused)


def lupakan(round_no: int) -> None:
    """After a save: an empty uploader (the saved files gone from disk), no kept check, no kind choices."""
    st.session_state["unggah_round"] = round_no + 1
    st.session_state.pop("unggah_prepared", None)
    st.session_state.pop("unggah_jenis", None)
    for berkas in st.session_state.pop(_BERKAS, {}).values():  # the saved files go from disk
        berkas.hapus()


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
                _tabel(summary.mapping(result), [], ["Judul kolom di berkas"])
        level, text = summary.verdict(result)
        _VERDICT[level](text)
        if result.errors:
            st.text(summary.shown_errors(result))
        if note := summary.hidden_note(result):
            st.caption(note)


def _tabel(frame, angka: list[str], panjang: list[str]) -> None:
    """A table of the check as a reading table (layar.tabel_baca): read row by row on a phone,
    row numbers in id-ID, an empty cell empty."""

    def teks_sel(value) -> str:
        if value is None or value != value:
            return ""
        return fmt.angka(value) if isinstance(value, int | float) else str(value)

    layar.tabel_baca(frame.astype(object).map(teks_sel), angka, panjang)
