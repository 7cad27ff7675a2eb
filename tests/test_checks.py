"""The reconciliation checks (queries/checks/*.sql, run by readiness.model.periksa) hold on the
sample, on a sample changed by partial uploads of messy files, and on a database built only from
messy files; and each check returns the rows that break its rule when data or a mart is broken."""

from __future__ import annotations

import shutil

import pytest

from readiness import catatan, db, ingest, jejak, model
from tests import messy, xlsx

ELECTIONS = ("pilkada-2024", "pilkada-2018")
LUMBANG, SUKAPURA, TIRIS = "35.13.24", "35.13.01", "35.13.07"


def _load(path, files):
    batch = ingest.ingest_files(path, [(f.name, f.read_bytes()) for f in files])
    assert batch.committed, [p.text() for r in batch.results for p in r.problems]


def _broken(result: dict) -> dict:
    return {name: rows.to_dict("records") for name, rows in result.items() if len(rows)}


def _periksa(path, election="pilkada-2024") -> dict:
    con = db.connect_read(path)
    try:
        return model.periksa(con, election)
    finally:
        con.close()


@pytest.fixture(scope="module")
def berantakan(demo_db_master, tmp_path_factory):
    """The sample after a week of partial uploads: Lumbang's recap replaced by two desa rows and its
    per-voter list by a messy one, Tiris's recap by a kecamatan-level row, Gading's TPS list by a
    list with merged desa cells (two desa), KTP-el per desa for Sukapura and Sumber; then stricter
    KTP-el thresholds and Tiris moved to another korwil."""
    folder = tmp_path_factory.mktemp("berantakan")
    path = folder / "readiness.duckdb"
    shutil.copyfile(demo_db_master, path)
    catatan.salin(demo_db_master, path)
    files = folder / "berkas"
    files.mkdir()
    lumbang = [
        ("Lumbang", desa, 8, 1500 + i, 1600 + i, 3100 + 2 * i) for i, desa in enumerate(messy.DESA["Lumbang"][:2])
    ]
    _load(path, [xlsx.recap(files / "rekap_lumbang.xlsx", lumbang)])
    _load(path, [xlsx.recap(files / "rekap_tiris.xlsx", [("Tiris", None, 140, 34000, 35210, 69210)])])
    _load(
        path,
        [
            messy.ALL[name](files).path
            for name in ("tps_desa_digabung", "ktpel_per_desa_persen_pecahan", "dpt_per_pemilih")
        ],
    )
    model.simpan_pengaturan(
        path,
        "pilkada-2024",
        {
            "kapasitas_tps": 600,
            "ktpel_hijau": 99,
            "ktpel_kuning": 97,
            "partisipasi_hijau": 5,
            "partisipasi_kuning": 15,
            "konsistensi_kuning": 0.5,
            "target_partisipasi": 82,
        },
        jejak.CLI,
    )
    with db.writing(path) as con:
        rows = db.run(con, "marts/korwil_penugasan", election="pilkada-2024")[["kecamatan", "korwil", "koordinator"]]
        rows.loc[rows["kecamatan"] == "Tiris", ["korwil", "koordinator"]] = ["Wilayah I", None]
        model.simpan_korwil(con, "pilkada-2024", rows)
    return path


@pytest.fixture(scope="module")
def sebagian(tmp_path_factory):
    """Only messy files, each covering a few kecamatan: a kecamatan-level recap with numbers as
    Indonesian text, a TPS list for two kecamatan, KTP-el for three, targets for four and the
    kabupaten, Lumbang's per-voter list."""
    folder = tmp_path_factory.mktemp("sebagian")
    path = folder / "readiness.duckdb"
    db.ensure_database(path)
    files = folder / "berkas"
    files.mkdir()
    for name in (
        "rekap_kecamatan_angka_teks_indonesia",
        "tps_berantakan",
        "ktpel_berantakan",
        "target_bentuk_persen",
        "dpt_per_pemilih",
    ):
        _load(path, [messy.ALL[name](files).path])
    return path


def test_there_are_checks_and_each_states_its_rule():
    names = model.pemeriksaan()
    assert len(names) >= 10
    for name in names:
        assert db.load_query(f"checks/{name}").header.startswith("Rule: "), name


@pytest.mark.parametrize("election", ELECTIONS)
def test_every_check_holds_on_the_sample(demo_db_master, election):
    assert _broken(_periksa(demo_db_master, election)) == {}


@pytest.mark.parametrize("election", ELECTIONS)
def test_every_check_holds_after_partial_messy_uploads(berantakan, election):
    assert _broken(_periksa(berantakan, election)) == {}


def test_the_partial_uploads_are_in_the_figures(berantakan):
    # What makes this database messier than the sample: a recap without desa rows, a kecamatan
    # whose desa take their DPT from different sources, a moved kecamatan, stricter thresholds.
    con = db.connect_read(berantakan)
    try:
        kec = model.kecamatan(con, "pilkada-2024").set_index("kode_kecamatan")
        desa = model.desa_kesiapan(con, "pilkada-2024", LUMBANG)
        korwil = model.korwil(con, "pilkada-2024").set_index("korwil")
    finally:
        con.close()
    assert kec.loc[TIRIS, "dpt"] == 69210 and kec.loc[LUMBANG, "dpt"] == 6202
    assert kec.loc[LUMBANG, "dpt_daftar_pemilih"] == 18
    assert desa["dpt"].notna().sum() == len(desa) and desa["dpt"].sum() != 6202
    assert korwil.loc["Wilayah I", "jumlah_kecamatan"] == 9
    assert kec.loc[SUKAPURA, "t_ktpel_hijau"] == 99


@pytest.mark.parametrize("election", ELECTIONS)
def test_every_check_holds_on_a_database_of_messy_files_only(sebagian, election):
    assert _broken(_periksa(sebagian, election)) == {}


# --------------------------------------------------------------------------- the checks can fail
def _break(demo_db, sql):
    with db.writing(demo_db) as con:
        con.execute(sql)
        # Uploaded rows never change in place: the stored figures follow which uploads are active
        # (readiness.db.STORED_GROUPS). Rows changed here are as if uploaded again: nilai_hari is
        # rebuilt (the voter groups are left as they are: a test below makes them stale).
        con.execute("delete from meta where key = 'tersimpan_sidik_nilai'")
    return _broken(_periksa(demo_db))


def test_recap_dpt_that_is_not_l_plus_p_is_reported(demo_db):
    broken = _break(demo_db, f"update raw_pemilih set dpt = dpt + 1 where kode_desa = '{LUMBANG}.2001'")
    assert set(broken) == {"dpt_sama_dengan_l_ditambah_p"}
    units = {(row["tingkat"], row["kode"]) for row in broken["dpt_sama_dengan_l_ditambah_p"]}
    assert units == {
        ("desa", f"{LUMBANG}.2001"),
        ("kecamatan", LUMBANG),
        ("korwil", "Wilayah I"),
        ("kabupaten", "pilkada-2024"),
    }


def test_a_tps_filed_under_a_desa_of_another_kecamatan_is_reported(demo_db):
    broken = _break(
        demo_db,
        f"""update raw_tps set kode_desa = '{SUKAPURA}.2001'
        where rowid = (select min(rowid) from raw_tps where kode_kecamatan = '{LUMBANG}')""",
    )
    # The TPS still counts for Lumbang, and for none of its desa nor for the desa of Sukapura; the
    # Pemilih page, which counts TPS per desa code alone, gives that desa one TPS more.
    rows = broken.pop("desa_jumlah_kecamatan")
    assert [(row["kode_kecamatan"], row["kolom"]) for row in rows] == [(LUMBANG, "dpt_daftar_tps")]
    assert rows[0]["kecamatan_nilai"] > rows[0]["jumlah_desa"]
    rows = broken.pop("pemilih_desa_sama_dengan_desa")
    assert [(row["kode_desa"], row["kolom"], row["pemilih_nilai"] - row["desa_nilai"]) for row in rows] == [
        (f"{SUKAPURA}.2001", "tps", 1)
    ]
    assert broken == {}


def test_ktpel_recorded_above_required_is_reported(demo_db):
    broken = _break(demo_db, f"update raw_ktpel set sudah_rekam = wajib_ktpel + 10 where kode_kecamatan = '{TIRIS}'")
    units = {(row["tingkat"], row["kode"]) for row in broken["ktpel_rekam_tidak_melebihi_wajib"]}
    assert ("kecamatan", TIRIS) in units
    assert set(broken) == {"ktpel_rekam_tidak_melebihi_wajib"}


def test_stale_stored_voter_groups_are_reported(demo_db):
    # Lumbang without recap and TPS list: its desa figures come from the per-voter list, which the
    # Pemilih page reads from the stored groups (kelompok_desa); a stale stored table shows there.
    broken = _break(
        demo_db,
        f"""
        delete from raw_pemilih where kode_kecamatan = '{LUMBANG}';
        delete from raw_tps where kode_kecamatan = '{LUMBANG}';
        update kelompok_desa set pemilih = pemilih + 1, pemilih_l = pemilih_l + 1
        where kode_desa = '{LUMBANG}.2001'""",
    )
    rows = broken["pemilih_desa_sama_dengan_desa"]
    assert {(row["kode_desa"], row["kolom"]) for row in rows} == {
        (f"{LUMBANG}.2001", "dpt"),
        (f"{LUMBANG}.2001", "dpt_l"),
    }


@pytest.mark.parametrize(
    "mart, change, check",
    [
        ("kabupaten", lambda df: df.assign(dpt=df["dpt"] + 1), "kabupaten_jumlah_kecamatan"),
        ("korwil", lambda df: df.assign(jumlah_merah=df["jumlah_merah"] + 1), "korwil_jumlah_kecamatan"),
        ("korwil", lambda df: df.assign(kecamatan=df["kecamatan"] + ", Lumbang"), "korwil_kecamatan_sekali"),
        ("kecamatan", lambda df: df.iloc[1:], "satu_status_per_kecamatan"),
        ("kecamatan", lambda df: df.assign(status="hijau"), "status_terburuk"),
        ("tps", lambda df: df.iloc[1:], "tps_jumlah_kecamatan"),
    ],
)
def test_a_mart_that_drifts_from_its_kecamatan_is_reported(demo_db_master, monkeypatch, mart, change, check):
    made = getattr(model.laporan, mart)
    monkeypatch.setattr(model.laporan, mart, lambda *args: change(made(*args)))
    broken = _broken(_periksa(demo_db_master))
    assert check in broken
    assert broken[check]
