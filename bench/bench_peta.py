"""How long a province's kecamatan map takes to build: `init --wilayah 74` (Sulawesi Tenggara, 17
kab/kota, 221 kecamatan), then readiness.charts.peta_status on all of them, CPU time of this
process (time.process_time: others' load on the machine counts less than in wall-clock time),
best of `--runs`. Two maps: every kecamatan named (as the map was drawn before the kab/kota were
given) and named by kab/kota (the Korwil page in a province); the placement alone
(readiness.charts.letak.letakkan, the 221 names once) beside them.

With `--before REF`: the same from REF of this repository (a `git archive` in a temporary
folder), each tree in its own process; a REF without the kab/kota names measures only the first.

Writes its section of bench/RESULTS.md. Never part of the test suite.
Usage: .venv/bin/python bench/bench_peta.py [--runs 3] [--before main]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))

import results  # noqa: E402  (bench/results.py)


def measure(path: Path, runs: int) -> dict:
    """In this process (its PYTHONPATH the tree measured): CPU seconds, best of `runs`."""
    import inspect

    import pandas as pd

    from readiness import charts, db
    from readiness.charts import letak, peta

    con = db.connect_read(path)
    try:
        shapes, kabkota = charts.kecamatan_shapes(con), charts.kecamatan_shapes(con, "kabkota")
    finally:
        con.close()
    statuses = ["hijau", "kuning", "merah", None]
    df = pd.DataFrame(
        {"kode_kecamatan": list(shapes), "status": [statuses[i % 4] for i in range(len(shapes))], "alasan": ""}
    )
    s = peta.skala(list(shapes.values()), peta.tinggi(list(shapes.values())), peta.LEBAR_SEMPIT)
    points = [sh.label for sh in shapes.values()]
    sizes = [(s.char * len(sh.kecamatan), s.line) for sh in shapes.values()]
    jobs = {
        "letakkan": lambda: letak.letakkan(points, sizes, s.gap, tanda=peta.MARKER_PX * s.per_px),
        "semua": lambda: charts.peta_status(df, shapes),
    }
    if "kabkota" in inspect.signature(charts.peta_status).parameters:
        jobs["kabkota"] = lambda: charts.peta_status(df, shapes, kabkota=kabkota)
    out = {}
    for name, job in jobs.items():
        best = float("inf")
        for _ in range(runs):
            start = time.process_time()
            job()
            best = min(best, time.process_time() - start)
        out[name] = round(best, 3)
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--before", help="a git ref to measure in the same run (e.g. main)")
    parser.add_argument("--no-write", action="store_true")
    parser.add_argument("--db", type=Path, help=argparse.SUPPRESS)  # the measuring child
    args = parser.parse_args()
    if args.db:
        print(json.dumps(measure(args.db, args.runs)))
        return
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        path = tmp / "provinsi.duckdb"
        env = {**os.environ, "READINESS_KUNCI": os.environ.get("READINESS_KUNCI", str(tmp / "kunci"))}
        subprocess.run(
            [sys.executable, "-m", "readiness", "init", "--wilayah", "74", "--db", str(path)],
            cwd=ROOT,
            env=env,
            check=True,
            capture_output=True,
        )
        found = results.measured_in_trees(
            args.before, tmp, lambda tree: [__file__, "--db", str(path), "--runs", str(args.runs)], env
        )
    text = report(args, found)
    print(text)
    if not args.no_write:
        results.write_section("peta", text)


ROWS = (
    ("letakkan", "placing the 221 kecamatan names once (letak.letakkan)"),
    ("semua", "the map, every kecamatan named (peta_status)"),
    ("kabkota", "the map, the kab/kota named (peta_status, kabkota=…)"),
)


def report(args, found: dict) -> str:
    import platform

    labels = list(found)
    lines = [
        "## A province's kecamatan map (221 kecamatan, `init --wilayah 74`)",
        "",
        f"CPU seconds of the building process, best of {args.runs}. Machine: {os.cpu_count()} CPU, "
        f"CPython {platform.python_version()}, load {os.getloadavg()[0]:.1f}.",
        "",
        "| what | " + " | ".join(f"{label} s" for label in labels) + " |",
        "|---" + "|---:" * len(labels) + "|",
    ]
    for key, what in ROWS:
        cells = [f"{found[label][key]:.3f}".replace(".", ",") if key in found[label] else "–" for label in labels]
        lines.append(f"| {what} | " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    main()
