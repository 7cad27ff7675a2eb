"""App users: `python -m readiness user add|reset|disable`, argon2id hashes, login, and the move of
an older release's users into the small-records store."""

import datetime as dt
import io
import subprocess
import sys
import time
from pathlib import Path

import argon2
import duckdb
import pytest

from readiness import akses, catatan, cli, db, jejak, pengguna

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


def baris(path, sql, params=()):
    """Rows of the small-records store beside the database at `path`."""
    with catatan.baca(path) as con:
        return [tuple(r) for r in con.execute(sql, params).fetchall()]


@pytest.fixture
def path(empty_db):
    return empty_db


def test_add_then_login_works_with_the_role_given(path, monkeypatch, capsys):
    code, out = run_cli(
        monkeypatch, capsys, "add", "Sekda", "--db", path, "--role", "pimpinan", "--password-stdin", stdin=SANDI + "\n"
    )
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
    assert baris(path, "select nama, peran from pengguna order by nama") == [
        ("admin", "admin"),
        ("asisten", "pimpinan"),
    ]


def test_password_is_never_printed_nor_stored_as_text(path):
    """As a user runs it (a subprocess); the database file holds only the argon2id hash."""
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "readiness",
            "user",
            "add",
            "operator",
            "--db",
            str(path),
            "--role",
            "analis",
            "--password-stdin",
        ],
        input=SANDI + "\n",
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert SANDI not in done.stdout + done.stderr
    assert "Pengguna 'operator' ditambahkan sebagai Analis" in done.stderr
    (hash_,) = baris(path, "select sandi_hash from pengguna where nama = 'operator'")[0]
    assert hash_.startswith("$argon2id$v=19$")
    assert SANDI.encode() not in path.read_bytes()
    assert SANDI.encode() not in catatan.path_for(path).read_bytes()
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
    assert (
        run_cli(monkeypatch, capsys, "add", "budi", "--db", path, "--role", "admin", "--password-stdin", stdin=SANDI)[0]
        == 0
    )
    code, out = run_cli(
        monkeypatch, capsys, "add", "BUDI", "--db", path, "--role", "analis", "--password-stdin", stdin=SANDI
    )
    assert code == 1 and "GALAT: Pengguna 'BUDI' sudah ada" in out
    code, out = run_cli(
        monkeypatch, capsys, "add", "ani", "--db", path, "--role", "analis", "--password-stdin", stdin="pendek7"
    )
    assert code == 1 and "Kata sandi terlalu pendek: minimal 8 karakter" in out
    for action in ("reset", "disable"):
        code, out = run_cli(monkeypatch, capsys, action, "siapa", "--db", path, "--password-stdin", stdin=SANDI)
        assert code == 1 and "GALAT: Pengguna 'siapa' tidak ada" in out
    assert baris(path, "select nama from pengguna") == [("budi",)]
    assert baris(path, "select count(*) from jejak where aksi = 'pengguna'") == [(1,)]


def test_wrong_role_is_refused(path, monkeypatch, capsys):
    with pytest.raises(SystemExit) as exit_:
        run_cli(monkeypatch, capsys, "add", "x", "--db", path, "--role", "superadmin", "--password-stdin", stdin=SANDI)
    assert exit_.value.code == 2
    assert "Perintah tidak lengkap atau salah" in capsys.readouterr().err
    run_cli(monkeypatch, capsys, "add", "budi", "--db", path, "--role", "admin", "--password-stdin", stdin=SANDI)
    code, out = run_cli(
        monkeypatch, capsys, "reset", "budi", "--db", path, "--role", "pimpinan", "--password-stdin", stdin=SANDI
    )
    assert code == 2 and "--role, --wilayah dan --kabkota hanya untuk 'user add'" in out
    assert baris(path, "select peran from pengguna") == [("admin",)]


def test_reset_replaces_the_password_and_ends_old_sessions(path, monkeypatch, capsys):
    run_cli(monkeypatch, capsys, "add", "budi", "--db", path, "--role", "admin", "--password-stdin", stdin=SANDI)
    lama = masuk(path, "budi", SANDI)
    assert pengguna.periksa_sesi(path, pengguna.hash_token(lama.token)) == akses.Pengguna("budi", "admin")
    code, out = run_cli(monkeypatch, capsys, "reset", "budi", "--db", path, "--password-stdin", stdin="Baru-12345")
    assert code == 0 and "Kata sandi 'budi' diganti" in out
    assert pengguna.periksa_sesi(path, pengguna.hash_token(lama.token)) == "berakhir"
    assert not masuk(path, "budi", SANDI).berhasil
    assert masuk(path, "budi", "Baru-12345").berhasil


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
    code, out = run_cli(
        monkeypatch, capsys, "add", "p1", "--db", path, "--role", "pelapor", "--password-stdin", stdin=SANDI
    )
    assert code == 1 and "Pelapor lapangan harus diberi wilayah" in out
    code, out = run_cli(
        monkeypatch,
        capsys,
        "add",
        "p1",
        "--db",
        path,
        "--role",
        "pelapor",
        "--wilayah",
        "99.99",
        "--password-stdin",
        stdin=SANDI,
    )
    assert code == 1 and "Wilayah '99.99' tidak dikenal" in out
    code, out = run_cli(
        monkeypatch,
        capsys,
        "add",
        "p1",
        "--db",
        path,
        "--role",
        "pelapor",
        "--wilayah",
        "35.13.14",
        "--password-stdin",
        stdin=SANDI,
    )
    assert code == 0
    assert masuk(path, "p1", SANDI).pengguna == akses.Pengguna("p1", "pelapor", "35.13.14")


def test_the_pengguna_form_refuses_a_mismatch_and_a_first_user_who_is_not_admin():
    assert pengguna.tabel.alasan_tolak(SANDI, SANDI + "x") == "kedua kata sandi tidak sama."
    assert (
        pengguna.tabel.alasan_tolak(SANDI, SANDI, peran="analis", pertama=True)
        == "pengguna pertama harus berperan admin."
    )
    assert pengguna.tabel.alasan_tolak(SANDI, SANDI, peran="admin", pertama=True) is None
    assert pengguna.tabel.alasan_tolak(SANDI, SANDI, peran="analis") is None
    assert pengguna.tabel.nama_sama("Budi", "budi") and not pengguna.tabel.nama_sama("budi", "budi2")


def test_unknown_name_gets_the_same_answer_as_a_wrong_password(path):
    pengguna.tambah(path, "budi", "admin", SANDI, pelaku=jejak.CLI)
    assert masuk(path, "tidak-ada", SANDI).pesan == masuk(path, "budi", "salah-salah").pesan


def test_the_app_keeps_one_active_admin(path):
    pengguna.tambah(path, "budi", "admin", SANDI, pelaku=jejak.CLI)
    pengguna.tambah(path, "ani", "analis", SANDI, pelaku=jejak.CLI)
    for change in (
        lambda: pengguna.nonaktifkan(path, "budi", pelaku="budi"),
        lambda: pengguna.ubah_peran(path, "budi", "pimpinan", pelaku="budi"),
    ):
        with pytest.raises(pengguna.PenggunaError, match="admin aktif terakhir"):
            change()
    pengguna.ubah_peran(path, "ani", "admin", pelaku="budi")
    pengguna.nonaktifkan(path, "budi", pelaku="ani")
    assert baris(path, "select nama, peran, aktif from pengguna order by nama") == [
        ("ani", "admin", 1),
        ("budi", "admin", 0),
    ]


PREVIOUS_SCHEMA = 6  # the last analytical schema version whose release kept users in it


def _previous_release(path: Path) -> None:
    """A database as the previous release left it: users (argon2id hashes, a reset password, a
    disabled account, a lockout in progress) and audit-trail rows in the analytical file, and an
    export record still waiting beside it."""
    con = duckdb.connect(str(path))
    db._create(con)  # the first release's schema, then the migrations that release had (users: 003)
    for number, migration in db.migrations():
        if number <= PREVIOUS_SCHEMA:
            con.execute(migration.read_text(encoding="utf-8"))
    con.execute("insert or replace into meta values ('schema_version', $v)", {"v": str(PREVIOUS_SCHEMA)})
    hasher = argon2.PasswordHasher()
    users = [
        ("Budi", "admin", None, "Sandi-Budi-123", 1, True, 0, None, dt.datetime(2024, 11, 26, 8, 30)),
        ("sekda", "pimpinan", None, "Sandi-Sekda-12", 3, True, 4, dt.datetime(2024, 11, 27, 7, 15), None),
        ("p1", "pelapor", "35.13.14", "Sandi-P1-12345", 1, True, 0, None, None),
        ("lama", "analis", None, "Sandi-Lama-123", 1, False, 0, None, None),
    ]
    for nama, peran, wilayah, sandi, versi, aktif, gagal, kunci, terakhir in users:
        con.execute(
            "insert into pengguna values ($n, $p, $w, $h, $v, $a, $g, $k, $d, $d, $t)",
            {
                "n": nama,
                "p": peran,
                "w": wilayah,
                "h": hasher.hash(sandi),
                "v": versi,
                "a": aktif,
                "g": gagal,
                "k": kunci,
                "d": dt.datetime(2024, 11, 1, 9, 0),
                "t": terakhir,
            },
        )
    for i, (aksi, pelaku, objek) in enumerate(
        [
            ("pengguna", "cli", "Budi"),
            ("masuk", "Budi", "Budi"),
            ("unggah", "Budi", "rekap.xlsx"),
            ("masuk", "sekda", "sekda"),
            ("keluar", "Budi", "Budi"),
        ]
    ):
        con.execute(
            "insert into jejak (waktu, pelaku, peran, aksi, objek, rincian) values ($w, $p, 'admin', $a, $o, "
            "'{\"lama\": true}')",
            {"w": dt.datetime(2024, 11, 26, 8, 0) + dt.timedelta(minutes=i), "p": pelaku, "a": aksi, "o": objek},
        )
    con.close()
    Path(f"{path}.jejak-tertunda").write_text(
        '{"waktu": "2024-11-27T09:00:00", "pelaku": "sekda", "peran": "pimpinan", "aksi": "ekspor", '
        '"objek": "rakor.pptx", "rincian": null}\n{"waktu": "2024-11-27T09:0',
        encoding="utf-8",
    )  # a cut-off line


def test_a_previous_release_database_keeps_every_user_and_trail_row(tmp_path):
    path = tmp_path / "readiness.duckdb"
    _previous_release(path)
    assert masuk(path, "budi", "Sandi-Budi-123").pengguna == akses.Pengguna("Budi", "admin")
    # A lockout of the previous release is not carried over: throttling replaces it.
    assert masuk(path, "sekda", "Sandi-Sekda-12").berhasil
    assert masuk(path, "p1", "Sandi-P1-12345").pengguna == akses.Pengguna("p1", "pelapor", "35.13.14")
    assert masuk(path, "lama", "Sandi-Lama-123").pesan == pengguna.NONAKTIF
    users = pengguna.daftar(path).set_index("nama")
    assert list(users.index) == ["Budi", "lama", "p1", "sekda"]
    assert users.loc["sekda", "versi_sandi"] == 3
    assert str(users.loc["p1", "terakhir_masuk"]) != "NaT"
    assert (users.loc["Budi", "dibuat"].year, users.loc["lama", "aktif"]) == (2024, False)
    # Every old trail row still shows, with its number, beside the new ones and the waiting export.
    con = db.connect_read(path)
    try:
        trail = jejak.daftar(con.cursor(), path, dt.date(2024, 11, 1), dt.date.today())
    finally:
        con.close()
    lama = trail[trail["rincian"] == '{"lama": true}']
    assert sorted(lama["no"]) == ["1", "2", "3", "4", "5"]
    assert list(lama["aksi"]) == ["keluar", "masuk", "unggah", "masuk", "pengguna"]  # newest first
    (ekspor,) = trail[trail["aksi"] == "ekspor"].to_dict(orient="records")
    assert (ekspor["pelaku"], ekspor["objek"], ekspor["no"][:2]) == ("sekda", "rakor.pptx", "C-")
    assert not Path(f"{path}.jejak-tertunda").exists()


def test_the_move_of_users_happens_once(tmp_path):
    path = tmp_path / "readiness.duckdb"
    _previous_release(path)
    pengguna.atur_sandi(path, "Budi", "Sandi-Baru-999", pelaku=jejak.CLI)
    pengguna.nonaktifkan(path, "sekda", pelaku=jejak.CLI)
    catatan._ready.clear()  # as a new process would open it
    assert masuk(path, "Budi", "Sandi-Baru-999").berhasil
    assert not masuk(path, "Budi", "Sandi-Budi-123").berhasil
    assert masuk(path, "sekda", "Sandi-Sekda-12").pesan == pengguna.NONAKTIF
    assert baris(path, "select count(*) from pengguna") == [(4,)]
    assert baris(path, "select count(*) from jejak where aksi = 'ekspor'") == [(1,)]


def test_a_session_is_valid_while_the_store_is_busy_with_other_writes(path):
    # Hundreds of phones at 07.00: writing a session's last activity must not refuse (or hold up)
    # the request when another writer holds the store; a later request writes it.
    pengguna.tambah(path, "sari", "analis", SANDI, pelaku="uji")
    token = pengguna.buka_sesi(path, "sari")

    def later():
        return time.time() + 2 * pengguna.SEGARKAN_SESI

    with catatan.tulis(path):  # another writer, holding the store's write lock
        assert pengguna.periksa_sesi(path, pengguna.hash_token(token), jam=later) == akses.Pengguna("sari", "analis")
    assert pengguna.periksa_sesi(path, pengguna.hash_token(token), jam=later) == akses.Pengguna("sari", "analis")
