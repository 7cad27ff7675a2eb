"""Writing problems and their follow-ups to the small-records store: a problem entered through the
form (`tambah`), a follow-up note or a new status or severity (`tindak_lanjut`); each with its audit
record in the same transaction. The history (`masalah_riwayat`) only grows: the status on `masalah`
is the latest of it.

Where the rows live: the small-records store (readiness/catatan.py, SQLite), not the analytical
DuckDB file. A problem entered or followed up is a few bytes written by one of many people; in
the store it costs one short transaction (milliseconds) with its audit record (the store's
`jejak`), where the analytical file would be copied whole (`db.writing`). The analytical
queries read the rows through the views `masalah` and `masalah_riwayat` (see catatan.pasang).
"""

from __future__ import annotations

import datetime as dt
import sqlite3

import duckdb

from .. import akses, db, fmt, jejak
from ..catatan import tulis as tulis_catatan
from .isian import STATUS, TINGKAT, URAIAN_MAKS, Isian, MasalahError, kunci, nomor_tps, periksa, waktu_sekarang


def _nama(pelaku) -> str:
    return pelaku.nama if isinstance(pelaku, akses.Pengguna) else (pelaku or "tidak diketahui")


def _cek_peran(pelaku) -> None:
    # The page checks too; the core refuses as well, so no other caller can skip it.
    if isinstance(pelaku, akses.Pengguna):
        akses.wajib(pelaku, "masalah")


def sisip(con: sqlite3.Connection, election: str, isian: Isian, status: str, pelaku, sumber: str, waktu: str) -> int:
    """Insert a new problem with its first history row, in the store's open transaction; returns its number."""
    uraian = isian.uraian.strip()
    masalah_id = con.execute(
        "insert into masalah (election_id, kode_kecamatan, kode_desa, no_tps, kategori, uraian, pelapor, tanggal, "
        "tingkat, status, kunci, dibuat_oleh, dibuat_pada, diubah_pada, sumber) "
        "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            election,
            isian.kode_kecamatan,
            isian.kode_desa or None,
            isian.no_tps or None,
            isian.kategori,
            uraian,
            (isian.pelapor or "").strip() or None,
            isian.tanggal.isoformat(),
            isian.tingkat,
            status,
            kunci(isian.kode_kecamatan, isian.kategori, uraian, isian.tanggal),
            _nama(pelaku),
            waktu,
            waktu,
            sumber,
        ),
    ).lastrowid
    con.execute(
        "insert into masalah_riwayat (masalah_id, waktu, pelaku, status_sebelum, status_sesudah, tingkat_sebelum, "
        "tingkat_sesudah, catatan, sumber) values (?, ?, ?, null, ?, null, ?, null, ?)",
        (masalah_id, waktu, _nama(pelaku), status, isian.tingkat, sumber),
    )
    return masalah_id


def tambah(
    db_path,
    election: str,
    isian: Isian,
    pelaku,
    *,
    ref: duckdb.DuckDBPyConnection | None = None,
    hari_ini: dt.date | None = None,
) -> int:
    """Save a new problem (status `baru`) entered through the form, with its audit record, in one
    transaction of the small-records store; returns its number. `ref` reads the reference places
    (a cursor of the analytical file; opened here when not given)."""
    _cek_peran(pelaku)
    akses.wajib_kabkota(pelaku, isian.kode_kecamatan, "Masalah untuk", db_path)
    isian.no_tps = nomor_tps(isian.no_tps)
    con = ref if ref is not None else db.open_file_read_only(db.ensure_database(db_path))
    try:
        problems = periksa(con, isian, hari_ini=hari_ini)
    finally:
        if ref is None:
            con.close()
    if problems:
        raise MasalahError(problems)
    with tulis_catatan(db_path) as store:
        masalah_id = sisip(store, election, isian, "baru", pelaku, "formulir", waktu_sekarang())
        jejak.catat(
            store,
            pelaku,
            "masalah",
            f"masalah #{masalah_id}",
            rincian={"tindakan": "tambah", "pemilihan": election},
            sesudah={
                "kode_kecamatan": isian.kode_kecamatan,
                "kode_desa": isian.kode_desa,
                "no_tps": isian.no_tps,
                "kategori": isian.kategori,
                "uraian": isian.uraian.strip(),
                "pelapor": isian.pelapor,
                "tanggal": isian.tanggal,
                "tingkat": isian.tingkat,
                "status": "baru",
            },
        )
    return masalah_id


def keadaan(con: sqlite3.Connection, masalah_id: int):
    """A problem's status, severity, election and kecamatan now (None: no such problem)."""
    return con.execute(
        "select status, tingkat, election_id, kode_kecamatan from masalah where masalah_id = ?", (masalah_id,)
    ).fetchone()


def catat_riwayat(con, masalah_id, waktu, pelaku, status_lama, status, tingkat_lama, tingkat, catatan, sumber):
    """Append one step to a problem's history and make it the problem's current status and severity."""
    con.execute(
        "insert into masalah_riwayat (masalah_id, waktu, pelaku, status_sebelum, status_sesudah, tingkat_sebelum, "
        "tingkat_sesudah, catatan, sumber) values (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (masalah_id, waktu, _nama(pelaku), status_lama, status, tingkat_lama, tingkat, catatan, sumber),
    )
    con.execute(
        "update masalah set status = ?, tingkat = ?, diubah_pada = ? where masalah_id = ?",
        (status, tingkat, waktu, masalah_id),
    )


def tindak_lanjut(
    db_path,
    masalah_id: int,
    pelaku,
    *,
    status: str | None = None,
    tingkat: str | None = None,
    catatan: str | None = None,
) -> None:
    """Append a follow-up to a problem: a note and/or a new status or severity. Nothing earlier is
    changed; the history keeps every step. One transaction of the small-records store, its audit
    record with it (what is read inside stays true until the commit)."""
    _cek_peran(pelaku)
    with tulis_catatan(db_path) as store:
        now = keadaan(store, masalah_id)
        if now is None:
            raise MasalahError([f"Masalah #{masalah_id} tidak ada"])
        status_lama, tingkat_lama, election, kode_kecamatan = now
        akses.wajib_kabkota(pelaku, kode_kecamatan, f"Masalah #{masalah_id} untuk", db_path)
        status = status or status_lama
        tingkat = tingkat or tingkat_lama
        catatan = (catatan or "").strip() or None
        problems = []
        if status not in STATUS:
            problems.append(f"Status '{status}' tidak dikenal; pilih salah satu: {', '.join(STATUS.values())}")
        if tingkat not in TINGKAT:
            problems.append(f"Tingkat '{tingkat}' tidak dikenal; pilih salah satu: {', '.join(TINGKAT.values())}")
        if catatan and len(catatan) > URAIAN_MAKS:
            problems.append(f"Catatan tindak lanjut terlalu panjang (paling banyak {fmt.angka(URAIAN_MAKS)} karakter)")
        if not problems and status == status_lama and tingkat == tingkat_lama and not catatan:
            problems.append("Tidak ada yang berubah: tulis catatan tindak lanjut atau ubah status/tingkat")
        if problems:
            raise MasalahError(problems)
        catat_riwayat(
            store, masalah_id, waktu_sekarang(), pelaku, status_lama, status, tingkat_lama, tingkat, catatan, "formulir"
        )
        jejak.catat(
            store,
            pelaku,
            "masalah",
            f"masalah #{masalah_id}",
            rincian={"tindakan": "tindak lanjut", "pemilihan": election, "catatan": catatan},
            sebelum={"status": status_lama, "tingkat": tingkat_lama},
            sesudah={"status": status, "tingkat": tingkat},
        )
