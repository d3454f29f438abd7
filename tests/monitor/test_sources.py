"""Sources analysts add, pause, resume and remove: in the library and with ``pantau source``,
on DuckDB and on PostgreSQL."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from analysis.cli.app import main
from analysis.errors import SourceError
from analysis.monitor.sources import (
    active_sources,
    add_source,
    list_sources,
    pause_source,
    remove_source,
    resume_source,
)
from analysis.store import Store
from analysis.store.sources import record_run
from tests.monitor.backends import BOTH, db_of


@BOTH
def test_a_source_is_added_listed_paused_resumed_and_removed(store: Store) -> None:
    added = add_source(store, "rss", "https://example.org/rss.xml", name="Contoh", every_minutes=15)
    assert (added.name, added.every_minutes, added.active) == ("Contoh", 15, True)
    assert list_sources(store)[["name", "state"]].values.tolist() == [["Contoh", "new"]]
    pause_source(store, "Contoh")
    assert active_sources(store) == []
    assert list_sources(store)["state"].tolist() == ["paused"]
    resume_source(store, "Contoh")
    assert [s.name for s in active_sources(store)] == ["Contoh"]
    remove_source(store, "Contoh")
    assert list_sources(store).empty


def test_a_name_comes_from_the_target_and_a_kind_has_its_default_schedule(store: Store) -> None:
    added = add_source(store, "claims", "https://turnbackhoax.id/feed/")
    assert added.name == "claims-turnbackhoax.id-feed"
    assert added.every_minutes == 60


@pytest.mark.parametrize(("kind", "target", "says"), [
    ("rss", "antaranews.com/rss", "not a usable rss target"),
    ("rss", "ftp://example.org/feed", "not a usable rss target"),
    ("folder", "/no/such/folder", "is not a folder"),
    ("youtube", "tidak ada", "video or channel"),
    ("telegram", "https://t.me/x", "Unknown source kind"),
])
def test_a_target_of_the_wrong_form_is_refused_with_the_reason(
        store: Store, kind: str, target: str, says: str) -> None:
    with pytest.raises(SourceError, match=says):
        add_source(store, kind, target)
    assert list_sources(store).empty


@BOTH
def test_a_taken_name_and_an_unknown_name_are_refused(store: Store, tmp_path: Path) -> None:
    add_source(store, "folder", str(tmp_path), name="drop")
    with pytest.raises(SourceError, match="exists already"):
        add_source(store, "rss", "https://example.org/feed", name="drop")
    with pytest.raises(SourceError, match=r"No source named 'lain' \(sources: drop\)"):
        pause_source(store, "lain")
    with pytest.raises(SourceError, match="between every minute and once a week"):
        add_source(store, "rss", "https://example.org/feed", every_minutes=0)


@BOTH
def test_a_failed_run_marks_the_source_failing_until_one_works(store: Store) -> None:
    from datetime import UTC, datetime

    add_source(store, "rss", "https://example.org/feed", name="x")
    now = datetime.now(UTC)
    record_run(store, "x", now, status="failed", error="HTTP 500 from https://example.org/feed")
    row = list_sources(store).iloc[0]
    assert (row["state"], row["last_error"], row["failures"]) == (
        "failing", "HTTP 500 from https://example.org/feed", 1)
    record_run(store, "x", now, status="ok", new_items=3, etag='"abc"')
    row = list_sources(store).iloc[0]
    assert (row["state"], row["last_error"], row["failures"], row["etag"]) == ("ok", None, 0,
                                                                              '"abc"')


@BOTH
def test_the_source_commands_speak_json(store: Store) -> None:
    db = db_of(store)  # the file, or the PostgreSQL server's URL
    runner = CliRunner()

    def run(*args: str) -> dict:
        result = runner.invoke(main, [*args, "--db", db, "--json"])
        assert result.exit_code == 0, result.output
        return json.loads(result.output)

    added = run("source", "add", "rss", "https://example.org/rss", "--name", "Berita",
                "--every", "10")
    assert added["added"]["every_minutes"] == 10
    assert run("source", "pause", "Berita") == {"pause": "Berita"}
    listed = run("source", "list")["sources"]
    assert [(s["name"], s["state"], s["active"]) for s in listed] == [("Berita", "paused", False)]
    run("source", "resume", "Berita")
    run("source", "remove", "Berita")
    assert run("source", "list") == {"sources": []}
    refused = runner.invoke(main, ["source", "add", "rss", "not a url", "--db", db])
    assert refused.exit_code != 0 and "not a usable rss target" in refused.output
