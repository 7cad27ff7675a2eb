"""Text from files and users (sheet and file names, korwil and koordinator names) is shown as
text on every page — never a link, bold text or a formula — and leaves in every download
neutralised: a cell starting with `=`, `+`, `-`, `@` gets a leading `'` and stays a string."""

from __future__ import annotations

import csv
import html
import io
import json
import re

from openpyxl import load_workbook

from app.markdown import escape_md
from readiness import db, ingest
from tests import xlsx
from tests.pages.halaman import buka, markdown_semua, unduhan

LINK = "[Verifikasi akun Anda](https://evil.example/login)"
FORMULA = '=HYPERLINK("https://evil.example/login","klik")'
KORWIL = '=HYPERLINK("https://evil.example","<b>Wilayah</b> [I](https://evil.example/login)")'
KOORDINATOR = '<a href="https://evil.example">**Asisten** Pemerintahan</a> $x^2$ :red[awas]'
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _no_live_link(at) -> None:
    """No markdown source on the page would render a hostile name as a link, an image, HTML, a
    `:red[…]` directive or LaTeX: once its escaped characters are taken out, no `[`, `]`, `<`,
    `>` or `$` is left in any element that names evil.example, and no `https:`, `www.` or `@` is
    left whole for Streamlit to turn into a link."""
    for text in markdown_semua(at):
        if "evil" in text:
            bare = re.sub(r"\\.", "", text)
            assert not set("[]<>$") & set(bare), text
            assert not re.search(r"(?i)(https?|mailto):(?!\u2060)|www\\?\.|@(?!\u2060)", text), text


def _csv(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))


def _upload(at, files):
    at.file_uploader[0].set_value([(name, data, XLSX) for name, data in files])
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_upload_preview_and_problem_list_show_hostile_names_as_text(demo_db, monkeypatch, tmp_path):
    # Two recaps, each with a cell that is not a whole number (so both are in the problem list):
    # one has a sheet named like a markdown link, the other a file name and a sheet name that
    # are formulas.
    a = xlsx.rename_sheet(
        xlsx.recap(tmp_path / "a.xlsx", [("Kraksaan", "Asembakor", 2, "35,4", 300, 600)]), "REKAP", LINK
    )
    b = xlsx.rename_sheet(
        xlsx.recap(tmp_path / "b.xlsx", [("Kraksaan", "Asembakor", 2, "35,4", 300, 600)]), "REKAP", FORMULA
    )
    got = unduhan(monkeypatch)
    at = _upload(buka(demo_db, monkeypatch, "unggah"), [("=1+1.xlsx", a.read_bytes()), ("rekap.xlsx", b.read_bytes())])
    sources = markdown_semua(at)
    assert f"sheet '{LINK}'" not in "\n".join(sources)
    assert any(escape_md(f"sheet '{LINK}'") in s for s in sources)
    assert "sheet '\\[Verifikasi akun Anda\\]\\(https:\u2060//evil\\.example/login\\)'" in "\n".join(sources)
    assert r"**\=1\+1\.xlsx**" in sources
    _no_live_link(at)
    # The problem list as a spreadsheet opens it: the formula-like file and sheet names are text.
    name, data = got["unduh_masalah_unggahan"]
    rows = _csv(data)
    assert rows[0] == ["Tingkat", "Berkas", "Sheet", "Baris", "Kolom", "Masalah"]
    berkas = {r[1] for r in rows[1:]}
    sheets = {r[2] for r in rows[1:]}
    assert "'=1+1.xlsx" in berkas and "=1+1.xlsx" not in berkas
    assert "'" + FORMULA in sheets and LINK in sheets


def test_a_field_report_file_name_in_an_error_is_text(demo_db, monkeypatch):
    at = buka(demo_db, monkeypatch, "lapor")
    uploader = next(u for u in at.file_uploader if u.key == "lapor_berkas")
    uploader.set_value((f"{LINK} **PENTING**.xlsx", b"bukan berkas excel", XLSX))
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    errors = [e.value for e in at.error]
    assert errors[0].startswith(
        "\\[Verifikasi akun Anda\\]\\(https:\u2060//evil\\.example/login\\) \\*\\*PENTING\\*\\*\\.xlsx tidak disimpan"
    )
    _no_live_link(at)


def _hostile_korwil(path) -> None:
    with db.writing(path) as con:
        con.execute(
            "update korwil set korwil = $k, koordinator = $c where election_id = 'pilkada-2024' "
            "and korwil = 'Wilayah I'",
            {"k": KORWIL, "c": KOORDINATOR},
        )


def test_korwil_names_are_text_on_the_korwil_page_and_in_its_chart(demo_db, monkeypatch):
    _hostile_korwil(demo_db)
    at = buka(demo_db, monkeypatch, "korwil", korwil=KORWIL)
    sources = markdown_semua(at)
    assert escape_md(KORWIL) in [h.value for h in at.subheader]
    assert escape_md(KORWIL) in [h.value for h in at.header]
    assert escape_md(KOORDINATOR) in sources
    assert any(s.startswith(f"Koordinator: {escape_md(KOORDINATOR)}") for s in sources)
    _no_live_link(at)
    # Plotly reads <b>, <a href> in labels as markup: the chart gets the name escaped, and shows it as written.
    chart = json.loads(at.get("plotly_chart")[0].proto.spec)
    labels = {y for trace in chart["data"] for y in trace["y"] if y and "evil" in y}
    assert labels == {html.escape(KORWIL, quote=False)}


def test_korwil_names_are_text_on_ringkasan_and_kecamatan_and_neutral_in_downloads(demo_db, monkeypatch):
    _hostile_korwil(demo_db)
    got = unduhan(monkeypatch)
    at = buka(demo_db, monkeypatch, "ringkasan")
    _no_live_link(at)
    ws = load_workbook(io.BytesIO(got["xlsx_korwil"][1])).active
    cells = {c.value: c for row in ws.iter_rows() for c in row if isinstance(c.value, str) and "evil" in c.value}
    assert set(cells) == {"'" + KORWIL, KOORDINATOR}  # the formula neutralised, the HTML kept as plain text
    assert all(c.data_type == "s" for c in cells.values())
    rows = _csv(got["csv_korwil"][1])
    assert any(cell == "'" + KORWIL for row in rows for cell in row)
    at = buka(demo_db, monkeypatch, "kecamatan", kecamatan="35.13.01")  # Sukapura, Wilayah I
    assert any(s.startswith(escape_md(f"{KORWIL} · koordinator {KOORDINATOR} · ")) for s in at.caption.values)
    _no_live_link(at)


def test_the_audit_trail_download_neutralises_a_formula_file_name(demo_db, monkeypatch, tmp_path):
    path = xlsx.recap(tmp_path / "r.xlsx", [("Kraksaan", "Asembakor", 2, 300, 300, 600)])
    assert ingest.ingest_files(demo_db, [("=1+1.xlsx", path.read_bytes())]).committed
    got = unduhan(monkeypatch)
    buka(demo_db, monkeypatch, "jejak")
    name, data = got["unduh_jejak"]
    ws = load_workbook(io.BytesIO(data)).active
    values = {c.value: c for row in ws.iter_rows() for c in row if isinstance(c.value, str)}
    assert "'=1+1.xlsx" in values and "=1+1.xlsx" not in values
    assert values["'=1+1.xlsx"].data_type == "s"
