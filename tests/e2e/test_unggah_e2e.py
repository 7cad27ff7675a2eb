"""Uploading in a real browser: a messy export is previewed, saved, and Ringkasan changes; a bad
file is refused with its row, and nothing changes."""

from pathlib import Path

from playwright.sync_api import expect

from tests import messy, xlsx
from tests.e2e.conftest import screenshot


def _messy_kraksaan(path: Path) -> Path:
    # A camat office's recap: title rows, merged two-row header, upper-case names with prefixes,
    # numbers as text with Indonesian thousands, and a JUMLAH row.
    return xlsx.recap(
        path,
        [
            ("KEC. KRAKSAAN", "DESA ASEMBAKOR", "4", "1.050", "1.100", "2.150"),
            (None, "KEL. KANDANGJATI KULON", "3", "1.000", "1.000", "2.000"),
        ],
        total=(7, 2050, 2100, 4150),
    )


def test_upload_preview_commit_and_see_ringkasan_change(writable_server, page, tmp_path):
    page.goto(writable_server["url"] + "/unggah")
    expect(page.get_by_text("Unggah Data").first).to_be_visible(timeout=30000)
    page.locator("input[type=file]").set_input_files(str(_messy_kraksaan(tmp_path / "rekap kraksaan.xlsx")))
    expect(page.get_by_text("Siap disimpan, tidak ada masalah.")).to_be_visible(timeout=30000)
    expect(page.get_by_text("sheet 'REKAP' (judul kolom baris 4–5)", exact=False)).to_be_visible()
    expect(page.get_by_text("1 kecamatan", exact=False).first).to_be_visible()
    screenshot(page, "unggah-pratinjau")
    page.get_by_role("button", name="Simpan semua ke database").click()
    expect(page.get_by_text("Tersimpan: rekap kraksaan.xlsx → unggahan #", exact=False)).to_be_visible(timeout=30000)
    # Kraksaan's 54.217 voters are replaced by the 4.150 of the new file.
    page.goto(writable_server["url"] + "/")
    expect(page.get_by_text(f"{872218 - 54217 + 4150:,}".replace(",", "."), exact=True)).to_be_visible(timeout=30000)
    assert page.locator("[data-testid='stException']").count() == 0


def test_bad_file_shows_the_row_and_saves_nothing(writable_server, page, tmp_path):
    before = writable_server["db"].read_bytes()
    bad = xlsx.recap(tmp_path / "rekap salah.xlsx", [("Kraksaan", "Asembakor", 2, 300, "3OO", 600)])
    page.goto(writable_server["url"] + "/unggah")
    page.locator("input[type=file]").set_input_files(str(bad))
    expect(page.get_by_text("Ditolak: 1 masalah", exact=False)).to_be_visible(timeout=30000)
    expect(page.get_by_text("'3OO' bukan bilangan bulat").first).to_be_visible()
    expect(
        page.get_by_text("rekap salah.xlsx, sheet 'REKAP', baris 6, kolom F (JUMLAH PEMILIH / P)", exact=False)
    ).to_be_visible()
    expect(page.get_by_role("heading", name="Daftar masalah")).to_be_visible()
    assert page.get_by_role("button", name="Simpan semua ke database").count() == 0
    screenshot(page, "unggah-ditolak")
    assert writable_server["db"].read_bytes() == before


def test_signature_under_the_table_is_named_in_the_preview_and_not_refused(writable_server, page, tmp_path):
    case = messy.ALL["ttd_kpu_di_bawah_jumlah"](tmp_path)
    page.goto(writable_server["url"] + "/unggah")
    page.locator("input[type=file]").set_input_files(str(case.path))
    expect(page.get_by_text("Siap disimpan, tidak ada masalah.")).to_be_visible(timeout=30000)
    expect(
        page.get_by_text("baris 15–21 di bawah tabel diabaikan: tanda tangan/keterangan", exact=True)
    ).to_be_visible()
    expect(page.get_by_text("6 baris data", exact=False)).to_be_visible()
    screenshot(page, "unggah-tanda-tangan")
