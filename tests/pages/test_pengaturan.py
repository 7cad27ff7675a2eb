"""Pengaturan through AppTest: thresholds saved in the database change every page at once;
wrong input is refused in Indonesian and nothing is saved."""

import json

from readiness import cli, db
from tests.pages.halaman import buka, metrics, tampak


def _input(at, label):
    return next(t for t in at.text_input if t.label == label)


def _button(at, label):
    return next(b for b in at.button if b.label == label)


def test_current_settings_are_shown_in_indonesian_numbers(demo_db, monkeypatch):
    at = buka(demo_db, monkeypatch, "pengaturan")
    assert _input(at, "Kapasitas pemilih per TPS").value == "600"
    assert _input(at, "KTP-el: batas Siap (%)").value == "98"
    assert _input(at, "Konsistensi DPT: selisih terbesar untuk Perlu perhatian (%)").value == "0,5"


def test_the_high_severity_rule_is_a_switch_and_turning_it_off_is_kept(demo_db, monkeypatch):
    at = buka(demo_db, monkeypatch, "pengaturan")
    label = "Masalah tingkat tinggi yang belum selesai membuat status kecamatan paling baik Perlu perhatian"
    assert not [t.label for t in at.text_input if "1 = ya" in t.label or "Masalah tingkat tinggi" in t.label]
    switch = next(t for t in at.toggle if t.label == label)
    assert switch.value is True
    switch.set_value(False)
    _button(at, "Simpan ambang dan kapasitas").click().run()
    assert at.success[0].value == "Ambang, kapasitas dan target bawaan disimpan."
    at = buka(demo_db, monkeypatch, "pengaturan")
    assert next(t for t in at.toggle if t.label == label).value is False


def test_a_lower_threshold_changes_the_ktpel_page_at_once(demo_db, monkeypatch):
    at = buka(demo_db, monkeypatch, "ktpel")
    assert metrics(at)["Di bawah 98%"] == "11"
    at.switch_page("pages/pengaturan.py").run()
    _input(at, "KTP-el: batas Siap (%)").set_value("96,5")
    _input(at, "Kapasitas pemilih per TPS").set_value("620")
    _button(at, "Simpan ambang dan kapasitas").click().run()
    assert not at.exception
    assert at.success[0].value == "Ambang, kapasitas dan target bawaan disimpan."
    at.switch_page("pages/ktpel.py").run()
    assert metrics(at)["Di bawah 96,5%"] == "8"
    at.switch_page("pages/tps.py").run()
    assert metrics(at)["TPS > 620 pemilih"] == "1"  # only Randumerak's 631 left


def test_unreadable_or_inconsistent_thresholds_are_refused(demo_db, monkeypatch):
    at = buka(demo_db, monkeypatch, "pengaturan")
    _input(at, "KTP-el: batas Siap (%)").set_value("sembilan puluh")
    _input(at, "KTP-el: batas Perlu perhatian (%)").set_value("99")
    _button(at, "Simpan ambang dan kapasitas").click().run()
    assert "KTP-el: batas Siap (%): 'sembilan puluh' bukan angka" in tampak(at.error[0].value)
    _input(at, "KTP-el: batas Siap (%)").set_value("98")
    _button(at, "Simpan ambang dan kapasitas").click().run()
    assert "tidak boleh di atas batas Siap" in at.error[0].value
    con = db.connect_read(demo_db)
    try:
        assert (
            con.execute(
                "select value from settings where election_id = 'pilkada-2024' and key = 'ktpel_kuning'"
            ).fetchone()[0]
            == 95
        )
    finally:
        con.close()


def test_the_active_election_can_be_changed(demo_db, monkeypatch):
    at = buka(demo_db, monkeypatch, "pengaturan")
    box = next(s for s in at.selectbox if s.label.startswith("Pemilihan yang dibuka pertama kali"))
    box.set_value("pilkada-2018").run()
    _button(at, "Jadikan aktif").click().run()
    assert "sekarang pemilihan aktif" in at.success[0].value
    con = db.connect_read(demo_db)
    try:
        assert db.active_election(con) == "pilkada-2018"
    finally:
        con.close()


def test_a_threshold_saved_in_the_app_shows_in_the_report_without_rewriting_the_analytical_file(
    demo_db, monkeypatch, capsys
):
    def report():
        assert cli.main(["report", "--db", str(demo_db), "--level", "kecamatan", "--format", "json"]) == 0
        return {r["kecamatan"]: r["status_ktpel"] for r in json.loads(capsys.readouterr().out)}

    before, stat = report(), demo_db.stat()
    assert sum(s != "hijau" for s in before.values()) == 11
    at = buka(demo_db, monkeypatch, "pengaturan")
    _input(at, "KTP-el: batas Siap (%)").set_value("96,5")
    _button(at, "Simpan ambang dan kapasitas").click().run()
    assert at.success[0].value == "Ambang, kapasitas dan target bawaan disimpan."
    after = report()
    assert sum(s != "hijau" for s in after.values()) == 8  # as the KTP-el page counts them
    assert (demo_db.stat().st_ino, demo_db.stat().st_mtime_ns) == (stat.st_ino, stat.st_mtime_ns)


def test_on_a_phone_a_kecamatan_moves_to_another_korwil_and_its_coordinator_is_the_korwils(demo_db, monkeypatch):
    import duckdb

    at = buka(demo_db, monkeypatch, "pengaturan")
    at.selectbox(key="korwil_hp_kecamatan_pilkada-2024").set_value("Sukapura").run()
    next(s for s in at.selectbox if s.label == "Korwil").set_value("Wilayah II")
    _input(at, "Koordinator korwil").set_value("Kepala Bappeda")
    _button(at, "Simpan korwil Sukapura").click().run()
    assert at.success[0].value == "Korwil Kecamatan Sukapura disimpan."
    con = duckdb.connect(str(demo_db), read_only=True)
    try:
        rows = con.execute(
            "select k.kecamatan, w.korwil, w.koordinator from korwil w join ref_kecamatan k using (kode_kecamatan) "
            "where w.election_id = 'pilkada-2024'"
        ).fetchall()
    finally:
        con.close()
    assert len(rows) == 24
    assert ("Sukapura", "Wilayah II", "Kepala Bappeda") in rows
    assert {orang for _, korwil, orang in rows if korwil == "Wilayah II"} == {"Kepala Bappeda"}
