"""Narasi: the texts of the period grouped into narratives: at once when their embeddings are
stored, else when the analyst asks (encoding them takes the model and time).

Clustering writes embeddings to the store, so its result is kept in the session per store,
filters and k (not in ``st.cache_data``, which must not wrap a function with side effects).
"""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from analysis.errors import ModelError, PantauError
from analysis.insights.narratives import MAX_K, Narratives, narratives
from analysis.store.filters import Filters
from analysis.vocabulary import SENTIMENTS, Sentiment
from dashboard.charts import chart_config, platform_name
from dashboard.charts_analytics import clicked_series, sentiment_bars, share_chart
from dashboard.filters import sidebar_filters
from dashboard.formatting import (
    decimal,
    escape,
    number,
    present,
    safe_url,
    sentiment_word,
    separators,
    to_local,
)
from dashboard.queries import NARRATIVES_KEPT, NARRATIVES_TRIED, settings, store
from dashboard.texts import t
from dashboard.views import bucket_label, drill_panel

SAMPLE = 3000
RESULTS = NARRATIVES_KEPT
TRIED = NARRATIVES_TRIED


def run(filters: Filters, key: tuple[object, ...], k: int | None) -> None:
    """Load the model, cluster with a progress bar, keep the result and draw the page again;
    on failure show the error."""
    with st.spinner(t("narr_loading")):
        from analysis.models.registry import builtin_encoder  # slow: loads transformers

        encoder = builtin_encoder(settings())
    bar = st.progress(0.0)

    def progress(done: int, total: int) -> None:
        bar.progress(done / max(total, 1), t("narr_progress", d=number(done), n=number(total)))

    try:
        grouped(filters, key, k, encoder, progress)
    except PantauError as error:
        st.error(str(error))
        return
    finally:
        bar.empty()
    st.rerun()  # draw the page again with the result (and the button's new label)


def grouped(filters: Filters, key: tuple[object, ...], k: int | None, encoder: Any,
            progress: Any = None) -> Narratives:
    """The narratives of the filters, kept in the session under ``key``; ``encoder`` None uses
    stored embeddings only (:class:`ModelError` when some are missing)."""
    result = narratives(store(), filters, encoder, k=k, sample=SAMPLE,
                        hoax_threshold=settings().hoax_threshold, progress=progress)
    st.session_state.setdefault(RESULTS, {})[key] = result
    return result


def stored_only(filters: Filters, key: tuple[object, ...], k: int | None) -> Narratives | None:
    """The narratives straight away when every sampled text already has its embedding (texts
    scored by the pipeline have): no model to load, a few seconds. Tried once per filters, so
    a failure or a store that needs the encoder leaves the page to its button."""
    tried = st.session_state.setdefault(TRIED, set())
    if key in tried:
        return None
    tried.add(key)
    try:
        with st.spinner(t("narr_auto")):
            return grouped(filters, key, k, None)
    except ModelError:
        return None  # some texts have no embedding yet: encoding them waits for the button
    except PantauError as error:
        st.error(str(error))
        return None


def named(result: Narratives) -> dict[int, str]:
    """Each narrative's number and label as the page shows it ("1. tilang, etle, ...")."""
    return {int(c): f"{int(c) + 1}. {label}"
            for c, label in zip(result.clusters["cluster"], result.clusters["label"], strict=True)}


def show_table(result: Narratives) -> None:
    """One row per narrative: estimated texts, share, negative, positive and hoax shares as
    bars with whole percents (no decimal mark to localise)."""
    c = result.clusters

    def bar(help_text: str | None = None) -> Any:
        return st.column_config.ProgressColumn(format="%.0f%%", min_value=0, max_value=100,
                                               help=help_text)

    st.dataframe(pd.DataFrame({
        t("narr_col_label"): list(named(result).values()),
        t("narr_col_estimated"): c["estimated"], t("narr_col_share"): 100 * c["share"],
        t("narr_col_negative"): 100 * c[Sentiment.NEGATIVE],
        t("narr_col_positive"): 100 * c[Sentiment.POSITIVE],
        t("narr_col_hoax"): 100 * c["hoax_share"]}), hide_index=True, width="stretch",
        column_config={
            t("narr_col_estimated"): st.column_config.NumberColumn(
                help=t("narr_col_estimated_help")),
            t("narr_col_share"): bar(), t("narr_col_negative"): bar(),
            t("narr_col_positive"): bar(),
            t("narr_col_hoax"): bar(t("narr_col_hoax_help",
                                      t=decimal(settings().hoax_threshold)))})


def show_posts(result: Narratives) -> None:
    names = named(result)
    chosen = st.selectbox(t("narr_pick"), list(names), format_func=names.__getitem__)
    row = result.clusters.iloc[chosen]
    st.markdown(f"**{t('narr_examples')}**")
    for post in row["examples"]:
        with st.container(border=True):
            when = pd.Timestamp(post["local_time"]).strftime("%d/%m/%Y %H:%M")
            author = escape(present(post["author"]) or "—")
            st.caption(f"{author} · {escape(platform_name(post['platform']))} · {when} WIB")
            st.markdown(escape(str(post["text"])[:500]))
            if url := safe_url(post["url"]):
                st.link_button(t("open_post"), url, key=f"narr-{post['id']}")
    members = result.posts[result.posts["cluster"] == chosen].sort_values(
        "similarity", ascending=False)
    with st.expander(t("narr_all_posts", n=number(len(members)))):
        member_table(members)


def member_table(members: pd.DataFrame, key: str | None = None) -> None:
    """Sampled texts of a narrative: time, platform, text, model label, closeness."""
    shown = to_local(members, "local_time")
    st.dataframe(pd.DataFrame({
        t("col_time"): shown["local_time"],
        t("col_platform"): shown["platform"].map(platform_name),
        t("col_text"): shown["text"], t("col_model"): shown["sentiment"].map(sentiment_word),
        t("narr_col_similarity"): shown["similarity"].round(2)}),
        hide_index=True, width="stretch", key=key)


def show_over_time(result: Narratives, filters: Filters, labels: dict[int, str]) -> None:
    """Each narrative's texts per bucket; a clicked bar lists the sampled texts behind it."""
    timeline = result.timeline.assign(narrative=result.timeline["cluster"].map(labels))
    generation = st.session_state.get("narr-drill", 0)
    event = st.plotly_chart(
        share_chart(timeline, "n", t("narr_chart_time", b=t(f"bucket_{result.bucket}")),
                    t("axis_time"), t("narr_col_size"), result.bucket, separators(),
                    percent=False, series="narrative", period=(filters.start, filters.end)),
        width="stretch", key=f"narr-time-{generation}", on_select="rerun",
        selection_mode="points", config=chart_config("pantau-narasi"))
    st.caption(t("narr_drill_hint"))
    if picked := clicked_series(event.selection.points if event else []):
        start, narrative = picked
        cluster = next((c for c, name in labels.items() if name == narrative), None)
        members = result.posts[(result.posts["cluster"] == cluster)
                               & (pd.to_datetime(result.posts["bucket"]) == pd.Timestamp(start))]
        drill_panel([narrative, bucket_label(start, result.bucket)], len(members),
                    "narr-drill", lambda key: member_table(members, key),
                    note=t("narr_drill_sample"))


def show_feeling(result: Narratives, labels: dict[int, str]) -> None:
    """One bar per narrative: its negative, neutral and positive shares and net sentiment."""
    c = result.clusters
    clusters = c.assign(
        narrative=c["cluster"].map(labels), n=c["size"],
        **{f"{s}_share": c[s] for s in SENTIMENTS},
        **{str(s): (c[s] * c["labelled"]).round().astype(int) for s in SENTIMENTS},
        net_sentiment=c[Sentiment.POSITIVE] - c[Sentiment.NEGATIVE])
    st.plotly_chart(sentiment_bars(clusters, t("narr_chart_sentiment"), t,
                                   lambda v: f"{t('ent_net')} {decimal(v, signed=True)}",
                                   separators(), series="narrative"), width="stretch")


st.title(t("narr_title"))
st.caption(t("narr_intro", n=number(SAMPLE)))
filters = sidebar_filters()
if filters is None:
    st.info(t("empty_store"))
    st.stop()

left, right = st.columns([1, 2], vertical_alignment="bottom")
choice = left.selectbox(t("narr_k"), ["auto", *range(2, MAX_K + 1)], help=t("narr_k_help"),
                        format_func=lambda v: t("narr_k_auto") if v == "auto" else str(v))
k = None if choice == "auto" else int(choice)
key = (str(settings().db_path), filters, k)
result = st.session_state.get(RESULTS, {}).get(key) or stored_only(filters, key, k)
if right.button(t("narr_rerun") if result else t("narr_run"), type="primary"):
    run(filters, key, k)
if result is None:
    st.info(t("narr_press"))
    st.stop()

st.caption(t("narr_summary", k=result.k, s=number(result.sampled), n=number(result.total)))
if result.common:
    st.caption(t("narr_common", w=" · ".join(result.common[:6])))
st.subheader(t("narr_table"))
show_table(result)
over_time, feeling, posts = st.tabs([t("narr_tab_time"), t("narr_tab_sentiment"),
                                     t("narr_tab_posts")])
labels = named(result)
with over_time:
    show_over_time(result, filters, labels)
with feeling:
    show_feeling(result, labels)
with posts:
    show_posts(result)
