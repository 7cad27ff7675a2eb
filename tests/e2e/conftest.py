"""A real `streamlit run` on a free port against a fresh demo database, and Debian's Chromium
driven by Playwright."""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import sync_playwright

from readiness import catatan

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SHOTS = Path(__file__).parent / "screenshots"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(db_path: Path, log_dir: Path, script: str = "dashboard.py"):
    """`streamlit run dashboard.py` (or `server.py`: the dashboard and /lapangan/ in one app) on a
    free loopback port against `db_path`; yields its URL."""
    port = _free_port()
    # The server inherits the session's installation key (tests/conftest.py), never the developer's.
    assert os.environ.get("READINESS_KUNCI"), "tests/conftest.py sets READINESS_KUNCI for every test"
    env = dict(os.environ, READINESS_DB=str(db_path))
    log = open(log_dir / "streamlit.log", "w")
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            script,
            "--server.port",
            str(port),
            "--server.address",
            "127.0.0.1",
            "--server.headless",
            "true",
        ],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            if urllib.request.urlopen(f"{url}/_stcore/health", timeout=2).read() == b"ok":
                break
        except OSError:
            time.sleep(0.3)
    else:
        proc.kill()
        raise RuntimeError("streamlit did not start")
    try:
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=20)
        log.close()


def demo_database(directory: Path, master: Path | None = None) -> Path:
    """The demo data in `directory`: a copy of `master` (the session's `readiness demo`,
    tests/conftest.py demo_db_master) and its small-records store, or without one a fresh
    `python -m readiness demo`."""
    db_path = directory / "readiness.duckdb"
    if master is not None:
        shutil.copyfile(master, db_path)
        catatan.salin(master, db_path)
        return db_path
    subprocess.run(
        [sys.executable, "-m", "readiness", "demo", "--db", str(db_path)], cwd=ROOT, check=True, capture_output=True
    )
    return db_path


@pytest.fixture(scope="session")
def app_server(demo_db_master, tmp_path_factory):
    """The demo data, read-only for the tests that use it."""
    db_path = demo_database(tmp_path_factory.mktemp("e2e"), demo_db_master)
    for url in start_server(db_path, tmp_path_factory.mktemp("log")):
        yield {"url": url, "db": db_path}


@pytest.fixture(scope="module")
def writable_server(demo_db_master, tmp_path_factory):
    """A server of its own for tests that upload or change settings."""
    db_path = demo_database(tmp_path_factory.mktemp("e2e-w"), demo_db_master)
    for url in start_server(db_path, tmp_path_factory.mktemp("log-w")):
        yield {"url": url, "db": db_path}


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1920, "height": 1080}, locale="id-ID")
    pg = context.new_page()
    yield pg
    context.close()


def drawn(page, timeout: float = 30000) -> None:
    """Wait until the page's script run is over and what it sent is on screen: Streamlit's app
    root says the script is not running, no element is still a loading skeleton, and every Plotly
    chart has drawn its SVG (chart code loads lazily in the browser)."""
    page.wait_for_function(
        """() => {
            const app = document.querySelector('[data-testid="stApp"]');
            return app !== null && app.dataset.testScriptState === "notRunning"
                && document.querySelector('[data-testid="stSkeleton"]') === null
                && [...document.querySelectorAll('[data-testid="stPlotlyChart"]')]
                    .every((chart) => chart.querySelector(".main-svg") !== null);
        }""",
        timeout=timeout,
        polling=100,
    )


def isi_angka(page, label: str, value: str) -> None:
    """Type a number into a field and press Enter, as a reporter does, then wait for the run it
    starts to end before the next field: a value typed while the page still reruns for the one
    before can stay in its box unsent (seen on a fresh Debian machine: both boxes filled, no total)."""
    box = page.get_by_label(label)
    box.fill(value)
    box.press("Enter")
    try:  # the run may have started and ended already: then there is nothing to wait for
        page.wait_for_function(
            "() => document.querySelector('[data-testid=\"stApp\"]')?.dataset.testScriptState === 'running'",
            timeout=1500,
            polling=20,
        )
    except PlaywrightTimeout:
        pass
    drawn(page)


# What a reader would have to scroll sideways for, on any page (the dashboard, the login, the
# /lapangan/ phone form): boxes on screen that scroll sideways (a table, a grid's canvas, a cut
# choice; the sidebar's too when it is open) and visible text of the main area past the window's
# right edge. What is off the window's left edge (the folded sidebar) is not seen and not counted.
# The suite asserts it is empty; bench/layar_shots.py prints it beside each screenshot.
GESER = """() => {
    const W = window.innerWidth;
    const shown = (el) => { const r = el.getBoundingClientRect(); return r.width > 0 && r.height > 0
        && r.right > 0 && getComputedStyle(el).visibility !== 'hidden'; };
    const main = document.querySelector('[data-testid="stMain"]') || document.body;
    const out = [...document.body.querySelectorAll('*')]
        .filter((el) => ['auto', 'scroll'].includes(getComputedStyle(el).overflowX))
        .filter((el) => el.scrollWidth > el.clientWidth + 1 && shown(el))
        .map((el) => `geser: ${(el.closest('[data-testid]') || el).dataset.testid || el.tagName} ${el.scrollWidth}>${el.clientWidth}`);
    for (const el of main.querySelectorAll('*')) {
        if (el.children.length || !shown(el) || !(el.innerText || '').trim()) continue;
        const head = el.closest('thead');
        if (head && getComputedStyle(head).clipPath !== 'none') continue;  // a table read row by row
        if (el.getBoundingClientRect().right > W + 1) out.push(`lewat: ${el.innerText.trim().slice(0, 40)}`);
    }
    return out;
}"""
# English words Streamlit or Plotly may draw by themselves (the uploader, the table and chart
# toolbars, choice boxes, the sidebar's buttons), looked for as whole words, as written (`Urut
# menurut` is not `menu`; an icon's name such as `upload_file` is not a word).
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
    "icon",
    "sidebar",
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
    "Help for",
)
# Every word on the page a user sees or hears: its text and every aria-label, title and placeholder.
SEMUA_TEKS = """() => {
    const out = [document.body.innerText];
    for (const el of document.querySelectorAll('*')) {
        for (const name of ['aria-label', 'title', 'data-title', 'placeholder', 'aria-placeholder', 'alt']) {
            const value = el.getAttribute(name);
            if (value) out.push(value);
        }
    }
    return out.join('\\n');
}"""


def english(page) -> list[str]:
    """The words of ENGLISH the page shows or says now."""
    text = page.evaluate(SEMUA_TEKS)
    return sorted(w for w in ENGLISH if re.search(rf"(?<![\w-]){re.escape(w)}(?![\w-])", text))


def screenshot(page, name: str) -> Path | None:
    """A picture of the page as the test left it, in tests/e2e/screenshots/, for a person to look at
    (`SCREENSHOTS=1 make test`, or one test file with SCREENSHOTS=1): no test reads them, so a plain
    `make test` skips the hundred or so pictures (a quarter of a second each)."""
    if not os.environ.get("SCREENSHOTS"):
        return None
    SHOTS.mkdir(exist_ok=True)
    path = SHOTS / f"{name}.png"
    page.screenshot(path=str(path))
    return path
