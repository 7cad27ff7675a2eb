"""A national installation at full scale: KPU's national recap (514 kab/kota, tests/kpu_rekap.py) and
a TPS list of every desa of the country (about 820.000 TPS, bench/make_tps_nasional.py).

1. Ingest: the TPS list into a national installation that holds the recap, against the fastest
   bare reader of the same file (fastexcel, bench/bench_ingest.py's step), each in a fresh
   process, taking turns, median of ROUNDS.
2. Totals: the installation's region row (marts/kabupaten) against the recap's own grand total row.
3. Pages: every page's data (readiness.model.PAGES) cold (a fresh process opens the database and
   computes it once) and warm (the same connection again, what all pages share kept as the app
   keeps it; median of WARM_RUNS), for the nation, for one kab/kota of it (Ringkasan `?kabkota=`)
   and for a province installation (74) holding the same recap and its province's TPS list; a
   baseline `count(*) … group by` over raw_tps in the same run.

Writes its section of bench/RESULTS.md. Never part of the test suite.
Usage: .venv/bin/python bench/bench_nasional.py [--keep DIR] [--rounds N] [--cold-runs N]
       [--pages-only DIR/ingest.json --keep DIR]  (the pages again over a kept run's databases)
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench_ingest  # noqa: E402  (its bare-reader step and peak memory)
import make_tps_nasional  # noqa: E402
import results  # noqa: E402  (bench/results.py)
from bench_pages import _machine  # noqa: E402

from readiness import cli, db, ingest, model  # noqa: E402
from tests import kpu_rekap, kpu_tps  # noqa: E402

ELECTION = "pilkada-2024"
ROUNDS = 3
WARM_RUNS = 7
LIMIT_WARM_MS, LIMIT_COLD_MS, LIMIT_PROVINSI_MS, LIMIT_INGEST = 150, 1000, 100, 1.5
KECAMATAN = {"nasional": "74.06.01", "provinsi": "74.06.01"}  # the kecamatan pages' choice
KABKOTA = "74.06"
BASELINE = "select kode_kecamatan, count(*) from raw_tps group by 1"


# --------------------------------------------------------------------------- building
def _ingest(path: Path, *files: Path) -> None:
    batch = ingest.ingest_files(path, [(f.name, f) for f in files])
    assert batch.committed, [p.text() for r in batch.results for p in r.problems][:5]


def build(folder: Path) -> dict:
    """The recap, the national TPS list, and a national and a province installation holding the
    recap (the TPS lists are ingested by the measured steps and by build_provinsi)."""
    recap = kpu_rekap.write(folder / "rekap_dpt_nasional_2024.xlsx", kpu_rekap.rows(seed=2024))
    tps = make_tps_nasional.main()
    paths = {"recap": recap, "tps": tps}
    for wilayah, name in (("nasional", "nasional_rekap"), ("74", "sultra")):
        path = folder / f"{name}.duckdb"
        assert cli.main(["init", "--wilayah", wilayah, "--db", str(path)]) == 0
        _ingest(path, recap)
        paths[name] = path
    prov_tps, *_ = kpu_tps.write(folder / "tps_sultra.xlsx", prefix="74.", judul="PROVINSI SULAWESI TENGGARA")
    _ingest(paths["sultra"], prov_tps)
    return paths


# --------------------------------------------------------------------------- ingest, in turns
def step(name: str, file: Path, base: Path | None, target: Path | None) -> dict:
    """In a child process: the bare reader, or our ingest into a copy of `base` kept at `target`."""
    if name == "fastexcel":
        return bench_ingest.run_step("fastexcel", file)
    import resource

    shutil.copyfile(base, target)
    started = time.perf_counter()
    batch = ingest.ingest_files(target, [(file.name, file)])
    elapsed = time.perf_counter() - started
    assert batch.committed, [p.text() for r in batch.results for p in r.problems][:5]
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return {
        "seconds": elapsed,
        "rows": batch.results[0].rows,
        "peak_mb": bench_ingest._peak_mib(),
        "cpu_s": usage.ru_utime + usage.ru_stime,
    }


def _child(*args: str) -> dict:
    out = subprocess.run([sys.executable, __file__, *args], capture_output=True, text=True, cwd=ROOT)
    if out.returncode != 0:
        raise SystemExit(f"{args} failed:\n{out.stderr[-3000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def measure_ingest(paths: dict, folder: Path, rounds: int) -> dict:
    runs: dict[str, list[dict]] = {"fastexcel": [], "ours": []}
    target = folder / "nasional.duckdb"
    for _ in range(rounds):
        for name in runs:
            args = ["--step", name, "--file", str(paths["tps"])]
            if name == "ours":
                args += ["--base", str(paths["nasional_rekap"]), "--target", str(target)]
            out = _child(*args)
            runs[name].append(out)
            print(f"ingest {name:10s} {out['seconds']:7.2f} s  cpu {out['cpu_s']:6.1f} s", file=sys.stderr)
    paths["nasional"] = target
    return runs


# --------------------------------------------------------------------------- pages
def _calls(scope: str) -> dict[str, dict]:
    """label -> (page, params) measured in `scope`."""
    if scope == "kabkota":
        return {"ringkasan": {"page": "ringkasan", "kabkota": KABKOTA}}
    kode = KECAMATAN[scope]
    out = {}
    for name in model.PAGES:
        params = {"kecamatan_kode": kode} if name in ("kecamatan", "pemilih") else {}
        if name == "tps":
            params = {"kecamatan_kode": None}
            out["tps (kecamatan)"] = {"page": "tps", "kecamatan_kode": kode}
            out["tps (kab/kota)"] = {"page": "tps", "kecamatan_kode": None, "kabkota": KABKOTA}
        out[name] = {"page": name, **params}
    return {"baseline": {"page": "baseline"}, **out}


def _run(con, call: dict, base=None):
    params = dict(call)
    name = params.pop("page")
    if name == "baseline":
        return con.execute(BASELINE).fetchall()
    return model.PAGES[name](con, ELECTION, base=base, **params)


def cold_child(path: Path, call: dict) -> dict:
    started, used = time.perf_counter(), time.process_time()
    con = db.connect_read(path)
    opened = time.perf_counter()
    _run(con, call)
    return {
        "open_ms": 1000 * (opened - started),
        "total_ms": 1000 * (time.perf_counter() - started),
        "cpu_ms": 1000 * (time.process_time() - used),
    }


def pages(path: Path, scope: str, cold_runs: int) -> dict[str, dict]:
    con = db.connect_read(path)
    base = model.dasar(con, ELECTION)
    found = {}
    for label, call in _calls(scope).items():
        _run(con, call, base)
        times, cpu = [], []
        for _ in range(WARM_RUNS):
            started, used = time.perf_counter(), time.process_time()
            _run(con, call, base)
            times.append(1000 * (time.perf_counter() - started))
            cpu.append(1000 * (time.process_time() - used))
        found[label] = {"warm": statistics.median(times), "warm_cpu": statistics.median(cpu)}
    started = time.perf_counter()
    for _ in range(3):
        model.dasar(con, ELECTION)
    basis = 1000 * (time.perf_counter() - started) / 3
    con.close()
    for label, call in _calls(scope).items():
        colds = [_child("--cold", json.dumps(call), "--db", str(path)) for _ in range(cold_runs)]
        found[label]["cold"] = statistics.median(c["total_ms"] for c in colds)
        found[label]["open"] = statistics.median(c["open_ms"] for c in colds)
        found[label]["cold_cpu"] = statistics.median(c["cpu_ms"] for c in colds)
        print(
            f"{scope:9s} {label:16s} warm {found[label]['warm']:8.1f}  cold {found[label]['cold']:8.0f}"
            f"  cold cpu {found[label]['cold_cpu']:6.0f}",
            file=sys.stderr,
        )
    found["_dasar"] = {"warm": basis}
    return found


def totals(path: Path, recap: Path) -> str:
    """The region row against the recap's own TOTAL row (its cached formula values)."""
    from python_calamine import CalamineWorkbook

    sheet = CalamineWorkbook.from_path(str(recap)).get_sheet_by_index(0).to_python()
    grand = next(row for row in sheet if row[0] == "TOTAL")
    con = db.connect_read(path)
    try:
        row = model.kabupaten(model.kesiapan_cursor(con, ELECTION), ELECTION).iloc[0]
    finally:
        con.close()
    ours = [int(row[c]) for c in ("dpt_l", "dpt_p", "dpt")]
    file = [int(v) for v in grand[6:9]]
    return f"{'sama' if ours == file else 'BERBEDA'}: L, P, L+P {ours} (file's TOTAL row {file})"


# --------------------------------------------------------------------------- report
def _ms(x: float) -> str:
    return f"{x:.0f}" if x >= 10 else f"{x:.1f}"


def report(runs: dict, found: dict, check: str, file: Path, built: float) -> str:
    med = {k: statistics.median(o["seconds"] for o in v) for k, v in runs.items()}
    rows = runs["ours"][0]["rows"]
    ratio = med["ours"] / med["fastexcel"]
    load = os.getloadavg()[0]
    lines = [
        "## National installation (820.000 TPS)",
        "",
        f"Run {time.strftime('%Y-%m-%d %H:%M')} UTC. Machine: {_machine()}"
        + (
            " — **a busy machine** (load above the 2 cores): wall times are inflated, CPU seconds and the ratios "
            "measured in turns are the steadier figures."
            if load > 2.5
            else "."
        ),
        "",
        f"File: `bench/out/tps_nasional.xlsx` ({file.stat().st_size / 1e6:.1f} MB, {rows:,} TPS in 83.762 "
        "desa/kelurahan, one sheet, title and signature blocks; `bench/make_tps_nasional.py`). Installation: "
        f"`init --wilayah nasional` with KPU's national recap (514 kab/kota) ingested first (setup {built:.0f} s).",
        "",
        "### Ingest of the TPS list, against the fastest bare reader",
        "",
        f"Each step in a fresh process, taking turns, median of {len(runs['ours'])} (all runs in brackets).",
        "",
        "| step | seconds | CPU seconds | peak memory (MiB) |",
        "|---|---:|---:|---:|",
    ]
    names = {"fastexcel": bench_ingest.STEPS["fastexcel"], "ours": "readiness ingest: baca, cocokkan, commit"}
    for k in ("fastexcel", "ours"):
        spread = ", ".join(f"{o['seconds']:.2f}" for o in runs[k])
        cpu = statistics.median(o["cpu_s"] for o in runs[k])
        peak = max(o["peak_mb"] for o in runs[k])
        lines.append(f"| {names[k]} | {med[k]:.2f} ({spread}) | {cpu:.1f} | {peak:.0f} |")
    lines += [
        "",
        f"- ours / fastest bare reader: **{ratio:.2f}×** (goal ≤ 1,5×)".replace(".", ","),
        f"- totals: {check}",
        "",
        "### Pages",
        "",
        f"warm: median of {WARM_RUNS} on one connection with what all pages share kept (`model.Dasar`, as the app "
        "keeps it per data version); cold: a fresh process opens the file and computes the page once "
        f"(median of {found['_cold_runs']}). Targets: < {LIMIT_WARM_MS} ms warm and < {LIMIT_COLD_MS} ms cold, "
        f"the province's Ringkasan < {LIMIT_PROVINSI_MS} ms warm. `model.Dasar` itself (once per data version): "
        + ", ".join(f"{s} {_ms(found[s]['_dasar']['warm'])} ms" for s in ("nasional", "provinsi"))
        + ".",
        "",
        "| where | page | warm ms | warm CPU ms (all threads) | cold ms | cold CPU ms (all threads) "
        "| of which opening | within target |",
        "|---|---|---:|---:|---:|---:|---:|---|",
    ]
    for scope, label in (
        ("nasional", "nation"),
        ("kabkota", f"kab/kota {KABKOTA} of the nation"),
        ("provinsi", "province 74"),
    ):
        for page, r in found[scope].items():
            if page.startswith("_"):
                continue
            warm_limit = LIMIT_PROVINSI_MS if scope == "provinsi" and page == "ringkasan" else LIMIT_WARM_MS
            ok = (
                "—"
                if page == "baseline"
                else ("ya" if r["warm"] < warm_limit and r["cold"] < LIMIT_COLD_MS else "TIDAK")
            )
            lines.append(
                f"| {label} | {page} | {_ms(r['warm'])} | {_ms(r['warm_cpu'])} | {r['cold']:.0f} | {r['cold_cpu']:.0f} "
                f"| {r['open']:.0f} | {ok} |"
            )
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--step")
    parser.add_argument("--file", type=Path)
    parser.add_argument("--base", type=Path)
    parser.add_argument("--target", type=Path)
    parser.add_argument("--cold")
    parser.add_argument("--db", type=Path)
    parser.add_argument("--keep", type=Path, help="build in this folder and keep it")
    parser.add_argument("--rounds", type=int, default=ROUNDS)
    parser.add_argument("--cold-runs", type=int, default=3)
    parser.add_argument(
        "--pages-only",
        type=Path,
        help="JSON of an earlier run's ingest (written to --keep as ingest.json): measure the pages of --keep again",
    )
    args = parser.parse_args()
    if args.step:
        print(json.dumps(step(args.step, args.file, args.base, args.target)))
        return
    if args.cold:
        print(json.dumps(cold_child(args.db, json.loads(args.cold))))
        return
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        if args.pages_only:
            earlier = json.loads(args.pages_only.read_text())
            runs, built = earlier["runs"], earlier["built"]
            paths = {n: folder / f"{n}.duckdb" for n in ("nasional", "sultra")}
            paths.update(recap=folder / "rekap_dpt_nasional_2024.xlsx", tps=make_tps_nasional.OUT)
        else:
            started = time.perf_counter()
            paths = build(folder)
            built = time.perf_counter() - started
            runs = measure_ingest(paths, folder, args.rounds)
            (folder / "ingest.json").write_text(json.dumps({"runs": runs, "built": built}))
        check = totals(paths["nasional"], paths["recap"])
        print(check, file=sys.stderr)
        found = {"_cold_runs": args.cold_runs}
        found["nasional"] = pages(paths["nasional"], "nasional", args.cold_runs)
        found["kabkota"] = pages(paths["nasional"], "kabkota", args.cold_runs)
        found["provinsi"] = pages(paths["sultra"], "provinsi", args.cold_runs)
        text = report(runs, found, check, paths["tps"], built)
        if args.pages_only:
            heading = "### Ingest of the TPS list, against the fastest bare reader\n"
            text = text.replace(
                heading,
                heading + "\nMeasured by an earlier run over the same databases (`--pages-only` repeats only the "
                "pages, the ingest's figures read from its `ingest.json`).\n",
            )
    print(text)
    results.write_section("nasional", text)


if __name__ == "__main__":
    main()
