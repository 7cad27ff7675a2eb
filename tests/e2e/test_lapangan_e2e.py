"""The phones' report path (/lapangan/) in Chromium at 390x844 on slow 3G, against `streamlit run
server.py`: a report made while offline waits on the phone and is sent once when the signal
returns; a report whose answer is lost after the server stored it is sent again and stored once;
"Terkirim" appears only with the server's answer; logout warns about a report still waiting and
clears the phone."""

import shutil

import pytest
from playwright.sync_api import expect

from readiness import catatan, lapor
from readiness import pengguna as pengguna_store
from tests.e2e.conftest import start_server

PHONE = {
    "viewport": {"width": 390, "height": 844},
    "device_scale_factor": 2,
    "is_mobile": True,
    "has_touch": True,
    "locale": "id-ID",
}
SLOW_3G = {"offline": False, "latency": 2000, "downloadThroughput": 50_000, "uploadThroughput": 50_000}
OFFLINE = {**SLOW_3G, "offline": True}
NGADISARI = "35.13.01.2001"


@pytest.fixture(scope="module")
def lapangan_server(demo_db_master, tmp_path_factory):
    """`streamlit run server.py` on a copy of the session's demo database, with one pelapor."""
    db_path = tmp_path_factory.mktemp("e2e-lapangan") / "readiness.duckdb"
    shutil.copyfile(demo_db_master, db_path)
    catatan.salin(demo_db_master, db_path)
    pengguna_store.tambah(db_path, "sari", "pelapor", "sandi-lapangan-123", wilayah=NGADISARI, pelaku="uji")
    server = start_server(db_path, tmp_path_factory.mktemp("log-lapangan"), script="server.py")
    yield {"url": next(server), "db": db_path, "stop": server.close}
    server.close()


def _laporan(db_path) -> list[tuple]:
    con = lapor.baca_saja(lapor.lapor_path(db_path))
    try:
        return con.execute(
            "select kirim_id, no_tps, tahap, hadir_l, hadir_p, pelapor from laporan order by seq"
        ).fetchall()
    finally:
        con.close()


def _isi(page, tps: str, tahap: str, hadir_l: str, hadir_p: str) -> None:
    page.select_option("#tps", f"{NGADISARI}-{tps}")
    page.check(f"input[name=tahap][value={tahap}]")
    page.fill("#hadir_l", hadir_l)
    page.fill("#hadir_p", hadir_p)
    page.get_by_role("button", name="Kirim laporan").click()


def test_offline_and_dropped_reports_are_sent_once_on_slow_3g(lapangan_server, browser):
    context = browser.new_context(**PHONE)
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.emulateNetworkConditions", SLOW_3G)
    page.goto(f"{lapangan_server['url']}/lapangan/")
    page.fill("#nama", "sari")
    page.fill("#sandi", "sandi-lapangan-123")
    page.get_by_role("button", name="Masuk").click()
    expect(page.locator("h1")).to_have_text("Lapor cepat TPS", timeout=30000)
    page.wait_for_selector("body[data-siap]", state="attached", timeout=30000)  # the script is loaded
    assert page.evaluate("document.documentElement.scrollWidth") <= 390

    # Offline: the report waits on the phone, and says so; nothing claims it was sent.
    context.set_offline(True)
    cdp.send("Network.emulateNetworkConditions", OFFLINE)  # both ways of saying it, kept in step
    _isi(page, "1", "pemungutan_selesai", "120", "131")
    expect(page.locator("#menunggu")).to_have_text(
        "1 laporan belum terkirim — tersimpan di ponsel ini, dikirim otomatis saat ada sinyal."
    )
    expect(page.locator("#antrian")).not_to_contain_text("Terkirim")
    # Back online (on slow 3G): sent once, "Terkirim" with the server's number.
    context.set_offline(False)
    cdp.send("Network.emulateNetworkConditions", SLOW_3G)
    expect(page.locator("#antrian .ok")).to_contain_text(
        "TPS 1 Desa Ngadisari (Kecamatan Sukapura): Pemungutan selesai. Terkirim #1 pukul ", timeout=60000
    )
    expect(page.locator("#menunggu")).to_be_hidden()

    # The server stores the next report but its answer is lost on the way (the connection drops):
    # the phone keeps it, sends it again with the same id, and the server recognises it.
    diterima = []

    def putus(route):
        diterima.append(route.fetch().status)  # the server got it and answered...
        route.abort("connectionreset")  # ...but the phone never hears it

    page.route("**/lapangan/kirim", putus, times=1)
    _isi(page, "2", "penghitungan_selesai", "98", "101")
    expect(page.locator("#antrian .ok").first).to_contain_text(
        "TPS 2 Desa Ngadisari (Kecamatan Sukapura): Penghitungan selesai. Terkirim #2 pukul ", timeout=60000
    )
    expect(page.locator("#antrian .ok").first).to_contain_text("dikirim lagi, tidak dicatat dua kali.")
    assert diterima == [200]

    # Logout with a report still waiting warns first, then clears the phone.
    context.set_offline(True)
    cdp.send("Network.emulateNetworkConditions", OFFLINE)
    _isi(page, "3", "pemungutan_selesai", "7", "8")
    expect(page.locator("#menunggu")).to_be_visible()
    dialogs = []
    page.once("dialog", lambda d: (dialogs.append(d.message), d.accept()))
    # Reports still find no signal: refused before the phone goes online, since going online
    # makes the page send what waits at once.
    page.route("**/lapangan/kirim", lambda route: route.abort())
    context.set_offline(False)
    cdp.send("Network.emulateNetworkConditions", SLOW_3G)
    page.get_by_role("button", name="Keluar").click()
    expect(page.locator("text=Anda sudah keluar.")).to_be_visible(timeout=30000)
    assert dialogs and dialogs[0].startswith("Masih ada 1 laporan belum terkirim.")
    assert page.evaluate("localStorage.length") == 0
    context.close()

    lapangan_server["stop"]()  # the server holds the reports' file; read it once it is stopped
    rows = _laporan(lapangan_server["db"])
    assert [r[1:] for r in rows] == [
        ("1", "pemungutan_selesai", 120, 131, "sari"),
        ("2", "penghitungan_selesai", 98, 101, "sari"),
    ]
    assert len({r[0] for r in rows}) == 2
