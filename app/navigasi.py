"""Every page runs inside dashboard.py's navigation, even the first request of a fresh server.

Streamlit (checked with 1.67) treats a `pages/` folder next to the entry script as an old-style
multipage app until the entry script has called st.navigation once in the process, and it has no
public switch for this (its advice is to rename the folder). Meanwhile a URL such as `/lapor`
runs `pages/lapor.py` alone: without the login, the role's navigation and the election choice.
Whether a run came through dashboard.py is known here per script run (the thread running it),
never from a process-wide flag another session may change meanwhile: a page run that did not
come through it runs dashboard.py in its place — which declares the navigation and runs the page
of this same URL, in this same script run, so no widget event is lost — and stops.
See ARCHITECTURE.md, "Streamlit work-around"; tests/pages/test_navigasi.py fails when a Streamlit
upgrade changes this."""

from __future__ import annotations

import runpy
import threading
from pathlib import Path

import streamlit as st

DASHBOARD = Path(__file__).resolve().parent.parent / "dashboard.py"
_run = threading.local()  # a script run executes in one thread; pages run nested in dashboard.py's


def jalankan(navigation) -> None:
    """Run the page `navigation` chose (dashboard.py calls this instead of navigation.run())."""
    _run.dalam = getattr(_run, "dalam", 0) + 1
    try:
        navigation.run()
    finally:
        _run.dalam -= 1


def pastikan() -> None:
    """Called first by every page: when this run did not come through dashboard.py, run dashboard.py
    instead (it runs this page for this URL, behind the login) and end this run."""
    if getattr(_run, "dalam", 0):
        return
    runpy.run_path(str(DASHBOARD), run_name="__main__")
    st.stop()
