"""Lapor cepat: election-day reports from TPS in the field (a form on a phone, or paper reports
uploaded as Excel), stored in a database file of their own, and what the dashboard makes of them.

- `laporan`: what a report is (stages, Laporan, HasilKirim, the refusals);
- `store`: where the reports live (their file beside the main database, its tables, read-only opening);
- `tps`: the active TPS list, the area a user reports for, the server's check of a report;
- `salinan`: a consistent copy of the reports' file while the server writes it (for backups);
- `writer`: the one writer thread and its group commits (Layanan), one per process (`layanan`);
- `excel`: paper-report sheets read into reports or into messages naming file, sheet, row and column;
- `ringkasan`: reading — a TPS's history, the reports' trail, the election-day summary;
- `tabel`: the Hari Pemungutan page's tables and downloads, built from the summary;
- `formulir`: what the Lapor page's form decides (TPS offered, links, submission ids, texts shown).

May import: the rest of the core (readiness.akses, db, export, fmt, masalah, privacy, and the
ingest machinery for sheets), duckdb and pandas; never streamlit, app/ or pages/. Which TPS
exist, their DPT and the targets come from the main database (marts/tps, marts/partisipasi).

Callers use the names below: `from readiness import lapor; lapor.Layanan(...)`.
"""

from . import tabel  # noqa: F401  (lapor.tabel: the Hari Pemungutan tables)
from .excel import REQUIRED_FIELDS, BerkasLapor, baca_excel
from .formulir import (
    hadir_teks,
    hasil_unggah,
    jawaban,
    kirim_id,
    menit_ini,
    pilihan_desa,
    pilihan_kecamatan,
    pilihan_tps,
    riwayat_baris,
    siap_unggah,
    tautan_tps,
    tps_dari_tautan,
    waktu_laporan,
    wilayah_teks,
)
from .laporan import (
    JENIS,
    KEJADIAN,
    TAHAP,
    TAHAP_HADIR,
    URAIAN_MAKS,
    BelumTersimpan,
    HasilKirim,
    Laporan,
    LaporanDitolak,
    kategori,
)
from .ringkasan import JUDUL_JEJAK, jejak, jejak_tabel, ringkasan, riwayat, tahap_berjalan
from .store import SCHEMA, ada_laporan, baca_saja, lapor_path
from .tps import DaftarTps, Tps, boleh_wilayah, periksa
from .writer import BATCH_MAKS, ISI_SAMA_DALAM, TUNGGU_DETIK, Layanan, layanan

__all__ = [
    "BATCH_MAKS",
    "ISI_SAMA_DALAM",
    "JENIS",
    "JUDUL_JEJAK",
    "KEJADIAN",
    "REQUIRED_FIELDS",
    "SCHEMA",
    "TAHAP",
    "TAHAP_HADIR",
    "TUNGGU_DETIK",
    "URAIAN_MAKS",
    "BelumTersimpan",
    "BerkasLapor",
    "DaftarTps",
    "HasilKirim",
    "Laporan",
    "LaporanDitolak",
    "Layanan",
    "Tps",
    "ada_laporan",
    "baca_excel",
    "baca_saja",
    "boleh_wilayah",
    "hadir_teks",
    "hasil_unggah",
    "jawaban",
    "jejak",
    "jejak_tabel",
    "kategori",
    "kirim_id",
    "layanan",
    "lapor_path",
    "menit_ini",
    "periksa",
    "pilihan_desa",
    "pilihan_kecamatan",
    "pilihan_tps",
    "riwayat",
    "riwayat_baris",
    "ringkasan",
    "siap_unggah",
    "tahap_berjalan",
    "tautan_tps",
    "tps_dari_tautan",
    "waktu_laporan",
    "wilayah_teks",
]
