"""An uploaded problem sheet merged into the inventory, row by row (`gabung_unggahan`), and the
uploads a stopped process left unmerged (`gabung_tertinggal`).

Uploads and versions: other kinds replace a kecamatan's data with the newest upload. Problems
must not work that way — a camat's sheet sent again next week would otherwise erase the follow-up
notes entered in the app, or list every problem twice. So an uploaded row is matched to a known
problem: by its problem number (column `NO MASALAH`, the number the app shows and exports) when
given, else by kecamatan + category + description (case and spacing ignored) + date. A matched row
changes nothing unless its status moves forward (baru → ditangani → selesai), its severity differs,
or its follow-up text is new: each such change is appended to the history as from `unggahan #N`.
A status that would move backward (an old sheet after the problem was closed in the app) is left
as it is and counted. Unmatched rows become new problems. A problem missing from a later sheet is
not closed: only a status closes it. The very same file uploaded twice is refused by its checksum
before any of this (ingest), so it changes nothing.

An uploaded sheet touches both stores: the upload record and its raw rows (`uploads`,
`raw_masalah`) are written in the analytical write, the merged problems in the store. They stay
all or nothing this way (readiness/ingest/batch.py `commit_batch`): the store's write
transaction is opened inside the analytical write, after every file's rows are in, and the
merge runs in it; it is committed only after the analytical copy has replaced the live file,
and rolled back when anything before fails (a rejected file, a failed commit or rename) — then
neither store has changed. The store's writer lock is held only for the analytical commit
(checkpoint and rename), never for the copy or the rows of a large file. The one gap left, a
process stopped between the rename and the store's commit, is closed by the next write of the
analytical file: every problem upload not yet in the store's `masalah_unggahan` (written in the
merge's own transaction) is merged then (`gabung_tertinggal`), never twice. The other way round
(store first) could not be repaired: the store would name an upload number the analytical file
never committed and would hand out again.
"""

from __future__ import annotations

import json
import sqlite3

import duckdb

from .. import fmt, jejak
from ..catatan import baca as baca_catatan
from ..catatan import tulis as tulis_catatan
from .catat import catat_riwayat, keadaan, sisip
from .isian import URUTAN_STATUS, Isian, waktu_sekarang


def gabung_unggahan(
    con: duckdb.DuckDBPyConnection, store: sqlite3.Connection, upload_id: int, election: str, pelaku
) -> dict:
    """Merge the rows of one problem upload (raw_masalah, read from the analytical write `con`)
    into the inventory, in the store's write transaction `store`; see the module docstring for
    why rows are matched instead of versioned, and for how the two commits stay all or nothing.
    Returns the counts."""
    sumber = f"unggahan #{upload_id}"
    waktu = waktu_sekarang()
    rows = con.execute(
        "select source_row, kode_kecamatan, kode_desa, no_tps, nomor, kategori, uraian, pelapor, tanggal, "
        "tingkat, status, tindak_lanjut, kunci from raw_masalah where upload_id = $u order by source_sheet, source_row",
        {"u": upload_id},
    ).fetchall()
    hitung = {"baru": 0, "diperbarui": 0, "sama": 0, "status_lebih_lama": 0}
    for _, kec, desa, tps, nomor, kat, uraian, pelapor, tanggal, tingkat, status, catatan, key in rows:
        found = None
        if nomor is not None:
            found = store.execute(
                "select masalah_id from masalah where masalah_id = ? and election_id = ? and kode_kecamatan = ?",
                (nomor, election, kec),
            ).fetchone()
        if not found:
            found = store.execute(
                "select min(masalah_id) from masalah where election_id = ? and kunci = ? having count(*) > 0",
                (election, key),
            ).fetchone()
        if not found:
            isian = Isian(kec, kat, uraian, tanggal, tingkat or "sedang", pelapor, desa, tps)
            masalah_id = sisip(store, election, isian, status or "baru", pelaku, sumber, waktu)
            if catatan:
                catat_riwayat(
                    store,
                    masalah_id,
                    waktu,
                    pelaku,
                    status or "baru",
                    status or "baru",
                    isian.tingkat,
                    isian.tingkat,
                    catatan,
                    sumber,
                )
            hitung["baru"] += 1
            continue
        masalah_id = found[0]
        status_lama, tingkat_lama, *_ = keadaan(store, masalah_id)
        status_baru, tingkat_baru = status_lama, tingkat or tingkat_lama
        if status and URUTAN_STATUS[status] > URUTAN_STATUS[status_lama]:
            status_baru = status
        elif status and status != status_lama:
            hitung["status_lebih_lama"] += 1
        ada = (
            store.execute(
                "select count(*) from masalah_riwayat where masalah_id = ? and catatan = ?", (masalah_id, catatan)
            ).fetchone()[0]
            if catatan
            else 1
        )
        catatan_baru = catatan if not ada else None
        if status_baru == status_lama and tingkat_baru == tingkat_lama and catatan_baru is None:
            hitung["sama"] += 1
            continue
        catat_riwayat(
            store, masalah_id, waktu, pelaku, status_lama, status_baru, tingkat_lama, tingkat_baru, catatan_baru, sumber
        )
        hitung["diperbarui"] += 1
    store.execute(
        "insert into masalah_unggahan (upload_id, election_id, waktu, hitung) values (?, ?, ?, ?)",
        (upload_id, election, waktu, json.dumps(hitung)),
    )
    jejak.catat(store, pelaku, "masalah", sumber, rincian={"tindakan": "unggah", "pemilihan": election, **hitung})
    return hitung


def gabung_tertinggal(con: duckdb.DuckDBPyConnection, db_path) -> list[int]:
    """Merge every problem upload committed in the analytical file but not in the store (a process
    stopped between the two commits); run by every write of the analytical file (db.writing).
    Returns the uploads merged now."""
    with baca_catatan(db_path) as store:
        merged = {r[0] for r in store.execute("select upload_id from masalah_unggahan")}
    waiting = [
        r
        for r in con.execute(
            "select upload_id, election_id, uploaded_by from uploads where kind = 'masalah' order by upload_id"
        ).fetchall()
        if r[0] not in merged
    ]
    done = []
    for upload_id, election, uploaded_by in waiting:
        with tulis_catatan(db_path) as store:
            if store.execute("select 1 from masalah_unggahan where upload_id = ?", (upload_id,)).fetchone():
                continue  # another process merged it meanwhile
            gabung_unggahan(con, store, upload_id, election, uploaded_by)
        done.append(upload_id)
    return done


def ringkas_gabung(hitung: dict) -> str:
    """`2 masalah baru, 1 diperbarui, 3 tidak berubah` (+ `1 status lebih lama dari aplikasi, diabaikan`)."""
    parts = [
        f"{fmt.angka(hitung['baru'])} masalah baru",
        f"{fmt.angka(hitung['diperbarui'])} diperbarui",
        f"{fmt.angka(hitung['sama'])} tidak berubah",
    ]
    if hitung.get("status_lebih_lama"):
        parts.append(
            f"{fmt.angka(hitung['status_lebih_lama'])} status di lembar lebih lama dari status di aplikasi "
            "(tidak diubah)"
        )
    return ", ".join(parts)
