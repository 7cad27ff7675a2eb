"""Ingest against the messy corpus (tests/messy.py): every quirk of real government exports listed
in DESIGN.md gets either a correct load with exact totals, or a clean rejection that names the file,
the sheet, the Excel row and the column, in Indonesian, and leaves the database file untouched.

Written to the spec, not to the code of the day: a failure here is a quirk ingest does not yet survive.
"""

from __future__ import annotations

import datetime as dt
import math
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from readiness import db, ingest, model
from tests import kantor, messy

ROOT = Path(__file__).resolve().parent.parent
CORPUS = {**messy.ALL, **kantor.ALL}
ELECTION = "pilkada-2024"
# Report columns that must stay empty for a kecamatan the file does not cover.
ONLY_WHAT_THE_FILE_HOLDS = ("dpt", "dpt_l", "dpt_p", "tps", "ktpel_wajib", "ktpel_rekam", "ktpel_persen")


# --------------------------------------------------------------------------- helpers
def _build(name: str, tmp_path: Path) -> messy.Case:
    folder = tmp_path / "berkas"
    folder.mkdir(exist_ok=True)
    return CORPUS[name](folder)


def _ingest(db_path: Path, case: messy.Case, kind: str = "auto") -> ingest.Batch:
    return ingest.ingest_files(db_path, [(case.path.name, case.path.read_bytes())], kind=kind)


def _report(db_path: Path, level: str) -> pd.DataFrame:
    con = db.connect_read(db_path)
    try:
        return model.report(con, ELECTION, level)
    finally:
        con.close()


def _plain(value):
    """A report cell as a plain Python value: missing -> None, numpy scalars -> int/float."""
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return None
    return value.item() if hasattr(value, "item") else value


def _same(got, expected) -> bool:
    got = _plain(got)
    if expected is None or got is None:
        return got is expected
    if isinstance(expected, float) or isinstance(got, float):
        return abs(float(got) - float(expected)) < 0.006
    return got == expected


def _check_messages(case: messy.Case, got: list, expected: list[messy.Msg], what: str) -> None:
    texts = [p.text() for p in got]
    unmatched = list(got)
    missing = []
    for exp in expected:
        hit = next((p for p in unmatched if exp.matches(case.path.name, p)), None)
        if hit is None:
            missing.append(exp.describe())
        else:
            unmatched.remove(hit)
    assert not missing and not unmatched, (
        f"{what}: expected {len(expected)}, got {len(got)}\n  missing: {missing}\n"
        f"  unexpected: {[p.text() for p in unmatched]}\n  all: {texts}"
    )


def _check_report(db_path: Path, case: messy.Case) -> None:
    wrong = []
    if case.kecamatan:
        kec = _report(db_path, "kecamatan").set_index("kecamatan")
        unknown = set(case.kecamatan) - set(kec.index)
        assert not unknown, f"not kecamatan names: {unknown}"
        checked = {col for values in case.kecamatan.values() for col in values}
        for name in kec.index:
            expected = case.kecamatan.get(name)
            if expected is None:  # a kecamatan the file does not cover stays empty, never 0
                expected = {c: None for c in checked & set(ONLY_WHAT_THE_FILE_HOLDS)}
            for col, value in expected.items():
                if not _same(kec.loc[name, col], value):
                    wrong.append(f"kecamatan {name} {col}: expected {value}, got {_plain(kec.loc[name, col])}")
    if case.desa:
        desa = _report(db_path, "desa").set_index(["kecamatan", "desa"])
        for key, values in case.desa.items():
            if key not in desa.index:
                wrong.append(f"desa {key}: not in the desa report")
                continue
            for col, value in values.items():
                if not _same(desa.loc[key, col], value):
                    wrong.append(f"desa {key} {col}: expected {value}, got {_plain(desa.loc[key, col])}")
    if case.kabupaten:
        kab = _report(db_path, "kabupaten").iloc[0]
        for col, value in case.kabupaten.items():
            if not _same(kab[col], value):
                wrong.append(f"kabupaten {col}: expected {value}, got {_plain(kab[col])}")
    assert not wrong, "\n".join(wrong)


# --------------------------------------------------------------------------- the corpus, one file at a time
@pytest.mark.parametrize("name", list(CORPUS))
def test_messy_file(name, empty_db, tmp_path):
    case = _build(name, tmp_path)
    before = empty_db.read_bytes()
    batch = _ingest(empty_db, case)
    assert len(batch.results) == 1
    result = batch.results[0]
    texts = [p.text() for p in result.problems]
    assert all("Traceback" not in t and "Error" not in t for t in texts), texts
    assert result.describe_footer() == case.footer  # the rows under the table that were not read
    if case.rejected:
        assert not batch.ok and not batch.committed, f"{case.quirk}: expected a rejection, got {texts}"
        _check_messages(case, result.errors, case.errors, "errors")
        assert empty_db.read_bytes() == before, "a rejected upload changed the database file"
        return
    assert batch.ok, f"{case.quirk}: expected a load, got {texts}"
    assert batch.committed
    assert (result.kind, result.kind_detected) == (case.kind, True)
    if case.rows is not None:
        assert result.rows == case.rows, f"data rows read: expected {case.rows}, got {result.rows}; {texts}"
    _check_messages(case, result.warnings, case.warnings, "warnings")
    if case.tanggal_data is not None:
        assert result.tanggal_data == case.tanggal_data
    _check_report(empty_db, case)


# --------------------------------------------------------------------------- what the corpus covers
FIVE_KINDS = {
    "rekap_judul_header_gabung_kecamatan_gabung": "pemilih",
    "dpt_per_pemilih": "daftar",
    "tps_berantakan": "tps",
    "ktpel_berantakan": "ktpel",
    "target_bentuk_persen": "target",
}


@pytest.mark.parametrize("name,kind", FIVE_KINDS.items())
def test_auto_detects_each_of_the_five_kinds(name, kind, empty_db, tmp_path):
    case = _build(name, tmp_path)
    assert case.kind == kind
    result = _ingest(empty_db, case).results[0]
    assert (result.kind, result.kind_detected) == (kind, True), [p.text() for p in result.problems]
    # and `--kind` forced to the same kind reads the same rows
    other_db = tmp_path / "paksa" / "readiness.duckdb"
    other_db.parent.mkdir()
    db.ensure_database(other_db)
    forced = _ingest(other_db, case, kind=kind).results[0]
    assert (forced.kind, forced.kind_detected, forced.rows) == (kind, False, result.rows)


def test_error_text_is_exact(empty_db, tmp_path):
    case = _build("rekap_bukan_bilangan_bulat", tmp_path)
    errors = [p.text() for p in _ingest(empty_db, case).results[0].errors]
    assert errors == [
        "rekap_dpt.xlsx, sheet 'PAITON', baris 8, kolom F (JUMLAH PEMILIH / L): '35,4' bukan bilangan bulat"
    ]


def test_html_in_a_name_is_quoted_as_is_not_interpreted(empty_db, tmp_path):
    case = _build("rekap_html_dan_rumus_di_nama", tmp_path)
    texts = [p.text() for p in _ingest(empty_db, case).results[0].errors]
    assert any("'<script>alert('x')</script>'" in t for t in texts), texts
    assert not any("&lt;" in t for t in texts), "escaping belongs to the screen, not to the stored message"


def test_mangled_nik_is_flagged_and_no_raw_identity_is_stored(empty_db, tmp_path):
    case = _build("dpt_per_pemilih", tmp_path)
    batch = _ingest(empty_db, case)
    assert batch.ok and batch.committed, [p.text() for p in batch.results[0].problems]
    con = db.connect_read(empty_db)
    try:
        rows = con.execute("select source_row, nik_numerik, nik_mask from raw_daftar order by source_row").fetchall()
    finally:
        con.close()
    assert len(rows) == case.rows  # no voter lost
    assert [r[0] for r in rows if r[1]] == [messy.MANGLED_NIK_ROW]  # exactly the NIK Excel turned into a number
    text_masks = [r[2] for r in rows if not r[1]]
    assert all(len(m) == 16 and m.startswith("351324") and m[6:12] == "******" for m in text_masks), text_masks
    # NIK/NKK as text survive with their 16 digits; none of them, nor a name, is in the database file
    from openpyxl import load_workbook

    ws = load_workbook(case.path, read_only=True).worksheets[0]
    voters = [row for row in ws.iter_rows(min_row=6, values_only=True)]
    content = empty_db.read_bytes()
    for voter in voters:
        nkk, nik, nama = voter[2], voter[3], voter[4]
        assert str(nkk).encode() not in content and nama.encode() not in content
        if isinstance(nik, str):
            assert nik.encode() not in content


def test_tps_addresses_starting_with_formula_characters_stay_text(empty_db, tmp_path):
    case = _build("tps_berantakan", tmp_path)
    assert _ingest(empty_db, case).ok
    con = db.connect_read(empty_db)
    try:
        alamat = [r[0] for r in con.execute("select alamat from raw_tps order by source_row").fetchall()]
    finally:
        con.close()
    assert alamat == messy.TPS_ALAMAT


def test_a_later_messy_file_replaces_only_the_kecamatan_it_covers(empty_db, tmp_path):
    """Per-kecamatan sheets, then a CSV, then a file overlapping the first: never summed twice."""
    first, csv_case, last = (
        _build(n, tmp_path)
        for n in ("rekap_satu_sheet_per_kecamatan", "rekap_csv_titik_koma_bom", "rekap_nama_desa_kembar")
    )
    for case in (first, csv_case, last):
        batch = _ingest(empty_db, case)
        assert batch.ok and batch.committed, [p.text() for p in batch.results[0].problems]
    kec = _report(empty_db, "kecamatan").set_index("kecamatan")
    for name, values in {**csv_case.kecamatan, **last.kecamatan}.items():
        assert _plain(kec.loc[name, "dpt"]) == values["dpt"], name
    assert set(first.kecamatan) <= set(last.kecamatan)  # Kraksaan, Paiton, Besuk: the last file wins


# --------------------------------------------------------------------------- the command line, once
@pytest.mark.parametrize(
    "name,phrase",
    [
        (
            "rekap_bukan_bilangan_bulat",
            "sheet 'PAITON', baris 8, kolom F (JUMLAH PEMILIH / L): '35,4' bukan bilangan bulat",
        ),
        ("xlsx_terpotong", "rusak atau terpotong"),
        ("xlsx_berkata_sandi", "kata sandi"),
    ],
)
def test_cli_rejects_with_the_message_and_no_traceback(name, phrase, empty_db, tmp_path):
    case = _build(name, tmp_path)
    before = empty_db.read_bytes()
    run = subprocess.run(
        [sys.executable, "-m", "readiness", "ingest", str(case.path), "--db", str(empty_db)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 1, run.stderr
    assert "Traceback" not in run.stderr + run.stdout
    assert case.path.name in run.stderr and phrase in run.stderr, run.stderr
    assert "Tidak ada data yang disimpan" in run.stderr
    assert empty_db.read_bytes() == before


def test_a_camats_dates_typed_every_way_are_one_day(empty_db, tmp_path):
    case = _build("masalah_tanggal_ragam_tulisan", tmp_path)
    batch = _ingest(empty_db, case)
    assert batch.committed, [p.text() for p in batch.results[0].problems]
    con = db.connect_read(empty_db)
    try:
        dates = con.execute("select tanggal from raw_masalah order by source_row").fetchall()
    finally:
        con.close()
    assert [d for (d,) in dates] == [dt.date(2024, 11, 27)] * 5


def test_a_dash_in_a_count_column_is_nihil_and_the_kecamatan_total_stays_known(empty_db, tmp_path):
    """Offices write nihil as `-`, `–`, `—` (as BPS and KPU tables do): the kecamatan's disabilitas
    is the sum of its desa, not unknown because one desa wrote a dash."""
    case = _build("rekap_strip_untuk_nol", tmp_path)
    batch = _ingest(empty_db, case)
    assert batch.committed, [p.text() for p in batch.results[0].problems]
    con = db.connect_read(empty_db)
    try:
        election = db.active_election(con)
        kec = model.pemilih_kecamatan(con, election).set_index("kecamatan")
        desa = model.pemilih_desa(con, election)
    finally:
        con.close()
    lumbang = desa[desa["kecamatan"] == "Lumbang"]
    assert lumbang["disabilitas_rekap"].dropna().tolist() == [0, 0, 0, 0, 0]
    assert kec.loc["Lumbang", "disabilitas_rekap"] == 0
