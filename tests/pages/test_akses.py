"""Roles on every page and action, through the real dashboard.py in AppTest: local mode while no
user exists; otherwise only the login page until a login; each role gets exactly its pages, and a
page or action outside the role is refused on the server, even when asked for by switching to it
directly. Sessions live in the small-records store; the browser holds their token in a cookie."""

import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from app import navigasi, sesi
from readiness import akses, catatan, db, jejak, pengguna, teks
from tests.pages.halaman import buka, tabel, teks_semua

ROOT = Path(__file__).resolve().parents[2]
SANDI = "Rahasia-Desk-2024"
MASUK = "Masuk"
# page file → its title (st.title) when it runs
JUDUL = {
    "ringkasan": "Ringkasan Kesiapan Pilkada",
    "unggah": "Unggah Data",
    "pengaturan": "Pengaturan",
    "pengguna": "Pengguna",
    "jejak": "Jejak Audit",
}
BOLEH = {
    "pimpinan": {"ringkasan"},
    "analis": {"ringkasan", "unggah"},
    "admin": {"ringkasan", "unggah", "pengaturan", "pengguna", "jejak"},
}


@pytest.fixture
def users_db(demo_db, monkeypatch):
    monkeypatch.setattr(pengguna.percobaan, "JEDA_GAGAL", 0)
    pengguna.tambah(demo_db, "budi", "admin", SANDI, pelaku=jejak.CLI)
    pengguna.tambah(demo_db, "sekda", "pimpinan", SANDI, pelaku=jejak.CLI)
    pengguna.tambah(demo_db, "ana", "analis", SANDI, pelaku=jejak.CLI)
    return demo_db


def app(db_path, monkeypatch, page: str, nama: str | None = None) -> AppTest:
    """dashboard.py asked for `pages/<page>.py`, in a session logged in as `nama` (or nobody)."""
    monkeypatch.setenv("READINESS_DB", str(db_path))
    monkeypatch.chdir(ROOT)
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120)
    if nama:
        at.session_state[sesi.SESI_KEY] = {"token_hash": pengguna.hash_token(pengguna.buka_sesi(db_path, nama))}
    at.switch_page(f"pages/{page}.py")
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def judul(at) -> str:
    return at.title[0].value


def login(at, nama, sandi):
    at.text_input[0].input(nama)
    at.text_input[1].input(sandi)
    next(b for b in at.button if b.label == "Masuk").click()
    at.run()
    assert not at.exception, [e.value for e in at.exception]


def test_without_users_every_page_opens_and_says_local_mode_once_in_plain_words(demo_db, monkeypatch):
    for page in [*JUDUL, "masalah", "presentasi", "lapor"]:
        at = buka(demo_db, monkeypatch, page)
        if page in JUDUL:
            assert judul(at) == JUDUL[page]
        said = teks_semua(at)
        assert said.lower().count("mode lokal") == 1, (page, said)
        assert "python -m" not in said and "make " not in said, page
    at = buka(demo_db, monkeypatch, "ringkasan")
    assert at.markdown[0].value == f":orange-background[:material/lock_open: {teks.MODE_LOKAL}]"
    assert not at.sidebar.warning


def test_with_users_every_page_is_the_login_page_until_login(users_db, monkeypatch):
    for page in JUDUL:
        at = app(users_db, monkeypatch, page)
        assert judul(at) == MASUK
        assert not at.get("file_uploader") and not at.dataframe and not at.metric
        assert "Mode lokal" not in teks_semua(at)


def test_wrong_password_gets_an_indonesian_error_then_the_right_one_opens_the_dashboard(users_db, monkeypatch):
    at = app(users_db, monkeypatch, "ringkasan")
    login(at, "sekda", "bukan-sandinya")
    assert judul(at) == MASUK
    assert [e.value for e in at.error] == ["Nama pengguna atau kata sandi salah."]
    assert at.text_input[1].value == ""  # the password field is emptied
    login(at, "Sekda", SANDI)
    assert judul(at) == JUDUL["ringkasan"]
    assert at.sidebar.caption[0].value == "Masuk sebagai **sekda** · Pimpinan"
    assert "Mode lokal" not in teks_semua(at)


def cookie_script(at) -> str:
    """The script the page gives the browser to store or remove the session cookie ('' if none)."""
    return "".join(e.proto.body for e in at.get("html") if "document.cookie" in e.proto.body)


def test_a_login_gives_the_browser_its_session_token(users_db, monkeypatch):
    at = app(users_db, monkeypatch, "ringkasan")
    assert cookie_script(at) == ""
    login(at, "budi", SANDI)
    assert judul(at) == JUDUL["ringkasan"]
    token = cookie_script(at).split("dasbor_sesi=", 1)[1].split(";", 1)[0]
    assert at.session_state[sesi.SESI_KEY] == {"token_hash": pengguna.hash_token(token)}
    with catatan.baca(users_db) as con:  # the store keeps its hash only
        assert [
            r["nama"] for r in con.execute("select nama from sesi where token_hash = ?", (pengguna.hash_token(token),))
        ] == ["budi"]
        assert con.execute("select count(*) from sesi where token_hash = ?", (token,)).fetchone()[0] == 0


def test_throttling_is_shown_on_the_login_page_and_keeps_even_the_right_password_out(users_db, monkeypatch):
    monkeypatch.setattr(
        pengguna.percobaan, "_jeda", lambda gagal, bebas, maks: 0.0 if gagal < bebas or not maks else 60.0
    )
    at = app(users_db, monkeypatch, "ringkasan")
    for _ in range(pengguna.BEBAS_NAMA_SUMBER):
        login(at, "ana", "bukan-sandinya")
        assert [e.value for e in at.error] == ["Nama pengguna atau kata sandi salah."]
    login(at, "ana", SANDI)
    assert judul(at) == MASUK
    # The wait counts down from the last failure (60 s here): a slow machine may already be a few
    # seconds into it.
    [pesan] = [e.value for e in at.error]
    tunggu = re.fullmatch(r"Terlalu banyak percobaan masuk yang gagal\. Coba lagi dalam (\d+) detik\.", pesan)
    assert tunggu and 30 <= int(tunggu.group(1)) <= 60, pesan
    login(at, "sekda", SANDI)  # another name from the same place is not held back
    assert judul(at) == JUDUL["ringkasan"]


@pytest.mark.parametrize("peran,nama", [("pimpinan", "sekda"), ("analis", "ana"), ("admin", "budi")])
def test_each_role_gets_exactly_its_pages(users_db, monkeypatch, peran, nama):
    for page, title in JUDUL.items():
        at = app(users_db, monkeypatch, page, nama)
        if page in BOLEH[peran]:
            assert judul(at) == title, (peran, page)
        else:
            # Not in this session's navigation: Streamlit runs the first allowed page instead.
            assert judul(at) == JUDUL["ringkasan"], (peran, page)
            assert not at.get("file_uploader")


def test_pimpinan_forcing_the_upload_page_finds_no_such_page(users_db, monkeypatch):
    """Within a logged-in session the upload page is not in the navigation at all (a fresh session
    asking for its URL gets Ringkasan: test_each_role_gets_exactly_its_pages)."""
    at = app(users_db, monkeypatch, "ringkasan", "sekda")
    with pytest.raises(ValueError, match="Could not find a navigation page for '.*pages/unggah.py'"):
        at.switch_page("pages/unggah.py")
    at.run()
    assert judul(at) == JUDUL["ringkasan"]
    assert not at.get("file_uploader")
    assert not [b for b in at.button if b.label in ("Simpan semua ke database", "Aktifkan kembali versi ini")]


def test_analis_uploads_but_cannot_reactivate_versions(users_db, monkeypatch):
    at = app(users_db, monkeypatch, "unggah", "ana")
    assert at.get("file_uploader")
    assert not [b for b in at.button if b.label == "Aktifkan kembali versi ini"]
    assert "Mengaktifkan kembali versi lama hanya dapat dilakukan admin." in teks_semua(at)
    at = app(users_db, monkeypatch, "unggah", "budi")
    assert [b for b in at.button if b.label == "Aktifkan kembali versi ini"]


def test_a_role_taken_away_is_refused_before_the_action(users_db, monkeypatch):
    """The page was opened by an admin; the role changes before the click: nothing is saved."""
    at = app(users_db, monkeypatch, "pengaturan", "budi")
    next(t for t in at.text_input if t.label == "KTP-el: batas Siap (%)").set_value("96,5")
    pengguna.tambah(users_db, "admin2", "admin", SANDI, pelaku=jejak.CLI)
    pengguna.ubah_peran(users_db, "budi", "pimpinan", pelaku="admin2")
    next(b for b in at.button if b.label == "Simpan ambang dan kapasitas").click().run()
    assert judul(at) == JUDUL["ringkasan"]  # the page is gone from this session's navigation
    con = db.connect_read(users_db)
    try:
        assert (
            con.execute(
                "select value from settings where election_id = 'pilkada-2024' and key = 'ktpel_hijau'"
            ).fetchone()[0]
            == 98
        )
        assert con.execute("select count(*) from jejak where aksi = 'pengaturan'").fetchone()[0] == 0
    finally:
        con.close()


def test_wajib_refuses_on_the_server_in_indonesian(users_db, monkeypatch):
    """A page that checks its action itself (pages/unggah.py) refuses a role without it even if
    the page is run outside the navigation (as a forged rerun would)."""
    monkeypatch.setattr(navigasi, "pastikan", lambda: None)
    monkeypatch.setattr(sesi, "pengguna", lambda: akses.Pengguna("sekda", "pimpinan"))
    monkeypatch.setenv("READINESS_DB", str(users_db))
    monkeypatch.chdir(ROOT)
    at = AppTest.from_file(str(ROOT / "pages" / "unggah.py"), default_timeout=120)
    at.run()
    assert [e.value for e in at.error] == [
        "Anda tidak memiliki akses untuk ini. Hubungi admin bila Anda memerlukannya."
    ]
    assert not at.get("file_uploader")


def test_a_disabled_user_is_logged_out_at_the_next_rerun(users_db, monkeypatch):
    at = app(users_db, monkeypatch, "ringkasan", "ana")
    assert judul(at) == JUDUL["ringkasan"]
    pengguna.nonaktifkan(users_db, "ana", pelaku="budi")
    at.run()
    assert judul(at) == MASUK
    assert at.info[0].value.startswith("Sesi Anda berakhir: akun dinonaktifkan")


def test_a_password_reset_elsewhere_ends_the_old_session(users_db, monkeypatch):
    at = app(users_db, monkeypatch, "ringkasan", "ana")
    pengguna.atur_sandi(users_db, "ana", "Sandi-Baru-123", pelaku="budi")
    at.run()
    assert judul(at) == MASUK


def test_an_idle_session_expires(users_db, monkeypatch):
    at = app(users_db, monkeypatch, "ringkasan", "ana")
    with catatan.tulis(users_db) as con:
        con.execute("update sesi set terakhir = terakhir - ?", (sesi.BATAS_DIAM + 1,))
    at.run()
    assert judul(at) == MASUK
    assert at.info[0].value == "Sesi Anda berakhir karena tidak ada aktivitas selama 8 jam. Silakan masuk lagi."


def test_logout_ends_the_session_clears_the_cookie_and_is_recorded(users_db, monkeypatch):
    at = app(users_db, monkeypatch, "ringkasan", "sekda")
    token_hash = at.session_state[sesi.SESI_KEY]["token_hash"]
    at.sidebar.button(key="keluar").click().run()
    assert judul(at) == MASUK and at.info[0].value == "Anda sudah keluar."
    assert "dasbor_sesi=; Max-Age=0" in cookie_script(at)
    assert pengguna.periksa_sesi(users_db, token_hash) == "berakhir"
    with catatan.baca(users_db) as con:
        assert tuple(con.execute("select pelaku, aksi from jejak order by id desc limit 1").fetchone()) == (
            "sekda",
            "keluar",
        )


def test_local_mode_creates_the_first_admin_and_continues_as_that_admin(demo_db, monkeypatch):
    at = buka(demo_db, monkeypatch, "pengguna")
    assert [o for o in at.selectbox(key="baru_peran").options] == ["Admin"]
    at.text_input(key="baru_nama").input("budi")
    at.text_input(key="baru_sandi").input(SANDI)
    at.text_input(key="baru_ulang").input(SANDI + "x")
    next(b for b in at.button if b.label == "Tambah pengguna").click().run()
    assert at.error[0].value == "Tidak disimpan: kedua kata sandi tidak sama."
    at.text_input(key="baru_ulang").input(SANDI)
    next(b for b in at.button if b.label == "Tambah pengguna").click().run()
    assert not at.exception
    assert at.success[0].value == "Pengguna 'budi' ditambahkan sebagai Admin."
    assert at.sidebar.caption[0].value == "Masuk sebagai **budi** · Admin"
    assert "Mode lokal" not in teks_semua(at)
    assert pengguna.masuk(demo_db, "budi", SANDI, tidur=lambda s: None).berhasil


def test_admin_manages_users_on_the_page(users_db, monkeypatch):
    at = app(users_db, monkeypatch, "pengguna", "budi")
    # A table to read (it wraps on a phone), not a grid that scrolls sideways; moments in short form.
    assert not at.dataframe
    users = tabel(at, "Nama")
    assert list(users["Nama"]) == ["ana", "budi", "sekda"]
    assert list(users["Peran"]) == ["Analis", "Admin", "Pimpinan"]
    assert all(re.fullmatch(r"\d{1,2} [A-Z][a-z]{2} \d{4} \d{2}\.\d{2}", d) for d in users["Dibuat"])
    at.selectbox(key="ubah_nama").set_value("ana").run()
    at.button(key="nonaktifkan").click().run()
    assert at.success[0].value == "'ana' dinonaktifkan."
    assert tabel(at, "Nama").set_index("Nama").loc["ana", "Status"] == "Nonaktif"
    # An admin cannot disable or demote themself here (another admin must).
    at.selectbox(key="ubah_nama").set_value("budi").run()
    assert at.button(key="nonaktifkan").disabled and at.button(key="simpan_peran").disabled


def test_jejak_page_shows_the_trail_and_offers_no_edit(users_db, monkeypatch):
    at = app(users_db, monkeypatch, "jejak", "budi")
    # A table to read (each record row by row beside the sidebar of a 1024-pixel screen), not a
    # grid that scrolls sideways.
    assert not at.dataframe
    table = tabel(at, "No.")
    assert {"Unggah data", "Ubah pengguna"} <= set(table["Aksi"])
    assert set(table.loc[table["Aksi"] == "Ubah pengguna", "Objek"]) == {"budi", "sekda", "ana"}
    assert not at.get("data_editor") and not at.get("arrow_data_editor")
    assert [b.label for b in at.main.button] == []  # nothing to press but filters and the download
    assert [d.proto.label for d in at.get("download_button")] == ["Unduh Excel (.xlsx)"]
    at.multiselect(key="jejak_aksi").set_value(["pengguna"]).run()
    assert set(tabel(at, "No.")["Aksi"]) == {"Ubah pengguna"}


def test_a_field_reporter_gets_none_of_the_dashboard_pages(users_db, monkeypatch):
    pengguna.tambah(users_db, "pelapor1", "pelapor", SANDI, wilayah="35.13.14", pelaku=jejak.CLI)
    for page in JUDUL:
        at = app(users_db, monkeypatch, page, "pelapor1")
        assert judul(at) not in JUDUL.values(), page
        assert not at.metric and not at.get("file_uploader")


def test_the_audit_trail_names_command_line_actions_in_words_and_no_user_may_take_that_name(users_db, monkeypatch):
    at = app(users_db, monkeypatch, "jejak", "budi")
    pelaku = set(tabel(at, "No.")["Pengguna"])
    assert "baris perintah (admin server)" in pelaku and "cli" not in pelaku
    with pytest.raises(pengguna.PenggunaError) as refused:
        pengguna.tambah(users_db, "CLI", "admin", SANDI, pelaku=jejak.CLI)
    assert str(refused.value) == (
        "Nama pengguna 'CLI' dipakai Jejak Audit untuk baris perintah (admin server); pilih nama lain."
    )
