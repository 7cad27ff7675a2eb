"""readiness.lapor.excel: paper reports uploaded as Excel, once, all or nothing; a bad row named by file,
sheet, row and column."""

from __future__ import annotations

import pytest

from readiness import akses, lapor
from readiness.ingest import templates
from tests import xlsx
from tests.lapor import ANALIS, NGADISARI, SUKAPURA, WONOTORO, E, baris, ringkas

HEADER = [
    "NO",
    "KECAMATAN",
    "DESA/KELURAHAN",
    "NOMOR TPS",
    "TAHAP",
    "WAKTU",
    "PENGGUNA HAK PILIH",
    None,
    "KATEGORI KEJADIAN",
    "URAIAN KEJADIAN",
]


def _sheet(path, rows):
    top = [
        ["LAPORAN TPS HARI PEMUNGUTAN SUARA"],
        ["KECAMATAN SUKAPURA"],
        [],
        HEADER,
        [None] * 6 + ["L", "P", None, None],
    ]
    return xlsx.write(path, top + rows, sheet="LAPORAN", merges=("G4:H4",))


def test_paper_reports_upload_once_all_or_nothing(ctx, tmp_path):
    rows = [
        [1, "Sukapura", "Ngadisari", "001", "Logistik tiba", "06.10", None, None, None, None],
        [2, None, "Ngadisari", "1", "Pemungutan selesai", "27-11-2024 13.05", 200, 150, None, None],
        [
            3,
            None,
            "Wonotoro",
            "TPS 1",
            "pemungutan selesai",
            "13.20",
            "100",
            "100",
            "Keamanan/trantibmas",
            "Ricuh kecil",
        ],
    ]
    path = _sheet(tmp_path / "laporan_sukapura.xlsx", rows)
    with ctx["con"].cursor() as cur:
        berkas = lapor.baca_excel(path.read_bytes(), path.name, cur, E)
    assert berkas.galat == [] and len(berkas.laporan) == 3
    assert berkas.laporan[2][1].kategori == "keamanan" and berkas.laporan[2][1].hadir_l == 100
    done = ctx["layanan"].unggah(ANALIS, berkas, ctx["daftar"])
    assert [h.status for h in done.hasil] == ["baru"] * 3
    suk = baris(ringkas(ctx)["kecamatan"], "kode_kecamatan", SUKAPURA)
    assert suk["hadir"] == 550 and suk["lapor_logistik_tiba"] == 1 and suk["kejadian_terbuka"] == 1
    # The same file again changes nothing.
    with ctx["con"].cursor() as cur:
        again = ctx["layanan"].unggah(ANALIS, lapor.baca_excel(path.read_bytes(), path.name, cur, E), ctx["daftar"])
    assert again.sama_dengan is not None and again.hasil is None
    cur = ctx["layanan"].cursor()
    assert cur.execute("select count(*) from laporan").fetchone()[0] == 3
    assert cur.execute("select sumber from laporan limit 1").fetchone()[0] == "excel: laporan_sukapura.xlsx"
    trail = lapor.jejak(cur)
    assert (trail["aksi"] == "unggah").sum() == 1 and trail[trail["aksi"] == "unggah"]["pelaku"].iloc[0] == "analis1"
    # A reporter may not upload.
    with pytest.raises(akses.TidakBoleh):
        ctx["layanan"].unggah(akses.Pengguna("p", "pelapor", wilayah=SUKAPURA), berkas, ctx["daftar"])


def test_a_bad_row_names_file_sheet_row_and_column_and_nothing_is_stored(ctx, tmp_path):
    rows = [
        [1, "Sukapura", "Ngadisari", "1", "Logistik tiba", "06.10", None, None, None, None],
        [2, "Sukapura", "Ngadisari", "2", "Pemungutan selesai", "13.05", "35,4", 150, None, None],
        [3, "Sukapura", "Ngadisari", "3", "Makan siang", "25.99", None, None, None, None],
    ]
    path = _sheet(tmp_path / "salah.xlsx", rows)
    with ctx["con"].cursor() as cur:
        berkas = lapor.baca_excel(path.read_bytes(), path.name, cur, E)
    assert berkas.galat[0].startswith(
        "salah.xlsx, sheet 'LAPORAN', baris 7, kolom G (PENGGUNA HAK PILIH / L): '35,4'"
    ), berkas.galat
    assert any("baris 8, kolom E (TAHAP): tahap 'Makan siang' tidak dikenal" in g for g in berkas.galat)
    assert any("baris 8, kolom F (WAKTU): waktu '25.99' tidak terbaca" in g for g in berkas.galat)
    done = ctx["layanan"].unggah(ANALIS, berkas, ctx["daftar"])
    assert done.hasil is None
    assert ctx["layanan"].cursor().execute("select count(*) from laporan").fetchone()[0] == 0


def test_a_tps_outside_the_uploaders_area_refuses_the_whole_file(ctx, tmp_path):
    rows = [
        [1, "Sukapura", "Ngadisari", "1", "Logistik tiba", "06.10", None, None, None, None],
        [2, "Sumber", "Sumber", "1", "Logistik tiba", "06.20", None, None, None, None],
    ]
    path = _sheet(tmp_path / "dua_kecamatan.xlsx", rows)
    with ctx["con"].cursor() as cur:
        berkas = lapor.baca_excel(path.read_bytes(), path.name, cur, E)
    assert berkas.galat == []
    analis_sukapura = akses.Pengguna("analis-suk", "analis", wilayah=SUKAPURA)
    done = ctx["layanan"].unggah(analis_sukapura, berkas, ctx["daftar"])
    assert done.hasil is None
    assert any("baris 7" in g and "bukan wilayah tugas Anda" in g for g in done.galat), done.galat
    assert ctx["layanan"].cursor().execute("select count(*) from laporan").fetchone()[0] == 0


def test_the_signature_under_the_reports_is_not_a_report(ctx, tmp_path):
    rows = [
        [1, "Sukapura", "Ngadisari", "1", "Logistik tiba", "06.10", None, None, None, None],
        [2, None, "Wonotoro", "1", "Pemungutan selesai", "13.20", 100, 100, None, None],  # row 7
        [],
        [None, "Mengetahui,", None, None, "Sukapura, 27-11-2024"],  # rows 9-15
        [None, "KETUA PPK SUKAPURA", None, None, "KETUA PPS DESA NGADISARI"],
        [],
        [],
        [],
        [None, "SUPRAPTO", None, None, "NURUL HIDAYAH"],
        [None, "NIP. 19740404 200003 1 004"],
    ]
    path = _sheet(tmp_path / "laporan_bertanda_tangan.xlsx", rows)
    with ctx["con"].cursor() as cur:
        berkas = lapor.baca_excel(path.read_bytes(), path.name, cur, E)
    assert berkas.galat == []
    assert [(where, lap.kode_desa, lap.tahap) for where, lap in berkas.laporan] == [
        ("sheet 'LAPORAN', baris 6", NGADISARI, "logistik_tiba"),
        ("sheet 'LAPORAN', baris 7", WONOTORO, "pemungutan_selesai"),
    ]


def test_the_template_is_read_back(ctx, tmp_path):
    data = templates.template("lapor", ["Sukapura", "Kraksaan"])
    with ctx["con"].cursor() as cur:
        berkas = lapor.baca_excel(data, "templat_lapor.xlsx", cur, E)
    # Only the example row: it is skipped, so there is nothing to store, and the message says so.
    assert berkas.laporan == []
    assert berkas.galat == ["templat_lapor.xlsx: tidak ada baris laporan di bawah judul kolom"]
