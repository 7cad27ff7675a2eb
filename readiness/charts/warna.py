"""What every figure shares: the status order, the one palette of status colours and symbols (the
map, the bars and the rakor slides in HTML, PPTX and PDF all read it here), the status legend, the
id-ID layout, and names from files escaped for Plotly."""

from __future__ import annotations

import html

import plotly.graph_objects as go

from .. import teks

STATUS_ORDER = ("merah", "kuning", "hijau")
FONT = "Source Sans Pro, Arial, sans-serif"

# The status colours. They differ in lightness as well as hue (dark red, mid blue-green, light
# amber: greys ~66, ~120, ~188), so they stay apart on a washed-out projector, in a greyscale print
# and to a red-green colour-blind reader; every use also carries the symbol and the word.
STATUS_WARNA = {"merah": "#9e1b1b", "kuning": "#f5c400", "hijau": "#2e9e7e"}
# Text written on a status colour.
STATUS_WARNA_TEKS = {"merah": "#ffffff", "kuning": "#111111", "hijau": "#111111"}
WARNA_KOSONG = "#d0d0d0"  # a kecamatan without data
GREY = "#9e9e9e"
# The symbol of each status: the map's markers and every legend's swatch, as teks.STATUS_IKON in text.
SYMBOL = {"merah": "square", "kuning": "triangle-up", "hijau": "circle"}
PLOT_CONFIG = {
    "displaylogo": False,
    "locale": "id",
    "locales": {"id": {"dictionary": teks.PLOTLY}},  # Plotly's own words (tool bar, notices)
    "modeBarButtonsToRemove": ["lasso2d", "select2d"],
}

status_label = teks.status_label


def teks_grafik(values) -> list:
    """Names from files and users (korwil, TPS numbers, reasons) as Plotly shows them: as text.
    Plotly reads `<a href>`, `<b>`, `<br>` in labels, legends and hover texts as markup and shows
    `&lt;` as `<`, so escaping keeps a name such as `<a href="https://evil.example">` a plain label."""
    return [html.escape(v, quote=False) if isinstance(v, str) else v for v in values]


def per_status(data, kolom: str):
    """(status, its rows of `data` by the column `kolom`) for each status in STATUS_ORDER that has rows."""
    for status in STATUS_ORDER:
        part = data[data[kolom] == status]
        if not part.empty:
            yield status, part


def legenda_status(fig: go.Figure, statuses=STATUS_ORDER, kosong: bool = False) -> go.Figure:
    """The one status legend: an entry per status, its symbol in its colour and then its name
    (`▲ Perlu perhatian` drawn, never the icon twice), in STATUS_ORDER; `kosong` adds `Tidak ada
    data`. The figure's own traces leave the legend to these (showlegend=False) and share their
    status's legendgroup, so a click on an entry hides that status everywhere in the figure."""
    shown = [s for s in STATUS_ORDER if s in set(statuses)]
    entries = [(s, teks.STATUS[s], SYMBOL[s], STATUS_WARNA[s]) for s in shown]
    if kosong:
        entries.append(("kosong", teks.TIDAK_ADA_DATA, "square", WARNA_KOSONG))
    for rank, (group, name, symbol, colour) in enumerate(entries, start=1):
        fig.add_trace(
            go.Scatter(
                x=[None],
                y=[None],
                mode="markers",
                name=name,
                legendgroup=group,
                legendrank=rank,
                marker=dict(symbol=symbol, color=colour, size=14, line=dict(color="#333333", width=1)),
                hoverinfo="skip",
            )
        )
    return fig


def rgba(hex_colour: str, alpha: float) -> str:
    h = hex_colour.lstrip("#")
    r, g, b = (int(h[i : i + 2], 16) for i in (0, 2, 4))
    return f"rgba({r},{g},{b},{alpha})"


def layout(fig: go.Figure, height: int) -> go.Figure:
    fig.update_layout(
        separators=",.",  # decimal comma, thousands dot (id-ID)
        height=height,
        margin=dict(l=10, r=30, t=40, b=10),
        font=dict(family=FONT, size=14),
        legend=dict(orientation="h", yanchor="bottom", y=1.0, xanchor="left", x=0, title_text=""),
        plot_bgcolor="white",
    )
    return fig
