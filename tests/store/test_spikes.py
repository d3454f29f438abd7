"""Spike detection and explanation on hand-built stores with a planted burst (no model)."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pandas as pd
import pytest

from analysis.store import Store
from analysis.store.documents import insert_documents
from analysis.store.spikes import detect_spikes, spike_bucket, spike_scope, spike_series
from analysis.store.trends import Filters
from tests.spike_fixtures import BURST_DAY, FIRST, build, day_counts
from tests.store_fixtures import documents


@pytest.fixture
def store(any_store: Store) -> Store:
    """Every spike test on DuckDB and on PostgreSQL."""
    return any_store


def test_a_planted_burst_is_the_only_volume_spike(store: Store) -> None:
    spikes = detect_spikes(build(store), Filters(), "day")
    volume = spikes[spikes["metric"] == "volume"]
    assert volume["bucket"].tolist() == [pd.Timestamp(2025, 3, 21)]
    row = volume.iloc[0]
    assert row["observed"] == day_counts(BURST_DAY) + 60
    assert row["baseline"] == pytest.approx(20.0, abs=2)
    assert row["z"] > 3.5 and row["count"] == row["texts"] == row["observed"]



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
    spikes = detect_spikes(build(store, burst=0, negative_burst=True), Filters(), "day")
    assert spikes[["bucket", "metric"]].values.tolist() == [[pd.Timestamp(2025, 3, 21),
                                                            "negative"]]
    row = spikes.iloc[0]
    assert row["observed"] > 0.7 and row["baseline"] == pytest.approx(0.2, abs=0.03)



def test_lower_sensitivity_finds_more(store: Store) -> None:
    build(store)
    strict = detect_spikes(store, Filters(), "day", sensitivity=6.0, min_count=1)
    lax = detect_spikes(store, Filters(), "day", sensitivity=0.3, min_count=1)
    assert len(strict) < len(lax)
    assert set(map(tuple, strict[["bucket", "metric"]].values)) <= set(
        map(tuple, lax[["bucket", "metric"]].values))


def test_the_baseline_reaches_back_before_the_chosen_period(store: Store) -> None:
    build(store)
    burst_day = date(2025, 3, 21)
    spikes = detect_spikes(store, Filters(start=burst_day, end=burst_day), "day")
    assert spikes[["bucket", "metric"]].values.tolist() == [
        [pd.Timestamp(burst_day), "negative"], [pd.Timestamp(burst_day), "volume"]]
    series = spike_series(store, Filters(start=burst_day, end=date(2025, 3, 23)), "day")
    assert series["bucket"].dt.date.tolist() == [burst_day, date(2025, 3, 22), date(2025, 3, 23)]
    assert series["history"].tolist() == [14, 14, 14]


def test_the_start_of_the_data_is_not_a_jump_from_zero(store: Store) -> None:
    build(store)
    series = spike_series(store, Filters(), "day")
    assert series["bucket"].iloc[0] == pd.Timestamp(2025, 3, 1)
    assert series["history"].iloc[0] == 0
    assert pd.Timestamp(2025, 3, 1) not in detect_spikes(store, Filters(), "day")["bucket"].tolist()


def test_hours_are_compared_with_the_same_hour_of_earlier_days(store: Store) -> None:
    build(store, burst=40, burst_hour=16)  # 01:00 WIB (next day) instead of the usual morning
    spikes = detect_spikes(store, Filters(), "hour")
    volume = spikes[spikes["metric"] == "volume"]
    assert volume["bucket"].tolist() == [pd.Timestamp(2025, 3, 22, 1)], (
        "the routine 09:00-12:00 WIB rush is not a spike; the night burst is"
    )


def test_platform_filter_applies(store: Store) -> None:
    build(store)
    assert detect_spikes(store, Filters(platforms=("youtube",)), "day").empty


def test_buckets_and_windows_are_checked(store: Store) -> None:
    with pytest.raises(ValueError, match="bucket must be hour, day or week"):
        detect_spikes(store, Filters(), "month")
    with pytest.raises(ValueError, match="window"):
        detect_spikes(store, Filters(), "day", window=1)
    with pytest.raises(ValueError, match="metric"):
        spike_scope(Filters(), datetime(2025, 3, 1), "day", "hoax")
    assert [spike_bucket(d) for d in (1, 3, 4, 183, 184)] == ["hour", "hour", "day", "day",
                                                             "week"]


def test_an_empty_store_has_no_spikes(store: Store) -> None:
    assert detect_spikes(store, Filters(), "day").empty
    assert spike_series(store, Filters(), "week").empty




