"""What a user change must meet before anything is written: a name, a password, a role (and a field
reporter's area, or the kab/kota a user of a province is limited to); `PenggunaError` carries the refusal, in Indonesian, for the user."""

from __future__ import annotations

import unicodedata

from .. import akses, db, teks

PANJANG_MIN = 8

PANJANG_MAKS = 256

NAMA_MAKS = 64


class PenggunaError(ValueError):
    """A user change that cannot be done; the message is for the user (Indonesian)."""


def periksa_nama(nama: str) -> str:
    nama = (nama or "").strip()
    if not nama:
        raise PenggunaError("Nama pengguna wajib diisi.")
    if len(nama) > NAMA_MAKS:
        raise PenggunaError(f"Nama pengguna paling panjang {NAMA_MAKS} karakter.")
    if any(unicodedata.category(c).startswith("C") for c in nama):
        raise PenggunaError("Nama pengguna tidak boleh memuat karakter kontrol (tab, baris baru, …).")
    if nama.casefold() in teks.PELAKU:  # the audit trail's words for the command line and local mode
        raise PenggunaError(
            f"Nama pengguna '{nama}' dipakai Jejak Audit untuk {teks.PELAKU[nama.casefold()]}; pilih nama lain."
        )
    return nama


def periksa_sandi(sandi: str) -> None:
    if sandi is None or len(sandi) < PANJANG_MIN:
        raise PenggunaError(f"Kata sandi terlalu pendek: minimal {PANJANG_MIN} karakter.")
    if len(sandi) > PANJANG_MAKS:
        raise PenggunaError(f"Kata sandi terlalu panjang: paling banyak {PANJANG_MAKS} karakter.")
    if not sandi.strip():
        raise PenggunaError("Kata sandi tidak boleh hanya berisi spasi.")


def periksa_peran(db_path, peran: str, wilayah: str | None) -> str | None:
    """The area to store with a role: a field reporter's known kecamatan or desa code, None for the others."""
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


def periksa_kabkota(db_path, peran: str, kabkota: str | None) -> str | None:
    """The kab/kota to store with a role (a code of the installation's kab/kota), or None: the whole
    installation. An admin (settings, users) and a field reporter (limited by their area) are never limited."""
    kabkota = (kabkota or "").strip() or None
    if kabkota is None:
        return None
    if peran == "admin":
        raise PenggunaError("Admin mengelola seluruh wilayah dan tidak dapat dibatasi pada satu kabupaten/kota.")
    if peran == "pelapor":
        raise PenggunaError("Pelapor lapangan sudah dibatasi pada wilayah tugasnya; kosongkan kabupaten/kotanya.")
    nama = akses.nama_kabkota(db_path)
    kode = [k for k in nama if k != "*"]
    if kabkota not in kode:
        if not kode:
            raise PenggunaError(f"{nama['*']} tidak memiliki kabupaten/kota untuk membatasi pengguna.")
        raise PenggunaError(
            f"Kabupaten/kota '{kabkota}' tidak ada di {nama['*']}: tulis kodenya, mis. {kode[0]} ({nama[kode[0]]})."
        )
    return kabkota
