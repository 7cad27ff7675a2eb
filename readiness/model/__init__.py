"""The readiness model: readiness per kecamatan, korwil, kabupaten and desa, in figures and words.

The indicators and their statuses are computed in SQL, per kecamatan and per desa by one set of
rules (queries/intermediate/kesiapan.sql) from thresholds stored per election; this package runs
those marts, words the non-green indicators as plain Indonesian reasons with their numbers (e.g.
`KTP-el 94,10% (< 95%)` or `Data TPS belum diunggah`), computes what each dashboard page shows,
runs the reconciliation checks (queries/checks) and saves the election's settings and korwil
assignment.

    kabkota       readiness per kab/kota of a province (the kecamatan rules on its sums)
    kelengkapan   completeness per kab/kota and kind of data, worded
    kesiapan      the kept rows of int_kecamatan (evaluated once per election and data version)
    laporan       the marts per level (kecamatan, korwil, kabupaten, desa, TPS) and the report
    alasan        reasons, follow-ups and indicators of one kecamatan or desa, in words
    pemilih       voter segments (pemula, disabilitas) per desa and kecamatan
    halaman       everything a dashboard page shows (PAGES), so pages only display
    jenjang       the walk region → korwil → kecamatan → desa → TPS: parents, the kept choice, breadcrumbs
    kartu         the headline figures of each page, in words
    rekonsiliasi  the reconciliation checks
    pemilihan     the election's labels and which election is active
    pengaturan    thresholds, targets and TPS capacity of one election
    penugasan     the korwil assignment of one election

May import: duckdb, pandas and the core modules `readiness.db`, `readiness.fmt`, `readiness.teks`,
`readiness.parse` and `readiness.wilayah.kata` (the words of the region); never streamlit, the pages or `app/`. Callers use the names re-exported
here (`from readiness import model; model.report(...)`).
"""

from __future__ import annotations

from . import jenjang
from ._nilai import present
from .alasan import desa_reasons, indikator, reasons, tindak_lanjut
from .halaman import (
    PAGES,
    Dasar,
    dasar,
    halaman_kecamatan,
    halaman_korwil,
    halaman_ktpel,
    halaman_partisipasi,
    halaman_pemilih,
    halaman_pengaturan,
    halaman_ringkasan,
    halaman_tps,
)
from .kabkota import berdata as kabkota_berdata
from .kabkota import kabkota as kabkota_kesiapan
from .kabkota import nama_pendek as nama_pendek_kabkota
from .kabkota import per_provinsi
from .kelengkapan import kelengkapan_kabkota
from .kesiapan import KESIAPAN, kesiapan, kesiapan_cursor
from .laporan import (
    COUNT_COLUMNS,
    LEVELS,
    REPORT_COLUMNS,
    desa,
    desa_kesiapan,
    kabupaten,
    kecamatan,
    kelengkapan,
    korwil,
    ktpel_tren_kabupaten,
    partisipasi,
    report,
    tps,
    versi,
    versi_label,
)
from .pemilih import DISABILITAS, SEGMEN_KOLOM, pemilih_desa, pemilih_kecamatan, pemilih_per_kecamatan
from .pemilihan import aktifkan_pemilihan, pemilihan_label, previous_label
from .pengaturan import (
    PENGATURAN,
    PENGATURAN_OPSIONAL,
    SAKLAR,
    TARGET_KEY,
    PengaturanError,
    baca_angka,
    baca_isian,
    baca_target,
    label_pengaturan,
    periksa_pengaturan,
    simpan_pengaturan,
    simpan_target_kecamatan,
    tabel_target,
    ubah_berkas,
    uraikan_perubahan,
)
from .penugasan import (
    belum_korwil,
    periksa_korwil,
    periksa_korwil_kabkota,
    simpan_korwil,
    simpan_korwil_kabkota,
    ubah_korwil,
)
from .rekonsiliasi import pemeriksaan, periksa

__all__ = [
    "aktifkan_pemilihan",
    "baca_angka",
    "baca_isian",
    "baca_target",
    "belum_korwil",
    "COUNT_COLUMNS",
    "Dasar",
    "dasar",
    "desa",
    "desa_kesiapan",
    "desa_reasons",
    "DISABILITAS",
    "halaman_kecamatan",
    "halaman_korwil",
    "halaman_ktpel",
    "halaman_partisipasi",
    "halaman_pemilih",
    "halaman_pengaturan",
    "halaman_ringkasan",
    "halaman_tps",
    "indikator",
    "jenjang",
    "kabkota_berdata",
    "kabkota_kesiapan",
    "kabupaten",
    "kecamatan",
    "kelengkapan",
    "kelengkapan_kabkota",
    "KESIAPAN",
    "kesiapan",
    "kesiapan_cursor",
    "label_pengaturan",
    "korwil",
    "ktpel_tren_kabupaten",
    "LEVELS",
    "PAGES",
    "partisipasi",
    "pemeriksaan",
    "pemilih_desa",
    "pemilih_kecamatan",
    "pemilih_per_kecamatan",
    "pemilihan_label",
    "PENGATURAN",
    "present",
    "PENGATURAN_OPSIONAL",
    "SAKLAR",
    "tabel_target",
    "PengaturanError",
    "periksa",
    "periksa_korwil",
    "nama_pendek_kabkota",
    "per_provinsi",
    "periksa_korwil_kabkota",
    "periksa_pengaturan",
    "previous_label",
    "reasons",
    "report",
    "REPORT_COLUMNS",
    "SEGMEN_KOLOM",
    "simpan_korwil",
    "simpan_korwil_kabkota",
    "simpan_pengaturan",
    "simpan_target_kecamatan",
    "TARGET_KEY",
    "tindak_lanjut",
    "tps",
    "ubah_berkas",
    "ubah_korwil",
    "uraikan_perubahan",
    "versi",
    "versi_label",
]
