"""Partisipasi page through AppTest: target against previous turnout, the gap ranked, realised turnout."""

from readiness import ingest
from tests import xlsx
from tests.pages.halaman import buka, metrics, semua_tabel, tabel, teks_semua


def test_target_against_2018_ranked_by_gap(demo_db, monkeypatch):
    at = buka(demo_db, monkeypatch, "partisipasi")
    m = metrics(at)
    assert m["Target kabupaten"] == "82,0%"
    assert m["Partisipasi 2018"] == "73,4%"
    assert m["Selisih > 15 poin"] == "3"
    assert m["Selisih 5–15 poin"] == "13"
    table = tabel(at, "Kecamatan")
    assert list(table["Kecamatan"][:3]) == ["Lumbang", "Kuripan", "Leces"]
    lumbang = table.iloc[0]
    assert (lumbang["Target"], lumbang["Partisipasi 2018"], lumbang["Selisih (poin)"]) == ("80,0%", "57,2%", "22,8")
    assert lumbang["Status"] == "■ Belum siap" and lumbang["Sumber target"] == "Berkas target (kecamatan)"
    assert "kolom PENGGUNA HAK PILIH" in teks_semua(at)


def test_realised_turnout_after_election_day(demo_db, monkeypatch, tmp_path):
    rows = [
        ["KECAMATAN", "TARGET PARTISIPASI", "PARTISIPASI 2018", "PENGGUNA HAK PILIH"],
        ["Lumbang", 80, "57,2", 14372],
        ["Kraksaan", 82, "76,1", 45000],
    ]
    path = xlsx.write(tmp_path / "realisasi.xlsx", rows)
    assert ingest.ingest_files(demo_db, [(path.name, path.read_bytes())]).committed
    at = buka(demo_db, monkeypatch, "partisipasi")
    assert metrics(at)["Pengguna hak pilih"] == "59.372"
    done = [f for f in semua_tabel(at) if "Terealisasi" in f.columns][0].set_index("Kecamatan")
    assert done.loc["Lumbang", "Terealisasi"] == "57,2%"  # 14.372 of 25.127
    assert done.loc["Lumbang", "Selisih dari target (poin)"] == "-22,80"
    assert done.loc["Kraksaan", "Terealisasi"] == "83,0%"  # 45.000 of 54.217
    assert metrics(at)["Kecamatan di bawah target"] == "1"


def test_no_participation_data_for_2018(demo_db, monkeypatch):
    at = buka(demo_db, monkeypatch, "partisipasi", pemilu="pilkada-2018")
    assert "Belum ada data partisipasi untuk pemilihan ini (target bawaan 82,0%)" in at.info[0].value
