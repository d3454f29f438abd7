"""Plotly figures built from aggregates (no Streamlit here, so they are testable alone)."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import plotly.graph_objects as go

SENTIMENT_COLOURS = {"positive": "#2e7d32", "neutral": "#9e9e9e", "negative": "#c62828"}
SENTIMENT_ORDER = ["negative", "neutral", "positive"]
DATE_FORMATS = {"day": "%d/%m/%Y", "week": "%d/%m/%Y", "month": "%m/%Y"}
"""Numeric dates like the period picker's: Plotly's own labels ("May 2") are English only."""


def _date_axis(fig: go.Figure, bucket: str) -> None:
    fmt = DATE_FORMATS[bucket]
    fig.update_xaxes(tickformat=fmt, hoverformat=fmt)


def volume_chart(frame: pd.DataFrame, title: str, x_title: str, y_title: str,
                 bucket: str = "day") -> go.Figure:
    """Stacked bars: texts per bucket, one colour per platform."""
    fig = go.Figure()
    for platform, part in frame.groupby("platform", sort=True):
        fig.add_bar(x=part["bucket"], y=part["n"], name=str(platform))
    fig.update_layout(barmode="stack", title=title, xaxis_title=x_title, yaxis_title=y_title,
                      legend_title_text="", margin={"t": 50, "b": 40, "l": 40, "r": 10},
                      height=340)
    _date_axis(fig, bucket)
    return fig


def sentiment_chart(frame: pd.DataFrame, title: str, x_title: str, y_title: str,
                    label: Callable[[str], str], bucket: str = "day") -> go.Figure:
    """Stacked 100 % bars of sentiment share per bucket (hover shows counts)."""
    fig = go.Figure()
    for name in SENTIMENT_ORDER:
        part = frame[frame["label"] == name]
        fig.add_bar(x=part["bucket"], y=part["share"], name=label(name),
                    marker_color=SENTIMENT_COLOURS[name], customdata=part["n"],
                    hovertemplate="%{x}<br>%{y:.0%} (%{customdata})<extra>" + label(name)
                    + "</extra>")
    fig.update_layout(barmode="stack", title=title, xaxis_title=x_title, yaxis_title=y_title,
                      yaxis_tickformat=".0%", legend_title_text="",
                      margin={"t": 50, "b": 40, "l": 40, "r": 10}, height=340)
    _date_axis(fig, bucket)
    return fig
