"""Plotly figures with Indonesian labels and separators; status colours always carry a label."""
from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from . import fmt, teks

STATUS_ORDER = ("merah", "kuning", "hijau")
FONT = "Source Sans Pro, Arial, sans-serif"


def status_label(status) -> str:
    if not isinstance(status, str):
        return teks.TIDAK_ADA_DATA
    return f"{teks.STATUS_IKON[status]} {teks.STATUS[status]}"


def _layout(fig: go.Figure, height: int) -> go.Figure:
    fig.update_layout(
        separators=",.",  # decimal comma, thousands dot (id-ID)
        height=height,
        margin=dict(l=10, r=30, t=40, b=10),
        font=dict(family=FONT, size=14),
        legend=dict(orientation="h", yanchor="bottom", y=1.0, xanchor="left", x=0, title_text=""),
        plot_bgcolor="white",
    )
    return fig


def status_bars(df: pd.DataFrame, value: str = "dpt", value_label: str = "DPT") -> go.Figure:
    """One horizontal bar per kecamatan, coloured and labelled by status, worst first; the
    hover text gives the reasons."""
    data = df.copy()
    data["_rank"] = data["status"].map({s: i for i, s in enumerate(STATUS_ORDER)}).fillna(3)
    data = data.sort_values(["_rank", value], ascending=[True, True]).iloc[::-1]
    fig = go.Figure()
    for status in STATUS_ORDER:
        part = data[data["status"] == status]
        if part.empty:
            continue
        fig.add_trace(go.Bar(
            y=part["kecamatan"], x=part[value], orientation="h", name=status_label(status),
            marker=dict(color=teks.STATUS_WARNA[status]),
            text=[f"{fmt.angka(v)} · {teks.STATUS[status]}" for v in part[value]],
            textposition="outside", cliponaxis=False,
            customdata=part["alasan"].fillna("").replace("", "Semua indikator hijau"),
            hovertemplate="<b>%{y}</b><br>" + value_label + ": %{x:,.0f}<br>%{customdata}<extra></extra>",
        ))
    fig.update_yaxes(categoryorder="array", categoryarray=list(data["kecamatan"]), title=None)
    # Room on the right for the value and status written after each bar.
    top = float(data[value].max()) if data[value].notna().any() else 1.0
    fig.update_xaxes(title=value_label, tickformat=",.0f", showgrid=True, gridcolor="#e5e5e5",
                     range=[0, top * 1.3])
    return _layout(fig, height=max(360, 26 * len(data) + 80))
