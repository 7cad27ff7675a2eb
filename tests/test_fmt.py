import datetime as dt
import math

from readiness import fmt


def test_counts_use_dots_for_thousands():
    assert fmt.angka(872218) == "872.218"
    assert fmt.angka(1234567) == "1.234.567"
    assert fmt.angka(600) == "600"


def test_percent_uses_decimal_comma():
    assert fmt.persen(98.03) == "98,03%"
    assert fmt.persen(97.4125) == "97,41%"
    assert fmt.persen(82, 1) == "82,0%"


def test_missing_is_a_dash_not_zero():
    assert fmt.angka(None) == "–"
    assert fmt.persen(math.nan) == "–"
    # an empty cell of a whole-number column (pandas Int64), e.g. KTP-el never uploaded
    import pandas as pd

    assert fmt.angka(pd.Series([None], dtype="Int64")[0]) == "–"


def test_dates_in_indonesian():
    assert fmt.tanggal(dt.date(2024, 11, 20)) == "20 November 2024"
    assert fmt.tanggal(dt.date(2018, 6, 27)) == "27 Juni 2018"
    assert fmt.tanggal_jam(dt.datetime(2024, 11, 20, 14, 0)) == "20 November 2024 14.00 WIB"


def test_ringkas_drops_needless_decimals():
    assert fmt.ringkas(98.0) == "98"
    assert fmt.ringkas(0.5) == "0,5"
    assert fmt.ringkas(57.2) == "57,2"


def test_turnout_reads_to_one_decimal_everywhere():
    assert fmt.partisipasi(82) == "82,0%"
    assert fmt.partisipasi(73.43) == "73,4%"
    assert fmt.partisipasi(81.899) == "81,9%"
    assert fmt.partisipasi(None) == "–"


def test_a_partial_figure_names_the_kecamatan_it_counts():
    semua = ["Sukapura", "Sumber", "Kuripan", "Bantaran", "Leces", "Tegalsiwalan", "Banyuanyar", "Tiris"]
    assert fmt.cakupan("daftar pemilih", ["Lumbang"], semua + ["Lumbang"]) == "dari daftar pemilih 1 kecamatan: Lumbang"
    assert fmt.cakupan("data KTP-el", semua[:2], semua) == "dari data KTP-el 2 kecamatan: Sukapura dan Sumber"
    assert fmt.cakupan("data KTP-el", semua[:6], semua) == (
        "dari data KTP-el 6 dari 8 kecamatan (belum: Banyuanyar dan Tiris)"
    )
    assert fmt.cakupan("data KTP-el", semua, semua) == "dari data KTP-el seluruh 8 kecamatan"


def test_the_nation_dpt_card_reads_in_millions_the_rest_whole():
    """The nation's 216.699.979 voters cut off (`216.699…`) in a figure card at 1024 px."""
    assert fmt.besar(216_699_979) == "216,7 juta"
    assert fmt.besar(5_201_767) == "5.201.767"
    assert fmt.besar(872_218) == "872.218"
    assert fmt.besar(None) == "–"
