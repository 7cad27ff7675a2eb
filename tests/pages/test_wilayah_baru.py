"""A new installation through AppTest: `init --wilayah 74.06` (Kabupaten Bombana, no korwil) and one
upload of a recap, a TPS list and a KTP-el file shaped as the offices write them. Every page
opens; the pages and slides that group by korwil say there is none yet and link to Pengaturan;
elections are added and changed on Pengaturan with the command line's checks and words; the
korwil editor takes one korwil or six."""

from __future__ import annotations

import shutil

import pytest

from readiness import catatan, cli, db, jejak, pengguna
from readiness import deck as rakor
from tests.pages.halaman import buka, metrics, tabel, tampak, teks_semua
from tests.test_wilayah_init import REGIONS, data_for, kode_kecamatan, places, region_files

KODE = "74.06"
E = "pilkada-2024"
PEMILIHAN = "Pemilihan Bupati dan Wakil Bupati Bombana 2024"
BELUM_KORWIL = f"Belum ada pembagian korwil untuk {PEMILIHAN}."
ATUR_KORWIL = "Atur pembagian korwil di Pengaturan"
SANDI = "Rahasia-Desk-2024"
# Every page of the navigation (app/halaman.py), and those that group by korwil.
PAGES = [
    "ringkasan",
    "korwil",
    "kecamatan",
    "pemilih",
    "tps",
    "ktpel",
    "partisipasi",
    "temuan",
    "hari_h",
    "masalah",
    "presentasi",
    "lapor",
    "unggah",
    "pengaturan",
    "pengguna",
    "jejak",
]
KORWIL_PAGES = ["ringkasan", "korwil", "kecamatan", "hari_h", "masalah"]


@pytest.fixture(scope="module")
def bombana_master(tmp_path_factory):
    """init, then one upload of the three files (in-process); the TPS rows written are returned."""
    folder = tmp_path_factory.mktemp("bombana")
    path = folder / "readiness.duckdb"
    region = REGIONS[KODE]
    assert cli.main(["init", "--wilayah", KODE, "--db", str(path)]) == 0
    recap, tps, ktpel = data_for(KODE, seed=7406)
    files = region_files(folder, region, recap, tps, ktpel)
    assert cli.main(["ingest", *map(str, files), "--db", str(path)]) == 0
    return path, tps


@pytest.fixture
def bombana(bombana_master, tmp_path):
    """A private copy of the installation (both stores) a test may change; and its TPS rows."""
    master, tps = bombana_master
    path = tmp_path / "readiness.duckdb"
    shutil.copyfile(master, path)
    catatan.salin(master, path)
    return path, tps


def _links(at) -> list[str]:
    return [link.value for link in at.page_link]


def _input(at, label: str, prefix: str):
    return next(t for t in at.text_input if t.label == label and (t.key or "").startswith(prefix))


def _button(at, label: str):
    return next(b for b in at.button if b.label == label)


def _picker(at) -> list[str]:
    return list(next(s for s in at.sidebar.selectbox if s.label == "Pemilihan").options)


# --------------------------------------------------------------------------- without korwil
@pytest.mark.parametrize("page", PAGES)
def test_every_page_opens_on_a_new_installation(bombana, monkeypatch, page):
    path, _ = bombana
    at = buka(path, monkeypatch, page)  # asserts no exception
    assert "Traceback" not in teks_semua(at)
    if page in KORWIL_PAGES:
        assert BELUM_KORWIL in teks_semua(at), page
        assert ATUR_KORWIL in _links(at), page
    else:
        assert BELUM_KORWIL not in teks_semua(at), page


def test_without_korwil_the_tables_have_no_empty_korwil_column(bombana, monkeypatch):
    path, _ = bombana
    at = buka(path, monkeypatch, "ringkasan")
    table = tabel(at, "Kecamatan")
    assert len(table) == REGIONS[KODE]["kecamatan"]
    assert "Korwil" not in table.columns
    assert "Buka halaman Korwil" not in _links(at)


def test_a_click_on_a_kecamatan_bar_opens_that_kecamatan(bombana, monkeypatch):
    path, _ = bombana
    kode, nama = next(iter(kode_kecamatan(KODE).items()))[::-1]
    at = buka(path, monkeypatch, "ringkasan")
    at.session_state["batang_ringkasan"] = {
        "selection": {"points": [{"customdata": [kode]}], "point_indices": [], "box": [], "lasso": []}
    }
    at.run()
    assert not at.exception
    assert at.title[0].value == f"Kecamatan {nama}"
    assert at.query_params["kecamatan"] == kode


def test_a_role_without_pengaturan_reads_who_sets_the_korwil(bombana, monkeypatch):
    from tests.pages.test_akses import app

    path, _ = bombana
    pengguna.tambah(path, "budi", "admin", SANDI, pelaku=jejak.CLI)
    pengguna.tambah(path, "sekda", "pimpinan", SANDI, pelaku=jejak.CLI)
    at = app(path, monkeypatch, "korwil", "sekda")
    assert BELUM_KORWIL in teks_semua(at)
    assert ATUR_KORWIL not in _links(at)
    assert "Admin desk pilkada mengaturnya di halaman Pengaturan." in teks_semua(at)


def test_the_deck_has_no_empty_korwil_slide(bombana):
    path, _ = bombana
    con = db.connect_read(path)
    try:
        deck = rakor.build(con, E)
    finally:
        con.close()
    kinds = [s.kind for s in deck.slides]
    assert kinds[:2] == ["ringkasan", "peta"] and "korwil" not in kinds
    peta = deck.slides[1]
    assert peta.subjudul.endswith(BELUM_KORWIL)
    words = [s.judul for s in deck.slides] + [s.catatan for s in deck.slides]
    words += [cell for s in deck.slides for cell in s.kolom]
    words += [cell for s in deck.slides for b in s.baris for cell in b.sel]
    assert not any("korwil" in w.lower() for w in words), [w for w in words if "korwil" in w.lower()]


# --------------------------------------------------------------------------- elections
def test_an_election_added_on_pengaturan_shows_in_the_election_picker(bombana, monkeypatch):
    path, _ = bombana
    at = buka(path, monkeypatch, "pengaturan")
    assert _picker(at) == ["Pilbup 2024"]
    at.text_input(key="pemilihan_tambah_kode").set_value("pilkada-2029")
    _input(at, "Tanggal pemungutan suara (TTTT-BB-HH)", "pemilihan_tambah").set_value("2029-11-28")
    _button(at, "Tambah pemilihan").click().run()
    assert not at.exception
    assert tampak(at.success[0].value) == (
        "Pemilihan ditambahkan: pilkada-2029: Pemilihan Bupati dan Wakil Bupati Bombana 2029 (74.06), "
        "28 November 2029, paling banyak 600 pemilih per TPS."
    )
    assert _picker(at) == ["Pilbup 2029", "Pilbup 2024"]
    listed = tabel(at, "Kode").set_index("Kode")
    assert listed.loc["pilkada-2029"].to_dict() == {
        "Nama": "Pemilihan Bupati dan Wakil Bupati Bombana 2029",
        "Jenis": "pemilihan bupati",
        "Wilayah": "Kabupaten Bombana (74.06)",
        "Pemungutan suara": "28 November 2029",
        "Kapasitas TPS": "600",
        "Aktif": "",
    }
    assert listed.loc[E, "Aktif"] == "ya"
    con = db.connect_read(path)
    try:
        assert con.execute(
            "select pelaku, objek, rincian->>'perubahan' from jejak where aksi = 'pemilihan'"
        ).fetchall() == [("lokal", "pilkada-2029", "tambah")]
    finally:
        con.close()

    # and removed again (the active one is not offered)
    hapus = next(s for s in at.selectbox if s.label == "Pemilihan yang dihapus")
    assert hapus.options == ["Pemilihan Bupati dan Wakil Bupati Bombana 2029"]
    at.button(key="pemilihan_hapus_tombol").click().run()
    assert tampak(at.success[0].value).startswith("Pemilihan dihapus: pilkada-2029: ")
    assert _picker(at) == ["Pilbup 2024"]


def test_an_invalid_date_is_refused_naming_the_field(bombana, monkeypatch):
    path, _ = bombana
    before = path.read_bytes()
    at = buka(path, monkeypatch, "pengaturan")
    at.text_input(key="pemilihan_tambah_kode").set_value("pilkada-2029")
    _input(at, "Tanggal pemungutan suara (TTTT-BB-HH)", "pemilihan_tambah").set_value("28-11-2029")
    _button(at, "Tambah pemilihan").click().run()
    assert not at.exception
    assert tampak(at.error[0].value) == (
        "Tidak disimpan: tanggal '28-11-2029' tidak dikenali: tulis TTTT-BB-HH, mis. 2024-11-27 — periksa isian "
        "«Tanggal pemungutan suara (TTTT-BB-HH)»."
    )
    assert path.read_bytes() == before
    assert _picker(at) == ["Pilbup 2024"]
    # no date at all: the page names its own field, never the command line's flag
    _input(at, "Tanggal pemungutan suara (TTTT-BB-HH)", "pemilihan_tambah").set_value("")
    _button(at, "Tambah pemilihan").click().run()
    assert tampak(at.error[0].value) == (
        "Tidak disimpan: hari pemungutan suara wajib diisi untuk pemilihan baru — periksa isian "
        "«Tanggal pemungutan suara (TTTT-BB-HH)»."
    )
    assert path.read_bytes() == before
    # the same check when changing one
    _input(at, "Tanggal pemungutan suara (TTTT-BB-HH)", "pemilihan_ubah").set_value("2024-13-01")
    _button(at, "Simpan perubahan pemilihan").click().run()
    assert tampak(at.error[0].value).startswith("Tidak disimpan: tanggal '2024-13-01' tidak dikenali")
    assert path.read_bytes() == before


def test_editing_the_tps_capacity_changes_the_over_capacity_count(bombana, monkeypatch):
    path, tps = bombana
    over_400 = sum(1 for _, _, _, laki, perempuan in tps if laki + perempuan > 400)
    assert over_400 > 0
    at = buka(path, monkeypatch, "tps")
    assert metrics(at)["TPS > 600 pemilih"] == "0"
    at.switch_page("pages/pengaturan.py").run()
    _input(at, "Pemilih paling banyak per TPS", "pemilihan_ubah").set_value("400")
    _button(at, "Simpan perubahan pemilihan").click().run()
    assert not at.exception
    assert tampak(at.success[0].value) == (
        f"Pemilihan diubah: {E}: {PEMILIHAN} (74.06), 27 November 2024, paling banyak 400 pemilih per TPS."
    )
    # the thresholds form shows the new capacity too (saving it does not put the old one back)
    assert (
        next(t for t in at.text_input if t.label == "Kapasitas pemilih per TPS" and t.key.startswith("atur_")).value
        == "400"
    )
    at.switch_page("pages/tps.py").run()
    assert metrics(at)["TPS > 400 pemilih"] == f"{over_400:,}".replace(",", ".")
    con = db.connect_read(path)
    try:
        assert con.execute(
            "select sebelum->>'kapasitas_tps', sesudah->>'kapasitas_tps' from jejak "
            "where aksi = 'pemilihan' and rincian->>'perubahan' = 'ubah'"
        ).fetchall() == [("600", "400")]
    finally:
        con.close()


# --------------------------------------------------------------------------- the korwil editor
@pytest.mark.parametrize("groups", [1, 6])
def test_the_korwil_editor_takes_any_number_of_korwil(bombana, monkeypatch, groups):
    path, _ = bombana
    kecamatan = list(dict.fromkeys(k for k, _ in places(KODE)))
    at = buka(path, monkeypatch, "pengaturan")
    edits = {
        i: {"Korwil": f"Korwil {i % groups + 1}", "Koordinator": f"Asisten {i % groups + 1}"}
        for i in range(len(kecamatan))
    }
    at.session_state[f"korwil_{E}"] = {"edited_rows": edits, "added_rows": [], "deleted_rows": []}
    at.run()
    _button(at, "Simpan pembagian korwil").click().run()
    assert not at.exception
    assert "Pembagian korwil disimpan." in [s.value for s in at.success]
    at.switch_page("pages/korwil.py").run()
    text = teks_semua(at)
    assert BELUM_KORWIL not in text
    for n in range(1, groups + 1):
        share = len(range(n - 1, len(kecamatan), groups))
        assert f"Korwil {n}" in [h.value for h in at.subheader]
        assert f"(dari {share} kecamatan)" in text
    at.switch_page("pages/ringkasan.py").run()
    assert list(tabel(at, "Korwil")["Korwil"]) == [f"Korwil {n}" for n in range(1, groups + 1)]
    con = db.connect_read(path)
    try:
        deck = rakor.build(con, E)
    finally:
        con.close()
    korwil_slides = {s.kicker.split(" (lanjutan")[0] for s in deck.slides if s.kind == "korwil"}
    assert korwil_slides == {f"Korwil: Korwil {n}" for n in range(1, groups + 1)}
