"""readiness.lapor.ringkasan: turnout against hand-computed numbers, and the rakor slide built on it."""

from __future__ import annotations

import pytest

from tests.lapor import NGADISARI, SUKAPURA, WONOTORO, E, baris, kirim, ringkas


def test_turnout_against_hand_computed_numbers(ctx):
    kirim(ctx, NGADISARI, 1, "pemungutan_selesai", hadir_l=200, hadir_p=150)
    kirim(ctx, NGADISARI, 2, "penghitungan_selesai", hadir_l=180, hadir_p=170)
    kirim(ctx, WONOTORO, 1, "pemungutan_selesai", hadir_l=100, hadir_p=100)
    # A later penghitungan report of the same TPS replaces the figure of its pemungutan report.
    kirim(ctx, WONOTORO, 1, "penghitungan_selesai", hadir_l=101, hadir_p=99)
    # A TPS that only says it opened adds nothing to the turnout.
    kirim(ctx, WONOTORO, 2, "tps_dibuka")
    sumber_tps = ctx["daftar"].frame[ctx["daftar"].frame["kode_kecamatan"] == "35.13.02"].iloc[0]
    kirim(ctx, sumber_tps["kode_desa"], sumber_tps["no_tps"], "pemungutan_selesai", hadir_l=150, hadir_p=150)

    r = ringkas(ctx)
    suk = baris(r["kecamatan"], "kode_kecamatan", SUKAPURA)
    # Sukapura: 350 + 350 + 200 = 900 voters at TPS with 470 + 470 + 479 = 1.419 DPT.
    assert suk["hadir"] == 900 and suk["hadir_l"] == 481 and suk["hadir_p"] == 419
    assert suk["dpt_hadir"] == 1419 and suk["tps_hadir"] == 3
    assert suk["partisipasi"] == pytest.approx(63.42)  # 900 / 1.419 = 63,42%
    assert suk["target_partisipasi"] == 82.0 and suk["partisipasi_sebelumnya"] == 69.5
    assert suk["selisih_target"] == pytest.approx(-18.58)  # 63,42 − 82
    assert suk["selisih_sebelumnya"] == pytest.approx(-6.08)  # 63,42 − 69,5
    assert suk["proyeksi_hadir"] == round(900 / 1419 * 28355)  # 17.984 of Sukapura's 28.355 DPT
    # Korwil Wilayah I = Sukapura + Sumber: (900 + 300) / (1.419 + DPT of that Sumber TPS).
    kw = baris(r["korwil"], "korwil", "Wilayah I")
    assert kw["hadir"] == 1200
    assert kw["partisipasi"] == pytest.approx(round(100 * 1200 / (1419 + int(sumber_tps["dpt"])), 2))
    assert r["kabupaten"]["hadir"] == 1200 and r["kabupaten"]["tps_hadir"] == 4
    # Kecamatan without reports have no turnout (missing, not 0%).
    leces = baris(r["kecamatan"], "kode_kecamatan", "35.13.05")
    assert leces["hadir"] == 0 and leces["partisipasi"] != leces["partisipasi"]  # NaN


def test_the_deck_has_an_election_day_slide_only_when_reports_exist(ctx):
    from readiness.deck import as_html, as_pptx, slides

    cur = ctx["layanan"].cursor()
    before = slides.build(ctx["con"], E, lapor=cur)
    assert "lapor" not in [s.kind for s in before.slides]
    kirim(ctx, NGADISARI, 1, "pemungutan_selesai", hadir_l=200, hadir_p=150)
    kirim(ctx, NGADISARI, 2, "pemungutan_selesai", hadir_l=180, hadir_p=170)
    deck = slides.build(ctx["con"], E, lapor=ctx["layanan"].cursor())
    # Every kecamatan's bar: the 24 continued on the next slides, as many as a 1024x768 screen holds.
    assert [s.kind for s in deck.slides][:5] == ["ringkasan", "lapor", "lapor", "lapor", "peta"]
    assert [len(s.grafik.batang) for s in deck.slides[1:4]] == [8, 8, 8]
    assert deck.slides[3].kicker == "Hari pemungutan suara (lanjutan 3/3)"
    slide = deck.slides[1]
    # 700 voters at two TPS of 470 DPT each: 74,47%; the kabupaten's target as every page shows it.
    assert slide.judul == "2 dari 1.739 TPS sudah lapor pemungutan selesai; partisipasi sementara 74,5% (target 82,0%)"
    assert slide.angka[0].nilai == "2/1.739" and slide.angka[1].nilai == "74,5%"
    assert slide.grafik.batang[0].label != "Sukapura"  # the most lagging kecamatan first
    html = as_html.slide_html(deck, 1)
    assert "sudah lapor pemungutan selesai" in html
    assert len(as_pptx.to_pptx(deck)) > 10_000
    assert len(before.slides) + 3 == len(deck.slides)
