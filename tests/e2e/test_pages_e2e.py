"""Every page in a real browser against one `streamlit run`: no error element, a kecamatan chosen
shows its desa, the map opens a kecamatan, an Excel export opens with the right totals, and a
shared URL opens (and reloads to) the same kecamatan. Screenshots at 1920x1080 and 1024x768; at
390x844 (a phone) every title fits in two lines."""

import io
import re

from openpyxl import load_workbook
from playwright.sync_api import expect

from tests.e2e.conftest import GESER, drawn, screenshot

PAGES = [  # (path, title, a figure the page shows for the sample data, number of charts)
    ("", "Ringkasan Kesiapan Pilkada", "872.218", 2),
    ("korwil", "Kesiapan per Koordinator Wilayah (Korwil)", "Wilayah III", 2),
    ("kecamatan", "Kecamatan Sukapura", "28.355", 1),
    ("pemilih", "Data Pemilih", "447.112", 3),
    ("tps", "TPS — Kabupaten", "1.739", 1),
    ("ktpel", "Perekaman KTP-el", "97,41%", 1),
    ("partisipasi", "Partisipasi Pemilih", "73,4%", 1),
    ("pengaturan", "Pengaturan", "Pembagian korwil", 0),
    ("masalah", "Permasalahan", "Terbuka, tingkat tinggi", 0),
]


# The tops of the values of each row of headline figures that are not on one line.
SEJAJAR = """() => [...document.querySelectorAll('[data-testid="stHorizontalBlock"]')]
    .map((row) => [...row.querySelectorAll(':scope > [data-testid="stColumn"] [data-testid="stMetricValue"]')]
        .map((v) => Math.round(v.getBoundingClientRect().top)))
    .filter((tops) => new Set(tops).size > 1)"""
# The visible choices whose shown name (or placeholder) is wider than their box (a name: up to
# 45 characters, `Wilayah I — Asisten Pemerintahan dan Kesra`; a longer text may be cut).
TERPOTONG = """() => {
    const ctx = document.createElement('canvas').getContext('2d');
    return [...document.querySelectorAll('[data-testid="stMain"] :is([data-testid="stSelectbox"], [data-testid="stMultiSelect"]) input')]
        .filter((i) => i.clientWidth > 0 && (i.value || i.placeholder).length <= 45)
        .filter((i) => {
            const s = getComputedStyle(i);
            ctx.font = `${s.fontWeight} ${s.fontSize} ${s.fontFamily}`;
            const room = i.clientWidth - parseFloat(s.paddingLeft) - parseFloat(s.paddingRight);
            return ctx.measureText(i.value || i.placeholder).width > room + 1;
        })
        .map((i) => i.value || i.placeholder);
}"""
# The tops of the parts of the breadcrumb (and what follows it on its line).
BARIS_REMAH = (
    """() => [...document.querySelectorAll('.st-key-remah p')].map((p) => Math.round(p.getBoundingClientRect().top))"""
)
# The number of lines of the short data-source line (`Data 6 Des 2026 23.27 WIB · versi 2`).
SUMBER_BARIS = """() => [...document.querySelectorAll('[data-testid="stMain"] [data-testid="stCaptionContainer"]')]
    .filter((c) => /^Data .* · versi \\d+$/.test(c.innerText.trim()))
    .map((c) => c.querySelector('p') || c)
    .map((p) => Math.round(p.getBoundingClientRect().height / parseFloat(getComputedStyle(p).lineHeight)))"""


def _wait_for_page(page, title: str, figure: str | None = None, charts: int = 0):
    expect(page.locator("h1").filter(has_text=title).first).to_be_visible(timeout=30000)
    expect(page.get_by_text("Data pemantauan internal — bukan hasil resmi KPU").first).to_be_visible(timeout=30000)
    if figure:
        expect(page.get_by_text(figure, exact=True).first).to_be_visible(timeout=30000)
    # Metric and chart code loads lazily in the browser: wait until every chart is drawn.
    expect(page.locator(".js-plotly-plot")).to_have_count(charts, timeout=30000)
    drawn(page)


def test_every_page_opens_without_an_error(app_server, page):
    for path, title, figure, charts in PAGES:
        page.set_viewport_size({"width": 1920, "height": 1080})
        page.goto(f"{app_server['url']}/{path}?pemilu=pilkada-2024")
        _wait_for_page(page, title, figure, charts)
        assert page.locator("[data-testid='stException']").count() == 0, path
        name = path or "ringkasan"
        screenshot(page, f"halaman-{name}-1920")
        page.set_viewport_size({"width": 1024, "height": 768})
        # The charts redraw at the new width (Plotly's own resize) before the screenshot.
        page.wait_for_function(
            "[...document.querySelectorAll('.main-svg')].every((svg) => svg.getBoundingClientRect().right <= 1024)",
            timeout=30000,
        )
        assert page.locator("[data-testid='stException']").count() == 0, path
        screenshot(page, f"halaman-{name}-1024")
        # At the projector's width the headline figures of a row stand on one line however their
        # labels wrap, and no choice shows its value or placeholder cut (`Semua kecam…`).
        assert page.evaluate(SEJAJAR) == [], path
        assert page.evaluate(TERPOTONG) == [], path
        # Nothing to scroll sideways for: a table too wide beside the sidebar is read row by row,
        # and TPS's grid of every TPS of the region (its own search, scrolling down) fits the width.
        assert page.evaluate(GESER) == [], path
        # There the grids stand, not what a phone gets in their place.
        assert page.locator("[class*='_sempit']:visible").count() == 0, path
        # On a phone the title takes at most two lines, so the headline figures reach the first screen.
        page.set_viewport_size({"width": 390, "height": 844})
        # The layout follows the new width a moment after the resize (a wide grid is swapped for its
        # phone form by CSS): wait for the main area to take the phone's width before measuring.
        page.wait_for_function(
            "document.querySelector('[data-testid=\"stMain\"]').getBoundingClientRect().right <= 390",
            timeout=10000,
        )
        lines = page.locator("h1").first.evaluate(
            """(h) => {
                const s = getComputedStyle(h);
                const text = h.clientHeight - parseFloat(s.paddingTop) - parseFloat(s.paddingBottom);
                return Math.round(text / parseFloat(s.lineHeight));
            }"""
        )
        assert lines <= 2, (path, lines)
        # The data source takes one line; the rest is under "Sumber data".
        # (Kecamatan's line starts with the kecamatan; Pengaturan and Permasalahan have none.)
        assert page.evaluate(SUMBER_BARIS) == ([] if path in ("kecamatan", "pengaturan", "masalah") else [1]), path
        if path == "":
            # The region and the election are named once, in one line at the top (the breadcrumb):
            # the sidebar that also names them is folded away.
            expect(page.locator(".st-key-remah")).to_have_text(re.compile(r"^Kabupaten Probolinggo\s*·\s*Pilbup 2024$"))
            atas = page.locator("[data-testid='stMain']").inner_text().split("Sumber data")[0]
            assert atas.count("Kabupaten Probolinggo") == 1, atas
            assert len(set(page.evaluate(BARIS_REMAH))) == 1
            # Each headline figure's line under it comes right after it, before the next figure.
            dpt = page.get_by_text("Laki-laki 425.106 · Perempuan 447.112", exact=True).bounding_box()
            tps = page.locator("[data-testid='stMetric']").filter(has_text="1.739").first.bounding_box()
            assert dpt["y"] < tps["y"], (dpt, tps)
        # On a phone too nothing is past the screen's edge, and no grid scrolls sideways in itself:
        # TPS's list of every TPS is read row by row, each value beside its column's name, and
        # Pengaturan's korwil are edited one kecamatan at a time.
        assert page.evaluate(GESER) == [], path
        if path == "tps":
            expect(page.locator(".st-key-tabel_tps_semua_sempit td[data-kolom='DPT']").first).to_be_visible()
            expect(page.locator(".st-key-tabel_tps_semua_lebar")).to_be_hidden()
        if path == "pengaturan":
            expect(page.get_by_role("textbox", name="Koordinator korwil")).to_be_visible()
            expect(page.locator(".st-key-pembagian_korwil_lebar")).to_be_hidden()


def test_choose_a_kecamatan_and_see_its_desa(app_server, page):
    page.goto(f"{app_server['url']}/kecamatan?pemilu=pilkada-2024")
    _wait_for_page(page, "Kecamatan", charts=1)
    box = page.locator("[data-testid='stMain'] [data-testid='stSelectbox']").filter(has_text="Kecamatan")
    box.click()
    page.keyboard.type("Kraksaan")
    page.keyboard.press("Enter")
    expect(page.locator("h1").filter(has_text="Kecamatan Kraksaan")).to_be_visible(timeout=30000)
    # The desa chart names Kraksaan's desa, Asembakor among them (the TPS with 612 voters).
    expect(page.locator(".js-plotly-plot text", has_text="Asembakor").first).to_be_visible(timeout=30000)
    assert "kecamatan=35.13.14" in page.evaluate("window.location.href")


def test_a_shared_url_opens_and_reloads_the_same_kecamatan(app_server, page):
    page.goto(f"{app_server['url']}/kecamatan?pemilu=pilkada-2024&kecamatan=35.13.14")
    expect(page.locator("h1").filter(has_text="Kecamatan Kraksaan")).to_be_visible(timeout=30000)
    expect(page.get_by_text("54.217", exact=True)).to_be_visible(timeout=30000)
    page.reload()
    expect(page.locator("h1").filter(has_text="Kecamatan Kraksaan")).to_be_visible(timeout=30000)
    assert "kecamatan=35.13.14" in page.evaluate("window.location.href")
    assert page.locator("[data-testid='stException']").count() == 0


def test_excel_export_then_a_click_on_the_map(app_server, page):
    page.goto(f"{app_server['url']}/?pemilu=pilkada-2024")
    _wait_for_page(page, "Ringkasan", "872.218", charts=2)
    button = page.get_by_role("button", name=re.compile("Unduh Excel")).first
    button.scroll_into_view_if_needed()
    with page.expect_download(timeout=30000) as info:
        button.click()
    download = info.value
    assert download.suggested_filename == "status-kesiapan-per-kecamatan_pilkada-2024.xlsx"
    ws = load_workbook(io.BytesIO(open(download.path(), "rb").read())).active
    header = [c.value for c in ws[7]]
    dpt = header.index("DPT")
    values = [row[dpt] for row in ws.iter_rows(min_row=8, values_only=True)]
    assert len(values) == 24 and sum(values) == 872218
    assert ws["A5"].value == "Data pemantauan internal — bukan hasil resmi KPU"
    assert ws.freeze_panes == "A8"

    label = page.locator(".js-plotly-plot g.textpoint text", has_text=re.compile("^Paiton$")).first
    label.scroll_into_view_if_needed()
    expect(label).to_be_visible(timeout=30000)
    box = label.bounding_box()
    # The marker sits just below its name; a click selects it and opens the Kecamatan page.
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] + 8)
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] + 8)
    expect(page.locator("h1").filter(has_text="Kecamatan Paiton")).to_be_visible(timeout=30000)
    assert "kecamatan=35.13.12" in page.evaluate("window.location.href")
