"""A per-voter list is checked a chunk of rows at a time: the same list read in many small chunks
gives exactly what it gives in one (counts, problems and their rows, hashes, findings), a duplicate
NIK split across two chunks is still found, and a refused row in the last chunk leaves nothing
committed."""

from __future__ import annotations

import dataclasses

import duckdb
import pytest

from readiness import audit, db, ingest
from readiness.ingest import sheet_batches
from readiness.voterlist import read, staged
from tests import daftar_fixture as fx

E = "pilkada-2024"


@pytest.fixture
def small_chunks(monkeypatch):
    """Pieces of the sheet's XML of 4 KiB (a few rows each) taken through the checks 40 rows at a time."""

    def use():
        monkeypatch.setattr(sheet_batches, "PIECE", 4096)
        monkeypatch.setattr(read, "CHUNK_ROWS", 40)

    return use


def _ingest(db_path, path):
    return ingest.ingest_files(db_path, [(path.name, path.read_bytes())], election=E)


def _stored(db_path):
    con = db.connect_read(db_path)
    try:
        rows = con.execute("select * exclude (upload_id) from raw_daftar order by source_sheet, source_row").fetchall()
        summary = audit.findings_summary(con, E)
        return rows, [tuple(r) for r in summary.itertuples(index=False)]
    finally:
        con.close()


def _texts(batch):
    return [p.text() for r in batch.results for p in r.problems]


def test_many_chunks_give_the_same_rows_hashes_warnings_and_findings_as_one(tmp_path, small_chunks):
    daftar = fx.daftar_sukapura(tmp_path)
    one, many = tmp_path / "satu.duckdb", tmp_path / "banyak.duckdb"
    db.ensure_database(one)
    db.ensure_database(many)
    whole = _ingest(one, daftar.path)
    small_chunks()
    chunked = _ingest(many, daftar.path)
    assert whole.committed and chunked.committed
    assert _texts(chunked) == _texts(whole)
    assert any("NIK ganda" in t for t in _texts(chunked))
    rows_one, findings_one = _stored(one)
    rows_many, findings_many = _stored(many)
    assert len(rows_many) == len(daftar.voters) > 15 * 40
    assert rows_many == rows_one  # the same NIK/NKK hashes, masks, codes and dates, row by row
    assert findings_many == findings_one


def _voters(n: int, bad_row: int | None = None, same_nik: tuple[int, int] | None = None):
    voters = [
        fx.Pemilih(
            "SUKAPURA", "NGADISARI", 1 + i // 300, "LP"[i % 2], fx.dt.date(1960 + i % 40, 1 + i % 12, 1 + i % 28)
        )
        for i in range(n)
    ]
    if bad_row is not None:
        voters[bad_row] = dataclasses.replace(voters[bad_row], jk="X")
    if same_nik is not None:
        a, b = same_nik
        voters[a].nik = voters[b].nik = fx.nik_untuk("01", voters[a].lahir, voters[a].jk, 9999)
        voters[b] = dataclasses.replace(voters[b], lahir=voters[a].lahir, jk=voters[a].jk)
    return voters


def test_a_duplicate_nik_in_two_chunks_far_apart_is_found(tmp_path, empty_db, small_chunks):
    path = fx.tulis(tmp_path / "dpt.xlsx", _voters(400, same_nik=(5, 390)), "DPT")
    small_chunks()
    batch = _ingest(empty_db, path)
    assert batch.committed
    assert any(t.startswith("dpt.xlsx: temuan DPT — NIK ganda: 1 pemilih") for t in _texts(batch)), _texts(batch)


def test_the_whole_list_queries_of_the_commit_run_within_the_ingests_memory_limit(tmp_path, empty_db, monkeypatch):
    """The duplicate NIKs across every voter of the election (the stored audit tables, recomputed in
    the write that commits the list) run under the same DuckDB memory limit as the insert, spilling
    beyond it, not with DuckDB's default of most of the machine's memory."""
    path = fx.tulis(tmp_path / "dpt.xlsx", _voters(400, same_nik=(5, 390)), "DPT")
    seen = []
    refresh = db._refresh_stored

    def watched(con):
        seen.append(con.execute("select current_setting('memory_limit')").fetchone()[0])
        refresh(con)

    monkeypatch.setattr(db, "_refresh_stored", watched)
    batch = _ingest(empty_db, path)
    assert batch.committed
    bounded = duckdb.connect()
    bounded.execute(f"set memory_limit = '{staged.MEMORY_LIMIT}'")
    assert seen == [bounded.execute("select current_setting('memory_limit')").fetchone()[0]]
    bounded.close()
    assert any(t.startswith("dpt.xlsx: temuan DPT — NIK ganda: 1 pemilih") for t in _texts(batch)), _texts(batch)


def test_a_refused_row_in_the_last_chunk_leaves_nothing_committed_and_is_named(tmp_path, empty_db, small_chunks):
    path = fx.tulis(tmp_path / "dpt.xlsx", _voters(400, bad_row=395), "DPT")
    one = _ingest(empty_db, path)
    small_chunks()
    batch = _ingest(empty_db, path)
    assert not batch.committed
    row = fx.FIRST_ROW + 395
    assert _texts(batch) == _texts(one)
    assert _texts(batch) == [
        f"dpt.xlsx, sheet 'DPT', baris {row}, kolom I (JENIS KELAMIN): jenis kelamin 'X' harus L atau P"
    ]
    con = db.connect_read(empty_db)
    try:
        assert con.execute("select count(*) from raw_daftar").fetchone()[0] == 0
        assert con.execute("select count(*) from uploads").fetchone()[0] == 0
    finally:
        con.close()


def test_a_desa_not_in_its_kecamatan_only_in_a_later_chunk_is_kept_as_a_finding(tmp_path, empty_db, small_chunks):
    voters = _voters(400)
    voters[395] = dataclasses.replace(voters[395], desa="KARANGANYAR")  # a desa of other kecamatans
    path = fx.tulis(tmp_path / "dpt.xlsx", voters, "DPT")
    small_chunks()
    batch = _ingest(empty_db, path)
    assert batch.committed, _texts(batch)
    row = fx.FIRST_ROW + 395
    notes = [t for t in _texts(batch) if "temuan desa tidak cocok" in t]
    assert len(notes) == 1 and notes[0].startswith(f"dpt.xlsx, sheet 'DPT', baris {row}"), _texts(batch)
    con = db.connect_read(empty_db)
    try:
        assert con.execute("select count(*) from raw_daftar").fetchone()[0] == 400
        kept = con.execute("select desa_tertulis, kode_desa from raw_daftar where source_row = ?", [row]).fetchall()
        assert kept == [("KARANGANYAR", None)]
    finally:
        con.close()


def _voter(n, nkk, nik, lahir, jk, kecamatan, desa, tps) -> list:
    """One voter's row under fx.HEADER, as texts (no name, place of birth or address; kecamatan None:
    the cell left empty, as under a merged cell)."""
    return [
        str(n),
        str(880000000 + n),
        nkk,
        nik,
        "",
        "",
        lahir,
        "S",
        jk,
        "",
        "007",
        "002",
        "0",
        "S",
        kecamatan,
        desa,
        str(tps),
    ]


def _save(path, rows) -> None:
    """`rows` as text cells of a sheet `DPT` (None: an empty cell)."""
    import xlsxwriter

    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet("DPT")
    for r, cells in enumerate(rows):
        for c, value in enumerate(cells):
            if value is not None:
                ws.write_string(r, c, value)
    wb.close()


def _kantor_dpt(path):
    """A DPT as an office exports it, 120 voters of two kecamatan: the column numbers under the header,
    each kecamatan written once over its rows (merged cells), a JUMLAH row and a blank row after
    each kecamatan, the header repeated on the next printed page, and one family card written
    three ways (as its digits, after an apostrophe, with spaces around it)."""
    rows = [["DAFTAR PEMILIH TETAP (DPT)"], [], fx.HEADER, [str(n) for n in range(1, len(fx.HEADER) + 1)]]
    family = {7: "3513247000000042", 8: "'3513247000000042", 9: " 3513247000000042 "}
    voters = 0
    for kecamatan, kode in (("SUKAPURA", "01"), ("LUMBANG", "24")):
        for i in range(60):
            voters += 1
            lahir = fx.dt.date(1960 + i % 40, 1 + i % 12, 1 + i % 28)
            jk = "LP"[i % 2]
            nkk = (
                family.get(voters, f"3513{kode}{700000000 + voters:010d}")
                if kode == "01"
                else f"3513{kode}7{voters:09d}"
            )
            nik = fx.nik_untuk(kode, lahir, jk, voters)
            desa = "NGADISARI" if kode == "01" else "LUMBANG"
            rows.append(
                _voter(
                    voters, nkk, nik, lahir.strftime("%d-%m-%Y"), jk, kecamatan if i == 0 else None, desa, i // 30 + 1
                )
            )
            if i == 35:
                rows.append(fx.HEADER)
        rows += [[None] * 14 + [f"JUMLAH KEC. {kecamatan}"], []]
    _save(path, rows)
    return voters


def test_an_office_export_read_in_chunks_keeps_every_voter_and_one_hash_per_family_card(
    tmp_path, empty_db, small_chunks
):
    path = tmp_path / "dpt_kantor.xlsx"
    voters = _kantor_dpt(path)
    small_chunks()
    batch = _ingest(empty_db, path)
    assert batch.committed, _texts(batch)
    con = db.connect_read(empty_db)
    try:
        per_kecamatan = con.execute("select kode_kecamatan, count(*) from raw_daftar group by 1 order by 1").fetchall()
        family = con.execute(
            "select count(distinct nkk_hash), count(*) from raw_daftar where source_row in (11, 12, 13)"
        ).fetchone()
    finally:
        con.close()
    assert per_kecamatan == [("35.13.01", 60), ("35.13.24", 60)]
    assert sum(n for _, n in per_kecamatan) == voters
    assert family == (1, 3)


def _dpt_tanggal(path, dates):
    """A DPT of Sukapura whose birth dates are written as the texts `dates`, one voter each, after
    30 voters with the usual `dd-mm-yyyy`."""
    rows = [["DAFTAR PEMILIH TETAP (DPT)"], [], fx.HEADER]
    usual = [fx.dt.date(1970 + i, 1 + i % 12, 1 + i % 28) for i in range(30)]
    for n, lahir in enumerate(usual + [None] * len(dates), 1):
        jk = "LP"[n % 2]
        written = lahir.strftime("%d-%m-%Y") if lahir else dates[n - len(usual) - 1]
        nik = fx.nik_untuk("01", lahir or fx.dt.date(1990, 5, 3), jk, n)
        rows.append(_voter(n, f"351301{7000000000 + n}", nik, written, jk, "SUKAPURA", "NGADISARI", 1))
    _save(path, rows)


def test_birth_dates_in_other_forms_are_read_in_every_chunk_and_a_wrong_one_is_named(tmp_path, empty_db, small_chunks):
    small_chunks()
    good = tmp_path / "dpt_tanggal.xlsx"
    _dpt_tanggal(good, ["3 Mei 1990", "32996", "1990-05-03", " 03/05/1990 ", "3 Mei 1990"])
    batch = _ingest(empty_db, good)
    assert batch.committed, _texts(batch)
    con = db.connect_read(empty_db)
    try:
        dates = con.execute("select tgl_lahir from raw_daftar where source_row > 33 order by source_row").fetchall()
    finally:
        con.close()
    assert dates == [(fx.dt.date(1990, 5, 3),)] * 5

    wrong = tmp_path / "dpt_tanggal_salah.xlsx"
    _dpt_tanggal(wrong, ["3 Mei 1990", "31-02-1990", "kemarin"])
    batch = _ingest(empty_db, wrong)
    assert not batch.committed
    assert _texts(batch) == [
        "dpt_tanggal_salah.xlsx, sheet 'DPT', baris 35, kolom G (TANGGAL LAHIR): "
        "'31-02-1990' bukan tanggal yang dikenali (contoh: 27-11-2024)",
        "dpt_tanggal_salah.xlsx, sheet 'DPT', baris 36, kolom G (TANGGAL LAHIR): "
        "'kemarin' bukan tanggal yang dikenali (contoh: 27-11-2024)",
    ]
