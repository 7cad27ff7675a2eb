"""Presentasi page through AppTest: the slide from the URL, next/previous and jump keep `?slide=`,
auto-advance wraps around and reads the data again, and an election without data says so."""

from readiness import ingest
from tests import xlsx
from tests.pages.halaman import buka


def slide_html(at) -> str:
    bodies = [e.proto.body for e in at.get("html") if 'class="rakor-layar"' in e.proto.body]
    assert len(bodies) == 1
    return bodies[0]


def script(at) -> str:
    return next(e.proto.body for e in at.get("html") if "__rakorTombol" in e.proto.body)


def button(at, key):
    return next(b for b in at.button if b.key == key)


def test_the_url_chooses_the_slide_and_buttons_move_it(demo_db, monkeypatch):
    at = buka(demo_db, monkeypatch, "presentasi", slide="3")
    html = slide_html(at)
    assert 'data-nomor="3"' in html
    assert "Wilayah I: 2 dari 8 kecamatan belum siap (Lumbang dan Kuripan)" in html
    assert "Data pemantauan internal — bukan hasil resmi KPU" in html and "Data per " in html and "3/13" in html
    assert at.query_params["slide"] == "3"
    button(at, "rakor_berikut").click().run()
    assert 'data-nomor="4"' in slide_html(at) and at.query_params["slide"] == "4"
    button(at, "rakor_sebelum").click().run()
    button(at, "rakor_sebelum").click().run()
    assert 'data-nomor="2"' in slide_html(at) and at.query_params["slide"] == "2"
    at.selectbox(key="rakor_lompat").set_value(9).run()
    assert "KTP-el 97,41%, di bawah target 98%" in slide_html(at) and at.query_params["slide"] == "9"
    button(at, "rakor_akhir").click().run()
    assert button(at, "rakor_berikut").disabled  # the last slide: nothing after it
    button(at, "rakor_awal").click().run()
    assert 'data-nomor="1"' in slide_html(at) and button(at, "rakor_sebelum").disabled
    assert "872.218" in slide_html(at) and "1.739" in slide_html(at)


def test_a_slide_number_out_of_range_shows_the_nearest_slide(demo_db, monkeypatch):
    at = buka(demo_db, monkeypatch, "presentasi", slide="99")
    assert 'data-nomor="13"' in slide_html(at) and at.query_params["slide"] == "13"
    at = buka(demo_db, monkeypatch, "presentasi", slide="abc")
    assert 'data-nomor="1"' in slide_html(at)


def test_auto_advance_from_the_url_wraps_and_rereads_the_data(demo_db, monkeypatch, tmp_path):
    at = buka(demo_db, monkeypatch, "presentasi", slide="9", auto="20")
    assert at.selectbox(key="rakor_pilih_auto").value == 20
    assert "var detik = 20;" in script(at)
    assert "Krucil" in slide_html(at) and "93,40%" in slide_html(at)
    # An analyst uploads new KTP-el figures for Krucil while the screen runs unattended.
    rows = [["KECAMATAN", "WAJIB KTP-EL", "SUDAH REKAM", "TANGGAL DATA"], ["Krucil", 35502, 35300, "25-11-2024"]]
    path = xlsx.write(tmp_path / "ktpel_krucil_2024-11-25.xlsx", rows)
    assert ingest.ingest_files(demo_db, [(path.name, path.read_bytes())]).committed
    button(at, "rakor_otomatis").click().run()  # what the timer clicks
    assert 'data-nomor="10"' in slide_html(at)
    button(at, "rakor_akhir").click().run()
    assert "masalah belum selesai" in slide_html(at)  # the sample's open problems, last
    button(at, "rakor_otomatis").click().run()
    assert 'data-nomor="1"' in slide_html(at) and at.query_params["slide"] == "1"  # wrapped around
    assert "7 dari 24 kecamatan belum siap" in slide_html(at)  # Krucil now 99,43%: no longer red
    at.selectbox(key="rakor_pilih_auto").set_value(0).run()
    assert "var detik = 0;" in script(at) and "auto" not in at.query_params


def test_downloads_and_way_out_are_there(demo_db, monkeypatch):
    at = buka(demo_db, monkeypatch, "presentasi")
    labels = [e.proto.label for e in at.get("download_button")]
    assert labels == ["PPTX", "PDF"]
    links = [e.proto.label for e in at.get("page_link")]
    assert "Keluar" in links


def test_election_without_data_says_what_to_upload(demo_db, monkeypatch):
    at = buka(demo_db, monkeypatch, "presentasi", pemilu="pilkada-2018")
    html = slide_html(at)
    assert "Belum ada data untuk pemilihan ini" in html and "Unggah Data" in html and "1/1" in html
