"""The parsed rows of a per-voter list between the checks and the commit, on disk instead of in
memory: Parquet files of their own in a private temporary folder (0700), one per chunk and table:
`frame` (the rows for raw_daftar: NIK and NKK only as keyed hashes and a masked NIK, nothing the
database would not hold), `identitas` when names are kept, and `galat` (the problems, worded).
Written chunk by chunk while the sheet is read, on a thread of their own, so a whole kabupaten
costs disk, not memory; the commit inserts from them inside DuckDB (read_parquet behind the views
of an attached database), never through Python. A Parquet file is written with a fraction of the
CPU an insert into a DuckDB file costs, and without its fsyncs. The files go when the upload is
committed or the result is dropped."""

from __future__ import annotations

import os
import shutil
import tempfile
import weakref
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq

# What DuckDB may hold in memory while the rows are checked and committed; beyond it, it writes to
# its spill folder (pseudonymous rows only, in the same private folder).
MEMORY_LIMIT = "128MB"


def config(folder: Path | str, limit: str = MEMORY_LIMIT) -> dict:
    """DuckDB settings of a connection that reads or writes staged rows."""
    return {"memory_limit": limit, "temp_directory": str(Path(folder) / "spill"), "threads": 2}


class Staged:
    """Rows of one parsed file in `folder` (table `frame`, and `identitas` when kept)."""

    def __init__(self):
        self.folder = Path(tempfile.mkdtemp(prefix="dasbor-daftar-"))
        os.chmod(self.folder, 0o700)
        self.path = self.folder  # where the files are (a folder since they are Parquet)
        self._files: dict[str, int] = {}  # table -> Parquet files written
        self.num_rows = 0
        self.columns: list[str] = []
        self.identitas = False
        self._writer: ThreadPoolExecutor | None = None
        self._writing: Future | None = None
        self._finalizer = weakref.finalize(self, shutil.rmtree, str(self.folder), True)

    def __len__(self) -> int:
        return self.num_rows

    # ------------------------------------------------------------------ writing
    def append(self, table_name: str, table: pa.Table) -> None:
        """Append an Arrow table's rows to `table_name` (created by the first), on a thread of its
        own while the caller goes on with the next chunk: at most one append is under way (its
        table held until written); what it raised is raised by the next append or by close."""
        self._wait()
        if self._writer is None:
            self._writer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="daftar-tulis")
        self._writing = self._writer.submit(self._append, table_name, table)
        if table_name == "frame":
            self.num_rows += table.num_rows
            self.columns = table.column_names
        elif table_name == "identitas":
            self.identitas = True

    def _wait(self) -> None:
        writing, self._writing = self._writing, None
        if writing is not None:
            writing.result()

    def _append(self, table_name: str, table: pa.Table) -> None:
        number = self._files.get(table_name, 0)
        pq.write_table(table, self.folder / f"{table_name}-{number:05d}.parquet", compression="snappy")
        self._files[table_name] = number + 1

    def close(self) -> None:
        """Done writing (the last append waited for): later readers attach the file read-only."""
        try:
            self._wait()
        finally:
            if self._writer is not None:
                self._writer.shutdown(wait=True)
                self._writer = None

    # ------------------------------------------------------------------ reading
    def has(self, table_name: str) -> bool:
        self.close()
        return bool(self._files.get(table_name))

    def query(self, sql: str, **params) -> list[tuple]:
        """A small query over the staged tables (by their names), fetched as rows."""
        con = duckdb.connect(config=config(self.folder))
        try:
            self.attach(con, "baris_staged")
            con.execute("use baris_staged")
            return con.execute(sql, params or None).fetchall()
        finally:
            con.close()

    @property
    def tables(self) -> list[str]:
        """The tables written (frame, identitas, galat)."""
        return list(self._files)

    def attach(self, con, alias: str = "staged") -> None:
        """Attach to `con` as `alias` a database of views over the files (`alias.frame`,
        `alias.identitas`, `alias.galat`: those written); `detach alias` lets go of it."""
        self.close()
        attach_files(con, self.folder, self.tables, alias)

    def remove(self) -> None:
        self.close()
        self._finalizer()


def attach_files(con, folder: Path, tables, alias: str) -> None:
    """Attach to `con` as `alias` a database of views over the Parquet files of `tables` in
    `folder`, wherever the folder is now (a check's staged rows kept for the save move into its job
    folder). The chunks' columns are matched by name, a column all null in one chunk taking the type
    of the others."""
    con.execute(f"attach ':memory:' as {alias}")
    for table_name in tables:
        files = str(Path(folder) / f"{table_name}-*.parquet").replace("'", "''")
        con.execute(f"create view {alias}.{table_name} as select * from read_parquet('{files}', union_by_name = true)")
