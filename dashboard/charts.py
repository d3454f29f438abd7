"""Plotly figures built from aggregates (no Streamlit here, so they are testable alone)."""

from __future__ import annotations

import html
from collections.abc import Callable
from datetime import date, datetime
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from analysis.vocabulary import SENTIMENTS, Sentiment

SENTIMENT_COLOURS = {Sentiment.POSITIVE: "#2e7d32", Sentiment.NEUTRAL: "#9e9e9e",
                     Sentiment.NEGATIVE: "#c62828"}
SENTIMENT_ORDER = list(SENTIMENTS)  # negative, neutral, positive
PLATFORM_COLOURS = ["#1565c0", "#ef6c00", "#6a1b9a", "#00838f", "#8d6e63", "#5c6bc0",
                    "#f9a825", "#455a64"]
"""No red or green: next to the sentiment chart those colours read as negative and positive."""
DATE_FORMATS = {"hour": "%d/%m %H:%M", "day": "%d/%m/%Y", "week": "%d/%m/%Y", "month": "%m/%Y"}
"""Numeric dates like the period picker's: Plotly's own labels ("May 2") are English only."""
MARGIN = {"t": 50, "b": 40, "l": 40, "r": 10}
PLATFORM_NAMES = {"twitter": "X / Twitter", "youtube": "YouTube", "instagram": "Instagram",
                  "tiktok": "TikTok", "facebook": "Facebook", "news": "Berita / News",
                  "unknown": "?"}
_BUCKET_DAYS = {"hour": 1 / 24, "day": 1, "week": 7, "month": 31}


def platform_name(code: str) -> str:
    """How a platform code is shown: ``youtube`` -> ``YouTube``; unknown codes capitalised."""
    return PLATFORM_NAMES.get(code, code.capitalize())


Period = tuple[date | None, date | None]
"""The chosen period's first and last local day (None: open at that end)."""


def period_ends(period: Period | None) -> tuple[pd.Timestamp, pd.Timestamp] | None:
    """The period's first and last day as timestamps; None unless both are chosen."""
    if period is None or period[0] is None or period[1] is None:
        return None
    return pd.Timestamp(period[0]), pd.Timestamp(period[1])


def _period_range(ends: tuple[pd.Timestamp, pd.Timestamp], bucket: str) -> list[pd.Timestamp]:
    """The x range covering the whole chosen period, so both charts show the same dates."""
    half = pd.Timedelta(days=_BUCKET_DAYS[bucket] / 2)
    start, end = ends
    if bucket == "hour":
        return [start - half, end + pd.Timedelta(days=1) - half]
    if bucket == "month":
        start, end = start.replace(day=1), end.replace(day=1)
    elif bucket == "week":
        start, end = (d - pd.Timedelta(days=d.weekday()) for d in (start, end))
    return [start - half, end + half]


def _finish(fig: go.Figure, bucket: str, separators: str, period: Period | None) -> go.Figure:
    """Numeric dates, the whole period on the x axis, stacked bars, the viewer's separators."""
    fmt = DATE_FORMATS[bucket]
    fig.update_xaxes(tickformat=fmt, hoverformat=fmt)
    if (ends := period_ends(period)) is not None:
        fig.update_xaxes(range=_period_range(ends, bucket))
    fig.update_layout(barmode="stack", legend_title_text="", margin=MARGIN, height=340,
                      separators=separators)
    return inert(fig)


def chart_text(value: object) -> str:
    """Text for a Plotly label: Plotly draws a subset of HTML (links among it) in names,
    legends, tick labels, hover texts and titles, so ``&``, ``<`` and ``>`` are escaped."""
    return html.escape(str(value), quote=False)


def inert(fig: go.Figure) -> go.Figure:
    """Every text of ``fig`` that can come from data made plain (:func:`chart_text`): trace
    names, category values and texts, and the titles. ``customdata`` stays raw (clicks read
    it; it is shown only through a hover template, which the builders write)."""
    for trace in fig.data:
        if isinstance(trace.name, str):
            trace.name = chart_text(trace.name)
        for key in ("x", "y", "text", "labels"):
            values = getattr(trace, key, None)
            if isinstance(values, str):
                trace[key] = chart_text(values)
            elif values is not None and any(isinstance(v, str) for v in values):
                trace[key] = [chart_text(v) if isinstance(v, str) else v for v in values]
    title = fig.layout.title.text
    if isinstance(title, str):
        fig.layout.title.text = chart_text(title)
    return fig


def volume_chart(frame: pd.DataFrame, title: str, x_title: str, y_title: str,
                 bucket: str = "day", separators: str = ".,",
                 period: Period | None = None) -> go.Figure:
    """Stacked bars: texts per bucket, one colour per platform.

    ``separators`` is Plotly's decimal then thousands character (",." for Indonesian).
    """
    fig = go.Figure()
    for i, (platform, part) in enumerate(frame.groupby("platform", sort=True)):
        fig.add_bar(x=part["bucket"], y=part["n"], name=platform_name(str(platform)),
                    marker_color=PLATFORM_COLOURS[i % len(PLATFORM_COLOURS)],
                    customdata=[[platform]] * len(part))
    fig.update_layout(title=title, xaxis_title=x_title, yaxis_title=y_title)
    tallest = frame.groupby("bucket")["n"].sum().max() if not frame.empty else 0
    if tallest <= 5:
        fig.update_yaxes(tick0=0, dtick=1)  # counts: no 0.5 ticks on small numbers
    return _finish(fig, bucket, separators, period)


def sentiment_chart(frame: pd.DataFrame, title: str, x_title: str, y_title: str,
                    label: Callable[[str], str], bucket: str = "day",
                    separators: str = ".,",
                    period: Period | None = None) -> go.Figure:
    """Stacked 100 % bars of sentiment share per bucket (hover shows counts)."""
    fig = go.Figure()
    for name in SENTIMENT_ORDER:
        part = frame[frame["label"] == name]
        fig.add_bar(x=part["bucket"], y=part["share"], name=label(name),
                    marker_color=SENTIMENT_COLOURS[name],
                    customdata=[[n, name.value] for n in part["n"]],
                    hovertemplate="%{x}<br>%{y:.0%} (%{customdata[0]})<extra>" + label(name)
                    + "</extra>")
    fig.update_layout(title=title, xaxis_title=x_title, yaxis_title=y_title,
                      yaxis_tickformat=".0%")
    return _finish(fig, bucket, separators, period)


def bucket_start(x: Any) -> datetime:
    """A clicked bar's x (Plotly sends the local time as text) as a naive local datetime."""
    moment: datetime = pd.Timestamp(x).to_pydatetime().replace(tzinfo=None)
    return moment


def clicked(points: list[dict[str, Any]]) -> dict[str, Any] | None:
    """What a click on a bar of :func:`volume_chart` or :func:`sentiment_chart` selects: the
    bucket's start and the platform or sentiment label of the bar (None if nothing is)."""
    for point in points:
        x, extra = point.get("x"), point.get("customdata")
        if x is None:
            continue
        out: dict[str, Any] = {"start": bucket_start(x)}
        if isinstance(extra, (list, tuple)) and extra:
            value = str(extra[-1])
            key = "label" if value in SENTIMENT_COLOURS else "platform"
            out[key] = value
        return out
    return None


def chart_config(filename: str) -> dict[str, Any]:
    """Plotly's modebar with its "download as PNG" button named after the chart."""
    return {"displaylogo": False,
            "toImageButtonOptions": {"format": "png", "filename": filename, "scale": 2}}
