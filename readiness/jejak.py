"""The audit trail (issue 8): append-only rows in table `jejak`, written inside the same write
transaction as the change they record, so a change and its record land together or not at all.
Nothing in the app updates or deletes them."""
from __future__ import annotations

import datetime as dt
import json

import duckdb

from readiness.akses import Pengguna

CLI = Pengguna(nama="cli", peran="admin")


def _json(value):
    return None if value is None else json.dumps(value, ensure_ascii=False, default=str, sort_keys=True)


def catat(con: duckdb.DuckDBPyConnection, pelaku: Pengguna | str | None, aksi: str, objek: str | None = None,
          *, rincian=None, sebelum=None, sesudah=None) -> None:
    """Record one action. `pelaku` is the acting user (or a plain name such as 'cli')."""
    if isinstance(pelaku, Pengguna):
        nama, peran = pelaku.nama, pelaku.peran
    else:
        nama, peran = (pelaku or "tidak diketahui"), None
    con.execute(
        "insert into jejak (waktu, pelaku, peran, aksi, objek, rincian, sebelum, sesudah) "
        "values ($waktu, $pelaku, $peran, $aksi, $objek, $rincian, $sebelum, $sesudah)",
        {"waktu": dt.datetime.now().replace(microsecond=0), "pelaku": nama, "peran": peran, "aksi": aksi,
         "objek": objek, "rincian": _json(rincian), "sebelum": _json(sebelum), "sesudah": _json(sesudah)},
    )


def potret_pengaturan(con: duckdb.DuckDBPyConnection, election: str) -> dict:
    """Every setting an admin can change for `election`, as {name: value}: thresholds and targets
    (`settings`), the TPS capacity, the app-wide settings (`aplikasi:…`) and the korwil of each
    kecamatan (`korwil:<kode>`). Taken before and after a change to record what changed."""
    out = {k: v for k, v in con.execute("select key, value from settings where election_id = $e order by key",
                                        {"e": election}).fetchall()}
    for (kapasitas,) in con.execute("select kapasitas_tps from elections where election_id = $e",
                                    {"e": election}).fetchall():
        out["kapasitas_tps"] = kapasitas
    for key, value in con.execute("select key, value from app_settings order by key").fetchall():
        out[f"aplikasi:{key}"] = value
    for kode, korwil, koordinator in con.execute(
            "select kode_kecamatan, korwil, koordinator from korwil where election_id = $e order by 1",
            {"e": election}).fetchall():
        out[f"korwil:{kode}"] = f"{korwil} ({koordinator})" if koordinator else korwil
    return out


def catat_pengaturan(con: duckdb.DuckDBPyConnection, pelaku, objek: str, sebelum: dict, election: str) -> None:
    """Record a settings change with the values before and after — only those that changed."""
    sesudah = potret_pengaturan(con, election)
    berubah = sorted(k for k in set(sebelum) | set(sesudah) if sebelum.get(k) != sesudah.get(k))
    catat(con, pelaku, "pengaturan", objek, rincian={"pemilihan": election, "jumlah_berubah": len(berubah)},
          sebelum={k: sebelum.get(k) for k in berubah}, sesudah={k: sesudah.get(k) for k in berubah})


# What the Jejak Audit page calls each action (UI words, Indonesian).
AKSI_LABEL = {
    "unggah": "Unggah data",
    "aktifkan": "Aktifkan versi lama",
    "pengaturan": "Ubah pengaturan",
    "pengguna": "Ubah pengguna",
    "ekspor": "Unduh / ekspor",
    "masuk": "Masuk (login)",
    "keluar": "Keluar",
    "masalah": "Permasalahan",
    "lapor": "Lapor cepat",
}


def uraikan(nilai) -> str:
    """A JSON detail as one readable line: `hasil: berhasil; gagal: 2` (empty when there is none)."""
    if nilai is None or (isinstance(nilai, float) and nilai != nilai):
        return ""
    try:
        data = json.loads(nilai) if isinstance(nilai, str) else nilai
    except ValueError:
        return str(nilai)
    if isinstance(data, dict):
        return "; ".join(f"{k}: {'–' if v is None else v}" for k, v in data.items())
    return str(data)


# --------------------------------------------------------------------------- records kept while busy
# A long upload holds the writer lock for minutes; an export (the rakor deck on the projector)
# must not fail for it. Its record then waits in `<db>.jejak-tertunda` (one JSON line each,
# appended under a lock) and is moved into the table by the next write that calls
# `masukkan_tertunda` — nothing is lost, and the table still only ever grows.
def _tertunda_path(db_path) -> str:
    return f"{db_path}.jejak-tertunda"


def tunda(db_path, pelaku, aksi: str, objek: str | None = None, *, rincian=None) -> None:
    import fcntl
    import os
    nama, peran = (pelaku.nama, pelaku.peran) if isinstance(pelaku, Pengguna) else (pelaku or "tidak diketahui", None)
    line = json.dumps({"waktu": dt.datetime.now().replace(microsecond=0).isoformat(), "pelaku": nama, "peran": peran,
                       "aksi": aksi, "objek": objek, "rincian": rincian}, ensure_ascii=False, default=str) + "\n"
    fd = os.open(_tertunda_path(db_path), os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        os.write(fd, line.encode("utf-8"))
        os.fsync(fd)
    finally:
        os.close(fd)


def jumlah_tertunda(db_path) -> int:
    try:
        with open(_tertunda_path(db_path), encoding="utf-8") as f:
            return sum(1 for line in f if line.strip())
    except FileNotFoundError:
        return 0


def masukkan_tertunda(con: duckdb.DuckDBPyConnection, db_path) -> int:
    """Copy waiting records into the table, inside a db.writing transaction (which holds the writer
    lock, so no other process takes them at the same time). Returns how many lines were taken: pass
    it to `selesai_tertunda` after the transaction committed (a failed one leaves them waiting)."""
    import fcntl
    import os
    path = _tertunda_path(db_path)
    try:
        fd = os.open(path, os.O_RDWR)
    except FileNotFoundError:
        return 0
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        with os.fdopen(os.dup(fd), "r", encoding="utf-8") as f:
            lines = [line for line in f.read().splitlines() if line.strip()]
        for line in lines:
            try:
                r = json.loads(line)
            except ValueError:
                continue  # a half-written line from a killed process
            con.execute(
                "insert into jejak (waktu, pelaku, peran, aksi, objek, rincian) "
                "values ($waktu::timestamp, $pelaku, $peran, $aksi, $objek, $rincian)",
                {"waktu": r["waktu"], "pelaku": r["pelaku"], "peran": r["peran"], "aksi": r["aksi"],
                 "objek": r["objek"], "rincian": _json({**(r.get("rincian") or {}), "tertunda": True})})
    finally:
        os.close(fd)
    return len(lines)


def selesai_tertunda(db_path, n: int) -> None:
    """Drop the first `n` waiting lines (committed by now); lines appended meanwhile stay."""
    import fcntl
    import os
    if not n:
        return
    fd = os.open(_tertunda_path(db_path), os.O_RDWR)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        with os.fdopen(os.dup(fd), "r", encoding="utf-8") as f:
            rest = [line for line in f.read().splitlines() if line.strip()][n:]
        os.lseek(fd, 0, os.SEEK_SET)
        os.ftruncate(fd, 0)
        os.write(fd, "".join(line + "\n" for line in rest).encode("utf-8"))
        os.fsync(fd)
    finally:
        os.close(fd)
