"""Backup and restore of an installation: `python -m readiness backup --out FILE [--db PATH]` and
`restore FILE --db PATH [--force]` (readiness/cli_cadangan.py says it to the user).

What a backup holds: the analytical DuckDB file, the small-records store (users, sessions, the
problems, saved settings, their audit trail), the field reports' file, and — apart from the
archive — the installation key that keys the NIK hashes. Uploaded originals are not kept by the
application (only their rows and checksums, in the analytical file), so there is nothing more.

Consistent while the app runs, each store taken the way it is written:

- the small-records store (SQLite, WAL): SQLite's online backup (`catatan.salin`), a whole,
  consistent snapshot even while others write;
- the analytical file: copy-on-write (db.writing) never changes the live file, it replaces it by a
  rename; a hard link to the live path (a copy when links are impossible) holds exactly one
  committed version, whatever an ingest does meanwhile. The backup does not wait for a running
  ingest: it holds the version before it, entirely;
- the field reports' file: held open by the server, so the server's writer thread copies it
  between two commits on request (readiness/lapor/salinan.py): every report committed before the
  backup started is in it, none torn.

The store is taken before the analytical file. A problem sheet's upload commits the analytical
file first and the store right after (readiness/masalah/gabung.py); taken in this order, a backup
made between the two holds the upload without its merged problems — which the next write of the
restored installation merges (`gabung_tertinggal`) — never the store naming an upload number the
analytical file does not have (that could not be repaired).

The archive is one tar file (mode 0600, replaced atomically): `MANIFEST.json` first (format,
versions, time, region, counts of uploads, problems, users and reports, and the size and sha256
of each member), then `MANIFEST.hmac` (the manifest's HMAC-SHA256 under the installation key),
then the members. The key is written to a second file beside it, `FILE.kunci` (0600), never into
the archive: a copy of the archive alone gives back no NIK, like a copy of the data folder
(DESIGN.md Privacy), so archives can go to ordinary backup storage and the key somewhere else.
Restore needs both (the key beside the archive, or the same key installed already): without the
key, duplicate NIK across old and new uploads are no longer found. The HMAC also makes a changed
manifest (and through its checksums, any changed member) a refusal, not a silent restore.

Restore checks everything before it changes anything (key file private and belonging to this
archive, manifest, every member's size and sha256, each file opening as what it should be), then,
under the analytical file's writer lock, puts the files in place, private (0600). The key goes
where the installation looks for it (privacy.key_path: READINESS_KUNCI, the systemd credential,
or ~/.config/dasbor-pilkada/kunci); a different key already there is never replaced — it may key
another installation of the same account — the user is told to point READINESS_KUNCI elsewhere.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import glob
import hashlib
import hmac
import io
import json
import os
import secrets
import shutil
import sqlite3
import tarfile
from pathlib import Path

import duckdb

from . import catatan, db, fmt, lapor, privacy, proses
from .lapor import salinan

FORMAT = "dasbor-pilkada-cadangan"
FORMAT_VERSI = 1
MANIFEST = "MANIFEST.json"
MANIFEST_HMAC = "MANIFEST.hmac"
ANALITIK, CATATAN, LAPOR = "analitik.duckdb", "catatan.sqlite", "lapor.duckdb"


class Ditolak(RuntimeError):
    """A backup or restore that cannot be done; the message is for the user (Indonesian)."""


def kunci_path(arsip: Path | str) -> Path:
    """The key's file beside the archive: `cadangan.tar` -> `cadangan.tar.kunci`."""
    return Path(f"{arsip}.kunci")


def tujuan(db_path: Path | str) -> dict[str, Path]:
    """Where each member lives in an installation whose analytical file is `db_path`."""
    db_path = Path(db_path)
    return {ANALITIK: db_path, CATATAN: catatan.path_for(db_path), LAPOR: lapor.lapor_path(db_path)}


def _sidik_kunci(key: bytes) -> str:
    """Names the key without giving it away (a keyed hash of a constant)."""
    return hmac.new(key, b"dasbor-pilkada kunci cadangan", hashlib.sha256).hexdigest()[:16]


def _tanda(key: bytes, manifest: bytes) -> str:
    return hmac.new(key, manifest, hashlib.sha256).hexdigest()


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        while chunk := f.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def _inside(path: Path, folder: Path) -> bool:
    return path.absolute().resolve().is_relative_to(folder.absolute().resolve())


def _pid_of(folder: Path) -> int:
    try:
        return int(folder.name.rsplit("-", 2)[1])
    except (ValueError, IndexError):
        return 0  # not ours to judge: kept


def _work(db_path: Path) -> Path:
    """A private folder beside the database (same filesystem: links and renames), named so no
    writer's clean-up of its own leftovers (db.remove_stale) takes it."""
    privacy.private_dir(db_path.parent)
    for old in db_path.parent.glob(f"{glob.escape(db_path.name)}.cadangan-*"):  # of a killed backup
        if old.is_dir() and not proses.hidup(_pid_of(old)):
            shutil.rmtree(old, ignore_errors=True)
    folder = db_path.with_name(f"{db_path.name}.cadangan-{os.getpid()}-{secrets.token_hex(4)}")
    folder.mkdir(mode=0o700)
    os.chmod(folder, 0o700)
    return folder


# --------------------------------------------------------------------------- backup
def _take(db_path: Path, work: Path) -> dict[str, Path]:
    """The three stores, each a consistent snapshot, in the order the module docstring explains."""
    taken = {}
    catatan.salin(db_path, work / ANALITIK)  # writes work/analitik.catatan.sqlite
    if catatan.path_for(work / ANALITIK).exists():
        taken[CATATAN] = catatan.path_for(work / ANALITIK).rename(work / CATATAN)
    try:
        os.link(db_path, work / ANALITIK)
    except OSError:  # no hard links here: copy from one open descriptor (one inode, never changed)
        with open(db_path, "rb") as src, open(work / ANALITIK, "xb") as dst:
            shutil.copyfileobj(src, dst, 1 << 20)
    taken[ANALITIK] = work / ANALITIK
    try:
        if salinan.salin(lapor.lapor_path(db_path), work / LAPOR):
            taken[LAPOR] = work / LAPOR
    except salinan.SalinanGagal as exc:
        raise Ditolak(str(exc)) from None
    return taken


def _counts(files: dict[str, Path]) -> tuple[dict, dict, dict]:
    """(counts, versions, region) read from the snapshots themselves."""
    con = duckdb.connect(str(files[ANALITIK]), read_only=True)
    try:
        meta = dict(con.execute("select key, value from meta").fetchall())
        uploads = con.execute("select count(*) from uploads").fetchone()[0]
        row = con.execute("select kode, nama from wilayah").fetchone()
    finally:
        con.close()
    counts = {"unggahan": uploads, "pengguna": 0, "masalah": 0, "laporan": 0}
    versions = {
        "skema": int(meta.get("schema_version", 0)),
        "versi_data": int(meta.get("data_version", 0)),
        "duckdb": duckdb.__version__,
    }
    if CATATAN in files:
        store = sqlite3.connect(files[CATATAN])
        try:
            counts["pengguna"] = store.execute("select count(*) from pengguna").fetchone()[0]
            counts["masalah"] = store.execute("select count(*) from masalah").fetchone()[0]
            versions["skema_catatan"] = int(
                store.execute("select value from meta where key = 'schema_version'").fetchone()[0]
            )
        finally:
            store.close()
    if LAPOR in files:
        reports = duckdb.connect(str(files[LAPOR]), read_only=True)
        try:
            counts["laporan"] = reports.execute("select count(*) from laporan").fetchone()[0]
        finally:
            reports.close()
    region = {"kode": row[0], "nama": row[1]} if row else None
    return counts, versions, region


def _write_archive(out: Path, manifest: bytes, tanda: str, files: dict[str, Path]) -> None:
    """The tar file, written beside `out` (0600 from its first byte) and renamed over it."""
    tmp = out.with_name(f".{out.name}.tmp-{os.getpid()}-{secrets.token_hex(4)}")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, "wb") as handle:
            with tarfile.open(fileobj=handle, mode="w", format=tarfile.PAX_FORMAT) as tar:
                for name, data in ((MANIFEST, manifest), (MANIFEST_HMAC, tanda.encode() + b"\n")):
                    tar.addfile(_info(name, len(data)), io.BytesIO(data))
                for name, path in files.items():
                    with open(path, "rb") as f:
                        tar.addfile(_info(name, os.fstat(f.fileno()).st_size), f)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, out)
        privacy.fsync(out.parent)
    finally:
        tmp.unlink(missing_ok=True)


def _info(name: str, size: int) -> tarfile.TarInfo:
    info = tarfile.TarInfo(name)
    info.size, info.mode, info.mtime = size, 0o600, int(dt.datetime.now().timestamp())
    return info


def backup(db_path: Path | str, out: Path | str) -> dict:
    """Write the archive `out` and the key beside it (`kunci_path(out)`); returns the manifest."""
    db_path, out = Path(db_path), Path(out)
    if not db_path.is_file():
        raise Ditolak(f"Database {db_path} tidak ada; tidak ada yang dicadangkan.")
    data_dir = db_path.absolute().parent
    if _inside(kunci_path(out), data_dir):
        raise Ditolak(
            f"Cadangan tidak disimpan di folder data {data_dir}: kunci instalasinya ({kunci_path(out).name}) "
            "tidak boleh berada di folder data. Pilih --out di luar folder itu."
        )
    if out.is_dir():
        raise Ditolak(f"{out} adalah folder; --out harus nama berkas, mis. {out / 'dasbor.tar'}.")
    if not out.absolute().parent.is_dir():
        raise Ditolak(f"Folder {out.absolute().parent} tidak ada; tidak ada cadangan yang dibuat.")
    try:
        key = privacy.installation_secret(db_path)
    except privacy.KeyRefused as exc:
        raise Ditolak(f"{exc} Tidak ada cadangan yang dibuat.") from None
    work = _work(db_path)
    try:
        files = _take(db_path, work)
        counts, versions, region = _counts(files)
        manifest = {
            "format": FORMAT,
            "format_versi": FORMAT_VERSI,
            "dibuat": dt.datetime.now().isoformat(timespec="seconds"),
            "wilayah": region,
            "versi": versions,
            "jumlah": counts,
            "kunci": {"berkas": kunci_path(out).name, "sidik": _sidik_kunci(key)},
            "anggota": {name: {"ukuran": path.stat().st_size, "sha256": _sha256(path)} for name, path in files.items()},
        }
        raw = json.dumps(manifest, ensure_ascii=False, indent=1, sort_keys=True).encode("utf-8")
        _write_archive(out, raw, _tanda(key, raw), files)
        privacy.write_private(kunci_path(out), key.hex().encode("ascii") + b"\n")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return manifest


def ringkas(manifest: dict) -> str:
    """What an archive holds, in one Indonesian line."""
    j = manifest["jumlah"]
    wilayah = (manifest.get("wilayah") or {}).get("nama") or "wilayah tidak tercatat"
    return (
        f"{wilayah}: {fmt.angka(j['unggahan'])} unggahan, {fmt.angka(j['pengguna'])} pengguna, "
        f"{fmt.angka(j['masalah'])} masalah, {fmt.angka(j['laporan'])} laporan lapangan "
        f"(dibuat {manifest['dibuat'].replace('T', ' ')})"
    )


# --------------------------------------------------------------------------- restore
def _read_key(arsip: Path) -> tuple[bytes, Path]:
    """The key for this archive and the file it came from: the one beside it (`FILE.kunci`), else
    the installation's own (a server set up again with the same key; the manifest's HMAC decides
    whether it belongs to this archive)."""
    path = kunci_path(arsip)
    if not path.exists():
        installed = privacy.key_path()[0]
        if not installed.exists():
            raise Ditolak(
                f"Berkas kunci {path} tidak ada, dan belum ada kunci instalasi di {installed}. Cadangan "
                "dipulihkan hanya bersama kuncinya (tanpa kunci, NIK ganda antara unggahan lama dan baru tidak "
                f"lagi dikenali): letakkan berkas kunci dari cadangan yang sama di {path} (chmod 600), lalu ulangi. "
                "Tidak ada yang diubah."
            )
        path = installed
    try:
        return privacy.read_key(path), path
    except (privacy.KeyRefused, OSError) as exc:
        raise Ditolak(f"{exc} Tidak ada yang diubah.") from None


def _read_manifest(tar: tarfile.TarFile, arsip: Path, key: bytes, key_from: Path) -> dict:
    rusak = f"{arsip} bukan arsip cadangan dasbor ini atau rusak"
    found = {}
    for name in (MANIFEST, MANIFEST_HMAC):
        member = tar.next()
        if member is None or member.name != name or not member.isreg() or member.size > 1 << 20:
            raise Ditolak(f"{rusak}: {name} tidak ada di awal arsip. Tidak ada yang diubah.")
        found[name] = tar.extractfile(member).read()
    try:
        manifest = json.loads(found[MANIFEST])
        sidik = str(manifest["kunci"]["sidik"])
        versi = int(manifest["format_versi"])
        if manifest["format"] != FORMAT or not isinstance(manifest["anggota"], dict):
            raise ValueError(manifest["format"])
    except (ValueError, KeyError, TypeError):
        raise Ditolak(f"{rusak}: daftar isinya ({MANIFEST}) tidak terbaca. Tidak ada yang diubah.") from None
    if versi > FORMAT_VERSI:
        raise Ditolak(
            f"{arsip} dibuat versi aplikasi yang lebih baru; perbarui aplikasi ini dulu. Tidak ada yang diubah."
        )
    if not hmac.compare_digest(sidik, _sidik_kunci(key)):
        raise Ditolak(
            f"Kunci {key_from} bukan kunci cadangan ini (kunci itu milik cadangan atau instalasi lain); "
            f"letakkan berkas kunci dari cadangan yang sama di {kunci_path(arsip)}. Tidak ada yang diubah."
        )
    if not hmac.compare_digest(found[MANIFEST_HMAC].decode("ascii", "replace").strip(), _tanda(key, found[MANIFEST])):
        raise Ditolak(f"{rusak}: daftar isinya ({MANIFEST}) telah diubah. Tidak ada yang diubah.")
    unknown = set(manifest["anggota"]) - {ANALITIK, CATATAN, LAPOR}
    if ANALITIK not in manifest["anggota"] or unknown:
        raise Ditolak(f"{rusak}: daftar isinya tidak dikenal. Tidak ada yang diubah.")
    return manifest


def _extract(tar: tarfile.TarFile, arsip: Path, manifest: dict, work: Path) -> dict[str, Path]:
    """Every member into `work`, checked against the manifest (size, sha256) while written."""
    rusak = f"{arsip} rusak atau diubah"
    files = {}
    manifest_members = list(tar.members)  # read already (_read_manifest); iterating yields them again
    for member in tar:
        if any(member is m for m in manifest_members):
            continue
        expected = manifest["anggota"].get(member.name)
        if expected is None or member.name in files or not member.isreg():
            raise Ditolak(f"{rusak}: berisi '{member.name}' yang tidak ada di daftar isinya. Tidak ada yang diubah.")
        path = work / member.name
        digest = hashlib.sha256()
        with tar.extractfile(member) as src, open(path, "xb") as dst:
            while chunk := src.read(1 << 20):
                digest.update(chunk)
                dst.write(chunk)
        if member.size != expected["ukuran"] or digest.hexdigest() != expected["sha256"]:
            raise Ditolak(
                f"{rusak}: isi '{member.name}' tidak sama dengan yang dicatat saat pencadangan "
                "(sha256 berbeda). Tidak ada yang diubah."
            )
        files[member.name] = path
    missing = sorted(set(manifest["anggota"]) - set(files))
    if missing:
        raise Ditolak(f"{arsip} tidak lengkap (terpotong?): {', '.join(missing)} tidak ada. Tidak ada yang diubah.")
    return files


def _check_opens(files: dict[str, Path], arsip: Path) -> None:
    """Each file opens as what it should be (the checksums say it is what was saved; this says
    what was saved is usable by this release)."""
    try:
        for name in (ANALITIK, LAPOR):
            if name in files:
                con = duckdb.connect(str(files[name]), read_only=True)
                try:
                    con.execute("select count(*) from " + ("meta" if name == ANALITIK else "laporan")).fetchone()
                finally:
                    con.close()
        if CATATAN in files:
            name = CATATAN
            store = sqlite3.connect(files[CATATAN])
            try:
                if store.execute("pragma quick_check").fetchone()[0] != "ok":
                    raise sqlite3.DatabaseError("quick_check")
            finally:
                store.close()
    except (duckdb.Error, sqlite3.Error) as exc:
        raise Ditolak(f"{arsip}: {name} di dalamnya tidak dapat dibuka ({exc}). Tidak ada yang diubah.") from None


def _key_place(key: bytes, db_path: Path) -> Path | None:
    """Where the key goes; None when the very same key is there already."""
    path, may_create = privacy.key_path()
    if _inside(path, db_path.absolute().parent):
        raise Ditolak(
            f"Kunci instalasi {path} akan berada di folder data {db_path.absolute().parent}. Atur "
            f"{privacy.ENV_KEY} ke berkas di luar folder data, lalu ulangi. Tidak ada yang diubah."
        )
    if not path.exists() and may_create:
        return path
    try:
        current = privacy.read_key(path)
    except (privacy.KeyRefused, OSError) as exc:
        raise Ditolak(f"{exc} Tidak ada yang diubah.") from None
    if hmac.compare_digest(current, key):
        return None
    raise Ditolak(
        f"Di {path} sudah ada kunci instalasi lain; kunci itu tidak ditimpa (mungkin dipakai database lain milik "
        f"akun ini). Atur {privacy.ENV_KEY} ke berkas baru untuk instalasi ini, mis. "
        f"{privacy.ENV_KEY}=/etc/dasbor-pilkada/kunci, untuk pemulihan ini dan untuk aplikasinya, lalu ulangi. "
        "Tidak ada yang diubah."
    )


def _put(files: dict[str, Path], db_path: Path, key: bytes, key_path: Path | None) -> None:
    """Under the writers' lock: the key, then each file in place (0600, durable, by rename)."""
    if key_path is not None and not key_path.exists():
        privacy.private_dir(key_path.parent)
        privacy.write_private(key_path, key.hex().encode("ascii") + b"\n")
    where = tujuan(db_path)
    for name in (ANALITIK, CATATAN, LAPOR):
        target = where[name]
        # A journal beside the old file would be applied to the new one: removed first.
        for journal in (Path(f"{target}.wal"), Path(f"{target}-wal"), Path(f"{target}-shm")):
            journal.unlink(missing_ok=True)
        if name in files:
            db.put_in_place(files[name], target)
        else:
            target.unlink(missing_ok=True)  # the backed-up installation had none


def restore(arsip: Path | str, db_path: Path | str, *, force: bool = False, on_wait=None) -> dict:
    """Restore the archive `arsip` (and its key, `kunci_path(arsip)`) as the installation of
    `db_path`; returns the manifest. Nothing is changed when anything is refused."""
    arsip, db_path = Path(arsip), Path(db_path)
    if not arsip.is_file():
        raise Ditolak(f"Berkas cadangan {arsip} tidak ada. Tidak ada yang diubah.")
    there = [p for p in tujuan(db_path).values() if p.exists()]
    if there and not force:
        raise Ditolak(
            f"{there[0]} sudah ada; pemulihan akan menimpanya. Tidak ada yang diubah. Bila memang itu "
            "maksudnya, hentikan aplikasi lalu ulangi dengan --force."
        )
    key, key_from = _read_key(arsip)
    if salinan.dipegang(lapor.lapor_path(db_path)):
        raise Ditolak(
            f"Server dasbor sedang berjalan dengan {lapor.lapor_path(db_path)}; hentikan dulu, lalu ulangi. "
            "Tidak ada yang diubah."
        )
    made = not db_path.absolute().parent.exists()
    work = _work(db_path)
    try:
        try:
            with tarfile.open(arsip, mode="r:") as tar:
                manifest = _read_manifest(tar, arsip, key, key_from)
                files = _extract(tar, arsip, manifest, work)
        except (tarfile.TarError, EOFError, OSError) as exc:
            raise Ditolak(f"{arsip} bukan arsip cadangan dasbor atau rusak ({exc}). Tidak ada yang diubah.") from None
        _check_opens(files, arsip)
        key_path = _key_place(key, db_path)
        with db.locked(db_path, on_wait=on_wait):
            _put(files, db_path, key, key_path)
    except Ditolak:
        shutil.rmtree(work, ignore_errors=True)
        if made:  # the folder this restore made for a new installation goes too
            with contextlib.suppress(OSError):
                db_path.absolute().parent.rmdir()
        raise
    finally:
        shutil.rmtree(work, ignore_errors=True)
    db.ensure_database(db_path, on_wait=on_wait)  # an archive of an older release: brought up to date
    return manifest
