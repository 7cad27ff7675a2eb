"""Logging in: never through the analytical file's writer lock, throttled instead of locked out,
the same answer whether a name exists or not, a bounded and masked trail of failures, and
server-side sessions. Clocks are injected; nothing really waits."""

import json
import os
import threading

import pytest

from readiness import akses, catatan, db, jejak, pengguna
from tests.writer_lock import upload_in_progress

SANDI = "Rahasia-Desk-2024"
SALAH = "Nama pengguna atau kata sandi salah."


class Jam:
    """A clock the test moves by hand (seconds since the epoch)."""

    def __init__(self, now: float = 1_732_665_600.0):  # 27 November 2024, 07.00 WIB
        self.now = now

    def __call__(self) -> float:
        return self.now


def masuk(path, nama, sandi, sumber="10.0.0.5", jam=None, tidur=None):
    return pengguna.masuk(path, nama, sandi, sumber=sumber, jam=jam or Jam(), tidur=tidur or (lambda s: None))


@pytest.fixture
def path(empty_db):
    pengguna.tambah(empty_db, "admin", "admin", SANDI, pelaku=jejak.CLI)
    pengguna.tambah(empty_db, "budi", "analis", SANDI, pelaku=jejak.CLI)
    return empty_db


def identity(path):
    st = os.stat(path)
    return st.st_ino, st.st_mtime_ns, st.st_size


def trail(path, aksi="masuk"):
    with catatan.baca(path) as con:
        return [
            dict(r)
            for r in con.execute(
                "select j.*, u.jumlah, u.ditahan from jejak j left join jejak_ulang u on u.jejak_id = j.id "
                "where aksi = ? order by j.id",
                (aksi,),
            )
        ]


def test_a_login_while_an_upload_holds_the_writer_lock(path):
    """Another writer (an upload) holds db.writing's lock the whole time: the login does not wait
    for it, and nobody is told the database is being updated."""
    with upload_in_progress(path, timeout=5) as still_held:
        hasil = masuk(path, "admin", SANDI)
        salah = masuk(path, "budi", "bukan-sandinya")
        held_throughout = still_held()
    assert hasil.berhasil and hasil.pengguna == akses.Pengguna("admin", "admin")
    assert salah.pesan == SALAH and "Database sedang diperbarui" not in salah.pesan
    assert held_throughout


def test_a_crowd_of_wrong_passwords_never_copies_the_analytical_file_nor_keeps_the_admin_out(path):
    before = identity(path)
    attackers, answers, jam = 16, [], Jam()  # the clock stands still: no wait ever runs out

    def attack(i):
        for n in range(3):
            answers.append(masuk(path, "admin", f"tebakan-{i}-{n}", sumber="203.0.113.9", jam=jam).pesan)

    threads = [threading.Thread(target=attack, args=(i,)) for i in range(attackers)]
    for t in threads:
        t.start()
    genuine = masuk(path, "admin", SANDI, sumber="10.0.0.5", jam=jam)
    for t in threads:
        t.join()
    assert genuine.berhasil
    assert len(answers) == attackers * 3 and all(a == SALAH or a.startswith("Terlalu banyak") for a in answers)
    assert identity(path) == before  # not one copy of the analytical file was made
    # Counted one by one: from that source only the first free attempts were checked at all.
    checked = sum(1 for a in answers if a == SALAH)
    assert checked == pengguna.BEBAS_NAMA_SUMBER


def test_unknown_name_wrong_password_and_throttled_name_get_the_same_answers(path):
    """The same attempts against an existing name and an unknown one, each from its own place,
    get word for word the same answers — before and during the throttling."""
    jam = Jam()
    answers = {}
    for nama, sumber in (("admin", "198.51.100.1"), ("tidak-ada", "198.51.100.2")):
        jam.now = Jam().now
        got = []
        for step in range(12):
            got.append(masuk(path, nama, f"tebakan-{step}", sumber=sumber, jam=jam).pesan)
            jam.now += 1.5
        answers[nama] = got
    assert answers["admin"] == answers["tidak-ada"]
    assert answers["admin"][:3] == [SALAH] * 3
    assert "Terlalu banyak percobaan masuk yang gagal. Coba lagi dalam 1 detik." not in answers["admin"][:3]
    assert any(a.startswith("Terlalu banyak percobaan masuk yang gagal. Coba lagi dalam ") for a in answers["admin"])
    # Throttled, even the right password is not checked; the answer is the same as for an unknown name.
    assert (
        masuk(path, "admin", SANDI, sumber="198.51.100.1", jam=jam).pesan
        == masuk(path, "tidak-ada", SANDI, sumber="198.51.100.2", jam=jam).pesan
    )


def test_hammering_the_admin_from_one_place_does_not_keep_the_admin_out_elsewhere(path):
    jam = Jam()
    for n in range(200):
        masuk(path, "admin", f"tebakan-{n}", sumber="203.0.113.9", jam=jam)
        jam.now += 0.2
    assert masuk(path, "admin", SANDI, sumber="203.0.113.9", jam=jam).pesan.startswith("Terlalu banyak")
    waited = []
    hasil = masuk(path, "admin", SANDI, sumber="10.0.0.5", jam=jam, tidur=waited.append)
    assert hasil.berhasil and waited == []


def test_hammering_a_name_from_many_places_only_slows_its_owner(path):
    jam = Jam()
    # Far more failures for the name than it takes its wait to reach the cap (each one checked, so
    # each costs an argon2id check), from many places that each stay within their own free attempts.
    places = pengguna.BEBAS_NAMA + 5
    answers = []
    for n in range(places * pengguna.BEBAS_NAMA_SUMBER):
        answers.append(masuk(path, "admin", f"tebakan-{n}", sumber=f"203.0.113.{n % places}", jam=jam).pesan)
        jam.now += 0.1
    assert answers == [SALAH] * len(answers)  # slowed, never refused
    waited = []
    hasil = masuk(path, "admin", SANDI, sumber="10.0.0.5", jam=jam, tidur=waited.append)
    assert hasil.berhasil
    assert waited == [pengguna.JEDA_NAMA_MAKS]  # slowed by two seconds, never refused


def test_a_source_spraying_many_names_is_held_back(path):
    jam = Jam()
    answers = [masuk(path, f"pengguna{n}", "tebakan-salah", sumber="203.0.113.9", jam=jam).pesan for n in range(40)]
    assert answers[: pengguna.BEBAS_SUMBER] == [SALAH] * pengguna.BEBAS_SUMBER
    assert answers[pengguna.BEBAS_SUMBER].startswith("Terlalu banyak")
    assert masuk(path, "budi", SANDI, sumber="203.0.113.9", jam=jam).pesan.startswith("Terlalu banyak")
    jam.now += pengguna.JEDA_SUMBER_MAKS + 1  # the wait passes, and then a user gets in from there
    assert masuk(path, "budi", SANDI, sumber="203.0.113.9", jam=jam).berhasil


def test_throttling_ends_after_the_quiet_window_and_survives_a_restart(path):
    jam = Jam()
    for n in range(6):
        masuk(path, "budi", f"tebakan-{n}", jam=jam)
    catatan._ready.clear()  # as a restarted server would open it: the counts are in the store
    assert masuk(path, "budi", SANDI, jam=jam).pesan.startswith("Terlalu banyak")
    jam.now += pengguna.JENDELA + 1
    assert masuk(path, "budi", SANDI, jam=jam).berhasil


def test_a_success_takes_back_its_count(path):
    jam = Jam()
    for _ in range(5):  # typo, typo, then in: never held back
        assert masuk(path, "budi", "salah-ketik", jam=jam).pesan == SALAH
        jam.now += 0.5
        assert masuk(path, "budi", SANDI, jam=jam).berhasil
        jam.now += 0.5


def test_failed_unknown_names_are_masked_and_bounded_in_the_trail(path):
    jam = Jam()
    # Passwords typed into the name field, 100 of them, no two alike even when masked.
    names = ["Rahasia000!"] + [f"{chr(66 + n % 25)}{chr(97 + n // 25)}-Sandi-{n:03d}" for n in range(99)]
    for attempt in range(300):
        masuk(path, names[attempt % 100], "apa-saja-123", sumber="203.0.113.9", jam=jam)
        masuk(path, "admin", "tebakan-salah", sumber="203.0.113.9", jam=jam)
        jam.now += 1
    rows = trail(path)
    text = json.dumps(rows, default=str)
    assert not any(n in text for n in names)
    assert "Ra*********" in {r["pelaku"] for r in rows}  # 'Rahasia000!': two characters and the length
    assert len(rows) <= pengguna.BARIS_PER_SUMBER + 1
    # Every attempt is counted: the rows' counters add up to the 600 attempts.
    assert sum(r["jumlah"] for r in rows) == 600
    admin_row = next(r for r in rows if r["pelaku"] == "admin")
    assert (admin_row["peran"], json.loads(admin_row["rincian"])) == (
        "admin",
        {"hasil": "sandi_salah", "sumber": "203.0.113.9"},
    )
    assert sum(r["pelaku"] == pengguna.NAMA_LAIN for r in rows) == 1
    # The next window starts its own rows; the page shows a row's count in its details.
    jam.now += pengguna.JENDELA
    masuk(path, names[0], "apa-saja-123", sumber="203.0.113.9", jam=jam)
    assert len(trail(path)) == len(rows) + 1
    con = db.connect_read(path)
    try:
        shown = jejak.daftar(con.cursor(), path, *[__import__("datetime").date.today()] * 2)
    finally:
        con.close()
    detail = json.loads(shown[shown["pelaku"] == "admin"].iloc[-1]["rincian"])
    assert detail["jumlah_percobaan"] == 300


def test_a_disabled_account_is_named_only_after_the_right_password(path):
    pengguna.nonaktifkan(path, "budi", pelaku=jejak.CLI)
    assert masuk(path, "budi", "bukan-sandinya").pesan == SALAH
    assert masuk(path, "budi", SANDI).pesan == pengguna.NONAKTIF


def test_a_session_lives_until_logout_idleness_or_a_change_of_the_account(path):
    jam = Jam()
    sesi = pengguna.hash_token(masuk(path, "budi", SANDI, jam=jam).token)
    jam.now += pengguna.BATAS_DIAM - 60
    assert pengguna.periksa_sesi(path, sesi, jam=jam) == akses.Pengguna("budi", "analis")
    jam.now += pengguna.BATAS_DIAM - 60  # active a minute before: counted from then
    assert pengguna.periksa_sesi(path, sesi, jam=jam) == akses.Pengguna("budi", "analis")
    jam.now += pengguna.BATAS_DIAM + 1
    assert pengguna.periksa_sesi(path, sesi, jam=jam) == "diam"
    assert pengguna.periksa_sesi(path, sesi, jam=jam) == "berakhir"  # and it is gone

    sesi = pengguna.hash_token(masuk(path, "budi", SANDI, jam=jam).token)
    other = pengguna.hash_token(masuk(path, "budi", SANDI, jam=jam).token)  # a second phone
    pengguna.keluar(path, akses.Pengguna("budi", "analis"), sesi)
    assert pengguna.periksa_sesi(path, sesi, jam=jam) == "berakhir"
    assert pengguna.periksa_sesi(path, other, jam=jam) == akses.Pengguna("budi", "analis")
    pengguna.ubah_peran(path, "budi", "pimpinan", pelaku=jejak.CLI)  # a new role shows at once
    assert pengguna.periksa_sesi(path, other, jam=jam) == akses.Pengguna("budi", "pimpinan")
    pengguna.nonaktifkan(path, "budi", pelaku=jejak.CLI)
    assert pengguna.periksa_sesi(path, other, jam=jam) == "berakhir"
    masuk(path, "admin", SANDI, jam=jam)  # a session left behind on some phone ...
    jam.now += pengguna.BATAS_DIAM + 1
    masuk(path, "admin", SANDI, jam=jam)  # ... is gone by the next login
    with catatan.baca(path) as con:
        assert con.execute("select count(*) from sesi").fetchone()[0] == 1


def test_the_store_is_private_and_takes_writers_from_many_threads_and_the_command_line(path):
    """Users added and logins made from many threads at once, and a user added from the command
    line while an upload holds the analytical file: every write lands, none is refused as busy."""
    import subprocess
    import sys
    from pathlib import Path

    errors = []

    def work(i):
        try:
            pengguna.tambah(path, f"pelapor{i}", "analis", SANDI, pelaku=jejak.CLI)
            assert masuk(path, f"pelapor{i}", SANDI, sumber=f"10.2.0.{i}").berhasil
        except Exception as exc:  # noqa: BLE001 - reported by the assertion below
            errors.append(exc)

    with upload_in_progress(path):
        threads = [threading.Thread(target=work, args=(i,)) for i in range(8)]
        for t in threads:
            t.start()
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
            input=SANDI,
            capture_output=True,
            text=True,
            timeout=120,
            cwd=Path(__file__).resolve().parent.parent,
        )
        for t in threads:
            t.join()
    assert errors == [] and done.returncode == 0, (errors, done.stderr)
    assert len(pengguna.daftar(path)) == 2 + 8 + 1
    store = catatan.path_for(path)
    assert {p.name: oct(p.stat().st_mode & 0o777) for p in store.parent.glob(store.name + "*")} == {
        store.name: "0o600",
        f"{store.name}-wal": "0o600",
        f"{store.name}-shm": "0o600",
    }


def test_attempts_at_the_same_moment_never_hold_each_other_back(path):
    """Several people log in at once behind one address (an office behind one router; the
    server's own machine): an attempt whose clock was read a moment before another attempt's
    write is not held back by that attempt, which asked for no wait at all."""
    later, earlier = Jam(), Jam()
    earlier.now = later.now - 0.4  # read its clock, then waited for the store's writer lock
    assert masuk(path, "budi", "bukan-sandinya", sumber="lokal", jam=later).pesan == SALAH
    hasil = masuk(path, "admin", SANDI, sumber="lokal", jam=earlier)
    assert hasil.berhasil, hasil.pesan
