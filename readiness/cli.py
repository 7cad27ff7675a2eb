"""The command line (DESIGN.md's contract): demo, ingest, report, versions, activate, slides, audit,
user (readiness/cli_user.py), init and election (readiness/cli_wilayah.py), backup and restore
(readiness/cli_cadangan.py).

Data goes to stdout (plain numbers, no thousands separators); messages go to stderr in
Indonesian. Exit status 0 when everything asked was done, 1 when input was rejected (and then
nothing was changed), 2 for a wrong command line.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import sys
from pathlib import Path

from . import akses, db, fmt, ingest, jejak, privacy, teks

SAMPLE_DIR = db.ROOT / "data" / "sample"
SAMPLE_FILES = (
    "pemilih_rekap_desa_pilkada2024.xlsx",
    "tps_pilkada2024.xlsx",
    "ktpel_per_kecamatan_2024-11-20.xlsx",
    "target_partisipasi_pilkada2024.xlsx",
    "dpt_kecamatan_lumbang.xlsx",
    "permasalahan_pilkada2024.xlsx",
)


class _Parser(argparse.ArgumentParser):
    def error(self, message):  # argparse's own words are English
        self.print_usage(sys.stderr)
        self.exit(2, f"Perintah tidak lengkap atau salah: {message}\n")


def _say(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


def _build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="python -m readiness", description=f"{teks.APP_NAMA} — {teks.DISCLAIMER}")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    def common(p, election=True):
        p.add_argument("--db", type=Path, default=db.DEFAULT_DB, help="berkas database DuckDB")
        if election:
            p.add_argument("--election", help="pemilihan (bawaan: pemilihan aktif, mis. pilkada-2024)")

    common(sub.add_parser("demo", help="muat data contoh bawaan (data/sample)"), election=False)
    p = sub.add_parser("ingest", help="unggah berkas Excel/CSV")
    p.add_argument("files", nargs="+", type=Path, metavar="FILE")
    p.add_argument("--kind", default="auto", choices=("auto",) + ingest.KINDS)
    p.add_argument("--by", default=None, help="nama pengunggah yang dicatat")
    common(p)
    p = sub.add_parser("report", help="cetak kesiapan per tingkat")
    p.add_argument("--level", required=True, choices=teks.TINGKAT_LAPORAN)
    p.add_argument("--format", default="csv", choices=("csv", "json"))
    common(p)
    common(sub.add_parser("versions", help="riwayat unggahan (versi)"))
    p = sub.add_parser("audit", help="temuan daftar pemilih per orang, per jenis dan kecamatan")  # readiness/audit.py
    p.add_argument("--format", default="csv", choices=("csv", "json"))
    common(p)
    p = sub.add_parser("slides", help="bahan rakor: slide PPTX atau PDF dari data aktif")
    p.add_argument("--out", required=True, type=Path, metavar="FILE.pptx|FILE.pdf")
    common(p)
    p = sub.add_parser("activate", help="aktifkan kembali unggahan lama")
    p.add_argument("upload_id", type=int, metavar="UPLOAD_ID")
    common(p, election=False)
    p = sub.add_parser("user", help="kelola pengguna aplikasi: add, reset (kata sandi), disable, enable")
    p.add_argument("action", choices=("add", "reset", "disable", "enable"), metavar="add|reset|disable|enable")
    p.add_argument("name", metavar="NAME")
    p.add_argument(
        "--role",
        choices=tuple(akses.PERAN),
        help="peran (untuk add; bawaan: admin untuk pengguna pertama, selain itu pimpinan)",
    )
    p.add_argument(
        "--wilayah",
        metavar="KODE",
        help="kode Kemendagri kecamatan atau desa untuk peran pelapor (kecamatan: tiga bagian, desa: empat)",
    )
    p.add_argument(
        "--kabkota",
        metavar="KODE",
        help="dasbor provinsi: batasi pimpinan atau analis pada satu kabupaten/kota (mis. 74.06); bawaan: seluruh wilayah",
    )
    p.add_argument("--password-stdin", action="store_true", help="baca kata sandi dari stdin (satu baris)")
    common(p, election=False)
    from . import cli_cadangan, cli_wilayah

    cli_wilayah.add_parsers(sub, common)
    cli_cadangan.add_parsers(sub, common)
    return parser


def _print_problems(result: ingest.FileResult) -> None:
    for problem in result.problems:
        prefix = "GALAT" if problem.level == "galat" else "PERINGATAN"
        _say(f"  {prefix}: {problem.text()}")
    if result.hidden_problems:
        _say(f"  … dan {fmt.angka(result.hidden_problems)} masalah lain tidak ditampilkan.")


def _ingest(db_path: Path, paths: list[Path], election, kind, by) -> int:
    files = []
    for path in paths:
        if not path.is_file() or not os.access(path, os.R_OK):
            _say(f"GALAT: {path}: berkas tidak ditemukan atau tidak dapat dibaca. Tidak ada data yang diubah.")
            return 1
        files.append((path.name, path))
    batch = ingest.ingest_files(
        db_path, files, election=election, kind=kind, uploaded_by=by, on_wait=_say, pelaku=jejak.CLI
    )
    for result in batch.results:
        if result.errors:
            _say(f"{result.file_name}: DITOLAK ({len(result.errors) + result.hidden_problems} masalah)")
        elif result.duplicate_of:
            note = f"sama dengan unggahan #{result.duplicate_of}" if result.duplicate_of > 0 else "duplikat"
            _say(f"{result.file_name}: sudah pernah diunggah ({note}); tidak dihitung dua kali")
        else:
            detected = " (terdeteksi)" if result.kind_detected else ""
            status = f"unggahan #{result.upload_id}" if batch.ok else "tidak disimpan"
            _say(
                f"{result.file_name}: {teks.JENIS_SINGKAT[result.kind]}{detected}, {result.describe_layout()}, "
                f"{fmt.angka(result.rows)} baris, {result.describe_coverage()} → {status}"
            )
            if result.gabung:  # a problem sheet is merged into the inventory (readiness/masalah/gabung.py)
                from . import masalah

                _say(f"  {masalah.ringkas_gabung(result.gabung)}")
        if footer := result.describe_footer():  # information, also beside a rejection
            _say(f"  {footer}")
        _print_problems(result)
    if not batch.ok:
        _say("Tidak ada data yang disimpan dari perintah ini: perbaiki masalah di atas lalu unggah ulang.")
        return 1
    if not batch.committed:
        _say("Tidak ada perubahan.")
    return 0


def _clean(value):
    if value is None or value is __import__("pandas").NA:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    if hasattr(value, "isoformat"):
        if hasattr(value, "hour") and (value.hour, value.minute, value.second) == (0, 0, 0):
            return value.date().isoformat() if hasattr(value, "date") else value.isoformat()
        return value.isoformat()
    if hasattr(value, "item"):
        return value.item()
    return value


def _election(con, election) -> str | None:
    """The asked election, or the active one; None (after saying so) when it is unknown."""
    election = election or db.active_election(con)
    if not db.election_exists(con, election):
        _say(f"GALAT: pemilihan '{election}' tidak dikenal.")
        return None
    return election


def _emit(df, out_format: str) -> None:
    """A table to stdout as CSV or JSON, plain numbers, missing as empty/null."""
    if out_format == "csv":
        from .export import teks_tabel  # pandas: loaded only once a table is printed

        teks_tabel(df).to_csv(sys.stdout, index=False)
    else:
        records = [{k: _clean(v) for k, v in row.items()} for row in df.to_dict(orient="records")]
        json.dump(records, sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")


def _report(db_path: Path, election, level: str, out_format: str) -> int:
    con = db.connect_read(db_path)
    try:
        election = _election(con, election)
        if election is None:
            return 1
        from .model import laporan_wilayah  # it loads pandas: not before an ingest has read its sheet (memory)

        if salah := laporan_wilayah.tingkat_salah(con, level):
            _say(f"GALAT: {salah}.")
            return 2
        df = laporan_wilayah.report(con, election, level)
    finally:
        con.close()
    if level == "korwil" and df["korwil"].isna().all():  # korwil is optional: none assigned, no rows
        df = df.iloc[0:0]
        _say(f"Belum ada pembagian korwil untuk {election}; atur di halaman Pengaturan.")
    _emit(df, out_format)
    return 0


def _versions(db_path: Path, election) -> int:
    con = db.connect_read(db_path)
    try:
        election = election or db.active_election(con)
        df = db.run(con, "marts/uploads", election=election)
    finally:
        con.close()
    if df.empty:
        _say(f"Belum ada unggahan untuk {election}.")
        return 0
    df["aktif"] = df["kecamatan_aktif"].map(lambda n: "aktif" if n else "tidak aktif")
    columns = [
        "upload_id",
        "kind",
        "file_name",
        "rows",
        "kecamatan_dicakup",
        "kecamatan_aktif",
        "aktif",
        "uploaded_at",
        "uploaded_by",
        "sha256",
    ]
    from .export import teks_tabel

    teks_tabel(df[columns]).to_csv(sys.stdout, index=False)
    return 0


def _audit(db_path: Path, election, out_format: str) -> int:
    """One row per kecamatan and finding type that occurs: kode_kecamatan, kecamatan, temuan, jumlah."""
    from . import audit

    con = db.connect_read(db_path)
    try:
        election = _election(con, election)
        if election is None:
            return 1
        df = audit.findings_summary(con, election)
        lists = con.execute("select count(*) from stg_daftar where election_id = $e", {"e": election}).fetchone()[0]
    finally:
        con.close()
    _emit(df, out_format)
    if not lists:
        _say(f"Belum ada daftar pemilih per orang (DPT/DPS/DP4) untuk {election}; tidak ada yang diperiksa.")
    elif df.empty:
        _say(f"Tidak ada temuan di {fmt.angka(lists)} baris daftar pemilih {election}.")
    else:
        _say(f"{fmt.angka(int(df['jumlah'].sum()))} temuan di {fmt.angka(lists)} baris daftar pemilih {election}.")
    return 0


def _slides(db_path: Path, election, out: Path) -> int:
    from .deck import PdfError, build, to_pdf, to_pptx

    writers = {".pptx": to_pptx, ".pdf": to_pdf}
    if out.suffix.lower() not in writers:
        _say(f"GALAT: {out}: nama berkas harus berakhiran .pptx atau .pdf.")
        return 2
    if not out.parent.is_dir():
        _say(f"GALAT: folder {out.parent} tidak ada.")
        return 1
    con = db.connect_read(db_path)
    try:
        election = _election(con, election)
        if election is None:
            return 1
        # Field reports (readiness/lapor.py): their file is held by the running dashboard server, if any.
        from . import lapor

        lapor_con = lapor.baca_saja(lapor.lapor_path(db_path))
        if lapor_con is None and lapor.lapor_path(db_path).exists():
            _say(
                "Catatan: slide laporan hari pemungutan tidak disertakan — berkas laporan sedang dipakai server "
                "dasbor; unduh PPTX/PDF dari halaman Presentasi untuk menyertakannya."
            )
        try:
            deck = build(con, election, lapor=lapor_con)
        finally:
            if lapor_con is not None:
                lapor_con.close()
    finally:
        con.close()
    try:
        data = writers[out.suffix.lower()](deck)
    except PdfError as exc:
        _say(f"GALAT: {exc}")
        return 1
    privacy.write_private(out, data)  # 0600, and never a half-written deck under the final name
    _say(f"{out}: {len(deck.slides)} slide, {deck.pemilihan}, {deck.data_per_teks}. {teks.DISCLAIMER}.")
    return 0


def main(argv=None) -> int:
    args = _build_parser().parse_args(argv)
    try:
        if args.command == "demo":
            db.ensure_database(args.db, on_wait=_say)
            missing = [name for name in SAMPLE_FILES if not (SAMPLE_DIR / name).exists()]
            if missing:
                _say(f"GALAT: data contoh tidak ditemukan: {', '.join(missing)}")
                return 1
            return _ingest(args.db, [SAMPLE_DIR / n for n in SAMPLE_FILES], "pilkada-2024", "auto", "demo")
        if args.command == "ingest":
            return _ingest(args.db, args.files, args.election, args.kind, args.by)
        if args.command == "report":
            return _report(args.db, args.election, args.level, args.format)
        if args.command == "versions":
            return _versions(args.db, args.election)
        if args.command == "slides":
            return _slides(args.db, args.election, args.out)
        if args.command == "audit":
            return _audit(args.db, args.election, args.format)
        if args.command == "user":
            from .cli_user import user

            return user(args, _say)
        if args.command in ("init", "election"):
            from . import cli_wilayah

            return getattr(cli_wilayah, args.command)(args, _say)
        if args.command in ("backup", "restore"):
            from . import cli_cadangan

            return getattr(cli_cadangan, args.command)(args, _say)
        if args.command == "activate":
            info = ingest.activate(args.db, args.upload_id, on_wait=_say, pelaku=jejak.CLI)
            _say(
                f"Unggahan #{args.upload_id} ({info['file_name']}, {teks.JENIS_SINGKAT[info['kind']]}) "
                f"aktif kembali untuk {info['election']}."
            )
            return 0
    except (db.DatabaseBusy, ValueError) as exc:
        _say(f"GALAT: {exc}")
        return 1
    return 2
