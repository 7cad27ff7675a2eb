"""A province installation through AppTest: `init --wilayah 74` (Provinsi Sulawesi Tenggara) and
its DPT recap per desa with a Kabupaten/Kota column (nothing of Kota Bau Bau, Kota Kendari without Kecamatan Baruga). Every page
opens and speaks of the province and its Gubernur, never of a Bupati; Ringkasan lists the kab/kota
and opens one. Users limited to one kab/kota: the admin sets it on the Pengguna page; a pimpinan of
the province sees every kab/kota, an analis of Kabupaten Bombana finds the app opened on Bombana."""

from __future__ import annotations

import shutil

import duckdb
import pandas as pd
import pytest

from app.markdown import escape_md
from readiness import cli, fmt, jejak, model, pengguna
from tests import kpu_rekap
from tests.conftest import provinsi_salinan
from tests.pages.halaman import buka, metrics, semua_tabel, tabel, teks_semua
from tests.pages.test_akses import SANDI, app
from tests.pages.test_wilayah_baru import PAGES
from tests.test_wilayah_provinsi import province_recap, recap_rows, report


@pytest.fixture(scope="module")
def sultra(provinsi_master, tmp_path_factory):
    folder = tmp_path_factory.mktemp("sultra")
    path = provinsi_salinan(provinsi_master, folder / "readiness.duckdb")
    rows = [r for r in recap_rows("74", seed=74) if r[0] != "Kota Bau Bau" and r[:2] != ("Kota Kendari", "Baruga")]
    recap = province_recap(folder / "rekap_dpt_sultra.xlsx", rows)
    assert cli.main(["ingest", str(recap), "--db", str(path)]) == 0
    return path


def test_every_page_opens_in_a_province_and_speaks_of_it(sultra, monkeypatch, tmp_path):
    path = tmp_path / "readiness.duckdb"
    shutil.copyfile(sultra, path)
    words = {}
    for page in PAGES:
        at = buka(path, monkeypatch, page)  # asserts no exception
        words[page] = teks_semua(at)
        assert "Traceback" not in words[page], page
        assert "Bupati" not in words[page], page
    assert "Provinsi Sulawesi Tenggara · Pilgub 2024" in words["presentasi"]
    assert (
        "Provinsi Sulawesi Tenggara · Pemilihan Gubernur dan Wakil Gubernur Sulawesi Tenggara 2024 "
        "(pemungutan suara 27 November 2024)"
    ) in words["ringkasan"]
    assert "Laporan untuk Pj Gubernur Sulawesi Tenggara:" in words["masalah"]


def test_ringkasan_of_a_province_lists_its_kabkota_and_opens_one(sultra, monkeypatch, tmp_path):
    path = tmp_path / "readiness.duckdb"
    shutil.copyfile(sultra, path)
    _, kabkota, _ = report(path, "kabkota")
    at = buka(path, monkeypatch, "ringkasan")
    rows = tabel(at, "Kabupaten/kota")
    assert len(rows) == 17
    dpt = dict(zip(rows["Kabupaten/kota"], rows["DPT"]))
    expected = {name: f"{int(v):,}".replace(",", ".") for name, v in zip(kabkota["kabkota"], kabkota["dpt"]) if v == v}
    assert len(expected) == 15  # Kendari's DPT is not the sum of all its kecamatan: none
    kendari = rows[rows["Kabupaten/kota"] == "Kota Kendari"].iloc[0]
    assert (kendari["DPT"], kendari["Status"]) == ("–", "▲ Perlu perhatian")
    assert kendari["Alasan"].startswith("Data pemilih (rekap DPT) belum lengkap (10 dari 11 kecamatan), ")
    assert {name: dpt[name] for name in expected} == expected
    bau_bau = rows[rows["Kabupaten/kota"] == "Kota Bau Bau"].iloc[0]
    assert bau_bau["Alasan"] == "Belum ada data diunggah"
    assert bau_bau["Status"] == "■ Belum siap"
    bombana = rows[rows["Kabupaten/kota"] == "Kabupaten Bombana"].iloc[0]
    assert bombana["Alasan"] == "Data TPS belum diunggah, Data KTP-el belum diunggah, Target partisipasi belum diunggah"
    assert "ringkasan?pemilu=pilkada-2024&amp;kabkota=74.06" in " ".join(h.value for h in at.html)

    at = buka(path, monkeypatch, "ringkasan", kabkota="74.06")
    kecamatan = tabel(at, "Kecamatan")
    assert len(kecamatan) == 22  # Bombana's kecamatan only
    assert metrics(at)["DPT (jumlah pemilih)"] == expected["Kabupaten Bombana"]
    assert [e.label for e in at.get("page_link")][0] == "Provinsi Sulawesi Tenggara"
    assert "**Kabupaten Bombana** · Pilgub 2024" in [e.value for e in at.markdown]  # the breadcrumb's end, the election


def test_ringkasan_of_a_province_shows_the_completeness_matrix(sultra, monkeypatch, tmp_path):
    path = tmp_path / "readiness.duckdb"
    shutil.copyfile(sultra, path)
    at = buka(path, monkeypatch, "ringkasan")
    assert "Kelengkapan data per kabupaten/kota" in [h.value for h in at.subheader]

    matriks = [f for f in semua_tabel(at) if "Rekap DPT" in f.columns][0]
    assert list(matriks.columns) == [
        "Kabupaten/kota",
        "Rekap DPT",
        "Daftar pemilih",
        "TPS",
        "KTP-el",
        "Target partisipasi",
        "Permasalahan",
    ]
    rows = matriks.set_index("Kabupaten/kota")
    assert len(rows) == 17
    assert rows.loc["Kota Bau Bau", "Rekap DPT"] == "○ belum ada"
    # sent from the command line: the file names the sender
    assert rows.loc["Kota Kendari", "Rekap DPT"].startswith("◐ 10 dari 11 kecamatan · diunggah ")
    assert rows.loc["Kota Kendari", "Rekap DPT"].endswith(" · rekap_dpt_sultra.xlsx")
    assert rows.loc["Kabupaten Bombana", "Rekap DPT"].startswith("● lengkap · ")
    assert rows.loc["Kabupaten Bombana", "KTP-el"] == "○ belum ada"


# --------------------------------------------------------------------------- users limited to a kab/kota
@pytest.fixture
def dengan_pengguna(sultra, tmp_path):
    """The province with an admin, a pimpinan of the province and an analis of Kabupaten Bombana."""
    path = tmp_path / "readiness.duckdb"
    shutil.copyfile(sultra, path)
    pengguna.tambah(path, "budi", "admin", SANDI, pelaku=jejak.CLI)
    pengguna.tambah(path, "gubernur", "pimpinan", SANDI, pelaku=jejak.CLI)
    pengguna.tambah(path, "ana", "analis", SANDI, kabkota="74.06", pelaku=jejak.CLI)
    return path


def test_a_pimpinan_of_the_province_sees_every_kabkota_an_analis_of_bombana_opens_on_bombana(
    dengan_pengguna, monkeypatch
):
    path = dengan_pengguna
    at = app(path, monkeypatch, "ringkasan", "gubernur")
    assert len(tabel(at, "Kabupaten/kota")) == 17
    at = app(path, monkeypatch, "ringkasan", "ana")
    assert at.query_params["kabkota"] == "74.06"
    assert len(tabel(at, "Kecamatan")) == 22  # Bombana's kecamatan
    pilihan = at.selectbox(key="pilih_kabkota")
    assert pilihan.value == "74.06" and len(pilihan.options) == 18
    pilihan.set_value("semua").run()  # the province is one choice away, and stays chosen
    assert len(tabel(at, "Kabupaten/kota")) == 17
    at.run()
    assert at.selectbox(key="pilih_kabkota").value == "semua"


def test_the_admin_sets_the_kabkota_of_a_user_on_the_pengguna_page(dengan_pengguna, monkeypatch):
    path = dengan_pengguna
    at = app(path, monkeypatch, "pengguna", "budi")
    users = tabel(at, "Nama").set_index("Nama")
    assert dict(users["Kabupaten/kota"]) == {
        "ana": "Kabupaten Bombana",
        "budi": "Seluruh wilayah",
        "gubernur": "Seluruh wilayah",
    }
    at.text_input(key="baru_nama").input("sari")
    at.selectbox(key="baru_peran").set_value("analis")
    at.text_input(key="baru_sandi").input(SANDI)
    at.text_input(key="baru_ulang").input(SANDI)
    at.selectbox(key="baru_kabkota").set_value("74.01")
    next(b for b in at.button if b.label == "Tambah pengguna").click().run()
    assert at.success[0].value == "Pengguna 'sari' ditambahkan sebagai Analis, hanya untuk Kabupaten Kolaka."
    assert pengguna.cari(path, "sari")["kabkota"] == "74.01"
    # ana's kab/kota changed; an admin cannot be limited
    at.selectbox(key="ubah_nama").set_value("ana").run()
    assert at.selectbox(key="ubah_kabkota_ana").value == "74.06"
    at.selectbox(key="ubah_kabkota_ana").set_value("74.01")
    at.button(key="simpan_peran").click().run()
    assert at.success[0].value == "Peran 'ana' sekarang Analis, hanya untuk Kabupaten Kolaka."
    assert pengguna.cari(path, "ana")["kabkota"] == "74.01"
    at.selectbox(key="ubah_nama").set_value("gubernur").run()
    at.selectbox(key="ubah_peran_gubernur").set_value("admin")
    at.selectbox(key="ubah_kabkota_gubernur").set_value("74.06")
    at.button(key="simpan_peran").click().run()
    assert at.error[0].value == "Tidak disimpan: " + escape_md(
        "Admin mengelola seluruh wilayah dan tidak dapat dibatasi pada satu kabupaten/kota."
    )
    assert pengguna.cari(path, "gubernur")["peran"] == "pimpinan"


# --------------------------------------------------------------------------- korwil of kab/kota
def test_korwil_page_of_a_province_shows_each_korwils_kabkota_and_the_rest_as_tanpa_korwil(
    sultra, monkeypatch, tmp_path
):
    import pandas as pd

    from readiness import db, model

    path = tmp_path / "readiness.duckdb"
    shutil.copyfile(sultra, path)
    rows = pd.DataFrame(
        [
            ("Kabupaten Kolaka", "Wilayah Daratan", "Asisten Pemerintahan"),
            ("Kabupaten Konawe", "Wilayah Daratan", None),
            ("Kabupaten Muna", "Wilayah Kepulauan", "Asisten Perekonomian"),
            ("Kabupaten Buton", "Wilayah Kepulauan", None),
        ],
        columns=["kabkota", "korwil", "koordinator"],
    )
    with db.writing(path) as con:
        model.simpan_korwil_kabkota(con, "pilkada-2024", rows)
    _, kabkota, _ = report(path, "kabkota")
    dpt = kabkota.set_index("kode_kabkota")["dpt"]

    def angka(n) -> str:
        return f"{int(n):,}".replace(",", ".")

    at = buka(path, monkeypatch, "korwil")
    text = teks_semua(at)
    assert [h.value for h in at.subheader][1:4] == ["Wilayah Daratan", "Wilayah Kepulauan", "Tanpa korwil"]
    assert "2 kabupaten/kota: Kabupaten Kolaka, Kabupaten Konawe" in text
    assert f"DPT **{angka(dpt['74.01'] + dpt['74.02'])}** · TPS" in text
    assert f"DPT **{angka(dpt['74.03'] + dpt['74.04'])}** · TPS" in text
    # the other thirteen kab/kota, Kota Bau Bau without data among them: no sum
    assert "Belum masuk korwil mana pun" in text and "DPT **–** · TPS" in text
    assert "13 kabupaten/kota: Kabupaten Konawe Selatan, Kabupaten Bombana, " in text
    assert at.selectbox[0].options == [
        "Wilayah Daratan — Asisten Pemerintahan",
        "Wilayah Kepulauan — Asisten Perekonomian",
    ]
    assert any(c.value.startswith("Koordinator: Asisten Pemerintahan · 2 kabupaten/kota: ") for c in at.caption)
    rows = tabel(at, "Kabupaten/kota")
    assert rows["Kabupaten/kota"].tolist() == ["Kabupaten Kolaka", "Kabupaten Konawe"]
    assert rows["DPT"].tolist() == [angka(dpt["74.01"]), angka(dpt["74.02"])]


def test_tps_of_a_province_lists_one_kabkota_at_a_time(sultra, monkeypatch, tmp_path):
    from readiness import ingest
    from tests import kpu_tps

    path = tmp_path / "readiness.duckdb"
    shutil.copyfile(sultra, path)
    tps, n, _ = kpu_tps.write(tmp_path / "tps_sultra.xlsx", prefix=("74.01.", "74.06."), judul="PROVINSI")
    assert ingest.ingest_files(path, [(tps.name, tps)]).committed
    # The province as a whole: its totals, no list of every TPS, and what to choose.
    at = buka(path, monkeypatch, "tps")
    assert at.title[0].value == "TPS — Provinsi Sulawesi Tenggara"
    assert metrics(at)["TPS"] == f"{n:,}".replace(",", ".")
    assert not [s.value for s in at.subheader if s.value.startswith(("Daftar TPS", "Per kecamatan"))]
    assert (
        f"Provinsi Sulawesi Tenggara punya {n:,} TPS: terlalu banyak untuk dibaca dalam satu daftar. ".replace(",", ".")
        + "Pilih satu kabupaten/kota di bagian atas halaman"
    ) in at.info[0].value
    # One kab/kota: its own TPS listed, its kecamatan alone in the table and the choice.
    at.selectbox(key="pilih_kabkota").set_value("74.06").run()
    assert not at.exception
    assert at.title[0].value == "TPS — Kabupaten Bombana"
    jumlah = metrics(at)["TPS"]
    assert f"Daftar TPS ({jumlah})" in [s.value for s in at.subheader] and int(jumlah.replace(".", "")) < n
    kecamatan = tabel(at, "Kecamatan")
    bombana = {k for _, _, _, k, _, _ in kpu_tps.places("74.06.")}
    assert {k.upper() for k in kecamatan["Kecamatan"]} == bombana
    assert len(at.selectbox(key="pilih_kecamatan").options) == len(bombana) + 1  # and `Semua kecamatan`
    # A link to a kecamatan of another kab/kota opens it with its kab/kota.
    at = buka(path, monkeypatch, "tps", kecamatan="74.01.01")
    assert at.title[0].value.startswith("TPS — Kecamatan ")
    assert at.selectbox(key="pilih_kabkota").value == "74.01"


def test_kecamatan_of_a_kabkota_known_only_by_its_total_shows_that_total_once(provinsi_master, monkeypatch, tmp_path):
    path = provinsi_salinan(provinsi_master, tmp_path / "readiness.duckdb")
    data = kpu_rekap.rows(seed=3, prefix="74.")
    recap = kpu_rekap.write(tmp_path / "rekap_dpt_sultra.xlsx", data)
    assert cli.main(["ingest", str(recap), "--db", str(path)]) == 0
    kolaka = next(b for b in data if b.kode == "74.01")
    at = buka(path, monkeypatch, "kecamatan", kecamatan="74.01.01")  # Wundulako, in Kabupaten Kolaka
    words = teks_semua(at)
    assert "Belum ada data untuk Kecamatan Wundulako" not in words
    info = " ".join(i.value for i in at.info)
    assert "Kabupaten Kolaka" in info and "rincian kecamatan belum ada" in info, info
    # The kab/kota's total, named as the kab/kota's: never as the kecamatan's own figure.
    assert metrics(at) == {"DPT Kabupaten Kolaka": fmt.angka(kolaka.dpt), "TPS Kabupaten Kolaka": fmt.angka(kolaka.tps)}
    assert f"Laki-laki {fmt.angka(kolaka.l)} · Perempuan {fmt.angka(kolaka.p)}" in words
    assert "Buka Ringkasan Kabupaten Kolaka" in [p.label for p in at.get("page_link")]


def test_on_a_phone_a_kabkota_of_a_province_is_put_in_a_korwil_one_at_a_time(provinsi_master, monkeypatch, tmp_path):
    path = provinsi_salinan(provinsi_master, tmp_path / "readiness.duckdb")
    with duckdb.connect(str(path)) as con:  # one korwil so far: Kabupaten Buton's
        model.simpan_korwil_kabkota(
            con,
            "pilkada-2024",
            pd.DataFrame({"kabkota": ["Kabupaten Buton"], "korwil": ["Kepulauan"], "koordinator": ["Asisten I"]}),
        )
    at = buka(path, monkeypatch, "pengaturan")
    at.selectbox(key="korwil_hp_kabkota_pilkada-2024").set_value("Kabupaten Wakatobi").run()
    next(s for s in at.selectbox if s.label == "Korwil").set_value("Kepulauan")
    next(t for t in at.text_input if t.label == "Koordinator korwil").set_value("Asisten Pemerintahan")
    next(b for b in at.button if b.label == "Simpan korwil Kabupaten Wakatobi").click().run()
    assert at.success[0].value == "Korwil Kabupaten Wakatobi disimpan."
    con = duckdb.connect(str(path), read_only=True)
    try:
        rows = con.execute(
            "select distinct k.kode_kabkota, w.korwil, w.koordinator from korwil w "
            "join ref_kecamatan k using (kode_kecamatan) where w.election_id = 'pilkada-2024'"
        ).fetchall()
        wakatobi = con.execute("select count(*) from ref_kecamatan where kode_kabkota = '74.07'").fetchone()[0]
        stored = con.execute("select count(*) from korwil where election_id = 'pilkada-2024'").fetchone()[0]
        buton = con.execute("select count(*) from ref_kecamatan where kode_kabkota = '74.04'").fetchone()[0]
    finally:
        con.close()
    assert sorted(rows) == [
        ("74.04", "Kepulauan", "Asisten Pemerintahan"),
        ("74.07", "Kepulauan", "Asisten Pemerintahan"),
    ]
    assert stored == wakatobi + buton
    # The other kab/kota stay in no korwil, and the form says so.
    at = buka(path, monkeypatch, "pengaturan")
    at.selectbox(key="korwil_hp_kabkota_pilkada-2024").set_value("Kabupaten Bombana").run()
    assert next(s for s in at.selectbox if s.label == "Korwil").value == "Tanpa korwil"


def test_a_kind_of_data_not_uploaded_is_said_in_words_under_its_card(sultra, monkeypatch, tmp_path):
    path = tmp_path / "readiness.duckdb"
    shutil.copyfile(sultra, path)
    at = buka(path, monkeypatch, "ringkasan", kabkota="74.06")  # Bombana: its DPT recap alone
    captions = [c.value for c in at.caption]
    assert "Data KTP-el belum lengkap" in captions and not [c for c in captions if "– dari –" in c]
    at = buka(path, monkeypatch, "kecamatan", kecamatan="74.06.01")
    captions = [c.value for c in at.caption]
    assert {"Data TPS belum diunggah", "Data KTP-el belum diunggah"} <= set(captions), captions
    assert not [c for c in captions if "– dari –" in c or "Terbanyak –" in c]
