"""Korwil page through AppTest: the three regions side by side and one koordinator's kecamatan."""

from tests.pages.halaman import buka, semua_tabel, tabel, tampak, teks_semua


def test_three_regions_side_by_side(demo_db, monkeypatch):
    at = buka(demo_db, monkeypatch, "korwil")
    text = teks_semua(at)
    for korwil, koordinator, counts in (
        ("Wilayah I", "Asisten Pemerintahan dan Kesra", "2 belum siap · 4 perlu perhatian · 2 siap (dari 8 kecamatan)"),
        ("Wilayah II", "Asisten Administrasi Umum", "3 belum siap · 5 perlu perhatian · 0 siap (dari 8 kecamatan)"),
        (
            "Wilayah III",
            "Asisten Perekonomian dan Pembangunan",
            "3 belum siap · 4 perlu perhatian · 1 siap (dari 8 kecamatan)",
        ),
    ):
        assert korwil in [h.value for h in at.subheader] and koordinator in text and counts in text
    assert "DPT **218.412** · TPS **435** · KTP-el **97,68%**" in text


def test_one_koordinator_sees_their_kecamatan_and_what_to_follow_up(demo_db, monkeypatch):
    at = buka(demo_db, monkeypatch, "korwil", korwil="Wilayah III")
    assert at.selectbox[0].value == "Wilayah III"
    table = tabel(at, "Kecamatan").set_index("Kecamatan")
    assert sorted(table.index) == sorted(
        ["Besuk", "Gading", "Kotaanyar", "Kraksaan", "Krejengan", "Pajarakan", "Paiton", "Pakuniran"]
    )
    assert table.loc["Paiton", "Status"] == "■ Belum siap"
    assert table.loc["Paiton", "TPS"] == "■ Belum siap"
    assert "2 TPS > 600 pemilih (terbanyak 631)" in table.loc["Paiton", "Alasan"]
    assert "Bahas dengan PPK pemecahan 2 TPS yang melebihi 600 pemilih" in table.loc["Paiton", "Tindak lanjut"]
    assert table.loc["Besuk", "Status"] == "● Siap"
    text = teks_semua(at)
    assert "**Paiton** · ■ Belum siap" in text
    assert "Percepat perekaman KTP-el bersama Dispendukcapil: 2.021 wajib KTP-el belum rekam" in tampak(
        text
    )  # Pakuniran
    # green, but the sample inventory has one open problem there: still on the follow-up list
    assert "**Besuk** · ● Siap\n- Tindak lanjuti 1 masalah terbuka (halaman Permasalahan)" in tampak(text)


def test_switching_korwil_keeps_it_in_the_url(demo_db, monkeypatch):
    at = buka(demo_db, monkeypatch, "korwil")
    at.selectbox[0].set_value("Wilayah II").run()
    assert at.query_params["korwil"] == "Wilayah II"
    table = tabel(at, "Kecamatan")
    assert len(table) == 8 and "Krucil" in set(table["Kecamatan"])


def test_2018_has_its_own_korwil_and_says_what_to_upload(demo_db, monkeypatch):
    at = buka(demo_db, monkeypatch, "korwil", pemilu="pilkada-2018")
    assert "Belum ada data untuk pemilihan ini" in at.info[0].value
    assignment = semua_tabel(at)[0]
    assert set(assignment["Korwil"]) == {"Korwil I", "Korwil II", "Korwil III"}
    assert assignment.set_index("Kecamatan").loc["Tiris", "Korwil"] == "Korwil III"
