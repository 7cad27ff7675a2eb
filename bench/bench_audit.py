"""How fast the voter-list audit runs on a whole kabupaten (target: < 5 s, ≤ 1,3× a plain scan).

Builds a fresh database and inserts a synthetic per-voter list of all 872.218 voters of Kabupaten
Probolinggo straight into raw_daftar (generated in DuckDB with range(): 330 desa, ~6 TPS each,
NIK-derived columns as ingest would store them, with findings of every type planted at realistic
rates), registered as one upload covering the 24 kecamatan so it is the active version. Then, in
the same run:
- baseline: `select kode_kecamatan, count(*) from raw_daftar group by 1` (a plain scan-and-group);
- reference: `select kode_kecamatan, count(distinct nik_kunci) from raw_daftar group by 1` (the least
  any duplicate search must do: one hash-group over ~870.000 keys);
- the audit as it is run (readiness.audit: every finding counted per kecamatan and type, and the
  groups — read from the tables the write stored), the worded list of every finding, everything the
  Temuan page shows, and computing the stored tables (what the write does once);
each warm (open connection, median of several runs, no result cache) and cold (a fresh process
opens the database and runs it once, median of 3), plus the `audit` command end to end.

Writes its section of bench/RESULTS.md (between `<!-- audit:start -->` and `<!-- audit:end -->`).
Never part of the test suite. Usage: .venv/bin/python bench/bench_audit.py [--keep DIR]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from readiness import audit, db  # noqa: E402

ELECTION = "pilkada-2024"
VOTERS = 872218
WARM_RUNS = 31
COLD_RUNS = 3
LIMIT_S, LIMIT_RATIO = 5.0, 1.3
BASELINE = "select kode_kecamatan, count(*) from raw_daftar group by 1"
REFERENCE = "select kode_kecamatan, count(distinct nik_kunci) from raw_daftar group by 1"


sys.path.insert(0, str(Path(__file__).resolve().parent))
import results  # noqa: E402  (bench/results.py)


def build(directory: Path) -> tuple[Path, int]:
    path = directory / "readiness.duckdb"
    db.ensure_database(path)
    with db.writing(path) as con:
        upload_id = con.execute("select nextval('upload_seq')").fetchone()[0]
        activation = con.execute("select nextval('activation_seq')").fetchone()[0]
        # 872.218 voters over the 330 desa; 6 TPS per desa (about 440 voters each), 4 in every 97th
        # desa (about 660: over the 600 of Pilkada 2024). g numbers the voters; findings are planted
        # on fixed residues of g, so every type occurs.
        con.execute(
            """
            insert into raw_daftar by name
            with d as (select kode_desa, kode_kecamatan, (row_number() over (order by kode_desa) - 1)::int as k
                       from ref_desa),
            n as (select *, $voters // 330 + case when k < $voters % 330 then 1 else 0 end as dpt,
                         case when k % 97 = 0 then 4 else 6 end as n_tps from d),
            r as (select n.*, unnest(range(dpt)) as i from n),
            v as (
                select r.*, k * 3000 + i as g,
                    case when hash(k, i) % 2 = 0 then 'L' else 'P' end as jk,
                    case when (k * 3000 + i) % 4001 = 0 then date '2008-03-01'
                         when (k * 3000 + i) % 50021 = 0 then date '1910-01-01'
                         else date '1934-01-01' + (hash(k, i, 1) % 26000)::int end as lahir
                from r
            )
            select $u as upload_id, 'DPT' as source_sheet, (g + 6)::int as source_row, kode_kecamatan,
                case when g % 20011 = 0 then null else kode_desa end as kode_desa,
                case when g % 20011 = 0 then 'DESA LAIN' end as desa_tertulis,
                case when g % 20011 = 0 then 'desa/kelurahan ''DESA LAIN'' tidak ada di kecamatan ini' end as desa_catatan,
                ((i % n_tps) + 1)::varchar as tps, jk,
                -- every 997th voter is a copy of the one before (same NIK)
                unhex(sha256('nik/' || (case when g % 997 = 0 then g - 1 else g end))[1:32])::bit::uhugeint as nik_hash,
                '3513' || right(kode_kecamatan, 2) || '******' || lpad((g % 10000)::varchar, 4, '0') as nik_mask,
                unhex(sha256('nkk/' || (g // 3))[1:32])::bit::uhugeint as nkk_hash,
                g % 2003 = 0 as nik_numerik,
                16 as nik_panjang, true as nik_digit,
                case when g % 2003 = 0 then null
                     when g % 211 = 0 then '35.13.99' else kode_kecamatan end as nik_kode_wilayah,
                case when g % 1009 = 0 and g % 2003 <> 0 then 'beda_tanggal' end as nik_tanggal_masalah,
                case when g % 2003 <> 0
                     then ('0x' || sha256('nik/' || (case when g % 997 = 0 then g - 1 else g end))[1:16])::ubigint
                end as nik_kunci,
                lahir as tgl_lahir,
                case when hash(g, 7) % 10 < 7 and lahir < date '2000-01-01' then 'S' else 'B' end as sts,
                case when hash(g, 3) % 170 = 0 then (1 + (g // 7) % 6)::int else 0 end as dis,
                case when hash(g, 9) % 40 = 0 then 'B' else 'S' end as ktpel,
                (100000000 + g)::varchar as dpid
            from v
        """,
            {"u": upload_id, "voters": VOTERS},
        )
        rows = con.execute("select count(*) from raw_daftar where upload_id = $u", {"u": upload_id}).fetchone()[0]
        con.execute(
            "insert into uploads values ($u, $e, 'daftar', 'dpt_sintetis_kabupaten.xlsx', $sha, 'DPT', 5, "
            "$n, 'bench', now()::timestamp, $a, null, 0)",
            {"u": upload_id, "e": ELECTION, "sha": f"bench-{upload_id}", "n": rows, "a": activation},
        )
        con.execute("insert into upload_coverage select $u, kode_kecamatan from ref_kecamatan", {"u": upload_id})
    return path, rows


def _rebuild(con) -> None:
    """What the write that changes the lists does once (readiness.db._refresh_stored), here into
    temporary tables so the database itself is untouched."""
    for name in db.STORED:
        con.execute(f"create or replace temp table bench_{name} as {db.load_query('tersimpan/' + name).sql}")


TASKS = {
    # fetched as a DataFrame, as every audit function returns its result
    "baseline": lambda con: con.execute(BASELINE).df(),
    "audit": lambda con: audit.findings_summary(con, ELECTION),
    "kelompok": lambda con: audit.groups(con, ELECTION),
    "keduanya": lambda con: (audit.findings_summary(con, ELECTION), audit.groups(con, ELECTION)),
    "temuan": lambda con: audit.findings(con, ELECTION),
    "halaman": lambda con: audit.lengkap(con, ELECTION),
    "reference": lambda con: con.execute(REFERENCE).df(),
    "rebuild": _rebuild,
}
LABELS = {
    "baseline": "baseline: `count(*) … group by kode_kecamatan` over raw_daftar, as a DataFrame",
    "audit": "**the audit**: every finding type counted per kecamatan (`audit.findings_summary`, what `python -m readiness audit` prints)",
    "kelompok": "**the groups**: pemula, disabilitas, L/P per kecamatan and desa (`audit.groups`, the Pemilih and KTP-el pages)",
    "keduanya": "the audit and the groups one after the other (two queries)",
    "temuan": "the list of every finding worded in Indonesian (`audit.findings`)",
    "halaman": "all the Temuan page shows (`audit.lengkap`: the audit + the worded list)",
    "reference": "reference: `count(distinct nik_kunci) … group by kode_kecamatan` over raw_daftar",
    "rebuild": "computing the stored audit tables (done once inside the write that changes the lists)",
}


def child(path: Path, name: str) -> dict:
    started = time.perf_counter()
    con = db.connect_read(path)
    TASKS[name](con)
    return {"total_ms": 1000 * (time.perf_counter() - started)}


def cold(path: Path, name: str) -> float:
    times = []
    for _ in range(COLD_RUNS):
        out = subprocess.run(
            [sys.executable, __file__, "--child", name, "--db", str(path)], capture_output=True, text=True, cwd=ROOT
        )
        if out.returncode != 0:
            raise SystemExit(f"{name} failed:\n{out.stderr[-3000:]}")
        times.append(json.loads(out.stdout.strip().splitlines()[-1])["total_ms"])
    return statistics.median(times)


def warm(con, name: str) -> float:
    TASKS[name](con)
    times = []
    for _ in range(WARM_RUNS):
        started = time.perf_counter()
        TASKS[name](con)
        times.append(1000 * (time.perf_counter() - started))
    return statistics.median(times)


def command(path: Path) -> float:
    """`python -m readiness audit` end to end (process start, imports, open, audit, print)."""
    times = []
    for _ in range(COLD_RUNS):
        started = time.perf_counter()
        out = subprocess.run(
            [sys.executable, "-m", "readiness", "audit", "--db", str(path)], capture_output=True, text=True, cwd=ROOT
        )
        times.append(time.perf_counter() - started)
        if out.returncode != 0:
            raise SystemExit(out.stderr)
    return statistics.median(times)


def write_results(text: str) -> None:
    results.write_section("audit", text)


def _machine() -> str:
    load = os.getloadavg() if hasattr(os, "getloadavg") else (float("nan"),) * 3
    return (
        f"{os.cpu_count()} CPU, {platform.python_implementation()} {platform.python_version()}, "
        f"load average {load[0]:.1f} / {load[1]:.1f} / {load[2]:.1f} (1/5/15 min; the machine is shared)"
    )


# Longer than the house's 80 lines on purpose: main is the measurement's protocol, read top to bottom
# in the order it runs, ending in the section it writes to bench/RESULTS.md.
def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--child")
    parser.add_argument("--db", type=Path)
    parser.add_argument("--keep", type=Path, help="build the database in this folder and keep it")
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args.db, args.child)))
        return
    with tempfile.TemporaryDirectory() as tmp:
        directory = args.keep or Path(tmp)
        directory.mkdir(parents=True, exist_ok=True)
        started = time.perf_counter()
        path, rows = build(directory)
        built = time.perf_counter() - started
        load_before = _machine()
        con = db.connect_read(path)
        hasil = audit.lengkap(con, ELECTION)
        results = {name: {"warm": warm(con, name)} for name in TASKS}
        con.close()
        for name in TASKS:
            results[name]["cold"] = cold(path, name)
        cli_s = command(path)
        load_after = _machine()
    base, ref, whole = results["baseline"], results["reference"], results["audit"]
    rebuild = results["rebuild"]
    counts = hasil.ringkasan.groupby("temuan", sort=False)["jumlah"].sum()
    dots = lambda n: f"{n:,}".replace(",", ".")  # noqa: E731
    groups, both = results["kelompok"], results["keduanya"]
    ratio = lambda r, k: r[k] / base[k]  # noqa: E731
    met_time = all(r[k] / 1000 < LIMIT_S for r in (whole, groups, both) for k in ("warm", "cold"))
    met_ratio = {
        name: all(ratio(results[name], k) <= LIMIT_RATIO for k in ("warm", "cold"))
        for name in ("audit", "kelompok", "keduanya")
    }
    verdict = lambda ok: "met" if ok else "NOT met"  # noqa: E731
    lines = [
        "## Voter-list audit",
        "",
        f"A synthetic per-voter list of {dots(rows)} voters (whole Kabupaten Probolinggo; 330 desa, 24 kecamatan) "
        f"inserted straight into `raw_daftar` as one active upload (built in {built:.1f} s, including the stored "
        "audit tables). Findings planted: "
        + ", ".join(f"{k} {dots(int(v))}" for k, v in counts.items())
        + f"; {dots(len(hasil.temuan))} finding rows in "
        f"the list. Machine: {load_before} at the start, {load_after.split(', load average ')[1]} at the end.",
        "",
        "How the audit works since this run's code: the findings are flags on voter rows (one SQL definition, "
        "`int_daftar_temuan`); the write that changes the active lists, their order, the election's date or TPS "
        "capacity or the pemula ages stores the flagged rows (`temuan_daftar`) and the group counts per desa "
        "(`kelompok_desa`) in the same transaction (readiness/db.py `STORED`). The audit an analyst runs — "
        "`python -m readiness audit`, the Temuan and Pemilih pages — counts and groups those stored rows.",
        "",
        f"- **warm**: open connection, median of {WARM_RUNS}, no result cache; **cold**: a fresh process opens the "
        f"database and runs it once (median of {COLD_RUNS}; Python start-up and imports not counted).",
        f"- goals: the whole audit < {LIMIT_S:.0f} s, and ≤ {LIMIT_RATIO}× the baseline in the same run.",
        "",
        "| what | warm ms | × baseline | cold ms | × baseline |",
        "|---|---:|---:|---:|---:|",
    ]
    for name in TASKS:
        r = results[name]
        lines.append(
            f"| {LABELS[name]} | {r['warm']:.1f} | {r['warm'] / base['warm']:.2f} | "
            f"{r['cold']:.0f} | {r['cold'] / base['cold']:.2f} |"
        )
    lines += [
        "",
        f"`python -m readiness audit` end to end (process start, imports, open, summary, print): {cli_s:.2f} s "
        f"(median of {COLD_RUNS}).",
        "",
        f"- **< {LIMIT_S:.0f} s: {verdict(met_time)}** — the audit {whole['warm'] / 1000:.3f} s warm, "
        f"{whole['cold'] / 1000:.3f} s cold; with the groups {both['warm'] / 1000:.3f} s warm, "
        f"{both['cold'] / 1000:.3f} s cold; everything the Temuan page shows "
        f"{results['halaman']['warm'] / 1000:.2f} s warm; computing the stored tables {rebuild['warm'] / 1000:.2f} s.",
        f"- **≤ {LIMIT_RATIO}× a plain scan-and-group**: the audit **{verdict(met_ratio['audit'])}** "
        f"({ratio(whole, 'warm'):.2f}× warm, {ratio(whole, 'cold'):.2f}× cold); the groups "
        f"**{verdict(met_ratio['kelompok'])}** ({ratio(groups, 'warm'):.2f}× warm, {ratio(groups, 'cold'):.2f}× cold); "
        f"both one after the other {verdict(met_ratio['keduanya'])} ({ratio(both, 'warm'):.2f}× warm, "
        f"{ratio(both, 'cold'):.2f}× cold: two queries pay DuckDB's fixed cost per query twice, about 1 ms each, "
        "where the baseline pays it once).",
        f"- Computing the stored tables from the voter rows is {rebuild['warm'] / base['warm']:.0f}× the baseline, "
        "paid once per change of the lists inside that write; the duplicate search alone, one `count(distinct)` "
        f"over the NIK key, is {ref['warm'] / base['warm']:.0f}× the baseline (it groups ~870.000 keys where the "
        "baseline groups into 24), so no audit computed from the voter rows at each reading could stay within "
        f"{LIMIT_RATIO}×. Worded in Indonesian, the list of every finding takes "
        f"{results['temuan']['warm']:.0f} ms (Python wording of each row; the page caches it per data version).",
        "",
    ]
    text = "\n".join(lines)
    print(text)
    write_results(text)


if __name__ == "__main__":
    main()
