"""Ringkasan through Streamlit's AppTest, against real DuckDB files."""

from pathlib import Path

from streamlit.testing.v1 import AppTest

from tests.pages.halaman import tabel

ROOT = Path(__file__).resolve().parents[2]


def _app(db_path, monkeypatch, **query):
    monkeypatch.setenv("READINESS_DB", str(db_path))
    monkeypatch.chdir(ROOT)
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120)
    for key, value in query.items():
        at.query_params[key] = value
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_headline_figures(demo_db, monkeypatch):
    at = _app(demo_db, monkeypatch)
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["DPT (jumlah pemilih)"] == "872.218"
    assert metrics["TPS"] == "1.739"
    assert metrics["Perekaman KTP-el"] == "97,41%"
    assert metrics["Target partisipasi"] == "82,0%"
    captions = " ".join(c.value for c in at.caption)
    assert "Laki-laki 425.106 · Perempuan 447.112" in captions
    assert "3 TPS melebihi 600 pemilih" in captions
    assert "Data pemantauan internal — bukan hasil resmi KPU" in captions


def test_status_table_and_korwil_summary(demo_db, monkeypatch):
    at = _app(demo_db, monkeypatch)
    status_counts = {m.label: int(m.value) for m in at.metric if m.label.endswith("(kecamatan)")}
    assert status_counts == {
        "■ Belum siap (kecamatan)": 8,
        "▲ Perlu perhatian (kecamatan)": 13,
        "● Siap (kecamatan)": 3,
    }
    kec, korwil = tabel(at, "Kecamatan"), tabel(at, "Korwil")
    assert len(kec) == 24
    paiton = kec.set_index("Kecamatan").loc["Paiton"]
    assert paiton["Status"] == "■ Belum siap"
    assert "2 TPS > 600 pemilih" in paiton["Alasan"]
    assert paiton["DPT"] == "57.096"
    assert list(korwil["Korwil"]) == ["Wilayah I", "Wilayah II", "Wilayah III"]
    assert korwil["DPT"].str.replace(".", "").astype(int).sum() == 872218


def test_other_election_from_the_url_shows_its_empty_state(demo_db, monkeypatch):
    at = _app(demo_db, monkeypatch, pemilu="pilkada-2018")
    assert at.sidebar.selectbox[0].value == "pilkada-2018"
    assert "Belum ada data untuk pemilihan ini" in at.info[0].value
    assert not at.metric


def test_new_upload_is_shown_without_stale_cache(demo_db, monkeypatch, tmp_path):
    from readiness import ingest
    from tests import xlsx

    at = _app(demo_db, monkeypatch)
    assert {m.label: m.value for m in at.metric}["DPT (jumlah pemilih)"] == "872.218"
    path = xlsx.recap(tmp_path / "lumbang.xlsx", [("Lumbang", "Lumbang", 50, 12500, 12600, 25100)])
    assert ingest.ingest_files(demo_db, [(path.name, path.read_bytes())]).committed
    at.run()
    assert {m.label: m.value for m in at.metric}["DPT (jumlah pemilih)"] == "872.191"


def test_a_new_visitor_gets_the_charts_built_for_the_data_and_a_new_upload_rebuilds_them(
    demo_db, monkeypatch, tmp_path
):
    """Building a Plotly figure is most of a chart page's run: a new session on the same data gets
    the figures already built (the same chart), a new data version gets new ones."""
    import json

    from readiness import charts, ingest
    from tests import xlsx

    built = []
    peta_status = charts.peta_status
    monkeypatch.setattr(charts, "peta_status", lambda *a, **k: built.append(1) or peta_status(*a, **k))
    first = _app(demo_db, monkeypatch)
    second = _app(demo_db, monkeypatch)
    assert len(built) == 1
    specs = [[json.loads(c.proto.spec) for c in at.get("plotly_chart")] for at in (first, second)]
    assert len(specs[0]) == 2 and specs[0] == specs[1]
    path = xlsx.recap(tmp_path / "lumbang.xlsx", [("Lumbang", "Lumbang", 50, 12500, 12600, 25100)])
    assert ingest.ingest_files(demo_db, [(path.name, path.read_bytes())]).committed
    before = len(built)
    _app(demo_db, monkeypatch)
    assert len(built) == before + 1
