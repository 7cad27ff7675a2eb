"""The rows the wording of reasons reads (readiness.model._nilai.records) hold the values
`DataFrame.to_dict("records")` gives, for every kind of column a mart returns, so a kecamatan's
or kab/kota's reasons read the same words as before."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from readiness.model._nilai import records
from readiness.model.alasan import reasons, tindak_lanjut


def _sama(a, b) -> bool:
    if type(a) is not type(b):
        return False
    if isinstance(a, float) and math.isnan(a):
        return math.isnan(b)
    return a is b or a == b


def _tabel() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "kecamatan": pd.Series(["Lumbang", None, "Tiris"], dtype="str"),
            "korwil": pd.Series(["Korwil I", None, "Korwil II"], dtype="string"),
            "koordinator": pd.Series([None, "Ani", None], dtype=object),
            "campur": pd.Series([np.int64(3), pd.NA, np.float64(2.5)], dtype=object),
            "tanggal_obj": pd.Series([np.datetime64("2024-11-20"), np.bool_(True), None], dtype=object),
            "dpt": pd.Series([17265, None, 20112], dtype="Int64"),
            "ktpel_persen": [94.1, np.nan, 98.03],
            "tps": [41, 52, 60],
            "ada_tps": [True, False, True],
            "tanggal_data": pd.to_datetime(["2024-11-20", None, "2024-11-18"]),
            "target": pd.Series([77.5, None, 80], dtype="Float64"),
            "lengkap": pd.Series([True, None, False], dtype="boolean"),
            "jenis": pd.Series(["tps", None, "tps"], dtype="category"),
        }
    )


def test_rows_hold_the_values_to_dict_gives_for_every_kind_of_column():
    df = _tabel()
    expected = df.to_dict("records")
    rows = records(df)
    assert len(rows) == len(expected) == 3
    for row, want in zip(rows, expected):
        assert list(row) == list(want)
        differ = {k: (row[k], v) for k, v in want.items() if not _sama(row[k], v)}
        assert differ == {}
        assert dict(row).keys() == want.keys()
    # pandas NA reads None (as to_dict gives it), a missing text NaN, a missing date NaT
    assert rows[1]["korwil"] is None and rows[1]["dpt"] is None and rows[1]["campur"] is None
    assert math.isnan(rows[1]["kecamatan"]) and rows[1]["tanggal_data"] is pd.NaT
    assert type(rows[0]["campur"]) is int and type(rows[0]["tps"]) is int and rows[0]["ada_tps"] is True


def test_a_row_reads_its_columns_by_name_as_the_table_was_when_read():
    df = _tabel()
    rows = records(df)
    df["alasan"] = ["a", "b", "c"]  # a column the wording adds after reading the rows
    df.loc[0, "tps"] = 999
    assert rows[0]["tps"] == 41
    assert rows[0].get("alasan") is None and rows[0].get("alasan", "–") == "–"
    with pytest.raises(KeyError):
        rows[0]["alasan"]
    assert "tps" in rows[0] and "alasan" not in rows[0] and len(rows[0]) == 13


def _kecamatan() -> pd.DataFrame:
    """Two marts/kecamatan rows: one with every kind of data and its indicators off, one without data."""
    row = {
        "jumlah_jenis_data": 4,
        "ada_pemilih": True,
        "ada_tps": True,
        "ada_ktpel": True,
        "ada_target": False,
        "status_tps": "merah",
        "tps_melebihi_kapasitas": 3.0,
        "kapasitas_tps": 600,
        "pemilih_per_tps_maks": 712.0,
        "status_ktpel": "kuning",
        "ktpel_persen": 94.1,
        "ktpel_wajib": 12000.0,
        "ktpel_rekam": 11292.0,
        "t_ktpel_hijau": 95.0,
        "t_ktpel_kuning": 90.0,
        "status_partisipasi": "merah",
        "partisipasi_sebelumnya": 71.25,
        "target_partisipasi": 80.0,
        "selisih_partisipasi": 8.8,
        "status_konsistensi": "kuning",
        "dpt_rekap": 17265.0,
        "dpt_daftar_tps": 17260.0,
        "dpt_daftar_pemilih": np.nan,
        "selisih_dpt": 5.0,
        "masalah_terbuka": 2,
        "masalah_terbuka_tinggi": 1,
    }
    kosong = {k: (np.nan if isinstance(v, float) else v) for k, v in row.items()}
    kosong.update(jumlah_jenis_data=0, masalah_terbuka=0, masalah_terbuka_tinggi=0)
    df = pd.DataFrame([row, kosong])
    for col in ("status_tps", "status_ktpel", "status_partisipasi", "status_konsistensi"):
        df[col] = df[col].astype("str")
    return df.astype({"masalah_terbuka": "Int64", "masalah_terbuka_tinggi": "Int64"})


def test_reasons_and_follow_up_read_the_same_words_from_the_rows():
    df = _kecamatan()
    for row, want in zip(records(df), df.to_dict("records")):
        assert reasons(row, "Partisipasi 2018") == reasons(want, "Partisipasi 2018")
        assert tindak_lanjut(row) == tindak_lanjut(want)
    first = records(df)[0]
    assert reasons(first, "Partisipasi 2018") == [
        "Target partisipasi belum diunggah",
        "3 TPS > 600 pemilih (terbanyak 712)",
        "KTP-el 94,10% (< 95%)",
        "Partisipasi 2018 71,25% vs target 80% (selisih 8,8 poin)",
        "DPT rekap 17.265 ≠ daftar TPS 17.260",
        "2 masalah terbuka (1 tinggi)",
    ]
