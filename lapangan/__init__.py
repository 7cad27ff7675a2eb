"""Lapor lapangan: the field-report path for phones on a weak signal, served beside the dashboard in
the same process (server.py: `st.App("dashboard.py", routes=[lapangan.rute()])`).

A small server-rendered page with a plain HTTP POST, no websocket: the form (`/lapangan/`), the
login (`/lapangan/masuk`), the logout (`/lapangan/keluar`), a report sent (`/lapangan/kirim`) and a
health check (`/lapangan/sehat`). One small script (`lapangan.js`) keeps a report that could not be
sent on the phone (localStorage) and sends it again, with the same submission id, when the signal
returns; without the script the form still works as a plain POST.

It uses the same core as the dashboard: the accounts, sessions and login throttling
(readiness.pengguna), the roles (readiness.akses), the server's check of a report and the one
writer of the reports' file (readiness.lapor: `lapor.layanan` is the process's one, shared with the
Streamlit Lapor page), so Hari Pemungutan shows these reports live.

- `sesi`: cookies, the CSRF token, the user of a request, the client's address;
- `halaman`: the HTML (escaped, Indonesian) and the size it must stay under;
- `jalur`: the Starlette routes (`rute()`).

May import: readiness (the core), starlette; never streamlit, app/ or pages/.
"""

from .jalur import rute

__all__ = ["rute"]
