"""The spikes section of a page: volume with its spikes marked, and what caused the one picked.

``show_spikes(filters)`` draws it all (threshold slider, chart, spike picker, distinctive
words, most active accounts, example posts); the overview page calls it under its charts. The
logic lives in :mod:`analysis.store.spikes` (detection) and :mod:`analysis.insights.spikes`
(why); its reads go through :func:`dashboard.queries.query`, cached and cleared like every
other.
"""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from analysis.store.filters import Filters
from analysis.store.spikes import DEFAULT_WINDOW, MIN_COUNT, spike_bucket
from dashboard.charts import chart_config, clicked, platform_name
from dashboard.charts_analytics import FORMATS, spike_chart
from dashboard.filters import period_days
from dashboard.formatting import decimal, escape, number, present, safe_url, separators
from dashboard.queries import figure, query
from dashboard.texts import t
from dashboard.views import bucket_label, drill_down


def period_bucket(filters: Filters) -> str:
    """The spike bucket for the filters' period: hours, days or weeks."""
    return spike_bucket(period_days(filters))


def describe(spike: Any, bucket: str) -> str:
    """One line per spike: when, what was seen and how far that is from the usual (a ratio for
    volume, percentage points for the negative share); the z-score itself is for the slider,
    and reads oddly when the usual count is 0 (z then equals the count)."""
    when = pd.Timestamp(spike.bucket).strftime(FORMATS[bucket])
    if spike.metric == "negative":
        points = round((spike.observed - spike.baseline) * 100)
        return t("spike_item_negative", when=when, obs=f"{spike.observed:.0%}",
                 base=f"{spike.baseline:.0%}", points=number(points))
    observed = number(spike.observed)
    if spike.baseline < 1:
        return t("spike_item_volume_new", when=when, obs=observed)
    ratio = spike.observed / spike.baseline
    return t("spike_item_volume", when=when, obs=observed, base=decimal(spike.baseline, 0),
             ratio=decimal(ratio, 1 if ratio < 10 else 0))


def show_spikes(filters: Filters, key: str = "spikes") -> None:
    """Threshold slider, chart with spikes marked, and the explanation of the chosen spike."""
    bucket = period_bucket(filters)
    name = t(f"spike_bucket_{bucket}")
    sensitivity = st.columns(3)[0].slider(
        t("spike_sensitivity"), 2.0, 8.0, 3.5, 0.5, key=f"{key}-z",
        help=t("spike_sensitivity_help", b=name, w=DEFAULT_WINDOW[bucket], m=MIN_COUNT))
    series = query("spike_series", filters, bucket=bucket)
    if series.empty:
        return
    spikes = query("detect_spikes", filters, bucket=bucket, sensitivity=float(sensitivity))
    generation = st.session_state.get(f"{key}-drill", 0)
    chart = figure("spikes", (filters, bucket, float(sensitivity)), lambda: spike_chart(
        series, spikes, t("spike_chart", b=name), t("axis_time"), t("axis_count"),
        lambda part: t(f"spike_{part}"), bucket, separators()))
    event = st.plotly_chart(
        chart, width="stretch", key=f"{key}-chart-{generation}", on_select="rerun",
        selection_mode="points", config=chart_config("pantau-lonjakan"))
    st.caption(t("spike_drill_hint"))
    if pick := clicked(event.selection.points if event else []):
        drill_down(filters, pick["start"], bucket, [bucket_label(pick["start"], bucket)],
                   f"{key}-drill")
    if spikes.empty:
        st.caption(t("spike_none", b=name))
        return
    rows: list[Any] = list(spikes.itertuples(index=False))
    strongest = int(spikes["z"].to_numpy().argmax())
    picked = st.selectbox(t("spike_found", n=len(rows)), range(len(rows)), index=strongest,
                          format_func=lambda i: describe(rows[i], bucket), key=f"{key}-pick")
    spike = rows[picked]
    show_explanation(query("explain_spike", filters, bucket_start=pd.Timestamp(spike.bucket),
                           bucket=bucket, metric=str(spike.metric)), key)


def show_explanation(explained: dict[str, Any], key: str) -> None:
    """Distinctive words and accounts side by side, then the example posts."""
    left, right = st.columns(2)
    left.markdown(f"**{t('spike_terms')}**", help=t("spike_terms_help"))
    terms = explained["terms"]
    if terms.empty:
        left.caption(t("spike_terms_none"))
    else:
        left.dataframe(pd.DataFrame({
            t("spike_col_term"): terms["term"], t("spike_col_n"): terms["n"],
            t("spike_col_before"): terms["background_n"]}), hide_index=True, width="stretch")
    accounts = explained["accounts"]
    right.markdown(f"**{t('spike_accounts')}**")
    right.dataframe(pd.DataFrame({
        t("spike_col_author"): accounts["author"].fillna("—"),
        t("col_platform"): accounts["platform"].map(platform_name),
        t("spike_col_source"): accounts["source"].fillna("—"),
        t("spike_col_n"): accounts["n"], t("spike_col_engagement"): accounts["engagement"]}),
        hide_index=True, width="stretch")
    st.markdown(f"**{t('spike_examples')}**")
    for post in explained["examples"].itertuples(index=False):
        with st.container(border=True):
            when = pd.Timestamp(post.local_time).strftime("%d/%m/%Y %H:%M")
            author = escape(present(post.author) or "—")
            copies = f" · {t('spike_copies', n=number(post.copies))}" if post.copies > 1 else ""
            st.caption(f"{author} · {escape(platform_name(post.platform))} · {when} WIB"
                       f"{copies}")
            st.markdown(escape(str(post.text)[:500]))
            if url := safe_url(post.url):
                st.link_button(t("open_post"), url, key=f"{key}-post-{post.id}")
