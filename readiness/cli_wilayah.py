"""`python -m readiness init --wilayah KODE [--db PATH]`: a new installation for a kab/kota, a
province or the nation, and
`python -m readiness election add|edit|remove ID [--db PATH] [--nama …] [--jenis …] [--wilayah KODE]
[--tanggal YYYY-MM-DD] [--kapasitas-tps N]`: the elections it follows. Both are recorded in the
audit trail as done by 'cli'."""

from __future__ import annotations

from pathlib import Path

from . import db, fmt, jejak
from .wilayah import pemilihan, seed


def add_parsers(sub, common) -> None:
    p = sub.add_parser("init", help="siapkan database baru untuk satu wilayah menurut kode Kemendagri")
    p.add_argument(
        "--wilayah",
        required=True,
        metavar="KODE",
        help="kode kabupaten/kota (mis. 74.06 atau 35.74), provinsi (mis. 74) atau nasional",
    )
    common(p, election=False)
    p = sub.add_parser("election", help="tambah, ubah atau hapus pemilihan: add, edit, remove")
    p.add_argument("action", choices=("add", "edit", "remove"), metavar="add|edit|remove")
    p.add_argument("election_id", metavar="ID", help="kode pemilihan, mis. pilkada-2024")
    p.add_argument("--nama", help="nama pemilihan (bawaan: dari jenis, wilayah dan tahun)")
    p.add_argument(
        "--jenis", choices=pemilihan.JENIS, help="bupati, walikota atau gubernur (bawaan: menurut wilayah dasbor)"
    )
    p.add_argument(
        "--wilayah", metavar="KODE", help="kode wilayah pemilihan (bawaan: wilayah dasbor; provinsinya untuk gubernur)"
    )
    p.add_argument("--tanggal", metavar="YYYY-MM-DD", help="hari pemungutan suara (wajib untuk add)")
    p.add_argument(
        "--kapasitas-tps",
        metavar="N",
        help="pemilih paling banyak per TPS (bawaan untuk add: sama dengan pemilihan aktif)",
    )
    common(p, election=False)


def _counts(path: Path) -> tuple[dict, dict[str, int], tuple]:
    con = db.open_read_only(path)
    try:
        region = seed.installed(con)
        jenis = dict(con.execute("select jenis, count(*) from ref_desa group by jenis").fetchall())
        jenis["kecamatan"] = con.execute("select count(*) from ref_kecamatan").fetchone()[0]
        jenis["kabkota"] = con.execute(
            "select count(distinct kode_kabkota) from ref_kecamatan where kode_kabkota <> $k", {"k": region["kode"]}
        ).fetchone()[0]
        election = con.execute(
            "select election_id, nama, tanggal from elections where election_id = "
            "(select value from app_settings where key = 'active_election')"
        ).fetchone()
        jenis["kontes"] = con.execute(
            "select count(*) from elections where election_id <> $e and tanggal = $t",
            {"e": election[0], "t": election[2]},
        ).fetchone()[0]
    finally:
        con.close()
    return region, jenis, election


def _contoh_kabkota(path: Path) -> str:
    con = db.open_read_only(path)
    try:
        return con.execute("select min(kode_wilayah) from elections where jenis in ('bupati', 'walikota')").fetchone()[
            0
        ]
    finally:
        con.close()


def init(args, say) -> int:
    try:
        target = seed.installable(args.wilayah)
    except seed.WilayahError as exc:
        say(f"GALAT: {exc}. Tidak ada yang diubah.")
        return 1
    path = Path(args.db)
    named = f"{target['nama']} ({target['kode']})"
    if path.exists():
        con = db.connect_read(path)
        try:
            have = seed.installed(con)
        finally:
            con.close()
        if have is None or have["kode"] != target["kode"]:
            other = f"{have['nama']} ({have['kode']})" if have else "wilayah yang tidak tercatat"
            say(
                f"GALAT: database {path} sudah dipakai untuk {other}; tidak dapat disiapkan untuk {named}. "
                f"Tidak ada yang diubah; untuk {target['nama']} pakai --db dengan berkas baru."
            )
            return 1
        say(f"{path}: sudah disiapkan untuk {named}; tidak ada yang diubah.")
        return 0
    with db.writing(path, on_wait=say, wilayah=target["kode"]) as con:
        have = seed.installed(con)
        if have is None or have["kode"] != target["kode"]:  # another process created it meanwhile
            raise seed.WilayahError(
                f"database {path} baru saja dibuat oleh proses lain untuk "
                f"{have['nama'] if have else 'wilayah lain'}; tidak ada yang diubah"
            )
        jejak.catat(con, jejak.CLI, "wilayah", target["kode"], rincian={"perubahan": "siapkan", "nama": target["nama"]})
    region, count, election = _counts(path)
    desa = " dan ".join(f"{fmt.angka(count[j])} {j}" for j in ("desa", "kelurahan") if count.get(j))
    kabkota = f"{fmt.angka(count['kabkota'])} kabupaten/kota, " if count["kabkota"] else ""
    say(
        f"{path}: dasbor untuk {region['nama']} ({region['kode']}) disiapkan: {kabkota}"
        f"{fmt.angka(count['kecamatan'])} kecamatan, {desa}; pemilihan {election[0]}: {election[1]}, "
        f"{fmt.tanggal(election[2])}."
    )
    if count["kontes"]:
        say(
            f"Pada hari yang sama: {fmt.angka(count['kontes'])} pemilihan bupati/wali kota "
            f"({election[0]}-KODE, mis. {election[0]}-{_contoh_kabkota(path)}); lihat Pengaturan, "
            "hapus yang tidak diikuti dengan `election remove ID`."
        )
    say(f"Unggah data: python -m readiness ingest BERKAS … --db {path}")
    return 0


def election(args, say) -> int:
    fields = {
        "nama": args.nama,
        "jenis": args.jenis,
        "wilayah": args.wilayah,
        "tanggal": args.tanggal,
        "kapasitas_tps": args.kapasitas_tps,
    }
    if args.action == "remove" and any(v is not None for v in fields.values()):
        say("GALAT: remove tidak memakai --nama, --jenis, --wilayah, --tanggal atau --kapasitas-tps.")
        return 2
    if args.action == "edit" and all(v is None for v in fields.values()):
        say("GALAT: sebutkan yang diubah: --nama, --jenis, --wilayah, --tanggal atau --kapasitas-tps.")
        return 2
    db.ensure_database(args.db, on_wait=say)  # every command creates the database when missing
    try:
        if args.action == "remove":
            row = pemilihan.hapus(args.db, jejak.CLI, args.election_id, on_wait=say, timeout=300.0)
            say(f"Pemilihan dihapus: {pemilihan.describe(args.election_id, row)}.")
            return 0
        if args.action == "add":
            row = pemilihan.tambah(args.db, jejak.CLI, args.election_id, on_wait=say, timeout=300.0, **fields)
        else:
            _, row = pemilihan.ubah(args.db, jejak.CLI, args.election_id, on_wait=say, timeout=300.0, **fields)
    except pemilihan.PemilihanError as exc:
        say(f"GALAT: {exc}{exc.cli}. Tidak ada yang diubah.")
        return 1
    done = "ditambahkan" if args.action == "add" else "diubah"
    say(f"Pemilihan {done}: {pemilihan.describe(args.election_id, row)}.")
    return 0
