"""Temuan DPT: what the voter-list audit found in the active per-voter lists (DPT/DPS/DP4) of the
election — counts per finding type and kecamatan (table and chart), the groups leadership asks
about, and the list of findings (masked NIK, DPID, file, sheet and row, so an analyst can find the
voter in the original), filterable by kecamatan, desa and type, with the Excel workbook for KPU
follow-up. Queries: int_daftar_temuan (once per data version), marts/audit_ringkasan,
marts/audit_temuan, marts/audit_kelompok (through readiness.audit.lengkap), marts/versi_data;
the region's kecamatan (which the per-voter list covers) from marts/korwil_penugasan.
URL: `?pemilu=…&kecamatan=35.13.24&temuan=nik_ganda`. The list and its filters: app/temuan_tampil.py."""

import streamlit as st

from app import baca, layar, temuan_tampil
from readiness import audit, charts, fmt, temuan_tabel

election = layar.election()
audit_daftar, pemilihan, versi = baca.temuan(election)
kata = baca.kata(election)

st.title("Temuan DPT")
layar.sumber(versi.split(":")[0].capitalize(), f"{pemilihan} · {versi}")
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

semua_kecamatan = baca.query("marts/korwil_penugasan", election=election)["kecamatan"]
layar.kartu(temuan_tabel.kartu(per_jenis, kec_kelompok, semua_kecamatan))

# --------------------------------------------------------------------------- counts by type and kecamatan
st.subheader("Jumlah temuan per jenis")
layar.tabel_baca(temuan_tabel.tabel_jenis(per_jenis), panjang=("Aturan", "Tindak lanjut"))
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
    layar.tabel_baca(temuan_tabel.tabel_per_kecamatan(ringkasan, ada))

# --------------------------------------------------------------------------- groups
st.subheader("Kelompok pemilih (dari daftar pemilih per orang)")
usia = f"{kec_kelompok['pemula_usia_min'].iloc[0]}–{kec_kelompok['pemula_usia_max'].iloc[0]}"
st.caption(
    f"Pemilih pemula: umur {usia} tahun pada hari pemungutan suara (diatur per pemilihan). "
    "Rasio jenis kelamin: laki-laki per 100 perempuan."
)
layar.tabel_baca(temuan_tabel.tabel_kelompok(kec_kelompok))

temuan_tampil.daftar(temuan, ringkasan, election, kata, pemilihan, versi)
layar.footer()
