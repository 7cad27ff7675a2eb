"""The Streamlit side of the app: what the pages share. May import streamlit and readiness;
readiness never imports this package. One module per concern:

- halaman: the pages, their sidebar sections and the action each needs;
- navigasi: every page runs inside dashboard.py's navigation (a Streamlit work-around);
- baca: the database reader and cached results keyed by data version;
- sesi: who is logged in, the session cookie, access checks;
- ekspor: download buttons, each download recorded in the audit trail;
- layar: the election choice, choices kept in the URL, tables, captions, the footer;
- markdown: user and file text shown literally inside markdown;
- masalah_tampil: open problems as several pages show them;
- lapor_tampil, hari_h_tampil, masalah_form, unggah_tampil, pemilihan_tampil: the larger parts of one
  page each."""
