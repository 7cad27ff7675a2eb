"""Uploading in a real browser: a messy export is previewed, saved, and Ringkasan changes; a bad
file is refused with its row, and nothing changes."""

from pathlib import Path

from playwright.sync_api import expect

from tests import messy, xlsx
from tests.e2e.conftest import GESER, screenshot


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
    # On a phone the columns read and the problems are read row by row, nothing scrolled sideways.
    page.set_viewport_size({"width": 390, "height": 844})
    page.wait_for_timeout(500)  # the page lays itself out again
    assert page.evaluate(GESER) == []
    screenshot(page, "unggah-ditolak-390")
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


def _dpt_now(db_path: Path) -> dict[str, int]:
    from readiness import db

    con = db.connect_read(db_path)
    try:
        rows = con.execute(
            "select k.kecamatan, sum(p.dpt) from stg_pemilih p join ref_kecamatan k using (kode_kecamatan) "
            "where p.election_id = 'pilkada-2024' group by 1"
        ).fetchall()
    finally:
        con.close()
    return dict(rows)


def test_a_batch_with_a_refused_file_and_one_of_unknown_kind(writable_server, page, tmp_path):
    """Four files from four offices: two recaps that read, one with a pasted-in block of a
    kecamatan the region does not have (refused: one grouped message), and a target sheet whose
    mistyped header hides its kind. The user chooses the kind (it then reads), drops the refused
    file in one click, and the other three are saved; Ringkasan shows the new total, and a CSV
    download afterwards leaves the data version as it was."""
    paiton = xlsx.recap(
        tmp_path / "rekap paiton.xlsx", [("KEC. PAITON", "DESA SUMBEREJO", 4, "1.100", "1.150", "2.250")]
    )
    besuk = xlsx.recap(tmp_path / "rekap besuk.xlsx", [("BESUK", "BAGO", 3, "900", "950", "1.850")])
    atlantis = xlsx.recap(
        tmp_path / "rekap atlantis.xlsx", [("ATLANTIS", f"DESA {i}", 2, 300, 300, 600) for i in range(21)]
    )
    target = xlsx.write(
        tmp_path / "target camat.xlsx",
        [["TARGET PARTISIPASI PILKADA 2024"], [], ["NO", "KECAMATAN", "TARGET PARTISPASI 2024 (%)"], [1, "Paiton", 83]],
        sheet="TARGET",
    )
    before = _dpt_now(writable_server["db"])
    page.goto(writable_server["url"] + "/unggah")
    expect(page.get_by_text("Unggah Data").first).to_be_visible(timeout=30000)
    page.locator("input[type=file]").set_input_files([str(p) for p in (paiton, besuk, atlantis, target)])
    expect(
        page.get_by_text(
            "rekap atlantis.xlsx, sheet 'REKAP', baris 6–26 (21 baris), kolom B (KECAMATAN): "
            "kecamatan 'ATLANTIS' tidak dikenal"
        )
    ).to_be_visible(timeout=60000)
    expect(page.get_by_text("jenis data tidak dikenali", exact=False).first).to_be_visible()
    assert page.get_by_text("0 baris data", exact=False).count() == 0  # a refused file keeps no rows
    # The last thing the page writes: the whole check is on screen before the kind is chosen.
    expect(page.get_by_role("button", name="Simpan 2 berkas lainnya tanpa yang ditolak")).to_be_visible()
    # The message asks for the kind: the choice is right there.
    box = page.get_by_role("combobox", name="Jenis data (belum dikenali: pilih jenisnya)")
    expect(box).to_have_count(1)
    box.click()
    box.fill("Target")
    page.get_by_role("option", name="Target partisipasi").click()
    # Read as a target now; the mistyped header is a warning in the problem list.
    expect(page.get_by_text("1 peringatan (data tetap dapat disimpan).")).to_be_visible(timeout=60000)
    expect(page.get_by_text("Ditolak: rekap atlantis.xlsx.", exact=False)).to_be_visible()
    save_rest = page.get_by_role("button", name="Simpan 3 berkas lainnya tanpa yang ditolak")
    expect(save_rest).to_be_visible()
    assert page.get_by_role("button", name="Simpan semua ke database").count() == 0
    screenshot(page, "unggah-satu-ditolak")
    save_rest.click()
    expect(page.get_by_text("Tidak disimpan (ditolak): rekap atlantis.xlsx", exact=False)).to_be_visible(timeout=60000)
    for name in ("rekap paiton.xlsx", "rekap besuk.xlsx", "target camat.xlsx"):
        expect(page.get_by_text(f"{name} → unggahan #", exact=False)).to_be_visible()
    total = sum(before.values()) - before["Paiton"] - before["Besuk"] + 2250 + 1850
    page.goto(writable_server["url"] + "/")
    expect(page.get_by_text(f"{total:,}".replace(",", "."), exact=True)).to_be_visible(timeout=30000)
    # Downloading a file records who took it, and changes no data: the version shown stays.
    caption = page.get_by_text("versi data ", exact=False).first
    shown = caption.inner_text()
    with page.expect_download():
        page.get_by_role("button", name="Unduh CSV").first.click()
    page.reload()
    expect(page.get_by_text(f"{total:,}".replace(",", "."), exact=True)).to_be_visible(timeout=30000)
    assert page.get_by_text("versi data ", exact=False).first.inner_text() == shown
    assert page.locator("[data-testid='stException']").count() == 0


def _uploads(db_path: Path) -> list:
    from readiness import db

    con = db.connect_read(db_path)
    try:
        return con.execute("select upload_id, file_name from uploads order by 1").fetchall()
    finally:
        con.close()


def _kill_the_save_worker(db_path: Path) -> bool:
    """SIGKILL the save's worker, found by its progress record; True when it was still running."""
    import json
    import os
    import signal
    import time

    deadline = time.time() + 60
    while time.time() < deadline:
        for record in (db_path.parent / "uploads" / "tmp").glob("simpan-*/progres.json"):
            try:
                progress = json.loads(record.read_text())
            except ValueError:
                continue  # never half a record (written by rename), but a glob may race the rename
            if progress["fase"] == "selesai":
                return False
            os.kill(progress["pid"], signal.SIGKILL)
            return True
        time.sleep(0.02)
    return False


def test_a_voter_list_shows_progress_and_a_killed_save_leaves_the_previous_version(
    writable_server, page, browser, tmp_path
):
    """A per-voter list is checked with its progress on screen; its save's worker is killed
    (as the kernel does when memory runs out): the page says so in Indonesian, the data stay at
    the previous version, another user's Ringkasan still loads; saving again works."""
    from tests import daftar_fixture as fx

    daftar = fx.daftar_sukapura(tmp_path)
    db_path = writable_server["db"]
    jobs = db_path.parent / "uploads" / "tmp"
    # Checks of other tests' pages are kept for their saves while their sessions may come back.
    others = set(jobs.glob("*/"))
    page.goto(writable_server["url"] + "/unggah")
    expect(page.get_by_text("Unggah Data").first).to_be_visible(timeout=30000)
    page.locator("input[type=file]").set_input_files(str(daftar.path))
    expect(page.get_by_text("Memeriksa berkas — ", exact=False)).to_be_visible(timeout=30000)
    expect(page.get_by_text(f"{len(daftar.voters)} baris data", exact=False)).to_be_visible(timeout=60000)
    # The server keeps the file on disk now, not in memory: the uploader still names it.
    expect(page.get_by_test_id("stFileChipName")).to_have_text(daftar.path.name)
    before = _dpt_now(db_path)
    uploads = _uploads(db_path)
    page.get_by_role("button", name="Simpan semua ke database").click()
    assert _kill_the_save_worker(db_path), "the save finished before its worker could be killed"
    expect(
        page.get_by_text("Penyimpanan berhenti karena proses pekerja dihentikan (mungkin kehabisan memori server)")
    ).to_be_visible(timeout=30000)
    assert _dpt_now(db_path) == before
    assert _uploads(db_path) == uploads
    other = browser.new_context(viewport={"width": 1920, "height": 1080}, locale="id-ID").new_page()
    other.goto(writable_server["url"] + "/")
    expect(other.get_by_text(f"{sum(before.values()):,}".replace(",", "."), exact=True)).to_be_visible(timeout=30000)
    other.context.close()
    # Saving again reads the file kept on disk: nobody is asked for it again.
    expect(page.get_by_test_id("stFileChipName")).to_have_text(daftar.path.name)
    page.get_by_role("button", name="Simpan semua ke database").click()
    expect(page.get_by_text(f"Tersimpan: {daftar.path.name} → unggahan #", exact=False)).to_be_visible(timeout=60000)
    assert page.locator("[data-testid='stException']").count() == 0
    assert set(jobs.glob("*/")) <= others  # nothing of this upload is left on disk
