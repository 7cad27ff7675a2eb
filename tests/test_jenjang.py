"""readiness.model.jenjang: the walk's parents, the choice kept when one level is chosen, the
breadcrumb in the region's words, and the order a TPS list is read in."""

import pandas as pd

from readiness.model import jenjang
from readiness.wilayah.kata import Kata

PENUGASAN = pd.DataFrame(
    {
        "kode_kecamatan": ["35.13.12", "35.13.14", "35.13.24", "35.13.30"],
        "kecamatan": ["Paiton", "Kraksaan", "Lumbang", "Baru"],
        "korwil": ["Wilayah III", "Wilayah III", "Wilayah I", None],
    }
)
DESA = pd.DataFrame(
    {
        "kode_desa": ["35.13.14.2013", "35.13.14.1003"],
        "desa": ["Asembakor", "Semampir"],
        "jenis": ["desa", "kelurahan"],
    }
)
TEMPAT = jenjang.Tempat.dari(PENUGASAN, DESA)
KAB = Kata(nama="Kabupaten Probolinggo", jenis="kabupaten", desa="desa/kelurahan")


def test_choosing_a_desa_brings_its_kecamatan_and_korwil():
    got = jenjang.pilih({"korwil": "Wilayah I", "kecamatan": "35.13.24"}, "desa", "35.13.14.2013", TEMPAT)
    assert got == {"korwil": "Wilayah III", "kecamatan": "35.13.14", "desa": "35.13.14.2013"}


def test_another_kecamatan_lets_the_desa_go_and_a_korwil_lets_an_outside_kecamatan_go():
    kept = {"korwil": "Wilayah III", "kecamatan": "35.13.14", "desa": "35.13.14.2013"}
    assert jenjang.pilih(kept, "kecamatan", "35.13.12", TEMPAT) == {
        "korwil": "Wilayah III",
        "kecamatan": "35.13.12",
        "desa": None,
    }
    assert jenjang.pilih(kept, "korwil", "Wilayah III", TEMPAT) == kept  # Kraksaan lies inside
    assert jenjang.pilih(kept, "korwil", "Wilayah I", TEMPAT) == {
        "korwil": "Wilayah I",
        "kecamatan": None,
        "desa": None,
    }
    # Every kecamatan (`semua`) keeps the korwil; a kecamatan without korwil keeps it too.
    assert jenjang.pilih(kept, "kecamatan", "semua", TEMPAT)["korwil"] == "Wilayah III"
    assert jenjang.pilih(kept, "kecamatan", "35.13.30", TEMPAT)["korwil"] == "Wilayah III"


def test_breadcrumb_in_the_region_words():
    labels = [r.label for r in jenjang.remah(KAB, TEMPAT, "desa", "35.13.14.1003")]
    assert labels == ["Kabupaten Probolinggo", "Wilayah III", "Kecamatan Kraksaan", "Kelurahan Semampir"]
    assert [r.label for r in jenjang.remah(KAB, TEMPAT, "kecamatan", "35.13.30")] == [
        "Kabupaten Probolinggo",
        "Kecamatan Baru",  # no korwil: no korwil part
    ]
    kota = Kata(nama="Kota Probolinggo", jenis="kota", desa="kelurahan")
    assert [r.label for r in jenjang.remah(kota, TEMPAT, "korwil", "Wilayah I")] == ["Kota Probolinggo", "Wilayah I"]
    assert [r.label for r in jenjang.remah(kota, TEMPAT)] == ["Kota Probolinggo"]


def test_tps_in_reading_order():
    tps = pd.DataFrame(
        {
            "kecamatan": ["Kraksaan"] * 4 + ["Gading"],
            "desa": ["Sumberlele", "Asembakor", "Asembakor", "Asembakor", "Wangkal"],
            "no_tps": ["1", "10", "2", "1", "3"],
        }
    )
    got = jenjang.urut_tps(tps)
    assert list(zip(got["kecamatan"], got["desa"], got["no_tps"])) == [
        ("Gading", "Wangkal", "3"),
        ("Kraksaan", "Asembakor", "1"),
        ("Kraksaan", "Asembakor", "2"),
        ("Kraksaan", "Asembakor", "10"),
        ("Kraksaan", "Sumberlele", "1"),
    ]


PROVINSI = jenjang.Tempat.dari(
    pd.DataFrame(
        {
            "kode_kecamatan": ["74.06.01", "74.06.05", "74.71.02"],
            "kecamatan": ["Rumbia", "Poleang", "Mandonga"],
            "korwil": [None, None, None],
        }
    ),
    kabkota=pd.DataFrame({"kode_kabkota": ["74.06", "74.71"], "kabkota": ["Kabupaten Bombana", "Kota Kendari"]}),
)
SULTRA = Kata(nama="Provinsi Sulawesi Tenggara", jenis="provinsi", desa="desa/kelurahan")


def test_in_a_province_a_kecamatan_brings_its_kabkota_and_a_kabkota_lets_an_outside_kecamatan_go():
    kept = {"kabkota": "74.71", "korwil": None, "kecamatan": None, "desa": None}
    assert jenjang.pilih(kept, "kecamatan", "74.06.05", PROVINSI)["kabkota"] == "74.06"
    kept = {"kabkota": "74.06", "korwil": None, "kecamatan": "74.06.05", "desa": None}
    assert jenjang.pilih(kept, "kabkota", "74.06", PROVINSI)["kecamatan"] == "74.06.05"
    assert jenjang.pilih(kept, "kabkota", "74.71", PROVINSI) == {
        "kabkota": "74.71",
        "korwil": None,
        "kecamatan": None,
        "desa": None,
    }


def test_the_breadcrumb_of_a_province_passes_through_the_kabkota():
    labels = [p.label for p in jenjang.remah(SULTRA, PROVINSI, "kecamatan", "74.06.05")]
    assert labels == ["Provinsi Sulawesi Tenggara", "Kabupaten Bombana", "Kecamatan Poleang"]
    parts = jenjang.remah(SULTRA, PROVINSI, "kabkota", "74.71")
    assert [(p.label, p.tingkat, p.kode) for p in parts][1:] == [("Kota Kendari", "kabkota", "74.71")]
    assert [p.label for p in jenjang.remah(KAB, TEMPAT, "kecamatan", "35.13.14")][1:] == [
        "Wilayah III",
        "Kecamatan Kraksaan",
    ]
