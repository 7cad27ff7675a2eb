"""The Lapor page's lower parts: one TPS's report history, the upload of paper reports (analis and
admin) and the reports' trail (admin). Reads queries/lapor/riwayat and lapor/jejak (the reports
database) through readiness.lapor; every user's text is shown escaped or as plain text."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from app import baca, ekspor, sesi
from app.markdown import escape_md
from readiness import akses, fmt, lapor, templates


def hadir(tps: lapor.Tps) -> tuple[int | None, int | None, bool]:
    """How many voters came (L, P) at `tps`, and whether the reporter confirmed a total above the DPT."""
    st.markdown("**Pengguna hak pilih** (pemilih yang datang)")
    c1, c2 = st.columns(2)
    hadir_l = c1.number_input("Laki-laki (L)", min_value=0, max_value=10000, step=1, value=None, key="lapor_l")
    hadir_p = c2.number_input("Perempuan (P)", min_value=0, max_value=10000, step=1, value=None, key="lapor_p")
    yakin = True
    if hadir_l is not None and hadir_p is not None:
        jumlah = hadir_l + hadir_p
        persen = f" ({fmt.persen(100 * jumlah / tps.dpt, 1)} dari DPT {fmt.angka(tps.dpt)})" if tps.dpt else ""
        st.caption(f"L + P = {fmt.angka(jumlah)}{persen}")
        if tps.dpt is not None and jumlah > tps.dpt:
            st.warning(f"L + P = {fmt.angka(jumlah)} melebihi DPT TPS ini ({fmt.angka(tps.dpt)}). Periksa lagi; "
                       "bila memang benar (pemilih DPTb/DPK ikut dihitung), centang di bawah.")
            yakin = st.checkbox("Angka sudah benar", key="lapor_yakin")
    return hadir_l, hadir_p, yakin


def kejadian(tahap: str) -> tuple[str | None, str | None]:
    """(category, description) of an incident, when the reporter says there is one."""
    if not (tahap == lapor.KEJADIAN or st.toggle("Ada kejadian/insiden", key="lapor_ada_kejadian")):
        return None, None
    kategori = lapor.kategori()
    kat = st.selectbox("Kategori kejadian", list(kategori), format_func=kategori.get, index=None,
                       placeholder="Pilih kategori", key="lapor_kategori")
    uraian = st.text_area("Uraian singkat", max_chars=lapor.URAIAN_MAKS, key="lapor_uraian",
                          placeholder="Apa yang terjadi, dan apa yang sudah dilakukan") or None
    return kat, uraian


def riwayat(layanan, election: str, kode_desa: str, no_tps: str, nama_desa: str) -> None:
    st.subheader(escape_md(f"Riwayat TPS {no_tps} {nama_desa}"))
    hist = lapor.riwayat(layanan.cursor(), election, kode_desa, no_tps)
    if hist.empty:
        st.caption("Belum ada laporan dari TPS ini.")
    for row in hist.to_dict("records"):
        with st.container(border=True):
            judul = f"**{lapor.JENIS.get(row['tahap'], row['tahap'])}** · pukul {fmt.jam(row['waktu'])}"
            if pd.notna(row["hadir"]):
                judul += f" · L {fmt.angka(row['hadir_l'])} / P {fmt.angka(row['hadir_p'])} = {fmt.angka(row['hadir'])}"
            st.markdown(judul)
            status = "" if row["berlaku"] else " · diganti oleh koreksi"
            koreksi = f" · koreksi atas nomor {fmt.angka(row['menggantikan'])}" if pd.notna(row["menggantikan"]) else ""
            st.caption(f"Nomor {fmt.angka(row['seq'])} · diterima {fmt.waktu_terima(row['diterima'])} · "
                       f"{escape_md(row['pelapor'])}{koreksi}{status}")
            if isinstance(row["kategori"], str):
                label = lapor.kategori().get(row["kategori"], row["kategori"])
                selesai = " (sudah ditangani)" if pd.notna(row["selesai_waktu"]) else ""
                st.text(f"Kejadian — {label}{selesai}: {row['uraian'] or ''}")


def unggah_kertas(layanan, daftar, election: str, nama_kecamatan) -> None:
    """Paper reports typed into the template and uploaded: all of a file stored or none of it."""
    with st.expander("Unggah laporan Excel (formulir kertas)"):
        st.caption("Untuk kantor yang mengumpulkan laporan di kertas: isi templat, lalu unggah. Satu berkas tersimpan "
                   "seluruhnya atau tidak sama sekali; berkas yang sama dua kali tidak dihitung dua kali.")
        ekspor.unduh("Unduh templat laporan TPS", lambda: templates.template("lapor", sorted(nama_kecamatan)),
                     "templat_laporan_tps.xlsx", icon=":material/download:", key="lapor_templat",
                     mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        berkas = st.file_uploader("Berkas laporan (.xlsx, .xls, .csv)", type=["xlsx", "xls", "csv"], key="lapor_berkas")
        if berkas is None:
            return
        nama_berkas = escape_md(berkas.name)  # the sender's words: never a link or markup
        parsed = lapor.baca_excel(berkas.getvalue(), berkas.name, baca.current_reader().cursor(), election)
        if parsed.galat:
            st.error(f"{nama_berkas} tidak disimpan; perbaiki lalu unggah lagi:")
            st.text("\n".join(parsed.galat[:50]))
            return
        st.info(f"{fmt.angka(len(parsed.laporan))} laporan siap disimpan dari {nama_berkas}.")
        if not st.button("Simpan laporan dari berkas ini", key="lapor_simpan_berkas", type="primary"):
            return
        try:
            done = layanan.unggah(sesi.pengguna(), parsed, daftar)
        except (akses.TidakBoleh, lapor.BelumTersimpan) as exc:
            st.error(escape_md(exc))
            return
        if done.galat:
            st.error(f"{nama_berkas} tidak disimpan:")
            st.text("\n".join(done.galat[:50]))
        elif done.sama_dengan:
            st.info(f"Berkas ini sudah diunggah pada {fmt.tanggal_jam(done.sama_dengan[0])} oleh "
                    f"{escape_md(done.sama_dengan[1])}; tidak ada yang berubah.")
        else:
            koreksi = sum(h.menggantikan is not None for h in done.hasil)
            st.success(f"{fmt.angka(len(done.hasil))} laporan tersimpan dari {nama_berkas} "
                       f"({fmt.angka(koreksi)} di antaranya koreksi).")


def jejak(layanan) -> None:
    with st.expander("Jejak laporan (admin)"):
        st.caption("Setiap laporan, koreksi, kiriman ulang yang dikenali, penolakan, unggahan Excel dan kejadian yang "
                   "ditandai selesai: siapa dan kapan. Disimpan di berkas laporan, bukan di database utama.")
        trail = lapor.jejak(layanan.cursor())
        st.dataframe(trail.rename(columns={"nomor": "No", "waktu": "Waktu", "pelaku": "Pelaku", "peran": "Peran",
                                           "aksi": "Aksi", "objek": "Objek", "rincian": "Rincian"}),
                     hide_index=True, width="stretch")
