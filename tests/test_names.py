import pytest

from readiness import db, ingest
from readiness.names import name_key


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


@pytest.mark.parametrize("written,kode", [("Banyu Anyar", "35.13.06"), ("KOTA ANYAR", "35.13.11"),
                                          ("Tegal Siwalan", "35.13.20"), ("Pejarakan", "35.13.16"),
                                          ("Sumber Asih", "35.13.21"), ("WONO MERTO", "35.13.22")])
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
