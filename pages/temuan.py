"""Temuan DPT: what the voter-list audit found in the active per-voter lists (DPT/DPS/DP4) of the
election — counts per finding type and kecamatan (table and chart), the groups leadership asks
about, and the list of findings (masked NIK, DPID, file, sheet and row, so an analyst can find the
voter in the original), filterable by kecamatan, desa and type, with the Excel workbook for KPU
follow-up. Queries: int_daftar_temuan (once per data version), marts/audit_ringkasan,
marts/audit_temuan, marts/audit_kelompok (through readiness.audit.run), marts/versi_data.
URL: `?pemilu=…&kecamatan=35.13.24&temuan=nik_ganda`."""
import pandas as pd
import streamlit as st

from app import baca, ekspor, layar
from readiness import audit, charts, db, fmt, model

SEMUA = "semua"
BARIS_MAKS = 5000  # rows shown on screen; the Excel file has them all


@st.cache_data(show_spinner="Memeriksa daftar pemilih…", max_entries=16)
def _audit(path: str, version: tuple, election: str, _cur=None) -> audit.Hasil:
    # `version` changes with every committed write, so findings are never shown stale.
    return audit.run(_cur, election)


@st.cache_data(show_spinner=False, max_entries=16)
def _label(path: str, version: tuple, election: str, _cur=None) -> tuple[str, str]:
    return model.pemilihan_label(_cur, election), model.versi_label(db.run(_cur, "marts/versi_data", election=election))


election = layar.election()
version, cur = baca.snapshot()  # findings and their caption from one data version
hasil = _audit(baca.db_path(), version, election, cur)
pemilihan, versi = _label(baca.db_path(), version, election, cur)

st.title("Temuan DPT")
st.caption(f"{pemilihan} · {versi}")
if not hasil.ada_daftar:
    layar.empty_state("Belum ada daftar pemilih per orang (ekspor DPT, DPS atau DP4 dari KPU) untuk pemilihan ini. "
                       "Unggah daftarnya di halaman Unggah Data: NIK dan NKK langsung disamarkan, nama dan alamat "
                       "tidak disimpan. Setelah itu halaman ini menampilkan NIK ganda, pemilih belum 17 tahun, "
                       "NIK tidak valid, dan temuan lain per kecamatan, desa dan TPS.")

ringkasan, temuan, kelompok = hasil.ringkasan, hasil.temuan, hasil.kelompok
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
jenis_df = audit.jenis_tabel()
jenis_df["jumlah"] = [int(per_jenis.get(k, 0)) for k in jenis_df["temuan"]]
st.dataframe(pd.DataFrame({
    "Temuan": jenis_df["nama"], "Jumlah pemilih": [fmt.angka(n) for n in jenis_df["jumlah"]],
    "Aturan": jenis_df["aturan"], "Tindak lanjut": jenis_df["tindak_lanjut"],
}), hide_index=True, width="stretch", column_config={"Aturan": st.column_config.TextColumn(width="large"),
                                                      "Tindak lanjut": st.column_config.TextColumn(width="large")})
with st.expander("Penjelasan setiap jenis temuan"):
    for j in audit.JENIS.values():
        st.markdown(f"**{j.nama}** (`{j.kode}`): {j.penjelasan}")

st.subheader("Temuan per kecamatan")
if ringkasan.empty:
    st.success(f"Tidak ada temuan di {fmt.angka(diperiksa)} pemilih yang diperiksa.")
else:
    ada = [k for k in audit.KODE if k in set(ringkasan["temuan"])]
    bawaan = [k for k in ada if k not in ("ktpel_belum_rekam", "tps_melebihi_kapasitas")] or ada
    tampil = st.multiselect("Jenis temuan di grafik", ada, default=bawaan, format_func=lambda k: audit.JENIS[k].nama,
                            help="Belum rekam KTP-el dan TPS melebihi kapasitas biasanya jauh lebih banyak; "
                                 "tambahkan bila perlu.")
    st.plotly_chart(audit.grafik(ringkasan, tampil), width="stretch", config=charts.PLOT_CONFIG)
    pivot = (ringkasan.pivot_table(index=["kode_kecamatan", "kecamatan"], columns="temuan", values="jumlah",
                                   aggfunc="sum", fill_value=0).reindex(columns=ada, fill_value=0).reset_index())
    tabel = pd.DataFrame({"Kecamatan": pivot["kecamatan"],
                          **{audit.JENIS[k].nama: [fmt.angka(n) for n in pivot[k]] for k in ada}})
    st.dataframe(tabel, hide_index=True, width="stretch")

# --------------------------------------------------------------------------- groups
st.subheader("Kelompok pemilih (dari daftar pemilih per orang)")
usia = f"{kec_kelompok['pemula_usia_min'].iloc[0]}–{kec_kelompok['pemula_usia_max'].iloc[0]}"
st.caption(f"Pemilih pemula: umur {usia} tahun pada hari pemungutan suara (diatur per pemilihan). "
           "Rasio jenis kelamin: laki-laki per 100 perempuan.")
st.dataframe(pd.DataFrame({
    "Kecamatan": kec_kelompok["kecamatan"], "Pemilih": [fmt.angka(n) for n in kec_kelompok["pemilih"]],
    "Laki-laki": [fmt.angka(n) for n in kec_kelompok["pemilih_l"]],
    "Perempuan": [fmt.angka(n) for n in kec_kelompok["pemilih_p"]],
    "Rasio L/P": [fmt.angka(n, 1) for n in kec_kelompok["rasio_jk"]],
    "Pemilih pemula": [fmt.angka(n) for n in kec_kelompok["pemula"]],
    "Disabilitas": [fmt.angka(n) for n in kec_kelompok["disabilitas"]],
    **{f"Disabilitas {nama.lower()}": [fmt.angka(n) for n in kec_kelompok[col]]
       for col, nama in audit.DISABILITAS.items()},
    "Belum rekam KTP-el": [fmt.angka(n) for n in kec_kelompok["ktpel_belum_rekam"]],
}), hide_index=True, width="stretch")

# --------------------------------------------------------------------------- the list
st.subheader("Daftar temuan")
st.caption("NIK ditampilkan tersamar. Cari pemilihnya di berkas asli lewat berkas, sheet dan baris, atau DPID.")
names = dict(zip(ringkasan["kode_kecamatan"], ringkasan["kecamatan"]))
f1, f2, f3 = st.columns(3)
with f1:
    kode = layar.url_choice("kecamatan", [SEMUA, *sorted(names)], "Kecamatan",
                             format_func=lambda k: "Semua kecamatan" if k == SEMUA else names[k], default=SEMUA)
pilihan = temuan if kode == SEMUA else temuan[temuan["kode_kecamatan"] == kode]
desa_ada = sorted({d for d in pilihan["desa"].dropna()})
with f2:
    desa = st.selectbox("Desa/kelurahan", [SEMUA, *desa_ada], key=f"temuan_desa_{kode}",
                        format_func=lambda d: "Semua desa/kelurahan" if d == SEMUA else d)
if desa != SEMUA:
    pilihan = pilihan[pilihan["desa"] == desa]
jenis_ada = [k for k in audit.KODE if k in set(pilihan["temuan"])]
with f3:
    jenis = layar.url_choice("temuan", [SEMUA, *jenis_ada], "Jenis temuan",
                              format_func=lambda k: "Semua jenis" if k == SEMUA else audit.JENIS[k].nama,
                              default=SEMUA)
if jenis != SEMUA:
    pilihan = pilihan[pilihan["temuan"] == jenis]

st.markdown(f"**{fmt.angka(len(pilihan))} temuan**"
            + (f" (ditampilkan {fmt.angka(BARIS_MAKS)} pertama; semuanya ada di berkas Excel)"
               if len(pilihan) > BARIS_MAKS else ""))
baris_tampil = pilihan.head(BARIS_MAKS)
st.dataframe(pd.DataFrame({
    "Kecamatan": baris_tampil["kecamatan"], "Desa/Kelurahan": baris_tampil["desa"].fillna("(kosong)"), "TPS": baris_tampil["tps"],
    "Temuan": baris_tampil["nama_temuan"], "Keterangan": baris_tampil["keterangan"], "NIK (tersamar)": baris_tampil["nik_mask"].fillna(""),
    "DPID": baris_tampil["dpid"].fillna(""), "Berkas": baris_tampil["file_name"], "Sheet": baris_tampil["source_sheet"],
    "Baris": [str(n) for n in baris_tampil["source_row"]],  # as Excel shows it: 11926, not 11.926
}), hide_index=True, width="stretch", height="auto" if len(baris_tampil) < 12 else 420,
    column_config={"Keterangan": st.column_config.TextColumn(width="large")})

ringkas_pilihan = (pilihan.groupby(["kode_kecamatan", "kecamatan", "temuan"]).size().rename("jumlah").reset_index()
                   if len(pilihan) else ringkasan.iloc[0:0])
bagian = "-".join(p for p in ("" if kode == SEMUA else names[kode], "" if desa == SEMUA else desa,
                              "" if jenis == SEMUA else jenis) if p)
ekspor.unduh(
    "Unduh Excel untuk tindak lanjut KPU (.xlsx)",
    lambda: audit.ekspor_xlsx(pilihan, ringkas_pilihan, pemilihan, versi),
    audit.nama_berkas(election, bagian), key="unduh_temuan",
    mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", icon=":material/download:",
    help="Satu sheet ringkasan dan satu sheet per kecamatan, dikelompokkan per desa, TPS dan jenis temuan, "
         "dengan kolom tindak lanjut yang masih kosong.", disabled=pilihan.empty)
layar.footer()
