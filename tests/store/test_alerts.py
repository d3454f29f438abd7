"""The alert tables: destinations shown masked, an event stored once per key with a delivery
per destination, attempts and retries recorded, and the log."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from analysis.store import Store
from analysis.store.alerts import (
    add_destination,
    alert_log,
    destination_urls,
    due_deliveries,
    held_deliveries,
    hold_pending,
    list_destinations,
    mask_url,
    raise_events,
    record_delivery,
    remove_destination,
    set_destination_active,
)

NOW = datetime(2025, 7, 10, 5, 0, tzinfo=UTC)


@pytest.fixture
def store(any_store: Store) -> Store:
    """Every test here on DuckDB and on PostgreSQL."""
    return any_store


@pytest.mark.parametrize(("url", "shown"), [
    ("tgram://123456:AAHtoken/-100200", "tgram://…/"),
    ("mailto://humas:rahasia@mail.polri.go.id", "mailto://humas@mail.polri.go.id"),
    ("mailtos://user:pw@smtp.example.org:587?to=a@b.c&pass=pw", "mailtos://user@smtp.example.org:587"),
    ("mailto://127.0.0.1:2525?from=a@b.c&to=d@e.f", "mailto://127.0.0.1:2525"),
    ("json://user:pw@hooks.example.org/secret/path?token=abc", "json://hooks.example.org/…"),
    ("json://127.0.0.1:8080", "json://127.0.0.1:8080"),
    ("discord://webhook_id/webhook_token", "discord://…/"),
    ("slack://T1/B1/C1", "slack://…/"),
    ("not a url", "not a url://…/"),
])
def test_a_url_is_shown_without_its_secrets(url: str, shown: str) -> None:
    assert mask_url(url) == shown


def event(key: str) -> dict[str, object]:
    return {"event_key": key, "kind": "claim_match", "title": f"judul {key}",
            "body": f"isi {key}", "link": "http://pantau/hoaks", "payload": {"n": 1}}


def test_destinations_are_listed_masked_switched_and_removed(store: Store) -> None:
    first = add_destination(store, "tgram://123:tok/-1", "Grup humas")
    second = add_destination(store, "mailto://u:pw@host.org", None)
    assert (first, second) == ("1", "2")
    listed = list_destinations(store)
    assert listed["label"].tolist() == ["Grup humas", "mailto://u@host.org"]
    assert listed["shown"].tolist() == ["tgram://…/", "mailto://u@host.org"]
    assert "url" not in listed.columns and "pw" not in listed.to_string()
    assert destination_urls(store) == {"1": "tgram://123:tok/-1", "2": "mailto://u:pw@host.org"}
    assert set_destination_active(store, "1", False)
    assert list(destination_urls(store)) == ["2"]
    assert remove_destination(store, "2") and not remove_destination(store, "2")
    assert add_destination(store, "json://h/x", None) == "2"


def test_an_event_is_stored_once_with_a_delivery_per_destination(store: Store) -> None:
    add_destination(store, "json://a/x", None)
    add_destination(store, "json://b/x", None)
    assert raise_events(store, [event("k1")], ["1", "2"], NOW) == ["k1"]
    assert raise_events(store, [event("k1"), event("k2")], ["1", "2"], NOW) == ["k2"]
    due = due_deliveries(store, NOW, 8)
    assert due[["event_key", "destination_id"]].values.tolist() == [
        ["k1", "1"], ["k1", "2"], ["k2", "1"], ["k2", "2"]]
    record_delivery(store, ["k1"], "1", True, None, NOW, None)
    record_delivery(store, ["k1"], "2", False, "refused", NOW, NOW + timedelta(minutes=1))
    assert len(due_deliveries(store, NOW, 8)) == 2  # k2's; k1 to 2 waits a minute
    assert len(due_deliveries(store, NOW + timedelta(minutes=1), 8)) == 3
    assert len(due_deliveries(store, NOW + timedelta(minutes=1), 1)) == 2  # attempts capped
    log = alert_log(store)
    k1 = log[log["event_key"] == "k1"].set_index("destination_id")
    assert k1.loc["1", "status"] == "sent" and k1.loc["1", "sent_at"] is not None
    assert (k1.loc["2", "status"], k1.loc["2", "attempts"], k1.loc["2", "last_error"]) == (
        "failed", 1, "refused")
    assert hold_pending(store) == 2
    assert held_deliveries(store)["event_key"].tolist() == ["k2", "k2"]


def test_an_event_without_destinations_is_still_logged(store: Store) -> None:
    raise_events(store, [event("k1")], [], NOW)
    [row] = alert_log(store).to_dict("records")
    assert (row["event_key"], row["status"], row["destination"]) == ("k1", "none", None)
