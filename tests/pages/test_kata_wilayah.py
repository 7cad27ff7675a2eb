"""Every page speaks of the installation's region: a Kota Probolinggo installation (35.74, set up
by `init --wilayah 35.74`, then a KPU recap, a TPS list and a KTP-el recap of its kelurahan
ingested) reads "Kota Probolinggo", "Wali Kota" and "kelurahan", never "Kabupaten" or "Bupati";
the sample (Kabupaten Probolinggo, 35.13) still reads Kabupaten and Bupati."""

from __future__ import annotations

import io
import re
import shutil
from pathlib import Path

import openpyxl
import pytest

from readiness import catatan, cli, ingest
from tests.pages.halaman import buka, markdown_semua, semua_tabel, tampak, unduhan
from tests.test_wilayah_init import REGIONS, data_for, region_files

KOTA = "35.74"
E = "pilkada-2024"
# What a user of a kota must never read; `kabupaten/kota` (the generic words) does not count.
ASING = re.compile(r"\b(Kabupaten|kabupaten(?!/kota)|KABUPATEN|Bupati|bupati)\b")


@pytest.fixture(scope="module")
def kota_master(tmp_path_factory) -> Path:
    """`init --wilayah 35.74`, then one ingest of its recap, TPS list and KTP-el recap (in-process)."""
    folder = tmp_path_factory.mktemp("kota")
    path = folder / "readiness.duckdb"
    assert cli.main(["init", "--wilayah", KOTA, "--db", str(path)]) == 0
    region = REGIONS[KOTA]
    recap, tps, ktpel = data_for(KOTA, seed=3574)
    files = region_files(folder, region, recap, tps, ktpel)
    batch = ingest.ingest_files(path, [(f.name, f.read_bytes()) for f in files])
    assert batch.ok and batch.committed, [p.text() for r in batch.results for p in r.errors]
    return path


@pytest.fixture
def kota_db(kota_master, tmp_path) -> Path:
    path = tmp_path / "readiness.duckdb"
    shutil.copyfile(kota_master, path)
    catatan.salin(kota_master, path)
    return path


def dibaca(at) -> str:
    """Everything a user reads on the page: texts, headings, metric labels and values, table
    headers and cells, widget labels and choices, tab and expander labels, the sidebar too."""
    parts = [tampak(t) for t in markdown_semua(at)]
    parts += [str(m.value) for m in at.metric]
    # the slides of the Presentasi page, as their text (without the markup and its styles)
    parts += [re.sub(r"<style>.*?</style>|<[^>]+>", "\n", e.proto.body, flags=re.S) for e in at.get("html")]
    for df in semua_tabel(at):
        parts += [str(c) for c in df.columns]
        parts += [str(v) for v in df.astype(str).to_numpy().ravel()]
    for kind in ("selectbox", "text_input", "button", "date_input", "toggle", "radio", "multiselect", "number_input"):
        for widget in getattr(at, kind):
            parts.append(str(getattr(widget, "label", "")))
            parts += [str(o) for o in getattr(widget, "options", []) or []]
            if getattr(widget, "help", None):
                parts.append(str(widget.help))
    return "\n".join(parts)


def asing(text: str) -> list[str]:
    """The lines that speak of a kabupaten or a bupati."""
    return [line for line in text.splitlines() if ASING.search(line)]


# (page, URL query, words the page must show besides the region's name)
HALAMAN = [
    ("ringkasan", {}, ["Wali Kota"]),
    ("korwil", {}, []),
    ("kecamatan", {}, ["Wali Kota", "Kelurahan"]),
    ("pemilih", {}, ["Wali Kota", "Kelurahan", "kelurahan"]),
    ("tps", {}, ["TPS — Kota Probolinggo", "Kelurahan", "kelurahan"]),
    ("ktpel", {}, ["Cakupan kota", "Wali Kota"]),
    ("partisipasi", {}, ["Wali Kota"]),
    ("temuan", {}, []),
    ("hari_h", {}, []),
    ("masalah", {}, ["Laporan untuk Pj Wali Kota Probolinggo", "kelurahan"]),
    ("presentasi", {}, ["Ringkasan Kota Probolinggo"]),
    ("lapor", {}, ["Kelurahan"]),
    ("unggah", {}, []),
    ("pengaturan", {}, ["Target partisipasi bawaan kota (%)", "target bawaan kota"]),
    ("pengguna", {}, ["Kode kecamatan (mis. 35.74.01) atau kode kelurahan yang menjadi tugasnya"]),
    ("jejak", {}, []),
]


@pytest.mark.parametrize("page,query,words", HALAMAN, ids=[h[0] for h in HALAMAN])
def test_every_page_of_a_kota_speaks_of_the_kota(kota_db, monkeypatch, page, query, words):
    at = buka(kota_db, monkeypatch, page, pemilu=E, **query)
    text = dibaca(at)
    assert "Kota Probolinggo · Pilwali 2024" in text  # the sidebar's header, on every page
    for word in words:
        assert word in text, (page, word)
    assert asing(text) == [], page


def test_the_sample_still_speaks_of_the_kabupaten_and_its_bupati(demo_db, monkeypatch):
    at = buka(demo_db, monkeypatch, "ktpel", pemilu=E)
    text = dibaca(at)
    assert "Kabupaten Probolinggo · Pilbup 2024" in text
    assert {m.label: m.value for m in at.metric}["Cakupan kabupaten"] == "97,41%"
    at = buka(demo_db, monkeypatch, "masalah", pemilu=E)
    assert "Laporan untuk Pj Bupati Probolinggo" in dibaca(at)
    at = buka(demo_db, monkeypatch, "tps", pemilu=E)
    assert at.title[0].value == "TPS — Kabupaten Probolinggo"


def test_a_kota_export_names_the_kota(kota_db, monkeypatch):
    got = unduhan(monkeypatch)
    buka(kota_db, monkeypatch, "ringkasan", pemilu=E)
    name, data = got["xlsx_kecamatan"]
    ws = openpyxl.load_workbook(io.BytesIO(data)).active
    assert ws["A1"].value == "Status kesiapan per kecamatan — Kota Probolinggo"
    assert ws["A2"].value == (
        "Pemilihan: Pemilihan Wali Kota dan Wakil Wali Kota Probolinggo 2024 (pemungutan suara 27 November 2024)"
    )
    assert name == "status-kesiapan-per-kecamatan_pilkada-2024.xlsx"
    # A CSV has no title rows: its file name names the region.
    assert got["csv_kecamatan"][0] == "status-kesiapan-per-kecamatan_pilkada-2024_kota-probolinggo.csv"


def test_uploading_in_a_kota_speaks_of_the_kota_and_its_target_template_has_a_kota_row(kota_db, monkeypatch, tmp_path):
    from tests import xlsx

    header = [["TARGET PARTISIPASI PEMILIH PILWALI 2024"], ["KOTA PROBOLINGGO"], [], ["NO", "KECAMATAN", "TARGET"]]
    target = xlsx.write(tmp_path / "target.xlsx", header + [[1, "Mayangan", 80], [2, "KOTA", 78]])
    dobel = xlsx.write(tmp_path / "target dobel.xlsx", header + [[1, "KOTA", 78], [2, "Kota Probolinggo", 79]])
    got = unduhan(monkeypatch)
    at = buka(kota_db, monkeypatch, "unggah", pemilu=E)
    at.file_uploader[0].set_value([(p.name, p.read_bytes(), "application/octet-stream") for p in (target, dobel)])
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    text = "\n".join(tampak(t) for t in markdown_semua(at)) + "\n".join(str(t.value) for t in at.text)
    assert "1 kecamatan + tingkat kota" in text
    assert (
        "target dobel.xlsx, sheet 'Sheet1', baris 6: Baris kota sudah ada di baris 5; baris ganda akan terhitung dua kali"
    ) in text
    assert asing(text) == []
    assert got["unduh_masalah_unggahan"][0] == "masalah-unggahan_pilkada-2024_kota-probolinggo.csv"
    petunjuk = openpyxl.load_workbook(io.BytesIO(got["templat_target"][1]))["PETUNJUK"]["A2"].value
    assert petunjuk.endswith("Baris dengan kecamatan 'KOTA' berlaku untuk seluruh kota.")


def test_the_kota_deck_names_the_kota_on_its_first_slide_and_every_footer(kota_master):
    from pptx import Presentation

    from readiness import db
    from readiness.deck import as_pptx, slides

    con = db.connect_read(kota_master)
    try:
        deck = slides.build(con, E)
    finally:
        con.close()
    first = deck.slides[0]
    assert first.kicker == "Ringkasan Kota Probolinggo"
    assert first.subjudul == (
        "Pemilihan Wali Kota dan Wakil Wali Kota Probolinggo 2024 · pemungutan suara 27 November 2024"
    )
    ktpel = next(s for s in deck.slides if s.kind == "ktpel")
    assert [a.label for a in ktpel.angka] == ["Cakupan kota", "Belum rekam"]
    prs = Presentation(io.BytesIO(as_pptx.to_pptx(deck)))
    for nomor, slide in enumerate(prs.slides, start=1):
        texts = [s.text_frame.text for s in slide.shapes if s.has_text_frame]
        footer = next(t for t in texts if "bukan hasil resmi KPU" in t)
        assert footer.startswith("Kota Probolinggo · Pilwali 2024 · Data per "), (nomor, footer)
        assert asing("\n".join(texts)) == [], nomor
    assert prs.core_properties.title == "Rakor kesiapan — Kota Probolinggo · Pilwali 2024"


def test_the_kota_weekly_report_is_for_its_pj_wali_kota(kota_db):
    import datetime as dt

    from readiness import db, masalah

    con = db.connect_read(kota_db)
    try:
        week = masalah.laporan_mingguan(con, E, dt.date(2024, 11, 18))
    finally:
        con.close()
    data = masalah.laporan_xlsx(
        week,
        "Pemilihan Wali Kota dan Wakil Wali Kota Probolinggo 2024",
        dt.date(2024, 11, 18),
        wilayah="Kota Probolinggo",
        untuk="Pj Wali Kota Probolinggo",
    )
    summary = openpyxl.load_workbook(io.BytesIO(data))["Ringkasan"]
    assert summary["A1"].value == "Laporan mingguan permasalahan pilkada Kota Probolinggo, 18–24 November 2024"
    assert summary["A2"].value.startswith("Untuk Pj Wali Kota Probolinggo. Per koordinator wilayah")


# A place named as a desa; `desa/kelurahan` (the generic words) does not count.
DESA = re.compile(r"\b(Desa|desa|DESA)\b(?!/)")


def test_the_field_reports_of_a_kota_call_its_places_kelurahan(kota_db, monkeypatch):
    at = buka(kota_db, monkeypatch, "lapor", pemilu=E)
    at.radio(key="lapor_tahap").set_value("pemungutan_selesai").run()
    at.number_input(key="lapor_l").set_value(100).run()
    at.number_input(key="lapor_p").set_value(90).run()
    at.button(key="lapor_kirim").click().run()
    assert not at.exception
    sent = tampak(at.success[0].value)
    assert re.match(r"TPS 1 Kelurahan [\w ]+ \(Kecamatan [\w ]+\): Pemungutan selesai\. Terkirim #1 pukul ", sent), sent
    text = dibaca(at)
    assert "Kelurahan" in text and [line for line in text.splitlines() if DESA.search(line)] == []
    # The desk's page of the day: the TPS still to report, whom to call, the table's headers.
    at = buka(kota_db, monkeypatch, "hari_h", pemilu=E)
    assert not at.exception
    belum = [f for f in semua_tabel(at) if "Tindak lanjut" in f.columns][0]
    assert "Kelurahan" in belum.columns
    assert belum["Tindak lanjut"].str.match(r"Hubungi PPK Kec\. [\w ]+ / PPS Kelurahan [\w ]+$").all()
    text = dibaca(at)
    assert [line for line in text.splitlines() if DESA.search(line)] == []
