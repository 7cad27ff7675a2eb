"""Lapor cepat (issue 9): a reporter at a TPS tells the desk, from a phone, that a stage is done
(logistik tiba, TPS dibuka, pemungutan selesai, penghitungan selesai), how many voters came (L/P)
and any incident. One column, big touch targets, no wide tables (works at 390x844).

Only the TPS of the user's area are offered, and readiness.lapor checks the area again on the
server before accepting. "Terkirim" is shown only after the report is committed (readiness.lapor.
Layanan: one writer thread, group commit). A form sent twice (double tap, a retry after a network
hiccup) carries the same submission id and is recognised, not stored twice.
Reads: marts/tps (the active TPS list), queries/lapor/riwayat and lapor/jejak (the reports database)."""
import datetime as dt
import hashlib
import uuid

import pandas as pd
import streamlit as st

from app import baca, ekspor, layar, sesi
from app.markdown import escape_md
from readiness import akses, fmt, lapor, templates

TERAKHIR = "_lapor_kirim_terakhir"
HASIL = "_lapor_hasil"
FIELDS = ("lapor_l", "lapor_p", "lapor_ada_kejadian", "lapor_kategori", "lapor_uraian", "lapor_yakin", "lapor_jam",
          "lapor_sekarang")

election = layar.election()
user = sesi.wajib("lapor")
try:
    layanan = baca.lapor_layanan()
except lapor.LaporanDitolak as exc:  # the reports file is held by another server process
    st.error(str(exc))
    layar.footer()
    st.stop()
daftar = baca.daftar_tps(election)

st.title("Lapor cepat TPS")
if not len(daftar):
    layar.empty_state("Daftar TPS untuk pemilihan ini belum diunggah. Unggah daftar TPS dulu di halaman Unggah Data; "
                       "laporan dari TPS memerlukannya.")
mine = daftar.wilayah(user)
if not user.wilayah:
    wilayah_teks = "semua wilayah"
elif (mine["kode_desa"] == user.wilayah).any():
    wilayah_teks = f"Desa {mine['desa'].iloc[0]} (Kecamatan {mine['kecamatan'].iloc[0]})"
elif len(mine):
    wilayah_teks = f"Kecamatan {mine['kecamatan'].iloc[0]}"
else:
    wilayah_teks = f"wilayah {user.wilayah}"
st.caption(f"{escape_md(user.nama)} · {akses.PERAN.get(user.peran, user.peran)} · {escape_md(wilayah_teks)}")
if mine.empty:
    st.warning("Tidak ada TPS di wilayah tugas Anda. Hubungi admin untuk menetapkan kecamatan atau desa Anda.")
    layar.footer()
    st.stop()

# --------------------------------------------------------------------------- which TPS
# A link per TPS (`/lapor?tps=35.13.01.2001-3`, e.g. sent to each reporter) opens the form on it,
# only inside the user's area, and the URL then follows the TPS chosen in the form: the URL is where
# the choice lives. Each run sets the three selectors from it, unless the user has just changed one
# of them (their on_change marks that), in which case the new choice is written back to the URL.
# Under load the selectors' own state was seen to fall back to the first TPS between two reruns
# of a session (the load test sent reports meant for one TPS to TPS 1 Ngadisari); with the URL
# deciding, a selector can only move when the user moves it.
PILIH = "_lapor_pilih"


def _dipilih() -> None:
    st.session_state[PILIH] = True


link = st.query_params.get("tps", "")
desa_link, _, tps_link = link.rpartition("-")
match = mine[(mine["kode_desa"] == desa_link) & (mine["no_tps"] == tps_link)] if link else mine.iloc[:0]
if len(match) and not st.session_state.pop(PILIH, False):
    kec_link = match["kode_kecamatan"].iloc[0]
    st.session_state.update({"lapor_kecamatan": kec_link, f"lapor_desa_{kec_link}": desa_link,
                             f"lapor_tps_{desa_link}": tps_link})
kec_names = dict(zip(mine["kode_kecamatan"], mine["kecamatan"]))
kode_kec = st.selectbox("Kecamatan", list(kec_names), format_func=kec_names.get, key="lapor_kecamatan",
                        on_change=_dipilih, disabled=len(kec_names) == 1)
desa_rows = mine[mine["kode_kecamatan"] == kode_kec]
desa_names = dict(zip(desa_rows["kode_desa"], desa_rows["desa"]))
kode_desa = st.selectbox("Desa/kelurahan", list(desa_names), format_func=desa_names.get, key=f"lapor_desa_{kode_kec}",
                         on_change=_dipilih, disabled=len(desa_names) == 1)
tps_rows = desa_rows[desa_rows["kode_desa"] == kode_desa]
dpt = dict(zip(tps_rows["no_tps"], tps_rows["dpt"]))
no_tps = st.selectbox("TPS", list(dpt), key=f"lapor_tps_{kode_desa}", on_change=_dipilih,
                      format_func=lambda t: f"TPS {t} · DPT {fmt.angka(dpt[t])}")
pilihan = f"{kode_desa}-{no_tps}"
if link != pilihan:
    st.query_params["tps"] = pilihan
tps = daftar.get(kode_desa, no_tps)

# --------------------------------------------------------------------------- what happened
tahap = st.radio("Laporan", list(lapor.JENIS), format_func=lapor.JENIS.get, key="lapor_tahap")
sekarang = dt.datetime.now().replace(second=0, microsecond=0)
if st.toggle(f"Terjadi sekarang (pukul {sekarang:%H.%M})", value=True, key="lapor_sekarang"):
    waktu, waktu_isi = sekarang, None  # the time of sending; not part of the form's identity (see below)
else:
    if "lapor_jam" not in st.session_state:
        st.session_state["lapor_jam"] = sekarang.time()
    jam = st.time_input("Jam kejadian", key="lapor_jam", step=60)
    waktu = waktu_isi = dt.datetime.combine(dt.date.today(), jam)

hadir_l = hadir_p = None
yakin = True
if tahap in lapor.TAHAP_HADIR:
    st.markdown("**Pengguna hak pilih** (pemilih yang datang)")
    c1, c2 = st.columns(2)
    hadir_l = c1.number_input("Laki-laki (L)", min_value=0, max_value=10000, step=1, value=None, key="lapor_l")
    hadir_p = c2.number_input("Perempuan (P)", min_value=0, max_value=10000, step=1, value=None, key="lapor_p")
    if hadir_l is not None and hadir_p is not None:
        jumlah = hadir_l + hadir_p
        persen = f" ({fmt.persen(100 * jumlah / tps.dpt, 1)} dari DPT {fmt.angka(tps.dpt)})" if tps.dpt else ""
        st.caption(f"L + P = {fmt.angka(jumlah)}{persen}")
        if tps.dpt is not None and jumlah > tps.dpt:
            st.warning(f"L + P = {fmt.angka(jumlah)} melebihi DPT TPS ini ({fmt.angka(tps.dpt)}). Periksa lagi; "
                       "bila memang benar (pemilih DPTb/DPK ikut dihitung), centang di bawah.")
            yakin = st.checkbox("Angka sudah benar", key="lapor_yakin")

ada_kejadian = tahap == lapor.KEJADIAN or st.toggle("Ada kejadian/insiden", key="lapor_ada_kejadian")
kat = uraian = None
if ada_kejadian:
    kategori = lapor.kategori()
    kat = st.selectbox("Kategori kejadian", list(kategori), format_func=kategori.get, index=None,
                       placeholder="Pilih kategori", key="lapor_kategori")
    uraian = st.text_area("Uraian singkat", max_chars=lapor.URAIAN_MAKS, key="lapor_uraian",
                          placeholder="Apa yang terjadi, dan apa yang sudah dilakukan") or None

# The submission id. The same form content sent again — a double tap, a retry after the answer was
# lost, the page reconnected after a network hiccup (a new server session) — must get the same id,
# so the server recognises it and stores it once; anything else gets a new id. The id of the last
# form sent is kept in the session and in the URL (`?kirim=…`, which survives a reconnect and a
# reload of the tab) and is reused while the content is the same; it ends with a hash of the content.
isi = repr((user.nama, election, kode_desa, no_tps, tahap, waktu_isi and waktu_isi.isoformat(), hadir_l, hadir_p,
            kat, uraian))
sidik = hashlib.sha256(isi.encode()).hexdigest()[:24]
terakhir = st.session_state.get(TERAKHIR) or st.query_params.get("kirim", "")
kirim_id = terakhir if terakhir.endswith(f"-{sidik}") else f"f-{uuid.uuid4().hex[:16]}-{sidik}"

if st.button("Kirim laporan", type="primary", width="stretch", icon=":material/send:", disabled=not yakin,
             key="lapor_kirim"):
    laporan = lapor.Laporan(election, kode_desa, no_tps, tahap, waktu, hadir_l, hadir_p, kat, uraian, kirim_id)
    # Remembered before sending: if this run is interrupted after the commit, the next one reuses the id.
    st.session_state[TERAKHIR] = kirim_id
    st.query_params["kirim"] = kirim_id
    try:
        with st.spinner("Mengirim…"):
            hasil = layanan.kirim(sesi.pengguna(), laporan, daftar)  # the user re-read on the server
    except lapor.LaporanDitolak as exc:
        st.session_state[HASIL] = (kirim_id, "error", escape_md(exc))
    except lapor.BelumTersimpan as exc:
        st.session_state[HASIL] = (kirim_id, "warning", escape_md(exc))
    else:
        teks = f"{escape_md(tps.label)}: {lapor.JENIS[tahap]}. {hasil.pesan}"
        st.session_state[HASIL] = (kirim_id, "success" if hasil.status == "baru" else "info", teks,
                                   *map(escape_md, hasil.peringatan))

# The answer stays on screen until the form is changed (then it would describe another report).
if st.session_state.get(HASIL, (None,))[0] == kirim_id:
    _, kind, text, *warnings = st.session_state[HASIL]
    getattr(st, kind)(text)
    for w in warnings:
        st.warning(w)
    if kind in ("success", "info") and st.button("Laporan baru", width="stretch", key="lapor_baru"):
        for key in FIELDS + (HASIL,):
            st.session_state.pop(key, None)
        st.rerun()

# --------------------------------------------------------------------------- this TPS's history
st.subheader(escape_md(f"Riwayat TPS {no_tps} {desa_names[kode_desa]}"))
hist = lapor.riwayat(layanan.cursor(), election, kode_desa, no_tps)
if hist.empty:
    st.caption("Belum ada laporan dari TPS ini.")
for row in hist.to_dict("records"):
    with st.container(border=True):
        judul = f"**{lapor.JENIS.get(row['tahap'], row['tahap'])}** · pukul {row['waktu']:%H.%M}"
        if pd.notna(row["hadir"]):
            judul += f" · L {fmt.angka(row['hadir_l'])} / P {fmt.angka(row['hadir_p'])} = {fmt.angka(row['hadir'])}"
        st.markdown(judul)
        status = "" if row["berlaku"] else " · diganti oleh koreksi"
        koreksi = f" · koreksi atas nomor {fmt.angka(row['menggantikan'])}" if pd.notna(row["menggantikan"]) else ""
        st.caption(f"Nomor {fmt.angka(row['seq'])} · diterima {row['diterima']:%d-%m-%Y %H.%M.%S} · "
                   f"{escape_md(row['pelapor'])}{koreksi}{status}")
        if isinstance(row["kategori"], str):
            label = lapor.kategori().get(row["kategori"], row["kategori"])
            selesai = " (sudah ditangani)" if pd.notna(row["selesai_waktu"]) else ""
            st.text(f"Kejadian — {label}{selesai}: {row['uraian'] or ''}")

# --------------------------------------------------------------------------- paper reports (analis/admin)
if sesi.boleh("unggah"):
    with st.expander("Unggah laporan Excel (formulir kertas)"):
        st.caption("Untuk kantor yang mengumpulkan laporan di kertas: isi templat, lalu unggah. Satu berkas tersimpan "
                   "seluruhnya atau tidak sama sekali; berkas yang sama dua kali tidak dihitung dua kali.")
        ekspor.unduh("Unduh templat laporan TPS", lambda: templates.template("lapor", sorted(kec_names.values())),
                     "templat_laporan_tps.xlsx", icon=":material/download:", key="lapor_templat",
                     mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        berkas = st.file_uploader("Berkas laporan (.xlsx, .xls, .csv)", type=["xlsx", "xls", "csv"], key="lapor_berkas")
        if berkas is not None:
            data = berkas.getvalue()
            nama_berkas = escape_md(berkas.name)  # the sender's words: never a link or markup
            parsed = lapor.baca_excel(data, berkas.name, baca.current_reader().cursor(), election)
            if parsed.galat:
                st.error(f"{nama_berkas} tidak disimpan; perbaiki lalu unggah lagi:")
                st.text("\n".join(parsed.galat[:50]))
            else:
                st.info(f"{fmt.angka(len(parsed.laporan))} laporan siap disimpan dari {nama_berkas}.")
                if st.button("Simpan laporan dari berkas ini", key="lapor_simpan_berkas", type="primary"):
                    try:
                        done = layanan.unggah(sesi.pengguna(), parsed, daftar)
                    except (akses.TidakBoleh, lapor.BelumTersimpan) as exc:
                        st.error(escape_md(exc))
                    else:
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

if sesi.boleh("jejak"):
    with st.expander("Jejak laporan (admin)"):
        st.caption("Setiap laporan, koreksi, kiriman ulang yang dikenali, penolakan, unggahan Excel dan kejadian yang "
                   "ditandai selesai: siapa dan kapan. Disimpan di berkas laporan, bukan di database utama.")
        trail = lapor.jejak(layanan.cursor())
        st.dataframe(trail.rename(columns={"nomor": "No", "waktu": "Waktu", "pelaku": "Pelaku", "peran": "Peran",
                                           "aksi": "Aksi", "objek": "Objek", "rincian": "Rincian"}),
                     hide_index=True, width="stretch")

layar.footer()
