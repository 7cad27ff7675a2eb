"""The shipped nginx configuration (deploy/nginx/dasbor.conf) in front of a real `streamlit run`,
on loopback with a self-signed certificate: only its ports, paths and certificate are substituted,
so a change that breaks it (a lost websocket upgrade, nginx's 1 MB body limit) fails here. Through
https://: log in, upload a per-voter list of 3 MB, open pages (drawn only through the websocket),
send a field report; http:// answers with a redirect to https://; the access log keeps no query."""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import socket
import ssl
import subprocess
import sys
import time
import tomllib
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from playwright.sync_api import expect

from readiness import catatan, db
from readiness import pengguna as pengguna_store
from tests.e2e.conftest import ROOT, _free_port, isi_angka, screenshot, start_server

CONF = ROOT / "deploy" / "nginx" / "dasbor.conf"
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
NAMA, SANDI = "admin.kab", "Sandi-Desk-2024"
PELAPOR, SANDI_PELAPOR, NGADISARI = "pelapor.ngadisari", "Sandi-Lapangan-2024", "35.13.01.2001"
ROWS = 30000


def _substitute(text: str, changes: list[tuple[str, str, int]]) -> str:
    """Each (old, new, count): `old` must occur exactly `count` times in the shipped file."""
    for old, new, count in changes:
        assert text.count(old) == count, f"deploy/nginx/dasbor.conf: {old!r} {text.count(old)}x, expected {count}x"
        text = text.replace(old, new)
    return text


def nginx_config(folder: Path, upstream: int, http: int, https: int) -> Path:
    """The shipped site file on loopback ports, and a main file around it as Debian's nginx.conf
    is (the site inside `http { }`), with every path a non-root process may write."""
    for sub in ("log", "www", "temp"):
        (folder / sub).mkdir()
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"]
        + ["-keyout", str(key), "-out", str(cert), "-days", "1", "-subj", "/CN=127.0.0.1"],
        check=True,
        capture_output=True,
    )
    site = _substitute(
        CONF.read_text(),
        [
            ("server 127.0.0.1:8501;", f"server 127.0.0.1:{upstream};", 1),
            ("listen 80;", f"listen 127.0.0.1:{http};", 1),
            ("listen [::]:80;", "", 1),
            ("listen 443 ssl http2;", f"listen 127.0.0.1:{https} ssl http2;", 1),
            ("listen [::]:443 ssl http2;", "", 1),
            ("/etc/letsencrypt/live/dasbor.contoh.go.id/fullchain.pem", str(cert), 1),
            ("/etc/letsencrypt/live/dasbor.contoh.go.id/privkey.pem", str(key), 1),
            ("/var/log/nginx/", f"{folder}/log/", 3),
            ("/var/www/html", f"{folder}/www", 1),
        ],
    )
    (folder / "dasbor.conf").write_text(site)
    temp = "\n".join(
        f"    {k}_temp_path {folder}/temp/{k};" for k in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    main = folder / "nginx.conf"
    # Run as root (CI), nginx's workers would switch to `nobody`, who cannot enter pytest's folders.
    main.write_text(
        ("user root root;\n" if os.geteuid() == 0 else "")
        + f"pid {folder}/nginx.pid;\nerror_log {folder}/log/error.log;\nevents {{ worker_connections 256; }}\n"
        + "http {\n    include /etc/nginx/mime.types;\n    default_type application/octet-stream;\n"
        + f"{temp}\n    include {folder}/dasbor.conf;\n}}\n"
    )
    return main


@contextlib.contextmanager
def running_nginx(folder: Path, upstream: int):
    """nginx with the shipped site in front of 127.0.0.1:`upstream`; yields its (http, https) ports."""
    http, https = _free_port(), _free_port()
    main = nginx_config(folder, upstream, http, https)
    with open(folder / "log" / "nginx.stderr", "w") as stderr:
        nginx = subprocess.Popen(
            [NGINX, "-p", str(folder), "-c", str(main), "-e", "stderr", "-g", "daemon off;"],
            stdout=subprocess.DEVNULL,
            stderr=stderr,
        )
        try:
            deadline = time.time() + 20
            while True:
                try:
                    socket.create_connection(("127.0.0.1", https), timeout=1).close()
                    break
                except OSError:
                    assert nginx.poll() is None, (folder / "log" / "nginx.stderr").read_text()
                    assert time.time() < deadline, "nginx did not start"
                    time.sleep(0.1)
            yield http, https
        finally:
            nginx.terminate()
            nginx.wait(timeout=20)


@pytest.fixture(scope="module")
def proxy(demo_db_master, tmp_path_factory):
    """The app with one admin behind nginx; yields the https and http addresses and the proxy's folder."""
    db_path = tmp_path_factory.mktemp("e2e-proxy") / "readiness.duckdb"
    shutil.copyfile(demo_db_master, db_path)
    catatan.salin(demo_db_master, db_path)
    done = subprocess.run(
        [sys.executable, "-m", "readiness", "user", "add", NAMA, "--db", str(db_path), "--role", "admin"]
        + ["--password-stdin"],
        input=SANDI,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    # A reporter of one desa, for the phone's report path (/lapangan/).
    pengguna_store.tambah(db_path, PELAPOR, "pelapor", SANDI_PELAPOR, wilayah=NGADISARI, pelaku="uji")
    folder = tmp_path_factory.mktemp("nginx")
    # The service's app: the dashboard and /lapangan/ in one process, as deploy/systemd runs it.
    for url in start_server(db_path, tmp_path_factory.mktemp("log-proxy"), script="server.py"):
        with running_nginx(folder, int(url.rsplit(":", 1)[1])) as (http, https):
            yield {
                "https": f"https://127.0.0.1:{https}",
                "http": f"http://127.0.0.1:{http}",
                "dir": folder,
                "db": db_path,
            }


def _upload(db_path: Path, file_name: str) -> tuple:
    con = db.connect_read(db_path)
    try:
        return con.execute(
            "select kind, rows, uploaded_by from uploads where file_name = $f", {"f": file_name}
        ).fetchone()
    finally:
        con.close()


def _log_when(path: Path, text: str) -> str:
    """The access log once it holds `text` (nginx writes a line when its request ends), or as it is after 10 s."""
    deadline = time.time() + 10
    while text not in (log := path.read_text()) and time.time() < deadline:
        time.sleep(0.1)
    return log


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def test_http_redirects_to_https_headers_and_the_upload_limit_matches_the_app(proxy):
    opener = urllib.request.build_opener(_NoRedirect)
    with pytest.raises(urllib.error.HTTPError) as answer:
        opener.open(f"{proxy['http']}/kecamatan?pemilu=pilkada-2024", timeout=10)
    assert answer.value.code == 301
    assert answer.value.headers["Location"] == "https://127.0.0.1/kecamatan?pemilu=pilkada-2024"
    # Over https: the app's health check through the proxy, the security headers, text gzipped.
    tls = ssl.create_default_context(cafile=proxy["dir"] / "cert.pem")
    tls.check_hostname = False
    with urllib.request.urlopen(f"{proxy['https']}/_stcore/health", context=tls, timeout=10) as ok:
        assert ok.read() == b"ok"
    page = urllib.request.Request(f"{proxy['https']}/", headers={"Accept-Encoding": "gzip"})
    with urllib.request.urlopen(page, context=tls, timeout=10) as home:
        assert home.headers["Content-Encoding"] == "gzip"
        assert home.headers["Strict-Transport-Security"] == "max-age=31536000"
        assert home.headers["X-Content-Type-Options"] == "nosniff"
        assert "nginx/" not in home.headers["Server"]


def test_while_the_app_is_down_the_proxy_says_so_in_indonesian(tmp_path):
    with running_nginx(tmp_path, _free_port()) as (_, https):  # nothing listens upstream
        tls = ssl.create_default_context(cafile=tmp_path / "cert.pem")
        tls.check_hostname = False
        with pytest.raises(urllib.error.HTTPError) as answer:
            urllib.request.urlopen(f"https://127.0.0.1:{https}/kecamatan", context=tls, timeout=10)
    assert answer.value.code == 503
    page = answer.value.read().decode()
    assert "<h1>Dasbor sedang dimulai</h1>" in page and "Bad Gateway" not in page
    # Streamlit refuses a file over server.maxUploadSize in the browser with its own words; nginx's
    # limit must not be lower, or a file the app accepts ends in nginx's English error page.
    streamlit_mb = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())["server"]["maxUploadSize"]
    nginx_mb = int(re.search(r"client_max_body_size (\d+)m;", CONF.read_text()).group(1))
    assert streamlit_mb < nginx_mb <= streamlit_mb + 100


def test_login_upload_pages_and_a_field_report_through_the_proxy(proxy, browser):
    voters = subprocess.run(
        [sys.executable, "bench/make_voterlist.py", "--rows", str(ROWS)], cwd=ROOT, check=True, capture_output=True
    )
    big = ROOT / "bench" / "out" / f"dpt_kabupaten_{ROWS}.xlsx"
    assert big.stat().st_size > 2 * 1024 * 1024, voters.stderr  # over nginx's own 1 MB default

    context = browser.new_context(viewport={"width": 1366, "height": 900}, locale="id-ID", ignore_https_errors=True)
    try:
        page = context.new_page()
        answer = page.goto(f"{proxy['https']}/unggah")
        assert answer.headers["strict-transport-security"] == "max-age=31536000"
        expect(page.locator("h1").filter(has_text="Masuk")).to_be_visible(timeout=30000)
        page.get_by_label("Nama pengguna").fill(NAMA)
        page.get_by_label("Kata sandi").fill(SANDI)
        page.get_by_role("button", name="Masuk").click()
        expect(page.get_by_text("Unggah Data").first).to_be_visible(timeout=30000)

        page.locator("input[type=file]").set_input_files(str(big))
        save = page.get_by_role("button", name="Simpan semua ke database")
        expect(save).to_be_visible(timeout=60000)
        save.click()
        expect(page.get_by_text(f"Tersimpan: {big.name} → unggahan #", exact=False)).to_be_visible(timeout=60000)
        assert _upload(proxy["db"], big.name) == ("daftar", ROWS, NAMA)

        # A field report from the Lapor page: its form, and its answer, come through the websocket.
        page.goto(f"{proxy['https']}/lapor")
        expect(page.get_by_role("heading", name="Lapor cepat TPS")).to_be_visible(timeout=30000)
        page.locator("[data-testid='stRadio']").get_by_text("Pemungutan selesai", exact=True).click()
        expect(page.get_by_label("Laki-laki (L)")).to_be_visible(timeout=30000)
        isi_angka(page, "Laki-laki (L)", "200")
        isi_angka(page, "Perempuan (P)", "150")
        expect(page.get_by_text("L + P = 350", exact=False)).to_be_visible(timeout=30000)
        page.get_by_role("button", name="Kirim laporan").click()
        terkirim = page.locator("[data-testid='stAlertContentSuccess']").filter(has_text="Terkirim #1 pukul")
        expect(terkirim).to_be_visible(timeout=30000)
        screenshot(page, "proxy-lapor")
        assert page.locator("[data-testid='stException']").count() == 0

        # A report from a phone through the plain HTTP path: its login cookie is Secure behind https
        # (the proxy says so in X-Forwarded-Proto), its answer comes after the commit.
        phone = context.new_page()
        phone.set_viewport_size({"width": 390, "height": 844})
        phone.goto(f"{proxy['https']}/lapangan/")
        phone.fill("#nama", PELAPOR)
        phone.fill("#sandi", SANDI_PELAPOR)
        phone.get_by_role("button", name="Masuk").click()
        phone.wait_for_selector("body[data-siap]", state="attached", timeout=30000)
        sesi = [c for c in context.cookies() if c["name"] == "lapangan_sesi"]
        assert sesi and sesi[0]["secure"] and sesi[0]["httpOnly"], sesi
        phone.select_option("#tps", f"{NGADISARI}-1")
        phone.check("input[name=tahap][value=pemungutan_selesai]")
        phone.fill("#hadir_l", "120")
        phone.fill("#hadir_p", "131")
        phone.get_by_role("button", name="Kirim laporan").click()
        expect(phone.locator("#antrian")).to_contain_text("Terkirim #2 pukul ", timeout=30000)
    finally:
        context.close()
    # The file went through nginx, and the websocket was upgraded by it (101, logged when the
    # browser closed it); the log holds paths without their queries.
    log = _log_when(proxy["dir"] / "log" / "dasbor.access.log", '" 101 ')
    assert re.search(r'"GET /_stcore/stream HTTP/1.1" 101 ', log), log[-2000:]
    assert re.search(r'"PUT /_stcore/upload_file/\S+ HTTP/[\d.]+" 20\d ', log), log[-2000:]
    assert "GET /lapor HTTP/2.0" in log and "?" not in log and "pemilu=" not in log
    assert re.search(r'"POST /lapangan/kirim HTTP/2.0" 200 ', log), log[-2000:]
