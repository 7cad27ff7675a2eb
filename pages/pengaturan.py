"""Pengaturan (admin): the elections (listed, added, changed, the active one chosen:
app/pemilihan_tampil.py); for the election chosen in the sidebar its TPS capacity, the readiness
thresholds, the region's default target, per-kecamatan targets, and the korwil assignment (any
number of korwil; refused unless every kecamatan is in exactly one; in a province korwil group
kab/kota, any of which may be in none). Queries: marts/pengaturan, marts/korwil_penugasan(_kabkota), marts/elections, marts/partisipasi, marts/audit_identitas (through
readiness.model.halaman_pengaturan and app.baca). Thresholds and targets are saved in the
small-records store in milliseconds, the rest in the analytical file (readiness/model/pengaturan.py,
readiness/wilayah/pemilihan.py); either way every page shows the new figures at once. The forms:
app/pengaturan_tampil.py."""

import functools

import streamlit as st

from app import baca, layar, pemilihan_tampil, pengaturan_tampil, sesi
from app.markdown import escape_md

election = layar.election()
sesi.wajib("pengaturan")  # also on the server: a role without it never gets the forms, even by URL
data = baca.page_data("pengaturan", election)
elections = data["elections"]
names = dict(zip(elections["election_id"], elections["nama"]))
wilayah = data["kata"].wilayah_kecil  # 'kabupaten', 'kota': the labels speak of the region

st.title("Pengaturan")
st.caption(
    f"Untuk admin desk pilkada. Perubahan berlaku untuk {escape_md(names[election])} (pilih pemilihan lain di panel "
    "samping) dan langsung terlihat di semua halaman."
)
if message := st.session_state.pop(pengaturan_tampil.PESAN, None):
    st.success(message)

pemilihan_tampil.bagian(
    elections, election, pengaturan_tampil.simpan, functools.partial(pengaturan_tampil.di_berkas, election)
)
pengaturan_tampil.ambang(data, election, wilayah)
pengaturan_tampil.target(data, election, wilayah)
pengaturan_tampil.korwil(data, election)
pengaturan_tampil.identitas(election)
layar.footer()
