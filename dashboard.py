"""Entry point: `streamlit run dashboard.py`. Declares the navigation (the pages and who may open
them: app/halaman.py) and runs the page of the URL; each page stays thin."""

import os

import streamlit as st

from app import bahasa, halaman, layar, navigasi, sesi
from readiness import teks

# Files the server makes (the field-report store and its WAL, database copies) are private to its user.
os.umask(0o077)
st.set_page_config(page_title=teks.APP_NAMA, page_icon="assets/favicon.png", layout="wide")

user = sesi.pengguna()
if user is None:
    navigation = halaman.navigasi_masuk()
    st.sidebar.markdown(f"**{teks.APP_NAMA}**")
else:
    navigation = halaman.navigasi_peran()
    kepala = st.sidebar.container()
    kepala.markdown(f"**{teks.APP_NAMA}**")
    sesi.akun_sidebar(user, navigation)
    layar.kepala(kepala, layar.election_picker())
st.sidebar.caption(teks.DISCLAIMER)
sesi.cookie_sesi()
bahasa.pasang()
layar.gaya()
navigasi.jalankan(navigation)
