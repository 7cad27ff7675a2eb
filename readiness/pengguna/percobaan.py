"""App users: who may log in, with which role; the login itself, its throttling, and sessions.

Everything here lives in the small-records store (readiness/catatan.py, SQLite beside the DuckDB
file): a login costs a few milliseconds of writing plus the argon2id check, and never takes the
analytical file's lock. Each user change and its audit record commit in one transaction; the
password and its hash never reach the trail.

Passwords are kept only as argon2id hashes (argon2-cffi, its RFC 9106 low-memory profile).

Throttling instead of lockouts (a lockout lets anyone lock an admin out at will). Failures are
counted per (name, source), per source and per name, where the source is the client's address as
the web server saw it; a run of failures is forgotten after `JENDELA` without one. Each attempt
is counted before its password is checked, so concurrent attempts are counted one by one, and a
success takes its count back.
- per (name, source) after `BEBAS_NAMA_SUMBER` failures and per source after `BEBAS_SUMBER`: the
  next attempt is answered only after a wait doubling from 1 s up to the cap; an attempt earlier
  than that is refused unchecked, with `pesan_tunggu`;
- per name, from any source, after `BEBAS_NAMA`: every attempt is slowed, never refused (at most
  `JEDA_NAMA_MAKS`), so whoever hammers a name from one place cannot keep its owner out elsewhere.
The answers never tell whether a name exists: an unknown name and a wrong password both get
`SALAH` (after a check against a dummy hash, so they take as long), and the throttling is keyed
by the name as typed, existing or not. Only after the right password does a disabled account
hear that it is disabled.

Failed attempts go to the audit trail bounded: per source, name shown and `JENDELA`, one row and
a counter (table jejak_ulang); at most `BARIS_PER_SUMBER` such rows per source and window (more
names are counted together as `NAMA_LAIN`); a name that is not a user is shown masked
(`samaran`: people type their password into the name field).

Sessions: a login creates a random token; the browser keeps it in a cookie, the store only its
SHA-256, with the user, password version and last activity. A session ends at logout, after
`BATAS_DIAM` without activity, and when the password is reset or the account disabled.

While the table `pengguna` has no row at all the app runs in local mode (akses.LOKAL). A store
whose users are all disabled does NOT fall back to local mode: disabling everyone must not open
the app to anyone; `python -m readiness user enable|reset` brings an account back."""

from __future__ import annotations

import functools
import hashlib
import hmac
import math
import secrets
import sqlite3
import time
import unicodedata
from dataclasses import dataclass

import pandas as pd
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from .. import akses, catatan, db, fmt, jejak

PANJANG_MIN = 8
PANJANG_MAKS = 256
NAMA_MAKS = 64
JEDA_GAGAL = 1.0  # seconds every failed attempt waits before answering
BATAS_DIAM = 8 * 3600  # seconds without activity after which a session ends
SEGARKAN_SESI = 60.0  # a session's last activity is written at most this often

JENDELA = 15 * 60  # a run of failures is forgotten after this long without one
BEBAS_NAMA_SUMBER = 3  # failures per (name, source) before attempts are spaced out
JEDA_NAMA_SUMBER_MAKS = 300.0
BEBAS_SUMBER = 20  # failures per source (any names) before attempts are spaced out
JEDA_SUMBER_MAKS = 120.0
BEBAS_NAMA = 10  # failures per name (any source) before each attempt is slowed
JEDA_NAMA_MAKS = 2.0
BARIS_PER_SUMBER = 20  # failed-login trail rows per source and window
NAMA_LAIN = "(nama lain)"
SUMBER_LOKAL = "lokal"  # the server's own machine (Streamlit gives no address for it)

_hasher = PasswordHasher()  # argon2id, time_cost 3, 64 MiB, parallelism 4


@functools.cache
def _hash_kosong() -> str:
    """Verified against when the name is unknown, so an unknown name takes as long as a wrong password."""
    return _hasher.hash("tidak-ada-pengguna-ini")


SALAH = "Nama pengguna atau kata sandi salah."
_ADMIN_TERAKHIR = "'{}' adalah admin aktif terakhir; tambahkan atau aktifkan admin lain dulu."
NONAKTIF = "Akun ini sudah dinonaktifkan. Hubungi admin desk pilkada."


class PenggunaError(ValueError):
    """A user change that cannot be done; the message is for the user (Indonesian)."""


def pesan_tunggu(detik: float) -> str:
    """The answer to a throttled attempt: it depends on the count of failures only, never on
    whether the name exists."""
    detik = max(1, math.ceil(detik))
    waktu = f"{fmt.angka(detik)} detik" if detik < 90 else f"{fmt.angka(math.ceil(detik / 60))} menit"
    return f"Terlalu banyak percobaan masuk yang gagal. Coba lagi dalam {waktu}."


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


def _periksa_peran(db_path, peran: str, wilayah: str | None) -> str | None:
    if peran not in akses.PERAN:
        raise PenggunaError(f"Peran '{peran}' tidak dikenal; pilih salah satu: {', '.join(akses.PERAN)}.")
    wilayah = (wilayah or "").strip() or None
    if peran != "pelapor":
        return None
    if wilayah is None:
        raise PenggunaError("Pelapor lapangan harus diberi wilayah: kode kecamatan (mis. 35.13.14) atau kode desa.")
    con = db.connect_read(db_path)  # the reference places live in the analytical file (read only)
    try:
        dikenal = con.execute(
            "select (select count(*) from ref_kecamatan where kode_kecamatan = $w) "
            "+ (select count(*) from ref_desa where kode_desa = $w)",
            {"w": wilayah},
        ).fetchone()[0]
    finally:
        con.close()
    if not dikenal:
        raise PenggunaError(f"Wilayah '{wilayah}' tidak dikenal: tulis kode kecamatan (mis. 35.13.14) atau kode desa.")
    return wilayah


def hash_sandi(sandi: str) -> str:
    periksa_sandi(sandi)
    return _hasher.hash(sandi)


def samaran(nama: str) -> str:
    """A typed name as the trail shows it when it is not a user's: its first two characters and
    its length (`ad*****`), never more — it may be a password typed into the wrong field."""
    nama = nama or ""
    if not nama:
        return "(kosong)"
    awal = nama[:2] if len(nama) > 4 else nama[:1]
    return awal + "*" * (len(nama) - len(awal))


# --------------------------------------------------------------------------- reading
def daftar(db_path) -> pd.DataFrame:
    """Every user without password hashes (the Pengguna page), by name."""
    with catatan.baca(db_path) as con:
        rows = con.execute(
            "select nama, peran, wilayah, aktif, versi_sandi, dibuat, diubah, terakhir_masuk "
            "from pengguna order by lower(nama)"
        ).fetchall()
    frame = pd.DataFrame(
        [tuple(r) for r in rows],
        columns=["nama", "peran", "wilayah", "aktif", "versi_sandi", "dibuat", "diubah", "terakhir_masuk"],
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
        return _baris(con, nama)


def _baris(con: sqlite3.Connection, nama: str) -> dict | None:
    row = con.execute(
        "select nama, peran, wilayah, aktif, versi_sandi from pengguna where nama = ?", ((nama or "").strip(),)
    ).fetchone()  # the column compares without case
    return None if row is None else {**dict(row), "aktif": bool(row["aktif"])}


def _harus_ada(con, nama: str) -> dict:
    row = _baris(con, nama)
    if row is None:
        raise PenggunaError(f"Pengguna '{(nama or '').strip()}' tidak ada.")
    return row


def _ringkas(row: dict) -> dict:
    """What the audit trail keeps of a user: never the hash."""
    return {"peran": row["peran"], "wilayah": row["wilayah"], "aktif": bool(row["aktif"])}


def _sisa_admin_aktif(con, kecuali: str) -> int:
    return con.execute(
        "select count(*) from pengguna where peran = 'admin' and aktif and nama <> ?", (kecuali,)
    ).fetchone()[0]


def _akhiri_sesi_pengguna(con, nama: str) -> int:
    return con.execute("delete from sesi where nama = ?", (nama,)).rowcount


# --------------------------------------------------------------------------- changes
def tambah(
    db_path, nama: str, peran: str, sandi: str, *, wilayah: str | None = None, pelaku: akses.Pengguna | str | None
) -> akses.Pengguna:
    """Add a user (the Pengguna page makes the first one an admin; the command line warns)."""
    nama = periksa_nama(nama)
    wilayah = _periksa_peran(db_path, peran, wilayah)
    sandi_hash = hash_sandi(sandi)  # before the transaction: the store is not held during argon2
    with catatan.tulis(db_path) as con:
        if _baris(con, nama) is not None:
            raise PenggunaError(f"Pengguna '{nama}' sudah ada (nama tidak membedakan huruf besar dan kecil).")
        now = catatan.sekarang()
        con.execute(
            "insert into pengguna (nama, peran, wilayah, sandi_hash, dibuat, diubah) values (?, ?, ?, ?, ?, ?)",
            (nama, peran, wilayah, sandi_hash, now, now),
        )
        jejak.catat(
            con,
            pelaku,
            "pengguna",
            nama,
            rincian={"perubahan": "tambah"},
            sesudah={"peran": peran, "wilayah": wilayah, "aktif": True},
        )
    return akses.Pengguna(nama, peran, wilayah)


def atur_sandi(db_path, nama: str, sandi: str, *, pelaku) -> int:
    """Reset a password: a new hash and password version; every session of the user ends.
    Returns the new version."""
    sandi_hash = hash_sandi(sandi)
    with catatan.tulis(db_path) as con:
        row = _harus_ada(con, nama)
        con.execute(
            "update pengguna set sandi_hash = ?, versi_sandi = versi_sandi + 1, diubah = ? where nama = ?",
            (sandi_hash, catatan.sekarang(), row["nama"]),
        )
        berakhir = _akhiri_sesi_pengguna(con, row["nama"])
        jejak.catat(
            con, pelaku, "pengguna", row["nama"], rincian={"perubahan": "atur_ulang_sandi", "sesi_diakhiri": berakhir}
        )
        return row["versi_sandi"] + 1


def nonaktifkan(db_path, nama: str, *, pelaku, jaga_admin_terakhir: bool = True) -> None:
    """Disable a user and end their sessions. The app refuses to disable the last active admin
    (it would lock itself out of user management); the command line may
    (`jaga_admin_terakhir=False`), as it can also enable again."""
    with catatan.tulis(db_path) as con:
        row = _harus_ada(con, nama)
        if not row["aktif"]:
            raise PenggunaError(f"Pengguna '{row['nama']}' sudah nonaktif.")
        if jaga_admin_terakhir and row["peran"] == "admin" and _sisa_admin_aktif(con, row["nama"]) == 0:
            raise PenggunaError(_ADMIN_TERAKHIR.format(row["nama"]))
        con.execute("update pengguna set aktif = 0, diubah = ? where nama = ?", (catatan.sekarang(), row["nama"]))
        berakhir = _akhiri_sesi_pengguna(con, row["nama"])
        jejak.catat(
            con,
            pelaku,
            "pengguna",
            row["nama"],
            rincian={"perubahan": "nonaktifkan", "sesi_diakhiri": berakhir},
            sebelum=_ringkas(row),
            sesudah={**_ringkas(row), "aktif": False},
        )


def aktifkan(db_path, nama: str, *, pelaku) -> None:
    with catatan.tulis(db_path) as con:
        row = _harus_ada(con, nama)
        if row["aktif"]:
            raise PenggunaError(f"Pengguna '{row['nama']}' sudah aktif.")
        con.execute("update pengguna set aktif = 1, diubah = ? where nama = ?", (catatan.sekarang(), row["nama"]))
        jejak.catat(
            con,
            pelaku,
            "pengguna",
            row["nama"],
            rincian={"perubahan": "aktifkan"},
            sebelum=_ringkas(row),
            sesudah={**_ringkas(row), "aktif": True},
        )


def ubah_peran(db_path, nama: str, peran: str, *, wilayah: str | None = None, pelaku) -> None:
    wilayah = _periksa_peran(db_path, peran, wilayah)
    with catatan.tulis(db_path) as con:
        row = _harus_ada(con, nama)
        if (peran, wilayah) == (row["peran"], row["wilayah"]):
            raise PenggunaError(f"Peran '{row['nama']}' sudah {akses.PERAN[peran]}.")
        if row["peran"] == "admin" and peran != "admin" and row["aktif"] and _sisa_admin_aktif(con, row["nama"]) == 0:
            raise PenggunaError(_ADMIN_TERAKHIR.format(row["nama"]))
        con.execute(
            "update pengguna set peran = ?, wilayah = ?, diubah = ? where nama = ?",
            (peran, wilayah, catatan.sekarang(), row["nama"]),
        )
        jejak.catat(
            con,
            pelaku,
            "pengguna",
            row["nama"],
            rincian={"perubahan": "ubah_peran"},
            sebelum=_ringkas(row),
            sesudah={**_ringkas(row), "peran": peran, "wilayah": wilayah},
        )


# --------------------------------------------------------------------------- login
@dataclass(frozen=True)
class HasilMasuk:
    """The outcome of one login attempt: the user and a new session's token when it succeeded."""

    berhasil: bool
    pesan: str
    pengguna: akses.Pengguna | None = None
    token: str | None = None


def _cocok(sandi_hash: str, sandi: str) -> bool:
    try:
        return _hasher.verify(sandi_hash, sandi or "")
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def _jeda(gagal: int, bebas: int, maks: float) -> float:
    """The wait after `gagal` failures: none for the first `bebas - 1`, then 1 s doubling to `maks`."""
    return 0.0 if gagal < bebas else min(maks, 2.0 ** min(gagal - bebas, 30))


def _kunci_nama(con, nama: str) -> str:
    key = catatan.meta(con, "kunci_percobaan").encode()
    return hmac.new(key, nama.lower().encode("utf-8"), hashlib.sha256).hexdigest()[:32]


def _hitung(con, kunci: str, now: float, bebas: int, maks: float) -> tuple[int, float]:
    """Count one failure for `kunci`; returns (failures in this run, wait before the next attempt)."""
    row = con.execute("select gagal, terakhir from percobaan where kunci = ?", (kunci,)).fetchone()
    gagal = 1 if row is None or now - row["terakhir"] > JENDELA else row["gagal"] + 1
    jeda = _jeda(gagal, bebas, maks)
    # No wait asked: 0, not `now`. Attempts at the same moment read their clocks before taking
    # the writer lock in turn, and one must not be held back by another's "no wait".
    con.execute(
        "insert or replace into percobaan (kunci, gagal, terakhir, boleh_lagi) values (?, ?, ?, ?)",
        (kunci, gagal, now, now + jeda if jeda > 0 else 0.0),
    )
    return gagal, jeda


def catat_gagal(
    con, now: float, sumber: str, tampil: str, peran: str | None, kode_hasil: str, *, ditahan: bool = False
) -> None:
    """A failed or refused login in the trail, bounded: one row per (window, source, name shown)
    with a counter, at most BARIS_PER_SUMBER rows per source and window. `kode_hasil` is the
    trail's `hasil` (`sandi_salah`, `ditahan`, …)."""
    jendela = int(now // JENDELA)
    waktu = catatan.sekarang()
    for nama in (tampil, NAMA_LAIN):
        found = con.execute(
            "update jejak_ulang set jumlah = jumlah + 1, ditahan = ditahan + ?, terakhir = ? "
            "where jendela = ? and sumber = ? and tampil = ?",
            (int(ditahan), waktu, jendela, sumber, nama),
        ).rowcount
        if found:
            return
        rows = con.execute(
            "select count(*) from jejak_ulang where jendela = ? and sumber = ?", (jendela, sumber)
        ).fetchone()[0]
        if rows < BARIS_PER_SUMBER or nama == NAMA_LAIN:
            jejak_id = jejak.catat(
                con,
                akses.Pengguna(nama, peran) if peran and nama == tampil else nama,
                "masuk",
                nama,
                rincian={"hasil": kode_hasil, "sumber": sumber},
            )
            con.execute(
                "insert into jejak_ulang values (?, ?, ?, ?, 1, ?, ?)",
                (jendela, sumber, nama, jejak_id, int(ditahan), waktu),
            )
            return


def masuk(
    db_path,
    nama: str,
    sandi: str,
    *,
    sumber: str | None = None,
    jam=time.time,
    tidur=time.sleep,
    jeda: float | None = None,
) -> HasilMasuk:
    """Check a login, throttled (see the module's docstring), and record it without the password.
    On success a session is opened (`HasilMasuk.token`, for the browser's cookie). `sumber` is the
    client's address (None: this machine); `jam`/`tidur` are injectable for tests."""
    nama = (nama or "").strip()[:NAMA_MAKS]
    sumber = (sumber or SUMBER_LOKAL)[:64]
    now = jam()
    with catatan.tulis(db_path) as con:
        con.execute("delete from percobaan where terakhir < ? and boleh_lagi < ?", (now - JENDELA, now))
        h = _kunci_nama(con, nama)
        keys = {"ns": f"ns:{h}|{sumber}", "s": f"s:{sumber}", "n": f"n:{h}"}
        tunggu = max(
            (
                r["boleh_lagi"] - now
                for r in con.execute("select boleh_lagi from percobaan where kunci in (?, ?)", (keys["ns"], keys["s"]))
            ),
            default=0.0,
        )
        row = con.execute(
            "select nama, peran, wilayah, sandi_hash, versi_sandi, aktif from pengguna where nama = ?", (nama,)
        ).fetchone()
        if tunggu > 0:
            catat_gagal(
                con,
                now,
                sumber,
                row["nama"] if row else samaran(nama),
                row["peran"] if row else None,
                "ditahan",
                ditahan=True,
            )
        else:
            # Counted before the check, so attempts at the same moment are counted one by one.
            _hitung(con, keys["ns"], now, BEBAS_NAMA_SUMBER, JEDA_NAMA_SUMBER_MAKS)
            _hitung(con, keys["s"], now, BEBAS_SUMBER, JEDA_SUMBER_MAKS)
            per_nama, _ = _hitung(con, keys["n"], now, BEBAS_NAMA, 0.0)
    if tunggu > 0:
        tidur(JEDA_GAGAL if jeda is None else jeda)
        return HasilMasuk(False, pesan_tunggu(tunggu))
    if per_nama >= BEBAS_NAMA:
        tidur(min(JEDA_NAMA_MAKS, 0.25 * 2.0 ** min(per_nama - BEBAS_NAMA, 10)))
    cocok = _cocok(row["sandi_hash"] if row else _hash_kosong(), sandi) and row is not None
    with catatan.tulis(db_path) as con:
        if cocok:  # read again: the account may have changed during the check
            row = con.execute(
                "select nama, peran, wilayah, sandi_hash, versi_sandi, aktif from pengguna "
                "where nama = ? and sandi_hash = ?",
                (row["nama"], row["sandi_hash"]),
            ).fetchone()
            cocok = row is not None
        if not cocok:
            catat_gagal(
                con,
                now,
                sumber,
                row["nama"] if row else samaran(nama),
                row["peran"] if row else None,
                "sandi_salah" if row else "nama_tidak_dikenal",
            )
            hasil = HasilMasuk(False, SALAH)
        elif not row["aktif"]:
            catat_gagal(con, now, sumber, row["nama"], row["peran"], "ditolak_nonaktif")
            hasil = HasilMasuk(False, NONAKTIF)
        else:
            # The success takes back what was counted ahead for it.
            con.execute("delete from percobaan where kunci in (?, ?)", (keys["ns"], keys["n"]))
            con.execute("update percobaan set gagal = max(gagal - 1, 0) where kunci = ?", (keys["s"],))
            if _hasher.check_needs_rehash(row["sandi_hash"]):
                con.execute("update pengguna set sandi_hash = ? where nama = ?", (_hasher.hash(sandi), row["nama"]))
            con.execute("update pengguna set terakhir_masuk = ? where nama = ?", (catatan.sekarang(), row["nama"]))
            user = akses.Pengguna(row["nama"], row["peran"], row["wilayah"])
            jejak.catat(con, user, "masuk", row["nama"], rincian={"hasil": "berhasil", "sumber": sumber})
            token = _buka_sesi(con, row["nama"], row["versi_sandi"], now)
            hasil = HasilMasuk(True, f"Selamat datang, {row['nama']}.", user, token)
    if not hasil.berhasil:
        tidur(JEDA_GAGAL if jeda is None else jeda)
    return hasil


# --------------------------------------------------------------------------- sessions
def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode("ascii", errors="replace")).hexdigest()


def _buka_sesi(con, nama: str, versi: int, now: float) -> str:
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
        row = _harus_ada(con, nama)
        if not row["aktif"]:
            raise PenggunaError(f"Pengguna '{row['nama']}' sudah nonaktif.")
        return _buka_sesi(con, row["nama"], row["versi_sandi"], jam())


def periksa_sesi(db_path, token_hash: str, *, jam=time.time) -> akses.Pengguna | str:
    """The user of a session, re-read on every call; or why there is none: 'berakhir' (logged
    out, password reset, account disabled or unknown token) or 'diam' (idle longer than
    BATAS_DIAM). An ended session is removed; activity is written at most every SEGARKAN_SESI."""
    now = jam()
    with catatan.baca(db_path) as con:
        row = con.execute(
            "select s.terakhir, s.versi_sandi as versi_sesi, p.nama, p.peran, p.wilayah, p.aktif, "
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
    if alasan or now - row["terakhir"] > SEGARKAN_SESI:
        with catatan.tulis(db_path) as con:
            if alasan:
                con.execute("delete from sesi where token_hash = ?", (token_hash,))
            else:
                con.execute("update sesi set terakhir = ? where token_hash = ?", (now, token_hash))
    if alasan:
        return alasan
    return akses.Pengguna(row["nama"], row["peran"], row["wilayah"])


def keluar(db_path, pengguna: akses.Pengguna, token_hash: str | None = None, *, alasan: str = "keluar") -> None:
    """Log out: the session is removed and the logout recorded, in one transaction."""
    with catatan.tulis(db_path) as con:
        if token_hash:
            con.execute("delete from sesi where token_hash = ?", (token_hash,))
        jejak.catat(con, pengguna, "keluar", pengguna.nama, rincian={"alasan": alasan})


# --------------------------------------------------------------------------- exports
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
            row = _baris(con, pengguna.nama)
            if not (row and row["aktif"] and akses.boleh(akses.Pengguna(row["nama"], row["peran"]), "ekspor")):
                raise akses.TidakBoleh(pengguna, "ekspor")
        jejak.catat(con, pengguna, "ekspor", file_name)
