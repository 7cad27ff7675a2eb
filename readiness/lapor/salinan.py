"""A consistent copy of the reports' file, also while the server is writing it (`salin`), for
backups (readiness/cadangan.py).

The server process holds the reports' file open read-write (writer.Layanan) and DuckDB lets no
other process open it then, not even read-only. So the copy is made by the one writer thread
itself, between two group commits. Another process asks by creating a request file beside the
reports' file, `<file>.salinan-<token>.minta` (0600). The writer thread looks for requests every
`PERIKSA_DETIK`, also while busy (after a commit, at most that often), copies the database with
DuckDB's `COPY FROM DATABASE` into `<file>.salinan-<token>.duckdb` — one read transaction:
every report committed before the request, no report half-written — and renames the request to
`.siap` (or writes the error into `.gagal`). The asking process takes the copy and removes the
files. No file copy of a live DuckDB file (its WAL, its free blocks) is involved.

When no server holds the file, the asking process copies it itself the same way, through a
read-only attachment (which keeps a server from opening it for writing meanwhile).
"""

from __future__ import annotations

import contextlib
import glob
import itertools
import os
import secrets
import time
from pathlib import Path

import duckdb

from .. import privacy, proses

PERIKSA_DETIK = 0.5  # how often the writer thread looks for a request
TUNGGU_SERVER = 20.0  # how long the asking process waits for the writer thread's answer
_NOMOR = itertools.count(1)


class SalinanGagal(RuntimeError):
    """The reports could not be copied; the message is for the user (Indonesian)."""


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _copy(con: duckdb.DuckDBPyConnection, source: str, ke: Path) -> None:
    """Copy the attached database `source` into the new DuckDB file `ke` (schema and rows)."""
    alias = f"salinan_lapor_{os.getpid()}_{next(_NOMOR)}"
    con.execute(f"attach {_literal(ke)} as {alias}")
    try:
        con.execute(f"copy from database {_quote(source)} to {alias}")
    finally:
        con.execute(f"detach {alias}")
    privacy.make_private(ke)


def _literal(path: Path) -> str:
    return "'" + str(path).replace("'", "''") + "'"


def _held(exc: duckdb.Error) -> bool:
    return "lock" in str(exc).lower()


def _copy_here(path: Path, ke: Path) -> bool:
    """Copy without a server; False when a server holds the file."""
    con = duckdb.connect()
    try:
        try:
            con.execute(f"attach {_literal(path)} as sumber (read_only)")
        except duckdb.IOException as exc:
            if _held(exc):
                return False
            raise SalinanGagal(f"Berkas laporan lapangan {path} tidak dapat dibuka: {exc}") from None
        _copy(con, "sumber", ke)
        return True
    finally:
        con.close()


def dipegang(path: Path | str) -> bool:
    """Whether another process (the dashboard's server) holds the reports' file open."""
    path = Path(path)
    if not path.exists():
        return False
    con = duckdb.connect()
    try:
        con.execute(f"attach {_literal(path)} as sumber (read_only)")
        return False
    except duckdb.IOException as exc:
        return _held(exc)
    finally:
        con.close()


def _files(path: Path, token: str) -> tuple[Path, Path, Path, Path]:
    base = f"{path.name}.salinan-{token}"
    return tuple(path.with_name(f"{base}.{ext}") for ext in ("minta", "duckdb", "siap", "gagal"))


def salin(path: Path | str, ke: Path | str, timeout: float = TUNGGU_SERVER) -> bool:
    """Copy the reports' file `path` into the new file `ke`, whoever holds it; False when there
    are no reports' file. Raises SalinanGagal (Indonesian) when the server does not answer."""
    path, ke = Path(path), Path(ke)
    if not path.exists():
        return False
    if _copy_here(path, ke):
        return True
    token = f"{os.getpid()}-{secrets.token_hex(4)}"
    minta, salinan, siap, gagal = _files(path, token)
    os.close(os.open(minta, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    try:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if siap.exists():
                os.replace(salinan, ke)
                return True
            if gagal.exists():
                raise SalinanGagal(
                    f"Server dasbor gagal menyalin laporan lapangan: {gagal.read_text(encoding='utf-8').strip()}"
                )
            time.sleep(0.05)
        # No answer: perhaps the server stopped meanwhile; then the file is free.
        minta.unlink(missing_ok=True)
        if not siap.exists() and _copy_here(path, ke):
            return True
        raise SalinanGagal(
            f"Berkas laporan lapangan {path} dipegang proses lain yang tidak menjawab permintaan salinan "
            f"dalam {int(timeout)} detik (server dasbor versi lama, atau sedang macet). Tidak ada cadangan "
            "yang dibuat; mulai ulang server dasbor lalu coba lagi."
        )
    finally:
        for leftover in (minta, salinan, siap, gagal):
            leftover.unlink(missing_ok=True)


def _pid(token: str) -> int:
    try:
        return int(token.split("-", 1)[0])
    except ValueError:
        return 0


def layani(cur: duckdb.DuckDBPyConnection, path: Path) -> None:
    """In the writer thread, between commits: answer every waiting request (see the docstring),
    and remove what an asking process killed half-way left. Never raises: a failed copy is
    answered with its error, the writer goes on."""
    prefix = f"{path.name}.salinan-"
    for name in glob.glob(glob.escape(f"{path}.salinan-") + "*"):
        token = Path(name).name[len(prefix) :].rsplit(".", 1)[0]
        if not proses.hidup(_pid(token)):
            Path(name).unlink(missing_ok=True)
    for name in glob.glob(glob.escape(f"{path}.salinan-") + "*.minta"):
        minta = Path(name)
        token = minta.name[len(prefix) : -len(".minta")]
        _, salinan, siap, gagal = _files(path, token)
        try:
            salinan.unlink(missing_ok=True)
            source = cur.execute("select current_database()").fetchone()[0]
            _copy(cur, source, salinan)
        except Exception as exc:  # noqa: BLE001 - answered to the asking process
            with contextlib.suppress(OSError):
                privacy.write_private(gagal, str(exc).encode("utf-8"))
                minta.unlink(missing_ok=True)
            continue
        try:
            os.replace(minta, siap)
        except FileNotFoundError:  # the asking process gave up meanwhile
            salinan.unlink(missing_ok=True)
