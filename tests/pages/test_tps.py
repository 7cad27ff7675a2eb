"""TPS page through AppTest: voters per TPS, over-capacity TPS, per kecamatan."""

from tests.pages.halaman import buka, metrics, semua_tabel, teks_semua


def test_kabupaten_tps_figures(demo_db, monkeypatch):
    at = buka(demo_db, monkeypatch, "tps")
    m = metrics(at)
    assert m["TPS"] == "1.739"
    assert m["TPS > 600 pemilih"] == "3"
    assert m["Terbanyak per TPS"] == "631"
    assert m["Pemilih"] == "872.201"  # Gending's TPS list is 17 short of the recap
    over = [f for f in semua_tabel(at) if "Kelebihan" in f.columns][0]
    assert sorted(zip(over["Desa/Kelurahan"], over["DPT"], over["Kelebihan"])) == [
        ("Asembakor", "612", "12"),
        ("Randumerak", "631", "31"),
        ("Sumberejo", "605", "5"),
    ]
    daftar = [f for f in semua_tabel(at) if "Keterangan" in f.columns][0]
    assert len(daftar) == 1739
    assert (daftar["Keterangan"] == "■ Melebihi kapasitas").sum() == 3
    text = teks_semua(at)
    assert "Daftar TPS belum memuat koordinat" in text
    assert "Status logistik belum ada di daftar TPS." in text


def test_one_kecamatan_from_the_url(demo_db, monkeypatch):
    at = buka(demo_db, monkeypatch, "tps", kecamatan="35.13.12")
    assert at.title[0].value == "TPS — Kecamatan Paiton"
    m = metrics(at)
    assert m["TPS"] == "113" and m["TPS > 600 pemilih"] == "2"


def test_coordinates_logistics_and_kerawanan_when_the_list_has_them(demo_db, monkeypatch, tmp_path):
    from readiness import ingest
    from tests import xlsx

    rows = [
        ["KECAMATAN", "DESA", "NO TPS", "DPT", "LINTANG", "BUJUR", "STATUS LOGISTIK", "KATEGORI RAWAN"],
        ["Sukapura", "Ngadisari", 1, 610, -7.92, 112.96, "Sudah diterima", "Lokasi TPS"],
        ["Sukapura", "Ngadisari", 2, 400, -7.93, 112.97, "Belum diterima", ""],
    ]
    path = xlsx.write(tmp_path / "tps_sukapura.xlsx", rows)
    assert ingest.ingest_files(demo_db, [(path.name, path.read_bytes())]).committed
    at = buka(demo_db, monkeypatch, "tps", kecamatan="35.13.01")
    assert metrics(at)["TPS"] == "2"
    text = teks_semua(at)
    assert "2 dari 2 TPS memiliki koordinat." in text
    assert "2 dari 2 TPS terisi" in text and "1 dari 2 TPS terisi" in text
    daftar = [f for f in semua_tabel(at) if "Keterangan" in f.columns][0]
    assert list(daftar["Status logistik"]) == ["Sudah diterima", "Belum diterima"]
    assert list(daftar["Lintang"]) == ["-7,920000", "-7,930000"]


def test_no_tps_for_2018_says_what_to_upload(demo_db, monkeypatch):
    at = buka(demo_db, monkeypatch, "tps", pemilu="pilkada-2018")
    assert "Data TPS belum diunggah" in at.info[0].value
    assert not at.metric
