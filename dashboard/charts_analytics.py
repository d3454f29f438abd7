"""Plotly figures for spikes, narratives and watched entities (no Streamlit here).

Every figure takes its interface words from the caller (``label(name)`` or explicit titles), so
it can be tested alone and drawn in either language. None sends more than about 10,000 points:
each refuses a series longer than :data:`MAX_BUCKETS` and asks for a coarser bucket instead.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from analysis.vocabulary import Sentiment
from dashboard.charts import (
    DATE_FORMATS,
    MARGIN,
    PLATFORM_COLOURS,
    SENTIMENT_COLOURS,
    SENTIMENT_ORDER,
    Period,
    bucket_start,
    chart_text,
    inert,
    period_ends,
)

FORMATS = {**DATE_FORMATS, "hour": "%d/%m/%Y %H:%M"}
MAX_BUCKETS = 4_000
VOLUME_COLOUR = "#90a4ae"
BASELINE_COLOUR = "#37474f"
SPIKE_COLOURS = {"volume": "#ef6c00", "negative": SENTIMENT_COLOURS[Sentiment.NEGATIVE]}
SPIKE_SYMBOLS = {"volume": "triangle-down", "negative": "diamond"}
SERIES_COLOURS = PLATFORM_COLOURS
"""Entities and narratives: no red or green, which read as negative and positive here."""
MAX_SERIES = 10


_BUCKET_LENGTH = {"hour": pd.Timedelta(hours=1), "day": pd.Timedelta(days=1),
                  "week": pd.Timedelta(days=7), "month": pd.Timedelta(days=31)}


FEW_BUCKETS = 15
"""Up to this many buckets on a time axis get one tick each."""
_DTICK: dict[str, int | str] = {"hour": 3_600_000, "day": 86_400_000, "week": 604_800_000,
                                "month": "M1"}


def _dates(fig: go.Figure, bucket: str, separators: str, height: int = 340,
           period: Period | None = None) -> go.Figure:
    """Numeric dates, and the x axis spanning the whole ``period`` (first and last local day)
    when given, so a few active days are not drawn as a few very wide bars."""
    fmt = FORMATS.get(bucket, "%d/%m/%Y")
    fig.update_xaxes(tickformat=fmt, hoverformat=fmt)
    shown = sorted({pd.Timestamp(x) for trace in fig.data
                    for x in (trace.x if trace.x is not None else []) if not pd.isna(x)})
    if 0 < len(shown) <= FEW_BUCKETS:
        # Left alone, Plotly puts ticks between a few wide buckets (two "01/05/2025" labels
        # for a day chart); one tick per bucket, from the first.
        fig.update_xaxes(tick0=shown[0], dtick=_DTICK[bucket])
    if (ends := period_ends(period)) is not None:
        start, end = ends
        half = _BUCKET_LENGTH[bucket] / 2
        if bucket == "week":
            start, end = (d - pd.Timedelta(days=d.weekday()) for d in (start, end))
        elif bucket == "month":
            start, end = start.replace(day=1), end.replace(day=1)
        elif bucket == "hour":
            end = end + pd.Timedelta(hours=23)
        fig.update_xaxes(range=[start - half, end + half])
    fig.update_layout(legend_title_text="", margin={**MARGIN, "b": 90}, height=height + 40,
                      separators=separators,
                      legend={"orientation": "h", "yanchor": "top", "y": -0.22})
    return inert(fig)


def _bounded(frame: pd.DataFrame, what: str) -> None:
    if len(frame) > MAX_BUCKETS:
        raise ValueError(f"{len(frame)} {what} are too many to draw; choose a coarser bucket "
                         "or a shorter period")


def spike_chart(series: pd.DataFrame, spikes: pd.DataFrame, title: str, x_title: str,
                y_title: str, label: Callable[[str], str], bucket: str = "day",
                separators: str = ".,") -> go.Figure:
    """Texts per bucket (bars), the rolling baseline (dashed line) and the spikes marked.

    ``series`` is :func:`analysis.store.spikes.spike_series`, ``spikes`` is
    :func:`analysis.store.spikes.detect_spikes` on the same filters and bucket. ``label``
    names the traces: ``volume``, ``baseline``, ``volume_spike``, ``negative_spike``. Volume
    spikes sit above their bar as triangles, negative-share spikes as diamonds; hovering one
    shows the observed value, the baseline and z.
    """
    _bounded(series, "buckets")
    fig = go.Figure()
    fig.add_bar(x=series["bucket"], y=series["n"], name=label("volume"),
                marker_color=VOLUME_COLOUR)
    fig.add_scatter(x=series["bucket"], y=series["volume_baseline"], name=label("baseline"),
                    mode="lines", line={"color": BASELINE_COLOUR, "dash": "dash", "width": 1.5})
    tallest = float(series["n"].max()) if not series.empty else 1.0
    for metric in ("volume", "negative"):
        part = spikes[spikes["metric"] == metric] if not spikes.empty else spikes
        lift = (0.06 if metric == "volume" else 0.14) * tallest
        fig.add_scatter(
            x=list(part.get("bucket", [])), y=[h + lift for h in part.get("texts", [])],
            name=label(f"{metric}_spike"), mode="markers",
            marker={"symbol": SPIKE_SYMBOLS[metric], "size": 13, "color": SPIKE_COLOURS[metric]},
            customdata=part.reindex(columns=["observed", "baseline", "z"]).to_numpy(),
            hovertemplate=_spike_hover(metric, label))
    fig.update_layout(title=title, xaxis_title=x_title, yaxis_title=y_title, barmode="overlay")
    return _dates(fig, bucket, separators)


def _spike_hover(metric: str, label: Callable[[str], str]) -> str:
    value = "%{customdata[0]:.0%}" if metric == "negative" else "%{customdata[0]:,.0f}"
    base = "%{customdata[1]:.0%}" if metric == "negative" else "%{customdata[1]:,.1f}"
    return (f"%{{x}}<br>{label('observed')}: {value}<br>{label('baseline')}: {base}"
            f"<br>z = %{{customdata[2]:.1f}}<extra>{label(metric + '_spike')}</extra>")


def share_chart(frame: pd.DataFrame, value: str, title: str, x_title: str, y_title: str,
                bucket: str = "day", separators: str = ".,", percent: bool = True,
                series: str = "entity",
                period: Period | None = None) -> go.Figure:
    """Stacked bars of ``value`` per bucket, one colour per ``series`` (watched entity or
    narrative), at most :data:`MAX_SERIES` series (the largest by total ``n``).

    For share of voice the bars add up to 100 %; hover shows the share and the texts.
    """
    _bounded(frame, "bars")
    fig = go.Figure()
    order = (frame.groupby(series)["n"].sum().sort_values(ascending=False).index
             [:MAX_SERIES].tolist() if not frame.empty else [])
    tick = ".0%" if percent else ",d"
    for i, name in enumerate(order):
        part = frame[frame[series] == name]
        fig.add_bar(x=part["bucket"], y=part[value], name=str(name),
                    marker_color=SERIES_COLOURS[i % len(SERIES_COLOURS)],
                    customdata=[[int(n), str(name)] for n in part["n"]],
                    hovertemplate=f"%{{x}}<br>%{{y:{tick}}} (%{{customdata[0]:,d}})"
                                  f"<extra>{chart_text(name)}</extra>")
    fig.update_layout(title=title, xaxis_title=x_title, yaxis_title=y_title, barmode="stack")
    fig = _dates(fig, bucket, separators, period=period)
    fig.update_layout(legend_traceorder="normal")  # largest first, as in the tables
    if percent:
        fig.update_yaxes(tickformat=".0%")
    return fig


def clicked_series(points: list[dict[str, Any]]) -> tuple[datetime, str] | None:
    """What a click on a bar of :func:`share_chart` selects: the bucket's start (local, naive)
    and the entity or narrative of the bar (None if nothing is)."""
    for point in points:
        x, extra = point.get("x"), point.get("customdata")
        if x is not None and isinstance(extra, (list, tuple)) and len(extra) == 2:
            return bucket_start(x), str(extra[1])
    return None


def sentiment_bars(summary: pd.DataFrame, title: str, label: Callable[[str], str],
                   net_text: Callable[[float], str], separators: str = ".,",
                   series: str = "entity") -> go.Figure:
    """One horizontal 100 % bar per entity (or narrative): negative, neutral and positive
    shares of its scored texts, with its net sentiment (``net_text(value)``, formatted by the
    caller for the viewer's language) written at the end of the bar."""
    _bounded(summary, "rows")
    rows = summary.head(MAX_SERIES * 3).iloc[::-1]  # largest at the top
    names = rows[series].astype(str)
    fig = go.Figure()
    for name in SENTIMENT_ORDER:
        fig.add_bar(y=names, x=rows[f"{name}_share"], orientation="h", name=label(name),
                    marker_color=SENTIMENT_COLOURS[name], customdata=rows[name],
                    hovertemplate="%{y}: %{x:.0%} (%{customdata:,d})<extra>"
                                  + label(name) + "</extra>")
    fig.add_scatter(y=names, x=[1.02] * len(rows), mode="text", showlegend=False,
                    text=[net_text(float(v)) for v in rows["net_sentiment"]],
                    textposition="middle right", hoverinfo="skip")
    fig.update_layout(title=title, barmode="stack", margin={**MARGIN, "r": 110},
                      height=max(220, 100 + 34 * len(rows)), separators=separators,
                      legend={"orientation": "h", "x": 1, "xanchor": "right", "y": 1.02,
                              "yanchor": "bottom", "traceorder": "normal"},
                      legend_title_text="")  # above the bars: short charts leave no room below
    fig.update_xaxes(tickformat=".0%", range=[0, 1.25], tickvals=[0, 0.25, 0.5, 0.75, 1])
    return inert(fig)
