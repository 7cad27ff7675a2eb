"""The problems list as the pages show it: filters, search, labels and id-ID cells."""

import datetime as dt

import pandas as pd

from readiness.masalah import tabel as masalah_tabel


def _daftar() -> pd.DataFrame:
    rows = [
        (
            1,
            "35.13.14",
            "Sukapura",
            "Korwil I",
            "Ngadisari",
            "003",
            "logistik",
            "Kotak suara RUSAK  di gudang",
            "Camat Sukapura",
            dt.datetime(2024, 11, 20),
            "tinggi",
            "baru",
            None,
            True,
        ),
        (
            2,
            "35.13.14",
            "Sukapura",
            "Korwil I",
            None,
            None,
            "keamanan",
            "Baliho dirusak",
            None,
            dt.datetime(2024, 11, 21),
            "sedang",
            "ditangani",
            "Sudah dilaporkan ke Polsek; KOTAK aman",
            True,
        ),
        (
            3,
            "35.13.17",
            "Kraksaan",
            None,
            None,
            None,
            "logistik",
            "Surat suara kurang 1.200 lembar",
            "KPU",
            dt.datetime(2024, 11, 18),
            "rendah",
            "selesai",
            "Dikirim susulan",
            False,
        ),
    ]
    return pd.DataFrame(
        rows,
        columns=[
            "masalah_id",
            "kode_kecamatan",
            "kecamatan",
            "korwil",
            "desa",
            "no_tps",
            "kategori",
            "uraian",
            "pelapor",
            "tanggal",
            "tingkat",
            "status",
            "catatan_terakhir",
            "terbuka",
        ],
    )


def test_search_ignores_case_and_reads_the_description_reporter_and_latest_note():
    daftar = _daftar()
    assert list(masalah_tabel.saring(daftar, cari="  kotak ")["masalah_id"]) == [1, 2]
    assert list(masalah_tabel.saring(daftar, cari="kotak", status=["baru"])["masalah_id"]) == [1]
    assert list(masalah_tabel.saring(daftar, cari="kpu")["masalah_id"]) == [3]


def test_every_filter_keeps_only_its_values_and_an_empty_one_keeps_all():
    daftar = _daftar()
    assert len(masalah_tabel.saring(daftar)) == 3
    assert list(masalah_tabel.saring(daftar, kategori=["logistik"], korwil=["Korwil I"])["masalah_id"]) == [1]
    assert list(masalah_tabel.saring(daftar, kecamatan=["35.13.17"])["masalah_id"]) == [3]


def test_the_list_and_the_figures_in_the_users_words():
    daftar = _daftar()
    shown = masalah_tabel.tabel_daftar(daftar)
    assert list(shown.iloc[1][["No.", "Korwil", "Desa/Kelurahan", "Pelapor", "Tanggal", "Status"]]) == [
        "#2",
        "Korwil I",
        "–",
        "–",
        "21 Nov 2024",
        "Ditangani",
    ]
    assert masalah_tabel.hitungan(daftar) == {
        "Masalah terbuka": "2",
        "Terbuka, tingkat tinggi": "1",
        "Sedang ditangani": "1",
        "Selesai": "1",
    }
    terbuka = masalah_tabel.tabel_terbuka(masalah_tabel.terbuka(daftar))
    assert list(terbuka["No."]) == ["#1", "#2"]  # the most severe first
