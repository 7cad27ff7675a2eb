"""Entry point of the one server process: the dashboard (dashboard.py, Streamlit) and the phones'
field-report path `/lapangan/` (lapangan/, plain HTTP) in one ASGI app, so both use the same
writer of the reports' file (readiness.lapor.layanan).

    streamlit run server.py --server.port 8501          # `make run`
    uvicorn server:app --host 127.0.0.1 --port 8501     # the same app under plain uvicorn
"""

import os

import streamlit as st

import lapangan

# Files the server makes (the field-report store and its WAL, database copies) are private to its user.
os.umask(0o077)

app = st.App("dashboard.py", routes=lapangan.rute())
