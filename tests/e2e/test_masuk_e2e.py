"""Login in a real browser: local mode's banner while no user exists; a user added from the
command line while the app runs makes the login page appear; log in with a user whose name is
HTML (`<img src=x onerror=alert(1)>`): the name shows as text, no script runs, no dialog opens;
a shared link opens its page right after the login; a download is recorded in the audit trail;
log out. A reload (F5) keeps the session; after a logout it shows the login page."""

import re
import subprocess
import sys
import time

import pytest
from playwright.sync_api import expect

from readiness import catatan
from tests.e2e.conftest import GESER, ROOT, demo_database, screenshot, start_server

NAMA = "<img src=x onerror=alert(1)>"
SANDI = "Rahasia-Desk-2024"


@pytest.fixture(scope="module")
def server(demo_db_master, tmp_path_factory):
    db_path = demo_database(tmp_path_factory.mktemp("e2e-masuk"), demo_db_master)
    for url in start_server(db_path, tmp_path_factory.mktemp("log-masuk")):
        yield {"url": url, "db": db_path}


def test_login_html_name_shown_as_text_download_recorded_logout(server, page):
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))

    # No user yet: local mode, with its banner, and the dashboard opens at once.
    page.goto(f"{server['url']}/?pemilu=pilkada-2024")
    expect(page.locator("h1").filter(has_text="Ringkasan Kesiapan Pilkada")).to_be_visible(timeout=30000)
    expect(page.get_by_text("Mode lokal: belum ada akun pengguna, jadi siapa pun").first).to_be_visible(timeout=30000)
    screenshot(page, "masuk-mode-lokal")

    # An admin is added from the command line while the app runs.
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "readiness",
            "user",
            "add",
            NAMA,
            "--db",
            str(server["db"]),
            "--role",
            "admin",
            "--password-stdin",
        ],
        input=SANDI,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    page.goto(f"{server['url']}/kecamatan?pemilu=pilkada-2024")
    expect(page.locator("h1").filter(has_text="Masuk")).to_be_visible(timeout=30000)
    assert page.get_by_text("Mode lokal").count() == 0
    assert page.locator("h1").filter(has_text="Kecamatan").count() == 0
    # The password's eye button, the sidebar's button and a heading's link speak Indonesian too.
    expect(page.get_by_role("button", name="Lihat sandi")).to_be_attached(timeout=30000)
    labels = page.evaluate("[...document.querySelectorAll('[aria-label]')].map((e) => e.getAttribute('aria-label'))")
    assert "Lihat sandi" in labels and not [x for x in labels if "password" in x or "sidebar" in x or "Link" in x], (
        labels
    )

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
    # At 1024 beside the sidebar: the records read row by row, the date range whole, nothing to
    # scroll sideways for.
    page.set_viewport_size({"width": 1024, "height": 768})
    expect(page.locator(".tabel-baca td").filter(has_text="Masuk").first).to_be_visible(timeout=30000)
    assert page.evaluate(GESER) == []
    page.set_viewport_size({"width": 1920, "height": 1080})
    with catatan.baca(server["db"]) as con:
        hasil = [
            tuple(r)
            for r in con.execute("select pelaku, aksi from jejak where aksi in ('masuk', 'ekspor') order by id")
        ]
    assert hasil == [(NAMA, "masuk"), (NAMA, "masuk"), (NAMA, "ekspor")]

    sidebar.get_by_role("button", name="Keluar").click()
    expect(page.locator("h1").filter(has_text="Masuk")).to_be_visible(timeout=30000)
    expect(page.get_by_text("Anda sudah keluar.")).to_be_visible(timeout=30000)
    assert page.locator("img[src='x']").count() == 0
    assert dialogs == []


def test_a_reload_keeps_the_session_and_a_logout_ends_it(server, page):
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "readiness",
            "user",
            "add",
            "sekda",
            "--db",
            str(server["db"]),
            "--role",
            "pimpinan",
            "--password-stdin",
        ],
        input=SANDI,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    page.goto(f"{server['url']}/korwil?pemilu=pilkada-2024")
    expect(page.locator("h1").filter(has_text="Masuk")).to_be_visible(timeout=30000)
    page.get_by_label("Nama pengguna").fill("sekda")
    page.get_by_label("Kata sandi").fill(SANDI)
    page.get_by_role("button", name="Masuk").click()
    sidebar = page.locator("[data-testid='stSidebar']")
    expect(sidebar.get_by_text("Masuk sebagai sekda · Pimpinan", exact=True)).to_be_visible(timeout=30000)
    cookie = _wait_cookie(page, present=True)
    assert cookie is not None and (cookie["path"], cookie["sameSite"], cookie["httpOnly"]) == ("/", "Strict", False)
    with catatan.baca(server["db"]) as con:  # the server keeps only the token's hash
        assert con.execute("select count(*) from sesi where token_hash = ?", (cookie["value"],)).fetchone()[0] == 0
        assert con.execute("select count(*) from sesi where nama = 'sekda'").fetchone()[0] == 1

    page.reload()
    expect(page.locator("h1").filter(has_text="Korwil")).to_be_visible(timeout=30000)
    expect(sidebar.get_by_text("Masuk sebagai sekda · Pimpinan", exact=True)).to_be_visible(timeout=30000)
    screenshot(page, "masuk-muat-ulang")

    sidebar.get_by_role("button", name="Keluar").click()
    expect(page.get_by_text("Anda sudah keluar.")).to_be_visible(timeout=30000)
    assert _wait_cookie(page, present=False) is None
    page.reload()
    expect(page.locator("h1").filter(has_text="Masuk")).to_be_visible(timeout=30000)
    assert page.locator("h1").filter(has_text="Korwil").count() == 0
    with catatan.baca(server["db"]) as con:
        assert con.execute("select count(*) from sesi where nama = 'sekda'").fetchone()[0] == 0


def _cookie(page):
    return next((c for c in page.context.cookies() if c["name"] == "dasbor_sesi"), None)


def _wait_cookie(page, present: bool):
    """The session cookie once it is there (present=True) or gone (False); the page's script sets
    it right after the run that shows the login's result."""
    deadline = time.time() + 30
    while (_cookie(page) is not None) != present and time.time() < deadline:
        page.wait_for_timeout(200)
    return _cookie(page)


def test_deep_links_as_the_first_requests_of_a_fresh_server_show_the_login_form(browser, demo_db_master, tmp_path):
    # Users exist before the server starts; the first requests it ever gets are shared links,
    # opened together with its root: each shows the login form, never a refusal or a bare page.
    db_path = demo_database(tmp_path, demo_db_master)
    for nama, peran in (("budi", "admin"), ("pelapor1", "pelapor")):
        extra = ["--wilayah", "35.13.14"] if peran == "pelapor" else []
        done = subprocess.run(
            [
                sys.executable,
                "-m",
                "readiness",
                "user",
                "add",
                nama,
                "--db",
                str(db_path),
                "--role",
                peran,
                "--password-stdin",
                *extra,
            ],
            input=SANDI,
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert done.returncode == 0, done.stderr
    links = ["/lapor?pemilu=pilkada-2024", "/", "/kecamatan?pemilu=pilkada-2024&kecamatan=35.13.14", "/unggah"]
    for url in start_server(db_path, tmp_path):
        context = browser.new_context(viewport={"width": 1366, "height": 900}, locale="id-ID")
        try:
            pages = [context.new_page() for _ in links]
            for pg, link in zip(pages, links):
                pg.goto(f"{url}{link}", wait_until="commit")
            for pg, link in zip(pages, links):
                expect(pg.locator("h1").filter(has_text="Masuk")).to_be_visible(timeout=60000)
                expect(pg.get_by_label("Kata sandi")).to_be_visible(timeout=30000)
                assert pg.get_by_text("tidak memiliki akses").count() == 0, link
            screenshot(pages[0], "masuk-tautan-pertama")

            # The link opens its own page right after the login.
            pg = pages[0]
            pg.get_by_label("Nama pengguna").fill("pelapor1")
            pg.get_by_label("Kata sandi").fill(SANDI)
            pg.get_by_role("button", name="Masuk").click()
            expect(pg.locator("h1").filter(has_text="Lapor cepat TPS")).to_be_visible(timeout=30000)
        finally:
            context.close()
