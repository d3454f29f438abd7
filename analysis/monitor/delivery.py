"""Sending one message to one destination through Apprise, without leaking its secrets.

An Apprise URL can hold a bot token or a mail password, and Apprise logs through Python's
``logging`` (the URL, the server's answer), as does its HTTP client (each request's path).
While Pantau sends, those loggers (:data:`QUIETED`) stop passing records on to Pantau's
handlers: they are caught here instead, and the error recorded for a
failed delivery is made from them with every piece of the URL that could be a secret blanked
out (:func:`redact`). Nothing with the URL reaches Pantau's logs, the store or the pages.

Failed deliveries are tried again with a growing wait (:func:`next_try`): one minute, then
doubling, at most an hour apart, :data:`MAX_ATTEMPTS` tries in all.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta
from urllib.parse import parse_qsl, unquote, urlsplit

import apprise

MAX_ATTEMPTS = 8
FIRST_WAIT = timedelta(minutes=1)
LONGEST_WAIT = timedelta(hours=1)
ERROR_CHARS = 300


@dataclass(frozen=True)
class Outcome:
    """Whether a message went out, and if not why (free of secrets)."""

    ok: bool
    error: str | None = None


def next_try(attempts: int, now: datetime) -> datetime | None:
    """When to try again after ``attempts`` failed tries (None: give up)."""
    if attempts >= MAX_ATTEMPTS:
        return None
    wait = min(FIRST_WAIT * 2 ** max(attempts - 1, 0), LONGEST_WAIT)
    return now + wait


def secrets_of(url: str) -> list[str]:
    """The pieces of ``url`` that could be secret: the whole URL, the user and password, every
    host, path segment and query value of four characters or more (longest first)."""
    pieces = {url}
    try:
        parts = urlsplit(url)
        pieces |= {parts.netloc, parts.username or "", parts.password or "",
                   parts.hostname or "", parts.path, parts.query}
        pieces |= set(re.split(r"[/:@,]", parts.netloc + "/" + parts.path))
        pieces |= {value for _, value in parse_qsl(parts.query)}
    except ValueError:
        pieces |= set(re.split(r"[/:@?&=,]", url))
    pieces |= {unquote(piece) for piece in pieces}
    return sorted((p for p in pieces if len(p) >= 4), key=len, reverse=True)


def redact(text: str, url: str) -> str:
    """``text`` with every piece of ``url`` that could be secret replaced by ``…``."""
    for piece in secrets_of(url):
        text = text.replace(piece, "…")
    return text


class _Caught(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


QUIETED = ("apprise", "urllib3", "requests")
"""The loggers kept from Pantau's handlers while sending: Apprise's, and the HTTP client's
(urllib3 logs each request's path at DEBUG, and a webhook's path can be its token)."""


@contextmanager
def _apprise_quiet() -> Iterator[_Caught]:
    """Apprise's (and its HTTP client's) log records caught here and kept from Pantau's
    handlers meanwhile."""
    caught = _Caught()
    loggers = [logging.getLogger(name) for name in QUIETED]
    before = [(logger.propagate, logger.level) for logger in loggers]
    for logger in loggers:
        logger.propagate = False
        logger.setLevel(logging.INFO if logger.name == "apprise" else logging.WARNING)
        logger.addHandler(caught)
    try:
        yield caught
    finally:
        for logger, (propagate, level) in zip(loggers, before, strict=True):
            logger.removeHandler(caught)
            logger.propagate = propagate
            logger.setLevel(level)


def _why(caught: _Caught, url: str) -> str:
    problems = [r.getMessage() for r in caught.records
                if r.levelno >= logging.WARNING and r.name.startswith("apprise")]
    text = " ".join(problems[-2:]) or "the destination did not accept the message"
    return redact(text, url)[:ERROR_CHARS]


def send(url: str, title: str, body: str) -> Outcome:
    """Send one message to the Apprise ``url``; what happened, without the URL's secrets."""
    with _apprise_quiet() as caught:
        try:
            sender = apprise.Apprise()
            if not sender.add(url):
                return Outcome(False, "not a URL Apprise knows (check the scheme and its form)")
            ok = bool(sender.notify(title=title, body=body))
        except Exception as error:  # a plugin's own failure: recorded, never raised
            return Outcome(False, redact(f"{type(error).__name__}: {error}", url)[:ERROR_CHARS])
    return Outcome(True) if ok else Outcome(False, _why(caught, url))


def known_url(url: str) -> bool:
    """Whether Apprise can deliver to ``url`` (its scheme and form are ones it knows)."""
    with _apprise_quiet():
        return apprise.Apprise.instantiate(url) is not None
