"""KTP-el page through AppTest: coverage against thresholds, belum rekam ranked, the trend."""

from readiness import ingest
from tests import xlsx
from tests.pages.halaman import buka, metrics, semua_tabel, tabel, teks_semua


def test_coverage_and_ranking(demo_db, monkeypatch):
    at = buka(demo_db, monkeypatch, "ktpel")
    m = metrics(at)
    assert m["Cakupan kabupaten"] == "97,41%"
    assert m["Wajib KTP-el"] == "887.588"
    assert m["Belum rekam"] == "23.010"
    assert m["Di bawah 98%"] == "11"
    ranked = tabel(at, "No")
    assert list(ranked["Kecamatan"][:3]) == ["Krucil", "Tiris", "Pakuniran"]
    assert ranked.iloc[0]["Belum rekam"] == "2.343" and ranked.iloc[0]["Status"] == "■ Belum siap"
    assert ranked["Belum rekam"].str.replace(".", "").astype(int).sum() == 23010
    assert "lebih dari satu unggahan KTP-el" in teks_semua(at)


def test_progress_over_time_after_a_second_dated_upload(demo_db, monkeypatch, tmp_path):
    rows = [["KECAMATAN", "WAJIB KTP-EL", "SUDAH REKAM", "TANGGAL DATA"], ["Krucil", 35502, 34000, "25-11-2024"]]
    path = xlsx.write(tmp_path / "ktpel_krucil_2024-11-25.xlsx", rows)
    assert ingest.ingest_files(demo_db, [(path.name, path.read_bytes())]).committed
    at = buka(demo_db, monkeypatch, "ktpel")
    trend = [f for f in semua_tabel(at) if "Cakupan 25 November 2024" in f.columns][0].set_index("Kecamatan")
    assert trend.loc["Krucil", "Cakupan 20 November 2024"] == "93,40%"
    assert trend.loc["Krucil", "Cakupan 25 November 2024"] == "95,77%"
    # The other 23 kecamatan carry their 20 November figure forward.
    assert trend.loc["Tiris", "Cakupan 25 November 2024"] == "94,10%"
    assert metrics(at)["Belum rekam"] == "22.169"  # Krucil 2.343 -> 1.502


def test_no_ktpel_for_2018_says_what_to_upload(demo_db, monkeypatch):
    at = buka(demo_db, monkeypatch, "ktpel", pemilu="pilkada-2018")
    assert "Data perekaman KTP-el belum diunggah" in at.info[0].value
    assert not at.metric
