"""Problems in the small-records store (readiness/catatan.py): an upload is all or nothing across
the two stores, a database of the previous release moves its problems into the store exactly
once, and writers at the same time (the app's threads and the command line) lose nothing."""

from __future__ import annotations

import datetime as dt
import hashlib
import subprocess
import sys
import threading

import duckdb
import pytest

from readiness import akses, catatan, db, ingest, masalah
from tests import xlsx

E = "pilkada-2024"
ANALIS = akses.Pengguna("rina", "analis")
HEADER = [
    "NO",
    "KECAMATAN",
    "DESA/KELURAHAN",
    "TPS",
    "KATEGORI",
    "URAIAN MASALAH",
    "PELAPOR",
    "TANGGAL",
    "TINGKAT",
    "STATUS",
    "TINDAK LANJUT",
]


def sheet(path, data_rows):
    return xlsx.write(
        path,
        [["INVENTARISASI PERMASALAHAN PILKADA 2024"], [], HEADER] + [[i, *r] for i, r in enumerate(data_rows, 1)],
        sheet="MASALAH",
    )


def store(path, sql, *params):
    with catatan.baca(path) as con:
        return [tuple(r) for r in con.execute(sql, params).fetchall()]


def analytical(path, sql):
    con = db.connect_read(path)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def both(path) -> tuple:
    """Everything an upload could change: the analytical file's bytes, and the store's problems,
    history, merged uploads, trail and version."""
    return (
        hashlib.sha256(path.read_bytes()).hexdigest(),
        store(path, "select * from masalah order by masalah_id"),
        store(path, "select * from masalah_riwayat order by riwayat_id"),
        store(path, "select upload_id from masalah_unggahan"),
        store(path, "select count(*) from jejak"),
        catatan.versi_tampil(path),
    )


# --------------------------------------------------------------------------- uploads: all or nothing
def test_an_upload_whose_analytical_commit_fails_changes_neither_store(empty_db, tmp_path, monkeypatch):
    masalah.tambah(
        empty_db,
        E,
        masalah.Isian("35.13.14", "logistik", "Kotak suara belum tiba", dt.date(2024, 11, 18), "tinggi", "Camat"),
        ANALIS,
    )
    path = sheet(
        tmp_path / "masalah.xlsx",
        [
            [
                "Kraksaan",
                "",
                "",
                "Logistik",
                "Kotak suara belum tiba",
                "Camat",
                "18-11-2024",
                "",
                "Ditangani",
                "Dikirim",
            ],
            ["Besuk", "", "", "Keamanan", "Baliho dirusak", "Polsek", "19-11-2024", "Tinggi", "", ""],
        ],
    )
    before = both(empty_db)

    def fails(new, live):
        raise OSError("disk penuh")

    monkeypatch.setattr(db, "put_in_place", fails)  # the merge ran; the analytical file is not replaced
    with pytest.raises(OSError):
        ingest.ingest_files(empty_db, [(path.name, path.read_bytes())], uploaded_by="rina")
    monkeypatch.undo()
    assert both(empty_db) == before
    assert analytical(empty_db, "select count(*) from uploads") == [(0,)]
    # The same file again, now committed: merged once.
    assert ingest.ingest_files(empty_db, [(path.name, path.read_bytes())], uploaded_by="rina").committed
    assert store(empty_db, "select uraian, status from masalah order by masalah_id") == [
        ("Kotak suara belum tiba", "ditangani"),
        ("Baliho dirusak", "baru"),
    ]


def test_an_upload_stopped_between_the_two_commits_is_merged_by_the_next_write_once(empty_db, tmp_path, monkeypatch):
    path = sheet(
        tmp_path / "masalah.xlsx",
        [["Besuk", "", "", "Keamanan", "Baliho dirusak", "Polsek", "19-11-2024", "Tinggi", "", ""]],
    )
    real = catatan.tulis

    class Stopped(BaseException):
        pass

    def stops_before_commit(db_path):
        cm = real(db_path)

        class Guard:
            def __enter__(self):
                return cm.__enter__()

            def __exit__(self, *exc):
                cm.__exit__(Stopped, Stopped(), None)  # rolled back, as a killed process would leave it
                raise Stopped

        return Guard()

    monkeypatch.setattr(catatan, "tulis", stops_before_commit)
    with pytest.raises(Stopped):
        ingest.ingest_files(empty_db, [(path.name, path.read_bytes())], uploaded_by="rina")
    monkeypatch.undo()
    assert analytical(empty_db, "select upload_id, kind from uploads") == [(1, "masalah")]
    assert store(empty_db, "select count(*) from masalah") == [(0,)]
    with db.writing(empty_db):  # any later write of the analytical file (an upload, a setting, a korwil)
        pass
    with db.writing(empty_db):
        pass
    assert store(empty_db, "select uraian, pelapor, sumber from masalah") == [
        ("Baliho dirusak", "Polsek", "unggahan #1")
    ]
    assert store(empty_db, "select upload_id from masalah_unggahan") == [(1,)]


# --------------------------------------------------------------------------- the previous release's database
PREVIOUS_SCHEMA = 7  # the last analytical schema version whose release kept problems in it


def _previous_release(path) -> None:
    """A database as the previous release left it: problems, their history and a merged upload in
    the analytical file (inserted as that release's masalah.py did)."""
    con = duckdb.connect(str(path))
    db._create(con)
    con.execute("set variable referensi = $p", {"p": str(db.REFERENCE_DIR)})
    for number, migration in db.migrations():
        if number <= PREVIOUS_SCHEMA:
            con.execute(migration.read_text(encoding="utf-8"))
    con.execute("insert or replace into meta values ('schema_version', $v)", {"v": str(PREVIOUS_SCHEMA)})
    con.execute(
        "insert into uploads (upload_id, election_id, kind, file_name, sha256, rows, uploaded_by, uploaded_at, "
        "activation) values (4, $e, 'masalah', 'masalah camat.xlsx', 'ab', 1, 'rina', "
        "timestamp '2024-11-19 09:00:00', 0)",
        {"e": E},
    )
    for _ in range(3):  # numbers 1 and 2 were deleted in the old file's history: ids are kept, not renumbered
        con.execute("select nextval('masalah_id_seq')")
    con.execute(
        "insert into masalah values "
        "(4, $e, '35.13.14', '35.13.14.2013', '3', 'logistik', 'Kotak suara TPS 3 belum tiba', 'Camat', "
        " date '2024-11-18', 'tinggi', 'ditangani', 'k1', 'rina', timestamp '2024-11-18 08:00:01', "
        " timestamp '2024-11-19 10:30:00.25', 'formulir'),"
        "(5, $e, '35.13.13', null, null, 'keamanan', 'Baliho dirusak; ''drop table''', null, date '2024-11-19', "
        " 'sedang', 'baru', 'k2', 'rina', timestamp '2024-11-19 09:00:00', timestamp '2024-11-19 09:00:00', "
        " 'unggahan #4')",
        {"e": E},
    )
    con.execute(
        "insert into masalah_riwayat values "
        "(7, 4, timestamp '2024-11-18 08:00:01', 'rina', null, 'baru', null, 'tinggi', null, 'formulir'),"
        "(8, 5, timestamp '2024-11-19 09:00:00', 'rina', null, 'baru', null, 'sedang', null, 'unggahan #4'),"
        "(9, 4, timestamp '2024-11-19 10:30:00.25', 'budi', 'baru', 'ditangani', 'tinggi', 'tinggi', 'PPK dihubungi', "
        " 'formulir')"
    )
    con.execute("update settings set value = 0 where election_id = $e and key = 'masalah_tinggi_kuning'", {"e": E})
    con.close()


def test_a_previous_release_database_moves_every_problem_into_the_store_once(tmp_path):
    path = tmp_path / "readiness.duckdb"
    _previous_release(path)
    con = duckdb.connect(str(path), read_only=True)
    old_problems = con.execute("select * from masalah order by masalah_id").fetchall()
    old_history = con.execute("select * from masalah_riwayat order by riwayat_id").fetchall()
    con.close()

    db.ensure_database(path)
    con = db.connect_read(path)
    try:
        # Every row, with its number and times, read through the views as the queries read them.
        assert con.execute("select * from masalah order by masalah_id").fetchall() == old_problems
        assert con.execute("select * from masalah_riwayat order by riwayat_id").fetchall() == old_history
        assert con.execute(
            "select table_name, table_type from information_schema.tables where table_catalog = "
            "current_database() and table_name like 'masalah%' order by 1"
        ).fetchall() == [("masalah", "VIEW"), ("masalah_riwayat", "VIEW")]
        daftar = db.run(con, "marts/masalah_daftar", election=E).set_index("masalah_id")
        # The settings that release saved stay in force where they were (the store saves changes over them).
        assert con.execute(
            "select t_masalah_tinggi_kuning, t_ktpel_hijau from int_pengaturan where election_id = $e", {"e": E}
        ).fetchone() == (0, 98)
    finally:
        con.close()
    assert (daftar.loc[4, "status"], daftar.loc[4, "catatan_terakhir"], daftar.loc[5, "uraian"]) == (
        "ditangani",
        "PPK dihubungi",
        "Baliho dirusak; 'drop table'",
    )
    # Later writes neither copy them again nor merge the old upload again; new numbers follow on.
    with db.writing(path):
        pass
    nomor = masalah.tambah(
        path, E, masalah.Isian("35.13.14", "logistik", "Baru", dt.date(2024, 11, 20), "sedang", "Camat"), ANALIS
    )
    assert nomor == 6
    assert store(path, "select masalah_id from masalah order by 1") == [(4,), (5,), (6,)]
    assert store(path, "select riwayat_id from masalah_riwayat order by 1") == [(7,), (8,), (9,), (10,)]
    assert store(path, "select upload_id from masalah_unggahan") == [(4,)]


def test_the_move_is_not_repeated_when_the_analytical_write_that_made_it_failed(tmp_path, monkeypatch):
    path = tmp_path / "readiness.duckdb"
    _previous_release(path)
    monkeypatch.setattr(db, "put_in_place", lambda new, live: (_ for _ in ()).throw(OSError("disk penuh")))
    with pytest.raises(OSError):
        db.ensure_database(path)
    monkeypatch.undo()
    assert store(path, "select count(*) from masalah") == [(2,)]  # the store committed first
    db.ensure_database(path)  # the old tables are renamed again, found moved, dropped
    assert store(path, "select count(*) from masalah") == [(2,)]
    assert store(path, "select count(*) from masalah_riwayat") == [(3,)]
    assert analytical(path, "select count(*) from masalah") == [(2,)]


# --------------------------------------------------------------------------- writers at the same time
def test_two_threads_and_a_command_line_upload_at_the_same_time_lose_nothing(empty_db, tmp_path):
    n = 15
    path = sheet(
        tmp_path / "masalah kecamatan.xlsx",
        [
            ["Besuk", "", "", "Logistik", f"Masalah lembar {i}", "Camat Besuk", "19-11-2024", "", "", ""]
            for i in range(n)
        ],
    )
    cli = subprocess.Popen(
        [sys.executable, "-m", "readiness", "ingest", str(path), "--db", str(empty_db), "--kind", "masalah"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    errors, entered = [], {"rina": [], "budi": []}

    def enter(who):
        # Keeps writing until the command line has finished its upload (at least n problems each).
        try:
            i = 0
            while i < n or cli.poll() is None:
                entered[who].append(
                    masalah.tambah(
                        empty_db,
                        E,
                        masalah.Isian("35.13.14", "logistik", f"{who} {i}", dt.date(2024, 11, 20), "sedang", who),
                        akses.Pengguna(who, "analis"),
                    )
                )
                i += 1
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=enter, args=(who,)) for who in entered]
    for t in threads:
        t.start()
    _, err = cli.communicate(timeout=120)
    for t in threads:
        t.join()
    assert cli.returncode == 0, err
    assert errors == []
    assert f"{n} masalah baru, 0 diperbarui, 0 tidak berubah" in err
    for who, ids in entered.items():
        assert store(empty_db, "select masalah_id from masalah where pelapor = ? order by 1", who) == [
            (i,) for i in ids
        ]
    assert store(empty_db, "select count(*) from masalah where pelapor = 'Camat Besuk'") == [(n,)]
    total = n + len(entered["rina"]) + len(entered["budi"])
    assert store(empty_db, "select count(*), count(distinct masalah_id) from masalah") == [(total, total)]
    assert store(empty_db, "select count(*) from masalah_riwayat") == [(total,)]
    assert store(empty_db, "select pelaku, count(*) from jejak where aksi = 'masalah' group by 1 order by 1") == [
        ("budi", len(entered["budi"])),
        ("cli", 1),
        ("rina", len(entered["rina"])),
    ]
    assert analytical(empty_db, "select count(*) from masalah") == [(total,)]


# --------------------------------------------------------------------------- page cache keys
def test_the_page_cache_key_moves_with_a_problem_or_a_setting_never_with_a_login_or_an_export(empty_db):
    from readiness import jejak, model, pengguna

    reader = db.Reader(empty_db)
    pengguna.tambah(empty_db, "budi", "admin", "Sandi-Budi-123", pelaku="cli")
    start, _ = reader.snapshot()
    hasil = pengguna.masuk(empty_db, "budi", "Sandi-Budi-123", tidur=lambda s: None)
    pengguna.catat_ekspor(empty_db, akses.Pengguna("budi", "admin"), "laporan.xlsx")
    pengguna.keluar(empty_db, akses.Pengguna("budi", "admin"), pengguna.hash_token(hasil.token))
    assert reader.snapshot()[0] == start  # every cached page survives
    masalah.tambah(
        empty_db,
        E,
        masalah.Isian("35.13.14", "logistik", "Kotak kurang", dt.date(2024, 11, 20), "tinggi", "Camat"),
        ANALIS,
    )
    after_problem, cur = reader.snapshot()
    assert after_problem != start and after_problem[:-1] == start[:-1]  # the analytical file is the same
    assert cur.execute(
        "select masalah_terbuka_tinggi from int_kecamatan where election_id = $e and kode_kecamatan = '35.13.14'",
        {"e": E},
    ).fetchone() == (1,)
    values = dict(db.run(cur, "marts/pengaturan", election=E)[["key", "value"]].values)
    model.simpan_pengaturan(empty_db, E, {**values, "ktpel_hijau": 97.5}, jejak.CLI)
    after_setting, cur = reader.snapshot()
    assert after_setting not in (start, after_problem) and after_setting[:-1] == start[:-1]
    assert cur.execute("select t_ktpel_hijau from int_pengaturan where election_id = $e", {"e": E}).fetchone() == (
        97.5,
    )
    model.simpan_pengaturan(empty_db, E, {**values, "ktpel_hijau": 97.5}, jejak.CLI)  # the same values again
    assert reader.snapshot()[0] == after_setting
