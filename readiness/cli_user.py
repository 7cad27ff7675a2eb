"""`python -m readiness user add|reset|disable|enable NAME [--db PATH] [--role …] [--wilayah KODE]
[--kabkota KODE] [--password-stdin]`: manage app users from the command line. Users live in the small-records
store (readiness/catatan.py), so this works while the dashboard or an upload is running. Every
change is recorded in the audit trail as done by 'cli'. The password is read from stdin (one
line) or asked twice without echo; it is never printed."""

from __future__ import annotations

import getpass
import sys

from . import akses, catatan, db, jejak, pengguna


def _sandi(args, say) -> str | None:
    if args.password_stdin:
        line = sys.stdin.readline()
        return line[:-1] if line.endswith("\n") else line
    try:
        first = getpass.getpass(f"Kata sandi untuk {args.name}: ")
        second = getpass.getpass("Ulangi kata sandi: ")
    except (EOFError, KeyboardInterrupt):
        say("GALAT: kata sandi tidak dimasukkan; tidak ada yang diubah.")
        return None
    if first != second:
        say("GALAT: kedua kata sandi tidak sama; tidak ada yang diubah.")
        return None
    return first


def user(args, say) -> int:
    if args.action != "add" and (args.role or args.wilayah or args.kabkota):
        say(
            "GALAT: --role, --wilayah dan --kabkota hanya untuk 'user add'. "
            "Ubah peran dan kabupaten/kota pengguna di halaman Pengguna."
        )
        return 2
    db.ensure_database(args.db, on_wait=say)  # every command creates the database when missing
    # Say "unknown user" / "already exists" before asking for a password nobody will use.
    ada = pengguna.cari(args.db, args.name) is not None
    if args.action == "add" and ada:
        say(f"GALAT: Pengguna '{args.name.strip()}' sudah ada. Tidak ada yang diubah.")
        return 1
    if args.action != "add" and not ada:
        say(f"GALAT: Pengguna '{args.name.strip()}' tidak ada. Tidak ada yang diubah.")
        return 1
    needs_password = args.action in ("add", "reset")
    sandi = None
    if needs_password:
        sandi = _sandi(args, say)
        if sandi is None:
            return 1
        try:
            pengguna.periksa_sandi(sandi)
        except pengguna.PenggunaError as exc:
            say(f"GALAT: {exc} Tidak ada yang diubah.")
            return 1
    try:
        if args.action == "add":
            peran = args.role
            bawaan = peran is None
            if bawaan:
                peran = "pimpinan" if pengguna.jumlah_admin_aktif(args.db) else "admin"
            user = pengguna.tambah(
                args.db, args.name, peran, sandi, wilayah=args.wilayah, kabkota=args.kabkota, pelaku=jejak.CLI
            )
            pesan = f"Pengguna '{user.nama}' ditambahkan sebagai {akses.PERAN[peran]}"
            if bawaan:
                pesan += " (peran bawaan; pilih dengan --role)"
            if user.wilayah:
                pesan += f" untuk wilayah {user.wilayah}"
            if user.kabkota:
                pesan += f", hanya untuk {akses.sebut_kabkota(user.kabkota, akses.nama_kabkota(args.db))}"
            pesan += ". Mulai sekarang aplikasi meminta masuk (login)."
            if not pengguna.jumlah_admin_aktif(args.db):
                pesan += (
                    " Perhatian: belum ada admin aktif; tambahkan satu dengan "
                    "`python -m readiness user add NAMA --role admin`."
                )
        elif args.action == "reset":
            pengguna.atur_sandi(args.db, args.name, sandi, pelaku=jejak.CLI)
            pesan = f"Kata sandi '{args.name.strip()}' diganti; sesi lama pengguna ini berakhir."
        elif args.action == "disable":
            pengguna.nonaktifkan(args.db, args.name, pelaku=jejak.CLI, jaga_admin_terakhir=False)
            pesan = f"Pengguna '{args.name.strip()}' dinonaktifkan: tidak dapat masuk lagi, sesinya berakhir."
            if not pengguna.jumlah_admin_aktif(args.db):
                pesan += (
                    " Perhatian: kini tidak ada admin aktif; aktifkan kembali dengan "
                    "`python -m readiness user enable NAMA`."
                )
        else:
            pengguna.aktifkan(args.db, args.name, pelaku=jejak.CLI)
            pesan = f"Pengguna '{args.name.strip()}' diaktifkan kembali."
    except pengguna.PenggunaError as exc:
        say(f"GALAT: {exc} Tidak ada yang diubah.")
        return 1
    except catatan.Sibuk as exc:
        say(f"GALAT: {exc}")
        return 1
    say(pesan)
    return 0
