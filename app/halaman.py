"""The app's pages: which exist, in which sidebar section, and which action each role must be
allowed to open them (readiness/akses.py). The navigation holds only the pages the session's
user may open, so a page outside the role cannot be run at all — the check is on the server, not
only a hidden link."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from app import sesi

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
    ("pages/hari_h.py", "Hari Pemungutan", ":material/how_to_reg:", "hari_h", "lihat"),
    ("pages/masalah.py", "Permasalahan", ":material/report:", None, "lihat"),
    ("pages/presentasi.py", "Presentasi", ":material/slideshow:", "presentasi", "lihat"),
    ("pages/lapor.py", "Lapor", ":material/edit_note:", "lapor", "lapor"),
    ("pages/unggah.py", "Unggah Data", ":material/upload_file:", "unggah", "unggah"),
    ("pages/pengaturan.py", "Pengaturan", ":material/settings:", None, "pengaturan"),
    ("pages/pengguna.py", "Pengguna", ":material/manage_accounts:", "pengguna", "pengguna"),
    ("pages/jejak.py", "Jejak Audit", ":material/history:", "jejak", "jejak"),
]
MASUK = ("pages/masuk.py", "Masuk", ":material/login:", "masuk")
# Sections of the sidebar, by page file name; 16 pages in one list were folded by Streamlit.
BAGIAN = {
    "Pantauan": {"ringkasan", "korwil", "kecamatan", "pemilih", "tps", "ktpel", "partisipasi", "temuan"},
    "Hari pemungutan": {"hari_h", "lapor"},
    "Tindak lanjut": {"masalah", "presentasi"},
    "Kelola": {"unggah", "pengaturan", "pengguna", "jejak", "masuk"},
}


def _page(file, title, icon, url_path, default=False):
    kwargs = {"url_path": url_path} if url_path else {}
    return st.Page(file, title=title, icon=icon, default=default, **kwargs)


def navigasi_masuk():
    """Users exist and nobody is logged in: every URL runs the login form and nothing else, so no
    other page can run at all; a shared link opens its page right after the login."""
    from pages import masuk

    paths = ["masuk"] + [p[3] or Path(p[0]).stem for p in PAGES]
    return st.navigation(
        [
            st.Page(masuk.halaman, title="Masuk", icon=":material/login:", url_path=path, default=(i == 0))
            for i, path in enumerate(paths)
        ],
        position="hidden",
    )


def navigasi_peran():
    """The pages the session's user may open, by sidebar section."""
    allowed = [p[:4] for p in PAGES if sesi.boleh(p[4])] or [MASUK]
    sections: dict[str, list] = {}
    for i, p in enumerate(allowed):
        bagian = next(b for b, stems in BAGIAN.items() if Path(p[0]).stem in stems)
        sections.setdefault(bagian, []).append(_page(*p, default=(i == 0)))
    return st.navigation(sections, expanded=True)
