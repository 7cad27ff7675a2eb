"""Closing the tab while the Unggah Data page checks a large file stops the check on the server:
its log says so, and the file after it is never read."""

import re
import time

from playwright.sync_api import expect

from tests import xlsx
from tests.e2e.conftest import demo_database, start_server

DAFTAR = ["KECAMATAN", "DESA", "TPS", "JENIS KELAMIN", "NIK", "NKK", "NAMA", "TANGGAL LAHIR"]


def test_closing_the_tab_mid_parse_stops_the_server_side_check(browser, demo_db_master, tmp_path):
    # Long to check even on a fast, quiet machine (tens of seconds here), so that the tab closes while
    # the check still runs; its first rows are read within a second, so the page may show the reading
    # or already the checking
    big = xlsx.bomb(tmp_path / "dpt_besar.xlsx", 2_500_000, DAFTAR, level=1)
    small = xlsx.recap(tmp_path / "rekap_kecil.xlsx", [("Kraksaan", "Asembakor", 2, 300, 300, 600)])
    logs = tmp_path / "log"
    logs.mkdir()
    for url in start_server(demo_database(tmp_path, demo_db_master), logs):
        context = browser.new_context(viewport={"width": 1920, "height": 1080}, locale="id-ID")
        page = context.new_page()
        page.goto(url + "/unggah")
        expect(page.get_by_text("Unggah Data").first).to_be_visible(timeout=30000)
        page.locator("input[type=file]").set_input_files([str(big), str(small)])
        # reading, or already checking the first rows read: the tab closes while the check runs
        expect(page.get_by_text(re.compile(r"dpt_besar\.xlsx: (membaca|memeriksa) baris"))).to_be_visible(timeout=60000)
        page.close()
        context.close()
        log = logs / "streamlit.log"
        deadline = time.time() + 90
        while time.time() < deadline and "pemeriksaan unggahan dihentikan" not in log.read_text():
            time.sleep(0.5)
        text = log.read_text()
        assert "pemeriksaan unggahan dihentikan sebelum selesai: dpt_besar.xlsx, rekap_kecil.xlsx" in text, text[-3000:]
        assert "Traceback" not in text, text[-3000:]
