"""Watched entities: the query language, its SQL, share of voice and accounts (no model)."""

from __future__ import annotations

from datetime import datetime

import pandas as pd
import pytest

from analysis.insights.entities import (
    DEFAULT_WATCHLIST,
    EntityError,
    add_entity,
    entity_posts,
    entity_summary,
    entity_trends,
    list_entities,
    remove_entity,
    seed_defaults,
    text_matches,
    top_accounts,
)
from analysis.store import Store
from analysis.store.documents import insert_documents
from analysis.store.scores import insert_scores
from analysis.store.trends import Filters
from analysis.text.boolquery import QueryError
from tests.store_fixtures import documents, sentiment_scores

# id, text, day of May 2025, author, likes, sentiment
TEXTS: list[tuple[str, str, int, str, int, str | None]] = [
    ("a", "Terima kasih POLDA Metro Jaya, sigap sekali", 1, "warga1", 5, "positive"),
    ("b", "Kapolda baru dilantik hari ini", 1, "berita", 50, "neutral"),
    ("c", "Ditilang di jalan tol, polda kok diam? #Polri", 1, "warga2", 0, "negative"),
    ("d", "Poldanya lambat respon laporan", 2, "warga1", 1, "negative"),
    ("e", "#polri presisi mantap", 2, "akun_polri", 200, "positive"),
    ("f", "Razia tilang motor di Polda-Metro pagi tadi", 2, "warga3", 2, "neutral"),
    ("g", "Info tilangnya ETLE dikirim lewat WA", 3, "warga2", 0, "negative"),
    ("h", "Polres Jakarta Selatan buka layanan SIM", 3, "berita", 30, "positive"),
    ("i", "Cuaca cerah di Jakarta", 3, "warga4", 0, "neutral"),
    ("j", "drop table documents; -- polda", 3, "iseng", 0, None),
    ("k", "Humas Polda rilis klarifikasi hoaks", 3, "berita", 10, "neutral"),
]


@pytest.fixture
def filled(any_store: Store) -> Store:
    store = any_store
    rows = [{"id": i, "text": text, "published_at": datetime(2025, 5, day, 3, 0),
             "author": author, "likes": likes, "shares": 0, "replies": 1}
            for i, text, day, author, likes, _ in TEXTS]
    insert_documents(store, "u1", documents(rows))
    insert_scores(store, sentiment_scores({i: s for i, *_, s in TEXTS if s}))
    return store


def _ids(store: Store, query: str) -> set[str]:
    add_entity(store, "uji", query)
    try:
        return set(entity_posts(store, Filters(), "uji", limit=100)["id"])
    finally:
        remove_entity(store, "uji")


@pytest.mark.parametrize(("query", "expected"), [
    ("polda", {"a", "c", "f", "j", "k"}),  # not Kapolda, not Poldanya; Polda-Metro is
    ("Polda OR kapolda", {"a", "b", "c", "f", "j", "k"}),
    ("polda*", {"a", "c", "d", "f", "j", "k"}),
    ('"polda metro"', {"a", "f"}),  # space or hyphen between the words
    ("#polri", {"c", "e"}),  # a hashtag in the text holds the word
    ("tilang", {"f"}),
    ("tilang* OR ditilang", {"c", "f", "g"}),
    ("polda -tilang", {"a", "c", "j", "k"}),  # "Ditilang" is another word
    ("polda AND NOT (hoaks OR documents)", {"a", "c", "f"}),
    ("polda DAN BUKAN hoaks ATAU polres", {"a", "c", "f", "j", "h"}),
    ("(polda OR polres) jakarta", {"h"}),
    ("polri OR polda -tilang", {"a", "c", "e", "j", "k"}),  # NOT, then AND, then OR
])
def test_queries_match_exactly_these_texts(filled: Store, query: str, expected: set[str]) -> None:
    assert _ids(filled, query) == expected
    by_python = {i for i, text, *_ in TEXTS if text_matches(query, text)}
    assert by_python == expected, "the SQL and the Python reading agree"


@pytest.mark.parametrize("query", [
    "\"'; DROP TABLE documents; --\"",
    "documents') OR 1=1 --",
    "polda.* OR ?",
    "$w0_0 OR $entity0",
    "\\w+ OR [a-z]+ OR (?i)",
])
def test_injection_attempts_are_inert(filled: Store, query: str) -> None:
    try:
        found = _ids(filled, query)
    except QueryError:
        found = set()
    assert found <= {"j"}, "only a text that really holds the words can match"
    assert filled.scalar("SELECT count(*) FROM documents") == len(TEXTS)
    add_entity(filled, "polda", "polda")
    assert list_entities(filled)["name"].tolist() == ["polda"]


def test_watchlist_add_list_remove(filled: Store) -> None:
    assert list_entities(filled).empty
    assert add_entity(filled, "  Polda   Metro ", '"polda metro"', "Ani") == "Polda Metro"
    with pytest.raises(EntityError) as taken:
        add_entity(filled, "polda metro", "polda")
    assert taken.value.code == "name_taken"
    with pytest.raises(EntityError):
        add_entity(filled, " ", "polda")
    with pytest.raises(QueryError):
        add_entity(filled, "Rusak", "(polda")
    listed = list_entities(filled)
    assert listed[["name", "query", "created_by"]].values.tolist() == [
        ["Polda Metro", '"polda metro"', "Ani"]]
    assert listed["created_at"].notna().all()
    assert remove_entity(filled, "Polda Metro") and not remove_entity(filled, "Polda Metro")
    assert list_entities(filled).empty


def test_defaults_are_added_only_to_an_empty_watchlist(filled: Store) -> None:
    assert seed_defaults(filled, "Pantau") == len(DEFAULT_WATCHLIST)
    assert seed_defaults(filled) == 0
    assert sorted(list_entities(filled)["name"]) == sorted(n for n, _ in DEFAULT_WATCHLIST)
    summary = entity_summary(filled, Filters()).set_index("entity")
    assert summary.loc["Polda", "n"] == 5 and summary.loc["Kapolda", "n"] == 1
    assert summary.loc["Tilang", "n"] == 3 and summary.loc["Polri", "n"] == 2


def test_share_of_voice_and_sentiment_per_bucket(filled: Store) -> None:
    add_entity(filled, "Polda", "polda")
    add_entity(filled, "Tilang", "tilang* OR ditilang")
    trends = entity_trends(filled, Filters(), "day").set_index(["bucket", "entity"])
    may1, may3 = pd.Timestamp(2025, 5, 1), pd.Timestamp(2025, 5, 3)
    assert trends.loc[(may1, "Polda"), "n"] == 2  # a, c
    assert trends.loc[(may1, "Tilang"), "n"] == 1  # c
    assert trends.loc[(may1, "Polda"), "share_of_voice"] == pytest.approx(2 / 3)
    assert trends.loc[(may1, "Polda"), "share_of_texts"] == pytest.approx(2 / 3)  # a, b, c
    assert trends.groupby("bucket")["share_of_voice"].sum().tolist() == pytest.approx([1, 1, 1])
    # 3 May: j (unscored) and k (neutral) mention polda
    columns = ["n", "scored", "neutral_share", "net_sentiment"]
    assert [trends.loc[(may3, "Polda"), k] for k in columns] == [2, 1, 1.0, 0.0]
    assert trends.loc[(may1, "Polda"), "net_sentiment"] == pytest.approx(0.0)  # +1 -1


def test_summary_lists_every_entity_with_its_shares(filled: Store) -> None:
    add_entity(filled, "Polda", "polda")
    add_entity(filled, "Polri", "polri")
    add_entity(filled, "Sepi", "kapal")
    summary = entity_summary(filled, Filters()).set_index("entity")
    assert summary["n"].to_dict() == {"Polda": 5, "Polri": 2, "Sepi": 0}
    assert summary.loc["Polda", "share_of_voice"] == pytest.approx(5 / 7)
    assert summary.loc["Polda", "share_of_texts"] == pytest.approx(5 / 11)
    assert summary.loc["Polri", "net_sentiment"] == pytest.approx(0.0)  # c -, e +
    assert summary.loc["Polri", "engagement"] == 0 + 1 + 200 + 1
    assert (summary.loc["Sepi", "share_of_voice"], summary.loc["Sepi", "net_sentiment"]) == (0, 0)
    narrowed = entity_summary(filled, Filters(start=pd.Timestamp(2025, 5, 2).date()),
                              names=["Polda"])
    assert narrowed[["entity", "n"]].values.tolist() == [["Polda", 3]]
    with pytest.raises(EntityError, match="Not on the watchlist"):
        entity_summary(filled, Filters(), names=["Tidak ada"])


def test_accounts_ranked_by_posts_or_by_engagement(filled: Store) -> None:
    add_entity(filled, "Polisi", "polda* OR polri OR kapolda OR polres")
    by_posts = top_accounts(filled, Filters(), "Polisi", by="posts")
    assert by_posts[["author", "posts"]].iloc[0].tolist() == ["berita", 3]
    by_engagement = top_accounts(filled, Filters(), "Polisi", by="engagement", limit=2)
    assert by_engagement[["author", "engagement"]].values.tolist() == [
        ["akun_polri", 201], ["berita", 93]]
    assert by_posts.set_index("author").loc["warga1", "negative"] == 1
    with pytest.raises(ValueError):
        top_accounts(filled, Filters(), "Polisi", by="likes")


def test_an_empty_watchlist_gives_empty_tables(filled: Store) -> None:
    assert entity_trends(filled, Filters(), "day").empty
    assert entity_summary(filled, Filters()).empty


def _count(store: Store, name: str) -> int:
    summary = entity_summary(store, Filters()).set_index("entity")
    return int(summary.loc[name, "n"])


def test_tagged_texts_follow_imports_resumed_imports_and_changed_queries(filled: Store) -> None:
    add_entity(filled, "Polda", "polda")
    assert _count(filled, "Polda") == 5
    new = [{"id": "n1", "text": "Polda buka posko mudik", "published_at": datetime(2025, 5, 4)}]
    insert_documents(filled, "u2", documents(new))  # another import
    assert _count(filled, "Polda") == 6
    more = [{"id": "n2", "text": "polda lagi", "published_at": datetime(2025, 5, 4)}]
    insert_documents(filled, "u1", documents(more))  # rows added to an upload already tagged
    assert _count(filled, "Polda") == 7
    remove_entity(filled, "Polda")
    add_entity(filled, "Polda", "kapolda")  # same name, another query: tagged afresh
    assert _count(filled, "Polda") == 1
    with filled.connect() as con:
        con.execute("DELETE FROM documents WHERE upload_id = 'u2'")
    assert _count(filled, "Polda") == 1
    assert filled.scalar("SELECT count(*) FROM entity_hits WHERE upload_id = 'u2'") == 0


def test_posts_of_one_entity_in_one_chart_bucket(filled: Store) -> None:
    add_entity(filled, "Polda", "polda")
    # local (WIB) 2 May 2025: the texts were posted at 03:00 UTC = 10:00 WIB
    window = (datetime(2025, 5, 2), datetime(2025, 5, 3))
    assert set(entity_posts(filled, Filters(), "Polda", window=window)["id"]) == {"f"}
    late = (datetime(2025, 5, 2, 10, 30), datetime(2025, 5, 3))
    assert entity_posts(filled, Filters(), "Polda", window=late).empty
