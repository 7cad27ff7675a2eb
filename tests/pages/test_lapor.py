"""The Lapor page in AppTest: a report sent from the form is stored once, the same form
sent again is recognised, a reporter sees only the TPS of their area, and L + P above the DPT
asks for a confirmation."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from readiness import akses
from tests.pages.halaman import ROOT, buka, tampak, teks_semua

SUKAPURA, NGADISARI, WONOTORO = "35.13.01", "35.13.01.2001", "35.13.01.2002"


def _jumlah(db_path) -> int:
    from app import baca

    return baca.lapor_layanan(str(db_path)).cursor().execute("select count(*) from laporan").fetchone()[0]


def _isi(at: AppTest, tahap: str, l: int | None = None, p: int | None = None) -> AppTest:
    at.radio(key="lapor_tahap").set_value(tahap).run()
    if l is not None:
        at.number_input(key="lapor_l").set_value(l).run()
        at.number_input(key="lapor_p").set_value(p).run()
    return at


def test_a_report_is_sent_once_and_the_same_form_again_is_recognised(demo_db, monkeypatch):
    at = buka(demo_db, monkeypatch, "lapor")
    assert at.title[0].value == "Lapor cepat TPS"
    _isi(at, "pemungutan_selesai", 200, 150)
    assert "L + P = 350 (74,5% dari DPT 470)" in teks_semua(at)
    at.button(key="lapor_kirim").click().run()
    assert not at.exception
    assert tampak(at.success[0].value).startswith(
        "TPS 1 Desa Ngadisari (Kecamatan Sukapura): Pemungutan selesai. Terkirim #1 pukul "
    )
    # A double tap / a retry after a lost connection: the same form again, the same green answer.
    at.button(key="lapor_kirim").click().run()
    assert len(at.success) == 1 and not at.info
    assert tampak(at.success[0].value).startswith(
        "TPS 1 Desa Ngadisari (Kecamatan Sukapura): Pemungutan selesai. Terkirim #1 pukul "
    )
    assert tampak(at.success[0].value).endswith("; dikirim lagi, tidak dicatat dua kali.")
    assert _jumlah(demo_db) == 1
    # The TPS's history under the form.
    assert "**Pemungutan selesai** · pukul" in teks_semua(at)
    assert "L 200 / P 150 = 350" in teks_semua(at)
    # A correction: other numbers for the same stage make a new report that replaces the first.
    at.number_input(key="lapor_l").set_value(201).run()
    at.button(key="lapor_kirim").click().run()
    assert "menggantikan laporan #1" in tampak(at.success[0].value)
    assert "diganti oleh koreksi" in teks_semua(at)
    assert _jumlah(demo_db) == 2


def test_more_voters_than_dpt_needs_a_confirmation(demo_db, monkeypatch):
    at = buka(demo_db, monkeypatch, "lapor")
    _isi(at, "penghitungan_selesai", 300, 200)
    assert any("L + P = 500 melebihi DPT TPS ini (470)" in w.value for w in at.warning)
    assert at.button(key="lapor_kirim").disabled
    at.checkbox(key="lapor_yakin").check().run()
    at.button(key="lapor_kirim").click().run()
    assert at.success and "Terkirim" in at.success[0].value
    assert any("melebihi DPT TPS 1 Desa Ngadisari" in w.value for w in at.warning)
    assert _jumlah(demo_db) == 1


def test_an_incident_needs_a_category(demo_db, monkeypatch):
    at = buka(demo_db, monkeypatch, "lapor")
    _isi(at, "kejadian")
    at.text_area(key="lapor_uraian").input("Kotak suara rusak").run()
    at.button(key="lapor_kirim").click().run()
    assert tampak(at.error[0].value) == "Pilih kategori kejadian."
    assert _jumlah(demo_db) == 0
    at.selectbox(key="lapor_kategori").set_value("logistik").run()
    at.button(key="lapor_kirim").click().run()
    assert "Terkirim" in at.success[0].value
    assert "Kotak suara rusak" in "\n".join(t.value for t in at.text)


def test_a_reporter_sees_only_their_desa_and_only_this_page(demo_db, monkeypatch):
    pelapor = akses.Pengguna("pelapor-wonotoro", "pelapor", wilayah=WONOTORO)
    monkeypatch.setattr("app.sesi.pengguna", lambda: pelapor)
    at = buka(demo_db, monkeypatch, "lapor")
    assert at.selectbox(key="lapor_kecamatan").options == ["Sukapura"]
    assert at.selectbox(key=f"lapor_desa_{SUKAPURA}").options == ["Wonotoro"]
    assert at.selectbox(key=f"lapor_desa_{SUKAPURA}").disabled
    n_tps = len(at.selectbox(key=f"lapor_tps_{WONOTORO}").options)
    assert n_tps >= 1
    assert "pelapor\\-wonotoro · Pelapor lapangan · Desa Wonotoro \\(Kecamatan Sukapura\\)" in teks_semua(at)
    # No upload, no audit trail for a reporter.
    assert not at.expander
    # Another page asked for by URL: the navigation holds only Lapor.
    with pytest.raises(ValueError, match=r"Known pages: \['[^']*pages/lapor.py'\]"):
        at.switch_page("pages/ringkasan.py")
    _isi(at, "logistik_tiba")
    at.button(key="lapor_kirim").click().run()
    assert "Terkirim" in at.success[0].value
    from app import baca

    cur = baca.lapor_layanan(str(demo_db)).cursor()
    assert cur.execute("select pelapor, kode_desa from laporan").fetchall() == [("pelapor-wonotoro", WONOTORO)]


def test_a_role_without_lapor_cannot_open_it(demo_db, monkeypatch):
    monkeypatch.setattr("app.sesi.pengguna", lambda: akses.Pengguna("bupati", "pimpinan"))
    at = buka(demo_db, monkeypatch, "lapor")
    assert "Lapor cepat TPS" not in [t.value for t in at.title]


def test_no_tps_list_says_to_upload_it(empty_db, monkeypatch):
    at = buka(empty_db, monkeypatch, "lapor")
    assert any("Daftar TPS untuk pemilihan ini belum diunggah" in i.value for i in at.info)


def test_a_link_per_tps_opens_the_form_on_it_inside_the_area_only(demo_db, monkeypatch):
    at = buka(demo_db, monkeypatch, "lapor", tps=f"{WONOTORO}-2")
    assert at.selectbox(key=f"lapor_desa_{SUKAPURA}").value == WONOTORO
    assert at.selectbox(key=f"lapor_tps_{WONOTORO}").value == "2"
    # A reporter of Ngadisari following a link to Wonotoro gets their own TPS list instead.
    monkeypatch.setattr("app.sesi.pengguna", lambda: akses.Pengguna("p", "pelapor", wilayah=NGADISARI))
    at = buka(demo_db, monkeypatch, "lapor", tps=f"{WONOTORO}-2")
    assert at.selectbox(key=f"lapor_desa_{SUKAPURA}").options == ["Ngadisari"]


def test_the_chosen_tps_is_kept_in_the_url_and_comes_back_when_the_session_lost_it(demo_db, monkeypatch):
    at = buka(demo_db, monkeypatch, "lapor")
    assert at.query_params["tps"] == f"{NGADISARI}-1"  # the first TPS, written to the URL
    at.selectbox(key=f"lapor_desa_{SUKAPURA}").set_value(WONOTORO).run()
    at.selectbox(key=f"lapor_tps_{WONOTORO}").set_value("2").run()
    assert at.query_params["tps"] == f"{WONOTORO}-2"
    # A session without the selectors' state (a reconnect into a new server session, a reload) and
    # the URL as it was: the form opens on Wonotoro 2 again, not on the first TPS.
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120)
    at.switch_page("pages/lapor.py")
    at.query_params["tps"] = f"{WONOTORO}-2"
    at.run()
    assert at.selectbox(key=f"lapor_desa_{SUKAPURA}").value == WONOTORO
    assert at.selectbox(key=f"lapor_tps_{WONOTORO}").value == "2"
    assert at.subheader[0].value.startswith("Riwayat TPS 2 Wonotoro")


def test_the_same_form_from_a_new_session_after_a_network_hiccup_is_recognised(demo_db, monkeypatch):
    at = buka(demo_db, monkeypatch, "lapor")
    _isi(at, "pemungutan_selesai", 200, 150)
    at.button(key="lapor_kirim").click().run()
    assert "Terkirim" in at.success[0].value
    from app import baca

    sent = baca.lapor_layanan(str(demo_db)).cursor().execute("select kirim_id from laporan").fetchone()[0]
    # The connection dropped before the answer arrived; the browser reconnects into a new server
    # session with the same URL (it carries ?kirim=…) and the form as it was; Kirim is pressed again.
    again = buka(demo_db, monkeypatch, "lapor", kirim=sent)
    _isi(again, "pemungutan_selesai", 200, 150)
    again.button(key="lapor_kirim").click().run()
    assert "Terkirim #1 pukul" in tampak(again.success[0].value)
    assert "tidak dicatat dua kali" in again.success[0].value
    assert _jumlah(demo_db) == 1
    # Other numbers from that session are a new report (a correction), not a resubmission.
    again.number_input(key="lapor_p").set_value(151).run()
    again.button(key="lapor_kirim").click().run()
    assert "menggantikan laporan #1" in tampak(again.success[0].value)
    assert _jumlah(demo_db) == 2
