"""The worker collecting real feeds from a local web server: every item stored once with its
article's main text, a failing source recorded without stopping the others, conditional
requests, duplicates, and a collection interrupted before it was recorded."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from analysis.collect.fetch import Fetcher
from analysis.monitor import kinds
from analysis.monitor.sources import add_source, list_sources
from analysis.monitor.worker import Worker
from analysis.settings import Settings
from analysis.store import Store
from analysis.store.documents import document_count
from analysis.store.sources import recent_runs
from tests.monitor.backends import BOTH, db_of
from tests.monitor.pages import FOOTER, MENU, RELATED, STORIES, article_page, rfc822, rss
from tests.web_server import Reply, Server


@pytest.fixture
def web() -> Iterator[Server]:
    server = Server()
    yield server
    server.close()


def fast_fetcher() -> Fetcher:
    return Fetcher(timeout_s=3, host_interval_s=0, retries=1, backoff_s=0.01)


def publish(web: Server, count: int, path: str = "/rss", etag: str | None = None) -> None:
    """The feed at ``path`` with the first ``count`` stories, each with its article page."""
    items = []
    for i, (title, paragraphs) in enumerate(STORIES[:count]):
        web.routes[f"/berita/{i}"] = Reply(200, article_page(title, paragraphs))
        items.append({"guid": f"warta-{i}", "link": web.url(f"/berita/{i}"), "title": title,
                      "description": paragraphs[0][:60], "pubDate": rfc822(count - i)})
    headers = {"ETag": etag} if etag else {}
    web.routes[path] = Reply(200, rss(items), headers, "application/rss+xml")


def worker(store: Store, settings: Settings) -> Worker:
    return Worker(settings.with_db(db_of(store)), store, score=False, fetcher=fast_fetcher())


def texts(store: Store) -> list[str]:
    return store.query("SELECT text FROM documents ORDER BY published_at")["text"].tolist()


@BOTH
def test_items_are_stored_once_with_their_article_and_a_failing_source_is_recorded(
        store: Store, settings: Settings, web: Server) -> None:
    publish(web, 3)
    web.routes["/rusak"] = Reply(500, b"Internal Server Error")
    add_source(store, "rss", web.url("/rss"), name="Warta")
    add_source(store, "rss", web.url("/rusak"), name="Rusak")
    first = worker(store, settings).run_once()
    assert {s["source"]: s["status"] for s in first["sources"]} == {"Warta": "ok",
                                                                   "Rusak": "failed"}
    assert document_count(store) == 3
    stored = texts(store)
    assert STORIES[0][1][1] in stored[0]  # the article's second paragraph, not the summary
    assert not any(word in text for text in stored for word in (*MENU, *RELATED, FOOTER))
    failing = list_sources(store).set_index("name").loc["Rusak"]
    assert failing["state"] == "failing" and "500" in failing["last_error"]

    publish(web, 5)
    second = worker(store, settings).run_once()
    assert {s["source"]: s["new_items"] for s in second["sources"]}["Warta"] == 2
    assert document_count(store) == 5
    assert web.hits("/berita/0") == 1  # an item seen before is not fetched again
    row = store.query("SELECT platform, source, url, published_approx FROM documents "
                      "WHERE url LIKE '%/berita/4'").iloc[0]
    assert (row["platform"], row["source"], bool(row["published_approx"])) == (
        "news", "Warta Jambi - Terkini", False)


@BOTH
def test_an_unchanged_feed_is_not_read_again(store: Store, settings: Settings,
                                             web: Server) -> None:
    publish(web, 2, etag='"v1"')
    feed = web.routes["/rss"]

    def conditional(request):  # type: ignore[no-untyped-def]
        if request.headers.get("If-None-Match") == '"v1"':
            return Reply(304, b"")
        return feed

    web.routes["/rss"] = conditional
    add_source(store, "rss", web.url("/rss"), name="Warta")
    worker(store, settings).run_once()
    again = worker(store, settings).run_once()
    assert again["sources"][0]["status"] == "not_modified"
    assert recent_runs(store)["status"].tolist() == ["not_modified", "ok"]
    assert document_count(store) == 2


@BOTH
def test_duplicate_guids_and_a_repeated_text_are_stored_once(
        store: Store, settings: Settings, web: Server) -> None:
    title, paragraphs = STORIES[0]
    web.routes["/a"] = Reply(200, article_page(title, paragraphs))
    web.routes["/b"] = Reply(200, article_page(title, paragraphs))  # the same story, elsewhere
    items = [{"guid": "x", "link": web.url("/a"), "title": title, "pubDate": rfc822(1)},
             {"guid": "x", "link": web.url("/a"), "title": title, "pubDate": rfc822(1)},
             {"guid": "y", "link": web.url("/b"), "title": title, "pubDate": rfc822(1)}]
    web.routes["/rss"] = Reply(200, rss(items), content_type="application/rss+xml")
    add_source(store, "rss", web.url("/rss"), name="Warta")
    worker(store, settings).run_once()
    worker(store, settings).run_once()
    assert document_count(store) == 1


@BOTH
def test_items_without_dates_are_dated_by_their_collection(
        store: Store, settings: Settings, web: Server) -> None:
    count = 30  # more than one batch: the collection still says it once
    items = []
    for i in range(count):
        title, paragraphs = STORIES[i % len(STORIES)]
        web.routes[f"/berita/{i}"] = Reply(200, article_page(f"{title} {i}",
                                                             [f"{p} ({i})" for p in paragraphs]))
        items.append({"guid": f"g{i}", "link": web.url(f"/berita/{i}"), "title": f"{title} {i}"})
    web.routes["/rss"] = Reply(200, rss(items), content_type="application/rss+xml")
    add_source(store, "rss", web.url("/rss"), name="Warta")
    summary = worker(store, settings).run_once()["sources"][0]
    assert summary["stored"] == count
    assert [note for note in summary["notes"] if "collected them" in note] == [
        f"{count} items had no date: dated by when Pantau collected them (marked approximate)"]
    assert store.query("SELECT bool_and(published_approx) AS a FROM documents")["a"][0]


@BOTH
def test_a_collection_killed_before_it_was_recorded_stores_nothing_twice(
        store: Store, settings: Settings, web: Server, monkeypatch: pytest.MonkeyPatch) -> None:
    publish(web, 3)
    add_source(store, "rss", web.url("/rss"), name="Warta")

    def killed(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt  # the process dies after the texts were stored

    monkeypatch.setattr(kinds, "record_run", killed)
    with pytest.raises(KeyboardInterrupt):
        worker(store, settings).run_once()
    assert document_count(store) == 3
    monkeypatch.undo()
    restarted = worker(store, settings).run_once()["sources"][0]
    assert restarted["status"] == "ok"
    assert document_count(store) == 3
    third = worker(store, settings).run_once()["sources"][0]
    assert third["new_items"] == 0


def test_a_source_that_never_answers_does_not_stop_the_others(
        store: Store, settings: Settings, web: Server) -> None:
    import time

    def silent(request):  # type: ignore[no-untyped-def]
        time.sleep(5)
        return Reply(200, b"")

    web.routes["/diam"] = silent
    publish(web, 1)
    add_source(store, "rss", web.url("/diam"), name="A-diam")
    add_source(store, "rss", web.url("/rss"), name="B-warta")
    quick = Worker(settings.with_db(store.path), store, score=False,
                   fetcher=Fetcher(timeout_s=0.5, host_interval_s=0, retries=0, backoff_s=0.01))
    summary = {s["source"]: s for s in quick.run_once()["sources"]}
    assert summary["A-diam"]["status"] == "failed"
    assert summary["B-warta"]["stored"] == 1


def test_the_schedule_follows_the_sources_table(store: Store, settings: Settings) -> None:
    from apscheduler.schedulers.background import BackgroundScheduler

    from analysis.monitor.sources import pause_source

    scheduler = BackgroundScheduler()
    add_source(store, "rss", "https://a.example/rss", name="A", every_minutes=10)
    add_source(store, "rss", "https://b.example/rss", name="B", every_minutes=30)
    runner = worker(store, settings)
    runner.sync_jobs(scheduler)
    jobs = {job.id: job.trigger.interval.total_seconds() for job in scheduler.get_jobs()}
    assert jobs == {"A": 600, "B": 1800}
    pause_source(store, "B")
    add_source(store, "folder", str(store.path.parent), name="C", every_minutes=5)
    runner.sync_jobs(scheduler)
    assert sorted(job.id for job in scheduler.get_jobs()) == ["A", "C"]
