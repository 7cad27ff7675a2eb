"""An upload checked or saved in a process of its own, so that a whole kabupaten's per-voter list
never grows the web server's memory and a process the kernel kills for memory takes no user's
session with it.

The server writes the uploaded files into a private job folder under the data folder
(`uploads/tmp/<job>/`, 0700, files 0600; a file the page already keeps on disk there,
app/berkas_unggah.py, is linked in, not copied) and starts `python -m readiness.ingest.pekerja <folder>`.
The worker waits for its turn (one large job at a time per data folder, `giliran.lock`), runs
`prepare` (mode `periksa`) or `prepare` + `commit_batch` (mode `simpan`: the same all-or-nothing
write and audit trail as the command line), writing its progress to `progres.json` and at the end
the batch's words without its rows to `hasil.pickle`. A worker killed half-way leaves no
`hasil.pickle`: the database is at its previous version (db.writing's copy-on-write) and the
server says so (`berhenti`).

A check keeps what it read in its folder (`tahap.pickle`: the batch with its rows, a per-voter
list's rows in their staged files beside it), and the save of the same files runs in the same
folder (`lanjutkan`) and commits those rows without reading the files again, unless the
installation changed meanwhile (its key, or a write to the database since the check): then it
checks the files in the folder again first. The server removes the folder when the job is over,
stopped or replaced, and a check's folder when nobody holds that check any more (its Tugas is
gone: the session ended, the files changed, the server stopped); folders left by a killed server
are removed at the next job's start."""

from __future__ import annotations

import contextlib
import dataclasses
import fcntl
import hashlib
import json
import logging
import os
import pickle
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import weakref
from pathlib import Path

from .. import akses, db, fmt, privacy, proses
from ..voterlist import staged
from .batch import Batch, Dibatalkan, commit_batch, election_settings, prepare

log = logging.getLogger(__package__)

ROOT = Path(__file__).resolve().parents[2]
FOLDER = ("uploads", "tmp")
PROGRES = "progres.json"
HASIL = "hasil.pickle"
TUGAS = "tugas.pickle"
TAHAP = "tahap.pickle"  # a check's batch with its rows, for the save of the same files
GILIRAN = "giliran.lock"
LAJU = "laju.json"  # bytes read per second by the last large job: the next one's time left
BERAT = 1 << 20  # a job of this many uploaded bytes or more waits for its turn
LAJU_AWAL = 6_000_000  # bytes/s before any job was measured (a whole-kabupaten .xlsx checked, bench/RESULTS.md)
BASI = 6 * 3600  # a job folder older than this, with no live worker, is left over
KOMIT = 0.3  # the write of checked rows takes about this part of their check (bench/RESULTS.md)
MODE = {"periksa": "Memeriksa berkas", "simpan": "Menyimpan ke database"}


def berhenti(mode: str) -> str:
    """What the page says when the worker was killed (by the kernel, out of memory, or by hand)."""
    apa = "Pemeriksaan" if mode == "periksa" else "Penyimpanan"
    return (
        f"{apa} berhenti karena proses pekerja dihentikan (mungkin kehabisan memori server); "
        "data tetap versi sebelumnya, tidak ada yang disimpan. Coba lagi saat server tidak sibuk, "
        "atau hubungi pengelola aplikasi bila terulang."
    )


def folder_dasar(db_path) -> Path:
    return privacy.private_dir(Path(db_path).resolve().parent.joinpath(*FOLDER))


@dataclasses.dataclass
class Tugas:
    """One job: its folder and its worker process (started by this server process)."""

    folder: Path
    mode: str
    names: list[str]
    proc: subprocess.Popen

    def __post_init__(self):
        # The folder goes with the last reference to its job (a check nobody holds any more, the
        # server's exit), whatever way it is dropped.
        self._hapus = weakref.finalize(self, shutil.rmtree, str(self.folder), True)

    def keadaan(self) -> dict:
        """The worker's last progress record: fase, fraction, text, mulai (when the work began),
        perkiraan (seconds it should take, or None), baris (rows read, once known), pid."""
        try:
            return json.loads((self.folder / PROGRES).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {"fase": "mulai", "fraction": 0.0, "text": "menyiapkan"}

    def selesai(self) -> bool:
        return self.proc.poll() is not None

    def hasil(self) -> Batch | str | None:
        """The finished job's batch, or the message of a failure it reported (a lock held too long, a
        refused key), or None when the worker ended without one (killed)."""
        try:
            with open(self.folder / HASIL, "rb") as f:
                return pickle.load(f)
        except (OSError, EOFError, pickle.UnpicklingError):
            return None

    def hentikan(self) -> None:
        """Stop the worker (nobody waits for it any more) and remove its folder."""
        if self.proc.poll() is None:
            self.proc.kill()
        self.proc.wait()
        self.bersihkan()

    def bersihkan(self) -> None:
        self._hapus()

    def ada(self) -> bool:
        """The folder is still there (a check's, kept for its save)."""
        return self._hapus.alive and (self.folder / TAHAP).exists()


def lanjutkan(periksa: Tugas, names, *, pelaku=None) -> Tugas:
    """Save the files `names` of a finished check in its folder (renamed `simpan-…`): the worker
    commits the rows the check kept (or checks the files there again when the installation changed
    since). The folder is the new job's from now on."""
    periksa._hapus.detach()
    folder = periksa.folder.rename(periksa.folder.with_name("simpan-" + periksa.folder.name.partition("-")[2]))
    job = pickle.loads((folder / TUGAS).read_bytes())
    files = [(name, str(folder / Path(path).name)) for name, path in job["files"] if name in set(names)]
    job.update(mode="simpan", pelaku=pelaku, files=files)
    for name in (HASIL, PROGRES):
        (folder / name).unlink(missing_ok=True)
    return _mulai_di(folder, job)


def mulai(db_path, mode: str, files, *, election: str, kind=None, pelaku=None) -> Tugas:
    """Write `files` ((name, bytes, a binary file object, or the path of a private file already
    written under the data folder: linked, not copied)) to a private job folder and start the
    worker on them; returns at once."""
    dasar = folder_dasar(db_path)
    bersihkan_sisa(dasar)
    folder = Path(tempfile.mkdtemp(prefix=f"{mode}-", dir=dasar))  # 0700
    paths = []
    for number, (name, data) in enumerate(files):
        path = folder / f"berkas-{number}"
        paths.append((name, str(path)))
        if isinstance(data, os.PathLike):
            _salin(Path(data), path)
            continue
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as out:
            if hasattr(data, "getvalue"):  # an upload held in memory: its bytes as they are, not a copy
                data = data.getvalue()
            if isinstance(data, bytes | bytearray | memoryview):
                out.write(data)
            else:
                data.seek(0)
                shutil.copyfileobj(data, out, 1 << 20)
    job = {
        "ukuran": {name: os.stat(path).st_size for name, path in paths},
        "db": str(Path(db_path).resolve()),
        "mode": mode,
        "files": paths,
        "election": election,
        "kind": kind or {},
        "pelaku": pelaku,
        "server": os.getpid(),
    }
    return _mulai_di(folder, job)


def _salin(source: Path, path: Path) -> None:
    """The file `source` at `path` too: a second name for the same file where the system allows
    it (the same disk: no bytes copied), else a private copy (0600)."""
    try:
        os.link(source, path)
    except OSError:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as out, open(source, "rb") as src:
            shutil.copyfileobj(src, out, 1 << 20)


def _mulai_di(folder: Path, job: dict) -> Tugas:
    _tulis(folder / TUGAS, pickle.dumps(job))
    proc = subprocess.Popen(
        [sys.executable, "-m", "readiness.ingest.pekerja", str(folder)],
        cwd=ROOT,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
    )
    return Tugas(folder, job["mode"], [n for n, _ in job["files"]], proc)


def bersihkan_sisa(dasar: Path) -> None:
    """Remove job folders whose worker is gone and that are older than BASI (a server stopped
    while it had a job)."""
    now = time.time()
    for folder in dasar.iterdir():
        if not folder.is_dir():
            continue
        try:
            if now - folder.stat().st_mtime < BASI:
                continue
            pid = json.loads((folder / PROGRES).read_text(encoding="utf-8")).get("pid")
        except (OSError, ValueError):
            pid = None
        if pid and proses.hidup(pid):
            continue
        shutil.rmtree(folder, ignore_errors=True)


def _tulis(path: Path, data: bytes) -> None:
    """Write `path` whole or not at all (a reader never sees half a record)."""
    tmp = path.with_name(path.name + ".baru")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as out:
        out.write(data)
    os.replace(tmp, path)


def teks_kemajuan(mode: str, keadaan: dict, now: float | None = None) -> str:
    """The progress line the page shows: `Memeriksa berkas — dpt.xlsx: membaca baris… · berjalan
    12 detik · sisa ± 25 detik`."""
    parts = [f"{MODE.get(mode, mode)} — {keadaan.get('text') or 'menyiapkan'}"]
    if keadaan.get("baris"):
        parts.append(f"{fmt.angka(keadaan['baris'])} baris dibaca")
    if keadaan.get("fase") == "berjalan" and keadaan.get("mulai"):
        detik = (now or time.time()) - keadaan["mulai"]
        parts.append(f"berjalan {_durasi(detik)}")
        if keadaan.get("perkiraan"):
            sisa = keadaan["perkiraan"] - detik
            parts.append(f"sisa ± {_durasi(sisa)}" if sisa >= 1 else "hampir selesai")
    return " · ".join(parts)


def _durasi(detik: float) -> str:
    detik = max(0, round(detik))
    if detik < 60:
        return f"{detik} detik"
    return f"{detik // 60} menit {detik % 60} detik"


def ringan(batch: Batch) -> Batch:
    """The batch as the page needs it: every message, count and layout, without the rows (a whole
    kabupaten's frame stays in the worker)."""
    results = []
    for r in batch.results:
        layouts = [
            dataclasses.replace(lay, sheet=dataclasses.replace(lay.sheet, rows=[], merged={})) for lay in r.layouts
        ]
        results.append(dataclasses.replace(r, frame=None, identitas=None, jumlah_baris=r.rows, layouts=layouts))
    return Batch(batch.election, results, batch.committed)


# ---- the worker process -------------------------------------------------------------------


class _Kemajuan:
    """Writes progress.json at each step (a handful per file); stops the job when the server that
    started it is gone. The record holds when the work began and how long it should take, so the
    page counts the time itself between steps."""

    def __init__(self, folder: Path, mode: str, total_bytes: int, laju: float):
        self.folder, self.mode = folder, mode
        self.server = os.getppid()
        self.mulai = time.time()
        self.perkiraan = total_bytes / laju * (2 if mode == "simpan" else 1) if laju else None
        self.baris = None

    def tulis(self, fase: str, fraction: float, text: str) -> None:
        if os.getppid() != self.server:
            raise Dibatalkan()
        record = {
            "pid": os.getpid(),
            "fase": fase,
            "fraction": round(min(max(fraction, 0.0), 1.0), 4),
            "text": text,
            "mulai": self.mulai,
            "perkiraan": self.perkiraan,
            "baris": self.baris,
        }
        _tulis(self.folder / PROGRES, json.dumps(record).encode())

    def __call__(self, fraction: float, text: str) -> None:
        self.tulis("berjalan", fraction, text)


@contextlib.contextmanager
def _giliran(dasar: Path, berat: bool, kemajuan: _Kemajuan):
    """One large job at a time per data folder: the kernel lets the lock go when a worker dies."""
    if not berat:
        yield
        return
    fd = os.open(dasar / GILIRAN, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                kemajuan.tulis("menunggu", 0.0, "menunggu giliran: unggahan besar lain sedang diproses")
                time.sleep(0.5)
        kemajuan.mulai = time.time()
        yield
    finally:
        os.close(fd)


@contextlib.contextmanager
def _sementara_di(folder: Path):
    """Temporary files (a per-voter list's staged rows) in the job folder meanwhile: kept for the save."""
    before = tempfile.tempdir
    tempfile.tempdir = str(folder)
    try:
        yield
    finally:
        tempfile.tempdir = before


def kerja(folder: Path) -> int:
    """The worker's whole job; the exit code is 0 whenever hasil.pickle was written."""
    job = pickle.loads((folder / TUGAS).read_bytes())
    dasar = folder.parent
    files = [(name, Path(path)) for name, path in job["files"]]
    total = sum(job["ukuran"][name] for name, _ in files)
    laju = _laju(dasar)
    kemajuan = _Kemajuan(folder, job["mode"], total, laju)
    kemajuan.tulis("menunggu", 0.0, "menyiapkan")
    pelaku = job["pelaku"]
    try:
        with _giliran(dasar, total >= BERAT, kemajuan), _sementara_di(folder):
            mulai_kerja = time.monotonic()
            instalasi = _instalasi(job["db"], job["election"])  # before reading: a later change is seen
            batch = _tahap(folder, job, instalasi) if job["mode"] == "simpan" else None
            if batch is not None and kemajuan.perkiraan:  # only the write is left
                kemajuan.perkiraan *= KOMIT / 2
            if batch is None:
                batch = prepare(job["db"], files, election=job["election"], kind=job["kind"], progress=kemajuan)
            if job["mode"] == "periksa":  # the save checks again in commit_batch
                akses.tolak_unggahan(pelaku, batch, job["db"])
            kemajuan.baris = sum(r.rows for r in batch.results) or None
            if job["mode"] == "periksa":
                _simpan_tahap(folder, job, batch, instalasi)
            if job["mode"] == "simpan" and batch.ok:

                def on_wait(*_):
                    kemajuan.tulis("berjalan", 1.0, "menunggu penulisan lain selesai")

                kemajuan.tulis("berjalan", 1.0, "menulis ke database")
                batch = commit_batch(
                    job["db"], batch, uploaded_by=getattr(pelaku, "nama", None), on_wait=on_wait, pelaku=pelaku
                )
            if total >= BERAT and job["mode"] == "periksa":
                _tulis(dasar / LAJU, json.dumps({"laju": total / max(time.monotonic() - mulai_kerja, 0.001)}).encode())
            hasil: Batch | str = ringan(batch)
    except Dibatalkan:
        return 1
    except privacy.KeyRefused as exc:
        hasil = str(exc)
    except Exception as exc:  # a lock held too long, an unknown election: said, nothing was written
        log.warning("unggahan tidak selesai: %s", type(exc).__name__)
        hasil = f"Tidak tersimpan: {exc}" if job["mode"] == "simpan" else f"Tidak dapat diperiksa: {exc}"
    kemajuan.tulis("selesai", 1.0, "selesai")
    _tulis(folder / HASIL, pickle.dumps(hasil))
    return 0


class BarisTahap:
    """A per-voter list's rows as a check staged them (voterlist/staged.py), their files moved into
    a folder of the job folder: what commit_batch needs of them (their number, attaching them)."""

    def __init__(self, path: Path, num_rows: int, tables: list[str]):
        self.path, self.num_rows, self.tables = path, num_rows, tables

    def __len__(self) -> int:
        return self.num_rows

    def attach(self, con, alias: str = "staged") -> None:
        staged.attach_files(con, self.path, self.tables, alias)


def _instalasi(db_path, election: str) -> tuple:
    """What a check read a file against, besides the file: the installation key (NIK and NKK are
    kept as its keyed hashes), the database's data version (regions, earlier uploads) and the
    election's settings (TPS capacity, its day, whether names are kept)."""
    kunci = hashlib.sha256(privacy.installation_secret(db_path)).hexdigest()
    con = db.connect_read(db_path)
    try:
        versi = con.execute("select value from meta where key = 'data_version'").fetchone()
        settings = sorted(election_settings(con, election or db.active_election(con)).items())
    finally:
        con.close()
    return kunci, versi[0] if versi else None, settings


def _simpan_tahap(folder: Path, job: dict, batch: Batch, instalasi: tuple) -> None:
    """Keep the checked batch, its rows included, in the folder for the save (`_tahap`)."""
    results = []
    for number, r in enumerate(batch.results):
        frame, identitas = r.frame, r.identitas
        if hasattr(frame, "attach"):  # staged on disk: its files move into the folder, kept after exit
            frame.close()
            path = folder / f"tahap-{number}"
            shutil.move(frame.folder, path)
            kept = BarisTahap(path, len(frame), frame.tables)
            frame, identitas = kept, kept if identitas is not None else None
        layouts = [
            dataclasses.replace(lay, sheet=dataclasses.replace(lay.sheet, rows=[], merged={})) for lay in r.layouts
        ]
        results.append(dataclasses.replace(r, frame=frame, identitas=identitas, layouts=layouts))
    tahap = {"job": _sidik(job), "instalasi": instalasi, "batch": Batch(batch.election, results)}
    _tulis(folder / TAHAP, pickle.dumps(tahap))


def _sidik(job: dict) -> tuple:
    return job["db"], job["election"], sorted(job["kind"].items())


def _tahap(folder: Path, job: dict, instalasi: tuple) -> Batch | None:
    """The batch the check of these files kept, limited to the files saved now; None when there is
    none, or when the installation changed since the check (the files are then checked again)."""
    try:
        tahap = pickle.loads((folder / TAHAP).read_bytes())
    except (OSError, EOFError, pickle.UnpicklingError):
        return None
    if tahap["job"] != _sidik(job) or tahap["instalasi"] != instalasi:
        return None
    names = {name for name, _ in job["files"]}
    results = [r for r in tahap["batch"].results if r.file_name in names]
    for r in results:
        if isinstance(r.frame, BarisTahap):  # the folder was renamed since the check
            r.frame.path = folder / r.frame.path.name
    return Batch(tahap["batch"].election, results)


def _laju(dasar: Path) -> float:
    try:
        return float(json.loads((dasar / LAJU).read_text(encoding="utf-8"))["laju"])
    except (OSError, ValueError, KeyError, TypeError):
        return LAJU_AWAL


if __name__ == "__main__":
    logging.basicConfig(level=logging.WARNING, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    sys.exit(kerja(Path(sys.argv[1])))
