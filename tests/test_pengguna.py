"""App users (issue 8): `python -m readiness user add|reset|disable`, argon2id hashes, login, and
the lockout after repeated failures (with an injected clock and no real waiting)."""
import datetime as dt
import io
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from readiness import akses, cli, db, jejak, pengguna

ROOT = Path(__file__).resolve().parent.parent
SANDI = "Rahasia-Desk-2024"


def run_cli(monkeypatch, capsys, *args, stdin: str | None = None):
    """`python -m readiness user …` in-process: (exit status, everything printed)."""
    monkeypatch.setattr(sys, "stdin", io.StringIO(stdin if stdin is not None else ""))
    code = cli.main(["user", *map(str, args)])
    out = capsys.readouterr()
    return code, out.out + out.err


def masuk(path, nama, sandi, **kw):
    return pengguna.masuk(path, nama, sandi, tidur=lambda s: None, **kw)


def baris(path, sql, params=None):
    con = db.open_read_only(path)
    try:
        return con.execute(sql, params or {}).fetchall()
    finally:
        con.close()


@pytest.fixture
def path(empty_db):
    return empty_db


def test_add_then_login_works_with_the_role_given(path, monkeypatch, capsys):
    code, out = run_cli(monkeypatch, capsys, "add", "Sekda", "--db", path, "--role", "pimpinan",
                        "--password-stdin", stdin=SANDI + "\n")
    # The first user may be a pimpinan from the command line, with a warning that no admin exists.
    assert code == 0, out
    assert "Pengguna 'Sekda' ditambahkan sebagai Pimpinan" in out
    assert "belum ada admin aktif" in out
    hasil = masuk(path, "sekda", SANDI)  # the name is not case sensitive
    assert hasil.berhasil and hasil.pengguna == akses.Pengguna("Sekda", "pimpinan")
    salah = masuk(path, "Sekda", SANDI + "x")
    assert not salah.berhasil and salah.pesan == "Nama pengguna atau kata sandi salah."


def test_first_user_without_role_is_admin_later_ones_pimpinan(path, monkeypatch, capsys):
    code, out = run_cli(monkeypatch, capsys, "add", "admin", "--db", path, "--password-stdin", stdin=SANDI)
    assert code == 0 and "sebagai Admin (peran bawaan" in out
    code, out = run_cli(monkeypatch, capsys, "add", "asisten", "--db", path, "--password-stdin", stdin=SANDI)
    assert code == 0 and "sebagai Pimpinan (peran bawaan" in out
    assert baris(path, "select nama, peran from pengguna order by nama") == [("admin", "admin"), ("asisten", "pimpinan")]


def test_password_is_never_printed_nor_stored_as_text(path):
    """As a user runs it (a subprocess); the database file holds only the argon2id hash."""
    done = subprocess.run([sys.executable, "-m", "readiness", "user", "add", "operator", "--db", str(path),
                           "--role", "analis", "--password-stdin"], input=SANDI + "\n", cwd=ROOT,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert SANDI not in done.stdout + done.stderr
    assert "Pengguna 'operator' ditambahkan sebagai Analis" in done.stderr
    (hash_,) = baris(path, "select sandi_hash from pengguna where nama = 'operator'")[0]
    assert hash_.startswith("$argon2id$v=19$")
    assert SANDI.encode() not in path.read_bytes()
    assert not any(SANDI in str(r) for r in baris(path, "select * from jejak"))


def test_getpass_asks_twice_and_refuses_a_mismatch(path, monkeypatch, capsys):
    answers = iter([SANDI, SANDI + "!"])
    monkeypatch.setattr("getpass.getpass", lambda prompt="": next(answers))
    code, out = run_cli(monkeypatch, capsys, "add", "budi", "--db", path, "--role", "admin")
    assert code == 1 and "kedua kata sandi tidak sama" in out
    assert baris(path, "select count(*) from pengguna") == [(0,)]
    answers = iter([SANDI, SANDI])
    code, out = run_cli(monkeypatch, capsys, "add", "budi", "--db", path, "--role", "admin")
    assert code == 0 and SANDI not in out
    assert masuk(path, "budi", SANDI).berhasil


def test_errors_exit_nonzero_in_indonesian_and_change_nothing(path, monkeypatch, capsys):
    assert run_cli(monkeypatch, capsys, "add", "budi", "--db", path, "--role", "admin", "--password-stdin",
                   stdin=SANDI)[0] == 0
    code, out = run_cli(monkeypatch, capsys, "add", "BUDI", "--db", path, "--role", "analis", "--password-stdin",
                        stdin=SANDI)
    assert code == 1 and "GALAT: Pengguna 'BUDI' sudah ada" in out
    code, out = run_cli(monkeypatch, capsys, "add", "ani", "--db", path, "--role", "analis", "--password-stdin",
                        stdin="pendek7")
    assert code == 1 and "Kata sandi terlalu pendek: minimal 8 karakter" in out
    for action in ("reset", "disable"):
        code, out = run_cli(monkeypatch, capsys, action, "siapa", "--db", path, "--password-stdin", stdin=SANDI)
        assert code == 1 and "GALAT: Pengguna 'siapa' tidak ada" in out
    assert baris(path, "select nama from pengguna") == [("budi",)]
    assert baris(path, "select count(*) from jejak where aksi = 'pengguna'") == [(1,)]


def test_wrong_role_is_refused(path, monkeypatch, capsys):
    with pytest.raises(SystemExit) as exit_:
        run_cli(monkeypatch, capsys, "add", "x", "--db", path, "--role", "superadmin", "--password-stdin",
                stdin=SANDI)
    assert exit_.value.code == 2
    assert "Perintah tidak lengkap atau salah" in capsys.readouterr().err
    run_cli(monkeypatch, capsys, "add", "budi", "--db", path, "--role", "admin", "--password-stdin", stdin=SANDI)
    code, out = run_cli(monkeypatch, capsys, "reset", "budi", "--db", path, "--role", "pimpinan",
                        "--password-stdin", stdin=SANDI)
    assert code == 2 and "--role dan --wilayah hanya untuk 'user add'" in out
    assert baris(path, "select peran from pengguna") == [("admin",)]


def test_reset_replaces_the_password_and_ends_old_sessions(path, monkeypatch, capsys):
    run_cli(monkeypatch, capsys, "add", "budi", "--db", path, "--role", "admin", "--password-stdin", stdin=SANDI)
    lama = masuk(path, "budi", SANDI)
    code, out = run_cli(monkeypatch, capsys, "reset", "budi", "--db", path, "--password-stdin", stdin="Baru-12345")
    assert code == 0 and "Kata sandi 'budi' diganti" in out
    assert not masuk(path, "budi", SANDI).berhasil
    baru = masuk(path, "budi", "Baru-12345")
    assert baru.berhasil and baru.versi_sandi == lama.versi_sandi + 1  # the old session's version is stale


def test_disable_refuses_login_even_with_the_right_password(path, monkeypatch, capsys):
    run_cli(monkeypatch, capsys, "add", "budi", "--db", path, "--role", "admin", "--password-stdin", stdin=SANDI)
    run_cli(monkeypatch, capsys, "add", "ani", "--db", path, "--role", "analis", "--password-stdin", stdin=SANDI)
    code, out = run_cli(monkeypatch, capsys, "disable", "ani", "--db", path)
    assert code == 0 and "Pengguna 'ani' dinonaktifkan" in out
    hasil = masuk(path, "ani", SANDI)
    assert not hasil.berhasil and hasil.pesan == "Akun ini sudah dinonaktifkan. Hubungi admin desk pilkada."
    # With a wrong password nobody learns that the account exists but is disabled.
    assert masuk(path, "ani", "tebakan-salah").pesan == "Nama pengguna atau kata sandi salah."
    code, out = run_cli(monkeypatch, capsys, "enable", "ani", "--db", path)
    assert code == 0 and masuk(path, "ani", SANDI).berhasil


def test_pelapor_needs_a_known_area(path, monkeypatch, capsys):
    run_cli(monkeypatch, capsys, "add", "budi", "--db", path, "--role", "admin", "--password-stdin", stdin=SANDI)
    code, out = run_cli(monkeypatch, capsys, "add", "p1", "--db", path, "--role", "pelapor", "--password-stdin",
                        stdin=SANDI)
    assert code == 1 and "Pelapor lapangan harus diberi wilayah" in out
    code, out = run_cli(monkeypatch, capsys, "add", "p1", "--db", path, "--role", "pelapor", "--wilayah", "99.99",
                        "--password-stdin", stdin=SANDI)
    assert code == 1 and "Wilayah '99.99' tidak dikenal" in out
    code, out = run_cli(monkeypatch, capsys, "add", "p1", "--db", path, "--role", "pelapor", "--wilayah", "35.13.14",
                        "--password-stdin", stdin=SANDI)
    assert code == 0
    assert masuk(path, "p1", SANDI).pengguna == akses.Pengguna("p1", "pelapor", "35.13.14")


class Jam:
    def __init__(self):
        self.now = dt.datetime(2024, 11, 27, 7, 0, 0)

    def __call__(self):
        return self.now


def test_lockout_after_five_failures_and_unlock_after_fifteen_minutes(path):
    with db.writing(path) as con:
        pengguna.tambah(con, "budi", "admin", SANDI, pelaku=jejak.CLI)
    jam, tidur = Jam(), []
    for n in range(1, 5):
        hasil = pengguna.masuk(path, "budi", f"salah-{n}-xxx", sekarang=jam, tidur=tidur.append)
        assert hasil.pesan == "Nama pengguna atau kata sandi salah."
        assert baris(path, "select gagal from pengguna") == [(n,)]  # counted in the file: survives a restart
    hasil = pengguna.masuk(path, "budi", "salah-5-xxx", sekarang=jam, tidur=tidur.append)
    assert not hasil.berhasil
    assert hasil.pesan.startswith("Terlalu banyak percobaan yang gagal: akun ini dikunci sampai pukul 07.15.")
    assert tidur == [pengguna.JEDA_GAGAL] * 5  # every failure is slowed
    jam.now += dt.timedelta(minutes=14, seconds=59)
    hasil = pengguna.masuk(path, "budi", SANDI, sekarang=jam, tidur=tidur.append)  # right password, still locked
    assert not hasil.berhasil and "dikunci sampai pukul 07.15" in hasil.pesan
    jam.now += dt.timedelta(seconds=1)
    assert pengguna.masuk(path, "budi", SANDI, sekarang=jam, tidur=tidur.append).berhasil
    assert baris(path, "select gagal, terkunci_sampai from pengguna") == [(0, None)]


def test_success_resets_the_count_and_reset_unlocks(path):
    with db.writing(path) as con:
        pengguna.tambah(con, "budi", "admin", SANDI, pelaku=jejak.CLI)
    jam = Jam()
    for _ in range(4):
        masuk(path, "budi", "salah-salah", sekarang=jam)
    assert masuk(path, "budi", SANDI, sekarang=jam).berhasil
    for _ in range(4):  # four more: not five in a row, no lock
        masuk(path, "budi", "salah-salah", sekarang=jam)
    assert masuk(path, "budi", SANDI, sekarang=jam).berhasil
    for _ in range(5):
        masuk(path, "budi", "salah-salah", sekarang=jam)
    assert not masuk(path, "budi", SANDI, sekarang=jam).berhasil
    with db.writing(path) as con:
        pengguna.atur_sandi(con, "budi", "Sandi-Baru-1", pelaku=jejak.CLI)
    assert masuk(path, "budi", "Sandi-Baru-1", sekarang=jam).berhasil


def test_unknown_name_gets_the_same_answer_as_a_wrong_password(path):
    with db.writing(path) as con:
        pengguna.tambah(con, "budi", "admin", SANDI, pelaku=jejak.CLI)
    assert masuk(path, "tidak-ada", SANDI).pesan == masuk(path, "budi", "salah-salah").pesan


def test_the_app_keeps_one_active_admin(path):
    with db.writing(path) as con:
        pengguna.tambah(con, "budi", "admin", SANDI, pelaku=jejak.CLI)
        pengguna.tambah(con, "ani", "analis", SANDI, pelaku=jejak.CLI)
    for change in (lambda con: pengguna.nonaktifkan(con, "budi", pelaku="budi"),
                   lambda con: pengguna.ubah_peran(con, "budi", "pimpinan", pelaku="budi")):
        with pytest.raises(pengguna.PenggunaError, match="admin aktif terakhir"):
            with db.writing(path) as con:
                change(con)
    with db.writing(path) as con:
        pengguna.ubah_peran(con, "ani", "admin", pelaku="budi")
        pengguna.nonaktifkan(con, "budi", pelaku="ani")
    assert baris(path, "select nama, peran, aktif from pengguna order by nama") == [
        ("ani", "admin", True), ("budi", "admin", False)]


def test_old_database_gets_the_users_table(tmp_path):
    """A database made before this release is migrated and stays in local mode (no users)."""
    path = tmp_path / "lama.duckdb"
    con = duckdb.connect(str(path))
    db._create(con)  # the first release's schema, then its migrations up to 002 (before users)
    for number, migration in db.migrations():
        if number <= 2:
            con.execute(migration.read_text(encoding="utf-8"))
    con.execute("insert or replace into meta values ('schema_version', '2')")
    con.close()
    db.ensure_database(path)
    assert baris(path, "select count(*) from pengguna") == [(0,)]
