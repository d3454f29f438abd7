"""Aggregations behind the dashboard, on a hand-built store (no model)."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from analysis.store import Store
from analysis.store.trends import (
    Filters,
    active_clusters,
    bucket_for,
    bucket_window,
    filter_options,
    kpis,
    sentiment_over_time,
    texts,
    top_hoaxes,
    volume_over_time,
)
from tests.store_fixtures import small_store


@pytest.fixture
def filled(store: Store) -> Store:
    return small_store(store)


def test_kpis_count_sentiment_and_hoaxes(filled: Store) -> None:
    numbers = kpis(filled, Filters())
    assert numbers["volume"] == 5
    assert (numbers["positive"], numbers["neutral"], numbers["negative"]) == (2, 1, 2)
    assert numbers["net_sentiment"] == pytest.approx(0.0)
    assert numbers["hoax_flagged"] == 1
    assert numbers["unscored"] == 0


def test_days_are_counted_in_wib(filled: Store) -> None:
    volume = volume_over_time(filled, Filters(), "day")
    per_day = volume.groupby(volume["bucket"].dt.date)["n"].sum().to_dict()
    assert per_day == {date(2025, 7, 8): 3, date(2025, 7, 9): 2}
    utc = volume_over_time(filled, Filters(timezone="UTC"), "day")
    assert utc.groupby(utc["bucket"].dt.date)["n"].sum().to_dict()[date(2025, 7, 8)] == 4


def test_period_and_platform_filters(filled: Store) -> None:
    assert kpis(filled, Filters(start=date(2025, 7, 9), end=date(2025, 7, 9)))["volume"] == 2
    assert kpis(filled, Filters(platforms=("youtube",)))["volume"] == 1


def test_sentiment_share_per_bucket_sums_to_one(filled: Store) -> None:
    shares = sentiment_over_time(filled, Filters(), "day")
    assert shares.groupby("bucket")["share"].sum().tolist() == pytest.approx([1.0, 1.0])


def test_top_hoaxes_come_with_their_evidence(filled: Store) -> None:
    top = top_hoaxes(filled, Filters(), limit=2)
    assert top.loc[0, "id"] == "d"
    assert top.loc[0, "claim_title"] == "Vaksin mengandung chip"
    assert top.loc[0, "claim_similarity"] == pytest.approx(0.93)


def test_filter_options_and_buckets(filled: Store) -> None:
    options = filter_options(filled)
    assert options["platforms"] == ["twitter", "youtube"]
    assert (options["first"], options["last"]) == (date(2025, 7, 8), date(2025, 7, 9))
    assert [bucket_for(d) for d in (2, 30, 200, 1500)] == ["hour", "day", "week", "month"]
    with pytest.raises(ValueError):
        volume_over_time(filled, Filters(), "minute")


def test_low_confidence_labels_can_be_left_out_of_the_shares(filled: Store) -> None:
    at_threshold = kpis(filled, Filters(min_confidence=0.8))  # every fixture score is 0.8
    assert at_threshold["uncertain"] == 0 and at_threshold["positive"] == 2
    above = kpis(filled, Filters(min_confidence=0.85))
    assert above["volume"] == 5 and above["uncertain"] == 5 and above["unscored"] == 0
    assert above["positive"] == above["negative"] == above["neutral"] == 0
    assert sentiment_over_time(filled, Filters(min_confidence=0.85), "day").empty


def test_keyword_query_needs_every_word_and_none_of_the_excluded(filled: Store) -> None:
    assert kpis(filled, Filters(query="vaksin"))["volume"] == 1
    assert kpis(filled, Filters(query="polisi TERIMA"))["volume"] == 1
    assert kpis(filled, Filters(query="polisi lambat"))["volume"] == 0
    assert kpis(filled, Filters(query="-vaksin -mantap"))["volume"] == 3
    # Pattern characters in the query are literal characters, not patterns
    for pattern in ("%", "_", ".*", "s.gap", "(", "[a-z]", "\\", "$"):
        assert kpis(filled, Filters(query=pattern))["volume"] == 0, pattern
    assert kpis(filled, Filters(query="sigap,"))["volume"] == 1
    assert kpis(filled, Filters(query="SEBARKAN!"))["volume"] == 1


def test_kind_source_and_sentiment_filters(filled: Store) -> None:
    assert kpis(filled, Filters(sentiments=("negative",)))["volume"] == 2
    assert kpis(filled, Filters(kinds=("comment",)))["volume"] == 0
    assert kpis(filled, Filters(kinds=("post",)))["volume"] == 5
    assert kpis(filled, Filters(sources=("tidak-ada",)))["volume"] == 0
    options = filter_options(filled)
    assert options["kinds"] == ["post"]
    assert options["sources"] == []


def test_previous_period_has_the_same_length_just_before() -> None:
    f = Filters(start=date(2025, 7, 8), end=date(2025, 7, 14), platforms=("x",))
    assert (f.previous().start, f.previous().end) == (date(2025, 7, 1), date(2025, 7, 7))
    assert f.previous().platforms == ("x",)
    assert Filters().previous() == Filters()


def test_the_posts_behind_a_chart_bucket(filled: Store) -> None:
    window = bucket_window(datetime(2025, 7, 9), "day")
    assert window == (datetime(2025, 7, 9), datetime(2025, 7, 10))
    rows = texts(filled, Filters(), window=window)
    assert sorted(rows["id"]) == ["d", "e"]  # 'd' is 01:30 WIB on the 9th
    hour = texts(filled, Filters(), window=bucket_window(datetime(2025, 7, 9, 1), "hour"))
    assert hour["id"].tolist() == ["d"]
    assert texts(filled, Filters(), label="positive", order="oldest")["id"].tolist() == ["a", "e"]
    assert bucket_window(datetime(2025, 1, 31), "month")[1] == datetime(2025, 2, 28)
    with pytest.raises(ValueError):
        texts(filled, Filters(), order="random")


def test_active_clusters_counts_bursts_inside_the_filters(filled: Store) -> None:
    assert active_clusters(filled, Filters()) == 0
