"""Entry point: `streamlit run dashboard.py`. Declares the pages; each page stays thin.

Every page names the action its role must allow (readiness/akses.py); the navigation holds only
the pages the session's user may open, so a page outside the role cannot be run at all — the
check is on the server, not only a hidden link."""
import streamlit as st

from pages import common
from readiness import teks

st.set_page_config(page_title=teks.APP_NAMA, page_icon="assets/favicon.png", layout="wide")

# (file, title, icon, url_path or None, aksi the role must allow)
PAGES = [
    ("pages/ringkasan.py", "Ringkasan", ":material/dashboard:", None, "lihat"),
    ("pages/korwil.py", "Korwil", ":material/groups:", None, "lihat"),
    ("pages/kecamatan.py", "Kecamatan", ":material/location_city:", None, "lihat"),
    ("pages/pemilih.py", "Pemilih", ":material/how_to_vote:", None, "lihat"),
    ("pages/tps.py", "TPS", ":material/ballot:", None, "lihat"),
    ("pages/ktpel.py", "KTP-el", ":material/badge:", None, "lihat"),
    ("pages/partisipasi.py", "Partisipasi", ":material/groups_3:", None, "lihat"),
    ("pages/temuan.py", "Temuan DPT", ":material/fact_check:", "temuan", "lihat"),
    ("pages/presentasi.py", "Presentasi", ":material/slideshow:", "presentasi", "lihat"),
    ("pages/unggah.py", "Unggah Data", ":material/upload_file:", "unggah", "unggah"),
    ("pages/pengaturan.py", "Pengaturan", ":material/settings:", None, "pengaturan"),
]


def _page(file, title, icon, url_path, default=False):
    kwargs = {"url_path": url_path} if url_path else {}
    return st.Page(file, title=title, icon=icon, default=default, **kwargs)


allowed = [p for p in PAGES if common.boleh(p[4])]
navigation = st.navigation([_page(*p[:4], default=(i == 0)) for i, p in enumerate(allowed)])
st.sidebar.markdown(f"**{teks.APP_NAMA}**")
common.election_picker()
st.sidebar.caption(teks.DISCLAIMER)
navigation.run()
