"""Temuan DPT: what the voter-list audit found in the active per-voter lists (DPT/DPS/DP4) of the
election — counts per finding type and kecamatan (table and chart), the groups leadership asks
about, and the list of findings (masked NIK, DPID, file, sheet and row, so an analyst can find the
voter in the original), filterable by kecamatan, desa and type, with the Excel workbook for KPU
follow-up. Queries: int_daftar_temuan (once per data version), marts/audit_ringkasan,
marts/audit_temuan, marts/audit_kelompok (through readiness.audit.lengkap), marts/versi_data.
URL: `?pemilu=…&kecamatan=35.13.24&temuan=nik_ganda`."""

import streamlit as st

from app import baca, ekspor, layar
from readiness import audit, charts, fmt, temuan_tabel

SEMUA = "semua"
BARIS_MAKS = 5000  # rows shown on screen; the Excel file has them all
LEBAR = st.column_config.TextColumn(width="large")


election = layar.election()
audit_daftar, pemilihan, versi = baca.temuan(election)
kata = baca.kata(election)

st.title("Temuan DPT")
st.caption(f"{pemilihan} · {versi}")
if not audit_daftar.ada_daftar:
    layar.empty_state(
        "Belum ada daftar pemilih per orang (ekspor DPT, DPS atau DP4 dari KPU) untuk pemilihan ini. "
        "Unggah daftarnya di halaman Unggah Data: NIK dan NKK langsung disamarkan, nama dan alamat "
        "tidak disimpan. Setelah itu halaman ini menampilkan NIK ganda, pemilih belum 17 tahun, "
        f"NIK tidak valid, dan temuan lain per kecamatan, {kata.desa} dan TPS."
    )

ringkasan, temuan, kelompok = audit_daftar.ringkasan, audit_daftar.temuan, audit_daftar.kelompok
kec_kelompok = kelompok["kecamatan"]
per_jenis = ringkasan.groupby("temuan")["jumlah"].sum()
diperiksa = int(kec_kelompok["pemilih"].sum())

c1, c2, c3, c4 = st.columns(4)
c1.metric("Pemilih diperiksa", fmt.angka(diperiksa))
c1.caption(f"dari daftar pemilih per orang {fmt.angka(len(kec_kelompok))} kecamatan")
c2.metric("NIK ganda", fmt.angka(per_jenis.get("nik_ganda", 0)))
c2.caption("salinan; baris pertama tiap NIK tidak dihitung")
c3.metric("Belum 17 tahun", fmt.angka(per_jenis.get("usia_belum_17", 0)))
c3.caption("pada hari pemungutan suara dan belum pernah kawin")
nik_lain = sum(per_jenis.get(k, 0) for k in ("nik_format", "nik_wilayah", "nik_tanggal"))
c4.metric("NIK perlu dicek", fmt.angka(nik_lain))
c4.caption("tidak valid, kode wilayah berbeda, atau tanggal tidak cocok")

# --------------------------------------------------------------------------- counts by type and kecamatan
st.subheader("Jumlah temuan per jenis")
st.dataframe(
    temuan_tabel.tabel_jenis(per_jenis),
    hide_index=True,
    width="stretch",
    column_config={"Aturan": LEBAR, "Tindak lanjut": LEBAR},
)
with st.expander("Penjelasan setiap jenis temuan"):
    for j in audit.JENIS.values():
        st.markdown(f"**{j.nama}** (`{j.kode}`): {j.penjelasan}")

st.subheader("Temuan per kecamatan")
if ringkasan.empty:
    st.success(f"Tidak ada temuan di {fmt.angka(diperiksa)} pemilih yang diperiksa.")
else:
    ada = [k for k in audit.KODE if k in set(ringkasan["temuan"])]
    bawaan = [k for k in ada if k not in ("ktpel_belum_rekam", "tps_melebihi_kapasitas")] or ada
    tampil = st.multiselect(
        "Jenis temuan di grafik",
        ada,
        default=bawaan,
        format_func=lambda k: audit.JENIS[k].nama,
        help="Belum rekam KTP-el dan TPS melebihi kapasitas biasanya jauh lebih banyak; tambahkan bila perlu.",
    )
    st.plotly_chart(audit.grafik(ringkasan, tampil), width="stretch", config=charts.PLOT_CONFIG)
    st.dataframe(temuan_tabel.tabel_per_kecamatan(ringkasan, ada), hide_index=True, width="stretch")

# --------------------------------------------------------------------------- groups
st.subheader("Kelompok pemilih (dari daftar pemilih per orang)")
usia = f"{kec_kelompok['pemula_usia_min'].iloc[0]}–{kec_kelompok['pemula_usia_max'].iloc[0]}"
st.caption(
    f"Pemilih pemula: umur {usia} tahun pada hari pemungutan suara (diatur per pemilihan). "
    "Rasio jenis kelamin: laki-laki per 100 perempuan."
)
st.dataframe(temuan_tabel.tabel_kelompok(kec_kelompok), hide_index=True, width="stretch")

# --------------------------------------------------------------------------- the list
st.subheader("Daftar temuan")
st.caption("NIK ditampilkan tersamar. Cari pemilihnya di berkas asli lewat berkas, sheet dan baris, atau DPID.")
names = dict(zip(ringkasan["kode_kecamatan"], ringkasan["kecamatan"]))
f1, f2, f3 = st.columns(3)
with f1:
    kode = layar.url_choice(
        "kecamatan",
        [SEMUA, *sorted(names)],
        "Kecamatan",
        format_func=lambda k: "Semua kecamatan" if k == SEMUA else names[k],
        default=SEMUA,
    )
pilihan = temuan if kode == SEMUA else temuan[temuan["kode_kecamatan"] == kode]
desa_ada = sorted({d for d in pilihan["desa"].dropna()})
with f2:
    desa = st.selectbox(
        kata.desa_awal,
        [SEMUA, *desa_ada],
        key=f"temuan_desa_{kode}",
        format_func=lambda d: f"Semua {kata.desa}" if d == SEMUA else d,
    )
if desa != SEMUA:
    pilihan = pilihan[pilihan["desa"] == desa]
jenis_ada = [k for k in audit.KODE if k in set(pilihan["temuan"])]
with f3:
    jenis = layar.url_choice(
        "temuan",
        [SEMUA, *jenis_ada],
        "Jenis temuan",
        format_func=lambda k: "Semua jenis" if k == SEMUA else audit.JENIS[k].nama,
        default=SEMUA,
    )
if jenis != SEMUA:
    pilihan = pilihan[pilihan["temuan"] == jenis]

st.markdown(
    f"**{fmt.angka(len(pilihan))} temuan**"
    + (
        f" (ditampilkan {fmt.angka(BARIS_MAKS)} pertama; semuanya ada di berkas Excel)"
        if len(pilihan) > BARIS_MAKS
        else ""
    )
)
baris_tampil = pilihan.head(BARIS_MAKS)
st.dataframe(
    temuan_tabel.tabel_daftar(baris_tampil, kata.desa_judul),
    hide_index=True,
    width="stretch",
    height="auto" if len(baris_tampil) < 12 else 420,
    column_config={"Keterangan": LEBAR},
)
ringkas_pilihan = temuan_tabel.ringkas(pilihan, ringkasan)
bagian = "-".join(
    p
    for p in ("" if kode == SEMUA else names[kode], "" if desa == SEMUA else desa, "" if jenis == SEMUA else jenis)
    if p
)
ekspor.unduh(
    "Unduh Excel untuk tindak lanjut KPU (.xlsx)",
    lambda: audit.ekspor_xlsx(pilihan, ringkas_pilihan, pemilihan, versi, wilayah=kata.nama, desa=kata.desa_judul),
    audit.nama_berkas(election, bagian),
    key="unduh_temuan",
    mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    icon=":material/download:",
    help=f"Satu sheet ringkasan dan satu sheet per kecamatan, dikelompokkan per {kata.desa}, TPS dan jenis temuan, "
    "dengan kolom tindak lanjut yang masih kosong.",
    disabled=pilihan.empty,
)
layar.footer()
