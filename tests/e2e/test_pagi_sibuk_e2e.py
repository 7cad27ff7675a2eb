"""A busy morning at the election desk, in real browsers against one `streamlit run`: an admin, an
analis and a pimpinan, logged in, click through the pages again and again; meanwhile two field
reporters log in (a wrong password first) and out again, an analyst's command line ingests updated
KTP-el recaps (each a new data version: the database file is replaced) and an admin saves the
thresholds. No page view may end on an error screen, and every one shows its own title.

Bounded: a fixed number of rounds, every wait with a timeout; the writes run until the browsing is
done, at most a fixed number each."""

from __future__ import annotations

import asyncio
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from argon2 import PasswordHasher
from openpyxl import load_workbook

from readiness import catatan, db, jejak, model, pengguna, teks
from readiness.pengguna import sandi
from tests.e2e.conftest import CHROMIUM, CHROMIUM_ARGS, ROOT, SHOTS, demo_database, start_server

E = "pilkada-2024"
SANDI = "Pagi-Sibuk-2024"
ROUNDS = 2  # times each logged-in user clicks through its pages
LOGIN_CYCLES = 2  # wrong password, right password, log out — per reporter
MAX_INGESTS = 8
MAX_SETTINGS = 20
WAIT_MS = 45000  # one page view at most (a shared 2-CPU machine)
BROWSING_S = 240  # all the browsing at most; what is not done by then counts as failed

# (url path, the page's title as its h1 shows it); consecutive titles differ, so a title left on
# screen by the previous page is never taken for the next one.
PAGES = [
    ("", "Ringkasan Kesiapan Pilkada"),
    ("kecamatan", "Kecamatan "),
    ("tps", "TPS — "),
    ("pemilih", "Data Pemilih"),
    ("ktpel", "Perekaman KTP-el"),
    ("partisipasi", "Partisipasi Pemilih"),
    ("temuan", "Temuan DPT"),
]
CLICKERS = [
    ("admin1", "admin", None, PAGES + [("jejak", "Jejak Audit")]),
    ("analis1", "analis", None, PAGES),
    ("pimpinan1", "pimpinan", None, PAGES[::-1] + [("korwil", "Kesiapan per Koordinator Wilayah")]),
]
REPORTERS = [("pelapor1", "pelapor", "35.13.01"), ("pelapor2", "pelapor", "35.13.14")]
ERROR_TEXTS = ("This app has encountered an error", "kesalahan", "Connection already closed", "Traceback")

FOOTER = f"{teks.DISCLAIMER}. {teks.APP_NAMA}."  # the last line every page writes (app.layar.footer)

# What the page shows, read in the browser: its h1 texts, whether the script run is over, loading
# placeholders, Streamlit's exception box, the body text.
_STATE_JS = """() => ({
    h1: Array.from(document.querySelectorAll('h1')).map(h => h.innerText),
    running: document.querySelector('[data-testid="stApp"]')?.getAttribute('data-test-script-state') !== 'notRunning',
    skeleton: document.querySelectorAll('[data-testid="stSkeleton"]').length,
    exception: document.querySelectorAll('[data-testid="stException"]').length,
    text: document.body.innerText,
})"""


def _ktpel_updates(directory: Path, n: int) -> list[Path]:
    """The sample KTP-el recap as Dispendukcapil sends it on later days: Sukapura recorded a few
    fewer (a correction), the totals row and percentages kept consistent."""
    sample = ROOT / "data" / "sample" / "ktpel_per_kecamatan_2024-11-20.xlsx"
    out = []
    for i in range(1, n + 1):
        wb = load_workbook(sample)
        ws = wb.active
        assert ws["B7"].value == "SUKAPURA" and ws["B31"].value == "JUMLAH"
        for row, wajib, rekam in ((7, 28543, 28336 - i), (31, 887588, 864578 - i)):
            ws[f"D{row}"] = rekam
            ws[f"E{row}"] = wajib - rekam
            ws[f"F{row}"] = f"{100 * rekam / wajib:.2f}%".replace(".", ",")
        path = directory / f"ktpel_per_kecamatan_2024-11-{20 + i}.xlsx"
        wb.save(path)
        out.append(path)
    return out


def _add_users(db_path: Path) -> None:
    """Every account as `readiness user add` makes it, its password hashed at the app's own cost
    (the tests' process otherwise hashes cheaply, tests/conftest.py): a first login rehashes nothing."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(sandi, "_hasher", PasswordHasher())
        for nama, peran, wilayah in [c[:3] for c in CLICKERS] + REPORTERS:
            pengguna.tambah(db_path, nama, peran, SANDI, wilayah=wilayah, pelaku=jejak.CLI)


@pytest.fixture(scope="module")
def busy_server(demo_db_master, tmp_path_factory):
    directory = tmp_path_factory.mktemp("e2e-pagi")
    db_path = demo_database(directory, demo_db_master)
    _add_users(db_path)
    log_dir = tmp_path_factory.mktemp("log-pagi")
    print(f"server log: {log_dir / 'streamlit.log'}")
    for url in start_server(db_path, log_dir):
        yield {"url": url, "db": db_path, "dir": directory, "log": log_dir / "streamlit.log"}


class Views:
    """Every page view and what went wrong in any of them."""

    def __init__(self):
        self.count = 0
        self.failures: list[str] = []
        self.deadline = time.monotonic() + BROWSING_S

    def ms(self) -> float:
        """How long the next wait may take (ms); past the deadline the browsing stops."""
        left = self.deadline - time.monotonic()
        if left <= 0:
            raise TimeoutError(f"batas waktu {BROWSING_S} s")
        return min(WAIT_MS, 1000 * left)

    async def check(self, page, who: str, what: str, title: str, text: str | None = None) -> None:
        """Wait until the page shows `title` (and `text`) and has run to its footer, or shows an error."""
        self.count += 1
        deadline = time.monotonic() + self.ms() / 1000
        state = None
        while time.monotonic() < deadline:
            state = await page.evaluate(_STATE_JS)
            errors = [t for t in ERROR_TEXTS if t in state["text"]]
            if state["exception"] or errors:
                break
            if (
                any(title in h for h in state["h1"])
                and FOOTER in state["text"]
                and not state["running"]
                and not state["skeleton"]
                and (text is None or text in state["text"])
            ):
                break
            await asyncio.sleep(0.2)
        problems = []
        if state is None or not any(title in h for h in state["h1"]):
            problems.append(f"judul {title!r} tidak tampil (h1: {state and state['h1']})")
        elif FOOTER not in state["text"]:
            problems.append("halaman tidak selesai (tanpa catatan kaki)")
        elif text is not None and text not in state["text"]:
            problems.append(f"teks {text!r} tidak tampil")
        if state and state["exception"]:
            problems.append(f"{state['exception']} kotak galat")
        problems += [f"teks {t!r}" for t in ERROR_TEXTS if state and t in state["text"]]
        if problems:
            shot = SHOTS / f"pagi-sibuk-{len(self.failures)}.png"
            SHOTS.mkdir(exist_ok=True)
            await page.screenshot(path=str(shot))
            excerpt = " ".join((state or {}).get("text", "").split())[:300]
            self.failures.append(f"{who} · {what}: {'; '.join(problems)} — {excerpt} ({shot.name})")

    async def broken(self, page, who: str, exc: Exception) -> None:
        """A wait that timed out (a form or a link that never came): a failed page view too."""
        shot = SHOTS / f"pagi-sibuk-{len(self.failures)}.png"
        SHOTS.mkdir(exist_ok=True)
        try:
            await page.screenshot(path=str(shot))
            excerpt = " ".join((await page.evaluate("document.body.innerText")).split())[:300]
        except Exception:  # noqa: BLE001
            excerpt = ""
        self.failures.append(f"{who}: {type(exc).__name__} {str(exc).splitlines()[0][:150]} — {excerpt} ({shot.name})")


async def _login(page, views: Views, who: str, sandi: str, title: str, text: str | None = None) -> None:
    box = page.get_by_label("Nama pengguna")
    await box.wait_for(timeout=views.ms())
    await box.fill(who)
    await page.get_by_label("Kata sandi").fill(sandi)
    await page.get_by_role("button", name="Masuk").click()
    await views.check(page, who, f"masuk ({'benar' if sandi == SANDI else 'salah'})", title, text)


async def _click_through(browser, url: str, nama: str, pages: list, views: Views) -> None:
    ctx = await browser.new_context(viewport={"width": 1366, "height": 900}, locale="id-ID")
    page = await ctx.new_page()
    try:
        await page.goto(f"{url}/?pemilu={E}", timeout=views.ms())
        await views.check(page, nama, "halaman masuk", "Masuk")
        await _login(page, views, nama, SANDI, "Ringkasan Kesiapan Pilkada")
        sidebar = page.locator("[data-testid='stSidebar']")
        for rnd in range(ROUNDS):
            for path, title in pages:
                link = sidebar.locator(f"a[href='{url}/{path}']")
                try:
                    await link.click(timeout=views.ms())
                except TimeoutError:
                    raise
                except Exception as exc:  # noqa: BLE001 - the link itself missing is a failure too
                    views.failures.append(
                        f"{nama} · putaran {rnd + 1}, {path or 'ringkasan'}: tautan tidak dapat "
                        f"diklik ({type(exc).__name__})"
                    )
                    continue
                await views.check(page, nama, f"putaran {rnd + 1}, {path or 'ringkasan'}", title)
    except Exception as exc:  # noqa: BLE001
        await views.broken(page, nama, exc)
    finally:
        await ctx.close()


async def _log_in_and_out(browser, url: str, nama: str, views: Views) -> None:
    ctx = await browser.new_context(viewport={"width": 1366, "height": 900}, locale="id-ID")
    page = await ctx.new_page()
    try:
        await page.goto(f"{url}/?pemilu={E}", timeout=views.ms())
        await views.check(page, nama, "halaman masuk", "Masuk")
        for cycle in range(LOGIN_CYCLES):
            await _login(page, views, nama, "bukan-sandinya", "Masuk", "Nama pengguna atau kata sandi salah.")
            await _login(page, views, nama, SANDI, "Lapor cepat TPS")
            await (
                page.locator("[data-testid='stSidebar']").get_by_role("button", name="Keluar").click(timeout=views.ms())
            )
            await views.check(page, nama, f"keluar, putaran {cycle + 1}", "Masuk", "Anda sudah keluar.")
    except Exception as exc:  # noqa: BLE001
        await views.broken(page, nama, exc)
    finally:
        await ctx.close()


async def _browse(url: str) -> Views:
    from playwright.async_api import async_playwright

    views = Views()
    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            await asyncio.gather(
                *[_click_through(browser, url, nama, pages, views) for nama, _, _, pages in CLICKERS],
                *[_log_in_and_out(browser, url, nama, views) for nama, _, _ in REPORTERS],
            )
        finally:
            await browser.close()
    return views


def _data_version(db_path: Path) -> int:
    con = db.open_read_only(db_path)
    try:
        return int(con.execute("select value from meta where key = 'data_version'").fetchone()[0])
    finally:
        con.close()


def test_no_page_view_fails_while_others_log_in_upload_and_save_settings(busy_server):
    db_path, stop = busy_server["db"], threading.Event()
    updates = _ktpel_updates(busy_server["dir"], MAX_INGESTS)
    writes = {"ingest": 0, "pengaturan": 0}
    write_errors: list[str] = []

    def ingest():
        for path in updates:
            if stop.is_set():
                return
            done = subprocess.run(
                [sys.executable, "-m", "readiness", "ingest", str(path), "--db", str(db_path)],
                cwd=ROOT,
                capture_output=True,
                text=True,
                timeout=120,
            )
            if done.returncode != 0:
                write_errors.append(f"ingest {path.name}: {done.stdout[-300:]} {done.stderr[-300:]}")
                return
            writes["ingest"] += 1

    def settings():
        for i in range(MAX_SETTINGS):
            if stop.is_set():
                return
            try:
                con = db.connect_read(db_path)
                try:
                    values = dict(db.run(con, "marts/pengaturan", election=E)[["key", "value"]].values)
                finally:
                    con.close()
                values["ktpel_kuning"] = 95.0 if i % 2 else 94.5
                model.simpan_pengaturan(db_path, E, {k: values[k] for k in model.PENGATURAN if k in values}, jejak.CLI)
            except Exception as exc:  # noqa: BLE001 - reported below
                write_errors.append(f"pengaturan: {exc!r}")
                return
            writes["pengaturan"] += 1
            time.sleep(1.0)

    before, before_store = _data_version(db_path), catatan.versi_tampil(db_path)
    writers = [threading.Thread(target=ingest), threading.Thread(target=settings)]
    for t in writers:
        t.start()
    result: dict = {}
    browsing = threading.Thread(target=lambda: result.update(views=asyncio.run(_browse(busy_server["url"]))))
    started = time.monotonic()
    browsing.start()
    browsing.join(timeout=BROWSING_S + 120)
    print(f"{result['views'].count} page views in {time.monotonic() - started:.0f} s; writes {writes}")
    stop.set()
    for t in writers:
        t.join(timeout=180)
    assert not browsing.is_alive()
    views = result["views"]

    assert write_errors == []
    # Real writes happened while the pages were viewed: each upload replaced the database file,
    # each setting changed the small-records store.
    assert writes["ingest"] >= 2 and writes["pengaturan"] >= 3, writes
    assert _data_version(db_path) >= before + writes["ingest"]
    assert catatan.versi_tampil(db_path) >= before_store + writes["pengaturan"]
    expected = sum(2 + ROUNDS * len(pages) for *_, pages in CLICKERS) + len(REPORTERS) * (1 + 3 * LOGIN_CYCLES)
    assert views.failures == []
    assert views.count == expected
    # Nor did anything fail on the server out of the browsers' sight.
    assert "Traceback" not in busy_server["log"].read_text()
