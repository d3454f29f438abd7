"""``kill -9`` of a real worker process in the middle of a collection: a restart stores every
item once, and nothing twice: on a DuckDB file and on PostgreSQL."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator

import pytest

from analysis.store import Store
from tests.monitor.backends import BOTH, db_of
from tests.monitor.pages import STORIES, article_page, rfc822, rss
from tests.web_server import Reply, Server

ITEMS = 40


@pytest.fixture
def web() -> Iterator[Server]:
    server = Server()
    yield server
    server.close()


def slow_site(web: Server) -> None:
    items = []
    for i in range(ITEMS):
        title, paragraphs = STORIES[i % len(STORIES)]
        page = article_page(f"{title} {i}", [f"{p} Nomor {i}." for p in paragraphs])

        def slow(request, page=page):  # type: ignore[no-untyped-def]
            time.sleep(0.15)
            return Reply(200, page)

        web.routes[f"/berita/{i}"] = slow
        items.append({"guid": f"k-{i}", "link": web.url(f"/berita/{i}"),
                      "title": f"{title} {i}", "pubDate": rfc822(1)})
    web.routes["/rss"] = Reply(200, rss(items), content_type="application/rss+xml")


def worker(db: str) -> subprocess.Popen[bytes]:
    env = {**os.environ, "PANTAU_DB": db, "PANTAU_FETCH_INTERVAL": "0"}
    return subprocess.Popen([sys.executable, "-m", "analysis.cli.app", "worker", "--once",
                             "--no-score", "--json"], env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL)


@BOTH
def test_a_worker_killed_mid_collection_loses_nothing_and_stores_nothing_twice(
        store: Store, web: Server) -> None:
    from analysis.monitor.sources import add_source

    db = db_of(store)  # the worker process opens the file, or the PostgreSQL database
    slow_site(web)
    add_source(store, "rss", web.url("/rss"), name="Warta")
    first = worker(db)
    deadline = time.monotonic() + 60
    while web.hits("/berita/30") == 0 and time.monotonic() < deadline:  # past the first batch
        time.sleep(0.05)
    first.send_signal(signal.SIGKILL)
    first.wait(timeout=10)
    assert first.returncode == -signal.SIGKILL

    stored = store.query("SELECT count(*) AS n FROM documents")["n"][0]
    assert 0 < stored < ITEMS  # killed in the middle, the first batch kept

    second = worker(db)
    out, _ = second.communicate(timeout=120)
    assert second.returncode == 0
    assert json.loads(out)["sources"][0]["status"] == "ok"
    frame = store.query("SELECT id, url FROM documents")
    assert len(frame) == ITEMS and frame["id"].is_unique and frame["url"].is_unique

    third = worker(db)
    out, _ = third.communicate(timeout=120)
    assert json.loads(out)["sources"][0]["new_items"] == 0
    assert store.query("SELECT count(*) AS n FROM documents")["n"][0] == ITEMS
