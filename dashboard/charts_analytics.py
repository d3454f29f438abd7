"""Plotly figures for spikes, narratives and watched entities (no Streamlit here).

Every figure takes its interface words from the caller (``label(name)`` or explicit titles), so
it can be tested alone and drawn in either language. None sends more than about 10,000 points:
each refuses a series longer than :data:`MAX_BUCKETS` and asks for a coarser bucket instead.
"""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import plotly.graph_objects as go

from dashboard.charts import DATE_FORMATS, MARGIN, SENTIMENT_COLOURS

FORMATS = {**DATE_FORMATS, "hour": "%d/%m/%Y %H:%M"}
MAX_BUCKETS = 4_000
VOLUME_COLOUR = "#90a4ae"
BASELINE_COLOUR = "#37474f"
SPIKE_COLOURS = {"volume": "#ef6c00", "negative": SENTIMENT_COLOURS["negative"]}
SPIKE_SYMBOLS = {"volume": "triangle-down", "negative": "diamond"}


def _dates(fig: go.Figure, bucket: str, separators: str, height: int = 340) -> go.Figure:
    fmt = FORMATS.get(bucket, "%d/%m/%Y")
    fig.update_xaxes(tickformat=fmt, hoverformat=fmt)
    fig.update_layout(legend_title_text="", margin=MARGIN, height=height,
                      separators=separators, legend={"orientation": "h", "y": -0.2})
    return fig


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
