"""Hari Pemungutan: the field reports (Lapor page) live. Per kecamatan and korwil, the TPS that have
reported each stage (x of N), the turnout so far at the TPS that reported it against the target and
the previous election, open incidents, and the TPS that have not reported the stage being chased
(to follow up by phone). The live part re-runs by itself every minute (st.fragment run_every)
without reloading the page.

Reads: marts/tps and marts/partisipasi (main database; through readiness.model.halaman_partisipasi),
queries/lapor/terkini, lapor/hadir and lapor/kejadian (the reports database), combined by
readiness.lapor.ringkasan."""
import datetime as dt
import os

import streamlit as st

from app import baca, layar, sesi
from app.markdown import escape_md
from readiness import akses, fmt, lapor
from readiness.export import Kolom

# Every minute; a test server may ask for less (READINESS_SEGAR_DETIK) to see the refresh sooner.
SEGAR_DETIK = int(os.environ.get("READINESS_SEGAR_DETIK", "60"))
OTOMATIS = "otomatis"

election = layar.election()
sesi.wajib("lihat")
data = baca.page_data("partisipasi", election)
label_sebelumnya = data["label_sebelumnya"]
daftar = baca.daftar_tps(election)

st.title("Hari Pemungutan Suara")
st.caption(layar.caption_from(data))
if not len(daftar):
    layar.empty_state("Daftar TPS untuk pemilihan ini belum diunggah. Unggah daftar TPS dulu di halaman Unggah Data; "
                       "pemantauan hari pemungutan suara menghitung laporan per TPS dari daftar itu.")

pilihan = [OTOMATIS, *lapor.TAHAP]
tahap_pilih = st.segmented_control(
    "Tahap yang dipantau", pilihan, default=OTOMATIS, key="hari_h_tahap",
    format_func=lambda t: "Otomatis (tahap terjauh)" if t == OTOMATIS else lapor.TAHAP[t],
    help="Daftar 'belum lapor' berisi TPS yang belum mengirim laporan tahap ini. Otomatis: tahap terjauh yang sudah "
         "dilaporkan sebuah TPS.") or OTOMATIS


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


@st.fragment(run_every=SEGAR_DETIK)
def langsung() -> None:
    cur = baca.lapor_layanan().cursor()
    try:
        r = lapor.ringkasan(cur, daftar, data["partisipasi"])
        tahap = lapor.tahap_berjalan(r) if tahap_pilih == OTOMATIS else tahap_pilih
        r = lapor.ringkasan(cur, daftar, data["partisipasi"], tahap)
    finally:
        cur.close()
    kab, kec, kw = r["kabupaten"], r["kecamatan"], r["korwil"]
    st.caption(f"Diperbarui pukul {dt.datetime.now():%H.%M.%S} · otomatis setiap menit · "
               f"{fmt.angka(r['laporan'])} laporan tahap berlaku · tahap dipantau: {lapor.TAHAP[tahap]}")
    if r["laporan"] == 0 and r["kejadian"].empty:
        st.info("Belum ada laporan dari TPS. Pelapor mengirim laporan dari halaman Lapor (di ponsel); halaman ini "
                "memperbaruinya sendiri setiap menit.")

    cols = st.columns(len(lapor.TAHAP))
    for col, (t, nama) in zip(cols, lapor.TAHAP.items()):
        n = int(kab["tps"])
        col.metric(nama, f"{fmt.angka(kab[f'lapor_{t}'])}/{fmt.angka(n)}")
        col.caption(f"TPS sudah lapor · {fmt.persen(100 * kab[f'lapor_{t}'] / n, 1)}" if n else "TPS sudah lapor")
    c1, c2, c3 = st.columns(3)
    c1.metric("Partisipasi sementara", fmt.persen(kab["partisipasi"]))
    c1.caption(f"{fmt.angka(kab['hadir'])} pemilih di {fmt.angka(kab['tps_hadir'])} TPS yang melapor "
               f"(DPT {fmt.angka(kab['dpt_hadir'])})")
    c2.metric("Target partisipasi", fmt.persen(kab["target_partisipasi"]))
    c2.caption(f"{label_sebelumnya}: {fmt.persen(kab['partisipasi_sebelumnya'])}")
    c3.metric("Kejadian terbuka", fmt.angka(int(kec["kejadian_terbuka"].sum())))
    c3.caption("belum ditandai selesai")

    st.subheader("Rincian kecamatan")
    kode = layar.kecamatan_choice(kec, "Kecamatan")
    row = kec[kec["kode_kecamatan"] == kode].iloc[0]
    with st.container(key="hari_h_rincian"):
        cols = st.columns(len(lapor.TAHAP) + 2)
        for col, (t, nama) in zip(cols, lapor.TAHAP.items()):
            col.metric(nama, f"{fmt.angka(row[f'lapor_{t}'])}/{fmt.angka(row['tps'])}")
            col.caption("TPS sudah lapor")
        cols[-2].metric("Partisipasi sementara", fmt.persen(row["partisipasi"]))
        cols[-2].caption(f"{fmt.angka(row['hadir'])} pemilih di {fmt.angka(row['tps_hadir'])} TPS · target "
                         f"{fmt.persen(row['target_partisipasi'], 1)} · {label_sebelumnya.lower()} "
                         f"{fmt.persen(row['partisipasi_sebelumnya'], 1)}")
        cols[-1].metric("Kejadian terbuka", fmt.angka(row["kejadian_terbuka"]))

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
                                   jam=lambda d: d["waktu"].dt.strftime("%H.%M"))
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


langsung()
layar.footer()
