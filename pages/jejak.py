"""Jejak Audit (admin): every upload, version activation, setting change (before/after), user
change, export and login, newest first, filtered by action, user and date, and exported to Excel
(the export itself is recorded). Queries: marts/jejak, marts/jejak_rentang, over both stores of the
trail (readiness.jejak.daftar/rentang: the analytical file's and the small-records store's). The
app only ever adds to the trail (readiness/jejak.py has no update or delete); this page only reads it."""

import datetime as dt

import pandas as pd
import streamlit as st

from app import baca, ekspor, jalan, layar, sesi
from readiness import akses, export, fmt, jejak, model, teks

election = layar.election()
sesi.wajib("jejak")
st.title("Jejak Audit")
st.caption(
    "Siapa melakukan apa dan kapan: unggahan (juga yang ditolak, beserta alasannya), pengaktifan versi, perubahan pengaturan (nilai sebelum dan "
    "sesudah), perubahan pengguna, unduhan, dan percobaan masuk. Catatan hanya bertambah; aplikasi tidak "
    "dapat mengubah atau menghapusnya. Waktu menurut jam server."
)

rentang = jejak.rentang(baca.current_reader().cursor(), baca.db_path())
if not rentang["jumlah"]:
    st.info("Belum ada catatan.")
    layar.footer()
    st.stop()

pertama, terakhir = rentang["pertama"], rentang["terakhir"]
pertama = pertama.date() if hasattr(pertama, "date") else pertama
terakhir = terakhir.date() if hasattr(terakhir, "date") else terakhir
terakhir = max(terakhir, dt.date.today())
f1, f2, f3 = st.columns([2, 2, 2])
tanggal = f1.date_input(
    "Tanggal",
    value=(max(pertama, terakhir - dt.timedelta(days=30)), terakhir),
    min_value=pertama,
    max_value=terakhir,
    format="DD/MM/YYYY",
    key="jejak_tanggal",
)
dari, sampai = (tanggal[0], tanggal[-1]) if isinstance(tanggal, (tuple, list)) and tanggal else (pertama, terakhir)
catatan = jejak.daftar(baca.current_reader().cursor(), baca.db_path(), dari, sampai)

aksi_ada = sorted(
    set(catatan["aksi"]),
    key=lambda a: (a not in jejak.AKSI_LABEL, list(jejak.AKSI_LABEL).index(a) if a in jejak.AKSI_LABEL else 0, a),
)
aksi = f2.multiselect(
    "Aksi", aksi_ada, format_func=lambda a: jejak.AKSI_LABEL.get(a, a), key="jejak_aksi", placeholder="Semua aksi"
)
pelaku = f3.multiselect(
    "Pengguna",
    sorted(set(catatan["pelaku"]), key=str.lower),
    format_func=teks.nama_pelaku,
    key="jejak_pelaku",
    placeholder="Semua pengguna",
)
if aksi:
    catatan = catatan[catatan["aksi"].isin(aksi)]
if pelaku:
    catatan = catatan[catatan["pelaku"].isin(pelaku)]

kata = baca.kata(election)
nama_kecamatan = jalan.tempat(election).kecamatan
pemilihan = layar.nama_pemilihan()
tabel = pd.DataFrame(
    {
        "No.": catatan["no"],
        "Waktu": catatan["waktu"].map(lambda w: fmt.waktu(w.to_pydatetime())),
        "Pengguna": catatan["pelaku"].map(teks.nama_pelaku),
        "Peran": catatan["peran"].map(lambda p: akses.PERAN.get(p, p) if isinstance(p, str) else "–"),
        "Aksi": catatan["aksi"].map(lambda a: jejak.AKSI_LABEL.get(a, a)),
        "Objek": catatan["objek"].fillna(""),
        "Rincian": catatan["rincian"].map(lambda r: jejak.uraikan(r, pemilihan)),
        "Sebelum": catatan["sebelum"].map(lambda v: model.uraikan_perubahan(v, kata.wilayah_kecil, nama_kecamatan)),
        "Sesudah": catatan["sesudah"].map(lambda v: model.uraikan_perubahan(v, kata.wilayah_kecil, nama_kecamatan)),
    }
)
st.caption(
    f"{fmt.angka(len(tabel))} catatan dari {fmt.tanggal(dari)} sampai {fmt.tanggal(sampai)}. Nomor berawalan C: "
    "catatan masuk, keluar, perubahan pengguna, unduhan dan unggahan yang ditolak (disimpan terpisah dari data)."
)
layar.tabel_bertahap(
    tabel.fillna("").astype(str), [], ["Rincian", "Sebelum", "Sesudah"], key="jejak_bagian", height=640
)

nama_berkas = f"jejak-audit_{dari:%Y%m%d}-{sampai:%Y%m%d}.xlsx"
ekspor.unduh(
    "Unduh Excel (.xlsx)",
    lambda: export.to_xlsx(
        tabel.assign(Waktu=catatan["waktu"].to_numpy()),
        "Jejak audit",
        "semua pemilihan",
        f"jejak audit {dari:%d/%m/%Y}–{sampai:%d/%m/%Y}, {len(tabel)} catatan",
        wilayah=kata.nama,
    ),
    nama_berkas,
    key="unduh_jejak",
    icon=":material/download:",
    mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
)
layar.footer()
