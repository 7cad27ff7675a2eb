"""The region an installation serves (a kab/kota by its Kemendagri code), in three concerns:

  berkas.py     whether an uploaded file is for this region (title rows, kab/kota columns, NIKs, the
                kecamatan of one other kab/kota)
  seed.py       the places, boundaries, region row and default election of an installation set up
                by `init` for a kab/kota, a province or the nation, from the national reference (reference/nasional/); a
                database created without `init` keeps the curated reference/ (readiness/db.py)
  pemilihan.py  the elections the installation follows (add, edit; with the audit record: tambah,
                ubah), each with its kind and region
  kata.py       the words users read of the region: Kabupaten/Kota, Bupati/Wali Kota, desa/kelurahan
  pilah.py      the rows of a file that covers more than the region (KPU's national recap): those
                inside are read, the others named in one warning
  kolom_kabkota.py
                in a province or the nation, the kab/kota each row of a file names, within which its
                kecamatan is matched

May import readiness.db, fmt, teks, akses, jejak, names, ingest.workbook and ingest.cells, and
reference/; never streamlit.
"""

from .berkas import (
    KABUPATEN,
    KOTA,
    PROVINSI,
    Tempat,
    Wilayah,
    check_kecamatan,
    check_nik,
    check_rows,
    check_titles,
    load,
    region_columns,
)
from .kata import Kata, kata
from .kolom_kabkota import tandai as tandai_kabkota
from .pilah import pilah_baris

__all__ = [
    "KABUPATEN",
    "Kata",
    "KOTA",
    "PROVINSI",
    "Tempat",
    "Wilayah",
    "check_kecamatan",
    "check_nik",
    "check_rows",
    "check_titles",
    "kata",
    "load",
    "pilah_baris",
    "region_columns",
    "tandai_kabkota",
]
