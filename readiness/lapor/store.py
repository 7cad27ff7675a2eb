"""Where the reports live: a DuckDB file of their own beside the main database (`lapor_path`), its
tables (`SCHEMA`: reports, incidents closed, Excel uploads and the reports' own audit trail), and
the read-only opening another process uses (`baca_saja`).

The main database is written copy-on-write (db.writing copies the whole file per write and bumps
the data version every page cache keys on): right for uploads, far too heavy for thousands of
small reports in an hour. The reports' file is opened read-write by the server process alone and
written by one thread (writer.Layanan). Other processes cannot open it while the server holds it
(DuckDB: one writing process per file); `baca_saja` then answers None and the caller says so in
Indonesian instead of failing (the `slides` command does)."""

from __future__ import annotations

from pathlib import Path

import duckdb

SCHEMA = """
create table if not exists laporan (
    seq bigint primary key,
    kirim_id varchar not null unique,
    diterima timestamp not null,
    election_id varchar not null,
    kode_kecamatan varchar not null,
    kode_desa varchar not null,
    no_tps varchar not null,
    tahap varchar not null,
    waktu timestamp not null,
    hadir_l integer,
    hadir_p integer,
    kategori varchar,
    uraian varchar,
    pelapor varchar not null,
    peran varchar,
    sumber varchar not null,
    menggantikan bigint
);
create table if not exists kejadian_selesai (
    seq bigint primary key,
    waktu timestamp not null,
    oleh varchar not null,
    peran varchar,
    catatan varchar
);
create table if not exists unggahan_lapor (
    sha256 varchar not null,
    election_id varchar not null,
    file_name varchar not null,
    baris integer not null,
    oleh varchar not null,
    waktu timestamp not null,
    primary key (sha256, election_id)
);
create table if not exists jejak_lapor (
    nomor bigint primary key,
    waktu timestamp not null,
    pelaku varchar not null,
    peran varchar,
    aksi varchar not null,
    objek varchar,
    rincian varchar
);
"""


def lapor_path(main_path: Path | str) -> Path:
    """`data/readiness.duckdb` -> `data/readiness.lapor.duckdb` (git-ignored like the main file)."""
    return Path(main_path).with_suffix(".lapor.duckdb")


def baca_saja(path: Path | str) -> duckdb.DuckDBPyConnection | None:
    """A read-only connection for another process (the CLI), or None when the file does not exist
    or the server holds it (then the caller says so)."""
    path = Path(path)
    if not path.exists():
        return None
    try:
        return duckdb.connect(str(path), read_only=True)
    except duckdb.Error:
        return None


def ada_laporan(cur, election: str) -> bool:
    return cur.execute("select count(*) from laporan where election_id = $e", {"e": election}).fetchone()[0] > 0
