"""Entry point: `streamlit run dashboard.py`. Declares the pages; each page stays thin."""
import streamlit as st

from pages import common
from readiness import teks

st.set_page_config(page_title=teks.APP_NAMA, page_icon="assets/favicon.png", layout="wide")

pages = [
    st.Page("pages/ringkasan.py", title="Ringkasan", icon=":material/dashboard:", default=True),
]
navigation = st.navigation(pages)
st.sidebar.markdown(f"**{teks.APP_NAMA}**")
common.election_picker()
st.sidebar.caption(teks.DISCLAIMER)
navigation.run()
