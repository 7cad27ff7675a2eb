"""The region an installation serves (a kab/kota by its Kemendagri code), in three concerns:

  berkas.py     whether an uploaded file is for this region (title rows, kab/kota columns, NIKs)
  seed.py       the places, boundaries, region row and default election of an installation set up
                by `init` for a kab/kota, from the national reference (reference/nasional/); a
                database created without `init` keeps the curated reference/ (readiness/db.py)
  pemilihan.py  the elections the installation follows (add, edit; with the audit record: tambah,
                ubah), each with its kind and region

May import readiness.db, fmt, teks, akses, jejak, ingest.workbook and reference/; never streamlit.
"""

from .berkas import (
    KABUPATEN,
    KOTA,
    PROVINSI,
    Tempat,
    Wilayah,
    check_nik,
    check_rows,
    check_titles,
    load,
    region_columns,
)

__all__ = [
    "KABUPATEN",
    "KOTA",
    "PROVINSI",
    "Tempat",
    "Wilayah",
    "check_nik",
    "check_rows",
    "check_titles",
    "load",
    "region_columns",
]
