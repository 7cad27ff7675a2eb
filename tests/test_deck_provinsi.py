"""The rakor deck of a province (Provinsi Sulawesi Tenggara, `init --wilayah 74`): it speaks of
kab/kota, its findings slides count and name them as the province's Ringkasan rates them, and its
completeness matrix says which kab/kota have which data, since when and from whom."""

from __future__ import annotations

import datetime as dt
import io

import duckdb
import pytest
from pptx import Presentation

from readiness import akses, db, fmt, ingest, masalah, model
from readiness.deck import as_pptx, slides
from tests.conftest import provinsi_salinan
from tests.test_wilayah_provinsi import province_recap, recap_rows, report

E = "pilkada-2024"
STATUS = {"merah": "belum siap", "kuning": "perlu perhatian", "hijau": "siap"}


@pytest.fixture(scope="module")
def sultra(provinsi_master, tmp_path_factory):
    """The province with a DPT recap sent by Ani Wulandari for every kab/kota but Bombana (and
    without Kecamatan Baruga of Kota Kendari), and a KTP-el upload recorded for Bombana as a whole
    kab/kota (its code `74.06` in upload_coverage), sent from the command line."""
    folder = tmp_path_factory.mktemp("deck_sultra")
    path = provinsi_salinan(provinsi_master, folder / "sultra.duckdb")
    rows = [r for r in recap_rows("74", seed=74) if r[0] != "Kabupaten Bombana" and r[:2] != ("Kota Kendari", "Baruga")]
    recap = province_recap(folder / "rekap_dpt_sultra.xlsx", rows)
    batch = ingest.ingest_files(path, [(recap.name, recap.read_bytes())], uploaded_by="Ani Wulandari")
    assert batch.ok, [p.text() for r in batch.results for p in r.errors]
    con = duckdb.connect(str(path))
    try:
        con.execute(
            "insert into uploads values (900, $e, 'ktpel', 'ktpel_bombana.xlsx', 'x', 'KTP-EL', 3, 22, null, "
            "timestamp '2024-11-21 09:00:00', 900, date '2024-11-20', 0)",
            {"e": E},
        )
        con.execute("insert into upload_coverage values (900, '74.06')")
        # a participation target for Konawe (previous turnout 62%) and Muna (75%): 83,82% for both
        con.execute(
            "insert into uploads values (901, $e, 'target', 'target_sultra.xlsx', 'y', 'TARGET', 3, 50, 'Budi', "
            "timestamp '2024-11-22 10:00:00', 901, null, 0)",
            {"e": E},
        )
        con.execute(
            "insert into upload_coverage select 901, kode_kecamatan from ref_kecamatan "
            "where kode_kabkota in ('74.02', '74.03')"
        )
        con.execute(
            "insert into raw_target select 901, 'TARGET', row_number() over (order by kode_kecamatan) + 3, "
            "kode_kecamatan, 83.82, case kode_kabkota when '74.02' then 62.0 else 75.0 end, null "
            "from ref_kecamatan where kode_kabkota in ('74.02', '74.03')"
        )
        kecamatan = dict(
            con.execute("select kode_kabkota, min(kode_kecamatan) from ref_kecamatan group by 1").fetchall()
        )
    finally:
        con.close()
    # open problems entered on the form: two in Bombana (one of them tinggi), one in Kota Kendari
    for kode, tingkat in (
        (kecamatan["74.06"], "tinggi"),
        (kecamatan["74.06"], "sedang"),
        (kecamatan["74.71"], "sedang"),
    ):
        isian = masalah.Isian(
            kode, "logistik", f"Kotak suara belum tiba ({tingkat})", dt.date(2024, 11, 18), tingkat, "Camat"
        )
        masalah.tambah(path, E, isian, akses.Pengguna("rina", "analis"))
    return path


@pytest.fixture(scope="module")
def deck(sultra):
    con = db.connect_read(sultra)
    try:
        return slides.build(con, E)
    finally:
        con.close()


@pytest.fixture(scope="module")
def dinilai(sultra):
    """Each kab/kota's status as `report --level kabkota` prints it."""
    code, rows, said = report(sultra, "kabkota")
    assert code == 0, said
    return dict(zip(rows["kabkota"], rows["status"]))


def test_report_and_ringkasan_give_each_kabkota_the_same_status(sultra, dinilai):
    con = db.connect_read(sultra)
    try:
        daftar = model.halaman_ringkasan(con, E)["kabkota_daftar"]
    finally:
        con.close()
    assert dict(zip(daftar["kabkota"], daftar["status"])) == dinilai
    # Kendari lacks one kecamatan's DPT: its data is incomplete (perlu perhatian), not missing
    assert dinilai["Kota Kendari"] == "kuning" and dinilai["Kabupaten Bombana"] == "merah"


def test_the_findings_slides_count_and_name_the_kabkota_of_each_status(deck, dinilai):
    assert len(dinilai) == 17
    temuan = [s for s in deck.slides if s.kind == "temuan"]
    for status, word in STATUS.items():
        mine = sorted(k for k, s in dinilai.items() if s == status)
        parts = [s for s in temuan if s.kicker.startswith(f"Kab/kota {word}")]
        if not mine:
            assert not parts
            continue
        # the title counts them all, on each slide the list continues on
        assert {s.judul.split(":")[0] for s in parts} == {f"{len(mine)} dari 17 kab/kota {word}"}
        assert sorted(b.sel[1] for s in parts for b in s.baris) == mine
    merah = [s for s in temuan if s.kicker == "Kab/kota belum siap"][0]
    assert merah.judul == "2 dari 17 kab/kota belum siap: Konawe dan Bombana"
    ringkasan = deck.slides[0]
    merah_n = sum(s == "merah" for s in dinilai.values())
    kuning_n = sum(s == "kuning" for s in dinilai.values())
    assert ringkasan.judul == f"{merah_n} dari 17 kab/kota belum siap, {kuning_n} perlu perhatian"
    assert ringkasan.subjudul.startswith("Rakor Pj Gubernur Sulawesi Tenggara dengan bupati dan wali kota · ")
    assert [a.label for a in ringkasan.angka if a.status] == ["kab/kota"] * 3
    peta = [s for s in deck.slides if s.kind == "peta"][0]
    assert peta.kicker == "Peta status kab/kota" and len(peta.peta.bentuk) == 17
    assert not any("kecamatan belum siap" in s.judul for s in deck.slides)


def test_the_completeness_matrix_says_belum_ada_and_names_the_sender(deck):
    parts = [s for s in deck.slides if s.kind == "kelengkapan"]
    assert parts[0].kolom == (
        "Kab/kota",
        "Rekap DPT",
        "Daftar pemilih",
        "TPS",
        "KTP-el",
        "Target partisipasi",
        "Permasalahan",
    )
    rows = {b.sel[0]: dict(zip(parts[0].kolom, b.sel)) for s in parts for b in s.baris}
    assert len(rows) == 17
    diunggah = f"diunggah {fmt.tanggal_singkat(dt.date.today())}"
    assert rows["Bombana"]["Rekap DPT"] == "○ belum ada"
    # a kab/kota-wide upload (its code, not its kecamatan's) covers every kecamatan of it
    assert rows["Bombana"]["KTP-el"] == "● 20 Nov 2024 · ktpel_bombana.xlsx"
    assert rows["Kolaka"]["Rekap DPT"] == f"● {diunggah} · Ani Wulandari"
    assert rows["Kota Kendari"]["Rekap DPT"] == f"◐ 10 dari 11 kecamatan · {diunggah} · Ani Wulandari"
    assert rows["Kota Kendari"]["TPS"] == "○ belum ada"
    assert {s.judul for s in parts} == {
        "Belum ada dari 17 kab/kota yang data wajibnya lengkap; data TPS belum ada di 17 kab/kota"
    }


def test_pptx_of_a_province_carries_the_same_slides(deck):
    prs = Presentation(io.BytesIO(as_pptx.to_pptx(deck)))
    titles = [s.shapes.title.text for s in prs.slides]
    assert titles == deck.judul
    kelengkapan = [i for i, s in enumerate(deck.slides) if s.kind == "kelengkapan"][0]
    texts = " ".join(shape.text_frame.text if shape.has_text_frame else "" for shape in prs.slides[kelengkapan].shapes)
    cells = " ".join(
        c.text for shape in prs.slides[kelengkapan].shapes if shape.has_table for r in shape.table.rows for c in r.cells
    )
    assert "○ belum ada" in cells + texts and "Ani Wulandari" in cells + texts


def test_participation_gap_and_open_problems_per_kabkota(deck):
    gap = [s for s in deck.slides if s.kind == "partisipasi"]
    assert len(gap) == 1
    assert [(b.label, b.status) for b in gap[0].grafik.batang] == [("Konawe", "merah"), ("Muna", "kuning")]
    assert gap[0].grafik.batang[0].teks == "+21,8 poin (62,0% → 83,8%)"
    assert "1 kab/kota harus naik lebih dari 15 poin" in gap[0].judul
    assert gap[0].subjudul.startswith("Target dibanding partisipasi") and "per kab/kota" in gap[0].subjudul
    problems = [s for s in deck.slides if s.kind == "masalah"]
    assert [s.judul for s in problems] == [
        "3 masalah belum selesai di 2 kab/kota (1 tingkat tinggi); terbanyak Bombana (2)"
    ]
    assert [b.sel[:3] for b in problems[0].baris] == [("Kabupaten Bombana", "2", "1"), ("Kota Kendari", "1", "0")]
    # the problems entered on the form count in the completeness matrix, named by who entered them
    rows = {b.sel[0]: b.sel for s in deck.slides if s.kind == "kelengkapan" for b in s.baris}
    assert rows["Bombana"][-1] == "◐ 1 dari 22 kecamatan · 18 Nov 2024 · rina"
    assert rows["Konawe"][5] == "● diunggah 22 Nov 2024 · Budi"
