"""The Lapor page's parts: the L/P and incident fields, the answer to the form sent, one TPS's report
history, the upload of paper reports (analis and admin) and the reports' trail (admin). Reads queries/lapor/riwayat and lapor/jejak (the reports
database) through readiness.lapor; every user's text is shown escaped or as plain text."""

from __future__ import annotations

import streamlit as st

from app import baca, berkas_unggah, ekspor, sesi
from app.markdown import escape_md
from readiness import akses, lapor
from readiness.ingest import templates

berkas_unggah.pasang()  # the uploader's files reach the page without a copy of their bytes

JAWABAN = "_lapor_hasil"
# A phone's touch targets at least 48 px high (Android's and WCAG 2.5.5's size): the report's
# choices, the switches, every button, the selectors and the number fields. Streamlit draws them
# 21-40 px high; the page is used with a thumb at a TPS.
SENTUH_CSS = """<style>
[data-testid="stRadioOption"] { display: flex; align-items: center; min-height: 48px; width: 100%; }
[data-testid="stCheckbox"] > label { display: flex; align-items: center; min-height: 48px; }
[data-testid="stButton"] button, [data-testid="stDownloadButton"] button { min-height: 48px; }
[data-testid="stSelectbox"] [role="group"], [data-testid="stTimeInput"] [role="group"],
[data-testid="stNumberInputContainer"] { min-height: 48px; }
</style>"""
# The form's fields, emptied by "Laporan baru".
ISIAN = (
    "lapor_l",
    "lapor_p",
    "lapor_ada_kejadian",
    "lapor_kategori",
    "lapor_uraian",
    "lapor_yakin",
    "lapor_jam",
    "lapor_sekarang",
)


def sentuh() -> None:
    """Large touch targets on this page (SENTUH_CSS)."""
    st.html(SENTUH_CSS)


def hadir(tps: lapor.Tps) -> tuple[int | None, int | None, bool]:
    """How many voters came (L, P) at `tps`, and whether the reporter confirmed a total above the DPT."""
    st.markdown("**Pengguna hak pilih** (pemilih yang datang)")
    c1, c2 = st.columns(2)
    hadir_l = c1.number_input("Laki-laki (L)", min_value=0, max_value=10000, step=1, value=None, key="lapor_l")
    hadir_p = c2.number_input("Perempuan (P)", min_value=0, max_value=10000, step=1, value=None, key="lapor_p")
    total, lebih = lapor.hadir_teks(tps, hadir_l, hadir_p)
    if total:
        st.caption(total)
    if lebih:
        st.warning(lebih)
        return hadir_l, hadir_p, st.checkbox("Angka sudah benar", key="lapor_yakin")
    return hadir_l, hadir_p, True


def kejadian(tahap: str) -> tuple[str | None, str | None]:
    """(category, description) of an incident, when the reporter says there is one."""
    if not (tahap == lapor.KEJADIAN or st.toggle("Ada kejadian/insiden", key="lapor_ada_kejadian")):
        return None, None
    kategori = lapor.kategori()
    kat = st.selectbox(
        "Kategori kejadian",
        list(kategori),
        format_func=kategori.get,
        index=None,
        placeholder="Pilih kategori",
        key="lapor_kategori",
    )
    uraian = (
        st.text_area(
            "Uraian singkat",
            max_chars=lapor.URAIAN_MAKS,
            key="lapor_uraian",
            placeholder="Apa yang terjadi, dan apa yang sudah dilakukan",
        )
        or None
    )
    return kat, uraian


def ingat_jawaban(kirim_id: str, jawaban: tuple[str, str, tuple[str, ...]]) -> None:
    """Keep the server's answer (readiness.lapor.jawaban) to the form `kirim_id` for the runs to come."""
    kind, teks, peringatan = jawaban
    st.session_state[JAWABAN] = (kirim_id, kind, escape_md(teks), *map(escape_md, peringatan))


def jawaban(kirim_id: str) -> None:
    """The answer stays on screen until the form is changed (then it would describe another report);
    after a report was stored or recognised, "Laporan baru" empties the form."""
    if st.session_state.get(JAWABAN, (None,))[0] != kirim_id:
        return
    _, kind, text, *warnings = st.session_state[JAWABAN]
    getattr(st, kind)(text)
    for w in warnings:
        st.warning(w)
    if kind in ("success", "info") and st.button("Laporan baru", width="stretch", key="lapor_baru"):
        for key in ISIAN + (JAWABAN,):
            st.session_state.pop(key, None)
        st.rerun()


def riwayat(layanan, election: str, kode_desa: str, no_tps: str, nama_desa: str) -> None:
    st.subheader(escape_md(f"Riwayat TPS {no_tps} {nama_desa}"))
    hist = lapor.riwayat(layanan.cursor(), election, kode_desa, no_tps)
    if hist.empty:
        st.caption("Belum ada laporan dari TPS ini.")
    for row in lapor.riwayat_baris(hist):
        with st.container(border=True):
            st.markdown(f"**{row['jenis']}**{row['rincian']}")
            st.caption(escape_md(row["keterangan"]))
            if row["kejadian"]:
                st.text(row["kejadian"])


def unggah_kertas(layanan, daftar, election: str, nama_kecamatan) -> None:
    """Paper reports typed into the template and uploaded: all of a file stored or none of it."""
    with st.expander("Unggah laporan Excel (formulir kertas)"):
        st.caption(
            "Untuk kantor yang mengumpulkan laporan di kertas: isi templat, lalu unggah. Satu berkas tersimpan "
            "seluruhnya atau tidak sama sekali; berkas yang sama dua kali tidak dihitung dua kali."
        )
        contoh = templates.contoh_dari(baca.query("marts/tempat_contoh"))
        ekspor.unduh(
            "Unduh templat laporan TPS",
            lambda: templates.template("lapor", sorted(nama_kecamatan), contoh),
            "templat_laporan_tps.xlsx",
            icon=":material/download:",
            key="lapor_templat",
            mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        berkas = st.file_uploader("Berkas laporan (.xlsx, .xls, .csv)", type=["xlsx", "xls", "csv"], key="lapor_berkas")
        if berkas is None:
            return
        nama_berkas = escape_md(berkas.name)  # the sender's words: never a link or markup
        parsed = lapor.baca_excel(berkas.getvalue(), berkas.name, baca.current_reader().cursor(), election)
        if parsed.galat:
            st.error(f"{nama_berkas} tidak disimpan; perbaiki lalu unggah lagi:")
            st.text("\n".join(parsed.galat[:50]))
            return
        st.info(escape_md(lapor.siap_unggah(parsed)))
        if not st.button("Simpan laporan dari berkas ini", key="lapor_simpan_berkas", type="primary"):
            return
        try:
            done = layanan.unggah(sesi.pengguna(), parsed, daftar)
        except (akses.TidakBoleh, lapor.BelumTersimpan) as exc:
            st.error(escape_md(exc))
            return
        kind, teks = lapor.hasil_unggah(done)
        getattr(st, kind)(escape_md(teks))
        if done.galat:
            st.text("\n".join(done.galat[:50]))


def jejak(layanan) -> None:
    with st.expander("Jejak laporan (admin)"):
        st.caption(
            "Setiap laporan, koreksi, kiriman ulang yang dikenali, penolakan, unggahan Excel dan kejadian yang "
            "ditandai selesai: siapa dan kapan. Disimpan di berkas laporan, bukan di database utama."
        )
        st.dataframe(lapor.jejak_tabel(layanan.cursor()), hide_index=True, width="stretch")


PILIH = "_lapor_pilih"  # the user has just changed a selector of the TPS


def _dipilih() -> None:
    st.session_state[PILIH] = True


def pilih_tps(mine, election: str):
    """The TPS the report is for: kecamatan, desa and TPS selectors over the user's area `mine`
    (kode_kec, kode_desa, no_tps, the kecamatan names, the desa names of that kecamatan).

    A link per TPS (`/lapor?tps=35.13.01.2001-3`, e.g. sent to each reporter) opens the form on it,
    only inside the user's area, and the URL then follows the TPS chosen in the form: the URL is where
    the choice lives. Each run sets the three selectors from it, unless the user has just changed one
    of them (their on_change marks that), in which case the new choice is written back to the URL.
    Under load the selectors' own state was seen to fall back to the first TPS between two reruns
    of a session (the load test sent reports meant for one TPS to TPS 1 Ngadisari); with the URL
    deciding, a selector can only move when the user moves it."""
    link = st.query_params.get("tps", "")
    if (dari_link := lapor.tps_dari_tautan(mine, link)) and not st.session_state.pop(PILIH, False):
        kec_link, desa_link, tps_link = dari_link
        st.session_state.update(
            {"lapor_kecamatan": kec_link, f"lapor_desa_{kec_link}": desa_link, f"lapor_tps_{desa_link}": tps_link}
        )
    kec_names = lapor.pilihan_kecamatan(mine)
    kode_kec = st.selectbox(
        "Kecamatan",
        list(kec_names),
        format_func=kec_names.get,
        key="lapor_kecamatan",
        on_change=_dipilih,
        disabled=len(kec_names) == 1,
    )
    desa_names = lapor.pilihan_desa(mine, kode_kec)
    kode_desa = st.selectbox(
        baca.kata(election).desa_awal,
        list(desa_names),
        format_func=desa_names.get,
        key=f"lapor_desa_{kode_kec}",
        on_change=_dipilih,
        disabled=len(desa_names) == 1,
    )
    tps_names = lapor.pilihan_tps(mine, kode_desa)
    no_tps = st.selectbox(
        "TPS", list(tps_names), format_func=tps_names.get, key=f"lapor_tps_{kode_desa}", on_change=_dipilih
    )
    pilihan = lapor.tautan_tps(kode_desa, no_tps)
    if link != pilihan:
        st.query_params["tps"] = pilihan
    return kode_kec, kode_desa, no_tps, kec_names, desa_names
