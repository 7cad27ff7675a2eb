"""Permasalahan: the inventory of problems camat and OPD monitors report (issue 8) — a filterable
list, one problem opened with its full history and a follow-up form, a form to record a new
problem, and the weekly report per korwil for the Pj Bupati (.xlsx).
Queries: marts/masalah_daftar, marts/masalah_riwayat, marts/masalah_mingguan (through
readiness.masalah.laporan_mingguan), marts/masalah_desa, marts/korwil_penugasan.
URL: `?pemilu=…&masalah=12` opens problem #12; `?kecamatan=35.13.14` preselects the kecamatan.

Everything a user wrote (descriptions, reporters, notes) is shown through dataframes or st.text,
never as markdown or HTML. Pimpinan sees everything and changes nothing: the forms are shown only
to a role with the action `masalah`, and the role is checked again on the server before saving
(sesi.wajib) and in readiness.masalah itself."""
import datetime as dt

import pandas as pd
import streamlit as st

from app import baca, ekspor, layar, sesi
from app.markdown import escape_md
from readiness import db, export, fmt, masalah, teks

election = layar.election()
st.title("Permasalahan")
st.caption("Inventarisasi permasalahan per kecamatan yang dilaporkan camat dan OPD: logistik, pemilih/DPT, "
           "KTP-el, keamanan, netralitas ASN, sarana TPS. Setiap perubahan status dan catatan tindak lanjut "
           "tersimpan dalam riwayat masalahnya.")

if pesan := st.session_state.pop("masalah_pesan", None):
    st.success(pesan)

wilayah = baca.query("marts/korwil_penugasan", election=election)
nama_kec = dict(zip(wilayah["kode_kecamatan"], wilayah["kecamatan"]))
korwil_kec = dict(zip(wilayah["kode_kecamatan"], wilayah["korwil"]))
daftar = baca.query("marts/masalah_daftar", election=election)
boleh_ubah = sesi.boleh("masalah")
ronde = st.session_state.setdefault("masalah_ronde", 0)


def _simpan(tindakan, berhasil: str) -> bool:
    """Check the role on the server, then write in one transaction (the audit record with it)."""
    user = sesi.wajib("masalah")
    try:
        with db.writing(baca.db_path(), timeout=20) as con:
            hasil = tindakan(con, user)
    except masalah.MasalahError as exc:
        st.error("Belum tersimpan:\n" + "\n".join(f"- {escape_md(p)}" for p in exc.problems))
        return False
    except db.DatabaseBusy as exc:
        st.error(str(exc))
        return False
    st.session_state["masalah_pesan"] = berhasil.format(hasil=hasil)
    st.session_state["masalah_ronde"] = ronde + 1  # fresh, empty forms after a save
    return True


terbuka = daftar[daftar["terbuka"]]
c1, c2, c3, c4 = st.columns(4)
c1.metric("Masalah terbuka", fmt.angka(len(terbuka)))
c2.metric("Terbuka, tingkat tinggi", fmt.angka((terbuka["tingkat"] == "tinggi").sum()))
c3.metric("Sedang ditangani", fmt.angka((daftar["status"] == "ditangani").sum()))
c4.metric("Selesai", fmt.angka((daftar["status"] == masalah.SELESAI).sum()))

tab_daftar, tab_catat, tab_laporan = st.tabs(["Daftar masalah", "Catat masalah baru", "Laporan mingguan"])

# --------------------------------------------------------------------------- list and one problem
with tab_daftar:
    if daftar.empty:
        st.info("Belum ada masalah tercatat untuk pemilihan ini. Catat di tab *Catat masalah baru*, atau unggah "
                "lembar inventarisasi permasalahan (templat di halaman Unggah Data).")
    else:
        f1, f2, f3, f4 = st.columns(4)
        korwil_pilih = f1.multiselect("Korwil", sorted(daftar["korwil"].dropna().unique()), placeholder="Semua korwil")
        kec_pilih = f2.multiselect("Kecamatan", sorted(daftar["kode_kecamatan"].unique()), format_func=nama_kec.get,
                                   placeholder="Semua kecamatan")
        kat_pilih = f3.multiselect("Kategori", list(masalah.KATEGORI), format_func=masalah.KATEGORI.get,
                                   placeholder="Semua kategori")
        tingkat_pilih = f4.multiselect("Tingkat", list(masalah.TINGKAT), format_func=masalah.TINGKAT.get,
                                       placeholder="Semua tingkat")
        g1, g2 = st.columns([2, 3])
        status_pilih = g1.multiselect("Status", list(masalah.STATUS), default=["baru", "ditangani"],
                                      format_func=masalah.STATUS.get, placeholder="Semua status")
        cari = g2.text_input("Cari dalam uraian, pelapor atau catatan", placeholder="mis. kotak suara")
        pilih = daftar
        for kolom, nilai in (("korwil", korwil_pilih), ("kode_kecamatan", kec_pilih), ("kategori", kat_pilih),
                             ("tingkat", tingkat_pilih), ("status", status_pilih)):
            if nilai:
                pilih = pilih[pilih[kolom].isin(nilai)]
        if cari.strip():
            teks_cari = cari.strip().lower()
            isi = (pilih["uraian"].fillna("") + " " + pilih["pelapor"].fillna("") + " "
                   + pilih["catatan_terakhir"].fillna("")).str.lower()
            pilih = pilih[isi.str.contains(teks_cari, regex=False)]
        st.caption(f"{fmt.angka(len(pilih))} dari {fmt.angka(len(daftar))} masalah")
        tabel = pd.DataFrame({
            "No.": pilih["masalah_id"].map(lambda i: f"#{i}"), "Kecamatan": pilih["kecamatan"],
            "Korwil": pilih["korwil"].fillna("–"), "Desa/Kelurahan": pilih["desa"].fillna("–"),
            "TPS": pilih["no_tps"].fillna("–"), "Kategori": pilih["kategori"].map(masalah.KATEGORI),
            "Uraian": pilih["uraian"], "Pelapor": pilih["pelapor"].fillna("–"),
            "Tanggal": pilih["tanggal"].map(lambda t: fmt.tanggal(t.date())),
            "Tingkat": pilih["tingkat"].map(masalah.TINGKAT), "Status": pilih["status"].map(masalah.STATUS),
            "Tindak lanjut terakhir": pilih["catatan_terakhir"].fillna("–"),
        })
        st.dataframe(tabel, hide_index=True, width="stretch",
                     column_config={"Uraian": st.column_config.TextColumn(width="large")})
        if not pilih.empty:
            kolom = [export.Kolom("masalah_id", "No. masalah", "angka"), export.Kolom("kecamatan", "Kecamatan"),
                     export.Kolom("korwil", "Korwil"), export.Kolom("desa", "Desa/Kelurahan"),
                     export.Kolom("no_tps", "TPS"), export.Kolom("kategori_label", "Kategori"),
                     export.Kolom("uraian", "Uraian masalah"), export.Kolom("pelapor", "Pelapor"),
                     export.Kolom("tanggal", "Tanggal", "tanggal"), export.Kolom("tingkat_label", "Tingkat"),
                     export.Kolom("status_label", "Status"), export.Kolom("catatan_terakhir", "Tindak lanjut terakhir")]
            berkas = pilih.assign(kategori_label=pilih["kategori"].map(masalah.KATEGORI),
                                  tingkat_label=pilih["tingkat"].map(masalah.TINGKAT),
                                  status_label=pilih["status"].map(masalah.STATUS))
            ekspor.unduh("Unduh daftar ini (.xlsx)", lambda: export.to_xlsx(
                export.ekspor(berkas, kolom), "Inventarisasi permasalahan", election,
                f"daftar masalah per {fmt.tanggal_jam(dt.datetime.now().replace(microsecond=0))}"),
                export.nama_berkas("Inventarisasi permasalahan", election, "xlsx"), key="unduh_daftar",
                mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", icon=":material/download:")

        st.divider()
        ids = [str(i) for i in daftar["masalah_id"]]
        baris = daftar.set_index(daftar["masalah_id"].astype(str))
        pilihan = [str(i) for i in pilih["masalah_id"]] or ids
        if st.query_params.get("masalah") in ids and st.query_params.get("masalah") not in pilihan:
            pilihan = [st.query_params["masalah"]] + pilihan

        def _label(i: str) -> str:
            r = baris.loc[i]
            uraian = r["uraian"] if len(r["uraian"]) <= 70 else r["uraian"][:69] + "…"
            return f"#{i} · {r['kecamatan']} · {masalah.KATEGORI.get(r['kategori'], r['kategori'])} · {uraian}"

        dipilih = layar.url_choice("masalah", pilihan, "Buka masalah", format_func=_label)
        r = baris.loc[dipilih]
        st.subheader(f"Masalah #{dipilih}: {masalah.STATUS[r['status']]}, tingkat {masalah.TINGKAT[r['tingkat']].lower()}")
        def _isi(value, kosong="–"):
            return value if isinstance(value, str) and value else kosong

        rincian = pd.DataFrame([
            ("Kecamatan", f"{r['kecamatan']} ({_isi(r['korwil'], 'belum masuk korwil')})"),
            ("Desa/Kelurahan", _isi(r["desa"])), ("TPS", _isi(r["no_tps"])),
            ("Kategori", masalah.KATEGORI.get(r["kategori"], r["kategori"])), ("Uraian", r["uraian"]),
            ("Pelapor", _isi(r["pelapor"])), ("Tanggal", fmt.tanggal(r["tanggal"].date())),
            ("Dicatat", f"{fmt.tanggal_jam(r['dibuat_pada'].to_pydatetime())} oleh {_isi(r['dibuat_oleh'])} "
                        f"({r['sumber']})"),
        ], columns=["Isian", "Nilai"])
        st.dataframe(rincian, hide_index=True, width="stretch",
                     column_config={"Nilai": st.column_config.TextColumn(width="large")})
        riwayat = baca.query("marts/masalah_riwayat", masalah=int(dipilih))

        def _ubah(a, b, kamus):
            if pd.isna(a) or a is None:
                return f"dicatat: {kamus.get(b, b)}"
            return f"{kamus.get(a, a)} → {kamus.get(b, b)}" if a != b else kamus.get(b, b)

        st.markdown("**Riwayat tindak lanjut**")
        st.dataframe(pd.DataFrame({
            "Waktu": riwayat["waktu"].map(lambda t: fmt.tanggal_jam(t.to_pydatetime())),
            "Oleh": riwayat["pelaku"].fillna("–"),
            "Status": [_ubah(a, b, masalah.STATUS) for a, b in zip(riwayat["status_sebelum"], riwayat["status_sesudah"])],
            "Tingkat": [_ubah(a, b, masalah.TINGKAT) for a, b in zip(riwayat["tingkat_sebelum"], riwayat["tingkat_sesudah"])],
            "Catatan tindak lanjut": riwayat["catatan"].fillna("–"),
            "Sumber": riwayat["sumber"],
        }), hide_index=True, width="stretch",
            column_config={"Catatan tindak lanjut": st.column_config.TextColumn(width="large")})

        if boleh_ubah:
            with st.form(f"tindak_{dipilih}_{ronde}"):
                st.markdown("**Tambah tindak lanjut**")
                t1, t2 = st.columns(2)
                status_baru = t1.selectbox("Status", list(masalah.STATUS), index=list(masalah.STATUS).index(r["status"]),
                                           format_func=masalah.STATUS.get, key=f"tindak_status_{dipilih}_{ronde}")
                tingkat_baru = t2.selectbox("Tingkat", list(masalah.TINGKAT),
                                            index=list(masalah.TINGKAT).index(r["tingkat"]), format_func=masalah.TINGKAT.get)
                catatan = st.text_area("Catatan tindak lanjut", max_chars=masalah.URAIAN_MAKS,
                                       placeholder="Apa yang sudah dilakukan, oleh siapa, dan apa langkah berikutnya")
                if st.form_submit_button("Simpan tindak lanjut", type="primary"):
                    if _simpan(lambda con, user: masalah.tindak_lanjut(con, int(dipilih), user, status=status_baru,
                                                                       tingkat=tingkat_baru, catatan=catatan),
                               f"Tindak lanjut masalah #{dipilih} tersimpan."):
                        st.rerun()
        else:
            st.caption("Peran Anda hanya dapat melihat; tindak lanjut dicatat oleh analis atau admin.")

# --------------------------------------------------------------------------- new problem
with tab_catat:
    if not boleh_ubah:
        st.info("Peran Anda hanya dapat melihat inventarisasi permasalahan; masalah baru dicatat oleh analis atau admin.")
    else:
        kode_awal = st.query_params.get("kecamatan")
        kec_options = list(nama_kec)
        kode = st.selectbox("Kecamatan", kec_options, index=kec_options.index(kode_awal) if kode_awal in kec_options else None,
                            format_func=lambda k: f"{nama_kec[k]} ({korwil_kec[k]})" if isinstance(korwil_kec.get(k), str)
                            else nama_kec[k], placeholder="Pilih kecamatan", key="catat_kecamatan")
        desa_df = baca.query("marts/masalah_desa", kecamatan=kode or "")
        nama_desa = dict(zip(desa_df["kode_desa"], desa_df["desa"]))
        kode_desa = st.selectbox("Desa/kelurahan (boleh dikosongkan)", list(nama_desa), index=None,
                                 format_func=nama_desa.get, placeholder="Seluruh kecamatan", key=f"catat_desa_{kode}",
                                 disabled=not kode)
        with st.form(f"catat_masalah_{ronde}"):
            a1, a2, a3 = st.columns(3)
            no_tps = a1.text_input("Nomor TPS (boleh dikosongkan)", max_chars=3,
                                   help="Isi bila masalahnya di satu TPS; pilih desanya juga")
            kategori = a2.selectbox("Kategori", list(masalah.KATEGORI), index=None, format_func=masalah.KATEGORI.get,
                                    placeholder="Pilih kategori")
            tingkat = a3.selectbox("Tingkat", list(masalah.TINGKAT), index=1, format_func=masalah.TINGKAT.get,
                                   key=f"catat_tingkat_{ronde}")
            uraian = st.text_area("Uraian masalah", max_chars=masalah.URAIAN_MAKS,
                                  placeholder="Apa masalahnya, di mana, sejak kapan, siapa yang terdampak")
            b1, b2 = st.columns(2)
            pelapor = b1.text_input("Pelapor", max_chars=masalah.TEKS_MAKS, placeholder="mis. Camat Kraksaan, Bakesbangpol")
            tanggal = b2.date_input("Tanggal ditemukan/dilaporkan", value=dt.date.today(), max_value=dt.date.today(),
                                    format="DD/MM/YYYY")
            if st.form_submit_button("Simpan masalah", type="primary"):
                isian = masalah.Isian(kode, kategori, uraian, tanggal, tingkat, pelapor, kode_desa, no_tps.strip() or None)
                if _simpan(lambda con, user: masalah.tambah(con, election, isian, user),
                           "Masalah #{hasil} tersimpan dengan status Baru."):
                    st.rerun()

# --------------------------------------------------------------------------- weekly report
with tab_laporan:
    st.markdown("Laporan untuk Pj Bupati: semua masalah yang terbuka pada minggu itu (Senin–Minggu), dengan status "
                "dan tingkat pada akhir minggu, per korwil — satu sheet ringkasan dan satu sheet per korwil.")
    acuan = dt.date.today()
    if not daftar.empty:
        acuan = min(acuan, daftar["tanggal"].max().date())
    hari = st.columns(3)[0].date_input("Minggu yang memuat tanggal", value=acuan, format="DD/MM/YYYY",
                                       key="laporan_tanggal")
    senin, minggu_ = masalah.minggu(hari)
    st.caption(f"Minggu {masalah.label_minggu(senin)}")
    laporan = masalah.laporan_mingguan(baca.current_reader().cursor(), election, senin)
    ringkas = masalah.ringkasan_korwil(laporan)
    if laporan.empty:
        st.info(f"Tidak ada masalah terbuka pada minggu {masalah.label_minggu(senin)}.")
    else:
        st.dataframe(pd.DataFrame({
            "Korwil": ringkas["korwil"], "Koordinator": ringkas["koordinator"].fillna("–"),
            "Masalah dalam laporan": ringkas["jumlah"].map(fmt.angka), "Baru minggu ini": ringkas["baru"].map(fmt.angka),
            "Selesai minggu ini": ringkas["selesai"].map(fmt.angka), "Masih terbuka": ringkas["terbuka"].map(fmt.angka),
            "Terbuka, tingkat tinggi": ringkas["terbuka_tinggi"].map(fmt.angka),
        }), hide_index=True, width="stretch")
    pemilihan = baca.level("kabupaten", election).iloc[0]["pemilihan"]
    ekspor.unduh("Unduh laporan mingguan (.xlsx)", lambda: masalah.laporan_xlsx(laporan, pemilihan, senin),
                 masalah.nama_berkas_laporan(election, senin), key="unduh_laporan", icon=":material/download:",
                 mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    st.caption(f"{teks.DISCLAIMER}. Status pada akhir minggu diambil dari riwayat; masalah yang dicatat sesudah "
               "minggu itu memakai status pertama yang tercatat.")

layar.footer()
