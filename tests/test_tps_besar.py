"""A province's or the nation's TPS list (tests/kpu_tps.py) is read as columns when it is large
(readiness/ingest/tps_besar.py): the same rows, warnings and total check as the row-by-row route,
and a messy cell still gets the row-by-row route's message with its row and column."""

from __future__ import annotations

import zipfile

import pytest

from readiness import cli, db, wilayah
from readiness.ingest import batch, tps_besar
from readiness.ingest.read import parse_file
from tests import kpu_tps

BOMBANA_KENDARI = ("74.06", "74.71")  # a kabupaten written `BOMBANA`, a city `KOTA KENDARI`


@pytest.fixture(scope="module")
def sultra(tmp_path_factory):
    path = tmp_path_factory.mktemp("sultra") / "sultra.duckdb"
    assert cli.main(["init", "--wilayah", "74", "--db", str(path)]) == 0
    con = db.connect_read(path)
    try:
        yield batch.load_gazetteer(con), wilayah.load(con)
    finally:
        con.close()


def _parse(path, sultra, monkeypatch, besar: bool, kapasitas: int = 600):
    gaz, region = sultra
    monkeypatch.setattr(tps_besar, "BESAR_BYTE", 0 if besar else 10**12)
    taken = []
    baca = tps_besar._baca
    monkeypatch.setattr(tps_besar, "_baca", lambda *a: taken.append(baca(*a)) or taken[-1])
    result = parse_file(path, path.name, gaz, kapasitas_tps=kapasitas, region=region)
    return result, taken == [True]


def test_a_large_tps_list_read_as_columns_gives_the_rows_warnings_and_total_check_of_row_by_row(
    sultra, tmp_path, monkeypatch
):
    path, rows, (laki, _, dpt) = kpu_tps.write(
        tmp_path / "tps_sultra.xlsx",
        prefix=BOMBANA_KENDARI,
        judul="PROVINSI SULAWESI TENGGARA",
        total_l_salah=7,
        # the kab/kota and the kecamatan written once over a desa's TPS, as some offices do
        sel={(1, 2): None, (1, 3): None, (2, 2): None, (2, 3): None},
    )
    besar, as_columns = _parse(path, sultra, monkeypatch, besar=True, kapasitas=598)
    biasa, by_row = _parse(path, sultra, monkeypatch, besar=False, kapasitas=598)
    assert as_columns and not by_row
    assert besar.kind == "tps" and not besar.errors and besar.rows == rows
    frame = besar.frame.to_pandas()  # kept as Arrow, the general route's as pandas
    assert frame["dpt"].sum() == dpt and frame["dpt_l"].sum() == laki
    assert sorted(besar.coverage) == sorted(biasa.coverage)
    assert frame.astype(object).equals(biasa.frame.astype(object))
    texts = [p.text() for p in besar.problems]
    assert texts == [p.text() for p in biasa.problems]
    # the grand total row disagrees (L written 7 more); TPS over the capacity of 598 are named
    assert any(f"baris 'JUMLAH' menulis {laki + 7:,}".replace(",", ".") in t for t in texts)
    assert any("melebihi kapasitas 598 per TPS" in t for t in texts)
    assert besar.describe_footer() == biasa.describe_footer() != ""


def test_a_messy_cell_of_a_large_tps_list_is_refused_with_its_row_and_column(sultra, tmp_path, monkeypatch):
    # the 101st TPS has L written `2O5` (a letter O), as a hand-typed cell does
    path, *_ = kpu_tps.write(tmp_path / "tps_sultra_kotor.xlsx", prefix=BOMBANA_KENDARI, sel={(100, 6): "2O5"})
    result, as_columns = _parse(path, sultra, monkeypatch, besar=True)
    assert not as_columns
    assert [p.text() for p in result.errors] == [
        "tps_sultra_kotor.xlsx, sheet 'DAFTAR TPS', baris 107, kolom G (JUMLAH PEMILIH / L): '2O5' bukan bilangan bulat"
    ]


def test_a_far_cell_beside_a_large_tps_list_costs_nothing_read_in_batches(sultra, tmp_path, monkeypatch):
    """Only the list's own columns are kept while its XML is read, as for a per-voter list: a cell
    at XFD1000000 (a stray mark far to the right) is one more cell, not a rectangle of 16 billion,
    so the list is read and judged by its content instead of being refused as a bomb."""
    plain, rows, (_, _, dpt) = kpu_tps.write(tmp_path / "tps_polos.xlsx", prefix=BOMBANA_KENDARI)
    path = tmp_path / "tps_sultra.xlsx"
    with zipfile.ZipFile(plain) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for entry in src.infolist():
            data = src.read(entry.filename)
            if entry.filename == "xl/worksheets/sheet1.xml":
                data = data.replace(
                    b"</sheetData>", b'<row r="1000000"><c r="XFD1000000"><v>1</v></c></row></sheetData>'
                )
            dst.writestr(entry.filename, data)
    result, as_columns = _parse(path, sultra, monkeypatch, besar=True)
    assert as_columns and [p.text() for p in result.errors] == []
    assert result.rows == rows and result.frame["dpt"].to_pandas().sum() == dpt


def test_a_large_tps_list_keeping_more_than_the_route_allows_is_read_row_by_row(sultra, tmp_path, monkeypatch):
    """What the batches keep is bounded (rows and bytes): beyond it the general route reads the
    sheet, after measuring it, and gives the same rows and messages."""
    path, rows, (_, _, dpt) = kpu_tps.write(tmp_path / "tps_sultra.xlsx", prefix=BOMBANA_KENDARI, total_l_salah=3)
    biasa, _ = _parse(path, sultra, monkeypatch, besar=False)
    for bound, value in (("MAX_ROWS", rows // 2), ("MAX_KEPT", 1024)):
        with monkeypatch.context() as scaled:
            scaled.setattr(tps_besar, bound, value)
            result, as_columns = _parse(path, sultra, scaled, besar=True)
        assert not as_columns
        assert result.rows == rows and result.frame["dpt"].sum() == dpt
        assert [p.text() for p in result.problems] == [p.text() for p in biasa.problems]


def _desa_per_tps(path, sultra, monkeypatch, prefix=BOMBANA_KENDARI) -> tuple[list[str], dict[str, str]]:
    """The desa code of each TPS of a written list (read row by row), and each desa's name as the
    list writes it."""
    biasa, _ = _parse(path, sultra, monkeypatch, besar=False)
    first = int(biasa.frame["source_row"].min())
    assert list(biasa.frame["source_row"]) == list(range(first, first + biasa.rows))
    return list(biasa.frame["kode_desa"]), {kode: desa for kode, _, _, _, desa, _ in kpu_tps.places(prefix)}


def test_desa_names_written_many_ways_match_in_a_large_tps_list_as_row_by_row(sultra, tmp_path, monkeypatch):
    """A desa written with a prefix, in another case, with punctuation or doubled spaces, with a
    non-breaking space, or by its code: the columns route gives each the code the row-by-row
    route gives it."""
    plain, *_ = kpu_tps.write(tmp_path / "tps_polos.xlsx", prefix=BOMBANA_KENDARI)
    kode, ditulis = _desa_per_tps(plain, sultra, monkeypatch)
    spaced = next(i for i, k in enumerate(kode) if " " in ditulis[k] and not ditulis[k][0].isdigit())
    tertulis = {
        3: f"Desa {ditulis[kode[3]].title()}",
        40: f"{ditulis[kode[40]].lower()}.",
        41: f" {ditulis[kode[41]].replace(' ', '  ')}-",
        spaced: ditulis[kode[spaced]].replace(" ", "\u00a0"),
        90: kode[90],
        120: f"KEL. {ditulis[kode[120]]}",
        150: f"Kel.{ditulis[kode[150]].lower()}",
    }
    path, rows, _ = kpu_tps.write(
        tmp_path / "tps_ditulis.xlsx", prefix=BOMBANA_KENDARI, sel={(i, 4): v for i, v in tertulis.items()}
    )
    besar, as_columns = _parse(path, sultra, monkeypatch, besar=True)
    biasa, _ = _parse(path, sultra, monkeypatch, besar=False)
    assert as_columns and not besar.errors and besar.rows == rows
    assert list(besar.frame["kode_desa"].to_pylist()) == kode == list(biasa.frame["kode_desa"])
    assert [p.text() for p in besar.problems] == [p.text() for p in biasa.problems]


def test_a_desa_name_its_kecamatan_has_twice_in_a_large_tps_list_gets_the_row_by_row_message(
    sultra, tmp_path, monkeypatch
):
    """Two desa of one kecamatan whose names read the same (Kecamatan Parigi of Muna has two
    Parigi) match neither by name, and an unknown name none: the general route says so."""
    prefix = (*BOMBANA_KENDARI, "74.03.25")
    plain, *_ = kpu_tps.write(tmp_path / "tps_polos.xlsx", prefix=prefix)
    kode, ditulis = _desa_per_tps(plain, sultra, monkeypatch, prefix)
    gaz, _ = sultra
    kembar = next(i for i, k in enumerate(kode) if ditulis[k] == k)  # written by its code: its name is twice
    nama = gaz.desa[kode[kembar]].nama
    for i, ditulis_ulang, pesan in (
        (
            kembar,
            nama.upper(),
            f"desa/kelurahan '{nama.upper()}' ada 2 di Kecamatan {gaz.kecamatan[kode[kembar][:8]].nama}: ",
        ),
        (7, "TIDAK ADA", "desa/kelurahan 'TIDAK ADA' tidak ada di Kecamatan "),
    ):
        path, *_ = kpu_tps.write(tmp_path / "tps_salah.xlsx", prefix=prefix, sel={(i, 4): ditulis_ulang})
        besar, as_columns = _parse(path, sultra, monkeypatch, besar=True)
        biasa, _ = _parse(path, sultra, monkeypatch, besar=False)
        assert not as_columns
        texts = [p.text() for p in besar.errors]
        assert texts == [p.text() for p in biasa.errors] and len(texts) == 1 and pesan in texts[0]


def test_a_subtotal_inside_a_large_tps_list_sends_it_row_by_row(sultra, tmp_path, monkeypatch):
    """A `Sub Total` (or `jumlah`) label in the numbering column of a row inside the table: the
    columns route leaves the list to the general route, whose messages it gets."""
    for label in ("Sub Total", " jumlah kecamatan"):
        path, *_ = kpu_tps.write(tmp_path / "tps_sub.xlsx", prefix=BOMBANA_KENDARI, sel={(60, 0): label})
        besar, as_columns = _parse(path, sultra, monkeypatch, besar=True)
        biasa, _ = _parse(path, sultra, monkeypatch, besar=False)
        assert not as_columns
        assert [p.text() for p in besar.problems] == [p.text() for p in biasa.problems]
