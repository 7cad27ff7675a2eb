"""`ctx`: the sample database read-only, its TPS list and turnout targets, and a reports writer
(readiness.lapor.Layanan) on a fresh reports file beside it."""

from __future__ import annotations

import pytest

from readiness import db, lapor, model
from tests.lapor import E


@pytest.fixture
def ctx(demo_db):
    con = db.open_read_only(demo_db)
    daftar = lapor.DaftarTps.dari_db(con, E)
    kec = model.partisipasi(con, E)
    kab = model.kabupaten(con, E).iloc[0]
    layanan = lapor.Layanan(lapor.lapor_path(demo_db))
    yield {"con": con, "daftar": daftar, "kec": kec, "kab": kab, "layanan": layanan, "path": lapor.lapor_path(demo_db)}
    layanan.close()
    con.close()
