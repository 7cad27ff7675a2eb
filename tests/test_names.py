import pytest

from readiness import db, ingest
from readiness.names import Gazetteer, name_key
from reference import nasional


@pytest.fixture(scope="module")
def gaz(tmp_path_factory):
    path = tmp_path_factory.mktemp("g") / "r.duckdb"
    con = db.connect_read(path)
    try:
        return ingest.load_gazetteer(con)
    finally:
        con.close()


@pytest.mark.parametrize("written", ["KEC. KRAKSAAN", "Kecamatan Kraksaan", " kraksaan ", "Kec.Kraksaan", "KRAKSAAN"])
def test_kecamatan_prefixes_case_and_spacing(gaz, written):
    assert gaz.match_kecamatan(written) == "35.13.14"


@pytest.mark.parametrize(
    "written,kode",
    [
        ("Banyu Anyar", "35.13.06"),
        ("KOTA ANYAR", "35.13.11"),
        ("Tegal Siwalan", "35.13.20"),
        ("Pejarakan", "35.13.16"),
        ("Sumber Asih", "35.13.21"),
        ("WONO MERTO", "35.13.22"),
    ],
)
def test_known_spelling_variants(gaz, written, kode):
    assert gaz.match_kecamatan(written) == kode


def test_desa_is_matched_within_its_kecamatan(gaz):
    # "Karanganyar" exists in more than one kecamatan: the kecamatan decides which one.
    codes = {k for k, p in gaz.desa.items() if name_key(p.nama) == "karanganyar"}
    assert len(codes) >= 2
    for kode in codes:
        assert gaz.match_desa(kode[:8], "DESA KARANGANYAR") == kode


def test_desa_apostrophe_and_old_spelling(gaz):
    kode = gaz.match_desa("35.13.02", "Remba'an")
    assert kode is not None
    assert gaz.match_desa("35.13.02", "REMBAAN") == kode


def test_unknown_name_gets_suggestions(gaz):
    assert gaz.match_kecamatan("Kraksan") is None
    assert "Kraksaan" in gaz.suggest_kecamatan("Kraksan")


# --------------------------------------------------------------------------- names across regions
def _gazetteer_of(kode: str, nama: str) -> Gazetteer:
    """The gazetteer a `init --wilayah kode` installation has: its places from the national reference."""
    return Gazetteer(
        [(r["kode_kecamatan"], r["kecamatan"]) for r in nasional.rows("kecamatan", kode)],
        [(r["kode_desa"], r["desa"], r["kode_kecamatan"]) for r in nasional.rows("desa", kode)],
        wilayah=(kode, nama),
    )


@pytest.fixture(scope="module")
def bombana():
    return _gazetteer_of("74.06", "Kabupaten Bombana")


@pytest.mark.parametrize("written", ["Lumbang", "KURIPAN", "Kec. Sumber"])
def test_names_of_probolinggo_match_only_in_probolinggo(gaz, bombana, written):
    assert gaz.match_kecamatan(written) is not None
    assert bombana.match_kecamatan(written) is None


def test_a_kecamatan_of_other_kabkota_names_them(gaz, bombana):
    assert bombana.unknown_kecamatan("LUMBANG") == (
        "kecamatan 'LUMBANG' tidak ada di Kabupaten Bombana; ada di Kabupaten Probolinggo, Kabupaten Pasuruan"
    )
    assert gaz.unknown_kecamatan("Poleang Timur") == (
        "kecamatan 'Poleang Timur' tidak ada di Kabupaten Probolinggo; ada di Kabupaten Bombana"
    )
    # a name of many kab/kota: the first five, then how many more
    assert gaz.unknown_kecamatan("Kota").startswith("kecamatan 'Kota' tidak ada di Kabupaten Probolinggo; ada di ")


def test_a_kecamatan_of_elsewhere_one_letter_off_a_kecamatan_here_suggests_it(bombana):
    assert bombana.unknown_kecamatan("Rumbai") == (
        "kecamatan 'Rumbai' tidak ada di Kabupaten Bombana; ada di Kota Pekanbaru; mungkin maksudnya: Rumbia"
    )


def test_a_name_known_nowhere_is_unknown_with_close_names(bombana):
    assert bombana.unknown_kecamatan("Poleang Timr") == (
        "kecamatan 'Poleang Timr' tidak dikenal; mungkin maksudnya: Poleang Timur, Poleang Utara, Poleang"
    )


def test_a_name_the_region_has_twice_names_both_with_codes_and_a_code_matches():
    # a province installation holds kecamatan of one name in two kab/kota
    twice = Gazetteer(
        [("35.13.24", "Lumbang"), ("35.14.04", "Lumbang"), ("35.14.05", "Puspo")],
        [("35.13.24.2001", "Lumbang", "35.13.24"), ("35.14.04.2001", "Lumbang", "35.14.04")],
        wilayah=("35", "Provinsi Jawa Timur"),
    )
    assert twice.match_kecamatan("LUMBANG") is None
    assert twice.unknown_kecamatan("LUMBANG") == (
        "kecamatan 'LUMBANG' ada 2 di Provinsi Jawa Timur: Lumbang (35.13.24), Lumbang (35.14.04); "
        "tulis kode kecamatannya"
    )
    assert twice.match_kecamatan("35.14.04") == "35.14.04"
    assert twice.match_desa("35.14.04", "Desa Lumbang") == "35.14.04.2001"


def test_a_desa_name_twice_in_one_kecamatan_names_both_with_codes():
    ambon = _gazetteer_of("81.71", "Kota Ambon")
    assert ambon.match_desa("81.71.01", "NUSANIWE") is None
    assert ambon.unknown_desa("81.71.01", "NUSANIWE") == (
        "desa/kelurahan 'NUSANIWE' ada 2 di Kecamatan Nusaniwe: Nusaniwe (81.71.01.1006), Nusaniwe (81.71.01.2003); "
        "tulis kode desa/kelurahannya"
    )
    assert ambon.match_desa("81.71.01", " 81.71.01.1006 ") == "81.71.01.1006"
    assert ambon.match_desa("81.71.02", "81.71.01.1006") is None  # a code of another kecamatan is no desa here


@pytest.mark.parametrize(
    "written,key",
    [
        ("KEC. Banyu-Anyar ", "banyuanyar"),
        ("Kelapa Dua", "kelapadua"),  # starts like a prefix, is none
        ("KEL. KELAPA DUA", "kelapadua"),
        ("Desa Kel. Sumber", "sumber"),
        ("Ds.Sumber Jaya", "sumberjaya"),
        ("DSUMBER", "dsumber"),
        ("desa", "desa"),  # a prefix alone stays
        ("Remba'an", "rembaan"),
        ("Lubuk Pakam I,II", "lubukpakamiii"),
        ("Sumber\u00a0Jaya", "sumberjaya"),
        ("\tDesa\u00a0Sumber", "sumber"),
        ("Kélapa", "klapa"),
        (1234, "1234"),
    ],
)
def test_name_key_of_names_as_offices_write_them(written, key):
    assert name_key(written) == key


def test_desa_keys_are_what_match_desa_looks_names_up_in():
    """The table a large list's desa names are joined with: a key two desa of a kecamatan share
    matches neither, an alias matches its desa, a kecamatan's name does not cross to another."""
    gaz = Gazetteer(
        [("11.01.01", "Bakongan"), ("11.01.02", "Kluet Utara")],
        [
            ("11.01.01.2001", "Sumber I", "11.01.01"),
            ("11.01.01.2002", "Sumber-I", "11.01.01"),
            ("11.01.01.2003", "Keude Baru", "11.01.01"),
            ("11.01.02.2001", "Keude Baru", "11.01.02"),
        ],
        desa_alias=[("Keudee Baroe", "11.01.01.2003"), ("Sumber Satu", "11.01.01.2001")],
    )
    keys = {(kec, key): kode for kec, key, kode in zip(*gaz.desa_keys().to_pydict().values())}
    assert keys == {
        ("11.01.01", "sumberi"): None,
        ("11.01.01", "keudebaru"): "11.01.01.2003",
        ("11.01.02", "keudebaru"): "11.01.02.2001",
        ("11.01.01", "keudeebaroe"): "11.01.01.2003",
        ("11.01.01", "sumbersatu"): "11.01.01.2001",
    }
    assert {(kec, key): gaz.match_desa(kec, key) for kec, key in keys} == keys
    assert gaz.desa["11.01.01.2002"].nama == "Sumber-I" and len(gaz.desa) == 4
    assert "ada 2 di Kecamatan Bakongan: Sumber I (11.01.01.2001), Sumber-I (11.01.01.2002)" in gaz.unknown_desa(
        "11.01.01", "SUMBER I"
    )
