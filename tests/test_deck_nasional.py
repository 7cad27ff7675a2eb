"""The nation's rakor deck (`init --wilayah nasional`): KPU's national DPT recap (one row per
kab/kota) is data, so the deck and Ringkasan are not empty; its 514 kab/kota are told per province, and its map
draws the 38 provinces (outlines dissolved once, stored at init) each in the worst status of its
kab/kota and named, never 514 kab/kota shapes; the PPTX and the PDF carry the same map slide."""

from __future__ import annotations

import dataclasses
import io

import pytest
from pptx import Presentation
from pypdf import PdfReader

from readiness import cli, db, model
from readiness.deck import as_pdf, as_pptx, slides
from tests import kpu_rekap
from tests.conftest import provinsi_salinan

E = "pilkada-2024"


def _deck(path):
    con = db.connect_read(path)
    try:
        return slides.build(con, E), model.halaman_ringkasan(con, E)
    finally:
        con.close()


@pytest.fixture(scope="module")
def nasional(nasional_master, tmp_path_factory):
    """The nation with KPU's national recap, in which Kabupaten Bombana is missing (so it has no
    data at all: not ready); its deck and Ringkasan data."""
    folder = tmp_path_factory.mktemp("deck_nasional")
    path = provinsi_salinan(nasional_master, folder / "nasional.duckdb")
    rows = [r for r in kpu_rekap.rows() if r.kode != "74.06"]
    recap = kpu_rekap.write(folder / "rekap_dpt_nasional.xlsx", rows)
    assert cli.main(["ingest", str(recap), "--db", str(path)]) == 0
    deck, ringkasan = _deck(path)
    return {"deck": deck, "ringkasan": ringkasan}


def test_the_national_recap_alone_fills_the_deck_and_ringkasan(nasional):
    deck, ringkasan = nasional["deck"], nasional["ringkasan"]
    assert [s.kind for s in deck.slides][:2] == ["ringkasan", "temuan"]
    assert deck.slides[0].judul == "1 dari 514 kab/kota belum siap, 513 perlu perhatian"
    assert not ringkasan["kosong"]
    assert [(k.judul, k.nilai) for k in ringkasan["kartu_status"]] == [
        ("■ Belum siap (kab/kota)", "1"),
        ("▲ Perlu perhatian (kab/kota)", "513"),
        ("● Siap (kab/kota)", "0"),
    ]


def test_the_nation_map_slide_draws_38_named_provinces_in_their_worst_status(nasional):
    deck = nasional["deck"]
    [peta] = [s for s in deck.slides if s.kind == "peta"]
    assert peta.kicker == "Peta status provinsi"
    assert len(peta.peta.bentuk) == 38
    names = {b.kode: b.kecamatan for b in peta.peta.bentuk}
    assert (names["31"], names["34"], names["21"], names["74"]) == (
        "DKI Jakarta",
        "DI Yogyakarta",
        "Kep. Riau",
        "Sulawesi Tenggara",
    )
    status = dict(peta.peta.status)
    assert status["74"] == "merah" and {s for k, s in status.items() if k != "74"} == {"kuning"}
    assert peta.judul == "Kab/kota belum siap ada di 1 dari 38 provinsi"
    assert [(a.nilai, a.status) for a in peta.angka] == [("1", "merah"), ("37", "kuning"), ("0", "hijau")]
    assert [b.sel for b in peta.baris] == [("Sulawesi Tenggara 1",)]


def test_the_nation_tells_its_kabkota_per_province(nasional):
    deck = nasional["deck"]
    assert len(deck.slides) < 20  # not 514 rows over hundreds of slides
    [merah] = [s for s in deck.slides if s.kicker == "Kab/kota belum siap"]
    assert merah.judul == "1 dari 514 kab/kota belum siap, di 1 provinsi"
    assert [b.sel for b in merah.baris] == [("■ Belum siap", "Sulawesi Tenggara", "1 dari 17 kab/kota", "Bombana")]
    rows = {b.sel[0]: b.sel for s in deck.slides if s.kind == "kelengkapan" for b in s.baris}
    assert len(rows) == 38
    assert rows["Sulawesi Tenggara"][1:3] == ("◐ 16 dari 17 kab/kota", "○ belum ada")
    assert rows["Aceh"][1:3] == ("● 23 kab/kota", "○ belum ada")


def test_pptx_and_pdf_carry_the_same_map_slide(nasional):
    deck = nasional["deck"]
    i = [s.kind for s in deck.slides].index("peta")
    prs = Presentation(io.BytesIO(as_pptx.to_pptx(deck)))
    assert [s.shapes.title.text for s in prs.slides] == deck.judul
    shapes = {shape.name for shape in prs.slides[i].shapes}
    assert {"Sulawesi Tenggara: ■ Belum siap", "DKI Jakarta: ▲ Perlu perhatian"} <= shapes
    assert sum(": " in name and not name.startswith("Garis") for name in shapes) == 38
    one = dataclasses.replace(deck, slides=(deck.slides[i],))
    text = " ".join(PdfReader(io.BytesIO(as_pdf.to_pdf(one))).pages[0].extract_text().split())
    assert deck.slides[i].judul in text
    assert all(n in text for n in ("Aceh", "DKI Jakarta", "Sulawesi Tenggara", "Papua Pegunungan"))
