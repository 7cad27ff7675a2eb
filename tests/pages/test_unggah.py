"""Unggah Data through AppTest: history, re-activation, refusals and a stopped check against real databases.
(File upload itself is driven in a real browser in tests/e2e/test_unggah_e2e.py.)"""

from pathlib import Path

from streamlit.testing.v1 import AppTest

from readiness import db, ingest
from tests import xlsx

ROOT = Path(__file__).resolve().parents[2]


def _app(db_path, monkeypatch):
    monkeypatch.setenv("READINESS_DB", str(db_path))
    monkeypatch.chdir(ROOT)
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120)
    at.switch_page("pages/unggah.py")
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_history_lists_the_sample_uploads(demo_db, monkeypatch):
    at = _app(demo_db, monkeypatch)
    history = at.dataframe[0].value
    assert sorted(history["Berkas"]) == sorted(
        [
            "pemilih_rekap_desa_pilkada2024.xlsx",
            "tps_pilkada2024.xlsx",
            "ktpel_per_kecamatan_2024-11-20.xlsx",
            "target_partisipasi_pilkada2024.xlsx",
            "dpt_kecamatan_lumbang.xlsx",
            "permasalahan_pilkada2024.xlsx",
        ]
    )
    assert history.loc[history["Jenis"] == "permasalahan", "Aktif untuk"].item() == "digabung ke daftar masalah"
    assert set(history.loc[history["Jenis"] == "rekap pemilih", "Aktif untuk"]) == {"24 kecamatan"}
    assert history.loc[history["Jenis"] == "daftar pemilih", "Baris"].item() == "25.127"


def test_reactivating_an_old_version_from_the_page(demo_db, monkeypatch, tmp_path):
    path = xlsx.recap(tmp_path / "kraksaan.xlsx", [("Kraksaan", "Asembakor", 2, 300, 300, 600)])
    assert ingest.ingest_files(demo_db, [(path.name, path.read_bytes())]).committed
    at = _app(demo_db, monkeypatch)
    history = at.dataframe[0].value.set_index("No.")
    assert history.loc[1, "Aktif untuk"] == "23 kecamatan"  # Kraksaan now from the new file
    box = next(s for s in at.selectbox if s.label == "Versi yang akan diaktifkan kembali")
    box.select(1).run()
    next(b for b in at.button if b.label == "Aktifkan kembali versi ini").click().run()
    assert not at.exception
    con = db.connect_read(demo_db)
    dpt = con.execute("select sum(dpt) from stg_pemilih where election_id='pilkada-2024'").fetchall()[0][0]
    con.close()
    assert dpt == 872218
    assert at.dataframe[0].value.set_index("No.").loc[1, "Aktif untuk"] == "24 kecamatan"


def test_an_unsafe_installation_key_is_said_on_the_page_not_as_a_traceback(
    demo_db, monkeypatch, tmp_path, tmp_path_factory
):
    import os

    from readiness import privacy
    from tests.pages.halaman import tampak

    key = tmp_path_factory.mktemp("etc") / "kunci"  # outside the data folder (demo_db's)
    key.write_text("ab" * 32)
    os.chmod(key, 0o644)
    monkeypatch.setenv(privacy.ENV_KEY, str(key))
    path = xlsx.recap(tmp_path / "kraksaan.xlsx", [("Kraksaan", "Asembakor", 2, 300, 300, 600)])
    at = _app(demo_db, monkeypatch)
    at.file_uploader[0].set_value((path.name, path.read_bytes(), "application/vnd.ms-excel"))
    at.run()
    assert not at.exception
    assert tampak(at.error[0].value) == (
        f"Kunci instalasi {key} dapat dibaca atau diubah pengguna lain (izin 644); "
        f"kunci itu tidak dipakai. Jalankan: chmod 600 {key}"
    )


def _upload(at: AppTest, path: Path) -> AppTest:
    at.file_uploader[0].set_value((path.name, path.read_bytes(), "application/octet-stream")).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_a_bomb_uploaded_on_the_page_is_refused_and_never_offered_for_saving(empty_db, monkeypatch, tmp_path):
    packed = xlsx.bomb(
        tmp_path / "rekap_dpt.xlsx", 10_000, ["KECAMATAN", "DESA", "L", "P"], columns=100, cell="<c><v>1</v></c>"
    )
    # A per-voter list is read in batches, so a far cell costs it nothing; a recap is read whole.
    far = xlsx.bomb(tmp_path / "rekap_desa.xlsx", 3, ["KECAMATAN", "DESA", "L", "P"], far_cell="XFD1000000")
    at = _app(empty_db, monkeypatch)
    at.file_uploader[0].set_value([(p.name, p.read_bytes(), "application/octet-stream") for p in (packed, far)]).run()
    assert not at.exception, [e.value for e in at.exception]
    shown = "\n".join(str(t.value) for t in at.text)
    assert "rekap_dpt.xlsx: berkas rekap_dpt.xlsx ditolak: bagian xl/worksheets/sheet1.xml dimampatkan " in shown, shown
    assert (
        "rekap_desa.xlsx: berkas rekap_desa.xlsx ditolak: sheet 'DATA' berisi 17 sel dalam 1.000.000 baris × "
        "16.384 kolom" in shown
    ), shown
    assert shown.count("ini bukan ekspor Excel yang wajar") == 2
    assert [e.value for e in at.error][:2] == ["Ditolak: 1 masalah. Perbaiki berkasnya lalu unggah ulang."] * 2
    assert not any("Siap disimpan" in str(s.value) for s in at.success)
    assert not [b for b in at.button if b.label == "Simpan semua ke database"]


def _worker_in_this_process(monkeypatch):
    """Run the upload worker's job inside the test process (a patched function reaches it there);
    the page still goes through the job folder, the progress record and the result file."""
    from readiness.ingest import pekerja

    class Done:
        returncode = 0

        def __init__(self, command, **kwargs):
            pekerja.kerja(Path(command[-1]))

        def poll(self):
            return 0

        def wait(self):
            return 0

        def kill(self):
            pass

    monkeypatch.setattr(pekerja.subprocess, "Popen", Done)


def test_a_defect_of_ours_shows_a_reference_and_logs_where_it_happened(empty_db, monkeypatch, tmp_path, caplog):
    def broken(*args, **kwargs):
        nik = "35130141" + "07890001"
        raise KeyError(nik)  # as if a cell value had ended up in an exception

    _worker_in_this_process(monkeypatch)
    monkeypatch.setattr(ingest.read, "choose_layouts", broken)
    path = xlsx.recap(tmp_path / "rekap kraksaan.xlsx", [("Kraksaan", "Asembakor", 2, 300, 300, 600)])
    at = _upload(_app(empty_db, monkeypatch), path)
    shown = "\n".join(str(t.value) for t in at.text)
    assert shown.startswith(
        "rekap kraksaan.xlsx: berkas tidak dapat diproses karena kesalahan di aplikasi; tidak "
        "ada yang disimpan. Laporkan ke pengelola aplikasi dengan kode rujukan "
    ), shown
    reference = shown.split("kode rujukan ")[1].split(" ")[0]
    logged = [r for r in caplog.records if r.name == "readiness.ingest" and r.levelname == "ERROR"]
    assert len(logged) == 1
    text = logged[0].getMessage()
    assert f"berkas rekap kraksaan.xlsx (rujukan {reference}): KeyError" in text
    assert "Traceback (most recent call last):" in text and "in _parse_into" in text and "in broken" in text
    assert "3513014107890001" not in text  # no cell value, no NIK in the server log


def test_closing_the_tab_stops_the_worker_and_keeps_nothing(empty_db, monkeypatch, tmp_path, caplog):
    """The session of this run is no longer connected (the tab was closed) while the worker checks
    the files: the worker is stopped, its folder and the uploaded copies are gone, nothing is kept
    for the session, and the server log says so."""
    from app import sesi
    from readiness.ingest import pekerja

    files = [xlsx.recap(tmp_path / f"rekap_{n}.xlsx", [("Kraksaan", "Asembakor", 2, 300, 300, 600)]) for n in (1, 2)]
    at = _app(empty_db, monkeypatch)
    started = []
    real_start = pekerja.mulai
    monkeypatch.setattr(pekerja, "mulai", lambda *a, **k: started.append(real_start(*a, **k)) or started[-1])
    monkeypatch.setattr(sesi, "sesi_ditutup", lambda: True)
    at.file_uploader[0].set_value([(p.name, p.read_bytes(), "application/octet-stream") for p in files]).run()
    assert not at.exception, [e.value for e in at.exception]
    assert len(started) == 1
    assert started[0].proc.returncode == -9  # killed, not finished
    assert not started[0].folder.exists()
    assert "unggah_prepared" not in at.session_state
    assert not at.success and not at.text
    assert any(
        "pemeriksaan unggahan dihentikan sebelum selesai: rekap_1.xlsx, rekap_2.xlsx" in r.getMessage()
        for r in caplog.records
    )


def test_a_refused_upload_and_why_are_in_jejak_audit_without_the_cell_values(demo_db, monkeypatch, tmp_path):
    """A recap whose kecamatan column holds NIKs (columns shifted when pasted) is refused on the
    page; Jejak Audit lists it once, with where and why, but never a NIK; the analytical file
    (and so its data version) is untouched."""
    from tests.pages.halaman import buka, tabel

    nik = "3513014107890001"
    path = xlsx.recap(
        tmp_path / "rekap geser.xlsx",
        [(nik, "Asembakor", 2, 300, 300, 600), ("35130141078900" + "02", "Sidopekso", 2, 1, 1, 2)],
    )
    before = demo_db.read_bytes()
    at = _upload(_app(demo_db, monkeypatch), path)
    assert at.error[0].value == "Ditolak: 2 masalah. Perbaiki berkasnya lalu unggah ulang."
    at.run()  # the page reruns (any click does): the refusal is not recorded twice
    trail = tabel(buka(demo_db, monkeypatch, "jejak"), "No.")
    refused = trail[trail["Aksi"] == "Unggahan ditolak"]
    assert list(refused["Objek"]) == ["rekap geser.xlsx"]
    assert list(refused["Pengguna"]) == ["mode lokal (tanpa akun)"]
    detail = refused["Rincian"].item()
    assert detail.startswith("Pilbup 2024; jenis data: rekap pemilih;") and "masalah: 2" in detail
    assert (
        "alasan: sheet 'REKAP', baris 6, kolom B (KECAMATAN): kecamatan '…' tidak dikenal | "
        "sheet 'REKAP', baris 7, kolom B (KECAMATAN): kecamatan '…' tidak dikenal"
    ) in detail
    assert "35130141078900" not in trail.to_csv()
    assert demo_db.read_bytes() == before


def test_a_voter_list_is_checked_and_saved_by_the_worker_never_read_by_the_server(empty_db, monkeypatch, tmp_path):
    """The page's own process never opens the list: reading it here would fail. The preview names
    its rows, the save commits them, the audit trail names the file, and the job folder with the
    uploaded copy is gone afterwards."""
    from tests import daftar_fixture as fx
    from tests.pages.halaman import buka, tabel, tampak

    def not_here(*args, **kwargs):
        raise AssertionError("the server process read an uploaded file")

    monkeypatch.setattr(ingest.read, "parse_file", not_here)
    daftar = fx.daftar_sukapura(tmp_path)
    at = _upload(_app(empty_db, monkeypatch), daftar.path)
    understood = "\n".join(str(m.value) for m in at.markdown)
    assert f"{len(daftar.voters)} baris data" in understood, understood
    next(b for b in at.button if b.label == "Simpan semua ke database").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert tampak(at.success[0].value).startswith(f"Tersimpan: {daftar.path.name} → unggahan #")
    con = db.connect_read(empty_db)
    assert con.execute("select count(*) from raw_daftar").fetchall()[0][0] == len(daftar.voters)
    con.close()
    trail = tabel(buka(empty_db, monkeypatch, "jejak"), "No.")
    assert list(trail.loc[trail["Aksi"] == "Unggah data", "Objek"]) == [daftar.path.name]
    assert not list((empty_db.parent / "uploads" / "tmp").glob("*/"))


def test_office_files_on_the_page_a_camats_dates_load_and_a_neighbours_rows_are_named(demo_db, monkeypatch, tmp_path):
    """Two files as offices send them: a camat's report with its dates typed four ways, and a recap
    titled 'KABUPATEN DAN KOTA PROBOLINGGO' holding the city's kecamatan too. The recap's city rows
    are refused by row and name; the report alone is then saved."""
    from tests import kantor
    from tests.pages.halaman import tampak

    laporan = kantor.ALL["masalah_tanggal_ragam_tulisan"](tmp_path)
    rekap = kantor.ALL["rekap_kecamatan_kota_tetangga_tanpa_kolom"](tmp_path)
    at = _app(demo_db, monkeypatch)
    files = [(p.name, p.read_bytes(), "application/octet-stream") for p in (laporan.path, rekap.path)]
    at.file_uploader[0].set_value(files).run()
    assert not at.exception, [e.value for e in at.exception]
    shown = "\n".join(str(t.value) for t in at.text)
    assert shown.splitlines() == [
        "rekap_kab_kota.xlsx, sheet 'REKAP', baris 7, kolom B (KECAMATAN): kecamatan 'KADEMANGAN' tidak ada di "
        "Kabupaten Probolinggo; ada di Kabupaten Blitar, Kota Probolinggo",
        "rekap_kab_kota.xlsx, sheet 'REKAP', baris 8, kolom B (KECAMATAN): kecamatan 'MAYANGAN' tidak ada di "
        "Kabupaten Probolinggo; ada di Kota Probolinggo",
    ]
    assert [s.value for s in at.success] == ["Siap disimpan, tidak ada masalah."]
    at.file_uploader[0].set_value(files[:1]).run()
    next(b for b in at.button if b.label == "Simpan semua ke database").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert tampak(at.success[0].value).endswith("(5 masalah baru, 0 diperbarui, 0 tidak berubah)")
