"""The bar and line charts: status, korwil, voters, TPS, KTP-el and participation per kecamatan,
each bar labelled with its figure (id-ID) and, where it has one, its status in words."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from .. import fmt, teks
from .warna import STATUS_ORDER, STATUS_WARNA, STATUS_WARNA_TEKS, SYMBOL, legenda_status, per_status, teks_grafik
from .warna import layout as _layout


# --------------------------------------------------------------------------- status
def _batang_status(status: str, part: pd.DataFrame, value: str, text: list[str], hover: str, customdata) -> go.Bar:
    """One status's kecamatan as horizontal bars of `value` in its colour, `text` written after
    each bar, without a legend entry (warna.legenda_status draws it); `customdata` ends with the
    kecamatan's code, so a click on a bar opens it."""
    return go.Bar(
        y=part["kecamatan"],
        x=part[value],
        orientation="h",
        name=teks.STATUS[status],
        legendgroup=status,
        showlegend=False,
        marker=dict(color=STATUS_WARNA[status], line=dict(color="#333333", width=0.5)),
        text=text,
        textposition="outside",
        cliponaxis=False,
        customdata=customdata,
        hovertemplate=hover,
    )


def status_bars(df: pd.DataFrame, value: str = "dpt", value_label: str = "DPT") -> go.Figure:
    """One horizontal bar per kecamatan, grouped by status (worst first) in its status colour and
    labelled with the status in words; the bar's length is `value` (DPT), as the axis says. The
    hover text gives the reasons."""
    data = df.copy()
    data["_rank"] = data["status"].map({s: i for i, s in enumerate(STATUS_ORDER)}).fillna(3)
    data = data.sort_values(["_rank", value], ascending=[True, True]).iloc[::-1]
    fig = go.Figure()
    hover = "<b>%{y}</b><br>" + value_label + ": %{x:,.0f}<br>%{customdata[0]}<extra></extra>"
    for status, part in per_status(data, "status"):
        text = [f"{teks.STATUS[status]} · {value_label} {fmt.angka(v)}" for v in part[value]]
        # [reason, kode]: the kode lets a click on a bar open that kecamatan.
        alasan = teks_grafik(part["alasan"].fillna("").replace("", "Semua indikator hijau"))
        kode = part["kode_kecamatan"] if "kode_kecamatan" in part else part["kecamatan"]
        fig.add_trace(_batang_status(status, part, value, text, hover, list(zip(alasan, kode))))
    legenda_status(fig, data["status"].dropna().unique())
    fig.update_yaxes(categoryorder="array", categoryarray=list(data["kecamatan"]), title=None)
    # Room on the right for the status and value written after each bar.
    top = float(data[value].max()) if data[value].notna().any() else 1.0
    fig.update_xaxes(
        title=f"Panjang batang: {value_label} · warna: status kesiapan",
        tickformat=",.0f",
        showgrid=True,
        gridcolor="#e5e5e5",
        range=[0, top * 1.45],
    )
    return _layout(fig, height=max(360, 26 * len(data) + 80))


# --------------------------------------------------------------------------- korwil
def korwil_bandingan(df: pd.DataFrame) -> go.Figure:
    """Per korwil, how many kecamatan are in each status (stacked bars, labelled)."""
    fig = go.Figure()
    for status in STATUS_ORDER:
        counts = df[f"jumlah_{status}"].astype(int)
        fig.add_trace(
            go.Bar(
                y=teks_grafik(df["korwil"]),
                x=counts,
                orientation="h",
                name=teks.STATUS[status],
                legendgroup=status,
                showlegend=False,
                marker=dict(color=STATUS_WARNA[status]),
                text=[f"{n} {teks.STATUS[status].lower()}" if n else "" for n in counts],
                textposition="inside",
                insidetextanchor="middle",
                textfont=dict(color=STATUS_WARNA_TEKS[status]),
                hovertemplate="<b>%{y}</b><br>%{x} kecamatan " + teks.STATUS[status].lower() + "<extra></extra>",
            )
        )
    legenda_status(fig)
    fig.update_layout(barmode="stack")
    fig.update_yaxes(autorange="reversed", title=None)
    fig.update_xaxes(title="Jumlah kecamatan", dtick=1, showgrid=True, gridcolor="#e5e5e5")
    fig = _layout(fig, height=100 + 60 * len(df))
    fig.update_layout(legend_traceorder="normal")
    return fig


# --------------------------------------------------------------------------- voters
def lp_bars(df: pd.DataFrame, label_col: str = "kecamatan") -> go.Figure:
    """DPT per unit split by sex (stacked horizontal bars, biggest on top). Each bar carries the
    unit's code (`kode_kecamatan`, `kode_desa`) when the frame has it, so a click opens that unit."""
    data = df.dropna(subset=["dpt"]).sort_values("dpt")
    kode = f"kode_{label_col}"
    fig = go.Figure()
    for col, name, colour in (("dpt_l", "Laki-laki", "#1f5f8b"), ("dpt_p", "Perempuan", "#d17a22")):
        fig.add_trace(
            go.Bar(
                y=data[label_col],
                x=data[col],
                orientation="h",
                name=name,
                marker=dict(color=colour),
                customdata=data[kode] if kode in data else None,
                hovertemplate="<b>%{y}</b><br>" + name + ": %{x:,.0f}<extra></extra>",
            )
        )
    fig.add_trace(
        go.Scatter(
            y=data[label_col],
            x=data["dpt"],
            mode="text",
            text=[fmt.angka(v) for v in data["dpt"]],
            textposition="middle right",
            showlegend=False,
            hoverinfo="skip",
            cliponaxis=False,
        )
    )
    top = float(data["dpt"].max()) if len(data) else 1.0
    fig.update_layout(barmode="stack")
    fig.update_yaxes(title=None, categoryorder="array", categoryarray=list(data[label_col]))
    fig.update_xaxes(title="DPT", tickformat=",.0f", range=[0, top * 1.18], showgrid=True, gridcolor="#e5e5e5")
    fig = _layout(fig, height=max(320, 24 * len(data) + 90))
    fig.update_layout(legend_traceorder="normal")
    return fig


def kategori_bars(labels: list[str], values: list, title: str, colour: str = "#1f5f8b") -> go.Figure:
    """A small horizontal bar chart of counts per category, each bar labelled with its count."""
    fig = go.Figure(
        go.Bar(
            y=labels,
            x=values,
            orientation="h",
            marker=dict(color=colour),
            text=[fmt.angka(v) for v in values],
            textposition="outside",
            cliponaxis=False,
            hovertemplate="<b>%{y}</b>: %{x:,.0f}<extra></extra>",
        )
    )
    top = max([float(v) for v in values if pd.notna(v)] or [1.0])
    fig.update_yaxes(autorange="reversed", title=None)
    fig.update_xaxes(title=title, tickformat=",.0f", range=[0, top * 1.2], showgrid=True, gridcolor="#e5e5e5")
    return _layout(fig, height=70 + 34 * len(labels))


# --------------------------------------------------------------------------- TPS
def tps_sebaran(df: pd.DataFrame) -> go.Figure:
    """TPS per band of 50 voters; bands above the capacity in red and labelled, a line at the capacity."""
    labels = [f"{fmt.angka(a)}–{fmt.angka(b)}" for a, b in zip(df["dari"], df["sampai"])]
    over = df["melebihi_kapasitas"].astype(bool)
    fig = go.Figure()
    for flag, name, colour in (
        (False, "Dalam kapasitas", "#1f5f8b"),
        (True, "Melebihi kapasitas", STATUS_WARNA["merah"]),
    ):
        part = df[over == flag]
        if part.empty:
            continue
        fig.add_trace(
            go.Bar(
                x=[labels[i] for i in part.index],
                y=part["jumlah_tps"],
                name=name,
                marker=dict(color=colour),
                text=[f"{fmt.angka(v)} TPS" for v in part["jumlah_tps"]],
                textposition="outside",
                cliponaxis=False,
                constraintext="none",
                textfont=dict(color=colour, size=14 if flag else 12),
                hovertemplate="%{x} pemilih: %{y:,.0f} TPS<extra></extra>",
            )
        )
    kapasitas = f" (kapasitas {fmt.angka(int(df['kapasitas_tps'].iloc[0]))})" if len(df) else ""
    top = float(df["jumlah_tps"].max()) if len(df) else 1.0
    fig.update_xaxes(title="Pemilih per TPS" + kapasitas, type="category", categoryorder="array", categoryarray=labels)
    fig.update_yaxes(title="Jumlah TPS", tickformat=",.0f", range=[0, top * 1.2], showgrid=True, gridcolor="#e5e5e5")
    fig = _layout(fig, height=380)
    fig.update_layout(barmode="overlay")
    return fig


# --------------------------------------------------------------------------- KTP-el
def ktpel_bars(df: pd.DataFrame, hijau: float, kuning: float) -> go.Figure:
    """Coverage per kecamatan (lowest on top), coloured by status, with the two threshold lines."""
    data = df.dropna(subset=["ktpel_persen"]).sort_values("ktpel_persen", ascending=False)
    fig = go.Figure()
    hover = "<b>%{y}</b><br>KTP-el %{x:.2f}%<extra></extra>"
    for status, part in per_status(data, "status_ktpel"):
        text = [fmt.persen(v) for v in part["ktpel_persen"]]
        fig.add_trace(_batang_status(status, part, "ktpel_persen", text, hover, part["kode_kecamatan"]))
    legenda_status(fig, data["status_ktpel"].dropna().unique())
    low = min(float(data["ktpel_persen"].min()) if len(data) else 90.0, kuning) - 2
    for value, text, anchor in (
        (hijau, f"Siap ≥ {fmt.ringkas(hijau)}% ", "left"),
        (kuning, f"Perlu perhatian ≥ {fmt.ringkas(kuning)}% ", "right"),
    ):
        fig.add_vline(x=value, line=dict(color="#444", dash="dash", width=1))
        # Above the plot, on either side of its line, so the two labels never overlap a bar or each other.
        fig.add_annotation(
            x=value,
            y=1,
            yref="paper",
            yanchor="bottom",
            xanchor=anchor,
            text=text,
            showarrow=False,
            font=dict(size=12, color="#444"),
        )
    fig.update_yaxes(title=None, categoryorder="array", categoryarray=list(data["kecamatan"]))
    fig.update_xaxes(
        title="Cakupan perekaman KTP-el (%)",
        range=[max(low, 0), 101],
        ticksuffix="%",
        showgrid=True,
        gridcolor="#e5e5e5",
    )
    fig = _layout(fig, height=max(380, 26 * len(data) + 150))
    fig.update_layout(
        margin=dict(l=10, r=60, t=40, b=10), legend=dict(orientation="h", yanchor="top", y=-0.09, xanchor="left", x=0)
    )
    return fig


def ktpel_tren(df: pd.DataFrame, hijau: float, kuning: float, wilayah: str = "Kabupaten") -> go.Figure:
    """The region's coverage per data date; `wilayah` names its line (`Kabupaten`, `Kota`)."""
    fig = go.Figure(
        go.Scatter(
            x=df["tanggal"],
            y=df["ktpel_persen"],
            mode="lines+markers+text",
            text=[fmt.persen(v) for v in df["ktpel_persen"]],
            textposition="top center",
            line=dict(color="#1f5f8b", width=3),
            name=wilayah,
            hovertemplate="%{x|%d %B %Y}<br>%{y:.2f}%<extra></extra>",
        )
    )
    for value, text in (
        (hijau, f"Siap ≥ {fmt.ringkas(hijau)}%"),
        (kuning, f"Perlu perhatian ≥ {fmt.ringkas(kuning)}%"),
    ):
        fig.add_hline(y=value, line=dict(color="#444", dash="dash", width=1), annotation_text=text)
    fig.update_xaxes(title="Tanggal data", tickformat="%d %b %Y")
    fig.update_yaxes(title="Cakupan (%)", ticksuffix="%")
    return _layout(fig, 340)


# --------------------------------------------------------------------------- participation
def partisipasi_gap(df: pd.DataFrame, label_sebelumnya: str) -> go.Figure:
    """Per kecamatan a line from the previous turnout to the target (widest gap on top), the
    target dot coloured by the gap's status."""
    data = df.dropna(subset=["target_partisipasi", "partisipasi_sebelumnya"]).sort_values("selisih_partisipasi")
    fig = go.Figure()
    xs, ys = [], []
    for _, r in data.iterrows():
        xs += [r["partisipasi_sebelumnya"], r["target_partisipasi"], None]
        ys += [r["kecamatan"], r["kecamatan"], None]
    fig.add_trace(
        go.Scatter(x=xs, y=ys, mode="lines", line=dict(color="#bbbbbb", width=4), showlegend=False, hoverinfo="skip")
    )
    fig.add_trace(
        go.Scatter(
            x=data["partisipasi_sebelumnya"],
            y=data["kecamatan"],
            mode="markers",
            name=label_sebelumnya,
            marker=dict(size=11, color="#555555"),
            hovertemplate="<b>%{y}</b><br>" + label_sebelumnya + " %{x:.1f}%<extra></extra>",
        )
    )
    for status, part in per_status(data, "status_partisipasi"):
        fig.add_trace(
            go.Scatter(
                x=part["target_partisipasi"],
                y=part["kecamatan"],
                mode="markers+text",
                name=f"Target · {teks.STATUS[status]}",  # the marker is the status's symbol
                marker=dict(
                    size=13, color=STATUS_WARNA[status], symbol=SYMBOL[status], line=dict(color="#333333", width=1)
                ),
                text=[f"+{fmt.ringkas(v)} poin" for v in part["selisih_partisipasi"]],
                textposition="middle right",
                cliponaxis=False,
                customdata=part["kode_kecamatan"],
                hovertemplate="<b>%{y}</b><br>Target %{x:.1f}%<extra></extra>",
            )
        )
    fig.update_yaxes(title=None, categoryorder="array", categoryarray=list(data["kecamatan"]))
    low = float(data["partisipasi_sebelumnya"].min()) if len(data) else 50.0
    fig.update_xaxes(
        title="Partisipasi (%)", ticksuffix="%", range=[max(low - 5, 0), 100], showgrid=True, gridcolor="#e5e5e5"
    )
    return _layout(fig, height=max(360, 26 * len(data) + 90))


def realisasi_bars(df: pd.DataFrame) -> go.Figure:
    """Realised turnout per kecamatan against its target (a marker)."""
    data = df.dropna(subset=["partisipasi_realisasi"]).sort_values("selisih_realisasi", ascending=False)
    colours = [STATUS_WARNA["hijau"] if s >= 0 else STATUS_WARNA["merah"] for s in data["selisih_realisasi"]]
    fig = go.Figure(
        go.Bar(
            y=data["kecamatan"],
            x=data["partisipasi_realisasi"],
            orientation="h",
            name="Terealisasi",
            marker=dict(color=colours),
            text=[fmt.persen(v, 1) for v in data["partisipasi_realisasi"]],
            textposition="inside",
            hovertemplate="<b>%{y}</b><br>Terealisasi %{x:.2f}%<extra></extra>",
        )
    )
    fig.add_trace(
        go.Scatter(
            y=data["kecamatan"],
            x=data["target_partisipasi"],
            mode="markers",
            name="Target",
            marker=dict(symbol="line-ns-open", size=18, color="#111", line=dict(width=3)),
            hovertemplate="<b>%{y}</b><br>Target %{x:.1f}%<extra></extra>",
        )
    )
    fig.update_yaxes(title=None, categoryorder="array", categoryarray=list(data["kecamatan"]))
    fig.update_xaxes(title="Partisipasi (%)", ticksuffix="%", range=[0, 100], showgrid=True, gridcolor="#e5e5e5")
    return _layout(fig, height=max(360, 26 * len(data) + 90))
