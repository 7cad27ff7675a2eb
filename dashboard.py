"""Entry point: `streamlit run dashboard.py`. Declares the pages; each page stays thin."""
import streamlit as st

from pages import common
from readiness import teks

st.set_page_config(page_title=teks.APP_NAMA, page_icon="assets/favicon.png", layout="wide")

pages = [
    st.Page("pages/ringkasan.py", title="Ringkasan", icon=":material/dashboard:", default=True),
    st.Page("pages/korwil.py", title="Korwil", icon=":material/groups:"),
    st.Page("pages/kecamatan.py", title="Kecamatan", icon=":material/location_city:"),
    st.Page("pages/pemilih.py", title="Pemilih", icon=":material/how_to_vote:"),
    st.Page("pages/tps.py", title="TPS", icon=":material/ballot:"),
    st.Page("pages/ktpel.py", title="KTP-el", icon=":material/badge:"),
    st.Page("pages/partisipasi.py", title="Partisipasi", icon=":material/groups_3:"),
    st.Page("pages/temuan.py", title="Temuan DPT", icon=":material/fact_check:", url_path="temuan"),
    st.Page("pages/presentasi.py", title="Presentasi", icon=":material/slideshow:", url_path="presentasi"),
    st.Page("pages/unggah.py", title="Unggah Data", icon=":material/upload_file:", url_path="unggah"),
    st.Page("pages/pengaturan.py", title="Pengaturan", icon=":material/settings:"),
]
navigation = st.navigation(pages)
st.sidebar.markdown(f"**{teks.APP_NAMA}**")
common.election_picker()
st.sidebar.caption(teks.DISCLAIMER)
navigation.run()
