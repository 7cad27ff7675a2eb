"""What the dashboard pages show, decided by readiness.model.halaman without Streamlit: the headline
figures in words, the orderings and the lines the pages only lay out (sample data)."""

import pytest

from readiness import db, model
from readiness.model import kartu


@pytest.fixture(scope="module")
def con(demo_db_master):
    connection = db.connect_read(demo_db_master)
    yield connection
    connection.close()


def _kartu(data, key="kartu"):
    return {k.judul: (k.nilai, k.keterangan) for k in data[key]}


def test_ringkasan_headline_figures_and_korwil_counts(con):
    data = model.halaman_ringkasan(con, "pilkada-2024")
    kartu = _kartu(data)
    assert kartu["DPT (jumlah pemilih)"] == ("872.218", "Laki-laki 425.106 · Perempuan 447.112")
    assert kartu["TPS"][1] == "3 TPS melebihi 600 pemilih"
    statuses = [k.nilai for k in data["kartu_status"]]
    assert sum(int(n) for n in statuses) == 24  # every kecamatan counted once
    korwil = data["korwil"].set_index("korwil")
    assert korwil.loc["Wilayah II", "rincian"] == "3 belum siap · 5 perlu perhatian · 0 siap"
    assert not data["kosong"]
    assert model.halaman_ringkasan(con, "pilkada-2018")["kosong"]


def test_korwil_follow_up_list_is_worst_first_and_keeps_green_kecamatan_with_open_problems(con):
    data = model.halaman_korwil(con, "pilkada-2024")
    assert list(data["korwil"]["korwil"]) == ["Wilayah I", "Wilayah II", "Wilayah III"]
    wilayah = data["per_korwil"]["Wilayah III"]
    assert len(wilayah["kecamatan"]) == 8
    todo = wilayah["tindak_lanjut"]
    statuses = list(todo["status"])
    assert statuses == sorted(statuses, key=model.halaman.STATUS_ORDER.get)
    assert list(todo[todo["status"] == "merah"]["kecamatan"]) == sorted(todo[todo["status"] == "merah"]["kecamatan"])
    assert "Besuk" in set(todo["kecamatan"])  # green, with one open problem in the sample inventory
    assert data["pilihan_korwil"]["Wilayah III"] == "Wilayah III — Asisten Perekonomian dan Pembangunan"
    row = data["korwil"].set_index("korwil").loc["Wilayah III"]
    assert row["rincian_lengkap"] == "3 belum siap · 4 perlu perhatian · 1 siap (dari 8 kecamatan)"
    assert row["masalah_terbuka"] == wilayah["kecamatan"]["masalah_terbuka"].sum()


def test_kecamatan_sources_and_headline_figures(con):
    data = model.halaman_kecamatan(con, "pilkada-2024", "35.13.24")  # Lumbang
    assert data["baris"]["kecamatan"] == "Lumbang"
    assert data["sumber"] == [
        "Rekap pemilih (DPT per desa/kecamatan): unggahan #1",
        "Daftar TPS: unggahan #2",
        "Perekaman KTP-el: unggahan #3",
        "Target partisipasi: unggahan #4",
        "Daftar pemilih per orang (DPT/DPS/DP4): unggahan #5",
    ]
    assert _kartu(data)["Target partisipasi"] == ("80,0%", "Partisipasi 2018: 57,2%")
    assert data["indikator"].set_index("indikator").loc["Risiko partisipasi", "status"] == "merah"
    paiton = model.halaman_kecamatan(con, "pilkada-2024", "35.13.12")["tps"]
    assert sorted(paiton.loc[paiton["keterangan"] != "", "keterangan"]) == [
        "■ Melebihi kapasitas (lebih 31)",
        "■ Melebihi kapasitas (lebih 5)",
    ]


def test_pemilih_headline_figures_and_voter_groups(con):
    data = model.halaman_pemilih(con, "pilkada-2024", "35.13.14")
    kartu = _kartu(data)
    assert kartu["DPT"] == ("872.218", "24 dari 24 kecamatan ada data pemilih")
    assert kartu["Laki-laki"] == ("425.106", "48,7% dari DPT")
    assert kartu["Pemilih pemula"][1].endswith("dari daftar pemilih 1 kecamatan: Lumbang (25.127 pemilih)")
    labels, values = data["kelompok"]["pemula"]
    assert labels == ["Semua pemula", "Laki-laki", "Perempuan"] and values[0] == values[1] + values[2]
    assert data["nama_kecamatan"] == "Kraksaan" and data["desa_tanpa_daftar"]
    empty = model.halaman_pemilih(con, "pilkada-2018", "35.13.14")
    assert empty["kosong"] and empty["kelompok"] is None and empty["kartu"] == []


def test_tps_over_capacity_and_headline_figures(con):
    data = model.halaman_tps(con, "pilkada-2024", None)
    assert data["kapasitas"] == 600
    assert sorted(data["tps_lebih"]["kelebihan"]) == [5, 12, 31]
    assert (data["tps"]["keterangan"] == "■ Melebihi kapasitas").sum() == 3
    assert _kartu(data)["TPS > 600 pemilih"] == ("3", "Kapasitas per TPS untuk pemilihan ini: 600 pemilih")
    assert data["berkoordinat"] == 0 and data["logistik"]["status_logistik"].empty
    # A TPS list of two kecamatan only: its totals name them.
    dua = data["tps"][data["tps"]["kecamatan"].isin(["Lumbang", "Tiris"])]
    semua = data["kecamatan"]["kecamatan"]
    cards = {k.judul: k for k in kartu.tps(dua, dua.iloc[0:0], 600, data["kata"], semua)}
    assert cards["TPS"].keterangan == "dari daftar TPS 2 kecamatan: Lumbang dan Tiris · 26 desa/kelurahan"
    assert cards["Pemilih"].keterangan == "jumlah pemilih dari daftar TPS 2 kecamatan: Lumbang dan Tiris"
    empty = model.halaman_tps(con, "pilkada-2018", None)
    assert empty["kosong"] and empty["kartu"] == [] and empty["kapasitas"] is None


def test_ktpel_ranking_and_single_date(con):
    data = model.halaman_ktpel(con, "pilkada-2024")
    ranked = data["peringkat"]
    assert list(ranked["kecamatan"][:3]) == ["Krucil", "Tiris", "Pakuniran"]
    assert list(ranked["peringkat"]) == list(range(1, len(ranked) + 1))
    assert _kartu(data)["Belum rekam"] == ("23.010", "dari data KTP-el seluruh 24 kecamatan")
    # Two kecamatan without KTP-el figures: the sum names what it counts and what it leaves out.
    kec = data["ktpel_kecamatan"].copy()
    kec.loc[kec["kecamatan"].isin(["Tiris", "Krucil"]), ["ktpel_wajib", "ktpel_rekam", "ktpel_belum"]] = None
    belum = {k.judul: k for k in kartu.ktpel(data["kabupaten"].iloc[0], kec, 98, 95, data["kata"])}["Belum rekam"]
    assert belum.keterangan == "dari data KTP-el 22 dari 24 kecamatan (belum: Tiris dan Krucil)"
    assert data["tren_lebar"] is None and data["tren_tanggal"] == "20 November 2024"
    assert model.halaman_ktpel(con, "pilkada-2018")["tren_tanggal"] == "belum ada"


def test_partisipasi_ranked_by_gap_with_the_target_source(con):
    data = model.halaman_partisipasi(con, "pilkada-2024")
    ranked = data["peringkat"]
    assert list(ranked["kecamatan"][:3]) == ["Lumbang", "Kuripan", "Leces"]
    assert ranked.iloc[0]["sumber"] == "Berkas target (kecamatan)"
    assert _kartu(data)["Selisih > 15 poin"] == ("3", "kecamatan · ■ Belum siap")
    assert not data["ada_realisasi"] and data["kartu_realisasi"] == []
    assert str(data["tanggal_pemilihan"]) == "2024-11-27"
