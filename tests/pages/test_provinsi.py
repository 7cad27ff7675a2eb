"""A province installation through AppTest: `init --wilayah 74` (Provinsi Sulawesi Tenggara) and
its DPT recap per desa with a Kabupaten/Kota column (nothing of Kota Bau Bau, Kota Kendari without Kecamatan Baruga). Every page
opens and speaks of the province and its Gubernur, never of a Bupati; Ringkasan lists the kab/kota
and opens one."""

from __future__ import annotations

import shutil

import pytest

from readiness import cli
from tests.pages.halaman import buka, metrics, semua_tabel, tabel, teks_semua
from tests.pages.test_wilayah_baru import PAGES
from tests.test_wilayah_provinsi import province_recap, recap_rows, report


@pytest.fixture(scope="module")
def sultra(tmp_path_factory):
    folder = tmp_path_factory.mktemp("sultra")
    path = folder / "readiness.duckdb"
    assert cli.main(["init", "--wilayah", "74", "--db", str(path)]) == 0
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
    assert "**Kabupaten Bombana**" in [e.value for e in at.markdown]  # the breadcrumb's end


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
