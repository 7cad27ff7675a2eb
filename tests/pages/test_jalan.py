"""The walk through the data through AppTest: a kecamatan chosen on one page stays chosen on the
others opened without a query (as the sidebar opens them), a URL wins over it, a desa opens as
the TPS page's desa level with its breadcrumb, and a korwil chosen elsewhere lets the kecamatan go."""

from readiness import db
from tests.pages.halaman import buka, metrics, semua_tabel, teks_semua

KRAKSAAN, ASEMBAKOR, SEMAMPIR = "35.13.14", "35.13.14.2013", "35.13.14.1003"


def _buka_lagi(at, page: str, **query):
    """Open another page in the same session, as the sidebar's links do: no query but `query`."""
    for key in list(at.query_params):
        del at.query_params[key]
    at.query_params.update(query)
    at.switch_page(f"pages/{page}.py").run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _pertama_di(db_path, korwil: str) -> str:
    """The first kecamatan of `korwil` in Kemendagri code order, read from the database."""
    con = db.connect_read(db_path)
    try:
        return con.execute(
            "select k.kecamatan from korwil w join ref_kecamatan k using (kode_kecamatan) "
            "where w.election_id = 'pilkada-2024' and w.korwil = ? order by k.kode_kecamatan limit 1",
            [korwil],
        ).fetchone()[0]
    finally:
        con.close()


def _remah(at) -> list[tuple[str, str]]:
    """The breadcrumb's links: (label, query)."""
    return [(link.value, link.proto.query_string) for link in at.page_link if "pemilu=" in link.proto.query_string]


def test_a_kecamatan_chosen_stays_chosen_on_every_page_until_changed(demo_db, monkeypatch):
    at = buka(demo_db, monkeypatch, "kecamatan")
    at.selectbox(key="pilih_kecamatan").set_value(KRAKSAAN).run()
    assert at.title[0].value == "Kecamatan Kraksaan"

    _buka_lagi(at, "pemilih")
    assert at.query_params["kecamatan"] == KRAKSAAN  # written back into the URL of the page opened
    assert "Per desa/kelurahan: Kecamatan Kraksaan" in teks_semua(at)
    _buka_lagi(at, "tps")
    assert at.title[0].value == "TPS — Kecamatan Kraksaan"
    assert metrics(at)["TPS"] == "107"
    _buka_lagi(at, "korwil")
    assert at.selectbox(key="pilih_korwil").value == "Wilayah III"  # Kraksaan's korwil

    # A link to another kecamatan wins over the remembered one, and is remembered in turn.
    _buka_lagi(at, "kecamatan", kecamatan="35.13.12")
    assert at.title[0].value == "Kecamatan Paiton"
    _buka_lagi(at, "tps")
    assert at.title[0].value == "TPS — Kecamatan Paiton"

    # Another korwil chosen: a kecamatan outside it is let go; Kecamatan opens that korwil's first.
    _buka_lagi(at, "korwil")
    at.selectbox(key="pilih_korwil").set_value("Wilayah II").run()
    _buka_lagi(at, "kecamatan")
    assert at.title[0].value == f"Kecamatan {_pertama_di(demo_db, 'Wilayah II')}"


def test_a_desa_is_the_tps_page_of_that_desa_with_its_breadcrumb(demo_db, monkeypatch):
    at = buka(demo_db, monkeypatch, "tps", kecamatan=KRAKSAAN, desa=ASEMBAKOR)
    assert at.title[0].value == "TPS — Desa Asembakor"
    assert at.selectbox(key="pilih_desa").value == ASEMBAKOR
    m = metrics(at)
    assert m["TPS"] == "6" and m["Pemilih"] == "3.271" and m["Terbanyak per TPS"] == "612"
    daftar = [f for f in semua_tabel(at) if "Keterangan" in f.columns][0]
    assert list(daftar["TPS"]) == ["1", "2", "3", "4", "5", "6"]
    assert set(daftar["Desa/Kelurahan"]) == {"Asembakor"}
    assert "Belum siap** — 1 TPS > 600 pemilih (terbanyak 612)" in at.error[0].value
    assert _remah(at) == [
        ("Kabupaten Probolinggo", "pemilu=pilkada-2024"),
        ("Wilayah III", "pemilu=pilkada-2024&korwil=Wilayah+III"),
        ("Kecamatan Kraksaan", f"pemilu=pilkada-2024&kecamatan={KRAKSAAN}"),
        ("Desa Asembakor", f"pemilu=pilkada-2024&kecamatan={KRAKSAAN}&desa={ASEMBAKOR}"),
    ]
    # A kelurahan is named as one, from the region's own words.
    at = buka(demo_db, monkeypatch, "tps", kecamatan=KRAKSAAN, desa=SEMAMPIR)
    assert at.title[0].value == "TPS — Kelurahan Semampir"
    # A desa of another kecamatan in the URL is not this kecamatan's: every desa is listed.
    at = buka(demo_db, monkeypatch, "tps", kecamatan="35.13.12", desa=ASEMBAKOR)
    assert at.title[0].value == "TPS — Kecamatan Paiton" and metrics(at)["TPS"] == "113"
