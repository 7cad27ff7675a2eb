"""The upload worker process: a large job waits for its turn while another holds it, says so in its
progress record, then runs; a job's folder is private and holds only what the server wrote. The save
of checked files writes the rows their check read (the upload's copy may be gone by then), unless
the installation key changed since: then it reads the files again."""

import fcntl
import os
import stat
import time
import zipfile

from readiness import db, ingest, privacy
from readiness.ingest import pekerja
from tests import daftar_fixture as fx
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


def test_a_file_the_page_already_wrote_to_disk_is_checked_from_there_not_copied(empty_db, tmp_path):
    """The page keeps an upload on disk (app/berkas_unggah.py): the check's job gets the same file
    under a second name, not a copy, and the page's file stays for the next check of it."""
    held = pekerja.folder_dasar(empty_db) / "berkas-a"
    held.mkdir(mode=0o700)
    path = xlsx.recap(held / "berkas", [("Kraksaan", "Asembakor", 2, 300, 300, 600)])
    tugas = pekerja.mulai(empty_db, "periksa", [("rekap kraksaan.xlsx", path)], election="pilkada-2024")
    (copy,) = tugas.folder.glob("berkas-*")
    assert os.path.samefile(copy, path)
    assert _wait(tugas, lambda t: t.selesai())
    checked = tugas.hasil()
    tugas.bersihkan()
    assert checked.ok and [(r.file_name, r.rows) for r in checked.results] == [("rekap kraksaan.xlsx", 1)]
    assert path.exists() and not tugas.folder.exists()


def _rows(db_path) -> list[tuple]:
    con = db.connect_read(db_path)
    try:
        return con.execute("select * exclude (upload_id) from raw_daftar order by source_sheet, source_row").fetchall()
    finally:
        con.close()


def _check_then_save(db_path, daftar, between=lambda tugas: None):
    """Check the list in a worker, run `between(check)`, then save it from the check's folder."""
    check = pekerja.mulai(db_path, "periksa", [("dpt.xlsx", daftar.path.read_bytes())], election="pilkada-2024")
    assert _wait(check, lambda t: t.selesai())
    checked = check.hasil()
    assert checked.ok and checked.results[0].rows == len(daftar.voters)
    assert check.ada()  # the rows read are kept for the save
    between(check)
    save = pekerja.lanjutkan(check, ["dpt.xlsx"])
    assert _wait(save, lambda t: t.selesai())
    done = save.hasil()
    save.bersihkan()
    assert not [folder for folder in pekerja.folder_dasar(db_path).iterdir() if folder.is_dir()]
    return done


def test_the_save_writes_the_rows_the_check_read_without_reading_the_file_again(empty_db, tmp_path):
    daftar = fx.daftar_sukapura(tmp_path)
    by_command = tmp_path / "baris" / "readiness.duckdb"
    db.ensure_database(by_command)
    ingest.ingest_files(by_command, [("dpt.xlsx", daftar.path)], election="pilkada-2024")

    def upload_gone(check):  # the uploaded file's copy is gone: what is saved can only be what was read
        for copy in check.folder.glob("berkas-*"):
            copy.unlink()

    done = _check_then_save(empty_db, daftar, upload_gone)
    assert done.committed and [r.rows for r in done.results] == [len(daftar.voters)]
    assert done.results[0].frame is None  # the rows stayed in the worker
    assert _rows(empty_db) == _rows(by_command)  # every voter, as the command line saves them


def test_a_save_after_the_installation_key_changed_checks_the_file_again(
    empty_db, tmp_path, tmp_path_factory, monkeypatch
):
    daftar = fx.daftar_sukapura(tmp_path)
    new_key = str(tmp_path_factory.mktemp("kunci-baru") / "kunci")
    monkeypatch.setenv(privacy.ENV_KEY, new_key)
    by_command = tmp_path / "baris" / "readiness.duckdb"
    db.ensure_database(by_command)
    ingest.ingest_files(by_command, [("dpt.xlsx", daftar.path)], election="pilkada-2024")  # under the new key
    monkeypatch.undo()  # the check runs under the session's key

    done = _check_then_save(empty_db, daftar, lambda check: monkeypatch.setenv(privacy.ENV_KEY, new_key))
    assert not isinstance(done, str), done
    assert done.committed and [r.rows for r in done.results] == [len(daftar.voters)]
    assert _rows(empty_db) == _rows(by_command)  # NIK and NKK hashed with the key in use when saved
