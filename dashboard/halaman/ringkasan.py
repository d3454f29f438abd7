"""Ringkasan (overview): KPIs against the previous period, the volume and sentiment trends
(click a bar for the posts behind it), and the current hoax alerts."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any, Literal

import streamlit as st

from analysis.store.filters import Filters
from analysis.store.trends import bucket_for
from analysis.text.keys import one_line
from analysis.vocabulary import SENTIMENTS, Sentiment
from dashboard.charts import chart_config, clicked, platform_name, sentiment_chart, volume_chart
from dashboard.filters import period_days, sidebar_filters
from dashboard.formatting import decimal, escape, number, safe_url, separators
from dashboard.queries import figure, query, settings
from dashboard.spikes_view import show_spikes
from dashboard.texts import t
from dashboard.views import bucket_label, drill_down

SPREADING_SHOWN = 3  # debunked claims repeated ("cocok"), under the hoax alerts; all on Hoaks
ALERTS_SHOWN = 5
BUCKET_CHOICES = ["auto", "hour", "day", "week", "month"]
HOURS_AT_MOST = 31  # days: a longer period per hour would be too many bars


def numbers_for(f: Filters, threshold: float) -> dict[str, float]:
    """The KPIs of the filters, with the positive and negative shares of the scored texts."""
    out = dict(query("kpis", f, hoax_threshold=threshold))
    scored = sum(out[label] for label in SENTIMENTS)
    out["positive_share"] = out[Sentiment.POSITIVE] / scored if scored else 0.0
    out["negative_share"] = out[Sentiment.NEGATIVE] / scored if scored else 0.0
    out["clusters"] = query("active_clusters", f)
    return out


@dataclass(frozen=True)
class Change:
    """The KPIs now and in the previous period (None when it has no text to compare with)."""

    now: dict[str, float]
    before: dict[str, float] | None

    def points(self, key: str) -> str | None:
        """The change in a share, in percentage points."""
        if self.before is None:
            return None
        return t("delta_pp", d=decimal(100 * (self.now[key] - self.before[key]), 1, signed=True))

    def count(self, key: str) -> str | None:
        """The change in a count, signed."""
        if self.before is None:
            return None
        change = int(self.now[key] - self.before[key])
        return ("+" if change >= 0 else "") + number(change)

    def net(self) -> str | None:
        """The change in net sentiment, signed."""
        if self.before is None:
            return None
        return decimal(self.now["net_sentiment"] - self.before["net_sentiment"], signed=True)


def metric(column: Any, label: str, value: str, delta: str | None,
           color: Literal["normal", "inverse", "off"] = "normal", **extra: Any) -> None:
    """A KPI with its change; no change reads "±0" in grey, without a rising arrow in red or
    green (a "+0" would show one)."""
    if delta is not None and not any(ch in "123456789" for ch in delta):
        delta = "±" + delta.lstrip("+-")
        column.metric(label, value, delta, delta_color="off", delta_arrow="off", **extra)
    else:
        column.metric(label, value, delta, delta_color=color, **extra)


def show_kpis(filters: Filters, threshold: float) -> None:
    """Six KPIs with their change from the previous period, and what they leave out."""
    now = numbers_for(filters, threshold)
    before = numbers_for(filters.previous(), threshold) if filters.start and filters.end else None
    change = Change(now, before if before is not None and before["volume"] > 0 else None)
    cols = st.columns(6)
    metric(cols[0], t("kpi_volume"), number(int(now["volume"])), change.count("volume"), "off")
    metric(cols[1], t("kpi_positive"), f"{now['positive_share']:.0%}",
           change.points("positive_share"),
           help=t("n_texts", n=number(int(now[Sentiment.POSITIVE]))))
    metric(cols[2], t("kpi_negative"), f"{now['negative_share']:.0%}",
           change.points("negative_share"), "inverse",
           help=t("n_texts", n=number(int(now[Sentiment.NEGATIVE]))))
    metric(cols[3], t("kpi_net"), decimal(now["net_sentiment"], signed=True), change.net(),
           help=t("kpi_net_help"))
    metric(cols[4], t("kpi_hoax"), number(int(now["hoax_flagged"])),
           change.count("hoax_flagged"), "inverse", help=t("kpi_hoax_help", t=decimal(threshold)))
    metric(cols[5], t("kpi_clusters"), number(int(now["clusters"])), change.count("clusters"),
           "inverse", help=t("kpi_clusters_help"))
    if change.before is not None:
        previous = filters.previous()
        st.caption(t("compare_note", a=f"{previous.start:%d/%m/%Y}",
                     b=f"{previous.end:%d/%m/%Y}"))
    elif filters.start:
        st.caption(t("compare_none"))
    if now["unscored"]:
        st.warning(t("unscored_note", n=number(int(now["unscored"]))))
    if now["uncertain"]:
        st.caption(t("uncertain_note", n=number(int(now["uncertain"])),
                     c=decimal(filters.min_confidence)))


def chosen_bucket(filters: Filters) -> str:
    """The bar width picked (automatic at first: by the period's length)."""
    span = period_days(filters)
    auto = bucket_for(span)
    bucket = st.radio(t("bucket_pick"), BUCKET_CHOICES, horizontal=True, key="bucket",
                      format_func=lambda b: t("bucket_auto", b=t(f"bucket_{auto}"))
                      if b == "auto" else t(f"bucket_{b}"))
    bucket = auto if bucket == "auto" else bucket
    if bucket == "hour" and span > HOURS_AT_MOST:
        st.caption(t("bucket_hour_long"))
        bucket = "day"
    return str(bucket)


def show_trends(filters: Filters) -> None:
    """Volume per platform and sentiment shares over time; a clicked bar lists its posts."""
    bucket = chosen_bucket(filters)
    period = (filters.start, filters.end)
    generation = st.session_state.setdefault("drill", 0)
    left, right = st.columns(2)
    volume = figure("volume", (filters, bucket), lambda: volume_chart(
        query("volume_over_time", filters, bucket=bucket),
        t("chart_volume", b=t(f"bucket_{bucket}")), t("axis_time"), t("axis_count"), bucket,
        separators(), period))
    picked_volume = left.plotly_chart(
        volume, width="stretch", on_select="rerun", selection_mode="points",
        key=f"volume-{generation}",
        config=chart_config("pantau-volume"))
    shares = figure("sentiment", (filters, bucket), lambda: sentiment_chart(
        query("sentiment_over_time", filters, bucket=bucket),
        t("chart_sentiment", b=t(f"bucket_{bucket}")), t("axis_time"), t("axis_share"), t,
        bucket, separators(), period))
    picked_sentiment = right.plotly_chart(
        shares, width="stretch", on_select="rerun", selection_mode="points",
        key=f"sentiment-{generation}", config=chart_config("pantau-sentimen"))
    st.caption(t("drill_hint"))
    pick = (clicked(picked_volume.selection.points if picked_volume else [])
            or clicked(picked_sentiment.selection.points if picked_sentiment else []))
    if pick:
        show_picked(filters, pick, bucket)


def show_picked(filters: Filters, pick: dict[str, Any], bucket: str) -> None:
    """The posts behind a clicked bar: its bucket, and its platform or sentiment label."""
    narrowed = filters
    what = [bucket_label(pick["start"], bucket)]
    if "platform" in pick:
        narrowed = replace(filters, platforms=(pick["platform"],))
        what.append(platform_name(pick["platform"]))
    if "label" in pick:
        what.append(t(pick["label"]))
    drill_down(narrowed, pick["start"], bucket, what, "drill", label=pick.get("label"))


def show_alerts(filters: Filters, threshold: float) -> None:
    """The most hoax-like texts over the threshold, then the debunked claims still repeated."""
    alerts = query("top_hoaxes", filters, limit=ALERTS_SHOWN)
    alerts = alerts[alerts["hoax_score"].astype(float) >= threshold]
    if alerts.empty:
        st.caption(t("alerts_none", t=decimal(threshold)))
    for row in alerts.itertuples(index=False):
        claim = f" — {t('alerts_claim')}: {escape(row.claim_title)}" if row.claim_verdict else ""
        shown = escape(platform_name(str(row.platform)))
        st.markdown(f"**{decimal(float(row.hoax_score))}** · {shown}"
                    f" · {row.local_time:%d/%m/%Y %H:%M} · {escape(one_line(row.text, 180))}"
                    f"{claim}")
    spreading = query("spreading_claims", filters, limit=SPREADING_SHOWN, confirmed_only=True)
    if not spreading.empty:
        st.markdown(f"**{t('alerts_spreading')}**")
    for claim in spreading.itertuples(index=False):
        link = safe_url(claim.url)
        debunk = (f" · [{t('evidence_link')}]({link.replace('(', '%28').replace(')', '%29')})"
                  if link else "")
        st.markdown(f"{escape(one_line(claim.title, 180))} — "
                    + t("alerts_spreading_counts", n=number(claim.posts),
                        c=number(claim.confirmed), a=number(claim.accounts),
                        d=number(claim.last_24h)) + debunk)
    st.page_link("halaman/hoaks.py", label=t("alerts_more"), icon=":material/report:")


st.title(t("app_title"))
filters = sidebar_filters()
if filters is None:
    st.info(t("empty_store"))
    st.stop()
threshold = settings().hoax_threshold
show_kpis(filters, threshold)
show_trends(filters)
st.subheader(t("alerts_title"))
show_alerts(filters, threshold)
st.subheader(t("spike_title"))
show_spikes(filters)
