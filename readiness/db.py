"""The DuckDB file: schema, reference seeds, the query runner, and safe writing and reading.

Writing never touches the live file. A writer takes an exclusive lock file, copies the
database, changes the copy, checkpoints it and atomically renames it over the live file.
So readers (the dashboard on the projector) keep reading the last committed version while an
ingest runs, a rejected upload leaves no trace, and a process killed half-way leaves the live
file exactly as it was. DuckDB allows one writing process per file; with this scheme the app
and the command line never hold the live file for writing at all, only read-only.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import functools
import hashlib
import itertools
import os
import re
import shutil
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import duckdb

from . import catatan, privacy

if TYPE_CHECKING:  # pandas loads later: not before a voter list's sheet is read (memory)
    import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
QUERY_DIR = ROOT / "queries"
REFERENCE_DIR = ROOT / "reference"
SCHEMA_FILE = Path(__file__).with_name("schema.sql")
DEFAULT_DB = Path(os.environ.get("READINESS_DB", ROOT / "data" / "readiness.duckdb"))
DEFAULT_ELECTION = "pilkada-2024"

# Views are rebuilt from these folders, in this order, by a write that finds them changed.
VIEW_LAYERS = (("staging", "stg_"), ("intermediate", "int_"))


class DatabaseBusy(RuntimeError):
    """Another process is writing; the message is for the user (Indonesian)."""


class QueryError(ValueError):
    """A query was called with the wrong parameters (a programming error, never user input)."""


# --------------------------------------------------------------------------- query runner
@dataclass(frozen=True)
class Query:
    name: str
    sql: str
    params: frozenset[str]
    header: str


_PARAMS_LINE = re.compile(r"^--\s*params\s*:(.*)$", re.IGNORECASE | re.MULTILINE)
_PARAM_USE = re.compile(r"\$([A-Za-z_][A-Za-z0-9_]*)")
_LINE_COMMENT = re.compile(r"--[^\n]*")


@functools.cache
def load_query(name: str) -> Query:
    """Load `queries/<name>.sql`. Its header must declare `-- params: a, b` (or `-- params: -`)
    and the body must use exactly those `$names`."""
    path = (QUERY_DIR / f"{name}.sql").resolve()
    if QUERY_DIR.resolve() not in path.parents or not path.is_file():
        raise QueryError(f"unknown query {name!r}")
    sql = path.read_text(encoding="utf-8")
    match = _PARAMS_LINE.search(sql)
    if not match:
        raise QueryError(f"{name}: header lacks a '-- params:' line")
    declared = {p.strip() for p in match.group(1).split(",") if p.strip() not in ("", "-")}
    used = set(_PARAM_USE.findall(_LINE_COMMENT.sub("", sql)))
    if declared != used:
        raise QueryError(f"{name}: header declares {sorted(declared)} but body uses {sorted(used)}")
    header = "\n".join(line[2:].strip() for line in sql.splitlines() if line.startswith("--"))
    return Query(name, sql, frozenset(declared), header)


def run(con: duckdb.DuckDBPyConnection, name: str, **params) -> pd.DataFrame:
    """Run a named query with `$named` parameters; unknown or missing parameters are refused."""
    query = load_query(name)
    unknown = set(params) - query.params
    missing = query.params - set(params)
    if unknown or missing:
        raise QueryError(f"{name}: unknown parameters {sorted(unknown)}, missing {sorted(missing)}")
    return con.execute(query.sql, params).df() if params else con.execute(query.sql).df()


def view_sources() -> list[tuple[str, str]]:
    """(view name, sql) for every staging and intermediate file."""
    views = []
    for folder, prefix in VIEW_LAYERS:
        for path in sorted((QUERY_DIR / folder).glob("*.sql")):
            views.append((prefix + path.stem, path.read_text(encoding="utf-8")))
    return views


MIGRATIONS_DIR = Path(__file__).with_name("migrations")


def migrations() -> list[tuple[int, Path]]:
    """readiness/migrations/NNN_what.sql, applied in order to databases made by older releases."""
    return sorted((int(p.name.split("_", 1)[0]), p) for p in MIGRATIONS_DIR.glob("[0-9]*_*.sql"))


def schema_version() -> int:
    return max((n for n, _ in migrations()), default=0)


def _migrate(con: duckdb.DuckDBPyConnection) -> bool:
    """Apply the migrations the file lacks; True when it lacked any."""
    row = con.execute("select value from meta where key = 'schema_version'").fetchall()
    current = int(row[0][0]) if row else 0
    pending = [path for number, path in migrations() if number > current]
    if not pending and row:
        return False
    # A migration that seeds reference data reads it from `getvariable('referensi')`.
    con.execute("set variable referensi = $p", {"p": str(REFERENCE_DIR)})
    for path in pending:
        con.execute(path.read_text(encoding="utf-8"))
    con.execute("insert or replace into meta values ('schema_version', $v)", {"v": str(schema_version())})
    return bool(pending)


def _views_hash() -> str:
    digest = hashlib.sha256()
    for name, sql in view_sources() + stored_sources():
        digest.update(name.encode() + b"\0" + sql.encode() + b"\0")
    return digest.hexdigest()


# Stored tables (queries/tersimpan/<name>.sql): results too costly to compute at every view — the
# voter-list audit's flagged rows and group counts, and the figures the contests of one day share —
# built inside the write that changes what they depend on, so readers always see them matching the
# data. Per fingerprint (queries/tersimpan/<sidik>.sql: what the tables depend on), the tables it
# guards, in order (later ones read earlier ones): a new target rebuilds neither, a new recap only
# nilai_hari, a new per-voter list both.
STORED_GROUPS = {
    "sidik": ("temuan_daftar", "temuan_ringkasan", "kelompok_desa", "kelompok"),
    "sidik_nilai": ("nilai_hari",),
}
STORED = tuple(name for names in STORED_GROUPS.values() for name in names)


def stored_sources() -> list[tuple[str, str]]:
    return [(f"tersimpan/{name}", load_query(f"tersimpan/{name}").sql) for name in (*STORED, *STORED_GROUPS)]


def _refresh_stored(con: duckdb.DuckDBPyConnection) -> None:
    views = _views_hash()[:16]
    for sidik_name, names in STORED_GROUPS.items():
        key = f"tersimpan_{sidik_name}"
        sidik = views + con.execute(load_query(f"tersimpan/{sidik_name}").sql).fetchone()[0]
        row = con.execute("select value from meta where key = $k", {"k": key}).fetchall()
        if row and row[0][0] == sidik:
            continue
        for name in names:
            con.execute(f"create or replace table {name} as {load_query(f'tersimpan/{name}').sql}")
        con.execute("insert or replace into meta values ($k, $s)", {"k": key, "s": sidik})


def _views_current(con: duckdb.DuckDBPyConnection) -> bool:
    row = con.execute("select value from meta where key = 'views_hash'").fetchall()
    return bool(row) and row[0][0] == _views_hash()


def _install_views(con: duckdb.DuckDBPyConnection) -> None:
    # Later views may depend on earlier ones in the same folder: create in passes. A view may also
    # fail to bind against an older release's version of a view it depends on (a column it now
    # uses): it binds in a later pass, once that view is replaced.
    pending = view_sources()
    while pending:
        failed = []
        for name, sql in pending:
            try:
                con.execute(f"create or replace view {name} as {sql}")
            except (duckdb.CatalogException, duckdb.BinderException):
                failed.append((name, sql))
        if len(failed) == len(pending):
            name, sql = failed[0]
            con.execute(f"create or replace view {name} as {sql}")  # raises the real error
        pending = failed
    con.execute("insert or replace into meta values ('views_hash', $h)", {"h": _views_hash()})


# --------------------------------------------------------------------------- creation
# The sample region's curated reference: (table, columns as selected, file, column types).
_REFERENCE_CSVS = (
    (
        "ref_kecamatan",
        "kode_kecamatan, kecamatan, jumlah_desa, lat, lon",
        "kecamatan.csv",
        "types={'kode_kecamatan': 'VARCHAR'}",
    ),
    (
        "ref_desa",
        "kode_desa, desa, jenis, kode_kecamatan, lat, lon",
        "desa.csv",
        "types={'kode_desa': 'VARCHAR', 'kode_kecamatan': 'VARCHAR'}",
    ),
    ("ref_kecamatan_alias", "alias, kode_kecamatan, source", "name_variants.csv", "all_varchar=true"),
    ("ref_desa_alias", "alias, kode_desa, source", "desa_name_variants.csv", "all_varchar=true"),
    ("ref_kecamatan_bps", "kode_bps, nama_bps, kode_kecamatan", "kecamatan_bps_crosswalk.csv", "all_varchar=true"),
    ("elections", "election_id, nama, jenis, tanggal::date, kapasitas_tps::int", "elections.csv", "all_varchar=true"),
    ("korwil", "election, kode_kecamatan, korwil, koordinator", "korwil.csv", "all_varchar=true"),
)


def _create(con: duckdb.DuckDBPyConnection) -> None:
    con.execute(SCHEMA_FILE.read_text(encoding="utf-8"))
    for table, columns, name, options in _REFERENCE_CSVS:
        con.execute(
            f"insert into {table} select {columns} from read_csv($p, header=true, {options})",
            {"p": str(REFERENCE_DIR / name)},
        )
    con.execute(
        "insert into settings select e.election_id, s.key, s.value::double "
        "from elections e cross join read_csv($p, header=true, all_varchar=true) s",
        {"p": str(REFERENCE_DIR / "pengaturan_bawaan.csv")},
    )
    _mark_created(con)


def _mark_created(con: duckdb.DuckDBPyConnection) -> None:
    con.execute("insert into app_settings values ('active_election', $e)", {"e": DEFAULT_ELECTION})
    con.execute(
        "insert into meta values ('created_at', $t), ('data_version', '0')",
        {"t": dt.datetime.now().isoformat(timespec="seconds")},
    )


def _create_for(con: duckdb.DuckDBPyConnection, wilayah: str | None) -> None:
    """A new database. Without a region: the first release's schema and the curated reference/ of
    the sample's region (_create), brought up to date by the migrations that follow. For a kab/kota
    (`init --wilayah`): the schema (schema.sql, then every migration, on empty tables), then that
    region's slice of the national reference and its default election (readiness/wilayah/seed.py)."""
    if wilayah is None:
        _create(con)
        return
    from .wilayah import seed

    con.execute(SCHEMA_FILE.read_text(encoding="utf-8"))
    _migrate(con)
    seed.create(con, wilayah)
    _mark_created(con)


# --------------------------------------------------------------------------- writing
_WRITE_NUMBERS = itertools.count(1)


def _lock(path: Path, timeout: float, on_wait) -> int:
    fd = os.open(f"{path}.lock", os.O_RDWR | os.O_CREAT, 0o600)
    os.fchmod(fd, 0o600)  # also a lock file an older release left with the umask's mode
    deadline = time.monotonic() + timeout
    told = False
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return fd
        except BlockingIOError:
            if time.monotonic() >= deadline:
                os.close(fd)
                raise DatabaseBusy(
                    "Database sedang diperbarui oleh proses lain (unggahan atau perintah lain). "
                    "Tidak ada yang diubah; coba lagi sebentar lagi."
                ) from None
            if not told and on_wait is not None:
                on_wait("Database sedang diperbarui oleh proses lain; menunggu giliran…")
                told = True
            time.sleep(0.2)


def work_folder(path: Path, label: str) -> Path:
    """A folder beside the database, 0700, for a writer's new copy: the copy, its WAL and DuckDB's
    spill files are never readable by other users, whatever the umask, even while being written."""
    folder = path.with_name(f"{path.name}.tmp-{os.getpid()}-{label}")
    folder.mkdir(mode=0o700)
    os.chmod(folder, 0o700)
    return folder


def remove_stale(path: Path) -> None:
    """Holding the writer lock, any temporary copy left behind is from a killed writer."""
    for stale in path.parent.glob(f"{path.name}.tmp-*"):
        if stale.is_dir() and not stale.is_symlink():
            shutil.rmtree(stale, ignore_errors=True)
        else:
            stale.unlink(missing_ok=True)


def put_in_place(new: Path, path: Path) -> None:
    """Make the written copy private (0600) and durable, then atomically replace the live file."""
    privacy.make_private(new)
    privacy.fsync(new)
    os.replace(new, path)
    privacy.fsync(path.parent)


@contextlib.contextmanager
def writing(path: Path | str = DEFAULT_DB, *, timeout: float = 300.0, on_wait=None, wilayah: str | None = None):
    """Yield a connection to a private copy of the database; on normal exit the copy replaces
    the live file atomically, on any exception it is thrown away. A database that does not exist
    yet is created for the region `wilayah` (see _create_for)."""
    path = Path(path)
    with locked(path, timeout=timeout, on_wait=on_wait):
        work = None
        try:
            remove_stale(path)
            work = work_folder(path, str(next(_WRITE_NUMBERS)))
            tmp = work / path.name
            existed = path.exists()
            if existed:
                # The live file is only ever read; the copy is what gets changed.
                shutil.copyfile(path, tmp)
            con = duckdb.connect(str(tmp))
            try:
                # The small-records store's rows, read by views of this file (readiness/catatan.py);
                # attached first: a migration creates views over them.
                catatan.pasang(con, path)
                if not existed:
                    _create_for(con, wilayah)
                migrated = _migrate(con)
                catatan.ambil_dari_duckdb(con, path)
                from . import masalah

                masalah.gabung_tertinggal(con, path)
                # The views as this release defines them; reinstalled only when they differ or
                # a migration ran (0,5 s of a busy machine's wall clock at every upload).
                if migrated or not _views_current(con):
                    _install_views(con)
                yield con
                _refresh_stored(con)
                con.execute("update meta set value = (value::bigint + 1)::varchar where key = 'data_version'")
                con.execute("checkpoint")
            finally:
                con.close()
            put_in_place(tmp, path)
        finally:
            if work is not None:
                shutil.rmtree(work, ignore_errors=True)


@contextlib.contextmanager
def locked(path: Path | str, *, timeout: float = 300.0, on_wait=None):
    """The writers' lock alone, held for the body: for replacing the live file wholesale (a
    restore, readiness/cadangan.py) without a writer copying it meanwhile."""
    path = Path(path)
    privacy.private_dir(path.parent)
    lock_fd = _lock(path, timeout, on_wait)
    try:
        yield
    finally:
        fcntl.flock(lock_fd, fcntl.LOCK_UN)
        os.close(lock_fd)


def ensure_database(path: Path | str = DEFAULT_DB, on_wait=None) -> Path:
    """Create the database when missing, or bring an older one up to this release (migrations,
    then the views)."""
    _open_current(Path(path), on_wait)[1].close()
    return Path(path)


def _open_current(path: Path, on_wait=None) -> tuple[tuple, duckdb.DuckDBPyConnection]:
    """`_open_version` of the file brought up to this release first when it is not (missing,
    older schema or views): opened once when it is (a cold page opened it twice, 20 ms CPU).
    Only the file's own meta is read here: no copy of the small-records store's rows."""
    if path.exists():
        _tighten(path)
        identity, con = _open_version(path)
        try:
            state = dict(
                con.execute("select key, value from meta where key in ('views_hash', 'schema_version')").fetchall()
            )
        except BaseException:
            con.close()
            raise
        if state.get("views_hash") == _views_hash() and int(state.get("schema_version", 0)) == schema_version():
            return identity, con
        con.close()
    with writing(path, on_wait=on_wait):
        pass
    return _open_version(path)


def _tighten(path: Path) -> None:
    """A database an older release wrote with the umask's mode (0644) becomes private at once,
    not only at its next write."""
    try:
        if os.stat(path).st_mode & 0o077:
            privacy.make_private(path)
    except OSError:
        pass  # not ours to change (another account's file): reading it is still allowed


# --------------------------------------------------------------------------- reading
_OPEN_NUMBERS = itertools.count(1)


def _identity(st: os.stat_result) -> tuple:
    return (st.st_ino, st.st_mtime_ns, st.st_size)


def _open_version(path: Path) -> tuple[tuple, duckdb.DuckDBPyConnection]:
    """A read-only connection to the file as it is on disk now, with the identity of exactly the
    file it opened (a writer may replace the path at any moment; the file it replaced is never
    changed, only renamed over)."""
    link = path.with_name(f"{path.name}.r-{os.getpid()}-{next(_OPEN_NUMBERS)}")
    try:
        os.link(path, link)
    except OSError:  # a filesystem without hard links: the path itself, until it holds still
        while True:
            before = _identity(os.stat(path))
            con = duckdb.connect(str(path), read_only=True)
            if _identity(os.stat(path)) == before:
                return before, con
            con.close()
    try:
        identity = _identity(os.stat(link))
        return identity, duckdb.connect(str(link), read_only=True)
    finally:
        link.unlink(missing_ok=True)


def open_read_only(path: Path | str) -> duckdb.DuckDBPyConnection:
    """A read-only connection to the file as it is on disk now, with the small-records store's
    rows attached (readiness.catatan.pasang; see `open_file_read_only`).

    DuckDB keeps one database instance per path and process and hands it out again to a later
    `connect(path)` while any connection or cursor to it lives; after a writer replaced the
    file, that instance would still show the old version. Connecting through a fresh hard link
    (removed at once; the open file stays readable) always gets a new instance of the current
    file, and cursors of it see the same."""
    return _attach(open_file_read_only(path), path)


def _attach(con: duckdb.DuckDBPyConnection, path: Path | str) -> duckdb.DuckDBPyConnection:
    try:
        catatan.pasang(con, path)
    except BaseException:
        con.close()
        raise
    return con


def open_file_read_only(path: Path | str) -> duckdb.DuckDBPyConnection:
    """The analytical file alone, read-only (its views of the store's rows cannot be read)."""
    return _open_version(Path(path))[1]


def connect_read(path: Path | str = DEFAULT_DB) -> duckdb.DuckDBPyConnection:
    """A read-only connection for one command (creating the database first when missing)."""
    return _attach(_open_current(Path(path))[1], path)


class Reader:
    """The read-only connection of one process, replaced when a writer replaced the file.

    The app keeps one of these in `st.cache_resource`; each query takes a cursor. `snapshot()`
    gives a cursor and the key of the data it reads: the file's identity, which changes with
    every committed write, and the version of the small-records store's rows attached to it
    (readiness.catatan.versi_tampil: a new problem or setting changes it, a login does not).

    A superseded connection is never closed here: sessions may still be running queries on its
    cursors (closing a DuckDB connection closes its cursors under them). The Reader only drops
    it; each cursor holds the database instance, so the old file is released when its last
    cursor is gone, and a query started after the write already reads the new version.
    """

    def __init__(self, path: Path | str = DEFAULT_DB):
        self.path = Path(path)
        # Also serialises cursor(): DuckDB refuses a call on a connection busy in another thread.
        self._lock = threading.Lock()
        self._con: duckdb.DuckDBPyConnection | None = None
        self._identity: tuple | None = None
        self._catatan: int | None = None  # the store version attached to self._con

    def _current(self) -> duckdb.DuckDBPyConnection:
        # Called holding self._lock.
        if not self.path.exists() or self._con is None or _identity(os.stat(self.path)) != self._identity:
            identity, con = _open_current(self.path)
            self._catatan = catatan.pasang(con, self.path)
            self._identity, self._con = identity, con
        else:
            self._catatan = catatan.segarkan(self._con, self.path, self._catatan)
        return self._con

    def snapshot(self) -> tuple[tuple, duckdb.DuckDBPyConnection]:
        """(version, cursor): a cursor of the current version and that version's key, together."""
        with self._lock:
            con = self._current()
            return (*self._identity, self._catatan), con.cursor()

    def cursor(self) -> duckdb.DuckDBPyConnection:
        return self.snapshot()[1]

    @property
    def version(self) -> tuple:
        """The key `snapshot()` gives, without a cursor."""
        with self._lock:
            self._current()
            return (*self._identity, self._catatan)

    def close(self) -> None:
        """Close the current connection and its cursors (the process is ending)."""
        with self._lock:
            if self._con is not None:
                self._con.close()
                self._con = None
                self._identity = None


# --------------------------------------------------------------------------- small helpers
def active_election(con: duckdb.DuckDBPyConnection) -> str:
    row = con.execute("select value from app_settings where key = 'active_election'").fetchone()
    return row[0] if row else DEFAULT_ELECTION


def election_exists(con: duckdb.DuckDBPyConnection, election: str) -> bool:
    return con.execute("select count(*) from elections where election_id = $e", {"e": election}).fetchone()[0] == 1
