"""User accounts: reading them, adding one, a password reset, disabling and enabling, a change of
role; each change with its audit record in one transaction of the store (the password and its
hash never reach the trail). And the check, on the server, that a user may still export."""

from __future__ import annotations

import contextlib
import sqlite3

import pandas as pd

from .. import akses, catatan, jejak
from . import ingat
from .aturan import PenggunaError, periksa_kabkota, periksa_nama, periksa_peran
from .sandi import hash_sandi

_ADMIN_TERAKHIR = "'{}' adalah admin aktif terakhir; tambahkan atau aktifkan admin lain dulu."


def daftar(db_path) -> pd.DataFrame:
    """Every user without password hashes (the Pengguna page), by name."""
    with catatan.baca(db_path) as con:
        rows = con.execute(
            "select nama, peran, wilayah, kabkota, aktif, versi_sandi, dibuat, diubah, terakhir_masuk "
            "from pengguna order by lower(nama)"
        ).fetchall()
    frame = pd.DataFrame(
        [tuple(r) for r in rows],
        columns=["nama", "peran", "wilayah", "kabkota", "aktif", "versi_sandi", "dibuat", "diubah", "terakhir_masuk"],
    )
    frame["aktif"] = frame["aktif"].astype(bool)
    for col in ("dibuat", "diubah", "terakhir_masuk"):
        frame[col] = pd.to_datetime(frame[col], format="ISO8601")
    return frame


def ada_pengguna(db_path) -> bool:
    with catatan.baca(db_path) as con:
        return con.execute("select exists (select 1 from pengguna)").fetchone()[0] == 1


def jumlah_admin_aktif(db_path) -> int:
    with catatan.baca(db_path) as con:
        return con.execute("select count(*) from pengguna where peran = 'admin' and aktif").fetchone()[0]


def cari(db_path, nama: str) -> dict | None:
    """The user called `nama` (any case), without the hash; None when there is none."""
    with catatan.baca(db_path) as con:
        return baris(con, nama)


def baris(con: sqlite3.Connection, nama: str) -> dict | None:
    """The user called `nama` (any case) read in an open transaction, without the hash; None when there is none."""
    row = con.execute(
        "select nama, peran, wilayah, kabkota, aktif, versi_sandi from pengguna where nama = ?", ((nama or "").strip(),)
    ).fetchone()  # the column compares without case
    return None if row is None else {**dict(row), "aktif": bool(row["aktif"])}


def harus_ada(con, nama: str) -> dict:
    """The user called `nama`, or a PenggunaError saying there is none."""
    row = baris(con, nama)
    if row is None:
        raise PenggunaError(f"Pengguna '{(nama or '').strip()}' tidak ada.")
    return row


def _ringkas(row: dict) -> dict:
    """What the audit trail keeps of a user: never the hash."""
    return {"peran": row["peran"], "wilayah": row["wilayah"], "kabkota": row["kabkota"], "aktif": bool(row["aktif"])}


def _sisa_admin_aktif(con, kecuali: str) -> int:
    return con.execute(
        "select count(*) from pengguna where peran = 'admin' and aktif and nama <> ?", (kecuali,)
    ).fetchone()[0]


@contextlib.contextmanager
def _ubah_akun(db_path):
    """A write transaction changing an account: the sessions this process trusts are forgotten
    before it and after its commit (a disabled user is refused at once)."""
    ingat.lupakan()
    try:
        with catatan.tulis(db_path) as con:
            yield con
    finally:
        ingat.lupakan()


def akhiri_sesi(con, nama: str) -> int:
    """End every session of a user (password reset, account disabled); returns how many ended."""
    return con.execute("delete from sesi where nama = ?", (nama,)).rowcount


def tambah(
    db_path,
    nama: str,
    peran: str,
    sandi: str,
    *,
    wilayah: str | None = None,
    kabkota: str | None = None,
    pelaku: akses.Pengguna | str | None,
) -> akses.Pengguna:
    """Add a user (the Pengguna page makes the first one an admin; the command line warns);
    `kabkota` limits a pimpinan or analis of a province to one kab/kota."""
    nama = periksa_nama(nama)
    wilayah = periksa_peran(db_path, peran, wilayah)
    kabkota = periksa_kabkota(db_path, peran, kabkota)
    sandi_hash = hash_sandi(sandi)  # before the transaction: the store is not held during argon2
    with catatan.tulis(db_path) as con:
        if baris(con, nama) is not None:
            raise PenggunaError(f"Pengguna '{nama}' sudah ada (nama tidak membedakan huruf besar dan kecil).")
        now = catatan.sekarang()
        con.execute(
            "insert into pengguna (nama, peran, wilayah, kabkota, sandi_hash, dibuat, diubah) "
            "values (?, ?, ?, ?, ?, ?, ?)",
            (nama, peran, wilayah, kabkota, sandi_hash, now, now),
        )
        jejak.catat(
            con,
            pelaku,
            "pengguna",
            nama,
            rincian={"perubahan": "tambah"},
            sesudah={"peran": peran, "wilayah": wilayah, "kabkota": kabkota, "aktif": True},
        )
    return akses.Pengguna(nama, peran, wilayah, kabkota=kabkota)


def atur_sandi(db_path, nama: str, sandi: str, *, pelaku) -> int:
    """Reset a password: a new hash and password version; every session of the user ends.
    Returns the new version."""
    sandi_hash = hash_sandi(sandi)
    with _ubah_akun(db_path) as con:
        row = harus_ada(con, nama)
        con.execute(
            "update pengguna set sandi_hash = ?, versi_sandi = versi_sandi + 1, diubah = ? where nama = ?",
            (sandi_hash, catatan.sekarang(), row["nama"]),
        )
        berakhir = akhiri_sesi(con, row["nama"])
        jejak.catat(
            con, pelaku, "pengguna", row["nama"], rincian={"perubahan": "atur_ulang_sandi", "sesi_diakhiri": berakhir}
        )
        return row["versi_sandi"] + 1


def _catat_ubah(con, pelaku, row, ubah: dict, **rincian) -> None:
    """The audit row of a change to an account: `rincian`, and its summary before and after `ubah`."""
    jejak.catat(
        con, pelaku, "pengguna", row["nama"], rincian=rincian, sebelum=_ringkas(row), sesudah={**_ringkas(row), **ubah}
    )


def nonaktifkan(db_path, nama: str, *, pelaku, jaga_admin_terakhir: bool = True) -> None:
    """Disable a user and end their sessions. The app refuses to disable the last active admin
    (it would lock itself out of user management); the command line may
    (`jaga_admin_terakhir=False`), as it can also enable again."""
    with _ubah_akun(db_path) as con:
        row = harus_ada(con, nama)
        if not row["aktif"]:
            raise PenggunaError(f"Pengguna '{row['nama']}' sudah nonaktif.")
        if jaga_admin_terakhir and row["peran"] == "admin" and _sisa_admin_aktif(con, row["nama"]) == 0:
            raise PenggunaError(_ADMIN_TERAKHIR.format(row["nama"]))
        con.execute("update pengguna set aktif = 0, diubah = ? where nama = ?", (catatan.sekarang(), row["nama"]))
        berakhir = akhiri_sesi(con, row["nama"])
        _catat_ubah(con, pelaku, row, {"aktif": False}, perubahan="nonaktifkan", sesi_diakhiri=berakhir)


def aktifkan(db_path, nama: str, *, pelaku) -> None:
    with _ubah_akun(db_path) as con:
        row = harus_ada(con, nama)
        if row["aktif"]:
            raise PenggunaError(f"Pengguna '{row['nama']}' sudah aktif.")
        con.execute("update pengguna set aktif = 1, diubah = ? where nama = ?", (catatan.sekarang(), row["nama"]))
        _catat_ubah(con, pelaku, row, {"aktif": True}, perubahan="aktifkan")


def ubah_peran(
    db_path, nama: str, peran: str, *, wilayah: str | None = None, kabkota: str | None = None, pelaku
) -> None:
    """A new role, area and kab/kota for a user. The sessions this process trusts are forgotten
    (ingat.lupakan): the user's next request already has the new role and limit."""
    wilayah = periksa_peran(db_path, peran, wilayah)
    kabkota = periksa_kabkota(db_path, peran, kabkota)
    with _ubah_akun(db_path) as con:
        row = harus_ada(con, nama)
        if (peran, wilayah, kabkota) == (row["peran"], row["wilayah"], row["kabkota"]):
            raise PenggunaError(f"Peran '{row['nama']}' sudah {akses.PERAN[peran]}.")
        if row["peran"] == "admin" and peran != "admin" and row["aktif"] and _sisa_admin_aktif(con, row["nama"]) == 0:
            raise PenggunaError(_ADMIN_TERAKHIR.format(row["nama"]))
        con.execute(
            "update pengguna set peran = ?, wilayah = ?, kabkota = ?, diubah = ? where nama = ?",
            (peran, wilayah, kabkota, catatan.sekarang(), row["nama"]),
        )
        ubah = {"peran": peran, "wilayah": wilayah, "kabkota": kabkota}
        _catat_ubah(con, pelaku, row, ubah, perubahan="ubah_peran")


def catat_ekspor(db_path, pengguna: akses.Pengguna | None, file_name: str) -> None:
    """Check on the server that `pengguna` may still export (active, role allows it; local mode
    only while there is no user) and record the export, in one transaction of the store; raises
    akses.TidakBoleh otherwise."""
    with catatan.tulis(db_path) as con:
        if pengguna is None:
            raise akses.TidakBoleh(pengguna, "ekspor")
        if pengguna.lokal:
            if con.execute("select exists (select 1 from pengguna)").fetchone()[0]:
                raise akses.TidakBoleh(pengguna, "ekspor")
        else:
            row = baris(con, pengguna.nama)
            if not (row and row["aktif"] and akses.boleh(akses.Pengguna(row["nama"], row["peran"]), "ekspor")):
                raise akses.TidakBoleh(pengguna, "ekspor")
        jejak.catat(con, pengguna, "ekspor", file_name)
