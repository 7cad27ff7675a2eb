"""`python -m readiness backup --out FILE [--db PATH]`: one consistent archive of the installation
while the app keeps running, and its key beside it (`FILE.kunci`); `python -m readiness restore FILE
--db PATH [--force]`: the installation back from both. What is saved, how, and why the key is a
file of its own: readiness/cadangan.py."""

from __future__ import annotations

from pathlib import Path

from . import db, fmt


def add_parsers(sub, common) -> None:
    p = sub.add_parser("backup", help="cadangkan database, catatan, laporan lapangan dan kunci instalasi")
    p.add_argument("--out", required=True, type=Path, metavar="FILE", help="berkas arsip cadangan (.tar)")
    common(p, election=False)
    p = sub.add_parser("restore", help="pulihkan instalasi dari arsip cadangan dan berkas kuncinya")
    p.add_argument("archive", type=Path, metavar="FILE")
    p.add_argument("--db", type=Path, required=True, help="berkas database DuckDB yang dipulihkan")
    p.add_argument("--force", action="store_true", help="timpa database yang sudah ada")


def backup(args, say) -> int:
    from . import cadangan  # the reports' package and pandas: only for these two commands

    try:
        manifest = cadangan.backup(args.db, args.out)
    except cadangan.Ditolak as exc:
        say(f"GALAT: {exc}")
        return 1
    except OSError as exc:
        say(
            f"GALAT: cadangan tidak dapat ditulis ({exc.strerror or exc}: {exc.filename or args.out}). Tidak ada cadangan yang dibuat."
        )
        return 1
    kunci = cadangan.kunci_path(args.out)
    say(f"Cadangan tersimpan: {args.out} ({fmt.angka(args.out.stat().st_size)} byte, izin 600)")
    say(
        f"  isi: database analitik, catatan (pengguna, masalah, pengaturan, jejak audit) dan laporan lapangan — {cadangan.ringkas(manifest)}"
    )
    say(f"Kunci instalasi tersimpan terpisah: {kunci} (izin 600).")
    say(
        "  Simpan arsip dan kuncinya di dua tempat yang berbeda dan aman. Arsip tanpa kunci tidak mengembalikan "
        "NIK; arsip bersama kuncinya dapat mengembalikan NIK pemilih — jangan pernah dikirim bersama. Pemulihan "
        "membutuhkan keduanya: tanpa kunci, NIK ganda antara unggahan lama dan baru tidak lagi dikenali."
    )
    return 0


def restore(args, say) -> int:
    from . import cadangan

    try:
        manifest = cadangan.restore(args.archive, args.db, force=args.force, on_wait=say)
    except (cadangan.Ditolak, db.DatabaseBusy) as exc:
        say(f"GALAT: {exc}")
        return 1
    except OSError as exc:
        say(f"GALAT: pemulihan gagal menulis berkas ({exc.strerror or exc}: {exc.filename or args.db}).")
        return 1
    say(f"Dipulihkan ke {args.db}: {cadangan.ringkas(manifest)}.")
    say("Semua isi arsip cocok dengan daftar isinya (sha256); berkas data berizin 600; kunci instalasi di tempatnya.")
    return 0
