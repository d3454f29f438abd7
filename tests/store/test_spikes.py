"""Spike detection and explanation on hand-built stores with a planted burst (no model)."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pandas as pd
import pytest

from analysis.store import Store
from analysis.store.documents import insert_documents
from analysis.store.scores import insert_scores
from analysis.store.spikes import detect_spikes, explain_spike, spike_bucket, spike_series
from analysis.store.trends import Filters
from tests.store_fixtures import documents, sentiment_scores

ROUTINE = ["Macet panjang di jalan raya pagi ini", "Pelayanan samsat keliling cepat",
           "Cuaca panas sekali hari ini", "Patroli malam di kampung aman",
           "Harga beras naik lagi di pasar"]
BURSTS = ["Tilang ETLE salah kirim ke warga, sistemnya kacau https://t.co/x @humas_polda",
          "ETLE kacau! Surat tilang nyasar ke rumah warga",
          "Sistem tilang ETLE kacau, salah kirim lagi @humas_polda"]
BURST_DAY = 20
FIRST = datetime(2025, 3, 1, 2, 0)  # 09:00 WIB


def _day_counts(day: int) -> int:
    return 18 + (day * 7) % 5  # 18..22 texts a day: a steady, not flat, series


def _build(store: Store, burst: int = 60, negative_burst: bool = False,
           burst_hour: int = 0) -> Store:
    """30 days of routine posts (a fifth negative); on day 20 ``burst`` extra posts about ETLE
    by a handful of accounts, or (``negative_burst``) the same volume turned negative."""
    rows: list[dict[str, object]] = []
    labels: dict[str, str] = {}
    for day in range(30):
        for k in range(_day_counts(day)):
            doc_id = f"r{day}-{k}"
            rows.append({"id": doc_id, "text": f"{ROUTINE[k % 5]} ({k})",
                         "published_at": FIRST + timedelta(days=day, minutes=10 * k),
                         "author": f"warga{k % 7}", "platform": "twitter"})
            negative = k % 5 == 0 or (negative_burst and day == BURST_DAY and k % 5 != 3)
            labels[doc_id] = "negative" if negative else "neutral"
        if day == BURST_DAY:
            for k in range(burst):
                doc_id = f"b{k}"
                rows.append({"id": doc_id, "text": f"{BURSTS[k % 3]} #{k}",
                             "published_at": FIRST + timedelta(days=day, hours=burst_hour,
                                                               minutes=k % 50),
                             "author": "akun_viral" if k % 2 else f"pendukung{k % 4}",
                             "platform": "twitter", "likes": 10, "shares": 2})
                labels[doc_id] = "negative"
    insert_documents(store, "u1", documents(rows))
    insert_scores(store, sentiment_scores(labels))
    return store


def test_a_planted_burst_is_the_only_volume_spike(store: Store) -> None:
    spikes = detect_spikes(_build(store), Filters(), "day")
    volume = spikes[spikes["metric"] == "volume"]
    assert volume["bucket"].tolist() == [pd.Timestamp(2025, 3, 21)]
    row = volume.iloc[0]
    assert row["observed"] == _day_counts(BURST_DAY) + 60
    assert row["baseline"] == pytest.approx(20.0, abs=2)
    assert row["z"] > 3.5 and row["count"] == row["texts"] == row["observed"]


def test_a_spike_is_explained_by_its_planted_terms_accounts_and_posts(store: Store) -> None:
    _build(store)
    explained = explain_spike(store, Filters(), pd.Timestamp(2025, 3, 21), "day", "volume")
    assert explained["texts"] == _day_counts(BURST_DAY) + 60
    top = explained["terms"]["term"].tolist()
    assert {"etle", "tilang", "kacau"} <= set(top[:7])
    assert not {"https", "humas_polda", "co", "ke"} & set(top), "no links, mentions, stopwords"
    assert explained["accounts"].iloc[0][["author", "n"]].tolist() == ["akun_viral", 30]
    assert explained["accounts"].iloc[0]["engagement"] == 30 * 12
    examples = explained["examples"]
    assert len(examples) == 3, "one post per wording: copies are counted, not repeated"
    assert all("ETLE" in text for text in examples["text"])
    assert sorted(examples["copies"]) == [20, 20, 20]
    assert examples["matched"].map(lambda found: "etle" in found).all()


def test_a_few_posts_on_a_quiet_day_are_not_a_spike(store: Store) -> None:
    rows = [{"id": f"q{d}", "text": "sepi", "published_at": FIRST + timedelta(days=d)}
            for d in range(20)]
    rows += [{"id": f"x{k}", "text": "ramai", "published_at": FIRST + timedelta(days=20)}
             for k in range(6)]  # z = (6 - 1) / √1 = 5, but only 6 texts
    insert_documents(store, "u1", documents(rows))
    assert detect_spikes(store, Filters(), "day").empty
    found = detect_spikes(store, Filters(), "day", min_count=5)
    assert found["bucket"].tolist() == [pd.Timestamp(2025, 3, 21)]


def test_a_negative_turn_without_more_volume_is_a_negative_spike(store: Store) -> None:
    spikes = detect_spikes(_build(store, burst=0, negative_burst=True), Filters(), "day")
    assert spikes[["bucket", "metric"]].values.tolist() == [[pd.Timestamp(2025, 3, 21),
                                                            "negative"]]
    row = spikes.iloc[0]
    assert row["observed"] > 0.7 and row["baseline"] == pytest.approx(0.2, abs=0.03)


def test_negative_spike_terms_come_from_the_negative_texts(store: Store) -> None:
    _build(store, negative_burst=True)
    explained = explain_spike(store, Filters(), datetime(2025, 3, 21), "day", "negative")
    negatives = sum(k % 5 != 3 for k in range(_day_counts(BURST_DAY))) + 60
    assert explained["texts"] == negatives
    assert explained["terms"]["term"].iloc[0] in {"etle", "tilang", "kacau", "kirim", "sistemnya"}


def test_lower_sensitivity_finds_more(store: Store) -> None:
    _build(store)
    strict = detect_spikes(store, Filters(), "day", sensitivity=6.0, min_count=1)
    lax = detect_spikes(store, Filters(), "day", sensitivity=0.3, min_count=1)
    assert len(strict) < len(lax)
    assert set(map(tuple, strict[["bucket", "metric"]].values)) <= set(
        map(tuple, lax[["bucket", "metric"]].values))


def test_the_baseline_reaches_back_before_the_chosen_period(store: Store) -> None:
    _build(store)
    burst_day = date(2025, 3, 21)
    spikes = detect_spikes(store, Filters(start=burst_day, end=burst_day), "day")
    assert spikes[["bucket", "metric"]].values.tolist() == [
        [pd.Timestamp(burst_day), "negative"], [pd.Timestamp(burst_day), "volume"]]
    series = spike_series(store, Filters(start=burst_day, end=date(2025, 3, 23)), "day")
    assert series["bucket"].dt.date.tolist() == [burst_day, date(2025, 3, 22), date(2025, 3, 23)]
    assert series["history"].tolist() == [14, 14, 14]


def test_the_start_of_the_data_is_not_a_jump_from_zero(store: Store) -> None:
    _build(store)
    series = spike_series(store, Filters(), "day")
    assert series["bucket"].iloc[0] == pd.Timestamp(2025, 3, 1)
    assert series["history"].iloc[0] == 0
    assert pd.Timestamp(2025, 3, 1) not in detect_spikes(store, Filters(), "day")["bucket"].tolist()


def test_hours_are_compared_with_the_same_hour_of_earlier_days(store: Store) -> None:
    _build(store, burst=40, burst_hour=16)  # 01:00 WIB (next day) instead of the usual morning
    spikes = detect_spikes(store, Filters(), "hour")
    volume = spikes[spikes["metric"] == "volume"]
    assert volume["bucket"].tolist() == [pd.Timestamp(2025, 3, 22, 1)], (
        "the routine 09:00-12:00 WIB rush is not a spike; the night burst is"
    )


def test_platform_filter_applies(store: Store) -> None:
    _build(store)
    assert detect_spikes(store, Filters(platforms=("youtube",)), "day").empty


def test_buckets_and_windows_are_checked(store: Store) -> None:
    with pytest.raises(ValueError, match="bucket must be hour, day or week"):
        detect_spikes(store, Filters(), "month")
    with pytest.raises(ValueError, match="window"):
        detect_spikes(store, Filters(), "day", window=1)
    with pytest.raises(ValueError, match="metric"):
        explain_spike(store, Filters(), datetime(2025, 3, 1), "day", "hoax")
    assert [spike_bucket(d) for d in (1, 3, 4, 183, 184)] == ["hour", "hour", "day", "day",
                                                             "week"]


def test_an_empty_store_has_no_spikes(store: Store) -> None:
    assert detect_spikes(store, Filters(), "day").empty
    assert spike_series(store, Filters(), "week").empty


def test_the_chart_marks_each_spike_above_its_bar(store: Store) -> None:
    from dashboard.charts_analytics import spike_chart

    _build(store)
    series = spike_series(store, Filters(), "day")
    spikes = detect_spikes(store, Filters(), "day")
    fig = spike_chart(series, spikes, "Lonjakan", "Waktu", "Teks", str.upper, "day", ",.")
    bars, baseline, volume, negative = fig.data
    assert list(bars.y) == series["n"].tolist() and baseline.line.dash == "dash"
    assert [pd.Timestamp(x) for x in volume.x] == [pd.Timestamp(2025, 3, 21)]
    assert [pd.Timestamp(x) for x in negative.x] == [pd.Timestamp(2025, 3, 21)]
    assert volume.y[0] > series["n"].max() and volume.name == "VOLUME_SPIKE"
    assert fig.layout.separators == ",."
    assert fig.layout.xaxis.dtick is None  # many days: Plotly's own ticks
    few = spike_chart(series.head(5), spikes.head(0), "", "", "", str, "day")
    assert few.layout.xaxis.dtick == 86_400_000  # a few days: one tick each, none between
    assert pd.Timestamp(few.layout.xaxis.tick0) == pd.Timestamp(series["bucket"].iloc[0])
    with pytest.raises(ValueError, match="coarser bucket"):
        spike_chart(pd.concat([series] * 200), spikes, "", "", "", str, "day")


def _section() -> None:
    """A page holding only the spikes section, over the whole store."""
    from datetime import date

    from analysis.store.trends import Filters
    from dashboard.spikes_view import show_spikes

    show_spikes(Filters(start=date(2025, 3, 1), end=date(2025, 3, 30)))


def test_the_spikes_section_shows_the_chart_and_explains_the_strongest_spike(
        store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    import json

    import streamlit as st
    from streamlit.testing.v1 import AppTest

    _build(store)
    monkeypatch.setenv("PANTAU_DB", str(store.path))
    st.cache_data.clear()
    st.cache_resource.clear()
    at = AppTest.from_function(_section, default_timeout=30)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    chart = json.loads(at.get("plotly_chart")[0].proto.spec)
    assert chart["layout"]["title"]["text"] == "Volume per hari dan lonjakan"
    assert at.selectbox[0].label == "2 lonjakan ditemukan. Pilih satu untuk melihat penyebabnya."
    assert at.selectbox[0].value == 1  # the volume spike has the larger z
    assert at.selectbox[0].options[1].startswith("21/03/2025: 78 teks, 3,")
    assert at.selectbox[0].options[1].endswith("× biasanya (20)")
    words, accounts = (frame.value for frame in at.dataframe)
    assert "etle" in words["Kata"].tolist()
    assert accounts["Akun"].iloc[0] == "akun_viral"
    assert any("ETLE" in m.value for m in at.markdown)
    assert any("20 teks serupa" in c.value for c in at.caption)
    at.selectbox[0].set_value(0).run()
    assert at.selectbox[0].options[0] == "21/03/2025: 82% negatif (biasanya 22%, +60 poin)"
    st.cache_data.clear()
    st.cache_resource.clear()


def test_a_spike_from_next_to_nothing_reads_without_a_giant_z() -> None:
    from types import SimpleNamespace

    from dashboard.spikes_view import describe

    def spike(observed: float, baseline: float) -> SimpleNamespace:
        return SimpleNamespace(bucket="2025-03-21", metric="volume", observed=observed,
                               baseline=baseline, z=observed)

    assert describe(spike(5709, 0), "day") == "21/03/2025: 5.709 teks (biasanya hampir tidak ada)"
    assert describe(spike(240, 20), "day") == "21/03/2025: 240 teks, 12× biasanya (20)"
    assert describe(spike(30, 12), "day") == "21/03/2025: 30 teks, 2,5× biasanya (12)"
