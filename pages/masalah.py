"""Permasalahan: the inventory of problems camat and OPD monitors report — a filterable list, one
problem opened with its full history and a follow-up form, a form to record a new problem, and the
weekly report per korwil for the region's acting head (.xlsx).
Queries: marts/masalah_daftar, marts/masalah_riwayat, marts/masalah_mingguan (through
readiness.masalah.laporan_mingguan), marts/masalah_desa, marts/korwil_penugasan. Tables:
readiness.masalah.tabel; forms: app/masalah_form.py.
URL: `?pemilu=…&masalah=12` opens problem #12; `?kecamatan=35.13.14` preselects the kecamatan.

Everything a user wrote (descriptions, reporters, notes) is shown through dataframes or st.text,
never as markdown or HTML. Pimpinan sees everything and changes nothing: the forms are shown only
to a role with the action `masalah`, and the role is checked again on the server before saving
(app.sesi.wajib) and in readiness.masalah itself."""

import datetime as dt

import streamlit as st

from app import baca, ekspor, layar, masalah_form, sesi
from app.markdown import escape_md
from readiness import export, fmt, masalah, model, teks
from readiness.masalah import tabel

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
LEBAR = st.column_config.TextColumn(width="large")

election = layar.election()
kata = baca.kata(election)
st.title("Permasalahan")
st.caption(
    "Inventarisasi permasalahan per kecamatan yang dilaporkan camat dan OPD: logistik, pemilih/DPT, "
    "KTP-el, keamanan, netralitas ASN, sarana TPS. Setiap perubahan status dan catatan tindak lanjut "
    "tersimpan dalam riwayat masalahnya."
)
masalah_form.pesan()

wilayah = baca.query("marts/korwil_penugasan", election=election)
nama_kec = dict(zip(wilayah["kode_kecamatan"], wilayah["kecamatan"]))
daftar = baca.query("marts/masalah_daftar", election=election)
boleh_ubah = sesi.boleh("masalah")
pemilihan = baca.level("kabupaten", election).iloc[0]["pemilihan"]
belum_korwil = model.belum_korwil(wilayah["korwil"], pemilihan)

for kolom, (label, nilai) in zip(st.columns(4), tabel.hitungan(daftar).items()):
    kolom.metric(label, nilai)
tab_daftar, tab_catat, tab_laporan = st.tabs(["Daftar masalah", "Catat masalah baru", "Laporan mingguan"])


def saring():
    """The filters above the list, and the problems they keep."""
    f1, f2, f3, f4 = st.columns(4)
    g1, g2 = st.columns([2, 3])
    return tabel.saring(
        daftar,
        korwil=f1.multiselect("Korwil", sorted(daftar["korwil"].dropna().unique()), placeholder="Semua korwil"),
        kecamatan=f2.multiselect(
            "Kecamatan",
            sorted(daftar["kode_kecamatan"].unique()),
            format_func=nama_kec.get,
            placeholder="Semua kecamatan",
        ),
        kategori=f3.multiselect(
            "Kategori", list(masalah.KATEGORI), format_func=masalah.KATEGORI.get, placeholder="Semua kategori"
        ),
        tingkat=f4.multiselect(
            "Tingkat", list(masalah.TINGKAT), format_func=masalah.TINGKAT.get, placeholder="Semua tingkat"
        ),
        status=g1.multiselect(
            "Status",
            list(masalah.STATUS),
            default=["baru", "ditangani"],
            format_func=masalah.STATUS.get,
            placeholder="Semua status",
        ),
        cari=g2.text_input("Cari dalam uraian, pelapor atau catatan", placeholder="mis. kotak suara"),
    )


def satu_masalah(pilih) -> None:
    """One problem, chosen from the filtered list (or the URL): details, history, follow-up form."""
    ids = [str(i) for i in daftar["masalah_id"]]
    baris = daftar.set_index(daftar["masalah_id"].astype(str))
    pilihan = [str(i) for i in pilih["masalah_id"]] or ids
    if st.query_params.get("masalah") in ids and st.query_params.get("masalah") not in pilihan:
        pilihan = [st.query_params["masalah"]] + pilihan
    dipilih = layar.url_choice("masalah", pilihan, "Buka masalah", format_func=lambda i: tabel.label(baris.loc[i]))
    r = baris.loc[dipilih]
    st.subheader(tabel.judul(r))
    st.dataframe(tabel.rincian(r, kata.desa_judul), hide_index=True, width="stretch", column_config={"Nilai": LEBAR})
    st.markdown("**Riwayat tindak lanjut**")
    st.dataframe(
        tabel.tabel_riwayat(baca.query("marts/masalah_riwayat", masalah=int(dipilih))),
        hide_index=True,
        width="stretch",
        column_config={"Catatan tindak lanjut": LEBAR},
    )
    if boleh_ubah:
        masalah_form.tindak_lanjut(dipilih, r)
    else:
        st.caption("Peran Anda hanya dapat melihat; tindak lanjut dicatat oleh analis atau admin.")


with tab_daftar:
    if daftar.empty:
        st.info(
            "Belum ada masalah tercatat untuk pemilihan ini. Catat di tab *Catat masalah baru*, atau unggah "
            "lembar inventarisasi permasalahan (templat di halaman Unggah Data)."
        )
    else:
        pilih = saring()
        st.caption(f"{fmt.angka(len(pilih))} dari {fmt.angka(len(daftar))} masalah")
        st.dataframe(
            tabel.tabel_daftar(pilih, kata.desa_judul),
            hide_index=True,
            width="stretch",
            column_config={"Uraian": LEBAR},
        )
        if not pilih.empty:
            ekspor.unduh(
                "Unduh daftar ini (.xlsx)",
                lambda: export.to_xlsx(
                    tabel.berkas_daftar(pilih, kata.desa_judul),
                    "Inventarisasi permasalahan",
                    election,
                    f"daftar masalah per {fmt.tanggal_jam(dt.datetime.now().replace(microsecond=0))}",
                    wilayah=kata.nama,
                ),
                export.nama_berkas("Inventarisasi permasalahan", election, "xlsx"),
                key="unduh_daftar",
                mime=XLSX,
                icon=":material/download:",
            )
        st.divider()
        satu_masalah(pilih)

with tab_catat:
    if not boleh_ubah:
        st.info(
            "Peran Anda hanya dapat melihat inventarisasi permasalahan; masalah baru dicatat oleh analis atau admin."
        )
    else:
        masalah_form.masalah_baru(election, wilayah)

with tab_laporan:
    if belum_korwil:
        layar.belum_korwil(belum_korwil)
    st.markdown(
        f"Laporan untuk {escape_md(kata.pj_nama)}: semua masalah yang terbuka pada minggu itu (Senin–Minggu), dengan status "
        "dan tingkat pada akhir minggu, per korwil — satu sheet ringkasan dan satu sheet per korwil."
    )
    acuan = dt.date.today() if daftar.empty else min(dt.date.today(), daftar["tanggal"].max().date())
    hari = st.columns(3)[0].date_input(
        "Minggu yang memuat tanggal", value=acuan, format="DD/MM/YYYY", key="laporan_tanggal"
    )
    senin, _ = masalah.minggu(hari)
    st.caption(f"Minggu {masalah.label_minggu(senin)}")
    laporan = masalah.laporan_mingguan(baca.current_reader().cursor(), election, senin)
    if laporan.empty:
        st.info(f"Tidak ada masalah terbuka pada minggu {masalah.label_minggu(senin)}.")
    else:
        st.dataframe(tabel.tabel_ringkasan_korwil(masalah.ringkasan_korwil(laporan)), hide_index=True, width="stretch")
    ekspor.unduh(
        "Unduh laporan mingguan (.xlsx)",
        lambda: masalah.laporan_xlsx(laporan, pemilihan, senin, wilayah=kata.nama, untuk=kata.pj_nama),
        masalah.nama_berkas_laporan(election, senin),
        key="unduh_laporan",
        icon=":material/download:",
        mime=XLSX,
    )
    st.caption(
        f"{teks.DISCLAIMER}. Status pada akhir minggu diambil dari riwayat; masalah yang dicatat sesudah "
        "minggu itu memakai status pertama yang tercatat."
    )

layar.footer()
