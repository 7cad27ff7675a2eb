import gc
import os
import threading

import pytest

from readiness import db, model


def test_new_database_has_reference_and_elections(empty_db):
    con = db.connect_read(empty_db)
    assert con.execute("select count(*) from ref_kecamatan").fetchone()[0] == 24
    assert con.execute("select count(*) from ref_desa").fetchone()[0] == 330
    assert con.execute("select count(*) from ref_desa where jenis = 'kelurahan'").fetchone()[0] == 5
    rows = dict(con.execute("select election_id, kapasitas_tps from elections").fetchall())
    assert rows["pilkada-2024"] == 600 and "pilkada-2018" in rows
    assert (
        str(con.execute("select tanggal from elections where election_id='pilkada-2018'").fetchone()[0]) == "2018-06-27"
    )
    assert db.active_election(con) == "pilkada-2024"


def test_every_kecamatan_in_exactly_one_korwil_per_election(empty_db):
    con = db.connect_read(empty_db)
    bad = con.execute("""
        select e.election_id, k.kode_kecamatan, count(w.korwil) n
        from elections e cross join ref_kecamatan k
        left join korwil w on w.election_id = e.election_id and w.kode_kecamatan = k.kode_kecamatan
        group by all having n <> 1""").fetchall()
    assert bad == []
    sizes = con.execute("select election_id, korwil, count(*) from korwil group by all order by 1, 2").fetchall()
    assert [n for _, _, n in sizes] == [8] * 6
    # The assignment changed between 2018 and 2024 (Tiris and Krucil moved region).
    moved = con.execute("""select count(*) from korwil a join korwil b using (kode_kecamatan)
        where a.election_id='pilkada-2018' and b.election_id='pilkada-2024'
          and replace(a.korwil, 'Korwil', '') <> replace(b.korwil, 'Wilayah', '')""").fetchone()[0]
    assert moved > 0


def test_query_runner_refuses_unknown_and_missing_parameters(empty_db):
    con = db.connect_read(empty_db)
    with pytest.raises(db.QueryError, match="missing"):
        db.run(con, "marts/kecamatan")
    with pytest.raises(db.QueryError, match="unknown"):
        db.run(con, "marts/kecamatan", election="pilkada-2024", kecamatan="x")
    with pytest.raises(db.QueryError):
        db.run(con, "../readiness/schema")
    assert len(db.run(model.kesiapan_cursor(con, "pilkada-2024"), "marts/kecamatan", election="pilkada-2024")) == 24


def test_every_query_file_declares_exactly_the_parameters_it_uses():
    for path in db.QUERY_DIR.rglob("*.sql"):
        name = str(path.relative_to(db.QUERY_DIR).with_suffix(""))
        db.load_query(name)  # raises when header and body disagree


def test_failed_write_leaves_database_unchanged(empty_db):
    before = empty_db.read_bytes()
    with pytest.raises(RuntimeError):
        with db.writing(empty_db) as con:
            con.execute("delete from ref_kecamatan")
            raise RuntimeError("boom")
    assert empty_db.read_bytes() == before
    assert list(empty_db.parent.glob("*.tmp-*")) == []


def test_reader_keeps_old_version_until_write_commits_then_sees_new(empty_db):
    reader = db.Reader(empty_db)
    v1 = reader.version
    assert reader.cursor().execute("select count(*) from ref_kecamatan").fetchone()[0] == 24
    with db.writing(empty_db) as con:
        con.execute("delete from ref_desa where kode_kecamatan = '35.13.01'")
        # A reader during the write still sees the committed data.
        assert reader.cursor().execute("select count(*) from ref_desa").fetchone()[0] == 330
    assert reader.version != v1
    assert reader.cursor().execute("select count(*) from ref_desa").fetchone()[0] == 318


def test_writers_wait_for_each_other(empty_db):
    with db.writing(empty_db):
        with pytest.raises(db.DatabaseBusy, match="sedang diperbarui"):
            with db.writing(empty_db, timeout=0.3):
                pass


def _fds_on(path) -> int:
    """Open file descriptors of this process on the database file or on a read link of it."""
    count = 0
    for fd in os.listdir("/proc/self/fd"):
        try:
            target = os.readlink(f"/proc/self/fd/{fd}")
        except OSError:
            continue
        if target.startswith(str(path)) and ".tmp-" not in target and not target.endswith(".lock"):
            count += 1
    return count


def test_queries_never_fail_while_writes_replace_the_file(empty_db):
    # The dashboard: every session takes cursors of one Reader while uploads and saved settings
    # replace the file. No page view may fail because someone else wrote.
    reader = db.Reader(empty_db)
    stop = threading.Event()
    errors, done = [], []

    def browse():
        while not stop.is_set():
            try:
                cur = reader.cursor()
                long = cur.execute(
                    "select count(*), sum(hash(d.kode_desa || r.range)) from ref_desa d, range(4000) r"
                ).fetchone()
                kecamatan = model.kecamatan(reader.cursor(), "pilkada-2024")
                assert long[0] == 330 * 4000 and len(kecamatan) == 24
                done.append(1)
            except Exception as exc:  # noqa: BLE001 - what a page view would have shown
                errors.append(repr(exc))
                return

    threads = [threading.Thread(target=browse) for _ in range(3)]
    for t in threads:
        t.start()
    try:
        for i in range(25):
            with db.writing(empty_db) as con:
                con.execute("update settings set value = $v where key = 'ktpel_kuning'", {"v": 90 + i % 5})
    finally:
        stop.set()
        for t in threads:
            t.join(timeout=60)
    assert errors == []
    assert len(done) > 0


def test_snapshot_version_names_exactly_the_data_its_cursor_reads(empty_db):
    # Cached page results are keyed by `version`: the key must name the data they were computed from.
    reader = db.Reader(empty_db)
    first = int(reader.cursor().execute("select value from meta where key = 'data_version'").fetchone()[0])
    stop = threading.Event()
    seen, errors = [], []

    def browse():
        while not stop.is_set():
            try:
                version, cur = reader.snapshot()
                data_version = cur.execute("select value from meta where key = 'data_version'").fetchone()[0]
                seen.append((version, data_version))
            except Exception as exc:  # noqa: BLE001
                errors.append(repr(exc))
                return

    threads = [threading.Thread(target=browse) for _ in range(3)]
    for t in threads:
        t.start()
    try:
        for _ in range(15):
            with db.writing(empty_db):
                pass
    finally:
        stop.set()
        for t in threads:
            t.join(timeout=60)
    assert errors == []
    by_version = {}
    for version, data_version in seen:
        by_version.setdefault(version, set()).add(data_version)
    assert {v: d for v, d in by_version.items() if len(d) > 1} == {}
    version, cur = reader.snapshot()
    assert reader.version == version
    assert cur.execute("select value from meta where key = 'data_version'").fetchone()[0] == str(first + 15)


def test_a_cursor_keeps_its_version_across_writes_and_old_versions_are_released(empty_db):
    reader = db.Reader(empty_db)
    held = reader.cursor()
    assert held.execute("select count(*) from ref_desa").fetchone()[0] == 330
    with db.writing(empty_db) as con:
        con.execute("delete from ref_desa where kode_kecamatan = '35.13.01'")
    # The next query sees the new version; a cursor taken before still reads its own, unbroken.
    assert reader.cursor().execute("select count(*) from ref_desa").fetchone()[0] == 318
    assert held.execute("select count(*) from ref_desa").fetchone()[0] == 330
    del held
    # Many writes with no cursor left over: only the current version stays open.
    for i in range(12):
        with db.writing(empty_db) as con:
            con.execute("update settings set value = $v where key = 'ktpel_kuning'", {"v": 80 + i})
        reader.cursor().execute("select count(*) from ref_desa").fetchone()
    gc.collect()
    assert _fds_on(empty_db) == 1
    assert (
        reader.cursor()
        .execute("select value from settings where key = 'ktpel_kuning' and election_id = 'pilkada-2024'")
        .fetchone()[0]
        == 91
    )


def test_views_install_over_older_views_whose_columns_changed(empty_db):
    # A database made by an older release holds the older views. A view that now uses a column its
    # dependency only has in this release binds once that dependency is replaced too.
    with db.writing(empty_db) as con:
        now = dict(db.view_sources())["int_kesiapan_nilai"]
        con.execute(f"create or replace view int_kesiapan_nilai as select * exclude (t_ktpel_hijau) from ({now})")
        con.execute("update meta set value = 'older' where key = 'views_hash'")
    db.ensure_database(empty_db)
    con = db.connect_read(empty_db)
    try:
        assert con.execute("select count(*) from int_kecamatan where t_ktpel_hijau = 98").fetchone()[0] == 48
    finally:
        con.close()


def test_a_write_after_a_migration_reinstalls_the_views_even_under_the_current_views_hash(empty_db):
    # An older release's file may carry this release's views hash yet lack a migration: the
    # migration runs at the next write and the views are installed again over it.
    with db.writing(empty_db) as con:
        now = dict(db.view_sources())["int_kesiapan_nilai"]
        con.execute(f"create or replace view int_kesiapan_nilai as select * exclude (t_ktpel_hijau) from ({now})")
        con.execute("update meta set value = $v where key = 'schema_version'", {"v": str(db.schema_version() - 1)})
    with db.writing(empty_db):
        pass
    con = db.connect_read(empty_db)
    try:
        assert con.execute("select count(*) from int_kecamatan where t_ktpel_hijau = 98").fetchone()[0] == 48
    finally:
        con.close()
