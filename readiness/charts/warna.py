"""What every figure shares: the status order, colours and symbols, the id-ID layout, and names
from files escaped for Plotly."""

from __future__ import annotations

import html

import plotly.graph_objects as go

from .. import teks

STATUS_ORDER = ("merah", "kuning", "hijau")
FONT = "Source Sans Pro, Arial, sans-serif"
GREY = "#9e9e9e"
SYMBOL = {"merah": "square", "kuning": "triangle-up", "hijau": "circle"}
PLOT_CONFIG = {"displaylogo": False, "locale": "id", "modeBarButtonsToRemove": ["lasso2d", "select2d"]}

status_label = teks.status_label


def teks_grafik(values) -> list:
    """Names from files and users (korwil, TPS numbers, reasons) as Plotly shows them: as text.
    Plotly reads `<a href>`, `<b>`, `<br>` in labels, legends and hover texts as markup and shows
    `&lt;` as `<`, so escaping keeps a name such as `<a href="https://evil.example">` a plain label."""
    return [html.escape(v, quote=False) if isinstance(v, str) else v for v in values]


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
