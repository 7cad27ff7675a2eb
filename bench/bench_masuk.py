"""What a login costs with a whole kabupaten loaded, now and by the previous path, in one run.

Builds the sample database plus a synthetic per-voter list of 872.218 voters (bench_pages.build:
straight into raw_daftar) and VERSIONS - 1 older uploads of it (kept, as every re-upload is),
adds a user, then measures:
- the argon2id check alone (`PasswordHasher.verify`), the floor of any login;
- a login now (readiness.pengguna.masuk: the small-records store, SQLite), right and wrong password,
  and the same with the check replaced by a constant answer (what the store itself costs);
- the previous path: what every attempt did before, a `db.writing` transaction that records one
  trail row (a copy of the whole analytical file under its exclusive lock), plus the same check;
- a login while another thread holds the analytical writer lock (an upload);
- THREADS threads sending wrong passwords from one source while a genuine user logs in from
  another: that login's time, how many attempts were checked or throttled, and whether the
  analytical file was copied (its inode and mtime).
Medians of RUNS, the steps taken in turns. Writes its section of bench/RESULTS.md. Never part of the test suite.
Usage: .venv/bin/python bench/bench_masuk.py [--keep DIR]
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import results  # noqa: E402  (bench/results.py)
from bench_pages import build  # noqa: E402

from readiness import db, jejak, pengguna  # noqa: E402

SANDI = "Rahasia-Desk-2024"
RUNS = 7
VERSIONS = 10
THREADS = 16
ATTEMPTS = 5  # per attacking thread


def ms(seconds: float) -> str:
    return f"{seconds * 1000:,.1f}"


def median_of(fn, runs: int) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def old_login(path: Path, stored: str) -> None:
    """The previous release's login: one copy-on-write transaction recording the attempt, with
    the argon2id check inside it."""
    with db.writing(path, timeout=15) as con:
        con.execute("select count(*) from pengguna where lower(nama) = 'budi'").fetchall()
        pengguna.sandi.cocok(stored, SANDI)
        jejak.catat(con, "budi", "masuk", "budi", rincian={"hasil": "berhasil"})


def older_versions(path: Path, versions: int) -> None:
    """The per-voter list uploaded `versions - 1` more times before (the same rows, each version
    an upload of its own, the last one active as before)."""
    with db.writing(path) as con:
        first = con.execute("select max(upload_id) from uploads where kind = 'daftar'").fetchone()[0]
        for _ in range(versions - 1):
            upload_id = con.execute("select nextval('upload_seq')").fetchone()[0]
            con.execute(
                "insert into raw_daftar by name select * replace ($u as upload_id) from raw_daftar "
                "where upload_id = $f",
                {"u": upload_id, "f": first},
            )
            # An older activation: the synthetic list stays the active version.
            con.execute(
                "insert into uploads select * replace ($u as upload_id, 'lama-' || $u as sha256, "
                "activation - $u as activation) from uploads where upload_id = $f",
                {"u": upload_id, "f": first},
            )
            con.execute(
                "insert into upload_coverage select $u, kode_kecamatan from upload_coverage where upload_id = $f",
                {"u": upload_id, "f": first},
            )


def identity(path: Path) -> tuple:
    st = os.stat(path)
    return st.st_ino, st.st_mtime_ns


# Longer than the house's 80 lines on purpose: main is the measurement's protocol, read top to bottom
# in the order it runs, ending in the section it writes to bench/RESULTS.md.
def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--keep", type=Path, help="build the database in this folder and keep it")
    args = parser.parse_args()
    no_wait = lambda s: None  # noqa: E731 - the fixed pause after a failure is not what is measured
    with tempfile.TemporaryDirectory() as tmp:
        directory = args.keep or Path(tmp)
        directory.mkdir(parents=True, exist_ok=True)
        path, rows = build(directory)
        older_versions(path, VERSIONS)
        size_mb = path.stat().st_size / 2**20
        pengguna.tambah(path, "budi", "admin", SANDI, pelaku=jejak.CLI)
        stored = pengguna.sandi._hasher.hash(SANDI)
        counter = iter(range(10**6))
        real_check = pengguna.percobaan.cocok

        def store_alone():
            pengguna.percobaan.cocok = lambda sandi_hash, sandi: sandi == SANDI
            try:
                pengguna.masuk(path, "budi", SANDI, sumber="10.0.0.1", tidur=no_wait)
            finally:
                pengguna.percobaan.cocok = real_check

        steps = {
            "verify": lambda: pengguna.sandi._hasher.verify(stored, SANDI),
            "right": lambda: pengguna.masuk(path, "budi", SANDI, sumber="10.0.0.1", tidur=no_wait),
            # Wrong passwords from a fresh source each time, so none is throttled.
            "wrong": lambda: pengguna.masuk(
                path, "budi", "salah-salah", sumber=f"10.1.{next(counter)}.1", tidur=no_wait
            ),
            "store": store_alone,
            "old": lambda: old_login(path, stored),
        }
        # Taken in turns, so a busy machine weighs on every figure alike.
        times = {name: [] for name in steps}
        for _ in range(RUNS):
            for name, fn in steps.items():
                started = time.perf_counter()
                fn()
                times[name].append(time.perf_counter() - started)
        verify, right, wrong, store_only, old = (statistics.median(times[n]) for n in steps)
        # A login while an upload holds the writer lock.
        held, release = threading.Event(), threading.Event()

        def upload():
            with db.writing(path):
                held.set()
                release.wait(120)

        writer = threading.Thread(target=upload)
        writer.start()
        held.wait(120)
        during_upload = median_of(lambda: pengguna.masuk(path, "budi", SANDI, sumber="10.0.0.2", tidur=no_wait), RUNS)
        release.set()
        writer.join()
        # A crowd of wrong passwords from one source and a genuine login from another.
        before = identity(path)
        answers: list[str] = []

        def attack(i):
            for n in range(ATTEMPTS):
                answers.append(
                    pengguna.masuk(path, "budi", f"tebakan-{i}-{n}", sumber="203.0.113.9", tidur=no_wait).pesan
                )

        threads = [threading.Thread(target=attack, args=(i,)) for i in range(THREADS)]
        for t in threads:
            t.start()
        time.sleep(0.05)
        started = time.perf_counter()
        genuine = pengguna.masuk(path, "budi", SANDI, sumber="10.0.0.3", tidur=no_wait)
        genuine_s = time.perf_counter() - started
        for t in threads:
            t.join()
        copied = identity(path) != before
        checked = sum(a == pengguna.SALAH for a in answers)
    load = os.getloadavg()[0]
    lines = [
        "## Login (masuk)",
        "",
        f"Analytical database: sample data plus {rows:,} synthetic per-voter rows in {VERSIONS} uploads, "
        f"{size_mb:,.0f} MB. Machine: {os.cpu_count()} CPU, CPython {platform.python_version()}, load {load:.1f}, "
        f"run {time.strftime('%Y-%m-%d %H:%M')}. Medians of {RUNS}, taken in turns; the fixed "
        f"pause after a failure ({pengguna.JEDA_GAGAL:g} s, a thread of the failing session only) left out.",
        "",
        "| what | ms |",
        "|---|---:|",
        f"| argon2id check alone | {ms(verify)} |",
        f"| login now, right password (store write ×2, session) | {ms(right)} |",
        f"| login now, wrong password | {ms(wrong)} |",
        f"| login now, the check replaced by a constant (the store alone) | {ms(store_only)} |",
        f"| login now, while an upload holds the analytical writer lock | {ms(during_upload)} |",
        f"| previous path: one `db.writing` copy + the check, per attempt | {ms(old)} |",
        "",
        f"The previous path costs {ms(old - verify)} ms more than the check, under the analytical file's "
        f"exclusive lock (one attempt at a time, every upload and setting waits); now the store adds "
        f"{ms(store_only)} ms and no lock of the analytical file. Previous path / now: {old / right:,.1f}×.",
        "",
        f"Crowd: {THREADS} threads × {ATTEMPTS} wrong passwords from one source; meanwhile a genuine login from "
        f"another source: {'succeeded' if genuine.berhasil else 'FAILED'} in {ms(genuine_s)} ms. Of the "
        f"{len(answers)} attempts {checked} were checked, the rest throttled unchecked. Analytical file "
        f"copied: {'YES' if copied else 'no'} (inode and mtime unchanged).",
    ]
    text = "\n".join(lines)
    print(text)
    results.write_section("masuk", text)


if __name__ == "__main__":
    main()
