"""The parsed rows of a per-voter list between the checks and the commit, on disk instead of in
memory: a DuckDB file of their own in a private temporary folder (0700), holding `frame` (the rows
for raw_daftar: NIK and NKK only as keyed hashes and a masked NIK, nothing the database would not
hold), `identitas` when names are kept, and `galat` (the problems, worded). Written chunk by chunk
while the sheet is read, with a DuckDB memory limit, so a whole kabupaten costs disk, not memory;
the commit inserts from it inside DuckDB (ATTACH), never through Python. The file goes when the
upload is committed or the result is dropped."""

from __future__ import annotations

import os
import shutil
import tempfile
import weakref
from pathlib import Path

import duckdb
import pyarrow as pa

# What DuckDB may hold in memory while the rows are written, checked and committed; beyond it, it
# writes to its spill folder (pseudonymous rows only, in the same private folder).
# The appends while the sheet is being read get less: the reader's pieces are in memory meanwhile.
MEMORY_LIMIT = "128MB"
APPEND_LIMIT = "16MB"


def config(folder: Path | str, limit: str = MEMORY_LIMIT) -> dict:
    """DuckDB settings of a connection that reads or writes staged rows."""
    return {"memory_limit": limit, "temp_directory": str(Path(folder) / "spill"), "threads": 2}


class Staged:
    """Rows of one parsed file in `path` (table `frame`, and `identitas` when kept)."""

    def __init__(self):
        self.folder = Path(tempfile.mkdtemp(prefix="dasbor-daftar-"))
        os.chmod(self.folder, 0o700)
        self.path = self.folder / "baris.duckdb"
        self.num_rows = 0
        self.columns: list[str] = []
        self.identitas = False
        self._con = None
        self._finalizer = weakref.finalize(self, shutil.rmtree, str(self.folder), True)

    def __len__(self) -> int:
        return self.num_rows

    # ------------------------------------------------------------------ writing
    def append(self, table_name: str, table: pa.Table) -> None:
        """Append an Arrow table's rows to `table_name` (created by the first)."""
        if self._con is None:
            self._con = duckdb.connect(str(self.path), config=config(self.folder, APPEND_LIMIT))
        con = self._con
        con.register("_potongan", table)
        try:
            exists = con.execute(
                "select count(*) from duckdb_tables() where table_name = $t and database_name = 'baris'",
                {"t": table_name},
            ).fetchone()[0]
            if exists:
                con.execute(f"insert into {table_name} select * from _potongan")
            else:
                con.execute(f"create table {table_name} as select * from _potongan")
        finally:
            con.unregister("_potongan")
        if table_name == "frame":
            self.num_rows += table.num_rows
            self.columns = table.column_names
        elif table_name == "identitas":
            self.identitas = True

    def close(self) -> None:
        """Done writing: later readers attach the file read-only."""
        if self._con is not None:
            self._con.close()
            self._con = None

    # ------------------------------------------------------------------ reading
    def has(self, table_name: str) -> bool:
        return self.path.exists() and bool(
            self.query("select count(*) from duckdb_tables() where table_name = $t", t=table_name)[0][0]
        )

    def query(self, sql: str, **params) -> list[tuple]:
        """A small query over the staged tables (by their names), fetched as rows."""
        con = duckdb.connect(config=config(self.folder))
        try:
            self.attach(con, "baris_staged")
            con.execute("use baris_staged")
            return con.execute(sql, params or None).fetchall()
        finally:
            con.close()

    def attach(self, con, alias: str = "staged") -> None:
        """Attach the file read-only to `con` as `alias` (tables `alias.frame`, `alias.identitas`)."""
        self.close()
        con.execute(f"attach '{self.path}' as {alias} (read_only)")

    def remove(self) -> None:
        self.close()
        self._finalizer()
