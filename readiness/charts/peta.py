"""The kecamatan maps (status, TPS), drawn from the installation's own boundaries in the database
(`ref_kecamatan_batas`, read through marts/kecamatan_batas) as filled shapes: no tiles, no network.

Labels are sized to what is shown: a kota of 5 kecamatan gets larger names than a kabupaten of 30,
placed so that none covers another (letak.py; a name set away from its kecamatan gets a thin line
to it), and the map's frame takes in every label, so no name is cut at the edge. A region without
boundaries has no shapes: the pages say so in a sentence instead of drawing a map."""

from __future__ import annotations

import html
import json
from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from .. import db, fmt
from . import letak
from .warna import GREY, STATUS_WARNA, SYMBOL, WARNA_KOSONG, legenda_status, status_label, teks_grafik
from .warna import layout as _layout


@dataclass(frozen=True)
class Bentuk:
    """One kecamatan's outline: rings as lons/lats separated by None, and the point of its label."""

    kode: str
    kecamatan: str
    lons: tuple[float | None, ...]
    lats: tuple[float | None, ...]
    label: tuple[float, float]  # (lon, lat)


def kecamatan_shapes(con, tingkat: str = "kecamatan", election: str | None = None) -> dict[str, Bentuk]:
    """Per kode_kecamatan of the installation's region, in code order: its outline and label point
    (the reference's centroid; the middle of its outline when the reference has none). Empty when
    the region has no boundaries. `tingkat="kabkota"`: the same per kab/kota (marts/kabkota_batas);
    `"provinsi"` per province (marts/provinsi_batas: the nation's, each its kab/kota dissolved).
    With `election`, only the places of that election (marts/kontes_kecamatan: a bupati or wali
    kota contest its kab/kota and its kecamatan)."""
    shapes = {}
    frame = db.run(con, f"marts/{tingkat}_batas")
    if election is not None:
        own = db.run(con, "marts/kontes_kecamatan", election=election)["kode_kecamatan"]
        if tingkat == "provinsi":
            own = own.str[:2]
        elif tingkat != "kecamatan":
            own = own.str.rsplit(".", n=1).str[0]
        frame = frame[frame[f"kode_{tingkat}"].isin(set(own))]
    if tingkat != "kecamatan":
        frame = frame.rename(columns={f"kode_{tingkat}": "kode_kecamatan", tingkat: "kecamatan"})
    for row in frame.itertuples(index=False):
        geom = json.loads(row.geometry)
        polygons = geom["coordinates"] if geom["type"] == "MultiPolygon" else [geom["coordinates"]]
        lons: list[float | None] = []
        lats: list[float | None] = []
        for polygon in polygons:
            for ring in polygon:
                lons += [pt[0] for pt in ring] + [None]
                lats += [pt[1] for pt in ring] + [None]
        if pd.notna(row.lon) and pd.notna(row.lat):
            label = (float(row.lon), float(row.lat))
        else:
            xs, ys = [v for v in lons if v is not None], [v for v in lats if v is not None]
            label = ((min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2)
        shapes[row.kode_kecamatan] = Bentuk(row.kode_kecamatan, row.kecamatan, tuple(lons), tuple(lats), label)
    return shapes


# --------------------------------------------------------------------------- labels
@dataclass(frozen=True)
class Skala:
    """How large a label is on a map, in degrees (the axes keep lon and lat at one scale)."""

    font: int  # px
    per_px: float  # degrees per px
    char: float
    line: float
    gap: float
    pad: float


# A character of the labels' font is at most ~0,6 em wide (measured in Chromium on the sample's
# names: 0,54–0,60) and a line ~1,22 em high. Names are placed for the narrowest plot a page draws
# the map in: Ringkasan's is 564 px wide in a 1024 px window (1.460 px at 1920). A wider plot only
# shrinks each name's box around its own centre, so no two meet there either.
CHAR_EM, LINE_EM, GAP_PX, PAD_PX, MARKER_PX = 0.62, 1.22, 5.6, 8.0, 13.0
NOMINAL_WIDTH = 1000
LEBAR_SEMPIT = 560
TOP_PX = 30  # the plot's top margin, where the legend is


def _font(jumlah: int) -> int:
    return 15 if jumlah <= 8 else 13 if jumlah <= 16 else 12


def _skala(font: int, per_px: float) -> Skala:
    return Skala(font, per_px, CHAR_EM * font * per_px, LINE_EM * font * per_px, GAP_PX * per_px, PAD_PX * per_px)


def skala(shapes: list[Bentuk], height: int, width: int = NOMINAL_WIDTH, jumlah: int | None = None) -> Skala:
    """Label sizes for these shapes drawn in a plot of `height` x `width` px: bigger names when
    the region has few kecamatan (`jumlah`, by default those drawn), degrees per px from whichever
    of lon and lat fills the plot first."""
    lons = [v for s in shapes for v in s.lons if v is not None] or [0.0]
    lats = [v for s in shapes for v in s.lats if v is not None] or [0.0]
    per_px = max((max(lons) - min(lons)) / width, (max(lats) - min(lats)) / max(height - TOP_PX, 100), 1e-6)
    return _skala(_font(len(shapes) if jumlah is None else jumlah), per_px)


def _ranges(shapes: list[Bentuk], boxes: list[tuple], pad: float) -> tuple[list[float], list[float]] | None:
    """The axes' ranges that take in every outline and every label box, with `pad` around."""
    xs = [v for sh in shapes for v in sh.lons if v is not None] + [v for b in boxes for v in (b[0], b[2])]
    ys = [v for sh in shapes for v in sh.lats if v is not None] + [v for b in boxes for v in (b[1], b[3])]
    if not xs:
        return None
    return [min(xs) - pad, max(xs) + pad], [min(ys) - pad, max(ys) + pad]


def derajat_per_px(xrange, yrange, width: int, height: int) -> float:
    """Degrees per px of a map with these ranges in a plot `width` x `height` px (with its top
    margin): lon and lat keep one scale, so the direction that fills the plot first sets it."""
    return max((xrange[1] - xrange[0]) / width, (yrange[1] - yrange[0]) / max(height - TOP_PX, 100))


def kotak_nama(names: list[str], centres: list[tuple[float, float]], font: int, per_px: float) -> list[tuple]:
    """The box (x0, y0, x1, y1, in degrees) each name covers, written centred on its centre in a
    font of `font` px on a map of `per_px` degrees per px."""
    s = _skala(font, per_px)
    return [
        (x - s.char * len(n) / 2, y - s.line / 2, x + s.char * len(n) / 2, y + s.line / 2)
        for n, (x, y) in zip(names, centres)
    ]


def kotak_nama_di(fig: go.Figure, width: int) -> list[tuple]:
    """What each name of a status map (its last trace) covers when the figure is drawn `width` px
    wide at its own height: [(name, (x0, y0, x1, y1)), ...] in degrees."""
    names = fig.data[-1]
    per_px = derajat_per_px(fig.layout.xaxis.range, fig.layout.yaxis.range, width, fig.layout.height)
    boxes = kotak_nama(list(names.text), list(zip(names.x, names.y)), names.textfont.size, per_px)
    return list(zip(names.text, boxes))


def tempat_nama(
    shapes: list[Bentuk], framed: list[Bentuk], height: int, width: int, jumlah: int, di_titik: bool = False
):
    """(labels, Skala): where each of these kecamatan's names goes (readiness.charts.letak) on a
    map of `framed` drawn `width` x `height` px. The frame grows to take in the names, which makes
    each degree fewer px: the names are placed again at the new scale until it holds.
    `di_titik`: names of places without a marker (kab/kota), first tried centred on their point."""
    s = skala(framed, height, width, jumlah)
    points = [sh.label for sh in shapes]
    names = [sh.kecamatan for sh in shapes]
    tanda = 0.0 if di_titik else MARKER_PX
    for _ in range(4):
        sizes = [(s.char * len(n), s.line) for n in names]
        labels = letak.letakkan(points, sizes, s.gap, tanda=tanda * s.per_px, di_titik=di_titik)
        ranges = _ranges(framed, [lb.box for lb in labels], s.pad)
        per_px = derajat_per_px(*ranges, width, height) if ranges else s.per_px
        if per_px <= s.per_px * 1.001:
            break
        s = _skala(s.font, per_px * 1.02)
    return labels, s


def _frame(fig: go.Figure, shapes: list[Bentuk], boxes: list[tuple], s: Skala, height: int) -> None:
    """Axes that take in every outline and every label, lon and lat at one scale, no tiles."""
    ranges = _ranges(shapes, boxes, s.pad)
    fig.update_xaxes(visible=False, fixedrange=True)
    fig.update_yaxes(visible=False, scaleanchor="x", scaleratio=1, fixedrange=True)
    if ranges:
        fig.update_xaxes(range=ranges[0])
        fig.update_yaxes(range=ranges[1])
    _layout(fig, height)
    fig.update_layout(
        margin=dict(l=0, r=0, t=TOP_PX, b=0),
        plot_bgcolor="white",
        clickmode="event+select",
        dragmode=False,
        hovermode="closest",
        legend=dict(orientation="h", yanchor="bottom", y=1.0, xanchor="left", x=0),
    )


# --------------------------------------------------------------------------- the status map
def bidang(shape: Bentuk, fillcolor: str, line: dict, hover: str | None = None, **lain) -> go.Scatter:
    """An area's filled outline (a kecamatan, a province) without a legend entry; pointing anywhere
    inside it shows `hover` (none: it shows nothing). `lain`: more of the trace's properties."""
    arah = dict(hoveron="fills", hoverinfo="text", text=hover) if hover is not None else dict(hoverinfo="skip")
    return go.Scatter(
        x=shape.lons,
        y=shape.lats,
        mode="lines",
        fill="toself",
        fillcolor=fillcolor,
        line=line,
        showlegend=False,
        **arah,
        **lain,
    )


def titik_status(
    titik: list[tuple[float, float]],
    statuses: list[str | None],
    kode: list[str],
    hover: list[str],
    size: int,
    line: dict,
) -> go.Scatter:
    """Points (lon, lat) in their status's symbol and colour (a grey diamond without a status),
    without a legend entry; a click on one selects its `kode`."""
    return go.Scatter(
        x=[t[0] for t in titik],
        y=[t[1] for t in titik],
        mode="markers",
        marker=dict(
            size=size,
            symbol=[SYMBOL.get(st, "diamond") for st in statuses],
            color=[STATUS_WARNA.get(st, GREY) for st in statuses],
            line=line,
        ),
        customdata=kode,
        showlegend=False,
        hovertext=hover,
        hoverinfo="text",
    )


def _status_of(rows: pd.DataFrame, kode: str) -> str | None:
    status = rows["status"].get(kode) if kode in rows.index else None
    return status if isinstance(status, str) else None


def _shape_traces(fig: go.Figure, shapes: dict[str, Bentuk], rows: pd.DataFrame, sorot: set[str] | None) -> None:
    """One filled outline per kecamatan in its status colour (light grey outside `sorot`); the
    legend has one entry per status (warna.legenda_status), and one for those outside `sorot`."""
    statuses, luar = set(), False
    for kode, shape in shapes.items():
        status = _status_of(rows, kode)
        dimmed = sorot is not None and kode not in sorot
        luar = luar or dimmed
        if not dimmed:
            statuses.add(status)
        colour = WARNA_KOSONG if status is None else STATUS_WARNA[status]
        reason = rows["alasan"].get(kode) if "alasan" in rows and kode in rows.index else ""
        hover = f"<b>{html.escape(shape.kecamatan, quote=False)}</b><br>{status_label(status)}"
        if isinstance(reason, str) and reason:
            hover += "<br>" + html.escape(reason, quote=False).replace(", ", "<br>")
        fig.add_trace(
            bidang(
                shape,
                LUAR if dimmed else colour,
                dict(color="white", width=1.5),
                hover,
                name="Di luar korwil ini" if dimmed else status_label(status),
                legendgroup="lain" if dimmed else (status or "kosong"),
                customdata=[kode] * len(shape.lons),
            )
        )
    legenda_status(fig, statuses, kosong=None in statuses)
    if luar:
        fig.add_trace(
            go.Scatter(
                x=[None],
                y=[None],
                mode="markers",
                name="Di luar korwil ini",
                legendgroup="lain",
                legendrank=9,
                marker=dict(symbol="square", color=LUAR, size=14, line=dict(color="#333333", width=1)),
                hoverinfo="skip",
            )
        )


LUAR = "#ededed"  # kecamatan outside the korwil shown


def tinggi(shapes: list[Bentuk], width: int = NOMINAL_WIDTH) -> int:
    """The plot height (px) that lets these shapes fill `width`: a wide kabupaten 520 px, a tall
    one (a mainland and an island below it) up to MAX_HEIGHT, so its names get room too."""
    lons = [v for s in shapes for v in s.lons if v is not None] or [0.0]
    lats = [v for s in shapes for v in s.lats if v is not None] or [0.0]
    span = max(max(lons) - min(lons), 1e-6)
    return int(min(MAX_HEIGHT, max(MIN_HEIGHT, width * (max(lats) - min(lats)) / span + 30)))


MIN_HEIGHT, MAX_HEIGHT = 420, 720  # px; 720 still fits a 1024x768 screen under the page's title


# A map naming more kecamatan than this (more than any kabupaten has: 51 at most) names its
# kab/kota instead, when their outlines are given: 221 names cannot be read at a projector.
NAMA_MAKS = 60


def peta_status(
    df: pd.DataFrame,
    shapes: dict[str, Bentuk],
    sorot: set[str] | None = None,
    height: int | None = None,
    zoom: bool = False,
    width: int = NOMINAL_WIDTH,
    kode: str = "kode_kecamatan",
    klik: str = "kecamatan",
    kabkota: dict[str, Bentuk] | None = None,
) -> go.Figure:
    """Choropleth of kecamatan status drawn from the region's boundaries as filled shapes (works
    offline), each labelled with its name; a click on a name (or an outline) selects its kode.
    Kecamatan outside `sorot` (when given) are drawn grey, so a korwil sees its own region;
    `zoom` frames the map on that region. `width`: about how wide the page draws it (px);
    `height` by default follows the region's shape (`tinggi`); `kode`: the column of `df` the
    shapes are keyed by (`kode_kabkota` for a map of kab/kota), `klik` what a click opens.

    `kabkota`: the outlines of the region's kab/kota (a province's). When more than NAMA_MAKS
    kecamatan would be named, their borders are drawn over the kecamatan and the names written
    are the kab/kota's (a click opens the kab/kota); each kecamatan keeps its status marker, and
    its name and status show on hover."""
    fig = go.Figure()
    rows = df.set_index(kode)
    _shape_traces(fig, shapes, rows, sorot)
    order = [k for k in shapes if sorot is None or k in sorot]
    # `zoom` frames the korwil's own kecamatan; one whose kecamatan have no outline is not framed.
    framed = [shapes[k] for k in order] if zoom and sorot else []
    framed = framed or list(shapes.values())
    height = height or tinggi(framed, width)
    width = min(width, LEBAR_SEMPIT)
    named = [k for k in kabkota or {} if any(o.startswith(k + ".") for o in order)]
    if len(order) > NAMA_MAKS and len(named) > 1:
        _batas_kabkota(fig, [kabkota[k] for k in named])
        labels, s = tempat_nama([kabkota[k] for k in named], framed, height, width, len(named), di_titik=True)
    else:
        named = order
        labels, s = tempat_nama([shapes[k] for k in order], framed, height, width, len(shapes))
    statuses = [_status_of(rows, k) for k in order]
    hover = [
        f"<b>{html.escape(shapes[k].kecamatan, quote=False)}</b><br>{status_label(st)}<br>Klik untuk membuka {klik}"
        for k, st in zip(order, statuses)
    ]
    _garis(fig, labels)
    titik = [shapes[k].label for k in order]
    fig.add_trace(titik_status(titik, statuses, order, hover, 11, dict(color="white", width=1.5)))
    if named is order:
        names = [shapes[k].kecamatan for k in order]
    else:
        names = [kabkota[k].kecamatan for k in named]
        hover = [f"<b>{html.escape(n, quote=False)}</b><br>Klik untuk membuka kabupaten/kota" for n in names]
    # The names, last: each centred in the box letak.letakkan gave it (a click selects its kode too).
    fig.add_trace(
        go.Scatter(
            x=[lb.pusat[0] for lb in labels],
            y=[lb.pusat[1] for lb in labels],
            mode="text",
            name="nama",
            text=teks_grafik(names),
            textposition="middle center",
            textfont=dict(size=s.font, color="#1b1b1b", shadow="1px 1px 2px #fff, -1px -1px 2px #fff"),
            customdata=named,
            showlegend=False,
            hovertext=hover,
            hoverinfo="text",
        )
    )
    _frame(fig, framed, [lb.box for lb in labels], s, height)
    return fig


def _garis(fig: go.Figure, labels: list[letak.Label]) -> None:
    """A name set away from its place gets a thin line to its point."""
    garis_x: list[float | None] = []
    garis_y: list[float | None] = []
    for lb in labels:
        if lb.garis:
            garis_x += [lb.titik[0], lb.ujung[0], None]
            garis_y += [lb.titik[1], lb.ujung[1], None]
    fig.add_trace(
        go.Scatter(
            x=garis_x, y=garis_y, mode="lines", line=dict(color="#333333", width=1), hoverinfo="skip", showlegend=False
        )
    )


def _batas_kabkota(fig: go.Figure, outlines: list[Bentuk]) -> None:
    """The kab/kota's borders, darker than the kecamatan's, in one trace."""
    xs = [v for b in outlines for v in b.lons]
    ys = [v for b in outlines for v in b.lats]
    fig.add_trace(
        go.Scatter(x=xs, y=ys, mode="lines", line=dict(color="#555555", width=1.5), hoverinfo="skip", showlegend=False)
    )


# --------------------------------------------------------------------------- TPS
def tps_peta(tps_df: pd.DataFrame, shapes: dict[str, Bentuk], kode_kecamatan: str | None = None) -> go.Figure:
    """TPS with coordinates as points over the kecamatan outlines (no tiles); over-capacity TPS red."""
    fig = go.Figure()
    for kode, shape in shapes.items():
        if kode_kecamatan and kode != kode_kecamatan:
            continue
        fig.add_trace(bidang(shape, "rgba(230,230,230,0.5)", dict(color="#888", width=1)))
    data = tps_df.dropna(subset=["lat", "lon"])
    for over, name, colour in ((False, "TPS", "#1f5f8b"), (True, "TPS melebihi kapasitas", STATUS_WARNA["merah"])):
        part = data[data["melebihi_kapasitas"].fillna(False).astype(bool) == over]
        if part.empty:
            continue
        fig.add_trace(
            go.Scatter(
                x=part["lon"],
                y=part["lat"],
                mode="markers",
                name=name,
                marker=dict(size=9 if over else 6, color=colour, symbol="square" if over else "circle"),
                text=[
                    f"<b>TPS {t}</b> {d}<br>{fmt.angka(v)} pemilih"
                    for t, d, v in zip(teks_grafik(part["no_tps"]), teks_grafik(part["desa"]), part["dpt"])
                ],
                hoverinfo="text",
            )
        )
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False, scaleanchor="x", scaleratio=1)
    _layout(fig, 460)
    fig.update_layout(margin=dict(l=0, r=0, t=30, b=0))
    return fig
