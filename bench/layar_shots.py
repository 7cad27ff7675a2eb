"""Every page as a reader sees it, at 1920×1080, 1024×768 and 390×844: a full-page screenshot of
each (logged in as an admin on the demo data), the login page, and the /lapangan/ phone form, with
a few measurements printed beside each: the page's own sideways scroll, boxes that scroll
sideways inside it, visible text past the window's right edge, and English UI words (page text,
aria-labels, titles, placeholders). For a person to look at; never part of the test suite.

Usage: .venv/bin/python bench/layar_shots.py [--out DIR] [--pages ringkasan,jejak] [--sizes 1024]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from playwright.sync_api import expect, sync_playwright  # noqa: E402

from tests.e2e.conftest import CHROMIUM, CHROMIUM_ARGS, demo_database, drawn, start_server  # noqa: E402

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
ENGLISH = (
    "Upload",
    "Browse files",
    "per file",
    "Download",
    "Search",
    "Fullscreen",
    "Zoom",
    "Choose an option",
    "Drag and drop",
    "Reset axes",
    "Autoscale",
    "Skip to main content",
    "App pages",
    " icon",
    "Select",
    "Close",
    "Open",
    "Clear",
    "Show password",
    "Hide password",
    "Press Enter",
    "No results",
    "Copy",
    "Expand",
    "Collapse",
    "menu",
    "Loading",
    "Running",
)
UKUR = """(words) => {
  const W = window.innerWidth;
  const visible = (el) => { const r = el.getBoundingClientRect(); const s = getComputedStyle(el);
    return r.width > 0 && r.height > 0 && s.visibility !== 'hidden' && s.display !== 'none'; };
  const sideways = [...document.querySelectorAll('*')].filter((el) => {
    const s = getComputedStyle(el);
    return ['auto', 'scroll'].includes(s.overflowX) && el.scrollWidth > el.clientWidth + 1 && visible(el);
  }).map((el) => (el.className && el.className.baseVal === undefined ? String(el.className) : el.tagName).slice(0, 60)
     + ' ' + el.scrollWidth + '>' + el.clientWidth);
  const past = [];
  for (const el of document.querySelectorAll('[data-testid="stMain"] *, body > main *, body > form *')) {
    if (el.children.length || !visible(el) || !(el.innerText || '').trim()) continue;
    if (el.closest('thead') && getComputedStyle(el.closest('thead')).clipPath !== 'none') continue;  // read row by row
    const r = el.getBoundingClientRect();
    if (r.right > W + 1) past.push((el.innerText || '').trim().slice(0, 40) + ' @' + Math.round(r.right));
  }
  const out = [document.body.innerText];
  for (const el of document.querySelectorAll('*')) {
    for (const name of ['aria-label', 'title', 'data-title', 'placeholder', 'aria-placeholder', 'alt']) {
      const v = el.getAttribute(name); if (v) out.push(v);
    }
  }
  const text = out.join('\\n');
  return {halamanLebar: document.documentElement.scrollWidth, gulir: sideways.slice(0, 8),
          lewatKanan: past.slice(0, 8), inggris: words.filter((w) => text.includes(w))};
}"""


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
    found = page.evaluate(UKUR, list(ENGLISH))
    print(name, json.dumps(found, ensure_ascii=False), flush=True)
    size = page.viewport_size
    tall = min(int(page.evaluate(TINGGI)), 6000)
    if tall > size["height"] + 10:
        page.set_viewport_size({"width": size["width"], "height": tall})
        page.wait_for_timeout(600)
        page.screenshot(path=str(out / f"{name}-utuh.png"))
        page.set_viewport_size(size)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", default=str(ROOT / "tests" / "e2e" / "screenshots" / "layar"))
    parser.add_argument("--pages", default=",".join(PAGES))
    parser.add_argument("--sizes", default=",".join(SIZES))
    args = parser.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix="layar-"))
    kunci = Path(tempfile.mkdtemp(prefix="layar-kunci-"))  # the key outside the data folder
    os.environ.setdefault("READINESS_KUNCI", str(kunci / "kunci"))
    (tmp / "data").mkdir()
    db = demo_database(tmp / "data")
    _add_user(db, "admin1", "admin", "Rahasia-Desk-2024")
    _add_user(db, "pelapor1", "pelapor", "Rahasia-Desk-2024", "35.13.01")
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
