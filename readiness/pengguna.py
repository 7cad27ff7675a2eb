"""App users (issue 8): who may log in, with which role, and the login itself.

Passwords are kept only as argon2id hashes (argon2-cffi, its RFC 9106 low-memory profile).
Failed logins are counted in the database, so a restart does not reset them: after
`BATAS_GAGAL` consecutive failures the account is locked for `LAMA_KUNCI`, and every failed
attempt is also slowed by `JEDA_GAGAL` seconds (brute force from many sessions still hits the
count). Every change and every login attempt goes into the audit trail (readiness/jejak.py) in
the same write transaction; the password and its hash never do.

Changes run inside `readiness.db.writing` (the caller's connection); `masuk` opens its own.
While the table `pengguna` has no row at all the app runs in local mode (akses.LOKAL). A
database whose users are all disabled does NOT fall back to local mode: disabling everyone must
not open the app to anyone; `python -m readiness user enable|reset` brings an account back."""
from __future__ import annotations

import datetime as dt
import time
import unicodedata
from dataclasses import dataclass

import duckdb
import pandas as pd
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from . import akses, db, jejak

PANJANG_MIN = 8
PANJANG_MAKS = 256
NAMA_MAKS = 64
BATAS_GAGAL = 5                          # consecutive failures before the account locks
LAMA_KUNCI = dt.timedelta(minutes=15)
JEDA_GAGAL = 1.0                         # seconds every failed attempt waits before answering

_hasher = PasswordHasher()               # argon2id, time_cost 3, 64 MiB, parallelism 4
# Verified against when the name is unknown, so an unknown name takes as long as a wrong password.
_HASH_KOSONG = _hasher.hash("tidak-ada-pengguna-ini")

SALAH = "Nama pengguna atau kata sandi salah."
NONAKTIF = "Akun ini sudah dinonaktifkan. Hubungi admin desk pilkada."


class PenggunaError(ValueError):
    """A user change that cannot be done; the message is for the user (Indonesian)."""


def _sekarang() -> dt.datetime:
    return dt.datetime.now().replace(microsecond=0)


# --------------------------------------------------------------------------- checks
def periksa_nama(nama: str) -> str:
    nama = (nama or "").strip()
    if not nama:
        raise PenggunaError("Nama pengguna wajib diisi.")
    if len(nama) > NAMA_MAKS:
        raise PenggunaError(f"Nama pengguna paling panjang {NAMA_MAKS} karakter.")
    if any(unicodedata.category(c).startswith("C") for c in nama):
        raise PenggunaError("Nama pengguna tidak boleh memuat karakter kontrol (tab, baris baru, …).")
    return nama


def periksa_sandi(sandi: str) -> None:
    if sandi is None or len(sandi) < PANJANG_MIN:
        raise PenggunaError(f"Kata sandi terlalu pendek: minimal {PANJANG_MIN} karakter.")
    if len(sandi) > PANJANG_MAKS:
        raise PenggunaError(f"Kata sandi terlalu panjang: paling banyak {PANJANG_MAKS} karakter.")
    if not sandi.strip():
        raise PenggunaError("Kata sandi tidak boleh hanya berisi spasi.")


def _periksa_peran(con, peran: str, wilayah: str | None) -> str | None:
    if peran not in akses.PERAN:
        raise PenggunaError(f"Peran '{peran}' tidak dikenal; pilih salah satu: {', '.join(akses.PERAN)}.")
    wilayah = (wilayah or "").strip() or None
    if peran != "pelapor":
        return None
    if wilayah is None:
        raise PenggunaError("Pelapor lapangan harus diberi wilayah: kode kecamatan (mis. 35.13.14) atau kode desa.")
    dikenal = con.execute(
        "select (select count(*) from ref_kecamatan where kode_kecamatan = $w) "
        "+ (select count(*) from ref_desa where kode_desa = $w)", {"w": wilayah}).fetchone()[0]
    if not dikenal:
        raise PenggunaError(f"Wilayah '{wilayah}' tidak dikenal: tulis kode kecamatan (mis. 35.13.14) atau kode desa.")
    return wilayah


def hash_sandi(sandi: str) -> str:
    periksa_sandi(sandi)
    return _hasher.hash(sandi)


# --------------------------------------------------------------------------- reading
def daftar(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Every user, without password hashes (query marts/pengguna)."""
    return db.run(con, "marts/pengguna")


def ada_pengguna(con: duckdb.DuckDBPyConnection) -> bool:
    return con.execute("select count(*) from pengguna").fetchone()[0] > 0


def _baris(con, nama: str) -> dict | None:
    cur = con.execute(
        "select nama, peran, wilayah, aktif, versi_sandi, gagal, terkunci_sampai from pengguna "
        "where lower(nama) = lower($n)", {"n": (nama or "").strip()})
    row = cur.fetchone()
    if row is None:
        return None
    return dict(zip([d[0] for d in cur.description], row))


def _harus_ada(con, nama: str) -> dict:
    row = _baris(con, nama)
    if row is None:
        raise PenggunaError(f"Pengguna '{(nama or '').strip()}' tidak ada.")
    return row


def _ringkas(row: dict) -> dict:
    """What the audit trail keeps of a user: never the hash."""
    return {"peran": row["peran"], "wilayah": row["wilayah"], "aktif": bool(row["aktif"])}


def _sisa_admin_aktif(con, kecuali: str) -> int:
    return con.execute("select count(*) from pengguna where peran = 'admin' and aktif and lower(nama) <> lower($n)",
                       {"n": kecuali}).fetchone()[0]


# --------------------------------------------------------------------------- changes (inside db.writing)
def tambah(con, nama: str, peran: str, sandi: str, *, wilayah: str | None = None,
           pelaku: akses.Pengguna | str | None) -> akses.Pengguna:
    """Add a user (the Pengguna page makes the first one an admin; the command line warns)."""
    nama = periksa_nama(nama)
    wilayah = _periksa_peran(con, peran, wilayah)
    if _baris(con, nama) is not None:
        raise PenggunaError(f"Pengguna '{nama}' sudah ada (nama tidak membedakan huruf besar dan kecil).")
    sandi_hash = hash_sandi(sandi)
    now = _sekarang()
    con.execute("insert into pengguna (nama, peran, wilayah, sandi_hash, dibuat, diubah) "
                "values ($n, $p, $w, $h, $t, $t)", {"n": nama, "p": peran, "w": wilayah, "h": sandi_hash, "t": now})
    jejak.catat(con, pelaku, "pengguna", nama, rincian={"perubahan": "tambah"},
                sesudah={"peran": peran, "wilayah": wilayah, "aktif": True})
    return akses.Pengguna(nama, peran, wilayah)


def atur_sandi(con, nama: str, sandi: str, *, pelaku) -> None:
    """Reset a password: a new hash, the lockout lifted; sessions opened with the old one end."""
    row = _harus_ada(con, nama)
    sandi_hash = hash_sandi(sandi)
    con.execute("update pengguna set sandi_hash = $h, versi_sandi = versi_sandi + 1, gagal = 0, "
                "terkunci_sampai = null, diubah = $t where nama = $n",
                {"h": sandi_hash, "t": _sekarang(), "n": row["nama"]})
    jejak.catat(con, pelaku, "pengguna", row["nama"], rincian={"perubahan": "atur_ulang_sandi"})


def nonaktifkan(con, nama: str, *, pelaku, jaga_admin_terakhir: bool = True) -> None:
    """Disable a user. The app refuses to disable the last active admin (it would lock itself
    out of user management); the command line may (`jaga_admin_terakhir=False`), as it can also
    enable again."""
    row = _harus_ada(con, nama)
    if not row["aktif"]:
        raise PenggunaError(f"Pengguna '{row['nama']}' sudah nonaktif.")
    if jaga_admin_terakhir and row["peran"] == "admin" and _sisa_admin_aktif(con, row["nama"]) == 0:
        raise PenggunaError(f"'{row['nama']}' adalah admin aktif terakhir; tambahkan atau aktifkan admin lain dulu.")
    con.execute("update pengguna set aktif = false, diubah = $t where nama = $n", {"t": _sekarang(), "n": row["nama"]})
    jejak.catat(con, pelaku, "pengguna", row["nama"], rincian={"perubahan": "nonaktifkan"},
                sebelum=_ringkas(row), sesudah={**_ringkas(row), "aktif": False})


def aktifkan(con, nama: str, *, pelaku) -> None:
    row = _harus_ada(con, nama)
    if row["aktif"]:
        raise PenggunaError(f"Pengguna '{row['nama']}' sudah aktif.")
    con.execute("update pengguna set aktif = true, gagal = 0, terkunci_sampai = null, diubah = $t where nama = $n",
                {"t": _sekarang(), "n": row["nama"]})
    jejak.catat(con, pelaku, "pengguna", row["nama"], rincian={"perubahan": "aktifkan"},
                sebelum=_ringkas(row), sesudah={**_ringkas(row), "aktif": True})


def ubah_peran(con, nama: str, peran: str, *, wilayah: str | None = None, pelaku) -> None:
    row = _harus_ada(con, nama)
    wilayah = _periksa_peran(con, peran, wilayah)
    if (peran, wilayah) == (row["peran"], row["wilayah"]):
        raise PenggunaError(f"Peran '{row['nama']}' sudah {akses.PERAN[peran]}.")
    if row["peran"] == "admin" and peran != "admin" and row["aktif"] and _sisa_admin_aktif(con, row["nama"]) == 0:
        raise PenggunaError(f"'{row['nama']}' adalah admin aktif terakhir; tambahkan atau aktifkan admin lain dulu.")
    con.execute("update pengguna set peran = $p, wilayah = $w, diubah = $t where nama = $n",
                {"p": peran, "w": wilayah, "t": _sekarang(), "n": row["nama"]})
    jejak.catat(con, pelaku, "pengguna", row["nama"], rincian={"perubahan": "ubah_peran"},
                sebelum=_ringkas(row), sesudah={**_ringkas(row), "peran": peran, "wilayah": wilayah})


# --------------------------------------------------------------------------- login
@dataclass(frozen=True)
class Hasil:
    """The outcome of one login attempt: `pengguna` and `versi_sandi` when it succeeded."""
    berhasil: bool
    pesan: str
    pengguna: akses.Pengguna | None = None
    versi_sandi: int | None = None


def _cocok(sandi_hash: str, sandi: str) -> bool:
    try:
        return _hasher.verify(sandi_hash, sandi or "")
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def masuk(db_path, nama: str, sandi: str, *, sekarang=_sekarang, tidur=time.sleep,
          jeda: float | None = None) -> Hasil:
    """Check a login and record it (success, failure, lockout) in the audit trail, without the
    password. The count of failures lives in the database, inside the same write as its record,
    so concurrent attempts are counted one by one. `sekarang`/`tidur` are injectable for tests."""
    nama = (nama or "").strip()[:NAMA_MAKS]
    now = sekarang()
    with db.writing(db_path, timeout=15) as con:
        cur = con.execute("select nama, peran, wilayah, sandi_hash, versi_sandi, aktif, gagal, terkunci_sampai "
                          "from pengguna where lower(nama) = lower($n)", {"n": nama})
        row = cur.fetchone()
        if row is None:
            _cocok(_HASH_KOSONG, sandi)
            jejak.catat(con, nama or "(kosong)", "masuk", nama or None, rincian={"hasil": "nama_tidak_dikenal"})
            hasil = Hasil(False, SALAH)
        else:
            nama_asli, peran, wilayah, sandi_hash, versi, aktif, gagal, terkunci = row
            user = akses.Pengguna(nama_asli, peran, wilayah)
            if terkunci is not None and now < terkunci:
                jejak.catat(con, user, "masuk", nama_asli, rincian={"hasil": "ditolak_terkunci",
                                                                    "terkunci_sampai": terkunci})
                hasil = Hasil(False, _pesan_terkunci(terkunci))
            elif not _cocok(sandi_hash, sandi):
                gagal += 1
                kunci = now + LAMA_KUNCI if gagal >= BATAS_GAGAL else None
                con.execute("update pengguna set gagal = $g, terkunci_sampai = $k where nama = $n",
                            {"g": 0 if kunci else gagal, "k": kunci, "n": nama_asli})
                if kunci:
                    jejak.catat(con, user, "masuk", nama_asli, rincian={"hasil": "dikunci", "gagal": gagal,
                                                                        "terkunci_sampai": kunci})
                    hasil = Hasil(False, _pesan_terkunci(kunci))
                else:
                    jejak.catat(con, user, "masuk", nama_asli, rincian={"hasil": "sandi_salah", "gagal": gagal})
                    hasil = Hasil(False, SALAH)
            elif not aktif:
                jejak.catat(con, user, "masuk", nama_asli, rincian={"hasil": "ditolak_nonaktif"})
                hasil = Hasil(False, NONAKTIF)
            else:
                if _hasher.check_needs_rehash(sandi_hash):
                    con.execute("update pengguna set sandi_hash = $h where nama = $n",
                                {"h": _hasher.hash(sandi), "n": nama_asli})
                con.execute("update pengguna set gagal = 0, terkunci_sampai = null, terakhir_masuk = $t "
                            "where nama = $n", {"t": now, "n": nama_asli})
                jejak.catat(con, user, "masuk", nama_asli, rincian={"hasil": "berhasil"})
                hasil = Hasil(True, f"Selamat datang, {nama_asli}.", user, versi)
        taken = jejak.masukkan_tertunda(con, db_path)  # exports recorded while the database was busy
    jejak.selesai_tertunda(db_path, taken)
    if not hasil.berhasil:
        tidur(JEDA_GAGAL if jeda is None else jeda)
    return hasil


def _pesan_terkunci(sampai: dt.datetime) -> str:
    return (f"Terlalu banyak percobaan yang gagal: akun ini dikunci sampai pukul {sampai:%H.%M}. "
            "Coba lagi nanti, atau minta admin mengatur ulang kata sandinya.")


def keluar(db_path, pengguna: akses.Pengguna, *, alasan: str = "keluar") -> None:
    """Record a logout (or an ended session: alasan 'sesi_berakhir')."""
    with db.writing(db_path, timeout=15) as con:
        jejak.catat(con, pengguna, "keluar", pengguna.nama, rincian={"alasan": alasan})
