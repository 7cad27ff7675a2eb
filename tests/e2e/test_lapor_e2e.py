"""Lapor cepat on a phone (390x844) against a real server: a report sent from the Lapor page shows
up on the Hari Pemungutan page that was left open — without reloading it —, the Lapor page has
no horizontal scrollbar, its touch targets are at least 48 px high, and a double tap on Kirim
stores one report and answers with a green "Terkirim #1" that stays."""

import os
import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import demo_database, isi_angka, screenshot, start_server

PHONE = {
    "viewport": {"width": 390, "height": 844},
    "device_scale_factor": 2,
    "is_mobile": True,
    "has_touch": True,
    "locale": "id-ID",
}


@pytest.fixture(scope="module")
def lapor_server(demo_db_master, tmp_path_factory):
    """A server of its own whose Hari Pemungutan page refreshes every 3 seconds instead of 60."""
    db_path = demo_database(tmp_path_factory.mktemp("e2e-lapor"), demo_db_master)
    old = os.environ.get("READINESS_SEGAR_DETIK")
    os.environ["READINESS_SEGAR_DETIK"] = "3"
    try:
        for url in start_server(db_path, tmp_path_factory.mktemp("log-lapor")):
            yield {"url": url, "db": db_path}
    finally:
        if old is None:
            os.environ.pop("READINESS_SEGAR_DETIK", None)
        else:
            os.environ["READINESS_SEGAR_DETIK"] = old


def _no_horizontal_scroll(page) -> bool:
    return page.evaluate("""() => {
        const boxes = [document.documentElement, document.querySelector('[data-testid="stMain"]'),
                       document.querySelector('[data-testid="stMainBlockContainer"]')].filter(Boolean);
        return boxes.every(b => b.scrollWidth <= b.clientWidth + 1);
    }""")


def _tinggi(page) -> dict[str, float]:
    """The smallest height of each kind of touch target on the page, in CSS px."""
    return page.evaluate("""() => {
        const out = {};
        for (const [name, sel] of [['radio', '[data-testid="stRadioOption"]'], ['toggle', '[data-testid="stCheckbox"] label'],
                                   ['tombol', '[data-testid="stButton"] button'], ['pilihan', '[data-testid="stMain"] [data-testid="stSelectbox"] [role="group"]'],
                                   ['angka', '[data-testid="stNumberInputContainer"]']]) {
            const boxes = [...document.querySelectorAll(sel)].map(e => e.getBoundingClientRect()).filter(r => r.width > 0);
            out[name] = boxes.length ? Math.min(...boxes.map(r => r.height)) : null;
        }
        return out;
    }""")


def test_a_phone_report_changes_the_kecamatan_on_the_open_dashboard(lapor_server, browser):
    desk = browser.new_context(viewport={"width": 1366, "height": 900}, locale="id-ID")
    phone = browser.new_context(**PHONE)
    try:
        board = desk.new_page()
        board.goto(lapor_server["url"] + "/hari_h?kecamatan=35.13.01")
        detail = board.locator(".st-key-hari_h_rincian")
        expect(detail.get_by_text("0/58", exact=True).first).to_be_visible(timeout=60000)
        expect(detail.get_by_text("Pemungutan selesai")).to_be_visible()
        # The source of the figures in one short line, the whole of it under "Sumber data".
        expect(
            board.get_by_text(re.compile(r"^Data \d{1,2} \w{3} \d{4} \d{2}\.\d{2} WIB · versi \d+$"))
        ).to_be_visible()
        expect(board.locator("[data-testid='stExpander']").filter(has_text="Sumber data")).to_have_count(1)

        pg = phone.new_page()
        pg.goto(lapor_server["url"] + "/lapor")
        expect(pg.get_by_role("heading", name="Lapor cepat TPS")).to_be_visible(timeout=60000)
        pg.locator("[data-testid='stRadio']").get_by_text("Pemungutan selesai", exact=True).click()
        expect(pg.get_by_label("Laki-laki (L)")).to_be_visible(timeout=30000)
        isi_angka(pg, "Laki-laki (L)", "200")
        isi_angka(pg, "Perempuan (P)", "150")
        expect(pg.get_by_text("L + P = 350 (74,5% dari DPT 470)")).to_be_visible(timeout=30000)
        assert _no_horizontal_scroll(pg)
        # Every touch target a thumb meets is at least 48 px high (Streamlit's own: 21-40 px).
        tinggi = _tinggi(pg)
        assert all(h is not None and h >= 48 for h in tinggi.values()), tinggi
        # A double tap on Kirim: one report, and a green "Terkirim #1" that stays.
        pg.get_by_role("button", name="Kirim laporan").dblclick()
        terkirim = pg.locator("[data-testid='stAlertContentSuccess']").filter(has_text="Terkirim #1 pukul")
        expect(terkirim).to_be_visible(timeout=30000)
        expect(pg.get_by_text("L 200 / P 150 = 350", exact=False)).to_be_visible()
        expect(pg.get_by_text("Nomor 1 · diterima", exact=False)).to_have_count(1)
        pg.wait_for_function("!document.querySelector('[data-testid=\"stStatusWidget\"] button')")
        expect(terkirim).to_be_visible()
        expect(pg.get_by_text("Nomor 2 · diterima", exact=False)).to_have_count(0)
        assert pg.locator("[data-testid='stAlertContentInfo']").count() == 0
        assert _no_horizontal_scroll(pg)
        screenshot(pg, "lapor-ponsel-390")
        # Pressed again later (the answer was lost on a bad connection): the same green answer,
        # and still one report.
        pg.get_by_role("button", name="Kirim laporan").click()
        expect(terkirim.filter(has_text="tidak dicatat dua kali")).to_be_visible(timeout=30000)
        expect(pg.get_by_text("Nomor 2 · diterima", exact=False)).to_have_count(0)

        # The dashboard left open updates itself: Sukapura now has 1 TPS that voted, 350 of 470.
        expect(detail.get_by_text("1/58", exact=True)).to_be_visible(timeout=60000)
        expect(detail.get_by_text("74,5%", exact=True)).to_be_visible()  # 350 of 470: 74,47%
        expect(board.get_by_text("1/1.739", exact=True)).to_be_visible()
        screenshot(board, "hari-h-1366")
        assert board.locator("[data-testid='stException']").count() == 0
        assert board.get_by_text("Page not found").count() == 0
        assert pg.locator("[data-testid='stException']").count() == 0
    finally:
        phone.close()
        desk.close()
