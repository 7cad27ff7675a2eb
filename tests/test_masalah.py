"""Inventory of problems (readiness/masalah/): entering, following up, uploading sheets that are
matched instead of duplicated, the readiness reasons, the weekly report, and hostile input."""

from __future__ import annotations

import datetime as dt
import io
import json

import openpyxl
import pytest

from readiness import akses, catatan, db, export, ingest, masalah, model
from readiness.ingest import templates
from tests import xlsx

E = "pilkada-2024"
KRAKSAAN, BESUK, SUMBERASIH = "35.13.14", "35.13.13", "35.13.21"
HEADER = [
    "NO",
    "KECAMATAN",
    "DESA/KELURAHAN",
    "TPS",
    "KATEGORI",
    "URAIAN MASALAH",
    "PELAPOR",
    "TANGGAL",
    "TINGKAT",
    "STATUS",
    "TINDAK LANJUT",
]
ANALIS = akses.Pengguna("rina", "analis")
PIMPINAN = akses.Pengguna("pak_sekda", "pimpinan")
HOSTILE = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "**x** [a](javascript:alert(1))",
    '=HYPERLINK("http://x")',
    "+62 812",
    "-1+2",
    "@SUM(A1)",
    "'); drop table masalah; --",
]


def isian(kode=KRAKSAAN, uraian="Kotak suara TPS 3 belum tiba", **kw):
    base = dict(kategori="logistik", tanggal=dt.date(2024, 11, 18), tingkat="sedang", pelapor="Camat Kraksaan")
    base.update(kw)
    return masalah.Isian(
        kode,
        base["kategori"],
        uraian,
        base["tanggal"],
        base["tingkat"],
        base["pelapor"],
        base.get("kode_desa"),
        base.get("no_tps"),
    )


def rows(path, sql, **params):
    con = db.connect_read(path)
    try:
        return con.execute(sql, params).fetchall()
    finally:
        con.close()


def store_rows(path, sql, *params):
    """Rows of the small-records store, where problems and their audit records are written."""
    with catatan.baca(path) as con:
        return [tuple(r) for r in con.execute(sql, params).fetchall()]


def daftar(path, election=E):
    con = db.connect_read(path)
    try:
        return db.run(con, "marts/masalah_daftar", election=election)
    finally:
        con.close()


def sheet(path, data_rows, title=True):
    top = [["INVENTARISASI PERMASALAHAN PILKADA 2024"], []] if title else []
    return xlsx.write(path, top + [HEADER] + [[i, *r] for i, r in enumerate(data_rows, 1)], sheet="MASALAH")


# --------------------------------------------------------------------------- form and follow-up
def test_lifecycle_appends_history_and_never_overwrites(empty_db):
    nomor = masalah.tambah(empty_db, E, isian(kode_desa="35.13.14.2013", no_tps="TPS 003", tingkat="tinggi"), ANALIS)
    masalah.tindak_lanjut(empty_db, nomor, ANALIS, status="ditangani", catatan="PPK mengirim kotak cadangan")
    masalah.tindak_lanjut(empty_db, nomor, ANALIS, catatan="Kotak tiba pukul 10.00")
    masalah.tindak_lanjut(empty_db, nomor, ANALIS, status="selesai", tingkat="sedang")
    row = daftar(empty_db).iloc[0]
    assert (row["status"], row["tingkat"], row["no_tps"], row["jumlah_catatan"]) == ("selesai", "sedang", "3", 2)
    assert row["catatan_terakhir"] == "Kotak tiba pukul 10.00" and not row["terbuka"]
    history = rows(
        empty_db,
        "select status_sebelum, status_sesudah, tingkat_sebelum, tingkat_sesudah, catatan, pelaku "
        "from masalah_riwayat where masalah_id = $id order by riwayat_id",
        id=nomor,
    )
    assert history == [
        (None, "baru", None, "tinggi", None, "rina"),
        ("baru", "ditangani", "tinggi", "tinggi", "PPK mengirim kotak cadangan", "rina"),
        ("ditangani", "ditangani", "tinggi", "tinggi", "Kotak tiba pukul 10.00", "rina"),
        ("ditangani", "selesai", "tinggi", "sedang", None, "rina"),
    ]
    trail = store_rows(
        empty_db,
        "select pelaku, peran, aksi, objek, rincian, sebelum, sesudah from jejak where aksi = 'masalah' order by id",
    )
    assert [t[:4] for t in trail] == [("rina", "analis", "masalah", f"masalah #{nomor}")] * 4
    assert json.loads(trail[0][6])["uraian"] == "Kotak suara TPS 3 belum tiba"
    assert (json.loads(trail[3][5]), json.loads(trail[3][6])) == (
        {"status": "ditangani", "tingkat": "tinggi"},
        {"status": "selesai", "tingkat": "sedang"},
    )


def test_a_follow_up_that_changes_nothing_is_refused(empty_db):
    nomor = masalah.tambah(empty_db, E, isian(), ANALIS)
    with pytest.raises(masalah.MasalahError) as error:
        masalah.tindak_lanjut(empty_db, nomor, ANALIS, status="baru", catatan="   ")
    assert error.value.problems == ["Tidak ada yang berubah: tulis catatan tindak lanjut atau ubah status/tingkat"]
    assert rows(empty_db, "select count(*) from masalah_riwayat") == [(1,)]


def test_every_missing_or_wrong_field_is_named_in_indonesian(empty_db):
    con = db.connect_read(empty_db)
    try:
        wrong = masalah.Isian(None, None, "  ", None, "parah", "", None, None)
        assert masalah.periksa(con, wrong) == [
            "Kecamatan belum dipilih",
            "Kategori belum dipilih",
            "Uraian masalah belum diisi",
            "Pelapor belum diisi",
            "Tanggal belum diisi",
            "Tingkat 'parah' tidak dikenal; pilih salah satu: Rendah, Sedang, Tinggi",
        ]
        other = isian(kode_desa="35.13.13.2001", no_tps="TPS A", kategori="cuaca", tanggal=dt.date(2024, 11, 30))
        assert masalah.periksa(con, other, hari_ini=dt.date(2024, 11, 20)) == [
            "Desa/kelurahan dengan kode '35.13.13.2001' bukan desa di Kecamatan Kraksaan",
            "Nomor TPS harus angka 1–999 (tertulis 'TPS A')",
            "Kategori 'cuaca' tidak dikenal; pilih salah satu: Logistik, Pemilih/DPT, KTP-el, Keamanan/trantibmas, "
            "Netralitas ASN, Sarana TPS, Lainnya",
            "Tanggal 30 November 2024 belum terjadi (hari ini 20 November 2024)",
        ]
        assert masalah.periksa(con, isian(no_tps="4")) == ["Nomor TPS diisi tetapi desa/kelurahan belum dipilih"]
    finally:
        con.close()


def test_pimpinan_can_read_but_not_change(empty_db):
    nomor = masalah.tambah(empty_db, E, isian(), ANALIS)
    with pytest.raises(akses.TidakBoleh):
        masalah.tambah(empty_db, E, isian(uraian="lain"), PIMPINAN)
    with pytest.raises(akses.TidakBoleh):
        masalah.tindak_lanjut(empty_db, nomor, PIMPINAN, status="selesai")
    assert rows(empty_db, "select count(*), max(status) from masalah") == [(1, "baru")]
    assert rows(empty_db, "select count(*) from masalah_riwayat") == [(1,)]


def test_sql_metacharacters_and_markup_are_stored_verbatim(empty_db):
    ids = [masalah.tambah(empty_db, E, isian(uraian=text, pelapor=text), ANALIS) for text in HOSTILE]
    masalah.tindak_lanjut(empty_db, ids[-1], ANALIS, catatan=HOSTILE[-1])
    df = daftar(empty_db).set_index("masalah_id")
    assert [df.loc[i, "uraian"] for i in ids] == HOSTILE
    assert [df.loc[i, "pelapor"] for i in ids] == HOSTILE
    assert df.loc[ids[-1], "catatan_terakhir"] == "'); drop table masalah; --"
    tables = {r[0] for r in rows(empty_db, "select table_name from information_schema.tables")}
    assert {"masalah", "masalah_riwayat", "jejak", "uploads"} <= tables
    assert store_rows(empty_db, "select count(*) from masalah") == [(len(HOSTILE),)]


# --------------------------------------------------------------------------- readiness
def test_open_problems_word_the_reasons_and_a_high_one_needs_attention(demo_db):
    before = model.kecamatan(db.connect_read(demo_db), E).set_index("kecamatan")
    assert before.loc["Sumberasih", "status"] == "hijau" and before.loc["Sumberasih", "alasan"] == ""
    masalah.tambah(demo_db, E, isian(SUMBERASIH, "Gudang logistik kebanjiran", tingkat="tinggi"), ANALIS)
    masalah.tambah(demo_db, E, isian(SUMBERASIH, "Tenda TPS kurang", kategori="sarana_tps", tingkat="rendah"), ANALIS)
    closed = masalah.tambah(demo_db, E, isian(SUMBERASIH, "Sudah beres", tingkat="tinggi"), ANALIS)
    masalah.tindak_lanjut(demo_db, closed, ANALIS, status="selesai")
    con = db.connect_read(demo_db)
    try:
        kec = model.kecamatan(con, E).set_index("kecamatan")
        todo = model.dasar(con, E).kecamatan.set_index("kecamatan").loc["Sumberasih", "tindak_lanjut"]
    finally:
        con.close()
    assert kec.loc["Sumberasih", "alasan"] == "2 masalah terbuka (1 tinggi)"
    assert kec.loc["Sumberasih", "status"] == "kuning"
    assert "Tindak lanjuti 2 masalah terbuka, 1 di antaranya tingkat tinggi (halaman Permasalahan)" in todo
    # The per-election setting turns the raise off; the reason stays.
    with db.writing(demo_db) as con:
        con.execute("update settings set value = 0 where election_id = $e and key = 'masalah_tinggi_kuning'", {"e": E})
    kec = model.kecamatan(db.connect_read(demo_db), E).set_index("kecamatan")
    assert (kec.loc["Sumberasih", "status"], kec.loc["Sumberasih", "alasan"]) == (
        "hijau",
        "2 masalah terbuka (1 tinggi)",
    )


def test_setting_is_optional_when_saving_older_forms_and_must_be_on_or_off():
    values = {
        "kapasitas_tps": 600,
        "ktpel_hijau": 98,
        "ktpel_kuning": 95,
        "partisipasi_hijau": 5,
        "partisipasi_kuning": 15,
        "konsistensi_kuning": 0.5,
        "target_partisipasi": 82,
    }
    assert model.periksa_pengaturan(values) == []
    assert model.periksa_pengaturan({**values, "masalah_tinggi_kuning": 0.5}) == [
        "Masalah tingkat tinggi yang belum selesai membuat status kecamatan paling baik Perlu perhatian: hanya "
        "dapat dinyalakan atau dimatikan (tertulis 0,5)"
    ]


def test_sample_inventory_is_loaded_by_the_demo(demo_db):
    df = daftar(demo_db)
    assert len(df) == 20 and int(df["terbuka"].sum()) == 15
    assert df["status"].value_counts().to_dict() == {"ditangani": 8, "baru": 7, "selesai": 5}
    lumbang = df[df["kecamatan"] == "Lumbang"]
    assert set(lumbang["kategori"]) == {"logistik", "netralitas"} and set(lumbang["tingkat"]) == {"tinggi"}
    # the row whose description starts with "Jumlah" is a problem, not a totals row
    assert "Jumlah surat suara TPS 2 Desa Sapih kurang 15 lembar dari DPT + 2,5%" in set(lumbang["uraian"])
    kec = model.kecamatan(db.connect_read(demo_db), E)
    assert kec["status"].value_counts().to_dict() == {"kuning": 13, "merah": 8, "hijau": 3}


# --------------------------------------------------------------------------- upload
def test_upload_matches_rows_so_nothing_is_doubled_or_lost(empty_db, tmp_path):
    first = sheet(
        tmp_path / "masalah minggu 1.xlsx",
        [
            [
                "Kraksaan",
                "Asembakor",
                "3",
                "Logistik",
                "Kotak suara TPS 3 belum tiba",
                "Camat",
                "18-11-2024",
                "Tinggi",
                "",
                "",
            ],
            ["KEC. BESUK", "", "", "Keamanan", "Baliho dirusak", "Polsek", "19/11/2024", "", "Ditangani", "Dimediasi"],
        ],
    )
    batch = ingest.ingest_files(empty_db, [(first.name, first.read_bytes())], uploaded_by="rina")
    assert batch.committed and batch.results[0].kind == "masalah" and batch.results[0].kind_detected
    df = daftar(empty_db).set_index("kecamatan")
    assert len(df) == 2
    assert tuple(df.loc["Kraksaan", ["desa", "no_tps", "kategori", "tingkat", "status"]]) == (
        "Asembakor",
        "3",
        "logistik",
        "tinggi",
        "baru",
    )
    assert tuple(df.loc["Besuk", ["kategori", "tingkat", "status", "catatan_terakhir"]]) == (
        "keamanan",
        "sedang",
        "ditangani",
        "Dimediasi",
    )
    nomor_kraksaan = int(df.loc["Kraksaan", "masalah_id"])
    # A note entered in the app in between.
    masalah.tindak_lanjut(empty_db, nomor_kraksaan, ANALIS, status="ditangani", catatan="PPK dihubungi")
    # The very same file again: nothing changes.
    again = ingest.ingest_files(empty_db, [("salinan.xlsx", first.read_bytes())], uploaded_by="rina")
    assert not again.committed and again.results[0].duplicate_of
    # The camat's updated sheet: same problems (spacing/case differ), one closed, a new note, one new
    # problem, and an old status for the one the app already moved on.
    second = sheet(
        tmp_path / "masalah minggu 2.xlsx",
        [
            [
                "KRAKSAAN",
                "Asembakor",
                "TPS 003",
                "logistik",
                "kotak suara  TPS 3 belum tiba",
                "Camat",
                "18-11-2024",
                "Tinggi",
                "Baru",
                "",
            ],
            [
                "Besuk",
                "",
                "",
                "Keamanan/trantibmas",
                "Baliho dirusak",
                "Polsek",
                "19-11-2024",
                "",
                "Selesai",
                "Baliho diganti",
            ],
            ["Besuk", "", "", "Sarana TPS", "Tenda TPS kurang", "PPS", "20-11-2024", "Rendah", "", ""],
        ],
    )
    batch = ingest.ingest_files(empty_db, [(second.name, second.read_bytes())], uploaded_by="rina")
    assert batch.committed
    df = daftar(empty_db)
    assert len(df) == 3
    kraksaan = df[df["kecamatan"] == "Kraksaan"].iloc[0]
    assert (kraksaan["status"], kraksaan["catatan_terakhir"]) == ("ditangani", "PPK dihubungi")  # not moved back
    besuk = df[df["uraian"] == "Baliho dirusak"].iloc[0]
    assert (besuk["status"], besuk["jumlah_catatan"], besuk["catatan_terakhir"]) == ("selesai", 2, "Baliho diganti")
    history = rows(
        empty_db,
        "select status_sebelum, status_sesudah, catatan, sumber from masalah_riwayat "
        "where masalah_id = $id order by riwayat_id",
        id=int(besuk["masalah_id"]),
    )
    assert history == [
        (None, "ditangani", None, "unggahan #1"),
        ("ditangani", "ditangani", "Dimediasi", "unggahan #1"),
        ("ditangani", "selesai", "Baliho diganti", "unggahan #2"),
    ]
    trail = store_rows(empty_db, "select rincian from jejak where aksi = 'masalah' and objek = 'unggahan #2'")
    counts = json.loads(trail[0][0])
    assert {k: counts[k] for k in ("baru", "diperbarui", "sama", "status_lebih_lama")} == {
        "baru": 1,
        "diperbarui": 1,
        "sama": 1,
        "status_lebih_lama": 1,
    }
    # Problem uploads are not versions: they cannot be re-activated, and do not appear as data versions.
    with pytest.raises(ValueError, match="tidak berversi"):
        ingest.activate(empty_db, 1)
    assert rows(empty_db, "select count(*) from stg_active_upload where kind = 'masalah'") == [(0,)]


def test_upload_matches_by_problem_number(empty_db, tmp_path):
    nomor = masalah.tambah(empty_db, E, isian(), ANALIS)
    path = xlsx.write(
        tmp_path / "m.xlsx",
        [
            ["NO MASALAH", "KECAMATAN", "KATEGORI", "URAIAN MASALAH", "TANGGAL", "STATUS", "TINDAK LANJUT"],
            [f"M-{nomor}", "Kraksaan", "Logistik", "Uraian ditulis ulang oleh camat", "18-11-2024", "Selesai", "Tiba"],
        ],
    )
    assert ingest.ingest_files(empty_db, [(path.name, path.read_bytes())]).committed
    df = daftar(empty_db)
    assert len(df) == 1 and tuple(df.iloc[0][["status", "catatan_terakhir", "uraian"]]) == (
        "selesai",
        "Tiba",
        "Kotak suara TPS 3 belum tiba",
    )


def test_upload_errors_name_file_sheet_row_and_column(empty_db, tmp_path):
    path = sheet(
        tmp_path / "salah.xlsx",
        [
            ["Kraksaan", "", "", "Cuaca", "Hujan deras", "BPBD", "18-11-2024", "", "", ""],
            ["Kraksaan", "", "", "Logistik", "", "Camat", "18-11-2024", "", "", ""],
            ["Kraksaan", "", "", "Logistik", "Tinta kurang", "Camat", "", "Parah", "", ""],
            ["Kraksan", "", "", "Logistik", "Segel kurang", "Camat", "18-11-2024", "", "Beres", ""],
            ["Besuk", "", "", "Logistik", "Sama", "Camat", "18-11-2024", "", "", ""],
            ["Besuk", "", "", "Logistik", "sama", "Camat", "18-11-2024", "", "", ""],
        ],
    )
    batch = ingest.ingest_files(empty_db, [(path.name, path.read_bytes())], kind="masalah")
    assert not batch.committed
    texts = [p.text() for p in batch.results[0].errors]
    assert (
        "salah.xlsx, sheet 'MASALAH', baris 4, kolom E (KATEGORI): kategori 'Cuaca' tidak dikenal; pilih salah "
        "satu: Logistik, Pemilih/DPT, KTP-el, Keamanan/trantibmas, Netralitas ASN, Sarana TPS, Lainnya"
    ) in texts
    assert "salah.xlsx, sheet 'MASALAH', baris 5, kolom F (URAIAN MASALAH): uraian masalah kosong" in texts
    assert "salah.xlsx, sheet 'MASALAH', baris 6, kolom H (TANGGAL): tanggal kosong" in texts
    assert (
        "salah.xlsx, sheet 'MASALAH', baris 6, kolom I (TINGKAT): tingkat 'Parah' tidak dikenal; pilih salah "
        "satu: Rendah, Sedang, Tinggi"
    ) in texts
    assert any(t.startswith("salah.xlsx, sheet 'MASALAH', baris 7, kolom B (KECAMATAN): ") for t in texts)
    assert (
        "salah.xlsx, sheet 'MASALAH', baris 7, kolom J (STATUS): status 'Beres' tidak dikenal; pilih salah "
        "satu: Baru, Ditangani, Selesai"
    ) in texts
    assert any(
        t.startswith(
            "salah.xlsx, sheet 'MASALAH', baris 9: Masalah yang sama (Kecamatan Besuk, "
            "18 November 2024, uraian sama) sudah ada di baris 8"
        )
        for t in texts
    )
    assert rows(empty_db, "select count(*) from masalah") == [(0,)]
    assert rows(empty_db, "select count(*) from uploads") == [(0,)]


def test_template_round_trip_skips_the_example_row(empty_db, tmp_path):
    data = templates.template("masalah", ["Kraksaan", "Besuk"])
    wb = openpyxl.load_workbook(io.BytesIO(data))
    assert wb.sheetnames == ["DATA", "REFERENSI", "PETUNJUK"]
    ws = wb["DATA"]
    assert [c.value for c in ws[1]] == [
        "NO MASALAH",
        "KECAMATAN",
        "DESA/KELURAHAN",
        "TPS",
        "KATEGORI",
        "URAIAN MASALAH",
        "PELAPOR",
        "TANGGAL",
        "TINGKAT",
        "STATUS",
        "TINDAK LANJUT",
    ]
    lists = {str(v.sqref): v.formula1 for v in ws.data_validations.dataValidation}
    assert lists["E2:E100001"] == '"Logistik,Pemilih/DPT,KTP-el,Keamanan/trantibmas,Netralitas ASN,Sarana TPS,Lainnya"'
    assert lists["I2:I100001"] == '"Rendah,Sedang,Tinggi"' and lists["J2:J100001"] == '"Baru,Ditangani,Selesai"'
    assert "Kosongkan NO MASALAH untuk masalah baru" in wb["PETUNJUK"]["A2"].value
    ws.append(
        [
            None,
            "Besuk",
            None,
            None,
            "Netralitas ASN",
            "Kades hadir di kampanye",
            "Camat",
            "19-11-2024",
            "Tinggi",
            None,
            None,
        ]
    )
    path = tmp_path / "templat_terisi.xlsx"
    wb.save(path)
    batch = ingest.ingest_files(empty_db, [(path.name, path.read_bytes())])
    assert batch.committed and batch.results[0].rows == 1
    assert "baris contoh dari templat dilewati" in [p.message for p in batch.results[0].warnings]
    assert list(daftar(empty_db)["uraian"]) == ["Kades hadir di kampanye"]


def test_an_uploaded_file_name_is_only_a_name(empty_db, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    path = sheet(
        tmp_path / "isi.xlsx", [["Besuk", "", "", "Logistik", "Segel kurang", "<b>Camat</b>", "18-11-2024", "", "", ""]]
    )
    name = "../../etc/passwd.xlsx"
    batch = ingest.ingest_files(empty_db, [(name, path.read_bytes())], uploaded_by="rina")
    assert batch.committed
    assert rows(empty_db, "select file_name from uploads") == [(name,)]
    assert not (tmp_path / name).resolve().exists()
    assert list(daftar(empty_db)["pelapor"]) == ["<b>Camat</b>"]


# --------------------------------------------------------------------------- weekly report
def _week(path, senin):
    con = db.connect_read(path)
    try:
        return masalah.laporan_mingguan(con, E, senin)
    finally:
        con.close()


def test_weekly_report_per_korwil_uses_the_status_at_the_weeks_end(empty_db, monkeypatch):
    # history as it happened: all entered on 19 November, b closed within that week, a the week after
    monkeypatch.setattr(masalah.isian, "_now", lambda: dt.datetime(2024, 11, 19, 8, 0))
    a = masalah.tambah(
        empty_db, E, isian(KRAKSAAN, "Kotak suara kurang", tanggal=dt.date(2024, 11, 12), tingkat="tinggi"), ANALIS
    )
    b = masalah.tambah(empty_db, E, isian(BESUK, "Tenda kurang", tanggal=dt.date(2024, 11, 19)), ANALIS)
    c = masalah.tambah(empty_db, E, isian("35.13.24", "Jalan putus", tanggal=dt.date(2024, 11, 20)), ANALIS)
    masalah.tambah(empty_db, E, isian("35.13.24", "Minggu depan", tanggal=dt.date(2024, 11, 26)), ANALIS)
    monkeypatch.setattr(masalah.isian, "_now", lambda: dt.datetime(2024, 11, 21, 9, 0))
    masalah.tindak_lanjut(empty_db, b, ANALIS, status="selesai", catatan="Dipinjami")
    monkeypatch.setattr(masalah.isian, "_now", lambda: dt.datetime(2024, 11, 26, 9, 0))
    masalah.tindak_lanjut(empty_db, a, ANALIS, status="selesai", catatan="Tiba")
    week = _week(empty_db, dt.date(2024, 11, 18)).set_index("masalah_id")
    assert sorted(week.index) == [a, b, c]
    assert (week.loc[a, "status"], week.loc[b, "status"], week.loc[c, "status"]) == ("baru", "selesai", "baru")
    assert (bool(week.loc[a, "baru_minggu_ini"]), bool(week.loc[b, "baru_minggu_ini"])) == (False, True)
    assert bool(week.loc[b, "selesai_minggu_ini"]) and week.loc[b, "catatan_terakhir"] == "Dipinjami"
    summary = masalah.ringkasan_korwil(week.reset_index()).set_index("korwil")
    assert summary.loc["Wilayah III", ["jumlah", "baru", "selesai", "terbuka", "terbuka_tinggi"]].tolist() == [
        2,
        1,
        1,
        1,
        1,
    ]
    assert summary.loc["Wilayah I", ["jumlah", "baru", "selesai", "terbuka", "terbuka_tinggi"]].tolist() == [
        1,
        1,
        0,
        1,
        0,
    ]
    # the next week: b (closed before it) is gone, a closes in it, the 26 November one is new
    later = _week(empty_db, dt.date(2024, 11, 25)).set_index("masalah_id")
    assert sorted(later.index) == [a, c, c + 1] and bool(later.loc[a, "selesai_minggu_ini"])
    assert masalah.label_minggu(dt.date(2024, 11, 18)) == "18–24 November 2024"
    assert masalah.label_minggu(dt.date(2024, 10, 28)) == "28 Oktober – 3 November 2024"


def test_weekly_report_xlsx_keeps_hostile_text_as_text(empty_db):
    for text in HOSTILE:
        masalah.tambah(empty_db, E, isian(BESUK, text, pelapor=text), ANALIS)
    masalah.tambah(empty_db, E, isian(KRAKSAAN, "Segel kurang"), ANALIS)
    week = _week(empty_db, dt.date(2024, 11, 18))
    data = masalah.laporan_xlsx(
        week, "Pemilihan Bupati 2024", dt.date(2024, 11, 18), dibuat=dt.datetime(2024, 11, 25, 8)
    )
    wb = openpyxl.load_workbook(io.BytesIO(data))
    assert wb.sheetnames == ["Ringkasan", "Wilayah III"]
    summary = wb["Ringkasan"]
    assert summary["A1"].value == "Laporan mingguan permasalahan pilkada, 18–24 November 2024"
    assert summary["A5"].value == "Data pemantauan internal — bukan hasil resmi KPU"
    assert [c.value for c in summary[8]][:7] == ["Wilayah III", "Asisten Perekonomian dan Pembangunan", 9, 9, 0, 9, 0]
    detail = wb["Wilayah III"]
    header = [c.value for c in detail[7]]
    assert header[:6] == ["No. masalah", "Kecamatan", "Desa/Kelurahan", "TPS", "Kategori", "Uraian masalah"]
    col = header.index("Uraian masalah") + 1
    cells = {detail.cell(r, col).value: detail.cell(r, col) for r in range(8, detail.max_row + 1)}
    shown = [export.teks_sel(text) for text in HOSTILE]  # `=HYPERLINK(…)` as `'=HYPERLINK(…)`
    assert shown[3:7] == ['\'=HYPERLINK("http://x")', "'+62 812", "'-1+2", "'@SUM(A1)"]
    for text in shown:
        assert cells[text].data_type == "s", text
    pelapor = [detail.cell(r, header.index("Pelapor") + 1) for r in range(8, detail.max_row + 1)]
    assert all(c.data_type == "s" for c in pelapor) and {c.value for c in pelapor} >= set(shown)


def test_weekly_report_xlsx_says_when_it_was_made(empty_db):
    masalah.tambah(empty_db, E, isian(KRAKSAAN, "Segel kurang"), ANALIS)
    week = _week(empty_db, dt.date(2024, 11, 18))
    wb = openpyxl.load_workbook(io.BytesIO(masalah.laporan_xlsx(week, "Pemilihan Bupati 2024", dt.date(2024, 11, 18))))
    assert wb["Ringkasan"]["A4"].value.startswith(f"Dibuat: {dt.date.today().day} ")


def test_cli_ingest_kind_masalah_says_what_was_merged(empty_db, tmp_path, capsys):
    from readiness import cli

    path = sheet(
        tmp_path / "masalah camat.xlsx",
        [["Besuk", "", "", "Logistik", "Segel kurang", "Camat Besuk", "18-11-2024", "Tinggi", "", ""]],
    )
    assert cli.main(["ingest", str(path), "--db", str(empty_db), "--kind", "masalah"]) == 0
    err = capsys.readouterr().err
    assert (
        "masalah camat.xlsx: permasalahan, sheet 'MASALAH' (judul kolom baris 3), 1 baris, 1 kecamatan → unggahan #1"
        in err
    )
    assert "  1 masalah baru, 0 diperbarui, 0 tidak berubah" in err
    assert cli.main(["ingest", str(path), "--db", str(empty_db)]) == 0
    assert "sudah pernah diunggah (sama dengan unggahan #1); tidak dihitung dua kali" in capsys.readouterr().err
    assert len(daftar(empty_db)) == 1


def test_a_sheet_that_arrives_closed_counts_as_closed_only_in_the_week_it_was_reported(empty_db, tmp_path, monkeypatch):
    path = sheet(
        tmp_path / "m.xlsx",
        [
            ["Besuk", "", "", "Logistik", "Lama dan sudah beres", "Camat", "04-11-2024", "", "Selesai", ""],
            ["Besuk", "", "", "Logistik", "Minggu ini dan sudah beres", "Camat", "19-11-2024", "", "Selesai", ""],
        ],
    )
    # as if uploaded on 21 November 2024
    monkeypatch.setattr(masalah.isian, "_now", lambda: dt.datetime(2024, 11, 21, 10, 0))
    assert ingest.ingest_files(empty_db, [(path.name, path.read_bytes())]).committed
    week = _week(empty_db, dt.date(2024, 11, 18)).set_index("uraian")
    assert week["selesai_minggu_ini"].to_dict() == {"Lama dan sudah beres": False, "Minggu ini dan sudah beres": True}
    assert masalah.ringkasan_korwil(week.reset_index())["selesai"].tolist() == [1]
