"""PostgreSQL's ``entity_documents`` and ``document_uploads`` (pg_revisions.ENTITY_DOCUMENTS):
every Entitas read served from them equals the join of ``entity_hits`` and ``documents`` it
replaces, on both backends, after imports, tagging, rescoring, a changed query and deleted
documents; and the uploads' counts that decide what to tag again equal the documents'."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pandas as pd
import pytest

from analysis.insights import entities
from analysis.store import PgStore, Store, rollups, watchlist
from analysis.store.documents import insert_batch
from analysis.store.filters import Filters
from analysis.store.scores import insert_scores
from tests.store_fixtures import documents, sentiment_scores

FILTERS = [Filters(), Filters(start=date(2025, 7, 3), end=date(2025, 7, 9)),
           Filters(platforms=("news",), kinds=("comment",)),
           Filters(sentiments=("negative",), timezone="Asia/Jayapura"),
           Filters(min_confidence=0.7), Filters(sources=("kompas",)),
           Filters(timezone="Europe/Berlin", start=date(2025, 7, 2), end=date(2025, 7, 20)),
           Filters(timezone="Asia/Kolkata"), Filters(query="banjir -kabar")]
WORDS = ("polisi banjir", "kabar polisi", "tilang di jalan", "banjir lagi", "polda dan polisi")


def _posts(n: int, upload: str = "u1") -> pd.DataFrame:
    start = datetime(2025, 7, 1, 15, 30)
    return documents([{
        "id": f"p{i}", "text": f"{WORDS[i % 5]} {i}",
        "published_at": start + timedelta(hours=5 * i, minutes=i),
        "platform": ("twitter", "twitter", "news", "news", "tiktok", "twitter")[i % 6],
        "kind": "comment" if i % 4 == 0 else "post",
        "source": ("kompas", "detik", None, "")[i % 4], "author": f"akun{i % 7}",
        "likes": None if i % 5 == 0 else i % 11, "shares": i % 3,
        "replies": None if i % 2 else 1} for i in range(n)])


def _reads(store: Store) -> list[pd.DataFrame]:
    out = []
    for f in FILTERS:
        out.append(entities.entity_summary(store, f, refresh=False))
        out.extend(entities.entity_trends(store, f, bucket, refresh=False)
                   for bucket in ("hour", "week"))
        out.append(entities.top_accounts(store, f, "Polisi", by="engagement", limit=4,
                                         refresh=False))
        out.append(entities.top_accounts(store, f, "Tilang", limit=4, refresh=False))
        out.append(entities.entity_posts(store, f, "Polisi", limit=7, refresh=False))
        out.append(entities.entity_posts(
            store, f, "Tilang", limit=50, refresh=False,
            window=(datetime(2025, 7, 3), datetime(2025, 7, 8))))
    return out


def _check(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    store.keep_warm()
    with store.session():
        served = _reads(store)
        with monkeypatch.context() as patch:
            patch.setattr(watchlist, "mirrored", lambda *args: False)
            patch.setattr(rollups, "usable", lambda *args, **kwargs: False)
            for got, want in zip(served, _reads(store), strict=True):
                pd.testing.assert_frame_equal(got, want)
    with store.connect() as con:
        counts = dict(con.execute(watchlist._UPLOAD_COUNTS[store.dialect]).fetchall())
        assert counts == dict(con.execute(
            "SELECT upload_id, count(*) FROM documents GROUP BY 1").fetchall())
    if store.dialect == "postgres":
        mirror = store.query("SELECT * FROM entity_documents ORDER BY entity, doc_id")
        joined = store.query(
            "SELECT h.entity, d.id AS doc_id, d.published_at, d.platform, d.kind, d.source, "
            "d.author, d.likes, d.shares, d.replies, d.sentiment_label, d.sentiment_conf "
            "FROM entity_hits h JOIN documents d ON d.id = h.doc_id ORDER BY 1, 2")
        pd.testing.assert_frame_equal(mirror, joined)
        assert len(mirror) > 0


def test_entity_reads_served_from_the_mirror_equal_the_join(
        any_store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    insert_batch(any_store, "u1", _posts(50), [])
    entities.add_entity(any_store, "Polisi", "polisi OR polda")
    entities.add_entity(any_store, "Tilang", "tilang* OR banjir")
    entities.refresh_hits(any_store)
    _check(any_store, monkeypatch)
    labels = {f"p{i}": ("positive", "neutral", "negative")[i % 3] for i in range(0, 50, 2)}
    scores = sentiment_scores(labels)
    scores["score"] = [0.5 + (i % 5) / 10 for i in range(len(scores))]
    insert_scores(any_store, scores)  # the current labels: an UPDATE of documents
    _check(any_store, monkeypatch)
    insert_batch(any_store, "u2", _posts(70), [])  # 50 already stored, 20 new
    assert any_store.scalar("SELECT count(*) FROM documents") == 70
    entities.refresh_hits(any_store)
    _check(any_store, monkeypatch)
    entities.remove_entity(any_store, "Tilang")  # the same name, another query: tagged again
    entities.add_entity(any_store, "Tilang", "tilang* OR kabar")
    entities.refresh_hits(any_store)
    _check(any_store, monkeypatch)
    with any_store.connect() as con:
        con.execute("DELETE FROM documents WHERE platform = 'tiktok'")
    _check(any_store, monkeypatch)  # hits of deleted texts, before tagging again
    insert_batch(any_store, "u3", _posts(70), [])  # the deleted texts again: their old hits
    assert any_store.scalar("SELECT count(*) FROM documents") == 70
    _check(any_store, monkeypatch)
    entities.refresh_hits(any_store)
    _check(any_store, monkeypatch)


def test_the_mirror_serves_every_filter_but_keywords(any_store: Store) -> None:
    on_pg = any_store.dialect == "postgres"
    assert [watchlist.mirrored(any_store, f) for f in FILTERS] == [on_pg] * 8 + [False]


@pytest.mark.parametrize("first", ["tag", "rescore"])
def test_a_text_rescored_while_it_is_tagged_keeps_its_new_sentiment(
        pg_store: PgStore, first: str) -> None:
    """Tagging (hits inserted) and scoring (documents updated) run in separate transactions,
    at once: whichever commits first, the mirror ends with the sentiment the join gives."""
    import threading

    import psycopg

    insert_batch(pg_store, "u1", _posts(3), [])
    insert_scores(pg_store, sentiment_scores({"p0": "positive"}))
    url = pg_store.url
    tag = "INSERT INTO entity_hits VALUES ('Polisi', 'u1', 'p0')"
    rescore = "UPDATE documents SET sentiment_label = 'negative' WHERE id = 'p0'"
    with psycopg.connect(url) as one, psycopg.connect(url, autocommit=True) as other:
        one.execute(tag if first == "tag" else rescore)  # open: not committed yet
        second = threading.Thread(target=other.execute,
                                  args=(rescore if first == "tag" else tag,))
        second.start()
        second.join(0.5)
        one.commit()
        second.join(10)
        assert not second.is_alive()
    assert pg_store.query("SELECT entity, sentiment_label FROM entity_documents"
                          ).values.tolist() == [["Polisi", "negative"]]


def test_a_text_rescored_while_its_upload_is_tagged_again(pg_store: PgStore) -> None:
    """Tagging an upload again drops its hits, then adds them, in one transaction; a rescoring
    of one of its texts in between waits for it, neither deadlocks nor leaves the old label."""
    import threading

    import psycopg

    insert_batch(pg_store, "u1", _posts(3), [])
    insert_scores(pg_store, sentiment_scores({"p0": "positive"}))
    with pg_store.connect() as con:
        con.execute("INSERT INTO entity_hits VALUES ('Polisi', 'u1', 'p0')")
    url = pg_store.url
    errors: list[Exception] = []

    def rescore() -> None:
        try:
            with psycopg.connect(url, autocommit=True) as other:
                other.execute("UPDATE documents SET sentiment_label = 'negative' "
                              "WHERE id = 'p0'")
        except psycopg.Error as error:
            errors.append(error)

    with psycopg.connect(url) as one:
        one.execute("DELETE FROM entity_hits WHERE upload_id = 'u1'")
        second = threading.Thread(target=rescore)
        second.start()
        second.join(0.5)
        one.execute("INSERT INTO entity_hits VALUES ('Polisi', 'u1', 'p0')")
        one.commit()
        second.join(10)
    assert not second.is_alive() and errors == []
    assert pg_store.query("SELECT entity, sentiment_label FROM entity_documents"
                          ).values.tolist() == [["Polisi", "negative"]]


def test_a_store_at_revision_2_gets_the_mirror_of_its_hits(
        pg_store: PgStore, monkeypatch: pytest.MonkeyPatch) -> None:
    """Revisions 3 and 4 applied to a store that already holds texts, scores and hits fill
    the mirror and the uploads' counts from them."""
    from analysis.store import pg_schema

    insert_batch(pg_store, "u1", _posts(50), [])
    insert_scores(pg_store, sentiment_scores({"p2": "negative", "p3": "positive"}))
    entities.add_entity(pg_store, "Polisi", "polisi OR polda")
    entities.add_entity(pg_store, "Tilang", "tilang* OR banjir")
    entities.refresh_hits(pg_store)
    with pg_store.connect() as con:
        con.execute("DROP TABLE entity_documents, document_uploads; "
                    "DROP FUNCTION documents_entities, entity_hits_documents, "
                    "documents_per_upload CASCADE; DROP INDEX entity_hits_doc, "
                    "documents_uncertain, documents_text_trgm; "
                    "UPDATE meta SET value = '2' WHERE key = 'pg_revision'")
    pg_schema.forget(pg_store.url)
    assert pg_store.scalar("SELECT value FROM meta WHERE key = 'pg_revision'") == "4"
    assert pg_store.scalar("SELECT count(*) FROM pg_indexes WHERE indexname IN "
                           "('documents_uncertain', 'documents_text_trgm')") == 2
    _check(pg_store, monkeypatch)
