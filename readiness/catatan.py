"""The small-records store: users, login throttling, sessions, the inventory of problems, the
settings saved on the Pengaturan page, and their part of the audit trail.

These records are written by many people a few bytes at a time (every login attempt, every
logout, every export, every problem entered or followed up, a threshold changed). The analytical DuckDB file is written copy-on-write (`db.writing` copies
the whole file under one exclusive lock: ~0,45 s at 238 MB), which is right for uploads and
wrong for them. They live in SQLite instead, in a file beside the DuckDB file
(`data/readiness.duckdb` -> `data/readiness.catatan.sqlite`, see `path_for`):

- WAL mode: readers never wait for a writer; one writer at a time for milliseconds, other
  writers (the app's threads, the command line) wait up to `TUNGGU_DETIK` (busy_timeout);
- connections are never shared between threads: one per write transaction (`tulis`), one kept per
  thread for reading (`baca`);
- its own schema versions: table `meta` and readiness/catatan_migrations/NNN_what.sql;
- on first use it copies the users of an older release from the DuckDB table `pengguna`, and the
  export records an older release left waiting in `<db>.jejak-tertunda`, each exactly once.

The trail here is append-only like the DuckDB one: triggers refuse UPDATE and DELETE on `jejak`.
Records written inside an analytical write (uploads, activations, korwil) stay in DuckDB's
`jejak`; readiness.jejak shows both in time order.

Problems and settings are read by the analytical queries too: see "the store's rows in DuckDB"
below (`pasang`). `meta` 'versi_tampil' counts the changes pages show (triggers on those tables
only), and joins the analytical file's version in every page cache key."""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import os
import secrets
import sqlite3
import threading
from pathlib import Path

MIGRATIONS_DIR = Path(__file__).with_name("catatan_migrations")
TUNGGU_DETIK = 10.0  # how long a writer waits for another writer before giving up


class Sibuk(RuntimeError):
    """The store stayed locked by another writer too long; the message is for the user."""

    def __init__(self):
        super().__init__("Catatan pengguna sedang dipakai proses lain. Tidak ada yang diubah; coba lagi sebentar lagi.")


def path_for(db_path: Path | str) -> Path:
    """`data/readiness.duckdb` -> `data/readiness.catatan.sqlite` (git-ignored like the main file)."""
    return Path(db_path).with_suffix(".catatan.sqlite")


def migrations() -> list[tuple[int, Path]]:
    return sorted((int(p.name.split("_", 1)[0]), p) for p in MIGRATIONS_DIR.glob("[0-9]*_*.sql"))


def schema_version() -> int:
    return max((n for n, _ in migrations()), default=0)


def sekarang() -> str:
    """Local server time as text that sorts in time order (to the microsecond, so the two
    stores' trails interleave in the order things happened)."""
    return dt.datetime.now().isoformat(sep=" ", timespec="microseconds")


def _statements(sql: str):
    """The statements of a migration file, one by one (executescript would commit on its own)."""
    buf = ""
    for line in sql.splitlines(keepends=True):
        buf += line
        if sqlite3.complete_statement(buf):
            if buf.strip():
                yield buf
            buf = ""
    if any(line.strip() and not line.strip().startswith("--") for line in buf.splitlines()):
        yield buf  # an unfinished statement: executing it raises SQLite's own error


def _open(path: Path) -> sqlite3.Connection:
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        # Private to the service's user from the first byte; SQLite gives its -wal and -shm the same mode.
        os.close(os.open(path, os.O_RDWR | os.O_CREAT, 0o600))
    con = sqlite3.connect(str(path), timeout=TUNGGU_DETIK, isolation_level=None, check_same_thread=False)
    con.row_factory = sqlite3.Row
    con.execute(f"pragma busy_timeout = {int(TUNGGU_DETIK * 1000)}")
    con.execute("pragma foreign_keys = on")
    con.execute("pragma synchronous = full")  # the trail survives a power cut, at one fsync per commit
    return con


_ready: set[tuple] = set()
_ready_lock = threading.Lock()


def _identity(path: Path) -> tuple:
    st = os.stat(path)
    return (str(path), st.st_ino, st.st_dev)


def _prepare(db_path: Path, path: Path) -> None:
    """Create or upgrade the schema and take over what an older release left, once per file and
    process (every step is also guarded inside the store, so two processes may race safely)."""
    with _ready_lock:
        if path.exists() and _identity(path) in _ready:
            return
        con = _open(path)
        try:
            if con.execute("pragma journal_mode").fetchone()[0].lower() != "wal":
                con.execute("pragma journal_mode = wal")
            con.execute("begin immediate")
            try:
                con.execute("create table if not exists meta (key text primary key, value text not null)")
                row = con.execute("select value from meta where key = 'schema_version'").fetchone()
                current = int(row[0]) if row else 0
                for number, migration in migrations():
                    if number > current:
                        for statement in _statements(migration.read_text(encoding="utf-8")):
                            con.execute(statement)
                con.execute("insert or replace into meta values ('schema_version', ?)", (str(schema_version()),))
                if con.execute("select 1 from meta where key = 'kunci_percobaan'").fetchone() is None:
                    # Key of the name hashes in the throttling table (a typed name may be a password).
                    con.execute("insert into meta values ('kunci_percobaan', ?)", (secrets.token_hex(32),))
                _take_users(con, db_path)
                con.execute("commit")
            except BaseException:
                con.execute("rollback")
                raise
            _take_waiting_records(con, db_path)
        finally:
            con.close()
        _ready.add(_identity(path))


def _take_users(con: sqlite3.Connection, db_path: Path) -> None:
    """Copy the users of an older release (DuckDB table `pengguna`, with their hashes, password
    versions and last login) into the store, once: marked in meta, existing names kept."""
    if con.execute("select 1 from meta where key = 'pengguna_dari_duckdb'").fetchone():
        return
    rows = []
    if db_path.exists():
        from . import db

        duck = db.open_file_read_only(db_path)
        try:
            has_table = duck.execute(
                "select count(*) from information_schema.tables where table_name = 'pengguna'"
            ).fetchone()[0]
            if has_table:
                rows = duck.execute(
                    "select nama, peran, wilayah, sandi_hash, versi_sandi, aktif, dibuat, diubah, "
                    "terakhir_masuk from pengguna order by nama"
                ).fetchall()
        finally:
            duck.close()

    def text(value):
        return None if value is None else value.replace(microsecond=0).isoformat(sep=" ")

    for nama, peran, wilayah, sandi_hash, versi, aktif, dibuat, diubah, terakhir in rows:
        con.execute(
            "insert or ignore into pengguna (nama, peran, wilayah, sandi_hash, versi_sandi, aktif, dibuat, "
            "diubah, terakhir_masuk) values (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                nama,
                peran,
                wilayah,
                sandi_hash,
                int(versi),
                int(bool(aktif)),
                text(dibuat),
                text(diubah),
                text(terakhir),
            ),
        )
    con.execute(
        "insert into meta values ('pengguna_dari_duckdb', ?)", (json.dumps({"waktu": sekarang(), "jumlah": len(rows)}),)
    )


def _take_waiting_records(con: sqlite3.Connection, db_path: Path) -> None:
    """Move export records an older release left in `<db>.jejak-tertunda` (one JSON line each,
    written while the analytical file was busy) into the trail. The file's digest is kept in meta
    in the same transaction, so a crash before the file is removed never imports it twice."""
    import fcntl

    waiting = Path(f"{db_path}.jejak-tertunda")
    try:
        fd = os.open(waiting, os.O_RDWR)
    except FileNotFoundError:
        return
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        with os.fdopen(os.dup(fd), "rb") as f:
            raw = f.read()
        digest = hashlib.sha256(raw).hexdigest()
        con.execute("begin immediate")
        try:
            if not con.execute("select 1 from meta where key = ?", (f"tertunda:{digest}",)).fetchone():
                for line in raw.decode("utf-8", errors="replace").splitlines():
                    try:
                        r = json.loads(line)
                    except ValueError:
                        continue  # a half-written line from a killed process
                    if not isinstance(r, dict) or "aksi" not in r:
                        continue
                    rincian = json.dumps(
                        {**(r.get("rincian") or {}), "tertunda": True}, ensure_ascii=False, sort_keys=True, default=str
                    )
                    con.execute(
                        "insert into jejak (waktu, pelaku, peran, aksi, objek, rincian) values (?, ?, ?, ?, ?, ?)",
                        (
                            str(r.get("waktu", sekarang())).replace("T", " "),
                            r.get("pelaku") or "tidak diketahui",
                            r.get("peran"),
                            r["aksi"],
                            r.get("objek"),
                            rincian,
                        ),
                    )
                con.execute("insert into meta values (?, ?)", (f"tertunda:{digest}", sekarang()))
            con.execute("commit")
        except BaseException:
            con.execute("rollback")
            raise
        os.unlink(waiting)
    finally:
        os.close(fd)


def connect(db_path: Path | str) -> sqlite3.Connection:
    """A new connection to the store of the database at `db_path` (created or upgraded first)."""
    db_path = Path(db_path)
    path = path_for(db_path)
    _prepare(db_path, path)
    return _open(path)


_per_thread = threading.local()
_READERS_PER_THREAD = 4


@contextlib.contextmanager
def baca(db_path: Path | str):
    """A connection for reading (WAL: never waits for a writer; each statement sees the last
    commit). One per thread and store, kept: a page run asks who is logged in a few dozen times,
    and opening a connection costs more than the query."""
    db_path = Path(db_path)
    path = path_for(db_path)
    _prepare(db_path, path)
    key = _identity(path)
    readers = getattr(_per_thread, "readers", None)
    if readers is None:
        readers = _per_thread.readers = {}
    con = readers.get(key)
    if con is None:
        while len(readers) >= _READERS_PER_THREAD:
            readers.pop(next(iter(readers))).close()
        con = readers[key] = _open(path)
    yield con


@contextlib.contextmanager
def tulis(db_path: Path | str, *, tunggu: float | None = None):
    """One write transaction (BEGIN IMMEDIATE: the writer's lock is taken at the start, so what is
    read inside stays true until the commit); committed on normal exit, rolled back otherwise.
    `tunggu`: seconds to wait for another writer instead of TUNGGU_DETIK (0: Sibuk at once, for a
    write that may as well be skipped)."""
    con = connect(db_path)
    if tunggu is not None:
        con.execute(f"pragma busy_timeout = {int(tunggu * 1000)}")
    try:
        try:
            con.execute("begin immediate")
        except sqlite3.OperationalError as exc:
            if "locked" in str(exc) or "busy" in str(exc):
                raise Sibuk() from None
            raise
        try:
            yield con
        except BaseException:
            con.execute("rollback")
            raise
        try:
            con.execute("commit")
        except sqlite3.OperationalError as exc:
            con.execute("rollback")
            if "locked" in str(exc) or "busy" in str(exc):
                raise Sibuk() from None
            raise
    finally:
        con.close()


def meta(con: sqlite3.Connection, key: str) -> str | None:
    row = con.execute("select value from meta where key = ?", (key,)).fetchone()
    return row[0] if row else None


# --------------------------------------------------------------------------- the store's rows in DuckDB
# The analytical queries (queries/…) read the problems and the saved settings through the DuckDB
# catalog `catatan`: an
# in-memory database attached to every DuckDB connection of this application (`pasang`), holding
# a copy of these rows. The analytical file's views `masalah` and `masalah_riwayat`
# (readiness/migrations/009_masalah_ke_catatan.sql) select from it, so every query reads them
# unchanged, and a connection that was not given the copy fails loudly instead of showing no
# problems. The copy is taken in one read transaction together with `versi_tampil`, the number a
# cache key carries (db.Reader.snapshot).
KATALOG = "catatan"
_SALINAN = {
    "masalah": (
        ("masalah_id", "integer"),
        ("election_id", "varchar"),
        ("kode_kecamatan", "varchar"),
        ("kode_desa", "varchar"),
        ("no_tps", "varchar"),
        ("kategori", "varchar"),
        ("uraian", "varchar"),
        ("pelapor", "varchar"),
        ("tanggal", "date"),
        ("tingkat", "varchar"),
        ("status", "varchar"),
        ("kunci", "varchar"),
        ("dibuat_oleh", "varchar"),
        ("dibuat_pada", "timestamp"),
        ("diubah_pada", "timestamp"),
        ("sumber", "varchar"),
    ),
    "masalah_riwayat": (
        ("riwayat_id", "bigint"),
        ("masalah_id", "integer"),
        ("waktu", "timestamp"),
        ("pelaku", "varchar"),
        ("status_sebelum", "varchar"),
        ("status_sesudah", "varchar"),
        ("tingkat_sebelum", "varchar"),
        ("tingkat_sesudah", "varchar"),
        ("catatan", "varchar"),
        ("sumber", "varchar"),
    ),
    "pengaturan": (("election_id", "varchar"), ("key", "varchar"), ("value", "double")),
}


def versi_tampil(db_path: Path | str) -> int:
    """The number of changes to what pages show from this store (problems, settings)."""
    with baca(db_path) as con:
        return int(meta(con, "versi_tampil") or 0)


def pasang(duck, db_path: Path | str) -> int:
    """Attach the catalog `catatan` to the DuckDB connection `duck` (its whole database instance:
    every cursor of it sees the catalog) and fill it; returns the store version it holds."""
    duck.execute(f"attach if not exists ':memory:' as {KATALOG} (read_only false)")
    for table, columns in _SALINAN.items():
        duck.execute(
            f"create table if not exists {KATALOG}.{table} ("
            + ", ".join(f"{name} {kind}" for name, kind in columns)
            + ")"
        )
    return segarkan(duck, db_path, None)


def segarkan(duck, db_path: Path | str, dipegang: int | None) -> int:
    """Bring the copy attached to `duck` (`pasang`) up to the store when it holds another version
    than `dipegang`; returns the version it holds now. Other cursors of the same instance see the
    old rows or the new ones, never a mix within one statement (one DuckDB transaction)."""
    import pandas as pd

    with baca(db_path) as con:
        versi = int(meta(con, "versi_tampil") or 0)
        if versi == dipegang:
            return versi
        con.execute("begin")
        try:
            versi = int(meta(con, "versi_tampil") or 0)
            frames = {
                table: pd.DataFrame(
                    con.execute(f"select {', '.join(n for n, _ in columns)} from {table}").fetchall(),
                    columns=[n for n, _ in columns],
                    dtype=object,
                )
                for table, columns in _SALINAN.items()
            }
        finally:
            con.execute("commit")
    duck.execute("begin")
    try:
        for table, columns in _SALINAN.items():
            name = f"salinan_{table}"
            duck.register(name, frames[table])
            try:
                duck.execute(f"delete from {KATALOG}.{table}")
                duck.execute(
                    f"insert into {KATALOG}.{table} select "
                    + ", ".join(f"cast({n} as {kind})" for n, kind in columns)
                    + f" from {name}"
                )
            finally:
                duck.unregister(name)
        duck.execute("commit")
    except BaseException:
        duck.execute("rollback")
        raise
    return versi


def _teks_waktu(value) -> str | None:
    if value is None:
        return None
    return value.isoformat(sep=" ") if isinstance(value, dt.datetime) else value.isoformat()


# The tables an older release kept in DuckDB: their columns, and which of them hold a time.
_PINDAH = (
    (
        "masalah",
        "masalah_id, election_id, kode_kecamatan, kode_desa, no_tps, kategori, uraian, pelapor, tanggal, tingkat, "
        "status, kunci, dibuat_oleh, dibuat_pada, diubah_pada, sumber",
        (8, 13, 14),
    ),
    (
        "masalah_riwayat",
        "riwayat_id, masalah_id, waktu, pelaku, status_sebelum, status_sesudah, tingkat_sebelum, tingkat_sesudah, "
        "catatan, sumber",
        (2,),
    ),
)


def _pindahkan(duck, con: sqlite3.Connection, tabel: str, kolom: str, waktu: tuple[int, ...], hitung: dict) -> None:
    """The rows of DuckDB's `<tabel>_lama` inserted into the store's `tabel` with their ids, in id
    order (the times as the store's text), counted in `hitung` (copied, and held already)."""
    nama = kolom.split(", ")
    tanda = ", ".join("?" * len(nama))
    for row in duck.execute(f"select {kolom} from {tabel}_lama order by {nama[0]}").fetchall():
        row = list(row)
        for i in waktu:
            row[i] = _teks_waktu(row[i])
        n = con.execute(f"insert or ignore into {tabel} ({kolom}) values ({tanda})", row).rowcount
        hitung[tabel] += n
        hitung["sudah_ada"] += 1 - n


def ambil_dari_duckdb(duck, db_path: Path | str) -> None:
    """Inside a write of the analytical file (db.writing, after its migrations): move the rows an
    older release kept in DuckDB (tables renamed `*_lama` by migration 009) into this store, once,
    with their ids and times, then drop them from the copy being written.

    The store commits first (marked in meta with the DuckDB file's creation time); when the
    analytical write then fails, the old tables are still in the live file, the next write
    renames them again and finds the mark: nothing is copied twice. A row whose id the store
    already holds (only when an older file is put back beside a newer store) keeps the store's
    version; how many is kept in the mark."""
    lama = {
        r[0]
        for r in duck.execute(
            "select table_name from information_schema.tables where table_catalog = current_database() "
            "and table_schema = 'main' and table_type = 'BASE TABLE' "
            "and table_name in ('masalah_lama', 'masalah_riwayat_lama')"
        ).fetchall()
    }
    if not lama:
        return
    dibuat = duck.execute("select value from meta where key = 'created_at'").fetchone()
    tanda = f"duckdb_pindah:{dibuat[0] if dibuat else ''}"
    with tulis(db_path) as con:
        if meta(con, tanda) is None:
            hitung = {"masalah": 0, "masalah_riwayat": 0, "sudah_ada": 0}
            for tabel, kolom, waktu in _PINDAH:
                if f"{tabel}_lama" in lama:
                    _pindahkan(duck, con, tabel, kolom, waktu, hitung)
            # Problem uploads of the older release were merged in DuckDB already.
            for upload_id, election in duck.execute(
                "select upload_id, election_id from uploads where kind = 'masalah'"
            ).fetchall():
                con.execute(
                    "insert or ignore into masalah_unggahan (upload_id, election_id, waktu) values (?, ?, ?)",
                    (upload_id, election, sekarang()),
                )
            con.execute("insert into meta values (?, ?)", (tanda, json.dumps({"waktu": sekarang(), **hitung})))
    for table in sorted(lama):
        duck.execute(f"drop table {table}")
    for sequence in ("masalah_id_seq", "masalah_riwayat_id_seq"):
        duck.execute(f"drop sequence if exists {sequence}")
    segarkan(duck, db_path, None)


def salin(db_path: Path | str, ke: Path | str) -> None:
    """Copy the store of the database at `db_path` beside the database `ke` (SQLite's backup:
    whole and consistent even while others write, its WAL included). Nothing when it has none."""
    sumber = path_for(db_path)
    if not sumber.exists():
        return
    src = _open(sumber)
    try:
        dst = _open(path_for(ke))
        try:
            src.backup(dst)
        finally:
            dst.close()
    finally:
        src.close()
