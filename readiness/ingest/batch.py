"""Committing: a batch of read files is prepared (read and checked, nothing written), then committed
in one write, all files or none; an earlier upload can be made the active version again."""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import secrets
import traceback
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pyarrow as pa

from .. import db, wilayah
from ..names import Gazetteer, gc_paused
from ..privacy import installation_secret
from ..voterlist import staged as voterlist_staged
from . import read
from .kinds import STORED_AS
from .result import FileResult

# The package's name: an admin's log settings for the upload keep working whichever module logs.
log = logging.getLogger(__package__)


def load_gazetteer(con: duckdb.DuckDBPyConnection) -> Gazetteer:
    region = con.execute("select kode, nama, jenis from wilayah limit 1").fetchone()
    with gc_paused():  # the nation's 90.000 places: readiness/names.py
        return Gazetteer(
            con.execute("select kode_kecamatan, kecamatan from ref_kecamatan order by 1").fetchall(),
            con.execute("select kode_desa, desa, kode_kecamatan from ref_desa order by 1").fetchall(),
            con.execute("select alias, kode_kecamatan from ref_kecamatan_alias").fetchall(),
            con.execute("select alias, kode_desa from ref_desa_alias").fetchall(),
            wilayah=region[:2] if region else None,
            wilayah_jenis=region[2] if region else None,
            # a province's or the nation's kab/kota; a kab/kota installation matches as one place
            kabkota=dict(con.execute("select kode_kabkota, kabkota from stg_kabkota order by 1").fetchall())
            if region and region[2] in ("provinsi", "nasional")
            else None,
        )


def commit(con: duckdb.DuckDBPyConnection, result: FileResult, election: str, uploaded_by: str | None) -> int:
    """Insert one parsed file as a new upload (a new active version for what it covers)."""
    upload_id = con.execute("select nextval('upload_seq')").fetchone()[0]
    activation = con.execute("select nextval('activation_seq')").fetchone()[0]
    con.execute(
        "insert into uploads values ($id, $election, $kind, $file, $sha, $sheets, $header, $rows, $by, "
        "$at, $activation, $tanggal, $warnings)",
        {
            "id": upload_id,
            "election": election,
            "kind": result.kind,
            "file": result.file_name,
            "sha": result.sha256,
            "sheets": ", ".join(lay.sheet.name for lay in result.layouts),
            "header": result.layouts[0].header_row + 1,
            "rows": result.rows,
            "by": uploaded_by,
            "at": dt.datetime.now().replace(microsecond=0),
            "activation": activation,
            "tanggal": result.tanggal_data,
            "warnings": len(result.warnings) + result.hidden_problems,
        },
    )
    # One statement each, not executemany: the nation's 7.285 kecamatan cost 4 s of CPU one by one.
    con.execute(
        "insert into upload_coverage select $id, unnest($kode)", {"id": upload_id, "kode": sorted(result.coverage)}
    )
    staged = hasattr(result.frame, "attach")  # a per-voter list: its rows wait on disk (voterlist/staged.py)
    if staged:
        result.frame.attach(con, "incoming_staged")
        rows, identitas = "incoming_staged.frame", "incoming_staged.identitas"
        # Bounded for the rest of the write too: the stored audit tables are recomputed next over
        # every voter of the election (the duplicate NIKs across the whole list), which without a
        # limit held ~180 bytes a voter (2 million voters: 682 MiB at that step, 341 MiB with it;
        # bench/bench_ingest.py); beyond it DuckDB spills to the write's own folder (pseudonymous
        # rows only).
        con.execute(f"set memory_limit = '{voterlist_staged.MEMORY_LIMIT}'")
    else:
        con.register("incoming_rows", result.frame)
        rows, identitas = "incoming_rows", "incoming_identitas"
    # Raw rows carry their source sheet and row, so their order on disk does not matter; letting
    # both threads append without keeping the file's order halves the insert of a large list.
    con.execute("set preserve_insertion_order = false")
    try:
        con.execute(
            f"insert into raw_{result.kind} by name select {STORED_AS.get(result.kind, '*')}, "
            f"$id as upload_id from {rows}",
            {"id": upload_id},
        )
        if result.identitas is not None:  # names kept only when an admin chose to (simpan_identitas)
            if not staged:
                con.register("incoming_identitas", result.identitas)
            con.execute(
                f"insert into identitas_daftar by name select *, $id as upload_id from {identitas}",
                {"id": upload_id},
            )
    finally:
        con.execute("reset preserve_insertion_order")
        if staged:
            con.execute("detach incoming_staged")
        else:
            con.unregister("incoming_rows")
            if result.identitas is not None:
                con.unregister("incoming_identitas")
    if result.warnings:
        pesan = [(p.level, p.sheet, row, p.column, p.message) for p in result.warnings for row in (p.rows or [p.row])]
        names = ("level", "sheet", "row_number", "column_name", "message")
        con.register("incoming_messages", pa.table({n: list(v) for n, v in zip(names, zip(*pesan))}))
        try:
            con.execute(
                "insert into upload_messages select $id, level, sheet, row_number, column_name, message "
                "from incoming_messages",
                {"id": upload_id},
            )
        finally:
            con.unregister("incoming_messages")
    result.upload_id = upload_id
    return upload_id


def previous_upload(con, election: str, kind: str, sha256: str) -> int | None:
    row = con.execute(
        "select min(upload_id) from uploads where election_id = $e and kind = $k and sha256 = $s",
        {"e": election, "k": kind, "s": sha256},
    ).fetchall()
    return row[0][0] if row else None


@dataclass
class Batch:
    """The outcome of one ingest command or upload: all files committed, or none."""

    election: str
    results: list[FileResult]
    committed: bool = False

    @property
    def ok(self) -> bool:
        return all(not r.errors for r in self.results)

    @property
    def refused(self) -> list[FileResult]:
        return [r for r in self.results if r.errors]

    def without_refused(self) -> Batch:
        """The same batch without its refused files: what the user saves after dropping them (the
        rest is still saved all together or not at all)."""
        return Batch(self.election, [r for r in self.results if not r.errors])


class Dibatalkan(Exception):
    """Raised by a `progress` callback to stop a preview nobody waits for any more (the page's
    session ended, or a new run replaced it). `prepare` lets it through; nothing has been written."""


def _log_defect(file_name: str, exc: BaseException) -> str:
    """Logs where a defect of ours happened for the admin and returns the reference the user can
    quote. Only the exception's type and the code's frames are logged: its message, and any
    exception it was raised from, may carry cell values (a NIK)."""
    reference = f"{dt.datetime.now():%y%m%d-%H%M%S}-{secrets.token_hex(2)}"
    frames = "".join(traceback.format_list(traceback.extract_tb(exc.__traceback__)))
    log.error(
        "kesalahan aplikasi saat memeriksa berkas %s (rujukan %s): %s\nTraceback (most recent call last):\n%s",
        file_name,
        reference,
        type(exc).__name__,
        frames.rstrip("\n"),
    )
    return reference


def prepare(
    db_path,
    files: list[tuple[str, bytes | Path]],
    *,
    election: str | None = None,
    kind: str | dict[str, str] = "auto",
    progress=None,
) -> Batch:
    """Read and check every file without changing anything (the preview before committing).
    `files` are (name, bytes) or (name, path); `kind` is one kind for all files or a
    {file name: kind} choice per file."""
    db_path = Path(db_path)
    secret = installation_secret(db_path)
    con = db.connect_read(db_path)
    try:
        election = election or db.active_election(con)
        settings = election_settings(con, election)
        gaz = load_gazetteer(con)
        region = wilayah.load(con)
        batch = Batch(election, [])
        seen: dict[str, str] = {}
        for number, (file_name, data) in enumerate(files):
            chosen = kind.get(file_name, "auto") if isinstance(kind, dict) else kind

            def step(fraction, text, number=number, file_name=file_name):
                if progress:
                    progress((number + fraction) / len(files), f"{file_name}: {text}…")

            result = _parse_one(data, file_name, gaz, kind=chosen, secret=secret, step=step, region=region, **settings)
            batch.results.append(result)
            if result.errors:
                continue
            if result.sha256 in seen:
                result.duplicate_of = -1
                result.add(
                    "peringatan",
                    f"berkas yang sama persis dengan {seen[result.sha256]} dalam unggahan ini; hanya dihitung sekali",
                )
                continue
            seen[result.sha256] = file_name
            result.duplicate_of = previous_upload(con, election, result.kind, result.sha256)
    finally:
        con.close()
    if progress:
        progress(1.0, "Pemeriksaan selesai")
    return batch


def election_settings(con: duckdb.DuckDBPyConnection, election: str) -> dict:
    """What reading a file needs to know of the election: its TPS capacity, its day, and whether
    names are kept."""
    if not db.election_exists(con, election):
        raise ValueError(f"pemilihan '{election}' tidak dikenal")
    kapasitas, tanggal = con.execute(
        "select kapasitas_tps, tanggal from elections where election_id = $e", {"e": election}
    ).fetchall()[0]
    # Names/addresses are read from per-voter lists only when an admin turned keeping them on.
    simpan = (
        con.execute("select count(*) from app_settings where key = 'simpan_identitas' and value = 'ya'").fetchone()[0]
        == 1
    )
    return {"kapasitas_tps": kapasitas, "tanggal_pemilihan": tanggal, "simpan_identitas": simpan}


def _parse_one(data, file_name: str, gaz: Gazetteer, **options) -> FileResult:
    """parse_file, with a defect of ours turned into a message that names its reference: it must
    still not reach the user as a traceback."""
    try:
        return read.parse_file(data, file_name, gaz, **options)
    except Dibatalkan:
        raise
    except Exception as exc:
        reference = _log_defect(file_name, exc)
        result = FileResult(file_name=file_name, sha256=read.file_sha256(data))
        result.add(
            "galat",
            "berkas tidak dapat diproses karena kesalahan di aplikasi; tidak ada yang "
            f"disimpan. Laporkan ke pengelola aplikasi dengan kode rujukan {reference} "
            "beserta berkasnya.",
        )
        return result


def commit_batch(db_path, batch: Batch, *, uploaded_by: str | None = None, on_wait=None, pelaku=None) -> Batch:
    """Commit every prepared file in one write, or nothing when any file has an error (or rows
    outside the kab/kota `pelaku` is limited to: akses.tolak_unggahan). Each
    committed file is recorded in the audit trail (readiness/jejak.py) as done by `pelaku`
    (an akses.Pengguna, or by default the `uploaded_by` name) in the same write."""
    from .. import akses, catatan, jejak, masalah

    akses.tolak_unggahan(pelaku, batch, db_path)  # rows outside the kab/kota `pelaku` is limited to
    if not batch.ok:
        return batch
    try:
        # Problem sheets are merged into the small-records store in a transaction opened after
        # every file's rows are in and committed after the analytical file is replaced (leaving
        # `store` last): both or neither (readiness/masalah/gabung.py says why in this order).
        with contextlib.ExitStack() as store, db.writing(db_path, on_wait=on_wait) as con:
            for result in batch.results:
                if result.duplicate_of == -1:
                    continue
                # Another upload may have committed the same file since the preview.
                result.duplicate_of = previous_upload(con, batch.election, result.kind, result.sha256)
                if result.duplicate_of is None:
                    commit(con, result, batch.election, uploaded_by)
                    jejak.catat(
                        con,
                        pelaku or uploaded_by,
                        "unggah",
                        result.file_name,
                        rincian={
                            "upload_id": result.upload_id,
                            "jenis": result.kind,
                            "pemilihan": batch.election,
                            "baris": result.rows,
                            "kecamatan": len(result.coverage),
                            "sha256": result.sha256,
                        },
                    )
            if not any(r.upload_id for r in batch.results):
                raise _Rollback(batch)  # nothing new: leave the file (and its version) untouched
            tulis = None
            for result in batch.results:
                if result.upload_id and result.kind == "masalah":  # merged into the inventory, not versioned
                    if tulis is None:
                        tulis = store.enter_context(catatan.tulis(db_path))
                    result.gabung = masalah.gabung_unggahan(
                        con, tulis, result.upload_id, batch.election, pelaku or uploaded_by
                    )
    except _Rollback:
        return batch
    batch.committed = True
    return batch


def ingest_files(
    db_path, files, *, election=None, kind="auto", uploaded_by=None, on_wait=None, progress=None, pelaku=None
) -> Batch:
    """Prepare and commit: the command line's `ingest` and the tests' way in. Refused files are
    recorded in the audit trail (readiness/ingest/ditolak.py); nothing else is written then."""
    batch = prepare(db_path, files, election=election, kind=kind, progress=progress)
    if not batch.ok:
        from . import ditolak

        ditolak.catat(db_path, batch, pelaku or uploaded_by)
    return commit_batch(db_path, batch, uploaded_by=uploaded_by, on_wait=on_wait, pelaku=pelaku)


class _Rollback(Exception):
    def __init__(self, batch: Batch):
        self.batch = batch


def activate(db_path, upload_id: int, on_wait=None, pelaku=None) -> dict:
    """Make an earlier upload the active version again for every kecamatan it covers (recorded in
    the audit trail as done by `pelaku`, an akses.Pengguna)."""
    from .. import jejak

    with db.writing(db_path, on_wait=on_wait) as con:
        row = con.execute(
            "select election_id, kind, file_name from uploads where upload_id = $id", {"id": upload_id}
        ).fetchone()
        if row is None:
            raise ValueError(f"unggahan #{upload_id} tidak ada")
        if row[1] == "masalah":
            raise ValueError(
                f"unggahan #{upload_id} adalah inventarisasi permasalahan: isinya sudah digabung ke daftar "
                "masalah dan tidak berversi; ubah status masalah di halaman Permasalahan"
            )
        con.execute(
            "update uploads set activation = nextval('activation_seq') where upload_id = $id", {"id": upload_id}
        )
        jejak.catat(
            con,
            pelaku,
            "aktifkan",
            f"unggahan #{upload_id}",
            rincian={"upload_id": upload_id, "berkas": row[2], "jenis": row[1], "pemilihan": row[0]},
        )
        return {"election": row[0], "kind": row[1], "file_name": row[2]}
