"""Backup and restore (`python -m readiness backup|restore`, readiness/cadangan.py): a restored
installation shows the same figures, users, problems, reports and audit trail, still knows its old
uploads and its voters' NIK hashes; a backup taken during an ingest or while reports are committed
is whole; a restore over data, without its key, or from a changed archive changes nothing."""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import os
import shutil
import sqlite3
import stat
import subprocess
import sys
import tarfile
import threading
import time
from pathlib import Path

import duckdb
import pytest

from readiness import akses, cadangan, catatan, cli, db, jejak, lapor, masalah, model, pengguna, privacy
from tests import daftar_fixture as fx

ROOT = Path(__file__).resolve().parent.parent
E = "pilkada-2024"
SUKAPURA, LUMBANG, KRAKSAAN = "35.13.01", "35.13.24", "35.13.14"
NGADISARI = "35.13.01.2001"
ADMIN = akses.Pengguna("admin1", "admin")
PAGI = dt.datetime(2024, 11, 27, 7, 0)
TABLES_CATATAN = ("pengguna", "masalah", "masalah_riwayat", "masalah_unggahan", "pengaturan", "jejak", "meta")
SETTINGS = {
    "kapasitas_tps": 600,
    "ktpel_hijau": 96,
    "ktpel_kuning": 90,
    "partisipasi_hijau": 4,
    "partisipasi_kuning": 10,
    "konsistensi_kuning": 1,
    "target_partisipasi": 77.5,
}
TABLES_LAPOR = ("laporan", "kejadian_selesai", "unggahan_lapor", "jejak_lapor")


def _quiet(*argv) -> int:
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        return cli.main(list(argv))


def _mode(path: Path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


def _send(layanan, daftar, tps, tahap, **kw):
    lap = lapor.Laporan(E, NGADISARI, str(tps), tahap, kw.pop("waktu", PAGI), **kw)
    return layanan.kirim(ADMIN, lap, daftar)


@pytest.fixture(scope="module")
def asal(demo_db_master, tmp_path_factory):
    """The sample with one of everything a backup must keep: a user, a problem, a saved setting,
    field reports (a correction and an incident among them) and a per-voter list; then its backup."""
    folder = tmp_path_factory.mktemp("asal")
    path = folder / "data" / "readiness.duckdb"
    path.parent.mkdir(mode=0o700)
    shutil.copyfile(demo_db_master, path)
    catatan.salin(demo_db_master, path)
    pengguna.tambah(path, "budi", "admin", "sandi-rahasia-1", pelaku=jejak.CLI)
    with db.connect_read(path) as con:
        isian = masalah.Isian(
            KRAKSAAN, "logistik", "Kotak suara TPS 3 belum tiba", dt.date(2024, 11, 18), "tinggi", "Camat", None, None
        )
        masalah.tambah(path, E, isian, ADMIN, ref=con)
        model.simpan_pengaturan(path, E, SETTINGS, ADMIN, ref=con)
        daftar_tps = lapor.DaftarTps.dari_db(con, E)
    layanan = lapor.Layanan(lapor.lapor_path(path))
    try:
        _send(layanan, daftar_tps, 1, "pemungutan_selesai", hadir_l=180, hadir_p=190)
        _send(layanan, daftar_tps, 1, "pemungutan_selesai", hadir_l=181, hadir_p=190)  # a correction
        _send(layanan, daftar_tps, 2, lapor.KEJADIAN, kategori="logistik", uraian="Tinta kurang")
    finally:
        layanan.close()
    sukapura = fx.daftar_sukapura(folder)
    assert _quiet("ingest", str(sukapura.path), "--db", str(path)) == 0
    archive = folder / "cadangan" / "dasbor.tar"
    archive.parent.mkdir()
    assert _quiet("backup", "--out", str(archive), "--db", str(path)) == 0
    return {"db": path, "archive": archive, "sukapura": sukapura, "folder": folder}


def _cli(capsys, *argv) -> tuple[int, str, str]:
    capsys.readouterr()
    rc = cli.main(list(argv))
    out = capsys.readouterr()
    return rc, out.out, out.err


def _everything(capsys, path: Path) -> dict:
    """What a user compares: every report level, the audit, the versions, the store's users,
    problems, settings and trail, the field reports and their trail."""
    seen = {}
    for argv in (
        *(("report", "--level", level) for level in ("korwil", "kecamatan", "desa")),
        ("audit",),
        ("versions",),
    ):
        rc, out, _ = _cli(capsys, *argv, "--db", str(path))
        assert rc == 0
        seen[" ".join(argv)] = out
    store = sqlite3.connect(catatan.path_for(path))
    try:
        for table in TABLES_CATATAN:
            seen[table] = store.execute(f"select * from {table} order by 1").fetchall()
    finally:
        store.close()
    reports = duckdb.connect(str(lapor.lapor_path(path)), read_only=True)
    try:
        for table in TABLES_LAPOR:
            seen[table] = reports.execute(f"select * from {table} order by all").fetchall()
    finally:
        reports.close()
    with db.connect_read(path) as con:
        seen["jejak"] = jejak.daftar(con, path, dt.date(2000, 1, 1), dt.date(2100, 1, 1)).to_dict("records")
    return seen


def _nik_ganda(capsys, path: Path) -> dict[str, int]:
    _, out, _ = _cli(capsys, "audit", "--db", str(path), "--format", "json")
    import json

    return {r["kode_kecamatan"]: r["jumlah"] for r in json.loads(out) if r["temuan"] == "nik_ganda"}


def test_a_restored_installation_is_the_same_and_still_knows_its_uploads_and_nik(asal, capsys, tmp_path, monkeypatch):
    before = _everything(capsys, asal["db"])
    assert (
        len(before["laporan"]) == 3 and len(before["masalah"]) == 21 and [u[0] for u in before["pengguna"]] == ["budi"]
    )
    assert _mode(asal["archive"]) == 0o600 and _mode(cadangan.kunci_path(asal["archive"])) == 0o600
    with tarfile.open(asal["archive"]) as tar:  # the key is not in the archive
        assert tar.getnames() == ["MANIFEST.json", "MANIFEST.hmac", "catatan.sqlite", "analitik.duckdb", "lapor.duckdb"]
    # Another machine: a fresh folder, and no key yet where this account keeps it.
    new_key = tmp_path / "etc" / "kunci"
    monkeypatch.setenv(privacy.ENV_KEY, str(new_key))
    restored = tmp_path / "baru" / "readiness.duckdb"
    rc, _, err = _cli(capsys, "restore", str(asal["archive"]), "--db", str(restored))
    assert rc == 0, err
    assert err.startswith(
        f"Dipulihkan ke {restored}: Kabupaten Probolinggo: 7 unggahan, 1 pengguna, 21 masalah, 3 laporan lapangan"
    )
    after = _everything(capsys, restored)
    assert after == before
    assert (
        privacy.read_key(new_key) == privacy.read_key(cadangan.kunci_path(asal["archive"])) and _mode(new_key) == 0o600
    )
    assert {p.name: _mode(p) for p in restored.parent.iterdir()} == {p.name: 0o600 for p in restored.parent.iterdir()}
    # The old voter list again: recognised, no new version.
    rc, _, err = _cli(capsys, "ingest", str(asal["sukapura"].path), "--db", str(restored))
    assert rc == 0 and "sudah pernah diunggah (sama dengan unggahan #7)" in err
    assert _cli(capsys, "versions", "--db", str(restored))[1] == before["versions"]
    # A new list with a NIK of the old one: found, because the hashes' key came back with the data.
    twin = next(v.nik for v in asal["sukapura"].voters if v.catatan == "nik_ganda_asli")
    assert _quiet("ingest", str(fx.daftar_lumbang(tmp_path, twin).path), "--db", str(restored)) == 0
    assert _nik_ganda(capsys, restored) == {SUKAPURA: 2, LUMBANG: 1}
    # The server's writer takes the restored reports over: a form sent again is still known, the next
    # report gets the next number.
    with db.connect_read(restored) as con:
        daftar_tps = lapor.DaftarTps.dari_db(con, E)
    layanan = lapor.Layanan(lapor.lapor_path(restored))
    try:
        first = before["laporan"][0]
        again = lapor.Laporan(E, NGADISARI, first[6], first[7], PAGI, hadir_l=180, hadir_p=190, kirim_id=first[1])
        assert layanan.kirim(ADMIN, again, daftar_tps).status == "ganda"
        assert _send(layanan, daftar_tps, 3, "logistik_tiba").seq == 4
    finally:
        layanan.close()


def _files_of(path: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(path.parent.iterdir()) if p.is_file()}


def test_a_restore_over_data_without_its_key_or_from_a_changed_archive_changes_nothing(
    asal, capsys, tmp_path, monkeypatch
):
    archive = asal["archive"]
    target = tmp_path / "ada" / "readiness.duckdb"
    assert _cli(capsys, "restore", str(archive), "--db", str(target))[0] == 0
    kept = _files_of(target)
    rc, _, err = _cli(capsys, "restore", str(archive), "--db", str(target))
    assert rc == 1 and err == (
        f"GALAT: {target} sudah ada; pemulihan akan menimpanya. Tidak ada yang diubah. Bila memang itu maksudnya, "
        "hentikan aplikasi lalu ulangi dengan --force.\n"
    )
    assert _files_of(target) == kept
    # One byte changed inside the analytical file's member.
    changed = tmp_path / "ubah.tar"
    shutil.copyfile(archive, changed)
    shutil.copyfile(cadangan.kunci_path(archive), cadangan.kunci_path(changed))
    # A copy readable by others, as `cp` under a login shell's umask makes it (whatever umask an earlier
    # test in this process left: the app's own script sets 077).
    cadangan.kunci_path(changed).chmod(0o644)
    rc, _, err = _cli(capsys, "restore", str(changed), "--db", str(target), "--force")
    assert rc == 1 and err.startswith(
        f"GALAT: Kunci instalasi {changed}.kunci dapat dibaca atau diubah pengguna lain (izin 644); kunci itu "
        f"tidak dipakai. Jalankan: chmod 600 {changed}.kunci"
    )
    os.chmod(cadangan.kunci_path(changed), 0o600)
    with tarfile.open(changed) as tar:
        offset = tar.getmember("analitik.duckdb").offset_data + 300_000
    with open(changed, "r+b") as f:
        f.seek(offset)
        byte = f.read(1)
        f.seek(offset)
        f.write(bytes([byte[0] ^ 0x01]))
    rc, _, err = _cli(capsys, "restore", str(changed), "--db", str(target), "--force")
    assert rc == 1 and err == (
        f"GALAT: {changed} rusak atau diubah: isi 'analitik.duckdb' tidak sama dengan yang dicatat saat "
        "pencadangan (sha256 berbeda). Tidak ada yang diubah.\n"
    )
    assert _files_of(target) == kept
    # Cut short (a copy that did not finish).
    cut = tmp_path / "potong.tar"
    cut.write_bytes(archive.read_bytes()[: archive.stat().st_size // 2])
    shutil.copy(cadangan.kunci_path(archive), cadangan.kunci_path(cut))
    rc, _, err = _cli(capsys, "restore", str(cut), "--db", str(tmp_path / "b" / "readiness.duckdb"))
    assert rc == 1 and err.startswith(f"GALAT: {cut} ") and "Tidak ada yang diubah." in err
    assert not (tmp_path / "b").exists()
    # Without its key beside it: the installation's own key if it is this archive's (the same
    # server set up again), never another one, never none.
    lone = tmp_path / "sendiri.tar"
    shutil.copyfile(archive, lone)
    assert _cli(capsys, "restore", str(lone), "--db", str(tmp_path / "c" / "readiness.duckdb"))[0] == 0
    other = tmp_path / "lain" / "kunci"
    other.parent.mkdir()
    other.write_text("cd" * 32)
    os.chmod(other, 0o600)
    monkeypatch.setenv(privacy.ENV_KEY, str(other))
    rc, _, err = _cli(capsys, "restore", str(lone), "--db", str(tmp_path / "d" / "readiness.duckdb"))
    assert rc == 1 and err.startswith(f"GALAT: Kunci {other} bukan kunci cadangan ini")
    monkeypatch.setenv(privacy.ENV_KEY, str(tmp_path / "belum" / "kunci"))
    rc, _, err = _cli(capsys, "restore", str(lone), "--db", str(tmp_path / "d" / "readiness.duckdb"))
    assert rc == 1 and err.startswith(
        f"GALAT: Berkas kunci {lone}.kunci tidak ada, dan belum ada kunci instalasi di {tmp_path}/belum/kunci. "
        "Cadangan dipulihkan hanya bersama kuncinya"
    )
    assert not (tmp_path / "d").exists() and not (tmp_path / "belum").exists()
    # With --force, over the data: done.
    assert _cli(capsys, "restore", str(archive), "--db", str(target), "--force")[0] == 0


def test_a_backup_during_an_ingest_holds_one_version_whole(demo_db, capsys, tmp_path, tmp_path_factory, monkeypatch):
    before = {a: _cli(capsys, a, "--db", str(demo_db))[1] for a in ("versions", "audit")}
    gone = subprocess.Popen(["true"])
    gone.wait()
    killed = demo_db.parent / f"{demo_db.name}.cadangan-{gone.pid}-0a0b0c0d"  # of a backup killed half-way
    killed.mkdir()
    big = fx.daftar_sukapura(tmp_path).path
    ingest = subprocess.Popen(
        [sys.executable, "-m", "readiness", "ingest", str(big), "--db", str(demo_db)],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        # Midway: the writer's private copy exists beside the live file.
        while ingest.poll() is None and not list(demo_db.parent.glob(f"{demo_db.name}.tmp-*")):
            time.sleep(0.002)
        assert ingest.poll() is None, "the ingest ended before the backup could start"
        archive = tmp_path_factory.mktemp("cadangan") / "ingest.tar"  # outside the data folder
        rc, _, err = _cli(capsys, "backup", "--out", str(archive), "--db", str(demo_db))
        assert rc == 0, err
    finally:
        assert ingest.wait(120) == 0, ingest.stderr.read().decode()
    after = {a: _cli(capsys, a, "--db", str(demo_db))[1] for a in ("versions", "audit")}
    assert after != before
    assert [p.name for p in demo_db.parent.iterdir() if ".cadangan-" in p.name or ".tmp-" in p.name] == []
    monkeypatch.setenv(privacy.ENV_KEY, str(tmp_path / "kunci-baru"))
    restored = tmp_path / "pulih" / "readiness.duckdb"
    assert _cli(capsys, "restore", str(archive), "--db", str(restored))[0] == 0
    got = {a: _cli(capsys, a, "--db", str(restored))[1] for a in ("versions", "audit")}
    assert got in (before, after)


def test_a_backup_while_reports_arrive_holds_every_report_committed_before_it(demo_db, tmp_path, tmp_path_factory):
    with db.connect_read(demo_db) as con:
        daftar_tps = lapor.DaftarTps.dari_db(con, E)
    tps = daftar_tps.frame.head(400)
    layanan = lapor.Layanan(lapor.lapor_path(demo_db))
    answered, stop, errors = [], threading.Event(), []

    def send():
        try:
            for i in range(len(tps)):
                if stop.is_set():
                    return
                row = tps.iloc[i]
                lap = lapor.Laporan(
                    E, row["kode_desa"], row["no_tps"], "logistik_tiba", PAGI, kirim_id=f"k{i:04d}-0123456789"
                )
                answered.append(layanan.kirim(ADMIN, lap, daftar_tps).seq)
        except Exception as exc:  # noqa: BLE001 - reported by the assertion below
            errors.append(exc)

    sender = threading.Thread(target=send)
    try:
        sender.start()
        while len(answered) < 20:
            time.sleep(0.01)
        committed_before = set(answered)
        # Another process: it cannot open the reports' file the server holds.
        archive = tmp_path_factory.mktemp("cadangan") / "lapor.tar"
        done = subprocess.run(
            [sys.executable, "-m", "readiness", "backup", "--out", str(archive), "--db", str(demo_db)],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert done.returncode == 0, done.stderr
        stop.set()
        sender.join(60)
        assert errors == []
        cur = layanan.cursor()
        live = {r[0]: r for r in cur.execute("select * from laporan").fetchall()}
        live_trail = {r[0]: r for r in cur.execute("select * from jejak_lapor").fetchall()}
    finally:
        stop.set()
        layanan.close()
    with tarfile.open(archive) as tar:
        # extractfile, not extract(filter=…): Debian 12's Python 3.11.2 has no extraction filters.
        (tmp_path / "lapor.duckdb").write_bytes(tar.extractfile("lapor.duckdb").read())
    copy = duckdb.connect(str(tmp_path / "lapor.duckdb"), read_only=True)
    try:
        saved = {r[0]: r for r in copy.execute("select * from laporan").fetchall()}
        trail = copy.execute("select * from jejak_lapor").fetchall()
    finally:
        copy.close()
    assert [p.name for p in demo_db.parent.iterdir() if ".salinan-" in p.name or ".cadangan-" in p.name] == []
    assert committed_before <= set(saved)
    assert all(saved[seq] == live[seq] for seq in saved)  # none torn, none invented
    assert sorted(saved) == list(range(1, len(saved) + 1))  # a prefix of the commits, no gap
    assert all(row == live_trail[row[0]] for row in trail) and len(trail) == len(saved)
