"""Presentasi (rakor mode): the current data as full-screen slides for the projector, one message
each, with keyboard control, auto-advance and PPTX/PDF downloads of the same deck.

The slides come from readiness.deck.build (queries: marts/kecamatan, marts/korwil,
marts/kabupaten, marts/data_terakhir, and marts/masalah_terbuka once the inventory exists), drawn
by readiness.deck.as_html; the downloads are readiness.deck.as_pptx and readiness.deck.as_pdf of the
same deck. The URL keeps the place: `?slide=3` (1-based) and `?auto=20` (seconds, auto-advance);
the controls and the URL: app/presentasi_tampil.py."""

import streamlit as st

from app import baca, layar, presentasi_tampil
from readiness.deck import as_html

election = layar.election()
deck = baca.deck(election)
nomor, auto = presentasi_tampil.tempat(len(deck.slides))

# The font first, in an element of its own that never changes: sent once per browser session.
st.html(as_html.fonts_html())
page_css = (presentasi_tampil.ASSETS / "presentasi.css").read_text(encoding="utf-8")
st.html(f"<style>{page_css}</style>{as_html.layar(deck, nomor - 1)}")
presentasi_tampil.kendali(deck, election, nomor, auto)
