"""How fast every dashboard page gets its data, with a whole kabupaten's per-voter list loaded.

Builds a database from the bundled sample (recap, TPS list, KTP-el, targets, Lumbang's list) and
adds a synthetic per-voter list of all 872.218 voters (generated in DuckDB with range(), inserted
straight into raw_daftar and registered as an upload covering the 24 kecamatan, so it is the
active version). Then, for each page in readiness.model.PAGES (all the queries that page shows):
- cold: a fresh process opens the database and computes the page's data once;
- warm: the same connection computes it again (median of several runs; no result cache);
and, in the same run, a baseline `count(*) … group by kode_kecamatan` over raw_daftar, so the
ratios mean something on any machine. Finally it checks that activating another version changes
the version the app's cache is keyed by, and the figures with it.

Writes its section of bench/RESULTS.md. Never part of the test suite.
Usage: .venv/bin/python bench/bench_pages.py [--keep DIR]
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from readiness import cli, db, ingest, model  # noqa: E402

ELECTION = "pilkada-2024"
PARAMS = {
    "kecamatan": {"kecamatan_kode": "35.13.14"},
    "pemilih": {"kecamatan_kode": "35.13.14"},
    "tps": {"kecamatan_kode": None},
}
WARM_RUNS = 7
COLD_RUNS = 3
LIMIT_WARM_MS, LIMIT_COLD_MS = 150, 1000


sys.path.insert(0, str(Path(__file__).resolve().parent))
import results  # noqa: E402  (bench/results.py)


def build(directory: Path) -> tuple[Path, int]:
    """The sample data plus a synthetic per-voter list of the whole kabupaten."""
    path = directory / "readiness.duckdb"
    assert cli.main(["demo", "--db", str(path)]) == 0
    with db.writing(path) as con:
        upload_id = con.execute("select nextval('upload_seq')").fetchone()[0]
        activation = con.execute("select nextval('activation_seq')").fetchone()[0]
        # One row per voter of the recap: per desa its L and P, spread over the desa's TPS; birth
        # dates, marriage, disability and KTP-el drawn from hashes (deterministic).
        con.execute(
            """
            insert into raw_daftar by name
            with t as (select kode_desa, count(*) n_tps from stg_tps where election_id = $e group by 1),
            d as (select p.kode_kecamatan, p.kode_desa, p.dpt_l, p.dpt, t.n_tps
                  from stg_pemilih p join t using (kode_desa) where p.election_id = $e),
            r as (select d.*, unnest(range(d.dpt)) as i from d)
            select $u as upload_id, 'DPT' as source_sheet, (row_number() over ())::int + 5 as source_row,
                kode_kecamatan, kode_desa, ((i % n_tps) + 1)::varchar as tps,
                case when i < dpt_l then 'L' else 'P' end as jk,
                unhex(md5(kode_desa || '/' || i))::bit::uhugeint as nik_hash,
                '351300******' || lpad((i % 10000)::varchar, 4, '0') as nik_mask, false as nik_numerik,
                date '1934-01-01' + (hash(kode_desa, i) % 26000)::int as tgl_lahir,
                case when hash(i, 7) % 10 < 7 then 'S' else 'B' end as sts,
                case when hash(i, kode_desa, 3) % 170 = 0 then 1 + (hash(i, 5) % 6)::int else 0 end as dis,
                case when hash(i, 9) % 40 = 0 then 'B' else 'S' end as ktpel
            from r
        """,
            {"u": upload_id, "e": ELECTION},
        )
        rows = con.execute("select count(*) from raw_daftar where upload_id = $u", {"u": upload_id}).fetchone()[0]
        con.execute(
            "insert into uploads values ($u, $e, 'daftar', 'dpt_sintetis_kabupaten.xlsx', $sha, 'DPT', 5, "
            "$n, 'bench', now()::timestamp, $a, null, 0)",
            {"u": upload_id, "e": ELECTION, "sha": f"bench-{upload_id}", "n": rows, "a": activation},
        )
        con.execute("insert into upload_coverage select $u, kode_kecamatan from ref_kecamatan", {"u": upload_id})
    return path, rows


def _page(con, name, base=None):
    return model.PAGES[name](con, ELECTION, base=base, **PARAMS.get(name, {}))


def child(path: Path, name: str) -> dict:
    """Fresh process: open the database and compute one page's data (the cold figure)."""
    started = time.perf_counter()
    con = db.connect_read(path)
    opened = time.perf_counter()
    if name == "baseline":
        con.execute("select kode_kecamatan, count(*) from raw_daftar group by 1").fetchall()
    else:
        _page(con, name)
    done = time.perf_counter()
    return {"open_ms": 1000 * (opened - started), "total_ms": 1000 * (done - started)}


def cold(path: Path, name: str) -> tuple[float, float]:
    """(median total ms, median ms of it spent opening the database)."""
    totals, opens = [], []
    for _ in range(COLD_RUNS):
        out = subprocess.run(
            [sys.executable, __file__, "--child", name, "--db", str(path)], capture_output=True, text=True, cwd=ROOT
        )
        if out.returncode != 0:
            raise SystemExit(f"{name} failed:\n{out.stderr[-3000:]}")
        result = json.loads(out.stdout.strip().splitlines()[-1])
        totals.append(result["total_ms"])
        opens.append(result["open_ms"])
    return statistics.median(totals), statistics.median(opens)


def warm(con, name: str, shared: bool) -> float:
    """Median time on an open connection. shared=True: as the app does it, what every page shares
    at a data version (model.Dasar: int_kecamatan, the kecamatan and kabupaten marts, the data
    version) is computed once and kept (app/baca.py `_dasar`), the page's own marts run;
    shared=False: everything recomputed."""
    if name == "baseline":

        def run():
            con.execute("select kode_kecamatan, count(*) from raw_daftar group by 1").fetchall()
    else:
        base = model.dasar(con, ELECTION) if shared else None

        def run():
            _page(con, name, base)

    run()
    times = []
    for _ in range(WARM_RUNS):
        started = time.perf_counter()
        run()
        times.append(1000 * (time.perf_counter() - started))
    return statistics.median(times)


def warm_basis(con) -> float:
    model.dasar(con, ELECTION)
    times = []
    for _ in range(WARM_RUNS):
        started = time.perf_counter()
        model.dasar(con, ELECTION)
        times.append(1000 * (time.perf_counter() - started))
    return statistics.median(times)


def invalidation(path: Path) -> str:
    """A new active version changes the Reader's version (the key of the app's cached results)
    and the figures; re-activating the old one brings them back."""
    reader = db.Reader(path)
    before_version = reader.version
    before = _page(reader.cursor(), "ringkasan")["kabupaten"].iloc[0]["dpt"]
    con = db.connect_read(path)
    recap = con.execute("select min(upload_id) from uploads where kind = 'pemilih'").fetchone()[0]
    con.close()
    # A new recap for Lumbang alone (27 voters fewer), then undo by re-activating the original recap.
    from tests import xlsx  # the project's own test helper writes a realistic recap

    with tempfile.TemporaryDirectory() as tmp:
        file = xlsx.recap(Path(tmp) / "lumbang.xlsx", [("Lumbang", "Lumbang", 50, 12500, 12600, 25100)])
        assert ingest.ingest_files(path, [(file.name, file.read_bytes())]).committed
    after_version = reader.version
    after = _page(reader.cursor(), "ringkasan")["kabupaten"].iloc[0]["dpt"]
    ingest.activate(path, recap)
    restored = _page(reader.cursor(), "ringkasan")["kabupaten"].iloc[0]["dpt"]
    reader.close()
    ok = before_version != after_version and after == before - 27 and restored == before
    return (
        f"{'ok' if ok else 'GAGAL'}: DPT {before} → {after} after a new Lumbang recap (version changed: "
        f"{before_version != after_version}), {restored} after re-activating upload #{recap}"
    )


def write_results(text: str) -> None:
    results.write_section("pages", text)


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
        con = db.connect_read(path)
        voters = con.execute("select count(*) from stg_daftar where election_id = $e", {"e": ELECTION}).fetchone()[0]
        names = ["baseline", *model.PAGES]
        results = {
            name: {"warm": warm(con, name, shared=True), "full": warm(con, name, shared=False)} for name in names
        }
        results["basis"] = {"full": warm_basis(con)}
        con.close()
        for name in names:
            results[name]["cold"], results[name]["open"] = cold(path, name)
        check = invalidation(path)
    base = results["baseline"]
    dots = lambda n: f"{n:,}".replace(",", ".")  # noqa: E731
    lines = [
        "## Pages",
        "",
        f"Data of every page (all its queries: `readiness.model.PAGES`) on a database with the sample data plus "
        f"a synthetic per-voter list of {dots(rows)} voters ({dots(voters)} active per-voter rows; built in "
        f"{built:.1f} s). Machine: {_machine()}.",
        "",
        f"- **warm**: open connection; what all pages share at a data version (`model.Dasar`: `int_kecamatan` "
        f"evaluated once, the kecamatan and kabupaten marts, the data version) already computed and kept, as the "
        f"app keeps it for all pages and sessions; the page's own marts recomputed, no result cache. Median of "
        f"{WARM_RUNS}. (In the app a repeat view of a page is a cache hit: ~0 ms.)",
        f"- **warm, nothing kept**: the same, but `model.Dasar` recomputed too (it alone takes "
        f"{results['basis']['full']:.0f} ms; it is computed once per data version and election).",
        f"- **cold**: a fresh process opens the database and computes the page once (median of {COLD_RUNS}).",
        "- **baseline**: `select kode_kecamatan, count(*) from raw_daftar group by 1`, same run.",
        f"- target: < {LIMIT_WARM_MS} ms warm, < {LIMIT_COLD_MS} ms cold.",
        "",
        "| page | warm ms | × baseline | warm, nothing kept ms | cold ms | of which opening | × baseline | within target |",
        "|---|---:|---:|---:|---:|---:|---:|---|",
    ]
    for name in names:
        r = results[name]
        within = (
            "—"
            if name == "baseline"
            else ("ya" if r["warm"] < LIMIT_WARM_MS and r["cold"] < LIMIT_COLD_MS else "TIDAK")
        )
        lines.append(
            f"| {name} | {r['warm']:.0f} | {r['warm'] / base['warm']:.1f} | {r['full']:.0f} | "
            f"{r['cold']:.0f} | {r['open']:.0f} | {r['cold'] / base['cold']:.1f} | {within} |"
        )
    lines += ["", f"Cache invalidation: {check}.", ""]
    text = "\n".join(lines)
    print(text)
    write_results(text)


def _machine() -> str:
    import os
    import platform

    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    return f"{os.cpu_count()} CPU, {platform.python_implementation()} {platform.python_version()}, load {load:.1f}"


if __name__ == "__main__":
    main()
