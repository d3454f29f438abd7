"""The PostgreSQL rollups (analysis/store/rollups.py): the charts and filter options they serve
equal what the documents give, on both backends, after inserts, score updates and deletes."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pandas as pd
import pytest

from analysis.store import Store, rollups, trends
from analysis.store.documents import insert_batch
from analysis.store.filters import Filters
from analysis.store.scores import insert_scores
from tests.store_fixtures import documents, sentiment_scores

FILTERS = [Filters(), Filters(start=date(2025, 7, 8), end=date(2025, 7, 9)),
           Filters(platforms=("news",), kinds=("comment",)),
           Filters(sentiments=("negative",), timezone="Asia/Jayapura"),
           Filters(min_confidence=0.7), Filters(query="polisi"), Filters(sources=("kompas",)),
           Filters(timezone="Asia/Kolkata"), Filters(timezone="Europe/Berlin")]


def _posts(n: int) -> pd.DataFrame:
    start = datetime(2025, 7, 1, 15, 30)
    return documents([{
        "id": f"p{i}", "text": f"polisi {i}" if i % 3 else f"kabar {i}",
        "published_at": start + timedelta(hours=7 * i, minutes=i),
        "platform": ("twitter", "twitter", "twitter", "news", "news", "tiktok")[i % 6],
        "kind": "comment" if i % 3 == 0 else "post",
        "source": ("kompas", "detik", None, "")[i % 4]} for i in range(n)])


def _raw(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(rollups, "usable", lambda *args, **kwargs: False)


def _charts(store: Store) -> list[pd.DataFrame]:
    return [chart(store, f, bucket) for f in FILTERS for bucket in ("hour", "day", "week", "month")
            for chart in (trends.volume_over_time, trends.sentiment_over_time)]


def _raw_options(store: Store) -> tuple[list[str], list[str], list[str]]:
    counts = store.query("SELECT platform, kind, count(*) AS n FROM documents "
                         "GROUP BY platform, kind")
    top = store.query("SELECT source FROM documents WHERE source IS NOT NULL AND source <> '' "
                      "GROUP BY source ORDER BY count(*) DESC, source")
    return (counts.groupby("platform")["n"].sum().sort_values(ascending=False).index.tolist(),
            counts.groupby("kind")["n"].sum().sort_values(ascending=False).index.tolist(),
            top["source"].tolist())


def _check(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    served = _charts(store)
    options = trends.filter_options(store)
    with monkeypatch.context() as patch:
        _raw(patch)
        for got, want in zip(served, _charts(store), strict=True):
            pd.testing.assert_frame_equal(got, want)
    assert (options["platforms"], options["kinds"], options["sources"]) == _raw_options(store)
    first, last = store.query("SELECT min(published_at) AS a, max(published_at) AS b "
                              "FROM documents").iloc[0]
    assert options["first"] == pd.Timestamp(first).tz_convert("Asia/Jakarta").date()
    assert options["last"] == pd.Timestamp(last).tz_convert("Asia/Jakarta").date()


def test_rollup_served_charts_equal_the_documents(any_store: Store,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    insert_batch(any_store, "u1", _posts(60), [])
    _check(any_store, monkeypatch)
    labels = {f"p{i}": ("positive", "neutral", "negative")[i % 3] for i in range(0, 60, 2)}
    scores = sentiment_scores(labels)
    scores["score"] = [0.5 + (i % 5) / 10 for i in range(len(scores))]
    insert_scores(any_store, scores)  # sets the current labels: an UPDATE of documents
    insert_batch(any_store, "u2", _posts(75), [])  # 60 already stored, 15 new
    _check(any_store, monkeypatch)
    assert trends.volume_over_time(any_store, Filters(), "month")["n"].sum() == 75
    with any_store.connect() as con:
        con.execute("DELETE FROM documents WHERE platform = 'tiktok'")
    _check(any_store, monkeypatch)
    assert "tiktok" not in trends.filter_options(any_store)["platforms"]


def test_the_rollup_serves_only_filters_it_answers(any_store: Store) -> None:
    served = [rollups.usable(any_store, f) for f in FILTERS]
    on_pg = any_store.dialect == "postgres"
    assert served == [on_pg, on_pg, on_pg, on_pg, on_pg, False, False, False, False]
    assert not rollups.usable(any_store, Filters(min_confidence=0.7), sentiment=True)
    assert rollups.usable(any_store, Filters(), sentiment=True) == on_pg
