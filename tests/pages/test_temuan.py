"""Temuan DPT page through AppTest on the demo data: the sample Lumbang list's planted findings,
counted by type and kecamatan, listed with masked NIK and source row, filterable; empty state."""

from pathlib import Path

from python_calamine import CalamineWorkbook

from tests.pages.halaman import buka, metrics, semua_tabel, tabel, teks_semua

SAMPLE = Path(__file__).resolve().parents[2] / "data" / "sample" / "dpt_kecamatan_lumbang.xlsx"


def _belum_rekam() -> int:
    sheet = CalamineWorkbook.from_path(SAMPLE).get_sheet_by_index(0).to_python()
    return sum(1 for row in sheet[5:] if row[sheet[4].index("KTP-EL")] == "B")


def test_counts_by_type_and_kecamatan(demo_db, monkeypatch):
    at = buka(demo_db, monkeypatch, "temuan")
    assert at.title[0].value == "Temuan DPT"
    m = metrics(at)
    assert m["Pemilih diperiksa"] == "25.127"
    assert "dari daftar pemilih 1 kecamatan: Lumbang" in [c.value for c in at.caption]
    assert m["NIK ganda"] == "4" and m["Belum 17 tahun"] == "3"
    assert m["NIK perlu dicek"] == "6"  # 2 not valid + 2 other kecamatan + 2 date mismatches
    belum = _belum_rekam()
    jenis = tabel(at, "Temuan").set_index("Temuan")["Jumlah pemilih"].to_dict()
    assert jenis == {
        "NIK tidak valid": "2",
        "Kode wilayah NIK berbeda": "2",
        "Tanggal di NIK tidak cocok": "2",
        "NIK ganda": "4",
        "Belum 17 tahun": "3",
        "Umur tidak wajar": "0",
        "Desa tidak cocok": "0",
        "Belum rekam KTP-el": f"{belum:,}".replace(",", "."),
        "TPS melebihi kapasitas": "0",
    }
    per_kec = tabel(at, "Kecamatan")
    assert per_kec.iloc[0]["Kecamatan"] == "Lumbang" and per_kec.iloc[0]["NIK ganda"] == "4"
    kelompok = [f for f in semua_tabel(at) if "Pemilih pemula" in f.columns][0].iloc[0]
    assert (kelompok["Kecamatan"], kelompok["Pemilih"]) == ("Lumbang", "25.127")
    text = teks_semua(at)
    assert f"**{belum + 13:,} temuan** (ditampilkan".replace(",", ".") not in text  # fewer than 5.000
    assert f"{belum + 13:,} temuan".replace(",", ".") in text
    assert "bukan hasil resmi KPU" in text  # the footer


def test_filter_by_type_from_the_url_and_the_list_shows_where_to_look(demo_db, monkeypatch):
    at = buka(demo_db, monkeypatch, "temuan", temuan="nik_ganda")
    daftar = [f for f in semua_tabel(at) if "Keterangan" in f.columns][0]
    assert len(daftar) == 4 and set(daftar["Temuan"]) == {"NIK ganda"}
    assert sorted(daftar["Baris"]) == sorted(str(n + 5) for n in (11921, 12557, 16862, 24910))
    assert all(
        k.startswith("NIK sama dengan dpt_kecamatan_lumbang.xlsx, sheet 'DPT LUMBANG', baris ")
        for k in daftar["Keterangan"]
    )
    assert all(len(n) == 16 and n[6:12] == "******" for n in daftar["NIK (tersamar)"])
    assert set(daftar["Berkas"]) == {"dpt_kecamatan_lumbang.xlsx"} and (daftar["DPID"] != "").all()


def test_filter_by_type_in_the_page(demo_db, monkeypatch):
    at = buka(demo_db, monkeypatch, "temuan")
    at.selectbox(key="pilih_temuan").set_value("usia_belum_17").run()
    assert not at.exception
    daftar = [f for f in semua_tabel(at) if "Keterangan" in f.columns][0]
    assert len(daftar) == 3 and set(daftar["Temuan"]) == {"Belum 17 tahun"}
    assert (
        sorted(daftar["Keterangan"])
        == ["umur 15 tahun pada hari pemungutan suara, belum kawin"]
        + ["umur 16 tahun pada hari pemungutan suara, belum kawin"] * 2
    )
    assert "3 temuan" in teks_semua(at)


def test_an_election_without_a_voter_list_says_what_to_upload(demo_db, monkeypatch):
    at = buka(demo_db, monkeypatch, "temuan", pemilu="pilkada-2018")
    assert "Belum ada daftar pemilih per orang" in teks_semua(at)
    assert not semua_tabel(at) and not metrics(at)


def test_keeping_identity_is_switched_on_the_pengaturan_page(demo_db, monkeypatch):
    from readiness import audit, db

    at = buka(demo_db, monkeypatch, "pengaturan")
    toggle = at.toggle(key="simpan_identitas")
    assert toggle.value is False and "identitas 0 pemilih" in teks_semua(at)
    toggle.set_value(True).run()
    next(b for b in at.button if b.label == "Simpan pilihan identitas").click().run()
    assert not at.exception
    con = db.connect_read(demo_db)
    try:
        assert audit.simpan_identitas(con)
    finally:
        con.close()
    at.toggle(key="simpan_identitas").set_value(False).run()
    next(b for b in at.button if b.label == "Simpan pilihan identitas").click().run()
    assert "Identitas tidak disimpan lagi; identitas 0 pemilih dihapus dari database." in teks_semua(at)
    con = db.connect_read(demo_db)
    try:
        assert not audit.simpan_identitas(con)
    finally:
        con.close()
