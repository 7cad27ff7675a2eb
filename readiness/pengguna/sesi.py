"""Sessions: a login creates a random token; the browser keeps it in a cookie, the store only its
SHA-256, with the user, password version and last activity. A session ends at logout, after
`BATAS_DIAM` without activity, and when the password is reset or the account disabled.
"""

from __future__ import annotations

import hashlib
import secrets
import time

from .. import akses, catatan, jejak
from . import ingat
from .akun import harus_ada
from .aturan import PenggunaError

BATAS_DIAM = 8 * 3600  # seconds without activity after which a session ends

SEGARKAN_SESI = 60.0  # a session's last activity is written at most this often


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode("ascii", errors="replace")).hexdigest()


def sesi_baru(con, nama: str, versi: int, now: float) -> str:
    """Open a session in the store's open transaction; returns the browser's token (the store keeps its hash)."""
    con.execute("delete from sesi where terakhir < ?", (now - BATAS_DIAM,))  # sessions nobody came back to
    token = secrets.token_urlsafe(32)
    con.execute(
        "insert into sesi (token_hash, nama, versi_sandi, dibuat, terakhir) values (?, ?, ?, ?, ?)",
        (hash_token(token), nama, versi, now, now),
    )
    return token


def buka_sesi(db_path, nama: str, *, jam=time.time) -> str:
    """A new session for an active user who has just proved who they are (the first admin created
    in local mode, an admin who reset their own password); returns the browser's token."""
    with catatan.tulis(db_path) as con:
        row = harus_ada(con, nama)
        if not row["aktif"]:
            raise PenggunaError(f"Pengguna '{row['nama']}' sudah nonaktif.")
        return sesi_baru(con, row["nama"], row["versi_sandi"], jam())


def periksa_sesi(db_path, token_hash: str, *, jam=time.time, ingat_sebentar: bool = False) -> akses.Pengguna | str:
    """The user of a session, re-read from the store (with `ingat_sebentar`: at most every
    ingat.INGAT_SESI, for the phones' many small requests); or why there is none: 'berakhir' (logged out, password reset, account disabled or unknown token) or 'diam'
    (idle longer than BATAS_DIAM). An ended session is removed; activity is written at most every
    SEGARKAN_SESI."""
    now = jam()
    if not ingat_sebentar:
        hasil = _periksa(db_path, token_hash, now)
        return hasil if isinstance(hasil, str) else hasil[0]
    kunci = (str(db_path), token_hash)
    found = ingat.cari(kunci)
    if found and now - found[1] <= SEGARKAN_SESI:
        return found[0]
    awal = ingat.generasi()
    hasil = _periksa(db_path, token_hash, now)
    if isinstance(hasil, str):
        ingat.buang(kunci)
        return hasil
    ingat.simpan(kunci, *hasil, awal)
    return hasil[0]


def _periksa(db_path, token_hash: str, now: float) -> tuple[akses.Pengguna, float] | str:
    with catatan.baca(db_path) as con:
        row = con.execute(
            "select s.terakhir, s.versi_sandi as versi_sesi, p.nama, p.peran, p.wilayah, p.kabkota, p.aktif, "
            "p.versi_sandi from sesi s join pengguna p on p.nama = s.nama where s.token_hash = ?",
            (token_hash,),
        ).fetchone()
    if row is None:
        return "berakhir"
    alasan = None
    if not row["aktif"] or row["versi_sandi"] != row["versi_sesi"]:
        alasan = "berakhir"
    elif now - row["terakhir"] > BATAS_DIAM:
        alasan = "diam"
    if alasan:
        with catatan.tulis(db_path) as con:
            con.execute("delete from sesi where token_hash = ?", (token_hash,))
    terakhir = row["terakhir"]
    if not alasan and now - terakhir > SEGARKAN_SESI:
        # Only the last activity: when the store is busy with other writes (hundreds of phones at
        # 07.00), the request does not wait for it; the session is valid all the same and a later
        # request writes it.
        try:
            with catatan.tulis(db_path, tunggu=0) as con:
                con.execute("update sesi set terakhir = ? where token_hash = ?", (now, token_hash))
            terakhir = now
        except catatan.Sibuk:
            pass
    if alasan:
        return alasan
    return akses.Pengguna(row["nama"], row["peran"], row["wilayah"], kabkota=row["kabkota"]), terakhir


def keluar(db_path, pengguna: akses.Pengguna, token_hash: str | None = None, *, alasan: str = "keluar") -> None:
    """Log out: the session is removed and the logout recorded, in one transaction."""
    ingat.lupakan()
    with catatan.tulis(db_path) as con:
        if token_hash:
            con.execute("delete from sesi where token_hash = ?", (token_hash,))
        jejak.catat(con, pengguna, "keluar", pengguna.nama, rincian={"alasan": alasan})
    ingat.lupakan()
