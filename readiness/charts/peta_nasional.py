"""The nation's status map on a page: its 38 provinces (their outlines dissolved once from the
kab/kota, marts/provinsi_batas), each filled in the worst status of its kab/kota, and each of the
514 kab/kota as one status marker on its centroid that a click opens. 514 outlines and names on
one map cannot be read (and cost the browser seconds to draw); 38 shapes and one marker trace can.

The names are in the hover, not written on the map: Indonesia drawn 560 px wide (Ringkasan at
1024 px) is 0,08° per px, and a province's name 10° long, so Java's six names could only be set
far from their provinces, across other islands. The rakor slide, drawn larger, names all 38."""

from __future__ import annotations

import html
from dataclasses import replace

import pandas as pd
import plotly.graph_objects as go

from .. import fmt, teks
from .peta import LEBAR_SEMPIT, NOMINAL_WIDTH, Bentuk, _frame, bidang, skala, tinggi, titik_status
from .warna import STATUS_WARNA, WARNA_KOSONG, legenda_status, status_label

# How a map names a province whose official name is long (`DKI Jakarta`, `Kep. Riau`).
_SINGKAT = (("Daerah Khusus Ibukota ", "DKI "), ("Daerah Istimewa ", "DI "), ("Kepulauan ", "Kep. "))


def nama_provinsi(nama: str) -> str:
    for panjang, singkat in _SINGKAT:
        if nama.startswith(panjang):
            return singkat + nama[len(panjang) :]
    return nama


def _rincian(row) -> str:
    """`2 belum siap · 20 perlu perhatian · 1 siap (23 kab/kota)` of one province."""
    bagian = [f"{fmt.angka(row[s])} {teks.STATUS[s].lower()}" for s in ("merah", "kuning", "hijau")]
    return f"{' · '.join(bagian)} ({fmt.angka(row['jumlah'])} kab/kota)"


def peta_provinsi(
    daftar: pd.DataFrame,
    provinsi: dict[str, Bentuk],
    per: pd.DataFrame,
    titik: dict[str, tuple[float, float]],
    width: int = NOMINAL_WIDTH,
) -> go.Figure:
    """`daftar`: the rated kab/kota (kode_kabkota, kabkota, status); `provinsi`: the province
    outlines by code; `per`: readiness.model.per_provinsi of
    `daftar`; `titik`: each kab/kota's point (lon, lat). A click on a kab/kota marker selects its
    kode_kabkota; a province's hover gives its name (shortened: `nama_provinsi`) and its kab/kota
    per status."""
    provinsi = {k: replace(b, kecamatan=nama_provinsi(b.kecamatan)) for k, b in provinsi.items()}
    fig = go.Figure()
    statuses = set()
    for kode, shape in provinsi.items():
        status = per["status"].get(kode) if kode in per.index else None
        statuses.add(status)
        hover = f"<b>{html.escape(shape.kecamatan, quote=False)}</b>"
        if kode in per.index:
            hover += "<br>" + _rincian(per.loc[kode])
        fig.add_trace(
            bidang(
                shape,
                STATUS_WARNA.get(status, WARNA_KOSONG),
                dict(color="white", width=1),
                hover,
                legendgroup=status or "kosong",
            )
        )
    legenda_status(fig, statuses, kosong=None in statuses)
    shapes = list(provinsi.values())
    height = tinggi(shapes, width)
    kab = daftar[daftar["kode_kabkota"].isin(titik)]
    status = [st if isinstance(st, str) else None for st in kab["status"]]
    hover = [
        f"<b>{html.escape(n, quote=False)}</b><br>{status_label(st)}<br>Klik untuk membuka kabupaten/kota"
        for n, st in zip(kab["kabkota"], status)
    ]
    kode = list(kab["kode_kabkota"])
    fig.add_trace(titik_status([titik[k] for k in kode], status, kode, hover, 7, dict(color="#333333", width=0.5)))
    _frame(fig, shapes, [], skala(shapes, height, min(width, LEBAR_SEMPIT)), height)
    return fig
