"""The region an installation serves (a kab/kota by its Kemendagri code), in three concerns:

  berkas.py     whether an uploaded file is for this region (title rows, kab/kota columns, NIKs)
  seed.py       a new installation's places, boundaries, region row and default election, read from
                the national reference (reference/nasional/) or, by default, the curated reference/
  pemilihan.py  the elections the installation follows (add, edit), each with its kind and region

May import readiness.fmt, readiness.workbook, readiness.teks and reference/; never streamlit.
"""
from .berkas import (KABUPATEN, KOTA, PROVINSI, Tempat, Wilayah, check_nik, check_rows, check_titles,
                     load, region_columns)

__all__ = ["KABUPATEN", "KOTA", "PROVINSI", "Tempat", "Wilayah", "check_nik", "check_rows", "check_titles",
           "load", "region_columns"]
