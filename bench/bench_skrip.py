"""How long the server's run of a page's script takes for a new visitor, and what it sends.

A fresh browser on a warm server costs the server one whole script run of the page (a new
session: no widget state, but the data caches warm from earlier visitors). This measures that run
with Streamlit's AppTest (the same script, in process, no browser; timed from dashboard.py's
hand-over to the page to its end, so AppTest's own work is left out) on the sample database: every
page opened once to warm the caches, then each page opened in new sessions, `--runs` times,
median. Per page it also counts what the run sends: elements, Plotly charts and the bytes of
their figures. Unlike a browser timing, it does not depend on the browser's share of a busy
machine, only on the server's.

With `--before REF`: the same pages from REF of this repository (a `git archive` in a temporary
folder), measured in turns with this tree, each tree in its own process.

Writes its section of bench/RESULTS.md. Never part of the test suite.
Usage: .venv/bin/python bench/bench_skrip.py [--runs 7] [--before main]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))

import results  # noqa: E402  (bench/results.py)

# (name, page file, URL query): the pages bench_browser.py times in a browser, and Korwil.
PAGES = (
    ("ringkasan", "ringkasan", {}),
    ("partisipasi", "partisipasi", {}),
    ("permasalahan", "masalah", {}),
    ("kecamatan", "kecamatan", {"kecamatan": "35.13.14"}),
    ("korwil", "korwil", {}),
)


def measure(tree: Path, runs: int) -> dict:
    """In this process (run from `tree`): warm every page once, then `runs` new sessions each."""
    sys.path.insert(0, str(tree))
    os.chdir(tree)
    from streamlit.testing.v1 import AppTest

    from app import navigasi

    # The page's own run: dashboard.py hands the chosen page to navigasi.jalankan (AppTest's own
    # work around it, a few hundred ms, is not the server's cost and is left out).
    runs_ms: list[float] = []
    jalankan = navigasi.jalankan

    def timed(navigation) -> None:
        start = time.perf_counter()
        try:
            jalankan(navigation)
        finally:
            runs_ms.append((time.perf_counter() - start) * 1000)

    navigasi.jalankan = timed

    def open_page(page: str, query: dict):
        at = AppTest.from_file(str(tree / "dashboard.py"), default_timeout=120)
        at.switch_page(f"pages/{page}.py")
        for key, value in query.items():
            at.query_params[key] = value
        runs_ms.clear()
        at.run()
        assert not at.exception, [e.value for e in at.exception]
        return at, sum(runs_ms)

    for _, page, query in PAGES:
        open_page(page, query)
    out = {}
    for name, page, query in PAGES:
        times = []
        for _ in range(runs):
            at, ms = open_page(page, query)
            times.append(ms)
        charts = at.get("plotly_chart")
        out[name] = {
            "ms": [round(t, 1) for t in times],
            "elements": sum(1 for _ in _elements(at._tree)),
            "charts": len(charts),
            "chart_bytes": sum(len(c.proto.spec) for c in charts),
        }
    return out


def _elements(node):
    for child in getattr(node, "children", {}).values():
        yield child
        yield from _elements(child)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--before", help="a git ref to measure in the same run (e.g. main)")
    parser.add_argument("--no-write", action="store_true")
    parser.add_argument("--tree", type=Path, help=argparse.SUPPRESS)  # the measuring child
    args = parser.parse_args()
    if args.tree:
        print(json.dumps(measure(args.tree, args.runs)))
        return
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        (tmp / "data").mkdir()
        env = dict(os.environ)
        env.setdefault("READINESS_KUNCI", str(tmp / "kunci"))
        env["READINESS_DB"] = str(tmp / "data" / "readiness.duckdb")
        subprocess.run(
            [sys.executable, "-m", "readiness", "demo", "--db", env["READINESS_DB"]], cwd=ROOT, env=env, check=True
        )
        found = results.measured_in_trees(
            args.before, tmp, lambda tree: [__file__, "--tree", str(tree), "--runs", str(args.runs)], env
        )
    text = report(args, found)
    print(text)
    if not args.no_write:
        results.write_section("skrip", text)


def report(args, found: dict) -> str:
    import platform

    labels = list(found)
    lines = [
        "## Server: one script run of a page for a new visitor",
        "",
        f"Streamlit's AppTest runs `dashboard.py` on each page in a new session against the sample database, the "
        f"caches warm (every page opened once first), as a fresh browser on a warm server costs the server. "
        f"Median of {args.runs} runs; what the run sends: elements, Plotly charts, bytes of their figures. "
        f"Machine: {os.cpu_count()} CPU, CPython {platform.python_version()}, load {os.getloadavg()[0]:.1f}.",
        "",
        "| page | " + " | ".join(f"{label} ms (runs)" for label in labels) + " | elements | charts | chart bytes |",
        "|---" + "|---:" * len(labels) + "|---:|---:|---:|",
    ]
    for name, _, _ in PAGES:
        cells = [
            f"{statistics.median(found[label][name]['ms']):.0f} ({_short(found[label][name]['ms'])})"
            for label in labels
        ]
        now = found["now"][name]
        lines.append(
            f"| {name} | " + " | ".join(cells) + f" | {now['elements']} | {now['charts']} | {now['chart_bytes']:,} |"
        )
    return "\n".join(lines) + "\n"


def _short(values: list) -> str:
    return ", ".join(f"{v:.0f}" for v in values)


if __name__ == "__main__":
    main()
