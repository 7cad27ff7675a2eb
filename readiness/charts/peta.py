"""The kecamatan maps (status, TPS), drawn from the installation's own boundaries in the database
(`ref_kecamatan_batas`, read through marts/kecamatan_batas) as filled shapes: no tiles, no network.

Labels are sized to what is shown: a kota of 5 kecamatan gets larger names than a kabupaten of 30,
and the map's frame takes in every label, so no name is cut at the edge. A region without
boundaries has no shapes: the pages say so in a sentence instead of drawing a map."""

from __future__ import annotations

import html
import json
from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from .. import db, fmt, teks
from .warna import GREY, SYMBOL, rgba, status_label, teks_grafik
from .warna import layout as _layout


@dataclass(frozen=True)
class Bentuk:
    """One kecamatan's outline: rings as lons/lats separated by None, and the point of its label."""

    kode: str
    kecamatan: str
    lons: tuple[float | None, ...]
    lats: tuple[float | None, ...]
    label: tuple[float, float]  # (lon, lat)


def kecamatan_shapes(con) -> dict[str, Bentuk]:
    """Per kode_kecamatan of the installation's region, in code order: its outline and label point
    (the reference's centroid; the middle of its outline when the reference has none). Empty when
    the region has no boundaries."""
    shapes = {}
    for row in db.run(con, "marts/kecamatan_batas").itertuples(index=False):
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
    char: float
    line: float
    gap: float
    pad: float


# A character of the labels' font is ~0,6 em wide and a line ~1,22 em high; the map is drawn about
# NOMINAL_WIDTH px wide on a wide page (the sample's map at these sizes: 0,0052° a character).
CHAR_EM, LINE_EM, GAP_PX, PAD_PX = 0.6, 1.22, 5.6, 8.0
NOMINAL_WIDTH = 1000


def skala(shapes: list[Bentuk], height: int, width: int = NOMINAL_WIDTH, jumlah: int | None = None) -> Skala:
    """Label sizes for these shapes drawn in a plot of `height` x `width` px: bigger names when
    the region has few kecamatan (`jumlah`, by default those drawn), degrees per px from whichever
    of lon and lat fills the plot first."""
    lons = [v for s in shapes for v in s.lons if v is not None] or [0.0]
    lats = [v for s in shapes for v in s.lats if v is not None] or [0.0]
    per_px = max((max(lons) - min(lons)) / width, (max(lats) - min(lats)) / max(height - 30, 100), 1e-6)
    jumlah = len(shapes) if jumlah is None else jumlah
    font = 15 if jumlah <= 8 else 13 if jumlah <= 16 else 12
    return Skala(font, CHAR_EM * font * per_px, LINE_EM * font * per_px, GAP_PX * per_px, PAD_PX * per_px)


# Plotly's text positions around a point, in the order they are tried.
POSITIONS = (
    "top center",
    "bottom center",
    "middle right",
    "middle left",
    "top right",
    "top left",
    "bottom right",
    "bottom left",
)


def _box(x: float, y: float, width: float, where: str, s: Skala) -> tuple[float, float, float, float]:
    """(x0, y0, x1, y1) of a label of `width` degrees written `where` around its point."""
    vertical, horizontal = where.split()
    if vertical == "top":
        y0, y1 = y + s.gap, y + s.gap + s.line
    elif vertical == "bottom":
        y0, y1 = y - s.gap - s.line, y - s.gap
    else:
        y0, y1 = y - s.line / 2, y + s.line / 2
    if horizontal == "center":
        return (x - width / 2, y0, x + width / 2, y1)
    if horizontal == "right":
        return (x + s.gap, y0, x + s.gap + width, y1)
    return (x - s.gap - width, y0, x - s.gap, y1)


def label_boxes(points: list[tuple[float, float]], names: list[str], s: Skala) -> list[tuple[str, tuple]]:
    """Where each name goes around its point so neighbouring names do not overlap (greedy: the
    first position that is clear, else the one that covers least of the names already placed),
    and the box it then covers: [(textposition, (x0, y0, x1, y1)), ...]."""
    placed: list[tuple[float, float, float, float]] = []
    out = []

    def covered(b) -> float:
        area = 0.0
        for o in placed:
            w, h = min(b[2], o[2]) - max(b[0], o[0]), min(b[3], o[3]) - max(b[1], o[1])
            if w > 0 and h > 0:
                area += w * h
        return area

    for (x, y), name in zip(points, names):
        width = s.char * len(name)
        choice = min(POSITIONS, key=lambda where: (covered(_box(x, y, width, where, s)), POSITIONS.index(where)))
        placed.append(_box(x, y, width, choice, s))
        out.append((choice, placed[-1]))
    return out


def _frame(fig: go.Figure, shapes: list[Bentuk], boxes: list[tuple], s: Skala, height: int) -> None:
    """Axes that take in every outline and every label, lon and lat at one scale, no tiles."""
    xs = [v for sh in shapes for v in sh.lons if v is not None] + [v for b in boxes for v in (b[0], b[2])]
    ys = [v for sh in shapes for v in sh.lats if v is not None] + [v for b in boxes for v in (b[1], b[3])]
    fig.update_xaxes(visible=False, fixedrange=True)
    fig.update_yaxes(visible=False, scaleanchor="x", scaleratio=1, fixedrange=True)
    if xs:
        fig.update_xaxes(range=[min(xs) - s.pad, max(xs) + s.pad])
        fig.update_yaxes(range=[min(ys) - s.pad, max(ys) + s.pad])
    _layout(fig, height)
    fig.update_layout(
        margin=dict(l=0, r=0, t=30, b=0),
        plot_bgcolor="white",
        clickmode="event+select",
        dragmode=False,
        hovermode="closest",
        legend=dict(orientation="h", yanchor="bottom", y=1.0, xanchor="left", x=0),
    )


# --------------------------------------------------------------------------- the status map
def _status_of(rows: pd.DataFrame, kode: str) -> str | None:
    status = rows["status"].get(kode) if kode in rows.index else None
    return status if isinstance(status, str) else None


def _shape_traces(fig: go.Figure, shapes: dict[str, Bentuk], rows: pd.DataFrame, sorot: set[str] | None) -> None:
    """One filled outline per kecamatan in its status colour (grey outside `sorot`), one legend
    entry per status."""
    shown_legend = set()
    for kode, shape in shapes.items():
        status = _status_of(rows, kode)
        dimmed = sorot is not None and kode not in sorot
        colour = GREY if status is None else teks.STATUS_WARNA[status]
        group = "lain" if dimmed else (status or "kosong")
        reason = rows["alasan"].get(kode) if "alasan" in rows and kode in rows.index else ""
        hover = f"<b>{html.escape(shape.kecamatan, quote=False)}</b><br>{status_label(status)}"
        if isinstance(reason, str) and reason:
            hover += "<br>" + html.escape(reason, quote=False).replace(", ", "<br>")
        fig.add_trace(
            go.Scatter(
                x=shape.lons,
                y=shape.lats,
                mode="lines",
                fill="toself",
                fillcolor=rgba("#d9d9d9", 0.6) if dimmed else rgba(colour, 0.55),
                line=dict(color="white", width=1.5),
                hoveron="fills",
                hoverinfo="text",
                text=hover,
                name="Di luar korwil ini" if dimmed else status_label(status),
                legendgroup=group,
                showlegend=group not in shown_legend,
                legendrank={"merah": 1, "kuning": 2, "hijau": 3, "kosong": 4, "lain": 5}[group],
                customdata=[kode] * len(shape.lons),
            )
        )
        shown_legend.add(group)


def tinggi(shapes: list[Bentuk], width: int = NOMINAL_WIDTH) -> int:
    """The plot height (px) that lets these shapes fill `width`: a wide kabupaten 520 px, a tall
    one (a mainland and an island below it) up to MAX_HEIGHT, so its names get room too."""
    lons = [v for s in shapes for v in s.lons if v is not None] or [0.0]
    lats = [v for s in shapes for v in s.lats if v is not None] or [0.0]
    span = max(max(lons) - min(lons), 1e-6)
    return int(min(MAX_HEIGHT, max(MIN_HEIGHT, width * (max(lats) - min(lats)) / span + 30)))


MIN_HEIGHT, MAX_HEIGHT = 420, 720  # px; 720 still fits a 1024x768 screen under the page's title


def peta_status(
    df: pd.DataFrame,
    shapes: dict[str, Bentuk],
    sorot: set[str] | None = None,
    height: int | None = None,
    zoom: bool = False,
    width: int = NOMINAL_WIDTH,
) -> go.Figure:
    """Choropleth of kecamatan status drawn from the region's boundaries as filled shapes (works
    offline), each labelled with its name; a click on a name (or an outline) selects its kode.
    Kecamatan outside `sorot` (when given) are drawn grey, so a korwil sees its own region;
    `zoom` frames the map on that region. `width`: about how wide the page draws it (px);
    `height` by default follows the region's shape (`tinggi`)."""
    fig = go.Figure()
    rows = df.set_index("kode_kecamatan")
    _shape_traces(fig, shapes, rows, sorot)
    order = [k for k in shapes if sorot is None or k in sorot]
    # `zoom` frames the korwil's own kecamatan; one whose kecamatan have no outline is not framed.
    framed = [shapes[k] for k in order] if zoom and sorot else []
    framed = framed or list(shapes.values())
    height = height or tinggi(framed, width)
    s = skala(framed, height, width, jumlah=len(shapes))
    names = [shapes[k].kecamatan for k in order]
    placed = label_boxes([shapes[k].label for k in order], names, s)
    statuses = [_status_of(rows, k) for k in order]
    fig.add_trace(
        go.Scatter(
            x=[shapes[k].label[0] for k in order],
            y=[shapes[k].label[1] for k in order],
            mode="markers+text",
            text=teks_grafik(names),
            textposition=[where for where, _ in placed],
            textfont=dict(size=s.font, color="#1b1b1b", shadow="1px 1px 2px #fff, -1px -1px 2px #fff"),
            marker=dict(
                size=11,
                symbol=[SYMBOL.get(st, "diamond") for st in statuses],
                color=[teks.STATUS_WARNA.get(st, GREY) for st in statuses],
                line=dict(color="white", width=1.5),
            ),
            customdata=order,
            showlegend=False,
            hovertext=[
                f"<b>{html.escape(n, quote=False)}</b><br>{status_label(st)}<br>Klik untuk membuka kecamatan"
                for n, st in zip(names, statuses)
            ],
            hoverinfo="text",
        )
    )
    _frame(fig, framed, [b for _, b in placed], s, height)
    return fig


# --------------------------------------------------------------------------- TPS
def tps_peta(tps_df: pd.DataFrame, shapes: dict[str, Bentuk], kode_kecamatan: str | None = None) -> go.Figure:
    """TPS with coordinates as points over the kecamatan outlines (no tiles); over-capacity TPS red."""
    fig = go.Figure()
    for kode, shape in shapes.items():
        if kode_kecamatan and kode != kode_kecamatan:
            continue
        fig.add_trace(
            go.Scatter(
                x=shape.lons,
                y=shape.lats,
                mode="lines",
                fill="toself",
                fillcolor="rgba(230,230,230,0.5)",
                line=dict(color="#888", width=1),
                hoverinfo="skip",
                showlegend=False,
            )
        )
    data = tps_df.dropna(subset=["lat", "lon"])
    for over, name, colour in ((False, "TPS", "#1f5f8b"), (True, "TPS melebihi kapasitas", teks.STATUS_WARNA["merah"])):
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
