"""App users: who may log in, with which role; the login itself, its throttling, and sessions.

Everything here lives in the small-records store (readiness/catatan.py, SQLite beside the DuckDB
file): a login costs a few milliseconds of writing plus the argon2id check, and never takes the
analytical file's lock. Each user change and its audit record commit in one transaction; the
password and its hash never reach the trail.

While the table `pengguna` has no row at all the app runs in local mode (akses.LOKAL). A store
whose users are all disabled does NOT fall back to local mode: disabling everyone must not open
the app to anyone; `python -m readiness user enable|reset` brings an account back.

- `aturan`: what a name, a password and a role must be (`PenggunaError`);
- `sandi`: passwords kept as argon2id hashes, and their check;
- `akun`: the accounts: reading, adding, password reset, disabling, enabling, change of role; the
  server's check before an export;
- `sesi`: sessions: opened at login, re-read on every page, ended at logout or when idle;
- `percobaan`: the login itself, its throttling and its bounded trail of failures;
- `tabel`: the users as the Pengguna page shows them, and what its forms refuse.

Roles and what each may do are readiness/akses.py (every layer asks it, so it stays a module of its
own); the `user` commands are readiness/cli_user.py, beside the other commands.

May import: the rest of the core (readiness.akses, catatan, db, fmt, jejak, teks), argon2, pandas and
sqlite3; never streamlit, app/ or pages/.

Callers use the names below: `from readiness import pengguna; pengguna.masuk(...)`.
"""

from . import tabel  # noqa: F401  (pengguna.tabel: the Pengguna page's table)
from .akun import (
    ada_pengguna,
    aktifkan,
    atur_sandi,
    cari,
    catat_ekspor,
    daftar,
    jumlah_admin_aktif,
    nonaktifkan,
    tambah,
    ubah_peran,
)
from .aturan import NAMA_MAKS, PANJANG_MAKS, PANJANG_MIN, PenggunaError, periksa_nama, periksa_sandi
from .percobaan import (
    BARIS_PER_SUMBER,
    BEBAS_NAMA,
    BEBAS_NAMA_SUMBER,
    BEBAS_SUMBER,
    JEDA_GAGAL,
    JEDA_NAMA_MAKS,
    JEDA_NAMA_SUMBER_MAKS,
    JEDA_SUMBER_MAKS,
    JENDELA,
    NAMA_LAIN,
    NONAKTIF,
    SALAH,
    SUMBER_LOKAL,
    HasilMasuk,
    catat_gagal,
    masuk,
    pesan_tunggu,
    samaran,
)
from .sandi import hash_sandi
from .sesi import BATAS_DIAM, SEGARKAN_SESI, buka_sesi, hash_token, keluar, periksa_sesi

__all__ = [
    "BARIS_PER_SUMBER",
    "BATAS_DIAM",
    "BEBAS_NAMA",
    "BEBAS_NAMA_SUMBER",
    "BEBAS_SUMBER",
    "JEDA_GAGAL",
    "JEDA_NAMA_MAKS",
    "JEDA_NAMA_SUMBER_MAKS",
    "JEDA_SUMBER_MAKS",
    "JENDELA",
    "NAMA_LAIN",
    "NAMA_MAKS",
    "NONAKTIF",
    "PANJANG_MAKS",
    "PANJANG_MIN",
    "SALAH",
    "SEGARKAN_SESI",
    "SUMBER_LOKAL",
    "HasilMasuk",
    "PenggunaError",
    "ada_pengguna",
    "aktifkan",
    "atur_sandi",
    "buka_sesi",
    "cari",
    "catat_ekspor",
    "catat_gagal",
    "daftar",
    "hash_sandi",
    "hash_token",
    "jumlah_admin_aktif",
    "keluar",
    "masuk",
    "nonaktifkan",
    "periksa_nama",
    "periksa_sandi",
    "periksa_sesi",
    "pesan_tunggu",
    "samaran",
    "tambah",
    "ubah_peran",
]
