"""Tables a reader can read, in a real browser at 1920×1080 and 1024×768: every row there, the
worst status first, every cell's whole text on screen, and the table inside the window."""

from playwright.sync_api import expect

from tests.e2e.conftest import screenshot

# For each reading table on the page: its headers, its rows' texts, the cells whose text is wider
# than the cell (clipped), and where the table and its Status header end against the window.
UKUR = """() => [...document.querySelectorAll('.tabel-baca')].filter(b => b.offsetParent !== null).map(box => {
  const table = box.querySelector('table');
  const heads = [...table.querySelectorAll('thead th')];
  const status = heads.find(th => th.innerText.trim() === 'Status');
  return {
    kolom: heads.map(th => th.innerText.trim()),
    baris: [...table.querySelectorAll('tbody tr')].map(tr => [...tr.cells].map(td => td.innerText.trim())),
    terpotong: [...table.querySelectorAll('td, th')].filter(c => c.scrollWidth > c.clientWidth + 1).map(c => c.innerText),
    kanan: Math.round(table.getBoundingClientRect().right),
    statusKanan: status ? Math.round(status.getBoundingClientRect().right) : null,
    gulirDatar: box.scrollWidth > box.clientWidth,
    lebarHalaman: document.documentElement.scrollWidth,
  };
})"""
URUTAN = {"■ Belum siap": 0, "▲ Perlu perhatian": 1, "● Siap": 2}


def _tabel(page, pertama: str, berisi: str) -> dict:
    """The visible reading table whose first header is `pertama` and that has a header `berisi`
    (waiting for the page to draw it)."""
    header = page.locator(".tabel-baca table thead").filter(
        has=page.get_by_role("columnheader", name=berisi, exact=True)
    )
    expect(header.filter(has=page.get_by_role("columnheader", name=pertama, exact=True)).first).to_be_visible(
        timeout=60000
    )
    page.wait_for_timeout(500)  # the rest of the page settles
    tables = [t for t in page.evaluate(UKUR) if t["kolom"][:1] == [pertama] and berisi in t["kolom"]]
    assert tables, [t["kolom"] for t in page.evaluate(UKUR)]
    return tables[0]


def _dibaca_utuh(table: dict, lebar: int) -> None:
    """Nothing cut off, nothing past the window's edge, no sideways scrolling."""
    assert table["terpotong"] == []
    assert table["kanan"] <= lebar and not table["gulirDatar"]
    assert table["lebarHalaman"] <= lebar


def test_tables_show_every_row_worst_first_and_whole_at_1920_and_1024(app_server, page):
    url = app_server["url"]
    for lebar, tinggi in ((1920, 1080), (1024, 768)):
        page.set_viewport_size({"width": lebar, "height": tinggi})
        page.goto(f"{url}/?pemilu=pilkada-2024")
        kec = _tabel(page, "Kecamatan", "Alasan")
        status = [row[kec["kolom"].index("Status")] for row in kec["baris"]]
        assert len(kec["baris"]) == 24
        assert status[:8] == ["■ Belum siap"] * 8 and status[-3:] == ["● Siap"] * 3
        assert [URUTAN[s] for s in status] == sorted(URUTAN[s] for s in status)
        alasan = dict((row[0], row[kec["kolom"].index("Alasan")]) for row in kec["baris"])
        assert alasan["Paiton"].startswith("2 TPS > 600 pemilih (terbanyak 631)")
        _dibaca_utuh(kec, lebar)
        masalah = _tabel(page, "Kategori", "Terbuka")
        _dibaca_utuh(masalah, lebar)
        screenshot(page, f"tabel-ringkasan-{lebar}")

        page.goto(f"{url}/kecamatan?pemilu=pilkada-2024&kecamatan=35.13.14")
        indikator = _tabel(page, "Indikator", "Status")
        assert [row[0] for row in indikator["baris"]][:1] == ["Kapasitas TPS"]
        assert indikator["statusKanan"] <= lebar
        _dibaca_utuh(indikator, lebar)
        # The open issues (nine columns, two of long text): whole and without sideways scrolling
        # at both sizes (beside the sidebar at 1024, read row by row).
        terbuka = _tabel(page, "No.", "Uraian")
        _dibaca_utuh(terbuka, lebar)
        screenshot(page, f"tabel-kecamatan-{lebar}")
