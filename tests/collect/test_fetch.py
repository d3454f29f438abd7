"""The polite fetcher against a local server: limits, retries, redirects, robots, validators."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler

import pytest

from analysis.collect.fetch import USER_AGENT, Fetched, Fetcher, redact
from analysis.errors import FetchError, PantauError

from .conftest import Reply, Server


def test_a_page_comes_back_with_its_headers_and_pantau_named(
        server: Server, fetcher: Fetcher) -> None:
    server.routes["/a"] = Reply(body=b"<p>halo</p>", headers={"ETag": '"x"'})
    page = fetcher.get(server.url("/a"))
    assert (page.status, page.body, page.etag, page.not_modified) == (200, b"<p>halo</p>", '"x"',
                                                                       False)
    assert page.final_url == page.url == server.url("/a")
    assert "Pantau" in USER_AGENT and server.seen[0].headers["User-Agent"] == USER_AGENT


def test_a_404_is_not_tried_again(server: Server, fetcher: Fetcher) -> None:
    with pytest.raises(FetchError) as caught:
        fetcher.get(server.url("/gone"))
    assert caught.value.code == "http_404" and isinstance(caught.value, PantauError)
    assert server.url("/gone") in str(caught.value) and "404" in str(caught.value)
    assert server.hits("/gone") == 1


@pytest.mark.parametrize("status", [429, 500, 503])
def test_429_and_5xx_are_tried_again_then_fail_clearly(
        server: Server, fetcher: Fetcher, status: int) -> None:
    server.routes["/busy"] = Reply(status, b"busy", headers={"Retry-After": "0"})
    with pytest.raises(FetchError) as caught:
        fetcher.get(server.url("/busy"))
    assert caught.value.code == f"http_{status}"
    assert server.hits("/busy") == 3  # retries=2: three attempts
    assert "gave up after 3 attempts" in str(caught.value)


def test_a_429_that_clears_succeeds(server: Server, fetcher: Fetcher) -> None:
    answers = iter([Reply(429, b"", headers={"Retry-After": "0"}), Reply(body=b"ok")])
    server.routes["/flaky"] = lambda _handler: next(answers)
    assert fetcher.get(server.url("/flaky")).body == b"ok"
    assert server.hits("/flaky") == 2


def test_a_long_retry_after_fails_at_once(server: Server, fetcher: Fetcher) -> None:
    server.routes["/slowdown"] = Reply(429, b"", headers={"Retry-After": "3600"})
    with pytest.raises(FetchError, match="asks to wait 3600 s"):
        fetcher.get(server.url("/slowdown"))
    assert server.hits("/slowdown") == 1


def _huge(handler: BaseHTTPRequestHandler) -> None:
    """20 MB with no Content-Length, streamed until the client hangs up."""
    handler.send_response(200)
    handler.send_header("Content-Type", "text/html")
    handler.send_header("Connection", "close")
    handler.end_headers()
    try:
        for _ in range(20):
            handler.wfile.write(b"x" * 1024 * 1024)
    except OSError:
        pass


def test_a_20_mb_page_is_refused_without_reading_it_all(server: Server) -> None:
    fetcher = Fetcher(timeout_s=5.0, host_interval_s=0.0, retries=2, backoff_s=0.01,
                      respect_robots=False, max_bytes=1024 * 1024)
    server.routes["/declared"] = Reply(body=b"x" * 20 * 1024 * 1024)
    server.routes["/streamed"] = _huge
    for path in ("/declared", "/streamed"):
        started = time.monotonic()
        with pytest.raises(FetchError) as caught:
            fetcher.get(server.url(path))
        assert caught.value.code == "too_large" and "too large" in str(caught.value)
        assert time.monotonic() - started < 3
        assert server.hits(path) == 1


@pytest.fixture
def silent_port() -> Iterator[int]:
    """A port that accepts connections and never answers."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(8)
    yield listener.getsockname()[1]
    listener.close()


def test_a_server_that_never_answers_is_given_up_after_the_timeout(silent_port: int) -> None:
    fetcher = Fetcher(timeout_s=1.0, host_interval_s=0.0, retries=0, respect_robots=False)
    started = time.monotonic()
    with pytest.raises(FetchError) as caught:
        fetcher.get(f"http://127.0.0.1:{silent_port}/feed")
    assert caught.value.code == "timeout" and "within 1 s" in str(caught.value)
    assert 0.8 < time.monotonic() - started < 3


def _trickle(handler: BaseHTTPRequestHandler) -> None:
    handler.send_response(200)
    handler.send_header("Content-Length", "10000")
    handler.end_headers()
    try:
        for _ in range(40):
            handler.wfile.write(b"x")
            handler.wfile.flush()
            time.sleep(0.1)
    except OSError:
        pass


def test_a_trickling_server_is_given_up_after_the_total_deadline(server: Server) -> None:
    fetcher = Fetcher(timeout_s=1.0, host_interval_s=0.0, retries=0, respect_robots=False)
    server.routes["/drip"] = _trickle
    started = time.monotonic()
    with pytest.raises(FetchError) as caught:
        fetcher.get(server.url("/drip"))
    assert caught.value.code == "timeout"
    assert time.monotonic() - started < 2.5


def test_a_closed_port_is_a_connection_error() -> None:
    probe = socket.socket()
    probe.bind(("127.0.0.1", 0))
    port = probe.getsockname()[1]
    probe.close()
    fetcher = Fetcher(timeout_s=1.0, host_interval_s=0.0, retries=1, backoff_s=0.01,
                      respect_robots=False)
    with pytest.raises(FetchError) as caught:
        fetcher.get(f"http://127.0.0.1:{port}/")
    assert caught.value.code == "connection" and "Cannot connect" in str(caught.value)


def test_a_redirect_to_another_host_is_refused_when_same_host(
        server: Server, fetcher: Fetcher) -> None:
    server.routes["/old"] = Reply(302, headers={"Location": server.url("/new", "localhost")})
    server.routes["/moved"] = Reply(301, headers={"Location": "/new"})
    server.routes["/new"] = Reply(body=b"here")
    with pytest.raises(FetchError) as caught:
        fetcher.get(server.url("/old"), same_host=True)
    assert caught.value.code == "redirect_off_host" and "localhost" in str(caught.value)
    assert fetcher.get(server.url("/old")).final_url == server.url("/new", "localhost")
    moved = fetcher.get(server.url("/moved"), same_host=True)
    assert (moved.body, moved.final_url) == (b"here", server.url("/new"))


@pytest.mark.parametrize("url", ["ftp://example.com/feed", "file:///etc/passwd", "not a url"])
def test_only_http_addresses_are_fetched(fetcher: Fetcher, url: str) -> None:
    with pytest.raises(FetchError) as caught:
        fetcher.get(url)
    assert caught.value.code == "bad_url"


def _conditional(handler: BaseHTTPRequestHandler) -> Reply:
    if handler.headers.get("If-None-Match") == '"v1"' or \
            handler.headers.get("If-Modified-Since") == "Mon, 07 Dec 2026 01:00:00 GMT":
        return Reply(304)
    return Reply(body=b"<rss/>", headers={"ETag": '"v1"',
                                          "Last-Modified": "Mon, 07 Dec 2026 01:00:00 GMT"})


def test_conditional_requests_give_not_modified(server: Server, fetcher: Fetcher) -> None:
    server.routes["/feed"] = _conditional
    first = fetcher.get(server.url("/feed"))
    assert first.body == b"<rss/>" and not first.not_modified
    again = fetcher.get(server.url("/feed"), etag=first.etag)
    assert again.not_modified and again.body == b"" and again.etag == '"v1"'
    assert server.seen[-1].headers["If-None-Match"] == '"v1"'
    by_date = fetcher.get(server.url("/feed"), last_modified=first.last_modified)
    assert by_date.not_modified and by_date.status == 304
    assert by_date.last_modified == "Mon, 07 Dec 2026 01:00:00 GMT"


def test_robots_txt_is_obeyed_and_read_once(server: Server) -> None:
    fetcher = Fetcher(timeout_s=1.0, host_interval_s=0.0, retries=0)
    server.routes["/robots.txt"] = Reply(body=b"User-agent: *\nDisallow: /private\n",
                                         content_type="text/plain")
    server.routes["/public"] = Reply(body=b"ok")
    assert fetcher.get(server.url("/public")).body == b"ok"
    with pytest.raises(FetchError) as caught:
        fetcher.get(server.url("/private/page"))
    assert caught.value.code == "robots" and "robots.txt" in str(caught.value)
    assert server.hits("/robots.txt") == 1 and server.hits("/private/page") == 0


def test_a_missing_robots_txt_allows_everything(server: Server) -> None:
    fetcher = Fetcher(timeout_s=1.0, host_interval_s=0.0, retries=0)
    server.routes["/page"] = Reply(body=b"ok")
    assert fetcher.get(server.url("/page")).body == b"ok"
    assert fetcher.get(server.url("/page")).body == b"ok"
    assert server.hits("/robots.txt") == 1


def test_requests_to_one_host_keep_the_interval(server: Server) -> None:
    fetcher = Fetcher(timeout_s=1.0, host_interval_s=0.3, retries=0, respect_robots=False)
    server.routes["/a"] = Reply(body=b"a")
    fetcher.get(server.url("/a"))
    fetcher.get(server.url("/a"))
    threads = [threading.Thread(target=fetcher.get, args=(server.url("/a"),)) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    times = sorted(seen.at for seen in server.seen)
    assert len(times) == 4
    assert min(b - a for a, b in zip(times, times[1:], strict=False)) >= 0.28


def test_a_latin_1_page_decodes_right(server: Server, fetcher: Fetcher) -> None:
    body = "<p>Café di Jambi, résumé</p>".encode("iso-8859-1")
    server.routes["/declared"] = Reply(body=body, content_type="text/html; charset=ISO-8859-1")
    server.routes["/undeclared"] = Reply(body=body, content_type="text/html")
    meta = b'<html><head><meta charset="iso-8859-1"></head>' + body
    server.routes["/meta"] = Reply(body=meta, content_type="text/html")
    for path in ("/declared", "/undeclared", "/meta"):
        assert "Café di Jambi, résumé" in fetcher.get(server.url(path)).text


def test_text_prefers_utf_8_and_the_declared_charset() -> None:
    def page(body: bytes, content_type: str = "text/html") -> Fetched:
        return Fetched("u", "u", 200, body, content_type, None, None, False)

    assert page("Polri – berita".encode()).text == "Polri – berita"
    assert page("Polri – berita".encode("cp1252")).text == "Polri – berita"
    assert page("\ufeffhalo".encode()).text == "halo"
    xml = '<?xml version="1.0" encoding="windows-1252"?><rss>é</rss>'.encode("cp1252")
    assert page(xml, "application/xml").text.endswith("<rss>é</rss>")


def test_an_api_key_never_shows_in_an_error(server: Server, fetcher: Fetcher) -> None:
    with pytest.raises(FetchError) as caught:
        fetcher.get(server.url("/v3/videos?part=id&key=SECRET123&id=x"))
    assert "SECRET123" not in str(caught.value) and "key=REDACTED" in str(caught.value)
    assert redact("https://a/b?key=abc&x=1") == "https://a/b?key=REDACTED&x=1"


def test_the_fetcher_takes_the_operator_s_settings(server: Server) -> None:
    from dataclasses import replace

    from analysis.settings import Settings

    fetcher = Fetcher.from_settings(replace(Settings(), fetch_timeout_s=7.0,
                                            fetch_host_interval_s=0.0))
    assert fetcher.timeout_s == 7.0 and fetcher.respect_robots
    server.routes["/feed"] = Reply(body=b"<rss/>")
    fetcher.get(server.url("/feed"), accept="application/rss+xml")
    assert server.seen[-1].headers["Accept"] == "application/rss+xml"


def test_a_forbidden_robots_txt_forbids_the_host(server: Server) -> None:
    fetcher = Fetcher(timeout_s=1.0, host_interval_s=0.0, retries=0)
    server.routes["/robots.txt"] = Reply(403, b"no")
    with pytest.raises(FetchError) as caught:
        fetcher.get(server.url("/page"))
    assert caught.value.code == "robots"
