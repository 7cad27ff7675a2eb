"""How long the first view of a page takes in a fresh browser, against a warm server.

A real `streamlit run dashboard.py` on the sample database (as tests/e2e/conftest.py starts it)
and Debian's /usr/bin/chromium driven by Playwright. The server is warmed first (every page
opened once, so its data are cached as after any earlier visitor); then each measurement opens a
fresh browser context (no HTTP cache, no session) and times, inside the page, from navigation
start until the page's main content is drawn: the first Plotly chart (`.main-svg`) and the
headline figures (`stMetric`) on chart pages, the table and the figures on Permasalahan.

In the same run:
- baseline: Streamlit's own blank app (one title) on a second server, so the figures mean
  something on any machine;
- the same tree served without Streamlit's `performance` extra (httptools, uvloop, orjson hidden
  from that server), measured in turns with it, so the extra's effect is measured under the same load;
- with `--before REF`: the same pages served from REF of this repository (a `git archive` in a
  temporary folder, its own server on the same database), also in turns.

For one fresh view per page it also records what the browser loaded (Playwright's request events:
count and bytes per resource type, the largest files), when the page asked for the Plotly bundle,
and the browser's own CPU time (Chrome DevTools `Performance.getMetrics`: script, layout, task).

Writes its section of bench/RESULTS.md. Never part of the test suite.
Usage: .venv/bin/python bench/bench_browser.py [--rounds 5] [--before main] [--keep DIR]
"""

from __future__ import annotations

import argparse
import collections
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import results  # noqa: E402  (bench/results.py)

from tests.e2e.conftest import CHROMIUM, CHROMIUM_ARGS  # noqa: E402  (the tests' browser, the same flags)

TARGET_S = 3.0
CHART = ('[data-testid="stPlotlyChart"] .main-svg', '[data-testid="stMetric"]')
# (name, URL path, what must be drawn). The pages leadership opens first, and one without a chart.
PAGES = (
    ("ringkasan", "", CHART),
    ("partisipasi", "partisipasi", CHART),
    ("permasalahan", "masalah", (".tabel-baca table", '[data-testid="stMetric"]')),
    ("kecamatan", "kecamatan", CHART),
)
BLANK = ("blank", "", ('[data-testid="stHeading"]',))
BLANK_APP = 'import streamlit as st\n\nst.title("Kosong")\n'

# Records, in the page's own clock (ms since navigation start), when every selector first shows
# a visible element; checked at every animation frame, so no polling from outside is timed.
WATCH = """
(() => {
  const wanted = %s;
  window.__drawn = null;
  const visible = (sel) => [...document.querySelectorAll(sel)].some(
    (e) => e.getClientRects().length > 0 && getComputedStyle(e).visibility !== "hidden");
  const tick = () => {
    if (wanted.every(visible)) { window.__drawn = performance.now(); return; }
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
})();
"""


def start(app: Path, cwd: Path, db_path: Path, log: Path, env_extra: dict | None = None):
    """`streamlit run app` from `cwd` on a free loopback port (tests/e2e/conftest.py's way)."""
    from tests.e2e.conftest import _free_port

    port = _free_port()
    env = {**os.environ, "READINESS_DB": str(db_path), "PYTHONPATH": str(cwd), **(env_extra or {})}
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(app), "--server.port", str(port)]
        + ["--server.address", "127.0.0.1", "--server.headless", "true"],
        cwd=cwd,
        env=env,
        stdout=open(log, "w"),
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    import urllib.request

    deadline = time.time() + 90
    while time.time() < deadline:
        try:
            if urllib.request.urlopen(f"{url}/_stcore/health", timeout=2).read() == b"ok":
                return proc, url
        except OSError:
            time.sleep(0.3)
    proc.kill()
    raise SystemExit(f"streamlit did not start: see {log}")


def view(browser, url: str, path: str, wanted: tuple, record: bool = False) -> dict:
    """One first view in a fresh context: seconds from navigation start until `wanted` is drawn;
    with `record`, also what was loaded and the browser's CPU time."""
    context = browser.new_context(viewport={"width": 1920, "height": 1080}, locale="id-ID")
    context.add_init_script(WATCH % list(wanted))
    page = context.new_page()
    loaded = []
    if record:
        page.on("requestfinished", lambda r: loaded.append(r))
        cdp = context.new_cdp_session(page)
        cdp.send("Performance.enable")
    try:
        page.goto(f"{url}/{path}")
        page.wait_for_function("window.__drawn !== null", timeout=120_000, polling=100)
        out = {"s": page.evaluate("window.__drawn") / 1000}
        if record:
            out["requests"] = [(r.resource_type, r.url, r.sizes()["responseBodySize"]) for r in loaded]
            timing = page.evaluate(
                "performance.getEntriesByType('resource').map(e => [e.name, e.startTime, e.responseEnd])"
            )
            out["plotly"] = next(((s / 1000, e / 1000) for n, s, e in timing if "/PlotlyChart." in n), None)
            metrics = {m["name"]: m["value"] for m in cdp.send("Performance.getMetrics")["metrics"]}
            out["cpu"] = {k: metrics.get(k, 0.0) for k in ("ScriptDuration", "LayoutDuration", "TaskDuration")}
        return out
    finally:
        context.close()


def loaded_summary(requests: list) -> tuple[dict, list]:
    per_type = collections.defaultdict(lambda: [0, 0])
    for kind, _, size in requests:
        per_type[kind][0] += 1
        per_type[kind][1] += max(size, 0)
    largest = sorted(requests, key=lambda r: -r[2])[:6]
    return dict(per_type), largest


PERFORMANCE_EXTRA = ("httptools", "uvloop", "orjson")


def without_performance_extra(folder: Path) -> dict:
    """Environment for a server that cannot import the `performance` extra's packages (uvicorn then
    parses HTTP in pure Python on asyncio's own loop, as without the extra)."""
    for name in PERFORMANCE_EXTRA:
        (folder / name).mkdir(parents=True, exist_ok=True)
        (folder / name / "__init__.py").write_text(f"raise ModuleNotFoundError({name!r})\n")
    return {"PYTHONPATH": f"{folder}{os.pathsep}{ROOT}"}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--before", help="a git ref to measure in the same run (e.g. main)")
    parser.add_argument("--keep", type=Path, help="build the database in this folder and keep it")
    parser.add_argument("--no-write", action="store_true", help="print only; leave bench/RESULTS.md alone")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        directory = args.keep or tmp / "data"  # the installation key (below) lives outside it
        directory.mkdir(parents=True, exist_ok=True)
        env_extra = {} if os.environ.get("READINESS_KUNCI") else {"READINESS_KUNCI": str(tmp / "kunci")}
        os.environ.update(env_extra)
        db_path = directory / "readiness.duckdb"
        if not db_path.exists():
            subprocess.run([sys.executable, "-m", "readiness", "demo", "--db", str(db_path)], cwd=ROOT, check=True)
        blank = tmp / "kosong.py"
        blank.write_text(BLANK_APP)
        trees = {"now": (ROOT, {}), "tanpa extra": (ROOT, without_performance_extra(tmp / "tanpa"))}
        if args.before:
            trees[args.before] = (results.tree_at(args.before, tmp / "before"), {})
        servers = {"blank": start(blank, tmp, db_path, tmp / "blank.log")}
        for i, (label, (tree, env)) in enumerate(trees.items()):
            servers[label] = start(tree / "dashboard.py", tree, db_path, tmp / f"server-{i}.log", {**env_extra, **env})
        times: dict[tuple, list] = collections.defaultdict(list)
        recorded: dict[str, dict] = {}
        try:
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                for label in trees:  # warm: every page's data computed once, as after any earlier visitor
                    for _, path, wanted in PAGES:
                        view(browser, servers[label][1], path, wanted)
                view(browser, servers["blank"][1], *BLANK[1:])
                for r in range(args.rounds):
                    times[("blank", "blank")].append(view(browser, servers["blank"][1], *BLANK[1:])["s"])
                    for name, path, wanted in PAGES:
                        for label in trees if r % 2 == 0 else list(trees)[::-1]:
                            out = view(browser, servers[label][1], path, wanted, record=(r == 0))
                            times[(label, name)].append(out["s"])
                            if r == 0:
                                recorded[f"{label}/{name}"] = out
                    print(f"round {r + 1}: " + ", ".join(f"{k[0]}/{k[1]} {v[-1]:.2f}" for k, v in times.items()))
                browser.close()
        finally:
            for proc, _ in servers.values():
                proc.terminate()
                proc.wait(timeout=30)
    text = report(args, trees, times, recorded)
    print(text)
    if not args.no_write:
        results.write_section("browser", text)


def report(args, trees: dict, times: dict, recorded: dict) -> str:
    med = {k: statistics.median(v) for k, v in times.items()}
    blank = med[("blank", "blank")]
    labels = list(trees)
    head = "| page | " + " | ".join(f"{label} s (rounds) | × blank" for label in labels)
    head += " | tanpa extra / now"
    lines = [
        "## Browser: the first page in a fresh browser",
        "",
        f"A real `streamlit run dashboard.py` on the sample database and Debian's Chromium (Playwright, headless, "
        f"1920×1080); the server warmed first (every page opened once). Each view is a fresh browser context (no "
        f"HTTP cache, no session), timed inside the page from navigation start until its main content is drawn "
        f"(the first Plotly chart and the headline figures; on Permasalahan the table and the figures). Median of "
        f"{args.rounds} rounds; `now` (this tree), `tanpa extra` (the same without Streamlit's `performance` extra: httptools, "
        f"uvloop, orjson){' and ' + args.before if args.before else ''} served side by side and measured in turns. "
        f"Baseline: Streamlit's blank app (one title) on its own server, same run. Machine: {_machine()}. "
        f"Target: a cold first page < {TARGET_S:.0f} s.",
        "",
        head + " | within target |",
        "|---" + "|---:|---:" * len(labels) + "|---:|---|",
        f"| blank app | {blank:.2f} ({_rounds(times[('blank', 'blank')])}) | 1.0"
        + " | — | —" * (len(labels) - 1)
        + " | — | — |",
    ]
    for name, _, _ in PAGES:
        cells = [
            f"{med[(label, name)]:.2f} ({_rounds(times[(label, name)])}) | {med[(label, name)] / blank:.1f}"
            for label in labels
        ]
        line = f"| {name} | " + " | ".join(cells)
        line += f" | {med[('tanpa extra', name)] / med[('now', name)]:.2f}"
        line += f" | {'ya' if med[('now', name)] < TARGET_S else 'TIDAK'} |"
        lines.append(line)
    lines += ["", "What one fresh view loads (first round), and the browser's own CPU time in it:", ""]
    lines += [
        "| view | requests | scripts | fonts | Plotly bundle asked at s | script CPU s | all tasks CPU s |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for key, out in recorded.items():
        per_type, _ = loaded_summary(out["requests"])
        total = sum(n for n, _ in per_type.values())
        scripts, fonts = per_type.get("script", [0, 0]), per_type.get("font", [0, 0])
        plotly = f"{out['plotly'][0]:.2f}" if out.get("plotly") else "—"
        lines.append(
            f"| {key} | {total} | {scripts[0]} ({scripts[1] / 1e6:.2f} MB) | {fonts[0]} ({fonts[1] / 1e6:.2f} MB) | "
            f"{plotly} | {out['cpu']['ScriptDuration']:.2f} | {out['cpu']['TaskDuration']:.2f} |"
        )
    first = recorded.get("now/ringkasan")
    if first:
        _, largest = loaded_summary(first["requests"])
        lines += [
            "",
            "Largest files of a fresh Ringkasan view (now): "
            + ", ".join(f"`{Path(url.split('?')[0]).name}` {size / 1e6:.2f} MB" for _, url, size in largest)
            + ".",
        ]
    return "\n".join(lines) + "\n"


def _rounds(values: list) -> str:
    return ", ".join(f"{v:.2f}" for v in values)


def _machine() -> str:
    import platform

    load = os.getloadavg()[0]
    return f"{os.cpu_count()} CPU, {platform.python_implementation()} {platform.python_version()}, load {load:.1f}"


if __name__ == "__main__":
    main()
