"""What a small record costs with a whole kabupaten loaded: now (the small-records store, SQLite)
against the previous path (a `db.writing` copy-on-write write of the same record), in one run.

Builds the sample database plus a synthetic per-voter list of 872.218 voters (bench_pages.build),
adds a user, then measures, taken in turns (RUNS of each, medians):
- a login (right password; and the store alone, the argon2id check replaced by a constant);
- a problem entered through the form (readiness.masalah.tambah, given the app's reader cursor as
  the page has it: taken before the clock starts);
- an export record (readiness.pengguna.catat_ekspor);
- a settings save (readiness.model.simpan_pengaturan, a threshold changed, TPS capacity kept);
each against the previous path: the same record written in one `db.writing` transaction (what
every one of them did before). Then the page cache: a page computed once per cache key
(db.Reader.snapshot, as app/baca.py keys it), PAGE_ROUNDS rounds of a login + an export + a
page view, then one problem entry + a page view: how many cache misses each caused, and what a
miss costs. Writes its section of bench/RESULTS.md. Never part of the test suite.
Usage: .venv/bin/python bench/bench_catatan.py [--keep DIR]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import results  # noqa: E402  (bench/results.py)
from bench_pages import ELECTION, build  # noqa: E402

from readiness import akses, catatan, db, jejak, masalah, model, pengguna  # noqa: E402

SANDI = "Rahasia-Desk-2024"
RUNS = 7
PAGE_ROUNDS = 5
GOAL_MS = 50
ADMIN = akses.Pengguna("budi", "admin")


def ms(seconds: float) -> str:
    return f"{seconds * 1000:,.1f}"


def identity(path: Path) -> tuple:
    st = os.stat(path)
    return st.st_ino, st.st_mtime_ns


def isian(n: int) -> masalah.Isian:
    return masalah.Isian(
        "35.13.14", "logistik", f"Kotak suara TPS {n} belum tiba", dt.date(2024, 11, 20), "sedang", "Camat Kraksaan"
    )


# --------------------------------------------------------------------------- the previous path
def old_record(path: Path, aksi: str, objek: str, rincian: dict) -> None:
    """A login or export record as the previous release wrote it: one trail row in a copy-on-write
    write of the analytical file."""
    with db.writing(path, timeout=15) as con:
        jejak.catat(con, ADMIN, aksi, objek, rincian=rincian)


def old_login(path: Path, stored: str) -> None:
    """The previous release's login: one copy-on-write write recording the attempt, with the
    argon2id check inside it."""
    with db.writing(path, timeout=15) as con:
        pengguna.sandi.cocok(stored, SANDI)
        jejak.catat(con, ADMIN, "masuk", "budi", rincian={"hasil": "berhasil"})


def old_problem(path: Path, n: int) -> None:
    """A problem entry as the previous release wrote it: the problem, its first history row and
    its trail row in one copy-on-write write (into a table of the same columns: the file keeps
    problems in the store now)."""
    with db.writing(path, timeout=15) as con:
        con.execute("create table if not exists bench_masalah as select * from catatan.masalah limit 0")
        con.execute("create table if not exists bench_riwayat as select * from catatan.masalah_riwayat limit 0")
        i = isian(n)
        masalah_id = con.execute("select coalesce(max(masalah_id), 0) + 1 from bench_masalah").fetchone()[0]
        now = dt.datetime.now().replace(microsecond=0)
        con.execute(
            "insert into bench_masalah values ($id, $e, $k, null, null, $kat, $u, $p, $t, $tk, 'baru', $key, "
            "'budi', $now, $now, 'formulir')",
            {
                "id": masalah_id,
                "e": ELECTION,
                "k": i.kode_kecamatan,
                "kat": i.kategori,
                "u": i.uraian,
                "p": i.pelapor,
                "t": i.tanggal,
                "tk": i.tingkat,
                "key": masalah.kunci(i.kode_kecamatan, i.kategori, i.uraian, i.tanggal),
                "now": now,
            },
        )
        con.execute(
            "insert into bench_riwayat values ($n, $id, $now, 'budi', null, 'baru', null, $tk, null, 'formulir')",
            {"n": masalah_id, "id": masalah_id, "now": now, "tk": i.tingkat},
        )
        jejak.catat(con, ADMIN, "masalah", f"masalah #{masalah_id}", rincian={"tindakan": "tambah"})


def old_setting(path: Path, value: float) -> None:
    """A threshold saved as the previous release saved it: `settings` changed in a copy-on-write
    write, with the before/after trail row."""
    with db.writing(path, timeout=15) as con:
        sebelum = jejak.potret_pengaturan(con, ELECTION)
        con.execute("insert or replace into settings values ($e, 'ktpel_kuning', $v)", {"e": ELECTION, "v": value})
        jejak.catat_pengaturan(con, ADMIN, "ambang dan kapasitas", sebelum, ELECTION)


# --------------------------------------------------------------------------- main
def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--keep", type=Path, help="build the database in this folder and keep it")
    args = parser.parse_args()
    no_wait = lambda s: None  # noqa: E731 - the fixed pause after a failure is not what is measured
    with tempfile.TemporaryDirectory() as tmp:
        directory = args.keep or Path(tmp)
        directory.mkdir(parents=True, exist_ok=True)
        built = time.perf_counter()
        path, rows = build(directory)
        built = time.perf_counter() - built
        size_mb = path.stat().st_size / 2**20
        pengguna.tambah(path, "budi", "admin", SANDI, pelaku=jejak.CLI)
        reader = db.Reader(path)
        con = db.connect_read(path)
        try:
            values = dict(db.run(con, "marts/pengaturan", election=ELECTION)[["key", "value"]].values)
        finally:
            con.close()
        counter = iter(range(10**6))
        stored = pengguna.sandi._hasher.hash(SANDI)
        real_check = pengguna.percobaan.cocok

        def login_store_alone(cur):
            pengguna.percobaan.cocok = lambda sandi_hash, sandi: sandi == SANDI
            try:
                pengguna.masuk(path, "budi", SANDI, sumber="10.0.0.1", tidur=no_wait)
            finally:
                pengguna.percobaan.cocok = real_check

        def setting_now(cur):
            # Alternating values, so every save writes (an unchanged value is not written).
            values["ktpel_kuning"] = 95.0 if next(counter) % 2 else 94.5
            model.simpan_pengaturan(path, ELECTION, values, ADMIN, ref=cur)

        steps = {
            "login": (
                lambda cur: pengguna.masuk(path, "budi", SANDI, sumber="10.0.0.1", tidur=no_wait),
                lambda: old_login(path, stored),
            ),
            "login_store": (login_store_alone, lambda: old_record(path, "masuk", "budi", {"hasil": "berhasil"})),
            "masalah": (
                lambda cur: masalah.tambah(path, ELECTION, isian(next(counter)), ADMIN, ref=cur),
                lambda: old_problem(path, next(counter)),
            ),
            "ekspor": (
                lambda cur: pengguna.catat_ekspor(path, ADMIN, "laporan.xlsx"),
                lambda: old_record(path, "ekspor", "laporan.xlsx", {}),
            ),
            "pengaturan": (setting_now, lambda: old_setting(path, 95.0 if next(counter) % 2 else 94.5)),
        }
        times = {(name, which): [] for name in steps for which in ("now", "old")}
        copied = {name: False for name in steps}
        for _ in range(RUNS):
            for name, (now_fn, old_fn) in steps.items():
                # The page that saves has just been shown: the app's reader is at the current version.
                cur = reader.cursor()
                before = identity(path)
                started = time.perf_counter()
                now_fn(cur)
                times[(name, "now")].append(time.perf_counter() - started)
                copied[name] |= identity(path) != before
                started = time.perf_counter()
                old_fn()
                times[(name, "old")].append(time.perf_counter() - started)
        med = {k: statistics.median(v) for k, v in times.items()}

        # The page cache, keyed as app/baca.py keys it.
        cache, misses, miss_times, snapshots = {}, {"login+ekspor": 0, "masalah": 0}, [], []

        def view(cause: str) -> None:
            started = time.perf_counter()
            key, cur = reader.snapshot()
            snapshots.append(time.perf_counter() - started)
            if key not in cache:
                misses[cause] += 1
                started = time.perf_counter()
                cache[key] = model.PAGES["ringkasan"](cur, ELECTION, base=model.dasar(cur, ELECTION))
                miss_times.append(time.perf_counter() - started)

        view("login+ekspor")
        misses["login+ekspor"] = 0  # the first view fills the cache
        for _ in range(PAGE_ROUNDS):
            hasil = pengguna.masuk(path, "budi", SANDI, sumber="10.0.0.4", tidur=no_wait)
            pengguna.catat_ekspor(path, ADMIN, "ringkasan.xlsx")
            pengguna.keluar(path, ADMIN, pengguna.hash_token(hasil.token))
            view("login+ekspor")
        masalah.tambah(path, ELECTION, isian(next(counter)), ADMIN, ref=reader.cursor())
        view("masalah")
        refresh = snapshots[-1]  # the store's rows copied into the reader's catalog `catatan`
        shown = reader.snapshot()[1].execute("select count(*) from masalah").fetchone()[0]
        stored = 0
        with catatan.baca(path) as store:
            stored = store.execute("select count(*) from masalah").fetchone()[0]
    load = os.getloadavg()[0]
    labels = {
        "login": "login, right password (argon2id check included in both)",
        "login_store": "login, the check replaced by a constant (the store alone)",
        "masalah": "problem entered (problem, history, trail row)",
        "ekspor": "export record",
        "pengaturan": "settings saved (a threshold; trail row with before/after)",
    }
    lines = [
        "## Small records (problems, settings, logins, exports)",
        "",
        f"Analytical database: sample data plus {rows:,} synthetic per-voter rows, {size_mb:,.0f} MB (built in "
        f"{built:,.0f} s). Machine: {os.cpu_count()} CPU, CPython {platform.python_version()}, load {load:.1f}, run "
        f"{time.strftime('%Y-%m-%d %H:%M')}. Medians of {RUNS}, now and the previous path taken in turns. "
        f"Goal: every write now under {GOAL_MS} ms.",
        "",
        "| write | now (store) ms | previous path (`db.writing`) ms | previous / now | analytical file copied now |",
        "|---|---:|---:|---:|---|",
    ]
    for name, label in labels.items():
        now, old = med[(name, "now")], med[(name, "old")]
        lines.append(f"| {label} | {ms(now)} | {ms(old)} | {old / now:,.1f}× | {'YES' if copied[name] else 'no'} |")
    over = [labels[n] for n in labels if n != "login" and med[(n, "now")] * 1000 >= GOAL_MS]
    lines += [
        "",
        f"Under {GOAL_MS} ms: {'all store writes' if not over else 'NOT ' + ', '.join(over)}"
        f" (the full login adds the argon2id check, {ms(med[('login', 'now')] - med[('login_store', 'now')])} ms, "
        "which is the point of argon2id).",
        "",
        f"Page cache (ringkasan, keyed by `db.Reader.snapshot()` as app/baca.py does): {PAGE_ROUNDS} rounds of a "
        f"login + an export + a logout, each followed by a page view: {misses['login+ekspor']} cache misses. "
        f"One problem entered, then a page view: {misses['masalah']} miss, the page recomputed "
        f"({ms(statistics.median(miss_times))} ms a miss) and showing the new problem "
        f"({shown} in the page's view of `masalah`, {stored} in the store). The reader's copy of the store's "
        f"rows brought up to date in that view's snapshot: {ms(refresh)} ms ({stored} problems); a snapshot "
        f"with nothing new: {ms(statistics.median(snapshots[1:-1]))} ms.",
    ]
    text = "\n".join(lines)
    print(text)
    results.write_section("catatan", text)


if __name__ == "__main__":
    main()
