"""The brief's trend chart: volume per time bucket, each bar split by sentiment, as a PNG.

Drawn with matplotlib's Agg canvas directly (no ``pyplot``, so no global state: the dashboard
builds briefs on worker threads). The colours are the dashboard's sentiment colours.
"""

from __future__ import annotations

import io
from datetime import date, datetime, timedelta

import pandas as pd

from analysis.vocabulary import SENTIMENTS

ORDER = [*(label.value for label in SENTIMENTS), "other"]
COLOURS = dict(zip(ORDER, ("#c62828", "#9e9e9e", "#2e7d32", "#cfd8dc"), strict=True))
_BUCKET = {"hour": timedelta(hours=1), "day": timedelta(days=1), "week": timedelta(days=7),
           "month": timedelta(days=30)}
_TICKS = {"hour": "%d/%m %H:%M", "day": "%d/%m", "week": "%d/%m", "month": "%m/%Y"}


def trend_png(trend: pd.DataFrame, bucket: str, names: dict[str, str], period: tuple[date, date],
              decimal_comma: bool = False, width_in: float = 7.4, height_in: float = 2.3) -> bytes:
    """``trend`` has a ``bucket`` column and one count column per :data:`ORDER` entry;
    ``names`` gives each entry's legend text. Each bar is centred on its bucket's start (the
    date under it is its date) and the x axis spans the whole ``period``."""
    from matplotlib.dates import AutoDateLocator, DateFormatter, date2num
    from matplotlib.figure import Figure
    from matplotlib.ticker import FuncFormatter, MaxNLocator

    figure = Figure(figsize=(width_in, height_in), dpi=200)
    axes = figure.add_subplot()
    step = _BUCKET[bucket]
    times = [pd.Timestamp(b).to_pydatetime() for b in trend["bucket"]]
    x = [float(date2num(t)) for t in times]
    days = step / timedelta(days=1)
    bottom = [0.0] * len(trend)
    for key in ORDER:
        values = trend[key].astype(float).tolist()
        axes.bar(x, values, width=days * 0.8, bottom=bottom, color=COLOURS[key],
                 label=names[key], linewidth=0)
        bottom = [b + v for b, v in zip(bottom, values, strict=True)]
    start = min([datetime.combine(period[0], datetime.min.time()), *times])
    last = datetime.combine(period[1], datetime.min.time())
    if bucket == "hour":
        last += timedelta(hours=23)
    end = max([last, *times])
    axes.set_xlim(float(date2num(start)) - days * 0.6, float(date2num(end)) + days * 0.6)
    axes.xaxis.set_major_locator(AutoDateLocator(minticks=3, maxticks=10))
    axes.xaxis.set_major_formatter(DateFormatter(_TICKS[bucket]))
    axes.yaxis.set_major_locator(MaxNLocator(integer=True))
    axes.yaxis.set_major_formatter(FuncFormatter(lambda v, _: _thousands(v, decimal_comma)))
    axes.tick_params(labelsize=7)
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)
    axes.grid(axis="y", color="#eceff1", linewidth=0.6)
    axes.set_axisbelow(True)
    axes.legend(fontsize=7, frameon=False, ncols=4, loc="upper left",
                bbox_to_anchor=(0, 1.18))
    figure.tight_layout(pad=0.4)
    out = io.BytesIO()
    figure.savefig(out, format="png")
    return out.getvalue()


def _thousands(value: float, decimal_comma: bool) -> str:
    text = f"{int(value):,}"
    return text.replace(",", ".") if decimal_comma else text
