"""Permasalahan through Streamlit's AppTest against real DuckDB files: the list, entering a problem,
a follow-up with its history, the weekly report, the open problems on the other pages, the role
check, and hostile text shown literally."""

import datetime as dt

from readiness import akses, db, jejak, masalah
from tests.pages.halaman import buka, metrics, semua_tabel, tabel, teks_semua

E = "pilkada-2024"
HOSTILE = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "**x** [a](javascript:alert(1))",
    "'); drop table masalah; --",
]


def _by_label(widgets, label):
    return next(w for w in widgets if w.label == label)


def _tambah(path, kode, uraian, pelapor="Camat", tingkat="sedang"):
    return masalah.tambah(
        path, E, masalah.Isian(kode, "logistik", uraian, dt.date(2024, 11, 20), tingkat, pelapor), akses.LOKAL
    )


def test_list_shows_the_open_problems_of_the_sample(demo_db, monkeypatch):
    at = buka(demo_db, monkeypatch, "masalah")
    assert at.title[0].value == "Permasalahan"
    m = metrics(at)
    assert (m["Masalah terbuka"], m["Terbuka, tingkat tinggi"], m["Sedang ditangani"], m["Selesai"]) == (
        "15",
        "5",
        "8",
        "5",
    )
    daftar = tabel(at, "No.")
    assert len(daftar) == 15 and set(daftar["Status"]) == {"Baru", "Ditangani"}
    lumbang = daftar[daftar["Kecamatan"] == "Lumbang"].set_index("Kategori")
    assert lumbang.loc["Logistik", "Uraian"] == "Jumlah surat suara TPS 2 Desa Sapih kurang 15 lembar dari DPT + 2,5%"
    assert lumbang.loc["Logistik", "TPS"] == "2" and lumbang.loc["Logistik", "Tingkat"] == "Tinggi"
    # filter: closed ones only
    _by_label(at.multiselect, "Status").set_value(["selesai"]).run()
    assert len(tabel(at, "No.")) == 5
    assert "Data pemantauan internal — bukan hasil resmi KPU" in teks_semua(at)


def test_enter_a_problem_then_follow_it_up_with_history(demo_db, monkeypatch):
    at = buka(demo_db, monkeypatch, "masalah")
    analitik = _berkas(demo_db)
    _by_label(at.button, "Simpan masalah").click().run()
    errors = "\n".join(e.value for e in at.error)
    for message in (
        "Kecamatan belum dipilih",
        "Kategori belum dipilih",
        "Uraian masalah belum diisi",
        "Pelapor belum diisi",
    ):
        assert message in errors
    with db.connect_read(demo_db) as con:
        assert con.execute("select count(*) from masalah").fetchone()[0] == 20

    at.selectbox(key="catat_kecamatan").set_value("35.13.14").run()
    desa = _by_label(at.selectbox, "Desa/kelurahan (boleh dikosongkan)")
    assert "35.13.14.2013" in desa.options or "Asembakor" in desa.options
    desa.set_value("35.13.14.2013")
    _by_label(at.text_input, "Nomor TPS (boleh dikosongkan)").input("3")
    _by_label(at.selectbox, "Kategori").set_value("sarana_tps")
    at.selectbox(key="catat_tingkat_0").set_value("tinggi")
    _by_label(at.text_area, "Uraian masalah").input("Atap TPS 3 roboh diterpa angin")
    _by_label(at.text_input, "Pelapor").input("PPS Asembakor")
    _by_label(at.date_input, "Tanggal ditemukan/dilaporkan").set_value(dt.date(2024, 11, 22))
    _by_label(at.button, "Simpan masalah").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert "Masalah #21 tersimpan dengan status Baru." in [s.value for s in at.success]
    assert metrics(at)["Masalah terbuka"] == "16"
    baru = tabel(at, "No.").set_index("No.").loc["#21"]
    assert (baru["Kecamatan"], baru["Desa/Kelurahan"], baru["TPS"], baru["Kategori"], baru["Tingkat"]) == (
        "Kraksaan",
        "Asembakor",
        "3",
        "Sarana TPS",
        "Tinggi",
    )

    at = buka(demo_db, monkeypatch, "masalah", masalah="21")
    assert at.subheader[0].value.startswith("Masalah #21: Baru")
    at.selectbox(key="tindak_status_21_0").set_value("ditangani")
    _by_label(at.text_area, "Catatan tindak lanjut").input("Dipindah ke balai desa")
    _by_label(at.button, "Simpan tindak lanjut").click().run()
    assert "Tindak lanjut masalah #21 tersimpan." in [s.value for s in at.success]
    riwayat = tabel(at, "Waktu")
    assert list(riwayat["Status"]) == ["dicatat: Baru", "Baru → Ditangani"]
    assert list(riwayat["Catatan tindak lanjut"]) == ["–", "Dipindah ke balai desa"]
    with db.connect_read(demo_db) as con:
        trail = jejak.daftar(con, demo_db, dt.date.today(), dt.date.today())
    assert list(trail[trail["aksi"] == "masalah"]["objek"][:2]) == ["masalah #21", "masalah #21"]  # newest first
    # Written beside it, in milliseconds: the analytical file is the very same file, same version.
    assert _berkas(demo_db) == analitik


def _berkas(path):
    """The analytical file as a writer would leave it changed: its inode, mtime and data version."""
    st = path.stat()
    con = db.open_file_read_only(path)
    try:
        versi = con.execute("select value from meta where key = 'data_version'").fetchone()[0]
    finally:
        con.close()
    return st.st_ino, st.st_mtime_ns, versi


def test_weekly_report_tab_summarises_per_korwil(demo_db, monkeypatch):
    at = buka(demo_db, monkeypatch, "masalah")
    _by_label(at.date_input, "Minggu yang memuat tanggal").set_value(dt.date(2024, 11, 20)).run()
    assert "Minggu 18–24 November 2024" in teks_semua(at)
    ringkas = tabel(at, "Korwil").set_index("Korwil")
    # all 20 sample problems were reported by 21 November and none was closed before the week began
    assert ringkas["Masalah dalam laporan"].astype(int).sum() == 20
    assert list(ringkas.index) == ["Wilayah I", "Wilayah II", "Wilayah III"]
    assert [b.label for b in at.get("download_button")] == [
        "Unduh daftar ini (.xlsx)",
        "Unduh laporan mingguan (.xlsx)",
    ]


def test_pimpinan_sees_everything_but_no_forms(demo_db, monkeypatch):
    monkeypatch.setattr("app.sesi.pengguna", lambda: akses.Pengguna("pak_sekda", "pimpinan"))
    at = buka(demo_db, monkeypatch, "masalah", masalah="1")
    assert len(tabel(at, "No.")) == 15
    labels = [b.label for b in at.button]
    assert "Simpan masalah" not in labels and "Simpan tindak lanjut" not in labels
    text = teks_semua(at)
    assert "Peran Anda hanya dapat melihat inventarisasi permasalahan" in text
    assert "Peran Anda hanya dapat melihat; tindak lanjut dicatat oleh analis atau admin." in text


def test_open_problems_on_ringkasan_korwil_and_kecamatan(demo_db, monkeypatch):
    at = buka(demo_db, monkeypatch, "ringkasan")
    m = metrics(at)
    assert (m["Masalah terbuka"], m["Tingkat tinggi"]) == ("15", "5")
    top = tabel(at, "Kecamatan")  # the first table starting with Kecamatan is the status table
    per_kec = [f for f in semua_tabel(at) if list(f.columns) == ["Kecamatan", "Korwil", "Terbuka", "Tingkat tinggi"]][0]
    assert list(per_kec["Kecamatan"][:2]) == ["Lumbang", "Tiris"] and list(per_kec["Terbuka"][:2]) == ["2", "2"]
    assert "2 masalah terbuka (2 tinggi)" in top.set_index("Kecamatan").loc["Lumbang", "Alasan"]

    at = buka(demo_db, monkeypatch, "korwil", korwil="Wilayah I")
    assert "Masalah terbuka: 4 (2 tingkat tinggi)" in [c.value for c in at.caption]
    assert any("Tindak lanjuti 2 masalah terbuka, 2 di antaranya tingkat tinggi" in md.value for md in at.markdown)
    open_list = tabel(at, "No.")
    assert set(open_list["Kecamatan"]) == {"Lumbang", "Kuripan", "Sukapura"} and len(open_list) == 4

    at = buka(demo_db, monkeypatch, "kecamatan", kecamatan="35.13.07")
    assert "Permasalahan terbuka (2)" in [s.value for s in at.subheader]
    tiris = tabel(at, "No.")
    assert list(tiris["Tingkat"]) == ["Tinggi", "Sedang"]
    assert "2 masalah terbuka (1 tinggi)" in at.error[0].value


def test_hostile_text_is_shown_literally_everywhere(demo_db, monkeypatch):
    ids = [_tambah(demo_db, "35.13.13", text, pelapor=text) for text in HOSTILE]
    for page, query in (
        ("masalah", {"masalah": str(ids[0])}),
        ("kecamatan", {"kecamatan": "35.13.13"}),
        ("korwil", {"korwil": "Wilayah III"}),
    ):
        at = buka(demo_db, monkeypatch, page, **query)
        shown = set()
        for frame in semua_tabel(at):
            for column in frame.columns:
                shown |= {str(v) for v in frame[column]}
        assert set(HOSTILE) <= shown, page
        # the tables' HTML carries the text escaped, never as a tag
        assert not any("<script>alert" in h.value or "<img src=x" in h.value for h in at.html), page
        # never as markdown/HTML: no markdown element carries the raw text
        for element in at.markdown:
            assert (
                "<script>" not in element.value
                and "onerror" not in element.value
                and "javascript:" not in element.value
            )
    at = buka(demo_db, monkeypatch, "masalah", masalah=str(ids[0]))
    rincian = tabel(at, "Isian").set_index("Isian")["Nilai"]
    assert rincian["Uraian"] == "<script>alert(1)</script>" and rincian["Pelapor"] == "<script>alert(1)</script>"
    with db.connect_read(demo_db) as con:
        assert con.execute("select count(*) from masalah").fetchone()[0] == 24
