"""Privacy by default (DESIGN.md "Privacy", UU 27/2022): after a per-voter list is ingested, no
raw NIK, NKK, name, address or place of birth from it is anywhere — not in the bytes of the DuckDB
file or its write-ahead log, not in any column of any table, not in what the command line printed.
Keeping names is an admin's choice, kept apart, and deleted when the choice is undone."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from readiness import audit, db
from tests import daftar_fixture as fx

ROOT = Path(__file__).resolve().parent.parent


def cli(*args):
    return subprocess.run(
        [sys.executable, "-m", "readiness", *map(str, args)], cwd=ROOT, capture_output=True, text=True, timeout=300
    )


def _identities(daftar: fx.Daftar, n: int = 20) -> dict[str, list[str]]:
    clean = [v for v in daftar.voters if v.nik and len(v.nik) == 16 and v.nik.isdigit()]
    step = max(len(clean) // n, 1)
    chosen = clean[::step][:n]
    assert len(chosen) == n
    return {
        "nik": [v.nik for v in chosen],
        "nkk": [v.nkk for v in chosen],
        "nama": [v.nama for v in chosen],
        "alamat": [v.alamat for v in chosen],
        "tempat_lahir": [v.tempat_lahir for v in chosen],
    }


def _varchar_values_containing(db_path: Path, needles: list[str]) -> list[str]:
    """Every varchar cell of every table that contains one of `needles` (table.column: value)."""
    con = db.connect_read(db_path)
    try:
        # Both stores: the analytical file's tables and the small-records store's rows attached as `catatan`.
        columns = con.execute(
            "select c.table_catalog, c.table_name, c.column_name from information_schema.columns c "
            "join information_schema.tables t using (table_catalog, table_schema, table_name) "
            "where c.data_type = 'VARCHAR' and c.table_schema = 'main' "
            "and t.table_type = 'BASE TABLE' and c.table_catalog <> 'temp'"
        ).fetchall()
        assert "catatan" in {catalog for catalog, _, _ in columns} and len({c for c, _, _ in columns}) == 2
        con.execute("create temp table cari as select unnest($n::varchar[]) as s", {"n": needles})
        hits = []
        for catalog, table, column in columns:
            rows = con.execute(
                f'select distinct t."{column}" from "{catalog}".main."{table}" t join cari '
                f'on contains(t."{column}", cari.s)'
            ).fetchall()
            where = f"{table}.{column}" if catalog != "catatan" else f"catatan.{table}.{column}"
            hits += [f"{where}: {r[0]}" for r in rows]
        return hits
    finally:
        con.close()


@pytest.fixture(scope="module")
def ingested(tmp_path_factory):
    folder = tmp_path_factory.mktemp("privasi")
    daftar = fx.daftar_sukapura(folder)
    db_path = folder / "data" / "readiness.duckdb"
    db_path.parent.mkdir()
    logs = []
    for args in (
        ("ingest", daftar.path, "--db", db_path),
        ("audit", "--db", db_path),
        ("audit", "--db", db_path, "--format", "json"),
        ("versions", "--db", db_path),
    ):
        done = cli(*args)
        assert done.returncode == 0, done.stderr
        logs += [done.stdout, done.stderr]
    return db_path, daftar, "\n".join(logs)


def test_no_raw_identity_in_the_database_file_wal_or_logs(ingested):
    db_path, daftar, logs = ingested
    ids = _identities(daftar)
    files = [p for p in db_path.parent.iterdir() if p.is_file() and p.name != fx.Path(daftar.path).name]
    assert db_path in files
    blobs = {p.name: p.read_bytes() for p in files if p.suffix in (".duckdb", ".wal") or ".duckdb" in p.name}
    blobs["log (stdout/stderr of ingest, audit, versions)"] = logs.encode()
    found = [
        f"{kind} {value} in {where}"
        for kind, values in ids.items()
        for value in values
        for where, blob in blobs.items()
        if value.encode() in blob
    ]
    assert found == []
    # the log did say what was found, by type and count only
    assert "temuan DPT — NIK ganda: 2 pemilih" in logs


def test_no_raw_identity_in_any_column_of_any_table(ingested):
    db_path, daftar, _ = ingested
    ids = _identities(daftar)
    assert _varchar_values_containing(db_path, [v for values in ids.values() for v in values]) == []
    con = db.connect_read(db_path)
    try:
        masks = [r[0] for r in con.execute("select nik_mask from raw_daftar where length(nik_mask) = 16").fetchall()]
        assert masks and all(m[6:12] == "******" for m in masks)
        assert con.execute("select count(*) from identitas_daftar").fetchone()[0] == 0
        assert not audit.simpan_identitas(con)
    finally:
        con.close()


def test_the_installation_key_is_private_and_not_in_the_data_folder(ingested, installation_key):
    db_path, _, _ = ingested
    assert stat.S_IMODE(os.stat(installation_key).st_mode) == 0o600
    assert len(bytes.fromhex(installation_key.read_text().strip())) == 32
    assert not (db_path.parent / "secret.key").exists()
    key = installation_key.read_bytes().strip()
    assert [p.name for p in db_path.parent.iterdir() if key in p.read_bytes()] == []
    assert "data/secret.key" in (ROOT / ".gitignore").read_text().splitlines()


def test_keeping_names_is_an_admin_choice_kept_apart_and_purged(tmp_path):
    db_path = tmp_path / "readiness.duckdb"
    db.ensure_database(db_path)
    with db.writing(db_path) as con:
        audit.atur_simpan_identitas(con, True)
    voters = [fx.Pemilih("SUKAPURA", "NGADISARI", 1, "LP"[i % 2], fx.dt.date(1970 + i, 1, 1)) for i in range(4)]
    path = fx.tulis(tmp_path / "dpt.xlsx", voters, "DPT")
    assert cli("ingest", path, "--db", db_path).returncode == 0
    con = db.connect_read(db_path)
    try:
        kept = con.execute(
            "select source_sheet, source_row, nama, alamat, tempat_lahir from identitas_daftar order by source_row"
        ).fetchall()
    finally:
        con.close()
    assert kept == [("DPT", v.baris, v.nama, v.alamat, v.tempat_lahir) for v in voters]
    names = [v.nama for v in voters]
    hits = _varchar_values_containing(db_path, names)
    assert hits and all(h.startswith("identitas_daftar.nama") for h in hits)  # only there, nowhere else
    assert any(n.encode() in db_path.read_bytes() for n in names)  # the byte scan does see them while kept
    assert audit.purge_identitas(db_path) == 4
    assert _varchar_values_containing(db_path, names) == []
    content = db_path.read_bytes()  # deleted rows leave their bytes in free blocks: the file was rewritten
    assert not any(n.encode() in content for n in names)
    con = db.connect_read(db_path)
    try:
        assert not audit.simpan_identitas(con)
        assert con.execute("select count(*) from raw_daftar").fetchone()[0] == 4  # nothing else lost
        assert (
            con.execute("select last_value from duckdb_sequences() where sequence_name = 'upload_seq'").fetchone()[0]
            == 1
        )  # sequences carried over
    finally:
        con.close()
    assert cli("audit", "--db", db_path).returncode == 0
