"""Dasbor Kesiapan Pilkada: the core (database, ingest, readiness model), without Streamlit."""
