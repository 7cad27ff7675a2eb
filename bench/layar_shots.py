"""Every page as a reader sees it, at 1920×1080, 1024×768 and 390×844: a full-page screenshot of
each (logged in as an admin on the demo data), the login page, and the /lapangan/ phone form, with
a few measurements printed beside each: the page's own width, what a reader would scroll
sideways for (boxes that scroll sideways inside it, visible text past the window's right edge)
and English UI words (page text, aria-labels, titles, placeholders) — the suite's own checks,
tests/e2e/conftest.py GESER and english. For a person to look at; never part of the test suite.

Usage: .venv/bin/python bench/layar_shots.py [--out DIR] [--pages ringkasan,jejak] [--sizes 1024]
       [--db data/sultra.duckdb]   (a copy of another installation instead of the demo data; its
                                    small-records store beside it is copied too)
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from playwright.sync_api import expect, sync_playwright  # noqa: E402

from tests.e2e.conftest import (  # noqa: E402
    CHROMIUM,
    CHROMIUM_ARGS,
    GESER,
    demo_database,
    drawn,
    english,
    start_server,
)

SIZES = {"1920": (1920, 1080), "1024": (1024, 768), "390": (390, 844)}
PAGES = {  # name: URL path
    "ringkasan": "",
    "korwil": "korwil",
    "kecamatan": "kecamatan",
    "pemilih": "pemilih",
    "tps": "tps",
    "ktpel": "ktpel",
    "partisipasi": "partisipasi",
    "temuan": "temuan",
    "hari_h": "hari_h",
    "masalah": "masalah",
    "presentasi": "presentasi",
    "lapor": "lapor",
    "unggah": "unggah",
    "pengaturan": "pengaturan",
    "pengguna": "pengguna",
    "jejak": "jejak",
}
HALAMAN_LEBAR = "() => document.documentElement.scrollWidth"


def _add_user(db: Path, name: str, role: str, password: str, *wilayah: str) -> None:
    subprocess.run(
        [sys.executable, "-m", "readiness", "user", "add", name, "--db", str(db), "--role", role, "--password-stdin"]
        + [x for w in wilayah for x in ("--wilayah", w)],
        input=password,
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    )


# The height of the page's content: Streamlit's main area scrolls inside the window, so a
# full-page screenshot of the window would show only its first screen.
TINGGI = """() => Math.max(document.documentElement.scrollHeight,
    ...[...document.querySelectorAll('[data-testid="stMain"], [data-testid="stSidebarContent"]')].map((e) => e.scrollHeight))"""


def _shot(page, out: Path, name: str) -> None:
    """The first screen as the reader sees it (`name.png`), its measurements, and the whole page
    (`name-utuh.png`: the window made as tall as the content, up to 6000 pixels)."""
    page.wait_for_timeout(400)
    page.screenshot(path=str(out / f"{name}.png"))
    found = {"halamanLebar": page.evaluate(HALAMAN_LEBAR), "geser": page.evaluate(GESER), "inggris": english(page)}
    print(name, json.dumps(found, ensure_ascii=False), flush=True)
    size = page.viewport_size
    tall = min(int(page.evaluate(TINGGI)), 6000)
    if tall > size["height"] + 10:
        page.set_viewport_size({"width": size["width"], "height": tall})
        page.wait_for_timeout(600)
        page.screenshot(path=str(out / f"{name}-utuh.png"))
        page.set_viewport_size(size)


def _database(folder: Path, asal: str | None) -> Path:
    """The demo database, or a copy of `asal` (with its small-records store) in `folder`."""
    if not asal:
        return demo_database(folder)
    db = folder / "readiness.duckdb"
    shutil.copyfile(asal, db)
    catatan = Path(asal).with_suffix(".catatan.sqlite")
    if catatan.exists():
        shutil.copyfile(catatan, db.with_suffix(".catatan.sqlite"))
    return db


def _kecamatan_pertama(db: Path) -> str:
    """The first kecamatan of the installation, for the field reporter's account."""
    import duckdb

    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute("select min(kode_kecamatan) from ref_kecamatan").fetchone()[0]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", default=str(ROOT / "tests" / "e2e" / "screenshots" / "layar"))
    parser.add_argument("--pages", default=",".join(PAGES))
    parser.add_argument("--sizes", default=",".join(SIZES))
    parser.add_argument("--db", help="a database to copy and show instead of the demo data")
    args = parser.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix="layar-"))
    kunci = Path(tempfile.mkdtemp(prefix="layar-kunci-"))  # the key outside the data folder
    os.environ.setdefault("READINESS_KUNCI", str(kunci / "kunci"))
    (tmp / "data").mkdir()
    db = _database(tmp / "data", args.db)
    _add_user(db, "admin1", "admin", "Rahasia-Desk-2024")
    _add_user(db, "pelapor1", "pelapor", "Rahasia-Desk-2024", _kecamatan_pertama(db))
    sizes = [SIZES[s] for s in args.sizes.split(",")]
    for url in start_server(db, tmp, "server.py"):
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            ctx = browser.new_context(viewport={"width": 1920, "height": 1080}, locale="id-ID")
            page = ctx.new_page()
            page.goto(f"{url}/")
            expect(page.locator("h1").filter(has_text="Masuk")).to_be_visible(timeout=60000)
            for w, h in sizes:
                page.set_viewport_size({"width": w, "height": h})
                _shot(page, out, f"masuk-{w}")
            page.set_viewport_size({"width": 1920, "height": 1080})
            page.get_by_label("Nama pengguna").fill("admin1")
            page.get_by_label("Kata sandi").fill("Rahasia-Desk-2024")
            page.get_by_role("button", name="Masuk").click()
            expect(page.locator("h1").filter(has_text="Ringkasan")).to_be_visible(timeout=60000)
            for name in args.pages.split(","):
                for w, h in sizes:
                    page.set_viewport_size({"width": w, "height": h})
                    page.goto(f"{url}/{PAGES[name]}?pemilu=pilkada-2024")
                    expect(page.locator("h1").first).to_be_visible(timeout=60000)
                    drawn(page, timeout=60000)
                    _shot(page, out, f"{name}-{w}")
            phone = browser.new_context(viewport={"width": 390, "height": 844}, locale="id-ID").new_page()
            phone.goto(f"{url}/lapangan/")
            _shot(phone, out, "lapangan-masuk-390")
            phone.locator("#nama").fill("pelapor1")
            phone.locator("#sandi").fill("Rahasia-Desk-2024")
            phone.get_by_role("button", name="Masuk").click()
            phone.wait_for_load_state()
            _shot(phone, out, "lapangan-390")
            browser.close()


if __name__ == "__main__":
    main()
