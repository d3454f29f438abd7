"""Polite HTTP fetching: one :class:`Fetcher` for every page, feed and API call of the worker.

Each request has a total deadline (a server that never answers, or trickles its bytes, is given
up after ``timeout_s``), is retried with exponential backoff on connection errors, timeouts, 429
and 5xx (never on other 4xx), waits at least ``host_interval_s`` after the previous request to
the same host, asks robots.txt first (fetched once per host), reads at most ``max_bytes`` and
sends a User-Agent that names Pantau. A 304 to a conditional request (ETag / Last-Modified)
comes back as ``Fetched(not_modified=True)``. Every failure is a :class:`FetchError` whose
``code`` says what kind it is and whose message names the address (API keys redacted).
"""

from __future__ import annotations

import codecs
import logging
import re
import threading
import time
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from typing import Any
from urllib.parse import urljoin, urlsplit
from urllib.robotparser import RobotFileParser

import requests
import urllib3

from analysis.errors import FetchError

log = logging.getLogger(__name__)

USER_AGENT = (
    "Pantau/0.1 (+https://github.com/pantau; public-sentiment monitoring for Indonesian PR units)"
)
ROBOTS_AGENT = "Pantau"
MAX_REDIRECTS = 10
RETRY_AFTER_CAP_S = 120.0
"""The longest Retry-After a 429 is waited for; a longer one fails at once (try next run)."""
_CHUNK = 64 * 1024
_ERROR_BODY = 64 * 1024
"""How much of an HTTP error's answer is kept (on ``FetchError.body``)."""
_REDIRECTS = {301, 302, 303, 307, 308}
_SECRET = re.compile(r"(?i)([?&](?:key|api_key|apikey|access_token|token)=)[^&#]*")
_CHARSET = re.compile(rb"""(?i)<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)""")
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]+encoding\s*=\s*["']([\w.:-]+)["']""")
_LATIN = {"iso-8859-1", "iso8859-1", "latin-1", "latin1", "us-ascii", "ascii", "cp1252",
          "windows-1252", "l1"}


def redact(url: str) -> str:
    """``url`` with the value of an API key or token parameter replaced by ``REDACTED``."""
    return _SECRET.sub(r"\1REDACTED", url)


def _codec(name: str | None) -> str | None:
    """A Python codec for a declared charset; latin-1 and ASCII read as cp1252, as browsers
    do; None for an unknown name."""
    if not name:
        return None
    label = name.strip().strip("\"'").lower()
    if label in _LATIN:
        return "cp1252"
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


@dataclass
class Fetched:
    """One fetched answer: ``final_url`` after redirects, the raw ``body`` (empty when
    ``not_modified``), and the validators to send next time."""

    url: str
    final_url: str
    status: int
    body: bytes
    content_type: str
    etag: str | None
    last_modified: str | None
    not_modified: bool

    @property
    def charset(self) -> str | None:
        """The codec the body declares: in the Content-Type, else a ``<meta charset>`` or an
        XML declaration near the top; None when it declares none (or an unknown one)."""
        match = re.search(r"(?i)charset\s*=\s*[\"']?([\w.:-]+)", self.content_type or "")
        declared = _codec(match.group(1)) if match else None
        if declared:
            return declared
        head = self.body[:4096]
        found = _CHARSET.search(head) or _XML_ENCODING.search(head)
        return _codec(found.group(1).decode("ascii", "replace")) if found else None

    @property
    def text(self) -> str:
        """The body decoded: by its declared charset, else UTF-8, else cp1252 (which reads
        latin-1 pages right too)."""
        if self.body.startswith(codecs.BOM_UTF8):
            return self.body[len(codecs.BOM_UTF8):].decode("utf-8", "replace")
        declared = self.charset
        if declared:
            return self.body.decode(declared, "replace")
        try:
            return self.body.decode("utf-8")
        except UnicodeDecodeError:
            return self.body.decode("cp1252", "replace")


@dataclass
class _Answer:
    status: int
    headers: Any
    body: bytes


def _check_url(url: str) -> None:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise FetchError(
            f"Cannot fetch {redact(url)!r}: only http:// and https:// addresses with a host "
            "can be fetched", code="bad_url", url=redact(url))


def _host(url: str) -> str:
    """The host a pace and a robots.txt belong to: scheme, host and port."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc.lower()}"


def _same_site(first: str, second: str) -> bool:
    """Whether two addresses have one host name (a ``www.`` in front and the port aside)."""
    def name(url: str) -> str:
        host = (urlsplit(url).hostname or "").lower()
        return host[4:] if host.startswith("www.") else host
    return name(first) == name(second)


def _retry_after(headers: Any) -> float | None:
    """Seconds a Retry-After header asks to wait (a number or an HTTP date), None if absent."""
    raw = str(headers.get("Retry-After") or "").strip()
    if not raw:
        return None
    if raw.isdigit():
        return float(raw)
    try:
        return max(0.0, parsedate_to_datetime(raw).timestamp() - time.time())
    except (TypeError, ValueError):
        return None


def _http_error(url: str, status: int, body: bytes = b"") -> FetchError:
    hint = {404: "the page is gone or the address is wrong",
            403: "the server refuses Pantau", 401: "the server wants a login",
            410: "the page was removed", 429: "the server says too many requests"}.get(
        status, "the server failed" if status >= 500 else "")
    detail = f" ({hint})" if hint else ""
    return FetchError(f"GET {redact(url)} answered HTTP {status}{detail}",
                      code=f"http_{status}", url=redact(url), body=body)


class _Pace:
    """At least ``interval`` seconds between two requests to one host, across threads."""

    def __init__(self, interval: float) -> None:
        self.interval = interval
        self._next: dict[str, float] = {}
        self._lock = threading.Lock()

    def wait(self, host: str) -> None:
        with self._lock:
            now = time.monotonic()
            start = max(now, self._next.get(host, now))
            self._next[host] = start + self.interval
        if start > now:
            time.sleep(start - now)


class Fetcher:
    """Fetch pages politely (see the module's docstring); safe to share between threads."""

    def __init__(self, *, timeout_s: float = 20.0, host_interval_s: float = 1.0,
                 max_bytes: int = 5 * 1024 * 1024, retries: int = 3, backoff_s: float = 1.0,
                 user_agent: str = USER_AGENT, respect_robots: bool = True) -> None:
        self.timeout_s = timeout_s
        self.max_bytes = max_bytes
        self.retries = retries
        self.backoff_s = backoff_s
        self.user_agent = user_agent
        self.respect_robots = respect_robots
        self._pace = _Pace(host_interval_s)
        self._robots: dict[str, RobotFileParser | None] = {}
        self._robots_lock = threading.Lock()
        self.session = requests.Session()
        self.session.headers["User-Agent"] = user_agent

    @classmethod
    def from_settings(cls, settings: Any) -> Fetcher:
        """A fetcher with the operator's timeout and per-host interval (``PANTAU_FETCH_*``)."""
        return cls(timeout_s=settings.fetch_timeout_s,
                   host_interval_s=settings.fetch_host_interval_s)

    def get(self, url: str, *, etag: str | None = None, last_modified: str | None = None,
            same_host: bool = False, accept: str | None = None,
            check_robots: bool = True) -> Fetched:
        """Fetch ``url``: follow redirects (none to another host when ``same_host``), send
        ``If-None-Match``/``If-Modified-Since`` from ``etag``/``last_modified``; raise
        :class:`FetchError` on any failure. ``check_robots=False`` is for APIs called with a
        key (robots.txt is for crawlers)."""
        _check_url(url)
        headers = {"Accept": accept or "*/*"}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        current = url
        for _hop in range(MAX_REDIRECTS + 1):
            if check_robots:
                self._check_robots(current)
            answer = self._with_retries(current, headers)
            location = answer.headers.get("Location")
            if answer.status not in _REDIRECTS or not location:
                return self._fetched(url, current, answer, etag, last_modified)
            target = urljoin(current, location)
            _check_url(target)
            if same_host and not _same_site(url, target):
                raise FetchError(
                    f"{redact(current)} redirects to another host ({redact(target)}); "
                    "Pantau follows redirects of this source only within its own host",
                    code="redirect_off_host", url=redact(url))
            current = target
        raise FetchError(f"{redact(url)} redirects more than {MAX_REDIRECTS} times",
                         code="too_many_redirects", url=redact(url))

    def _fetched(self, url: str, final: str, answer: _Answer, etag: str | None,
                 last_modified: str | None) -> Fetched:
        if answer.status >= 400:
            raise _http_error(final, answer.status, answer.body)
        not_modified = answer.status == 304
        return Fetched(
            url=url, final_url=final, status=answer.status, body=answer.body,
            content_type=str(answer.headers.get("Content-Type") or ""),
            etag=answer.headers.get("ETag") or (etag if not_modified else None),
            last_modified=answer.headers.get("Last-Modified")
            or (last_modified if not_modified else None),
            not_modified=not_modified)

    def _with_retries(self, url: str, headers: dict[str, str]) -> _Answer:
        """One exchange, tried again after connection errors, timeouts, 429 and 5xx."""
        attempt = 0
        while True:
            wait: float | None = None
            try:
                answer = self._exchange(url, headers)
            except FetchError as error:
                if error.code not in ("timeout", "connection"):
                    raise
                failure = error
            else:
                if answer.status != 429 and answer.status < 500:
                    return answer
                failure = _http_error(url, answer.status, answer.body)
                wait = _retry_after(answer.headers)
            if wait is not None and wait > RETRY_AFTER_CAP_S:
                raise FetchError(f"{failure} and asks to wait {wait:.0f} s before trying again",
                                 code=failure.code, url=failure.url, body=failure.body)
            if attempt >= self.retries:
                if attempt:
                    raise FetchError(f"{failure}; gave up after {attempt + 1} attempts",
                                     code=failure.code, url=failure.url, body=failure.body)
                raise failure
            delay = max(self.backoff_s * 2**attempt, wait or 0.0)
            log.info("%s; trying again in %.1f s", failure, delay)
            time.sleep(delay)
            attempt += 1

    def _exchange(self, url: str, headers: dict[str, str]) -> _Answer:
        """One request and its body, within the deadline and the size cap; no redirects."""
        self._pace.wait(_host(url))
        deadline = time.monotonic() + self.timeout_s
        try:
            response = self.session.get(url, headers=headers, stream=True, allow_redirects=False,
                                        timeout=(self.timeout_s, self.timeout_s))
        except requests.Timeout:
            raise self._timeout(url) from None
        except requests.RequestException as error:
            raise FetchError(f"Cannot connect to {redact(url)}: {type(error).__name__}",
                             code="connection", url=redact(url)) from None
        with response:
            status = response.status_code
            if status in _REDIRECTS or status == 304:
                return _Answer(status, response.headers, b"")
            limit = _ERROR_BODY if status >= 400 else self.max_bytes
            body = self._read(url, response, deadline, limit)
        return _Answer(response.status_code, response.headers, body)

    def _read(self, url: str, response: requests.Response, deadline: float,
              limit: int) -> bytes:
        """The body, within the deadline; over ``limit`` bytes is too large (an error's
        answer is cut there instead)."""
        declared = response.headers.get("Content-Length", "")
        if response.status_code >= 400 and declared.isdigit() and int(declared) > limit:
            return b""
        if declared.isdigit() and int(declared) > limit:
            raise self._too_large(url, f"it declares {int(declared):,} bytes")
        chunks: list[bytes] = []
        size = 0
        try:
            while chunk := response.raw.read1(_CHUNK, decode_content=True):
                chunks.append(chunk)
                size += len(chunk)
                if size > limit:
                    if response.status_code >= 400:
                        break
                    raise self._too_large(url, f"more than {size:,} bytes came")
                if time.monotonic() > deadline:
                    raise self._timeout(url)
        except (urllib3.exceptions.TimeoutError, TimeoutError):
            raise self._timeout(url) from None
        except (urllib3.exceptions.HTTPError, OSError) as error:
            raise FetchError(
                f"The connection to {redact(url)} broke while reading: {type(error).__name__}",
                code="connection", url=redact(url)) from None
        return b"".join(chunks)

    def _timeout(self, url: str) -> FetchError:
        return FetchError(f"{redact(url)} did not answer completely within {self.timeout_s:g} s",
                          code="timeout", url=redact(url))

    def _too_large(self, url: str, detail: str) -> FetchError:
        return FetchError(f"{redact(url)} is too large to fetch ({detail}; the limit is "
                          f"{self.max_bytes:,} bytes)", code="too_large", url=redact(url))

    def _check_robots(self, url: str) -> None:
        if not self.respect_robots:
            return
        rules = self._robots_for(_host(url))
        if rules is not None and not rules.can_fetch(ROBOTS_AGENT, url):
            raise FetchError(f"robots.txt of {_host(url)} does not allow Pantau to fetch "
                             f"{redact(url)}", code="robots", url=redact(url))

    def _robots_for(self, host: str) -> RobotFileParser | None:
        """The host's robots.txt rules, fetched once; None (everything allowed) when it has
        none or it cannot be read. A 401/403 for robots.txt forbids the whole host."""
        with self._robots_lock:
            if host in self._robots:
                return self._robots[host]
        rules: RobotFileParser | None = None
        try:
            answer = self._exchange(f"{host}/robots.txt", {"Accept": "text/plain"})
        except FetchError as error:
            log.info("robots.txt of %s unreadable (%s): taken as allowing everything", host, error)
        else:
            if answer.status in (401, 403):
                rules = RobotFileParser()
                rules.parse(["User-agent: *", "Disallow: /"])
            elif 200 <= answer.status < 300:
                rules = RobotFileParser()
                rules.parse(answer.body.decode("utf-8", "replace").splitlines())
        with self._robots_lock:
            self._robots[host] = rules
        return rules
