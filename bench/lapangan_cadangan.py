"""bench_lapangan.py's backup under load: `python -m readiness backup` run as a separate process in
the middle of a wave against the running server's data (as an admin runs it through deploy/dasbor:
READINESS_DB and READINESS_KUNCI in the environment), then the archive restored into a fresh folder
with a key path of its own (`python -m readiness restore`) and compared with the source after the run.

The comparison (`banding`): every restored report identical, column by column, to the report with
the same `seq` in the final store; the restored reports exactly those with `seq` up to the largest
restored (a prefix of the server's commit order: none missing from the middle); every report the
server had answered as stored before the backup started among them; the users and problems of the
small-records store (and its problems' history, settings) and `report --level kecamatan` the same
as the source's, both audit trails (the reports' and the store's) a prefix of the source's. `bukti_gagal` deletes
one report from a copy of the restored file and shows the comparison then fails.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import bench_lapor
import duckdb

from readiness import catatan, fmt, lapor, privacy

ROOT = Path(__file__).resolve().parent.parent


def _env(db_path: Path, kunci: Path) -> dict:
    return dict(os.environ, READINESS_DB=str(db_path), **{privacy.ENV_KEY: str(kunci)})


async def cadangkan(db_path: Path, kunci: Path, arsip: Path, tunda: float) -> dict:
    """After `tunda` seconds: the backup command as its own process; its start and end on the
    perf_counter clock of the load generator, its exit status and output."""
    await asyncio.sleep(tunda)
    mulai = time.perf_counter()
    proc = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "readiness",
        "backup",
        "--out",
        str(arsip),
        cwd=ROOT,
        env=_env(db_path, kunci),
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.STDOUT,
    )
    keluaran, _ = await asyncio.wait_for(proc.communicate(), timeout=300)
    selesai = time.perf_counter()
    print(f"backup: {selesai - mulai:.1f} s, exit {proc.returncode}", flush=True)
    return {"mulai": mulai, "selesai": selesai, "rc": proc.returncode, "keluaran": keluaran.decode()}


def _cli(args: list[str], db_path: Path, kunci: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "readiness", *args],
        cwd=ROOT,
        env=_env(db_path, kunci),
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )


def pulihkan(arsip: Path, folder: Path) -> tuple[Path, Path, subprocess.CompletedProcess]:
    """The archive restored into `folder` (new), with its own key path: (database, key, result)."""
    db_path, kunci = folder / "data" / "readiness.duckdb", folder / "kunci" / "kunci"
    done = _cli(["restore", str(arsip), "--db", str(db_path)], db_path, kunci)
    return db_path, kunci, done


def _duck(path: Path, table: str) -> dict[int, tuple]:
    """Rows by their number (the first column: `seq`, `nomor`), in commit order."""
    con = duckdb.connect(str(path), read_only=True)
    try:
        return {row[0]: tuple(row) for row in con.execute(f"select * from {table} order by 1").fetchall()}  # noqa: S608
    finally:
        con.close()


def _awalan(akhir: dict, dipulihkan: dict) -> tuple[int, int]:
    """(rows restored different from the same row in the final store, rows of the final store
    missing before the last restored one)."""
    batas = max(dipulihkan, default=0)
    berbeda = sum(1 for key, row in dipulihkan.items() if akhir.get(key) != row)
    return berbeda, len({key for key in akhir if key <= batas} - set(dipulihkan))


def banding_laporan(final: Path, pulih: Path, diakui: set[str]) -> dict:
    """The restored reports' file against the final one (see the module docstring)."""
    akhir, dipulihkan = _duck(final, "laporan"), _duck(pulih, "laporan")
    berbeda, hilang = _awalan(akhir, dipulihkan)
    jejak_berbeda, jejak_hilang = _awalan(_duck(final, "jejak_lapor"), _duck(pulih, "jejak_lapor"))
    kirim_ids = {row[1] for row in dipulihkan.values()}
    return {
        "laporan": len(dipulihkan),
        "laporan_akhir": len(akhir),
        "berbeda": berbeda,
        "hilang_di_tengah": hilang,
        "jejak_lapor_sama": jejak_berbeda == jejak_hilang == 0,
        "diakui": len(diakui),
        "diakui_hilang": len(diakui - kirim_ids),
    }


# The small-records store's tables compared whole; its audit trail (jejak) as a prefix (append-only).
CATATAN_SAMA = ("pengguna", "masalah", "masalah_riwayat", "masalah_unggahan", "pengaturan")


def _catatan(db_path: Path, table: str) -> dict:
    con = sqlite3.connect(f"file:{catatan.path_for(db_path)}?mode=ro", uri=True)
    try:
        return {row[0]: row for row in con.execute(f"select * from {table} order by 1").fetchall()}  # noqa: S608
    finally:
        con.close()


def banding(sumber: Path, kunci_sumber: Path, pulih: Path, kunci_pulih: Path, diakui: set[str]) -> dict:
    """Everything `banding_laporan` checks, plus users, problems and the kecamatan report."""
    out = banding_laporan(lapor.lapor_path(sumber), lapor.lapor_path(pulih), diakui)
    for table in CATATAN_SAMA:
        a, b = _catatan(sumber, table), _catatan(pulih, table)
        out[table] = (len(b), a == b)
    out["jejak"] = (
        len(_catatan(pulih, "jejak")),
        _awalan(_catatan(sumber, "jejak"), _catatan(pulih, "jejak")) == (0, 0),
    )
    laporan = [
        _cli(["report", "--level", "kecamatan"], p, k) for p, k in ((sumber, kunci_sumber), (pulih, kunci_pulih))
    ]
    out["report"] = (
        len(laporan[1].stdout.splitlines()),
        laporan[0].returncode == laporan[1].returncode == 0 and laporan[0].stdout == laporan[1].stdout,
    )
    out["sama"] = (
        out["berbeda"] == out["hilang_di_tengah"] == out["diakui_hilang"] == 0
        and out["laporan"] > 0
        and out["jejak_lapor_sama"]
        and all(out[k][1] for k in (*CATATAN_SAMA, "jejak", "report"))
    )
    return out


def bukti_gagal(sumber: Path, pulih: Path, diakui: set[str], folder: Path) -> dict:
    """The reports' comparison on a copy of the restored file with one report the server had
    acknowledged before the backup deleted from the middle: it must not pass."""
    folder.mkdir()
    salinan = folder / "readiness.lapor.duckdb"
    shutil.copyfile(lapor.lapor_path(pulih), salinan)
    con = duckdb.connect(str(salinan))
    try:
        seqs = [
            row[0]
            for row in con.execute("select seq, kirim_id from laporan order by seq").fetchall()
            if row[1] in diakui
        ]
        hapus = seqs[len(seqs) // 2] if seqs else None  # none acknowledged before the backup: nothing to show
        con.execute("delete from laporan where seq = ?", [hapus])
    finally:
        con.close()
    out = banding_laporan(lapor.lapor_path(sumber), salinan, diakui)
    out["dihapus_seq"] = hapus
    out["terdeteksi"] = hapus is not None and out["hilang_di_tengah"] > 0 and out["diakui_hilang"] > 0
    return out


def periksa_cadangan(db_path: Path, kunci: Path, arsip: Path, tmp: Path, out: dict) -> dict:
    """The archive restored into a fresh folder and compared with the source after the run, and the
    comparison shown to fail on a restored copy with one report deleted."""
    b = out["cadangan"]
    if b["rc"] != 0:
        print(b["keluaran"])
        return {"banding": None}
    diakui = {kirim_id for t, kirim_id in out["jejak"]["diakui"] if t < b["mulai"]}
    pulih, kunci_pulih, done = pulihkan(arsip, tmp / "pulih")
    if done.returncode != 0:
        print(done.stdout, done.stderr)
        return {"banding": None, "pulih_rc": done.returncode}
    c = banding(db_path, kunci, pulih, kunci_pulih, diakui)
    bukti = bukti_gagal(db_path, pulih, diakui, tmp / "pulih-cacat")
    print("restored vs source:", c, "\none report deleted from the restored copy:", bukti, flush=True)
    return {"banding": c, "bukti": bukti, "ukuran": arsip.stat().st_size}


def pulih_sama(out: dict) -> bool:
    b = out["cadangan"]
    return bool(b and b.get("banding") and b["banding"]["sama"] and b["bukti"]["terdeteksi"])


def baris_cadangan(args, out: dict, gelombang: str) -> list[str]:
    """The backup's rows of the table: its time, what the archive holds, the restored comparison,
    the submissions' latency while it ran against the rest."""
    b, pct, ms = out["cadangan"], bench_lapor.pct, bench_lapor.ms
    if not b:
        return []
    selama = [t1 - t0 for t0, t1 in out["jejak"]["kapan"] if t0 < b["selesai"] and t1 > b["mulai"]]
    lain = [t1 - t0 for t0, t1 in out["jejak"]["kapan"] if not (t0 < b["selesai"] and t1 > b["mulai"])]
    when = "half-way through the minute" if args.serentak else f"half-way through wave `{gelombang}`"
    rows = [
        f"| backup: `python -m readiness backup --out …` as its own process {when}, against the running "
        f"server's data (READINESS_DB, READINESS_KUNCI as deploy/dasbor gives them) | "
        f"{fmt.angka(b['selesai'] - b['mulai'], 1)} s, exit {b['rc']}"
        + (f", archive {fmt.angka(b['ukuran'])} byte |" if "ukuran" in b else " |"),
    ]
    c = b.get("banding")
    if c is None:
        return [*rows, "| restored (`python -m readiness restore` into a fresh folder) | **failed** (output above) |"]
    yn = {True: "yes", False: "**no**"}
    d = b["bukti"]
    rows += [
        f"| reports in the archive / in the final store; answered 'stored' before the backup started / of "
        f"those not in the archive | {fmt.angka(c['laporan'])} / {fmt.angka(c['laporan_akhir'])}; "
        f"{fmt.angka(c['diakui'])} / {c['diakui_hilang']} |",
        "| restored (`python -m readiness restore` into a fresh folder, a key path of its own) equal to the "
        "source after the run: every restored report column by column (same `seq`) / none missing before the "
        "last restored `seq` / users / problems (and their history, uploads) and settings / the audit trails "
        "(reports', store's) a prefix of the source's / `report --level kecamatan` | "
        f"**{yn[c['sama']]}**: {c['berbeda']} different / {c['hilang_di_tengah']} missing / "
        f"{fmt.angka(c['pengguna'][0])} {yn[c['pengguna'][1]]} / {fmt.angka(c['masalah'][0])} "
        f"{yn[all(c[k][1] for k in CATATAN_SAMA[1:])]} / {yn[c['jejak_lapor_sama'] and c['jejak'][1]]} "
        f"/ {c['report'][0]} lines {yn[c['report'][1]]} |",
        f"| the comparison's own check: one report answered before the backup (`seq` {d['dihapus_seq']}) deleted "
        f"from a copy of the restored file | detected: {yn[d['terdeteksi']]} ({d['hilang_di_tengah']} missing, "
        f"{d['diakui_hilang']} acknowledged not in it) |",
        f"| submission p95 / p99 while the backup ran ({fmt.angka(len(selama))} POSTs) vs the rest "
        f"({fmt.angka(len(lain))}) | {ms(pct(selama, 95))} / {ms(pct(selama, 99))} vs {ms(pct(lain, 95))} / "
        f"{ms(pct(lain, 99))} |",
    ]
    return rows
