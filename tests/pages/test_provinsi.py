"""A province installation through AppTest: `init --wilayah 74` (Provinsi Sulawesi Tenggara) and
its DPT recap per desa with a Kabupaten/Kota column. Every page opens and speaks of the province
and its Gubernur, never of a Bupati."""

from __future__ import annotations

import shutil

import pytest

from readiness import cli
from tests.pages.halaman import buka, teks_semua
from tests.pages.test_wilayah_baru import PAGES
from tests.test_wilayah_provinsi import province_recap, recap_rows


@pytest.fixture(scope="module")
def sultra(tmp_path_factory):
    folder = tmp_path_factory.mktemp("sultra")
    path = folder / "readiness.duckdb"
    assert cli.main(["init", "--wilayah", "74", "--db", str(path)]) == 0
    recap = province_recap(folder / "rekap_dpt_sultra.xlsx", recap_rows("74", seed=74))
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
