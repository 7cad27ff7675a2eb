"""`python -m readiness user add|reset|disable|enable NAME [--db PATH] [--role …] [--wilayah KODE]
[--password-stdin]`: manage app users from the command line (issue 8). Every change is recorded in
the audit trail as done by 'cli'. The password is read from stdin (one line) or asked twice without
echo; it is never printed."""
from __future__ import annotations

import getpass
import sys

from . import akses, db, jejak, pengguna


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
    if args.action != "add" and (args.role or args.wilayah):
        say("GALAT: --role dan --wilayah hanya untuk 'user add'. Ubah peran pengguna di halaman Pengguna.")
        return 2
    # Say "unknown user" / "already exists" before asking for a password nobody will use.
    con = db.connect_read(args.db)
    try:
        ada = pengguna._baris(con, args.name) is not None
    finally:
        con.close()
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
        with db.writing(args.db, on_wait=say) as con:
            if args.action == "add":
                peran = args.role
                bawaan = peran is None
                if bawaan:
                    ada_admin = con.execute("select count(*) from pengguna where peran = 'admin' and aktif").fetchone()[0]
                    peran = "pimpinan" if ada_admin else "admin"
                user = pengguna.tambah(con, args.name, peran, sandi, wilayah=args.wilayah, pelaku=jejak.CLI)
                pesan = f"Pengguna '{user.nama}' ditambahkan sebagai {akses.PERAN[peran]}"
                if bawaan:
                    pesan += " (peran bawaan; pilih dengan --role)"
                if user.wilayah:
                    pesan += f" untuk wilayah {user.wilayah}"
                pesan += ". Mulai sekarang aplikasi meminta masuk (login)."
                if not con.execute("select count(*) from pengguna where peran = 'admin' and aktif").fetchone()[0]:
                    pesan += (" Perhatian: belum ada admin aktif; tambahkan satu dengan "
                              "`python -m readiness user add NAMA --role admin`.")
            elif args.action == "reset":
                pengguna.atur_sandi(con, args.name, sandi, pelaku=jejak.CLI)
                pesan = (f"Kata sandi '{args.name.strip()}' diganti; kuncian dibuka dan sesi lama "
                         "pengguna ini berakhir.")
            elif args.action == "disable":
                pengguna.nonaktifkan(con, args.name, pelaku=jejak.CLI, jaga_admin_terakhir=False)
                pesan = f"Pengguna '{args.name.strip()}' dinonaktifkan: tidak dapat masuk lagi, sesinya berakhir."
                if not con.execute("select count(*) from pengguna where peran = 'admin' and aktif").fetchone()[0]:
                    pesan += (" Perhatian: kini tidak ada admin aktif; aktifkan kembali dengan "
                              "`python -m readiness user enable NAMA`.")
            else:
                pengguna.aktifkan(con, args.name, pelaku=jejak.CLI)
                pesan = f"Pengguna '{args.name.strip()}' diaktifkan kembali."
    except pengguna.PenggunaError as exc:
        say(f"GALAT: {exc} Tidak ada yang diubah.")
        return 1
    say(pesan)
    return 0
