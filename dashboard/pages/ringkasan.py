"""Ringkasan (summary): KPIs and the volume and sentiment trends for the chosen period."""

from __future__ import annotations

import streamlit as st

from analysis.store.trends import bucket_for
from dashboard.charts import sentiment_chart, volume_chart
from dashboard.state import decimal, number, query, separators, settings, sidebar_filters, t

st.title(t("app_title"))
filters = sidebar_filters()
if filters is None:
    st.info(t("empty_store"))
    st.stop()

numbers = query("kpis", filters, hoax_threshold=settings().hoax_threshold)
scored = numbers["positive"] + numbers["neutral"] + numbers["negative"]
cols = st.columns(5)
cols[0].metric(t("kpi_volume"), number(numbers["volume"]))
for col, key in ((cols[1], "positive"), (cols[2], "negative")):
    share = numbers[key] / scored if scored else 0.0
    col.metric(t(f"kpi_{key}"), f"{share:.0%}", t("n_texts", n=number(numbers[key])),
               delta_color="off", delta_arrow="off")
cols[3].metric(t("kpi_net"), decimal(numbers["net_sentiment"], signed=True),
               help=t("kpi_net_help"))
cols[4].metric(t("kpi_hoax"), number(numbers["hoax_flagged"]),
               help=t("kpi_hoax_help", t=decimal(settings().hoax_threshold)))
if numbers["unscored"]:
    st.warning(t("unscored_note", n=number(numbers["unscored"])))
if numbers["uncertain"]:
    st.caption(t("uncertain_note", n=number(numbers["uncertain"]),
                 c=decimal(filters.min_confidence)))

span = (filters.end - filters.start).days + 1 if filters.start and filters.end else 9999
bucket = bucket_for(span)
period = (filters.start, filters.end)
bucket_name = t(f"bucket_{bucket}")
left, right = st.columns(2)
volume = query("volume_over_time", filters, bucket=bucket)
left.plotly_chart(volume_chart(volume, t("chart_volume", b=bucket_name), t("axis_time"),
                               t("axis_count"), bucket, separators(), period),
                  width="stretch")
shares = query("sentiment_over_time", filters, bucket=bucket)
right.plotly_chart(sentiment_chart(shares, t("chart_sentiment", b=bucket_name), t("axis_time"),
                                   t("axis_share"), t, bucket, separators(), period),
                   width="stretch")
