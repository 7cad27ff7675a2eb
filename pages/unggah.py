"""Unggah Data: upload exports, see what was understood before saving, save all files or none,
see the upload history and re-activate an earlier version; templates per kind.
Queries: marts/uploads (history), ref_kecamatan through readiness.ingest."""
import hashlib
import logging

import pandas as pd
import streamlit as st

from app import common
from readiness import export, fmt, ingest, masalah, privacy, teks
from readiness.ingest import templates
from readiness.ingest.workbook import column_letter

election = common.election()
common.wajib("unggah")  # also on the server: a role without it never gets the form, even by URL
st.title("Unggah Data")
st.caption("Rekap DPT, daftar TPS, perekaman KTP-el, target partisipasi, atau daftar pemilih per orang. "
           "Semua berkas dalam satu unggahan disimpan bersama — atau tidak sama sekali bila ada yang salah.")

tab_upload, tab_history, tab_templates = st.tabs(["Unggah berkas", "Riwayat dan versi", "Templat"])

PROBLEM_COLUMNS = ["Tingkat", "Berkas", "Sheet", "Baris", "Kolom", "Masalah"]


def problems_frame(results) -> pd.DataFrame:
    rows = [("Galat" if p.level == "galat" else "Peringatan", p.file, p.sheet or "", p.row or "", p.column or "",
             p.message) for r in results for p in r.problems]
    return pd.DataFrame(rows, columns=PROBLEM_COLUMNS)


def mapping_frame(result) -> pd.DataFrame:
    rows = []
    for lay in result.layouts:
        for col, field in sorted(lay.columns.items()):
            rows.append((lay.sheet.name, column_letter(col), lay.names[col], teks.KOLOM.get(field, field)))
    return pd.DataFrame(rows, columns=["Sheet", "Kolom", "Judul kolom di berkas", "Dibaca sebagai"])


def prepared(files, overrides):
    """Parse once per set of files and kind choices; kept across reruns of this page."""
    key = (election, tuple((n, hashlib.sha256(d).hexdigest()) for n, d in files),
           tuple(sorted(overrides.items())), common.current_reader().version)
    cache = st.session_state.get("unggah_prepared")
    if cache and cache[0] == key:
        return cache[1]
    bar = st.progress(0.0, text="Memeriksa berkas…")

    def progress(fraction, text):
        # Nobody waits for a closed tab: stop the parse at its next step (nothing is written before
        # the save button). A rerun or stop requested meanwhile ends it inside bar.progress as well.
        if common.sesi_ditutup():
            raise ingest.Dibatalkan()
        bar.progress(min(fraction, 1.0), text=text)

    batch = None
    try:
        batch = ingest.prepare(common.db_path(), files, election=election, kind=overrides, progress=progress)
    except ingest.Dibatalkan:
        st.stop()
    finally:
        if batch is None:  # closed tab, or a new run of this page replaced this one: nothing was saved
            logging.getLogger(__name__).warning("pemeriksaan unggahan dihentikan sebelum selesai: %s",
                                                ", ".join(n for n, _ in files))
    bar.empty()
    st.session_state["unggah_prepared"] = (key, batch)
    return batch


# The uploader's own button and size note are in English; say them in Indonesian.
st.html("""<style>
[data-testid="stFileUploaderDropzone"] button [data-testid="stMarkdownContainer"] p { font-size: 0; }
[data-testid="stFileUploaderDropzone"] button [data-testid="stMarkdownContainer"] p::after {
  content: "Pilih berkas"; font-size: 0.875rem; }
[data-testid="stFileUploaderDropzoneInstructions"] span { font-size: 0; }
[data-testid="stFileUploaderDropzoneInstructions"] span::after {
  content: "Maks. 1 GB per berkas · XLSX, XLSM, XLS, ODS, CSV, TXT (Unicode)"; font-size: 0.875rem; }
</style>""")

with tab_upload:
    round_no = st.session_state.setdefault("unggah_round", 0)
    uploads = st.file_uploader("Pilih berkas Excel (.xlsx, .xls) atau CSV — boleh beberapa sekaligus",
                               type=["xlsx", "xlsm", "xls", "ods", "csv", "txt"], accept_multiple_files=True,
                               key=f"unggah_files_{round_no}")
    if message := st.session_state.pop("unggah_pesan", None):
        st.success(message)
    if uploads:
        files = [(f.name, f.getvalue()) for f in uploads]
        overrides = {name: kind for name, kind in st.session_state.get("unggah_jenis", {}).items()
                     if name in {n for n, _ in files}}
        try:
            batch = prepared(files, overrides)
        except privacy.KeyRefused as exc:  # the installation key is missing or unsafe: the admin must act
            st.error(common.escape_md(str(exc)))
            st.stop()
        for result in batch.results:
            with st.container(border=True):
                st.markdown(f"**{common.escape_md(result.file_name)}**")
                if result.kind:
                    options = list(ingest.KINDS)
                    chosen = st.selectbox(
                        "Jenis data" + (" (terdeteksi otomatis)" if result.kind_detected else " (dipilih)"),
                        options, index=options.index(result.kind), format_func=teks.JENIS.get,
                        key=f"jenis_{round_no}_{result.file_name}")
                    if chosen != result.kind:
                        st.session_state.setdefault("unggah_jenis", {})[result.file_name] = chosen
                        st.rerun()
                    summary = f"{result.describe_layout()} · {fmt.angka(result.rows)} baris data"
                    if result.coverage:
                        summary += f" · {result.describe_coverage()}"
                    if result.tanggal_data:
                        summary += f" · data per {fmt.tanggal(result.tanggal_data)}"
                    st.markdown(common.escape_md(summary))  # sheet names are the file's words
                    if footer := result.describe_footer():
                        st.caption(common.escape_md(footer))
                    with st.expander("Kolom yang dibaca", expanded=len(batch.results) == 1):
                        st.dataframe(mapping_frame(result), hide_index=True, width="stretch")
                if result.errors:
                    st.error(f"Ditolak: {fmt.angka(len(result.errors) + result.hidden_problems)} masalah. "
                             "Perbaiki berkasnya lalu unggah ulang.")
                    st.text("\n".join(p.text() for p in result.errors[:10]))
                elif result.duplicate_of:
                    st.info("Berkas ini sama persis dengan yang sudah pernah diunggah; tidak akan dihitung dua kali.")
                elif result.warnings:
                    st.warning(f"{fmt.angka(len(result.warnings))} peringatan (data tetap dapat disimpan).")
                else:
                    st.success("Siap disimpan, tidak ada masalah.")
                if result.hidden_problems:
                    st.caption(f"… dan {fmt.angka(result.hidden_problems)} masalah lain tidak ditampilkan.")
        problems = problems_frame(batch.results)
        if not problems.empty:
            st.subheader("Daftar masalah")
            st.dataframe(problems, hide_index=True, width="stretch")
            common.unduh("Unduh daftar masalah (CSV)", export.to_csv(problems),
                         "masalah_unggahan.csv", mime="text/csv", key="unduh_masalah_unggahan")
        if batch.ok and any(not r.duplicate_of for r in batch.results):
            if st.button("Simpan semua ke database", type="primary"):
                pelaku = common.wajib("unggah")  # checked again on the server before anything is written
                try:
                    done = ingest.commit_batch(common.db_path(), batch, uploaded_by=pelaku.nama, pelaku=pelaku)
                except Exception as exc:  # a lock held too long: say so, nothing was written
                    st.error(f"Tidak tersimpan: {common.escape_md(exc)}")
                else:
                    saved = [r for r in done.results if r.upload_id]
                    st.session_state["unggah_pesan"] = (
                        "Tersimpan: " + "; ".join(f"{common.escape_md(r.file_name)} → unggahan #{r.upload_id}"
                                                  + (f" ({masalah.ringkas_gabung(r.gabung)})" if r.gabung else "")
                                                  for r in saved)
                        if done.committed else "Tidak ada perubahan: semua berkas sudah pernah diunggah.")
                    st.session_state["unggah_round"] = round_no + 1
                    st.session_state.pop("unggah_prepared", None)
                    st.session_state.pop("unggah_jenis", None)
                    st.rerun()
        elif not batch.ok:
            st.error("Tidak ada yang disimpan dari unggahan ini selama masih ada berkas yang ditolak.")

with tab_history:
    history = common.query("marts/uploads", election=election)
    if history.empty:
        st.info("Belum ada unggahan untuk pemilihan ini.")
    else:
        shown = pd.DataFrame({
            "No.": history["upload_id"],
            "Jenis": history["kind"].map(teks.JENIS_SINGKAT),
            "Berkas": history["file_name"],
            "Baris": history["rows"].map(fmt.angka),
            "Kecamatan": history["kecamatan_dicakup"],
            # Problem sheets are merged into the inventory, never versions (readiness/masalah.py).
            "Aktif untuk": [("digabung ke daftar masalah" if k == "masalah" else f"{n} kecamatan" if n else "tidak aktif")
                            for k, n in zip(history["kind"], history["kecamatan_aktif"])],
            "Diunggah": history["uploaded_at"].map(lambda t: fmt.tanggal_jam(t.to_pydatetime())),
            "Oleh": history["uploaded_by"].fillna("–"),
        })
        st.dataframe(shown, hide_index=True, width="stretch")
        if not common.boleh("versi"):
            st.caption("Mengaktifkan kembali versi lama hanya dapat dilakukan admin.")
        else:
            choice = st.selectbox("Versi yang akan diaktifkan kembali",
                                  list(history.loc[history["kind"] != "masalah", "upload_id"]),
                                  format_func=lambda i: f"#{i} — {history.set_index('upload_id').loc[i, 'file_name']}")
            if st.button("Aktifkan kembali versi ini"):
                pelaku = common.wajib("versi")  # checked again on the server before the write
                info = ingest.activate(common.db_path(), int(choice), pelaku=pelaku)
                st.success(f"Unggahan #{choice} ({common.escape_md(info['file_name'])}) aktif kembali.")
                st.rerun()

with tab_templates:
    st.write("Templat berisi judul kolom yang dikenali, satu baris contoh, daftar pilihan, dan petunjuk.")
    names = list(common.level("kecamatan", election)["kecamatan"])
    for kind in ingest.KINDS:
        common.unduh(f"Templat {teks.JENIS[kind]}", lambda kind=kind: templates.template(kind, names),
                     f"templat_{kind}.xlsx", key=f"templat_{kind}",
                     mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")

common.footer()
