"""The rakor deck on the sample data: one message per slide with its numbers, the PPTX and PDF from
`python -m readiness slides` carry the same slides and the same figures as `report`, and the
status colours stay apart in greyscale."""

import dataclasses
import datetime as dt
import io
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from pptx import Presentation
from pypdf import PdfReader

from readiness import cli as readiness_cli
from readiness import db, fmt, model, teks
from readiness.deck import as_html, as_pdf, as_pptx, fonts, parts, slides

ROOT = Path(__file__).resolve().parent.parent

PERHATIAN = "Tangani lebih dulu: Lumbang, Paiton dan Kraksaan"
PARTISIPASI = "Target partisipasi 82,0%: 3 kecamatan harus naik lebih dari 15 poin dari partisipasi 2018"
# The sample's inventory of problems (data/sample/permasalahan_pilkada2024.xlsx): 15 still open.
MASALAH = "15 masalah belum selesai di 13 kecamatan (5 tingkat tinggi); terbanyak Lumbang (2)"
TITLES = [
    "8 dari 24 kecamatan belum siap, 13 perlu perhatian",
    "Kecamatan belum siap ada di 3 korwil: Wilayah I 2, Wilayah II 3, Wilayah III 3",
    "Wilayah I: 2 dari 8 kecamatan belum siap (Lumbang dan Kuripan)",
    "Wilayah II: 3 dari 8 kecamatan belum siap (Tiris, Leces dan Krucil)",
    "Wilayah III: 3 dari 8 kecamatan belum siap (Paiton, Kraksaan dan Pakuniran)",
    # The 21 kecamatan that need attention, on as many slides as a 1024x768 screen needs.
    PERHATIAN,
    PERHATIAN,
    PERHATIAN,
    "KTP-el 97,41%, di bawah target 98%: 11 kecamatan di bawah 98%, 4 di antaranya di bawah 95%",
    PARTISIPASI,
    PARTISIPASI,
    MASALAH,
    MASALAH,
]
N = len(TITLES)


NAMA_PANJANG = "Pemilihan Gubernur dan Wakil Gubernur serta Bupati dan Wakil Bupati Serentak Tahun 2024"


def cli(*args):
    return subprocess.run(
        [sys.executable, "-m", "readiness", *map(str, args)], cwd=ROOT, capture_output=True, text=True, timeout=300
    )


@pytest.fixture(scope="module")
def deck(demo_db_master):
    con = db.connect_read(demo_db_master)
    try:
        return slides.build(con, "pilkada-2024")
    finally:
        con.close()


@pytest.fixture(scope="module")
def deck_panjang(deck):
    """The sample deck under a long election name (without a short one: the footer names it in
    full after the region), last uploaded at the longest date of the year."""
    return dataclasses.replace(
        deck, pemilihan=NAMA_PANJANG, pemilihan_singkat="", data_per=dt.datetime(2026, 9, 30, 23, 59)
    )


@pytest.fixture(scope="module")
def report(demo_db_master):
    """What `python -m readiness report` prints: kabupaten and korwil from the command itself,
    kecamatan from the function it prints (model.report), to keep the module fast."""
    out = {}
    for level in ("kabupaten", "korwil"):
        done = cli("report", "--db", demo_db_master, "--level", level, "--format", "json")
        assert done.returncode == 0, done.stderr
        out[level] = json.loads(done.stdout)
    con = db.connect_read(demo_db_master)
    try:
        out["kecamatan"] = model.report(con, "pilkada-2024", "kecamatan").to_dict(orient="records")
    finally:
        con.close()
    return out


@pytest.fixture(scope="module")
def exported(demo_db_master, tmp_path_factory):
    """`python -m readiness slides --out rakor.pptx` and `--out rakor.pdf`, each run once."""
    folder = tmp_path_factory.mktemp("rakor")
    files = {}
    for suffix in ("pptx", "pdf"):
        path = folder / f"rakor.{suffix}"
        done = cli("slides", "--db", demo_db_master, "--out", path)
        assert done.returncode == 0, done.stderr
        assert "Traceback" not in done.stderr
        assert f"{N} slide" in done.stderr and teks.DISCLAIMER in done.stderr
        files[suffix] = path
    return files


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


# --------------------------------------------------------------------------- the deck
def test_one_slide_per_message_with_titles_that_state_the_finding(deck):
    assert [s.kind for s in deck.slides] == [
        "ringkasan",
        "peta",
        "korwil",
        "korwil",
        "korwil",
        "perhatian",
        "perhatian",
        "perhatian",
        "ktpel",
        "partisipasi",
        "partisipasi",
        "masalah",
        "masalah",
    ]
    assert deck.judul == TITLES
    assert deck.pemilihan == "Pemilihan Bupati dan Wakil Bupati Probolinggo 2024"
    assert re.fullmatch(r"Data per \d{1,2} \w+ \d{4} \d{2}\.\d{2} WIB", deck.data_per_teks)
    assert deck.kaki(3).endswith(f"Data pemantauan internal — bukan hasil resmi KPU · 3/{N}")


def test_summary_numbers_are_the_report_figures(deck, report):
    kab = report["kabupaten"][0]
    angka = {a.label: a.nilai for a in deck.slides[0].angka if not a.status}
    assert angka["DPT (pemilih)"] == fmt.angka(kab["dpt"]) == "872.218"
    assert angka["TPS"] == fmt.angka(kab["tps"]) == "1.739"
    assert angka["KTP-el terekam"] == fmt.persen(kab["ktpel_persen"]) == "97,41%"
    assert angka["Target partisipasi"] == "82,0%"
    counts = {a.status: a.nilai for a in deck.slides[0].angka if a.status}
    assert (
        counts
        == {"merah": str(kab["jumlah_merah"]), "kuning": str(kab["jumlah_kuning"]), "hijau": str(kab["jumlah_hijau"])}
        == {"merah": "8", "kuning": "13", "hijau": "3"}
    )


def test_korwil_slides_list_each_kecamatan_worst_first_with_reasons(deck, report):
    korwil = {r["korwil"]: r for r in report["korwil"]}
    kecamatan = {r["kecamatan"]: r for r in report["kecamatan"]}
    for slide in deck.slides[2:5]:
        name = slide.judul.split(":")[0]
        assert slide.kicker == f"Korwil: {name}"
        assert f"DPT {fmt.angka(korwil[name]['dpt'])} · {fmt.angka(korwil[name]['tps'])} TPS" in slide.subjudul
        rows = [b.sel[1] for b in slide.baris]
        assert sorted(rows) == sorted(k for k, r in kecamatan.items() if r["korwil"] == name)
        ranks = [slides.STATUS_RANK[b.status] for b in slide.baris]
        assert ranks == sorted(ranks)
        for b in slide.baris:
            assert b.sel[0] == parts.status_label(kecamatan[b.sel[1]]["status"])
            reason = kecamatan[b.sel[1]]["alasan"]
            if b.status == "hijau":
                assert b.sel[2] == "Semua indikator terpenuhi"
                continue
            assert b.sel[2] == re.sub(
                r", (\d+ masalah terbuka)",
                r" · \1",
                reason.replace(", Partisipasi", " · Partisipasi")
                .replace(", KTP-el", " · KTP-el")
                .replace(", DPT", " · DPT"),
            )


def test_attention_ktpel_and_participation_slides(deck):
    perhatian = [s for s in deck.slides if s.kind == "perhatian"]
    ktpel = next(s for s in deck.slides if s.kind == "ktpel")
    partisipasi = [s for s in deck.slides if s.kind == "partisipasi"]
    # Every kecamatan needing attention, worst first, numbered on across the continuation slides.
    rows = [b.sel[1] for s in perhatian for b in s.baris]
    assert rows[:3] == ["1. Lumbang", "2. Paiton", "3. Kraksaan"] and "7. Leces" in rows
    assert [r.split(". ")[0] for r in rows] == [str(i) for i in range(1, 22)]
    assert [s.kicker for s in perhatian] == [
        "Kecamatan yang paling perlu perhatian",
        "Kecamatan yang paling perlu perhatian (lanjutan 2/3)",
        "Kecamatan yang paling perlu perhatian (lanjutan 3/3)",
    ]
    assert [len(s.baris) for s in perhatian] == [7, 7, 7]
    bars = ktpel.grafik.batang
    assert [b.label for b in bars][:4] == ["Krucil", "Tiris", "Lumbang", "Pakuniran"]
    assert bars[0].teks == "93,40% · belum rekam 2.343" and bars[0].status == "merah"
    assert len(bars) == 11 and ktpel.catatan == "13 kecamatan sudah ≥ 98%"
    assert {a.label: a.nilai for a in ktpel.angka} == {"Cakupan kabupaten": "97,41%", "Belum rekam": "23.010"}
    gaps = [b for s in partisipasi for b in s.grafik.batang]
    assert gaps[0].label == "Lumbang" and gaps[0].teks == "+22,8 poin (57,2% → 80,0%)"
    assert len(gaps) == 16 and [len(s.grafik.batang) for s in partisipasi] == [8, 8]
    assert partisipasi[1].catatan == "8 kecamatan selisih ≤ 5 poin (siap)"
    assert not [s.catatan for s in deck.slides if "lain" in s.catatan]


# Each claim a slide makes about kecamatan beyond a threshold, and how many kecamatan it holds for.
KLAIM = (
    # `11 kecamatan di bawah 98%`, `4 di antaranya di bawah 95%`
    (r"(\d+) (?:kecamatan |di antaranya )?di bawah (\d+(?:,\d+)?)%", lambda k, x: k["ktpel_persen"] < x),
    (r"(\d+) kecamatan sudah ≥ (\d+(?:,\d+)?)%", lambda k, x: k["ktpel_persen"] >= x),
    (r"(\d+) kecamatan harus naik lebih dari (\d+(?:,\d+)?) poin", lambda k, x: k["selisih_partisipasi"] > x),
    (r"(\d+) kecamatan selisih ≤ (\d+(?:,\d+)?) poin", lambda k, x: k["selisih_partisipasi"] <= x),
)


def test_every_sentence_counting_kecamatan_beyond_a_threshold_is_true_on_its_own(deck, demo_db_master):
    con = db.connect_read(demo_db_master)
    try:
        kec = model.kecamatan(model.kesiapan_cursor(con, "pilkada-2024"), "pilkada-2024")
    finally:
        con.close()
    below_98, below_95 = int((kec["ktpel_persen"] < 98).sum()), int((kec["ktpel_persen"] < 95).sum())
    assert (below_98, below_95) == (11, 4)  # 7 of the 11 between 95% and 98%
    ktpel = next(s for s in deck.slides if s.kind == "ktpel")
    assert ktpel.judul.endswith(f": {below_98} kecamatan di bawah 98%, {below_95} di antaranya di bawah 95%")
    checked = 0
    for slide in deck.slides:
        sentences = [slide.judul, slide.subjudul, slide.catatan, slide.grafik.judul if slide.grafik else ""]
        for text in sentences:
            for pattern, holds in KLAIM:
                for m in re.finditer(pattern, text):
                    n, threshold = int(m.group(1)), float(m.group(2).replace(",", "."))
                    assert n == int(holds(kec, threshold).sum()), (slide.kicker, text, m.group(0))
                    checked += 1
    assert checked >= 4


def test_election_without_data_gets_one_slide_saying_so(demo_db_master):
    con = db.connect_read(demo_db_master)
    try:
        empty = slides.build(con, "pilkada-2018")
    finally:
        con.close()
    assert empty.judul == ["Belum ada data untuk pemilihan ini"]
    assert empty.data_per_teks == "Belum ada data diunggah"


def test_open_problems_slide_only_when_the_inventory_has_open_rows(demo_db):
    import datetime as dt

    from readiness import akses, catatan, masalah

    def terbuka():
        with catatan.baca(demo_db) as con:
            return [r[0] for r in con.execute("select masalah_id from masalah where status <> 'selesai'")]

    for masalah_id in terbuka():  # start with no open problem (the sample brings its own)
        masalah.tindak_lanjut(demo_db, masalah_id, akses.LOKAL, status="selesai")

    def add(kode, uraian, election="pilkada-2024", tingkat="sedang"):
        return masalah.tambah(
            demo_db,
            election,
            masalah.Isian(kode, "logistik", uraian, dt.date(2024, 11, 20), tingkat, "Camat"),
            akses.LOKAL,
        )

    add("35.13.08", "Jalan ke TPS 4 putus")
    masalah.tindak_lanjut(demo_db, add("35.13.08", "Kotak suara kurang"), akses.LOKAL, status="ditangani")
    masalah.tindak_lanjut(demo_db, add("35.13.08", "Sudah ditangani"), akses.LOKAL, status="selesai")
    add("35.13.24", "Listrik padam", tingkat="tinggi")
    add("35.13.01", "Lama", election="pilkada-2018")
    con = db.connect_read(demo_db)
    try:
        assert slides.masalah_tersedia(con)
        with_problems = slides.build(con, "pilkada-2024")
    finally:
        con.close()
    last = with_problems.slides[-1]
    assert last.kind == "masalah"
    assert last.judul == "3 masalah belum selesai di 2 kecamatan (1 tingkat tinggi); terbanyak Krucil (2)"
    assert [b.sel for b in last.baris] == [("Krucil", "Wilayah II", "2", "0"), ("Lumbang", "Wilayah I", "1", "1")]
    for masalah_id in terbuka():
        masalah.tindak_lanjut(demo_db, masalah_id, akses.LOKAL, status="selesai", catatan="Tuntas")
    con = db.connect_read(demo_db)
    try:
        assert "masalah" not in [s.kind for s in slides.build(con, "pilkada-2024").slides]
    finally:
        con.close()


def test_status_colours_differ_in_greyscale_and_text_on_them_is_readable():
    def lum(hex_colour):  # relative luminance (WCAG)
        def channel(v):
            v /= 255
            return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

        r, g, b = (int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))
        return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)

    def grey(hex_colour):
        r, g, b = (int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))
        return 0.299 * r + 0.587 * g + 0.114 * b

    greys = sorted(grey(c) for c in parts.WARNA.values())
    assert min(b - a for a, b in zip(greys, greys[1:])) >= 45
    for status, colour in parts.WARNA.items():
        hi, lo = sorted((lum(colour), lum(parts.WARNA_TEKS[status])), reverse=True)
        assert (hi + 0.05) / (lo + 0.05) >= 4.5, status
    assert {parts.status_label(s) for s in parts.WARNA} == {"■ Belum siap", "▲ Perlu perhatian", "● Siap"}


def test_html_escapes_everything_from_the_data(deck):
    evil = parts.Slide(
        "korwil",
        "Korwil: <script>x</script>",
        "Judul <img src=x onerror=alert(1)>",
        kolom=("Status", "Kecamatan", "Alasan"),
        baris=(parts.Baris(("■ Belum siap", "<b>A</b>", "&"), "merah"),),
    )
    bad = parts.Deck("x", "<i>Pemilihan</i>", None, None, (evil,))
    html = as_html.slide_html(bad, 0)
    assert "<script>" not in html and "<img src=x" not in html and "<b>A</b>" not in html and "<i>" not in html
    assert "&lt;script&gt;" in html and "&lt;b&gt;A&lt;/b&gt;" in html


def test_a_korwil_name_typed_in_pengaturan_is_text_on_its_slides(demo_db):
    import html

    nama = '<a href="https://evil.example/login">Wilayah I</a> **[klik](https://evil.example)**'
    with db.writing(demo_db) as con:
        con.execute(
            "update korwil set korwil = $k where election_id = 'pilkada-2024' and korwil = 'Wilayah I'", {"k": nama}
        )
    con = db.connect_read(demo_db)
    try:
        evil = slides.build(con, "pilkada-2024")
    finally:
        con.close()
    found = [i for i, s in enumerate(evil.slides) if nama in s.judul or nama in (s.kicker or "")]
    assert found
    for i in found:
        page = as_html.slide_html(evil, i)
        assert '<a href="https://evil' not in page and html.escape(nama, quote=True) in page


def test_the_map_labels_every_kecamatan_with_its_status_icon(deck):
    geo = as_html.peta_geometri(deck.slides[1].peta)
    labels = {i["kecamatan"]: i["label"] for i in geo["items"]}
    assert len(labels) == 24
    assert labels["Lumbang"] == "■ Lumbang" and labels["Besuk"] == "● Besuk" and labels["Maron"] == "▲ Maron"
    svg = as_html.peta_svg(deck.slides[1].peta)
    assert svg.count("<path") == 24 and "■ Krucil" in svg


# --------------------------------------------------------------------------- the exports
def _pptx_texts(slide) -> list[str]:
    texts = []
    for shape in slide.shapes:
        if shape.has_text_frame:
            texts.append(shape.text_frame.text)
        if shape.has_table:
            texts += [cell.text for row in shape.table.rows for cell in row.cells]
        if shape.has_chart:
            for point in shape.chart.plots[0].series[0].points:
                texts.append(point.data_label.text_frame.text)
    return texts


def test_pptx_has_the_slides_titles_and_numbers_of_the_report(exported, deck, report):
    prs = Presentation(exported["pptx"])
    assert len(prs.slides) == len(deck.slides) == N
    assert prs.slide_width * 9 == prs.slide_height * 16
    # The finding is each slide's title placeholder: what PowerPoint's outline and "Reuse slides" list.
    assert [slide.shapes.title.text for slide in prs.slides] == TITLES
    assert all(slide.slide_layout.name == "Title Only" for slide in prs.slides)
    everything = [_pptx_texts(slide) for slide in prs.slides]
    flat = "\n".join("\n".join(t) for t in everything)
    kab = report["kabupaten"][0]
    for figure in (
        fmt.angka(kab["dpt"]),
        fmt.angka(kab["tps"]),
        fmt.persen(kab["ktpel_persen"]),
        fmt.angka(kab["dpt_l"]),
        fmt.angka(kab["dpt_p"]),
    ):
        assert figure in flat, figure
    assert "872.218" in flat and "1.739" in flat
    for row in report["korwil"]:
        assert f"DPT {fmt.angka(row['dpt'])}" in flat
    for i, texts in enumerate(everything, start=1):
        footer = "\n".join(texts)
        assert teks.DISCLAIMER in footer and deck.data_per_teks in footer
        assert "Kabupaten Probolinggo · Pilbup 2024" in footer
        assert f"{i}/{N}" in texts
    # The korwil tables: every kecamatan with its status label, as text a user can edit.
    cells = [c for slide in list(prs.slides)[2:5] for c in _pptx_texts(slide)]
    assert cells.count("■ Belum siap") == 8 and cells.count("● Siap") == 3
    # Native charts for the bars, editable shapes for the map.
    ktpel_chart = next(s for s in prs.slides[8].shapes if s.has_chart).chart
    assert list(ktpel_chart.plots[0].categories)[:2] == ["Krucil", "Tiris"]
    assert ktpel_chart.plots[0].series[0].values[0] == pytest.approx(93.4)
    assert "■ 93,40% · belum rekam 2.343" in _pptx_texts(prs.slides[8])
    map_shapes = [s for s in prs.slides[1].shapes if s.name.endswith(("Belum siap", "Perlu perhatian", "Siap"))]
    assert len(map_shapes) == 24


def test_pdf_has_one_landscape_page_per_slide_with_real_text(exported, deck):
    reader = PdfReader(exported["pdf"])
    assert len(reader.pages) == len(deck.slides) == N
    for number, (page, title) in enumerate(zip(reader.pages, TITLES), start=1):
        box = page.mediabox
        assert float(box.width) * 9 == pytest.approx(float(box.height) * 16)
        text = _flat(page.extract_text())
        assert _flat(title) in text, (number, text[:300])
        assert teks.DISCLAIMER in text and deck.data_per_teks in text and f"{number}/{N}" in text
    first = _flat(reader.pages[0].extract_text())
    assert "872.218" in first and "1.739" in first and "97,41%" in first


def test_cli_refuses_other_extensions_and_unknown_elections(demo_db_master, tmp_path, capsys):
    assert readiness_cli.main(["slides", "--db", str(demo_db_master), "--out", str(tmp_path / "rakor.docx")]) == 2
    assert ".pptx atau .pdf" in capsys.readouterr().err
    assert (
        readiness_cli.main(
            ["slides", "--db", str(demo_db_master), "--election", "pilpres-2099", "--out", str(tmp_path / "x.pptx")]
        )
        == 1
    )
    assert "tidak dikenal" in capsys.readouterr().err
    assert not list(tmp_path.iterdir())
    assert (
        readiness_cli.main(
            ["slides", "--db", str(demo_db_master), "--election", "pilkada-2018", "--out", str(tmp_path / "2018.pptx")]
        )
        == 0
    )
    assert "1 slide" in capsys.readouterr().err
    prs = Presentation(io.BytesIO((tmp_path / "2018.pptx").read_bytes()))
    assert len(prs.slides) == 1
    assert [p.name for p in tmp_path.iterdir()] == ["2018.pptx"]  # no temporary file left


# --------------------------------------------------------------------------- the footer, never cut
def _kaki_pptx(slide):
    return next(s for s in slide.shapes if s.has_text_frame and teks.DISCLAIMER in s.text_frame.text)


def test_pptx_titles_are_placeholders_styled_like_the_page(deck_panjang):
    prs = Presentation(io.BytesIO(as_pptx.to_pptx(deck_panjang)))
    for slide, judul in zip(prs.slides, TITLES):
        title = slide.shapes.title
        assert title is not None and title.is_placeholder and title.text == judul
        run = title.text_frame.paragraphs[0].runs[0]
        font = run.font
        assert (font.size.pt, font.bold, font.name, str(font.color.rgb)) == (27, True, "Arial", "000000")
        assert title.left == as_pptx.px(64) and title.width == prs.slide_width - 2 * as_pptx.px(64)


def test_pptx_footer_keeps_the_disclaimer_whole_and_inside_the_slide(deck_panjang):
    prs = Presentation(io.BytesIO(as_pptx.to_pptx(deck_panjang)))
    for nomor, slide in enumerate(prs.slides, start=1):
        box = _kaki_pptx(slide)
        text = box.text_frame.text
        assert text.endswith(f"{deck_panjang.data_per_teks} · {teks.DISCLAIMER}")
        assert deck_panjang.data_per_teks == "Data per 30 September 2026 23.59 WIB"
        # The election name gives way first: shortened with an ellipsis, its start kept.
        assert text.startswith("Kabupaten Probolinggo · Pemilihan Gubernur dan") and "…" in text
        assert 0 <= box.left and box.left + box.width <= prs.slide_width, nomor
        assert 0 <= box.top and box.top + box.height <= prs.slide_height, nomor
        assert box.text_frame.word_wrap is True  # never runs past the box's right edge
        # Measured in the shipped font (Arial's widths), the line fits the box on one line.
        runs = box.text_frame.paragraphs[0].runs
        line = sum(fonts.width(r.text, r.font.size.pt * 2, bool(r.font.bold)) for r in runs)
        assert line <= box.width / as_pptx.EMU_PX, (nomor, line)


def test_pptx_footer_keeps_a_short_name_whole(deck):
    prs = Presentation(io.BytesIO(as_pptx.to_pptx(deck)))
    assert _kaki_pptx(prs.slides[0]).text_frame.text == (
        f"Kabupaten Probolinggo · Pilbup 2024 · {deck.data_per_teks} · {teks.DISCLAIMER}"
    )


def test_pdf_footer_keeps_the_disclaimer_whole_in_the_shipped_font(deck_panjang):
    reader = PdfReader(io.BytesIO(as_pdf.to_pdf(deck_panjang)))
    assert len(reader.pages) == N
    for number, page in enumerate(reader.pages, start=1):
        text = _flat(page.extract_text())
        assert f"Data per 30 September 2026 23.59 WIB · {teks.DISCLAIMER}" in text, (number, text[-300:])
        assert f"{number}/{N}" in text
        used = {
            str(f.get("/BaseFont")).split("+")[-1] for f in page["/Resources"]["/Font"].values() if f.get("/BaseFont")
        }
        assert used == {"LiberationSans", "LiberationSans-Bold"}, (number, used)


def test_shortening_keeps_whole_words_and_fits():
    assert fonts.shorten(NAMA_PANJANG, 24, 2000) == NAMA_PANJANG
    short = fonts.shorten(NAMA_PANJANG, 24, 500)
    assert short == "Pemilihan Gubernur dan Wakil Gubernur…"
    assert fonts.width(short, 24) <= 500
    assert fonts.shorten(NAMA_PANJANG, 24, 5) == ""


def test_ktpel_slide_names_the_kecamatan_a_partial_sum_counts(demo_db_master):
    from readiness.deck.slides_kecamatan import slide_ktpel
    from readiness.wilayah.kata import kata

    with db.open_read_only(demo_db_master) as con:
        cur = model.kesiapan_cursor(con, "pilkada-2024")
        kec, kab = model.kecamatan(cur, "pilkada-2024"), model.kabupaten(cur, "pilkada-2024").iloc[0]
        words = kata(cur, "pilkada-2024")
    kec.loc[kec["kecamatan"].isin(["Tiris", "Krucil"]), ["ktpel_wajib", "ktpel_rekam", "ktpel_persen"]] = None
    belum = {a.label: a for a in slide_ktpel(kab, kec, words).angka}["Belum rekam"]
    assert belum.nilai == "18.440"  # 23.010 less Krucil's 2.343 and Tiris's 2.227
    assert (
        belum.keterangan
        == "data per 20 November 2024 · dari data KTP-el 22 dari 24 kecamatan (belum: Tiris dan Krucil)"
    )
