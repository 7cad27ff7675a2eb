"""Inventory of problems (inventarisasi permasalahan): what camat and OPD monitors find in
their kecamatan — logistics, voters, KTP-el, security, ASN neutrality, TPS facilities — with a
status that is followed up until it is closed.

A problem is entered through the form on the Permasalahan page (`tambah`) or uploaded as an Excel
sheet (ingest kind `masalah`, merged by `gabung_unggahan`). Every later change of status or
severity and every follow-up note is appended to `masalah_riwayat` (`tindak_lanjut`); the current
status on `masalah` is only the latest of that history. Every change is recorded in the audit
trail (jejak) in the same write transaction.

- `isian`: what a problem is (categories, severities, statuses), the words a sheet uses for them,
  one entry (`Isian`) and its checks;
- `catat`: a problem entered and followed up, written to the small-records store with its audit record;
- `gabung`: an uploaded sheet merged into the inventory (why rows are matched, not versioned, and
  how the two stores' commits stay all or nothing);
- `mingguan`: the weekly report per korwil and its workbook;
- `tabel`: the problems as the pages show them (lists, details, history, open problems).

May import: the rest of the core (readiness.akses, catatan, db, export, fmt, jejak, teks), duckdb,
pandas and sqlite3; never streamlit, app/ or pages/.

Callers use the names below: `from readiness import masalah; masalah.tambah(...)`; the page tables
as `masalah.tabel`.
"""

from . import tabel  # noqa: F401  (masalah.tabel: the page tables)
from .catat import tambah, tindak_lanjut
from .gabung import gabung_tertinggal, gabung_unggahan, ringkas_gabung
from .isian import (
    KATEGORI,
    SELESAI,
    STATUS,
    TEKS_MAKS,
    TINGKAT,
    URAIAN_MAKS,
    URUTAN_STATUS,
    Isian,
    MasalahError,
    baca_kategori,
    baca_status,
    baca_tingkat,
    kunci,
    nomor_tps,
    periksa,
)
from .mingguan import label_minggu, laporan_mingguan, laporan_xlsx, minggu, nama_berkas_laporan, ringkasan_korwil

__all__ = [
    "KATEGORI",
    "SELESAI",
    "STATUS",
    "TEKS_MAKS",
    "TINGKAT",
    "URAIAN_MAKS",
    "URUTAN_STATUS",
    "Isian",
    "MasalahError",
    "baca_kategori",
    "baca_status",
    "baca_tingkat",
    "gabung_tertinggal",
    "gabung_unggahan",
    "kunci",
    "label_minggu",
    "laporan_mingguan",
    "laporan_xlsx",
    "minggu",
    "nama_berkas_laporan",
    "nomor_tps",
    "periksa",
    "ringkas_gabung",
    "ringkasan_korwil",
    "tambah",
    "tindak_lanjut",
]
