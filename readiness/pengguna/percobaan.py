"""The login: one attempt checked, throttled and recorded (`masuk`).

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
"""

from __future__ import annotations

import hashlib
import hmac
import math
import time
from dataclasses import dataclass

from .. import akses, catatan, fmt, jejak
from .aturan import NAMA_MAKS
from .sandi import cocok, hash_kosong, hash_ulang
from .sesi import sesi_baru

JEDA_GAGAL = 1.0  # seconds every failed attempt waits before answering

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

SALAH = "Nama pengguna atau kata sandi salah."

NONAKTIF = "Akun ini sudah dinonaktifkan. Hubungi admin desk pilkada."


def pesan_tunggu(detik: float) -> str:
    """The answer to a throttled attempt: it depends on the count of failures only, never on
    whether the name exists."""
    detik = max(1, math.ceil(detik))
    waktu = f"{fmt.angka(detik)} detik" if detik < 90 else f"{fmt.angka(math.ceil(detik / 60))} menit"
    return f"Terlalu banyak percobaan masuk yang gagal. Coba lagi dalam {waktu}."


def samaran(nama: str) -> str:
    """A typed name as the trail shows it when it is not a user's: its first two characters and
    its length (`ad*****`), never more — it may be a password typed into the wrong field."""
    nama = nama or ""
    if not nama:
        return "(kosong)"
    awal = nama[:2] if len(nama) > 4 else nama[:1]
    return awal + "*" * (len(nama) - len(awal))


@dataclass(frozen=True)
class HasilMasuk:
    """The outcome of one login attempt: the user and a new session's token when it succeeded."""

    berhasil: bool
    pesan: str
    pengguna: akses.Pengguna | None = None
    token: str | None = None


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


def _gagal(con, now: float, sumber: str, row, nama: str, kode_hasil: str, *, ditahan: bool = False) -> None:
    """catat_gagal for the account `row`, or without one for the name typed (shown by its alias)."""
    tampil, peran = (row["nama"], row["peran"]) if row else (samaran(nama), None)
    catat_gagal(con, now, sumber, tampil, peran, kode_hasil, ditahan=ditahan)


_AKUN = "select nama, peran, wilayah, kabkota, sandi_hash, versi_sandi, aktif from pengguna where nama = ?"


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
        keys, tunggu, row, per_nama = _hitung_percobaan(con, nama, sumber, now)
    if tunggu > 0:
        tidur(JEDA_GAGAL if jeda is None else jeda)
        return HasilMasuk(False, pesan_tunggu(tunggu))
    if per_nama >= BEBAS_NAMA:
        tidur(min(JEDA_NAMA_MAKS, 0.25 * 2.0 ** min(per_nama - BEBAS_NAMA, 10)))
    cocok_ = cocok(row["sandi_hash"] if row else hash_kosong(), sandi) and row is not None
    with catatan.tulis(db_path) as con:
        hasil = _putuskan(con, nama, sandi, row, cocok_, sumber=sumber, now=now, keys=keys)
    if not hasil.berhasil:
        tidur(JEDA_GAGAL if jeda is None else jeda)
    return hasil


def _hitung_percobaan(con, nama: str, sumber: str, now: float) -> tuple[dict, float, object, int]:
    """The attempt counted before its password is checked: the keys it is counted under, how long
    it must still wait (> 0: refused unchecked), the user's row (None: no such user) and the
    failures counted for the name."""
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
    row = con.execute(_AKUN, (nama,)).fetchone()
    per_nama = 0
    if tunggu > 0:
        _gagal(con, now, sumber, row, nama, "ditahan", ditahan=True)
    else:
        # Counted before the check, so attempts at the same moment are counted one by one.
        _hitung(con, keys["ns"], now, BEBAS_NAMA_SUMBER, JEDA_NAMA_SUMBER_MAKS)
        _hitung(con, keys["s"], now, BEBAS_SUMBER, JEDA_SUMBER_MAKS)
        per_nama, _ = _hitung(con, keys["n"], now, BEBAS_NAMA, 0.0)
    return keys, tunggu, row, per_nama


def _putuskan(con, nama: str, sandi: str, row, cocok_: bool, *, sumber: str, now: float, keys: dict) -> HasilMasuk:
    """The answer to a checked attempt, recorded; on success the counts taken back and a session opened."""
    if cocok_:  # read again: the account may have changed during the check
        row = con.execute(_AKUN + " and sandi_hash = ?", (row["nama"], row["sandi_hash"])).fetchone()
        cocok_ = row is not None
    if not cocok_:
        _gagal(con, now, sumber, row, nama, "sandi_salah" if row else "nama_tidak_dikenal")
        return HasilMasuk(False, SALAH)
    if not row["aktif"]:
        catat_gagal(con, now, sumber, row["nama"], row["peran"], "ditolak_nonaktif")
        return HasilMasuk(False, NONAKTIF)
    # The success takes back what was counted ahead for it.
    con.execute("delete from percobaan where kunci in (?, ?)", (keys["ns"], keys["n"]))
    con.execute("update percobaan set gagal = max(gagal - 1, 0) where kunci = ?", (keys["s"],))
    if baru := hash_ulang(row["sandi_hash"], sandi):
        con.execute("update pengguna set sandi_hash = ? where nama = ?", (baru, row["nama"]))
    con.execute("update pengguna set terakhir_masuk = ? where nama = ?", (catatan.sekarang(), row["nama"]))
    user = akses.Pengguna(row["nama"], row["peran"], row["wilayah"], kabkota=row["kabkota"])
    jejak.catat(con, user, "masuk", row["nama"], rincian={"hasil": "berhasil", "sumber": sumber})
    token = sesi_baru(con, row["nama"], row["versi_sandi"], now)
    return HasilMasuk(True, f"Selamat datang, {row['nama']}.", user, token)
