"""The collect tests' fixtures: the local web server (tests.web_server) and a fast fetcher."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from analysis.collect.fetch import Fetcher
from tests.web_server import Reply, Route, Seen, Server

__all__ = ["Reply", "Route", "Seen", "Server"]


@pytest.fixture
def server() -> Iterator[Server]:
    running = Server()
    yield running
    running.close()


@pytest.fixture
def fetcher() -> Fetcher:
    """Fast and forgiving for tests: short timeout, tiny backoff, no pause, no robots."""
    return Fetcher(timeout_s=1.0, host_interval_s=0.0, retries=2, backoff_s=0.01,
                   respect_robots=False)
