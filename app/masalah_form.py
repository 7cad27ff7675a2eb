"""The Permasalahan page's forms: a follow-up on one problem and a new problem. Each save checks
the role on the server again (sesi.wajib) and writes in one transaction of the small-records store
with its audit record (readiness/masalah/catat.py): milliseconds, the analytical file untouched."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from app import baca, sesi
from app.markdown import escape_md
from readiness import akses, catatan, masalah

PESAN = "masalah_pesan"
RONDE = "masalah_ronde"


def ronde() -> int:
    """Part of every form's key: a save starts the next round, so the forms come back empty."""
    return st.session_state.setdefault(RONDE, 0)


def pesan() -> None:
    """The confirmation of the last save, once."""
    if teks := st.session_state.pop(PESAN, None):
        st.success(teks)


def simpan(tindakan, berhasil: str) -> bool:
    """Check the role on the server, then write in one transaction (the audit record with it)."""
    user = sesi.wajib("masalah")
    try:
        hasil = tindakan(baca.db_path(), user)
    except masalah.MasalahError as exc:
        st.error("Belum tersimpan:\n" + "\n".join(f"- {escape_md(p)}" for p in exc.problems))
        return False
    except catatan.Sibuk as exc:
        st.error(str(exc))
        return False
    except akses.TidakBoleh as exc:  # a place outside the user's kab/kota
        st.error(escape_md(str(exc)))
        return False
    st.session_state[PESAN] = berhasil.format(hasil=hasil)
    st.session_state[RONDE] = ronde() + 1
    return True


def tindak_lanjut(dipilih: str, r) -> None:
    """A follow-up on problem `dipilih` (row `r` of marts/masalah_daftar)."""
    n = ronde()
    with st.form(f"tindak_{dipilih}_{n}"):
        st.markdown("**Tambah tindak lanjut**")
        t1, t2 = st.columns(2)
        status_baru = t1.selectbox(
            "Status",
            list(masalah.STATUS),
            index=list(masalah.STATUS).index(r["status"]),
            format_func=masalah.STATUS.get,
            key=f"tindak_status_{dipilih}_{n}",
        )
        tingkat_baru = t2.selectbox(
            "Tingkat",
            list(masalah.TINGKAT),
            index=list(masalah.TINGKAT).index(r["tingkat"]),
            format_func=masalah.TINGKAT.get,
        )
        catatan = st.text_area(
            "Catatan tindak lanjut",
            max_chars=masalah.URAIAN_MAKS,
            placeholder="Apa yang sudah dilakukan, oleh siapa, dan apa langkah berikutnya",
        )
        if st.form_submit_button("Simpan tindak lanjut", type="primary"):
            if simpan(
                lambda path, user: masalah.tindak_lanjut(
                    path, int(dipilih), user, status=status_baru, tingkat=tingkat_baru, catatan=catatan
                ),
                f"Tindak lanjut masalah #{dipilih} tersimpan.",
            ):
                st.rerun()


def masalah_baru(election: str, wilayah) -> None:
    """A new problem in a kecamatan (marts/korwil_penugasan rows in `wilayah`), preselected from
    `?kecamatan=…`."""
    nama_kec = dict(zip(wilayah["kode_kecamatan"], wilayah["kecamatan"]))
    korwil_kec = dict(zip(wilayah["kode_kecamatan"], wilayah["korwil"]))
    kode_awal = st.query_params.get("kecamatan")
    kec_options = list(nama_kec)
    kode = st.selectbox(
        "Kecamatan",
        kec_options,
        index=kec_options.index(kode_awal) if kode_awal in kec_options else None,
        format_func=lambda k: f"{nama_kec[k]} ({korwil_kec[k]})" if isinstance(korwil_kec.get(k), str) else nama_kec[k],
        placeholder="Pilih kecamatan",
        key="catat_kecamatan",
    )
    desa_df = baca.query("marts/masalah_desa", kecamatan=kode or "")
    nama_desa = dict(zip(desa_df["kode_desa"], desa_df["desa"]))
    kata = baca.kata(election)
    kode_desa = st.selectbox(
        f"{kata.desa_awal} (boleh dikosongkan)",
        list(nama_desa),
        index=None,
        format_func=nama_desa.get,
        placeholder="Seluruh kecamatan",
        key=f"catat_desa_{kode}",
        disabled=not kode,
    )
    n = ronde()
    with st.form(f"catat_masalah_{n}"):
        a1, a2, a3 = st.columns(3)
        no_tps = a1.text_input(
            "Nomor TPS (boleh dikosongkan)",
            max_chars=3,
            help=f"Isi bila masalahnya di satu TPS; pilih {kata.desa}nya juga",
        )
        kategori = a2.selectbox(
            "Kategori",
            list(masalah.KATEGORI),
            index=None,
            format_func=masalah.KATEGORI.get,
            placeholder="Pilih kategori",
        )
        tingkat = a3.selectbox(
            "Tingkat", list(masalah.TINGKAT), index=1, format_func=masalah.TINGKAT.get, key=f"catat_tingkat_{n}"
        )
        uraian = st.text_area(
            "Uraian masalah",
            max_chars=masalah.URAIAN_MAKS,
            placeholder="Apa masalahnya, di mana, sejak kapan, siapa yang terdampak",
        )
        b1, b2 = st.columns(2)
        pelapor = b1.text_input("Pelapor", max_chars=masalah.TEKS_MAKS, placeholder="mis. Camat Kraksaan, Bakesbangpol")
        tanggal = b2.date_input(
            "Tanggal ditemukan/dilaporkan", value=dt.date.today(), max_value=dt.date.today(), format="DD/MM/YYYY"
        )
        if st.form_submit_button("Simpan masalah", type="primary"):
            isian = masalah.Isian(kode, kategori, uraian, tanggal, tingkat, pelapor, kode_desa, no_tps.strip() or None)
            if simpan(
                lambda path, user: masalah.tambah(path, election, isian, user, ref=baca.current_reader().cursor()),
                "Masalah #{hasil} tersimpan dengan status Baru.",
            ):
                st.rerun()
