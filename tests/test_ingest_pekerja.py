"""The upload worker process: a large job waits for its turn while another holds it, says so in its
progress record, then runs; a job's folder is private and holds only what the server wrote."""

import fcntl
import os
import stat
import time
import zipfile

from readiness import db
from readiness.ingest import pekerja
from tests import xlsx


def _wait(tugas, what, timeout=120):
    deadline = time.time() + timeout
    while time.time() < deadline:
        if what(tugas):
            return True
        time.sleep(0.05)
    return False


def test_a_large_upload_waits_for_its_turn_then_is_saved(empty_db, tmp_path):
    path = xlsx.recap(tmp_path / "rekap.xlsx", [("Kraksaan", "Asembakor", 2, 300, 300, 600)])
    with zipfile.ZipFile(path, "a", compression=zipfile.ZIP_STORED) as book:  # an embedded picture's weight
        book.writestr("docProps/lampiran.bin", os.urandom(pekerja.BERAT))
    dasar = pekerja.folder_dasar(empty_db)
    assert stat.S_IMODE(os.stat(dasar).st_mode) == 0o700
    lock = os.open(dasar / pekerja.GILIRAN, os.O_RDWR | os.O_CREAT, 0o600)
    fcntl.flock(lock, fcntl.LOCK_EX)  # another large job is running
    tugas = pekerja.mulai(empty_db, "simpan", [("rekap.xlsx", path.read_bytes())], election="pilkada-2024")
    try:
        (copy,) = tugas.folder.glob("berkas-*")
        assert stat.S_IMODE(os.stat(tugas.folder).st_mode) == 0o700
        assert stat.S_IMODE(os.stat(copy).st_mode) == 0o600
        assert _wait(tugas, lambda t: t.keadaan().get("fase") == "menunggu" and "giliran" in t.keadaan()["text"])
        assert pekerja.teks_kemajuan("simpan", tugas.keadaan()) == (
            "Menyimpan ke database — menunggu giliran: unggahan besar lain sedang diproses"
        )
        time.sleep(1)
        assert not tugas.selesai()  # still waiting, nothing written
    finally:
        fcntl.flock(lock, fcntl.LOCK_UN)
        os.close(lock)
    assert _wait(tugas, lambda t: t.selesai())
    done = tugas.hasil()
    tugas.bersihkan()
    assert done.committed and [r.rows for r in done.results] == [1]
    assert done.results[0].frame is None  # the rows stayed in the worker
    con = db.connect_read(empty_db)
    assert con.execute("select sum(dpt) from stg_pemilih").fetchall()[0][0] == 600
    con.close()
    assert not tugas.folder.exists()
