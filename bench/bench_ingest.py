"""Speed and memory of ingesting a whole kabupaten's per-voter list, against bare readers of the
same file in the same run. Each step runs in a fresh process so its peak memory is its own.

    .venv/bin/python bench/bench_ingest.py [--skip-naive] [--file PATH] [--skip-growth]

The growth table runs ours once on lists of 0,5, 1 and 2 million rows (bench/make_voterlist.py
--rows N): the peak memory must grow by only a few MiB per 100.000 rows.

Writes its section of bench/RESULTS.md. Never part of the test suite.
"""

from __future__ import annotations

import argparse
import json
import platform
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

STEPS = {
    "fastexcel": "fastexcel: read_excel + load_sheet_eager → Arrow (semua kolom)",
    "calamine": "python-calamine: to_python (semua sel)",
    "naive": "pandas.read_excel(engine='openpyxl') (cara naif)",
    "ours": "readiness ingest: baca, validasi, HMAC NIK/NKK, commit ke DuckDB",
}


sys.path.insert(0, str(Path(__file__).resolve().parent))
import fase  # noqa: E402  (bench/fase.py)
import results  # noqa: E402  (bench/results.py)

REPEAT = 5


def run_step(step: str, path: Path) -> dict:
    """Runs in a child process: time one step and report what it saw."""
    started = time.perf_counter()
    info: dict = {}
    if step == "fastexcel":
        import fastexcel

        batch = fastexcel.read_excel(str(path)).load_sheet_eager(0, header_row=None)
        info["rows"] = batch.num_rows
    elif step == "calamine":
        from python_calamine import CalamineWorkbook

        rows = CalamineWorkbook.from_path(path).get_sheet_by_index(0).to_python()
        info["rows"] = len(rows)
    elif step == "naive":
        import pandas as pd

        df = pd.read_excel(path, engine="openpyxl", header=3)
        info["rows"] = len(df)
        info["nik_dtype"] = str(df["NIK"].dtype)
        info["rt_first"] = str(df["RT"].iloc[0])
    elif step == "ours":
        with tempfile.TemporaryDirectory() as tmp:
            db_path = Path(tmp) / "readiness.duckdb"
            # The database exists before, as it does for `readiness ingest`: made by another process,
            # so neither its time nor its memory counts as the ingest's.
            subprocess.run(
                [
                    sys.executable,
                    "-c",
                    "import sys; from readiness import db; db.ensure_database(sys.argv[1])",
                    str(db_path),
                ],
                check=True,
                cwd=ROOT,
            )
            from readiness import db, ingest

            before_ingest = _peak_mib()
            phases = fase.install()  # each phase's own peak (resets the high-water mark)
            started = time.perf_counter()
            batch = ingest.ingest_files(db_path, [(path.name, path)])  # as `readiness ingest FILE` does
            elapsed = time.perf_counter() - started
            info["phases"] = phases.done()
            info["peak_before_ingest"] = before_ingest
            assert batch.committed, [p.text() for r in batch.results for p in r.problems][:5]
            con = db.connect_read(db_path)
            info["rows"] = con.execute("select count(*) from raw_daftar").fetchall()[0][0]
            info["nik_mask_example"] = con.execute("select nik_mask from raw_daftar limit 1").fetchall()[0][0]
            con.close()
            info["seconds"] = elapsed
    info.setdefault("seconds", time.perf_counter() - started)
    info["peak_mb"] = max(
        [_peak_mib(), info.get("peak_before_ingest", 0), *(p["peak_mib"] for p in info.get("phases", {}).values())]
    )
    usage = resource.getrusage(resource.RUSAGE_SELF)
    info["cpu_s"] = usage.ru_utime + usage.ru_stime  # every thread of the step, start-up included
    return info


def _peak_mib() -> float:
    """This process's peak resident set since its exec (VmHWM). Not ru_maxrss: Linux carries the
    parent's peak into a child's ru_maxrss across fork and exec, so a child started after the
    parent wrote the 74 MB file would report the parent's peak."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def measure(step: str, path: Path) -> dict:
    out = subprocess.run(
        [sys.executable, __file__, "--child", step, "--file", str(path)], capture_output=True, text=True, cwd=ROOT
    )
    if out.returncode != 0:
        raise SystemExit(f"{step} failed:\n{out.stderr[-3000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def write_results(text: str) -> None:
    results.write_section("ingest", text)


def inline_shape(rounds: int = 3) -> list[str]:
    """The same voters written by a streaming exporter (every text inline in its cell, no shared-string
    table): the bare reader and ours only, in turns. Ours hashes every NIK/NKK after the read there."""
    import make_voterlist

    path = make_voterlist.main(inline=True)
    runs: dict[str, list[dict]] = {}
    for _ in range(rounds):
        for step in ("fastexcel", "ours"):
            out = measure(step, path)
            runs.setdefault(step, []).append(out)
            print(f"inline {step:10s} {out['seconds']:8.2f} s  peak {out['peak_mb']:7.0f} MiB", file=sys.stderr)
    med = {step: sorted(o["seconds"] for o in outs)[len(outs) // 2] for step, outs in runs.items()}
    peak = {step: max(o["peak_mb"] for o in outs) for step, outs in runs.items()}
    lines = [
        "",
        f"### Second shape: the same voters with inline strings (`{path.relative_to(ROOT)}`, "
        f"{path.stat().st_size / 1e6:.1f} MB)",
        "",
        "As streaming exporters write a sheet (Apache POI's SXSSF, xlsxwriter's constant_memory): no "
        f"shared-string table, so nothing is hashed while the sheet is read. Median of {rounds} runs in turns; "
        "the naive route is not run for this shape.",
        "",
        "| step | seconds | CPU seconds | peak memory (MiB) |",
        "|---|---:|---:|---:|",
    ]
    for step in ("fastexcel", "ours"):
        spread = ", ".join(f"{o['seconds']:.2f}" for o in runs[step])
        cpu = sorted(o["cpu_s"] for o in runs[step])[len(runs[step]) // 2]
        lines.append(f"| {STEPS[step]} | {med[step]:.2f} ({spread}) | {cpu:.1f} | {peak[step]:.0f} |")
    heaviest = max(runs["ours"], key=lambda o: o["peak_mb"])
    lines += [
        "",
        f"- ours, each phase's peak in the run that peaked highest, MiB (s): {_phases_named(heaviest)}",
        f"- ours / bare reader: **{med['ours'] / med['fastexcel']:.2f}×** (goal ≤ 1,3×); the bare reader alone "
        f"peaks at {peak['fastexcel']:.0f} MiB on this shape, ours at **{peak['ours']:.0f} MiB** (goal < 500 MiB)",
    ]
    return lines


GROWTH = (500_000, 1_000_000, 2_000_000)


def growth() -> list[str]:
    """Ours on longer and longer lists of the same shape: how the peak grows with the rows."""
    import make_voterlist

    lines = [
        "",
        "### Growth with the number of rows (shared strings, one run each)",
        "",
        "Peak memory of the whole ingest and of each phase (bench/fase.py: the high-water mark reset at "
        "each phase's start): " + ", ".join(f"`{k}` {v}" for k, v in PHASES.items()) + ".",
        "",
        "| rows | file (MB) | seconds | CPU seconds | peak memory (MiB) | "
        + " | ".join(f"`{k}` MiB (s)" for k in PHASES)
        + " |",
        "|---:|---:|---:|---:|---:|" + "---:|" * len(PHASES),
    ]
    runs = []
    for rows in GROWTH:
        path = make_voterlist.main(rows=rows)
        out = measure("ours", path)
        runs.append((rows, out))
        print(f"growth {rows:>9} {out['seconds']:8.2f} s  peak {out['peak_mb']:7.0f} MiB", file=sys.stderr)
        lines.append(
            f"| {rows:,} | {path.stat().st_size / 1e6:.1f} | {out['seconds']:.2f} | {out['cpu_s']:.1f} | "
            f"{out['peak_mb']:.0f} | {_phases(out)} |"
        )
    lines += [
        "",
        f"- growth of the peak: **{_growth(runs, lambda o: o['peak_mb'])} MiB per 100.000 rows** (goal: a few MiB)",
    ]
    for phase in PHASES:
        if all(phase in o.get("phases", {}) for _, o in runs):
            lines.append(
                f"- `{phase}`: {_growth(runs, lambda o, p=phase: o['phases'][p]['peak_mib'])} MiB per 100.000 rows"
            )
    return lines


PHASES = {
    "buka": "opening the file, finding the header and the kind",
    "baca+periksa": "the sheet read in chunks, each checked and staged on disk",
    "temuan": "the file's own findings and the NIK region check over the staged rows",
    "insert": "the rows inserted into the database",
    "audit": "the stored audit tables recomputed over every voter in the same write",
    "lain": "the rest (copying, checkpointing and closing the database)",
}


def _phases_named(out: dict) -> str:
    found = out.get("phases", {})
    return ", ".join(f"`{k}` {v['peak_mib']:.0f} ({v['seconds']:.1f})" for k, v in found.items())


def _phases(out: dict) -> str:
    found = out.get("phases", {})
    return " | ".join(f"{found[k]['peak_mib']:.0f} ({found[k]['seconds']:.1f})" if k in found else "—" for k in PHASES)


def _growth(runs, peak) -> str:
    """MiB per 100.000 rows between consecutive runs: `13.4 (500,000 → 1,000,000), …`."""
    return ", ".join(
        f"{(peak(o1) - peak(o0)) / ((r1 - r0) / 100_000):.1f} ({r0:,} → {r1:,})"
        for (r0, o0), (r1, o1) in zip(runs, runs[1:])
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--child")
    parser.add_argument("--file", type=Path)
    parser.add_argument("--skip-naive", action="store_true")
    parser.add_argument("--skip-inline", action="store_true", help="not the second shape (inline strings)")
    parser.add_argument("--skip-growth", action="store_true", help="not the 0,5 / 1 / 2 million-row lists")
    args = parser.parse_args()
    if args.child:
        print(json.dumps(run_step(args.child, args.file)))
        return
    if args.file is None:
        import make_voterlist

        args.file = make_voterlist.main()
    steps = [s for s in STEPS if not (args.skip_naive and s == "naive")]
    results, runs = {}, {}
    # The machine is shared and a run varies by ±0,5 s: the fast steps run REPEAT times, taking
    # turns (bare reader, ours, …), and the median counts; the naive route (minutes) runs once.
    for round_ in range(REPEAT):
        for step in steps:
            if step == "naive" and round_:
                continue
            out = measure(step, args.file)
            runs.setdefault(step, []).append(out)
            print(
                f"{step:10s} {out['seconds']:8.2f} s  peak {out['peak_mb']:7.0f} MiB  rows {out['rows']}",
                file=sys.stderr,
            )
    for step, outs in runs.items():
        results[step] = dict(sorted(outs, key=lambda o: o["seconds"])[len(outs) // 2])
        results[step]["peak_mb"] = max(o["peak_mb"] for o in outs)
        results[step]["all"] = [o["seconds"] for o in outs]
    ours, fast = results["ours"], results["fastexcel"]
    lines = [
        "## Ingest: daftar pemilih satu kabupaten",
        "",
        f"File: `{args.file.relative_to(ROOT) if args.file.is_relative_to(ROOT) else args.file}` "
        f"({args.file.stat().st_size / 1e6:.1f} MB, {ours['rows']:,} pemilih, satu sheet). "
        f"Machine: {platform.machine()}, Python {platform.python_version()}, "
        f"run {time.strftime('%Y-%m-%d %H:%M')}.",
        "",
        f"Each step in a fresh process; seconds are the median of {REPEAT} runs taken in turns (the runs in "
        "brackets), except the naive route, run once; CPU seconds (all threads, user + system) of the median run; "
        "peak memory is the largest resident set of those runs. The file is the SIDALIH-shaped one of "
        "bench/make_voterlist.py (22 columns, names, addresses, varied spellings, a few messy rows).",
        "",
        "| step | seconds | CPU seconds | peak memory (MiB) |",
        "|---|---:|---:|---:|",
    ]
    for step in steps:
        spread = (
            " (" + ", ".join(f"{x:.2f}" for x in results[step]["all"]) + ")" if len(results[step]["all"]) > 1 else ""
        )
        lines.append(
            f"| {STEPS[step]} | {results[step]['seconds']:.2f}{spread} | {results[step]['cpu_s']:.1f} | "
            f"{results[step]['peak_mb']:.0f} |"
        )
    lines += [
        "",
        f"- ours / fastest bare reader (fastexcel): **{ours['seconds'] / fast['seconds']:.2f}×** (goal ≤ 1,3×)",
    ]
    if "naive" in results:
        naive = results["naive"]
        lines.append(
            f"- naive pandas+openpyxl / ours: **{naive['seconds'] / ours['seconds']:.1f}×** faster "
            f"(goal ≥ 12×); the naive route read NIK as `{naive['nik_dtype']}` and RT `007` as "
            f"`{naive['rt_first']}`, ours keeps both as text (NIK only as HMAC + `{ours['nik_mask_example']}`)"
        )
    lines.append(
        f"- peak memory of ours: **{ours['peak_mb']:.0f} MiB = {ours['peak_mb'] / 1024:.2f} GiB** "
        f"({ours['peak_mb'] * 1.048576 / 1000:.2f} GB decimal; goal < 500 MiB); each phase's peak in the run "
        f"that peaked highest, MiB (s): {_phases_named(max(runs['ours'], key=lambda o: o['peak_mb']))}"
    )
    if not args.skip_inline:
        lines += inline_shape()
    if not args.skip_growth:
        lines += growth()
    write_results("\n".join(lines))
    print("\n".join(lines))


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).parent))
    main()
