"""The voter-list audit (readiness/audit.py) on real .xlsx files ingested into a real DuckDB file: every
finding type planted with an exact count, clean rows that stay clean, the eligibility rules at their
boundaries, duplicates within a list and across lists, the sample's planted findings, the groups,
and the command line as a user runs it."""

from __future__ import annotations

import datetime as dt
import io
import json
import subprocess
import sys
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from python_calamine import CalamineWorkbook

from readiness import audit, db, ingest, model
from tests import daftar_fixture as fx

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "data" / "sample"
E = "pilkada-2024"
SUKAPURA, LUMBANG = "35.13.01", "35.13.24"


def cli(*args):
    return subprocess.run(
        [sys.executable, "-m", "readiness", *map(str, args)], cwd=ROOT, capture_output=True, text=True, timeout=300
    )


def _ingest(db_path, *paths, kind="auto"):
    batch = ingest.ingest_files(db_path, [(p.name, p.read_bytes()) for p in paths], kind=kind)
    assert batch.ok and batch.committed, [p.text() for r in batch.results for p in r.problems]
    return batch


def _read(db_path, fn, *args, **kw):
    con = db.connect_read(db_path)
    try:
        return fn(con, *args, **kw)
    finally:
        con.close()


def _counts(db_path, kode_kecamatan=None) -> dict[str, int]:
    df = _read(db_path, audit.findings_summary, E)
    if kode_kecamatan:
        df = df[df["kode_kecamatan"] == kode_kecamatan]
    return {t: int(n) for t, n in zip(df["temuan"], df["jumlah"])}


@pytest.fixture(scope="module")
def sukapura(tmp_path_factory):
    """A database with Sukapura's list (every finding type planted) ingested by the command line."""
    folder = tmp_path_factory.mktemp("audit")
    daftar = fx.daftar_sukapura(folder)
    db_path = folder / "readiness.duckdb"
    done = cli("ingest", daftar.path, "--db", db_path)
    assert done.returncode == 0, done.stderr
    return db_path, daftar, done


# --------------------------------------------------------------------------- exact counts
def test_every_planted_finding_is_counted_exactly_by_the_command(sukapura):
    db_path, daftar, _ = sukapura
    done = cli("audit", "--db", db_path)
    assert done.returncode == 0, done.stderr
    df = pd.read_csv(io.StringIO(done.stdout), dtype={"kode_kecamatan": str})
    assert list(df.columns) == ["kode_kecamatan", "kecamatan", "temuan", "jumlah"]
    assert set(df["kode_kecamatan"]) == {SUKAPURA} and set(df["kecamatan"]) == {"Sukapura"}
    assert dict(zip(df["temuan"], df["jumlah"])) == daftar.expected
    assert list(df["temuan"]) == [k for k in audit.KODE if k in daftar.expected]  # the contract's order
    assert "601" in done.stdout and "1.000" not in done.stdout  # plain numbers
    assert "temuan" in done.stderr and "Traceback" not in done.stderr
    as_json = json.loads(cli("audit", "--db", db_path, "--format", "json").stdout)
    assert {r["temuan"]: r["jumlah"] for r in as_json} == daftar.expected
    assert all(isinstance(r["jumlah"], int) for r in as_json)


def test_the_same_counts_from_audit_py_and_as_upload_warnings(sukapura):
    db_path, daftar, done = sukapura
    assert _counts(db_path) == daftar.expected
    # the upload said so too: one warning per type with its count, and the file was committed
    for kode, jumlah in daftar.expected.items():
        line = f"temuan DPT — {audit.JENIS[kode].nama}: {jumlah:,} pemilih".replace(",", ".")
        assert line in done.stderr, (line, done.stderr)
    assert "DITOLAK" not in done.stderr
    messages = _read(db_path, lambda con: con.execute("select message from upload_messages").fetchall())
    assert sum("temuan DPT" in m for (m,) in messages) == len(daftar.expected)


def test_each_planted_row_has_its_finding_and_clean_rows_have_none(sukapura):
    db_path, daftar, _ = sukapura
    found = _read(db_path, audit.findings, E)
    by_row = found.groupby("source_row")["temuan"].apply(set).to_dict()
    for v in daftar.voters:
        got = by_row.get(v.baris, set())
        if v.catatan in audit.JENIS:
            assert got == {v.catatan}, (v.catatan, v.baris, got)
        elif v.catatan == "tps_penuh":
            assert got == {"tps_melebihi_kapasitas"}, (v.baris, got)
        else:  # clean, the first of a duplicated NIK, and every look-alike
            assert got == set(), (v.catatan, v.baris, got)
    # the list a user sees: masked NIK, DPID, file, sheet and row to find the voter in the original
    row = found[found["temuan"] == "nik_wilayah"].iloc[0]
    voter = next(v for v in daftar.voters if v.baris == row["source_row"])
    assert row["nik_mask"] == voter.nik[:6] + "*" * 10
    assert (row["dpid"], row["file_name"], row["source_sheet"]) == (voter.dpid, "dpt_sukapura.xlsx", "DPT SUKAPURA")
    assert row["nama_temuan"] == "Kode wilayah NIK berbeda"
    texts = dict(zip(found["source_row"], found["keterangan"]))
    assert texts[daftar.rows("nik_wilayah")[0]] == "kode wilayah NIK 357401 bukan kabupaten ini (3513)"
    assert texts[daftar.rows("nik_wilayah")[1]] == "kode wilayah NIK 351324 adalah Kecamatan Lumbang, bukan Sukapura"
    assert [texts[r] for r in daftar.rows("nik_format")] == [
        "NIK 15 karakter, seharusnya 16 angka",
        "NIK berisi karakter selain angka",
        "NIK tersimpan sebagai angka di Excel; angka terakhirnya hilang",
        "NIK kosong",
    ]
    assert [texts[r] for r in daftar.rows("nik_tanggal")] == [
        audit.TANGGAL_NIK[k] for k in ("mustahil", "beda_tanggal", "beda_jk")
    ]
    assert "Kecamatan Bantaran, Paiton" in texts[daftar.rows("desa_tidak_cocok")[0]]
    tps = found[found["temuan"] == "tps_melebihi_kapasitas"]
    assert set(tps["keterangan"]) == {"TPS 3 berisi 601 pemilih, kapasitas 600"} and set(tps["desa"]) == {"Wonotoro"}


def test_eligibility_at_its_boundaries(sukapura):
    db_path, daftar, _ = sukapura
    found = _read(db_path, audit.findings, E)
    flagged = dict(zip(found["source_row"], found["temuan"]))
    texts = dict(zip(found["source_row"], found["keterangan"]))
    sehari_lagi, umur_14, sts_kosong = daftar.rows("usia_belum_17")
    lahir_sesudah, umur_111 = daftar.rows("usia_tidak_wajar")
    assert daftar.rows("genap_17")[0] not in flagged  # 17th birthday on election day 27-11-2024: eligible
    assert flagged[sehari_lagi] == "usia_belum_17"  # born one day later: not yet 17
    assert daftar.rows("kawin_16")[0] not in flagged  # 16 and married (S): eligible
    assert daftar.rows("pernah_kawin_16")[0] not in flagged  # 16 and once married (P): eligible
    assert flagged[sts_kosong] == "usia_belum_17"  # STS empty: not shown to be married
    assert flagged[lahir_sesudah] == "usia_tidak_wajar"  # born after election day (and not usia_belum_17)
    assert flagged[umur_111] == "usia_tidak_wajar"  # 111 years on election day
    assert daftar.rows("umur_110")[0] not in flagged  # 110 years: plausible
    assert texts[sehari_lagi] == "umur 16 tahun pada hari pemungutan suara, belum kawin"
    assert texts[umur_14] == "umur 14 tahun pada hari pemungutan suara, belum kawin"
    assert texts[sts_kosong] == "umur 16 tahun pada hari pemungutan suara, status kawin kosong"
    assert texts[lahir_sesudah] == "tanggal lahir sesudah hari pemungutan suara"
    assert texts[umur_111] == "umur 111 tahun pada hari pemungutan suara"


def test_three_copies_of_a_nik_count_two_and_name_the_first(sukapura):
    db_path, daftar, _ = sukapura
    found = _read(db_path, audit.findings, E, temuan="nik_ganda")
    original = daftar.rows("nik_ganda_asli")[0]
    assert list(found["source_row"]) == daftar.rows("nik_ganda") and original not in set(found["source_row"])
    assert set(found["keterangan"]) == {f"NIK sama dengan dpt_sukapura.xlsx, sheet 'DPT SUKAPURA', baris {original}"}
    assert set(found["desa"]) == {"Wonotoro", "Jetak"}


def test_duplicates_across_two_lists_of_different_kecamatan_and_which_is_first(sukapura, tmp_path):
    db_path = tmp_path / "readiness.duckdb"
    db_path.write_bytes(sukapura[0].read_bytes())
    daftar = sukapura[1]
    twin = next(v.nik for v in daftar.voters if v.catatan == "nik_ganda_asli")
    lumbang = fx.daftar_lumbang(tmp_path, twin)
    _ingest(db_path, lumbang.path)
    assert _counts(db_path, LUMBANG) == {"nik_ganda": 1, "nik_wilayah": 1}
    assert _counts(db_path, SUKAPURA) == daftar.expected  # unchanged: the later list holds the copy
    found = _read(db_path, audit.findings, E, kecamatan=LUMBANG, temuan="nik_ganda").iloc[0]
    assert found["keterangan"] == (
        f"NIK sama dengan dpt_sukapura.xlsx, sheet 'DPT SUKAPURA', baris {daftar.rows('nik_ganda_asli')[0]}"
    )
    # Re-activating Sukapura's list makes it the later one: now its three rows are the copies.
    first = _read(db_path, lambda con: con.execute("select min(upload_id) from uploads").fetchone()[0])
    ingest.activate(db_path, first)
    assert _counts(db_path, SUKAPURA)["nik_ganda"] == 3
    assert "nik_ganda" not in _counts(db_path, LUMBANG)


def test_summary_list_and_snapshot_agree(sukapura):
    db_path, _, _ = sukapura
    con = db.connect_read(db_path)
    try:
        summary = audit.findings_summary(con, E)
        hasil = audit.lengkap(con, E)
        full = audit.findings(con, E)
    finally:
        con.close()
    pd.testing.assert_frame_equal(hasil.ringkasan, summary)
    per_type = full.groupby("temuan").size().to_dict()
    assert per_type == dict(zip(summary["temuan"], summary["jumlah"]))
    assert len(hasil.temuan) == len(full) and hasil.ada_daftar


# --------------------------------------------------------------------------- the sample's planted findings
def test_sample_lumbang_planted_findings_come_out_exactly(demo_db_master):
    sheet = CalamineWorkbook.from_path(SAMPLE / "dpt_kecamatan_lumbang.xlsx").get_sheet_by_index(0).to_python()
    header = sheet[4]
    belum = sum(1 for row in sheet[5:] if row[header.index("KTP-EL")] == "B")
    counts = _counts(demo_db_master, LUMBANG)
    assert counts == {
        "nik_format": 2,
        "nik_wilayah": 2,
        "nik_tanggal": 2,
        "nik_ganda": 4,
        "usia_belum_17": 3,
        "ktpel_belum_rekam": belum,
    }
    # where data/sample/README.md says they are (column NO; the Excel row is NO + 5)
    found = _read(demo_db_master, audit.findings, E)
    rows = {t: sorted(n - 5 for n in g["source_row"]) for t, g in found.groupby("temuan") if t != "ktpel_belum_rekam"}
    assert rows["nik_ganda"] == [11921, 12557, 16862, 24910]
    assert rows["usia_belum_17"] == [12851, 13195, 16806]
    assert rows["nik_format"] == [9374, 24268]
    assert rows["nik_wilayah"] == [16690, 20107]
    assert rows["nik_tanggal"] == [10601, 14189]
    ganda = found[found["temuan"] == "nik_ganda"].set_index("source_row")["keterangan"]
    assert ganda[12557 + 5].endswith(f"baris {5485 + 5}")


def test_sample_groups_agree_with_the_pemilih_page(demo_db_master):
    con = db.connect_read(demo_db_master)
    try:
        groups = audit.groups(con, E)
        pemilih = model.pemilih_desa(con, E)
    finally:
        con.close()
    kec = groups["kecamatan"].set_index("kode_kecamatan").loc[LUMBANG]
    lumbang = pemilih[pemilih["kode_kecamatan"] == LUMBANG]
    assert kec["pemilih"] == 25127 == kec["pemilih_l"] + kec["pemilih_p"]
    assert kec["pemula"] == lumbang["pemula"].sum() and kec["disabilitas"] == lumbang["disabilitas"].sum()
    for col in audit.DISABILITAS:
        assert kec[col] == lumbang[col].sum()
    assert kec["rasio_jk"] == round(100 * kec["pemilih_l"] / kec["pemilih_p"], 1)
    desa = groups["desa"]
    assert len(desa) == 10 and desa["pemilih"].sum() == 25127 and desa["kode_desa"].notna().all()
    assert list(groups["kecamatan"]["kode_kecamatan"]) == [LUMBANG]  # only where a list is active


def test_groups_follow_the_pemula_setting(sukapura, tmp_path):
    db_path = tmp_path / "readiness.duckdb"
    db_path.write_bytes(sukapura[0].read_bytes())
    kec = _read(db_path, audit.groups, E)["kecamatan"].iloc[0]
    # 17 exactly and 21 exactly are pemula; 22 exactly is not (kawin_16 and 16-year-olds are too young)
    assert (kec["pemula"], kec["pemula_usia_min"], kec["pemula_usia_max"]) == (2, 17, 21)
    assert kec["disabilitas"] == 17 and kec["dis_fisik"] == 3 and kec["dis_netra"] == 2
    with db.writing(db_path) as con:
        con.execute("update settings set value = 22 where election_id = $e and key = 'pemula_usia_max'", {"e": E})
    assert _read(db_path, audit.groups, E)["kecamatan"].iloc[0]["pemula"] == 3
    # the Pemilih page counts pemula with the same setting
    assert _read(db_path, model.pemilih_desa, E)["pemula"].sum() == 3


def _stored_matches_a_fresh_computation(db_path) -> int:
    """The stored audit tables equal what their queries give on the data now; returns the findings."""
    con = db.connect_read(db_path)
    try:
        for name in db.STORED:
            stored = con.execute(f"select * from {name} order by all").df()
            fresh = con.execute(f"select * from ({db.load_query('tersimpan/' + name).sql}) order by all").df()
            pd.testing.assert_frame_equal(stored, fresh, check_dtype=False)
        return con.execute("select count(*) from temuan_daftar").fetchone()[0]
    finally:
        con.close()


def test_the_stored_audit_follows_every_write_that_changes_it(sukapura, tmp_path):
    db_path = tmp_path / "readiness.duckdb"
    db_path.write_bytes(sukapura[0].read_bytes())
    base = _stored_matches_a_fresh_computation(db_path)
    assert base > 0 and _counts(db_path)["tps_melebihi_kapasitas"] > 0
    # a smaller TPS capacity flags more voters
    with db.writing(db_path) as con:
        con.execute("update elections set kapasitas_tps = 10 where election_id = $e", {"e": E})
    assert _stored_matches_a_fresh_computation(db_path) > base
    # a second list holding a copy of a Sukapura NIK; re-activating Sukapura's list makes its rows the copies
    twin = next(v.nik for v in sukapura[1].voters if v.catatan == "nik_ganda_asli")
    _ingest(db_path, fx.daftar_lumbang(tmp_path, twin).path)
    _stored_matches_a_fresh_computation(db_path)
    ganda = _counts(db_path, SUKAPURA)["nik_ganda"]
    first = _read(db_path, lambda con: con.execute("select min(upload_id) from uploads").fetchone()[0])
    ingest.activate(db_path, first)
    _stored_matches_a_fresh_computation(db_path)
    assert _counts(db_path, SUKAPURA)["nik_ganda"] == ganda + 1
    # a pemula setting changes the stored groups
    with db.writing(db_path) as con:
        con.execute("update settings set value = 30 where election_id = $e and key = 'pemula_usia_max'", {"e": E})
    _stored_matches_a_fresh_computation(db_path)


# --------------------------------------------------------------------------- what changed in ingest
def test_a_desa_of_another_kecamatan_is_a_finding_not_a_rejection(empty_db, tmp_path):
    voters = [
        fx.Pemilih("SUKAPURA", "NGADISARI", 1, "L", dt.date(1980, 1, 1)),
        fx.Pemilih("SUKAPURA", "KARANGANYAR", 1, "P", dt.date(1981, 2, 2)),
        fx.Pemilih("SUKAPURA", "KARANGANYAR", 2, "L", dt.date(1982, 3, 3)),
    ]
    path = fx.tulis(tmp_path / "dpt.xlsx", voters, "DPT")
    result = _ingest(empty_db, path).results[0]
    warnings = [p.text() for p in result.warnings]
    assert (
        "dpt.xlsx, sheet 'DPT', baris 7: desa/kelurahan 'KARANGANYAR' tidak ada di Kecamatan Sukapura; desa "
        "dengan nama ini ada di Kecamatan Bantaran, Paiton; mungkin maksudnya: Ngadisari (2 pemilih; dicatat sebagai "
        "temuan desa tidak cocok, bukan penolakan)"
    ) in warnings
    assert result.rows == 3 and _counts(empty_db) == {"desa_tidak_cocok": 2}
    report = _read(empty_db, model.report, E, "kecamatan").set_index("kecamatan")
    assert report.loc["Sukapura", "dpt"] == 3  # still counted in the stated kecamatan


def test_an_unknown_kecamatan_still_rejects_the_file(empty_db, tmp_path):
    voters = [
        fx.Pemilih("SUKAPURA", "NGADISARI", 1, "L", dt.date(1980, 1, 1)),
        fx.Pemilih("SUKAPURA", "NGADISARI", 1, "L", dt.date(1980, 1, 2)),
    ]
    path = fx.tulis(tmp_path / "dpt.xlsx", voters, "DPT")
    wb = openpyxl.load_workbook(path)
    wb.active["O7"] = "SUKAPURO"
    wb.save(path)
    batch = ingest.ingest_files(empty_db, [(path.name, path.read_bytes())])
    assert not batch.ok
    assert "kecamatan 'SUKAPURO' tidak dikenal; mungkin maksudnya: Sukapura" in batch.results[0].errors[0].text()


def test_a_nik_in_the_wrong_column_is_never_quoted_in_a_message(empty_db, tmp_path):
    voters = [fx.Pemilih("SUKAPURA", "NGADISARI", 1, "L", dt.date(1980, 1, 1))]
    path = fx.tulis(tmp_path / "dpt.xlsx", voters, "DPT")
    wb = openpyxl.load_workbook(path)
    wb.active["I6"] = "3513011701800001"  # JENIS KELAMIN holds a NIK
    wb.save(path)
    batch = ingest.ingest_files(empty_db, [(path.name, path.read_bytes())])
    text = batch.results[0].errors[0].text()
    assert "3513011701800001" not in text and "[angka panjang disamarkan]" in text and "harus L atau P" in text


def test_empty_election_has_no_findings(empty_db):
    done = cli("audit", "--db", empty_db)
    assert done.returncode == 0 and done.stdout.strip() == "kode_kecamatan,kecamatan,temuan,jumlah"
    assert "Belum ada daftar pemilih per orang" in done.stderr
    assert cli("audit", "--db", empty_db, "--format", "json").stdout.strip() == "[]"
    assert cli("audit", "--db", empty_db, "--election", "pemilu-1999").returncode == 1


# --------------------------------------------------------------------------- export for KPU
def test_excel_export_groups_findings_per_kecamatan_desa_tps_and_type(sukapura, tmp_path):
    db_path, daftar, _ = sukapura
    con = db.connect_read(db_path)
    try:
        hasil = audit.lengkap(con, E)
    finally:
        con.close()
    data = audit.ekspor_xlsx(hasil.temuan, hasil.ringkasan, "Pilkada 2024", "versi data 2")
    path = tmp_path / "temuan.xlsx"
    path.write_bytes(data)
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == ["Ringkasan", "Sukapura"]
    summary = [r for r in wb["Ringkasan"].iter_rows(values_only=True)]
    assert "bukan hasil resmi KPU" in summary[4][0]
    head = summary[6]
    row = next(r for r in summary if r[0] == "Sukapura")
    assert dict(zip(head[1:-1], row[1:-1])) == {audit.JENIS[k].nama: n for k, n in daftar.expected.items()}
    assert row[-1] == sum(daftar.expected.values())
    ws = [r for r in wb["Sukapura"].iter_rows(values_only=True)]
    assert ws[6][:4] == ("Desa/Kelurahan", "TPS", "Temuan", "Keterangan")
    groups = [r[0] for r in ws[7:] if r[0] and r[0].startswith("Desa/Kelurahan ")]
    assert "Desa/Kelurahan Wonotoro · TPS 3 · TPS melebihi kapasitas" in groups
    assert "Desa/Kelurahan Ngadisari · TPS 1 · Belum rekam KTP-el" in groups
    data_rows = [r for r in ws[7:] if r[8] is not None]
    assert len(data_rows) == sum(daftar.expected.values())
    masks = {r[4] for r in data_rows}
    assert all(m is None or "******" in m or m.startswith("*") for m in masks)
    raw = {v.nik for v in daftar.voters}
    assert not any(str(c) in raw for r in ws for c in r if c is not None)


def test_formula_like_file_and_sheet_names_leave_every_export_as_text(empty_db, tmp_path, capsys):
    from readiness import cli
    from tests import xlsx

    daftar = fx.daftar_lumbang(tmp_path, fx.nik_untuk("01", dt.date(1975, 8, 9), "L", 9010))
    xlsx.rename_sheet(daftar.path, "DPT LUMBANG", "@DPT LUMBANG")
    name = '=HYPERLINK("http://x","klik").xlsx'
    batch = ingest.ingest_files(empty_db, [(name, daftar.path.read_bytes())])
    assert batch.committed
    con = db.connect_read(empty_db)
    try:
        hasil = audit.lengkap(con, E)
    finally:
        con.close()
    ws = openpyxl.load_workbook(io.BytesIO(audit.ekspor_xlsx(hasil.temuan, hasil.ringkasan, "Pilkada 2024", "v")))[
        "Lumbang"
    ]
    header = [c.value for c in ws[7]]
    rows = [r for r in ws.iter_rows(min_row=8) if r[header.index("Berkas")].value]
    assert rows and {r[header.index("Berkas")].value for r in rows} == {"'" + name}
    assert {r[header.index("Sheet")].value for r in rows} == {"'@DPT LUMBANG"}
    assert all(r[header.index("Berkas")].data_type == "s" for r in rows)
    # The command line's CSV (`versions > versi.csv`, opened in Excel) too.
    capsys.readouterr()
    assert cli.main(["versions", "--db", str(empty_db)]) == 0
    out = capsys.readouterr().out
    assert '"\'=HYPERLINK(""http://x"",""klik"").xlsx"' in out and ',"=HYPERLINK' not in out


# --------------------------------------------------------------------------- the database grows old gracefully
def test_a_database_made_before_the_audit_is_migrated(tmp_path):
    import duckdb

    path = tmp_path / "lama.duckdb"
    con = duckdb.connect(str(path))
    db._create(con)  # the schema and seeds of the first release, no migration applied
    con.execute(
        "insert into uploads values (1, $e, 'daftar', 'lama.xlsx', 'x', 'DPT', 5, 2, null, now()::timestamp, "
        "1, null, 0)",
        {"e": E},
    )
    con.execute("insert into upload_coverage values (1, $k)", {"k": LUMBANG})
    con.execute(
        "insert into raw_daftar values (1, 'DPT', 6, $k, '35.13.24.2001', '1', 'L', 'aa', "
        "'351324******0001', null, false, date '1980-01-01', 'S', 0, 'S', '1'), "
        "(1, 'DPT', 7, $k, '35.13.24.2001', '1', 'L', 'aa', '351301******0001', null, false, "
        "date '1980-01-01', 'S', 0, 'S', '2')",
        {"k": LUMBANG},
    )
    con.close()
    db.ensure_database(path)
    assert _counts(path) == {"nik_wilayah": 1, "nik_ganda": 1}
    con = db.connect_read(path)
    assert con.execute("select distinct nik_hash from raw_daftar").fetchall() == [(0xAA,)]  # short: its number
    con.close()
    con = db.connect_read(path)
    try:
        settings = dict(con.execute("select key, value from settings where election_id = $e", {"e": E}).fetchall())
        assert (settings["pemula_usia_min"], settings["pemula_usia_max"]) == (17, 21)
        assert not audit.simpan_identitas(con)
        assert con.execute("select count(*) from identitas_daftar").fetchone()[0] == 0
    finally:
        con.close()


def test_hashes_stored_at_full_length_are_shortened_to_what_ingest_now_computes(tmp_path):
    """Migrations 005 and 006: a database from before keeps matching new uploads of the same voters."""
    import hashlib
    import hmac

    import duckdb

    from readiness.privacy import installation_secret, keyed_hash, keyed_hash_number

    path = tmp_path / "lama.duckdb"
    con = duckdb.connect(str(path))
    db._create(con)
    secret = installation_secret(path)
    nik, nkk = "3513240101800001", "3513240101990001"
    full = [hmac.new(secret, x.encode(), hashlib.sha256).hexdigest() for x in (nik, nkk)]
    con.execute(
        "insert into raw_daftar values (1, 'DPT', 6, $k, '35.13.24.2001', '1', 'L', $h, "
        "'351324**********', $kk, false, date '1980-01-01', 'S', 0, 'S', '1')",
        {"k": LUMBANG, "h": full[0], "kk": full[1]},
    )
    con.close()
    db.ensure_database(path)
    con = db.connect_read(path)
    assert con.execute("select nik_hash, nkk_hash from raw_daftar").fetchall() == [
        (keyed_hash_number(secret, nik), keyed_hash_number(secret, nkk))
    ]
    assert len(keyed_hash(secret, nik)) == 32 and full[0].startswith(keyed_hash(secret, nik))
    con.close()
