"""Monitoring as a new user tries it, from the command line with the real model: a local news
site whose feed links to article pages, a site that answers HTTP 500, a webhook receiver behind
``pantau alert add json://…``; ``pantau worker --once`` twice, the feed growing in between;
with ``--db`` a DuckDB file, then a PostgreSQL server's URL."""

from __future__ import annotations

import json
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from threading import Thread
from typing import Any

import pytest
from click.testing import CliRunner

from analysis.cli.app import main
from analysis.signals.claim_files import DEFAULT_BANK, read_turnbackhoax
from analysis.store import Store
from tests.monitor.backends import BOTH, db_of
from tests.monitor.pages import FOOTER, MENU, RELATED, STORIES, article_page, rfc822, rss
from tests.web_server import Reply, Server

pytestmark = pytest.mark.slow


class Receiver:
    """A webhook on 127.0.0.1 that keeps every JSON body posted to it."""

    def __init__(self) -> None:
        self.bodies: list[dict[str, Any]] = []
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                pass

            def do_POST(self) -> None:
                data = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                receiver.bodies.append(json.loads(data))
                self.send_response(200)
                self.send_header("Content-Length", "0")
                self.end_headers()

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.httpd.server_address[1]
        Thread(target=self.httpd.serve_forever, daemon=True).start()


@pytest.fixture
def web() -> Iterator[Server]:
    server = Server()
    yield server
    server.close()


def claim() -> tuple[str, str]:
    """A debunked claim of the bundled bank with a narrative long enough for an article."""
    bank = read_turnbackhoax(DEFAULT_BANK)
    row = bank[bank["content"].str.len().between(300, 900)].iloc[0]
    return str(row["title"]), str(row["content"])


def publish(web: Server, stories: list[tuple[str, list[str]]]) -> None:
    items = []
    for i, (title, paragraphs) in enumerate(stories):
        web.routes[f"/berita/{i}"] = Reply(200, article_page(title, paragraphs))
        items.append({"guid": f"w-{i}", "link": web.url(f"/berita/{i}"), "title": title,
                      "pubDate": rfc822(len(stories) - i)})
    web.routes["/rss"] = Reply(200, rss(items), content_type="application/rss+xml")


def pantau(db: str, *args: str) -> dict[str, Any]:
    result = CliRunner().invoke(main, [*args, "--db", db, "--json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


@BOTH
def test_collected_scored_and_alerted_once(store: Store, web: Server) -> None:
    db = db_of(store)  # the file, or the PostgreSQL server's URL
    title, narrative = claim()
    stories = list(STORIES[:2])
    publish(web, stories)
    web.routes["/rusak"] = Reply(500, b"Internal Server Error")
    receiver = Receiver()
    pantau(db, "source", "add", "rss", web.url("/rss"), "--name", "Warta")
    pantau(db, "source", "add", "rss", web.url("/rusak"), "--name", "Rusak")
    pantau(db, "alert", "add", f"json://127.0.0.1:{receiver.port}/hook")

    pantau(db, "worker", "--once")
    stories.append((f"Viral! {title}", [narrative]))  # a news item repeating the debunk
    stories.append(STORIES[2])
    publish(web, stories)
    pantau(db, "worker", "--once")
    pantau(db, "worker", "--once")

    docs = store.query("SELECT text, sentiment_label, hoax_claim_match FROM documents")
    assert len(docs) == 4  # every item once
    assert docs["sentiment_label"].notna().all()  # scored
    assert not any(w in text for text in docs["text"] for w in (*MENU, *RELATED, FOOTER))
    assert any(STORIES[0][1][1] in text for text in docs["text"])  # the article's body
    sources = {s["name"]: s for s in pantau(db, "source", "list")["sources"]}
    assert sources["Rusak"]["state"] == "failing" and "500" in sources["Rusak"]["last_error"]
    assert sources["Warta"]["state"] == "ok"
    assert (docs["hoax_claim_match"] == "cocok").sum() == 1
    assert len(receiver.bodies) == 1  # one alert for the event, not one per poll
    alert = receiver.bodies[0]
    assert title[:40] in alert["title"] + alert["message"]
