"""A process killed in the middle of an ingest leaves the database opening cleanly at the
previous version, and the next ingest works."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from readiness import db, ingest, model

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "data" / "sample"


def _kabupaten(path):
    con = db.connect_read(path)
    try:
        return model.kabupaten(con, "pilkada-2024").iloc[0]
    finally:
        con.close()


def _start_ingest(db_path, file):
    return subprocess.Popen(
        [sys.executable, "-m", "readiness", "ingest", str(file), "--db", str(db_path)],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def test_sigkill_during_the_write_keeps_the_previous_version(empty_db):
    ingest.ingest_files(
        empty_db,
        [
            (p.name, p.read_bytes())
            for p in (SAMPLE / "pemilih_rekap_desa_pilkada2024.xlsx", SAMPLE / "tps_pilkada2024.xlsx")
        ],
    )
    before = _kabupaten(empty_db)
    proc = _start_ingest(empty_db, SAMPLE / "dpt_kecamatan_lumbang.xlsx")
    # Wait until the writer has its private copy open, then kill it without warning.
    deadline = time.time() + 120
    while time.time() < deadline and not list(empty_db.parent.glob("readiness.duckdb.tmp-*")):
        if proc.poll() is not None:
            break
        time.sleep(0.002)
    killed_while_writing = proc.poll() is None
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert killed_while_writing, "the ingest finished before it could be killed"
    after = _kabupaten(empty_db)
    assert after["dpt"] == before["dpt"] == 872218
    con = db.connect_read(empty_db)
    assert con.execute("select count(*) from raw_daftar").fetchall()[0][0] == 0
    con.close()
    # The next writer cleans up what the killed one left and commits normally.
    batch = ingest.ingest_files(empty_db, [("dpt.xlsx", (SAMPLE / "dpt_kecamatan_lumbang.xlsx").read_bytes())])
    assert batch.committed
    assert not list(empty_db.parent.glob("readiness.duckdb.tmp-*"))
    con = db.connect_read(empty_db)
    assert con.execute("select count(*) from raw_daftar").fetchall()[0][0] == 25127
    con.close()


def test_sigkill_while_reading_changes_nothing(empty_db):
    before = empty_db.read_bytes()
    proc = _start_ingest(empty_db, SAMPLE / "dpt_kecamatan_lumbang.xlsx")
    time.sleep(1.0)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert empty_db.read_bytes() == before
