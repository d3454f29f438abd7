"""Aggregations behind the dashboard, on a hand-built store (no model)."""

from __future__ import annotations

import json
from datetime import date, datetime

import pandas as pd
import pytest

from analysis.store import Store
from analysis.store.claims import CLAIM_COLUMNS, upsert_claims
from analysis.store.documents import insert_documents
from analysis.store.scores import insert_scores
from analysis.store.trends import (
    TREND_DAYS,
    Filters,
    active_clusters,
    bucket_for,
    bucket_window,
    filter_options,
    kpis,
    sentiment_over_time,
    spreading_claims,
    texts,
    top_hoaxes,
    volume_over_time,
)
from tests.store_fixtures import documents, small_store


@pytest.fixture
def filled(any_store: Store) -> Store:
    """The small store, on DuckDB and on PostgreSQL: every test of it runs on both."""
    return small_store(any_store)


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


def _hoax_with_claims(doc_id: str, claims: list[dict[str, object]]) -> dict[str, object]:
    return {"doc_id": doc_id, "task": "hoax", "model_id": "test", "model_version": "v1",
            "label": "hoax", "score": 0.8, "p_negative": None, "p_neutral": None,
            "p_positive": None, "evidence": json.dumps({"claims": claims})}


def _bank(store: Store, claim_id: str, title: str, url: str) -> None:
    """One debunk in the bank."""
    upsert_claims(store, pd.DataFrame([{
        "id": claim_id, "status": "Salah", "title": title, "content": "", "fact": "Hoaks",
        "url": url, "published": "2025-06-01", "conclusion": "Salah",
        "source": "TurnBackHoax"}])[CLAIM_COLUMNS])


def test_a_text_repeats_its_best_debunk_rated_cocok_or_mirip(any_store: Store) -> None:
    """``documents.hoax_claim``: the first bank match (best first) with a verdict whose entry is
    not a confirmed fact; a match below "mirip" or with a fact is no repeated claim."""
    store = any_store
    at = datetime(2025, 7, 8, 3, 0)
    insert_documents(store, "u1", documents(
        [{"id": name, "text": f"teks {name}", "published_at": at} for name in "abcde"]))
    debunk = {"id": "h1", "verdict": "mirip", "status": "Salah"}
    insert_scores(store, pd.DataFrame([
        _hoax_with_claims("a", [{"id": "f1", "verdict": "cocok", "status": "Benar"}, debunk]),
        _hoax_with_claims("b", [{"id": "h2", "verdict": "", "status": "Salah"}, debunk]),
        _hoax_with_claims("c", [{"id": "h3", "verdict": "", "status": "Salah"}]),
        _hoax_with_claims("d", []),
        _hoax_with_claims("e", [{"id": "h4", "verdict": "cocok"}]),  # no status: a debunk
    ]))
    repeated = store.query("SELECT coalesce(hoax_claim, '-') AS c, "
                           "coalesce(hoax_claim_match, '-') AS m FROM documents ORDER BY id")
    assert repeated["c"].tolist() == ["h1", "h1", "-", "-", "h4"]
    assert repeated["m"].tolist() == ["mirip", "mirip", "-", "-", "cocok"]


def test_claims_spreading_count_texts_accounts_and_the_last_24_hours(any_store: Store) -> None:
    """"Now" is the newest text within the filters (any text, not only matched ones)."""
    store = any_store
    posts = [  # id, author, UTC time, claim
        ("a", "akun1", datetime(2025, 6, 20, 3, 0), "h1"),
        ("b", "akun2", datetime(2025, 7, 9, 1, 0), "h1"),   # 24-48 h before now
        ("c", "akun2", datetime(2025, 7, 10, 2, 0), "h1"),  # within 24 h
        ("d", "akun3", datetime(2025, 7, 10, 2, 30), "h2"),
        ("e", "akun4", datetime(2025, 7, 10, 3, 0), "h2"),
        ("f", "akun5", datetime(2025, 7, 10, 4, 0), None),  # the newest text: now
        ("g", "akun6", datetime(2025, 6, 1, 4, 0), "h3"),  # before the 14 days of the trend
    ]
    insert_documents(store, "u1", documents([
        {"id": i, "author": a, "text": f"teks {i}", "published_at": when,
         "platform": "instagram" if i == "e" else "twitter"} for i, a, when, _ in posts]))
    insert_scores(store, pd.DataFrame([
        _hoax_with_claims(i, [{"id": claim, "verdict": "cocok", "status": "Salah"}] if claim
                          else []) for i, _, _, claim in posts]))
    with store.connect() as con:  # one of h1's texts is only "mirip"
        con.execute("UPDATE documents SET hoax_claim_match = 'mirip' WHERE id = 'a'")
    _bank(store, "h1", "Jembatan ditutup", "https://turnbackhoax.id/h1")
    spread = spreading_claims(store, Filters())
    # two in the last 24 h, against one; then the most repeated
    assert spread["claim_id"].tolist() == ["h2", "h1", "h3"]
    assert spread.iloc[2]["daily"] == [0] * TREND_DAYS
    h2, h1 = spread.iloc[0], spread.iloc[1]
    assert (h2["posts"], h2["accounts"], h2["last_24h"], h2["previous_24h"]) == (2, 2, 2, 0)
    assert (h1["posts"], h1["accounts"], h1["last_24h"], h1["previous_24h"]) == (3, 2, 1, 1)
    assert (h2["confirmed"], h1["confirmed"]) == (2, 2)
    assert h2["platforms"] == ["instagram", "twitter"]  # as many texts each: a-z
    assert h1["platforms"] == ["twitter"]
    assert spread.iloc[0]["now"] == pd.Timestamp("2025-07-10 11:00")  # WIB
    assert h1["title"] == "Jembatan ditutup" and h1["url"] == "https://turnbackhoax.id/h1"
    assert h2["title"] == "h2" and h2["url"] is None  # not in the bank (any more): its id
    # daily counts over the 14 WIB days up to now, oldest first: 20 June is outside them
    assert len(h1["daily"]) == TREND_DAYS
    assert h1["daily"][-3:] == [0, 1, 1] and sum(h1["daily"]) == 2
    assert texts(store, Filters(), claim="h1")["id"].tolist() == ["c", "b", "a"]
    narrowed = spreading_claims(store, Filters(platforms=("instagram",)))
    assert narrowed["claim_id"].tolist() == ["h2"]
    assert narrowed.iloc[0]["posts"] == 1
    assert spreading_claims(store, Filters(query="tidakada")).empty
    with store.connect() as con:  # h3's one text only "mirip": not confirmed
        con.execute("UPDATE documents SET hoax_claim_match = 'mirip' WHERE id = 'g'")
    assert spreading_claims(store, Filters(), confirmed_only=True)["claim_id"].tolist() == [
        "h2", "h1"]
    assert spreading_claims(store, Filters())["claim_id"].tolist() == ["h2", "h1", "h3"]


def test_a_store_from_before_schema_5_gets_its_repeated_claims_filled(store: Store) -> None:
    from analysis.store import schema

    insert_documents(store, "u1", documents(
        [{"id": "a", "text": "teks", "published_at": datetime(2025, 7, 8, 3, 0)}]))
    insert_scores(store, pd.DataFrame([_hoax_with_claims("a", [{"id": "h1", "verdict": "cocok"}])]))
    glued = "https://cekfakta.id/a.htmlhttps://kompas.com/b"
    _bank(store, "h1", "Jembatan ditutup", glued)
    with store.connect() as con:
        con.execute("ALTER TABLE documents DROP COLUMN hoax_claim")
        con.execute("ALTER TABLE documents DROP COLUMN hoax_claim_match")
        con.execute("UPDATE meta SET value = '4' WHERE key = 'schema_version'")
    schema.forget(str(store.path.resolve()))
    reopened = Store(store.path)
    assert reopened.scalar("SELECT hoax_claim FROM documents") == "h1"
    assert reopened.scalar("SELECT hoax_claim_match FROM documents") == "cocok"
    assert reopened.scalar("SELECT url FROM claims") == "https://cekfakta.id/a.html"
    assert reopened.scalar("SELECT value FROM meta WHERE key = 'schema_version'") == str(
        schema.SCHEMA_VERSION)


def test_texts_denying_a_claim_are_linked_and_counted_beside_its_repeats(any_store: Store) -> None:
    store = any_store
    insert_documents(store, "u1", documents([
        {"id": doc_id, "text": f"teks {doc_id}", "author": doc_id,
         "published_at": datetime(2025, 7, 8, hour, 0)}
        for hour, doc_id in enumerate(["rep", "deny", "topic"], start=1)]))
    insert_scores(store, pd.DataFrame([
        _hoax_with_claims("rep", [{"id": "h1", "verdict": "cocok", "relation": "repeats"}]),
        _hoax_with_claims("deny", [{"id": "h1", "verdict": "", "relation": "denies"}]),
        _hoax_with_claims("topic", [{"id": "h1", "verdict": "", "relation": "same_topic"}])]))
    _bank(store, "h1", "Jembatan ditutup", "https://cekfakta.id/a.html")
    linked = store.query("SELECT id, coalesce(hoax_claim, '-') AS repeats, "
                         "coalesce(hoax_denied, '-') AS denies FROM documents ORDER BY id")
    assert linked.values.tolist() == [["deny", "-", "h1"], ["rep", "h1", "-"],
                                      ["topic", "-", "-"]]
    spreading = spreading_claims(store, Filters())
    assert spreading[["claim_id", "posts", "denials"]].values.tolist() == [["h1", 1, 1]]
    assert texts(store, Filters(), denied="h1")["id"].tolist() == ["deny"]


def test_a_store_from_before_schema_6_gets_its_denied_claims_filled(store: Store) -> None:
    from analysis.store import schema

    insert_documents(store, "u1", documents(
        [{"id": "a", "text": "teks", "published_at": datetime(2025, 7, 8, 3, 0)}]))
    insert_scores(store, pd.DataFrame([_hoax_with_claims(
        "a", [{"id": "h1", "verdict": "", "relation": "denies"}])]))
    with store.connect() as con:
        con.execute("ALTER TABLE documents DROP COLUMN hoax_denied")
        con.execute("UPDATE meta SET value = '5' WHERE key = 'schema_version'")
    schema.forget(str(store.path.resolve()))
    reopened = Store(store.path)
    assert reopened.scalar("SELECT hoax_denied FROM documents") == "h1"
    assert reopened.scalar("SELECT value FROM meta WHERE key = 'schema_version'") == str(
        schema.SCHEMA_VERSION)
