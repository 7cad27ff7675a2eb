"""A shared link opened as the first request of a fresh server: Streamlit runs a `pages/<name>.py`
next to the entry script by itself (its old multipage mode) until dashboard.py has called
st.navigation once in the process. Such a run must still show the app's answer for that URL — the
login form while nobody is logged in — whatever other sessions have done meanwhile."""

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from readiness import jejak, pengguna
from tests.pages.halaman import teks_semua

ROOT = Path(__file__).resolve().parents[2]
SANDI = "Rahasia-Desk-2024"


@pytest.fixture
def users_db(demo_db, monkeypatch):
    monkeypatch.setattr(pengguna.percobaan, "JEDA_GAGAL", 0)
    pengguna.tambah(demo_db, "budi", "admin", SANDI, pelaku=jejak.CLI)
    pengguna.tambah(demo_db, "pelapor1", "pelapor", SANDI, pelaku=jejak.CLI, wilayah="35.13.14")
    return demo_db


@pytest.mark.parametrize("page", ["lapor", "kecamatan", "unggah"])
def test_a_page_run_without_the_entry_script_shows_the_login_form(users_db, monkeypatch, page):
    # A page file run on its own, in a process that has already left the old multipage mode: what a
    # deep link gets when another session's first `/` request ran dashboard.py a moment earlier.
    monkeypatch.setenv("READINESS_DB", str(users_db))
    monkeypatch.chdir(ROOT)
    at = AppTest.from_file(str(ROOT / "pages" / f"{page}.py"), default_timeout=120)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.title[0].value == "Masuk"
    assert "tidak memiliki akses" not in teks_semua(at)
    assert [b.label for b in at.button if b.label == "Masuk"] == ["Masuk"]


def test_a_deep_link_as_the_first_request_shows_the_login_form(users_db, monkeypatch):
    # AppTest starts every run as a fresh process would: Streamlit sees the pages/ folder first.
    monkeypatch.setenv("READINESS_DB", str(users_db))
    monkeypatch.chdir(ROOT)
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120)
    at.switch_page("pages/lapor.py")
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.title[0].value == "Masuk"
    assert "tidak memiliki akses" not in teks_semua(at)
