"""The starter list of sources: well-formed, unchecked rows said to be so."""

from __future__ import annotations

from urllib.parse import urlsplit

from analysis.collect.starter import KINDS, starter_feeds


def test_the_starter_list_is_well_formed() -> None:
    feeds = starter_feeds()
    assert 15 <= len(feeds) <= 25
    assert len({feed["url"] for feed in feeds}) == len(feeds)
    for feed in feeds:
        assert feed["kind"] in KINDS and feed["name"]
        assert urlsplit(feed["url"]).scheme == "https"
        assert feed["every_minutes"] >= 15
        assert feed["checked"] is False and feed["note"].startswith("not checked")
    assert {"jambi", "nasional"} <= {feed["region"] for feed in feeds}
    assert any(feed["kind"] == "claims" and "turnbackhoax.id" in feed["url"] for feed in feeds)
