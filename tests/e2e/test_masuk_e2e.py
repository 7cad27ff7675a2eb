"""Login in a real browser (issue 8): local mode's banner while no user exists; a user added from
the command line while the app runs makes the login page appear; log in with a user whose name
is HTML (`<img src=x onerror=alert(1)>`): the name shows as text, no script runs, no dialog opens;
a shared link opens its page right after the login; a download is recorded in the audit trail;
log out."""
import re
import subprocess
import sys

import pytest
from playwright.sync_api import expect

from readiness import db
from tests.e2e.conftest import ROOT, demo_database, screenshot, start_server

NAMA = "<img src=x onerror=alert(1)>"
SANDI = "Rahasia-Desk-2024"


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    db_path = demo_database(tmp_path_factory.mktemp("e2e-masuk"))
    for url in start_server(db_path, tmp_path_factory.mktemp("log-masuk")):
        yield {"url": url, "db": db_path}


def test_login_html_name_shown_as_text_download_recorded_logout(server, page):
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))

    # No user yet: local mode, with its banner, and the dashboard opens at once.
    page.goto(f"{server['url']}/?pemilu=pilkada-2024")
    expect(page.locator("h1").filter(has_text="Ringkasan Kesiapan Pilkada")).to_be_visible(timeout=30000)
    expect(page.get_by_text("Mode lokal: belum ada pengguna — semua orang").first).to_be_visible(timeout=30000)
    screenshot(page, "masuk-mode-lokal")

    # An admin is added from the command line while the app runs.
    done = subprocess.run([sys.executable, "-m", "readiness", "user", "add", NAMA, "--db", str(server["db"]),
                           "--role", "admin", "--password-stdin"], input=SANDI, cwd=ROOT, capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    page.goto(f"{server['url']}/kecamatan?pemilu=pilkada-2024")
    expect(page.locator("h1").filter(has_text="Masuk")).to_be_visible(timeout=30000)
    assert page.get_by_text("Mode lokal").count() == 0
    assert page.locator("h1").filter(has_text="Kecamatan").count() == 0

    page.get_by_label("Nama pengguna").fill(NAMA)
    page.get_by_label("Kata sandi").fill("bukan-sandinya")
    page.get_by_role("button", name="Masuk").click()
    expect(page.get_by_text("Nama pengguna atau kata sandi salah.")).to_be_visible(timeout=30000)
    screenshot(page, "masuk-salah")
    page.get_by_label("Nama pengguna").fill(NAMA)
    page.get_by_label("Kata sandi").fill(SANDI)
    page.get_by_role("button", name="Masuk").click()

    # The link asked for before the login opens right after it.
    expect(page.locator("h1").filter(has_text="Kecamatan")).to_be_visible(timeout=30000)
    sidebar = page.locator("[data-testid='stSidebar']")
    expect(sidebar.get_by_text(f"Masuk sebagai {NAMA} · Admin", exact=True)).to_be_visible(timeout=30000)
    assert page.locator("img[src='x']").count() == 0
    screenshot(page, "masuk-berhasil")

    # The audit trail page (client-side navigation keeps the session), its export recorded.
    more = sidebar.get_by_role("button", name=re.compile(r"View \d+ more"))
    if more.count():
        more.click()  # Streamlit folds a long navigation
    sidebar.get_by_role("link", name="Jejak Audit").click()
    expect(page.locator("h1").filter(has_text="Jejak Audit")).to_be_visible(timeout=30000)
    button = page.get_by_role("button", name=re.compile("Unduh Excel"))
    with page.expect_download(timeout=60000) as info:
        button.click()
    assert info.value.suggested_filename.startswith("jejak-audit_")
    screenshot(page, "jejak-audit")
    con = db.open_read_only(server["db"])
    try:
        hasil = con.execute("select pelaku, aksi from jejak where aksi in ('masuk', 'ekspor') order by id").fetchall()
    finally:
        con.close()
    assert hasil == [(NAMA, "masuk"), (NAMA, "masuk"), (NAMA, "ekspor")]

    sidebar.get_by_role("button", name="Keluar").click()
    expect(page.locator("h1").filter(has_text="Masuk")).to_be_visible(timeout=30000)
    expect(page.get_by_text("Anda sudah keluar.")).to_be_visible(timeout=30000)
    assert page.locator("img[src='x']").count() == 0
    assert dialogs == []
