"""Plotly figures with Indonesian labels and separators; status colours always carry a label.

  warna.py   what every figure shares: status order, the one status palette (the slides' too),
             symbols and legend, the id-ID layout
  letak.py   where each name goes on a map so none overlap (leader lines for names set apart)
  batang.py  the bar and line charts (status, korwil, voters, TPS, KTP-el, participation)
  peta.py    the kecamatan maps (status, TPS) from the region's boundaries in the database
  peta_nasional.py  the nation's map: its provinces named and coloured, each kab/kota a marker

May import readiness.db, fmt and teks; never streamlit.
"""

from .batang import (
    kategori_bars,
    korwil_bandingan,
    ktpel_bars,
    ktpel_tren,
    lp_bars,
    partisipasi_gap,
    realisasi_bars,
    status_bars,
    tps_sebaran,
)
from .peta import Bentuk, kecamatan_shapes, peta_status, tps_peta
from .peta_nasional import nama_provinsi, peta_provinsi
from .warna import (
    FONT,
    GREY,
    PLOT_CONFIG,
    STATUS_ORDER,
    STATUS_WARNA,
    STATUS_WARNA_TEKS,
    SYMBOL,
    WARNA_KOSONG,
    layout,
    legenda_status,
    status_label,
    teks_grafik,
)

__all__ = [
    "FONT",
    "GREY",
    "PLOT_CONFIG",
    "STATUS_ORDER",
    "STATUS_WARNA",
    "STATUS_WARNA_TEKS",
    "SYMBOL",
    "WARNA_KOSONG",
    "Bentuk",
    "kategori_bars",
    "kecamatan_shapes",
    "korwil_bandingan",
    "ktpel_bars",
    "ktpel_tren",
    "layout",
    "legenda_status",
    "lp_bars",
    "partisipasi_gap",
    "nama_provinsi",
    "peta_provinsi",
    "peta_status",
    "realisasi_bars",
    "status_bars",
    "status_label",
    "teks_grafik",
    "tps_peta",
    "tps_sebaran",
]
