"""The Hari Pemungutan page's tables: per kecamatan, per korwil, the TPS not reported yet, and the
incidents (with marking one handled). Each table has its Excel and CSV downloads (layar.table)."""
from __future__ import annotations

import streamlit as st

from app import baca, layar, sesi
from app.markdown import escape_md
from readiness import akses, fmt, lapor
from readiness.export import Kolom

GALAT = "_hari_h_galat"


def _selesaikan() -> None:
    """Before the (fragment) rerun, so the figures drawn next already count the incident closed;
    the role is checked again on the server (Layanan.selesaikan)."""
    seq, catatan = st.session_state["hari_h_selesai_pilih"], st.session_state.get("hari_h_selesai_catatan")
    try:
        baca.lapor_layanan().selesaikan(sesi.pengguna(), int(seq), catatan or None)
    except (akses.TidakBoleh, lapor.LaporanDitolak, lapor.BelumTersimpan) as exc:
        st.session_state[GALAT] = str(exc)
    else:
        st.session_state["hari_h_selesai_catatan"] = ""


def _xn(frame, tahap):
    return [f"{fmt.angka(x)}/{fmt.angka(n)}" for x, n in zip(frame[f"lapor_{tahap}"], frame["tps"])]


def tabel(r: dict, tahap: str, data: dict, election: str) -> None:
    """`r` is readiness.lapor.ringkasan for the stage `tahap`; `data` the Partisipasi page's data."""
    kec, kw = r["kecamatan"], r["korwil"]
    label_sebelumnya = data["label_sebelumnya"]
    tab_kec, tab_kw, tab_belum, tab_kejadian = st.tabs(
        ["Per kecamatan", "Per korwil", f"Belum lapor ({fmt.angka(len(r['belum']))})", "Kejadian"])
    tahap_kolom = [Kolom(f"xn_{t}", nama) for t, nama in lapor.TAHAP.items()]
    turnout_kolom = [
        Kolom("hadir", "Pengguna hak pilih", "angka"), Kolom("dpt_hadir", "DPT TPS melapor", "angka"),
        Kolom("partisipasi", "Partisipasi sementara", "persen"),
        Kolom("target_partisipasi", "Target", "persen", 1), Kolom("selisih_target", "Selisih target (poin)", "desimal", 2),
        Kolom("partisipasi_sebelumnya", label_sebelumnya, "persen", 1),
        Kolom("selisih_sebelumnya", f"Selisih {label_sebelumnya.lower()} (poin)", "desimal", 2),
        Kolom("proyeksi_hadir", "Proyeksi pemilih (laju ini)", "angka"),
        Kolom("target_hadir", "Pemilih sesuai target", "angka"),
    ]
    with tab_kec:
        shown = kec.assign(**{f"xn_{t}": _xn(kec, t) for t in lapor.TAHAP})
        layar.table(shown, [Kolom("kecamatan", "Kecamatan"), Kolom("korwil", "Korwil"), Kolom("tps", "TPS", "angka"),
                             *tahap_kolom, *turnout_kolom, Kolom("kejadian_terbuka", "Kejadian terbuka", "angka")],
                     "Laporan hari pemungutan per kecamatan", data, election, key="hari_h_kecamatan")
        st.caption("Partisipasi sementara = pengguna hak pilih di TPS yang sudah melapor ÷ DPT TPS itu. Proyeksi: bila "
                   "TPS lain di kecamatan itu sama lajunya.")
    with tab_kw:
        if not kw.empty:
            shown = kw.assign(**{f"xn_{t}": _xn(kw, t) for t in lapor.TAHAP})
            layar.table(shown, [Kolom("korwil", "Korwil"), Kolom("kecamatan_n", "Kecamatan", "angka"),
                                 Kolom("tps", "TPS", "angka"), *tahap_kolom, *turnout_kolom,
                                 Kolom("kejadian_terbuka", "Kejadian terbuka", "angka")],
                         "Laporan hari pemungutan per korwil", data, election, key="hari_h_korwil")
    with tab_belum:
        belum = r["belum"]
        st.markdown(f"TPS yang **belum melaporkan {lapor.TAHAP[tahap].lower()}**. Nomor telepon tidak ada di data: "
                    "hubungi PPK kecamatan / PPS desa.")
        names = sorted(belum["kecamatan"].dropna().unique())
        pilih = st.selectbox("Kecamatan", ["Semua kecamatan", *names], key="hari_h_belum_kecamatan")
        if pilih != "Semua kecamatan":
            belum = belum[belum["kecamatan"] == pilih]
        layar.table(belum, [Kolom("kecamatan", "Kecamatan"), Kolom("korwil", "Korwil"), Kolom("desa", "Desa/Kelurahan"),
                             Kolom("no_tps", "TPS"), Kolom("dpt", "DPT", "angka"),
                             Kolom("tahap_terakhir", "Laporan terakhir"), Kolom("tindak_lanjut", "Tindak lanjut")],
                     f"TPS belum lapor {lapor.TAHAP[tahap].lower()}", data, election, key="hari_h_belum", height=420)
    with tab_kejadian:
        kej = r["kejadian"].assign(status=lambda d: d["terbuka"].map({True: "Terbuka", False: "Selesai"}),
                                   jam=lambda d: d["waktu"].map(fmt.jam))
        if kej.empty:
            st.caption("Belum ada kejadian yang dilaporkan.")
        else:
            layar.table(kej, [Kolom("status", "Status"), Kolom("kecamatan", "Kecamatan"), Kolom("desa", "Desa/Kelurahan"),
                               Kolom("no_tps", "TPS"), Kolom("kategori_label", "Kategori"),
                               Kolom("uraian", "Uraian", lebar=True), Kolom("jam", "Jam"), Kolom("pelapor", "Pelapor")],
                         "Kejadian di TPS", data, election, key="hari_h_kejadian")
            terbuka = kej[kej["terbuka"]]
            if sesi.boleh("masalah") and not terbuka.empty:
                info = {int(s): f"Nomor {s} · TPS {t} {d} · {k}" for s, t, d, k in
                        zip(terbuka["seq"], terbuka["no_tps"], terbuka["desa"], terbuka["kategori_label"])}
                st.selectbox("Tandai kejadian sudah ditangani", list(info), format_func=info.get,
                                   key="hari_h_selesai_pilih")
                st.text_input("Catatan penanganan", key="hari_h_selesai_catatan")
                st.button("Tandai selesai", key="hari_h_selesai", on_click=_selesaikan)
    if GALAT in st.session_state:
        st.error(escape_md(st.session_state.pop(GALAT)))

