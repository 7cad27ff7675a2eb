"""Temuan DPT in a real browser: open the page, filter by a finding type, download the Excel file
for KPU follow-up and read it back; nothing identifying in the server's log."""

import io
import re

from openpyxl import load_workbook
from playwright.sync_api import expect
from python_calamine import CalamineWorkbook

from tests.e2e.conftest import GESER, ROOT, drawn, screenshot

SAMPLE = ROOT / "data" / "sample" / "dpt_kecamatan_lumbang.xlsx"


def test_filter_by_type_and_download_the_follow_up_workbook(app_server, page):
    page.set_viewport_size({"width": 1024, "height": 768})
    page.goto(f"{app_server['url']}/temuan?pemilu=pilkada-2024")
    expect(page.locator("h1").filter(has_text="Temuan DPT")).to_be_visible(timeout=30000)
    expect(page.get_by_text("Data pemantauan internal — bukan hasil resmi KPU").first).to_be_visible(timeout=30000)
    expect(page.locator(".js-plotly-plot")).to_have_count(1, timeout=30000)
    assert page.locator("[data-testid='stException']").count() == 0
    # At the projector's width the list of every finding (hundreds of rows) scrolls nowhere
    # sideways, and every cell of it is whole (read row by row beside the sidebar).
    expect(
        page.locator("[data-testid='stSelectbox']")
        .filter(has_text="Tampilkan")
        .or_(page.locator("[data-testid='stDataFrame']"))
    ).to_be_visible(timeout=30000)
    assert page.evaluate(GESER) == []
    expect(page.locator("[data-testid='stMain'] .tabel-baca").last).to_contain_text("Belum rekam KTP-el")

    box = page.locator("[data-testid='stMain'] [data-testid='stSelectbox']").filter(has_text="Jenis temuan")
    box.scroll_into_view_if_needed()
    box.click()
    page.get_by_role("option", name="NIK ganda").click()
    expect(page.get_by_text("4 temuan", exact=True)).to_be_visible(timeout=30000)
    assert "temuan=nik_ganda" in page.evaluate("window.location.href")
    drawn(page)
    screenshot(page, "temuan-nik-ganda")

    button = page.get_by_role("button", name=re.compile("Unduh Excel untuk tindak lanjut KPU"))
    button.scroll_into_view_if_needed()
    with page.expect_download(timeout=60000) as info:
        button.click()
    download = info.value
    assert download.suggested_filename == "temuan-dpt-nik-ganda_pilkada-2024.xlsx"
    wb = load_workbook(io.BytesIO(open(download.path(), "rb").read()))
    assert wb.sheetnames == ["Ringkasan", "Lumbang"]
    ringkasan = list(wb["Ringkasan"].iter_rows(values_only=True))
    assert "bukan hasil resmi KPU" in ringkasan[4][0]
    assert ringkasan[6][:2] == ("Kecamatan", "NIK ganda") and ringkasan[7][:2] == ("Lumbang", 4)
    rows = list(wb["Lumbang"].iter_rows(values_only=True))
    header = rows[6]
    assert header[:4] == ("Desa/Kelurahan", "TPS", "Temuan", "Keterangan") and header[-1] == "Tindak lanjut"
    data = [dict(zip(header, r)) for r in rows[7:] if r[header.index("Baris")] is not None]
    assert sorted(r["Baris"] for r in data) == [n + 5 for n in (11921, 12557, 16862, 24910)]
    assert {r["Temuan"] for r in data} == {"NIK ganda"}
    assert all(r["NIK (tersamar)"][6:12] == "******" for r in data)
    groups = [r[0] for r in rows[7:] if r[0] and str(r[0]).startswith("Desa/Kelurahan ")]
    assert len(groups) >= 1 and all(g.endswith("· NIK ganda") for g in groups)


def test_the_server_log_holds_no_identity(app_server, page, tmp_path_factory):
    page.goto(f"{app_server['url']}/temuan?pemilu=pilkada-2024&temuan=nik_format")
    expect(page.locator("h1").filter(has_text="Temuan DPT")).to_be_visible(timeout=30000)
    expect(page.get_by_text("2 temuan", exact=True)).to_be_visible(timeout=30000)
    sheet = CalamineWorkbook.from_path(SAMPLE).get_sheet_by_index(0).to_python()
    header = sheet[4]
    voters = [dict(zip(header, row)) for row in sheet[5:25]]
    logs = list(tmp_path_factory.getbasetemp().glob("log*/streamlit.log"))
    assert logs
    content = b"".join(p.read_bytes() for p in logs)
    for voter in voters:
        for value in (voter["NIK"], voter["NKK"], voter["NAMA"]):
            assert str(value).encode() not in content
