"""The web server's memory and another user's page while a whole kabupaten's per-voter list is
uploaded through the Unggah Data page.

A real `streamlit run dashboard.py` on a fresh demo database (bench_browser.start), Debian's
Chromium driven by Playwright. One browser context uploads bench/out/dpt_kabupaten.xlsx
(bench/make_voterlist.py writes it), waits for the check, saves, waits for the saved result.
Meanwhile a sampler reads the server's /proc/PID/status (VmRSS, VmHWM) and that of every worker
process it started (its children), every 0,1 s; a second context loads Ringkasan again and again
(from navigation start to its first chart and figures drawn), and the same page is timed idle
before the upload. The server's growth is given for the whole run and for its phases: while the
file arrives (until the check's worker starts), during the check (the file on disk) and during the
save; the goal is about the last two.

Writes its section of bench/RESULTS.md. Never part of the test suite.
Usage: .venv/bin/python bench/bench_unggah_server.py [--file bench/out/dpt_kabupaten.xlsx] [--idle 3]
       [--loads N]   (at most N loads of Ringkasan during the upload: a lighter run on a busy machine)
"""

from __future__ import annotations

import argparse
import datetime as dt
import platform
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import results  # noqa: E402  (bench/results.py)
from bench_browser import CHART, start, view  # noqa: E402

from tests.e2e.conftest import CHROMIUM, CHROMIUM_ARGS  # noqa: E402

MIB = 1024 * 1024


def status(pid: int) -> dict[str, int]:
    """VmRSS and VmHWM of `pid` in bytes (empty when it is gone)."""
    out = {}
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            key, _, value = line.partition(":")
            if key in ("VmRSS", "VmHWM"):
                out[key] = int(value.split()[0]) * 1024
    except OSError:
        pass
    return out


def children(pid: int) -> list[int]:
    found = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            found += [int(c) for c in (task / "children").read_text().split()]
        except OSError:
            continue
    return found


class Sampler(threading.Thread):
    def __init__(self, server: int):
        super().__init__(daemon=True)
        self.server = server
        self.samples: list[tuple[float, int]] = []  # (seconds, server VmRSS)
        self.workers: dict[int, int] = {}  # worker pid -> its largest VmHWM seen
        self.first_worker: float | None = None  # seconds when the first worker was seen (the file is on disk)
        self.stop = threading.Event()
        self.t0 = time.monotonic()

    def run(self):
        while not self.stop.is_set():
            now = time.monotonic() - self.t0
            self.samples.append((now, status(self.server).get("VmRSS", 0)))
            for child in children(self.server):
                hwm = status(child).get("VmHWM", 0)
                self.workers[child] = max(self.workers.get(child, 0), hwm)
                if self.first_worker is None:
                    self.first_worker = now
            time.sleep(0.1)

    def peak(self, start: float = 0.0, end: float = float("inf")) -> int:
        """The server's largest VmRSS sampled between `start` and `end` (seconds of the sampler)."""
        return max((r for t, r in self.samples if start <= t <= end), default=0)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--file", type=Path, default=ROOT / "bench" / "out" / "dpt_kabupaten.xlsx")
    parser.add_argument("--idle", type=int, default=3)
    parser.add_argument("--loads", type=int, default=None, help="at most this many Ringkasan loads during the upload")
    args = parser.parse_args()
    if not args.file.exists():
        subprocess.run([sys.executable, str(ROOT / "bench" / "make_voterlist.py")], check=True)
    from playwright.sync_api import expect, sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        db_path = Path(tmp) / "readiness.duckdb"
        subprocess.run([sys.executable, "-m", "readiness", "demo", "--db", str(db_path)], cwd=ROOT, check=True)
        proc, url = start(ROOT / "dashboard.py", ROOT, db_path, Path(tmp) / "streamlit.log")
        try:
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                view(browser, url, "", CHART)  # warm: Ringkasan's data cached, as after any visitor
                view(browser, url, "unggah", ('[data-testid="stFileUploader"]',))
                idle = [view(browser, url, "", CHART)["s"] for _ in range(args.idle)]
                before = status(proc.pid)
                sampler = Sampler(proc.pid)
                sampler.start()
                context = browser.new_context(viewport={"width": 1920, "height": 1080}, locale="id-ID")
                page = context.new_page()
                page.goto(f"{url}/unggah")
                expect(page.get_by_text("Unggah Data").first).to_be_visible(timeout=60000)
                t0 = time.monotonic()
                page.locator("input[type=file]").set_input_files(str(args.file))
                during, marks = [], {}
                saved = page.get_by_text("Tersimpan: ", exact=False)
                save = page.get_by_role("button", name="Simpan semua ke database")
                while time.monotonic() - t0 < 900:
                    if "checked" not in marks and save.count():
                        marks["checked"] = time.monotonic() - t0
                        marks["checked_sampler"] = time.monotonic() - sampler.t0
                        save.click()
                    if saved.count():
                        marks["saved"] = time.monotonic() - t0
                        marks["saved_sampler"] = time.monotonic() - sampler.t0
                        break
                    if args.loads is None or len(during) < args.loads:
                        during.append(view(browser, url, "", CHART)["s"])
                    else:
                        time.sleep(0.5)
                sampler.stop.set()
                sampler.join()
                after = status(proc.pid)
                context.close()
                browser.close()
        finally:
            proc.terminate()
            proc.wait(timeout=30)
    results.write_section("unggah-server", report(args, idle, during, marks, before, after, sampler))
    print(report(args, idle, during, marks, before, after, sampler))


def report(args, idle, during, marks, before, after, sampler) -> str:
    size = args.file.stat().st_size
    peak = max(r for _, r in sampler.samples)
    base = before.get("VmRSS", 0)
    # Through the upload and its check (until the save is clicked); the saved result's run of the page
    # then reads and caches the page's data of the new version.
    until = max((r for t, r in sampler.samples if t <= marks.get("checked_sampler", float("inf"))), default=peak)
    worker = max(sampler.workers.values(), default=0)
    # The phases the goal is about: while the file arrives the server holds its bytes (the upload
    # itself); from the moment its check's worker starts the file is on disk, and the server should
    # hold no copy of it through the check and the save.
    on_disk = sampler.first_worker if sampler.first_worker is not None else float("nan")
    checked = marks.get("checked_sampler", float("inf"))
    arriving = sampler.peak(0, on_disk) - base
    checking = sampler.peak(on_disk, checked) - base
    saving = sampler.peak(checked, marks.get("saved_sampler", float("inf"))) - base
    ran = max(checking, saving)
    lines = [
        "## Unggah Data: the web server during a whole-kabupaten upload",
        "",
        f"File: `{args.file.relative_to(ROOT)}` ({size / 1e6:.1f} MB, {size / MIB:.0f} MiB). Machine: "
        f"{platform.machine()}, Python {platform.python_version()}, run {dt.datetime.now():%Y-%m-%d %H:%M}, "
        "other jobs running on its 2 cores (timings indicative, memory valid).",
        "",
        "Through the page in Chromium: upload, check (worker), save (worker, writing the rows the check kept); "
        "the server's RSS sampled "
        "every 0,1 s from /proc; Ringkasan loaded by a second browser context, idle and during the upload "
        "(each load is a new session that the server keeps ~2 minutes: its memory is part of the growth; "
        "`--loads 0` leaves it out).",
        "",
        "| measure | value |",
        "|---|---:|",
        f"| server RSS before the upload | {base / MIB:.0f} MiB |",
        f"| server RSS peak during upload, check and save | {peak / MIB:.0f} MiB |",
        f"| server growth through the upload and its check (until the save is clicked) | {(until - base) / MIB:.0f} MiB = "
        f"{(until - base) / size:.2f}× the file |",
        f"| server growth (peak − before), the save and the page of the new data version included | "
        f"{(peak - base) / MIB:.0f} MiB = "
        f"{(peak - base) / size:.2f}× the file |",
        f"| server growth while the file arrives (the upload itself, until its check's worker starts) | "
        f"{arriving / MIB:.0f} MiB = {arriving / size:.2f}× the file |",
        f"| server growth during the check (file on disk: worker start until the save is clicked) | "
        f"{checking / MIB:.0f} MiB = {checking / size:.2f}× the file |",
        f"| server growth during the save (click until the result is shown) | "
        f"{saving / MIB:.0f} MiB = {saving / size:.2f}× the file |",
        f"| server VmHWM at the end (whole life) | {after.get('VmHWM', 0) / MIB:.0f} MiB |",
        f"| worker peak (VmHWM, largest of {len(sampler.workers)} workers) | {worker / MIB:.0f} MiB |",
        f"| each worker's peak, in order (check, save) | {_workers(sampler)} |",
        f"| upload + check done (save button shown) | {marks.get('checked', float('nan')):.1f} s |",
        f"| saved (result shown) | {marks.get('saved', float('nan')):.1f} s |",
        f"| the save alone (click to result, ± one Ringkasan load) | {marks.get('saved', float('nan')) - marks.get('checked', float('nan')):.1f} s |",
        f"| Ringkasan idle, median of {len(idle)} | {statistics.median(idle):.2f} s ({_list(idle)}) |",
        f"| Ringkasan during the upload, median of {len(during)} | "
        f"{statistics.median(during) if during else float('nan'):.2f} s ({_list(during)}) |",
    ]
    lines += [
        "",
        "- goal: the server grows by no more than the uploaded file's bytes while the check and the save run: **"
        f"{'met' if ran <= size else 'NOT met'}** ({ran / MIB:.0f} MiB = {ran / size:.2f}× the file: the page keeps "
        "the file on disk and Streamlit's copy of its bytes is let go before the check starts); while the file "
        f"arrives the server holds it once ({arriving / MIB:.0f} MiB = {arriving / size:.2f}× the file: Streamlit "
        "receives an upload into memory, the rest is the page's run)",
    ]
    return "\n".join(lines)


def _workers(sampler) -> str:
    return ", ".join(f"{sampler.workers[pid] / MIB:.0f} MiB" for pid in sorted(sampler.workers))


def _list(values) -> str:
    return ", ".join(f"{v:.2f}" for v in values[:12]) + (" …" if len(values) > 12 else "")


if __name__ == "__main__":
    main()
