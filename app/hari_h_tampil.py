"""The Hari Pemungutan page's tables: per kecamatan, per korwil, the TPS not reported yet, and the
incidents (with marking one handled). Each table has its Excel and CSV downloads (layar.table)."""

from __future__ import annotations

import streamlit as st

from app import baca, layar, sesi
from app.markdown import escape_md
from readiness import akses, export, fmt, lapor
from readiness.model import kartu as kartu_model
from readiness.model.kartu import Kartu

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


def kartu(kab, kec, label_sebelumnya: str) -> tuple[list[Kartu], list[Kartu]]:
    """The region's headline figures (layar.kartu): the TPS that reported each stage, then the
    turnout so far, the target and the open incidents. `kab` and `kec`: lapor.ringkasan's."""
    tahap = [Kartu(nama, lapor.tabel.xn(kab, t), lapor.tabel.persen_lapor(kab, t)) for t, nama in lapor.TAHAP.items()]
    angka = [
        Kartu(
            "Partisipasi sementara",
            fmt.partisipasi(kab["partisipasi"]),
            f"{fmt.angka(kab['hadir'])} pemilih di {fmt.angka(kab['tps_hadir'])} TPS yang melapor "
            f"(DPT {fmt.angka(kab['dpt_hadir'])})",
        ),
        kartu_model.target(kab, label_sebelumnya),
        Kartu("Kejadian terbuka", fmt.angka(int(kec["kejadian_terbuka"].sum())), "belum ditandai selesai"),
    ]
    return tahap, angka


def kartu_kecamatan(row, label_sebelumnya: str) -> list[Kartu]:
    """One kecamatan's figures (a row of lapor.ringkasan's `kecamatan`) in the same order."""
    return [Kartu(nama, lapor.tabel.xn(row, t), "TPS sudah lapor") for t, nama in lapor.TAHAP.items()] + [
        Kartu(
            "Partisipasi sementara",
            fmt.partisipasi(row["partisipasi"]),
            f"{fmt.angka(row['hadir'])} pemilih di {fmt.angka(row['tps_hadir'])} TPS · target "
            f"{fmt.partisipasi(row['target_partisipasi'])} · {label_sebelumnya.lower()} "
            f"{fmt.partisipasi(row['partisipasi_sebelumnya'])}",
        ),
        Kartu("Kejadian terbuka", fmt.angka(row["kejadian_terbuka"])),
    ]


def tabel(r: dict, tahap: str, data: dict, election: str) -> None:
    """`r` is readiness.lapor.ringkasan for the stage `tahap`; `data` the Partisipasi page's data."""
    kec, kw = r["kecamatan"], r["korwil"]
    label_sebelumnya, kata = data["label_sebelumnya"], data["kata"]
    tab_kec, tab_kw, tab_belum, tab_kejadian = st.tabs(
        ["Per kecamatan", "Per korwil", f"Belum lapor ({fmt.angka(len(r['belum']))})", "Kejadian"]
    )
    with tab_kec:
        layar.table(
            lapor.tabel.dengan_xn(kec),
            lapor.tabel.kolom_kecamatan(label_sebelumnya),
            "Laporan hari pemungutan per kecamatan",
            data,
            election,
            key="hari_h_kecamatan",
        )
        st.caption(
            "Partisipasi sementara = pengguna hak pilih di TPS yang sudah melapor ÷ DPT TPS itu. Proyeksi: bila "
            "TPS lain di kecamatan itu sama lajunya."
        )
    with tab_kw:
        if data["belum_korwil"]:
            layar.belum_korwil(data["belum_korwil"])
        elif not kw.empty:
            layar.table(
                lapor.tabel.dengan_xn(kw),
                lapor.tabel.kolom_korwil(label_sebelumnya),
                "Laporan hari pemungutan per korwil",
                data,
                election,
                key="hari_h_korwil",
            )
    with tab_belum:
        belum = r["belum"]
        st.markdown(
            f"TPS yang **belum melaporkan {lapor.TAHAP[tahap].lower()}**. Nomor telepon tidak ada di data: "
            f"hubungi PPK kecamatan / PPS {kata.desa}."
        )
        pilih = st.selectbox("Kecamatan", lapor.tabel.kecamatan_belum(belum), key="hari_h_belum_kecamatan")
        layar.table(
            lapor.tabel.belum_di(belum, pilih),
            export.dengan_judul(lapor.tabel.KOLOM_BELUM, desa=kata.desa_judul),
            f"TPS belum lapor {lapor.TAHAP[tahap].lower()}",
            data,
            election,
            key="hari_h_belum",
            height=420,
        )
    with tab_kejadian:
        kej = lapor.tabel.kejadian_tabel(r["kejadian"])
        if kej.empty:
            st.caption("Belum ada kejadian yang dilaporkan.")
        else:
            layar.table(
                kej,
                export.dengan_judul(lapor.tabel.KOLOM_KEJADIAN, desa=kata.desa_judul),
                "Kejadian di TPS",
                data,
                election,
                key="hari_h_kejadian",
            )
            info = lapor.tabel.pilihan_selesai(kej)
            if sesi.boleh("masalah") and info:
                st.selectbox(
                    "Tandai kejadian sudah ditangani", list(info), format_func=info.get, key="hari_h_selesai_pilih"
                )
                st.text_input("Catatan penanganan", key="hari_h_selesai_catatan")
                st.button("Tandai selesai", key="hari_h_selesai", on_click=_selesaikan)
    if GALAT in st.session_state:
        st.error(escape_md(st.session_state.pop(GALAT)))
