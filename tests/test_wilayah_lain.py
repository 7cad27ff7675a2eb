"""An installation of another kab/kota shows and hands out its own places: its map (pages and
deck), its templates' example row, and a file of one other kab/kota refused in one message.

Databases come from `init --wilayah` (the fixtures of tests/test_wilayah_init.py): Kota
Probolinggo (35.74, 5 kecamatan) and Kabupaten Bombana (74.06, 22 kecamatan)."""

from __future__ import annotations

import io
import re

import pytest
from openpyxl import load_workbook

from readiness import charts, db, model, teks
from readiness.charts import peta
from readiness.deck import Peta, as_html
from readiness.ingest import templates
from reference import nasional
from tests import test_wilayah_init, xlsx
from tests.test_wilayah_init import REGIONS, _refused, copy_of, data_for, recap_file

fresh = test_wilayah_init.fresh  # the databases `init` set up for each region, once for this module

E = "pilkada-2024"
KABUPATEN_PROBOLINGGO = "35.13"


def _kecamatan(kode: str) -> list[str]:
    return [r["kecamatan"] for r in nasional.rows("kecamatan", kode)]


def _label_boxes(fig):
    return [(name, *box) for name, box in peta.kotak_nama_di(fig, peta.LEBAR_SEMPIT)]


# --------------------------------------------------------------------------- the map
@pytest.mark.parametrize("kode", list(REGIONS))
def test_the_status_map_draws_the_regions_own_kecamatan_with_every_label_inside(fresh, kode):
    con = db.connect_read(fresh[kode])
    try:
        shapes = charts.kecamatan_shapes(con)
        kec = model.kecamatan(model.kesiapan_cursor(con, E), E)
    finally:
        con.close()
    names = _kecamatan(kode)
    assert len(names) == REGIONS[kode]["kecamatan"]
    assert [s.kecamatan for s in shapes.values()] == names
    fig = charts.peta_status(kec, shapes)
    outlines = [t for t in fig.data if t.fill == "toself"]
    assert len(outlines) == len(names)
    assert {t.customdata[0] for t in outlines} == set(shapes) and all(k.startswith(kode + ".") for k in shapes)
    assert list(fig.data[-1].text) == names
    xr, yr = fig.layout.xaxis.range, fig.layout.yaxis.range
    for name, x0, y0, x1, y1 in _label_boxes(fig):
        assert xr[0] <= x0 and x1 <= xr[1] and yr[0] <= y0 and y1 <= yr[1], name
    # Few kecamatan get larger names than the sample's 24 (12 px).
    assert fig.data[-1].textfont.size == (15 if kode == "35.74" else 12)


def test_a_korwil_whose_kecamatan_have_no_outline_sees_the_whole_region_unframed(fresh):
    con = db.connect_read(fresh["35.74"])
    try:
        shapes = charts.kecamatan_shapes(con)
        kec = model.kecamatan(model.kesiapan_cursor(con, E), E)
    finally:
        con.close()
    del shapes["35.74.05"]
    fig = charts.peta_status(kec, shapes, sorot={"35.74.05"}, height=440, zoom=True)
    assert len([t for t in fig.data if t.fill == "toself"]) == 4 and list(fig.data[-1].text) == []


@pytest.mark.parametrize("kode", list(REGIONS))
def test_the_decks_map_has_the_regions_kecamatan_and_keeps_labels_on_the_canvas(fresh, kode):
    con = db.connect_read(fresh[kode])
    try:
        shapes = tuple(charts.kecamatan_shapes(con).values())
    finally:
        con.close()
    status = tuple((s.kode, "merah" if i % 2 else "hijau") for i, s in enumerate(shapes))
    geo = as_html.peta_geometri(Peta(status, shapes))
    names = _kecamatan(kode)
    assert [i["kecamatan"] for i in geo["items"]] == names
    assert geo["items"][0]["label"] == f"● {names[0]}" and geo["items"][1]["label"] == f"■ {names[1]}"
    for item in geo["items"]:
        cx, cy = item["centre"]
        half = 0.55 * geo["font"] * len(item["label"]) / 2
        assert 0 <= cx - half and cx + half <= geo["width"] and 0 <= cy <= geo["height"], item["kecamatan"]
    svg = as_html.peta_svg(Peta(status, shapes))
    assert svg.count("<path") == len(names) and "Kraksaan" not in svg
    # A kota's five names are written larger than the sample's (23); a tall kabupaten's smaller.
    assert geo["font"] == (30 if kode == "35.74" else 18)


def test_a_region_without_boundaries_gets_a_sentence_instead_of_a_map(demo_db, monkeypatch):
    from tests.pages.halaman import buka, teks_semua

    with db.writing(demo_db) as con:
        con.execute("delete from ref_kecamatan_batas")
    at = buka(demo_db, monkeypatch, "ringkasan")
    assert teks.PETA_TANPA_BATAS in teks_semua(at)
    assert len(at.get("plotly_chart")) == 1  # the status bars only
    con = db.connect_read(demo_db)
    try:
        from readiness.deck import build, slide_html

        deck = build(con, E)
    finally:
        con.close()
    peta = next(i for i, s in enumerate(deck.slides) if s.kind == "peta")
    assert teks.PETA_TANPA_BATAS in slide_html(deck, peta)


# --------------------------------------------------------------------------- templates
def test_the_template_of_a_bombana_installation_names_bombana_places_and_no_probolinggo_place(fresh):
    con = db.connect_read(fresh["74.06"])
    try:
        contoh = templates.contoh(con)
        names = list(con.execute("select kecamatan from ref_kecamatan order by kode_kecamatan").df()["kecamatan"])
    finally:
        con.close()
    bombana = {r["kecamatan"] for r in nasional.rows("kecamatan", "74.06")} | {
        r["desa"] for r in nasional.rows("desa", "74.06")
    }
    probolinggo = {r["kecamatan"] for r in nasional.rows("kecamatan", KABUPATEN_PROBOLINGGO)} | {
        r["desa"] for r in nasional.rows("desa", KABUPATEN_PROBOLINGGO)
    }
    only_probolinggo = re.compile(r"\b(" + "|".join(map(re.escape, sorted(probolinggo - bombana))) + r")\b")
    for kind in ("pemilih", "tps", "daftar", "masalah", "lapor"):
        wb = load_workbook(io.BytesIO(templates.template(kind, names, contoh)))
        example = {h: v for h, v in zip(*[[c.value for c in row] for row in wb["DATA"].iter_rows(max_row=2)])}
        assert example["KECAMATAN"] == "CONTOH: Poleang", kind
        assert example["DESA/KELURAHAN"] == "Boeara", kind
        cells = [str(c.value) for ws in wb.worksheets for row in ws.iter_rows() for c in row if c.value is not None]
        assert not [c for c in cells if only_probolinggo.search(c)], kind
        if kind == "daftar":
            assert example["NIK"] == "7406010101900001" and example["NKK"] == "7406010101010001"
        if kind == "tps":
            assert example["ALAMAT TPS"] == "Kantor Kelurahan Boeara"  # 74.06.01.1007 is a kelurahan
            assert -5.4 < example["LATITUDE"] < -4.4 and 121.5 < example["LONGITUDE"] < 122.2


# --------------------------------------------------------------------------- another kab/kota's file
def _probolinggo_recap(path, tmp_path):
    """A Kabupaten Probolinggo KPU recap per desa whose title names no region (the kab/kota is only
    in the signature under the table): `KEC. KRAKSAAN` merged over its desa, counts as text."""
    recap, _, _ = data_for(KABUPATEN_PROBOLINGGO, seed=3513)
    region = {
        "judul": ["PEMILIHAN SERENTAK TAHUN 2024", "KEADAAN 20 NOVEMBER 2024"],
        "ttd": ["Kraksaan, 20 November 2024", "KETUA KPU KABUPATEN PROBOLINGGO", "", "HARI SUSANTO"],
    }
    return recap_file(path, region, recap), recap


@pytest.mark.parametrize("kode", list(REGIONS))
def test_a_probolinggo_recap_is_refused_in_one_message_naming_both_regions(fresh, tmp_path, kode):
    path, recap = _probolinggo_recap(tmp_path / "rekap_dpt.xlsx", tmp_path)
    errors = _refused(copy_of(fresh, kode, tmp_path), path)
    n = len(recap)
    assert errors == [
        f"rekap_dpt.xlsx, sheet 'REKAP DPT', baris 7, kolom B (KECAMATAN): berkas ini berisi kecamatan "
        f"Kabupaten Probolinggo ({n} dari {n} baris), bukan {REGIONS[kode]['nama']}"
    ]


def test_a_mixed_file_keeps_a_message_per_row(fresh, tmp_path):
    rows = [
        ("POLEANG", None, 40, 9_000, 9_500, 18_500),
        ("RUMBIA", None, 30, 7_000, 7_200, 14_200),
        ("KRAKSAAN", None, 40, 9_000, 9_500, 18_500),
        ("PAITON", None, 60, 14_000, 14_500, 28_500),
    ]
    path = xlsx.recap(tmp_path / "rekap.xlsx", rows, title=False)
    errors = _refused(copy_of(fresh, "74.06", tmp_path), path)
    assert errors == [
        "rekap.xlsx, sheet 'REKAP', baris 5, kolom B (KECAMATAN): kecamatan 'KRAKSAAN' tidak ada di Kabupaten "
        "Bombana; ada di Kabupaten Probolinggo",
        "rekap.xlsx, sheet 'REKAP', baris 6, kolom B (KECAMATAN): kecamatan 'PAITON' tidak ada di Kabupaten "
        "Bombana; ada di Kabupaten Probolinggo",
    ]
