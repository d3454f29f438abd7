"""A store whose every shown text field carries XSS and markdown payloads, and a reader of
everything a page renders as markdown or chart text, to find a payload left live."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from streamlit.testing.v1 import AppTest

from analysis.store import Store
from analysis.store.sources import insert_source
from analysis.store.watchlist import insert_entity
from tests.dashboard_fixtures import build_store

PAYLOAD = ('<img src=x onerror=alert(1)> <script>alert(1)</script> [x](javascript:alert(1)) '
           '![](http://evil.example/x.png) <a href="http://evil.example">klik</a>')
HEADING = "\n===\n"
"""A line of ``=`` under a text makes a fake heading in markdown."""

LIVE_MARKDOWN = [
    re.compile(r"(?<!\\)<(?:img|script|a)\b", re.I),      # raw HTML (unsafe_allow_html pages)
    re.compile(r"(?<!\\)\]\((?!https?://)[^)]*\)"),         # a link to anything but http(s)
    re.compile(r"(?<!\\)!\\?\[[^\]]*\]\(http"),             # an image from anywhere
    re.compile(r"(?<!\\)\]\(http://evil"),                  # a link from data
    re.compile(r"\n\s*={3,}\s*(\n|$)"),                     # a setext heading from data
]
LIVE_CHART = re.compile(r"<(?:img|script|a|iframe|svg)\b", re.I)
"""Plotly draws a subset of HTML (links among it); escaped (&lt;) tags are plain text."""


def build_hostile_store(path: Path) -> Store:
    """The fixture store with the payload in posts, authors, sources, platforms, links, claim
    titles, the upload's file name, an entity's name and a mapping preset's name."""
    store = build_store(path)
    with store.connect() as con:
        con.execute("UPDATE documents SET author = ?, source = ? WHERE id = 't2'",
                    ["akun" + PAYLOAD, "sumber" + PAYLOAD + HEADING])
        con.execute("UPDATE documents SET platform = ? WHERE id IN ('t1', 't2', 't3')",
                    ["x" + PAYLOAD + HEADING])
        con.execute("UPDATE documents SET text = text || ? WHERE id IN ('t2', 'i2')",
                    [" " + PAYLOAD + HEADING])
        con.execute("UPDATE documents SET url = 'javascript:alert(1)' WHERE id = 't4'")
        con.execute("UPDATE claims SET title = title || ?", [" " + PAYLOAD + HEADING])
        con.execute("UPDATE uploads SET filename = ?", ["ekspor" + PAYLOAD + ".csv"])
    insert_entity(store, "Polda" + PAYLOAD, "polisi OR sepeda", "ani")
    insert_source(store, "sumber" + PAYLOAD, "rss", "https://evil.example/feed" + PAYLOAD, 60,
                  {}, "ani")
    with store.connect() as con:  # a failing source shows its error (from the site) above
        con.execute("UPDATE sources SET last_error = ?, failures = 3", ["galat" + PAYLOAD])
    # preset names are checked when saved (letters, digits, spaces, . - _): see test_xss.py
    return store


def shown_markdown(at: AppTest) -> list[str]:
    """Every string on the page that Streamlit renders as markdown: text, captions, alerts,
    headings, expander, metric and widget labels and help."""
    found: list[str] = []
    for node in _walk(at._tree):
        proto = getattr(node, "proto", None)
        if proto is None:
            continue
        for field in ("body", "label", "help", "caption", "value", "placeholder"):
            value = getattr(proto, field, None)
            if isinstance(value, str) and value:
                found.append(value)
    return found


def chart_strings(at: AppTest) -> list[str]:
    """Every string in every Plotly figure of the page (titles, names, hover, text)."""
    found: list[str] = []
    for chart in at.get("plotly_chart"):
        _strings(json.loads(chart.proto.spec), found)
    return found


def live(strings: list[str], patterns: list[re.Pattern[str]]) -> list[str]:
    return [s for s in strings for p in patterns if p.search(s)]


def _walk(node: Any) -> list[Any]:
    out = [node]
    for child in getattr(node, "children", {}).values():
        out += _walk(child)
    return out


def _strings(value: Any, found: list[str]) -> None:
    if isinstance(value, str):
        found.append(value)
    elif isinstance(value, dict):
        for key, item in value.items():
            if key != "customdata":  # never drawn but through a hover template (checked)
                _strings(item, found)
    elif isinstance(value, list):
        for item in value:
            _strings(item, found)
